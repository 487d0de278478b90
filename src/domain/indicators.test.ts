import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { IsoDate } from './dates';
import {
  aggregateOverOrganizations,
  aggregateOverTime,
  breakDownAnnualTarget,
  indicatorStatus,
  progressTowardTarget,
  rollupIndicator,
  rollupIndicatorFor,
  targetForPeriod,
  targetHolds,
  validateValue,
  type Comparator,
  type Direction,
  type IndicatorRule,
  type IndicatorStatus,
  type LeafGroup,
  type OrganizationNode,
  type RollupResult,
  type RollupValue,
  type TargetFact,
  type TimeAggregation,
  type TimeSummary,
  type ValueType,
} from './indicators';
import { formatPeriodCode, isLongerKind, parsePeriodCode, periodContains, type Period, type PeriodKind } from './periods';

// ---------------------------------------------------------------------------------------------
// Fixtures

function period(code: string): Period {
  const parsed = parsePeriodCode(code);
  if (!parsed) throw new Error(`not a period code: ${code}`);
  return parsed;
}

/** A monthly, `sum` over time and over organizations, higher-is-better number entered by communes and wards. */
function rule(overrides: Partial<IndicatorRule> = {}): IndicatorRule {
  return {
    id: 1,
    frequency: 'month',
    timeAggregation: 'sum',
    orgAggregation: 'sum',
    direction: 'higher',
    valueType: 'number',
    reportingKinds: ['commune', 'ward'],
    numeratorId: null,
    denominatorId: null,
    ...overrides,
  };
}

const node = (id: number, parentId: number | null, kind: string): OrganizationNode => ({ id, parentId, kind });

/** Province 1 with a department (2) and three communes and wards (10, 11, 12). */
const PROVINCE = 1;
const DEPARTMENT = 2;
const [C1, C2, C3] = [10, 11, 12];
const flatTree = [node(PROVINCE, null, 'province'), node(DEPARTMENT, PROVINCE, 'department'), node(C1, PROVINCE, 'commune'), node(C2, PROVINCE, 'ward'), node(C3, PROVINCE, 'commune')];

/** Approved values: organization id → period code → value. */
type Values = Record<number, Partial<Record<string, number>>>;

/** The summaries a repository would give for `period`: the exact value and the values of the frequency within it. */
function summarise(values: Values, asked: Period, frequency: PeriodKind): Map<number, TimeSummary> {
  const summaries = new Map<number, TimeSummary>();
  for (const [id, byCode] of Object.entries(values)) {
    const subPeriods: TimeSummary['subPeriods'] = [];
    for (const [code, amount] of Object.entries(byCode)) {
      const parsed = period(code);
      if (amount !== undefined && parsed.kind === frequency && periodContains(asked, parsed)) subPeriods.push({ period: code, value: amount });
    }
    summaries.set(Number(id), { exact: byCode[formatPeriodCode(asked)] ?? null, subPeriods });
  }
  return summaries;
}

interface RollOptions {
  organizations?: OrganizationNode[];
  numerator?: [IndicatorRule, Values];
  denominator?: [IndicatorRule, Values];
}

function roll(indicator: IndicatorRule, code: string, organizationId: number, values: Values, options: RollOptions = {}): RollupResult {
  const asked = period(code);
  const part = (side?: [IndicatorRule, Values]) => side && { indicator: side[0], summaries: summarise(side[1], asked, side[0].frequency) };
  return rollupIndicator({
    indicator,
    period: asked,
    organizationId,
    organizations: options.organizations ?? flatTree,
    summaries: summarise(values, asked, indicator.frequency),
    numerator: part(options.numerator),
    denominator: part(options.denominator),
  });
}

const value = (v: number | null, reported: number, expected: number, source: RollupValue['source']): RollupValue => ({ value: v, reported, expected, source });
/** The part of a result without `entered` and `childrenRollup`. */
const valueOf = ({ value: v, reported, expected, source }: RollupResult): RollupValue => ({ value: v, reported, expected, source });

// ---------------------------------------------------------------------------------------------

describe('aggregateOverTime', () => {
  it.each<[string, number[], TimeAggregation, number | null]>([
    ['nothing to sum', [], 'sum', null],
    ['nothing to average', [], 'average', null],
    ['no last value', [], 'last', null],
    ['one value, sum', [7], 'sum', 7],
    ['one value, average', [7], 'average', 7],
    ['one value, last', [7], 'last', 7],
    ['sum', [1, 2, 3], 'sum', 6],
    ['average', [1, 2, 6], 'average', 3],
    ['last is the last in period order, not the largest', [9, 2, 4], 'last', 4],
    ['zeros are values', [0, 0], 'sum', 0],
    ['negative values', [-2, 5], 'sum', 3],
    ['average of negatives', [-2, -4], 'average', -3],
  ])('%s', (_name, values, aggregation, expected) => {
    expect(aggregateOverTime(values, aggregation)).toBe(expected);
  });
});

describe('aggregateOverOrganizations', () => {
  it.each<[string, number[], 'sum' | 'average', number | null]>([
    ['nothing to sum', [], 'sum', null],
    ['nothing to average', [], 'average', null],
    ['one value', [4], 'sum', 4],
    ['sum', [1, 2, 3], 'sum', 6],
    ['average', [1, 2, 3], 'average', 2],
    ['zeros count in an average', [0, 4], 'average', 2],
  ])('%s', (_name, values, aggregation, expected) => {
    expect(aggregateOverOrganizations(values, aggregation)).toBe(expected);
  });
});

describe('rollupIndicator: a period shorter than the frequency', () => {
  it.each<[string, PeriodKind, string]>([
    ['a month of a quarterly indicator', 'quarter', '2026-03'],
    ['a quarter of a yearly indicator', 'year', '2026Q1'],
    ['a half of a yearly indicator', 'year', '2026S1'],
    ['a month of a yearly indicator', 'year', '2026-12'],
  ])('%s has no value, even with values around it', (_name, frequency, code) => {
    const values = { [PROVINCE]: { [code]: 99, '2026': 5, '2026Q1': 5 }, [C1]: { [code]: 1, '2026': 1, '2026Q1': 1 } };
    expect(roll(rule({ frequency }), code, PROVINCE, values)).toEqual({ ...value(null, 0, 0, 'none'), entered: null, childrenRollup: null });
  });
});

