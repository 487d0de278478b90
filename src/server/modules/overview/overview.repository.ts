import { sql, type SQL } from 'drizzle-orm';
import type { IsoDate } from '../../../domain/dates';
import type { Executor } from '../../db/client';
import { startsWithPattern } from '../../db/like';
import { deadlineInForceSql, referenceDateSql } from '../tasks/tasks.repository';

/** The task events that are updates (domain.md: a progress update, a submission, or a state change). */
export const updateActions = ['progress', 'submit', 'confirm', 'return', 'pause', 'resume', 'cancel'] as const;
/** The events that decide whether a task is paused or awaiting confirmation on a date. */
const workStateActions = ['pause', 'resume', 'submit', 'return', 'confirm'] as const;

const textList = (values: readonly string[]): SQL => sql.join(values.map((value) => sql`${value}`), sql`, `);

/** A counted task with what cold execution looks at, as known on asOf. */
export interface TaskActivityRow {
  id: number;
  title: string;
  directiveId: number;
  directiveNumber: string;
  leadCode: string;
  leadName: string;
  leadPath: string;
  assigningPath: string;
  coordinatingPaths: string[];
  assignedOn: string;
  completedOn: string | null;
  cancelledOn: string | null;
  state: string;
  progress: number;
  /** The deadline in force on asOf (on the completion date for a task completed by then). */
  deadline: string | null;
  /** The last update on or before asOf, or null. */
  lastUpdateOn: string | null;
  /** The last pause/resume/submit/return/confirm event on or before asOf, or null. */
  lastWorkStateAction: string | null;
}

/**
 * Task by task, the facts of src/domain/cold-execution (the plain reading the SQL of
 * `summarizeColdExecution` is checked against; too many rows for a request on a province).
 * The tasks counted on `asOf` (assigned by then, not cancelled by then, not containers) whose lead
 * organization lies in the subtree at `organizationPath`, with their last update and workflow
 * situation on asOf read from the task's timeline.
 *
 * Four simple statements joined here rather than one: PGlite never collects planner statistics
 * (no autovacuum), and without them the planner nests the aggregated timeline inside the task
 * loop (seconds on a province); each statement below is one scan whatever the statistics.
 */
export async function listTaskActivity(executor: Executor, filter: { asOf: IsoDate; organizationPath: string }): Promise<TaskActivityRow[]> {
  const asOf = sql`${filter.asOf}::date`;
  const scope = sql`(select scope.id from organizations scope where scope.path like ${startsWithPattern(filter.organizationPath)})`;
  const taskResult = await executor.execute(sql`
    select t.id, t.title, t.directive_id as "directiveId", t.lead_organization_id as "leadId",
           t.assigning_organization_id as "assigningId", t.assigned_on as "assignedOn", t.completed_on as "completedOn",
           t.cancelled_on as "cancelledOn", t.state, t.progress,
           ${deadlineInForceSql(referenceDateSql(filter.asOf))} as deadline
      from tasks t
     where not t.is_container
       and t.assigned_on <= ${asOf}
       and (t.cancelled_on is null or t.cancelled_on > ${asOf})
       and t.lead_organization_id in ${scope}
    offset 0`);
  const tasks = (taskResult as unknown as {
    rows: { id: number; title: string; directiveId: number; leadId: number; assigningId: number; assignedOn: string; completedOn: string | null; cancelledOn: string | null; state: string; progress: number; deadline: string | null }[];
  }).rows;
  if (tasks.length === 0) return [];
  const timelineResult = await executor.execute(sql`
    select e.task_id as "taskId",
           max(e."on") filter (where e.action in (${textList(updateActions)})) as "lastUpdateOn",
           (array_agg(e.action order by e."on" desc, e.id desc) filter (where e.action in (${textList(workStateActions)})))[1] as "lastWorkStateAction"
      from task_events e
      join tasks t on t.id = e.task_id
     where e."on" <= ${asOf} and e.action in (${textList([...new Set([...updateActions, ...workStateActions])])})
       and t.lead_organization_id in ${scope}
     group by e.task_id`);
  const timeline = new Map(
    (timelineResult as unknown as { rows: { taskId: number; lastUpdateOn: string | null; lastWorkStateAction: string | null }[] }).rows.map((row) => [row.taskId, row]),
  );
  const coordinatorResult = await executor.execute(sql`
    select tc.task_id as "taskId", array_agg(co.path) as paths
      from task_coordinators tc
      join organizations co on co.id = tc.organization_id
      join tasks t on t.id = tc.task_id
     where t.lead_organization_id in ${scope}
     group by tc.task_id`);
  const coordinating = new Map((coordinatorResult as unknown as { rows: { taskId: number; paths: string[] }[] }).rows.map((row) => [row.taskId, row.paths]));
  const organizationResult = await executor.execute(sql`select id, code, name, path from organizations`);
  const organizations = new Map((organizationResult as unknown as { rows: { id: number; code: string; name: string; path: string }[] }).rows.map((row) => [row.id, row]));
  const directiveResult = await executor.execute(sql`select id, number from directives`);
  const directives = new Map((directiveResult as unknown as { rows: { id: number; number: string }[] }).rows.map((row) => [row.id, row.number]));
  return tasks.map((task) => {
    const lead = organizations.get(task.leadId)!;
    const events = timeline.get(task.id);
    return {
      id: task.id,
      title: task.title,
      directiveId: task.directiveId,
      directiveNumber: directives.get(task.directiveId) ?? '',
      leadCode: lead.code,
      leadName: lead.name,
      leadPath: lead.path,
      assigningPath: organizations.get(task.assigningId)?.path ?? '',
      coordinatingPaths: coordinating.get(task.id) ?? [],
      assignedOn: task.assignedOn,
      completedOn: task.completedOn,
      cancelledOn: task.cancelledOn,
      state: task.state,
      progress: Number(task.progress),
      deadline: task.deadline,
      lastUpdateOn: events?.lastUpdateOn ?? null,
      lastWorkStateAction: events?.lastWorkStateAction ?? null,
    };
  });
}

