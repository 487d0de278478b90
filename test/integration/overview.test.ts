/**
 * GET /api/v1/overview, /overview/cold-tasks and /scorecards: the leaders' screens, case by case on
 * a small province, then timed on a province-sized one (5,000 tasks, ~170 organizations, 50
 * indicators, 3 years of monthly values), where the SQL of cold execution is checked against the
 * pure rules of src/domain/cold-execution.
 */
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../src/domain/dates';
import { directiveActivity, isColdTask, type TaskActivityFacts } from '../../src/domain/cold-execution';
import type { Database } from '../../src/server/db/client';
import { taskEvents } from '../../src/server/db/schema/index';
import { listTaskActivity, summarizeColdExecution } from '../../src/server/modules/overview/overview.repository';
import { buildTestApp, type Session, type TestApp } from '../helpers/build-test-app';
import { testEngines } from '../helpers/test-database';
import { insertDirective, insertTask, insertTasks, type TaskInput } from '../helpers/task-factory';

const asOf = '2026-06-30';

interface Body {
  [key: string]: unknown;
}

async function addEvents(database: Database, events: { taskId: number; on: string; action: string }[]) {
  if (events.length) await database.db.insert(taskEvents).values(events.map((event) => ({ ...event, actorName: 'test' })));
}

describe.each(testEngines())('overview and scorecards on %s', (engine) => {
  let t: TestApp;
  let leader: Session;
  let snvReporter: Session;
  let communeReporter: Session;
  const ids: Record<string, number> = {};
  const communes = ['04792', '04795', '04828', '04831', '04846', '04849', '04873', '04876', '04891', '04894', '04897', '04924', '04960', '04978'];

  beforeAll(async () => {
    t = await buildTestApp(engine, { today: asOf });
    const db = t.testDatabase.database.db;
    const plan = await insertDirective(db, { number: '10/KH-UBND', issuedOn: '2026-01-05' });
    const task = (name: string, input: Omit<TaskInput, 'directiveId'>, directiveId = plan.id) =>
      insertTask(db, { directiveId, title: name, ...input }).then((id) => (ids[name] = id));

    // Cold execution (asOf 30/06/2026, 30 days).
    await task('updated 30 days ago', { lead: 'SKHCN', originalDeadline: '2026-12-31' });
    await task('updated 29 days ago', { lead: 'SKHCN', originalDeadline: '2026-12-31' });
    await task('never updated, overdue 15 days', { lead: 'SKHCN', originalDeadline: '2026-06-15' });
    await task('paused', { lead: 'SNV', originalDeadline: '2026-12-31' });
    await task('awaiting confirmation', { lead: 'SNV', originalDeadline: '2026-12-31' });
    await task('completed', { lead: 'SNV', originalDeadline: '2026-12-31', completedOn: '2026-03-01' });
    await task('updated only after asOf', { lead: 'SNV', originalDeadline: '2026-12-31' });
    await db.execute(sql`update tasks set state = 'paused' where id = ${ids.paused}`);
    await db.execute(sql`update tasks set state = 'awaiting_confirmation' where id = ${ids['awaiting confirmation']}`);
    await addEvents(t.testDatabase.database, [
      { taskId: ids['updated 30 days ago'], on: '2026-05-31', action: 'progress' },
      { taskId: ids['updated 29 days ago'], on: '2026-06-01', action: 'progress' },
      { taskId: ids.paused, on: '2026-02-01', action: 'pause' },
      { taskId: ids['awaiting confirmation'], on: '2026-03-01', action: 'submit' },
      { taskId: ids.completed, on: '2026-03-01', action: 'submit' },
      { taskId: ids['updated only after asOf'], on: '2026-07-05', action: 'progress' },
    ]);

    // Overdue by age, on the boundaries (all updated recently: not cold).
    for (const [name, deadline] of [
      ['overdue 30 days', '2026-05-31'],
      ['overdue 31 days', '2026-05-30'],
      ['overdue 76 days', '2026-04-15'],
      ['overdue 90 days', '2026-04-01'],
      ['overdue 91 days', '2026-03-31'],
      ['overdue 150 days', '2026-01-31'],
    ] as const) {
      await task(name, { lead: 'STC', originalDeadline: deadline });
      await addEvents(t.testDatabase.database, [{ taskId: ids[name], on: '2026-06-20', action: 'progress' }]);
    }

    // Untouched directives: B (and B1, which implements it) never updated; C half updated.
    const directiveB = await insertDirective(db, { number: '20/KH-UBND', issuedOn: '2026-01-05' });
    const directiveB1 = await insertDirective(db, { number: '21/KH-SKHCN', issuedOn: '2026-01-05', parentId: directiveB.id, issuerCode: 'SKHCN' });
    const directiveC = await insertDirective(db, { number: '30/KH-UBND', issuedOn: '2026-01-05' });
    ids.directiveB = directiveB.id;
    ids.directiveB1 = directiveB1.id;
    ids.directiveC = directiveC.id;
    for (let index = 0; index < 3; index += 1) await task(`B${index}`, { lead: 'SYT', originalDeadline: '2026-12-31', assignedOn: '2026-06-10' }, directiveB.id);
    await task('B1-0', { lead: 'SYT', originalDeadline: '2026-12-31', assignedOn: '2026-06-10', assigning: 'SKHCN' }, directiveB1.id);
    await task('C0', { lead: 'SYT', originalDeadline: '2026-12-31', assignedOn: '2026-06-10' }, directiveC.id);
    await task('C1', { lead: 'SYT', originalDeadline: '2026-12-31', assignedOn: '2026-06-10' }, directiveC.id);
    await addEvents(t.testDatabase.database, [{ taskId: ids.C1, on: '2026-06-12', action: 'progress' }]);

    // Falling: SGDDT 2/2 at 31/03 → 2/3 at 30/06; VP-UBND 1/2 → 2/3 (rising).
    await insertTasks(db, [
      { directiveId: plan.id, lead: 'SGDDT', originalDeadline: '2026-02-28', completedOn: '2026-02-20' },
      { directiveId: plan.id, lead: 'SGDDT', originalDeadline: '2026-03-15', completedOn: '2026-03-10' },
      { directiveId: plan.id, lead: 'SGDDT', originalDeadline: '2026-05-31' },
      { directiveId: plan.id, lead: 'VP-UBND', originalDeadline: '2026-02-28', completedOn: '2026-02-20' },
      { directiveId: plan.id, lead: 'VP-UBND', originalDeadline: '2026-03-15' },
      { directiveId: plan.id, lead: 'VP-UBND', originalDeadline: '2026-05-31', completedOn: '2026-04-01' },
    ]);

    // Fourteen communes, commune k completing k tasks of k + 1: a strict order for the ranking.
    const rows: TaskInput[] = [];
    communes.forEach((code, index) => {
      for (let done = 0; done <= index + 1; done += 1) {
        rows.push({ directiveId: plan.id, lead: code, originalDeadline: '2026-05-31', completedOn: done <= index ? '2026-05-20' : null });
      }
    });
    await insertTasks(db, rows);
    // Every commune task was updated: they are not cold.
    await db.execute(sql`insert into task_events (task_id, "on", actor_name, action)
      select t.id, '2026-06-25', 'test', 'progress' from tasks t join organizations o on o.id = t.lead_organization_id where o.kind in ('commune', 'ward')`);
    await db.execute(sql`insert into task_events (task_id, "on", actor_name, action)
      select t.id, '2026-06-25', 'test', 'progress' from tasks t join organizations o on o.id = t.lead_organization_id where o.code in ('SGDDT', 'VP-UBND')`);

    leader = await t.userSession('lanhdao-test', 'leader', '25');
    snvReporter = await t.userSession('snv-test', 'reporter', 'SNV');
    communeReporter = await t.userSession('xa-test', 'reporter', communes[6]);
  });
  afterAll(async () => t?.close());

  const get = async (session: Session, url: string) => {
    const response = await t.inject({ method: 'GET', url, headers: session.headers });
    return { status: response.statusCode, body: response.json() as Body };
  };

  it('answers the province overview as of a date, every number with the filter of its list', async () => {
    const started = performance.now();
    const { status, body } = await get(leader, `/api/v1/overview?asOf=${asOf}`);
    console.log(`[${engine}] overview of the test province: ${(performance.now() - started).toFixed(0)} ms`);
    expect(status).toBe(200);
    expect(body.organization).toEqual({ code: '25', name: 'Ủy ban nhân dân tỉnh Phú Thọ', kind: 'province' });
    const statistics = await t.services.stats.taskStatistics({ asOf, org: '25' });
    const { organizations: _organizations, asOf: _asOf, ...totals } = statistics;
    expect(body.statistics).toEqual({ ...totals, filter: { asOf, org: '25' } });

    const trend = body.trend as { month: string; asOf: string; completionRate: number | null; due: number }[];
    expect(trend.map((point) => point.asOf)).toEqual([
      '2025-07-31', '2025-08-31', '2025-09-30', '2025-10-31', '2025-11-30', '2025-12-31',
      '2026-01-31', '2026-02-28', '2026-03-31', '2026-04-30', '2026-05-31', '2026-06-30',
    ]);
    const march = await t.services.stats.taskStatistics({ asOf: '2026-03-31', org: '25' });
    expect(trend[8]).toMatchObject({ month: '2026-03', due: march.due, completionRate: march.completionRate, onTimeRate: march.onTimeRate });
  });

  it('counts overdue tasks by age exactly as the task list it links to', async () => {
    const { body } = await get(leader, `/api/v1/overview?asOf=${asOf}`);
    const buckets = body.overdueByAge as { bucket: string; count: number; filter: Record<string, string> }[];
    expect(buckets.map((bucket) => bucket.filter)).toEqual([
      { asOf, org: '25', timeliness: 'overdue', deadlineFrom: '2026-05-31', deadlineTo: '2026-06-29' },
      { asOf, org: '25', timeliness: 'overdue', deadlineFrom: '2026-04-01', deadlineTo: '2026-05-30' },
      { asOf, org: '25', timeliness: 'overdue', deadlineTo: '2026-03-31' },
    ]);
    // ≤ 30: 15 and 30 days, the SGDDT task and the 14 communes' (deadline 31/05, 30 days);
    // 31–90: 31, 76, 90; > 90: 91, 150 and VP-UBND's (deadline 15/03, 107 days).
    expect(buckets.map((bucket) => bucket.count)).toEqual([2 + 1 + 14, 3, 3]);
    for (const bucket of buckets) {
      const list = await get(leader, `/api/v1/tasks?${new URLSearchParams(bucket.filter)}`);
      expect(list.body.total).toBe(bucket.count);
    }
    const total = buckets.reduce((sum, bucket) => sum + bucket.count, 0);
    expect(total).toBe((body.statistics as { overdue: number }).overdue);
  });

  it('finds the cold tasks, the falling organizations and the untouched directives', async () => {
    const { body } = await get(leader, `/api/v1/overview?asOf=${asOf}`);
    const cold = body.cold as {
      tasks: { count: number; items: { id: number; daysWithoutUpdate: number; timeliness: string; overdueDays: number | null }[] };
      organizations: { lastQuarterEnd: string; previousQuarterEnd: string; items: { code: string; previous: unknown; last: unknown }[] };
      directives: { count: number; items: { id: number; number: string; counted: number; untouched: number; filter: Record<string, string> }[] };
    };
    // The longest without update first (assigned 10/01 and never updated, then updated 31/05).
    const coldIds = cold.tasks.items.map((item) => item.id);
    expect(new Set(coldIds)).toEqual(new Set([ids['never updated, overdue 15 days'], ids['updated only after asOf'], ids['updated 30 days ago']]));
    expect(coldIds[2]).toBe(ids['updated 30 days ago']);
    expect(cold.tasks.count).toBe(3);
    expect(cold.tasks.items.find((item) => item.id === ids['updated 30 days ago'])).toMatchObject({ daysWithoutUpdate: 30, timeliness: 'in_progress' });
    expect(cold.tasks.items.find((item) => item.id === ids['never updated, overdue 15 days'])).toMatchObject({ daysWithoutUpdate: 171, timeliness: 'overdue', overdueDays: 15 });

    expect(cold.organizations.lastQuarterEnd).toBe('2026-06-30');
    expect(cold.organizations.previousQuarterEnd).toBe('2026-03-31');
    expect(cold.organizations.items.map((item) => item.code)).toContain('SGDDT');
    expect(cold.organizations.items.find((item) => item.code === 'SGDDT')).toMatchObject({ previous: { completed: 2, due: 2 }, last: { completed: 2, due: 3 } });
    expect(cold.organizations.items.map((item) => item.code)).not.toContain('VP-UBND');

    // B counts its own 3 tasks and B1's; C is exactly half untouched: not more than half.
    expect(cold.directives.items.map((item) => [item.number, item.counted, item.untouched])).toEqual([
      ['20/KH-UBND', 4, 4],
      ['21/KH-SKHCN', 1, 1],
    ]);
    const list = await get(leader, `/api/v1/tasks?${new URLSearchParams(cold.directives.items[0].filter)}`);
    expect(list.body.total).toBe(4);

    // An earlier date sees only what had happened by then.
    const earlier = await get(leader, `/api/v1/overview?asOf=2026-06-29`);
    const earlierCold = (earlier.body.cold as typeof cold).tasks.items.map((item) => item.id);
    expect(earlierCold).not.toContain(ids['updated 30 days ago']);
  });

  it('lists the cold tasks behind the number, within the user scope', async () => {
    const leaderList = await get(leader, `/api/v1/overview/cold-tasks?asOf=${asOf}&org=25&page=1&pageSize=2`);
    expect(leaderList.body.total).toBe(3);
    expect((leaderList.body.items as unknown[]).length).toBe(2);
    // A reporter of Sở Nội vụ sees the province's published figures but only the tasks in scope.
    const reporterList = await get(snvReporter, `/api/v1/overview/cold-tasks?asOf=${asOf}&org=25`);
    expect((reporterList.body.items as { id: number }[]).map((item) => item.id)).toEqual([ids['updated only after asOf']]);
    const reporterOverview = await get(snvReporter, `/api/v1/overview?asOf=${asOf}&org=25`);
    const published = await get(leader, `/api/v1/overview?asOf=${asOf}&org=25`);
    expect(reporterOverview.body.statistics).toEqual(published.body.statistics);
    expect((reporterOverview.body.ranking as Body).top).toEqual((published.body.ranking as Body).top);
    expect((reporterOverview.body.cold as { tasks: { count: number } }).tasks.count).toBe(1);
    // The default scope of a unit's user is the unit itself.
    const own = await get(snvReporter, `/api/v1/overview?asOf=${asOf}`);
    expect(own.body.organization).toMatchObject({ code: 'SNV' });
  });

  it('ranks the province with top, bottom and "you" with five neighbours on each side', async () => {
    const { body } = await get(communeReporter, `/api/v1/overview?asOf=${asOf}`);
    const ranking = body.ranking as { top: { code: string; rank: number }[]; bottom: { code: string }[]; own: { code: string; rank: number; rows: { code: string }[] }[] };
    const province = (await t.services.stats.taskStatistics({ asOf, org: '25' })).organizations;
    const ranked = province.filter((row) => row.rank !== null);
    expect(ranking.top.map((row) => row.code)).toEqual(ranked.slice(0, 5).map((row) => row.code));
    expect(ranking.bottom.map((row) => row.code)).toEqual(ranked.slice(-5).map((row) => row.code));
    expect(ranking.own).toHaveLength(1);
    const index = province.findIndex((row) => row.code === communes[6]);
    expect(ranking.own[0].rows.map((row) => row.code)).toEqual(province.slice(index - 5, index + 6).map((row) => row.code));
    expect(ranking.own[0].rows[5].code).toBe(communes[6]);
  });

  it('answers the scorecard of an organization and the comparison of communes, in Excel too', async () => {
    const card = await get(leader, `/api/v1/scorecards/${communes[6]}?asOf=${asOf}`);
    expect(card.status).toBe(200);
    const history = card.body.rankHistory as { month: string; rank: number | null }[];
    expect(history).toHaveLength(12);
    const communeRanking = (await t.services.stats.taskStatistics({ asOf, org: '25', kind: 'commune' })).organizations;
    expect(history[11].rank).toBe(communeRanking.find((row) => row.code === communes[6])!.rank);
    expect(card.body.own).toMatchObject({ completedOnTime: 7, overdue: 1, rank: 8 });

    const table = await get(leader, '/api/v1/scorecards?kind=commune&period=2026Q2');
    expect(table.status).toBe(200);
    expect(table.body).toMatchObject({ period: '2026Q2', periodLabel: 'Quý II/2026', asOf: '2026-06-30', previousAsOf: '2026-03-31' });
    const items = table.body.items as { code: string; rank: number | null; total: number }[];
    expect(items.slice(0, 14).map((row) => row.code)).toEqual([...communes].reverse());
    expect(items[0]).toMatchObject({ rank: 1, total: 15 });
    // Every commune and ward of the province is listed, those without tasks last.
    expect(items.length).toBe(148);

    const response = await t.inject({ method: 'GET', url: '/api/v1/scorecards/export?kind=commune&period=2026Q2', headers: leader.headers });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-disposition']).toContain('ket-qua-thuc-hien-xa-phuong-2026Q2.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    expect(String(sheet.getCell(1, 1).value)).toContain('CÁC XÃ, PHƯỜNG — QUÝ II/2026');
    expect(sheet.getRow(3).getCell(3).value).toBe('Cơ quan, đơn vị');
    expect(sheet.getRow(4).getCell(2).value).toBe(communes[13]);
    expect(sheet.getRow(4).getCell(11).value).toBeCloseTo(14 / 15, 10);
  });

  it('says what is wrong, in Vietnamese', async () => {
    const unknown = await get(leader, '/api/v1/overview?org=KHONG-CO');
    expect(unknown.status).toBe(404);
    expect((unknown.body.error as { message: string }).message).toBe('Không tìm thấy cơ quan, đơn vị có mã "KHONG-CO".');
    const period = await get(leader, '/api/v1/scorecards?kind=commune&period=2026Q5');
    expect(period.status).toBe(400);
    expect((period.body.error as { message: string }).message).toContain('period');
    const anonymous = await t.inject({ method: 'GET', url: '/api/v1/overview' });
    expect(anonymous.statusCode).toBe(401);
  });
});