describe('rollupIndicator: step 1, an entered value', () => {
  it('a leaf: the entered value, 1 of 1, nothing beside it', () => {
    expect(roll(rule(), '2026-03', C1, { [C1]: { '2026-03': 5 } })).toEqual({ ...value(5, 1, 1, 'entered'), entered: 5, childrenRollup: null });
  });

  it('an entered 0 is a value', () => {
    expect(roll(rule(), '2026-03', C1, { [C1]: { '2026-03': 0 } })).toMatchObject({ value: 0, entered: 0, source: 'entered' });
  });

  it('the province figure wins; its children’s rollup is shown beside it, never mixed in', () => {
    const values = { [PROVINCE]: { '2026-03': 100 }, [C1]: { '2026-03': 10 }, [C2]: { '2026-03': 20 } };
    expect(roll(rule(), '2026-03', PROVINCE, values)).toEqual({ ...value(100, 1, 1, 'entered'), entered: 100, childrenRollup: value(30, 2, 3, 'children') });
  });

  it('beside it, a children’s rollup without a value when no child has one', () => {
    expect(roll(rule(), '2026-03', PROVINCE, { [PROVINCE]: { '2026-03': 100 } }).childrenRollup).toEqual(value(null, 0, 3, 'children'));
  });

  it('an average indicator: the children’s average beside it', () => {
    const values = { [PROVINCE]: { '2026-03': 100 }, [C1]: { '2026-03': 10 }, [C2]: { '2026-03': 20 } };
    expect(roll(rule({ orgAggregation: 'average' }), '2026-03', PROVINCE, values).childrenRollup).toEqual(value(15, 2, 3, 'children'));
  });

  it('a `none` indicator: nothing beside it', () => {
    const values = { [PROVINCE]: { '2026-03': 100 }, [C1]: { '2026-03': 10 } };
    expect(roll(rule({ orgAggregation: 'none' }), '2026-03', PROVINCE, values)).toEqual({ ...value(100, 1, 1, 'entered'), entered: 100, childrenRollup: null });
  });

  it('a yearly indicator entered for the year', () => {
    expect(roll(rule({ frequency: 'year' }), '2026', C1, { [C1]: { '2026': 12 } })).toMatchObject({ value: 12, source: 'entered' });
  });

  it('an exact value given for a longer period is step 1 too', () => {
    const summaries = new Map<number, TimeSummary>([[C1, { exact: 40, subPeriods: [{ period: '2026-01', value: 1 }] }]]);
    const result = rollupIndicator({ indicator: rule(), period: period('2026Q1'), organizationId: C1, organizations: flatTree, summaries });
    expect(result).toMatchObject({ value: 40, entered: 40, source: 'entered' });
  });
});

describe('rollupIndicator: step 2, over time', () => {
  it.each<[string, TimeAggregation, string, Record<string, number>, RollupValue]>([
    // Gaps first: only the sub-periods with a value count; expected is every sub-period.
    ['no sub-period has a value (a leaf): 0 of 3', 'sum', '2026Q1', {}, value(null, 0, 3, 'time')],
    ['sum with a gap', 'sum', '2026Q1', { '2026-01': 5, '2026-03': 7 }, value(12, 2, 3, 'time')],
    ['average with a gap: over the sub-periods with a value', 'average', '2026Q1', { '2026-01': 5, '2026-03': 7 }, value(6, 2, 3, 'time')],
    ['last with the last month missing: the latest with a value', 'last', '2026Q1', { '2026-01': 5, '2026-02': 8 }, value(8, 2, 3, 'time')],
    ['last with only the first month', 'last', '2026Q1', { '2026-01': 5 }, value(5, 1, 3, 'time')],
    ['last is by period, not by size', 'last', '2026Q1', { '2026-01': 9, '2026-02': 1, '2026-03': 2 }, value(2, 3, 3, 'time')],
    ['sum, all three', 'sum', '2026Q1', { '2026-01': 1, '2026-02': 2, '2026-03': 3 }, value(6, 3, 3, 'time')],
    ['average, all three', 'average', '2026Q1', { '2026-01': 1, '2026-02': 2, '2026-03': 6 }, value(3, 3, 3, 'time')],
    ['sum over a year: 12 expected', 'sum', '2026', { '2026-01': 1, '2026-12': 2 }, value(3, 2, 12, 'time')],
    ['last over a year', 'last', '2026', { '2026-01': 1, '2026-11': 4, '2026-06': 9 }, value(4, 3, 12, 'time')],
    ['sum over a half', 'sum', '2026S2', { '2026-06': 100, '2026-07': 1, '2026-12': 2 }, value(3, 2, 6, 'time')],
    ['values of other years do not count', 'sum', '2026Q1', { '2025-01': 100, '2027-01': 100, '2026-02': 4 }, value(4, 1, 3, 'time')],
  ])('%s', (_name, timeAggregation, code, monthValues, expected) => {
    const result = roll(rule({ timeAggregation }), code, C1, { [C1]: monthValues });
    expect(valueOf(result)).toEqual(expected);
    expect(result.entered).toBeNull();
    expect(result.childrenRollup).toBeNull();
  });

  it('last reads period order even when the summary lists sub-periods out of order', () => {
    const summaries = new Map<number, TimeSummary>([
      [C1, { exact: null, subPeriods: [{ period: '2026-03', value: 3 }, { period: '2026-01', value: 1 }, { period: '2026-02', value: 2 }] }],
    ]);
    const result = rollupIndicator({ indicator: rule({ timeAggregation: 'last' }), period: period('2026Q1'), organizationId: C1, organizations: flatTree, summaries });
    expect(result.value).toBe(3);
  });

  it('sub-periods of another kind, or outside the period, are ignored', () => {
    const summaries = new Map<number, TimeSummary>([
      [C1, { exact: null, subPeriods: [{ period: '2026Q1', value: 100 }, { period: '2026-04', value: 100 }, { period: '2026-02', value: 2 }] }],
    ]);
    expect(rollupIndicator({ indicator: rule(), period: period('2026Q1'), organizationId: C1, organizations: flatTree, summaries }).value).toBe(2);
  });

  it('a quarterly indicator over a year: quarters, 4 expected', () => {
    const result = roll(rule({ frequency: 'quarter' }), '2026', C1, { [C1]: { '2026Q1': 3, '2026Q3': 4 } });
    expect(valueOf(result)).toEqual(value(7, 2, 4, 'time'));
  });

  it('the organization’s own values come before its children’s (a province that entered only January)', () => {
    const values = {
      [PROVINCE]: { '2026-01': 50 },
      [C1]: { '2026-01': 1, '2026-02': 1, '2026-03': 1 },
      [C2]: { '2026-01': 2, '2026-02': 2, '2026-03': 2 },
    };
    expect(valueOf(roll(rule(), '2026Q1', PROVINCE, values))).toEqual(value(50, 1, 3, 'time'));
  });
});