/**
 * The SQL form of the visibility rule (`canReadTask` in src/domain/policies, as in the task list):
 * a task is visible to a user with a role over its lead, its assigning or a coordinating
 * organization. `scopes` are the paths of the user's grants; null = everything.
 */
function visibleTaskCondition(scopes: string[] | null): SQL {
  if (scopes === null) return sql`true`;
  if (scopes.length === 0) return sql`false`;
  const patterns = sql`array[${sql.join(scopes.map((path) => sql`${startsWithPattern(path)}`), sql`, `)}]::text[]`;
  const inScope = sql`(select o.id from organizations o where o.path like any(${patterns}))`;
  return sql`(t.lead_organization_id in ${inScope} or t.assigning_organization_id in ${inScope}
    or exists (select 1 from task_coordinators tc where tc.task_id = t.id and tc.organization_id in ${inScope}))`;
}

/** A cold task, with the date of its last activity. */
export interface ColdTaskRow {
  id: number;
  title: string;
  directiveId: number;
  leadOrganizationId: number;
  assignedOn: string;
  completedOn: string | null;
  cancelledOn: string | null;
  state: string;
  progress: number;
  deadline: string | null;
  lastUpdateOn: string | null;
  leadCode: string;
  leadName: string;
  directiveNumber: string;
}

/** What `summarizeColdExecution` returns: the cold tasks (one page) and the activity of each directive. */
export interface ColdExecutionSummary {
  coldCount: number;
  /** Cold tasks, the longest without update first. */
  coldTasks: ColdTaskRow[];
  /** Cold tasks per lead organization (id → count). */
  coldByOrganization: { organizationId: number; count: number }[];
  /** Per directive (its own tasks only): counted tasks, and those without update since assigned. */
  directives: { directiveId: number; counted: number; untouched: number }[];
}

/**
 * Cold execution in one statement (domain.md, "Reminders and early warning"; the rules of
 * src/domain/cold-execution, computed in SQL for speed — the integration test checks they agree).
 * Over the tasks counted on asOf whose lead is in the subtree at `organizationPath` and that the
 * user may see: the cold tasks (not completed by asOf, neither paused nor awaiting confirmation
 * on asOf, last update — or assignment — at least `coldDays` days before asOf), and per directive
 * the counted tasks and those with no update since they were assigned (or completion by asOf).
 * The last update and the workflow situation on asOf come from the task's timeline
 * (`task_events_task_idx`), so a past asOf sees only what had happened by then. Small results
 * only: PGlite pays for every row it returns.
 */
