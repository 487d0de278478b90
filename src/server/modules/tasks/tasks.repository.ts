import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { containsPattern, startsWithPattern } from '../../db/like';
import {
  files,
  organizations,
  taskCoordinators,
  taskEvents,
  taskExtensions,
  taskFiles,
  taskProgressUpdates,
  tasks,
  taskSubmissions,
} from '../../db/schema/index';
import type { Timeliness } from '../../../domain/timeliness';

export type TaskRecord = typeof tasks.$inferSelect;

/** The deadline in force on `on` (a SQL date expression), for the task aliased `t`. */
export function deadlineInForceSql(on: SQL): SQL {
  return sql`(case when t.extension_count = 0 then t.original_deadline else coalesce((
      select e.requested_deadline from task_extensions e
       where e.task_id = t.id and e.status = 'approved' and e.decided_on <= ${on}
       order by e.decided_on desc, e.id desc limit 1), t.original_deadline) end)`;
}

/** The date whose deadline decides timeliness: the completion date when completed by asOf, else asOf. */
export function referenceDateSql(asOf: string): SQL {
  return sql`(case when t.completed_on is not null and t.completed_on <= ${asOf}::date then t.completed_on else ${asOf}::date end)`;
}

export interface TaskListFilter {
  asOf: string;
  directiveIds?: number[];
  group?: string;
  /** Lead organization subtree (path prefix). */
  leadPath?: string;
  timeliness?: Timeliness[];
  dueSoon?: boolean;
  dueSoonDays: number;
  states?: string[];
  deadlineFrom?: string;
  deadlineTo?: string;
  search?: string;
  parentId?: number;
  /** Visibility: the paths of the actor's grants; null = everything. */
  readableScopes: string[] | null;
  sort: string;
  page: number;
  pageSize: number;
}

export interface TaskListRow {
  id: number;
  title: string;
  directiveId: number;
  directiveNumber: string;
  group: string | null;
  subgroup: string | null;
  leadCode: string | null;
  leadName: string | null;
  leadPath: string | null;
  assigningPath: string;
  deadline: string | null;
  originalDeadline: string | null;
  isContinuous: boolean;
  isYearly: boolean;
  year: number | null;
  state: string;
  progress: number;
  timeliness: Timeliness | null;
  completedOn: string | null;
  isContainer: boolean;
  parentId: number | null;
  version: number;
  assignedOn: string;
  lastUpdatedOn: string | null;
  total: number;
}

const sortColumns: Record<string, SQL> = {
  deadline: sql`deadline_as_of asc nulls last, id asc`,
  '-deadline': sql`deadline_as_of desc nulls last, id desc`,
  title: sql`title asc, id asc`,
  '-title': sql`title desc, id desc`,
  lead: sql`lead_name asc nulls last, id asc`,
  '-lead': sql`lead_name desc nulls last, id desc`,
  updated: sql`updated_at asc, id asc`,
  '-updated': sql`updated_at desc, id desc`,
  id: sql`id asc`,
};

function scopeCondition(scopes: string[] | null): SQL | null {
  if (scopes === null) return null;
  if (scopes.length === 0) return sql`false`;
  const patterns = sql`array[${sql.join(scopes.map((path) => sql`${startsWithPattern(path)}`), sql`, `)}]::text[]`;
  return sql`(lead.path like any(${patterns}) or assigning.path like any(${patterns}) or exists (
      select 1 from task_coordinators tc join organizations co on co.id = tc.organization_id
       where tc.task_id = t.id and co.path like any(${patterns})))`;
}

/** Filter conditions shared by the list and the export (everything but timeliness). */
function taskConditions(filter: Omit<TaskListFilter, 'sort' | 'page' | 'pageSize'>): SQL[] {
  const conditions: SQL[] = [];
  const showsCancelled = filter.states?.includes('cancelled');
  if (filter.parentId !== undefined) {
    conditions.push(sql`t.parent_id = ${filter.parentId}`);
  } else {
    conditions.push(sql`not t.is_container`);
  }
  conditions.push(sql`t.assigned_on <= ${filter.asOf}::date`);
  if (!showsCancelled) conditions.push(sql`(t.cancelled_on is null or t.cancelled_on > ${filter.asOf}::date)`);
  if (filter.directiveIds) {
    if (filter.directiveIds.length === 0) conditions.push(sql`false`);
    else conditions.push(sql`t.directive_id in (${sql.join(filter.directiveIds.map((id) => sql`${id}`), sql`, `)})`);
  }
  if (filter.group) conditions.push(sql`t.group_name = ${filter.group}`);
  // An array computed once: a join on the path makes the planner rescan the title index per organization.
  if (filter.leadPath) conditions.push(sql`t.lead_organization_id = any(array(select o.id from organizations o where o.path like ${startsWithPattern(filter.leadPath)}))`);
  if (filter.states?.length) conditions.push(sql`t.state in (${sql.join(filter.states.map((state) => sql`${state}`), sql`, `)})`);
  if (filter.search) conditions.push(sql`immutable_unaccent(lower(t.title)) like immutable_unaccent(lower(${containsPattern(filter.search)}))`);
  const scope = scopeCondition(filter.readableScopes);
  if (scope) conditions.push(scope);
  return conditions;
}

