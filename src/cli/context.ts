import { loadConfig, ConfigError, type AppConfig } from '../server/config';
import { systemClock, type Clock } from '../server/clock';
import { openDatabase, migrateDatabase, type Database } from '../server/db/client';
import { createServices, type Services } from '../server/services';
import { AppError } from '../server/errors';
import { configureZodMessages } from '../server/validation';

export interface CliContext {
  config: AppConfig;
  database: Database;
  services: Services;
  clock: Clock;
}

/** Exit status: 0 done, 1 rows with errors (imports), 2 anything else. */
export class CliExit extends Error {
  constructor(public readonly status: number, message: string) {
    super(message);
  }
}

/** Opens the configured database (migrated), runs `action`, and always closes it. */
export async function withContext<T>(action: (context: CliContext) => Promise<T>): Promise<T> {
  configureZodMessages();
  let config: AppConfig;
  try {
    config = loadConfig(process.env, process.cwd());
  } catch (error) {
    if (error instanceof ConfigError) throw new CliExit(2, error.message);
    throw error;
  }
  let database: Database;
  try {
    database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: 4 });
  } catch (error) {
    if (error instanceof AppError) throw new CliExit(2, error.message);
    throw new CliExit(2, `Không kết nối được cơ sở dữ liệu: ${(error as Error).message}`);
  }
  try {
    await migrateDatabase(database);
    const services = createServices(database, systemClock, config);
    return await action({ config, database, services, clock: systemClock });
  } finally {
    await database.close();
  }
}

/** Turns an error into a message and an exit status. */
export function describeCliError(error: unknown): { status: number; message: string } {
  if (error instanceof CliExit) return { status: error.status, message: error.message };
  if (error instanceof AppError) return { status: 2, message: error.message };
  return { status: 2, message: `Lỗi: ${(error as Error).message ?? String(error)}` };
}
