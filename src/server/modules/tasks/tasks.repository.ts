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
  /** Keyset paging: the page starts after this position (and `page` is ignored). */
  after?: TaskCursor;
  /** Count at most this many matches (default {@link TASK_TOTAL_CAP}); null: count them all. */
  totalCap?: number | null;
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

/** Matches counted exactly; when more match, the total is reported as "more than 10,000" (docs/API.md). */
export const TASK_TOTAL_CAP = 10_000;

/** A position in a sorted task list: the sort key of the last row shown (as text) and its id. */
export interface TaskCursor {
  key: string | null;
  id: number;
}

/** One way of ordering the list: a column of the matched rows, its direction, its cursor type. */
interface SortSpec {
  /** A column of the matched rows (null: by id only). */
  column: string | null;
  direction: 'asc' | 'desc';
  /** The SQL type the cursor's key is read as. */
  keyType: 'date' | 'text' | 'timestamptz';
  nullable: boolean;
  /** Text of the sort key of a `page` row, as kept in a cursor (exact: microseconds for timestamps). */
  keyText: SQL;
}

const sortSpecs: Record<string, SortSpec> = {
  deadline: { column: 'deadline_as_of', direction: 'asc', keyType: 'date', nullable: true, keyText: sql`to_char(page.deadline_as_of, 'YYYY-MM-DD')` },
  '-deadline': { column: 'deadline_as_of', direction: 'desc', keyType: 'date', nullable: true, keyText: sql`to_char(page.deadline_as_of, 'YYYY-MM-DD')` },
  title: { column: 'title', direction: 'asc', keyType: 'text', nullable: false, keyText: sql`page.title` },
  '-title': { column: 'title', direction: 'desc', keyType: 'text', nullable: false, keyText: sql`page.title` },
  lead: { column: 'lead_name', direction: 'asc', keyType: 'text', nullable: true, keyText: sql`page.lead_name` },
  '-lead': { column: 'lead_name', direction: 'desc', keyType: 'text', nullable: true, keyText: sql`page.lead_name` },
  updated: { column: 'updated_at', direction: 'asc', keyType: 'timestamptz', nullable: false, keyText: sql`to_char(page.updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')` },
  '-updated': { column: 'updated_at', direction: 'desc', keyType: 'timestamptz', nullable: false, keyText: sql`to_char(page.updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')` },
  id: { column: null, direction: 'asc', keyType: 'text', nullable: false, keyText: sql`null::text` },
};

/** The kind of key a cursor of this sort carries ('date', 'text', 'timestamptz'; null: none, by id only). */
export function taskSortKeyType(sort: string): { type: SortSpec['keyType'] | null; nullable: boolean } {
  const spec = sortSpecs[sort] ?? sortSpecs.deadline;
  return { type: spec.column ? spec.keyType : null, nullable: spec.nullable };
}

function orderBySql(spec: SortSpec): SQL {
  const direction = sql.raw(spec.direction);
  if (!spec.column) return sql`id ${direction}`;
  return sql`${sql.raw(spec.column)} ${direction}${spec.nullable ? sql` nulls last` : sql``}, id ${direction}`;
}

/** Rows strictly after `cursor` in the order of `spec` (nulls last in both directions). */
function afterCursorSql(spec: SortSpec, cursor: TaskCursor): SQL {
  const op = sql.raw(spec.direction === 'asc' ? '>' : '<');
  if (!spec.column) return sql`id ${op} ${cursor.id}`;
  const column = sql.raw(spec.column);
  if (cursor.key === null) return sql`(${column} is null and id ${op} ${cursor.id})`;
  const key = sql`${cursor.key}::${sql.raw(spec.keyType)}`;
  return spec.nullable ? sql`((${column}, id) ${op} (${key}, ${cursor.id}) or ${column} is null)` : sql`(${column}, id) ${op} (${key}, ${cursor.id})`;
}

