import { createOrganizationMatcher, type GroupKey, type MatchableOrganization } from '../../../domain/organization-matching';
import { readTaskTable, type TaskTableError } from '../../../domain/task-table';
import type { Actor } from '../../../domain/policies';
import { canManageDirective } from '../../../domain/policies';
import { readFirstWorksheetGrid, UnreadableWorkbookError } from '../../../files/excel-grid';
import type { Clock } from '../../clock';
import type { Database, Tx } from '../../db/client';
import { AppError, forbidden, invalid } from '../../errors';
import { insertAuditEvent } from '../audit/audit.repository';
import type { DirectiveRow } from '../directives/directives.repository';
import { findDirectivesByNumber } from '../directives/directives.repository';
import type { DirectivesService } from '../directives/directives.service';
import { findOrganizationByCode, listImportAliases, listOrganizations, type OrganizationRow } from '../organizations/organizations.repository';
import { countImportedTasks, insertCoordinators, insertSameTaskEvent, insertTasks } from '../tasks/tasks.repository';

export interface TaskImportOptions {
  /** Number and symbol of the directive ("125/KH-UBND"). */
  directive: string;
  directiveTitle?: string;
  /** Issue date; required when the directive does not exist yet. */
  issued?: string;
  planEnd?: number;
  /** Issuer code; default the province ("25"). */
  issuer?: string;
  dryRun: boolean;
}

export interface ImportedTaskPreview {
  sheetRow: number;
  group: string | null;
  subgroup: string | null;
  title: string;
  leadCode: string;
  leadName: string;
  deadline: string | null;
  isContinuous: boolean;
  year: number | null;
  completedOn: string | null;
  coordinating: string[];
  coordinationNotes: string[];
  container: boolean;
}

export interface TaskImportResult {
  ok: boolean;
  dryRun: boolean;
  /** Tasks created (or that would be), containers not counted. */
  created: number;
  containers: number;
  warnings: string[];
  errors: TaskTableError[];
  directive: { id: number | null; number: string; title: string; issuedOn: string; issuerCode: string; created: boolean } | null;
  tasks: ImportedTaskPreview[];
}

/** Failure that is not about rows: the CLI exits 2. */
export class ImportRefusedError extends AppError {}

const provinceKinds = new Set(['province']);

function toMatchable(row: OrganizationRow): MatchableOrganization {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    shortName: row.shortName,
    aliases: row.aliases,
    predecessors: row.predecessors,
    kind: row.kind,
    parentCode: row.parentCode,
    active: row.isActive,
  };
}

/**
 * The organizations a table may name: under the importing province (its province subtree) and the
 * national bodies outside every province; nationally, everything.
 */
function organizationsForIssuer(all: OrganizationRow[], issuer: OrganizationRow): OrganizationRow[] {
  const province = all
    .filter((row) => provinceKinds.has(row.kind) && issuer.path.startsWith(row.path))
    .sort((a, b) => b.path.length - a.path.length)[0];
  if (!province) return all;
  const provincePaths = all.filter((row) => provinceKinds.has(row.kind)).map((row) => row.path);
  return all.filter((row) => row.path.startsWith(province.path) || !provincePaths.some((path) => row.path.startsWith(path)));
}

