import { and, count, desc, eq, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { auditEvents } from '../../db/schema/index';

export interface AuditEntry {
  actorUserId: number | null;
  actorName: string;
  action: string;
  entity: string;
  entityId: string | number | null;
  before?: unknown;
  after?: unknown;
}

/** Appends one audit event (never updated, never deleted). */
export async function insertAuditEvent(executor: Executor, entry: AuditEntry): Promise<void> {
  await executor.insert(auditEvents).values({
    actorUserId: entry.actorUserId,
    actorName: entry.actorName,
    action: entry.action,
    entity: entry.entity,
    entityId: entry.entityId === null ? null : String(entry.entityId),
    before: entry.before ?? null,
    after: entry.after ?? null,
  });
}

export async function listAuditEvents(
  executor: Executor,
  filter: { entity?: string; entityId?: string; page: number; pageSize: number },
) {
  const conditions: SQL[] = [];
  if (filter.entity) conditions.push(eq(auditEvents.entity, filter.entity));
  if (filter.entityId) conditions.push(eq(auditEvents.entityId, filter.entityId));
  const where = conditions.length ? and(...conditions) : undefined;
  const items = await executor
    .select()
    .from(auditEvents)
    .where(where)
    .orderBy(desc(auditEvents.id))
    .limit(filter.pageSize)
    .offset((filter.page - 1) * filter.pageSize);
  const [{ total }] = await executor.select({ total: count() }).from(auditEvents).where(where);
  return { items, total };
}
