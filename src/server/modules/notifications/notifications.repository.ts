import { and, count, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { notificationPreferences, notifications, reminderLog, settings } from '../../db/schema/index';

export type NotificationRecord = typeof notifications.$inferSelect;

/** One page of a user's notifications, newest first, and the total. */
export async function listNotifications(
  executor: Executor,
  filter: { userId: number; unreadOnly: boolean; limit: number; offset: number },
): Promise<{ items: NotificationRecord[]; total: number }> {
  const where = and(eq(notifications.userId, filter.userId), filter.unreadOnly ? isNull(notifications.readAt) : undefined);
  const items = await executor.select().from(notifications).where(where).orderBy(desc(notifications.createdAt), desc(notifications.id)).limit(filter.limit).offset(filter.offset);
  const [{ total }] = await executor.select({ total: count() }).from(notifications).where(where);
  return { items, total: Number(total) };
}

export async function countUnreadNotifications(executor: Executor, userId: number): Promise<number> {
  const [{ total }] = await executor
    .select({ total: count() })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
  return Number(total);
}

/** Marks one of the user's notifications read; false when it is not theirs (or does not exist). */
export async function markNotificationRead(executor: Executor, userId: number, id: number, at: Date): Promise<boolean> {
  const rows = await executor
    .update(notifications)
    .set({ readAt: sql`coalesce(${notifications.readAt}, ${at.toISOString()}::timestamptz)` })
    .where(and(eq(notifications.id, id), eq(notifications.userId, userId)))
    .returning({ id: notifications.id });
  return rows.length === 1;
}

/** Marks every unread notification of the user read; returns how many. */
export async function markAllNotificationsRead(executor: Executor, userId: number, at: Date): Promise<number> {
  const rows = await executor
    .update(notifications)
    .set({ readAt: at })
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  return rows.length;
}

export async function insertNotification(executor: Executor, values: typeof notifications.$inferInsert): Promise<void> {
  await executor.insert(notifications).values(values);
}

export type PreferenceRecord = typeof notificationPreferences.$inferSelect;

/** The stored preferences of one user, or of every user when `userId` is undefined. */
export async function listNotificationPreferences(executor: Executor, userId?: number): Promise<PreferenceRecord[]> {
  return executor
    .select()
    .from(notificationPreferences)
    .where(userId === undefined ? undefined : eq(notificationPreferences.userId, userId));
}

export async function upsertNotificationPreferences(executor: Executor, rows: PreferenceRecord[]): Promise<void> {
  if (rows.length === 0) return;
  await executor
    .insert(notificationPreferences)
    .values(rows)
    .onConflictDoUpdate({
      target: [notificationPreferences.userId, notificationPreferences.kind],
      set: { inApp: sql`excluded.in_app`, email: sql`excluded.email`, digest: sql`excluded.digest` },
    });
}

/** A role held by an active user on an organization, with what a reminder needs of the user. */
export interface RoleHolderRow {
  userId: number;
  role: string;
  path: string;
  organizationCode: string;
  username: string;
  fullName: string;
  email: string | null;
}

/** Every reporter and coordinator grant of an active user. */
export async function listRoleHolders(executor: Executor): Promise<RoleHolderRow[]> {
  const result = await executor.execute(sql`
    select g.user_id as "userId", g.role, o.path, o.code as "organizationCode", u.username, u.full_name as "fullName", u.email
      from role_grants g
      join users u on u.id = g.user_id and u.is_active
      join organizations o on o.id = g.organization_id
     where g.role in ('reporter', 'coordinator')
     order by g.user_id`);
  return (result as unknown as { rows: RoleHolderRow[] }).rows;
}

/** What a task reminder says about its task. */
export interface ReminderTaskRow {
  id: number;
  title: string;
  directiveNumber: string;
  leadName: string | null;
  leadPath: string | null;
  assigningPath: string;
  assignedOn: string;
  deadline: string | null;
  state: string;
  isContainer: boolean;
  completedOn: string | null;
  cancelledOn: string | null;
}

const taskColumns = sql`t.id, t.title, d.number as "directiveNumber", lead.name as "leadName", lead.path as "leadPath",
       assigning.path as "assigningPath", t.assigned_on as "assignedOn", t.deadline, t.state, t.is_container as "isContainer",
       t.completed_on as "completedOn", t.cancelled_on as "cancelledOn"`;
const taskJoins = sql`join directives d on d.id = t.directive_id
       join organizations assigning on assigning.id = t.assigning_organization_id
       left join organizations lead on lead.id = t.lead_organization_id`;

/**
 * The tasks that may have a deadline reminder on one of `dates`: with a lead and a deadline,
 * neither completed nor cancelled nor paused, and whose deadline is 7, 3 or 1 days after one of
 * the dates or an overdue reminder day before it (a superset: the rules in src/domain/reminders
 * decide). Filtering here keeps the rows few: the scheduler runs every minute.
 */
export async function listTasksForDeadlineReminders(executor: Executor, dates: string[]): Promise<ReminderTaskRow[]> {
  if (dates.length === 0) return [];
  const days = sql`array[${sql.join(dates.map((date) => sql`${date}`), sql`, `)}]::date[]`;
  const result = await executor.execute(sql`
    select ${taskColumns}
      from tasks t ${taskJoins}
     where not t.is_container and t.lead_organization_id is not null and t.deadline is not null
       and t.completed_on is null and t.cancelled_on is null and t.state not in ('completed', 'cancelled', 'paused')
       and exists (select 1 from unnest(${days}) as window_day(day)
                    where t.deadline - window_day.day in (7, 3, 1)
                       or (window_day.day > t.deadline and (window_day.day - t.deadline - 1) % 7 = 0))`);
  return (result as unknown as { rows: ReminderTaskRow[] }).rows;
}

/** A workflow event that may notify someone, with its task. */
export interface ReminderEventRow {
  eventId: number;
  action: string;
  on: string;
  /** Who did it (not told about their own action); null for imports by the system. */
  actorUserId: number | null;
  data: Record<string, unknown> | null;
  task: ReminderTaskRow;
}

/** The task events of the given actions recorded on a date from `from` to `to`. */
export async function listTaskEventsForReminders(executor: Executor, filter: { from: string; to: string; actions: string[] }): Promise<ReminderEventRow[]> {
  if (filter.actions.length === 0) return [];
  const result = await executor.execute(sql`
    select e.id as "eventId", e.action, e."on", e.actor_user_id as "actorUserId", e.data, ${taskColumns}
      from task_events e
      join tasks t on t.id = e.task_id
      ${taskJoins}
     where e."on" between ${filter.from}::date and ${filter.to}::date
       and e.action in (${sql.join(filter.actions.map((action) => sql`${action}`), sql`, `)})
     order by e.id`);
  return (result as unknown as { rows: (Omit<ReminderEventRow, 'task'> & ReminderTaskRow)[] }).rows.map((row) => ({
    eventId: Number(row.eventId),
    action: row.action,
    on: row.on,
    actorUserId: row.actorUserId,
    data: row.data,
    task: {
      id: row.id,
      title: row.title,
      directiveNumber: row.directiveNumber,
      leadName: row.leadName,
      leadPath: row.leadPath,
      assigningPath: row.assigningPath,
      assignedOn: row.assignedOn,
      deadline: row.deadline,
      state: row.state,
      isContainer: row.isContainer,
      completedOn: row.completedOn,
      cancelledOn: row.cancelledOn,
    },
  }));
}

/** The active indicators an organization enters itself: frequency, reporting kinds (not ratios, which are computed). */
export async function listEnteredIndicators(executor: Executor): Promise<{ id: number; frequency: string; reportingKinds: string[] }[]> {
  const result = await executor.execute(sql`
    select id, frequency, reporting_kinds as "reportingKinds" from indicators
     where is_active and org_aggregation <> 'ratio'`);
  return (result as unknown as { rows: { id: number; frequency: string; reportingKinds: string[] }[] }).rows;
}

/** Active organizations of some kinds (the ones that enter indicators). */
export async function listOrganizationsOfKinds(executor: Executor, kinds: string[]): Promise<{ id: number; code: string; name: string; kind: string; path: string }[]> {
  if (kinds.length === 0) return [];
  const result = await executor.execute(sql`
    select id, code, name, kind, path from organizations
     where is_active and kind in (${sql.join(kinds.map((kind) => sql`${kind}`), sql`, `)})`);
  return (result as unknown as { rows: { id: number; code: string; name: string; kind: string; path: string }[] }).rows;
}

/** Per organization, how many values of a period are submitted or approved among some indicators. */
export async function countSubmittedValues(executor: Executor, filter: { period: string; indicatorIds: number[] }): Promise<Map<number, number>> {
  if (filter.indicatorIds.length === 0) return new Map();
  const result = await executor.execute(sql`
    select organization_id as "organizationId", count(*)::int as count from indicator_values
     where period = ${filter.period} and status in ('submitted', 'approved')
       and indicator_id in (${sql.join(filter.indicatorIds.map((id) => sql`${id}`), sql`, `)})
     group by organization_id`);
  return new Map((result as unknown as { rows: { organizationId: number; count: number }[] }).rows.map((row) => [row.organizationId, row.count]));
}

/** The keys among `keys` already in the reminder log. */
export async function findExistingReminderKeys(executor: Executor, keys: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let start = 0; start < keys.length; start += 1000) {
    const rows = await executor.select({ key: reminderLog.key }).from(reminderLog).where(inArray(reminderLog.key, keys.slice(start, start + 1000)));
    for (const row of rows) found.add(row.key);
  }
  return found;
}

