import type { AppConfig } from '../../config';
import type { Clock } from '../../clock';
import type { Database } from '../../db/client';
import { DEFAULT_COLD_DAYS } from '../../../domain/cold-execution';
import type { DirectivesService } from '../directives/directives.service';
import { createNotificationsService } from '../notifications/notifications.service';
import { createScorecardsService } from '../scorecards/scorecards.service';
import type { StatsService } from '../stats/stats.service';
import { createTasksService } from '../tasks/tasks.service';
import { createIndicatorsService } from '../indicators/indicators.service';
import { createOverviewService } from './overview.service';
import { yieldingDatabase } from './yielding-database';

/**
 * The services of the leaders' screens and reminders: overview, scorecards, notifications (the
 * bell and preferences). The reminder scheduler is started by the server, not here.
 */
export function createLeadershipServices(
  database: Database,
  clock: Clock,
  config: Pick<AppConfig, 'dueSoonDays'> & Partial<Pick<AppConfig, 'coldDays' | 'smtpUrl' | 'lockDays'>>,
  deps: { directives: DirectivesService; stats: StatsService },
) {
  const coldDays = config.coldDays ?? DEFAULT_COLD_DAYS;
  const stats = deps.stats;
  const tasks = createTasksService(database, clock, { dueSoonDays: config.dueSoonDays, directives: deps.directives });
  // The indicator cards are computed in the background, through a database view that yields between queries.
  const backgroundIndicators = createIndicatorsService(yieldingDatabase(database), clock, { lockDays: config.lockDays ?? 15 });
  const overview = createOverviewService(database, clock, { coldDays, stats, tasks, indicators: backgroundIndicators });
  return {
    overview,
    scorecards: createScorecardsService(database, clock, { coldDays, stats, tasks, overview }),
    notifications: createNotificationsService(database, clock, { emailEnabled: Boolean(config.smtpUrl) }),
  };
}
