/**
 * Indicator rules (domain.md, "Periods and indicators"): validating values, rolling values up over
 * time and over the organization tree, targets, progress and status. Pure functions: no clock, no
 * I/O. Only approved values reach these functions; the caller filters them.
 */
import type { IsoDate } from './dates';
import {
  elapsedShare,
  formatPeriodCode,
  isLongerKind,
  monthsIn,
  parsePeriodCode,
  periodContains,
  periodStart,
  subPeriods,
  type Period,
  type PeriodKind,
} from './periods';

/** Whether a higher or a lower value is better. */
export type Direction = 'higher' | 'lower';
/** `percent` must lie in 0..100; `yes_no` is 1 (Có) or 0 (Không). */
export type ValueType = 'number' | 'percent' | 'yes_no';
/** How shorter periods make a longer one: `sum` for flows, `last` for stocks, `average`. */
export type TimeAggregation = 'sum' | 'last' | 'average';
/** How child organizations make a parent; `none` = only entered where it is measured. */
export type OrgAggregation = 'sum' | 'average' | 'ratio' | 'none';
/** A target's comparator: ≥, ≤, =. */
export type Comparator = 'gte' | 'lte' | 'eq';
export type IndicatorStatus = 'achieved' | 'on_track' | 'at_risk' | 'off_track' | 'no_data';

/** The parts of an indicator that its rules read. */
export interface IndicatorRule {
  id: number;
  frequency: PeriodKind;
  timeAggregation: TimeAggregation;
  orgAggregation: OrgAggregation;
  direction: Direction;
  valueType: ValueType;
  /** Kinds of organization that enter the indicator (communes and wards by default). */
  reportingKinds: string[];
  /** For a `ratio` indicator, the indicators whose rollups make N and D; null otherwise. */
  numeratorId: number | null;
  denominatorId: number | null;
}

/**
 * Approved values of one organization for one indicator: the value entered for exactly the period
 * asked, and the values of the sub-periods of the indicator's frequency within it.
 */
export interface TimeSummary {
  exact: number | null;
  /** Period codes of the indicator's frequency; entries outside the period asked are ignored. */
  subPeriods?: { period: string; value: number }[];
  /**
   * Instead of `subPeriods`, the same values already aggregated over time (by the database): the
   * values of the sub-periods of the indicator's frequency within the period asked, aggregated by
   * the indicator's `timeAggregation` as `aggregateOverTime` does, and how many there were; null
   * when none has a value. When present, `subPeriods` is not read, and the summary holds only for
   * the period it was made for (a ratio's per-part count needs `subPeriods`).
   */
  overTime?: { value: number; count: number } | null;
}

export interface OrganizationNode {
  id: number;
  parentId: number | null;
  kind: string;
}

/**
 * A rolled-up value. `source` names the step that gave the result: `entered` (step 1), `time`
 * (step 2), `children` (step 3), `ratio` (N / D × 100), `none` (no step applies). `reported` of
 * `expected` counts what that step counted: 1 of 1 for an entered value, sub-periods with a value of
 * the sub-periods of the period for `time`, children with a value of the expected children for
 * `children`. A step can give the result without a value (`value` null): a parent none of whose
 * children has a value reports `children` 0 of n; a leaf without a value for a longer period
 * reports `time` 0 of n. With `none`, both counts are 0.
 */
export interface RollupValue {
  value: number | null;
  reported: number;
  expected: number;
  source: 'entered' | 'time' | 'children' | 'ratio' | 'none';
}

export interface RollupResult extends RollupValue {
  /** The value entered for exactly the period asked, or null. */
  entered: number | null;
  /**
   * The rollup of the children, shown beside an entered value, never mixed in (step 1); null when
   * nothing was entered, when the organization has no children, or for `none` and `ratio`.
   */
  childrenRollup: RollupValue | null;
}