function scopeCondition(scopes: string[] | null): SQL | null {
  if (scopes === null) return null;
  if (scopes.length === 0) return sql`false`;
  const patterns = sql`array[${sql.join(scopes.map((path) => sql`${startsWithPattern(path)}`), sql`, `)}]::text[]`;
  // Organization ids computed once, no join: the organizations of a row are read for the page only.
  const inScope = sql`array(select o.id from organizations o where o.path like any(${patterns}))`;
  return sql`(t.lead_organization_id = any(${inScope}) or t.assigning_organization_id = any(${inScope}) or exists (
      select 1 from task_coordinators tc join organizations co on co.id = tc.organization_id
       where tc.task_id = t.id and co.path like any(${patterns})))`;
}

/** A root of the organization tree ('/VN/'): its subtree holds (nearly) every task. */
function isRootPath(path: string): boolean {
  return path.split('/').filter(Boolean).length <= 1;
}

/** Filter conditions on the task `t` (everything but timeliness, due-soon and the deadline range). */
function taskConditions(filter: TaskListFilter): SQL[] {
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
  if (filter.leadPath) {
    const subtree = sql`select o.id from organizations o where o.path like ${startsWithPattern(filter.leadPath)}`;
    // Below the root, an array computed once: the organization's tasks are read by tasks_lead_idx.
    // At the root (thousands of organizations), a hashed semi-join rather than a scan of the array per task.
    conditions.push(isRootPath(filter.leadPath) ? sql`t.lead_organization_id in (${subtree})` : sql`t.lead_organization_id = any(array(${subtree}))`);
  }
  if (filter.states?.length) conditions.push(sql`t.state in (${sql.join(filter.states.map((state) => sql`${state}`), sql`, `)})`);
  // The stored, accent-free lower-case title: no unaccent() per task. Within an organization below
  // the root, reading its tasks (tasks_lead_idx) and testing each title beats the trigram index,
  // whose scan costs more than the whole list for a common word: strpos() keeps the planner off it.
  if (filter.search) {
    conditions.push(
      filter.leadPath && !isRootPath(filter.leadPath)
        ? sql`strpos(t.search_title, lower(immutable_unaccent(${filter.search}))) > 0`
        : sql`t.search_title like lower(immutable_unaccent(${containsPattern(filter.search)}))`,
    );
  }
  // Cheap necessary conditions of the timeliness filter (the exact test follows on the computed deadline).
  const timeliness = filter.dueSoon ? ['in_progress'] : filter.timeliness;
  if (timeliness?.length) {
    const completed = timeliness.filter((value) => value === 'completed_on_time' || value === 'completed_late');
    if (completed.length === 0) conditions.push(sql`(t.completed_on is null or t.completed_on > ${filter.asOf}::date)`);
    else if (completed.length === timeliness.length) conditions.push(sql`t.completed_on <= ${filter.asOf}::date`);
  }
  const scope = scopeCondition(filter.readableScopes);
  if (scope) conditions.push(scope);
  return conditions;
}

/**
 * The matching tasks (id, title, updated_at, deadline_as_of, timeliness, and lead_name when sorted by
 * lead), with `extra` conditions. The deadline in force and the timeliness are computed once per task
 * in lateral subqueries (`offset 0` keeps them from being inlined into every reference).
 */
function matchingTasksSql(filter: TaskListFilter, spec: SortSpec, extra: SQL[] = []): SQL {
  const conditions = [...taskConditions(filter), ...extra];
  if (filter.timeliness?.length) conditions.push(sql`timeliness.value in (${sql.join(filter.timeliness.map((value) => sql`${value}`), sql`, `)})`);
  if (filter.dueSoon) conditions.push(sql`timeliness.value = 'in_progress' and deadline.value - ${filter.asOf}::date <= ${filter.dueSoonDays}`);
  if (filter.deadlineFrom) conditions.push(sql`deadline.value >= ${filter.deadlineFrom}::date`);
  if (filter.deadlineTo) conditions.push(sql`deadline.value <= ${filter.deadlineTo}::date`);
  const byLead = spec.column === 'lead_name';
  return sql`
      select t.id, t.title, t.updated_at, deadline.value as deadline_as_of, timeliness.value as timeliness${byLead ? sql`, lead.name as lead_name` : sql``}
        from tasks t
       cross join lateral (select ${deadlineInForceSql(referenceDateSql(filter.asOf))} as value offset 0) deadline
       cross join lateral (select case
            when t.is_container then null
            when t.completed_on is not null and t.completed_on <= ${filter.asOf}::date then
              case when deadline.value is null or t.completed_on <= deadline.value then 'completed_on_time' else 'completed_late' end
            when deadline.value is null then 'no_deadline'
            when deadline.value >= ${filter.asOf}::date then 'in_progress'
            else 'overdue' end as value offset 0) timeliness${byLead ? sql`
        left join organizations lead on lead.id = t.lead_organization_id` : sql``}
       where ${sql.join(conditions, sql` and `)}`;
}