export function createImportsService(database: Database, clock: Clock, options: { directives: DirectivesService }) {
  const db = database.db;

  async function resolveDirective(input: TaskImportOptions, issuer: OrganizationRow): Promise<DirectiveRow | null> {
    const issueYear = input.issued ? Number(input.issued.slice(0, 4)) : undefined;
    const found = await findDirectivesByNumber(db, input.directive.trim(), issuer.id, issueYear);
    if (found.length > 1) {
      throw new ImportRefusedError(
        'VALIDATION_ERROR',
        `Có ${found.length} văn bản số "${input.directive}" của ${issuer.name} (năm ${found.map((row) => row.issueYear).join(', ')}); vui lòng ghi rõ ngày ban hành (--issued).`,
      );
    }
    return found[0] ?? null;
  }

  return {
    /**
     * Reads a task table and, unless it is a dry run or a row has an error, writes every task in
     * one transaction: all or nothing.
     */
    async importTasks(actor: Actor | null, buffer: Buffer, input: TaskImportOptions): Promise<TaskImportResult> {
      const issuerCode = input.issuer ?? '25';
      const issuer = await findOrganizationByCode(db, issuerCode);
      if (!issuer) throw new ImportRefusedError('VALIDATION_ERROR', `Không tìm thấy cơ quan ban hành có mã "${issuerCode}".`);
      if (actor && !canManageDirective(actor, issuer.path)) throw forbidden();
      if (input.issued && !/^\d{4}-\d{2}-\d{2}$/.test(input.issued)) throw invalid(`Ngày ban hành "${input.issued}" không hợp lệ (YYYY-MM-DD).`);
      const existing = await resolveDirective(input, issuer);
      if (!existing && !input.issued) {
        throw new ImportRefusedError('VALIDATION_ERROR', `Chưa có văn bản "${input.directive}" của ${issuer.name}; vui lòng cho biết ngày ban hành (--issued YYYY-MM-DD) để tạo văn bản.`);
      }
      if (existing && (await countImportedTasks(db, existing.id)) > 0) {
        throw new ImportRefusedError(
          'CONFLICT',
          `Văn bản "${existing.number}" đã được nhập bảng nhiệm vụ; mỗi văn bản chỉ nhập một lần. Vui lòng sửa nhiệm vụ trực tiếp trên hệ thống.`,
        );
      }
      const issuedOn = existing?.issuedOn ?? input.issued!;
      const planEndYear = existing?.planEndYear ?? input.planEnd ?? null;
      if (planEndYear !== null && planEndYear < Number(issuedOn.slice(0, 4))) {
        throw new ImportRefusedError('VALIDATION_ERROR', `Năm kết thúc kế hoạch (${planEndYear}) không được trước năm ban hành.`);
      }

      let grid;
      try {
        grid = await readFirstWorksheetGrid(buffer);
      } catch (error) {
        if (error instanceof UnreadableWorkbookError) throw new ImportRefusedError('VALIDATION_ERROR', error.message);
        throw error;
      }
      const all = await listOrganizations(db, {});
      const candidates = organizationsForIssuer(all, issuer);
      const aliases = await listImportAliases(db);
      const matcher = createOrganizationMatcher(candidates.map(toMatchable), {
        extraAliases: aliases.map((alias) => ({ name: alias.name, organizationId: alias.organizationId ?? undefined, group: (alias.groupKey as GroupKey | null) ?? undefined })),
      });
      const today = clock.today();
      const table = readTaskTable(grid, { matcher, issueYear: Number(issuedOn.slice(0, 4)), planEndYear, directiveIssuedOn: issuedOn, today });
      const byId = new Map(all.map((row) => [row.id, row]));
      const tasks: ImportedTaskPreview[] = table.rows.flatMap((row) =>
        row.tasks.map((task) => ({
          sheetRow: row.sheetRow,
          group: row.group,
          subgroup: row.subgroup,
          title: row.title,
          leadCode: byId.get(task.leadOrganizationId)?.code ?? '',
          leadName: byId.get(task.leadOrganizationId)?.name ?? '',
          deadline: task.deadline,
          isContinuous: task.isContinuous,
          year: task.year,
          completedOn: task.completedOn,
          coordinating: row.coordinating.map((id) => byId.get(id)?.code ?? ''),
          coordinationNotes: row.coordinationNotes,
          container: row.container,
        })),
      );
      const containers = table.rows.filter((row) => row.container).length;
      const directiveSummary = {
        id: existing?.id ?? null,
        number: existing?.number ?? input.directive.trim(),
        title: existing?.title ?? input.directiveTitle ?? `Văn bản ${input.directive.trim()}`,
        issuedOn,
        issuerCode: issuer.code,
        created: !existing,
      };
      const result: TaskImportResult = {
        ok: table.ok,
        dryRun: input.dryRun,
        created: table.ok ? table.taskCount : 0,
        containers: table.ok ? containers : 0,
        warnings: table.warnings,
        errors: table.errors,
        directive: directiveSummary,
        tasks,
      };
      if (!table.ok || input.dryRun) {
        if (!table.ok) result.created = 0;
        return result;
      }

      await db.transaction(async (tx: Tx) => {
        let directive = existing;
        if (!directive) {
          directive = await options.directives.createDirective(
            actor,
            { number: input.directive.trim(), issuerCode: issuer.code, issuedOn, title: directiveSummary.title, planEndYear },
            tx,
          );
        }
        if ((await countImportedTasks(tx, directive.id)) > 0) {
          throw new ImportRefusedError('CONFLICT', `Văn bản "${directive.number}" đã được nhập bảng nhiệm vụ.`);
        }
        const actorName = actor?.fullName || actor?.username || 'system';
        // Containers first (they carry the row's text, no lead and no deadline), then the tasks.
        const containerRows = table.rows.filter((row) => row.container);
        const containerIds = await insertTasks(
          tx,
          containerRows.map((row) => ({
            directiveId: directive.id,
            isContainer: true,
            leadOrganizationId: null,
            assigningOrganizationId: issuer.id,
            title: row.title,
            groupName: row.group,
            subgroupName: row.subgroup,
            coordinationNotes: row.coordinationNotes,
            expectedOutput: row.output,
            isYearly: row.tasks.some((task) => task.year !== null),
            assignedOn: row.tasks.reduce((first, task) => (task.assignedOn < first ? task.assignedOn : first), row.tasks[0].assignedOn),
            state: row.tasks.every((task) => task.completedOn) ? 'completed' : 'assigned',
            progress: row.tasks.every((task) => task.completedOn) ? 100 : 0,
            sheetRow: row.sheetRow,
            isImported: true,
            createdBy: actor?.userId ?? null,
          })),
        );
        const parentOfRow = new Map(containerRows.map((row, index) => [row, containerIds[index]]));
        const taskValues = table.rows.flatMap((row) =>
          row.tasks.map((task) => ({
            directiveId: directive.id,
            parentId: parentOfRow.get(row) ?? null,
            isContainer: false,
            leadOrganizationId: task.leadOrganizationId,
            assigningOrganizationId: issuer.id,
            title: row.title,
            groupName: row.group,
            subgroupName: row.subgroup,
            coordinationNotes: row.coordinationNotes,
            expectedOutput: row.output,
            originalDeadline: task.deadline,
            deadline: task.deadline,
            isContinuous: task.isContinuous,
            isYearly: task.year !== null,
            year: task.year,
            assignedOn: task.assignedOn,
            state: task.completedOn ? 'completed' : 'assigned',
            progress: task.completedOn ? 100 : 0,
            completedOn: task.completedOn,
            lastUpdatedOn: task.completedOn,
            sheetRow: row.sheetRow,
            isImported: true,
            createdBy: actor?.userId ?? null,
          })),
        );
        const taskIds = await insertTasks(tx, taskValues);
        const coordinatorRows: { taskId: number; organizationId: number }[] = [];
        let cursor = 0;
        for (const row of table.rows) {
          const ids = [...(parentOfRow.has(row) ? [parentOfRow.get(row)!] : []), ...taskIds.slice(cursor, cursor + row.tasks.length)];
          cursor += row.tasks.length;
          for (const taskId of ids) for (const organizationId of row.coordinating) coordinatorRows.push({ taskId, organizationId });
        }
        await insertCoordinators(tx, coordinatorRows);
        await insertSameTaskEvent(tx, [...containerIds, ...taskIds], { on: today, actorUserId: actor?.userId ?? null, actorName, action: 'import', data: { directive: directive.number } });
        await insertAuditEvent(tx, {
          actorUserId: actor?.userId ?? null,
          actorName: actor?.username ?? 'system',
          action: 'task.import',
          entity: 'directive',
          entityId: directive.id,
          after: { directive: directive.number, tasks: taskIds.length, containers: containerIds.length, firstTaskId: taskIds[0] ?? null, lastTaskId: taskIds.at(-1) ?? null, warnings: table.warnings },
        });
        result.directive = { ...directiveSummary, id: directive.id };
      });
      return result;
    },
  };
}

export type ImportsService = ReturnType<typeof createImportsService>;
