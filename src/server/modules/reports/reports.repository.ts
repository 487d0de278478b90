import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { startsWithPattern } from '../../db/like';
import { reportDrafts } from '../../db/schema/index';
import { deadlineInForceSql, referenceDateSql } from '../tasks/tasks.repository';
import type { ReportTimeliness } from '../../../files/word-report';

export type ReportDraftRecord = typeof reportDrafts.$inferSelect;

/** Which tasks a report lists: the tasks counted on `asOf` in the scope, as the statistics count them. */
export interface ReportTaskFilter {
  asOf: string;
  /** Only tasks of these directives (the subtree already expanded); undefined = all. */
  directiveIds?: number[];
  /** Only tasks led by this organization or one below it (a path '/25/SKHCN/'); undefined = all. */
  organizationPath?: string;
  /** Visibility: the paths of the reader's grants; null = everything. */
  readableScopes: string[] | null;
}

/** A counted task with its timeliness on asOf and its latest progress update reported by then. */
export interface ReportTaskRow {
  id: number;
  directiveId: number;
  directiveNumber: string;
  group: string | null;
  subgroup: string | null;
  parentId: number | null;
  parentIsContainer: boolean;
  title: string;
  leadCode: string | null;
  leadName: string | null;
  leadKind: string | null;
  /** Coordinating organizations' names, in code order, with their kinds at the same positions. */
  coordinating: string[];
  coordinatingKinds: string[];
  coordinationNotes: string[];
  expectedOutput: string | null;
  deadline: string | null;
  isContinuous: boolean;
  year: number | null;
  completedOn: string | null;
  timeliness: ReportTimeliness;
  updateReportedOn: string | null;
  updatePercent: number | null;
  updateNarrative: string | null;
  updateDifficulties: string | null;
  updateProposals: string | null;
}

function integerList(values: number[]): SQL {
  return sql.join(
    values.map((value) => sql`${value}::int`),
    sql`, `,
  );
}

/** The tasks a reader may see: a grant over the lead, the assigning or a coordinating organization. */
function readableCondition(scopes: string[] | null): SQL | null {
  if (scopes === null) return null;
  if (scopes.length === 0) return sql`false`;
  const patterns = sql`array[${sql.join(
    scopes.map((path) => sql`${startsWithPattern(path)}`),
    sql`, `,
  )}]::text[]`;
  return sql`(lead.path like any(${patterns}) or assigning.path like any(${patterns}) or exists (
      select 1 from task_coordinators tc join organizations co on co.id = tc.organization_id
       where tc.task_id = t.id and co.path like any(${patterns})))`;
}

/**
 * The tasks counted on `filter.asOf` in the scope — assigned on or before it, not cancelled on or
 * before it, not a container, with a lead (the conditions of `countTasksByLeadOrganization`) — in
 * the order of the official table: directive, the sheet row of the task (or of its parent), id.
 * Each comes with the deadline that decides its timeliness, its timeliness, and its latest
 * progress update reported on or before asOf.
 */
