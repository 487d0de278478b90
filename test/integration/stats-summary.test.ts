/**
 * The statistics summary (`task_tallies`, migration 0005) against the plain query over the base
 * tables: after random writes of every kind — new tasks, completions, cancellations, a new lead,
 * a new deadline, extensions approved, rejected or withdrawn, containers, deletions — the counts
 * it gives for random dates, scopes and kinds are those of the plain query. The plain query is
 * itself checked against the pure rules of src/domain in stats.test.ts.
 */
import fc from 'fast-check';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../src/domain/dates';
import {
  countTasksByLeadOrganization,
  countTasksByLeadOrganizationPlain,
  type TaskCountFilter,
} from '../../src/server/modules/stats/stats.repository';
import type { Executor } from '../../src/server/db/client';
import { buildTestApp, type TestApp } from '../helpers/build-test-app';
import { testEngines } from '../helpers/test-database';
import { insertDirective, insertExtensions, insertTasks } from '../helpers/task-factory';

const base = '2026-01-01';
const leads = ['25', 'SKHCN', 'STC', '04792', '04795'] as const;
const day = (maximum: number) => fc.integer({ min: 0, max: maximum }).map((offset) => addDays(base, offset));

const newTask = fc.record({
  lead: fc.constantFrom(...leads),
  isContainer: fc.integer({ min: 0, max: 9 }).map((draw) => draw === 0),
  assignedOn: day(50),
  originalDeadline: fc.option(day(80), { freq: 5 }),
  completedOn: fc.option(day(90), { freq: 3 }),
  cancelledOn: fc.oneof({ arbitrary: fc.constant(null), weight: 5 }, { arbitrary: day(90), weight: 1 }),
});

