import { and, asc, count, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { indexFrameworks, indexNodes, indexValues, indicators, organizations } from '../../db/schema/index';

export type IndexFrameworkRecord = typeof indexFrameworks.$inferSelect;
export type IndexNodeRecord = typeof indexNodes.$inferSelect;

/** A node with the code of its linked Thực Thi indicator. */
export interface IndexNodeWithLink extends IndexNodeRecord {
  indicatorCode: string | null;
}

/** A stored value with its organization's code. */
export interface IndexValueWithOrganization {
  nodeCode: string;
  organizationId: number;
  organizationCode: string;
  year: number;
  value: number;
}

export interface PeerOrganization {
  id: number;
  code: string;
  name: string;
  kind: string;
  path: string;
}

export async function findFrameworkByCode(executor: Executor, code: string): Promise<IndexFrameworkRecord | null> {
  const [row] = await executor.select().from(indexFrameworks).where(eq(indexFrameworks.code, code)).limit(1);
  return row ?? null;
}

/** Frameworks with their numbers of nodes and indicators, by code. */
export async function listFrameworks(executor: Executor) {
  const frameworks = await executor.select().from(indexFrameworks).orderBy(asc(indexFrameworks.code));
  const counts = await executor
    .select({
      frameworkId: indexNodes.frameworkId,
      nodes: count(),
      indicators: sql<number>`count(*) filter (where ${indexNodes.level} = 'indicator')`.mapWith(Number),
    })
    .from(indexNodes)
    .groupBy(indexNodes.frameworkId);
  const byId = new Map(counts.map((row) => [row.frameworkId, row]));
  return frameworks.map((framework) => ({ ...framework, nodeCount: byId.get(framework.id)?.nodes ?? 0, indicatorCount: byId.get(framework.id)?.indicators ?? 0 }));
}

export async function insertFramework(executor: Executor, values: typeof indexFrameworks.$inferInsert): Promise<IndexFrameworkRecord> {
  const [row] = await executor.insert(indexFrameworks).values(values).returning();
  return row;
}

export async function updateFramework(
  executor: Executor,
  id: number,
  values: Partial<Pick<IndexFrameworkRecord, 'name' | 'method' | 'outlierTreatment' | 'peerKind'>>,
): Promise<IndexFrameworkRecord> {
  const [row] = await executor
    .update(indexFrameworks)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(indexFrameworks.id, id))
    .returning();
  return row;
}

/** Deletes a framework, its nodes and its values. */
export async function deleteFramework(executor: Executor, id: number): Promise<void> {
  await executor.delete(indexValues).where(eq(indexValues.frameworkId, id));
  await executor.delete(indexNodes).where(eq(indexNodes.frameworkId, id));
  await executor.delete(indexFrameworks).where(eq(indexFrameworks.id, id));
}

/** The nodes of a framework in their order, with the codes of linked indicators. */
export async function listNodes(executor: Executor, frameworkId: number): Promise<IndexNodeWithLink[]> {
  const rows = await executor
    .select({ node: indexNodes, indicatorCode: indicators.code })
    .from(indexNodes)
    .leftJoin(indicators, eq(indicators.id, indexNodes.indicatorId))
    .where(eq(indexNodes.frameworkId, frameworkId))
    .orderBy(asc(indexNodes.sortOrder), asc(indexNodes.id));
  return rows.map((row) => ({ ...row.node, indicatorCode: row.indicatorCode }));
}

/** Replaces the whole tree of a framework. */
export async function replaceNodes(executor: Executor, frameworkId: number, nodes: Omit<typeof indexNodes.$inferInsert, 'frameworkId' | 'id'>[]): Promise<void> {
  await executor.delete(indexNodes).where(eq(indexNodes.frameworkId, frameworkId));
  for (let start = 0; start < nodes.length; start += 500) {
    await executor.insert(indexNodes).values(nodes.slice(start, start + 500).map((node) => ({ ...node, frameworkId })));
  }
}

/** Values of a framework for some years (all years when `years` is omitted). */
export async function listValues(executor: Executor, frameworkId: number, years?: number[]): Promise<IndexValueWithOrganization[]> {
  if (years && years.length === 0) return [];
  return executor
    .select({
      nodeCode: indexValues.nodeCode,
      organizationId: indexValues.organizationId,
      organizationCode: organizations.code,
      year: indexValues.year,
      value: indexValues.value,
    })
    .from(indexValues)
    .innerJoin(organizations, eq(organizations.id, indexValues.organizationId))
    .where(years ? and(eq(indexValues.frameworkId, frameworkId), inArray(indexValues.year, years)) : eq(indexValues.frameworkId, frameworkId))
    .orderBy(asc(indexValues.year), asc(indexValues.nodeCode), asc(organizations.code));
}

/** Years that have values, newest first, with their numbers of values. */
export async function listValueYears(executor: Executor, frameworkId: number): Promise<{ year: number; values: number }[]> {
  return executor
    .select({ year: indexValues.year, values: count() })
    .from(indexValues)
    .where(eq(indexValues.frameworkId, frameworkId))
    .groupBy(indexValues.year)
    .orderBy(sql`${indexValues.year} desc`);
}

/** Inserts or replaces values (one per node, organization and year). */
export async function upsertValues(executor: Executor, frameworkId: number, rows: { nodeCode: string; organizationId: number; year: number; value: number }[]): Promise<void> {
  for (let start = 0; start < rows.length; start += 1000) {
    await executor
      .insert(indexValues)
      .values(rows.slice(start, start + 1000).map((row) => ({ ...row, frameworkId })))
      .onConflictDoUpdate({
        target: [indexValues.frameworkId, indexValues.nodeCode, indexValues.organizationId, indexValues.year],
        set: { value: sql`excluded.value`, updatedAt: new Date() },
      });
  }
}

/** Active organizations of some kinds (the peers of an index), by code. */
export async function listPeerOrganizations(executor: Executor, kinds: readonly string[]): Promise<PeerOrganization[]> {
  return executor
    .select({ id: organizations.id, code: organizations.code, name: organizations.name, kind: organizations.kind, path: organizations.path })
    .from(organizations)
    .where(and(eq(organizations.isActive, true), inArray(organizations.kind, [...kinds])))
    .orderBy(asc(organizations.code));
}

/** Thực Thi indicators by code (for the link column of a framework). */
export async function listIndicatorCodes(executor: Executor): Promise<{ id: number; code: string }[]> {
  return executor.select({ id: indicators.id, code: indicators.code }).from(indicators).orderBy(asc(indicators.code));
}
