import { eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { files } from '../../db/schema/index';

export async function insertFile(executor: Executor, values: typeof files.$inferInsert) {
  const [row] = await executor.insert(files).values(values).returning({ id: files.id, name: files.name, size: files.size, mimeType: files.mimeType, createdAt: files.createdAt, createdBy: files.createdBy });
  return row;
}

export async function findFile(executor: Executor, id: number) {
  const rows = await executor.select().from(files).where(eq(files.id, id)).limit(1);
  return rows[0] ?? null;
}

export async function findFileOwners(executor: Executor, ids: number[]) {
  if (ids.length === 0) return [];
  return executor.select({ id: files.id, createdBy: files.createdBy }).from(files).where(inArray(files.id, ids));
}
