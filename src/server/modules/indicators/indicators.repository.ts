import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Executor } from '../../db/client';
import { containsPattern, startsWithPattern } from '../../db/like';
import {
  directives,
  indicatorGroups,
  indicators,
  indicatorTargets,
  indicatorValueRevisions,
  indicatorValues,
  organizations,
  periodReopenings,
} from '../../db/schema/index';

export type IndicatorRecord = typeof indicators.$inferSelect;
export type IndicatorValueRecord = typeof indicatorValues.$inferSelect;

const numerator = alias(indicators, 'numerator');
const denominator = alias(indicators, 'denominator');

const indicatorColumns = {
  id: indicators.id,
  code: indicators.code,
  name: indicators.name,
  unit: indicators.unit,
  groupCode: indicatorGroups.code,
  groupName: indicatorGroups.name,
  direction: indicators.direction,
  valueType: indicators.valueType,
  frequency: indicators.frequency,
  timeAggregation: indicators.timeAggregation,
  orgAggregation: indicators.orgAggregation,
  numeratorId: indicators.numeratorId,
  denominatorId: indicators.denominatorId,
  numeratorCode: numerator.code,
  denominatorCode: denominator.code,
  reportingKinds: indicators.reportingKinds,
  ownerOrganizationId: indicators.ownerOrganizationId,
  ownerCode: organizations.code,
  ownerName: organizations.name,
  ownerPath: organizations.path,
  sourceDirectiveId: indicators.sourceDirectiveId,
  sourceDirectiveNumber: directives.number,
  definition: indicators.definition,
  guidance: indicators.guidance,
  isActive: indicators.isActive,
  version: indicators.version,
};

export type IndicatorRow = {
  id: number;
  code: string;
  name: string;
  unit: string;
  groupCode: string | null;
  groupName: string | null;
  direction: string;
  valueType: string;
  frequency: string;
  timeAggregation: string;
  orgAggregation: string;
  numeratorId: number | null;
  denominatorId: number | null;
  numeratorCode: string | null;
  denominatorCode: string | null;
  reportingKinds: string[];
  ownerOrganizationId: number | null;
  ownerCode: string | null;
  ownerName: string | null;
  ownerPath: string | null;
  sourceDirectiveId: number | null;
  sourceDirectiveNumber: string | null;
  definition: string | null;
  guidance: string | null;
  isActive: boolean;
  version: number;
};

function selectIndicators(executor: Executor) {
  return executor
    .select(indicatorColumns)
    .from(indicators)
    .leftJoin(indicatorGroups, eq(indicatorGroups.id, indicators.groupId))
    .leftJoin(organizations, eq(organizations.id, indicators.ownerOrganizationId))
    .leftJoin(directives, eq(directives.id, indicators.sourceDirectiveId))
    .leftJoin(numerator, eq(numerator.id, indicators.numeratorId))
    .leftJoin(denominator, eq(denominator.id, indicators.denominatorId));
}

export async function listIndicators(executor: Executor, filter: { search?: string; groupCode?: string; includeInactive?: boolean } = {}): Promise<IndicatorRow[]> {
  const conditions: SQL[] = [];
  if (!filter.includeInactive) conditions.push(eq(indicators.isActive, true));
  if (filter.groupCode) conditions.push(eq(indicatorGroups.code, filter.groupCode));
  if (filter.search) {
    conditions.push(sql`immutable_unaccent(lower(${indicators.code} || ' ' || ${indicators.name})) like immutable_unaccent(${containsPattern(filter.search.toLowerCase())})`);
  }
  return (await selectIndicators(executor)
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(asc(indicatorGroups.sortOrder), asc(indicators.code))) as IndicatorRow[];
}

export async function findIndicatorByCode(executor: Executor, code: string): Promise<IndicatorRow | null> {
  const rows = await selectIndicators(executor).where(eq(indicators.code, code)).limit(1);
  return (rows[0] as IndicatorRow | undefined) ?? null;
}

/** The parts of an indicator that its rollups read. */
export type RollupIndicatorRow = Pick<
  IndicatorRow,
  'id' | 'code' | 'direction' | 'valueType' | 'frequency' | 'timeAggregation' | 'orgAggregation' | 'numeratorId' | 'denominatorId' | 'reportingKinds'
>;