/**
 * Conditions on `original_deadline` implied by the filters for a task without extension (whose
 * deadline in force is `original_deadline`), for the deadline index; `undated`: false when such a
 * task without deadline cannot match.
 */
function originalDeadlineBounds(filter: TaskListFilter): { dated: SQL[]; undated: boolean } {
  const dated: SQL[] = [];
  let undated = true;
  const asOf = sql`${filter.asOf}::date`;
  if (filter.deadlineFrom) dated.push(sql`t.original_deadline >= ${filter.deadlineFrom}::date`);
  if (filter.deadlineTo) dated.push(sql`t.original_deadline <= ${filter.deadlineTo}::date`);
  if (filter.dueSoon) dated.push(sql`t.original_deadline >= ${asOf} and t.original_deadline <= ${asOf} + ${filter.dueSoonDays}::int`);
  if (filter.deadlineFrom || filter.deadlineTo || filter.dueSoon) undated = false;
  const timeliness = filter.timeliness;
  if (timeliness?.length) {
    // Without deadline a task is 'no_deadline' or, once completed, 'completed_on_time'.
    if (!timeliness.includes('no_deadline') && !timeliness.includes('completed_on_time')) undated = false;
    // Overdue, or completed late (after a deadline, by asOf): the deadline is before asOf.
    if (timeliness.every((value) => value === 'overdue' || value === 'completed_late')) dated.push(sql`t.original_deadline < ${asOf}`);
    if (timeliness.every((value) => value === 'in_progress')) dated.push(sql`t.original_deadline >= ${asOf}`);
  }
  return { dated, undated };
}

/**
 * The first `count` matches after `after` in deadline order, for a long list (more than the cap): the
 * tasks without extension, whose deadline in force is `original_deadline`, read in the order of
 * `tasks_list_deadline_idx` (stopping after `count`; those without deadline last, by id), merged
 * with the few extended tasks (`tasks_extended_idx`), sorted on their computed deadline.
 */
function deadlineOrderedMatchesSql(filter: TaskListFilter, spec: SortSpec, after: TaskCursor | undefined, count: number): SQL {
  const direction = sql.raw(spec.direction);
  const op = sql.raw(spec.direction === 'asc' ? '>' : '<');
  const bounds = originalDeadlineBounds(filter);
  const dated = after === undefined ? sql`true` : after.key === null ? sql`false` : sql`(t.original_deadline, t.id) ${op} (${after.key}::date, ${after.id})`;
  const undated = !bounds.undated ? sql`false` : after === undefined || after.key !== null ? sql`true` : sql`t.id ${op} ${after.id}`;
  const extended = after === undefined ? sql`true` : afterCursorSql(spec, after);
  // Both branches without extension follow the index order (original_deadline, id): nulls are last.
  const indexOrder = sql`order by t.original_deadline ${direction}, t.id ${direction} limit ${count}`;
  return sql`(${matchingTasksSql(filter, spec, [sql`t.extension_count = 0`, sql`t.original_deadline is not null`, ...bounds.dated, dated])}
       ${indexOrder})
    union all
    (${matchingTasksSql(filter, spec, [sql`t.extension_count = 0`, sql`t.original_deadline is null`, undated])}
       ${indexOrder})
    union all
    (select * from (${matchingTasksSql(filter, spec, [sql`t.extension_count <> 0`])}) extended where ${extended}
       order by ${orderBySql(spec)} limit ${count})`;
}

