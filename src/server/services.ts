import type { AppConfig } from './config';
import type { Clock } from './clock';
import type { Database } from './db/client';
import { createOrganizationsService } from './modules/organizations/organizations.service';
import { createUsersService } from './modules/users/users.service';
import { createTaskServices } from './modules/index';

/** Every service, wired to its repositories, the database and the clock. */
export function createServices(database: Database, clock: Clock, config: Pick<AppConfig, 'sessionDays' | 'dueSoonDays'> & Partial<Pick<AppConfig, 'lockDays'>>) {
  const organizations = createOrganizationsService(database, clock);
  const users = createUsersService(database, clock, { sessionDays: config.sessionDays });
  return { organizations, users, ...createTaskServices(database, clock, config) };
}

export type Services = ReturnType<typeof createServices>;