export async function summarizeColdExecution(
  executor: Executor,
  filter: { asOf: IsoDate; organizationPath: string; readableScopes: string[] | null; coldDays: number; limit: number; offset: number },
): Promise<ColdExecutionSummary> {
  const asOf = sql`${filter.asOf}::date`;
  const result = await executor.execute(sql`
    with counted as (
      select t.id, t.title, t.directive_id, t.lead_organization_id, t.assigned_on, t.completed_on, t.cancelled_on, t.state, t.progress,
             coalesce(t.completed_on <= ${asOf}, false) as is_completed,
             (select max(e."on") from task_events e
               where e.task_id = t.id and e."on" <= ${asOf} and e.action in (${textList(updateActions)})) as last_update_on
        from tasks t
       where not t.is_container
         and t.assigned_on <= ${asOf}
         and (t.cancelled_on is null or t.cancelled_on > ${asOf})
         and t.lead_organization_id in (select scope.id from organizations scope where scope.path like ${startsWithPattern(filter.organizationPath)})
         and ${visibleTaskCondition(filter.readableScopes)}
      offset 0
    ), cold as (
      select c.*, greatest(coalesce(c.last_update_on, c.assigned_on), c.assigned_on) as last_activity_on
        from counted c
       where not c.is_completed
         and greatest(coalesce(c.last_update_on, c.assigned_on), c.assigned_on) <= ${asOf} - ${filter.coldDays}::int
         and coalesce((select e.action from task_events e
                        where e.task_id = c.id and e."on" <= ${asOf} and e.action in (${textList(workStateActions)})
                        order by e."on" desc, e.id desc limit 1), '') not in ('pause', 'submit')
      offset 0
    )
    select json_build_object(
      'coldCount', (select count(*) from cold),
      'coldTasks', coalesce((select json_agg(json_build_object(
          'id', p.id, 'title', p.title, 'directiveId', p.directive_id, 'leadOrganizationId', p.lead_organization_id,
          'assignedOn', p.assigned_on, 'completedOn', p.completed_on, 'cancelledOn', p.cancelled_on, 'state', p.state,
          'progress', p.progress, 'deadline', p.deadline, 'lastUpdateOn', p.last_update_on,
          'leadCode', p.lead_code, 'leadName', p.lead_name, 'directiveNumber', p.directive_number)
          order by p.last_activity_on, p.id)
        from (select page.*, ${deadlineInForceSql(referenceDateSql(filter.asOf))} as deadline,
                     lead.code as lead_code, lead.name as lead_name, d.number as directive_number
                from (select * from cold order by last_activity_on, id limit ${filter.limit} offset ${filter.offset}) page
                join tasks t on t.id = page.id
                join organizations lead on lead.id = page.lead_organization_id
                join directives d on d.id = page.directive_id) p), '[]'::json),
      'coldByOrganization', coalesce((select json_agg(json_build_object('organizationId', lead_organization_id, 'count', n))
        from (select lead_organization_id, count(*) as n from cold group by lead_organization_id) g), '[]'::json),
      'directives', coalesce((select json_agg(json_build_object('directiveId', directive_id, 'counted', n, 'untouched', u))
        from (select directive_id, count(*) as n,
                     count(*) filter (where not is_completed and (last_update_on is null or last_update_on < assigned_on)) as u
                from counted group by directive_id) d), '[]'::json)
    ) as summary`);
  const summary = (result as unknown as { rows: { summary: ColdExecutionSummary | string } [] }).rows[0].summary;
  return typeof summary === 'string' ? (JSON.parse(summary) as ColdExecutionSummary) : summary;
}

/** Every directive's id, parent, number and title (the tree is small). */
export async function listDirectiveTree(executor: Executor): Promise<{ id: number; parentId: number | null; number: string; title: string }[]> {
  const result = await executor.execute(sql`select id, parent_id as "parentId", number, title from directives`);
  return (result as unknown as { rows: { id: number; parentId: number | null; number: string; title: string }[] }).rows;
}

/** The organizations whose codes are given (any order). */
export async function listOrganizationsByCodes(executor: Executor, codes: string[]): Promise<{ id: number; code: string; name: string; kind: string; path: string }[]> {
  if (codes.length === 0) return [];
  const result = await executor.execute(sql`select id, code, name, kind, path from organizations where code in (${textList(codes)})`);
  return (result as unknown as { rows: { id: number; code: string; name: string; kind: string; path: string }[] }).rows;
}

/** The active organizations of some kinds in a subtree, by code. */
export async function listOrganizationsInSubtree(executor: Executor, filter: { path: string; kinds: readonly string[] }): Promise<{ id: number; code: string; name: string; kind: string }[]> {
  if (filter.kinds.length === 0) return [];
  const result = await executor.execute(sql`
    select id, code, name, kind from organizations
     where is_active and path like ${startsWithPattern(filter.path)} and kind in (${textList(filter.kinds)})
     order by code`);
  return (result as unknown as { rows: { id: number; code: string; name: string; kind: string }[] }).rows;
}

/** The code of the root organization (the province of a provincial installation). */
export async function findRootOrganizationCode(executor: Executor): Promise<string | null> {
  const result = await executor.execute(sql`select code from organizations where parent_id is null order by depth, code limit 1`);
  return (result as unknown as { rows: { code: string }[] }).rows[0]?.code ?? null;
}

/**
 * A fingerprint of everything indicator figures are computed from. Every write of a value also
 * appends a revision, so the newest revision id (and the newest value id) change with any value
 * written — both read from their primary-key index; targets, indicators and reopenings are small
 * tables (rows may be deleted or edited, so their count and latest change are part of it).
 */
export async function readIndicatorFingerprint(executor: Executor): Promise<string> {
  const result = await executor.execute(sql`
    select concat_ws('|',
      (select coalesce(max(id), 0)::text from indicator_values),
      (select coalesce(max(id), 0)::text from indicator_value_revisions),
      (select count(*)::text || ':' || coalesce(max(updated_at)::text, '') from indicator_targets),
      (select count(*)::text || ':' || coalesce(max(updated_at)::text, '') from indicators),
      (select count(*)::text || ':' || coalesce(max(id), 0)::text from period_reopenings)) as fingerprint`);
  return (result as unknown as { rows: { fingerprint: string }[] }).rows[0].fingerprint;
}
