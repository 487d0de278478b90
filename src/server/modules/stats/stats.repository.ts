import { sql, type SQL } from 'drizzle-orm';
import { deadlineInForceSql, referenceDateSql } from '../tasks/tasks.repository';
import type { IsoDate } from '../../../domain/dates';
import type { Executor } from '../../db/client';
import { startsWithPattern } from '../../db/like';

/** Which tasks `countTasksByLeadOrganization` counts, besides "counted on asOf". */
export interface TaskCountFilter {
  /** The date the timeliness is evaluated on (domain.md, "Task timeliness, as of a date"). */
  asOf: IsoDate;
  /** An in-progress task is due soon when its deadline is at most this many days after asOf. */
  dueSoonDays: number;
  /** Only tasks of these directives (the caller has already expanded the subtree); undefined = all. */
  directiveIds?: number[];
  /** Only tasks whose lead organization's path starts with this one ('/25/'); undefined = all. */
  organizationPath?: string;
  /** Only lead organizations of these kinds; undefined = all. */
  kinds?: readonly string[];
}

/** The timeliness counts of the tasks one organization leads itself. */
export interface LeadOrganizationTaskCounts {
  organizationId: number;
  code: string;
  name: string;
  kind: string;
  /** Every counted task: the sum of the five categories. */
  total: number;
  completedOnTime: number;
  completedLate: number;
  inProgress: number;
  overdue: number;
  noDeadline: number;
  /** In-progress tasks whose deadline is at most `dueSoonDays` after asOf (a subset of inProgress). */
  dueSoon: number;
}

function integerList(values: number[]): SQL {
  return sql.join(
    values.map((value) => sql`${value}::int`),
    sql`, `,
  );
}

/**
 * Counts the tasks counted on `filter.asOf` by timeliness, per lead organization (see
 * `countTasksByLeadOrganizationPlain` for the rule). Without a directive filter the counts come
 * from the summary `task_tallies` (migration 0005: per organization, the running sums of the
 * changes every task makes to them, maintained by triggers on every write and exact for any
 * date): one index probe per organization in scope for the latest row on or before asOf. The
 * due-soon tasks are read from the tasks whose original or extended deadline falls in the window.
 * With a directive filter the plain query runs.
 */
export async function countTasksByLeadOrganization(
  executor: Executor,
  filter: TaskCountFilter,
): Promise<LeadOrganizationTaskCounts[]> {
  if (filter.directiveIds) return countTasksByLeadOrganizationPlain(executor, filter);
  if (filter.kinds?.length === 0) return [];
  const asOf = sql`${filter.asOf}::date`;
  const windowEnd = sql`(${asOf} + ${filter.dueSoonDays}::int)`;
  const scope: SQL[] = [];
  if (filter.organizationPath !== undefined) scope.push(sql`o.path like ${startsWithPattern(filter.organizationPath)}`);
  if (filter.kinds) scope.push(sql`o.kind in (${sql.join(filter.kinds.map((kind) => sql`${kind}`), sql`, `)})`);
  const scopeSql = scope.length > 0 ? sql`where ${sql.join(scope, sql` and `)}` : sql``;
  const query = sql`
    with scope as (select o.id, o.code, o.name, o.kind from organizations o ${scopeSql}),
    -- Tasks without an extension straight from the index on the original deadline; the few with
    -- one are candidates when their original or an extended deadline falls in the window.
    due_soon as (
      select candidate.organization_id, count(*)::int as due_soon
        from (
          select t.lead_organization_id as organization_id
            from tasks t
           where t.original_deadline between ${asOf} and ${windowEnd}
             and not t.is_container and t.extension_count = 0
             and t.assigned_on <= ${asOf}
             and (t.cancelled_on is null or t.cancelled_on > ${asOf})
             and (t.completed_on is null or t.completed_on > ${asOf})
          union all
          select t.lead_organization_id
            from tasks t
           where t.id in (
                   select c.id from tasks c
                    where c.original_deadline between ${asOf} and ${windowEnd} and not c.is_container and c.extension_count > 0
                   union
                   select x.task_id from task_extensions x
                    where x.status = 'approved' and x.requested_deadline between ${asOf} and ${windowEnd})
             and not t.is_container and t.extension_count > 0
             and t.assigned_on <= ${asOf}
             and (t.cancelled_on is null or t.cancelled_on > ${asOf})
             and (t.completed_on is null or t.completed_on > ${asOf})
             and ${deadlineInForceSql(asOf)} between ${asOf} and ${windowEnd}
        ) candidate
       where candidate.organization_id in (select id from scope)
       group by candidate.organization_id
    )
    select scope.id as "organizationId", scope.code, scope.name, scope.kind,
           tally.total, tally.completed_on_time as "completedOnTime", tally.completed_late as "completedLate",
           tally.in_progress as "inProgress", tally.overdue, tally.no_deadline as "noDeadline",
           coalesce(due_soon.due_soon, 0) as "dueSoon"
      from scope
     cross join lateral (
       select s.total, s.completed_on_time, s.completed_late, s.in_progress, s.overdue, s.no_deadline
         from task_tallies s
        where s.organization_id = scope.id and s.day <= ${asOf}
        order by s.day desc
        limit 1
     ) tally
      left join due_soon on due_soon.organization_id = scope.id
     where tally.total > 0
     order by scope.code`;
  const result = await executor.execute(query);
  return (result as unknown as { rows: LeadOrganizationTaskCounts[] }).rows;
}