describe('rollupIndicator: step 3, over organizations', () => {
  it.each<[string, Partial<IndicatorRule>, string, Values, RollupValue]>([
    // Missing values first.
    ['no child has a value: 0 of 3', {}, '2026-03', {}, value(null, 0, 3, 'children')],
    ['sum over the children with a value', {}, '2026-03', { [C1]: { '2026-03': 10 }, [C3]: { '2026-03': 5 } }, value(15, 2, 3, 'children')],
    ['average over the children with a value', { orgAggregation: 'average' }, '2026-03', { [C1]: { '2026-03': 10 }, [C3]: { '2026-03': 5 } }, value(7.5, 2, 3, 'children')],
    ['a child’s 0 is a value', { orgAggregation: 'average' }, '2026-03', { [C1]: { '2026-03': 10 }, [C3]: { '2026-03': 0 } }, value(5, 2, 3, 'children')],
    ['all three report', {}, '2026-03', { [C1]: { '2026-03': 1 }, [C2]: { '2026-03': 2 }, [C3]: { '2026-03': 3 } }, value(6, 3, 3, 'children')],
    ['none: no value at the frequency', { orgAggregation: 'none' }, '2026-03', { [C1]: { '2026-03': 10 } }, value(null, 0, 0, 'none')],
    ['none: over a quarter, only the province’s own months, here none (0 of 3)', { orgAggregation: 'none' }, '2026Q1', { [C1]: { '2026-03': 10 } }, value(null, 0, 3, 'time')],
    ['none: the province’s own months still aggregate', { orgAggregation: 'none' }, '2026Q1', { [PROVINCE]: { '2026-02': 4 }, [C1]: { '2026-03': 10 } }, value(4, 1, 3, 'time')],
  ])('%s', (_name, overrides, code, values, expected) => {
    const result = roll(rule(overrides), code, PROVINCE, values);
    expect(valueOf(result)).toEqual(expected);
    expect(result.childrenRollup).toBeNull();
  });

  it('a leaf without a value at the frequency: none, 0 of 0', () => {
    expect(valueOf(roll(rule(), '2026-03', C1, {}))).toEqual(value(null, 0, 0, 'none'));
  });

  it('time before organizations: a province’s quarter is the sum of its communes’ quarters', () => {
    const values = { [C1]: { '2026-01': 1, '2026-02': 2, '2026-03': 3 }, [C2]: { '2026-02': 10 } };
    expect(valueOf(roll(rule(), '2026Q1', PROVINCE, values))).toEqual(value(16, 2, 3, 'children'));
  });

  it('time before organizations, `last`: the sum of each commune’s latest month, not the province’s latest month', () => {
    // Commune 10 has not reported March; its quarter is February's 20. Organizations first would give March: 7.
    const values = { [C1]: { '2026-01': 10, '2026-02': 20 }, [C2]: { '2026-01': 5, '2026-02': 6, '2026-03': 7 } };
    expect(valueOf(roll(rule({ timeAggregation: 'last' }), '2026Q1', PROVINCE, values))).toEqual(value(27, 2, 3, 'children'));
  });

  it('time before organizations, `average` both ways: the mean of the communes’ means', () => {
    // Commune means 10 and 4 → 7; the mean of monthly province means (6, 4, 6) would be 5.33.
    const values = { [C1]: { '2026-01': 10 }, [C2]: { '2026-01': 2, '2026-02': 4, '2026-03': 6 } };
    const indicator = rule({ timeAggregation: 'average', orgAggregation: 'average' });
    expect(valueOf(roll(indicator, '2026Q1', PROVINCE, values))).toEqual(value(7, 2, 3, 'children'));
  });

  describe('expected children: of the reporting kinds, or with such descendants', () => {
    const GROUP = 5;
    const AGENCY = 20;
    const tree = [
      node(PROVINCE, null, 'province'),
      node(DEPARTMENT, PROVINCE, 'department'),
      node(AGENCY, DEPARTMENT, 'agency'),
      node(GROUP, PROVINCE, 'group'),
      node(50, GROUP, 'commune'),
      node(51, GROUP, 'ward'),
      node(C1, PROVINCE, 'commune'),
    ];

    it.each<[string, string[], number]>([
      ['a department (with an agency below it) is not expected for a commune-reported indicator; a group of communes is', ['commune', 'ward'], 2],
      ['only wards: the group (a ward below it) is expected, the commune is not', ['ward'], 1],
      ['departments report: only the department is expected', ['department'], 1],
      ['agencies report: the department above one is expected', ['agency'], 1],
      ['no reporting kind at all', [], 0],
    ])('%s', (_name, reportingKinds, expected) => {
      expect(roll(rule({ reportingKinds }), '2026-03', PROVINCE, {}, { organizations: tree }).expected).toBe(expected);
    });

    it('a child with a value counts even when not expected (the sum is over the children with a value)', () => {
      const values = { [DEPARTMENT]: { '2026-03': 100 }, [C1]: { '2026-03': 1 } };
      expect(valueOf(roll(rule(), '2026-03', PROVINCE, values, { organizations: tree }))).toEqual(value(101, 2, 2, 'children'));
    });

    it('each child is found by the same steps: the group sums its communes, the department its agency', () => {
      const values = { 50: { '2026-01': 1, '2026-02': 2 }, 51: { '2026-03': 4 }, [AGENCY]: { '2026-02': 8 }, [C1]: { '2026-01': 16 } };
      expect(valueOf(roll(rule(), '2026Q1', PROVINCE, values, { organizations: tree }))).toEqual(value(31, 3, 2, 'children'));
      expect(valueOf(roll(rule(), '2026Q1', GROUP, values, { organizations: tree }))).toEqual(value(7, 2, 2, 'children'));
    });

    it('a child’s entered value is its value; its own children are not added to it', () => {
      const values = { [GROUP]: { '2026-03': 100 }, 50: { '2026-03': 1 }, [C1]: { '2026-03': 2 } };
      expect(valueOf(roll(rule(), '2026-03', PROVINCE, values, { organizations: tree }))).toEqual(value(102, 2, 2, 'children'));
    });
  });
});