export interface RollupInput {
  indicator: IndicatorRule;
  period: Period;
  organizationId: number;
  /** The subtree of `organizationId` (or more); the tree is read from `parentId`. */
  organizations: OrganizationNode[];
  /** By organization id; absent = no approved value. */
  summaries: Map<number, TimeSummary>;
  /**
   * Leaves of the tree left out of `organizations`, summed up by their parent id (the parent is
   * listed): a database sums a big tree's leaves faster than it lists them. Not for ratio
   * indicators, whose counts need each leaf's numerator and denominator.
   */
  leafGroups?: Map<number, LeafGroup>;
  /** For a ratio indicator: the numerator's and denominator's rules and summaries. */
  numerator?: { indicator: IndicatorRule; summaries: Map<number, TimeSummary> };
  denominator?: { indicator: IndicatorRule; summaries: Map<number, TimeSummary> };
}

/**
 * The leaves (organizations without children) of one parent that are not listed, as the parent's
 * step 3 reads them: each leaf's value is found by steps 1–2 (the value entered for exactly the
 * period, else its sub-period values aggregated over time).
 */
export interface LeafGroup {
  /** How many leaves there are (at least 1: a parent with none has no group). */
  leaves: number;
  /** How many of them are of the indicator's reporting kinds. */
  expected: number;
  /** How many of them have a value, and the sum of those values. */
  reported: number;
  sum: number;
}

const noValue: RollupValue = { value: null, reported: 0, expected: 0, source: 'none' };

/**
 * Aggregates values over time, given in period order: `sum`, `average`, or `last` (the last one).
 * Null when there is no value.
 */
export function aggregateOverTime(values: number[], aggregation: TimeAggregation): number | null {
  if (values.length === 0) return null;
  switch (aggregation) {
    case 'sum':
      return sum(values);
    case 'average':
      return sum(values) / values.length;
    case 'last':
      return values[values.length - 1];
  }
}

/** Aggregates the values of organizations: `sum` or `average`. Null when there is no value. */
export function aggregateOverOrganizations(values: number[], aggregation: 'sum' | 'average'): number | null {
  if (values.length === 0) return null;
  return aggregation === 'sum' ? sum(values) : sum(values) / values.length;
}

