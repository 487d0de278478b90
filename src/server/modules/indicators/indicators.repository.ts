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

/** The organizations of a subtree as tree nodes (for rollups). */
export async function listOrganizationNodes(executor: Executor, rootPath: string) {
  const result = await executor.execute(sql`
    select id, parent_id as "parentId", kind, code, name, path from organizations
     where is_active and path like ${startsWithPattern(rootPath)}`);
  return (result as unknown as { rows: { id: number; parentId: number | null; kind: string; code: string; name: string; path: string }[] }).rows;
}

/**
 * For each organization of a subtree, its approved values of one indicator: for exactly `period`
 * and for the sub-periods given (one row per organization, aggregated in SQL, never all values).
 */
export async function summarizeApprovedValues(
  executor: Executor,
  input: { indicatorId: number; period: string; subPeriods: string[]; rootPath: string },
): Promise<{ organizationId: number; exact: number | null; periods: string[] | null; values: number[] | null }[]> {
  const subPeriods = input.subPeriods.filter((code) => code !== input.period);
  const all = [input.period, ...subPeriods];
  const subList = subPeriods.length ? sql`array[${sql.join(subPeriods.map((code) => sql`${code}`), sql`, `)}]::text[]` : sql`array[]::text[]`;
  const result = await executor.execute(sql`
    select v.organization_id as "organizationId",
           max(v.value) filter (where v.period = ${input.period}) as exact,
           array_agg(v.period order by v.period) filter (where v.period = any(${subList})) as periods,
           array_agg(v.value order by v.period) filter (where v.period = any(${subList})) as values
      from indicator_values v
      join organizations o on o.id = v.organization_id
     where v.indicator_id = ${input.indicatorId}
       and v.status = 'approved'
       and v.period in (${sql.join(all.map((code) => sql`${code}`), sql`, `)})
       and o.path like ${startsWithPattern(input.rootPath)}
     group by v.organization_id`);
  return (result as unknown as { rows: { organizationId: number; exact: number | null; periods: string[] | null; values: number[] | null }[] }).rows;
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
