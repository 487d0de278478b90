/**
 * GET /api/v1/stats/tasks: task timeliness as of a date (domain.md, "Task timeliness, as of a date"),
 * computed in SQL, checked case by case and against the pure rules of src/domain on random tasks.
 */
import fc from 'fast-check';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../src/domain/dates';
import { rankOrganizations } from '../../src/domain/ranking';
import { isCounted, summarizeTasks, type TaskFacts, type TimelinessCounts } from '../../src/domain/timeliness';
import { buildTestApp, type Session, type TestApp } from '../helpers/build-test-app';
import { testEngines } from '../helpers/test-database';
import {
  approveExtension,
  insertDirective,
  insertExtensions,
  insertTask,
  insertTasks,
  type ExtensionInput,
  type TaskInput,
} from '../helpers/task-factory';

const today = '2026-03-15';

type Category = 'completedOnTime' | 'completedLate' | 'inProgress' | 'overdue' | 'noDeadline';

interface OrganizationFigures extends TimelinessCounts {
  code: string;
  name: string;
  rank: number | null;
}

interface StatisticsBody extends TimelinessCounts {
  asOf: string;
  organizations: OrganizationFigures[];
}

const zeroCounts: TimelinessCounts = {
  total: 0,
  due: 0,
  completedOnTime: 0,
  completedLate: 0,
  inProgress: 0,
  overdue: 0,
  noDeadline: 0,
  dueSoon: 0,
  completionRate: null,
  onTimeRate: null,
};

/** The counts of exactly one task of `category`. */
function oneTask(category: Category, dueSoon = false): TimelinessCounts {
  const counts = { ...zeroCounts, total: 1, [category]: 1, dueSoon: dueSoon ? 1 : 0 };
  counts.due = counts.completedOnTime + counts.completedLate + counts.overdue;
  if (counts.due > 0) {
    counts.completionRate = (counts.completedOnTime + counts.completedLate) / counts.due;
    counts.onTimeRate = counts.completedOnTime / counts.due;
  }
  return counts;
}

function countsOf(body: TimelinessCounts): TimelinessCounts {
  const { total, due, completedOnTime, completedLate, inProgress, overdue, noDeadline, dueSoon, completionRate, onTimeRate } = body;
  return { total, due, completedOnTime, completedLate, inProgress, overdue, noDeadline, dueSoon, completionRate, onTimeRate };
}

interface TimelinessCase {
  name: string;
  task: Omit<TaskInput, 'directiveId'>;
  extensions?: ExtensionInput[];
  /** Default: today (the test clock). */
  asOf?: string;
  /** null: the task is not counted. */
  expected: Category | null;
  dueSoon?: boolean;
}

