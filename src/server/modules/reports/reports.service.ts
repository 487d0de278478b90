/**
 * Official reports (issue 6): the report on task execution for a scope (a directive subtree, an
 * organization subtree) as of a date or for a period, as a Word document in the format of Decree
 * 30/2020 and as an Excel workbook; and drafts of it that the officer edits before signing.
 *
 * Section I counts are the statistics service's for the same scope and date, unchanged. The task
 * lists count the same tasks (domain.md: "What is counted", "Scope"), read as of the date: facts
 * that took effect on or before it, however late they were recorded — so regenerating a draft
 * later may change its past, and the draft then says what changed.
 */
import type { Actor } from '../../../domain/policies';
import { readableScopes } from '../../../domain/policies';
import { addDays, daysBetween, formatDateVi, isIsoDate, minDate } from '../../../domain/dates';
import { formatPeriodCode, formatPeriodVi, parsePeriodCode, periodEnd, periodOfDate, periodStart, type Period } from '../../../domain/periods';
import type { Clock } from '../../clock';
import type { Database } from '../../db/client';
import { AppError, invalid, messages, notFound } from '../../errors';
import { insertAuditEvent } from '../audit/audit.repository';
import { listDirectiveSubtreeIds } from '../directives/directives.repository';
import type { IndicatorsService } from '../indicators/indicators.service';
import { findOrganizationByCode, findOrganizationsByIds, type OrganizationRow } from '../organizations/organizations.repository';
import { findDirectiveIdsByNumber } from '../stats/stats.repository';
import type { StatsService } from '../stats/stats.service';
import {
  buildWordReport,
  directiveKindLabels,
  directivePhrase,
  formatRateVi,
  indicatorAssessment,
  reportTimelinessLabels,
  type ReportCounts,
  type ReportDirective,
  type ReportFigures,
  type ReportIndicator,
  type ReportSections,
  type ReportTask,
} from '../../../files/word-report';
import { buildReportWorkbook } from '../../../files/report-workbook';
import { canReadReportScope, canWriteReportScope, type ReportScopePaths } from './reports.policy';
import {
  countActiveOrganizationsByKind,
  deleteReportDraft,
  findReportDraft,
  insertReportDraft,
  listReportDirectives,
  listReportDrafts,
  listReportTasks,
  updateReportDraftVersioned,
  type ReportDraftRecord,
  type ReportTaskRow,
} from './reports.repository';

/** The scope of a report: a directive (number and symbol, or id) and/or an organization code. */
export interface ReportScopeInput {
  directive?: string;
  org?: string;
}

/** A report's scope and date: `asOf`, or a period (its last day, or today while it runs). */
export interface ReportQuery extends ReportScopeInput {
  asOf?: string;
  period?: string;
}

export type ReportFormat = 'docx' | 'xlsx';

/** One difference between the figures a draft was made with and those of today. */
export interface ReportChange {
  kind: 'count' | 'task_added' | 'task_removed' | 'task_status' | 'task_progress' | 'indicator';
  label: string;
  before: string | null;
  after: string | null;
}

/** The figures saved with a draft: those of the report, and what changed at the last regeneration. */
export interface DraftFigures extends ReportFigures {
  /** Differences found when the draft was last regenerated; null before any regeneration. */
  changes: ReportChange[] | null;
  /** When the figures compared against were computed. */
  comparedWith: string | null;
}

export interface ReportFile {
  buffer: Buffer;
  fileName: string;
  contentType: string;
}

const contentTypes: Record<ReportFormat, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** The editable fields of a draft's sections. */
export const sectionKeys = [
  'parentAgency',
  'agency',
  'agencyAbbreviation',
  'place',
  'reportDate',
  'subject',
  'intro',
  'leadership',
  'results',
  'limitations',
  'priorities',
  'proposals',
  'closing',
  'recipients',
  'signerAuthority',
  'signerTitle',
  'signerName',
] as const satisfies readonly (keyof ReportSections)[];

const territorialKinds = new Set(['province', 'commune', 'ward', 'national']);
const countLabels: [keyof ReportCounts, string][] = [
  ['total', 'Tổng số nhiệm vụ'],
  ['due', 'Đã đến hạn'],
  ['completedOnTime', 'Hoàn thành đúng hạn'],
  ['completedLate', 'Hoàn thành quá hạn'],
  ['inProgress', 'Đang thực hiện trong hạn'],
  ['overdue', 'Quá hạn chưa hoàn thành'],
  ['noDeadline', 'Thường xuyên'],
];

