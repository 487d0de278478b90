/**
 * SQL of the S&T projects module: stages (configuration), projects, their timeline, documents,
 * payments, councils and applications of results. The project's task is read and written with the
 * tasks repository.
 */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import {
  files,
  organizations,
  projectApplications,
  projectCouncilMembers,
  projectCouncils,
  projectCouncilScores,
  projectDocuments,
  projectEvents,
  projectPayments,
  projects,
  projectStages,
  settings,
  taskExtensions,
} from '../../db/schema/index';
import type { CouncilKind, RequiredDocument, StageDefinition } from '../../../domain/project-lifecycle';

export type ProjectRecord = typeof projects.$inferSelect;
export type ProjectEventRecord = typeof projectEvents.$inferSelect;

// --- configuration --------------------------------------------------------------------------

export async function listProjectStages(executor: Executor): Promise<StageDefinition[]> {
  const rows = await executor.select().from(projectStages).orderBy(asc(projectStages.sortOrder), asc(projectStages.code));
  return rows.map((row) => ({
    code: row.code,
    name: row.name,
    sortOrder: row.sortOrder,
    requiredDocuments: (row.requiredDocuments as RequiredDocument[] | null) ?? [],
    requiresCouncil: (row.requiresCouncil as CouncilKind | null) ?? null,
    isOptional: row.isOptional,
  }));
}

/** Inserts stages; codes already present are left as they are (seeding is idempotent). */
export async function insertProjectStages(executor: Executor, stages: readonly StageDefinition[]): Promise<void> {
  if (stages.length === 0) return;
  await executor
    .insert(projectStages)
    .values(stages.map((stage) => ({ code: stage.code, name: stage.name, sortOrder: stage.sortOrder, requiredDocuments: stage.requiredDocuments, requiresCouncil: stage.requiresCouncil, isOptional: stage.isOptional })))
    .onConflictDoNothing({ target: projectStages.code });
}

export async function deleteProjectStages(executor: Executor): Promise<void> {
  await executor.delete(projectStages);
}

export async function findSettingValue(executor: Executor, key: string): Promise<unknown> {
  const rows = await executor.select({ value: settings.value }).from(settings).where(eq(settings.key, key)).limit(1);
  return rows[0]?.value ?? null;
}

/** Writes a setting; with `onlyIfMissing`, an existing value is kept. */
export async function upsertSettingValue(executor: Executor, key: string, value: unknown, onlyIfMissing = false): Promise<void> {
  const insert = executor.insert(settings).values({ key, value });
  if (onlyIfMissing) await insert.onConflictDoNothing({ target: settings.key });
  else await insert.onConflictDoUpdate({ target: settings.key, set: { value: sql`excluded.value`, updatedAt: new Date() } });
}

// --- projects -------------------------------------------------------------------------------

export async function insertProject(executor: Executor, values: typeof projects.$inferInsert): Promise<ProjectRecord> {
  const [row] = await executor.insert(projects).values(values).returning();
  return row;
}

export async function findProject(executor: Executor, id: number): Promise<ProjectRecord | null> {
  const rows = await executor.select().from(projects).where(eq(projects.id, id)).limit(1);
  return rows[0] ?? null;
}

export async function findProjectByCode(executor: Executor, code: string): Promise<ProjectRecord | null> {
  const rows = await executor.select().from(projects).where(sql`upper(${projects.code}) = upper(${code})`).limit(1);
  return rows[0] ?? null;
}

export async function listProjectCodes(executor: Executor): Promise<string[]> {
  const rows = await executor.select({ code: projects.code }).from(projects);
  return rows.map((row) => row.code);
}

/** Updates a project when its version matches, bumping the version; false when stale. */
export async function updateProjectVersioned(executor: Executor, id: number, version: number, values: Partial<typeof projects.$inferInsert>): Promise<boolean> {
  const rows = await executor
    .update(projects)
    .set({ ...values, version: sql`${projects.version} + 1`, updatedAt: new Date() })
    .where(and(eq(projects.id, id), eq(projects.version, version)))
    .returning({ id: projects.id });
  return rows.length === 1;
}

