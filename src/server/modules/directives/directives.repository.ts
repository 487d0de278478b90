import { and, asc, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { containsPattern } from '../../db/like';
import { directiveFiles, directives, files, organizations } from '../../db/schema/index';

export type DirectiveRecord = typeof directives.$inferSelect;

const columns = {
  id: directives.id,
  number: directives.number,
  kind: directives.kind,
  issuerId: directives.issuerId,
  issuerCode: organizations.code,
  issuerName: organizations.name,
  issuerPath: organizations.path,
  issuedOn: directives.issuedOn,
  issueYear: directives.issueYear,
  title: directives.title,
  summary: directives.summary,
  planEndYear: directives.planEndYear,
  parentId: directives.parentId,
  parentNumber: sql<string | null>`(select p.number from directives p where p.id = ${directives.parentId})`,
  taskCount: sql<number>`(select count(*)::int from tasks t where t.directive_id = ${directives.id} and not t.is_container and t.cancelled_on is null)`,
  version: directives.version,
};

export type DirectiveRow = {
  id: number;
  number: string;
  kind: string;
  issuerId: number;
  issuerCode: string;
  issuerName: string;
  issuerPath: string;
  issuedOn: string;
  issueYear: number;
  title: string;
  summary: string | null;
  planEndYear: number | null;
  parentId: number | null;
  parentNumber: string | null;
  taskCount: number;
  version: number;
};

export async function listDirectives(executor: Executor, filter: { search?: string; parentId?: number; page: number; pageSize: number }) {
  const conditions: SQL[] = [];
  if (filter.search) {
    conditions.push(
      sql`immutable_unaccent(lower(${directives.number} || ' ' || ${directives.title} || ' ' || coalesce(${directives.summary}, ''))) like immutable_unaccent(${containsPattern(filter.search.toLowerCase())})`,
    );
  }
  if (filter.parentId !== undefined) conditions.push(eq(directives.parentId, filter.parentId));
  const where = conditions.length ? and(...conditions) : undefined;
  const items = (await executor
    .select(columns)
    .from(directives)
    .innerJoin(organizations, eq(organizations.id, directives.issuerId))
    .where(where)
    .orderBy(desc(directives.issuedOn), asc(directives.number))
    .limit(filter.pageSize)
    .offset((filter.page - 1) * filter.pageSize)) as DirectiveRow[];
  const [{ total }] = await executor.select({ total: sql<number>`count(*)::int` }).from(directives).where(where);
  return { items, total };
}

export async function findDirective(executor: Executor, id: number): Promise<DirectiveRow | null> {
  const rows = await executor.select(columns).from(directives).innerJoin(organizations, eq(organizations.id, directives.issuerId)).where(eq(directives.id, id)).limit(1);
  return (rows[0] as DirectiveRow | undefined) ?? null;
}

export async function listChildDirectives(executor: Executor, parentId: number): Promise<DirectiveRow[]> {
  return (await executor
    .select(columns)
    .from(directives)
    .innerJoin(organizations, eq(organizations.id, directives.issuerId))
    .where(eq(directives.parentId, parentId))
    .orderBy(asc(directives.issuedOn))) as DirectiveRow[];
}

/** Directives with this number (optionally of an issuer and an issue year). */
export async function findDirectivesByNumber(executor: Executor, number: string, issuerId?: number, issueYear?: number): Promise<DirectiveRow[]> {
  const conditions: SQL[] = [eq(directives.number, number)];
  if (issuerId !== undefined) conditions.push(eq(directives.issuerId, issuerId));
  if (issueYear !== undefined) conditions.push(eq(directives.issueYear, issueYear));
  return (await executor
    .select(columns)
    .from(directives)
    .innerJoin(organizations, eq(organizations.id, directives.issuerId))
    .where(and(...conditions))
    .orderBy(desc(directives.issuedOn))) as DirectiveRow[];
}

export async function insertDirective(executor: Executor, values: typeof directives.$inferInsert): Promise<DirectiveRecord> {
  const [row] = await executor.insert(directives).values(values).returning();
  return row;
}

/** Updates when the version matches; returns false on a stale version. */
export async function updateDirective(executor: Executor, id: number, version: number, values: Partial<typeof directives.$inferInsert>): Promise<boolean> {
  const rows = await executor
    .update(directives)
    .set({ ...values, version: sql`${directives.version} + 1`, updatedAt: new Date() })
    .where(and(eq(directives.id, id), eq(directives.version, version)))
    .returning({ id: directives.id });
  return rows.length === 1;
}

/** The directives and every directive that implements one of them, at any depth, by id (UNION stops a cycle). */
export async function listDirectiveSubtreeIds(executor: Executor, rootIds: number[]): Promise<number[]> {
  if (rootIds.length === 0) return [];
  const result = await executor.execute(sql`
    with recursive subtree(id) as (
      select id from directives where id in (${sql.join(rootIds.map((id) => sql`${id}`), sql`, `)})
      union
      select d.id from directives d join subtree s on d.parent_id = s.id
    ) select id from subtree order by id`);
  return (result as unknown as { rows: { id: number }[] }).rows.map((row) => row.id);
}

export async function attachDirectiveFile(executor: Executor, directiveId: number, fileId: number): Promise<void> {
  await executor.insert(directiveFiles).values({ directiveId, fileId }).onConflictDoNothing();
}

export async function listDirectiveFiles(executor: Executor, directiveId: number) {
  return executor
    .select({ id: files.id, name: files.name, size: files.size, mimeType: files.mimeType, createdAt: files.createdAt })
    .from(directiveFiles)
    .innerJoin(files, eq(files.id, directiveFiles.fileId))
    .where(eq(directiveFiles.directiveId, directiveId))
    .orderBy(asc(files.id));
}

export async function isDirectiveFile(executor: Executor, fileId: number): Promise<boolean> {
  const rows = await executor.select({ fileId: directiveFiles.fileId }).from(directiveFiles).where(eq(directiveFiles.fileId, fileId)).limit(1);
  return rows.length > 0;
}