/** The columns of a page's rows, read for the page only: `page` (matched rows) joined to the task. */
const pageColumnsSql = sql`
  page.id, page.deadline_as_of, page.timeliness, t.title, t.directive_id, d.number as directive_number,
  t.group_name, t.subgroup_name, lead.code as lead_code, lead.name as lead_name, lead.path as lead_path,
  assigning.path as assigning_path, t.original_deadline, t.is_continuous, t.is_yearly, t.year, t.state, t.progress,
  t.completed_on, t.is_container, t.parent_id, t.version, t.assigned_on, t.last_updated_on, t.updated_at`;
const pageJoinsSql = sql`
  join tasks t on t.id = page.id
  join directives d on d.id = t.directive_id
  join organizations assigning on assigning.id = t.assigning_organization_id
  left join organizations lead on lead.id = t.lead_organization_id`;

function toListRow(row: Record<string, unknown>, total: number): TaskListRow {
  return {
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
    total,
  };
}

export interface TaskListPage {
  rows: TaskListRow[];
  /** The number of matches; with `totalIsEstimate`, a lower bound (the cap: more match). */
  total: number;
  /** More than `total` (the cap) match: the exact count was not computed. */
  totalIsEstimate: boolean;
  /** The position of the last row when more rows follow (keyset paging), else null. */
  next: TaskCursor | null;
}

/**
 * One page of tasks with their timeliness as of `asOf`, the total and the cursor of the next page.
 * The total is exact up to `totalCap` matches (default {@link TASK_TOTAL_CAP}); beyond, it is the cap
 * and `totalIsEstimate` is true. With `after` the page starts after that position (keyset), else at
 * `(page - 1) * pageSize` (OFFSET).
 *
 * One statement reads the matches (at most cap + 1 of them), counts them and, when they are all
 * there, sorts the page among them. When more match, a second statement reads the page: in deadline
 * order by index (stopping after the page), in the other orders by sorting every match.
 */
/**
 * How many tasks the list would count for `filter` whose deadline in force lies in each range
 * (`from` null = no lower bound), in one statement: the counts behind several lists at once.
 */
export async function countTasksByDeadlineRanges(
  executor: Executor,
  filter: TaskListFilter,
  ranges: readonly { from: string | null; to: string }[],
): Promise<number[]> {
  if (ranges.length === 0) return [];
  const counts = ranges.map(
    (range, index) =>
      sql`count(*) filter (where m.deadline_as_of <= ${range.to}::date${range.from ? sql` and m.deadline_as_of >= ${range.from}::date` : sql``})::int as ${sql.raw(`c${index}`)}`,
  );
  const result = (await executor.execute(sql`select ${sql.join(counts, sql`, `)} from (${matchingTasksSql(filter, sortSpecs.deadline)}) m`)) as unknown as {
    rows: Record<string, number>[];
  };
  return ranges.map((_, index) => Number(result.rows[0]?.[`c${index}`] ?? 0));
}