describe('rollupIndicator: ratio indicators', () => {
  const numerator = rule({ id: 2 });
  const denominator = rule({ id: 3 });
  const ratio = rule({ id: 4, orgAggregation: 'ratio', valueType: 'percent', numeratorId: 2, denominatorId: 3 });
  const withParts = (n: Values, d: Values, organizations?: OrganizationNode[]): RollOptions => ({ numerator: [numerator, n], denominator: [denominator, d], organizations });

  it.each<[string, Values, Values, RollupValue]>([
    // No value first.
    ['D missing: no value, nothing reported', { [C1]: { '2026-03': 3 } }, {}, value(null, 0, 1, 'ratio')],
    ['D = 0: no value, but both reported', { [C1]: { '2026-03': 3 } }, { [C1]: { '2026-03': 0 } }, value(null, 1, 1, 'ratio')],
    ['N missing: no value', {}, { [C1]: { '2026-03': 4 } }, value(null, 0, 1, 'ratio')],
    ['N = 0: 0 %', { [C1]: { '2026-03': 0 } }, { [C1]: { '2026-03': 4 } }, value(0, 1, 1, 'ratio')],
    ['N / D × 100', { [C1]: { '2026-03': 3 } }, { [C1]: { '2026-03': 4 } }, value(75, 1, 1, 'ratio')],
    ['over 100 % is a value', { [C1]: { '2026-03': 5 } }, { [C1]: { '2026-03': 4 } }, value(125, 1, 1, 'ratio')],
  ])('a commune, a month: %s', (_name, n, d, expected) => {
    const result = roll(ratio, '2026-03', C1, {}, withParts(n, d));
    expect(result).toEqual({ ...expected, entered: null, childrenRollup: null });
  });

  it('a commune, a quarter: N and D each summed over time; reported = months with both', () => {
    // January has both, February only N, March only D: N = 4, D = 6.
    const result = roll(ratio, '2026Q1', C1, {}, withParts({ [C1]: { '2026-01': 1, '2026-02': 3 } }, { [C1]: { '2026-01': 2, '2026-03': 4 } }));
    expect(result.value).toBeCloseTo(400 / 6, 12);
    expect(valueOf(result)).toMatchObject({ reported: 1, expected: 3, source: 'ratio' });
  });

  it('a quarterly ratio over a year counts quarters with both, N and D found per quarter', () => {
    const quarterly = { ...ratio, frequency: 'quarter' as const };
    const n = { [C1]: { '2026-01': 1, '2026-05': 1 } };
    const d = { [C1]: { '2026-02': 2, '2026-12': 2 } };
    const result = roll(quarterly, '2026', C1, {}, withParts(n, d));
    expect(valueOf(result)).toEqual(value(50, 1, 4, 'ratio'));
  });

  it('the province: N and D are its own rollups; reported = children with both', () => {
    const n = { [C1]: { '2026-03': 10 }, [C2]: { '2026-03': 10 } };
    const d = { [C1]: { '2026-03': 20 }, [C2]: { '2026-03': 30 } };
    expect(valueOf(roll(ratio, '2026-03', PROVINCE, {}, withParts(n, d)))).toEqual(value(40, 2, 3, 'ratio'));
  });

  it('a child with a numerator but no denominator: its numerator counts in N (the ratio paragraph), not left out (step 3’s reading)', () => {
    // Commune 10: N 10, D 20. Commune 11: N 5, no D. Ratio paragraph: (10 + 5) / 20 = 75 %.
    // Step 3's "Σ numerators / Σ denominators over the children that have both" would give 10 / 20 = 50 %.
    const n = { [C1]: { '2026-03': 10 }, [C2]: { '2026-03': 5 } };
    const d = { [C1]: { '2026-03': 20 } };
    const result = roll(ratio, '2026-03', PROVINCE, {}, withParts(n, d));
    expect(result.value).toBe(75);
    expect(result.value).not.toBe(50);
    expect(result).toMatchObject({ reported: 1, expected: 3 });
  });

  it('the province’s own N or D, entered, is its N or D (step 1 for each part)', () => {
    const n = { [PROVINCE]: { '2026-03': 40 }, [C1]: { '2026-03': 10 } };
    const d = { [C1]: { '2026-03': 20 }, [C2]: { '2026-03': 30 } };
    expect(valueOf(roll(ratio, '2026-03', PROVINCE, {}, withParts(n, d)))).toEqual(value(80, 1, 3, 'ratio'));
  });

  it('each part keeps its own aggregations (an averaged numerator over a summed denominator)', () => {
    const options: RollOptions = {
      numerator: [rule({ id: 2, orgAggregation: 'average', timeAggregation: 'last' }), { [C1]: { '2026-01': 1, '2026-02': 10 }, [C2]: { '2026-01': 30 } }],
      denominator: [denominator, { [C1]: { '2026-01': 40 }, [C2]: { '2026-03': 40 } }],
    };
    // N = mean(10, 30) = 20; D = 40 + 40 = 80.
    expect(valueOf(roll(ratio, '2026Q1', PROVINCE, {}, options))).toEqual(value(25, 2, 3, 'ratio'));
  });

  it('no child has both: no value when D is missing, 0 reported of the expected children', () => {
    expect(valueOf(roll(ratio, '2026-03', PROVINCE, {}, withParts({ [C1]: { '2026-03': 1 } }, {})))).toEqual(value(null, 0, 3, 'ratio'));
  });

  it('is never entered: a value given for the ratio itself is ignored', () => {
    const result = roll(ratio, '2026-03', C1, { [C1]: { '2026-03': 99 } }, withParts({ [C1]: { '2026-03': 1 } }, { [C1]: { '2026-03': 4 } }));
    expect(result).toMatchObject({ value: 25, entered: null, childrenRollup: null });
  });

  it('a period shorter than the ratio’s frequency has no value', () => {
    const quarterly = { ...ratio, frequency: 'quarter' as const };
    expect(valueOf(roll(quarterly, '2026-03', C1, {}, withParts({ [C1]: { '2026-03': 1 } }, { [C1]: { '2026-03': 4 } })))).toEqual(value(null, 0, 0, 'none'));
  });

  it('rejects a ratio without its numerator or denominator, and a ratio of ratios', () => {
    expect(() => roll(ratio, '2026-03', C1, {}, { numerator: [numerator, {}] })).toThrow(RangeError);
    expect(() => roll(ratio, '2026-03', C1, {}, { numerator: [ratio, {}], denominator: [denominator, {}] })).toThrow(RangeError);
  });
});

describe('rollupIndicator: bad input', () => {
  const one = (subPeriods: TimeSummary['subPeriods']) => new Map<number, TimeSummary>([[C1, { exact: null, subPeriods }]]);

  it.each<[string, () => RollupResult]>([
    ['an unknown organization', () => roll(rule(), '2026-03', 999, {})],
    ['a cycle in the tree', () => roll(rule(), '2026-03', 1, {}, { organizations: [node(1, 3, 'province'), node(2, 1, 'x'), node(3, 2, 'x')] })],
    ['a malformed sub-period code', () => rollupIndicator({ indicator: rule(), period: period('2026Q1'), organizationId: C1, organizations: flatTree, summaries: one([{ period: '2026-1', value: 1 }]) })],
    [
      'two values for the same sub-period',
      () => rollupIndicator({ indicator: rule(), period: period('2026Q1'), organizationId: C1, organizations: flatTree, summaries: one([{ period: '2026-01', value: 1 }, { period: '2026-01', value: 2 }]) }),
    ],
  ])('rejects %s', (_name, run) => {
    expect(run).toThrow(RangeError);
  });
});

