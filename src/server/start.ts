import type { AppConfig } from './config';
import { buildApp } from './app';
import { systemClock } from './clock';
import { openDatabase } from './db/client';
import { prepareDatabase } from './bootstrap';
import { startReminderScheduler } from './modules/notifications/reminder-scheduler';

/** Opens the database, prepares it, and serves until SIGINT/SIGTERM. */
export async function startServer(config: AppConfig): Promise<void> {
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const app = await buildApp(config, { database, clock: systemClock });
  await prepareDatabase(database, config, app.deps.services, systemClock, (line) => console.log(line));
  // Reminders run inside the server; stopped before the database closes.
  const reminders = startReminderScheduler({ database, clock: systemClock, config, log: (line) => console.log(line) });
  const shutdown = async () => {
    await reminders.stop();
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  await app.listen({ port: config.port, host: config.host });
  console.log(`Thực Thi đang chạy tại http://localhost:${config.port} (cơ sở dữ liệu: ${database.kind === 'pglite' ? `PGlite, ${config.dataDir}` : 'PostgreSQL'})`);
}
