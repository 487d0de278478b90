/**
 * S&T projects (nhiệm vụ KH&CN): the life cycle from proposal to the application of results, on
 * the organizations, directives, tasks and timeliness engine of the rest of the application.
 *
 * Each project that has signed its contract has a task that carries its deadline: lead = the host
 * organization, directive = the programme it serves (a "Chương trình KH&CN" of the province,
 * created on demand), original deadline = the contract's end date, approved schedule changes =
 * approved extensions, acceptance = completion on the acceptance council's date, a stop =
 * cancellation. So projects count in task statistics, rankings, reminders and cold-execution
 * warnings like any task. The service keeps that task in step with every change of the project.
 */
import { createOrganizationMatcher, type MatchableOrganization } from '../../../domain/organization-matching';
import {
  ACCEPTANCE_STAGE,
  APPLICATION_FOLLOW_UP_YEARS,
  APPLICATION_STATUSES,
  CHANGE_KIND_LABELS,
  CONTRACT_STAGE,
  COUNCIL_KIND_LABELS,
  COUNCIL_RESULT_LABELS,
  DEFAULT_COUNCIL_RULES,
  DEFAULT_STAGES,
  DOCUMENT_KIND_LABELS,
  PROJECT_FIELDS,
  PROJECT_LEVELS,
  STOPPED_STAGE,
  addYears,
  assessRisk,
  canManageProject,
  canReadProject,
  canReportOnProject,
  checkMoveDate,
  checkPayment,
  checkStageTransition,
  evaluateCouncil,
  isAtOrAfter,
  latestCouncil,
  mergeBudgetYears,
  monthEnd,
  orderStages,
  stageName,
  stageOn,
  stateBudgetTotal,
  summarizeBudget,
  sumAmounts,
  validateBudgetPlan,
  validateCouncilRule,
  validateStageConfiguration,
  type ApplicationStatus,
  type BudgetPlan,
  type ChangeKind,
  type CouncilKind,
  type CouncilResult,
  type CouncilRole,
  type CouncilRule,
  type CouncilRules,
  type PaymentFact,
  type PaymentSource,
  type ProjectAccess,
  type ProjectField,
  type ProjectLevel,
  type ProjectType,
  type RiskReason,
  type StageDefinition,
} from '../../../domain/project-lifecycle';
import { readProjectTable, normalizeProjectCode, type PlannedProject, type ProjectTableError } from '../../../domain/project-table';
import type { Actor } from '../../../domain/policies';
import { isSystemAdmin } from '../../../domain/policies';
import { compareDates, daysBetween, type IsoDate } from '../../../domain/dates';
import { deadlineInForce, evaluateTask, ratesFromCounts, type Timeliness, type TimelinessCounts } from '../../../domain/timeliness';
import { readFirstWorksheetGrid, UnreadableWorkbookError } from '../../../files/excel-grid';
import type { Clock } from '../../clock';
import type { Database, Executor, Tx } from '../../db/client';
import { AppError, forbidden, invalid, messages, notFound } from '../../errors';
import { insertAuditEvent } from '../audit/audit.repository';
import { findDirectivesByNumber, listDirectives } from '../directives/directives.repository';
import type { DirectivesService } from '../directives/directives.service';
import { findFileOwners } from '../files/files.repository';
import { findOrganizationByCode, findOrganizationsByIds, listOrganizations, type OrganizationRow } from '../organizations/organizations.repository';
import {
  attachFiles,
  findTask,
  insertExtension,
  insertProgressUpdate,
  insertTask,
  insertTaskEvent,
  listApprovedExtensionFacts,
  updateTaskVersioned,
  type TaskRecord,
} from '../tasks/tasks.repository';
import {
  deleteProjectStages,
  findApplication,
  findProject,
  findProjectByCode,
  findProjectEvent,
  findSettingValue,
  insertApplication,
  insertCouncil,
  insertProject,
  insertProjectDocument,
  insertProjectEvent,
  insertProjectPayment,
  insertProjectStages,
  listApplications,
  listApprovedExtensionsOfTasks,
  listCouncilFacts,
  listEventsByAction,
  listPayments,
  listProjectCodes,
  listProjectCouncils,
  listProjectDocumentFileIds,
  listProjectDocumentKinds,
  listProjectDocuments,
  listProjectEvents,
  listProjectRows,
  listProjectStages,
  updateApplicationStatus,
  updateProjectVersioned,
  upsertSettingValue,
  type ProjectRow,
} from './projects.repository';

/** The programme a project serves when none is named: created on demand, one per province. */
export const DEFAULT_PROGRAMME = {
  number: 'CTr-KHCN',
  title: 'Chương trình khoa học và công nghệ của tỉnh (các nhiệm vụ KH&CN)',
} as const;
const COUNCIL_RULES_KEY = 'projects.council_rules';

/** Timeliness of a project on a date: the task's, or before the contract / after a stop. */
export const PROJECT_TIMELINESS = ['completed_on_time', 'completed_late', 'in_progress', 'overdue', 'no_deadline', 'not_contracted', 'stopped'] as const satisfies readonly (Timeliness | 'not_contracted' | 'stopped')[];
export type ProjectTimeliness = (typeof PROJECT_TIMELINESS)[number];

export interface ProjectMember {
  name: string;
  organization?: string | null;
}

export interface DocumentInput {
  kind: string;
  number?: string | null;
  issuedOn?: string | null;
  title?: string | null;
  fileId?: number | null;
}

export interface ProjectInput {
  code: string;
  title: string;
  type: ProjectType;
  level: ProjectLevel;
  field: ProjectField;
  directiveId?: number | null;
  hostCode: string;
  principalInvestigator: string;
  members?: ProjectMember[];
  objectives?: string | null;
  expectedProducts?: string | null;
  startMonth?: string | null;
  endMonth?: string | null;
  budget?: BudgetPlan;
  /** The date of the proposal; default today. */
  proposedOn?: string;
  /** The proposal's document (its number and date). */
  document?: Omit<DocumentInput, 'kind'> & { kind?: string };
}

export interface ProjectListQuery {
  asOf?: string;
  level?: string[];
  stage?: string[];
  field?: string[];
  type?: string[];
  host?: string;
  directive?: number;
  timeliness?: ProjectTimeliness[];
  atRisk?: boolean;
  search?: string;
  sort?: 'attention' | 'code' | '-code' | 'title' | 'deadline' | '-deadline' | 'host' | 'budget';
  page?: number;
  pageSize?: number;
}

/** One project as of a date, as the lists show it. */
export interface ProjectListItem {
  id: number;
  code: string;
  title: string;
  type: string;
  level: string;
  field: string;
  hostCode: string;
  hostName: string;
  hostKind: string;
  principalInvestigator: string;
  directiveId: number | null;
  directiveNumber: string | null;
  /** The stage on asOf; null when the project did not exist yet. */
  stage: string | null;
  stageName: string | null;
  currentStage: string;
  startMonth: string | null;
  endMonth: string | null;
  deadline: string | null;
  originalDeadline: string | null;
  timeliness: ProjectTimeliness | null;
  overdueDays: number | null;
  dueSoon: boolean;
  risks: RiskReason[];
  acceptanceRating: string | null;
  acceptedOn: string | null;
  budgetTotal: number;
  budgetState: number;
  paid: number;
  disbursementRate: number | null;
  taskId: number | null;
  version: number;
}

interface Snapshot {
  asOf: IsoDate;
  stages: StageDefinition[];
  items: (ProjectListItem & { row: ProjectRow; byYear: { year: number; planned: number; paid: number }[]; paidState: number; paidOther: number; budgetOther: number })[];
}

const collator = new Intl.Collator('vi');

function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase();
}

function budgetOf(row: Pick<ProjectRow, 'budgetTotal' | 'budgetState' | 'budgetOther'>): BudgetPlan {
  const state = (row.budgetState ?? {}) as Record<string, number>;
  return { total: row.budgetTotal, stateByYear: Object.fromEntries(Object.entries(state).map(([year, amount]) => [year, Number(amount)])), other: row.budgetOther };
}

function membersOf(value: unknown): ProjectMember[] {
  if (!Array.isArray(value)) return [];
  return value.map((item) => (typeof item === 'string' ? { name: item } : (item as ProjectMember))).filter((member) => member && typeof member.name === 'string');
}

function toMatchable(row: OrganizationRow): MatchableOrganization {
  return { id: row.id, code: row.code, name: row.name, shortName: row.shortName, aliases: row.aliases, predecessors: row.predecessors, kind: row.kind, parentCode: row.parentCode, active: row.isActive };
}

/** The next stages a project may move to: up to and including the first required one. */
export function nextStages(stages: readonly StageDefinition[], current: string): StageDefinition[] {
  const ordered = orderStages(stages);
  const index = ordered.findIndex((stage) => stage.code === current);
  if (index < 0) return [];
  const next: StageDefinition[] = [];
  for (const stage of ordered.slice(index + 1)) {
    next.push(stage);
    if (!stage.isOptional) break;
  }
  return next;
}

export class ProjectImportRefusedError extends AppError {}

export interface ProjectImportResult {
  ok: boolean;
  dryRun: boolean;
  created: number;
  warnings: string[];
  errors: ProjectTableError[];
  projects: {
    sheetRow: number;
    code: string;
    title: string;
    level: string;
    field: string;
    hostCode: string;
    hostName: string;
    stage: string;
    stageName: string;
    startMonth: string | null;
    endMonth: string | null;
    budgetTotal: number;
  }[];
}