describe('rollupIndicator: cost', () => {
  /** A province, 35 groups of 100 communes: 3,536 organizations. */
  const bigTree: OrganizationNode[] = [node(0, null, 'province')];
  for (let group = 1; group <= 35; group += 1) {
    bigTree.push(node(group, 0, 'group'));
    for (let commune = 0; commune < 100; commune += 1) bigTree.push(node(1000 + group * 100 + commune, group, 'commune'));
  }

  /** A Map that counts reads. */
  class CountingMap<K, V> extends Map<K, V> {
    reads = 0;
    override get(key: K): V | undefined {
      this.reads += 1;
      return super.get(key);
    }
  }

  it('reads each organization’s summary a bounded number of times (linear)', () => {
    const summaries = new CountingMap<number, TimeSummary>();
    for (const organization of bigTree) {
      if (organization.kind === 'commune') summaries.set(organization.id, { exact: null, subPeriods: [{ period: '2026-02', value: 1 }] });
    }
    summaries.set(0, { exact: 7, subPeriods: [] });
    const result = rollupIndicator({ indicator: rule(), period: period('2026Q1'), organizationId: 0, organizations: bigTree, summaries });
    expect(result).toMatchObject({ value: 7, childrenRollup: value(3500, 35, 35, 'children') });
    expect(summaries.reads).toBeLessThanOrEqual(2 * bigTree.length + 1);
  });

  it('a ratio over the big tree reads each part once per organization', () => {
    const numerators = new CountingMap<number, TimeSummary>();
    const denominators = new CountingMap<number, TimeSummary>();
    for (const organization of bigTree) {
      if (organization.kind !== 'commune') continue;
      numerators.set(organization.id, { exact: 1, subPeriods: [] });
      denominators.set(organization.id, { exact: 4, subPeriods: [] });
    }
    const ratio = rule({ id: 4, orgAggregation: 'ratio', numeratorId: 2, denominatorId: 3 });
    const result = rollupIndicator({
      indicator: ratio,
      period: period('2026-03'),
      organizationId: 0,
      organizations: bigTree,
      summaries: new Map(),
      numerator: { indicator: rule({ id: 2 }), summaries: numerators },
      denominator: { indicator: rule({ id: 3 }), summaries: denominators },
    });
    expect(valueOf(result)).toEqual(value(25, 35, 35, 'ratio'));
    expect(numerators.reads).toBeLessThanOrEqual(bigTree.length);
    expect(denominators.reads).toBeLessThanOrEqual(bigTree.length);
  });
});

describe('rollupIndicator: sums over time and organizations agree (property)', () => {
  it('for `sum` with monthly commune values, the province’s year is the sum of its four quarters', () => {
    const monthly = fc.array(fc.option(fc.integer({ min: -1000, max: 1000 }), { nil: undefined }), { minLength: 12, maxLength: 12 });
    fc.assert(
      fc.property(fc.array(monthly, { minLength: 1, maxLength: 6 }), fc.boolean(), (communes, withDepartment) => {
        const organizations = [node(PROVINCE, null, 'province'), ...communes.map((_, index) => node(100 + index, PROVINCE, 'commune'))];
        if (withDepartment) organizations.push(node(DEPARTMENT, PROVINCE, 'department'));
        const values: Values = {};
        communes.forEach((months, index) => {
          values[100 + index] = {};
          months.forEach((amount, month) => {
            if (amount !== undefined) values[100 + index][formatPeriodCode({ kind: 'month', year: 2026, index: month + 1 })] = amount;
          });
        });
        const year = roll(rule(), '2026', PROVINCE, values, { organizations });
        const quarters = ['2026Q1', '2026Q2', '2026Q3', '2026Q4'].map((code) => roll(rule(), code, PROVINCE, values, { organizations }).value);
        const present = quarters.filter((quarter): quarter is number => quarter !== null);
        expect(year.value).toBe(present.length === 0 ? null : present.reduce((total, quarter) => total + quarter, 0));
        expect(year.expected).toBe(communes.length);
      }),
    );
  });
});