/** The parts of an organization that a rollup over its subtree reads. */
export interface RollupRootRow {
  id: number;
  code: string;
  name: string;
  path: string;
  parentId: number | null;
}

/** An indicator and an organization by their codes, in one statement (each null when unknown). */
export async function findRollupSubjects(executor: Executor, indicatorCode: string, organizationCode: string): Promise<{ indicator: RollupIndicatorRow | null; organization: RollupRootRow | null }> {
  const result = await executor.execute(sql`
    select i.id, i.code, i.direction, i.value_type as "valueType", i.frequency, i.time_aggregation as "timeAggregation",
           i.org_aggregation as "orgAggregation", i.numerator_id as "numeratorId", i.denominator_id as "denominatorId",
           i.reporting_kinds as "reportingKinds",
           o.id as "organizationId", o.code as "organizationCode", o.name as "organizationName", o.path as "organizationPath", o.parent_id as "organizationParentId"
      from (select 1) as one
      left join indicators i on i.code = ${indicatorCode}
      left join organizations o on o.code = ${organizationCode}`);
  const [row] = (result as unknown as { rows: (RollupIndicatorRow & { id: number | null; organizationId: number | null; organizationCode: string; organizationName: string; organizationPath: string; organizationParentId: number | null })[] }).rows;
  const { organizationId, organizationCode: code, organizationName: name, organizationPath: path, organizationParentId: parentId, ...indicator } = row;
  return {
    indicator: indicator.id === null ? null : indicator,
    organization: organizationId === null ? null : { id: organizationId, code, name, path, parentId },
  };
}

export async function findIndicatorsByIds(executor: Executor, ids: number[]): Promise<IndicatorRow[]> {
  if (ids.length === 0) return [];
  return (await selectIndicators(executor).where(inArray(indicators.id, ids))) as IndicatorRow[];
}

export async function listIndicatorGroups(executor: Executor) {
  return executor.select({ code: indicatorGroups.code, name: indicatorGroups.name }).from(indicatorGroups).orderBy(asc(indicatorGroups.sortOrder), asc(indicatorGroups.name));
}

/** The group with this name (or code), created when missing. */
export async function ensureIndicatorGroup(executor: Executor, group: { code: string; name: string; sortOrder?: number }): Promise<number> {
  const [row] = await executor
    .insert(indicatorGroups)
    .values({ code: group.code, name: group.name, sortOrder: group.sortOrder ?? 100 })
    .onConflictDoUpdate({ target: indicatorGroups.code, set: { name: group.name } })
    .returning({ id: indicatorGroups.id });
  return row.id;
}

export async function insertIndicator(executor: Executor, values: typeof indicators.$inferInsert): Promise<IndicatorRecord> {
  const [row] = await executor.insert(indicators).values(values).returning();
  return row;
}

export async function updateIndicatorVersioned(executor: Executor, id: number, version: number, values: Partial<typeof indicators.$inferInsert>): Promise<boolean> {
  const rows = await executor
    .update(indicators)
    .set({ ...values, version: sql`${indicators.version} + 1`, updatedAt: new Date() })
    .where(and(eq(indicators.id, id), eq(indicators.version, version)))
    .returning({ id: indicators.id });
  return rows.length === 1;
}

export async function listTargets(executor: Executor, filter: { indicatorId?: number; organizationId?: number; periodPrefix?: string }) {
  const conditions: SQL[] = [];
  if (filter.indicatorId !== undefined) conditions.push(eq(indicatorTargets.indicatorId, filter.indicatorId));
  if (filter.organizationId !== undefined) conditions.push(eq(indicatorTargets.organizationId, filter.organizationId));
  if (filter.periodPrefix) conditions.push(sql`${indicatorTargets.period} like ${startsWithPattern(filter.periodPrefix)}`);
  return executor
    .select({
      id: indicatorTargets.id,
      indicatorId: indicatorTargets.indicatorId,
      organizationId: indicatorTargets.organizationId,
      period: indicatorTargets.period,
      comparator: indicatorTargets.comparator,
      value: indicatorTargets.value,
    })
    .from(indicatorTargets)
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(asc(indicatorTargets.period));
}