/** A project with its host, programme, managing organization and the facts of its task. */
export interface ProjectRow {
  id: number;
  code: string;
  title: string;
  type: string;
  level: string;
  field: string;
  directiveId: number | null;
  directiveNumber: string | null;
  directiveTitle: string | null;
  hostOrganizationId: number;
  hostCode: string;
  hostName: string;
  hostKind: string;
  hostPath: string;
  managingCode: string | null;
  managingPath: string;
  principalInvestigator: string;
  members: unknown;
  objectives: string | null;
  expectedProducts: string | null;
  startMonth: string | null;
  endMonth: string | null;
  budgetTotal: number;
  budgetState: unknown;
  budgetOther: number;
  stage: string;
  taskId: number | null;
  acceptanceRating: string | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  taskAssignedOn: string | null;
  taskOriginalDeadline: string | null;
  taskDeadline: string | null;
  taskCompletedOn: string | null;
  taskCancelledOn: string | null;
  taskExtensionCount: number;
  taskProgress: number | null;
  taskVersion: number | null;
}

/**
 * Projects with what the views need, all or some by id. The managing organization is the issuer
 * of the programme, or else the province the host belongs to.
 */
export async function listProjectRows(executor: Executor, ids?: number[]): Promise<ProjectRow[]> {
  if (ids && ids.length === 0) return [];
  const where = ids ? sql`where p.id in (${sql.join(ids.map((id) => sql`${id}`), sql`, `)})` : sql``;
  const result = await executor.execute(sql`
    select p.id, p.code, p.title, p.type, p.level, p.field, p.directive_id, d.number as directive_number, d.title as directive_title,
           p.host_organization_id, host.code as host_code, host.name as host_name, host.kind as host_kind, host.path as host_path,
           coalesce(issuer.code, province.code) as managing_code, coalesce(issuer.path, province.path, '/') as managing_path,
           p.principal_investigator, p.members, p.objectives, p.expected_products, p.start_month, p.end_month,
           p.budget_total, p.budget_state, p.budget_other, p.stage, p.task_id, p.acceptance_rating, p.version, p.created_at, p.updated_at,
           t.assigned_on as task_assigned_on, t.original_deadline as task_original_deadline, t.deadline as task_deadline,
           t.completed_on as task_completed_on, t.cancelled_on as task_cancelled_on, coalesce(t.extension_count, 0) as task_extension_count,
           t.progress as task_progress, t.version as task_version
      from projects p
      join organizations host on host.id = p.host_organization_id
      left join directives d on d.id = p.directive_id
      left join organizations issuer on issuer.id = d.issuer_id
      left join lateral (
        select o.code, o.path from organizations o
         where o.kind = 'province' and starts_with(host.path, o.path)
         order by length(o.path) desc limit 1) province on true
      left join tasks t on t.id = p.task_id
      ${where}
     order by p.code`);
  return (result as unknown as { rows: Record<string, unknown>[] }).rows.map((row) => ({
    id: row.id as number,
    code: row.code as string,
    title: row.title as string,
    type: row.type as string,
    level: row.level as string,
    field: row.field as string,
    directiveId: row.directive_id as number | null,
    directiveNumber: row.directive_number as string | null,
    directiveTitle: row.directive_title as string | null,
    hostOrganizationId: row.host_organization_id as number,
    hostCode: row.host_code as string,
    hostName: row.host_name as string,
    hostKind: row.host_kind as string,
    hostPath: row.host_path as string,
    managingCode: row.managing_code as string | null,
    managingPath: row.managing_path as string,
    principalInvestigator: row.principal_investigator as string,
    members: row.members,
    objectives: row.objectives as string | null,
    expectedProducts: row.expected_products as string | null,
    startMonth: row.start_month as string | null,
    endMonth: row.end_month as string | null,
    budgetTotal: Number(row.budget_total),
    budgetState: row.budget_state,
    budgetOther: Number(row.budget_other),
    stage: row.stage as string,
    taskId: row.task_id as number | null,
    acceptanceRating: row.acceptance_rating as string | null,
    version: row.version as number,
    createdAt: new Date(row.created_at as string | Date),
    updatedAt: new Date(row.updated_at as string | Date),
    taskAssignedOn: row.task_assigned_on as string | null,
    taskOriginalDeadline: row.task_original_deadline as string | null,
    taskDeadline: row.task_deadline as string | null,
    taskCompletedOn: row.task_completed_on as string | null,
    taskCancelledOn: row.task_cancelled_on as string | null,
    taskExtensionCount: Number(row.task_extension_count),
    taskProgress: row.task_progress === null || row.task_progress === undefined ? null : Number(row.task_progress),
    taskVersion: row.task_version as number | null,
  }));
}