describe('rollupIndicator: values aggregated over time and leaves summed up by a database', () => {
  it('a summary aggregated over time counts as its sub-periods would', () => {
    const summaries = new Map<number, TimeSummary>([
      [C1, { exact: null, overTime: { value: 12, count: 2 } }],
      [C2, { exact: null, overTime: null }],
    ]);
    const result = rollupIndicator({ indicator: rule(), period: period('2026Q1'), organizationId: PROVINCE, organizations: flatTree, summaries });
    expect(valueOf(result)).toEqual(value(12, 1, 3, 'children'));
    const leaf = rollupIndicator({ indicator: rule(), period: period('2026Q1'), organizationId: C1, organizations: flatTree, summaries });
    expect(valueOf(leaf)).toEqual(value(12, 2, 3, 'time'));
  });

  it('leaves summed up by parent count as children: reported, expected, and in the sum or the mean', () => {
    const organizations = [node(PROVINCE, null, 'province'), node(DEPARTMENT, PROVINCE, 'department'), node(C1, DEPARTMENT, 'commune')];
    const leafGroups = new Map<number, LeafGroup>([[PROVINCE, { leaves: 3, expected: 2, reported: 2, sum: 30 }]]);
    const summaries = new Map<number, TimeSummary>([[C1, { exact: null, overTime: { value: 6, count: 3 } }]]);
    const input = { period: period('2026Q1'), organizationId: PROVINCE, organizations, summaries, leafGroups };
    expect(valueOf(rollupIndicator({ ...input, indicator: rule() }))).toEqual(value(36, 3, 3, 'children'));
    expect(valueOf(rollupIndicator({ ...input, indicator: rule({ orgAggregation: 'average' }) }))).toEqual(value(12, 3, 3, 'children'));
    expect(valueOf(rollupIndicator({ ...input, indicator: rule({ orgAggregation: 'none' }) }))).toEqual(value(null, 0, 3, 'time'));
  });

  it('a parent whose leaves are all summed up still has children; none reported gives no value', () => {
    const organizations = [node(PROVINCE, null, 'province')];
    const leafGroups = new Map<number, LeafGroup>([[PROVINCE, { leaves: 2, expected: 0, reported: 0, sum: 0 }]]);
    const result = rollupIndicator({ indicator: rule(), period: period('2026-02'), organizationId: PROVINCE, organizations, summaries: new Map(), leafGroups });
    expect(valueOf(result)).toEqual(value(null, 0, 0, 'children'));
  });

  it('an organization whose only expected descendants are summed-up leaves is expected', () => {
    const organizations = [node(PROVINCE, null, 'province'), node(DEPARTMENT, PROVINCE, 'department')];
    const leafGroups = new Map<number, LeafGroup>([[DEPARTMENT, { leaves: 1, expected: 1, reported: 1, sum: 5 }]]);
    const result = rollupIndicator({ indicator: rule(), period: period('2026-02'), organizationId: PROVINCE, organizations, summaries: new Map(), leafGroups });
    expect(valueOf(result)).toEqual(value(5, 1, 1, 'children'));
  });

  it('refuses leaves summed up for a ratio, and a ratio part aggregated over time where it must be split', () => {
    const ratio = rule({ id: 4, orgAggregation: 'ratio', numeratorId: 2, denominatorId: 3, frequency: 'quarter' });
    const part = (id: number, summary: TimeSummary) => ({ indicator: rule({ id, frequency: 'month' }), summaries: new Map([[C1, summary]]) });
    const base = { indicator: ratio, period: period('2026S1'), organizationId: C1, organizations: flatTree, summaries: new Map() };
    expect(() =>
      rollupIndicator({ ...base, numerator: part(2, { exact: null, subPeriods: [] }), denominator: part(3, { exact: null, subPeriods: [] }), leafGroups: new Map([[PROVINCE, { leaves: 1, expected: 1, reported: 0, sum: 0 }]]) }),
    ).toThrow(RangeError);
    expect(() => rollupIndicator({ ...base, numerator: part(2, { exact: null, overTime: { value: 1, count: 1 } }), denominator: part(3, { exact: null, subPeriods: [] }) })).toThrow(RangeError);
  });

  it('several organizations at once give what each gives alone', () => {
    const values: Values = { [C1]: { '2026-01': 1, '2026-02': 2 }, [C3]: { '2026-03': 4 }, [PROVINCE]: { '2026Q1': 9 } };
    const input = { indicator: rule(), period: period('2026Q1'), organizations: flatTree, summaries: summarise(values, period('2026Q1'), 'month') };
    const ids = [PROVINCE, DEPARTMENT, C1, C2, C3];
    expect(rollupIndicatorFor(input, ids)).toEqual(ids.map((organizationId) => rollupIndicator({ ...input, organizationId })));
  });

  it('give the same rollups as every value listed one by one (property)', () => {
    const kinds = ['department', 'commune', 'ward', 'agency'];
    const months = ['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06'];
    const orgValues = fc.record({
      months: fc.array(fc.option(fc.integer({ min: -50, max: 50 }), { nil: undefined }), { minLength: 6, maxLength: 6 }),
      exact: fc.option(fc.integer({ min: -50, max: 50 }), { nil: undefined }),
    });
    // A tree of depth 3: each node lists its children's kinds and values.
    const leafArbitrary = fc.record({ kind: fc.constantFrom(...kinds), values: orgValues, children: fc.constant([]) });
    const middleArbitrary = fc.record({ kind: fc.constantFrom(...kinds), values: orgValues, children: fc.array(leafArbitrary, { maxLength: 3 }) });
    const topArbitrary = fc.record({ kind: fc.constantFrom(...kinds), values: orgValues, children: fc.array(middleArbitrary, { maxLength: 3 }) });
    type Spec = { kind: string; values: { months: (number | undefined)[]; exact: number | undefined }; children: readonly Spec[] };
    fc.assert(
      fc.property(
        fc.array(topArbitrary, { minLength: 1, maxLength: 4 }),
        orgValues,
        fc.constantFrom<TimeAggregation>('sum', 'average', 'last'),
        fc.constantFrom<'sum' | 'average' | 'none'>('sum', 'average', 'none'),
        fc.constantFrom('2026Q1', '2026S1', '2026-02', '2026'),
        fc.integer({ min: 0, max: 1000 }),
        (tops, rootValues, timeAggregation, orgAggregation, code, askedSeed) => {
          const asked = period(code);
          const indicator = rule({ timeAggregation, orgAggregation });
          const organizations: OrganizationNode[] = [node(1, null, 'province')];
          const values: Values = {};
          const record = (id: number, spec: Spec['values']) => {
            values[id] = {};
            spec.months.forEach((amount, index) => {
              if (amount !== undefined) values[id][months[index]] = amount;
            });
            if (spec.exact !== undefined) values[id][code] = spec.exact;
          };
          record(1, rootValues);
          let next = 2;
          const add = (spec: Spec, parentId: number) => {
            const id = next++;
            organizations.push(node(id, parentId, spec.kind));
            record(id, spec.values);
            for (const child of spec.children) add(child, id);
          };
          for (const top of tops) add(top, 1);
          const allIds = organizations.map((organization) => organization.id);
          const detailed = summarise(values, asked, 'month');
          const full = rollupIndicatorFor({ indicator, period: asked, organizations, summaries: detailed }, allIds);

          // What the database gives: values aggregated over time, and the leaves not asked summed up by parent.
          const askedIds = allIds.filter((id, index) => id === 1 || (askedSeed >> index) % 3 === 0);
          const parents = new Set(organizations.map((organization) => organization.parentId));
          const overTime = new Map<number, TimeSummary>();
          const leafValue = new Map<number, number | null>();
          for (const [id, summary] of detailed) {
            const inPeriod = (summary.subPeriods ?? []).sort((a, b) => (a.period < b.period ? -1 : 1)).map((entry) => entry.value);
            const aggregated = isLongerKind(asked.kind, 'month') ? aggregateOverTime(inPeriod, timeAggregation) : null;
            overTime.set(id, { exact: summary.exact, overTime: aggregated === null ? null : { value: aggregated, count: inPeriod.length } });
            leafValue.set(id, isLongerKind('month', asked.kind) ? null : (summary.exact ?? aggregated));
          }
          const listed = organizations.filter((organization) => parents.has(organization.id) || askedIds.includes(organization.id));
          const leafGroups = new Map<number, LeafGroup>();
          for (const organization of organizations) {
            if (listed.includes(organization) || organization.parentId === null) continue;
            const group = leafGroups.get(organization.parentId) ?? { leaves: 0, expected: 0, reported: 0, sum: 0 };
            const amount = leafValue.get(organization.id) ?? null;
            leafGroups.set(organization.parentId, {
              leaves: group.leaves + 1,
              expected: group.expected + (indicator.reportingKinds.includes(organization.kind) ? 1 : 0),
              reported: group.reported + (amount === null ? 0 : 1),
              sum: group.sum + (amount ?? 0),
            });
          }
          const compact = rollupIndicatorFor({ indicator, period: asked, organizations: listed, summaries: overTime, leafGroups }, askedIds);
          const rounded = (result: RollupResult) => JSON.parse(JSON.stringify(result, (_key, item) => (typeof item === 'number' ? Math.round(item * 1e9) / 1e9 : item)));
          expect(compact.map(rounded)).toEqual(askedIds.map((id) => rounded(full[allIds.indexOf(id)])));
        },
      ),
    );
  });
});

