import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/domain/policies';
import { rollupIndicator, type IndicatorRule, type TimeSummary } from '../../src/domain/indicators';
import { formatPeriodCode, isLongerKind, parsePeriodCode, samePeriodLastYear, subPeriods, type PeriodKind } from '../../src/domain/periods';
import type { IndicatorInput } from '../../src/server/modules/indicators/indicators.service';
import { buildTestApp, type TestApp } from '../helpers/build-test-app';
import { testEngines } from '../helpers/test-database';

/**
 * Rollups over a small nested tree, as computed by hand, and against the domain rules run on every
 * value one by one: the service sums leaves up by parent in SQL and aggregates over time there.
 *
 * T (province)
 * ├─ D1 (department): C1, C2 (communes), A1 (agency)
 * ├─ D2 (department, enters S and AV itself): C3 (commune)
 * ├─ D3 (department): A3 (agency)
 * ├─ C4 (commune), C5 (ward, reports nothing), A2 (agency)
 */
describe.each(testEngines())('indicator rollups over a nested tree on %s', (engine) => {
  let t: TestApp;
  let actor: Actor;
  const ids = new Map<string, number>();

  const organizations: [code: string, kind: string, parent: string | null][] = [
    ['T', 'province', null],
    ['D1', 'department', 'T'],
    ['C1', 'commune', 'D1'],
    ['C2', 'commune', 'D1'],
    ['A1', 'agency', 'D1'],
    ['D2', 'department', 'T'],
    ['C3', 'commune', 'D2'],
    ['D3', 'department', 'T'],
    ['A3', 'agency', 'D3'],
    ['C4', 'commune', 'T'],
    ['C5', 'ward', 'T'],
    ['A2', 'agency', 'T'],
  ];

  /** [indicator, organization, period, value], all approved. */
  const values: [string, string, string, number][] = [
    // S: sum over time, sum over organizations.
    ['S', 'C1', '2026-01', 1],
    ['S', 'C1', '2026-02', 2],
    ['S', 'C1', '2026-03', 3],
    ['S', 'C2', '2026-01', 10],
    ['S', 'C2', '2026-03', 30],
    ['S', 'C3', '2026-01', 1000], // hidden by D2's own values
    ['S', 'C3', '2026-02', 1000],
    ['S', 'D2', '2026-01', 100],
    ['S', 'D2', '2026-02', 200],
    ['S', 'C4', '2026-02', 7],
    ['S', 'C1', '2025-01', 5],
    ['S', 'C3', '2025-02', 50], // D2 entered nothing in 2025: C3 counts
    ['S', 'C4', '2025-03', 5],
    ['S', '25', '2026-01', 100000], // outside T
    // AV: average over time, average over organizations.
    ['AV', 'C1', '2026-01', 80],
    ['AV', 'C1', '2026-02', 90],
    ['AV', 'C2', '2026-03', 70],
    ['AV', 'C3', '2026-01', 10], // hidden by D2
    ['AV', 'D2', '2026-01', 60],
    // L: the last month over time, sum over organizations.
    ['L', 'C1', '2026-01', 5],
    ['L', 'C1', '2026-03', 3],
    ['L', 'C2', '2026-02', 4],
    ['L', 'C4', '2026-01', 1],
    ['L', 'C4', '2026-02', 2],
    ['L', 'C3', '2026-03', 9],
    // N and DN: the numerator and denominator of the ratio R, quarterly.
    ['N', 'C1', '2026Q1', 30],
    ['N', 'C2', '2026Q1', 20],
    ['N', 'C4', '2026Q1', 10],
    ['DN', 'C1', '2026Q1', 60],
    ['DN', 'C2', '2026Q1', 40],
    ['DN', 'C4', '2026Q1', 50],
    ['DN', 'C3', '2026Q1', 80], // a denominator without numerator
  ];

  const rollup = (code: string, org: string, period: string, asOf = '2026-12-31') => t.services.indicators.rollup({ code, org, period, asOf });

  beforeAll(async () => {
    t = await buildTestApp(engine, { today: '2027-01-05' });
    const userId = await t.createUser('quantri-rollup', 'system_admin', '25');
    const user = (await t.services.users.findByUsername('quantri-rollup'))!;
    expect(user.id).toBe(userId);
    actor = await t.services.users.loadActor(t.testDatabase.database.db, user);
    for (const [code, kind, parent] of organizations) await t.services.organizations.create(actor, { code, name: `Đơn vị ${code}`, kind, parentCode: parent });
    const definition = (code: string, input: Partial<IndicatorInput>): IndicatorInput => ({
      code,
      name: `Chỉ tiêu ${code}`,
      unit: 'đơn vị',
      direction: 'higher',
      valueType: 'number',
      frequency: 'month',
      timeAggregation: 'sum',
      orgAggregation: 'sum',
      ...input,
    });
    await t.services.indicators.create(actor, definition('S', {}));
    await t.services.indicators.create(actor, definition('AV', { timeAggregation: 'average', orgAggregation: 'average' }));
    await t.services.indicators.create(actor, definition('L', { timeAggregation: 'last' }));
    await t.services.indicators.create(actor, definition('N', { frequency: 'quarter', timeAggregation: 'last' }));
    await t.services.indicators.create(actor, definition('DN', { frequency: 'quarter', timeAggregation: 'last' }));
    await t.services.indicators.create(actor, definition('R', { frequency: 'quarter', timeAggregation: 'last', orgAggregation: 'ratio', numeratorCode: 'N', denominatorCode: 'DN', valueType: 'percent' }));
    const rows = await t.testDatabase.database.rows<{ kind: 'indicator' | 'organization'; code: string; id: number }>(
      sql`select 'indicator' as kind, code, id from indicators union all select 'organization', code, id from organizations`,
    );
    for (const row of rows) ids.set(`${row.kind}:${row.code}`, row.id);
    await t.services.indicators.writeValues(
      null,
      values.map(([indicator, organization, period, value]) => ({ indicatorId: ids.get(`indicator:${indicator}`)!, organizationId: ids.get(`organization:${organization}`)!, period, value })),
    );
    // A value not approved yet counts nowhere.
    await t.testDatabase.database.rows(sql`insert into indicator_values (indicator_id, organization_id, period, value, status)
      values (${ids.get('indicator:S')!}, ${ids.get('organization:C4')!}, '2026-03', 1000000, 'submitted')`);
    await t.services.indicators.setTarget(actor, { indicatorCode: 'S', orgCode: 'T', period: '2026', comparator: 'gte', value: 1000 });
  });
  afterAll(async () => t?.close());

  it('sums by time before organizations; an organization’s own values hide its children’s; the baseline is a year earlier', async () => {
    const quarter = await rollup('S', 'T', '2026Q1', '2026-02-14');
    // D1 = C1 (1 + 2 + 3) + C2 (10 + 30) = 46; D2 = its own 100 + 200; C4 = 7.
    expect(quarter).toMatchObject({
      value: 46 + 300 + 7,
      entered: null,
      rollup: { value: 353, reported: 3, expected: 4 }, // expected: D1, D2 (a commune below), C4, C5; not A2 nor D3
      target: 250, // a quarter of the year's 1 000
      comparator: 'gte',
      baseline: 5 + 50 + 5,
      progress: 1,
      status: 'achieved',
    });
    const year = await rollup('S', 'T', '2026');
    expect(year).toMatchObject({ value: 353, target: 1000, baseline: 60, status: 'off_track' });
    expect(year.progress).toBeCloseTo((353 - 60) / (1000 - 60), 9);
    // A subtree below the top, and its own children.
    expect(await rollup('S', 'D1', '2026Q1')).toMatchObject({ value: 46, rollup: { value: 46, reported: 2, expected: 2 }, baseline: 5 });
    expect(await rollup('S', 'D2', '2026Q1')).toMatchObject({ value: 300, rollup: { value: 300, reported: 2, expected: 3 }, baseline: 50 });
    expect(await rollup('S', 'C2', '2026Q1')).toMatchObject({ value: 40, rollup: { value: 40, reported: 2, expected: 3 } });
    expect(await rollup('S', 'C5', '2026Q1')).toMatchObject({ value: null, rollup: { value: null, reported: 0, expected: 3 }, status: 'no_data' });
    expect(await rollup('S', 'D3', '2026Q1')).toMatchObject({ value: null, rollup: { value: null, reported: 0, expected: 0 } });
  });

  it('averages the averages of the children, and takes the last month of each', async () => {
    // D1 = mean(C1 mean(80, 90), C2 70) = 77.5; D2 = its own 60; T = mean(77.5, 60).
    expect(await rollup('AV', 'T', '2026Q1')).toMatchObject({ value: 68.75, rollup: { reported: 2, expected: 4 } });
    expect(await rollup('AV', 'D1', '2026Q1')).toMatchObject({ value: 77.5, rollup: { reported: 2, expected: 2 } });
    // D1 = C1 3 + C2 4; D2 = C3 9; C4 2.
    expect(await rollup('L', 'T', '2026Q1')).toMatchObject({ value: 18, rollup: { reported: 3, expected: 4 } });
    expect(await rollup('L', 'C1', '2026Q1')).toMatchObject({ value: 3, rollup: { reported: 2, expected: 3 } });
  });

  it('divides the rollups of a ratio’s numerator and denominator', async () => {
    const ratio = await rollup('R', 'T', '2026Q1');
    expect(ratio.value).toBeCloseTo((60 / 230) * 100, 9);
    expect(ratio.rollup).toMatchObject({ reported: 2, expected: 4 }); // D1 and C4 have both; D2 only a denominator
    expect(await rollup('R', 'C1', '2026')).toMatchObject({ value: 50, rollup: { reported: 1, expected: 4 } });
  });

  it('ranks the children and draws a series with the same figures', async () => {
    const ranked = await t.services.indicators.byOrganization({ code: 'S', org: 'T', period: '2026Q1', asOf: '2026-12-31' });
    expect(ranked.parent.value).toBe(353);
    expect(ranked.items.map((item) => [item.org, item.value, item.rank])).toEqual([
      ['D2', 300, 1],
      ['D1', 46, 2],
      ['C4', 7, 3],
      ['A2', null, null], // a leaf without values: 0 of its 3 months
      ['C5', null, null],
    ]);
    const series = await t.services.indicators.series({ code: 'S', org: 'T', kind: 'quarter', from: '2025Q4', to: '2026Q2', asOf: '2026-12-31' });
    expect(series.items.map((item) => [item.period, item.value, item.baseline])).toEqual([
      ['2025Q4', null, null],
      ['2026Q1', 353, 60],
      ['2026Q2', null, null],
    ]);
  });

  it('agrees with the domain rules run on every approved value, for every organization, indicator and period', async () => {
    const approved = await t.testDatabase.database.rows<{ indicator: string; organization: number; period: string; value: number }>(
      sql`select i.code as indicator, v.organization_id as organization, v.period, v.value from indicator_values v join indicators i on i.id = v.indicator_id where v.status = 'approved'`,
    );
    const tree = await t.testDatabase.database.rows<{ id: number; parentId: number | null; kind: string }>(sql`select id, parent_id as "parentId", kind from organizations where is_active`);
    const definitions = await t.testDatabase.database.rows<{ id: number; code: string; frequency: PeriodKind; time: string; org: string; numerator: number | null; denominator: number | null }>(
      sql`select id, code, frequency, time_aggregation as time, org_aggregation as org, numerator_id as numerator, denominator_id as denominator from indicators`,
    );
    const ruleOf = (code: string): IndicatorRule => {
      const row = definitions.find((item) => item.code === code)!;
      return { id: row.id, frequency: row.frequency, timeAggregation: row.time as IndicatorRule['timeAggregation'], orgAggregation: row.org as IndicatorRule['orgAggregation'], direction: 'higher', valueType: 'number', reportingKinds: ['commune', 'ward'], numeratorId: row.numerator, denominatorId: row.denominator };
    };
    const summariesOf = (code: string, periodCode: string) => {
      const period = parsePeriodCode(periodCode)!;
      const rule = ruleOf(code);
      const subCodes = isLongerKind(period.kind, rule.frequency) ? subPeriods(period, rule.frequency).map(formatPeriodCode) : [];
      const summaries = new Map<number, TimeSummary>();
      for (const row of approved.filter((item) => item.indicator === code)) {
        const summary = summaries.get(row.organization) ?? { exact: null, subPeriods: [] };
        if (row.period === periodCode) summary.exact = row.value;
        else if (subCodes.includes(row.period)) summary.subPeriods!.push({ period: row.period, value: row.value });
        else continue;
        summaries.set(row.organization, summary);
      }
      return summaries;
    };
    const reference = (code: string, organization: string, periodCode: string) => {
      const rule = ruleOf(code);
      const period = parsePeriodCode(periodCode)!;
      const part = (id: number | null) => {
        const partCode = definitions.find((item) => item.id === id)!.code;
        return { indicator: ruleOf(partCode), summaries: summariesOf(partCode, periodCode) };
      };
      return rollupIndicator({
        indicator: rule,
        period,
        organizationId: ids.get(`organization:${organization}`)!,
        organizations: tree,
        summaries: rule.orgAggregation === 'ratio' ? new Map() : summariesOf(code, periodCode),
        numerator: rule.orgAggregation === 'ratio' ? part(rule.numeratorId) : undefined,
        denominator: rule.orgAggregation === 'ratio' ? part(rule.denominatorId) : undefined,
      });
    };
    const round = (value: number | null) => (value === null ? null : Math.round(value * 1e9) / 1e9);
    let compared = 0;
    for (const code of ['S', 'AV', 'L', 'N', 'DN', 'R']) {
      for (const [organization] of organizations) {
        for (const periodCode of ['2026', '2026Q1', '2026-01', '2026-02', '2026-03', '2026S1']) {
          const view = await rollup(code, organization, periodCode);
          const expected = reference(code, organization, periodCode);
          const rollupPart = expected.source === 'entered' ? expected.childrenRollup : expected;
          expect({ code, organization, periodCode, value: view.value, entered: view.entered, rollup: view.rollup }).toEqual({
            code,
            organization,
            periodCode,
            value: round(expected.value),
            entered: round(expected.entered),
            rollup: { value: round(rollupPart?.value ?? null), reported: rollupPart?.reported ?? 0, expected: rollupPart?.expected ?? 0 },
          });
          const baseline = reference(code, organization, formatPeriodCode(samePeriodLastYear(parsePeriodCode(periodCode)!)));
          expect(view.baseline).toBe(round(baseline.value));
          compared += 1;
        }
      }
    }
    expect(compared).toBe(6 * organizations.length * 6);
  });
});
