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
import { createReportsService } from './reports/reports.service';
import { reportRoutes } from './reports/reports.routes';
import { createIndicesService } from './indices/indices.service';
import { indexRoutes } from './indices/indices.routes';
import { createProjectsService } from './projects/projects.service';
import { projectRoutes } from './projects/projects.routes';
import { buildPortfolioReportSection } from './projects/projects.report-section';
import { createLeadershipServices } from './overview/leadership-services';
import { overviewRoutes } from './overview/overview.routes';
import { scorecardRoutes } from './scorecards/scorecards.routes';
import { notificationRoutes } from './notifications/notifications.routes';

/** Services beyond the foundation: directives, tasks, files, statistics, imports, indicators. */
export function createTaskServices(database: Database, clock: Clock, config: Pick<AppConfig, 'dueSoonDays'> & Partial<Pick<AppConfig, 'lockDays' | 'coldDays' | 'smtpUrl'>>) {
  const directives = createDirectivesService(database, clock);
  const indicators = createIndicatorsService(database, clock, { lockDays: config.lockDays ?? 15 });
  const projects = createProjectsService(database, clock, { directives, dueSoonDays: config.dueSoonDays });
  // One statistics service: its answers are cached (exactly, by the statistics version) for all.
  const stats = createStatsService(database, clock, { dueSoonDays: config.dueSoonDays });
  return {
    indicators,
    indicatorImports: createIndicatorImportsService(database, clock, { indicators }),
    indices: createIndicesService(database, clock, { indicators }),
    directives,
    tasks: createTasksService(database, clock, { dueSoonDays: config.dueSoonDays, directives }),
    files: createFilesService(database),
    imports: createImportsService(database, clock, { directives }),
    projects,
    stats,
    ...createLeadershipServices(database, clock, config, { directives, stats }),
    reports: createReportsService(database, clock, { stats, indicators, dueSoonDays: config.dueSoonDays, projectsSection: projectsSectionOf(projects) }),
  };
}

/** The portfolio section of the Word report; none while no project is recorded. */
function projectsSectionOf(projects: ReturnType<typeof createProjectsService>) {
  return async (asOf: string) => {
    const portfolio = await projects.portfolio(null, { asOf });
    return portfolio.total > 0 ? buildPortfolioReportSection(portfolio) : null;
  };
}

/** Routes of the modules beyond the foundation. */
export async function registerApiModules(api: FastifyInstance): Promise<void> {
  await api.register(statsRoutes);
  await api.register(directiveRoutes);
  await api.register(taskRoutes);
  await api.register(projectRoutes);
  await api.register(fileRoutes);
  await api.register(importRoutes);
  await api.register(indicatorRoutes);
  await api.register(indicatorImportRoutes);
  await api.register(reportRoutes);
  await api.register(indexRoutes);
  await api.register(overviewRoutes);
  await api.register(scorecardRoutes);
  await api.register(notificationRoutes);
}
