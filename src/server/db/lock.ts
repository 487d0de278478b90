import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../errors';

export interface DataDirLock {
  release(): void;
}

interface LockContent {
  pid: number;
  purpose: string;
  startedAt: string;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes the lock of a PGlite data directory: PGlite is one process per directory.
 * A stale lock (its process gone) is taken over.
 */
export function acquireDataDirLock(dataDir: string, purpose = process.argv.slice(2).join(' ') || 'thucthi'): DataDirLock {
  const lockPath = path.join(dataDir, 'thucthi.lock');
  const content: LockContent = { pid: process.pid, purpose, startedAt: new Date().toISOString() };
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      fs.writeFileSync(lockPath, JSON.stringify(content), { flag: 'wx' });
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        try {
          const current = JSON.parse(fs.readFileSync(lockPath, 'utf8')) as LockContent;
          if (current.pid === process.pid) fs.unlinkSync(lockPath);
        } catch {
          // already gone
        }
      };
      process.once('exit', release);
      return { release };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      let holder: LockContent | null = null;
      try {
        holder = JSON.parse(fs.readFileSync(lockPath, 'utf8')) as LockContent;
      } catch {
        holder = null;
      }
      if (holder && holder.pid !== process.pid && isAlive(holder.pid)) {
        throw new AppError(
          'DATABASE_BUSY',
          `Cơ sở dữ liệu nhúng tại ${dataDir} đang được tiến trình ${holder.pid} ("${holder.purpose}") sử dụng. Vui lòng dừng tiến trình đó, hoặc dùng DATABASE_URL để kết nối PostgreSQL.`,
        );
      }
      fs.rmSync(lockPath, { force: true });
    }
  }
  throw new AppError('DATABASE_BUSY', `Không khóa được thư mục dữ liệu ${dataDir}.`);
}
