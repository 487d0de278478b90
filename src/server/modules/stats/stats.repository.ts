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

/** `value` as a LIKE pattern matching exactly the strings that start with it. */
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
export async function countTasksByLeadOrganization(
  executor: Executor,
  filter: TaskCountFilter,
): Promise<LeadOrganizationTaskCounts[]> {
  if (filter.directiveIds?.length === 0) return [];
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