// asOf 2026-03-15 unless stated; every task is led by SKHCN and alone in its directive.
const timelinessCases: TimelinessCase[] = [
  { name: 'in progress, deadline far', task: { originalDeadline: '2026-04-30' }, expected: 'inProgress' },
  { name: 'in progress, deadline in 3 days = due soon', task: { originalDeadline: '2026-03-18' }, expected: 'inProgress', dueSoon: true },
  { name: 'in progress, deadline in 4 days = not due soon', task: { originalDeadline: '2026-03-19' }, expected: 'inProgress' },
  { name: 'deadline today = in progress and due soon', task: { originalDeadline: today }, expected: 'inProgress', dueSoon: true },
  { name: 'deadline yesterday = overdue', task: { originalDeadline: '2026-03-14' }, expected: 'overdue' },
  { name: 'continuous = no deadline', task: { originalDeadline: null }, expected: 'noDeadline' },
  { name: 'completed before the deadline', task: { originalDeadline: '2026-02-28', completedOn: '2026-02-01' }, expected: 'completedOnTime' },
  { name: 'completed on the deadline day = on time', task: { originalDeadline: '2026-02-28', completedOn: '2026-02-28' }, expected: 'completedOnTime' },
  { name: 'completed the day after the deadline = late', task: { originalDeadline: '2026-02-28', completedOn: '2026-03-01' }, expected: 'completedLate' },
  { name: 'completed without a deadline = on time', task: { originalDeadline: null, completedOn: '2026-03-01' }, expected: 'completedOnTime' },
  { name: 'completed on asOf counts as completed', task: { originalDeadline: '2026-03-10', completedOn: today }, expected: 'completedLate' },
  { name: 'completed after asOf = not yet completed (overdue)', task: { originalDeadline: '2026-03-10', completedOn: '2026-03-20' }, expected: 'overdue' },
  { name: 'completed after asOf = not yet completed (in progress)', task: { originalDeadline: '2026-03-31', completedOn: '2026-03-20' }, expected: 'inProgress' },
  {
    name: 'extension approved before completion = judged on the new deadline',
    task: { originalDeadline: '2026-02-28', completedOn: '2026-03-10' },
    extensions: [{ decidedOn: '2026-02-20', requestedDeadline: '2026-03-31' }],
    expected: 'completedOnTime',
  },
  {
    name: 'extension approved on the completion day applies',
    task: { originalDeadline: '2026-02-28', completedOn: '2026-03-10' },
    extensions: [{ decidedOn: '2026-03-10', requestedDeadline: '2026-03-31' }],
    expected: 'completedOnTime',
  },
  {
    name: 'extension approved after completion = judged on the old deadline',
    task: { originalDeadline: '2026-02-28', completedOn: '2026-03-05' },
    extensions: [{ decidedOn: '2026-03-10', requestedDeadline: '2026-03-31' }],
    expected: 'completedLate',
  },
  {
    name: 'extension that shortens the deadline before completion makes it late',
    task: { originalDeadline: '2026-04-30', completedOn: '2026-03-10' },
    extensions: [{ decidedOn: '2026-02-01', requestedDeadline: '2026-03-01' }],
    expected: 'completedLate',
  },
  {
    name: 'extension approved before asOf = in progress on the new deadline',
    task: { originalDeadline: '2026-03-10' },
    extensions: [{ decidedOn: '2026-03-05', requestedDeadline: '2026-04-30' }],
    expected: 'inProgress',
  },
  {
    name: 'extension approved after asOf does not apply yet (overdue)',
    task: { originalDeadline: '2026-03-10' },
    extensions: [{ decidedOn: '2026-03-20', requestedDeadline: '2026-04-30' }],
    expected: 'overdue',
  },
  {
    name: 'the same task as of the approval date is in progress',
    task: { originalDeadline: '2026-03-10' },
    extensions: [{ decidedOn: '2026-03-20', requestedDeadline: '2026-04-30' }],
    asOf: '2026-03-20',
    expected: 'inProgress',
  },
  {
    name: 'due soon is judged on the extended deadline',
    task: { originalDeadline: '2026-04-30' },
    extensions: [{ decidedOn: '2026-03-01', requestedDeadline: '2026-03-17' }],
    expected: 'inProgress',
    dueSoon: true,
  },
  {
    name: 'the latest approved extension wins',
    task: { originalDeadline: '2026-02-28' },
    extensions: [
      { decidedOn: '2026-03-01', requestedDeadline: '2026-03-12' },
      { decidedOn: '2026-02-01', requestedDeadline: '2026-04-30' },
    ],
    expected: 'overdue',
  },
  {
    name: 'two extensions approved the same day: the later one (highest id) wins',
    task: { originalDeadline: '2026-02-28' },
    extensions: [
      { decidedOn: '2026-03-01', requestedDeadline: '2026-04-30' },
      { decidedOn: '2026-03-01', requestedDeadline: '2026-03-12' },
    ],
    expected: 'overdue',
  },
  {
    name: 'rejected and pending extensions do not apply',
    task: { originalDeadline: '2026-03-10' },
    extensions: [
      { decidedOn: '2026-03-01', requestedDeadline: '2026-04-30', status: 'rejected' },
      { decidedOn: '2026-03-02', requestedDeadline: '2026-04-30', status: 'pending' },
    ],
    expected: 'overdue',
  },
  { name: 'cancelled before asOf = not counted', task: { originalDeadline: '2026-03-10', cancelledOn: '2026-03-12' }, expected: null },
  { name: 'cancelled on asOf = not counted', task: { originalDeadline: '2026-03-10', cancelledOn: today }, expected: null },
  { name: 'cancelled after asOf = counted', task: { originalDeadline: '2026-03-10', cancelledOn: '2026-03-16' }, expected: 'overdue' },
  { name: 'assigned after asOf = not counted yet', task: { assignedOn: '2026-03-16', originalDeadline: '2026-04-30' }, expected: null },
  { name: 'assigned on asOf = counted', task: { assignedOn: today, originalDeadline: '2026-04-30' }, expected: 'inProgress' },
  { name: 'a container is never counted', task: { lead: null, isContainer: true, originalDeadline: null }, expected: null },
  { name: 'a container with a lead is never counted either', task: { isContainer: true, originalDeadline: '2026-03-01' }, expected: null },
];