export type ReminderLogInsert = typeof reminderLog.$inferInsert;

/**
 * Claims a reminder key: inserts it into the log unless it is already there. True when this call
 * inserted it (and so is the one to send it); run inside the sending transaction.
 */
export async function claimReminderKey(executor: Executor, row: ReminderLogInsert): Promise<boolean> {
  const rows = await executor.insert(reminderLog).values(row).onConflictDoNothing({ target: reminderLog.key }).returning({ key: reminderLog.key });
  return rows.length === 1;
}

/** Claims many keys at once (skipped reminders); returns how many were new. */
export async function claimReminderKeys(executor: Executor, rows: ReminderLogInsert[]): Promise<number> {
  let claimed = 0;
  for (let start = 0; start < rows.length; start += 500) {
    const inserted = await executor
      .insert(reminderLog)
      .values(rows.slice(start, start + 500))
      .onConflictDoNothing({ target: reminderLog.key })
      .returning({ key: reminderLog.key });
    claimed += inserted.length;
  }
  return claimed;
}

export async function updateReminderStatus(executor: Executor, key: string, status: string, detail: string | null): Promise<void> {
  await executor.update(reminderLog).set({ status, detail }).where(eq(reminderLog.key, key));
}

/** The users who have reminders queued for their daily digest. */
export async function listUsersWithQueuedDigest(executor: Executor): Promise<number[]> {
  const rows = await executor.selectDistinct({ userId: reminderLog.userId }).from(reminderLog).where(eq(reminderLog.status, 'queued'));
  return rows.map((row) => row.userId);
}