/** The approved deadline extensions of some tasks (the dated facts of the timeliness engine). */
export async function listApprovedExtensionsOfTasks(executor: Executor, taskIds: number[]) {
  if (taskIds.length === 0) return [];
  return executor
    .select({ taskId: taskExtensions.taskId, approvedOn: taskExtensions.decidedOn, newDeadline: taskExtensions.requestedDeadline, id: taskExtensions.id })
    .from(taskExtensions)
    .where(and(inArray(taskExtensions.taskId, taskIds), eq(taskExtensions.status, 'approved')))
    .orderBy(asc(taskExtensions.decidedOn), asc(taskExtensions.id));
}

// --- timeline -------------------------------------------------------------------------------

export async function insertProjectEvent(executor: Executor, values: typeof projectEvents.$inferInsert): Promise<ProjectEventRecord> {
  const [row] = await executor.insert(projectEvents).values(values).returning();
  return row;
}

export async function insertProjectEvents(executor: Executor, values: (typeof projectEvents.$inferInsert)[]): Promise<void> {
  for (let start = 0; start < values.length; start += 500) await executor.insert(projectEvents).values(values.slice(start, start + 500));
}

export async function listProjectEvents(executor: Executor, projectId: number): Promise<ProjectEventRecord[]> {
  return executor.select().from(projectEvents).where(eq(projectEvents.projectId, projectId)).orderBy(asc(projectEvents.on), asc(projectEvents.id));
}

/** Events of some kinds, of every project (or of some), in the order they were recorded. */
export async function listEventsByAction(executor: Executor, actions: string[], projectIds?: number[]) {
  if (projectIds && projectIds.length === 0) return [];
  const conditions = [inArray(projectEvents.action, actions)];
  if (projectIds) conditions.push(inArray(projectEvents.projectId, projectIds));
  return executor
    .select({ id: projectEvents.id, projectId: projectEvents.projectId, action: projectEvents.action, stage: projectEvents.stage, on: projectEvents.on, data: projectEvents.data })
    .from(projectEvents)
    .where(and(...conditions))
    .orderBy(asc(projectEvents.id));
}

export async function findProjectEvent(executor: Executor, projectId: number, id: number): Promise<ProjectEventRecord | null> {
  const rows = await executor.select().from(projectEvents).where(and(eq(projectEvents.projectId, projectId), eq(projectEvents.id, id))).limit(1);
  return rows[0] ?? null;
}

// --- documents ------------------------------------------------------------------------------

export async function insertProjectDocument(executor: Executor, values: typeof projectDocuments.$inferInsert) {
  const [row] = await executor.insert(projectDocuments).values(values).returning();
  return row;
}

export async function listProjectDocuments(executor: Executor, projectId: number) {
  return executor
    .select({
      id: projectDocuments.id,
      kind: projectDocuments.kind,
      number: projectDocuments.number,
      issuedOn: projectDocuments.issuedOn,
      title: projectDocuments.title,
      fileId: projectDocuments.fileId,
      fileName: files.name,
      fileSize: files.size,
      createdAt: projectDocuments.createdAt,
    })
    .from(projectDocuments)
    .leftJoin(files, eq(files.id, projectDocuments.fileId))
    .where(eq(projectDocuments.projectId, projectId))
    .orderBy(asc(projectDocuments.issuedOn), asc(projectDocuments.id));
}

export async function listProjectDocumentKinds(executor: Executor, projectId: number): Promise<string[]> {
  const rows = await executor.selectDistinct({ kind: projectDocuments.kind }).from(projectDocuments).where(eq(projectDocuments.projectId, projectId));
  return rows.map((row) => row.kind);
}

export async function listProjectDocumentFileIds(executor: Executor, projectId: number): Promise<number[]> {
  const rows = await executor.select({ fileId: projectDocuments.fileId }).from(projectDocuments).where(eq(projectDocuments.projectId, projectId));
  return rows.map((row) => row.fileId).filter((id): id is number => id !== null);
}

// --- payments -------------------------------------------------------------------------------

export async function insertProjectPayment(executor: Executor, values: typeof projectPayments.$inferInsert) {
  const [row] = await executor.insert(projectPayments).values(values).returning();
  return row;
}

export async function listPayments(executor: Executor, projectIds?: number[]) {
  if (projectIds && projectIds.length === 0) return [];
  return executor
    .select()
    .from(projectPayments)
    .where(projectIds ? inArray(projectPayments.projectId, projectIds) : undefined)
    .orderBy(asc(projectPayments.paidOn), asc(projectPayments.id));
}