export async function upsertTarget(executor: Executor, values: { indicatorId: number; organizationId: number; period: string; comparator: string; value: number; createdBy: number | null }) {
  const [row] = await executor
    .insert(indicatorTargets)
    .values(values)
    .onConflictDoUpdate({
      target: [indicatorTargets.indicatorId, indicatorTargets.organizationId, indicatorTargets.period],
      set: { comparator: values.comparator, value: values.value, updatedAt: new Date() },
    })
    .returning();
  return row;
}

export async function deleteTarget(executor: Executor, id: number) {
  const rows = await executor.delete(indicatorTargets).where(eq(indicatorTargets.id, id)).returning();
  return rows[0] ?? null;
}

export async function findValue(executor: Executor, indicatorId: number, organizationId: number, period: string): Promise<IndicatorValueRecord | null> {
  const rows = await executor
    .select()
    .from(indicatorValues)
    .where(and(eq(indicatorValues.indicatorId, indicatorId), eq(indicatorValues.organizationId, organizationId), eq(indicatorValues.period, period)))
    .limit(1);
  return rows[0] ?? null;
}

export async function findValueById(executor: Executor, id: number): Promise<IndicatorValueRecord | null> {
  const rows = await executor.select().from(indicatorValues).where(eq(indicatorValues.id, id)).limit(1);
  return rows[0] ?? null;
}

/** Values of some indicators for one organization and some periods. */
export async function listValuesFor(executor: Executor, organizationId: number, indicatorIds: number[], periods: string[]): Promise<IndicatorValueRecord[]> {
  if (indicatorIds.length === 0 || periods.length === 0) return [];
  return executor
    .select()
    .from(indicatorValues)
    .where(and(eq(indicatorValues.organizationId, organizationId), inArray(indicatorValues.indicatorId, indicatorIds), inArray(indicatorValues.period, periods)));
}

export async function insertValue(executor: Executor, values: typeof indicatorValues.$inferInsert): Promise<IndicatorValueRecord> {
  const [row] = await executor.insert(indicatorValues).values(values).returning();
  return row;
}

/** Inserts or replaces many values at once (imports); returns their ids. */
export async function upsertValues(executor: Executor, rows: (typeof indicatorValues.$inferInsert)[]): Promise<{ id: number; value: number; status: string }[]> {
  const result: { id: number; value: number; status: string }[] = [];
  for (let start = 0; start < rows.length; start += 1000) {
    const batch = await executor
      .insert(indicatorValues)
      .values(rows.slice(start, start + 1000))
      .onConflictDoUpdate({
        target: [indicatorValues.indicatorId, indicatorValues.organizationId, indicatorValues.period],
        set: {
          value: sql`excluded.value`,
          status: sql`excluded.status`,
          approvedBy: sql`excluded.approved_by`,
          approvedAt: sql`excluded.approved_at`,
          returnReason: sql`null`,
          version: sql`${indicatorValues.version} + 1`,
          updatedAt: new Date(),
        },
      })
      .returning({ id: indicatorValues.id, value: indicatorValues.value, status: indicatorValues.status });
    result.push(...batch);
  }
  return result;
}

export async function updateValueVersioned(executor: Executor, id: number, version: number, values: Partial<typeof indicatorValues.$inferInsert>): Promise<boolean> {
  const rows = await executor
    .update(indicatorValues)
    .set({ ...values, version: sql`${indicatorValues.version} + 1`, updatedAt: new Date() })
    .where(and(eq(indicatorValues.id, id), eq(indicatorValues.version, version)))
    .returning({ id: indicatorValues.id });
  return rows.length === 1;
}

export async function insertRevisions(executor: Executor, rows: (typeof indicatorValueRevisions.$inferInsert)[]): Promise<void> {
  for (let start = 0; start < rows.length; start += 1000) await executor.insert(indicatorValueRevisions).values(rows.slice(start, start + 1000));
}

export async function listRevisions(executor: Executor, valueId: number) {
  return executor.select().from(indicatorValueRevisions).where(eq(indicatorValueRevisions.valueId, valueId)).orderBy(desc(indicatorValueRevisions.id));
}