function sum(values: number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

/** The organization tree: children by parent, and which organizations are expected to report. */
class OrganizationTree {
  private readonly childrenByParent = new Map<number, OrganizationNode[]>();
  private readonly nodes = new Map<number, OrganizationNode>();

  constructor(organizations: OrganizationNode[]) {
    for (const node of organizations) {
      this.nodes.set(node.id, node);
      if (node.parentId === null) continue;
      const siblings = this.childrenByParent.get(node.parentId);
      if (siblings) siblings.push(node);
      else this.childrenByParent.set(node.parentId, [node]);
    }
  }

  has(id: number): boolean {
    return this.nodes.has(id);
  }

  children(id: number): OrganizationNode[] {
    return this.childrenByParent.get(id) ?? [];
  }

  /**
   * Whether an organization is expected to report an indicator entered by `reportingKinds`: its
   * kind is one of them, or it has a descendant of such a kind (`hasExpectedLeaves`: among its
   * leaves not listed). Memoised per set of kinds.
   */
  expectation(reportingKinds: string[], hasExpectedLeaves: (id: number) => boolean = () => false): (id: number) => boolean {
    const kinds = new Set(reportingKinds);
    const memo = new Map<number, boolean>();
    const isExpected = (id: number): boolean => {
      const known = memo.get(id);
      if (known !== undefined) return known;
      memo.set(id, false); // guards against a cycle in parentId
      const kind = this.nodes.get(id)?.kind;
      const expected = (kind !== undefined && kinds.has(kind)) || hasExpectedLeaves(id) || this.children(id).some((child) => isExpected(child.id));
      memo.set(id, expected);
      return expected;
    };
    return isExpected;
  }
}

/** The values of the sub-periods of `kind` within `period`, in period order. */
function valuesWithin(summary: TimeSummary | undefined, period: Period, kind: PeriodKind): { period: Period; value: number }[] {
  if (!summary) return [];
  if (!summary.subPeriods) throw new RangeError('A summary aggregated over time has no sub-period values');
  const seen = new Set<string>();
  const entries: { period: Period; value: number; start: IsoDate }[] = [];
  for (const entry of summary.subPeriods) {
    const parsed = parsePeriodCode(entry.period);
    if (!parsed) throw new RangeError(`Not a period code: ${JSON.stringify(entry.period)}`);
    if (parsed.kind !== kind || !periodContains(period, parsed)) continue;
    const code = formatPeriodCode(parsed);
    if (seen.has(code)) throw new RangeError(`Two values for the period ${code}`);
    seen.add(code);
    entries.push({ period: parsed, value: entry.value, start: periodStart(parsed) });
  }
  return entries.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
}

/** An organization's summary narrowed to a period within the one it was made for. */
function narrowSummary(summary: TimeSummary | undefined, from: Period, to: Period, kind: PeriodKind): TimeSummary | undefined {
  if (!summary || formatPeriodCode(from) === formatPeriodCode(to)) return summary;
  const entries = valuesWithin(summary, to, kind);
  const exact = entries.find((entry) => formatPeriodCode(entry.period) === formatPeriodCode(to));
  return { exact: exact?.value ?? null, subPeriods: entries.map((entry) => ({ period: formatPeriodCode(entry.period), value: entry.value })) };
}

/**
 * Steps 1–3 for one non-ratio indicator and one period, memoised per organization so that a whole
 * tree costs one visit per organization.
 */
class StepRollup {
  private readonly memo = new Map<number, RollupValue>();
  private readonly inProgress = new Set<number>();
  private readonly isExpected: (id: number) => boolean;

  constructor(
    private readonly indicator: IndicatorRule,
    private readonly period: Period,
    private readonly tree: OrganizationTree,
    private readonly summaries: Map<number, TimeSummary>,
    private readonly leafGroups: Map<number, LeafGroup> = new Map(),
  ) {
    if (indicator.orgAggregation === 'ratio') throw new RangeError(`Indicator ${indicator.id} is a ratio of ratios`);
    this.isExpected = tree.expectation(indicator.reportingKinds, (id) => (leafGroups.get(id)?.expected ?? 0) > 0);
    this.isShorter = isLongerKind(indicator.frequency, period.kind);
    this.subPeriodCount = isLongerKind(period.kind, indicator.frequency) ? subPeriods(period, indicator.frequency).length : 0;
  }

  /** The period is shorter than the indicator's frequency: no value. */
  private readonly isShorter: boolean;
  /** How many sub-periods of the indicator's frequency the period has; 0 when it is not longer. */
  private readonly subPeriodCount: number;

  /** The value of an organization by steps 1–3. */
  valueOf(id: number): RollupValue {
    const known = this.memo.get(id);
    if (known) return known;
    if (this.inProgress.has(id)) throw new RangeError(`The organization tree has a cycle through ${id}`);
    this.inProgress.add(id);
    const result = this.compute(id);
    this.inProgress.delete(id);
    this.memo.set(id, result);
    return result;
  }

  /** The value entered for exactly the period, or null. */
  entered(id: number): number | null {
    if (this.isShorter) return null;
    return this.summaries.get(id)?.exact ?? null;
  }

  /** Step 3: the direct children, each by steps 1–3; null when the step does not apply (no children, or `none`). */
  childrenStep(id: number): RollupValue | null {
    const aggregation = this.indicator.orgAggregation;
    const children = this.tree.children(id);
    const leaves = this.leafGroups.get(id);
    if ((children.length === 0 && !leaves) || aggregation === 'none' || aggregation === 'ratio') return null;
    const values: number[] = [];
    for (const child of children) {
      const { value } = this.valueOf(child.id);
      if (value !== null) values.push(value);
    }
    const expected = children.filter((child) => this.isExpected(child.id)).length;
    if (!leaves) return { value: aggregateOverOrganizations(values, aggregation), reported: values.length, expected, source: 'children' };
    const reported = values.length + leaves.reported;
    const total = sum(values) + leaves.sum;
    return {
      value: reported === 0 ? null : aggregation === 'sum' ? total : total / reported,
      reported,
      expected: expected + leaves.expected,
      source: 'children',
    };
  }

  private compute(id: number): RollupValue {
    const { frequency, timeAggregation } = this.indicator;
    if (this.isShorter) return noValue;
    const summary = this.summaries.get(id);
    const entered = summary?.exact ?? null;
    if (entered !== null) return { value: entered, reported: 1, expected: 1, source: 'entered' };
    let timeStep: RollupValue | null = null;
    if (this.subPeriodCount > 0) {
      let value: number | null;
      let reported: number;
      if (summary?.overTime !== undefined) {
        value = summary.overTime?.value ?? null;
        reported = summary.overTime?.count ?? 0;
      } else {
        const values = valuesWithin(summary, this.period, frequency).map((entry) => entry.value);
        value = aggregateOverTime(values, timeAggregation);
        reported = values.length;
      }
      timeStep = { value, reported, expected: this.subPeriodCount, source: 'time' };
      if (timeStep.value !== null) return timeStep;
    }
    return this.childrenStep(id) ?? timeStep ?? noValue;
  }
}

/**
 * Rolls an indicator up for an organization and a period (domain.md, "Rolling up"):
 * 1. a value entered for exactly that period is the value, with the children's rollup beside it;
 * 2. otherwise, for a period longer than the frequency, the organization's own sub-period values
 *    aggregated over time;
 * 3. otherwise its direct children, each found by these same steps, aggregated over organizations.
 * A period shorter than the frequency has no value. A `ratio` indicator is N / D × 100 of the
 * rollups of its numerator and denominator (see `RatioRollup`).
 * Linear in the number of organizations.
 * @throws RangeError for an unknown organization, a cycle in the tree, a malformed or repeated
 *   sub-period code, a ratio indicator without its numerator and denominator or with leaves summed
 *   up, or a summary aggregated over time where a ratio needs its sub-periods one by one.
 */
export function rollupIndicator(input: RollupInput): RollupResult {
  const { organizationId, ...rest } = input;
  return rollupIndicatorFor(rest, [organizationId])[0];
}

/**
 * `rollupIndicator` for several organizations of one tree at once (a parent and its children):
 * the tree is built once and each organization's value is computed once, whichever asks for it.
 * @throws RangeError as `rollupIndicator` does.
 */
export function rollupIndicatorFor(input: Omit<RollupInput, 'organizationId'>, organizationIds: number[]): RollupResult[] {
  const tree = new OrganizationTree(input.organizations);
  for (const id of organizationIds) if (!tree.has(id)) throw new RangeError(`Unknown organization ${id}`);
  if (input.indicator.orgAggregation === 'ratio') {
    if (input.leafGroups?.size) throw new RangeError(`Ratio indicator ${input.indicator.id} needs every leaf listed`);
    const ratio = new RatioRollup(input, tree);
    return organizationIds.map((id) => ratio.resultOf(id));
  }
  const steps = new StepRollup(input.indicator, input.period, tree, input.summaries, input.leafGroups);
  return organizationIds.map((id) => {
    const result = steps.valueOf(id);
    const entered = steps.entered(id);
    return { ...result, entered, childrenRollup: entered === null ? null : steps.childrenStep(id) };
  });
}

/**
 * A ratio indicator is never entered: for any organization and period its value is N / D × 100,
 * with N and D the rollups (by steps 1–3, each with its own aggregations) of its numerator and
 * denominator for that organization and period; no value when D is missing or 0. `reported`
 * counts the children that have both N and D of the expected children; for an organization
 * without children, the sub-periods of the ratio's frequency that have both, of all of them.
 *
 * domain.md's step 3 says "ratio = Σ numerators / Σ denominators × 100, over the children that have
 * both", which would leave out a child with a numerator but no denominator; the later, specific
 * ratio paragraph takes N and D as the organization's own rollups, so such a child's numerator
 * counts in N. We follow the ratio paragraph, to the letter. The two also differ when the parent
 * entered N or D itself (step 1 for N or D), which step 3 would ignore.
 */
class RatioRollup {
  private readonly steps: { numerators: StepRollup; denominators: StepRollup } | null = null;
  private readonly numerator: { indicator: IndicatorRule; summaries: Map<number, TimeSummary> };
  private readonly denominator: { indicator: IndicatorRule; summaries: Map<number, TimeSummary> };
  private isExpected: ((id: number) => boolean) | undefined;

  constructor(
    private readonly input: Omit<RollupInput, 'organizationId'>,
    private readonly tree: OrganizationTree,
  ) {
    const { indicator, period, numerator, denominator } = input;
    if (!numerator || !denominator) throw new RangeError(`Ratio indicator ${indicator.id} needs its numerator and denominator`);
    this.numerator = numerator;
    this.denominator = denominator;
    // The ratio's own frequency sets the periods it is shown for, like any indicator's.
    if (isLongerKind(indicator.frequency, period.kind)) return;
    this.steps = {
      numerators: new StepRollup(numerator.indicator, period, tree, numerator.summaries),
      denominators: new StepRollup(denominator.indicator, period, tree, denominator.summaries),
    };
  }

  resultOf(organizationId: number): RollupResult {
    const result = (value: RollupValue): RollupResult => ({ ...value, entered: null, childrenRollup: null });
    if (!this.steps) return result(noValue);
    const { indicator, period } = this.input;
    const { numerators, denominators } = this.steps;
    const tree = this.tree;
    const hasBoth = (n: StepRollup, d: StepRollup, id: number) => n.valueOf(id).value !== null && d.valueOf(id).value !== null;

    const children = tree.children(organizationId);
    let reported: number;
    let expected: number;
    if (children.length > 0) {
      const isExpected = (this.isExpected ??= tree.expectation(indicator.reportingKinds));
      reported = children.filter((child) => hasBoth(numerators, denominators, child.id)).length;
      expected = children.filter((child) => isExpected(child.id)).length;
    } else {
      const parts = subPeriods(period, indicator.frequency);
      const narrowed = (side: { indicator: IndicatorRule; summaries: Map<number, TimeSummary> }, part: Period) => {
        const summary = narrowSummary(side.summaries.get(organizationId), period, part, side.indicator.frequency);
        return new StepRollup(side.indicator, part, tree, new Map(summary ? [[organizationId, summary]] : []));
      };
      reported = parts.filter((part) => hasBoth(narrowed(this.numerator, part), narrowed(this.denominator, part), organizationId)).length;
      expected = parts.length;
    }

    const n = numerators.valueOf(organizationId).value;
    const d = denominators.valueOf(organizationId).value;
    const value = n === null || d === null || d === 0 ? null : (n / d) * 100;
    return result({ value, reported, expected, source: 'ratio' });
  }
}

/** The shortest decimal form of a number, with a decimal comma (Vietnamese). */
function formatNumberVi(value: number): string {
  return String(value).replace('.', ',');
}

/**
 * Checks a value against its type: every value must be a finite number, a percent must lie in
 * 0..100, a yes/no value must be 1 (Có) or 0 (Không). Null when valid, else a Vietnamese message.
 */
export function validateValue(valueType: ValueType, value: number): string | null {
  if (!Number.isFinite(value)) return `Giá trị phải là một số hữu hạn (đã nhập ${formatNumberVi(value)}).`;
  switch (valueType) {
    case 'number':
      return null;
    case 'percent':
      return value >= 0 && value <= 100 ? null : `Giá trị phần trăm phải từ 0 đến 100 (đã nhập ${formatNumberVi(value)}).`;
    case 'yes_no':
      return value === 0 || value === 1 ? null : `Giá trị Có/Không phải là 1 (Có) hoặc 0 (Không) (đã nhập ${formatNumberVi(value)}).`;
  }
}

const EQUALITY_TOLERANCE = 1e-9;

/** Whether two numbers are equal within a relative tolerance of 1e-9. */
function nearlyEqual(a: number, b: number): boolean {
  return Math.abs(a - b) <= EQUALITY_TOLERANCE * Math.max(Math.abs(a), Math.abs(b));
}

/**
 * Whether a value meets a target: `gte` v ≥ t, `lte` v ≤ t, `eq` v = t within a relative tolerance
 * of 1e-9. A value equal to the target within that tolerance also meets `gte` and `lte`, so that
 * `eq` holding implies both (a sum like 0.1 + 0.2 meets "≤ 0.3").
 */
export function targetHolds(value: number, target: number, comparator: Comparator): boolean {
  if (nearlyEqual(value, target)) return true;
  switch (comparator) {
    case 'gte':
      return value > target;
    case 'lte':
      return value < target;
    case 'eq':
      return false;
  }
}

/**
 * Progress of a value v from a baseline b toward a target t, clamped to 0..1: (v − b) / (t − b) when
 * higher is better, (b − v) / (b − t) when lower is better. When t = b it is 1 if the target holds
 * and 0 if not.
 */
export function progressTowardTarget(value: number, target: number, baseline: number, direction: Direction, comparator: Comparator): number {
  if (target === baseline) return targetHolds(value, target, comparator) ? 1 : 0;
  // The two forms are algebraically equal; both are written as domain.md states them.
  const progress = direction === 'higher' ? (value - baseline) / (target - baseline) : (baseline - value) / (baseline - target);
  return Math.min(1, Math.max(0, progress));
}

/**
 * Progress and status as of a date. No value → `no_data` with progress null. A value but no target
 * (or no comparator) → progress null and status `no_data`: without a target there is nothing to be
 * on or off track for. Otherwise `achieved` when the comparator holds; else, with e the elapsed share
 * of the period on `asOf`, `on_track` if progress ≥ e, `at_risk` if progress ≥ 0.8 × e, else
 * `off_track`. A null baseline counts as 0.
 */
export function indicatorStatus(input: {
  value: number | null;
  target: number | null;
  comparator: Comparator | null;
  /** The value of the same period one year earlier; null → 0. */
  baseline: number | null;
  direction: Direction;
  period: Period;
  asOf: IsoDate;
}): { progress: number | null; status: IndicatorStatus } {
  const { value, target, comparator, direction, period, asOf } = input;
  if (value === null || target === null || comparator === null) return { progress: null, status: 'no_data' };
  const progress = progressTowardTarget(value, target, input.baseline ?? 0, direction, comparator);
  if (targetHolds(value, target, comparator)) return { progress, status: 'achieved' };
  const elapsed = elapsedShare(period, asOf);
  if (progress >= elapsed) return { progress, status: 'on_track' };
  if (progress >= 0.8 * elapsed) return { progress, status: 'at_risk' };
  return { progress, status: 'off_track' };
}

/** A target of one organization: its period code, value and comparator. */
export interface TargetFact {
  period: string;
  value: number;
  comparator: Comparator;
}

/**
 * The target of an organization for a period. A target set for exactly the period wins (set by
 * hand, `derived` false). Otherwise a half, quarter or month takes its share of the annual target
 * of its year (`breakDownAnnualTarget`, same comparator, `derived` true); a target of another
 * half or quarter is never broken down. A year has only its own target. Null when there is none.
 * Targets do not pass down to children: give the targets of one organization.
 * @throws RangeError for a malformed period code or two targets for the same period.
 */
export function targetForPeriod(
  targets: TargetFact[],
  indicator: Pick<IndicatorRule, 'timeAggregation'>,
  period: Period,
): (TargetFact & { derived: boolean }) | null {
  const byPeriod = new Map<string, TargetFact>();
  for (const target of targets) {
    const parsed = parsePeriodCode(target.period);
    if (!parsed) throw new RangeError(`Not a period code: ${JSON.stringify(target.period)}`);
    const code = formatPeriodCode(parsed);
    if (byPeriod.has(code)) throw new RangeError(`Two targets for the period ${code}`);
    byPeriod.set(code, target);
  }
  const code = formatPeriodCode(period);
  const byHand = byPeriod.get(code);
  if (byHand) return { ...byHand, period: code, derived: false };
  if (period.kind === 'year') return null;
  const annual = byPeriod.get(String(period.year));
  if (!annual) return null;
  return {
    period: code,
    value: breakDownAnnualTarget(annual.value, indicator.timeAggregation, period.kind),
    comparator: annual.comparator,
    derived: true,
  };
}

/**
 * The share of an annual target for a half, quarter or month: for `sum` an even share,
 * annual × months / 12 (a share of the year, not a running total); for `last` and `average` the
 * same value.
 */
export function breakDownAnnualTarget(annual: number, timeAggregation: TimeAggregation, kind: 'half' | 'quarter' | 'month'): number {
  return timeAggregation === 'sum' ? (annual * monthsIn[kind]) / 12 : annual;
}
