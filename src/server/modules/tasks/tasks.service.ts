import type { Actor, TaskAccess } from '../../../domain/policies';
import {
  canConfirmTask,
  canDecideExtension,
  canManageTask,
  canReadTask,
  canReportOnTask,
  canSubmitForTask,
  hasRoleOn,
  readableScopes,
} from '../../../domain/policies';
import { evaluateTask, type Timeliness } from '../../../domain/timeliness';
import type { Clock } from '../../clock';
import type { Database, Tx } from '../../db/client';
import { AppError, forbidden, invalid, messages, notFound } from '../../errors';
import { insertAuditEvent } from '../audit/audit.repository';
import { listDirectiveSubtreeIds } from '../directives/directives.repository';
import type { DirectivesService } from '../directives/directives.service';
import { findFileOwners } from '../files/files.repository';
import { findOrganizationByCode, findOrganizationsByCodes, findOrganizationsByIds } from '../organizations/organizations.repository';
import { daysBetween, formatDateVi } from '../../../domain/dates';
import {
  attachFiles,
  decideExtension,
  decideSubmission,
  findExtension,
  findPendingExtension,
  findPendingSubmission,
  findTask,
  findTaskAccess,
  findProjectCodeOfTask,
  insertCoordinators,
  insertExtension,
  insertProgressUpdate,
  insertSubmission,
  insertTask,
  insertTaskEvent,
  listApprovedExtensionFacts,
  listCoordinators,
  listExtensions,
  listProgressUpdates,
  listSubmissions,
  listTaskEvents,
  listTaskFiles,
  countTasksByDeadlineRanges,
  listTasks,
  refreshParentProgress,
  taskSortKeyType,
  replaceCoordinators,
  updateTaskVersioned,
  type TaskCursor,
  type TaskListFilter,
  type TaskListRow,
  type TaskRecord,
} from './tasks.repository';

export const taskStates = ['assigned', 'in_progress', 'awaiting_confirmation', 'completed', 'paused', 'cancelled'] as const;
export type TaskState = (typeof taskStates)[number];
export const taskSorts = ['deadline', '-deadline', 'title', '-title', 'lead', '-lead', 'updated', '-updated'] as const;

export interface TaskListQuery {
  asOf?: string;
  directive?: number;
  group?: string;
  org?: string;
  timeliness?: Timeliness[];
  dueSoon?: boolean;
  state?: TaskState[];
  deadlineFrom?: string;
  deadlineTo?: string;
  search?: string;
  parent?: number;
  sort?: (typeof taskSorts)[number];
  page: number;
  pageSize: number;
  /** Keyset paging: the `nextCursor` of the previous page (the page starts after it; `page` is ignored). */
  after?: string;
  /** Count every match instead of at most 10,000 (for a caller that shows the number itself). */
  exactTotal?: boolean;
}

const invalidCursor = () =>
  invalid('Trường "after": con trỏ phân trang không hợp lệ hoặc không khớp với cách sắp xếp. Vui lòng tải lại danh sách từ trang đầu.');

/** 'YYYY-MM-DD' naming a day that exists. */
function isCalendarDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** The opaque `nextCursor` of a task list: base64url of `[sort, key of the last row, its id]`. */
export function encodeTaskCursor(sort: string, cursor: TaskCursor): string {
  return Buffer.from(JSON.stringify([sort, cursor.key, cursor.id]), 'utf8').toString('base64url');
}

/** Reads a cursor made by {@link encodeTaskCursor} for the same sort; anything else is a 400. */
export function decodeTaskCursor(text: string, sort: string): TaskCursor {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  if (!Array.isArray(value) || value.length !== 3) throw invalidCursor();
  const [cursorSort, key, id] = value as unknown[];
  if (cursorSort !== sort || typeof id !== 'number' || !Number.isInteger(id) || id < 1 || id > 2_147_483_647) throw invalidCursor();
  const { type, nullable } = taskSortKeyType(sort);
  if (key === null) {
    if (type !== null && !nullable) throw invalidCursor();
    return { key: null, id };
  }
  if (type === null || typeof key !== 'string' || key.length > 4000 || key.includes('\u0000')) throw invalidCursor();
  if (type === 'date' && !isCalendarDate(key)) throw invalidCursor();
  if (type === 'timestamptz') {
    const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2}):(\d{2})\.\d{6}Z$/.exec(key);
    if (!match || !isCalendarDate(match[1]) || Number(match[2]) > 23 || Number(match[3]) > 59 || Number(match[4]) > 59) throw invalidCursor();
  }
  return { key, id };
}