/**
 * What changed between the figures a draft was made with and new ones for the same scope and
 * date: counts and rates, tasks that appear or disappear, a task's timeliness or latest update,
 * an indicator's value, target or assessment. Pure.
 */
export function compareFigures(before: ReportFigures, after: ReportFigures): ReportChange[] {
  const changes: ReportChange[] = [];
  for (const [key, label] of countLabels) {
    if (before.counts[key] !== after.counts[key]) changes.push({ kind: 'count', label, before: String(before.counts[key]), after: String(after.counts[key]) });
  }
  for (const [key, label] of [
    ['completionRate', 'Tỷ lệ hoàn thành'],
    ['onTimeRate', 'Tỷ lệ hoàn thành đúng hạn'],
  ] as const) {
    if (before.counts[key] !== after.counts[key]) changes.push({ kind: 'count', label, before: formatRateVi(before.counts[key]), after: formatRateVi(after.counts[key]) });
  }
  const name = (task: ReportTask) => `${task.title}${task.leadName ? ` (${task.leadName})` : ''}`;
  const old = new Map(before.tasks.map((task) => [task.id, task]));
  const now = new Map(after.tasks.map((task) => [task.id, task]));
  for (const task of after.tasks) {
    const previous = old.get(task.id);
    if (!previous) {
      changes.push({ kind: 'task_added', label: name(task), before: null, after: reportTimelinessLabels[task.timeliness] });
      continue;
    }
    if (previous.timeliness !== task.timeliness || previous.deadline !== task.deadline || previous.completedOn !== task.completedOn) {
      const describe = (value: ReportTask) =>
        `${reportTimelinessLabels[value.timeliness]}${value.completedOn ? `, hoàn thành ${formatDateVi(value.completedOn)}` : ''}${value.deadline ? `, thời hạn ${formatDateVi(value.deadline)}` : ''}`;
      changes.push({ kind: 'task_status', label: name(task), before: describe(previous), after: describe(task) });
    } else if (previous.update?.reportedOn !== task.update?.reportedOn || previous.progress !== task.progress || previous.update?.narrative !== task.update?.narrative) {
      const describe = (value: ReportTask) => (value.update ? `${value.progress}% (${formatDateVi(value.update.reportedOn)})` : `${value.progress}%`);
      changes.push({ kind: 'task_progress', label: name(task), before: describe(previous), after: describe(task) });
    }
  }
  for (const task of before.tasks) {
    if (!now.has(task.id)) changes.push({ kind: 'task_removed', label: name(task), before: reportTimelinessLabels[task.timeliness], after: null });
  }
  const oldIndicators = new Map(before.indicators.map((indicator) => [indicator.code, indicator]));
  for (const indicator of after.indicators) {
    const previous = oldIndicators.get(indicator.code);
    const describe = (value: ReportIndicator) => `${value.value ?? '—'}${value.period ? ` (${value.period})` : ''}; ${indicatorAssessment(value)}`;
    if (!previous || previous.value !== indicator.value || previous.target !== indicator.target || previous.status !== indicator.status || previous.period !== indicator.period) {
      if (previous || indicator.value !== null) changes.push({ kind: 'indicator', label: indicator.name, before: previous ? describe(previous) : null, after: describe(indicator) });
    }
  }
  return changes;
}

function nextPeriodOf(period: Period): Period {
  if (period.kind === 'year') return { ...period, year: period.year + 1 };
  const perYear = { half: 2, quarter: 4, month: 12 }[period.kind];
  return period.index < perYear ? { ...period, index: period.index + 1 } : { ...period, year: period.year + 1, index: 1 };
}

/** Section IV's window: from the day after asOf to the end of the next period (a quarter by default). */
export function nextPeriodWindow(asOf: string, period: Period | null): ReportFigures['nextPeriod'] {
  const next = nextPeriodOf(periodOfDate(asOf, period?.kind ?? 'quarter'));
  const from = addDays(asOf, 1);
  const to = periodEnd(next);
  const label = from === periodStart(next) ? formatPeriodVi(next) : `Từ ngày ${formatDateVi(from)} đến ngày ${formatDateVi(to)}`;
  return { from, to, label };
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLocaleLowerCase('vi') + text.slice(1);
}