export async function listTasks(executor: Executor, filter: TaskListFilter): Promise<TaskListPage> {
  const spec = sortSpecs[filter.sort] ?? sortSpecs.deadline;
  const order = orderBySql(spec);
  const offset = filter.after ? 0 : (filter.page - 1) * filter.pageSize;
  const limit = filter.pageSize + 1;
  const cap = filter.totalCap === undefined ? TASK_TOTAL_CAP : filter.totalCap;
  /** The page (one row more, to know whether another follows) among `source`, with its details. */
  const pageSql = (source: SQL, keyset: SQL) => sql`
    select ${pageColumnsSql}, ${spec.keyText} as sort_key
      from (select * from ${source} where ${keyset} order by ${order} limit ${limit} offset ${offset}) page
      ${pageJoinsSql}
     order by ${order}`;
  const read = async (query: SQL) => ((await executor.execute(query)) as unknown as { rows: Record<string, unknown>[] }).rows;
  const keyset = filter.after ? afterCursorSql(spec, filter.after) : sql`true`;

  // The guard is evaluated once, before the page is read: no page when the matches are not all there.
  const first = await read(sql`
    with capped as materialized (${matchingTasksSql(filter, spec)}${cap === null ? sql`` : sql` limit ${cap + 1}`}),
         counted as (select count(*)::int as matched_count from capped)
    select counted.matched_count, p.* from counted
      left join (${pageSql(sql`capped`, cap === null ? keyset : sql`(select matched_count from counted) <= ${cap} and ${keyset}`)}) p on true
     order by ${order}`);
  let total = Number(first[0]?.matched_count ?? 0);
  let raw = first.filter((row) => row.id !== null && row.id !== undefined);
  let totalIsEstimate = false;
  if (cap !== null && total > cap) {
    total = cap;
    totalIsEstimate = true;
    const byDeadline = spec.column === 'deadline_as_of';
    raw = await read(
      byDeadline
        ? pageSql(sql`(${deadlineOrderedMatchesSql(filter, spec, filter.after, offset + limit)}) matched`, sql`true`)
        : pageSql(sql`(${matchingTasksSql(filter, spec)}) matched`, keyset),
    );
  }
  const hasMore = raw.length > filter.pageSize;
  const rows = raw.slice(0, filter.pageSize).map((row) => toListRow(row, total));
  const last = raw[filter.pageSize - 1];
  const next = hasMore && last ? { key: (last.sort_key as string | null) ?? null, id: last.id as number } : null;
  return { rows, total, totalIsEstimate, next };
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

/** The columns {@link insertTasks} writes; the others take their defaults. */
export type TaskInsertRow = Pick<
  typeof tasks.$inferInsert,
  | 'directiveId'
  | 'parentId'
  | 'isContainer'
  | 'leadOrganizationId'
  | 'assigningOrganizationId'
  | 'title'
  | 'groupName'
  | 'subgroupName'
  | 'coordinationNotes'
  | 'expectedOutput'
  | 'originalDeadline'
  | 'deadline'
  | 'isContinuous'
  | 'isYearly'
  | 'year'
  | 'assignedOn'
  | 'state'
  | 'progress'
  | 'completedOn'
  | 'lastUpdatedOn'
  | 'sheetRow'
  | 'isImported'
  | 'createdBy'
>;

/** A Postgres array literal of texts, every item quoted: unnest would flatten an array of arrays. */
function textArrayLiteral(items: readonly string[]): string {
  return `{${items.map((item) => `"${item.replace(/(["\\])/g, '\\$1')}"`).join(',')}}`;
}

/** Rows per statement: one statement for any realistic table, so statement-level triggers run once. */
const TASK_INSERT_CHUNK = 50_000;

/**
 * Inserts many tasks with one `insert … select … from unnest(…)` statement per 50,000 rows (no
 * parameter limit, statement-level triggers fire once); returns their ids in the order of `values`.
 * The ids are taken from the sequence first, so that their order does not depend on RETURNING.
 */