export function createProjectsService(database: Database, clock: Clock, options: { directives: DirectivesService; dueSoonDays: number }) {
  const db = database.db;

  // --- configuration ------------------------------------------------------------------------

  /** The stages and council rules; the defaults are seeded on first use. */
  async function configuration(executor: Executor = db): Promise<{ stages: StageDefinition[]; councilRules: CouncilRules }> {
    let stages = await listProjectStages(executor);
    if (stages.length === 0) {
      await insertProjectStages(executor, DEFAULT_STAGES);
      stages = await listProjectStages(executor);
    }
    let rules = (await findSettingValue(executor, COUNCIL_RULES_KEY)) as CouncilRules | null;
    if (!rules) {
      await upsertSettingValue(executor, COUNCIL_RULES_KEY, DEFAULT_COUNCIL_RULES, true);
      rules = ((await findSettingValue(executor, COUNCIL_RULES_KEY)) as CouncilRules | null) ?? DEFAULT_COUNCIL_RULES;
    }
    return { stages: orderStages(stages), councilRules: { ...DEFAULT_COUNCIL_RULES, ...rules } };
  }

  const actorName = (actor: Actor | null) => actor?.fullName || actor?.username || 'system';

  async function audit(executor: Executor, actor: Actor | null, action: string, entityId: number | null, before: unknown, after: unknown) {
    await insertAuditEvent(executor, { actorUserId: actor?.userId ?? null, actorName: actor?.username ?? 'system', action: `project.${action}`, entity: 'project', entityId, before, after });
  }

  async function event(
    executor: Executor,
    actor: Actor | null,
    projectId: number,
    values: { stage: string; on: string; action: string; documentNumber?: string | null; documentDate?: string | null; note?: string | null; data?: Record<string, unknown> | null },
  ) {
    return insertProjectEvent(executor, {
      projectId,
      stage: values.stage,
      on: values.on,
      action: values.action,
      documentNumber: values.documentNumber ?? null,
      documentDate: values.documentDate ?? null,
      note: values.note ?? null,
      data: values.data ?? null,
      actorUserId: actor?.userId ?? null,
      actorName: actorName(actor),
    });
  }

  function accessOf(row: ProjectRow): ProjectAccess {
    return { hostPath: row.hostPath, managingPath: row.managingPath };
  }

  async function loadRow(executor: Executor, actor: Actor | null, id: number): Promise<ProjectRow> {
    const [row] = await listProjectRows(executor, [id]);
    if (!row || (actor && !canReadProject(actor, accessOf(row)))) throw notFound(`nhiệm vụ KH&CN có mã ${id}`);
    return row;
  }

  function requireManage(actor: Actor | null, row: ProjectRow) {
    if (actor && !canManageProject(actor, accessOf(row))) throw forbidden();
  }

  function requireReport(actor: Actor | null, row: ProjectRow) {
    if (actor && !canReportOnProject(actor, accessOf(row))) throw forbidden();
  }

  async function save(executor: Executor, row: ProjectRow, version: number | undefined, values: Parameters<typeof updateProjectVersioned>[3]) {
    if (version !== undefined && version !== row.version) throw new AppError('CONFLICT', messages.staleVersion, { currentVersion: row.version });
    if (!(await updateProjectVersioned(executor, row.id, row.version, values))) throw new AppError('CONFLICT', messages.staleVersion);
  }

  function today() {
    return clock.today();
  }

  function checkDate(on: string, what: string, lastMoveOn: string | null = null) {
    const problem = checkMoveDate(on, lastMoveOn, today());
    if (problem) throw invalid(`Trường "${what}": ${problem}`);
  }

  async function lastMoveOn(executor: Executor, projectId: number): Promise<string | null> {
    const moves = await listEventsByAction(executor, ['stage'], [projectId]);
    return moves.reduce<string | null>((latest, move) => (latest === null || move.on > latest ? move.on : latest), null);
  }

  async function checkFiles(executor: Executor, actor: Actor | null, fileIds: number[]) {
    if (fileIds.length === 0) return;
    const owners = await findFileOwners(executor, fileIds);
    for (const id of fileIds) {
      const owner = owners.find((file) => file.id === id);
      if (!owner) throw invalid(`Trường "fileId": không tìm thấy tệp có mã ${id}.`);
      if (actor && owner.createdBy !== actor.userId && !isSystemAdmin(actor)) throw invalid(`Trường "fileId": tệp ${id} không do bạn tải lên.`);
    }
  }

  /** Stores a document; its file is attached to the project's task (when it has one) so that whoever reads the task may download it. */
  async function addDocument(executor: Executor, actor: Actor | null, row: Pick<ProjectRow, 'id' | 'taskId'>, input: DocumentInput) {
    if (input.fileId) await checkFiles(executor, actor, [input.fileId]);
    const document = await insertProjectDocument(executor, {
      projectId: row.id,
      kind: input.kind,
      number: input.number?.trim() || null,
      issuedOn: input.issuedOn ?? null,
      title: input.title?.normalize('NFC').trim() || DOCUMENT_KIND_LABELS[input.kind] || null,
      fileId: input.fileId ?? null,
    });
    if (input.fileId && row.taskId) await attachFiles(executor, [{ taskId: row.taskId, fileId: input.fileId }]);
    return document;
  }

  // --- the project's task -----------------------------------------------------------------

  /** The province an organization belongs to (its nearest ancestor of kind province), or the first province. */
  async function provinceOf(executor: Executor, hostPath: string): Promise<OrganizationRow> {
    const provinces = await listOrganizations(executor, { kind: 'province' });
    const own = provinces.filter((province) => hostPath.startsWith(province.path)).sort((a, b) => b.path.length - a.path.length)[0];
    const found = own ?? provinces[0];
    if (!found) throw new AppError('CONFLICT', 'Chưa có tỉnh, thành phố nào trong danh mục cơ quan, đơn vị; vui lòng nạp dữ liệu tham chiếu.');
    return found;
  }

  /** The programme's id: the one named, or the province's default programme (created on demand). */
  async function programmeFor(executor: Executor, hostPath: string, on: IsoDate): Promise<number> {
    const province = await provinceOf(executor, hostPath);
    const [existing] = await findDirectivesByNumber(executor, DEFAULT_PROGRAMME.number, province.id);
    if (existing) return existing.id;
    const issuedOn = on < today() ? `${on.slice(0, 4)}-01-01` : today();
    const created = await options.directives.createDirective(
      null,
      { number: DEFAULT_PROGRAMME.number, kind: 'action_programme', issuerCode: province.code, issuedOn, title: DEFAULT_PROGRAMME.title },
      executor,
    );
    return created.id;
  }

  async function taskEvent(executor: Executor, actor: Actor | null, taskId: number, on: string, action: string, data: Record<string, unknown>) {
    await insertTaskEvent(executor, { taskId, on, actorUserId: actor?.userId ?? null, actorName: actorName(actor), action, data });
    await insertAuditEvent(executor, { actorUserId: actor?.userId ?? null, actorName: actor?.username ?? 'system', action: `task.${action}`, entity: 'task', entityId: taskId, after: data });
  }

  /** Creates the task of a project that signs its contract; returns its id and the programme's. */
  async function createTask(
    executor: Executor,
    actor: Actor | null,
    project: { id: number; code: string; title: string; level: string; directiveId: number | null; hostOrganizationId: number; hostPath: string; expectedProducts: string | null },
    facts: { assignedOn: IsoDate; endMonth: string; completedOn?: IsoDate | null; cancelledOn?: IsoDate | null },
  ): Promise<{ taskId: number; directiveId: number }> {
    const directiveId = project.directiveId ?? (await programmeFor(executor, project.hostPath, facts.assignedOn));
    const directive = await options.directives.getDirective(directiveId, executor);
    const deadline = monthEnd(facts.endMonth);
    const state = facts.cancelledOn ? 'cancelled' : facts.completedOn ? 'completed' : 'in_progress';
    const task = await insertTask(executor, {
      directiveId,
      leadOrganizationId: project.hostOrganizationId,
      assigningOrganizationId: directive.issuerId,
      title: project.title,
      groupName: `Nhiệm vụ KH&CN cấp ${levelWord(project.level)}`,
      expectedOutput: [`Nghiệm thu nhiệm vụ KH&CN ${project.code}`, project.expectedProducts].filter(Boolean).join(': '),
      originalDeadline: deadline,
      deadline,
      assignedOn: facts.assignedOn,
      state,
      progress: facts.completedOn ? 100 : 0,
      completedOn: facts.completedOn ?? null,
      cancelledOn: facts.cancelledOn ?? null,
      lastUpdatedOn: facts.assignedOn,
      createdBy: actor?.userId ?? null,
    });
    await taskEvent(executor, actor, task.id, facts.assignedOn, 'create', { projectId: project.id, projectCode: project.code, deadline, leadOrganizationId: project.hostOrganizationId });
    const fileIds = await listProjectDocumentFileIds(executor, project.id);
    await attachFiles(executor, fileIds.map((fileId) => ({ taskId: task.id, fileId })));
    return { taskId: task.id, directiveId };
  }

  async function getTask(executor: Executor, taskId: number): Promise<TaskRecord> {
    const task = await findTask(executor, taskId);
    if (!task) throw new AppError('INTERNAL', `Task ${taskId} of a project is missing`);
    return task;
  }

  async function updateTask(executor: Executor, taskId: number, values: Parameters<typeof updateTaskVersioned>[3]) {
    const task = await getTask(executor, taskId);
    if (!(await updateTaskVersioned(executor, taskId, task.version, values))) throw new AppError('CONFLICT', messages.staleVersion);
    return task;
  }

  /** Records an approved schedule change as an approved extension of the task, and keeps deadline and count in step. */
  async function approveExtension(executor: Executor, actor: Actor | null, taskId: number, input: { endMonth: string; requestedOn: IsoDate; approvedOn: IsoDate; reason: string }) {
    const task = await getTask(executor, taskId);
    const requestedDeadline = monthEnd(input.endMonth);
    const extension = await insertExtension(executor, {
      taskId,
      requestedDeadline,
      previousDeadline: task.deadline,
      reason: input.reason,
      status: 'approved',
      requestedOn: input.requestedOn,
      requestedBy: actor?.userId ?? null,
      decidedOn: input.approvedOn,
      decidedBy: actor?.userId ?? null,
    });
    const facts = await listApprovedExtensionFacts(executor, taskId);
    const inForce = deadlineInForce({ originalDeadline: task.originalDeadline, extensions: facts.map((fact) => ({ approvedOn: fact.approvedOn!, newDeadline: fact.newDeadline })) }, '9999-12-31');
    await updateTask(executor, taskId, { deadline: inForce, extensionCount: facts.length, lastUpdatedOn: input.approvedOn > (task.lastUpdatedOn ?? '') ? input.approvedOn : task.lastUpdatedOn });
    await taskEvent(executor, actor, taskId, input.approvedOn, 'extension_approve', { extensionId: extension.id, previousDeadline: task.deadline, requestedDeadline, reason: input.reason });
  }

  // --- snapshot as of a date --------------------------------------------------------------

  async function snapshot(asOf: IsoDate, ids?: number[]): Promise<Snapshot> {
    const { stages } = await configuration();
    const rows = await listProjectRows(db, ids);
    const projectIds = ids ?? undefined;
    const [moves, reports, payments, councils] = await Promise.all([
      listEventsByAction(db, ['stage'], projectIds),
      listEventsByAction(db, ['report'], projectIds),
      listPayments(db, projectIds),
      listCouncilFacts(db, projectIds),
    ]);
    const extensions = await listApprovedExtensionsOfTasks(db, rows.map((row) => row.taskId).filter((id): id is number => id !== null));
    const group = <T, K>(list: T[], key: (item: T) => K) => {
      const map = new Map<K, T[]>();
      for (const item of list) map.set(key(item), [...(map.get(key(item)) ?? []), item]);
      return map;
    };
    const movesBy = group(moves, (move) => move.projectId);
    const reportsBy = group(reports, (report) => report.projectId);
    const paymentsBy = group(payments, (payment) => payment.projectId);
    const councilsBy = group(councils, (council) => council.projectId);
    const extensionsBy = group(extensions, (extension) => extension.taskId);
    const items = rows.map((row) => {
      const stage = stageOn(movesBy.get(row.id) ?? [], asOf);
      let timeliness: ProjectTimeliness | null = null;
      let deadline: string | null = null;
      let overdueDays: number | null = null;
      let dueSoon = false;
      if (stage === STOPPED_STAGE) timeliness = 'stopped';
      else if (stage !== null) {
        const evaluation =
          row.taskId && row.taskAssignedOn
            ? evaluateTask(
                {
                  assignedOn: row.taskAssignedOn,
                  isContainer: false,
                  originalDeadline: row.taskOriginalDeadline,
                  extensions: (extensionsBy.get(row.taskId) ?? []).map((extension) => ({ approvedOn: extension.approvedOn!, newDeadline: extension.newDeadline })),
                  completedOn: row.taskCompletedOn,
                  cancelledOn: row.taskCancelledOn,
                },
                asOf,
                { dueSoonDays: options.dueSoonDays },
              )
            : null;
        if (evaluation) {
          timeliness = evaluation.timeliness;
          deadline = evaluation.deadline;
          overdueDays = evaluation.overdueDays;
          dueSoon = evaluation.dueSoon;
        } else {
          timeliness = 'not_contracted';
        }
      }
      const lastReportOn = (reportsBy.get(row.id) ?? []).filter((report) => report.on <= asOf).reduce<string | null>((latest, report) => (latest === null || report.on > latest ? report.on : latest), null);
      const risks =
        timeliness === 'in_progress'
          ? assessRisk(
              {
                timeliness,
                deadline,
                reachedAcceptance: stage !== null && isAtOrAfter(stages, stage, ACCEPTANCE_STAGE),
                contractOn: row.taskAssignedOn,
                lastReportOn,
              },
              asOf,
            )
          : [];
      const plan = budgetOf(row);
      const budget = summarizeBudget(plan, (paymentsBy.get(row.id) ?? []).map((payment) => ({ paidOn: payment.paidOn, year: payment.year, amount: payment.amount, source: payment.source as PaymentSource })), asOf);
      const acceptance = latestCouncil((councilsBy.get(row.id) ?? []).filter((council) => council.heldOn <= asOf).map((council) => ({ ...council, result: council.result as CouncilResult | null })), 'acceptance');
      return {
        id: row.id,
        code: row.code,
        title: row.title,
        type: row.type,
        level: row.level,
        field: row.field,
        hostCode: row.hostCode,
        hostName: row.hostName,
        hostKind: row.hostKind,
        principalInvestigator: row.principalInvestigator,
        directiveId: row.directiveId,
        directiveNumber: row.directiveNumber,
        stage,
        stageName: stage === null ? null : stageName(stages, stage),
        currentStage: row.stage,
        startMonth: row.startMonth,
        endMonth: row.endMonth,
        deadline: deadline ?? (row.taskId ? row.taskDeadline : row.endMonth ? monthEnd(row.endMonth) : null),
        originalDeadline: row.taskOriginalDeadline,
        timeliness,
        overdueDays,
        dueSoon,
        risks,
        acceptanceRating: acceptance?.result ?? null,
        acceptedOn: acceptance && acceptance.result !== 'fail' ? acceptance.heldOn : null,
        budgetTotal: plan.total,
        budgetState: budget.state,
        paid: budget.paid,
        disbursementRate: budget.disbursementRate,
        taskId: row.taskId,
        version: row.version,
        row,
        byYear: budget.byYear,
        paidState: budget.paidState,
        paidOther: budget.paidOther,
        budgetOther: plan.other,
      };
    });
    return { asOf, stages, items };
  }

  function present(item: Snapshot['items'][number]): ProjectListItem {
    const { row: _row, byYear: _byYear, paidState: _paidState, paidOther: _paidOther, budgetOther: _budgetOther, ...view } = item;
    return view;
  }

  /** Overdue first (longest first), then at risk, then in progress by deadline, then the rest by code. */
  function attentionRank(item: ProjectListItem): number {
    if (item.timeliness === 'overdue') return 0;
    if (item.risks.length > 0) return 1;
    if (item.timeliness === 'in_progress') return 2;
    if (item.timeliness === 'not_contracted' || item.timeliness === 'no_deadline') return 3;
    return 4;
  }

  function sortItems(items: ProjectListItem[], sort: ProjectListQuery['sort'] = 'attention') {
    const byCode = (a: ProjectListItem, b: ProjectListItem) => collator.compare(a.code, b.code);
    const byDeadline = (a: ProjectListItem, b: ProjectListItem) => (a.deadline ?? '9999') .localeCompare(b.deadline ?? '9999') || byCode(a, b);
    const comparators: Record<NonNullable<ProjectListQuery['sort']>, (a: ProjectListItem, b: ProjectListItem) => number> = {
      attention: (a, b) => attentionRank(a) - attentionRank(b) || (b.overdueDays ?? 0) - (a.overdueDays ?? 0) || byDeadline(a, b),
      code: byCode,
      '-code': (a, b) => byCode(b, a),
      title: (a, b) => collator.compare(a.title, b.title) || byCode(a, b),
      deadline: byDeadline,
      '-deadline': (a, b) => byDeadline(b, a),
      host: (a, b) => collator.compare(a.hostName, b.hostName) || byCode(a, b),
      budget: (a, b) => b.budgetTotal - a.budgetTotal || byCode(a, b),
    };
    return [...items].sort(comparators[sort] ?? comparators.attention);
  }

  async function filtered(actor: Actor | null, query: ProjectListQuery) {
    const asOf = query.asOf ?? today();
    const snap = await snapshot(asOf);
    let hostPath: string | null = null;
    if (query.host) {
      const host = await findOrganizationByCode(db, query.host);
      if (!host) throw notFound(`cơ quan, đơn vị có mã "${query.host}"`);
      hostPath = host.path;
    }
    const words = query.search ? fold(query.search.normalize('NFC')).split(/\s+/).filter(Boolean) : [];
    const items = snap.items.filter((item) => {
      if (item.stage === null) return false;
      if (actor && !canReadProject(actor, accessOf(item.row))) return false;
      if (query.level?.length && !query.level.includes(item.level)) return false;
      if (query.stage?.length && !query.stage.includes(item.stage)) return false;
      if (query.field?.length && !query.field.includes(item.field)) return false;
      if (query.type?.length && !query.type.includes(item.type)) return false;
      if (query.directive !== undefined && item.directiveId !== query.directive) return false;
      if (hostPath && !item.row.hostPath.startsWith(hostPath)) return false;
      if (query.timeliness?.length && !(item.timeliness && query.timeliness.includes(item.timeliness))) return false;
      if (query.atRisk && item.risks.length === 0) return false;
      if (words.length) {
        const haystack = fold(`${item.code} ${item.title} ${item.principalInvestigator} ${item.hostName}`);
        if (!words.every((word) => haystack.includes(word))) return false;
      }
      return true;
    });
    return { asOf, stages: snap.stages, items: sortItems(items.map(present), query.sort) };
  }

  // --- writing planned projects (import, demo) ---------------------------------------------

  /**
   * Writes one planned project (an imported row) with the dated moves the row tells: the contract
   * on its date, and the stages that follow it up to acceptance (implementation) on that date too;
   * acceptance on its date when the project is past it; the row's stage on its date.
   */
  async function writePlanned(tx: Tx, actor: Actor | null, plan: PlannedProject, hosts: Map<number, OrganizationRow>, stages: StageDefinition[]): Promise<number> {
    const host = hosts.get(plan.hostOrganizationId) ?? (await findOrganizationsByIds(tx, [plan.hostOrganizationId]))[0];
    const accepted = plan.acceptance && plan.acceptance.rating !== 'fail' ? plan.acceptance : null;
    const project = await insertProject(tx, {
      code: plan.code,
      title: plan.title,
      type: plan.type,
      level: plan.level,
      field: plan.field,
      directiveId: plan.directiveId,
      hostOrganizationId: plan.hostOrganizationId,
      principalInvestigator: plan.principalInvestigator,
      members: plan.members.map((name) => ({ name })),
      objectives: plan.objectives,
      expectedProducts: plan.expectedProducts,
      startMonth: plan.startMonth,
      endMonth: plan.extension?.endMonth ?? plan.endMonth,
      budgetTotal: plan.budget.total,
      budgetState: plan.budget.stateByYear,
      budgetOther: plan.budget.other,
      stage: plan.stage,
      acceptanceRating: plan.acceptance?.rating ?? null,
      createdBy: actor?.userId ?? null,
    });
    const note = 'Nhập từ danh sách nhiệm vụ KH&CN (Excel)';
    if (plan.contract) {
      await addDocument(tx, actor, { id: project.id, taskId: null }, { kind: 'contract', number: plan.contract.number, issuedOn: plan.contract.signedOn });
      await event(tx, actor, project.id, { stage: CONTRACT_STAGE, on: plan.contract.signedOn, action: 'stage', documentNumber: plan.contract.number, documentDate: plan.contract.signedOn, note, data: { imported: true } });
      const contractAt = stages.findIndex((stage) => stage.code === CONTRACT_STAGE);
      const acceptanceAt = stages.findIndex((stage) => stage.code === ACCEPTANCE_STAGE);
      const finalAt = plan.stage === STOPPED_STAGE ? acceptanceAt : stages.findIndex((stage) => stage.code === plan.stage);
      for (const stage of stages.slice(contractAt + 1, Math.min(finalAt, acceptanceAt))) {
        await event(tx, actor, project.id, { stage: stage.code, on: plan.contract.signedOn, action: 'stage', note, data: { imported: true } });
      }
      const { taskId, directiveId } = await createTask(
        tx,
        actor,
        { id: project.id, code: project.code, title: project.title, level: project.level, directiveId: project.directiveId, hostOrganizationId: project.hostOrganizationId, hostPath: host.path, expectedProducts: project.expectedProducts },
        { assignedOn: plan.contract.signedOn, endMonth: plan.endMonth!, completedOn: accepted?.on ?? null, cancelledOn: plan.stage === STOPPED_STAGE ? plan.stoppedOn : null },
      );
      if (!(await updateProjectVersioned(tx, project.id, project.version, { taskId, directiveId }))) throw new AppError('CONFLICT', messages.staleVersion);
      if (plan.extension) {
        await approveExtension(tx, actor, taskId, { endMonth: plan.extension.endMonth, requestedOn: plan.extension.approvedOn, approvedOn: plan.extension.approvedOn, reason: 'Gia hạn thời gian thực hiện (nhập từ danh sách)' });
        await event(tx, actor, project.id, { stage: plan.stage === STOPPED_STAGE ? CONTRACT_STAGE : plan.stage, on: plan.extension.approvedOn, action: 'change_decision', note, data: { kind: 'schedule', approve: true, endMonth: plan.extension.endMonth, imported: true } });
      }
      for (const payment of plan.payments) {
        await insertProjectPayment(tx, { projectId: project.id, paidOn: payment.paidOn, year: payment.year, amount: payment.amount, source: payment.source, note });
      }
    }
    if (plan.acceptance) {
      await insertCouncil(tx, { projectId: project.id, kind: 'acceptance', heldOn: plan.acceptance.on, rule: { imported: true }, meanScore: null, result: plan.acceptance.rating, minutesNumber: null }, []);
      await event(tx, actor, project.id, { stage: ACCEPTANCE_STAGE, on: plan.acceptance.on, action: 'council', note, data: { kind: 'acceptance', result: plan.acceptance.rating, imported: true } });
    }
    if (plan.acceptance && plan.stage !== ACCEPTANCE_STAGE && plan.stage !== STOPPED_STAGE) {
      await event(tx, actor, project.id, { stage: ACCEPTANCE_STAGE, on: plan.acceptance.on, action: 'stage', note, data: { imported: true } });
    }
    if (!plan.contract || plan.stage !== CONTRACT_STAGE) {
      await event(tx, actor, project.id, { stage: plan.stage, on: plan.stageOn, action: 'stage', note, data: { imported: true } });
    }
    return project.id;
  }

  /** Writes planned projects (from a list, or the demo data) in one transaction; returns their ids. */
  async function writePlannedProjects(actor: Actor | null, plans: PlannedProject[]): Promise<number[]> {
    return db.transaction(async (tx) => {
      const { stages } = await configuration(tx);
      const hosts = new Map((await findOrganizationsByIds(tx, [...new Set(plans.map((plan) => plan.hostOrganizationId))])).map((row) => [row.id, row]));
      const ids: number[] = [];
      for (const plan of plans) {
        if (await findProjectByCode(tx, plan.code)) throw new ProjectImportRefusedError('CONFLICT', `Mã số "${plan.code}" đã có trong hệ thống.`);
        ids.push(await writePlanned(tx, actor, plan, hosts, stages));
      }
      await insertAuditEvent(tx, { actorUserId: actor?.userId ?? null, actorName: actor?.username ?? 'system', action: 'project.import', entity: 'project', entityId: null, after: { count: ids.length, codes: plans.map((plan) => plan.code) } });
      return ids;
    });
  }

  // --- public API -------------------------------------------------------------------------

  return {
    configuration,

    /** Replaces the stage configuration (system administrators). Stages in use cannot disappear. */
    async updateStages(actor: Actor, stages: StageDefinition[]) {
      if (!isSystemAdmin(actor)) throw forbidden();
      const problems = validateStageConfiguration(stages);
      if (problems.length) throw invalid(problems.join(' '), problems);
      return db.transaction(async (tx) => {
        const before = await configuration(tx);
        const used = new Set((await listProjectRows(tx)).map((row) => row.stage));
        const gone = [...used].filter((code) => code !== STOPPED_STAGE && !stages.some((stage) => stage.code === code));
        if (gone.length) throw new AppError('CONFLICT', `Không thể bỏ bước đang có nhiệm vụ: ${gone.join(', ')}.`);
        await deleteProjectStages(tx);
        await insertProjectStages(tx, stages);
        await audit(tx, actor, 'configure_stages', null, before.stages, stages);
        return configuration(tx);
      });
    },

    /** Replaces the council rules (system administrators). */
    async updateCouncilRules(actor: Actor, rules: CouncilRules) {
      if (!isSystemAdmin(actor)) throw forbidden();
      const problems = Object.values(rules).flatMap(validateCouncilRule);
      if (problems.length) throw invalid(problems.join(' '), problems);
      return db.transaction(async (tx) => {
        const before = await configuration(tx);
        await upsertSettingValue(tx, COUNCIL_RULES_KEY, rules);
        await audit(tx, actor, 'configure_councils', null, before.councilRules, rules);
        return configuration(tx);
      });
    },

    /** Projects visible to the actor, as of a date, filtered, sorted (overdue and at risk first) and paged. */
    async list(actor: Actor, query: ProjectListQuery) {
      const { asOf, items } = await filtered(actor, query);
      const page = query.page ?? 1;
      const pageSize = query.pageSize ?? 20;
      return { asOf, total: items.length, items: items.slice((page - 1) * pageSize, page * pageSize) };
    },

    /** Every project matching the filters (the export). */
    async listAll(actor: Actor | null, query: ProjectListQuery) {
      const { asOf, items } = await filtered(actor, query);
      return { asOf, items };
    },

    /**
     * The portfolio as of a date: counts by level, stage, field, host and timeliness, the budget
     * planned against paid by year, and the projects needing attention (overdue, then at risk).
     * The counts are published figures (every user sees them); the list is filtered by scope.
     */
    async portfolio(actor: Actor | null, query: { asOf?: string } = {}) {
      const asOf = query.asOf ?? today();
      const snap = await snapshot(asOf);
      const existing = snap.items.filter((item) => item.stage !== null);
      const countBy = (key: (item: (typeof existing)[number]) => string, keys: readonly string[]) => {
        const counts = new Map<string, number>(keys.map((k) => [k, 0]));
        for (const item of existing) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
        return [...counts.entries()].map(([code, count]) => ({ code, count }));
      };
      const hosts = new Map<string, { code: string; name: string; kind: string; total: number; overdue: number; inProgress: number; completed: number; atRisk: number; budgetTotal: number; paid: number }>();
      for (const item of existing) {
        const entry = hosts.get(item.hostCode) ?? { code: item.hostCode, name: item.hostName, kind: item.hostKind, total: 0, overdue: 0, inProgress: 0, completed: 0, atRisk: 0, budgetTotal: 0, paid: 0 };
        entry.total += 1;
        if (item.timeliness === 'overdue') entry.overdue += 1;
        if (item.timeliness === 'in_progress') entry.inProgress += 1;
        if (item.timeliness === 'completed_on_time' || item.timeliness === 'completed_late') entry.completed += 1;
        if (item.risks.length) entry.atRisk += 1;
        entry.budgetTotal = sumAmounts([entry.budgetTotal, item.budgetTotal]);
        entry.paid = sumAmounts([entry.paid, item.paid]);
        hosts.set(item.hostCode, entry);
      }
      const attention = sortItems(existing.filter((item) => item.timeliness === 'overdue' || item.risks.length > 0).map(present), 'attention');
      const visible = actor ? attention.filter((item) => canReadProject(actor, accessOf(existing.find((e) => e.id === item.id)!.row))) : attention;
      return {
        asOf,
        total: existing.length,
        byLevel: countBy((item) => item.level, PROJECT_LEVELS),
        byStage: countBy((item) => item.stage!, [...snap.stages.map((stage) => stage.code), STOPPED_STAGE]).map((entry) => ({ ...entry, name: stageName(snap.stages, entry.code) })),
        byField: countBy((item) => item.field, PROJECT_FIELDS),
        byTimeliness: countBy((item) => item.timeliness!, PROJECT_TIMELINESS),
        byHost: [...hosts.values()].sort((a, b) => b.total - a.total || collator.compare(a.name, b.name)),
        timeliness: timelinessCounts(existing),
        atRisk: existing.filter((item) => item.risks.length > 0).length,
        budget: budgetTotals(existing),
        attention: visible,
      };
    },

    /** The figures of `projects stats`: counts by level, stage and timeliness, and the budget totals, as of a date. */
    async statistics(query: { asOf?: string } = {}) {
      const asOf = query.asOf ?? today();
      const snap = await snapshot(asOf);
      const existing = snap.items.filter((item) => item.stage !== null);
      const tally = (keys: readonly string[], key: (item: (typeof existing)[number]) => string) => {
        const counts: Record<string, number> = Object.fromEntries(keys.map((k) => [k, 0]));
        for (const item of existing) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
        return counts;
      };
      const counts = timelinessCounts(existing);
      return {
        asOf,
        total: existing.length,
        byLevel: tally(PROJECT_LEVELS, (item) => item.level),
        byStage: tally([...snap.stages.map((stage) => stage.code), STOPPED_STAGE], (item) => item.stage!),
        byField: tally(PROJECT_FIELDS, (item) => item.field),
        byTimeliness: tally(PROJECT_TIMELINESS, (item) => item.timeliness!),
        due: counts.due,
        dueSoon: counts.dueSoon,
        atRisk: existing.filter((item) => item.risks.length > 0).length,
        completionRate: counts.completionRate,
        onTimeRate: counts.onTimeRate,
        budget: budgetTotals(existing),
      };
    },

    /** One project, as of a date: its stages, timeline, documents, budget, councils, changes and applications, and what the actor may do next. */
    async detail(actor: Actor, id: number, asOfInput?: string) {
      const asOf = asOfInput ?? today();
      const row = await loadRow(db, actor, id);
      const { stages, councilRules } = await configuration();
      const [item] = (await snapshot(asOf, [id])).items;
      if (!item) throw notFound(`nhiệm vụ KH&CN có mã ${id}`);
      const [events, documents, payments, councils, applications] = await Promise.all([
        listProjectEvents(db, id),
        listProjectDocuments(db, id),
        listPayments(db, [id]),
        listProjectCouncils(db, id),
        listApplications(db, id),
      ]);
      const plan = budgetOf(row);
      const paymentFacts = payments.map((payment) => ({ paidOn: payment.paidOn, year: payment.year, amount: payment.amount, source: payment.source as PaymentSource }));
      const budget = summarizeBudget(plan, paymentFacts);
      const moves = events.filter((entry) => entry.action === 'stage');
      const reached = new Map<string, string>();
      for (const move of moves) if (!reached.has(move.stage)) reached.set(move.stage, move.on);
      const currentIndex = stages.findIndex((stage) => stage.code === row.stage);
      const stageList = stages.map((stage, index) => ({
        code: stage.code,
        name: stage.name,
        isOptional: stage.isOptional,
        requiresCouncil: stage.requiresCouncil,
        requiredDocuments: stage.requiredDocuments,
        reachedOn: reached.get(stage.code) ?? null,
        // passed: behind the current stage without a dated move (skipped, or before an import).
        status: (row.stage === stage.code ? 'current' : reached.has(stage.code) ? 'done' : index < currentIndex ? 'passed' : 'upcoming') as 'current' | 'done' | 'passed' | 'upcoming',
      }));
      const decisions = events.filter((entry) => entry.action === 'change_decision');
      const changes = events
        .filter((entry) => entry.action === 'change_request')
        .map((request) => {
          const data = (request.data ?? {}) as Record<string, unknown>;
          const decision = decisions.find((entry) => (entry.data as Record<string, unknown> | null)?.requestId === request.id);
          const decisionData = (decision?.data ?? {}) as Record<string, unknown>;
          return {
            id: request.id,
            kind: String(data.kind ?? ''),
            description: request.note ?? '',
            requestedOn: request.on,
            requestedBy: request.actorName,
            requestedEndMonth: (data.endMonth as string | undefined) ?? null,
            status: (decision ? (decisionData.approve ? 'approved' : 'rejected') : 'pending') as 'approved' | 'rejected' | 'pending',
            decidedOn: decision?.on ?? null,
            decisionNumber: decision?.documentNumber ?? null,
            decisionReason: decision?.note ?? null,
          };
        });
      const isStopped = row.stage === STOPPED_STAGE;
      const accepted = Boolean(row.taskCompletedOn);
      const canManage = canManageProject(actor, accessOf(row));
      const canReport = canReportOnProject(actor, accessOf(row));
      const current = stages.find((stage) => stage.code === row.stage);
      const councilKind = current?.requiresCouncil ?? null;
      const contracted = row.taskId !== null;
      const inImplementation = contracted && !accepted && !isStopped;
      return {
        ...present(item),
        id: row.id,
        code: row.code,
        title: row.title,
        type: row.type,
        level: row.level,
        field: row.field,
        hostCode: row.hostCode,
        hostName: row.hostName,
        hostKind: row.hostKind,
        managingCode: row.managingCode,
        principalInvestigator: row.principalInvestigator,
        members: membersOf(row.members),
        objectives: row.objectives,
        expectedProducts: row.expectedProducts,
        directiveId: row.directiveId,
        directiveNumber: row.directiveNumber,
        directiveTitle: row.directiveTitle,
        startMonth: row.startMonth,
        endMonth: row.endMonth,
        currentStage: row.stage,
        currentStageName: stageName(stages, row.stage),
        asOf,
        version: row.version,
        task: row.taskId
          ? { id: row.taskId, assignedOn: row.taskAssignedOn, originalDeadline: row.taskOriginalDeadline, deadline: row.taskDeadline, completedOn: row.taskCompletedOn, cancelledOn: row.taskCancelledOn, extensionCount: row.taskExtensionCount, progress: row.taskProgress ?? 0 }
          : null,
        budget: { plan: { total: plan.total, stateByYear: plan.stateByYear, other: plan.other }, ...budget },
        payments: payments.map((payment) => ({ id: payment.id, paidOn: payment.paidOn, year: payment.year, amount: payment.amount, source: payment.source, note: payment.note })),
        documents: documents.map((document) => ({ ...document, kindName: DOCUMENT_KIND_LABELS[document.kind] ?? document.kind })),
        timeline: events.map((entry) => ({
          id: entry.id,
          on: entry.on,
          at: entry.at,
          stage: entry.stage,
          stageName: stageName(stages, entry.stage),
          action: entry.action,
          documentNumber: entry.documentNumber,
          documentDate: entry.documentDate,
          note: entry.note,
          data: entry.data,
          actor: entry.actorName,
        })),
        stages: stageList,
        nextStages: isStopped ? [] : nextStages(stages, row.stage).map((stage) => ({ code: stage.code, name: stage.name, isOptional: stage.isOptional, requiredDocuments: stage.requiredDocuments })),
        councils: councils.map((council) => ({
          id: council.id,
          kind: council.kind,
          kindName: COUNCIL_KIND_LABELS[council.kind as CouncilKind] ?? council.kind,
          heldOn: council.heldOn,
          meanScore: council.meanScore,
          result: council.result,
          resultName: council.result ? (COUNCIL_RESULT_LABELS[council.result as CouncilResult] ?? council.result) : null,
          minutesNumber: council.minutesNumber,
          rule: council.rule,
          members: council.members.map((member) => ({ id: member.id, name: member.name, role: member.role, organizationCode: member.organizationCode, organizationName: member.organizationName, scores: member.scores })),
        })),
        councilRule: councilKind ? councilRules[councilKind] : null,
        changes,
        applications: applications.map((application) => ({ ...application, followingUp: application.followUpUntil >= asOf })),
        permissions: {
          canManage,
          canAdvance: canManage && !isStopped && nextStages(stages, row.stage).length > 0,
          canRecordCouncil: canManage && !isStopped && councilKind !== null && !(councilKind === 'acceptance' && accepted),
          canAddPayment: canManage && contracted && !isStopped,
          canAddDocument: canReport,
          canReport: canReport && inImplementation,
          canInspect: canManage && inImplementation,
          canRequestChange: canReport && inImplementation,
          canDecideChange: canManage && changes.some((change) => change.status === 'pending'),
          canRecordApplication: canReport && accepted,
          canStop: canManage && !isStopped && !accepted,
          canEdit: canManage,
        },
      };
    },

    /** Records a proposal: the project starts at the first stage, with its document. */
    async create(actor: Actor, input: ProjectInput) {
      return db.transaction(async (tx) => {
        const { stages } = await configuration(tx);
        const first = stages[0];
        const host = await findOrganizationByCode(tx, input.hostCode);
        if (!host || !host.isActive) throw invalid(`Trường "hostCode": không tìm thấy tổ chức chủ trì có mã "${input.hostCode}".`);
        let managingPath: string;
        if (input.directiveId != null) {
          const directive = await options.directives.getDirective(input.directiveId, tx);
          managingPath = directive.issuerPath;
        } else {
          managingPath = (await provinceOf(tx, host.path)).path;
        }
        if (!canManageProject(actor, { managingPath })) throw forbidden();
        const code = input.code.normalize('NFC').trim();
        if (await findProjectByCode(tx, code)) throw new AppError('CONFLICT', `Mã số "${code}" đã có trong hệ thống.`);
        checkMonths(input.startMonth ?? null, input.endMonth ?? null);
        const budget = input.budget ?? { total: 0, stateByYear: {}, other: 0 };
        const problems = validateBudgetPlan(budget);
        if (problems.length) throw invalid(`Trường "budget": ${problems.join(' ')}`, problems);
        const on = input.proposedOn ?? today();
        checkDate(on, 'proposedOn');
        const documentKind = input.document?.kind ?? first.requiredDocuments[0]?.kind ?? 'proposal';
        const missing = first.requiredDocuments.filter((required) => required.kind !== documentKind);
        if (missing.length) throw invalid(`Bước "${first.name}" cần văn bản: ${missing.map((required) => required.name).join('; ')}.`);
        const project = await insertProject(tx, {
          code,
          title: input.title.normalize('NFC').trim(),
          type: input.type,
          level: input.level,
          field: input.field,
          directiveId: input.directiveId ?? null,
          hostOrganizationId: host.id,
          principalInvestigator: input.principalInvestigator.normalize('NFC').trim(),
          members: (input.members ?? []).map((member) => ({ name: member.name.normalize('NFC').trim(), organization: member.organization ?? null })),
          objectives: input.objectives?.normalize('NFC') || null,
          expectedProducts: input.expectedProducts?.normalize('NFC') || null,
          startMonth: input.startMonth ?? null,
          endMonth: input.endMonth ?? null,
          budgetTotal: budget.total,
          budgetState: budget.stateByYear,
          budgetOther: budget.other,
          stage: first.code,
          createdBy: actor.userId,
        });
        await addDocument(tx, actor, { id: project.id, taskId: null }, { kind: documentKind, number: input.document?.number, issuedOn: input.document?.issuedOn ?? on, title: input.document?.title, fileId: input.document?.fileId });
        await event(tx, actor, project.id, { stage: first.code, on, action: 'stage', documentNumber: input.document?.number ?? null, documentDate: input.document?.issuedOn ?? on, data: { from: null } });
        await audit(tx, actor, 'create', project.id, null, project);
        return project.id;
      });
    },

    /** Edits the project's particulars; after the contract, period, budget and members change only by an approved change request. */
    async update(actor: Actor, id: number, input: Partial<Omit<ProjectInput, 'code' | 'proposedOn' | 'document'>> & { version: number }) {
      return db.transaction(async (tx) => {
        const row = await loadRow(tx, actor, id);
        requireManage(actor, row);
        const contracted = row.taskId !== null;
        if (contracted && (input.startMonth !== undefined || input.endMonth !== undefined) && (input.startMonth !== row.startMonth || input.endMonth !== row.endMonth)) {
          throw invalid('Nhiệm vụ đã ký hợp đồng: thời gian thực hiện chỉ thay đổi qua đề nghị gia hạn được phê duyệt.');
        }
        if (contracted && input.budget) throw invalid('Nhiệm vụ đã ký hợp đồng: kinh phí chỉ thay đổi qua đề nghị điều chỉnh kinh phí được phê duyệt.');
        if (contracted && input.members) throw invalid('Nhiệm vụ đã ký hợp đồng: thành viên chỉ thay đổi qua đề nghị thay đổi thành viên được phê duyệt.');
        const changes: Parameters<typeof updateProjectVersioned>[3] = {};
        if (input.title !== undefined) changes.title = input.title.normalize('NFC').trim();
        if (input.type !== undefined) changes.type = input.type;
        if (input.level !== undefined) changes.level = input.level;
        if (input.field !== undefined) changes.field = input.field;
        if (input.principalInvestigator !== undefined) changes.principalInvestigator = input.principalInvestigator.normalize('NFC').trim();
        if (input.members !== undefined) changes.members = input.members.map((member) => ({ name: member.name.normalize('NFC').trim(), organization: member.organization ?? null }));
        if (input.objectives !== undefined) changes.objectives = input.objectives?.normalize('NFC') || null;
        if (input.expectedProducts !== undefined) changes.expectedProducts = input.expectedProducts?.normalize('NFC') || null;
        if (input.startMonth !== undefined) changes.startMonth = input.startMonth;
        if (input.endMonth !== undefined) changes.endMonth = input.endMonth;
        checkMonths(changes.startMonth === undefined ? row.startMonth : (changes.startMonth ?? null), changes.endMonth === undefined ? row.endMonth : (changes.endMonth ?? null));
        if (input.budget) {
          const problems = validateBudgetPlan(input.budget);
          if (problems.length) throw invalid(`Trường "budget": ${problems.join(' ')}`, problems);
          Object.assign(changes, { budgetTotal: input.budget.total, budgetState: input.budget.stateByYear, budgetOther: input.budget.other });
        }
        let host: OrganizationRow | null = null;
        if (input.hostCode !== undefined && input.hostCode !== row.hostCode) {
          host = await findOrganizationByCode(tx, input.hostCode);
          if (!host || !host.isActive) throw invalid(`Trường "hostCode": không tìm thấy tổ chức chủ trì có mã "${input.hostCode}".`);
          changes.hostOrganizationId = host.id;
        }
        let directiveIssuerId: number | null = null;
        if (input.directiveId !== undefined && input.directiveId !== row.directiveId) {
          if (input.directiveId === null && contracted) throw invalid('Trường "directiveId": nhiệm vụ đã ký hợp đồng phải thuộc một chương trình.');
          if (input.directiveId !== null) {
            const directive = await options.directives.getDirective(input.directiveId, tx);
            if (!canManageProject(actor, { managingPath: directive.issuerPath })) throw forbidden();
            directiveIssuerId = directive.issuerId;
          }
          changes.directiveId = input.directiveId;
        }
        await save(tx, row, input.version, changes);
        if (row.taskId) {
          const taskChanges: Parameters<typeof updateTaskVersioned>[3] = {};
          if (changes.title) taskChanges.title = changes.title;
          if (host) taskChanges.leadOrganizationId = host.id;
          if (changes.directiveId) {
            taskChanges.directiveId = changes.directiveId;
            if (directiveIssuerId) taskChanges.assigningOrganizationId = directiveIssuerId;
          }
          if (changes.expectedProducts !== undefined) taskChanges.expectedOutput = [`Nghiệm thu nhiệm vụ KH&CN ${row.code}`, changes.expectedProducts].filter(Boolean).join(': ');
          if (Object.keys(taskChanges).length) {
            await updateTask(tx, row.taskId, taskChanges);
            await taskEvent(tx, actor, row.taskId, today(), 'edit', { projectId: row.id, ...taskChanges });
          }
        }
        await event(tx, actor, row.id, { stage: row.stage, on: today(), action: 'edit', data: { fields: Object.keys(changes) } });
        await audit(tx, actor, 'update', row.id, row, changes);
        return id;
      });
    },

    /**
     * Moves a project to a later stage, dated, with its decision or document (domain rules:
     * no skipping a required step, councils before leaving their stage, documents of the
     * target). Signing the contract creates the project's task with the contract's end date.
     */
    async advance(
      actor: Actor,
      id: number,
      input: { version: number; stage: string; on: string; document?: DocumentInput | null; note?: string | null; startMonth?: string | null; endMonth?: string | null; selectionMode?: 'open' | 'direct' | null },
    ) {
      return db.transaction(async (tx) => {
        const row = await loadRow(tx, actor, id);
        requireManage(actor, row);
        const { stages } = await configuration(tx);
        const startMonth = input.startMonth ?? row.startMonth;
        const endMonth = input.endMonth ?? row.endMonth;
        checkMonths(startMonth, endMonth);
        const councils = (await listCouncilFacts(tx, [id])).map((council) => ({ kind: council.kind, heldOn: council.heldOn, result: council.result as CouncilResult | null }));
        const kinds = await listProjectDocumentKinds(tx, id);
        const check = checkStageTransition({
          stages,
          from: row.stage,
          to: input.stage,
          on: input.on,
          lastMoveOn: await lastMoveOn(tx, id),
          today: today(),
          councils,
          documentKinds: input.document ? [...kinds, input.document.kind] : kinds,
          hasContractPeriod: Boolean(startMonth && endMonth),
        });
        if (!check.ok) throw invalid(check.message);
        if (input.document) await addDocument(tx, actor, row, { ...input.document, issuedOn: input.document.issuedOn ?? input.on });
        const changes: Parameters<typeof updateProjectVersioned>[3] = { stage: input.stage };
        if (input.startMonth !== undefined && row.taskId === null) changes.startMonth = input.startMonth;
        if (input.endMonth !== undefined && row.taskId === null) changes.endMonth = input.endMonth;
        let taskId = row.taskId;
        if (input.stage === CONTRACT_STAGE && taskId === null) {
          const created = await createTask(
            tx,
            actor,
            { id: row.id, code: row.code, title: row.title, level: row.level, directiveId: row.directiveId, hostOrganizationId: row.hostOrganizationId, hostPath: row.hostPath, expectedProducts: row.expectedProducts },
            { assignedOn: input.on, endMonth: endMonth! },
          );
          taskId = created.taskId;
          changes.taskId = created.taskId;
          changes.directiveId = created.directiveId;
        }
        await save(tx, row, input.version, changes);
        await event(tx, actor, id, {
          stage: input.stage,
          on: input.on,
          action: 'stage',
          documentNumber: input.document?.number ?? null,
          documentDate: input.document ? (input.document.issuedOn ?? input.on) : null,
          note: input.note?.normalize('NFC') || null,
          data: { from: row.stage, documentKind: input.document?.kind ?? null, selectionMode: input.selectionMode ?? null },
        });
        await audit(tx, actor, 'advance', id, { stage: row.stage, version: row.version }, { stage: input.stage, on: input.on, document: input.document ?? null, taskId });
        return id;
      });
    },

    /**
     * Records a council held in the current stage: its members (a member of the host organization
     * or of the project team is refused), their scores, the result by the configured rule, and the
     * minutes. A passing acceptance council completes the project's task on the council's date.
     */
    async recordCouncil(
      actor: Actor,
      id: number,
      input: { version: number; kind: CouncilKind; heldOn: string; minutesNumber?: string | null; minutesFileId?: number | null; members: { name: string; role: CouncilRole; organizationCode?: string | null; scores: Record<string, number> }[] },
    ) {
      return db.transaction(async (tx) => {
        const row = await loadRow(tx, actor, id);
        requireManage(actor, row);
        const { stages, councilRules } = await configuration(tx);
        const current = stages.find((stage) => stage.code === row.stage);
        if (!current || current.requiresCouncil !== input.kind) {
          const at = stages.find((stage) => stage.requiresCouncil === input.kind);
          throw new AppError('CONFLICT', `${COUNCIL_KIND_LABELS[input.kind]} chỉ được ghi khi nhiệm vụ ở bước "${at?.name ?? input.kind}" (hiện ở bước "${stageName(stages, row.stage)}").`);
        }
        if (input.kind === 'acceptance' && row.taskCompletedOn) throw new AppError('CONFLICT', `Nhiệm vụ đã được nghiệm thu ngày ${formatDate(row.taskCompletedOn)}.`);
        checkDate(input.heldOn, 'heldOn', await lastMoveOn(tx, id));
        if (input.kind === 'acceptance' && row.taskAssignedOn && input.heldOn < row.taskAssignedOn) throw invalid(`Trường "heldOn": ngày họp hội đồng trước ngày ký hợp đồng (${formatDate(row.taskAssignedOn)}).`);
        const codes = [...new Set(input.members.map((member) => member.organizationCode).filter((code): code is string => Boolean(code)))];
        const organizations = new Map<string, OrganizationRow>();
        for (const code of codes) {
          const organization = await findOrganizationByCode(tx, code);
          if (!organization) throw invalid(`Trường "members": không tìm thấy cơ quan, đơn vị có mã "${code}".`);
          organizations.set(code, organization);
        }
        const rule: CouncilRule = councilRules[input.kind];
        const evaluation = evaluateCouncil(
          rule,
          input.members.map((member) => ({ name: member.name.normalize('NFC').trim(), role: member.role, organizationPath: member.organizationCode ? organizations.get(member.organizationCode)!.path : null, scores: member.scores })),
          { hostPath: row.hostPath, hostName: row.hostName, people: [row.principalInvestigator, ...membersOf(row.members).map((member) => member.name)] },
        );
        if (!evaluation.ok) throw invalid(evaluation.problems.join(' '), evaluation.problems);
        const { outcome } = evaluation;
        const councilId = await insertCouncil(
          tx,
          { projectId: id, kind: input.kind, heldOn: input.heldOn, rule, meanScore: outcome.meanScore, result: outcome.result, minutesNumber: input.minutesNumber?.trim() || null, minutesFileId: input.minutesFileId ?? null },
          input.members.map((member) => ({ name: member.name.normalize('NFC').trim(), role: member.role, organizationId: member.organizationCode ? organizations.get(member.organizationCode)!.id : null, scores: member.scores })),
        );
        await addDocument(tx, actor, row, { kind: `${input.kind}_minutes`, number: input.minutesNumber, issuedOn: input.heldOn, fileId: input.minutesFileId });
        const changes: Parameters<typeof updateProjectVersioned>[3] = {};
        if (input.kind === 'acceptance') changes.acceptanceRating = outcome.result;
        await save(tx, row, input.version, changes);
        if (input.kind === 'acceptance' && outcome.result !== 'fail' && row.taskId) {
          await updateTask(tx, row.taskId, { state: 'completed', completedOn: input.heldOn, progress: 100, lastUpdatedOn: input.heldOn });
          await taskEvent(tx, actor, row.taskId, input.heldOn, 'confirm', { projectId: id, completedOn: input.heldOn, acceptance: outcome.result, meanScore: outcome.meanScore });
        }
        await event(tx, actor, id, {
          stage: row.stage,
          on: input.heldOn,
          action: 'council',
          documentNumber: input.minutesNumber ?? null,
          documentDate: input.heldOn,
          data: { councilId, kind: input.kind, result: outcome.result, meanScore: outcome.meanScore, members: input.members.length },
        });
        await audit(tx, actor, 'council', id, { acceptanceRating: row.acceptanceRating }, { councilId, kind: input.kind, heldOn: input.heldOn, result: outcome.result, meanScore: outcome.meanScore });
        return id;
      });
    },

    /** Adds a document (with its number, date and file) to the project's file. */
    async addDocument(actor: Actor, id: number, input: DocumentInput) {
      return db.transaction(async (tx) => {
        const row = await loadRow(tx, actor, id);
        requireReport(actor, row);
        if (input.issuedOn) checkDate(input.issuedOn, 'issuedOn');
        const document = await addDocument(tx, actor, row, input);
        await save(tx, row, undefined, {});
        await event(tx, actor, id, { stage: row.stage, on: input.issuedOn ?? today(), action: 'document', documentNumber: document.number, documentDate: document.issuedOn, note: document.title, data: { documentId: document.id, kind: document.kind } });
        await audit(tx, actor, 'document', id, null, document);
        return id;
      });
    },

    /** Records a payment of the budget (state or other sources), within what was approved. */
    async addPayment(actor: Actor, id: number, input: { paidOn: string; year?: number; amount: number; source: PaymentSource; note?: string | null; documentNumber?: string | null }) {
      return db.transaction(async (tx) => {
        const row = await loadRow(tx, actor, id);
        requireManage(actor, row);
        if (!row.taskId) throw new AppError('CONFLICT', 'Nhiệm vụ chưa ký hợp đồng; chưa cấp kinh phí.');
        if (row.stage === STOPPED_STAGE) throw new AppError('CONFLICT', 'Nhiệm vụ đã dừng thực hiện.');
        if (row.taskAssignedOn && input.paidOn < row.taskAssignedOn) throw invalid(`Trường "paidOn": ngày cấp trước ngày ký hợp đồng (${formatDate(row.taskAssignedOn)}).`);
        const payments = (await listPayments(tx, [id])).map((payment) => ({ paidOn: payment.paidOn, year: payment.year, amount: payment.amount, source: payment.source as PaymentSource }));
        const payment: PaymentFact = { paidOn: input.paidOn, year: input.year ?? Number(input.paidOn.slice(0, 4)), amount: input.amount, source: input.source };
        const problem = checkPayment(budgetOf(row), payments, payment, today());
        if (problem) throw invalid(problem);
        const created = await insertProjectPayment(tx, { projectId: id, ...payment, note: [input.documentNumber, input.note?.normalize('NFC')].filter(Boolean).join(' — ') || null });
        await save(tx, row, undefined, {});
        await event(tx, actor, id, { stage: row.stage, on: input.paidOn, action: 'payment', documentNumber: input.documentNumber ?? null, note: input.note ?? null, data: { paymentId: created.id, amount: payment.amount, year: payment.year, source: payment.source } });
        await audit(tx, actor, 'payment', id, null, created);
        return id;
      });
    },

    /**
     * A six-monthly progress report (by the host) or a mid-term inspection (by the managing
     * side), also recorded as a progress update of the project's task.
     */
    async report(actor: Actor, id: number, input: { kind: 'progress' | 'inspection'; on: string; period?: string | null; percent: number; narrative: string; difficulties?: string | null; proposals?: string | null; documentNumber?: string | null; fileId?: number | null }) {
      return db.transaction(async (tx) => {
        const row = await loadRow(tx, actor, id);
        if (input.kind === 'inspection') requireManage(actor, row);
        else requireReport(actor, row);
        if (!row.taskId || row.taskCompletedOn || row.stage === STOPPED_STAGE) throw new AppError('CONFLICT', 'Chỉ báo cáo tiến độ khi nhiệm vụ đang thực hiện (đã ký hợp đồng, chưa nghiệm thu).');
        checkDate(input.on, 'on');
        if (row.taskAssignedOn && input.on < row.taskAssignedOn) throw invalid(`Trường "on": ngày báo cáo trước ngày ký hợp đồng (${formatDate(row.taskAssignedOn)}).`);
        if (input.fileId) await addDocument(tx, actor, row, { kind: input.kind === 'progress' ? 'progress_report' : 'inspection_minutes', number: input.documentNumber, issuedOn: input.on, fileId: input.fileId });
        const task = await getTask(tx, row.taskId);
        const narrative = `${input.kind === 'inspection' ? 'Kiểm tra giữa kỳ' : `Báo cáo định kỳ${input.period ? ` ${input.period}` : ''}`}: ${input.narrative.normalize('NFC')}`;
        const update = await insertProgressUpdate(tx, { taskId: row.taskId, percent: input.percent, narrative, difficulties: input.difficulties?.normalize('NFC') || null, proposals: input.proposals?.normalize('NFC') || null, reportedOn: input.on, createdBy: actor.userId });
        if (input.fileId) await attachFiles(tx, [{ taskId: row.taskId, fileId: input.fileId, progressUpdateId: update.id }]);
        await updateTask(tx, row.taskId, { progress: input.percent, state: task.state === 'assigned' ? 'in_progress' : task.state, lastUpdatedOn: input.on > (task.lastUpdatedOn ?? '') ? input.on : task.lastUpdatedOn });
        await taskEvent(tx, actor, row.taskId, input.on, 'progress', { projectId: id, percent: input.percent, narrative });
        await save(tx, row, undefined, {});
        await event(tx, actor, id, {
          stage: row.stage,
          on: input.on,
          action: input.kind === 'progress' ? 'report' : 'inspection',
          documentNumber: input.documentNumber ?? null,
          note: input.narrative.normalize('NFC'),
          data: { percent: input.percent, period: input.period ?? null, difficulties: input.difficulties ?? null, proposals: input.proposals ?? null },
        });
        await audit(tx, actor, input.kind === 'progress' ? 'report' : 'inspection', id, null, { on: input.on, percent: input.percent });
        return id;
      });
    },

    /** A change request during implementation: content, members, budget or schedule (a new end month). */
    async requestChange(actor: Actor, id: number, input: { kind: ChangeKind; description: string; on?: string; endMonth?: string | null; members?: ProjectMember[] | null; budget?: BudgetPlan | null; objectives?: string | null; expectedProducts?: string | null }) {
      return db.transaction(async (tx) => {
        const row = await loadRow(tx, actor, id);
        requireReport(actor, row);
        if (!row.taskId || row.taskCompletedOn || row.stage === STOPPED_STAGE) throw new AppError('CONFLICT', 'Chỉ đề nghị điều chỉnh khi nhiệm vụ đang thực hiện (đã ký hợp đồng, chưa nghiệm thu).');
        const on = input.on ?? today();
        checkDate(on, 'on');
        if (input.kind === 'schedule') {
          if (!input.endMonth) throw invalid('Trường "endMonth": vui lòng ghi tháng kết thúc mới đề nghị gia hạn.');
          if (row.endMonth && input.endMonth <= row.endMonth) throw invalid(`Trường "endMonth": tháng kết thúc mới phải sau tháng kết thúc hiện hành (${row.endMonth.slice(5)}/${row.endMonth.slice(0, 4)}).`);
        }
        if (input.kind === 'members' && !input.members?.length) throw invalid('Trường "members": vui lòng ghi danh sách thành viên mới.');
        if (input.kind === 'budget') {
          if (!input.budget) throw invalid('Trường "budget": vui lòng ghi kinh phí đề nghị điều chỉnh.');
          const problems = validateBudgetPlan(input.budget);
          if (problems.length) throw invalid(`Trường "budget": ${problems.join(' ')}`, problems);
        }
        const events = await listProjectEvents(tx, id);
        const decided = new Set(events.filter((entry) => entry.action === 'change_decision').map((entry) => (entry.data as Record<string, unknown> | null)?.requestId));
        if (events.some((entry) => entry.action === 'change_request' && !decided.has(entry.id) && (entry.data as Record<string, unknown> | null)?.kind === input.kind)) {
          throw new AppError('CONFLICT', `Nhiệm vụ đã có một đề nghị "${CHANGE_KIND_LABELS[input.kind]}" đang chờ xử lý.`);
        }
        await save(tx, row, undefined, {});
        const created = await event(tx, actor, id, {
          stage: row.stage,
          on,
          action: 'change_request',
          note: input.description.normalize('NFC'),
          data: { kind: input.kind, endMonth: input.endMonth ?? null, members: input.members ?? null, budget: input.budget ?? null, objectives: input.objectives ?? null, expectedProducts: input.expectedProducts ?? null },
        });
        await audit(tx, actor, 'change_request', id, null, { requestId: created.id, kind: input.kind, description: input.description });
        return id;
      });
    },

    /**
     * Approves or rejects a change request, dated, with the decision's number. An approved
     * schedule change is an approved extension of the task, in force from its approval date.
     */
    async decideChange(actor: Actor, id: number, requestId: number, input: { version: number; approve: boolean; on: string; decisionNumber?: string | null; reason?: string | null }) {
      return db.transaction(async (tx) => {
        const row = await loadRow(tx, actor, id);
        requireManage(actor, row);
        const request = await findProjectEvent(tx, id, requestId);
        if (!request || request.action !== 'change_request') throw notFound(`đề nghị điều chỉnh có mã ${requestId}`);
        const events = await listProjectEvents(tx, id);
        if (events.some((entry) => entry.action === 'change_decision' && (entry.data as Record<string, unknown> | null)?.requestId === requestId)) throw new AppError('CONFLICT', 'Đề nghị điều chỉnh này đã được xử lý.');
        if (!input.approve && !input.reason?.trim()) throw invalid('Trường "reason": vui lòng nêu lý do không đồng ý.');
        checkDate(input.on, 'on');
        if (input.on < request.on) throw invalid(`Trường "on": ngày quyết định trước ngày đề nghị (${formatDate(request.on)}).`);
        const data = (request.data ?? {}) as { kind: ChangeKind; endMonth?: string | null; members?: ProjectMember[] | null; budget?: BudgetPlan | null; objectives?: string | null; expectedProducts?: string | null };
        const changes: Parameters<typeof updateProjectVersioned>[3] = {};
        if (input.approve) {
          if (row.taskCompletedOn || row.stage === STOPPED_STAGE) throw new AppError('CONFLICT', 'Nhiệm vụ đã nghiệm thu hoặc đã dừng; không điều chỉnh được nữa.');
          if (data.kind === 'schedule' && data.endMonth && row.taskId) {
            await approveExtension(tx, actor, row.taskId, { endMonth: data.endMonth, requestedOn: request.on, approvedOn: input.on, reason: request.note ?? 'Gia hạn thời gian thực hiện' });
            changes.endMonth = data.endMonth;
          }
          if (data.kind === 'members' && data.members) changes.members = data.members;
          if (data.kind === 'budget' && data.budget) {
            const paid = (await listPayments(tx, [id])).map((payment) => ({ paidOn: payment.paidOn, year: payment.year, amount: payment.amount, source: payment.source as PaymentSource }));
            const summary = summarizeBudget(data.budget, paid);
            if (summary.paidState > stateBudgetTotal(data.budget) || summary.paidOther > data.budget.other) throw invalid('Kinh phí điều chỉnh thấp hơn kinh phí đã cấp.');
            Object.assign(changes, { budgetTotal: data.budget.total, budgetState: data.budget.stateByYear, budgetOther: data.budget.other });
          }
          if (data.kind === 'content') {
            if (data.objectives) changes.objectives = data.objectives;
            if (data.expectedProducts) changes.expectedProducts = data.expectedProducts;
          }
        }
        await save(tx, row, input.version, changes);
        if (input.approve && input.decisionNumber) await addDocument(tx, actor, row, { kind: 'change_decision', number: input.decisionNumber, issuedOn: input.on, title: `${CHANGE_KIND_LABELS[data.kind]}` });
        await event(tx, actor, id, {
          stage: row.stage,
          on: input.on,
          action: 'change_decision',
          documentNumber: input.decisionNumber ?? null,
          documentDate: input.decisionNumber ? input.on : null,
          note: input.reason?.normalize('NFC') || null,
          data: { requestId, kind: data.kind, approve: input.approve, endMonth: data.endMonth ?? null },
        });
        await audit(tx, actor, input.approve ? 'change_approve' : 'change_reject', id, { endMonth: row.endMonth }, { requestId, kind: data.kind, on: input.on, ...changes });
        return id;
      });
    },

    /** Stops a project by decision (đình chỉ, chấm dứt): its task is cancelled from that date. */
    async stop(actor: Actor, id: number, input: { version: number; on: string; decisionNumber?: string | null; reason: string }) {
      return db.transaction(async (tx) => {
        const row = await loadRow(tx, actor, id);
        requireManage(actor, row);
        if (row.stage === STOPPED_STAGE) throw new AppError('CONFLICT', 'Nhiệm vụ đã dừng thực hiện.');
        if (row.taskCompletedOn) throw new AppError('CONFLICT', 'Nhiệm vụ đã nghiệm thu; không dừng thực hiện được.');
        checkDate(input.on, 'on', await lastMoveOn(tx, id));
        await addDocument(tx, actor, row, { kind: 'stop_decision', number: input.decisionNumber, issuedOn: input.on });
        await save(tx, row, input.version, { stage: STOPPED_STAGE });
        if (row.taskId) {
          await updateTask(tx, row.taskId, { state: 'cancelled', cancelledOn: input.on, lastUpdatedOn: input.on });
          await taskEvent(tx, actor, row.taskId, input.on, 'cancel', { projectId: id, reason: input.reason, cancelledOn: input.on });
        }
        await event(tx, actor, id, { stage: STOPPED_STAGE, on: input.on, action: 'stage', documentNumber: input.decisionNumber ?? null, documentDate: input.on, note: input.reason.normalize('NFC'), data: { from: row.stage } });
        await audit(tx, actor, 'stop', id, { stage: row.stage }, { stage: STOPPED_STAGE, on: input.on, reason: input.reason });
        return id;
      });
    },

    /** Records an application or transfer of the results of an accepted project, followed up for two years. */
    async recordApplication(actor: Actor, id: number, input: { appliedOn: string; organizationCode?: string | null; description: string; followUpUntil?: string | null; status?: ApplicationStatus }) {
      return db.transaction(async (tx) => {
        const row = await loadRow(tx, actor, id);
        requireReport(actor, row);
        if (!row.taskCompletedOn) throw new AppError('CONFLICT', 'Chỉ ghi nhận ứng dụng kết quả của nhiệm vụ đã nghiệm thu đạt.');
        checkDate(input.appliedOn, 'appliedOn');
        if (input.appliedOn < row.taskCompletedOn) throw invalid(`Trường "appliedOn": ngày ứng dụng trước ngày nghiệm thu (${formatDate(row.taskCompletedOn)}).`);
        let organizationId: number | null = null;
        if (input.organizationCode) {
          const organization = await findOrganizationByCode(tx, input.organizationCode);
          if (!organization) throw invalid(`Trường "organizationCode": không tìm thấy cơ quan, đơn vị có mã "${input.organizationCode}".`);
          organizationId = organization.id;
        }
        const followUpUntil = input.followUpUntil ?? addYears(input.appliedOn, APPLICATION_FOLLOW_UP_YEARS);
        if (followUpUntil < input.appliedOn) throw invalid('Trường "followUpUntil": ngày kết thúc theo dõi trước ngày ứng dụng.');
        const created = await insertApplication(tx, { projectId: id, appliedOn: input.appliedOn, organizationId, description: input.description.normalize('NFC').trim(), followUpUntil, status: input.status ?? 'applying' });
        await save(tx, row, undefined, {});
        await event(tx, actor, id, { stage: row.stage, on: input.appliedOn, action: 'application', note: created.description, data: { applicationId: created.id, organizationCode: input.organizationCode ?? null, followUpUntil } });
        await audit(tx, actor, 'application', id, null, created);
        return id;
      });
    },

    /** A follow-up of an application: its status on a date, with a note. */
    async followUpApplication(actor: Actor, id: number, applicationId: number, input: { on: string; status: ApplicationStatus; note: string }) {
      return db.transaction(async (tx) => {
        const row = await loadRow(tx, actor, id);
        requireReport(actor, row);
        const application = await findApplication(tx, id, applicationId);
        if (!application) throw notFound(`kết quả ứng dụng có mã ${applicationId}`);
        checkDate(input.on, 'on');
        if (input.on < application.appliedOn) throw invalid('Trường "on": ngày theo dõi trước ngày ứng dụng.');
        if (!(APPLICATION_STATUSES as readonly string[]).includes(input.status)) throw invalid('Trường "status" không hợp lệ.');
        await updateApplicationStatus(tx, applicationId, input.status);
        await save(tx, row, undefined, {});
        await event(tx, actor, id, { stage: row.stage, on: input.on, action: 'application_follow_up', note: input.note.normalize('NFC'), data: { applicationId, status: input.status, previous: application.status } });
        await audit(tx, actor, 'application_follow_up', id, { status: application.status }, { applicationId, status: input.status, note: input.note });
        return id;
      });
    },

    /** The register of applications of results, of the projects the actor may read. */
    async applications(actor: Actor | null, query: { asOf?: string; status?: string[]; followingUp?: boolean; search?: string } = {}) {
      const asOf = query.asOf ?? today();
      const rows = await listProjectRows(db);
      const byId = new Map(rows.map((row) => [row.id, row]));
      const words = query.search ? fold(query.search).split(/\s+/).filter(Boolean) : [];
      const items = (await listApplications(db))
        .filter((application) => application.appliedOn <= asOf)
        .map((application) => {
          const project = byId.get(application.projectId)!;
          return {
            ...application,
            projectCode: project.code,
            projectTitle: project.title,
            hostCode: project.hostCode,
            hostName: project.hostName,
            level: project.level,
            field: project.field,
            acceptanceRating: project.acceptanceRating,
            followingUp: application.followUpUntil >= asOf,
            daysLeft: application.followUpUntil >= asOf ? daysBetween(asOf, application.followUpUntil) : 0,
            project,
          };
        })
        .filter((item) => !actor || canReadProject(actor, accessOf(item.project)))
        .filter((item) => !query.status?.length || query.status.includes(item.status))
        .filter((item) => query.followingUp === undefined || item.followingUp === query.followingUp)
        .filter((item) => !words.length || words.every((word) => fold(`${item.projectCode} ${item.projectTitle} ${item.description} ${item.organizationName ?? ''} ${item.hostName}`).includes(word)))
        .map(({ project: _project, ...item }) => item)
        .sort((a, b) => compareDates(b.appliedOn, a.appliedOn) || collator.compare(a.projectCode, b.projectCode));
      return { asOf, total: items.length, items };
    },

    /**
     * Reads a project list (Excel) and, unless it is a dry run or a row has an error, writes
     * every project in one transaction: all or nothing.
     */
    async importProjects(actor: Actor | null, buffer: Buffer, input: { dryRun: boolean }): Promise<ProjectImportResult> {
      let grid;
      try {
        grid = await readFirstWorksheetGrid(buffer);
      } catch (error) {
        if (error instanceof UnreadableWorkbookError) throw new ProjectImportRefusedError('VALIDATION_ERROR', error.message);
        throw error;
      }
      const { stages } = await configuration();
      const organizations = await listOrganizations(db, {});
      const matcher = createOrganizationMatcher(organizations.map(toMatchable));
      const existingCodes = new Set((await listProjectCodes(db)).map(normalizeProjectCode));
      const programmes = (await listDirectives(db, { page: 1, pageSize: 100_000 })).items.map((directive) => ({ id: directive.id, number: directive.number, title: directive.title }));
      const table = readProjectTable(grid, { matcher, stages, today: today(), existingCodes, programmes });
      const byId = new Map(organizations.map((organization) => [organization.id, organization]));
      const result: ProjectImportResult = {
        ok: table.ok,
        dryRun: input.dryRun,
        created: table.ok ? table.projects.length : 0,
        warnings: table.warnings,
        errors: table.errors,
        projects: table.projects.map((project) => ({
          sheetRow: project.sheetRow,
          code: project.code,
          title: project.title,
          level: project.level,
          field: project.field,
          hostCode: byId.get(project.hostOrganizationId)?.code ?? '',
          hostName: byId.get(project.hostOrganizationId)?.name ?? '',
          stage: project.stage,
          stageName: stageName(stages, project.stage),
          startMonth: project.startMonth,
          endMonth: project.extension?.endMonth ?? project.endMonth,
          budgetTotal: project.budget.total,
        })),
      };
      if (actor) {
        for (const project of table.projects) {
          const host = byId.get(project.hostOrganizationId)!;
          const managingPath = project.directiveId !== null ? (await options.directives.getDirective(project.directiveId)).issuerPath : (await provinceOf(db, host.path)).path;
          if (!canManageProject(actor, { managingPath })) throw forbidden();
        }
      }
      if (!table.ok || input.dryRun) return result;
      await writePlannedProjects(actor, table.projects);
      return result;
    },

    writePlannedProjects,

    /** The id of a project by its code (or null). */
    async findIdByCode(code: string): Promise<number | null> {
      return (await findProjectByCode(db, code))?.id ?? null;
    },

    /** A project's current version (for scripted workflows: the demo data, tests). */
    async versionOf(id: number): Promise<number> {
      const project = await findProject(db, id);
      if (!project) throw notFound(`nhiệm vụ KH&CN có mã ${id}`);
      return project.version;
    },
  };
}