export async function listReportTasks(executor: Executor, filter: ReportTaskFilter): Promise<ReportTaskRow[]> {
  if (filter.directiveIds?.length === 0) return [];
  const asOf = sql`${filter.asOf}::date`;
  const conditions: SQL[] = [
    sql`t.assigned_on <= ${asOf}`,
    sql`(t.cancelled_on is null or t.cancelled_on > ${asOf})`,
    sql`not t.is_container`,
    sql`t.lead_organization_id is not null`,
  ];
  if (filter.directiveIds) conditions.push(sql`t.directive_id in (${integerList(filter.directiveIds)})`);
  if (filter.organizationPath !== undefined) conditions.push(sql`lead.path like ${startsWithPattern(filter.organizationPath)}`);
  const readable = readableCondition(filter.readableScopes);
  if (readable) conditions.push(readable);
  const query = sql`
    with base as (
      select t.id, t.directive_id, d.number as directive_number, t.group_name, t.subgroup_name, t.parent_id,
             coalesce(parent.is_container, false) as parent_is_container, t.title,
             lead.code as lead_code, lead.name as lead_name, lead.kind as lead_kind,
             t.coordination_notes, t.expected_output, t.is_continuous, t.year, t.completed_on,
             coalesce(t.sheet_row, parent.sheet_row) as sheet_row, parent.id as sort_parent,
             ${deadlineInForceSql(referenceDateSql(filter.asOf))} as deadline_in_force
        from tasks t
        join directives d on d.id = t.directive_id
        join organizations assigning on assigning.id = t.assigning_organization_id
        left join organizations lead on lead.id = t.lead_organization_id
        left join tasks parent on parent.id = t.parent_id
       where ${sql.join(conditions, sql` and `)}
    )
    select base.*,
           case
             when completed_on is not null and completed_on <= ${asOf} then
               case when deadline_in_force is null or completed_on <= deadline_in_force then 'completed_on_time' else 'completed_late' end
             when deadline_in_force is null then 'no_deadline'
             when deadline_in_force >= ${asOf} then 'in_progress'
             else 'overdue' end as timeliness,
           coalesce((select array_agg(co.name order by co.code) from task_coordinators tc join organizations co on co.id = tc.organization_id
                      where tc.task_id = base.id), '{}') as coordinating,
           coalesce((select array_agg(co.kind order by co.code) from task_coordinators tc join organizations co on co.id = tc.organization_id
                      where tc.task_id = base.id), '{}') as coordinating_kinds,
           lu.reported_on as update_reported_on, lu.percent as update_percent, lu.narrative as update_narrative,
           lu.difficulties as update_difficulties, lu.proposals as update_proposals
      from base
      left join lateral (
        select u.reported_on, u.percent, u.narrative, u.difficulties, u.proposals
          from task_progress_updates u
         where u.task_id = base.id and u.reported_on <= ${asOf}
         order by u.reported_on desc, u.id desc
         limit 1
      ) lu on true
     order by base.directive_id, base.sheet_row nulls last, coalesce(base.sort_parent, base.id), base.id`;
  const result = await executor.execute(query);
  const rows = (result as unknown as { rows: Record<string, unknown>[] }).rows;
  return rows.map((row) => ({
    id: row.id as number,
    directiveId: row.directive_id as number,
    directiveNumber: row.directive_number as string,
    group: row.group_name as string | null,
    subgroup: row.subgroup_name as string | null,
    parentId: row.parent_id as number | null,
    parentIsContainer: Boolean(row.parent_is_container),
    title: row.title as string,
    leadCode: row.lead_code as string | null,
    leadName: row.lead_name as string | null,
    leadKind: row.lead_kind as string | null,
    coordinating: (row.coordinating as string[] | null) ?? [],
    coordinatingKinds: (row.coordinating_kinds as string[] | null) ?? [],
    coordinationNotes: (row.coordination_notes as string[] | null) ?? [],
    expectedOutput: row.expected_output as string | null,
    deadline: row.deadline_in_force as string | null,
    isContinuous: Boolean(row.is_continuous),
    year: row.year as number | null,
    completedOn: row.completed_on as string | null,
    timeliness: row.timeliness as ReportTimeliness,
    updateReportedOn: row.update_reported_on as string | null,
    updatePercent: row.update_percent === null || row.update_percent === undefined ? null : Number(row.update_percent),
    updateNarrative: row.update_narrative as string | null,
    updateDifficulties: row.update_difficulties as string | null,
    updateProposals: row.update_proposals as string | null,
  }));
}

/** A directive with its issuer, for the wording of a report. */
export interface ReportDirectiveRow {
  id: number;
  number: string;
  kind: string;
  title: string;
  issuedOn: string;
  issuerName: string;
  issuerShortName: string | null;
  issuerPath: string;
}

export async function listReportDirectives(executor: Executor, ids: number[]): Promise<ReportDirectiveRow[]> {
  if (ids.length === 0) return [];
  const result = await executor.execute(sql`
    select d.id, d.number, d.kind, d.title, d.issued_on as "issuedOn", o.name as "issuerName", o.short_name as "issuerShortName", o.path as "issuerPath"
      from directives d join organizations o on o.id = d.issuer_id
     where d.id in (${integerList(ids)})
     order by d.issued_on, d.id`);
  return (result as unknown as { rows: ReportDirectiveRow[] }).rows;
}

export async function insertReportDraft(executor: Executor, values: typeof reportDrafts.$inferInsert): Promise<ReportDraftRecord> {
  const [row] = await executor.insert(reportDrafts).values(values).returning();
  return row;
}

export async function findReportDraft(executor: Executor, id: number): Promise<ReportDraftRecord | null> {
  const rows = await executor.select().from(reportDrafts).where(eq(reportDrafts.id, id)).limit(1);
  return rows[0] ?? null;
}

/** Every draft, newest first (the caller filters by what the reader may see). */
export async function listReportDrafts(executor: Executor): Promise<ReportDraftRecord[]> {
  return executor.select().from(reportDrafts).orderBy(desc(reportDrafts.updatedAt), desc(reportDrafts.id));
}

/** Updates a draft when its version matches, bumping the version; false when stale. */
export async function updateReportDraftVersioned(
  executor: Executor,
  id: number,
  version: number,
  values: Partial<Pick<typeof reportDrafts.$inferInsert, 'title' | 'number' | 'sections' | 'figures' | 'asOf' | 'period' | 'scope'>>,
): Promise<ReportDraftRecord | null> {
  const rows = await executor
    .update(reportDrafts)
    .set({ ...values, version: sql`${reportDrafts.version} + 1`, updatedAt: new Date() })
    .where(and(eq(reportDrafts.id, id), eq(reportDrafts.version, version)))
    .returning();
  return rows[0] ?? null;
}

export async function deleteReportDraft(executor: Executor, id: number): Promise<void> {
  await executor.delete(reportDrafts).where(eq(reportDrafts.id, id));
}

/** How many active organizations there are of each kind (to word "all communes" as a group). */
export async function countActiveOrganizationsByKind(executor: Executor): Promise<Map<string, number>> {
  const result = await executor.execute(sql`select kind, count(*)::int as count from organizations where is_active group by kind`);
  return new Map((result as unknown as { rows: { kind: string; count: number }[] }).rows.map((row) => [row.kind, Number(row.count)]));
}