/** One page of tasks with their timeliness as of `asOf`, and the total. */
export async function listTasks(executor: Executor, filter: TaskListFilter): Promise<{ rows: TaskListRow[]; total: number }> {
  const conditions = taskConditions(filter);
  const outer: SQL[] = [sql`true`];
  if (filter.timeliness?.length) outer.push(sql`timeliness in (${sql.join(filter.timeliness.map((value) => sql`${value}`), sql`, `)})`);
  if (filter.dueSoon) outer.push(sql`timeliness = 'in_progress' and deadline_as_of - ${filter.asOf}::date <= ${filter.dueSoonDays}`);
  if (filter.deadlineFrom) outer.push(sql`deadline_as_of >= ${filter.deadlineFrom}::date`);
  if (filter.deadlineTo) outer.push(sql`deadline_as_of <= ${filter.deadlineTo}::date`);
  const query = sql`
    with base as (
      select t.id, t.title, t.directive_id, d.number as directive_number, t.group_name, t.subgroup_name,
             lead.code as lead_code, lead.name as lead_name, lead.path as lead_path, assigning.path as assigning_path,
             t.original_deadline, t.is_continuous, t.is_yearly, t.year, t.state, t.progress, t.completed_on,
             t.is_container, t.parent_id, t.version, t.assigned_on, t.last_updated_on, t.updated_at,
             ${deadlineInForceSql(referenceDateSql(filter.asOf))} as deadline_as_of
        from tasks t
        join directives d on d.id = t.directive_id
        join organizations assigning on assigning.id = t.assigning_organization_id
        left join organizations lead on lead.id = t.lead_organization_id
       where ${sql.join(conditions, sql` and `)}
    ), classified as (
      select base.*, case
          when is_container then null
          when completed_on is not null and completed_on <= ${filter.asOf}::date then
            case when deadline_as_of is null or completed_on <= deadline_as_of then 'completed_on_time' else 'completed_late' end
          when deadline_as_of is null then 'no_deadline'
          when deadline_as_of >= ${filter.asOf}::date then 'in_progress'
          else 'overdue' end as timeliness
        from base
    )
    select *, count(*) over () as total from classified
     where ${sql.join(outer, sql` and `)}
     order by ${sortColumns[filter.sort] ?? sortColumns.deadline}
     limit ${filter.pageSize} offset ${(filter.page - 1) * filter.pageSize}`;
  const result = await executor.execute(query);
  const raw = (result as unknown as { rows: Record<string, unknown>[] }).rows;
  const rows = raw.map((row) => ({
    id: row.id as number,
    title: row.title as string,
    directiveId: row.directive_id as number,
    directiveNumber: row.directive_number as string,
    group: row.group_name as string | null,
    subgroup: row.subgroup_name as string | null,
    leadCode: row.lead_code as string | null,
    leadName: row.lead_name as string | null,
    leadPath: row.lead_path as string | null,
    assigningPath: row.assigning_path as string,
    deadline: row.deadline_as_of as string | null,
    originalDeadline: row.original_deadline as string | null,
    isContinuous: row.is_continuous as boolean,
    isYearly: row.is_yearly as boolean,
    year: row.year as number | null,
    state: row.state as string,
    progress: Number(row.progress),
    timeliness: row.timeliness as Timeliness | null,
    completedOn: row.completed_on as string | null,
    isContainer: row.is_container as boolean,
    parentId: row.parent_id as number | null,
    version: row.version as number,
    assignedOn: row.assigned_on as string,
    lastUpdatedOn: row.last_updated_on as string | null,
    total: Number(row.total),
  }));
  if (rows.length === 0 && filter.page > 1) {
    const [{ count }] = (await executor.execute(sql`select count(*)::int as count from (${query}) q`) as unknown as { rows: { count: number }[] }).rows;
    return { rows, total: count };
  }
  return { rows, total: rows[0]?.total ?? 0 };
}