describe('validateValue', () => {
  it.each<[ValueType, number, string | null]>([
    // Boundaries first.
    ['percent', 0, null],
    ['percent', 100, null],
    ['percent', 100.0001, 'Giá trị phần trăm phải từ 0 đến 100 (đã nhập 100,0001).'],
    ['percent', -0.1, 'Giá trị phần trăm phải từ 0 đến 100 (đã nhập -0,1).'],
    ['percent', 120, 'Giá trị phần trăm phải từ 0 đến 100 (đã nhập 120).'],
    ['percent', 55.5, null],
    ['percent', Number.NaN, 'Giá trị phải là một số hữu hạn (đã nhập NaN).'],
    ['yes_no', 0, null],
    ['yes_no', 1, null],
    ['yes_no', 0.5, 'Giá trị Có/Không phải là 1 (Có) hoặc 0 (Không) (đã nhập 0,5).'],
    ['yes_no', 2, 'Giá trị Có/Không phải là 1 (Có) hoặc 0 (Không) (đã nhập 2).'],
    ['yes_no', -1, 'Giá trị Có/Không phải là 1 (Có) hoặc 0 (Không) (đã nhập -1).'],
    ['yes_no', Number.POSITIVE_INFINITY, 'Giá trị phải là một số hữu hạn (đã nhập Infinity).'],
    ['number', 0, null],
    ['number', -5.25, null],
    ['number', 1e15, null],
    ['number', Number.NaN, 'Giá trị phải là một số hữu hạn (đã nhập NaN).'],
    ['number', Number.POSITIVE_INFINITY, 'Giá trị phải là một số hữu hạn (đã nhập Infinity).'],
    ['number', Number.NEGATIVE_INFINITY, 'Giá trị phải là một số hữu hạn (đã nhập -Infinity).'],
  ])('%s %d → %j', (valueType, input, expected) => {
    expect(validateValue(valueType, input)).toBe(expected);
  });
});

describe('targetHolds', () => {
  it.each<[string, number, number, Comparator, boolean]>([
    ['≥ at the target', 10, 10, 'gte', true],
    ['≥ above', 10.1, 10, 'gte', true],
    ['≥ below', 9.9, 10, 'gte', false],
    ['≤ at the target', 10, 10, 'lte', true],
    ['≤ below', 9.9, 10, 'lte', true],
    ['≤ above', 10.1, 10, 'lte', false],
    ['= exactly', 10, 10, 'eq', true],
    ['= within 1e-9 relative', 1 + 5e-10, 1, 'eq', true],
    ['= within 1e-9 relative of a large target', 1e12 + 100, 1e12, 'eq', true],
    ['= beyond 1e-9 relative', 1 + 1e-8, 1, 'eq', false],
    ['= beyond 1e-9 relative, below', 1 - 1e-8, 1, 'eq', false],
    ['= 0 and 0', 0, 0, 'eq', true],
    ['= a tiny value is not 0 (relative tolerance)', 1e-20, 0, 'eq', false],
    ['= yes for yes', 1, 1, 'eq', true],
    ['= no for yes', 0, 1, 'eq', false],
    ['≤ a float sum equal within tolerance (0.1 + 0.2 ≤ 0.3)', 0.1 + 0.2, 0.3, 'lte', true],
    ['≥ a value equal within tolerance', 1 - 1e-12, 1, 'gte', true],
    ['≥ negative values', -5, -6, 'gte', true],
  ])('%s', (_name, input, target, comparator, expected) => {
    expect(targetHolds(input, target, comparator)).toBe(expected);
  });
});

describe('progressTowardTarget', () => {
  it.each<[string, number, number, number, Direction, Comparator, number]>([
    // t = b first.
    ['t = b, higher, target holds', 5, 5, 5, 'higher', 'gte', 1],
    ['t = b, higher, above the target', 7, 5, 5, 'higher', 'gte', 1],
    ['t = b, higher, target not held', 4, 5, 5, 'higher', 'gte', 0],
    ['t = b, lower, target holds', 3, 5, 5, 'lower', 'lte', 1],
    ['t = b, lower, target not held', 6, 5, 5, 'lower', 'lte', 0],
    ['t = b, equal, holds', 5, 5, 5, 'higher', 'eq', 1],
    ['t = b, equal, not held', 5.1, 5, 5, 'higher', 'eq', 0],
    ['t = b = 0: 0 meets ≥ 0', 0, 0, 0, 'higher', 'gte', 1],
    // Higher is better.
    ['higher: half way from 0', 50, 100, 0, 'higher', 'gte', 0.5],
    ['higher: half way from a baseline', 60, 100, 20, 'higher', 'gte', 0.5],
    ['higher: at the baseline', 20, 100, 20, 'higher', 'gte', 0],
    ['higher: at the target', 100, 100, 20, 'higher', 'gte', 1],
    ['higher: beyond the target, clamped to 1', 150, 100, 0, 'higher', 'gte', 1],
    ['higher: below the baseline, clamped to 0', -10, 100, 0, 'higher', 'gte', 0],
    // Lower is better.
    ['lower: half way down', 90, 80, 100, 'lower', 'lte', 0.5],
    ['lower: at the baseline', 100, 80, 100, 'lower', 'lte', 0],
    ['lower: at the target', 80, 80, 100, 'lower', 'lte', 1],
    ['lower: beyond the target, clamped to 1', 50, 80, 100, 'lower', 'lte', 1],
    ['lower: worse than the baseline, clamped to 0', 110, 80, 100, 'lower', 'lte', 0],
  ])('%s', (_name, input, target, baseline, direction, comparator, expected) => {
    expect(progressTowardTarget(input, target, baseline, direction, comparator)).toBeCloseTo(expected, 12);
  });

  it('stays in 0..1 (property)', () => {
    const number = fc.double({ min: -1e6, max: 1e6, noNaN: true });
    fc.assert(
      fc.property(number, number, number, fc.constantFrom<Direction>('higher', 'lower'), fc.constantFrom<Comparator>('gte', 'lte', 'eq'), (v, t, b, direction, comparator) => {
        const progress = progressTowardTarget(v, t, b, direction, comparator);
        expect(progress).toBeGreaterThanOrEqual(0);
        expect(progress).toBeLessThanOrEqual(1);
      }),
    );
  });
});