function levelWord(level: string): string {
  return ({ national: 'quốc gia', ministry: 'bộ', province: 'tỉnh', grassroots: 'cơ sở' } as Record<string, string>)[level] ?? level;
}

function formatDate(date: string): string {
  const [year, month, day] = date.split('-');
  return `${day}/${month}/${year}`;
}

function checkMonths(startMonth: string | null, endMonth: string | null) {
  if (startMonth && endMonth && endMonth < startMonth) throw invalid('Trường "endMonth": tháng kết thúc trước tháng bắt đầu.');
}

/** Timeliness counts of the projects whose task exists (the domain's five categories and rates). */
function timelinessCounts(items: { timeliness: ProjectTimeliness | null; dueSoon: boolean }[]): TimelinessCounts {
  const tallies = { total: 0, due: 0, completedOnTime: 0, completedLate: 0, inProgress: 0, overdue: 0, noDeadline: 0, dueSoon: 0 };
  for (const item of items) {
    switch (item.timeliness) {
      case 'completed_on_time':
        tallies.completedOnTime += 1;
        break;
      case 'completed_late':
        tallies.completedLate += 1;
        break;
      case 'in_progress':
        tallies.inProgress += 1;
        if (item.dueSoon) tallies.dueSoon += 1;
        break;
      case 'overdue':
        tallies.overdue += 1;
        break;
      case 'no_deadline':
        tallies.noDeadline += 1;
        break;
      default:
        continue;
    }
    tallies.total += 1;
  }
  tallies.due = tallies.completedOnTime + tallies.completedLate + tallies.overdue;
  return ratesFromCounts(tallies);
}

/** Budget totals of some projects: planned (total, state, other) and paid, and by year. */
function budgetTotals(items: { budgetTotal: number; budgetState: number; budgetOther: number; paid: number; paidState: number; paidOther: number; byYear: { year: number; planned: number; paid: number }[] }[]) {
  const state = sumAmounts(items.map((item) => item.budgetState));
  const paidState = sumAmounts(items.map((item) => item.paidState));
  return {
    total: sumAmounts(items.map((item) => item.budgetTotal)),
    state,
    other: sumAmounts(items.map((item) => item.budgetOther)),
    paid: sumAmounts(items.map((item) => item.paid)),
    paidState,
    paidOther: sumAmounts(items.map((item) => item.paidOther)),
    disbursementRate: state === 0 ? null : paidState / state,
    byYear: mergeBudgetYears(items),
  };
}

export type ProjectsService = ReturnType<typeof createProjectsService>;