export async function findTask(executor: Executor, id: number): Promise<TaskRecord | null> {
  const rows = await executor.select().from(tasks).where(eq(tasks.id, id)).limit(1);
  return rows[0] ?? null;
}

/** Paths of the organizations a task touches (for the policies). */
export async function findTaskAccess(executor: Executor, id: number) {
  const result = await executor.execute(sql`
    select lead.path as lead_path, assigning.path as assigning_path,
           coalesce((select array_agg(o.path) from task_coordinators tc join organizations o on o.id = tc.organization_id where tc.task_id = t.id), '{}') as coordinating_paths
      from tasks t
      join organizations assigning on assigning.id = t.assigning_organization_id
      left join organizations lead on lead.id = t.lead_organization_id
     where t.id = ${id}`);
  const row = (result as unknown as { rows: { lead_path: string | null; assigning_path: string; coordinating_paths: string[] }[] }).rows[0];
  return row ? { leadPath: row.lead_path, assigningPath: row.assigning_path, coordinatingPaths: row.coordinating_paths } : null;
}

export async function insertTask(executor: Executor, values: typeof tasks.$inferInsert): Promise<TaskRecord> {
  const [row] = await executor.insert(tasks).values(values).returning();
  return row;
}

/** Inserts many tasks in batches; returns their ids in order. */
export async function insertTasks(executor: Executor, values: (typeof tasks.$inferInsert)[]): Promise<number[]> {
  const ids: number[] = [];
  for (let start = 0; start < values.length; start += 500) {
    const rows = await executor.insert(tasks).values(values.slice(start, start + 500)).returning({ id: tasks.id });
    ids.push(...rows.map((row) => row.id));
  }
  return ids;
}

/** Updates a task when its version matches, bumping the version; false when stale. */
export async function updateTaskVersioned(executor: Executor, id: number, version: number, values: Partial<typeof tasks.$inferInsert>): Promise<boolean> {
  const rows = await executor
    .update(tasks)
    .set({ ...values, version: sql`${tasks.version} + 1`, updatedAt: new Date() })
    .where(and(eq(tasks.id, id), eq(tasks.version, version)))
    .returning({ id: tasks.id });
  return rows.length === 1;
}

/** A parent's progress is the mean of its live sub-tasks'. */
export async function refreshParentProgress(executor: Executor, parentId: number): Promise<void> {
  await executor.execute(sql`
    update tasks set progress = coalesce((select round(avg(c.progress))::smallint from tasks c where c.parent_id = ${parentId} and c.cancelled_on is null), progress)
     where id = ${parentId}`);
}

export async function insertCoordinators(executor: Executor, rows: { taskId: number; organizationId: number }[]): Promise<void> {
  for (let start = 0; start < rows.length; start += 1000) {
    await executor.insert(taskCoordinators).values(rows.slice(start, start + 1000)).onConflictDoNothing();
  }
}

export async function replaceCoordinators(executor: Executor, taskId: number, organizationIds: number[]): Promise<void> {
  await executor.delete(taskCoordinators).where(eq(taskCoordinators.taskId, taskId));
  if (organizationIds.length) await insertCoordinators(executor, organizationIds.map((organizationId) => ({ taskId, organizationId })));
}

export async function listCoordinators(executor: Executor, taskId: number) {
  return executor
    .select({ code: organizations.code, name: organizations.name })
    .from(taskCoordinators)
    .innerJoin(organizations, eq(organizations.id, taskCoordinators.organizationId))
    .where(eq(taskCoordinators.taskId, taskId))
    .orderBy(asc(organizations.code));
}

export async function insertTaskEvent(executor: Executor, values: typeof taskEvents.$inferInsert): Promise<void> {
  await executor.insert(taskEvents).values(values);
}

export async function insertTaskEvents(executor: Executor, values: (typeof taskEvents.$inferInsert)[]): Promise<void> {
  for (let start = 0; start < values.length; start += 1000) await executor.insert(taskEvents).values(values.slice(start, start + 1000));
}

export async function listTaskEvents(executor: Executor, taskId: number) {
  return executor.select().from(taskEvents).where(eq(taskEvents.taskId, taskId)).orderBy(asc(taskEvents.id));
}

export async function insertProgressUpdate(executor: Executor, values: typeof taskProgressUpdates.$inferInsert) {
  const [row] = await executor.insert(taskProgressUpdates).values(values).returning();
  return row;
}

export async function listProgressUpdates(executor: Executor, taskId: number) {
  return executor.select().from(taskProgressUpdates).where(eq(taskProgressUpdates.taskId, taskId)).orderBy(desc(taskProgressUpdates.id));
}