describe.each(testEngines())('task statistics on %s', (engine) => {
  let t: TestApp;
  let viewer: Session;

  async function getStatistics(query: Record<string, string | number | undefined>, session: Session | null = viewer) {
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) if (value !== undefined) search.set(key, String(value));
    return t.inject({ method: 'GET', url: `/api/v1/stats/tasks?${search}`, headers: session?.headers ?? {} });
  }

  async function statistics(query: Record<string, string | number | undefined>): Promise<StatisticsBody> {
    const response = await getStatistics(query);
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as StatisticsBody;
  }

  beforeAll(async () => {
    t = await buildTestApp(engine, { today });
    // A viewer of one commune: the figures are published, so it sees every organization.
    viewer = await t.userSession('xem-xa', 'viewer', '04873');
  });
  afterAll(async () => t?.close());

  describe('timeliness of one task', () => {
    it.each(timelinessCases)('$name', async ({ task, extensions, asOf, expected, dueSoon }) => {
      const directive = await insertDirective(t.testDatabase.database.db);
      const taskId = await insertTask(t.testDatabase.database.db, { directiveId: directive.id, ...task });
      await insertExtensions(t.testDatabase.database.db, (extensions ?? []).map((extension) => ({ taskId, ...extension })));

      const body = await statistics({ directive: directive.number, asOf });
      expect(body.asOf).toBe(asOf ?? today);
      if (expected === null) {
        expect(countsOf(body)).toEqual(zeroCounts);
        expect(body.organizations).toEqual([]);
        return;
      }
      const counts = oneTask(expected, dueSoon);
      expect(countsOf(body)).toEqual(counts);
      expect(body.organizations).toEqual([
        { code: 'SKHCN', name: 'Sở Khoa học và Công nghệ', ...counts, rank: counts.due > 0 ? 1 : null },
      ]);
    });
  });

  describe('scope', () => {
    let root: { id: number; number: string };
    let child: { id: number; number: string };

    beforeAll(async () => {
      const db = t.testDatabase.database.db;
      root = await insertDirective(db);
      child = await insertDirective(db, { parentId: root.id });
      const grandchild = await insertDirective(db, { parentId: child.id });
      const other = await insertDirective(db);
      // Another directive with the same number and symbol, from another issuer: both are meant.
      const namesake = await insertDirective(db, { number: root.number, issuerCode: 'SKHCN' });
      await insertTasks(db, [
        { directiveId: root.id, lead: '25', originalDeadline: '2026-04-30' },
        { directiveId: root.id, lead: 'SKHCN', originalDeadline: '2026-02-28', completedOn: '2026-02-01', coordinating: ['STC', '04792'] },
        { directiveId: root.id, lead: null, isContainer: true, originalDeadline: null },
        { directiveId: root.id, lead: 'SCT', isContainer: true, originalDeadline: '2026-01-31' },
        { directiveId: child.id, lead: 'STC', originalDeadline: '2026-03-01' },
        { directiveId: grandchild.id, lead: '04792', originalDeadline: '2026-01-31', completedOn: '2026-02-10' },
        { directiveId: grandchild.id, lead: '04795', originalDeadline: null },
        { directiveId: other.id, lead: 'SKHCN', originalDeadline: '2026-03-01' },
        { directiveId: other.id, lead: '04849', originalDeadline: '2026-03-16' },
        { directiveId: namesake.id, lead: 'SNV', originalDeadline: '2026-05-31' },
      ]);
    });

    const codesOf = (body: StatisticsBody) => body.organizations.map((row) => row.code).sort();

    it('a directive covers the directives implementing it, at any depth, and its namesakes', async () => {
      const body = await statistics({ directive: root.number });
      expect(codesOf(body)).toEqual(['04792', '04795', '25', 'SKHCN', 'SNV', 'STC']);
      expect(countsOf(body)).toMatchObject({ total: 6, completedOnTime: 1, completedLate: 1, overdue: 1, inProgress: 2, noDeadline: 1, due: 3 });
      expect(body.completionRate).toBeCloseTo(2 / 3, 12);
      expect(body.onTimeRate).toBeCloseTo(1 / 3, 12);
    });

    it('a directive given by id covers its own subtree only', async () => {
      const body = await statistics({ directive: String(child.id) });
      expect(codesOf(body)).toEqual(['04792', '04795', 'STC']);
      expect(body.total).toBe(3);
    });

    it('the province covers its departments and communes', async () => {
      const body = await statistics({ directive: root.number, org: '25' });
      expect(codesOf(body)).toEqual(['04792', '04795', '25', 'SKHCN', 'SNV', 'STC']);
      expect(body.total).toBe(6);
    });

    it('a commune alone', async () => {
      const body = await statistics({ directive: root.number, org: '04792' });
      expect(body.organizations).toEqual([
        { code: '04792', name: 'Phường Tân Hòa', ...oneTask('completedLate'), rank: 1 },
      ]);
      expect(countsOf(body)).toEqual(oneTask('completedLate'));
    });

    it('an organization without a directive filter', async () => {
      const body = await statistics({ org: '04849' });
      expect(body.organizations.map((row) => row.code)).toEqual(['04849']);
      expect(countsOf(body)).toEqual(oneTask('inProgress', true));
    });

    it('coordinating organizations are not counted', async () => {
      const department = await statistics({ directive: root.number, org: 'STC' });
      expect(department.organizations.map((row) => [row.code, row.total])).toEqual([['STC', 1]]);
      expect(department.overdue).toBe(1);
      const commune = await statistics({ directive: root.number });
      expect(commune.organizations.find((row) => row.code === '04792')?.total).toBe(1);
    });

    it('the totals are the sum over the organizations, also without any filter', async () => {
      const body = await statistics({});
      expect(body.asOf).toBe(today);
      for (const key of ['total', 'due', 'completedOnTime', 'completedLate', 'inProgress', 'overdue', 'noDeadline', 'dueSoon'] as const) {
        expect(body[key], key).toBe(body.organizations.reduce((sum, row) => sum + row[key], 0));
      }
      expect(body.total).toBeGreaterThan(10);
    });
  });

  describe('ranking', () => {
    it('ties share a rank and the next rank skips (1, 2, 2, 4); no due task = rank null, by code', async () => {
      const db = t.testDatabase.database.db;
      const directive = await insertDirective(db);
      const onTime = { originalDeadline: '2026-02-28', completedOn: '2026-02-20' };
      const overdue = { originalDeadline: '2026-02-28' };
      await insertTasks(
        db,
        [
          { lead: 'SKHCN', ...onTime },
          { lead: 'SKHCN', ...onTime },
          { lead: 'STC', ...onTime },
          { lead: 'STC', ...overdue },
          { lead: 'SCT', ...overdue },
          { lead: 'SCT', ...onTime },
          { lead: 'SNV', ...overdue },
          { lead: '04846', originalDeadline: '2026-12-31' },
          { lead: '04831', originalDeadline: null },
        ].map((task) => ({ directiveId: directive.id, ...task })),
      );
      const body = await statistics({ directive: directive.number });
      expect(body.organizations.map((row) => [row.code, row.rank])).toEqual([
        ['SKHCN', 1],
        ['SCT', 2],
        ['STC', 2],
        ['SNV', 4],
        ['04831', null],
        ['04846', null],
      ]);
      expect(body.organizations[1]).toMatchObject({ due: 2, completedOnTime: 1, overdue: 1, completionRate: 0.5, onTimeRate: 0.5 });
      expect(body.organizations[4]).toMatchObject({ due: 0, noDeadline: 1, completionRate: null, onTimeRate: null });
      expect(countsOf(body)).toMatchObject({ total: 9, due: 7, completedOnTime: 4, overdue: 3, inProgress: 1, noDeadline: 1 });
      expect(body.completionRate).toBeCloseTo(4 / 7, 12);
    });

    it('an empty scope has zero counts and null rates', async () => {
      const directive = await insertDirective(t.testDatabase.database.db);
      const body = await statistics({ directive: directive.number });
      expect(body).toEqual({ asOf: today, ...zeroCounts, organizations: [] });
    });

    it('a scope with nothing due has null rates', async () => {
      const directive = await insertDirective(t.testDatabase.database.db);
      const taskId = await insertTask(t.testDatabase.database.db, { directiveId: directive.id, originalDeadline: '2026-03-01' });
      await approveExtension(t.testDatabase.database.db, taskId, '2026-02-25', '2026-03-31');
      const body = await statistics({ directive: directive.number });
      expect(countsOf(body)).toEqual(oneTask('inProgress'));
      expect(body.organizations[0]).toMatchObject({ code: 'SKHCN', rank: null, completionRate: null, onTimeRate: null });
    });
  });

  describe('errors', () => {
    it('requires a signed-in user', async () => {
      const response = await getStatistics({}, null);
      expect(response.statusCode).toBe(401);
      expect(response.json().error).toMatchObject({ code: 'UNAUTHENTICATED', message: 'Vui lòng đăng nhập.' });
    });

    it('rejects a date that does not exist', async () => {
      const response = await getStatistics({ asOf: '2026-02-30' });
      expect(response.statusCode).toBe(400);
      expect(response.json().error.code).toBe('VALIDATION_ERROR');
      expect(response.json().error.message).toContain('asOf');
    });

    it('names an unknown directive', async () => {
      const response = await getStatistics({ directive: '999-NQ/KHONGCO' });
      expect(response.statusCode).toBe(404);
      expect(response.json().error).toMatchObject({ code: 'NOT_FOUND', message: 'Không tìm thấy văn bản chỉ đạo "999-NQ/KHONGCO".' });
      const byId = await getStatistics({ directive: '987654321' });
      expect(byId.statusCode).toBe(404);
      expect(byId.json().error.message).toBe('Không tìm thấy văn bản chỉ đạo "987654321".');
    });

    it('names an unknown organization', async () => {
      const response = await getStatistics({ org: 'KHONGCO' });
      expect(response.statusCode).toBe(404);
      expect(response.json().error).toMatchObject({ code: 'NOT_FOUND', message: 'Không tìm thấy cơ quan, đơn vị có mã "KHONGCO".' });
    });
  });

  describe('agrees with the pure rules of src/domain on random tasks', () => {
    const base = '2026-01-01';
    const leads = ['25', 'SKHCN', 'STC', '04792', '04795'] as const;
    const scopes = [undefined, '25', 'SKHCN', '04792'] as const;
    const organizations = new Map<string, { name: string; path: string }>();

    beforeAll(async () => {
      const rows = await t.testDatabase.database.rows<{ code: string; name: string; path: string }>(
        sql`select code, name, path from organizations where code in ('25', 'SKHCN', 'STC', '04792', '04795')`,
      );
      for (const row of rows) organizations.set(row.code, { name: row.name, path: row.path });
    });

    const day = (maximum: number) => fc.integer({ min: 0, max: maximum }).map((offset) => addDays(base, offset));
    const extensionArbitrary = fc.record({
      decidedOn: day(80),
      requestedDeadline: day(90),
      status: fc.constantFrom('approved', 'approved', 'approved', 'rejected', 'pending') as fc.Arbitrary<'approved' | 'rejected' | 'pending'>,
    });
    const taskArbitrary = fc.record({
      /** 0 = the root directive, 1 its child, 2 its grandchild, 3 a directive outside the subtree. */
      directive: fc.integer({ min: 0, max: 3 }),
      lead: fc.constantFrom(...leads),
      isContainer: fc.integer({ min: 0, max: 9 }).map((draw) => draw === 0),
      assignedOn: day(50),
      originalDeadline: fc.option(day(80), { freq: 5 }),
      extensions: fc.array(extensionArbitrary, { maxLength: 3 }),
      completedOn: fc.option(day(90), { freq: 2 }),
      cancelledOn: fc.oneof({ arbitrary: fc.constant(null), weight: 4 }, { arbitrary: day(90), weight: 1 }),
    });
    const runArbitrary = fc.record({
      tasks: fc.array(taskArbitrary, { minLength: 40, maxLength: 80 }),
      asOfs: fc.array(day(95), { minLength: 1, maxLength: 3 }),
      scope: fc.constantFrom(...scopes),
    });

    type RandomTask = typeof taskArbitrary extends fc.Arbitrary<infer T> ? T : never;

    function factsOf(task: RandomTask): TaskFacts {
      return {
        assignedOn: task.assignedOn,
        isContainer: task.isContainer,
        originalDeadline: task.originalDeadline,
        // In insertion order (increasing id): on equal approval dates the later one wins on both sides.
        extensions: task.extensions
          .filter((extension) => extension.status === 'approved')
          .map((extension) => ({ approvedOn: extension.decidedOn, newDeadline: extension.requestedDeadline })),
        completedOn: task.completedOn,
        cancelledOn: task.cancelledOn,
      };
    }

    it('on ~25 random sets of tasks, extensions, completions, cancellations and dates', async () => {
      const db = t.testDatabase.database.db;
      const dueSoonDays = t.app.deps.config.dueSoonDays;
      let checks = 0;
      await fc.assert(
        fc.asyncProperty(runArbitrary, async ({ tasks, asOfs, scope }) => {
          const root = await insertDirective(db);
          const child = await insertDirective(db, { parentId: root.id });
          const grandchild = await insertDirective(db, { parentId: child.id });
          const outside = await insertDirective(db);
          const directiveIds = [root.id, child.id, grandchild.id, outside.id];
          const ids = await insertTasks(
            db,
            tasks.map((task) => ({
              directiveId: directiveIds[task.directive],
              lead: task.lead,
              isContainer: task.isContainer,
              assignedOn: task.assignedOn,
              originalDeadline: task.originalDeadline,
              completedOn: task.completedOn,
              cancelledOn: task.cancelledOn,
            })),
          );
          await insertExtensions(
            db,
            tasks.flatMap((task, index) => task.extensions.map((extension) => ({ taskId: ids[index], ...extension }))),
          );

          const scopePath = scope === undefined ? undefined : organizations.get(scope)!.path;
          const inScope = tasks.filter(
            (task) => task.directive !== 3 && (scopePath === undefined || organizations.get(task.lead)!.path.startsWith(scopePath)),
          );
          for (const asOf of asOfs) {
            const byLead = new Map<string, TaskFacts[]>();
            for (const task of inScope) {
              const facts = factsOf(task);
              if (!isCounted(facts, asOf)) continue;
              byLead.set(task.lead, [...(byLead.get(task.lead) ?? []), facts]);
            }
            const expected = {
              asOf,
              ...summarizeTasks(inScope.map(factsOf), asOf, { dueSoonDays }),
              organizations: rankOrganizations(
                [...byLead].map(([code, facts]) => ({
                  code,
                  name: organizations.get(code)!.name,
                  ...summarizeTasks(facts, asOf, { dueSoonDays }),
                })),
              ),
            };
            expect(await statistics({ asOf, directive: root.number, org: scope })).toEqual(expected);
            checks += 1;
          }
        }),
        { numRuns: 25 },
      );
      expect(checks).toBeGreaterThanOrEqual(25);
    });
  });
});
