import { and, asc, eq, inArray, like, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { containsPattern, startsWithPattern } from '../../db/like';
import { importAliases, organizations } from '../../db/schema/index';

export type OrganizationRecord = typeof organizations.$inferSelect;

export interface OrganizationRow extends OrganizationRecord {
  parentCode: string | null;
}

// Qualified by hand: drizzle renders `${organizations.parentId}` unqualified in a one-table select,
// which inside this subquery would mean the subquery's own row.
const parent = sql`(select parent.code from organizations parent where parent.id = "organizations"."parent_id")`;
const columns = {
  id: organizations.id,
  code: organizations.code,
  name: organizations.name,
  shortName: organizations.shortName,
  aliases: organizations.aliases,
  predecessors: organizations.predecessors,
  kind: organizations.kind,
  parentId: organizations.parentId,
  path: organizations.path,
  depth: organizations.depth,
  validFrom: organizations.validFrom,
  validTo: organizations.validTo,
  isActive: organizations.isActive,
  version: organizations.version,
  createdAt: organizations.createdAt,
  updatedAt: organizations.updatedAt,
  parentCode: parent.mapWith(String).as('parent_code'),
};

export interface OrganizationFilter {
  search?: string;
  kind?: string;
  parentCode?: string;
  includeInactive?: boolean;
  /** Limit to these subtrees (paths); undefined = all. */
  withinPaths?: string[];
}

export async function listOrganizations(executor: Executor, filter: OrganizationFilter = {}): Promise<OrganizationRow[]> {
  const conditions: SQL[] = [];
  if (!filter.includeInactive) conditions.push(eq(organizations.isActive, true));
  if (filter.kind) conditions.push(eq(organizations.kind, filter.kind));
  if (filter.parentCode) {
    conditions.push(sql`${organizations.parentId} = (select id from organizations where code = ${filter.parentCode})`);
  }
  if (filter.search) {
    const pattern = containsPattern(filter.search.toLowerCase());
    conditions.push(
      sql`(immutable_unaccent(lower(${organizations.name} || ' ' || coalesce(${organizations.shortName}, '') || ' ' || ${organizations.code} || ' ' || array_to_string(${organizations.aliases}, ' '))) like immutable_unaccent(${pattern}))`,
    );
  }
  if (filter.withinPaths) {
    if (filter.withinPaths.length === 0) return [];
    conditions.push(or(...filter.withinPaths.map((path) => like(organizations.path, startsWithPattern(path))))!);
  }
  const rows = await executor
    .select(columns)
    .from(organizations)
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(asc(organizations.depth), asc(organizations.code));
  return rows as OrganizationRow[];
}

export async function findOrganizationByCode(executor: Executor, code: string): Promise<OrganizationRow | null> {
  const rows = await executor.select(columns).from(organizations).where(eq(organizations.code, code)).limit(1);
  return (rows[0] as OrganizationRow | undefined) ?? null;
}

export async function findOrganizationsByIds(executor: Executor, ids: number[]): Promise<OrganizationRow[]> {
  if (ids.length === 0) return [];
  return (await executor.select(columns).from(organizations).where(inArray(organizations.id, ids))) as OrganizationRow[];
}

export async function findOrganizationsByCodes(executor: Executor, codes: string[]): Promise<OrganizationRow[]> {
  if (codes.length === 0) return [];
  return (await executor.select(columns).from(organizations).where(inArray(organizations.code, codes))) as OrganizationRow[];
}

/** Codes of the active organizations directly under one. */
export async function listActiveChildCodes(executor: Executor, parentId: number): Promise<string[]> {
  const rows = await executor
    .select({ code: organizations.code })
    .from(organizations)
    .where(and(eq(organizations.parentId, parentId), eq(organizations.isActive, true)))
    .orderBy(asc(organizations.code));
  return rows.map((row) => row.code);
}

export interface NewOrganization {
  code: string;
  name: string;
  shortName: string | null;
  aliases: string[];
  predecessors: string[];
  kind: string;
  parentId: number | null;
  path: string;
  depth: number;
  validFrom: string | null;
}

export async function insertOrganization(executor: Executor, values: NewOrganization): Promise<OrganizationRecord> {
  const [row] = await executor.insert(organizations).values(values).returning();
  return row;
}

export async function updateOrganization(
  executor: Executor,
  id: number,
  values: Partial<Pick<OrganizationRecord, 'name' | 'shortName' | 'aliases' | 'predecessors' | 'kind' | 'parentId' | 'path' | 'depth' | 'validTo' | 'isActive'>>,
): Promise<void> {
  await executor
    .update(organizations)
    .set({ ...values, version: sql`${organizations.version} + 1`, updatedAt: new Date() })
    .where(eq(organizations.id, id));
}

/** Rewrites the paths of a subtree after its root moved. */
export async function movePaths(executor: Executor, oldPath: string, newPath: string): Promise<void> {
  await executor.execute(sql`
    update organizations
       set path = ${newPath} || substr(path, ${oldPath.length + 1}),
           depth = depth + ${newPath.split('/').length - oldPath.split('/').length}
     where path like ${startsWithPattern(oldPath)}`);
}

export async function countOrganizationsByKind(executor: Executor): Promise<{ kind: string; count: number }[]> {
  return executor
    .select({ kind: organizations.kind, count: sql<number>`count(*)::int` })
    .from(organizations)
    .where(eq(organizations.isActive, true))
    .groupBy(organizations.kind)
    .orderBy(organizations.kind);
}

export async function listImportAliases(executor: Executor) {
  return executor.select().from(importAliases);
}

export async function upsertImportAlias(
  executor: Executor,
  values: { normalizedName: string; name: string; organizationId: number | null; groupKey: string | null; createdBy: number | null },
): Promise<void> {
  await executor
    .insert(importAliases)
    .values(values)
    .onConflictDoUpdate({
      target: importAliases.normalizedName,
      set: { name: values.name, organizationId: values.organizationId, groupKey: values.groupKey },
    });
}