/** A deterministic pseudo-random sequence (mulberry32). */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A province: 5,000 tasks over 20 plans and the ~170 organizations (progress updates, pauses,
 * submissions, completions, cancellations), 50 indicators (25 monthly and 15 quarterly entered by
 * the 148 communes, 10 yearly by the province) with 3 years of approved values and 2026 targets.
 */
async function generateProvince(database: Database): Promise<{ tasks: number; values: number }> {
  const next = random(7);
  const db = database.db;
  const organizations = await database.rows<{ id: number; code: string; kind: string }>(sql`select id, code, kind from organizations where path like '/25/%'`);
  const province = organizations.find((row) => row.code === '25')!;
  const leads = organizations.filter((row) => row.code !== '25');
  const directiveIds: number[] = [];
  for (let index = 0; index < 20; index += 1) {
    const issued = addDays('2024-01-15', Math.floor(next() * 800));
    directiveIds.push((await insertDirective(db, { number: `P${index}-KH/UBND`, issuedOn: issued })).id);
  }
  const rows: unknown[][] = [];
  for (let index = 0; index < 5000; index += 1) {
    const assigned = addDays('2024-01-10', Math.floor(next() * 880));
    const deadline = next() < 0.1 ? null : addDays(assigned, 20 + Math.floor(next() * 400));
    const completion = addDays(assigned, 5 + Math.floor(next() * 420));
    const completed = next() < 0.55 && completion <= asOf ? completion : null;
    const cancelled = next() < 0.02 ? addDays(assigned, 30) : null;
    const roll = next();
    const state = cancelled ? 'cancelled' : completed ? 'completed' : roll < 0.05 ? 'paused' : roll < 0.1 ? 'awaiting_confirmation' : 'in_progress';
    const updated = next() < 0.7 ? addDays(assigned, Math.floor(next() * 400)) : null;
    rows.push([directiveIds[Math.floor(next() * 20)], leads[Math.floor(next() * leads.length)].id, province.id, `Nhiệm vụ số ${index}`, deadline, assigned, state, completed, cancelled, updated]);
  }
  for (let start = 0; start < rows.length; start += 500) {
    await db.execute(sql`insert into tasks (directive_id, lead_organization_id, assigning_organization_id, title, original_deadline, deadline, is_continuous,
                                            assigned_on, state, completed_on, cancelled_on, last_updated_on)
      values ${sql.join(rows.slice(start, start + 500).map((row) => sql`(${row[0]}, ${row[1]}, ${row[2]}, ${row[3]}, ${row[4]}, ${row[4]}, ${row[4] === null}, ${row[5]}, ${row[6]}, ${row[7]}, ${row[8]}, ${row[9]})`), sql`, `)}`);
  }
  await db.execute(sql`insert into task_events (task_id, "on", actor_name, action) select id, assigned_on, 'test', 'import' from tasks`);
  await db.execute(sql`insert into task_events (task_id, "on", actor_name, action) select id, last_updated_on, 'test', 'progress' from tasks where last_updated_on is not null`);
  await db.execute(sql`insert into task_events (task_id, "on", actor_name, action) select id, last_updated_on + 1, 'test', 'pause' from tasks where state = 'paused' and last_updated_on is not null`);
  await db.execute(sql`insert into task_events (task_id, "on", actor_name, action) select id, assigned_on + 40, 'test', 'submit' from tasks where state = 'awaiting_confirmation'`);
  await db.execute(sql`insert into task_events (task_id, "on", actor_name, action) select id, completed_on, 'test', 'submit' from tasks where completed_on is not null`);

  const communes = organizations.filter((row) => row.kind === 'commune' || row.kind === 'ward');
  const months: string[] = [];
  for (let month = 0; month < 36; month += 1) {
    const index = 2023 * 12 + 6 + month;
    months.push(`${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`);
  }
  const quarters = months.filter((month) => ['03', '06', '09', '12'].includes(month.slice(5))).map((month) => `${month.slice(0, 4)}Q${Number(month.slice(5)) / 3}`);
  let values = 0;
  let batch: string[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    await db.execute(sql.raw(`insert into indicator_values (indicator_id, organization_id, period, value, status) values ${batch.join(',')}`));
    values += batch.length;
    batch = [];
  };
  for (let index = 0; index < 50; index += 1) {
    const frequency = index < 25 ? 'month' : index < 40 ? 'quarter' : 'year';
    const [indicator] = await database.rows<{ id: number }>(sql`
      insert into indicators (code, name, unit, direction, value_type, frequency, time_aggregation, org_aggregation, reporting_kinds)
      values (${`CT${String(index).padStart(2, '0')}`}, ${`Chỉ tiêu thử nghiệm ${index}`}, 'đơn vị', ${index % 5 === 0 ? 'lower' : 'higher'}, 'number',
              ${frequency}, ${index % 4 === 0 ? 'last' : 'sum'}, ${index < 40 ? (index % 3 === 0 ? 'average' : 'sum') : 'none'},
              ${index < 40 ? '{commune,ward}' : '{province}'}::text[])
      returning id`);
    await db.execute(sql`insert into indicator_targets (indicator_id, organization_id, period, comparator, value)
      values (${indicator.id}, ${province.id}, '2026', ${index % 5 === 0 ? 'lte' : 'gte'}, ${1000 + index})`);
    const periods = frequency === 'month' ? months : frequency === 'quarter' ? quarters : ['2023', '2024', '2025'];
    for (const organization of frequency === 'year' ? [province] : communes) {
      for (const period of periods) {
        batch.push(`(${indicator.id}, ${organization.id}, '${period}', ${Math.round(next() * 100)}, 'approved')`);
        if (batch.length >= 5000) await flush();
      }
    }
  }
  await flush();
  return { tasks: rows.length, values };
}