export async function listValues(
  executor: Executor,
  filter: { indicatorId?: number; organizationPath?: string; period?: string; status?: string; scopes: string[] | null; ownerScopes: string[] | null; limit: number; offset: number },
) {
  const conditions: SQL[] = [];
  if (filter.indicatorId !== undefined) conditions.push(eq(indicatorValues.indicatorId, filter.indicatorId));
  if (filter.period) conditions.push(eq(indicatorValues.period, filter.period));
  if (filter.status) conditions.push(eq(indicatorValues.status, filter.status));
  if (filter.organizationPath) conditions.push(sql`${organizations.path} like ${startsWithPattern(filter.organizationPath)}`);
  if (filter.scopes !== null) {
    const patterns = (filter.scopes.length ? filter.scopes : ['\u0000']).map(startsWithPattern);
    const ownerPatterns = (filter.ownerScopes?.length ? filter.ownerScopes : ['\u0000']).map(startsWithPattern);
    conditions.push(
      sql`(${organizations.path} like any(array[${sql.join(patterns.map((pattern) => sql`${pattern}`), sql`, `)}]::text[])
        or exists (select 1 from organizations owner where owner.id = ${indicators.ownerOrganizationId}
                    and owner.path like any(array[${sql.join(ownerPatterns.map((pattern) => sql`${pattern}`), sql`, `)}]::text[])))`,
    );
  }
  const where = conditions.length ? and(...conditions) : undefined;
  const items = await executor
    .select({
      id: indicatorValues.id,
      indicatorCode: indicators.code,
      indicatorName: indicators.name,
      unit: indicators.unit,
      orgCode: organizations.code,
      orgName: organizations.name,
      period: indicatorValues.period,
      value: indicatorValues.value,
      status: indicatorValues.status,
      version: indicatorValues.version,
      updatedAt: indicatorValues.updatedAt,
    })
    .from(indicatorValues)
    .innerJoin(indicators, eq(indicators.id, indicatorValues.indicatorId))
    .innerJoin(organizations, eq(organizations.id, indicatorValues.organizationId))
    .where(where)
    .orderBy(desc(indicatorValues.updatedAt), asc(indicatorValues.id))
    .limit(filter.limit)
    .offset(filter.offset);
  const [{ total }] = await executor
    .select({ total: sql<number>`count(*)::int` })
    .from(indicatorValues)
    .innerJoin(indicators, eq(indicators.id, indicatorValues.indicatorId))
    .innerJoin(organizations, eq(organizations.id, indicatorValues.organizationId))
    .where(where);
  return { items, total };
}

/** The active children of an organization as tree nodes. */
export async function listChildNodes(executor: Executor, parentId: number) {
  const result = await executor.execute(sql`
    select id, parent_id as "parentId", kind, code, name, path from organizations
     where is_active and parent_id = ${parentId}`);
  return (result as unknown as { rows: { id: number; parentId: number | null; kind: string; code: string; name: string; path: string }[] }).rows;
}

/** The organizations of a subtree as tree nodes (for rollups). */
export async function listOrganizationNodes(executor: Executor, rootPath: string) {
  const result = await executor.execute(sql`
    select id, parent_id as "parentId", kind, code, name, path from organizations
     where is_active and path like ${startsWithPattern(rootPath)}`);
  return (result as unknown as { rows: { id: number; parentId: number | null; kind: string; code: string; name: string; path: string }[] }).rows;
}

/**
 * One group of columns of `listRollupNodes`: the approved values of one indicator for one period,
 * for each organization.
 */
export interface RollupSlot {
  indicatorId: number;
  /** How the sub-period values aggregate over time (domain.md, "Rolling up", step 2). */
  timeAggregation: 'sum' | 'average' | 'last';
  /** The period asked: a value entered for exactly it is `exact`. */
  period: string;
  /** The sub-periods of the indicator's frequency within `period` (none when it is not longer). */
  subPeriods: string[];
  /** Organizations whose sub-period values are also listed one by one (a ratio's count per part). */
  detailFor?: number[];
}

/** An organization's approved values of one slot. */
export interface RollupSlotValues {
  exact: number | null;
  /** The sub-period values aggregated over time; null when none has a value. */
  overTime: number | null;
  /** How many sub-periods have a value. */
  count: number;
  /** For `detailFor` only: the sub-period values in period order. */
  periods: string[] | null;
  values: number[] | null;
}

/** A listed organization of the subtree, with its values, one entry per slot in the order given. */
export interface RollupNodeRow {
  id: number;
  parentId: number | null;
  kind: string;
  slots: RollupSlotValues[];
}

