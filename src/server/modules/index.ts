import type { FastifyInstance } from 'fastify';
import type { AppConfig } from '../config';
import type { Clock } from '../clock';
import type { Database } from '../db/client';
import { createStatsService } from './stats/stats.service';
import { statsRoutes } from './stats/stats.routes';
import { createDirectivesService } from './directives/directives.service';
import { directiveRoutes } from './directives/directives.routes';
import { createTasksService } from './tasks/tasks.service';
import { taskRoutes } from './tasks/tasks.routes';
import { createFilesService } from './files/files.service';
import { fileRoutes } from './files/files.routes';
import { createImportsService } from './imports/imports.service';
import { importRoutes } from './imports/imports.routes';
import { createIndicatorsService } from './indicators/indicators.service';
import { indicatorRoutes } from './indicators/indicators.routes';
import { createIndicatorImportsService } from './indicators/indicator-imports.service';
import { indicatorImportRoutes } from './indicators/indicator-imports.routes';

/** Services beyond the foundation: directives, tasks, files, statistics, imports, indicators. */
export function createTaskServices(database: Database, clock: Clock, config: Pick<AppConfig, 'dueSoonDays'> & Partial<Pick<AppConfig, 'lockDays'>>) {
  const directives = createDirectivesService(database, clock);
  const indicators = createIndicatorsService(database, clock, { lockDays: config.lockDays ?? 15 });
  return {
    indicators,
    indicatorImports: createIndicatorImportsService(database, clock, { indicators }),
    directives,
    tasks: createTasksService(database, clock, { dueSoonDays: config.dueSoonDays, directives }),
    files: createFilesService(database),
    imports: createImportsService(database, clock, { directives }),
    stats: createStatsService(database, clock, { dueSoonDays: config.dueSoonDays }),
  };
}

/** Routes of the modules beyond the foundation. */
export async function registerApiModules(api: FastifyInstance): Promise<void> {
  await api.register(statsRoutes);
  await api.register(directiveRoutes);
  await api.register(taskRoutes);
  await api.register(fileRoutes);
  await api.register(importRoutes);
  await api.register(indicatorRoutes);
  await api.register(indicatorImportRoutes);
}
