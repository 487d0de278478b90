import type { Actor } from '../../../domain/policies';
import { hasRoleOn, isSystemAdmin, readableScopes } from '../../../domain/policies';
import {
  breakDownAnnualTarget,
  indicatorStatus,
  rollupIndicatorFor,
  targetForPeriod,
  validateValue,
  type Comparator,
  type Direction,
  type IndicatorRule,
  type LeafGroup,
  type OrganizationNode,
  type OrgAggregation,
  type TimeAggregation,
  type TimeSummary,
  type ValueType,
} from '../../../domain/indicators';
import {
  formatPeriodCode,
  formatPeriodVi,
  isLongerKind,
  lockDate,
  parsePeriodCode,
  periodOfDate,
  previousPeriod,
  samePeriodLastYear,
  subPeriods,
  type Period,
  type PeriodKind,
} from '../../../domain/periods';
import { addDays, formatDateVi } from '../../../domain/dates';
import type { Clock } from '../../clock';
import type { Database, Executor, Tx } from '../../db/client';
import { AppError, forbidden, invalid, messages, notFound } from '../../errors';
import { insertAuditEvent } from '../audit/audit.repository';
import { findOrganizationByCode, type OrganizationRow } from '../organizations/organizations.repository';
import {
  deleteTarget,
  ensureIndicatorGroup,
  findActiveReopening,
  findIndicatorByCode,
  findIndicatorsByIds,
  findValue,
  findValueById,
  insertIndicator,
  insertReopening,
  insertRevisions,
  insertValue,
  listIndicatorGroups,
  listChildNodes,
  listIndicators,
  listOrganizationNodes,
  listRevisions,
  listRollupNodes,
  listTargets,
  listValues,
  listValuesFor,
  findRollupSubjects,
  updateIndicatorVersioned,
  updateValueVersioned,
  upsertTarget,
  upsertValues,
  type IndicatorRow,
  type IndicatorValueRecord,
  type RollupIndicatorRow,
  type RollupRootRow,
  type RollupSlot,
  type RollupTargetRow,
} from './indicators.repository';

export const valueStatuses = ['draft', 'submitted', 'approved', 'returned'] as const;

/** The answer of a rollup (the CLI and API contract). */
export interface RollupView {
  code: string;
  org: string;
  orgName: string;
  period: string;
  value: number | null;
  entered: number | null;
  rollup: { value: number | null; reported: number; expected: number };
  target: number | null;
  comparator: Comparator | null;
  progress: number | null;
  status: string;
  baseline: number | null;
}

export function toRule(row: RollupIndicatorRow): IndicatorRule {
  return {
    id: row.id,
    frequency: row.frequency as PeriodKind,
    timeAggregation: row.timeAggregation as TimeAggregation,
    orgAggregation: row.orgAggregation as OrgAggregation,
    direction: row.direction as Direction,
    valueType: row.valueType as ValueType,
    reportingKinds: row.reportingKinds,
    numeratorId: row.numeratorId,
    denominatorId: row.denominatorId,
  };
}

export function presentIndicator(row: IndicatorRow) {
  const { ownerPath: _path, ownerOrganizationId: _owner, numeratorId: _n, denominatorId: _d, ...view } = row;
  return view;
}

function parsePeriod(code: string, field = 'period'): Period {
  const period = parsePeriodCode(code);
  if (!period) throw invalid(`Trường "${field}": "${code}" không phải là kỳ báo cáo hợp lệ (vd. 2026, 2026S1, 2026Q1, 2026-03).`);
  return period;
}

const round = (value: number | null) => (value === null ? null : Math.round(value * 1e9) / 1e9);

/** Everything one rollup needs: the rules, the tree and the approved values of one period. */
interface RollupContext {
  rule: IndicatorRule;
  period: Period;
  organizations: OrganizationNode[];
  summaries: Map<number, TimeSummary>;
  leafGroups?: Map<number, LeafGroup>;
  numerator?: { indicator: IndicatorRule; summaries: Map<number, TimeSummary> };
  denominator?: { indicator: IndicatorRule; summaries: Map<number, TimeSummary> };
}

