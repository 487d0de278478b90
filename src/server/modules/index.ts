import type { FastifyInstance } from 'fastify';
import type { AppConfig } from '../config';
import type { Clock } from '../clock';
import type { Database } from '../db/client';

/** Services of the task area (directives, tasks, statistics, imports). */
export function createTaskServices(_database: Database, _clock: Clock, _config: Pick<AppConfig, 'dueSoonDays'>) {
  return {};
}

/** Routes of the modules beyond the foundation. */
export async function registerApiModules(_api: FastifyInstance): Promise<void> {}