// --- councils -------------------------------------------------------------------------------

export async function insertCouncil(
  executor: Executor,
  council: typeof projectCouncils.$inferInsert,
  members: { name: string; role: string; organizationId: number | null; scores: Record<string, number> }[],
): Promise<number> {
  const [row] = await executor.insert(projectCouncils).values(council).returning({ id: projectCouncils.id });
  if (members.length > 0) {
    const inserted = await executor
      .insert(projectCouncilMembers)
      .values(members.map((member) => ({ councilId: row.id, name: member.name, role: member.role, organizationId: member.organizationId })))
      .returning({ id: projectCouncilMembers.id });
    const scores = members.flatMap((member, index) => Object.entries(member.scores).map(([criterion, score]) => ({ councilId: row.id, memberId: inserted[index].id, criterion, score })));
    if (scores.length > 0) await executor.insert(projectCouncilScores).values(scores);
  }
  return row.id;
}

/** The councils of some projects (or all): kind, date and result. */
export async function listCouncilFacts(executor: Executor, projectIds?: number[]) {
  if (projectIds && projectIds.length === 0) return [];
  return executor
    .select({ id: projectCouncils.id, projectId: projectCouncils.projectId, kind: projectCouncils.kind, heldOn: projectCouncils.heldOn, result: projectCouncils.result, meanScore: projectCouncils.meanScore })
    .from(projectCouncils)
    .where(projectIds ? inArray(projectCouncils.projectId, projectIds) : undefined)
    .orderBy(asc(projectCouncils.heldOn), asc(projectCouncils.id));
}

/** A project's councils with their members (and organizations) and scores. */
export async function listProjectCouncils(executor: Executor, projectId: number) {
  const councils = await executor.select().from(projectCouncils).where(eq(projectCouncils.projectId, projectId)).orderBy(asc(projectCouncils.heldOn), asc(projectCouncils.id));
  if (councils.length === 0) return [];
  const ids = councils.map((council) => council.id);
  const members = await executor
    .select({ id: projectCouncilMembers.id, councilId: projectCouncilMembers.councilId, name: projectCouncilMembers.name, role: projectCouncilMembers.role, organizationCode: organizations.code, organizationName: organizations.name })
    .from(projectCouncilMembers)
    .leftJoin(organizations, eq(organizations.id, projectCouncilMembers.organizationId))
    .where(inArray(projectCouncilMembers.councilId, ids))
    .orderBy(asc(projectCouncilMembers.id));
  const scores = await executor.select().from(projectCouncilScores).where(inArray(projectCouncilScores.councilId, ids)).orderBy(asc(projectCouncilScores.id));
  return councils.map((council) => ({
    ...council,
    members: members
      .filter((member) => member.councilId === council.id)
      .map((member) => ({
        ...member,
        scores: Object.fromEntries(scores.filter((score) => score.memberId === member.id).map((score) => [score.criterion, score.score])) as Record<string, number>,
      })),
  }));
}

// --- applications of results ---------------------------------------------------------------

export async function insertApplication(executor: Executor, values: typeof projectApplications.$inferInsert) {
  const [row] = await executor.insert(projectApplications).values(values).returning();
  return row;
}

export async function findApplication(executor: Executor, projectId: number, id: number) {
  const rows = await executor.select().from(projectApplications).where(and(eq(projectApplications.projectId, projectId), eq(projectApplications.id, id))).limit(1);
  return rows[0] ?? null;
}

export async function updateApplicationStatus(executor: Executor, id: number, status: string): Promise<void> {
  await executor.update(projectApplications).set({ status }).where(eq(projectApplications.id, id));
}

/** Applications of results, of one project or of all, with the applying organization. */
export async function listApplications(executor: Executor, projectId?: number) {
  return executor
    .select({
      id: projectApplications.id,
      projectId: projectApplications.projectId,
      appliedOn: projectApplications.appliedOn,
      organizationCode: organizations.code,
      organizationName: organizations.name,
      description: projectApplications.description,
      followUpUntil: projectApplications.followUpUntil,
      status: projectApplications.status,
      createdAt: projectApplications.createdAt,
    })
    .from(projectApplications)
    .leftJoin(organizations, eq(organizations.id, projectApplications.organizationId))
    .where(projectId === undefined ? undefined : eq(projectApplications.projectId, projectId))
    .orderBy(asc(projectApplications.appliedOn), asc(projectApplications.id));
}