/** Takes the queued reminders of a user for a digest: marks them digested and returns them, oldest first. */
export async function takeQueuedDigestItems(executor: Executor, userId: number): Promise<{ key: string; detail: string | null }[]> {
  const rows = await executor
    .update(reminderLog)
    .set({ status: 'digested' })
    .where(and(eq(reminderLog.userId, userId), eq(reminderLog.status, 'queued')))
    .returning({ key: reminderLog.key, detail: reminderLog.detail, createdAt: reminderLog.createdAt });
  rows.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.key.localeCompare(b.key));
  return rows.map((row) => ({ key: row.key, detail: row.detail }));
}

/** The reminder log, newest first (tests, support). */
export async function listReminderLog(executor: Executor, filter: { limit: number } = { limit: 1000 }) {
  return executor.select().from(reminderLog).orderBy(desc(reminderLog.createdAt), desc(reminderLog.key)).limit(filter.limit);
}

export async function readSetting<T>(executor: Executor, key: string): Promise<T | null> {
  const rows = await executor.select({ value: settings.value }).from(settings).where(eq(settings.key, key)).limit(1);
  return rows.length ? (rows[0].value as T) : null;
}

export async function writeSetting(executor: Executor, key: string, value: unknown): Promise<void> {
  await executor
    .insert(settings)
    .values({ key, value })
    .onConflictDoUpdate({ target: settings.key, set: { value: sql`excluded.value`, updatedAt: new Date() } });
}
