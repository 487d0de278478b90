import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type Session, type TestApp } from '../helpers/build-test-app';
import { testEngines } from '../helpers/test-database';

describe.each(testEngines())('foundation on %s', (engine) => {
  let t: TestApp;
  let admin: Session;

  beforeAll(async () => {
    t = await buildTestApp(engine);
    admin = await t.userSession('quantri', 'system_admin', '25');
  });
  afterAll(async () => t?.close());

  it('answers health with the engine', async () => {
    const response = await t.inject({ method: 'GET', url: '/api/health' });
    expect(response.json()).toEqual({ status: 'ok', database: engine });
  });

  it('has the reference organizations: 1 province, its departments and 148 communes', async () => {
    const response = await t.inject({ method: 'GET', url: '/api/v1/organizations', headers: admin.headers });
    const items = response.json().items as { kind: string }[];
    expect(items.filter((item) => item.kind === 'province')).toHaveLength(1);
    expect(items.filter((item) => item.kind === 'commune' || item.kind === 'ward')).toHaveLength(148);
  });
});
