import { and, asc, eq, gt, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { apiTokens, organizations, roleGrants, sessions, users } from '../../db/schema/index';
import type { Grant, Role } from '../../../domain/policies';
import { containsPattern } from '../../db/like';

export type UserRecord = typeof users.$inferSelect;

export async function findUserByUsername(executor: Executor, username: string): Promise<UserRecord | null> {
  const rows = await executor.select().from(users).where(sql`lower(${users.username}) = lower(${username})`).limit(1);
  return rows[0] ?? null;
}

export async function findUserById(executor: Executor, id: number): Promise<UserRecord | null> {
  const rows = await executor.select().from(users).where(eq(users.id, id)).limit(1);
  return rows[0] ?? null;
}

/** The user, its row locked until the transaction ends (login counts failures on it). */
export async function findUserByIdForUpdate(executor: Executor, id: number): Promise<UserRecord | null> {
  const rows = await executor.select().from(users).where(eq(users.id, id)).limit(1).for('update');
  return rows[0] ?? null;
}

export async function listUsers(executor: Executor, search?: string): Promise<UserRecord[]> {
  const where = search
    ? sql`immutable_unaccent(lower(${users.username} || ' ' || ${users.fullName})) like immutable_unaccent(${containsPattern(search.toLowerCase())})`
    : undefined;
  return executor.select().from(users).where(where).orderBy(asc(users.username));
}

export async function insertUser(
  executor: Executor,
  values: { username: string; fullName: string; email: string | null; passwordHash: string },
): Promise<UserRecord> {
  const [row] = await executor.insert(users).values(values).returning();
  return row;
}

export async function updateUser(executor: Executor, id: number, values: Partial<Omit<UserRecord, 'id' | 'createdAt'>>): Promise<void> {
  await executor.update(users).set({ ...values, updatedAt: new Date() }).where(eq(users.id, id));
}

/** Grants of users, with the organization's code, name and path. */
export async function listGrants(executor: Executor, userIds: number[]): Promise<(Grant & { userId: number; organizationName: string })[]> {
  if (userIds.length === 0) return [];
  const rows = await executor
    .select({
      userId: roleGrants.userId,
      role: roleGrants.role,
      organizationId: roleGrants.organizationId,
      organizationCode: organizations.code,
      organizationName: organizations.name,
      path: organizations.path,
    })
    .from(roleGrants)
    .innerJoin(organizations, eq(organizations.id, roleGrants.organizationId))
    .where(inArray(roleGrants.userId, userIds))
    .orderBy(asc(roleGrants.id));
  return rows.map((row) => ({ ...row, role: row.role as Role }));
}

export async function replaceGrants(executor: Executor, userId: number, grants: { role: Role; organizationId: number }[]): Promise<void> {
  await executor.delete(roleGrants).where(eq(roleGrants.userId, userId));
  if (grants.length) await executor.insert(roleGrants).values(grants.map((grant) => ({ ...grant, userId }))).onConflictDoNothing();
}

export async function insertSession(executor: Executor, values: typeof sessions.$inferInsert): Promise<void> {
  await executor.insert(sessions).values(values);
}

export async function findSession(executor: Executor, tokenHash: string, now: Date) {
  const rows = await executor
    .select()
    .from(sessions)
    .where(and(eq(sessions.tokenHash, tokenHash), gt(sessions.expiresAt, now)))
    .limit(1);
  return rows[0] ?? null;
}

/** Deletes a session; answers the user it belonged to, or null when there was none. */
export async function deleteSession(executor: Executor, tokenHash: string): Promise<number | null> {
  const rows = await executor.delete(sessions).where(eq(sessions.tokenHash, tokenHash)).returning({ userId: sessions.userId });
  return rows[0]?.userId ?? null;
}

export async function deleteUserSessions(executor: Executor, userId: number): Promise<void> {
  await executor.delete(sessions).where(eq(sessions.userId, userId));
}

export async function insertApiToken(executor: Executor, values: { userId: number; name: string; tokenHash: string }) {
  const [row] = await executor.insert(apiTokens).values(values).returning();
  return row;
}

/**
 * An active API token with its user and the user's grants, in one statement (a request
 * authenticated by token costs one round trip, not three). Null for an unknown or revoked token.
 */
export async function findApiTokenActor(
  executor: Executor,
  tokenHash: string,
): Promise<{ tokenId: number; lastUsedAt: Date | null; user: { id: number; username: string; fullName: string; isActive: boolean }; grants: Grant[] } | null> {
  const result = (await executor.execute(sql`
    select t.id as "tokenId", t.last_used_at as "lastUsedAt", u.id as "userId", u.username, u.full_name as "fullName",
           u.is_active as "isActive",
           coalesce((select json_agg(json_build_object('role', g.role, 'organizationId', g.organization_id,
                                                       'organizationCode', o.code, 'path', o.path) order by g.id)
                       from role_grants g join organizations o on o.id = g.organization_id
                      where g.user_id = u.id), '[]'::json) as grants
      from api_tokens t
      join users u on u.id = t.user_id
     where t.token_hash = ${tokenHash} and t.revoked_at is null
     limit 1`)) as unknown as {
    rows: { tokenId: number; lastUsedAt: Date | string | null; userId: number; username: string; fullName: string; isActive: boolean; grants: Grant[] | string }[];
  };
  const row = result.rows[0];
  if (!row) return null;
  return {
    tokenId: row.tokenId,
    lastUsedAt: row.lastUsedAt === null ? null : new Date(row.lastUsedAt),
    user: { id: row.userId, username: row.username, fullName: row.fullName, isActive: row.isActive },
    grants: (typeof row.grants === 'string' ? (JSON.parse(row.grants) as Grant[]) : row.grants).map((grant) => ({ ...grant, role: grant.role as Role })),
  };
}

export async function touchApiToken(executor: Executor, id: number, now: Date): Promise<void> {
  await executor.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, id));
}

export async function listApiTokens(executor: Executor, userId?: number) {
  return executor
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      userId: apiTokens.userId,
      username: users.username,
      createdAt: apiTokens.createdAt,
      lastUsedAt: apiTokens.lastUsedAt,
      revokedAt: apiTokens.revokedAt,
    })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(userId === undefined ? undefined : eq(apiTokens.userId, userId))
    .orderBy(asc(apiTokens.id));
}

export async function revokeApiToken(executor: Executor, id: number, now: Date) {
  const rows = await executor.update(apiTokens).set({ revokedAt: now }).where(eq(apiTokens.id, id)).returning();
  return rows[0] ?? null;
}