/**
 * Counts the tasks counted on `filter.asOf` (assigned on or before it, not cancelled on or before
 * it, not a container) by timeliness, per lead organization, in one SQL statement; only
 * organizations that lead at least one counted task are returned, ordered by code.
 *
 * The deadline that decides is the one in force on `completedOn` for a task completed by asOf,
 * otherwise the one in force on asOf: the requested deadline of the approved extension with the
 * latest decision date on or before that date (the highest id on a tie), else the original
 * deadline. The extensions are read only for tasks with `extension_count > 0` (a CASE evaluates
 * its sub-select only on that branch), through `task_extensions_task_idx`.
 */
export async function countTasksByLeadOrganizationPlain(
  executor: Executor,
  filter: TaskCountFilter,
): Promise<LeadOrganizationTaskCounts[]> {
  if (filter.directiveIds?.length === 0 || filter.kinds?.length === 0) return [];
  const asOf = sql`${filter.asOf}::date`;
  const conditions: SQL[] = [
    sql`t.assigned_on <= ${asOf}`,
    sql`(t.cancelled_on is null or t.cancelled_on > ${asOf})`,
    sql`not t.is_container`,
    sql`t.lead_organization_id is not null`,
  ];
  if (filter.directiveIds) conditions.push(sql`t.directive_id in (${integerList(filter.directiveIds)})`);
  if (filter.organizationPath !== undefined) {
    conditions.push(
      sql`t.lead_organization_id in (select scope.id from organizations scope where scope.path like ${startsWithPattern(filter.organizationPath)})`,
    );
  }
  if (filter.kinds) {
    conditions.push(
      sql`t.lead_organization_id in (select scope.id from organizations scope where scope.kind in (${sql.join(filter.kinds.map((kind) => sql`${kind}`), sql`, `)}))`,
    );
  }
  const query = sql`
    select o.id as "organizationId", o.code, o.name, o.kind,
           tallies.total::int as total,
           tallies.completed_on_time::int as "completedOnTime",
           tallies.completed_late::int as "completedLate",
           tallies.in_progress::int as "inProgress",
           tallies.overdue::int as overdue,
           tallies.no_deadline::int as "noDeadline",
           tallies.due_soon::int as "dueSoon"
      from (
        select organization_id,
               count(*) as total,
               count(*) filter (where is_completed and (deadline is null or completed_on <= deadline)) as completed_on_time,
               count(*) filter (where is_completed and completed_on > deadline) as completed_late,
               count(*) filter (where not is_completed and deadline >= ${asOf}) as in_progress,
               count(*) filter (where not is_completed and deadline < ${asOf}) as overdue,
               count(*) filter (where not is_completed and deadline is null) as no_deadline,
               count(*) filter (where not is_completed and deadline >= ${asOf}
                                  and deadline - ${asOf} <= ${filter.dueSoonDays}::int) as due_soon
          from (
            select t.lead_organization_id as organization_id,
                   t.completed_on,
                   coalesce(t.completed_on <= ${asOf}, false) as is_completed,
                   ${deadlineInForceSql(referenceDateSql(filter.asOf))} as deadline
              from tasks t
             where ${sql.join(conditions, sql` and `)}
            -- OFFSET 0 keeps this subquery from being flattened, so the deadline (and its
            -- sub-select) is computed once per task, not once per FILTER that reads it.
            offset 0
          ) evaluated
         group by organization_id
      ) tallies
      join organizations o on o.id = tallies.organization_id
     order by o.code`;
  const result = await executor.execute(query);
  return (result as unknown as { rows: LeadOrganizationTaskCounts[] }).rows;
}

const MAX_INT4 = 2_147_483_647;

/**
 * The ids of every directive whose number and symbol equals `numberOrId` ('57-NQ/TW'); when none
 * has it and `numberOrId` is a whole number, the directive with that id if it exists; else [].
 */
export async function findDirectiveIdsByNumber(executor: Executor, numberOrId: string): Promise<number[]> {
  const byNumber = await executor.execute(sql`select id from directives where number = ${numberOrId} order by id`);
  const ids = (byNumber as unknown as { rows: { id: number }[] }).rows.map((row) => row.id);
  if (ids.length > 0 || !/^\d{1,10}$/.test(numberOrId) || Number(numberOrId) > MAX_INT4) return ids;
  const byId = await executor.execute(sql`select id from directives where id = ${Number(numberOrId)}::int`);
  return (byId as unknown as { rows: { id: number }[] }).rows.map((row) => row.id);
}

/**
 * The statistics version: it changes, in the writing transaction, with every write that can change
 * a statistic (migration 0005), so a figure computed at one version is current while it stays.
 */
export async function readStatisticsVersion(executor: Executor): Promise<number> {
  const result = (await executor.execute(sql`select version from statistics_version where id = 1`)) as unknown as { rows: { version: number }[] };
  return Number(result.rows[0]?.version ?? 0);
}