/** One write; `pick` chooses among the existing tasks (or extensions), modulo their number. */
const write = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), tasks: fc.array(newTask, { minLength: 1, maxLength: 12 }) }),
  fc.record({ kind: fc.constant('complete' as const), pick: fc.nat(), on: fc.option(day(95), { freq: 4 }) }),
  fc.record({ kind: fc.constant('cancel' as const), pick: fc.nat(), on: fc.option(day(95), { freq: 3 }) }),
  fc.record({ kind: fc.constant('lead' as const), pick: fc.nat(), lead: fc.constantFrom(...leads) }),
  fc.record({ kind: fc.constant('deadline' as const), pick: fc.nat(), deadline: fc.option(day(95), { freq: 4 }) }),
  fc.record({ kind: fc.constant('assigned' as const), pick: fc.nat(), on: day(60) }),
  fc.record({ kind: fc.constant('container' as const), pick: fc.nat(), isContainer: fc.boolean() }),
  fc.record({
    kind: fc.constant('extend' as const),
    pick: fc.nat(),
    decidedOn: day(85),
    requestedDeadline: day(100),
    status: fc.constantFrom('approved', 'approved', 'rejected', 'pending') as fc.Arbitrary<'approved' | 'rejected' | 'pending'>,
  }),
  fc.record({ kind: fc.constant('withdraw' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('delete' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('batch' as const), from: fc.nat(), shift: fc.integer({ min: -20, max: 20 }) }),
);
type Write = typeof write extends fc.Arbitrary<infer T> ? T : never;

async function ids(db: Executor, query: ReturnType<typeof sql>): Promise<number[]> {
  const result = (await db.execute(query)) as unknown as { rows: { id: number }[] };
  return result.rows.map((row) => row.id);
}

/** Applies one write the way the application's repositories do: plain SQL statements. */
async function apply(db: Executor, directiveId: number, organizationIds: Map<string, number>, change: Write): Promise<void> {
  const taskIds = await ids(db, sql`select id from tasks where directive_id = ${directiveId} order by id`);
  const picked = 'pick' in change && taskIds.length > 0 ? taskIds[change.pick % taskIds.length] : null;
  switch (change.kind) {
    case 'insert':
      await insertTasks(
        db,
        change.tasks.map((task) => ({ directiveId, ...task, lead: task.isContainer ? null : task.lead })),
      );
      return;
    case 'complete':
      if (picked !== null) await db.execute(sql`update tasks set completed_on = ${change.on}::date where id = ${picked}`);
      return;
    case 'cancel':
      if (picked !== null) await db.execute(sql`update tasks set cancelled_on = ${change.on}::date where id = ${picked}`);
      return;
    case 'lead':
      if (picked !== null) {
        await db.execute(sql`update tasks set lead_organization_id = ${organizationIds.get(change.lead)!} where id = ${picked} and not is_container`);
      }
      return;
    case 'deadline':
      if (picked !== null) await db.execute(sql`update tasks set original_deadline = ${change.deadline}::date where id = ${picked}`);
      return;
    case 'assigned':
      if (picked !== null) await db.execute(sql`update tasks set assigned_on = ${change.on}::date where id = ${picked}`);
      return;
    case 'container':
      if (picked !== null) await db.execute(sql`update tasks set is_container = ${change.isContainer} where id = ${picked}`);
      return;
    case 'extend':
      if (picked !== null) {
        await insertExtensions(db, [{ taskId: picked, decidedOn: change.decidedOn, requestedDeadline: change.requestedDeadline, status: change.status }]);
      }
      return;
    case 'withdraw': {
      const extensionIds = await ids(db, sql`select x.id from task_extensions x join tasks t on t.id = x.task_id where t.directive_id = ${directiveId} order by x.id`);
      if (extensionIds.length === 0) return;
      const extensionId = extensionIds[change.pick % extensionIds.length];
      await db.execute(sql`delete from task_extensions where id = ${extensionId}`);
      await db.execute(sql`update tasks set extension_count = (select count(*)::int from task_extensions x where x.task_id = tasks.id and x.status = 'approved')
                            where directive_id = ${directiveId}`);
      return;
    }
    case 'delete':
      if (picked !== null) {
        await db.execute(sql`delete from task_extensions where task_id = ${picked}`);
        await db.execute(sql`delete from tasks where id = ${picked}`);
      }
      return;
    case 'batch':
      // One statement moving many tasks at once (several rows in one trigger call).
      await db.execute(sql`update tasks set original_deadline = original_deadline + ${change.shift}::int
                            where directive_id = ${directiveId} and id % 3 = ${change.from % 3}`);
      return;
  }
}

describe.each(testEngines())('statistics summary on %s', (engine) => {
  let t: TestApp;
  const organizationIds = new Map<string, number>();
  const paths = new Map<string, string>();

  beforeAll(async () => {
    t = await buildTestApp(engine, { today: '2026-03-15' });
    const rows = await t.testDatabase.database.rows<{ id: number; code: string; path: string }>(
      sql`select id, code, path from organizations where code in ('25', 'SKHCN', 'STC', '04792', '04795')`,
    );
    for (const row of rows) {
      organizationIds.set(row.code, row.id);
      paths.set(row.code, row.path);
    }
  });
  afterAll(async () => {
    await t?.close();
  });

  async function expectSameAsPlain(filters: Omit<TaskCountFilter, 'dueSoonDays'>[]): Promise<void> {
    const db = t.testDatabase.database.db;
    for (const filter of filters) {
      const withSummary = await countTasksByLeadOrganization(db, { ...filter, dueSoonDays: 3 });
      const plain = await countTasksByLeadOrganizationPlain(db, { ...filter, dueSoonDays: 3 });
      expect({ filter, counts: withSummary }).toEqual({ filter, counts: plain });
    }
  }

  const checks = fc.record({
    asOf: fc.oneof(day(110), fc.constantFrom('2025-12-31', '2026-01-01', '2026-04-01', '2030-01-01')),
    scope: fc.constantFrom(undefined, '25', 'SKHCN', '04792'),
    kinds: fc.constantFrom(undefined, ['commune', 'ward'], ['department', 'agency']),
  });

  it('gives the counts of the plain query on random dates after random writes', async () => {
    const db = t.testDatabase.database.db;
    let compared = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(write, { minLength: 1, maxLength: 25 }), fc.array(checks, { minLength: 3, maxLength: 6 }), async (writes, dates) => {
        const directive = await insertDirective(db);
        for (const change of writes) await apply(db, directive.id, organizationIds, change);
        await expectSameAsPlain(
          dates.map((check) => ({
            asOf: check.asOf,
            organizationPath: check.scope === undefined ? undefined : paths.get(check.scope),
            kinds: check.kinds,
          })),
        );
        compared += dates.length;
      }),
      { numRuns: 30 },
    );
    expect(compared).toBeGreaterThanOrEqual(90);
    const [{ rows }] = await t.testDatabase.database.rows<{ rows: number }>(sql`select count(*)::int as rows from task_tallies`);
    expect(rows).toBeGreaterThan(0);
  });

  it('after a change inside a transaction, the summary is what the transaction wrote', async () => {
    const db = t.testDatabase.database.db;
    const directive = await insertDirective(db);
    const [taskId] = await insertTasks(db, [{ directiveId: directive.id, lead: '04795', assignedOn: '2026-02-01', originalDeadline: '2026-02-20' }]);
    const asOf = '2026-03-01';
    const overdueOf = async () =>
      (await countTasksByLeadOrganization(db, { asOf, dueSoonDays: 3, organizationPath: paths.get('04795') })).find((row) => row.code === '04795')?.overdue ?? 0;
    const before = await overdueOf();
    await expect(
      db.transaction(async (tx) => {
        await tx.execute(sql`update tasks set completed_on = '2026-02-25' where id = ${taskId}`);
        const inside = await countTasksByLeadOrganization(tx, { asOf, dueSoonDays: 3, organizationPath: paths.get('04795') });
        expect(inside.find((row) => row.code === '04795')?.overdue ?? 0).toBe(before - 1);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await overdueOf()).toBe(before);
  });

  it('a rebuild from the tasks gives the same summary as the triggers kept', async () => {
    const database = t.testDatabase.database;
    const dates = ['2026-01-15', '2026-02-28', '2026-03-15', '2026-04-30'];
    const answers = async () => Promise.all(dates.map((asOf) => countTasksByLeadOrganization(database.db, { asOf, dueSoonDays: 3 })));
    const kept = await answers();
    await database.rows(sql`select rebuild_task_tallies()`);
    expect(kept.some((rows) => rows.length > 0)).toBe(true);
    expect(await answers()).toEqual(kept);
  });

  it('writes made with thucthi.defer_tallies on are counted after a rebuild', async () => {
    const database = t.testDatabase.database;
    const directive = await insertDirective(database.db);
    await database.db.transaction(async (tx) => {
      await tx.execute(sql`select set_config('thucthi.defer_tallies', 'on', true)`);
      await insertTasks(tx, [
        { directiveId: directive.id, lead: 'STC', assignedOn: '2026-01-05', originalDeadline: '2026-01-20' },
        { directiveId: directive.id, lead: 'STC', assignedOn: '2026-01-05', originalDeadline: '2026-05-20', completedOn: '2026-01-10' },
      ]);
    });
    await database.rows(sql`select rebuild_task_tallies()`);
    await expectSameAsPlain([{ asOf: '2026-02-01' }, { asOf: '2026-01-10', organizationPath: paths.get('STC') }]);
  });
});