export async function insertSubmission(executor: Executor, values: typeof taskSubmissions.$inferInsert) {
  const [row] = await executor.insert(taskSubmissions).values(values).returning();
  return row;
}

export async function findPendingSubmission(executor: Executor, taskId: number) {
  const rows = await executor
    .select()
    .from(taskSubmissions)
    .where(and(eq(taskSubmissions.taskId, taskId), eq(taskSubmissions.status, 'pending')))
    .limit(1);
  return rows[0] ?? null;
}

export async function decideSubmission(executor: Executor, id: number, values: { status: 'confirmed' | 'returned'; decidedOn: string; decidedBy: number; reason: string | null }) {
  await executor.update(taskSubmissions).set(values).where(eq(taskSubmissions.id, id));
}

export async function listSubmissions(executor: Executor, taskId: number) {
  return executor.select().from(taskSubmissions).where(eq(taskSubmissions.taskId, taskId)).orderBy(desc(taskSubmissions.id));
}

export async function insertExtension(executor: Executor, values: typeof taskExtensions.$inferInsert) {
  const [row] = await executor.insert(taskExtensions).values(values).returning();
  return row;
}

export async function findExtension(executor: Executor, taskId: number, id: number) {
  const rows = await executor.select().from(taskExtensions).where(and(eq(taskExtensions.taskId, taskId), eq(taskExtensions.id, id))).limit(1);
  return rows[0] ?? null;
}

export async function findPendingExtension(executor: Executor, taskId: number) {
  const rows = await executor
    .select()
    .from(taskExtensions)
    .where(and(eq(taskExtensions.taskId, taskId), eq(taskExtensions.status, 'pending')))
    .limit(1);
  return rows[0] ?? null;
}

export async function decideExtension(
  executor: Executor,
  id: number,
  values: { status: 'approved' | 'rejected'; decidedOn: string; decidedBy: number; decisionReason: string | null; previousDeadline: string | null },
) {
  await executor.update(taskExtensions).set(values).where(eq(taskExtensions.id, id));
}

export async function listExtensions(executor: Executor, taskId: number) {
  return executor.select().from(taskExtensions).where(eq(taskExtensions.taskId, taskId)).orderBy(desc(taskExtensions.id));
}

export async function listApprovedExtensionFacts(executor: Executor, taskId: number) {
  return executor
    .select({ approvedOn: taskExtensions.decidedOn, newDeadline: taskExtensions.requestedDeadline })
    .from(taskExtensions)
    .where(and(eq(taskExtensions.taskId, taskId), eq(taskExtensions.status, 'approved')))
    .orderBy(asc(taskExtensions.decidedOn), asc(taskExtensions.id));
}

export async function attachFiles(executor: Executor, rows: (typeof taskFiles.$inferInsert)[]): Promise<void> {
  if (rows.length) await executor.insert(taskFiles).values(rows);
}

export async function listTaskFiles(executor: Executor, taskId: number) {
  return executor
    .select({
      id: files.id,
      name: files.name,
      size: files.size,
      mimeType: files.mimeType,
      createdAt: files.createdAt,
      progressUpdateId: taskFiles.progressUpdateId,
      submissionId: taskFiles.submissionId,
    })
    .from(taskFiles)
    .innerJoin(files, eq(files.id, taskFiles.fileId))
    .where(eq(taskFiles.taskId, taskId))
    .orderBy(asc(taskFiles.id));
}

export async function listTaskIdsByFile(executor: Executor, fileId: number): Promise<number[]> {
  const rows = await executor.select({ taskId: taskFiles.taskId }).from(taskFiles).where(eq(taskFiles.fileId, fileId));
  return rows.map((row) => row.taskId);
}

export async function countImportedTasks(executor: Executor, directiveId: number): Promise<number> {
  const [{ count }] = await executor
    .select({ count: sql<number>`count(*)::int` })
    .from(tasks)
    .where(and(eq(tasks.directiveId, directiveId), eq(tasks.isImported, true)));
  return count;
}

export async function findTasksByIds(executor: Executor, ids: number[]) {
  if (ids.length === 0) return [];
  return executor.select().from(tasks).where(inArray(tasks.id, ids));
}

/** The code of the S&T project whose deadline this task carries, or null. */
export async function findProjectCodeOfTask(executor: Executor, taskId: number): Promise<string | null> {
  const result = await executor.execute(sql`select code from projects where task_id = ${taskId} limit 1`);
  return (result as unknown as { rows: { code: string }[] }).rows[0]?.code ?? null;
}