const stateLabels: Record<string, string> = {
  assigned: 'mới giao',
  in_progress: 'đang thực hiện',
  awaiting_confirmation: 'chờ xác nhận',
  completed: 'đã hoàn thành',
  paused: 'tạm dừng',
  cancelled: 'đã hủy',
};

export function createTasksService(database: Database, clock: Clock, options: { dueSoonDays: number; directives: DirectivesService }) {
  const db = database.db;

  function presentRow(row: TaskListRow, asOf: string) {
    const dueSoon = row.timeliness === 'in_progress' && row.deadline !== null && daysBetween(asOf, row.deadline) <= options.dueSoonDays;
    const overdueDays = row.timeliness === 'overdue' && row.deadline ? daysBetween(row.deadline, asOf) : null;
    return {
      id: row.id,
      title: row.title,
      directiveId: row.directiveId,
      directiveNumber: row.directiveNumber,
      group: row.group,
      subgroup: row.subgroup,
      leadCode: row.leadCode,
      leadName: row.leadName,
      deadline: row.deadline,
      originalDeadline: row.originalDeadline,
      isContinuous: row.isContinuous,
      year: row.year,
      state: row.state,
      progress: row.progress,
      timeliness: row.timeliness,
      dueSoon,
      overdueDays,
      completedOn: row.completedOn,
      isContainer: row.isContainer,
      parentId: row.parentId,
      version: row.version,
    };
  }

  /**
   * The visibility filter a list needs: none when every task it can return is led inside one of
   * the actor's scopes (the lead filter's subtree lies within a scope), which the policy reads.
   */
  function visibilityFilter(scopes: string[] | null, leadPath: string | undefined): string[] | null {
    if (scopes !== null && leadPath !== undefined && scopes.some((scope) => leadPath.startsWith(scope))) return null;
    return scopes;
  }

  async function buildFilter(actor: Actor, query: Omit<TaskListQuery, 'page' | 'pageSize' | 'sort'> & Partial<Pick<TaskListQuery, 'page' | 'pageSize' | 'sort'>>): Promise<TaskListFilter> {
    const asOf = query.asOf ?? clock.today();
    const sort = query.sort ?? 'deadline';
    const after = query.after === undefined ? undefined : decodeTaskCursor(query.after, sort);
    let leadPath: string | undefined;
    if (query.org) {
      const organization = await findOrganizationByCode(db, query.org);
      if (!organization) throw notFound(`cơ quan, đơn vị có mã "${query.org}"`);
      leadPath = organization.path;
    }
    let directiveIds: number[] | undefined;
    if (query.directive !== undefined) {
      await options.directives.getDirective(query.directive);
      directiveIds = await listDirectiveSubtreeIds(db, [query.directive]);
    }
    return {
      asOf,
      directiveIds,
      group: query.group,
      leadPath,
      timeliness: query.timeliness,
      dueSoon: query.dueSoon,
      dueSoonDays: options.dueSoonDays,
      states: query.state,
      deadlineFrom: query.deadlineFrom,
      deadlineTo: query.deadlineTo,
      search: query.search?.normalize('NFC'),
      parentId: query.parent,
      readableScopes: visibilityFilter(readableScopes(actor), leadPath),
      sort,
      page: query.page ?? 1,
      pageSize: query.pageSize ?? 20,
      after,
      totalCap: query.exactTotal ? null : undefined,
    };
  }

  /** A project's task follows the project's life cycle: its workflow runs on the project page only. */
  async function refuseProjectTask(executor: Tx, task: TaskRecord) {
    const code = await findProjectCodeOfTask(executor, task.id);
    if (code) throw new AppError('CONFLICT', `Đây là nhiệm vụ KH&CN ${code}: vui lòng cập nhật tiến độ, gia hạn, nghiệm thu trên trang Nhiệm vụ KH&CN.`);
  }

  async function getTaskWithAccess(actor: Actor, id: number, executor: Tx | typeof db = db): Promise<{ task: TaskRecord; access: TaskAccess }> {
    const task = await findTask(executor, id);
    const access = task ? await findTaskAccess(executor, id) : null;
    if (!task || !access || !canReadTask(actor, access)) throw notFound(`nhiệm vụ có mã ${id}`);
    return { task, access };
  }

  function checkVersion(task: TaskRecord, version: number) {
    if (task.version !== version) throw new AppError('CONFLICT', messages.staleVersion, { currentVersion: task.version });
  }

  async function saveVersioned(tx: Tx, task: TaskRecord, version: number, values: Parameters<typeof updateTaskVersioned>[3]) {
    checkVersion(task, version);
    if (!(await updateTaskVersioned(tx, task.id, version, values))) throw new AppError('CONFLICT', messages.staleVersion);
  }

  async function record(tx: Tx, actor: Actor, task: TaskRecord, action: string, data: Record<string, unknown>, after?: Partial<TaskRecord>) {
    await insertTaskEvent(tx, { taskId: task.id, on: clock.today(), actorUserId: actor.userId, actorName: actor.fullName || actor.username, action, data });
    await insertAuditEvent(tx, {
      actorUserId: actor.userId,
      actorName: actor.username,
      action: `task.${action}`,
      entity: 'task',
      entityId: task.id,
      before: { state: task.state, progress: task.progress, deadline: task.deadline, completedOn: task.completedOn, version: task.version },
      after: { ...data, ...(after ?? {}) },
    });
  }

  async function checkFiles(tx: Tx, actor: Actor, fileIds: number[]) {
    const owners = await findFileOwners(tx, fileIds);
    for (const id of fileIds) {
      const owner = owners.find((file) => file.id === id);
      if (!owner) throw invalid(`Trường "fileIds": không tìm thấy tệp có mã ${id}.`);
      if (owner.createdBy !== actor.userId) throw invalid(`Trường "fileIds": tệp ${id} không do bạn tải lên.`);
    }
  }

  function requireOpen(task: TaskRecord, action: string) {
    if (task.isContainer) throw invalid('Đây là nhiệm vụ tổng hợp (gồm các nhiệm vụ con); vui lòng thao tác trên từng nhiệm vụ con.');
    if (task.state === 'completed' || task.state === 'cancelled') {
      throw new AppError('CONFLICT', `Nhiệm vụ ${stateLabels[task.state]}, không thể ${action}.`);
    }
  }

  return {
    presentRow,
    buildFilter,

    async list(actor: Actor, query: TaskListQuery) {
      const filter = await buildFilter(actor, query);
      const { rows, total, totalIsEstimate, next } = await listTasks(db, filter);
      return {
        items: rows.map((row) => presentRow(row, filter.asOf)),
        total,
        totalIsEstimate,
        nextCursor: next ? encodeTaskCursor(filter.sort, next) : null,
        asOf: filter.asOf,
      };
    },

    /**
     * The totals of several lists that differ only by their deadline range, in one statement:
     * for each range, what `list` would give as its exact total with those deadline bounds.
     */
    async countByDeadlineRanges(actor: Actor, query: Omit<TaskListQuery, 'page' | 'pageSize' | 'deadlineFrom' | 'deadlineTo'>, ranges: readonly { from: string | null; to: string }[]) {
      return countTasksByDeadlineRanges(db, await buildFilter(actor, query), ranges);
    },

    /** Every task matching the filters (for the export), in pages of 5,000 read by key. */
    async listAll(actor: Actor, query: Omit<TaskListQuery, 'page' | 'pageSize'>) {
      const filter = await buildFilter(actor, { ...query, page: 1, pageSize: 5000 });
      const all: ReturnType<typeof presentRow>[] = [];
      for (let after = filter.after; ; ) {
        const { rows, next } = await listTasks(db, { ...filter, after });
        all.push(...rows.map((row) => presentRow(row, filter.asOf)));
        if (!next) break;
        after = next;
      }
      return { items: all, asOf: filter.asOf };
    },

    async detail(actor: Actor, id: number, asOfInput?: string) {
      const asOf = asOfInput ?? clock.today();
      const { task, access } = await getTaskWithAccess(actor, id);
      const extensionFacts = await listApprovedExtensionFacts(db, id);
      const evaluation = evaluateTask(
        {
          assignedOn: task.assignedOn,
          isContainer: task.isContainer,
          originalDeadline: task.originalDeadline,
          extensions: extensionFacts.map((fact) => ({ approvedOn: fact.approvedOn!, newDeadline: fact.newDeadline })),
          completedOn: task.completedOn,
          cancelledOn: task.cancelledOn,
        },
        asOf,
        { dueSoonDays: options.dueSoonDays },
      );
      const [directive, lead, assigning, coordinating, children, updates, extensions, submissions, timeline, files] = await Promise.all([
        options.directives.getDirective(task.directiveId),
        task.leadOrganizationId ? findOrganizationsByIdsOne(task.leadOrganizationId) : Promise.resolve(null),
        findOrganizationsByIdsOne(task.assigningOrganizationId),
        listCoordinators(db, id),
        listTasks(db, { ...(await buildFilter(actor, { asOf, parent: id })), pageSize: 500 }),
        listProgressUpdates(db, id),
        listExtensions(db, id),
        listSubmissions(db, id),
        listTaskEvents(db, id),
        listTaskFiles(db, id),
      ]);
      const isLive = task.state !== 'completed' && task.state !== 'cancelled' && !task.isContainer;
      return {
        id: task.id,
        title: task.title,
        directiveId: task.directiveId,
        directiveNumber: directive.number,
        directiveTitle: directive.title,
        group: task.groupName,
        subgroup: task.subgroupName,
        leadCode: lead?.code ?? null,
        leadName: lead?.name ?? null,
        assigningCode: assigning?.code ?? '',
        assigningName: assigning?.name ?? '',
        deadline: evaluation?.deadline ?? task.deadline,
        originalDeadline: task.originalDeadline,
        isContinuous: task.isContinuous,
        year: task.year,
        state: task.state,
        progress: task.progress,
        timeliness: task.isContainer ? null : (evaluation?.timeliness ?? null),
        dueSoon: evaluation?.dueSoon ?? false,
        overdueDays: evaluation?.overdueDays ?? null,
        completedOn: task.completedOn,
        isContainer: task.isContainer,
        parentId: task.parentId,
        version: task.version,
        assignedOn: task.assignedOn,
        cancelledOn: task.cancelledOn,
        coordinating,
        coordinationNotes: task.coordinationNotes,
        expectedOutput: task.expectedOutput,
        children: children.rows.map((row) => presentRow(row, asOf)),
        updates: updates.map((update) => ({ ...update, files: files.filter((file) => file.progressUpdateId === update.id) })),
        extensions,
        submissions: submissions.map((submission) => ({ ...submission, files: files.filter((file) => file.submissionId === submission.id) })),
        timeline: timeline.map((event) => ({ id: event.id, at: event.at, on: event.on, actor: event.actorName, action: event.action, data: event.data })),
        files: files.map(({ progressUpdateId: _u, submissionId: _s, ...file }) => file),
        permissions: {
          canReport: isLive && canReportOnTask(actor, access),
          canSubmit: isLive && canSubmitForTask(actor, access) && task.state !== 'awaiting_confirmation',
          canConfirm: task.state === 'awaiting_confirmation' && canConfirmTask(actor, access),
          canRequestExtension: isLive && task.deadline !== null && canSubmitForTask(actor, access),
          canDecideExtension: extensions.some((extension) => extension.status === 'pending') && canDecideExtension(actor, access),
          canManage: canManageTask(actor, access),
          canCreateSubtask: !task.isContainer && task.state !== 'cancelled' && (canManageTask(actor, access) || hasRoleOn(actor, ['coordinator', 'reporter'], access.leadPath)),
        },
      };
    },

    async create(
      actor: Actor,
      input: { directiveId: number; title: string; leadCode: string; deadline?: string | null; coordinatingCodes?: string[]; expectedOutput?: string | null; group?: string | null; parentId?: number | null },
    ) {
      return db.transaction(async (tx) => {
        const directive = await options.directives.getDirective(input.directiveId, tx);
        const lead = await findOrganizationByCode(tx, input.leadCode);
        if (!lead || !lead.isActive) throw invalid(`Trường "leadCode": không tìm thấy cơ quan chủ trì có mã "${input.leadCode}".`);
        let assigningOrganizationId = directive.issuerId;
        let parent: TaskRecord | null = null;
        if (input.parentId != null) {
          const found = await getTaskWithAccess(actor, input.parentId, tx);
          parent = found.task;
          if (parent.directiveId !== input.directiveId) throw invalid('Trường "parentId": nhiệm vụ cha thuộc văn bản khác.');
          if (parent.state === 'cancelled') throw invalid('Trường "parentId": nhiệm vụ cha đã bị hủy.');
          if (!canManageTask(actor, found.access) && !hasRoleOn(actor, ['coordinator', 'reporter'], found.access.leadPath)) throw forbidden();
          if (parent.leadOrganizationId) assigningOrganizationId = parent.leadOrganizationId;
        } else if (!canManageTask(actor, { assigningPath: directive.issuerPath })) {
          throw forbidden();
        }
        const coordinatingCodes = [...new Set(input.coordinatingCodes ?? [])];
        const coordinating = await findOrganizationsByCodes(tx, coordinatingCodes);
        const missing = coordinatingCodes.filter((code) => !coordinating.some((organization) => organization.code === code));
        if (missing.length) throw invalid(`Trường "coordinatingCodes": không tìm thấy cơ quan phối hợp có mã ${missing.map((code) => `"${code}"`).join(', ')}.`);
        const today = clock.today();
        if (input.deadline && input.deadline < today) throw invalid(`Trường "deadline": thời hạn hoàn thành không được trước ngày giao (${today}).`);
        const created = await insertTask(tx, {
          directiveId: input.directiveId,
          parentId: parent?.id ?? null,
          leadOrganizationId: lead.id,
          assigningOrganizationId,
          title: input.title.normalize('NFC'),
          groupName: input.group ?? parent?.groupName ?? null,
          subgroupName: parent?.subgroupName ?? null,
          expectedOutput: input.expectedOutput ?? null,
          originalDeadline: input.deadline ?? null,
          deadline: input.deadline ?? null,
          isContinuous: !input.deadline,
          assignedOn: today,
          createdBy: actor.userId,
        });
        await insertCoordinators(tx, coordinating.map((organization) => ({ taskId: created.id, organizationId: organization.id })));
        await record(tx, actor, created, 'create', { title: created.title, leadCode: lead.code, deadline: created.deadline, parentId: created.parentId });
        if (parent) {
          await refreshParentProgress(tx, parent.id);
          await insertTaskEvent(tx, { taskId: parent.id, on: today, actorUserId: actor.userId, actorName: actor.fullName || actor.username, action: 'subtask', data: { taskId: created.id, leadCode: lead.code } });
        }
        return created.id;
      });
    },

    async update(actor: Actor, id: number, input: { version: number; title?: string; expectedOutput?: string | null; coordinatingCodes?: string[]; group?: string | null }) {
      return db.transaction(async (tx) => {
        const { task, access } = await getTaskWithAccess(actor, id, tx);
        if (!canManageTask(actor, access)) throw forbidden();
        await saveVersioned(tx, task, input.version, {
          ...(input.title !== undefined ? { title: input.title.normalize('NFC') } : {}),
          ...(input.expectedOutput !== undefined ? { expectedOutput: input.expectedOutput } : {}),
          ...(input.group !== undefined ? { groupName: input.group } : {}),
        });
        if (input.coordinatingCodes) {
          const codes = [...new Set(input.coordinatingCodes)];
          const found = await findOrganizationsByCodes(tx, codes);
          const missing = codes.filter((code) => !found.some((organization) => organization.code === code));
          if (missing.length) throw invalid(`Trường "coordinatingCodes": không tìm thấy cơ quan phối hợp có mã ${missing.map((code) => `"${code}"`).join(', ')}.`);
          await replaceCoordinators(tx, id, found.map((organization) => organization.id));
        }
        await record(tx, actor, task, 'edit', { title: input.title, expectedOutput: input.expectedOutput, coordinatingCodes: input.coordinatingCodes, group: input.group });
        return id;
      });
    },

    async postProgress(actor: Actor, id: number, input: { version: number; percent: number; narrative: string; difficulties?: string | null; proposals?: string | null; fileIds?: number[] }) {
      return db.transaction(async (tx) => {
        const { task, access } = await getTaskWithAccess(actor, id, tx);
        await refuseProjectTask(tx, task);
        if (!canReportOnTask(actor, access)) throw forbidden();
        requireOpen(task, 'báo cáo tiến độ');
        if (task.state === 'awaiting_confirmation') throw new AppError('CONFLICT', 'Nhiệm vụ đang chờ xác nhận hoàn thành; vui lòng chờ cơ quan giao nhiệm vụ xác nhận hoặc trả lại.');
        await checkFiles(tx, actor, input.fileIds ?? []);
        const today = clock.today();
        const nextState = task.state === 'assigned' ? 'in_progress' : task.state;
        await saveVersioned(tx, task, input.version, { progress: input.percent, state: nextState, lastUpdatedOn: today });
        const update = await insertProgressUpdate(tx, {
          taskId: id,
          percent: input.percent,
          narrative: input.narrative.normalize('NFC'),
          difficulties: input.difficulties?.normalize('NFC') || null,
          proposals: input.proposals?.normalize('NFC') || null,
          reportedOn: today,
          createdBy: actor.userId,
        });
        await attachFiles(tx, (input.fileIds ?? []).map((fileId) => ({ taskId: id, fileId, progressUpdateId: update.id })));
        await record(tx, actor, task, 'progress', { percent: input.percent, narrative: update.narrative, difficulties: update.difficulties, proposals: update.proposals, fileIds: input.fileIds ?? [] }, { state: nextState, progress: input.percent });
        if (task.parentId) await refreshParentProgress(tx, task.parentId);
        return id;
      });
    },

    async submit(actor: Actor, id: number, input: { version: number; note?: string | null; fileIds?: number[] }) {
      return db.transaction(async (tx) => {
        const { task, access } = await getTaskWithAccess(actor, id, tx);
        await refuseProjectTask(tx, task);
        if (!canSubmitForTask(actor, access)) throw forbidden();
        requireOpen(task, 'báo cáo hoàn thành');
        if (task.state === 'awaiting_confirmation' || (await findPendingSubmission(tx, id))) throw new AppError('CONFLICT', 'Nhiệm vụ đã được báo cáo hoàn thành và đang chờ xác nhận.');
        if (task.state === 'paused') throw new AppError('CONFLICT', 'Nhiệm vụ đang tạm dừng; vui lòng đề nghị tiếp tục trước khi báo cáo hoàn thành.');
        await checkFiles(tx, actor, input.fileIds ?? []);
        const today = clock.today();
        await saveVersioned(tx, task, input.version, { state: 'awaiting_confirmation', lastUpdatedOn: today });
        const submission = await insertSubmission(tx, { taskId: id, submittedOn: today, note: input.note?.normalize('NFC') || null, createdBy: actor.userId });
        await attachFiles(tx, (input.fileIds ?? []).map((fileId) => ({ taskId: id, fileId, submissionId: submission.id })));
        await record(tx, actor, task, 'submit', { submissionId: submission.id, submittedOn: today, note: submission.note, fileIds: input.fileIds ?? [] }, { state: 'awaiting_confirmation' });
        return id;
      });
    },

    /** Confirms the pending completion report: the completion date is the report's date. */
    async confirm(actor: Actor, id: number, input: { version: number }) {
      return db.transaction(async (tx) => {
        const { task, access } = await getTaskWithAccess(actor, id, tx);
        await refuseProjectTask(tx, task);
        if (!canConfirmTask(actor, access)) throw forbidden();
        const submission = await findPendingSubmission(tx, id);
        if (task.state !== 'awaiting_confirmation' || !submission) throw new AppError('CONFLICT', 'Nhiệm vụ không có báo cáo hoàn thành đang chờ xác nhận.');
        await saveVersioned(tx, task, input.version, { state: 'completed', completedOn: submission.submittedOn, progress: 100, lastUpdatedOn: clock.today() });
        await decideSubmission(tx, submission.id, { status: 'confirmed', decidedOn: clock.today(), decidedBy: actor.userId, reason: null });
        await record(tx, actor, task, 'confirm', { submissionId: submission.id, completedOn: submission.submittedOn }, { state: 'completed', completedOn: submission.submittedOn });
        if (task.parentId) await refreshParentProgress(tx, task.parentId);
        return id;
      });
    },

    async returnSubmission(actor: Actor, id: number, input: { version: number; reason: string }) {
      return db.transaction(async (tx) => {
        const { task, access } = await getTaskWithAccess(actor, id, tx);
        await refuseProjectTask(tx, task);
        if (!canConfirmTask(actor, access)) throw forbidden();
        const submission = await findPendingSubmission(tx, id);
        if (task.state !== 'awaiting_confirmation' || !submission) throw new AppError('CONFLICT', 'Nhiệm vụ không có báo cáo hoàn thành đang chờ xác nhận.');
        await saveVersioned(tx, task, input.version, { state: 'in_progress', lastUpdatedOn: clock.today() });
        await decideSubmission(tx, submission.id, { status: 'returned', decidedOn: clock.today(), decidedBy: actor.userId, reason: input.reason.normalize('NFC') });
        await record(tx, actor, task, 'return', { submissionId: submission.id, reason: input.reason }, { state: 'in_progress' });
        return id;
      });
    },

    async requestExtension(actor: Actor, id: number, input: { version: number; requestedDeadline: string; reason: string }) {
      return db.transaction(async (tx) => {
        const { task, access } = await getTaskWithAccess(actor, id, tx);
        await refuseProjectTask(tx, task);
        if (!canSubmitForTask(actor, access)) throw forbidden();
        requireOpen(task, 'đề nghị gia hạn');
        if (!task.deadline) throw invalid('Nhiệm vụ thường xuyên (không có thời hạn) không cần gia hạn.');
        if (input.requestedDeadline <= task.deadline) throw invalid(`Trường "requestedDeadline": thời hạn đề nghị phải sau thời hạn hiện hành (${formatDateVi(task.deadline)}).`);
        if (await findPendingExtension(tx, id)) throw new AppError('CONFLICT', 'Nhiệm vụ đã có một đề nghị gia hạn đang chờ phê duyệt.');
        await saveVersioned(tx, task, input.version, { lastUpdatedOn: clock.today() });
        const extension = await insertExtension(tx, {
          taskId: id,
          requestedDeadline: input.requestedDeadline,
          reason: input.reason.normalize('NFC'),
          requestedOn: clock.today(),
          requestedBy: actor.userId,
        });
        await record(tx, actor, task, 'extension_request', { extensionId: extension.id, requestedDeadline: input.requestedDeadline, reason: extension.reason });
        return id;
      });
    },

    /** Approves (the new deadline takes effect today; the original is kept) or rejects an extension. */
    async decideExtension(actor: Actor, id: number, extensionId: number, input: { version: number; approve: boolean; reason?: string | null }) {
      return db.transaction(async (tx) => {
        const { task, access } = await getTaskWithAccess(actor, id, tx);
        await refuseProjectTask(tx, task);
        if (!canDecideExtension(actor, access)) throw forbidden();
        const extension = await findExtension(tx, id, extensionId);
        if (!extension) throw notFound(`đề nghị gia hạn có mã ${extensionId}`);
        if (extension.status !== 'pending') throw new AppError('CONFLICT', 'Đề nghị gia hạn này đã được xử lý.');
        if (!input.approve && !input.reason?.trim()) throw invalid('Trường "reason": vui lòng nêu lý do không đồng ý gia hạn.');
        if (input.approve && (task.state === 'completed' || task.state === 'cancelled')) throw new AppError('CONFLICT', `Nhiệm vụ ${stateLabels[task.state]}, không thể gia hạn.`);
        const today = clock.today();
        await saveVersioned(
          tx,
          task,
          input.version,
          input.approve ? { deadline: extension.requestedDeadline, extensionCount: task.extensionCount + 1, lastUpdatedOn: today } : { lastUpdatedOn: today },
        );
        await decideExtension(tx, extensionId, {
          status: input.approve ? 'approved' : 'rejected',
          decidedOn: today,
          decidedBy: actor.userId,
          decisionReason: input.reason?.normalize('NFC') || null,
          previousDeadline: task.deadline,
        });
        await record(tx, actor, task, input.approve ? 'extension_approve' : 'extension_reject', {
          extensionId,
          previousDeadline: task.deadline,
          requestedDeadline: extension.requestedDeadline,
          reason: input.reason ?? null,
        }, input.approve ? { deadline: extension.requestedDeadline } : undefined);
        return id;
      });
    },

    async changeState(actor: Actor, id: number, action: 'pause' | 'resume' | 'cancel', input: { version: number; reason: string }) {
      return db.transaction(async (tx) => {
        const { task, access } = await getTaskWithAccess(actor, id, tx);
        await refuseProjectTask(tx, task);
        if (!canManageTask(actor, access)) throw forbidden();
        const today = clock.today();
        if (action === 'pause') {
          requireOpen(task, 'tạm dừng');
          if (task.state === 'paused') throw new AppError('CONFLICT', 'Nhiệm vụ đang tạm dừng.');
          await saveVersioned(tx, task, input.version, { state: 'paused', lastUpdatedOn: today });
          await record(tx, actor, task, 'pause', { reason: input.reason, previousState: task.state }, { state: 'paused' });
        } else if (action === 'resume') {
          if (task.state !== 'paused') throw new AppError('CONFLICT', 'Nhiệm vụ không ở trạng thái tạm dừng.');
          const events = await listTaskEvents(tx, id);
          const paused = [...events].reverse().find((event) => event.action === 'pause');
          const previous = ((paused?.data as { previousState?: string } | null)?.previousState ?? 'in_progress') as TaskState;
          const nextState = previous === 'paused' ? 'in_progress' : previous;
          await saveVersioned(tx, task, input.version, { state: nextState, lastUpdatedOn: today });
          await record(tx, actor, task, 'resume', { reason: input.reason }, { state: nextState });
        } else {
          if (task.state === 'completed') throw new AppError('CONFLICT', 'Nhiệm vụ đã hoàn thành, không thể hủy.');
          if (task.state === 'cancelled') throw new AppError('CONFLICT', 'Nhiệm vụ đã bị hủy.');
          await saveVersioned(tx, task, input.version, { state: 'cancelled', cancelledOn: today, lastUpdatedOn: today });
          await record(tx, actor, task, 'cancel', { reason: input.reason, cancelledOn: today }, { state: 'cancelled' });
          if (task.parentId) await refreshParentProgress(tx, task.parentId);
        }
        return id;
      });
    },
  };

  async function findOrganizationsByIdsOne(id: number) {
    const [row] = await findOrganizationsByIds(db, [id]);
    return row ?? null;
  }
}

export type TasksService = ReturnType<typeof createTasksService>;