/** Kinds of organization that a long list of coordinators is worded as a group of. */
const coordinatorGroups: { kinds: string[]; all: string; some: string }[] = [
  { kinds: ['commune', 'ward'], all: 'UBND các xã, phường', some: 'xã, phường' },
  { kinds: ['department', 'agency'], all: 'Các sở, ban, ngành', some: 'sở, ban, ngành' },
];

/**
 * The coordinating organizations as a report writes them: a few by name; more than five communes
 * (or departments) as "UBND các xã, phường" when they are all of them, else "37 xã, phường".
 */
export function wordCoordinators(names: string[], kinds: string[], totals: Map<string, number>): string[] {
  const result: string[] = [];
  const taken = new Set<number>();
  for (const group of coordinatorGroups) {
    const positions = kinds.flatMap((kind, index) => (group.kinds.includes(kind) ? [index] : []));
    if (positions.length <= 5) continue;
    const total = group.kinds.reduce((sum, kind) => sum + (totals.get(kind) ?? 0), 0);
    result.push(positions.length >= total ? group.all : `${positions.length} ${group.some}`);
    for (const position of positions) taken.add(position);
  }
  return [...names.filter((_, index) => !taken.has(index)), ...result];
}

function toReportTask(row: ReportTaskRow, asOf: string, dueSoonDays: number, totals: Map<string, number>): ReportTask {
  const completed = row.timeliness === 'completed_on_time' || row.timeliness === 'completed_late';
  return {
    id: row.id,
    directiveId: row.directiveId,
    directiveNumber: row.directiveNumber,
    group: row.group,
    subgroup: row.subgroup,
    parentId: row.parentId,
    parentIsContainer: row.parentIsContainer,
    title: row.title,
    leadCode: row.leadCode,
    leadName: row.leadName,
    leadKind: row.leadKind,
    coordinating: [...wordCoordinators(row.coordinating, row.coordinatingKinds, totals), ...row.coordinationNotes],
    expectedOutput: row.expectedOutput,
    deadline: row.deadline,
    isContinuous: row.isContinuous,
    year: row.year,
    timeliness: row.timeliness,
    dueSoon: row.timeliness === 'in_progress' && row.deadline !== null && daysBetween(asOf, row.deadline) <= dueSoonDays,
    overdueDays: row.timeliness === 'overdue' && row.deadline ? daysBetween(row.deadline, asOf) : null,
    lateDays: row.timeliness === 'completed_late' && row.deadline && row.completedOn ? daysBetween(row.deadline, row.completedOn) : null,
    completedOn: completed ? row.completedOn : null,
    progress: completed ? 100 : (row.updatePercent ?? 0),
    update:
      row.updateReportedOn && row.updateNarrative !== null
        ? { reportedOn: row.updateReportedOn, percent: row.updatePercent ?? 0, narrative: row.updateNarrative, difficulties: row.updateDifficulties, proposals: row.updateProposals }
        : null,
  };
}

interface ResolvedScope {
  directive: string | null;
  org: string | null;
  /** The directives named, then their subtree (undefined = every directive). */
  directiveIds?: number[];
  directives: ReportDirective[];
  organization: OrganizationRow | null;
  paths: ReportScopePaths;
}

export interface ReportsServiceOptions {
  stats: StatsService;
  indicators: IndicatorsService;
  dueSoonDays: number;
  /** The S&T portfolio section as of a date (from the projects module), for reports without a directive scope. */
  projectsSection?: (asOf: string) => Promise<ReportFigures['projects']>;
}

