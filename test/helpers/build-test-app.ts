import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/server/app';
import { loadConfig } from '../../src/server/config';
import type { Clock } from '../../src/server/clock';
import { todayInVietnam } from '../../src/domain/dates';
import type { Role } from '../../src/domain/policies';
import type { Services } from '../../src/server/services';
import { createTestDatabase, type Engine, type TestDatabase } from './test-database';

/** A clock the test can move. */
export interface TestClock extends Clock {
  /** Moves to a date, at 10:00 in Vietnam (03:00 UTC). */
  set(today: string): void;
  /** Moves the time forward (or back, when negative) by minutes; `today()` follows across midnight in Vietnam. */
  advanceMinutes(minutes: number): void;
}

export function testClock(today: string): TestClock {
  let current = new Date(`${today}T03:00:00Z`);
  return {
    now: () => new Date(current),
    today: () => todayInVietnam(current),
    set(next: string) {
      current = new Date(`${next}T03:00:00Z`);
    },
    advanceMinutes(minutes: number) {
      current = new Date(current.getTime() + minutes * 60_000);
    },
  };
}

export interface Session {
  cookie: string;
  csrf: string;
  headers: Record<string, string>;
}

export interface TestApp {
  app: FastifyInstance;
  services: Services;
  clock: TestClock;
  testDatabase: TestDatabase;
  /** Creates a user with one role on an organization; password "matkhau-123". */
  createUser(username: string, role: Role, organizationCode: string): Promise<number>;
  login(username: string, password?: string): Promise<Session>;
  /** Creates a user and logs in. */
  userSession(username: string, role: Role, organizationCode: string): Promise<Session>;
  inject: FastifyInstance['inject'];
  close(): Promise<void>;
}

export const testPassword = 'matkhau-123';

/** Builds the real application on a fresh test database. */
export async function buildTestApp(engine: Engine, options: { today?: string } = {}): Promise<TestApp> {
  const clock = testClock(options.today ?? '2026-03-15');
  const testDatabase = await createTestDatabase(engine, clock);
  const config = loadConfig({ LOG_LEVEL: 'silent', THUCTHI_WEB_DIR: '/nonexistent', THUCTHI_SESSION_DAYS: '90' }, process.cwd());
  const app = await buildApp(config, { database: testDatabase.database, clock });
  await app.ready();
  const services = app.deps.services;

  async function createUser(username: string, role: Role, organizationCode: string) {
    const user = await services.users.createAsSystem({ username, fullName: username, password: testPassword, roles: [{ role, organizationCode }] });
    return user.id;
  }

  async function login(username: string, password = testPassword): Promise<Session> {
    const response: LightMyRequestResponse = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
    if (response.statusCode !== 200) throw new Error(`login ${username}: ${response.statusCode} ${response.body}`);
    const cookies = response.cookies as { name: string; value: string }[];
    const session = cookies.find((cookie) => cookie.name === 'thucthi_session')!.value;
    const csrf = cookies.find((cookie) => cookie.name === 'thucthi_csrf')!.value;
    const cookie = `thucthi_session=${session}; thucthi_csrf=${csrf}`;
    return { cookie, csrf, headers: { cookie, 'x-csrf-token': csrf } };
  }

  return {
    app,
    services,
    clock,
    testDatabase,
    createUser,
    login,
    async userSession(username, role, organizationCode) {
      await createUser(username, role, organizationCode);
      return login(username);
    },
    inject: app.inject.bind(app),
    async close() {
      await app.close();
      await testDatabase.drop();
    },
  };
}