/**
 * The leaves of one parent that are not listed, summed up: how many, how many of the reporting
 * kinds, and per slot how many have a value (the exact period's, else the sub-periods aggregated
 * over time) and their sum.
 */
export interface RollupLeafGroupRow {
  parentId: number;
  leaves: number;
  expected: number;
  slots: { reported: number; sum: number }[];
}

/** A target of an organization, as `listTargets` gives it. */
export interface RollupTargetRow {
  organizationId: number;
  period: string;
  comparator: string;
  value: number;
}

/**
 * What the rollups of some indicators over a subtree need, in one statement: the active
 * organizations of the subtree, their approved values of the slots aggregated over time in SQL
 * (read by indicator and period on `indicator_values_approved_idx`, index only), and the targets.
 * Listed one by one: every organization with children, and those of `listed` (or all, when
 * `listed` is null); the other leaves are summed up by parent, so that a national tree comes back
 * in a few dozen rows.
 */
export async function listRollupNodes(
  executor: Executor,
  input: {
    rootPath: string;
    subtreeOnly: boolean;
    slots: RollupSlot[];
    listed: number[] | null;
    reportingKinds: string[];
    /** The targets to read with the values (on the row of `rootId`): of one indicator, some organizations, the periods of some years. */
    targets: { rootId: number; indicatorId: number; organizationIds: number[]; periodPrefixes: string[] };
  },
): Promise<{ nodes: RollupNodeRow[]; leafGroups: RollupLeafGroupRow[]; targets: RollupTargetRow[] }> {
  const wanted: SQL[] = [];
  input.slots.forEach((slot, index) => {
    wanted.push(sql`(${index}::int, ${slot.indicatorId}::int, ${slot.period}::text, true)`);
    for (const code of slot.subPeriods) if (code !== slot.period) wanted.push(sql`(${index}::int, ${slot.indicatorId}::int, ${code}::text, false)`);
  });
  const name = (prefix: string, index: number) => sql.raw(`${prefix}${index}`);
  // A ratio's count per part needs some organizations' sub-period values one by one.
  const hasDetail = input.slots.some((slot) => slot.detailFor?.length);
  const summaryColumns = input.slots.map((slot, index) => {
    const part = sql.raw(`w.slot = ${index} and not w.is_exact`);
    const overTime =
      slot.timeAggregation === 'sum'
        ? sql`sum(v.value) filter (where ${part})`
        : slot.timeAggregation === 'average'
          ? sql`avg(v.value) filter (where ${part})`
          : sql`(array_agg(v.value order by v.period collate "C" desc) filter (where ${part}))[1]`;
    const columns = [
      sql`max(v.value) filter (where ${sql.raw(`w.slot = ${index} and w.is_exact`)}) as ${name('e', index)}`,
      sql`${overTime} as ${name('t', index)}`,
      sql`count(*) filter (where ${part}) as ${name('c', index)}`,
    ];
    if (hasDetail) {
      const detailed = slot.detailFor?.length ? sql`${part} and ${inArray(sql`v.organization_id`, slot.detailFor)}` : sql`false`;
      columns.push(
        sql`array_agg(v.period order by v.period collate "C") filter (where ${detailed}) as ${name('p', index)}`,
        sql`array_agg(v.value order by v.period collate "C") filter (where ${detailed}) as ${name('v', index)}`,
      );
    }
    return sql.join(columns, sql`, `);
  });
  const valueNames = (index: number) => [name('e', index), name('t', index), name('c', index), ...(hasDetail ? [name('p', index), name('v', index)] : [])];
  const nodeColumns = input.slots.map((_slot, index) => sql.join(valueNames(index), sql`, `));
  // A leaf's value: the one entered for exactly the period, else its sub-periods aggregated over time.
  const groupColumns = input.slots.map((_slot, index) => {
    const value = sql`coalesce(${name('e', index)}, ${name('t', index)})`;
    return sql`null::float8, sum(${value}), count(${value})${hasDetail ? sql`, null::text[], null::float8[]` : sql``}`;
  });
  const { targets } = input;
  const targetOrganizations = targets.organizationIds.length ? inArray(sql`x.organization_id`, targets.organizationIds) : sql`false`;
  const targetPeriods = targets.periodPrefixes.length ? sql`(${sql.join(targets.periodPrefixes.map((prefix) => sql`x.period like ${startsWithPattern(prefix)}`), sql` or `)})` : sql`false`;
  const isListed = input.listed === null ? sql`true` : sql`(p.parent_id is not null${input.listed.length ? sql` or ${inArray(sql`t.id`, input.listed)}` : sql``})`;
  const isExpectedKind = input.reportingKinds.length ? inArray(sql`kind`, input.reportingKinds) : sql`false`;
  // The columns of `shaped` are qualified by hand: `s.*` would repeat organization_id.
  const shapedColumns = input.slots.map((_slot, index) => sql.join(valueNames(index).map((column) => sql`s.${column}`), sql`, `));
  const result = await executor.execute(sql`
    with tree as (
      select id, parent_id, kind from organizations where is_active and path like ${startsWithPattern(input.rootPath)}
    ), summary as (
      select v.organization_id, ${sql.join(summaryColumns, sql`, `)}
        from indicator_values v
        join (values ${wanted.length ? sql.join(wanted, sql`, `) : sql`(-1, -1, '', false)`}) w (slot, indicator_id, period, is_exact)
          on w.indicator_id = v.indicator_id and w.period = v.period
       where v.status = 'approved'
         ${input.subtreeOnly ? sql`and v.organization_id in (select id from tree)` : sql``}
       group by v.organization_id
    ), parents as (
      -- a hash join rather than a correlated exists: the planner overestimates the latter and compiles it (JIT)
      select distinct parent_id from tree
    ), shaped as (
      select t.id, t.parent_id, t.kind, ${isListed} as listed, ${sql.join(shapedColumns, sql`, `)}
        from tree t
        left join parents p on p.parent_id = t.id
        left join summary s on s.organization_id = t.id
    )
    select id, parent_id as "parentId", kind, null::bigint as leaves, null::bigint as expected, ${sql.join(nodeColumns, sql`, `)},
           case when id = ${targets.rootId} then (
             select json_agg(json_build_object('organizationId', x.organization_id, 'period', x.period, 'comparator', x.comparator, 'value', x.value))
               from indicator_targets x
              where x.indicator_id = ${targets.indicatorId} and ${targetOrganizations} and ${targetPeriods}) end as targets
      from shaped where listed
    union all
    select null, parent_id, null, count(*), count(*) filter (where ${isExpectedKind}), ${sql.join(groupColumns, sql`, `)}, null
      from shaped where not listed group by parent_id`);
  const rows = (result as unknown as { rows: Record<string, unknown>[] }).rows;
  const nodes: RollupNodeRow[] = [];
  const leafGroups: RollupLeafGroupRow[] = [];
  const targetRows: RollupTargetRow[] = [];
  for (const row of rows) {
    if (row.id === null) {
      if (row.parentId === null) continue;
      leafGroups.push({
        parentId: row.parentId as number,
        leaves: Number(row.leaves),
        expected: Number(row.expected),
        slots: input.slots.map((_slot, index) => ({ reported: Number(row[`c${index}`] ?? 0), sum: (row[`t${index}`] as number | null) ?? 0 })),
      });
      continue;
    }
    if (row.targets) targetRows.push(...(row.targets as RollupTargetRow[]));
    nodes.push({
      id: row.id as number,
      parentId: row.parentId as number | null,
      kind: row.kind as string,
      slots: input.slots.map((_slot, index) => ({
        exact: (row[`e${index}`] as number | null) ?? null,
        overTime: (row[`t${index}`] as number | null) ?? null,
        count: Number(row[`c${index}`] ?? 0),
        periods: (row[`p${index}`] as string[] | null) ?? null,
        values: (row[`v${index}`] as number[] | null) ?? null,
      })),
    });
  }
  return { nodes, leafGroups, targets: targetRows };
}

export async function findActiveReopening(executor: Executor, organizationId: number, period: string, today: string) {
  const rows = await executor
    .select()
    .from(periodReopenings)
    .where(and(eq(periodReopenings.organizationId, organizationId), eq(periodReopenings.period, period), sql`${periodReopenings.reopenedUntil} >= ${today}::date`))
    .orderBy(desc(periodReopenings.reopenedUntil))
    .limit(1);
  return rows[0] ?? null;
}

export async function insertReopening(executor: Executor, values: typeof periodReopenings.$inferInsert) {
  const [row] = await executor.insert(periodReopenings).values(values).returning();
  return row;
}