export function createIndicatorsService(database: Database, clock: Clock, options: { lockDays: number }) {
  const db = database.db;

  async function getIndicator(code: string, executor: Executor = db): Promise<IndicatorRow> {
    const row = await findIndicatorByCode(executor, code);
    if (!row) throw notFound(`chỉ tiêu có mã "${code}"`);
    return row;
  }

  async function getOrganization(code: string, executor: Executor = db): Promise<OrganizationRow> {
    const row = await findOrganizationByCode(executor, code);
    if (!row) throw notFound(`cơ quan, đơn vị có mã "${code}"`);
    return row;
  }

  /** The indicator and the organization of a rollup, read together; not found as `getIndicator` and `getOrganization` say. */
  async function getRollupSubjects(code: string, organizationCode: string, executor: Executor = db) {
    const { indicator, organization } = await findRollupSubjects(executor, code, organizationCode);
    if (!indicator) throw notFound(`chỉ tiêu có mã "${code}"`);
    if (!organization) throw notFound(`cơ quan, đơn vị có mã "${organizationCode}"`);
    return { indicator, organization };
  }

  /**
   * Everything the rollups of an indicator over a subtree need, for some periods, read in one
   * statement: the active tree and each organization's approved values, aggregated over time in
   * SQL (a ratio reads its numerator and denominator instead). `asked`: the organizations whose
   * rollups are asked besides the root, listed one by one (for a ratio, with their sub-period values).
   */
  async function loadRollupContexts(
    indicator: RollupIndicatorRow,
    root: RollupRootRow,
    periods: Period[],
    asked: number[],
    executor: Executor = db,
  ): Promise<{ contexts: RollupContext[]; targets: RollupTargetRow[] }> {
    const rule = toRule(indicator);
    const isRatio = rule.orgAggregation === 'ratio';
    let parts: (RollupIndicatorRow | undefined)[] = [indicator];
    if (isRatio) {
      const rows = await findIndicatorsByIds(executor, [indicator.numeratorId ?? -1, indicator.denominatorId ?? -1]);
      parts = [rows.find((row) => row.id === indicator.numeratorId), rows.find((row) => row.id === indicator.denominatorId)];
    }
    const slots: RollupSlot[] = [];
    const slotOf = new Map<string, number>();
    for (const period of periods) {
      for (const part of parts) {
        if (!part) continue;
        const key = `${part.id}|${formatPeriodCode(period)}`;
        if (slotOf.has(key)) continue;
        const frequency = part.frequency as PeriodKind;
        slotOf.set(key, slots.length);
        slots.push({
          indicatorId: part.id,
          timeAggregation: part.timeAggregation as TimeAggregation,
          period: formatPeriodCode(period),
          subPeriods: isLongerKind(period.kind, frequency) ? subPeriods(period, frequency).map(formatPeriodCode) : [],
          detailFor: isRatio ? asked : [],
        });
      }
    }
    const { nodes, leafGroups, targets } = await listRollupNodes(executor, {
      rootPath: root.path,
      subtreeOnly: root.parentId !== null,
      slots,
      // A ratio counts the children that have both parts: every leaf is listed.
      listed: isRatio ? null : [root.id, ...asked],
      reportingKinds: indicator.reportingKinds,
      targets: { rootId: root.id, indicatorId: indicator.id, organizationIds: asked, periodPrefixes: [...new Set(periods.map((period) => String(period.year)))] },
    });
    const organizations: OrganizationNode[] = nodes.map((node) => ({ id: node.id, parentId: node.parentId, kind: node.kind }));
    const detailed = new Set(isRatio ? asked : []);
    const summariesOf = (slot: number | undefined): Map<number, TimeSummary> => {
      const summaries = new Map<number, TimeSummary>();
      if (slot === undefined) return summaries;
      for (const node of nodes) {
        const { exact, overTime, count, periods: codes, values } = node.slots[slot];
        if (detailed.has(node.id)) {
          summaries.set(node.id, { exact, subPeriods: (codes ?? []).map((code, index) => ({ period: code, value: (values ?? [])[index] })) });
        } else if (exact !== null || count > 0) {
          summaries.set(node.id, { exact, overTime: count > 0 && overTime !== null ? { value: overTime, count } : null });
        }
      }
      return summaries;
    };
    const leafGroupsOf = (slot: number | undefined): Map<number, LeafGroup> =>
      new Map(
        slot === undefined
          ? []
          : leafGroups.map((group) => [group.parentId, { leaves: group.leaves, expected: group.expected, reported: group.slots[slot].reported, sum: group.slots[slot].sum }]),
      );
    const [numeratorRow, denominatorRow] = parts;
    const contexts = periods.map((period) => {
      const code = formatPeriodCode(period);
      const slot = slotOf.get(`${indicator.id}|${code}`);
      const side = (part: RollupIndicatorRow | undefined) => (part ? { indicator: toRule(part), summaries: summariesOf(slotOf.get(`${part.id}|${code}`)) } : undefined);
      return {
        rule,
        period,
        organizations,
        summaries: isRatio ? new Map<number, TimeSummary>() : summariesOf(slot),
        leafGroups: isRatio ? undefined : leafGroupsOf(slot),
        numerator: isRatio ? side(numeratorRow) : undefined,
        denominator: isRatio ? side(denominatorRow) : undefined,
      };
    });
    return { contexts, targets };
  }

  function rollupIn(context: RollupContext, organizationIds: number[]) {
    return rollupIndicatorFor(
      {
        indicator: context.rule,
        period: context.period,
        organizations: context.organizations,
        summaries: context.summaries,
        leafGroups: context.leafGroups,
        numerator: context.numerator,
        denominator: context.denominator,
      },
      organizationIds,
    );
  }

  /** The rollup of an indicator for an organization and period (domain.md, "Rolling up"), without target. */
  async function computeRollup(indicator: RollupIndicatorRow, organization: RollupRootRow, period: Period, executor: Executor = db) {
    const { contexts } = await loadRollupContexts(indicator, organization, [period], [organization.id], executor);
    return rollupIn(contexts[0], [organization.id])[0];
  }

  /**
   * Rollup, target, baseline, progress and status of several organizations of one subtree for
   * several periods (the contract of `thucthi indicators value`), in one statement: the values
   * (with the baselines, the same periods a year earlier) and the targets. `views[p][o]` is the
   * view of `organizations[o]` for `periods[p]`.
   */
  async function rollupViewsAt(indicator: RollupIndicatorRow, root: RollupRootRow, organizations: { id: number; code: string; name: string }[], periods: Period[], asOf: string, executor: Executor = db): Promise<RollupView[][]> {
    const organizationIds = organizations.map((organization) => organization.id);
    // The baselines' years come along with the targets' (a year earlier): few rows.
    const { contexts, targets } = await loadRollupContexts(indicator, root, [...periods, ...periods.map(samePeriodLastYear)], organizationIds, executor);
    const rule = toRule(indicator);
    const targetsByOrganization = new Map<number, { period: string; value: number; comparator: Comparator }[]>();
    for (const row of targets) {
      const list = targetsByOrganization.get(row.organizationId) ?? [];
      list.push({ period: row.period, value: row.value, comparator: row.comparator as Comparator });
      targetsByOrganization.set(row.organizationId, list);
    }
    return periods.map((period, index) => {
      const results = rollupIn(contexts[index], organizationIds);
      const baselineResults = rollupIn(contexts[periods.length + index], organizationIds);
      return organizations.map((organization, position) => {
        const result = results[position];
        const baseline = baselineResults[position];
        const target = targetForPeriod(
          (targetsByOrganization.get(organization.id) ?? []).filter((row) => row.period.startsWith(String(period.year))),
          rule,
          period,
        );
        const rollupPart = result.source === 'entered' ? result.childrenRollup : result;
        const { progress, status } = indicatorStatus({
          value: result.value,
          target: target?.value ?? null,
          comparator: target?.comparator ?? null,
          baseline: baseline.value,
          direction: indicator.direction as Direction,
          period,
          asOf,
        });
        return {
          code: indicator.code,
          org: organization.code,
          orgName: organization.name,
          period: formatPeriodCode(period),
          value: round(result.value),
          entered: round(result.entered),
          rollup: { value: round(rollupPart?.value ?? null), reported: rollupPart?.reported ?? 0, expected: rollupPart?.expected ?? 0 },
          target: target?.value ?? null,
          comparator: target?.comparator ?? null,
          progress: round(progress),
          status,
          baseline: round(baseline.value),
        };
      });
    });
  }

  async function rollupView(indicator: RollupIndicatorRow, organization: RollupRootRow, period: Period, asOf: string, executor: Executor = db): Promise<RollupView> {
    const [[view]] = await rollupViewsAt(indicator, organization, [organization], [period], asOf, executor);
    return view;
  }

  async function targetsOf(indicator: IndicatorRow, organizationId: number, year: number, executor: Executor = db) {
    return listTargets(executor, { indicatorId: indicator.id, organizationId, periodPrefix: String(year) });
  }

  function canApproveValue(actor: Actor, indicator: IndicatorRow, organization: Pick<OrganizationRow, 'path'>): boolean {
    return hasRoleOn(actor, ['coordinator'], indicator.ownerPath ?? organization.path);
  }

  function canEnterValue(actor: Actor, organization: Pick<OrganizationRow, 'path'>): boolean {
    return hasRoleOn(actor, ['reporter'], organization.path) || isSystemAdmin(actor);
  }

  function canManageIndicator(actor: Actor, ownerPath: string | null): boolean {
    return isSystemAdmin(actor) || (ownerPath !== null && hasRoleOn(actor, ['coordinator'], ownerPath));
  }

  async function isLocked(organization: OrganizationRow, period: Period, executor: Executor = db) {
    const locksOn = lockDate(period, options.lockDays);
    if (clock.today() < locksOn) return { locked: false, lockDate: locksOn };
    const reopening = await findActiveReopening(executor, organization.id, formatPeriodCode(period), clock.today());
    return { locked: !reopening, lockDate: locksOn };
  }

  /** The indicators an organization enters for periods of a kind. */
  async function dueIndicators(organization: OrganizationRow, kind: PeriodKind, executor: Executor = db) {
    return (await listIndicators(executor, {})).filter(
      (row) => row.frequency === kind && row.orgAggregation !== 'ratio' && row.reportingKinds.includes(organization.kind),
    );
  }

  async function record(tx: Tx, actor: Actor | null, value: IndicatorValueRecord, action: string, reason: string | null = null) {
    await insertRevisions(tx, [{ valueId: value.id, actorUserId: actor?.userId ?? null, actorName: actor?.fullName || actor?.username || 'system', action, value: value.value, status: value.status, reason }]);
  }

  async function entrySheet(actor: Actor, organization: OrganizationRow, period: Period, executor: Executor = db) {
    const list = await dueIndicators(organization, period.kind, executor);
    const periodCode = formatPeriodCode(period);
    const previousCode = formatPeriodCode(previousPeriod(period));
    const values = await listValuesFor(executor, organization.id, list.map((row) => row.id), [periodCode, previousCode]);
    const lock = await isLocked(organization, period, executor);
    const items = [];
    for (const indicator of list) {
      const value = values.find((row) => row.indicatorId === indicator.id && row.period === periodCode) ?? null;
      const previous = values.find((row) => row.indicatorId === indicator.id && row.period === previousCode && row.status === 'approved') ?? null;
      const targets = await targetsOf(indicator, organization.id, period.year, executor);
      const target = targetForPeriod(targets.map((row) => ({ period: row.period, value: row.value, comparator: row.comparator as Comparator })), toRule(indicator), period);
      items.push({
        indicator: { code: indicator.code, name: indicator.name, unit: indicator.unit, valueType: indicator.valueType, guidance: indicator.guidance, frequency: indicator.frequency },
        value: value ? { id: value.id, value: value.value, status: value.status, version: value.version, note: value.note, returnReason: value.returnReason, updatedAt: value.updatedAt } : null,
        previousValue: previous?.value ?? null,
        target: target?.value ?? null,
        comparator: target?.comparator ?? null,
        canEdit: !lock.locked && canEnterValue(actor, organization) && value?.status !== 'approved' && value?.status !== 'submitted',
        canApprove: value?.status === 'submitted' && canApproveValue(actor, indicator, organization),
      });
    }
    return {
      org: { code: organization.code, name: organization.name },
      period: periodCode,
      periodLabel: formatPeriodVi(period),
      locked: lock.locked,
      lockDate: lock.lockDate,
      items,
    };
  }

  return {
    getIndicator,
    computeRollup,
    rollupView,

    async groups() {
      return listIndicatorGroups(db);
    },

    async list(filter: { search?: string; groupCode?: string; org?: string; period?: string; asOf?: string }) {
      const rows = await listIndicators(db, { search: filter.search, groupCode: filter.groupCode });
      const organization = await getOrganization(filter.org ?? '25');
      const asOf = filter.asOf ?? clock.today();
      const items = [];
      for (const row of rows) {
        const period = filter.period ? parsePeriod(filter.period) : periodOfDate(asOf, row.frequency as PeriodKind);
        const usable = isLongerKind(row.frequency as PeriodKind, period.kind) ? periodOfDate(asOf, row.frequency as PeriodKind) : period;
        let latest = await rollupView(row, organization, usable, asOf);
        // With no value yet for the current period, show the last period that has one (up to a year back).
        if (!filter.period && latest.value === null) {
          let candidate = usable;
          for (let step = 0; step < 12 / (row.frequency === 'month' ? 1 : row.frequency === 'quarter' ? 3 : 12) && latest.value === null; step += 1) {
            candidate = previousPeriod(candidate);
            const view = await rollupView(row, organization, candidate, asOf);
            if (view.value !== null) latest = view;
          }
        }
        items.push({ ...presentIndicator(row), latest });
      }
      return { items, total: items.length };
    },

    async detail(code: string) {
      return presentIndicator(await getIndicator(code));
    },

    async rollup(input: { code: string; org: string; period: string; asOf?: string }) {
      const { indicator, organization } = await getRollupSubjects(input.code, input.org);
      return rollupView(indicator, organization, parsePeriod(input.period), input.asOf ?? clock.today());
    },

    /** The series of an organization over periods of a kind (a chart of actual against target). */
    async series(input: { code: string; org: string; kind?: PeriodKind; from?: string; to?: string; asOf?: string }) {
      const { indicator, organization } = await getRollupSubjects(input.code, input.org);
      const asOf = input.asOf ?? clock.today();
      const kind = input.kind ?? (indicator.frequency as PeriodKind);
      if (isLongerKind(indicator.frequency as PeriodKind, kind)) {
        throw invalid(`Trường "kind": chỉ tiêu ${indicator.code} được báo cáo theo ${formatPeriodVi({ kind: indicator.frequency as PeriodKind, year: 2026, index: 1 }).split(' ')[0].toLowerCase()}, không thể xem theo kỳ ngắn hơn.`);
      }
      const to = input.to ? parsePeriod(input.to, 'to') : periodOfDate(asOf, kind);
      const from = input.from ? parsePeriod(input.from, 'from') : { kind, year: to.year - 2, index: kind === 'year' ? 1 : to.index };
      if (from.kind !== kind || to.kind !== kind) throw invalid('Trường "from"/"to": kỳ đầu và kỳ cuối phải cùng loại kỳ với "kind".');
      const periods: Period[] = [];
      for (let period = to; formatPeriodCode(period) >= formatPeriodCode(from) && periods.length < 240; period = previousPeriod(period)) periods.unshift(period);
      const items = [];
      // A statement's columns grow with its periods: a long series is read a dozen periods at a time.
      for (let start = 0; start < periods.length; start += 12) {
        const chunk = periods.slice(start, start + 12);
        const views = await rollupViewsAt(indicator, organization, [organization], chunk, asOf);
        items.push(...views.map(([view], index) => ({ ...view, label: formatPeriodVi(chunk[index]) })));
      }
      return { items };
    },

    /** The children of an organization for one period, ranked by value in the indicator's direction. */
    async byOrganization(input: { code: string; org: string; period: string; asOf?: string }) {
      const { indicator, organization } = await getRollupSubjects(input.code, input.org);
      const period = parsePeriod(input.period);
      const asOf = input.asOf ?? clock.today();
      const children = await listChildNodes(db, organization.id);
      const [views] = await rollupViewsAt(indicator, organization, [organization, ...children], [period], asOf);
      const parent = views[0];
      const rows = views.slice(1).filter((view, index) => view.value !== null || view.rollup.expected > 0 || indicator.reportingKinds.includes(children[index].kind));
      const sign = indicator.direction === 'lower' ? 1 : -1;
      rows.sort((a, b) => (a.value === null ? 1 : 0) - (b.value === null ? 1 : 0) || sign * ((a.value ?? 0) - (b.value ?? 0)) || a.org.localeCompare(b.org));
      let rank = 0;
      const items = rows.map((row, index) => {
        if (row.value === null) return { ...row, rank: null };
        if (index === 0 || row.value !== rows[index - 1].value) rank = index + 1;
        return { ...row, rank };
      });
      return { parent, items };
    },

    async create(actor: Actor, input: IndicatorInput) {
      return db.transaction(async (tx) => {
        if (await findIndicatorByCode(tx, input.code)) throw new AppError('CONFLICT', `Mã chỉ tiêu "${input.code}" đã tồn tại.`);
        const values = await resolveIndicatorInput(tx, input);
        if (!canManageIndicator(actor, values.ownerPath)) throw forbidden();
        const created = await insertIndicator(tx, values.values);
        await insertAuditEvent(tx, { actorUserId: actor.userId, actorName: actor.username, action: 'indicator.create', entity: 'indicator', entityId: created.code, after: created });
        return presentIndicator((await findIndicatorByCode(tx, created.code))!);
      });
    },

    async update(actor: Actor, code: string, version: number, input: Partial<IndicatorInput>) {
      return db.transaction(async (tx) => {
        const before = await getIndicator(code, tx);
        if (!canManageIndicator(actor, before.ownerPath)) throw forbidden();
        const merged: IndicatorInput = {
          code: before.code,
          name: input.name ?? before.name,
          unit: input.unit ?? before.unit,
          groupName: input.groupName !== undefined ? input.groupName : before.groupName,
          direction: (input.direction ?? before.direction) as Direction,
          valueType: (input.valueType ?? before.valueType) as ValueType,
          frequency: (input.frequency ?? before.frequency) as 'month' | 'quarter' | 'year',
          timeAggregation: (input.timeAggregation ?? before.timeAggregation) as TimeAggregation,
          orgAggregation: (input.orgAggregation ?? before.orgAggregation) as OrgAggregation,
          numeratorCode: input.numeratorCode !== undefined ? input.numeratorCode : before.numeratorCode,
          denominatorCode: input.denominatorCode !== undefined ? input.denominatorCode : before.denominatorCode,
          reportingKinds: input.reportingKinds ?? before.reportingKinds,
          ownerCode: input.ownerCode !== undefined ? input.ownerCode : before.ownerCode,
          sourceDirectiveId: input.sourceDirectiveId !== undefined ? input.sourceDirectiveId : before.sourceDirectiveId,
          definition: input.definition !== undefined ? input.definition : before.definition,
          guidance: input.guidance !== undefined ? input.guidance : before.guidance,
          isActive: input.isActive ?? before.isActive,
        };
        const { values } = await resolveIndicatorInput(tx, merged);
        const { code: _code, ...changes } = values;
        if (!(await updateIndicatorVersioned(tx, before.id, version, changes))) throw new AppError('CONFLICT', messages.staleVersionGeneric);
        const after = await getIndicator(code, tx);
        await insertAuditEvent(tx, { actorUserId: actor.userId, actorName: actor.username, action: 'indicator.update', entity: 'indicator', entityId: code, before, after });
        return presentIndicator(after);
      });
    },

    /** Targets of an organization for a year: those set, and those derived by the breakdown rules. */
    async targets(input: { code: string; org: string; year: number }) {
      const indicator = await getIndicator(input.code);
      const organization = await getOrganization(input.org);
      const stored = await targetsOf(indicator, organization.id, input.year);
      const facts = stored.map((row) => ({ period: row.period, value: row.value, comparator: row.comparator as Comparator }));
      const items: { id: number | null; indicatorCode: string; orgCode: string; period: string; comparator: string; value: number; derived: boolean }[] = stored.map((row) => ({
        id: row.id,
        indicatorCode: indicator.code,
        orgCode: organization.code,
        period: row.period,
        comparator: row.comparator,
        value: row.value,
        derived: false,
      }));
      const year: Period = { kind: 'year', year: input.year, index: 1 };
      for (const kind of ['half', 'quarter', 'month'] as const) {
        if (isLongerKind(indicator.frequency as PeriodKind, kind)) continue;
        for (const period of subPeriods(year, kind)) {
          const code = formatPeriodCode(period);
          if (items.some((item) => item.period === code)) continue;
          const derived = targetForPeriod(facts, toRule(indicator), period);
          if (derived) items.push({ id: null, indicatorCode: indicator.code, orgCode: organization.code, period: code, comparator: derived.comparator, value: derived.value, derived: true });
        }
      }
      items.sort((a, b) => a.period.localeCompare(b.period));
      return { items };
    },

    async setTarget(actor: Actor, input: { indicatorCode: string; orgCode: string; period: string; comparator: Comparator; value: number }) {
      return db.transaction(async (tx) => {
        const indicator = await getIndicator(input.indicatorCode, tx);
        const organization = await getOrganization(input.orgCode, tx);
        if (!canManageIndicator(actor, indicator.ownerPath)) throw forbidden();
        const period = parsePeriod(input.period);
        if (isLongerKind(indicator.frequency as PeriodKind, period.kind)) {
          throw invalid(`Trường "period": chỉ tiêu ${indicator.code} không có kỳ ${formatPeriodVi(period)} (tần suất ${indicator.frequency}).`);
        }
        const problem = validateValue(indicator.valueType as ValueType, input.value);
        if (problem) throw invalid(`Trường "value": ${problem}`);
        const row = await upsertTarget(tx, { indicatorId: indicator.id, organizationId: organization.id, period: formatPeriodCode(period), comparator: input.comparator, value: input.value, createdBy: actor.userId });
        await insertAuditEvent(tx, { actorUserId: actor.userId, actorName: actor.username, action: 'indicator.target', entity: 'indicator', entityId: indicator.code, after: { org: organization.code, period: row.period, comparator: row.comparator, value: row.value } });
        return row;
      });
    },

    async deleteTarget(actor: Actor, id: number) {
      return db.transaction(async (tx) => {
        const removed = await deleteTarget(tx, id);
        if (!removed) throw notFound(`chỉ tiêu kế hoạch có mã ${id}`);
        const [indicator] = await findIndicatorsByIds(tx, [removed.indicatorId]);
        if (!canManageIndicator(actor, indicator?.ownerPath ?? null)) throw forbidden();
        await insertAuditEvent(tx, { actorUserId: actor.userId, actorName: actor.username, action: 'indicator.target_delete', entity: 'indicator', entityId: indicator?.code ?? null, before: removed });
      });
    },

    /** Writes the quarter (or month, or half) targets of a year from its annual target, by the rules. */
    async breakDownTargets(actor: Actor, input: { indicatorCode: string; orgCode: string; year: number; kind: 'half' | 'quarter' | 'month' }) {
      return db.transaction(async (tx) => {
        const indicator = await getIndicator(input.indicatorCode, tx);
        const organization = await getOrganization(input.orgCode, tx);
        if (!canManageIndicator(actor, indicator.ownerPath)) throw forbidden();
        if (isLongerKind(indicator.frequency as PeriodKind, input.kind)) throw invalid(`Trường "kind": chỉ tiêu ${indicator.code} không có kỳ ngắn hơn tần suất báo cáo.`);
        const annual = (await targetsOf(indicator, organization.id, input.year, tx)).find((row) => row.period === String(input.year));
        if (!annual) throw invalid(`Chưa có chỉ tiêu kế hoạch năm ${input.year} của ${organization.name} để phân bổ.`);
        const value = breakDownAnnualTarget(annual.value, indicator.timeAggregation as TimeAggregation, input.kind);
        const written = [];
        for (const period of subPeriods({ kind: 'year', year: input.year, index: 1 }, input.kind)) {
          written.push(await upsertTarget(tx, { indicatorId: indicator.id, organizationId: organization.id, period: formatPeriodCode(period), comparator: annual.comparator, value, createdBy: actor.userId }));
        }
        await insertAuditEvent(tx, { actorUserId: actor.userId, actorName: actor.username, action: 'indicator.target_breakdown', entity: 'indicator', entityId: indicator.code, after: { org: organization.code, year: input.year, kind: input.kind, value } });
        return { items: written };
      });
    },

    async entry(actor: Actor, input: { org: string; period: string }) {
      const organization = await getOrganization(input.org);
      if (!hasRoleOn(actor, ['system_admin', 'leader', 'coordinator', 'reporter', 'viewer'], organization.path) && !canApproveAny(actor)) throw forbidden();
      return entrySheet(actor, organization, parsePeriod(input.period));
    },

    /** Saves (draft) or submits the values of one organization and period: all or nothing. */
    async saveEntry(actor: Actor, input: { orgCode: string; period: string; submit: boolean; values: { indicatorCode: string; value: number; note?: string | null; version?: number }[] }) {
      const organization = await getOrganization(input.orgCode);
      const period = parsePeriod(input.period);
      if (!canEnterValue(actor, organization)) throw forbidden();
      await db.transaction(async (tx) => {
        const lock = await isLocked(organization, period, tx);
        if (lock.locked) throw new AppError('CONFLICT', `Kỳ ${formatPeriodVi(period)} đã khóa số liệu từ ngày ${formatDateVi(lock.lockDate)}; vui lòng đề nghị cơ quan theo dõi mở lại kỳ.`);
        const due = await dueIndicators(organization, period.kind, tx);
        const problems: { field: string; message: string }[] = [];
        for (const [index, item] of input.values.entries()) {
          const indicator = due.find((row) => row.code === item.indicatorCode);
          if (!indicator) {
            problems.push({ field: `values.${index}.indicatorCode`, message: `Chỉ tiêu "${item.indicatorCode}" không thuộc danh mục ${organization.name} báo cáo theo ${formatPeriodVi(period).toLowerCase()}.` });
            continue;
          }
          const problem = validateValue(indicator.valueType as ValueType, item.value);
          if (problem) problems.push({ field: `values.${index}.value`, message: `${indicator.code}: ${problem}` });
        }
        if (problems.length) throw invalid(problems.map((problem) => problem.message).join(' '), problems);
        for (const item of input.values) {
          const indicator = due.find((row) => row.code === item.indicatorCode)!;
          const existing = await findValue(tx, indicator.id, organization.id, formatPeriodCode(period));
          const status = input.submit ? 'submitted' : 'draft';
          if (!existing) {
            const created = await insertValue(tx, { indicatorId: indicator.id, organizationId: organization.id, period: formatPeriodCode(period), value: item.value, status, note: item.note ?? null, enteredBy: actor.userId });
            await record(tx, actor, created, input.submit ? 'submit' : 'draft');
            continue;
          }
          if (existing.status === 'approved' || existing.status === 'submitted') {
            if (existing.value === item.value && existing.status === 'submitted' && input.submit) continue;
            if (existing.value === item.value && existing.status === 'approved') continue;
            throw new AppError('CONFLICT', `Giá trị ${indicator.code} ${existing.status === 'approved' ? 'đã được phê duyệt' : 'đã gửi và đang chờ phê duyệt'}; không thể sửa. Vui lòng đề nghị cơ quan theo dõi trả lại để sửa.`);
          }
          if (item.version !== undefined && item.version !== existing.version) throw new AppError('CONFLICT', messages.staleVersionGeneric);
          if (!(await updateValueVersioned(tx, existing.id, existing.version, { value: item.value, status, note: item.note ?? existing.note, enteredBy: actor.userId, returnReason: null }))) {
            throw new AppError('CONFLICT', messages.staleVersionGeneric);
          }
          await record(tx, actor, { ...existing, value: item.value, status }, input.submit ? 'submit' : 'draft');
        }
        await insertAuditEvent(tx, { actorUserId: actor.userId, actorName: actor.username, action: input.submit ? 'indicator_value.submit' : 'indicator_value.draft', entity: 'indicator_value', entityId: `${organization.code}/${formatPeriodCode(period)}`, after: input.values });
      });
      return entrySheet(actor, organization, period);
    },

    async decideValue(actor: Actor, id: number, input: { version: number; approve: boolean; reason?: string | null }) {
      return db.transaction(async (tx) => {
        const value = await findValueById(tx, id);
        if (!value) throw notFound(`số liệu có mã ${id}`);
        const [indicator] = await findIndicatorsByIds(tx, [value.indicatorId]);
        const organizationRows = await listOrganizationNodes(tx, '/');
        const organization = organizationRows.find((row) => row.id === value.organizationId)!;
        if (!canApproveValue(actor, indicator, organization)) throw forbidden();
        if (value.version !== input.version) throw new AppError('CONFLICT', messages.staleVersionGeneric);
        if (input.approve && value.status !== 'submitted') throw new AppError('CONFLICT', 'Chỉ phê duyệt được số liệu đã gửi.');
        if (!input.approve && value.status !== 'submitted' && value.status !== 'approved') throw new AppError('CONFLICT', 'Chỉ trả lại được số liệu đã gửi hoặc đã phê duyệt.');
        if (!input.approve && !input.reason?.trim()) throw invalid('Trường "reason": vui lòng nêu lý do trả lại.');
        const status = input.approve ? 'approved' : 'returned';
        await updateValueVersioned(tx, id, value.version, input.approve ? { status, approvedBy: actor.userId, approvedAt: clock.now(), returnReason: null } : { status, returnReason: input.reason ?? null, approvedBy: null, approvedAt: null });
        await record(tx, actor, { ...value, status }, input.approve ? 'approve' : 'return', input.reason ?? null);
        await insertAuditEvent(tx, { actorUserId: actor.userId, actorName: actor.username, action: input.approve ? 'indicator_value.approve' : 'indicator_value.return', entity: 'indicator_value', entityId: id, before: { status: value.status }, after: { status, reason: input.reason ?? null } });
        return { id, status, version: value.version + 1 };
      });
    },

    async revisions(actor: Actor, id: number) {
      const value = await findValueById(db, id);
      if (!value) throw notFound(`số liệu có mã ${id}`);
      const items = await listRevisions(db, id);
      return { items: items.map((row) => ({ at: row.at, actor: row.actorName, action: row.action, value: row.value, status: row.status, reason: row.reason })) };
    },

    async listValues(actor: Actor, filter: { indicator?: string; org?: string; period?: string; status?: string; page: number; pageSize: number }) {
      const indicator = filter.indicator ? await getIndicator(filter.indicator) : null;
      const organization = filter.org ? await getOrganization(filter.org) : null;
      const scopes = readableScopes(actor);
      const ownerScopes = scopes === null ? null : actor.grants.filter((grant) => grant.role === 'coordinator').map((grant) => grant.path);
      return listValues(db, {
        indicatorId: indicator?.id,
        organizationPath: organization?.path,
        period: filter.period,
        status: filter.status,
        scopes,
        ownerScopes,
        limit: filter.pageSize,
        offset: (filter.page - 1) * filter.pageSize,
      });
    },

    /**
     * Writes a batch of values (another system's push, an import): all or nothing; approved when the
     * actor may approve them (or for the CLI, actor null), else submitted.
     */
    async writeValues(actor: Actor | null, rows: { indicatorId: number; organizationId: number; period: string; value: number }[], executor?: Tx) {
      const run = async (tx: Tx) => {
        const indicatorRows = await findIndicatorsByIds(tx, [...new Set(rows.map((row) => row.indicatorId))]);
        const nodes = await listOrganizationNodes(tx, '/');
        const byId = new Map(nodes.map((node) => [node.id, node]));
        const decided = rows.map((row) => {
          const indicator = indicatorRows.find((item) => item.id === row.indicatorId)!;
          const organization = byId.get(row.organizationId)!;
          const approve = actor === null || canApproveValue(actor, indicator, organization);
          if (actor && !approve && !canEnterValue(actor, organization)) throw forbidden();
          return { ...row, status: approve ? 'approved' : 'submitted' };
        });
        const now = clock.now();
        const written = await upsertValues(
          tx,
          decided.map((row) => ({
            indicatorId: row.indicatorId,
            organizationId: row.organizationId,
            period: row.period,
            value: row.value,
            status: row.status,
            enteredBy: actor?.userId ?? null,
            approvedBy: row.status === 'approved' ? (actor?.userId ?? null) : null,
            approvedAt: row.status === 'approved' ? now : null,
          })),
        );
        await insertRevisions(
          tx,
          written.map((row) => ({ valueId: row.id, actorUserId: actor?.userId ?? null, actorName: actor?.fullName || actor?.username || 'system', action: 'import', value: row.value, status: row.status })),
        );
        await insertAuditEvent(tx, { actorUserId: actor?.userId ?? null, actorName: actor?.username ?? 'system', action: 'indicator_value.import', entity: 'indicator_value', entityId: null, after: { count: written.length, approved: decided.filter((row) => row.status === 'approved').length } });
        return { written: written.length, approved: decided.filter((row) => row.status === 'approved').length };
      };
      return executor ? run(executor) : db.transaction(run);
    },

    async reopen(actor: Actor, input: { orgCode: string; period: string; until?: string; reason: string }) {
      const organization = await getOrganization(input.orgCode);
      const period = parsePeriod(input.period);
      if (!hasRoleOn(actor, ['coordinator'], organization.path) && !canApproveAny(actor)) throw forbidden();
      const until = input.until ?? addDays(clock.today(), 7);
      if (until < clock.today()) throw invalid('Trường "until": ngày mở lại phải từ hôm nay trở đi.');
      return db.transaction(async (tx) => {
        const row = await insertReopening(tx, { organizationId: organization.id, period: formatPeriodCode(period), reopenedUntil: until, reason: input.reason, createdBy: actor.userId });
        await insertAuditEvent(tx, { actorUserId: actor.userId, actorName: actor.username, action: 'indicator_period.reopen', entity: 'organization', entityId: organization.code, after: { period: row.period, until, reason: input.reason } });
        return { orgCode: organization.code, period: row.period, reopenedUntil: until };
      });
    },
  };

  function canApproveAny(actor: Actor) {
    return isSystemAdmin(actor);
  }

  async function resolveIndicatorInput(tx: Executor, input: IndicatorInput) {
    const owner = input.ownerCode ? await findOrganizationByCode(tx, input.ownerCode) : null;
    if (input.ownerCode && !owner) throw invalid(`Trường "ownerCode": không tìm thấy cơ quan, đơn vị có mã "${input.ownerCode}".`);
    let numeratorId: number | null = null;
    let denominatorId: number | null = null;
    if (input.orgAggregation === 'ratio') {
      if (!input.numeratorCode || !input.denominatorCode) throw invalid('Chỉ tiêu tổng hợp theo tỷ lệ cần có chỉ tiêu tử số (numeratorCode) và mẫu số (denominatorCode).');
      numeratorId = (await getIndicator(input.numeratorCode, tx)).id;
      denominatorId = (await getIndicator(input.denominatorCode, tx)).id;
    } else if (input.numeratorCode || input.denominatorCode) {
      throw invalid('Chỉ tiêu tử số, mẫu số chỉ dùng khi tổng hợp theo đơn vị là "Tỷ lệ".');
    }
    const groupId = input.groupName ? await ensureIndicatorGroup(tx, { code: groupCodeOf(input.groupName), name: input.groupName }) : null;
    return {
      ownerPath: owner?.path ?? null,
      values: {
        code: input.code,
        name: input.name.normalize('NFC'),
        unit: input.unit.normalize('NFC'),
        groupId,
        direction: input.direction,
        valueType: input.valueType,
        frequency: input.frequency,
        timeAggregation: input.timeAggregation,
        orgAggregation: input.orgAggregation,
        numeratorId,
        denominatorId,
        reportingKinds: input.reportingKinds ?? ['commune', 'ward'],
        ownerOrganizationId: owner?.id ?? null,
        sourceDirectiveId: input.sourceDirectiveId ?? null,
        definition: input.definition ?? null,
        guidance: input.guidance ?? null,
        isActive: input.isActive ?? true,
      },
    };
  }
}

export interface IndicatorInput {
  code: string;
  name: string;
  unit: string;
  groupName?: string | null;
  direction: Direction;
  valueType: ValueType;
  frequency: 'month' | 'quarter' | 'year';
  timeAggregation: TimeAggregation;
  orgAggregation: OrgAggregation;
  numeratorCode?: string | null;
  denominatorCode?: string | null;
  reportingKinds?: string[];
  ownerCode?: string | null;
  sourceDirectiveId?: number | null;
  definition?: string | null;
  guidance?: string | null;
  isActive?: boolean;
}

/** A stable code for a group name ("Chuyển đổi số" → "CHUYEN_DOI_SO"). */
export function groupCodeOf(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'D')
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '_')
    .replace(/^_|_$/g, '');
}

export type IndicatorsService = ReturnType<typeof createIndicatorsService>;