export async function insertTasks(executor: Executor, values: TaskInsertRow[]): Promise<number[]> {
  if (values.length === 0) return [];
  const allocated = await executor.execute(
    sql`select nextval('tasks_id_seq'::regclass)::int as id from generate_series(1, ${values.length}::int)`,
  );
  const ids = (allocated as unknown as { rows: { id: number }[] }).rows.map((row) => row.id).sort((a, b) => a - b);
  for (let start = 0; start < values.length; start += TASK_INSERT_CHUNK) {
    const part = values.slice(start, start + TASK_INSERT_CHUNK);
    const column = <T>(pick: (row: TaskInsertRow) => T) => sql.param(part.map(pick));
    await executor.execute(sql`
      insert into tasks (id, directive_id, parent_id, is_container, lead_organization_id, assigning_organization_id, title,
                         group_name, subgroup_name, coordination_notes, expected_output, original_deadline, deadline,
                         is_continuous, is_yearly, year, assigned_on, state, progress, completed_on, last_updated_on,
                         sheet_row, is_imported, created_by)
      select id, directive_id, parent_id, is_container, lead_organization_id, assigning_organization_id, title,
             group_name, subgroup_name, coordination_notes::text[], expected_output, original_deadline, deadline,
             is_continuous, is_yearly, year, assigned_on, state, progress, completed_on, last_updated_on,
             sheet_row, is_imported, created_by
        from unnest(
          ${sql.param(ids.slice(start, start + part.length))}::int[],
          ${column((row) => row.directiveId)}::int[],
          ${column((row) => row.parentId ?? null)}::int[],
          ${column((row) => row.isContainer ?? false)}::bool[],
          ${column((row) => row.leadOrganizationId ?? null)}::int[],
          ${column((row) => row.assigningOrganizationId)}::int[],
          ${column((row) => row.title)}::text[],
          ${column((row) => row.groupName ?? null)}::text[],
          ${column((row) => row.subgroupName ?? null)}::text[],
          ${column((row) => textArrayLiteral(row.coordinationNotes ?? []))}::text[],
          ${column((row) => row.expectedOutput ?? null)}::text[],
          ${column((row) => row.originalDeadline ?? null)}::date[],
          ${column((row) => row.deadline ?? null)}::date[],
          ${column((row) => row.isContinuous ?? false)}::bool[],
          ${column((row) => row.isYearly ?? false)}::bool[],
          ${column((row) => row.year ?? null)}::int[],
          ${column((row) => row.assignedOn)}::date[],
          ${column((row) => row.state ?? 'assigned')}::text[],
          ${column((row) => row.progress ?? 0)}::smallint[],
          ${column((row) => row.completedOn ?? null)}::date[],
          ${column((row) => row.lastUpdatedOn ?? null)}::date[],
          ${column((row) => row.sheetRow ?? null)}::int[],
          ${column((row) => row.isImported ?? false)}::bool[],
          ${column((row) => row.createdBy ?? null)}::int[]
        ) as u(id, directive_id, parent_id, is_container, lead_organization_id, assigning_organization_id, title,
               group_name, subgroup_name, coordination_notes, expected_output, original_deadline, deadline,
               is_continuous, is_yearly, year, assigned_on, state, progress, completed_on, last_updated_on,
               sheet_row, is_imported, created_by)`);
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

/** Adds coordinating organizations to tasks (one statement per 50,000 pairs); existing pairs are kept. */
export async function insertCoordinators(executor: Executor, rows: { taskId: number; organizationId: number }[]): Promise<void> {
  for (let start = 0; start < rows.length; start += TASK_INSERT_CHUNK) {
    const part = rows.slice(start, start + TASK_INSERT_CHUNK);
    await executor.execute(sql`
      insert into task_coordinators (task_id, organization_id)
      select task_id, organization_id from unnest(${sql.param(part.map((row) => row.taskId))}::int[], ${sql.param(part.map((row) => row.organizationId))}::int[]) as u(task_id, organization_id)
      on conflict do nothing`);
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

/**
 * Records one and the same event on many tasks (e.g. 'import') with one statement per 50,000
 * tasks: the timeline entry of each task, written in bulk.
 */
export async function insertSameTaskEvent(
  executor: Executor,
  taskIds: number[],
  event: { on: string; actorUserId: number | null; actorName: string; action: string; data: unknown },
): Promise<void> {
  for (let start = 0; start < taskIds.length; start += TASK_INSERT_CHUNK) {
    await executor.execute(sql`
      insert into task_events (task_id, "on", actor_user_id, actor_name, action, data)
      select task_id, ${event.on}::date, ${event.actorUserId}::int, ${event.actorName}, ${event.action}, ${JSON.stringify(event.data)}::jsonb
        from unnest(${sql.param(taskIds.slice(start, start + TASK_INSERT_CHUNK))}::int[]) as u(task_id)`);
  }
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