describe.each(testEngines())('overview of a province-sized installation on %s', (engine) => {
  let t: TestApp;
  let leader: Session;

  beforeAll(async () => {
    t = await buildTestApp(engine, { today: asOf });
    const started = performance.now();
    const generated = await generateProvince(t.testDatabase.database);
    console.log(`[${engine}] generated ${generated.tasks} tasks and ${generated.values} indicator values in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    leader = await t.userSession('lanhdao-perf', 'leader', '25');
  }, 300_000);
  afterAll(async () => t?.close());

  it('answers well under a second, indicator cards served from memory once computed', async () => {
    const timeOverview = async () => {
      const started = performance.now();
      const response = await t.inject({ method: 'GET', url: `/api/v1/overview?asOf=${asOf}`, headers: leader.headers });
      const elapsed = performance.now() - started;
      expect(response.statusCode).toBe(200);
      return { elapsed, body: response.json() as { indicators: { status: string; items: unknown[]; computeMs: number | null } } };
    };
    const first = await timeOverview();
    expect(first.body.indicators.status).toBe('pending');
    // The computation runs in the background without holding back other requests.
    const during = performance.now();
    const other = await t.inject({ method: 'GET', url: '/api/v1/notifications/unread-count', headers: leader.headers });
    const duringMs = performance.now() - during;
    expect(other.statusCode).toBe(200);
    const cards = await t.services.overview.refreshIndicatorCards('25', asOf);
    expect(cards.status).toBe('ready');
    expect(cards.items).toHaveLength(12);
    const samples: number[] = [];
    for (let run = 0; run < 5; run += 1) {
      const warm = await timeOverview();
      expect(warm.body.indicators.status).toBe('ready');
      samples.push(warm.elapsed);
    }
    samples.sort((a, b) => a - b);
    console.log(
      `[${engine}] province overview: first answer ${first.elapsed.toFixed(0)} ms (indicator cards pending), ` +
        `indicator cards computed in the background in ${cards.computeMs} ms (a request meanwhile: ${duringMs.toFixed(0)} ms), ` +
        `then ${samples.map((sample) => sample.toFixed(0)).join(', ')} ms (median ${samples[2].toFixed(0)} ms)`,
    );
    // A generous bound: the machine running the suite may be loaded; the log above is the measure.
    expect(samples[2]).toBeLessThan(2000);
    expect(duringMs).toBeLessThan(1000);
  });

  it('computes cold execution in SQL exactly as the rules of src/domain say', async () => {
    const database = t.testDatabase.database;
    for (const date of ['2025-03-31', '2025-12-31', asOf]) {
      const facts = await listTaskActivity(database.db, { asOf: date, organizationPath: '/25/' });
      const asFacts = (row: (typeof facts)[number]): TaskActivityFacts => ({
        assignedOn: row.assignedOn,
        isContainer: false,
        completedOn: row.completedOn,
        cancelledOn: row.cancelledOn,
        lastUpdateOn: row.lastUpdateOn,
        workState: row.lastWorkStateAction === 'pause' ? 'paused' : row.lastWorkStateAction === 'submit' ? 'awaiting_confirmation' : 'active',
      });
      const summary = await summarizeColdExecution(database.db, { asOf: date, organizationPath: '/25/', readableScopes: null, coldDays: 30, limit: 100_000, offset: 0 });
      const expectedCold = facts.filter((row) => isColdTask(asFacts(row), date, 30)).map((row) => row.id).sort((a, b) => a - b);
      expect(expectedCold.length).toBeGreaterThan(0);
      expect(summary.coldCount).toBe(expectedCold.length);
      expect(summary.coldTasks.map((row) => row.id).sort((a, b) => a - b)).toEqual(expectedCold);
      const byDirective = new Map<number, TaskActivityFacts[]>();
      for (const row of facts) byDirective.set(row.directiveId, [...(byDirective.get(row.directiveId) ?? []), asFacts(row)]);
      const expectedDirectives = [...byDirective].map(([directiveId, tasks]) => {
        const activity = directiveActivity(tasks, date);
        return { directiveId, counted: activity.counted, untouched: activity.untouched };
      });
      const byId = (a: { directiveId: number }, b: { directiveId: number }) => a.directiveId - b.directiveId;
      expect([...summary.directives].sort(byId)).toEqual(expectedDirectives.sort(byId));
    }
  });
});