export function createReportsService(database: Database, clock: Clock, options: ReportsServiceOptions) {
  const db = database.db;

  /** asOf and period of a query: a period alone reports on its last day, or today while it runs. */
  function resolveDates(query: Pick<ReportQuery, 'asOf' | 'period'>): { asOf: string; period: Period | null } {
    let period: Period | null = null;
    if (query.period) {
      period = parsePeriodCode(query.period);
      if (!period) throw invalid(`Trường "period": "${query.period}" không phải là kỳ báo cáo hợp lệ (vd. 2026, 2026S1, 2026Q1, 2026-03).`);
    }
    if (query.asOf !== undefined && !isIsoDate(query.asOf)) throw invalid(`Trường "asOf": "${query.asOf}" không phải là ngày hợp lệ (YYYY-MM-DD).`);
    const asOf = query.asOf ?? (period ? minDate(periodEnd(period), clock.today()) : clock.today());
    return { asOf, period };
  }

  /**
   * Finds the scope's directives and organization and checks the reader may see it.
   * @throws AppError NOT_FOUND for an unknown directive or organization, FORBIDDEN outside the reader's scope.
   */
  async function resolveScope(actor: Actor | null, input: ReportScopeInput): Promise<ResolvedScope> {
    const directive = input.directive?.trim() || null;
    const org = input.org?.trim() || null;
    let directiveIds: number[] | undefined;
    let directives: ReportDirective[] = [];
    let issuerPaths: string[] = [];
    if (directive !== null) {
      const roots = await findDirectiveIdsByNumber(db, directive);
      if (roots.length === 0) throw new AppError('NOT_FOUND', `Không tìm thấy văn bản chỉ đạo "${directive}".`);
      directiveIds = await listDirectiveSubtreeIds(db, roots);
      const rows = await listReportDirectives(db, roots);
      issuerPaths = rows.map((row) => row.issuerPath);
      directives = rows.map(({ issuerPath: _path, ...row }) => row);
    }
    let organization: OrganizationRow | null = null;
    if (org !== null) {
      organization = await findOrganizationByCode(db, org);
      if (!organization) throw new AppError('NOT_FOUND', `Không tìm thấy cơ quan, đơn vị có mã "${org}".`);
    }
    const paths: ReportScopePaths = { organizationPath: organization?.path ?? null, issuerPaths };
    if (actor && !canReadReportScope(actor, paths)) {
      throw new AppError(
        'FORBIDDEN',
        directive === null && org === null
          ? 'Vui lòng chọn văn bản chỉ đạo hoặc cơ quan, đơn vị trong phạm vi bạn được giao để lập báo cáo.'
          : 'Bạn không có quyền xem báo cáo của phạm vi này: văn bản hoặc cơ quan, đơn vị đã chọn nằm ngoài phạm vi bạn được giao.',
      );
    }
    return { directive, org, directiveIds, directives, organization, paths };
  }

  /** The organization whose indicators go in Phụ lục II: the scope's, or the nearest province, commune or ward above it. */
  async function indicatorOrganization(organization: OrganizationRow | null): Promise<OrganizationRow | null> {
    if (!organization) return null;
    const codes = organization.path.split('/').filter(Boolean).reverse();
    for (const code of codes) {
      const candidate = code === organization.code ? organization : await findOrganizationByCode(db, code);
      if (candidate && territorialKinds.has(candidate.kind)) return candidate;
    }
    return null;
  }

  async function gatherIndicators(scope: ResolvedScope, period: Period | null, asOf: string) {
    const organization = await indicatorOrganization(scope.organization);
    let result;
    try {
      result = await options.indicators.list({ org: organization?.code, period: period ? formatPeriodCode(period) : undefined, asOf });
    } catch (error) {
      // No province in the reference data: the appendix has no indicators rather than no report.
      if (error instanceof AppError && error.code === 'NOT_FOUND') return { organization: null, items: [] };
      throw error;
    }
    let items = result.items;
    // A directive's report lists the indicators it set, when some are linked to it.
    if (scope.directiveIds) {
      const ids = new Set(scope.directiveIds);
      const linked = items.filter((item) => item.sourceDirectiveId !== null && ids.has(item.sourceDirectiveId));
      if (linked.length > 0) items = linked;
    }
    const latestOrganization = items[0]?.latest;
    return {
      organization: organization ? { code: organization.code, name: organization.name } : latestOrganization ? { code: latestOrganization.org, name: latestOrganization.orgName } : null,
      items: items.map(
        (item): ReportIndicator => ({
          code: item.code,
          name: item.name,
          unit: item.unit,
          group: item.groupName,
          valueType: item.valueType,
          period: item.latest.period,
          periodLabel: formatPeriodLabel(item.latest.period),
          value: item.latest.value,
          target: item.latest.target,
          comparator: item.latest.comparator,
          progress: item.latest.progress,
          status: item.latest.status,
        }),
      ),
    };
  }

  /** Everything a report shows, computed now for the scope and date. */
  async function gather(actor: Actor | null, query: ReportQuery, resolved?: ResolvedScope): Promise<ReportFigures> {
    const { asOf, period } = resolveDates(query);
    const scope = resolved ?? (await resolveScope(actor, query));
    const statistics = await options.stats.taskStatistics({ asOf, directive: scope.directive ?? undefined, org: scope.org ?? undefined });
    const rows = await listReportTasks(db, {
      asOf,
      directiveIds: scope.directiveIds,
      organizationPath: scope.organization?.path,
      readableScopes: actor ? readableScopes(actor) : null,
    });
    const indicators = await gatherIndicators(scope, period, asOf);
    const totals = await countActiveOrganizationsByKind(db);
    return {
      asOf,
      period: period ? formatPeriodCode(period) : null,
      periodLabel: period ? formatPeriodVi(period) : null,
      scope: {
        directive: scope.directive,
        org: scope.org,
        directives: scope.directives,
        organization: scope.organization ? { code: scope.organization.code, name: scope.organization.name } : null,
      },
      counts: {
        total: statistics.total,
        due: statistics.due,
        completedOnTime: statistics.completedOnTime,
        completedLate: statistics.completedLate,
        inProgress: statistics.inProgress,
        overdue: statistics.overdue,
        noDeadline: statistics.noDeadline,
        dueSoon: statistics.dueSoon,
        completionRate: statistics.completionRate,
        onTimeRate: statistics.onTimeRate,
      },
      nextPeriod: nextPeriodWindow(asOf, period),
      tasks: rows.map((row) => toReportTask(row, asOf, options.dueSoonDays, totals)),
      indicatorOrganization: indicators.organization,
      indicators: indicators.items,
      projects: !scope.directive && options.projectsSection ? await options.projectsSection(asOf) : null,
      generatedAt: clock.now().toISOString(),
    };
  }

  /** The sections of a new report: the issuing department's header, the subject, standard wording. */
  async function defaultSections(figures: ReportFigures): Promise<ReportSections> {
    const department = await findOrganizationByCode(db, 'SKHCN');
    const [parent] = department?.parentId ? await findOrganizationsByIds(db, [department.parentId]) : [];
    const agency = department?.name ?? 'Sở Khoa học và Công nghệ';
    const parentAgency = parent?.name ?? 'Ủy ban nhân dân tỉnh Phú Thọ';
    const place = /tỉnh (.+)$/.exec(parentAgency)?.[1] ?? 'Phú Thọ';
    const directive = figures.scope.directives.length === 1 ? figures.scope.directives[0] : null;
    const organization = figures.scope.organization;
    // A province's (or commune's) tasks are those "on its territory"; a department's are its own.
    const territorial = organization ? territorialKinds.has((await findOrganizationByCode(db, organization.code))?.kind ?? '') : false;
    const organizationPhrase = organization ? (territorial ? `trên địa bàn ${organization.name.replace(/^Ủy ban nhân dân /, '')}` : `của ${organization.name}`) : '';
    const onWhat = directive
      ? `${directiveKindLabels[directive.kind] ?? 'văn bản'} số ${directive.number} của ${directive.issuerShortName ?? directive.issuerName}`
      : `nhiệm vụ${organizationPhrase ? ` ${organizationPhrase}` : ''}`;
    const when = figures.periodLabel ? lowerFirst(figures.periodLabel) : `tính đến ngày ${formatDateVi(figures.asOf)}`;
    const subject = `Tình hình, kết quả thực hiện ${onWhat}${directive && organization ? ` (${organization.name})` : ''} ${when}`;
    const intro = directive
      ? `Thực hiện ${directivePhrase(directive)}, ${agency} báo cáo tình hình, kết quả thực hiện ${when} như sau:`
      : `${agency} báo cáo tình hình, kết quả thực hiện ${onWhat} ${when} như sau:`;
    return {
      parentAgency,
      agency,
      agencyAbbreviation: department?.code && /^[A-Z]{2,12}$/.test(department.code) ? department.code : 'SKHCN',
      place,
      reportDate: clock.today(),
      subject,
      intro,
      leadership: '',
      results: '',
      limitations: '',
      priorities: '',
      proposals: '',
      closing: `Trên đây là báo cáo tình hình, kết quả thực hiện ${onWhat} ${when} của ${agency}./.`,
      recipients: [
        '- Ban Chỉ đạo Trung ương về phát triển KH, CN, ĐMST và CĐS (để b/c);',
        '- Bộ Khoa học và Công nghệ (để b/c);',
        `- ${parent?.shortName ?? 'UBND tỉnh'} (để b/c);`,
        '- Giám đốc, các Phó Giám đốc Sở;',
        '- Lưu: VT.',
      ].join('\n'),
      signerAuthority: 'KT. GIÁM ĐỐC',
      signerTitle: 'PHÓ GIÁM ĐỐC',
      signerName: '',
    };
  }

  async function render(format: ReportFormat, input: { number: string | null; sections: ReportSections; figures: ReportFigures }): Promise<ReportFile> {
    const buffer = format === 'docx' ? await buildWordReport(input) : await buildReportWorkbook(input);
    const scope = [input.figures.scope.directive, input.figures.scope.org]
      .filter(Boolean)
      .join('-')
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[đĐ]/g, 'd')
      .replace(/[^A-Za-z0-9]+/g, '-')
      .replace(/^-|-$/g, '');
    return { buffer, fileName: `bao-cao${scope ? `-${scope}` : ''}-${input.figures.asOf}.${format}`, contentType: contentTypes[format] };
  }

  async function scopePathsOf(draft: ReportDraftRecord): Promise<ReportScopePaths | null> {
    const scope = draft.scope as { directive?: string | null; org?: string | null };
    let organizationPath: string | null = null;
    let issuerPaths: string[] = [];
    if (scope.org) organizationPath = (await findOrganizationByCode(db, scope.org))?.path ?? null;
    if (scope.directive) issuerPaths = (await listReportDirectives(db, await findDirectiveIdsByNumber(db, scope.directive))).map((row) => row.issuerPath);
    if (organizationPath === null && issuerPaths.length === 0 && (scope.org || scope.directive)) return null;
    return { organizationPath, issuerPaths };
  }

  /** A draft the actor may read, with whether they may change it. */
  async function getReadableDraft(actor: Actor, id: number) {
    const draft = await findReportDraft(db, id);
    const paths = draft ? await scopePathsOf(draft) : null;
    if (!draft || !paths || !canReadReportScope(actor, paths)) throw notFound(`dự thảo báo cáo có mã ${id}`);
    const canEdit = draft.createdBy === actor.userId || canWriteReportScope(actor, paths);
    return { draft, canEdit };
  }

  function present(draft: ReportDraftRecord, canEdit: boolean) {
    const scope = draft.scope as { directive?: string | null; org?: string | null };
    const figures = draft.figures as DraftFigures;
    return {
      id: draft.id,
      title: draft.title,
      number: draft.number,
      scope: { directive: scope.directive ?? null, org: scope.org ?? null },
      asOf: draft.asOf,
      period: draft.period,
      sections: draft.sections as ReportSections,
      figures,
      changes: figures.changes ?? null,
      version: draft.version,
      createdBy: draft.createdBy,
      createdAt: draft.createdAt,
      updatedAt: draft.updatedAt,
      canEdit,
    };
  }

  function audit(actor: Actor, action: string, id: number, after: unknown) {
    return insertAuditEvent(db, { actorUserId: actor.userId, actorName: actor.username, action: `report.${action}`, entity: 'report_draft', entityId: id, after });
  }

  return {
    resolveDates,
    gather,
    defaultSections,

    /**
     * The report of a scope, computed now and rendered with the standard wording (the CLI, and
     * "Xuất Word"/"Xuất Excel" without a draft). `actor` null = the system (the CLI): every task.
     */
    async exportReport(actor: Actor | null, query: ReportQuery, format: ReportFormat): Promise<ReportFile> {
      const figures = await gather(actor, query);
      return render(format, { number: null, sections: await defaultSections(figures), figures });
    },

    /** The drafts the actor may read, newest first. */
    async listDrafts(actor: Actor) {
      const items = [];
      for (const draft of await listReportDrafts(db)) {
        const paths = await scopePathsOf(draft);
        if (!paths || !canReadReportScope(actor, paths)) continue;
        const figures = draft.figures as DraftFigures;
        const scope = draft.scope as { directive?: string | null; org?: string | null };
        items.push({
          id: draft.id,
          title: draft.title,
          number: draft.number,
          scope: { directive: scope.directive ?? null, org: scope.org ?? null },
          asOf: draft.asOf,
          period: draft.period,
          total: figures.counts.total,
          overdue: figures.counts.overdue,
          version: draft.version,
          updatedAt: draft.updatedAt,
          canEdit: draft.createdBy === actor.userId || canWriteReportScope(actor, paths),
        });
      }
      return { items, total: items.length };
    },

    /** Makes a draft: the figures as of now and the standard sections. */
    async createDraft(actor: Actor, query: ReportQuery) {
      const scope = await resolveScope(actor, query);
      if (!canWriteReportScope(actor, scope.paths)) throw new AppError('FORBIDDEN', messages.forbidden);
      const figures = await gather(actor, query, scope);
      const sections = await defaultSections(figures);
      const stored: DraftFigures = { ...figures, changes: null, comparedWith: null };
      const draft = await insertReportDraft(db, {
        title: sections.subject,
        number: null,
        scope: { directive: scope.directive, org: scope.org },
        asOf: figures.asOf,
        period: figures.period,
        sections,
        figures: stored,
        createdBy: actor.userId,
      });
      await audit(actor, 'create', draft.id, { scope: draft.scope, asOf: draft.asOf, period: draft.period });
      return present(draft, true);
    },

    async getDraft(actor: Actor, id: number) {
      const { draft, canEdit } = await getReadableDraft(actor, id);
      return present(draft, canEdit);
    },

    /** Saves the officer's text; the numbers are never taken from the client. */
    async updateDraft(actor: Actor, id: number, input: { version: number; title?: string; number?: string | null; sections?: Partial<ReportSections> }) {
      const { draft, canEdit } = await getReadableDraft(actor, id);
      if (!canEdit) throw new AppError('FORBIDDEN', messages.forbidden);
      if (draft.version !== input.version) throw new AppError('CONFLICT', messages.staleVersionGeneric, { currentVersion: draft.version });
      const sections = { ...(draft.sections as ReportSections) };
      for (const key of sectionKeys) {
        const value = input.sections?.[key];
        if (value === undefined) continue;
        if (key === 'reportDate') sections.reportDate = value as string | null;
        else sections[key] = String(value ?? '').normalize('NFC');
      }
      const updated = await updateReportDraftVersioned(db, id, input.version, {
        ...(input.title !== undefined ? { title: input.title.normalize('NFC') } : input.sections?.subject !== undefined ? { title: sections.subject } : {}),
        ...(input.number !== undefined ? { number: input.number?.trim() || null } : {}),
        sections,
      });
      if (!updated) throw new AppError('CONFLICT', messages.staleVersionGeneric);
      await audit(actor, 'update', id, { version: updated.version, fields: Object.keys(input.sections ?? {}) });
      return present(updated, true);
    },

    /**
     * Computes the figures again for the same scope and date, as known now, and records what
     * changed since the draft was made (or last regenerated). The officer's text is kept.
     */
    async regenerateDraft(actor: Actor, id: number, version: number) {
      const { draft, canEdit } = await getReadableDraft(actor, id);
      if (!canEdit) throw new AppError('FORBIDDEN', messages.forbidden);
      if (draft.version !== version) throw new AppError('CONFLICT', messages.staleVersionGeneric, { currentVersion: draft.version });
      const scope = draft.scope as { directive?: string | null; org?: string | null };
      const before = draft.figures as DraftFigures;
      const figures = await gather(actor, { directive: scope.directive ?? undefined, org: scope.org ?? undefined, asOf: draft.asOf, period: draft.period ?? undefined });
      const stored: DraftFigures = { ...figures, changes: compareFigures(before, figures), comparedWith: before.generatedAt };
      const updated = await updateReportDraftVersioned(db, id, version, { figures: stored });
      if (!updated) throw new AppError('CONFLICT', messages.staleVersionGeneric);
      await audit(actor, 'regenerate', id, { version: updated.version, changes: stored.changes?.length ?? 0 });
      return present(updated, true);
    },

    async deleteDraft(actor: Actor, id: number) {
      const { canEdit } = await getReadableDraft(actor, id);
      if (!canEdit) throw new AppError('FORBIDDEN', messages.forbidden);
      await deleteReportDraft(db, id);
      await audit(actor, 'delete', id, null);
    },

    /** The draft as a file: its saved figures and the officer's text. */
    async exportDraft(actor: Actor, id: number, format: ReportFormat): Promise<ReportFile> {
      const { draft } = await getReadableDraft(actor, id);
      return render(format, { number: draft.number, sections: draft.sections as ReportSections, figures: draft.figures as DraftFigures });
    },
  };
}

function formatPeriodLabel(code: string | null): string | null {
  if (!code) return null;
  const period = parsePeriodCode(code);
  return period ? formatPeriodVi(period) : code;
}

export type ReportsService = ReturnType<typeof createReportsService>;