describe('indicatorStatus', () => {
  const april = period('2026-04'); // 30 days: on 2026-04-15 half of it has elapsed
  type Case = [string, number | null, number | null, Comparator | null, number | null, Direction, IsoDate, number | null, IndicatorStatus];

  it.each<Case>([
    // No data first.
    ['no value', null, 100, 'gte', 0, 'higher', '2026-04-15', null, 'no_data'],
    ['a value but no target', 50, null, null, 0, 'higher', '2026-04-15', null, 'no_data'],
    ['a value, a target, no comparator', 50, 100, null, 0, 'higher', '2026-04-15', null, 'no_data'],
    // Boundaries of e = 0.5 and 0.8 e = 0.4.
    ['progress = e → on track', 50, 100, 'gte', 0, 'higher', '2026-04-15', 0.5, 'on_track'],
    ['progress just under e → at risk', 49.999, 100, 'gte', 0, 'higher', '2026-04-15', 0.49999, 'at_risk'],
    ['progress = 0.8 e → at risk', 40, 100, 'gte', 0, 'higher', '2026-04-15', 0.4, 'at_risk'],
    ['progress just under 0.8 e → off track', 39.999, 100, 'gte', 0, 'higher', '2026-04-15', 0.39999, 'off_track'],
    ['no progress → off track', 0, 100, 'gte', 0, 'higher', '2026-04-15', 0, 'off_track'],
    ['the comparator holds → achieved', 100, 100, 'gte', 0, 'higher', '2026-04-15', 1, 'achieved'],
    ['beyond the target → achieved', 120, 100, 'gte', 0, 'higher', '2026-04-01', 1, 'achieved'],
    // Before and after the period.
    ['before the period (e = 0): any progress is on track', 0, 100, 'gte', 0, 'higher', '2026-03-31', 0, 'on_track'],
    ['on its last day (e = 1), 0.8 → at risk', 80, 100, 'gte', 0, 'higher', '2026-04-30', 0.8, 'at_risk'],
    ['after it (e = 1), just under 1 → at risk', 99.99, 100, 'gte', 0, 'higher', '2026-05-20', 0.9999, 'at_risk'],
    ['after it (e = 1), just under 0.8 → off track', 79.99, 100, 'gte', 0, 'higher', '2026-05-20', 0.7999, 'off_track'],
    // Baselines.
    ['a null baseline counts as 0', 50, 100, 'gte', null, 'higher', '2026-04-15', 0.5, 'on_track'],
    ['from a baseline of 20', 52, 100, 'gte', 20, 'higher', '2026-04-15', 0.4, 'at_risk'],
    ['t = b, not held → progress 0', 4, 5, 'gte', 5, 'higher', '2026-04-15', 0, 'off_track'],
    // Lower is better.
    ['lower: half way down on e = 0.5 → on track', 90, 80, 'lte', 100, 'lower', '2026-04-15', 0.5, 'on_track'],
    ['lower: half way down on the last day → off track', 90, 80, 'lte', 100, 'lower', '2026-04-30', 0.5, 'off_track'],
    ['lower: at the target → achieved', 80, 80, 'lte', 100, 'lower', '2026-04-15', 1, 'achieved'],
    // Equality.
    ['= held within tolerance → achieved', 1 + 1e-12, 1, 'eq', 0, 'higher', '2026-04-15', 1, 'achieved'],
    ['= beyond it: by progress (clamped 1 ≥ e)', 2, 1, 'eq', 0, 'higher', '2026-04-15', 1, 'on_track'],
  ])('%s', (_name, input, target, comparator, baseline, direction, asOf, progress, status) => {
    const result = indicatorStatus({ value: input, target, comparator, baseline, direction, period: april, asOf });
    expect(result.status).toBe(status);
    if (progress === null) expect(result.progress).toBeNull();
    else expect(result.progress).toBeCloseTo(progress, 12);
  });
});

describe('targetForPeriod and breakDownAnnualTarget', () => {
  const target = (code: string, amount: number, comparator: Comparator = 'gte'): TargetFact => ({ period: code, value: amount, comparator });
  const annual = target('2026', 1200);

  it.each<[string, TargetFact[], TimeAggregation, string, (TargetFact & { derived: boolean }) | null]>([
    // None first.
    ['no targets', [], 'sum', '2026Q1', null],
    ['a year has only its own target: quarters do not make one', [target('2026Q1', 300), target('2026Q2', 300)], 'sum', '2026', null],
    ['another year’s annual target does not apply', [target('2025', 1200)], 'sum', '2026Q1', null],
    ['a month is not broken down from a quarter set by hand', [target('2026Q1', 300)], 'sum', '2026-01', null],
    // By hand.
    ['the year, by hand', [annual], 'sum', '2026', { ...annual, derived: false }],
    ['a quarter set by hand wins over the annual share', [annual, target('2026Q1', 500, 'lte')], 'sum', '2026Q1', { ...target('2026Q1', 500, 'lte'), derived: false }],
    ['a month set by hand', [annual, target('2026-02', 7)], 'average', '2026-02', { ...target('2026-02', 7), derived: false }],
    // Derived from the year, `sum`: an even share.
    ['sum: a half is 6/12', [annual], 'sum', '2026S2', { ...target('2026S2', 600), derived: true }],
    ['sum: a quarter is 3/12', [annual], 'sum', '2026Q3', { ...target('2026Q3', 300), derived: true }],
    ['sum: a month is 1/12', [annual], 'sum', '2026-05', { ...target('2026-05', 100), derived: true }],
    ['sum: a month, from the year even with its quarter set by hand', [annual, target('2026Q1', 600)], 'sum', '2026-01', { ...target('2026-01', 100), derived: true }],
    ['the comparator comes from the annual target', [target('2026', 1200, 'lte')], 'sum', '2026Q1', { ...target('2026Q1', 300, 'lte'), derived: true }],
    // `last` and `average`: the same value.
    ['last: a quarter', [annual], 'last', '2026Q2', { ...target('2026Q2', 1200), derived: true }],
    ['last: a month', [annual], 'last', '2026-12', { ...target('2026-12', 1200), derived: true }],
    ['average: a half', [target('2026', 75, 'eq')], 'average', '2026S1', { ...target('2026S1', 75, 'eq'), derived: true }],
    ['average: a month', [annual], 'average', '2026-01', { ...target('2026-01', 1200), derived: true }],
  ])('%s', (_name, targets, timeAggregation, code, expected) => {
    expect(targetForPeriod(targets, { timeAggregation }, period(code))).toEqual(expected);
  });

  it.each<[string, TargetFact[]]>([
    ['a malformed period code', [target('2026-1', 5)]],
    ['two targets for the same period', [target('2026Q1', 5), target('2026Q1', 6)]],
  ])('rejects %s', (_name, targets) => {
    expect(() => targetForPeriod(targets, { timeAggregation: 'sum' }, period('2026Q1'))).toThrow(RangeError);
  });

  it.each<[number, TimeAggregation, 'half' | 'quarter' | 'month', number]>([
    [1200, 'sum', 'half', 600],
    [1200, 'sum', 'quarter', 300],
    [1200, 'sum', 'month', 100],
    [1000, 'sum', 'month', 1000 / 12],
    [0, 'sum', 'quarter', 0],
    [1200, 'last', 'half', 1200],
    [1200, 'last', 'month', 1200],
    [85.5, 'average', 'quarter', 85.5],
    [85.5, 'average', 'month', 85.5],
  ])('breaks down %d (%s) into a %s: %d', (amount, timeAggregation, kind, expected) => {
    expect(breakDownAnnualTarget(amount, timeAggregation, kind)).toBeCloseTo(expected, 9);
  });

  it('`sum` shares add back up to the year (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e9 }), (amount) => {
        expect(4 * breakDownAnnualTarget(amount, 'sum', 'quarter')).toBeCloseTo(amount, 3);
        expect(12 * breakDownAnnualTarget(amount, 'sum', 'month')).toBeCloseTo(amount, 3);
        expect(2 * breakDownAnnualTarget(amount, 'sum', 'half')).toBeCloseTo(amount, 3);
      }),
    );
  });
});
