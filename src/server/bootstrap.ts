import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { AppConfig } from './config';
import type { Database } from './db/client';
import { migrateDatabase } from './db/client';
import type { Services } from './services';
import { seedDemo } from './demo/demo-data';
import type { Clock } from './clock';

/**
 * Prepares the database at start: migrations, then on an empty database the reference
 * organizations, the demo data set (unless disabled) and the `admin` account.
 */
export async function prepareDatabase(
  database: Database,
  config: Pick<AppConfig, 'loadDemo' | 'adminPassword'>,
  services: Services,
  clock: Clock,
  log: (line: string) => void,
): Promise<void> {
  await migrateDatabase(database);
  const [{ count }] = await database.rows<{ count: number }>(sql`select count(*)::int as count from organizations`);
  if (count === 0) {
    const { counts } = await services.organizations.seedReference({ national: false });
    log(`Đã nạp dữ liệu tham chiếu: ${counts.map((row) => `${row.count} ${row.kind}`).join(', ')}.`);
    if (config.loadDemo) {
      const summary = await seedDemo(database, services, clock);
      log(`Đã nạp dữ liệu mẫu: ${summary}.`);
    }
  }
  // Planner statistics after the first load (PGlite never runs autovacuum's ANALYZE by itself).
  if (count === 0) await database.rows(sql`analyze`);
  if (!(await services.users.findByUsername('admin'))) {
    const generated = !config.adminPassword;
    const password = config.adminPassword ?? crypto.randomBytes(12).toString('base64url');
    await services.users.createAsSystem({
      username: 'admin',
      fullName: 'Quản trị hệ thống',
      password,
      roles: [{ role: 'system_admin', organizationCode: '25' }],
    });
    if (generated) {
      log(`Đã tạo tài khoản quản trị "admin" với mật khẩu: ${password}`);
      log('Mật khẩu này chỉ hiện một lần; hãy đổi sau khi đăng nhập (hoặc đặt THUCTHI_ADMIN_PASSWORD).');
    } else {
      log('Đã tạo tài khoản quản trị "admin" với mật khẩu trong THUCTHI_ADMIN_PASSWORD.');
    }
  }
}
