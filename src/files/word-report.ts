/**
 * The periodic report on task execution as a Word document, in the format of Decree 30/2020/NĐ-CP,
 * Appendix I (administrative documents): A4, Times New Roman, the two-column header with its rules,
 * "BÁO CÁO" and the subject, sections I–V, "Nơi nhận" and the signature block, then the appendices
 * (the task table and the indicators) on landscape pages.
 *
 * Pure: data in, Buffer out — no HTTP, no SQL, no clock. The data model of a report (its computed
 * figures and its editable sections) is defined here and shared with the workbook builder.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Header,
  LineRuleType,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  Table,
  TableBorders,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
  type IParagraphOptions,
} from 'docx';

// ---------------------------------------------------------------------------------------------
// The data of a report
// ---------------------------------------------------------------------------------------------

/** The five timeliness categories (domain.md). */
export type ReportTimeliness = 'completed_on_time' | 'completed_late' | 'in_progress' | 'overdue' | 'no_deadline';

/** Section I: the counts of the statistics service for the scope and date, unchanged. */
export interface ReportCounts {
  total: number;
  due: number;
  completedOnTime: number;
  completedLate: number;
  inProgress: number;
  overdue: number;
  noDeadline: number;
  dueSoon: number;
  completionRate: number | null;
  onTimeRate: number | null;
}

/** The latest progress update of a task reported on or before the report's date. */
export interface ReportTaskUpdate {
  reportedOn: string;
  percent: number;
  narrative: string;
  difficulties: string | null;
  proposals: string | null;
}

/** A counted task of the scope, as it stood on the report's date. */
export interface ReportTask {
  id: number;
  directiveId: number;
  directiveNumber: string;
  group: string | null;
  subgroup: string | null;
  parentId: number | null;
  /** The parent is the container an import made for a multi-lead or yearly row. */
  parentIsContainer: boolean;
  title: string;
  leadCode: string | null;
  leadName: string | null;
  leadKind: string | null;
  /** Coordinating organizations' names, then the coordination notes ("Các sở, ngành liên quan"). */
  coordinating: string[];
  expectedOutput: string | null;
  /** The deadline that decides the timeliness (in force on the completion date, or on asOf). */
  deadline: string | null;
  isContinuous: boolean;
  year: number | null;
  timeliness: ReportTimeliness;
  dueSoon: boolean;
  /** asOf − deadline for an overdue task. */
  overdueDays: number | null;
  /** completedOn − deadline for a task completed late. */
  lateDays: number | null;
  completedOn: string | null;
  /** Percent on asOf: 100 when completed, else the latest update's. */
  progress: number;
  update: ReportTaskUpdate | null;
}

/** One indicator in Phụ lục II: its latest rollup for the organization, with target and status. */
export interface ReportIndicator {
  code: string;
  name: string;
  unit: string;
  group: string | null;
  valueType: string;
  period: string | null;
  periodLabel: string | null;
  value: number | null;
  target: number | null;
  comparator: 'gte' | 'lte' | 'eq' | null;
  progress: number | null;
  status: string;
}

/** A directive of the scope. */
export interface ReportDirective {
  id: number;
  number: string;
  kind: string;
  title: string;
  issuedOn: string;
  issuerName: string;
  /** "UBND tỉnh": for the subject line. */
  issuerShortName?: string | null;
}

/** What a report is computed from, saved with the draft ("the figures it was made with"). */
export interface ReportFigures {
  asOf: string;
  /** Period code ('2026Q1') when the report is for a period. */
  period: string | null;
  periodLabel: string | null;
  scope: {
    directive: string | null;
    org: string | null;
    directives: ReportDirective[];
    organization: { code: string; name: string } | null;
  };
  counts: ReportCounts;
  /** Section IV: tasks due from `from` to `to`. */
  nextPeriod: { from: string; to: string; label: string };
  tasks: ReportTask[];
  indicatorOrganization: { code: string; name: string } | null;
  indicators: ReportIndicator[];
  /** The S&T projects' portfolio (province-wide reports), when the projects module provides it. */
  projects?: { title: string; paragraphs: string[]; table: { headers: string[]; rows: string[][] } } | null;
  /** When the figures were computed (an instant, ISO). */
  generatedAt: string;
}

/**
 * The parts of a report the officer writes or may edit. Narratives are plain text: one paragraph
 * per line; `**bold**` and `*italic*` are honoured.
 */
export interface ReportSections {
  parentAgency: string;
  agency: string;
  /** The agency's abbreviation in the number ("BC-SKHCN"). */
  agencyAbbreviation: string;
  place: string;
  /** The signing date; null leaves "ngày … tháng … năm …" blank for the hand. */
  reportDate: string | null;
  subject: string;
  intro: string;
  leadership: string;
  results: string;
  limitations: string;
  priorities: string;
  proposals: string;
  closing: string;
  /** One recipient per line ("- UBND tỉnh (để báo cáo);"). */
  recipients: string;
  signerAuthority: string;
  signerTitle: string;
  signerName: string;
}

export interface WordReportInput {
  /** The number part of "Số: 12/BC-SKHCN"; null or empty leaves it blank. */
  number: string | null;
  sections: ReportSections;
  figures: ReportFigures;
}

// ---------------------------------------------------------------------------------------------
// Vietnamese wording
// ---------------------------------------------------------------------------------------------

export const reportTimelinessLabels: Record<ReportTimeliness, string> = {
  completed_on_time: 'Hoàn thành đúng hạn',
  completed_late: 'Hoàn thành quá hạn',
  in_progress: 'Đang thực hiện trong hạn',
  overdue: 'Quá hạn chưa hoàn thành',
  no_deadline: 'Thường xuyên',
};

export const indicatorStatusLabels: Record<string, string> = {
  achieved: 'Đạt',
  on_track: 'Đúng tiến độ',
  at_risk: 'Có nguy cơ không đạt',
  off_track: 'Chậm tiến độ',
  no_data: 'Chưa có số liệu',
};

export const directiveKindLabels: Record<string, string> = {
  resolution: 'Nghị quyết',
  directive: 'Chỉ thị',
  conclusion: 'Kết luận',
  decision: 'Quyết định',
  plan: 'Kế hoạch',
  action_programme: 'Chương trình hành động',
  official_letter: 'Công văn',
};

const comparatorSigns: Record<string, string> = { gte: '≥', lte: '≤', eq: '=' };

function nfc(text: string): string {
  return text.normalize('NFC');
}

function isoParts(date: string): { year: number; month: number; day: number } {
  return { year: Number(date.slice(0, 4)), month: Number(date.slice(5, 7)), day: Number(date.slice(8, 10)) };
}

/**
 * A date in words, as Decree 30 writes it: a leading zero for days below 10 and for months 1 and 2
 * ("ngày 05 tháng 01 năm 2026", "ngày 15 tháng 3 năm 2026"). Null leaves blanks for the hand.
 */
export function dateInWords(date: string | null, year?: number): string {
  if (!date) return `ngày      tháng      năm ${year ?? ''}`.trimEnd();
  const { year: y, month, day } = isoParts(date);
  const dayText = day < 10 ? `0${day}` : String(day);
  const monthText = month <= 2 ? `0${month}` : String(month);
  return `ngày ${dayText} tháng ${monthText} năm ${y}`;
}

/** `dd/mm/yyyy`. */
export function shortDate(date: string): string {
  const { year, month, day } = isoParts(date);
  return `${String(day).padStart(2, '0')}/${String(month).padStart(2, '0')}/${year}`;
}

const numberFormats = new Map<number, Intl.NumberFormat>();

/** A number the Vietnamese way: "1.234,5" (decimal comma), at most `digits` decimals. */
export function formatNumberVi(value: number, digits = 2): string {
  let format = numberFormats.get(digits);
  if (!format) {
    format = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: digits, useGrouping: true });
    numberFormats.set(digits, format);
  }
  return format.format(value);
}

/** A rate 0..1 as "55,6%"; null as "—" (nothing due). */
export function formatRateVi(rate: number | null): string {
  return rate === null ? '—' : `${formatNumberVi(rate * 100, 1)}%`;
}

/** An indicator value with its unit's conventions (yes/no as "Có"/"Không"). */
export function formatIndicatorValue(value: number | null, valueType: string): string {
  if (value === null) return '—';
  if (valueType === 'yes_no') return value >= 1 ? 'Có' : 'Không';
  return formatNumberVi(value, 2);
}

/** The target with its comparator: "≥ 95". */
export function formatTarget(indicator: Pick<ReportIndicator, 'target' | 'comparator' | 'valueType'>): string {
  if (indicator.target === null) return '—';
  const sign = indicator.comparator ? `${comparatorSigns[indicator.comparator]} ` : '';
  return `${sign}${formatIndicatorValue(indicator.target, indicator.valueType)}`;
}

/** The assessment of an indicator: its status, or that a value has no target to be judged by. */
export function indicatorAssessment(indicator: Pick<ReportIndicator, 'status' | 'value' | 'target'>): string {
  if (indicator.status === 'no_data' && indicator.value !== null && indicator.target === null) return 'Chưa giao chỉ tiêu kế hoạch';
  return indicatorStatusLabels[indicator.status] ?? indicator.status;
}

/** "Kế hoạch số 125/KH-UBND ngày 15/01/2026 của Ủy ban nhân dân tỉnh Phú Thọ". */
export function directivePhrase(directive: ReportDirective): string {
  const kind = directiveKindLabels[directive.kind] ?? 'Văn bản';
  return `${kind} số ${directive.number} ngày ${shortDate(directive.issuedOn)} của ${directive.issuerName}`;
}

/** The deadline of a task in a table cell. */
export function deadlineText(task: Pick<ReportTask, 'deadline' | 'isContinuous'>): string {
  if (task.deadline) return shortDate(task.deadline);
  return 'Thường xuyên';
}

/** The status of a task in a table cell: "Quá hạn 12 ngày", "Hoàn thành đúng hạn (20/06/2026)". */
export function statusText(task: ReportTask): string {
  switch (task.timeliness) {
    case 'completed_on_time':
      return `Hoàn thành đúng hạn${task.completedOn ? ` (${shortDate(task.completedOn)})` : ''}`;
    case 'completed_late':
      return `Hoàn thành quá hạn${task.lateDays ? ` ${formatNumberVi(task.lateDays, 0)} ngày` : ''}${task.completedOn ? ` (${shortDate(task.completedOn)})` : ''}`;
    case 'overdue':
      return `Quá hạn ${formatNumberVi(task.overdueDays ?? 0, 0)} ngày`;
    case 'in_progress':
      return task.dueSoon ? 'Đang thực hiện (sắp đến hạn)' : 'Đang thực hiện trong hạn';
    case 'no_deadline':
      return 'Thường xuyên';
  }
}

/** The result of a task so far: its latest progress update, or what is known without one. */
export function resultText(task: ReportTask): string {
  const update = task.update;
  const completed = task.timeliness === 'completed_on_time' || task.timeliness === 'completed_late';
  if (update) {
    const narrative = nfc(update.narrative.trim()).replace(/[.;]\s*$/, '');
    return completed ? `${narrative}.` : `${narrative} (tiến độ ${formatNumberVi(update.percent, 0)}%, cập nhật ${shortDate(update.reportedOn)}).`;
  }
  if (completed) return 'Đã hoàn thành.';
  return 'Chưa có báo cáo tiến độ.';
}

const protectedWords = ['Phú Thọ', 'Việt Nam', 'Trung ương', 'Bộ Chính trị', 'Chính phủ', 'Quốc hội', 'Nhà nước'];

/**
 * A heading written in capitals ("HOÀN THIỆN THỂ CHẾ, CHÍNH SÁCH") in sentence case ("Hoàn thiện
 * thể chế, chính sách"), keeping codes ("57-NQ/TW") and a few proper names; other text unchanged.
 */
export function sentenceCase(text: string): string {
  const value = nfc(text.trim());
  if (value !== value.toLocaleUpperCase('vi') || !/\p{L}/u.test(value)) return value;
  let result = value
    .split(/(\s+)/)
    .map((word) => (/[\d/]/.test(word) ? word : word.toLocaleLowerCase('vi')))
    .join('');
  for (const name of protectedWords) {
    result = result.replace(new RegExp(name.toLocaleLowerCase('vi'), 'g'), name);
  }
  return result.charAt(0).toLocaleUpperCase('vi') + result.slice(1);
}

const romanNumerals: [number, string][] = [
  [1000, 'M'],
  [900, 'CM'],
  [500, 'D'],
  [400, 'CD'],
  [100, 'C'],
  [90, 'XC'],
  [50, 'L'],
  [40, 'XL'],
  [10, 'X'],
  [9, 'IX'],
  [5, 'V'],
  [4, 'IV'],
  [1, 'I'],
];

export function toRoman(value: number): string {
  let rest = value;
  let result = '';
  for (const [amount, letters] of romanNumerals) {
    while (rest >= amount) {
      result += letters;
      rest -= amount;
    }
  }
  return result;
}

// ---------------------------------------------------------------------------------------------
// The outline of the task table (Phụ lục I), shared by the Word and Excel builders
// ---------------------------------------------------------------------------------------------

/** A task with the tasks passed down from it (its sub-tasks in the scope). */
export interface OutlineTaskItem {
  kind: 'task';
  ordinal: string;
  task: ReportTask;
  children: { ordinal: string; task: ReportTask }[];
}

/** The tasks an import made from one row (several leads or a yearly deadline). */
export interface OutlineContainerItem {
  kind: 'container';
  ordinal: string;
  title: string;
  tasks: ReportTask[];
}

export type OutlineItem = OutlineTaskItem | OutlineContainerItem;

export type OutlineRow =
  | { kind: 'directive'; title: string }
  | { kind: 'group'; ordinal: string; title: string }
  | { kind: 'subgroup'; ordinal: string; title: string }
  | { kind: 'item'; item: OutlineItem };

/**
 * Orders the tasks as the official table does: by directive (when there are several), group
 * (Roman numerals), subgroup (a, b, …), then numbered items 1, 2, … across groups; the tasks an
 * import made from one row stay together, and sub-tasks follow their parent as 1.1, 1.2.
 * `tasks` come in table order (directive, sheet row, id).
 */
export function buildTaskOutline(tasks: ReportTask[], directives: ReportDirective[] = []): OutlineRow[] {
  const inList = new Set(tasks.map((task) => task.id));
  const containerSizes = new Map<number, number>();
  for (const task of tasks) {
    if (task.parentIsContainer && task.parentId !== null) containerSizes.set(task.parentId, (containerSizes.get(task.parentId) ?? 0) + 1);
  }
  // Items in order of their first task; sub-tasks are attached to their parent's item.
  const items: { directiveId: number; group: string | null; subgroup: string | null; item: OutlineItem }[] = [];
  const containers = new Map<number, OutlineContainerItem>();
  const taskItems = new Map<number, OutlineTaskItem>();
  const pendingChildren = new Map<number, ReportTask[]>();
  for (const task of tasks) {
    if (task.parentIsContainer && task.parentId !== null && (containerSizes.get(task.parentId) ?? 0) > 1) {
      const existing = containers.get(task.parentId);
      if (existing) {
        existing.tasks.push(task);
        continue;
      }
      const container: OutlineContainerItem = { kind: 'container', ordinal: '', title: task.title, tasks: [task] };
      containers.set(task.parentId, container);
      items.push({ directiveId: task.directiveId, group: task.group, subgroup: task.subgroup, item: container });
      continue;
    }
    if (!task.parentIsContainer && task.parentId !== null && inList.has(task.parentId)) {
      const parent = taskItems.get(task.parentId);
      if (parent) parent.children.push({ ordinal: '', task });
      else pendingChildren.set(task.parentId, [...(pendingChildren.get(task.parentId) ?? []), task]);
      continue;
    }
    const item: OutlineTaskItem = { kind: 'task', ordinal: '', task, children: [] };
    for (const child of pendingChildren.get(task.id) ?? []) item.children.push({ ordinal: '', task: child });
    pendingChildren.delete(task.id);
    taskItems.set(task.id, item);
    items.push({ directiveId: task.directiveId, group: task.group, subgroup: task.subgroup, item });
  }
  // A sub-task whose parent (in the list) was met later than it and never placed: list it alone.
  for (const orphans of pendingChildren.values()) {
    for (const task of orphans) {
      const item: OutlineTaskItem = { kind: 'task', ordinal: '', task, children: [] };
      items.push({ directiveId: task.directiveId, group: task.group, subgroup: task.subgroup, item });
    }
  }

  const directiveIds = [...new Set(items.map((entry) => entry.directiveId))];
  const anyGroup = items.some((entry) => entry.group);
  const rows: OutlineRow[] = [];
  let number = 0;
  for (const directiveId of directiveIds) {
    const ofDirective = items.filter((entry) => entry.directiveId === directiveId);
    if (directiveIds.length > 1) {
      const directive = directives.find((candidate) => candidate.id === directiveId);
      const sample = ofDirective[0].item.kind === 'task' ? ofDirective[0].item.task : ofDirective[0].item.tasks[0];
      rows.push({ kind: 'directive', title: directive ? `${directiveKindLabels[directive.kind] ?? 'Văn bản'} số ${directive.number}` : sample.directiveNumber });
    }
    // Groups in order of first appearance; tasks without a group last, under "Nhiệm vụ khác".
    const groupNames: (string | null)[] = [];
    for (const entry of ofDirective) if (!groupNames.includes(entry.group)) groupNames.push(entry.group);
    groupNames.sort((a, b) => (a === null ? 1 : 0) - (b === null ? 1 : 0));
    let groupNumber = 0;
    for (const group of groupNames) {
      if (anyGroup) {
        groupNumber += 1;
        rows.push({ kind: 'group', ordinal: toRoman(groupNumber), title: group ?? 'NHIỆM VỤ KHÁC' });
      }
      let subgroupNumber = 0;
      let currentSubgroup: string | null = null;
      for (const entry of ofDirective.filter((candidate) => candidate.group === group)) {
        if (entry.subgroup && entry.subgroup !== currentSubgroup) {
          subgroupNumber += 1;
          rows.push({ kind: 'subgroup', ordinal: `${String.fromCharCode(96 + Math.min(subgroupNumber, 26))})`, title: entry.subgroup });
        }
        currentSubgroup = entry.subgroup;
        number += 1;
        entry.item.ordinal = String(number);
        if (entry.item.kind === 'task') entry.item.children.forEach((child, index) => (child.ordinal = `${number}.${index + 1}`));
        rows.push({ kind: 'item', item: entry.item });
      }
    }
  }
  return rows;
}

/** The counts of a set of tasks by timeliness, as words: "hoàn thành 2/148 (đúng hạn 1), quá hạn 3". */
export function containerSummary(tasks: ReportTask[]): string {
  const count = (wanted: ReportTimeliness[]) => tasks.filter((task) => wanted.includes(task.timeliness)).length;
  const completed = count(['completed_on_time', 'completed_late']);
  const parts = [`hoàn thành ${formatNumberVi(completed, 0)}/${formatNumberVi(tasks.length, 0)}`];
  if (completed > 0) parts[0] += ` (đúng hạn ${formatNumberVi(count(['completed_on_time']), 0)})`;
  const overdue = count(['overdue']);
  const inProgress = count(['in_progress']);
  const continuous = count(['no_deadline']);
  if (overdue) parts.push(`quá hạn ${formatNumberVi(overdue, 0)}`);
  if (inProgress) parts.push(`đang thực hiện trong hạn ${formatNumberVi(inProgress, 0)}`);
  if (continuous) parts.push(`thường xuyên ${formatNumberVi(continuous, 0)}`);
  return parts.join(', ');
}

/** Who leads the tasks of a container: "148 xã, phường", "3 cơ quan, đơn vị", or the years. */
export function containerLeads(tasks: ReportTask[]): string {
  const leads = [...new Set(tasks.map((task) => task.leadName ?? ''))];
  if (leads.length === 1) return leads[0];
  if (leads.length <= 4) return leads.join('; ');
  const communes = tasks.every((task) => task.leadKind === 'commune' || task.leadKind === 'ward');
  return `${formatNumberVi(leads.length, 0)} ${communes ? 'xã, phường' : 'cơ quan, đơn vị'}`;
}

/** A container with more tasks than this is one row in the Word table (the workbook lists all). */
export const COLLAPSE_CONTAINER_ABOVE = 6;

// ---------------------------------------------------------------------------------------------
// Layout
// ---------------------------------------------------------------------------------------------

/** Millimetres to twips, rounded (210 mm = 11906 twips). */
export function mm(value: number): number {
  return Math.round((value * 1440) / 25.4);
}

/** A4 in twips, portrait: the `docx` package swaps them itself for a landscape section. */
export const A4 = { width: mm(210), height: mm(297) };
/** Decree 30: top and bottom 20–25 mm, left 30–35 mm, right 15–20 mm. */
export const PORTRAIT_MARGINS = { top: mm(20), bottom: mm(20), left: mm(30), right: mm(15), header: mm(10), footer: mm(10) };
/** A landscape page turned for binding: the top edge goes to the binding side. */
export const LANDSCAPE_MARGINS = { top: mm(30), bottom: mm(20), left: mm(20), right: mm(20), header: mm(12), footer: mm(10) };
const PORTRAIT_WIDTH = A4.width - PORTRAIT_MARGINS.left - PORTRAIT_MARGINS.right;
const LANDSCAPE_WIDTH = A4.height - LANDSCAPE_MARGINS.left - LANDSCAPE_MARGINS.right;

export const FONT = 'Times New Roman';
/** Sizes in half-points. */
const SIZE = { body: 28, header: 24, motto: 26, number: 26, place: 28, table: 24, appendixTable: 22, recipients: 22, recipientsTitle: 24, pageNumber: 26 };
/** First-line indent of body paragraphs: 1.27 cm. */
const FIRST_LINE = 720;
/** 6 pt before each paragraph, lines 1.15. */
const BODY_SPACING = { before: 120, after: 0, line: 276, lineRule: LineRuleType.AUTO };

/** Advance widths (per 1000 em) of Times New Roman, U+0020–U+007E: regular and bold. */
const TIMES_REGULAR = [
  250, 333, 408, 500, 500, 833, 778, 180, 333, 333, 500, 564, 250, 333, 250, 278, 500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 278, 278, 564, 564, 564, 444, 921, 722, 667,
  667, 722, 611, 556, 722, 722, 333, 389, 722, 611, 889, 722, 722, 556, 722, 667, 556, 611, 722, 722, 944, 722, 722, 611, 333, 278, 333, 469, 500, 333, 444, 500, 444, 500, 444,
  333, 500, 500, 278, 278, 500, 278, 778, 500, 500, 500, 500, 333, 389, 278, 500, 500, 722, 500, 500, 444, 480, 200, 480, 541,
];
const TIMES_BOLD = [
  250, 333, 555, 500, 500, 1000, 833, 278, 333, 333, 500, 570, 250, 333, 250, 278, 500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 333, 333, 570, 570, 570, 500, 930, 722, 667,
  722, 722, 667, 611, 778, 778, 389, 500, 778, 667, 944, 722, 778, 611, 778, 722, 556, 667, 722, 722, 1000, 722, 722, 667, 333, 278, 333, 581, 500, 333, 500, 556, 444, 556, 444,
  333, 500, 556, 278, 333, 556, 278, 833, 556, 500, 556, 556, 444, 389, 333, 556, 500, 722, 500, 500, 444, 394, 220, 394, 520,
];

/**
 * The width of one line of text in Times New Roman, in twips (accents do not change a letter's
 * advance; ư and ơ are a little wider than u and o).
 */
export function textWidthTwips(text: string, halfPoints: number, bold: boolean): number {
  const table = bold ? TIMES_BOLD : TIMES_REGULAR;
  let units = 0;
  for (const char of nfc(text)) {
    const extra = /[ƯƠ]/.test(char) ? 50 : /[ươ]/.test(char) ? 40 : 0;
    const base = char.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace('đ', 'd').replace('Đ', 'D').replace('ư', 'u').replace('ơ', 'o').replace('Ư', 'U').replace('Ơ', 'O');
    const code = base.charCodeAt(0);
    units += (code >= 32 && code <= 126 ? table[code - 32] : 500) + extra;
  }
  // units/1000 em × (halfPoints / 2) pt × 20 twips per pt
  return Math.round((units / 1000) * halfPoints * 10);
}

interface RunStyle {
  bold?: boolean;
  italics?: boolean;
  size?: number;
}

function run(text: string, style: RunStyle = {}): TextRun {
  return new TextRun({ text: nfc(text), font: FONT, size: style.size ?? SIZE.body, bold: style.bold, italics: style.italics });
}

/** Runs from a line with `**bold**` and `*italic*` marks. */
function markedRuns(text: string, style: RunStyle = {}): TextRun[] {
  const runs: TextRun[] = [];
  for (const piece of nfc(text).split(/(\*\*[^*]+\*\*|\*[^*\s][^*]*\*)/)) {
    if (!piece) continue;
    if (piece.startsWith('**') && piece.endsWith('**') && piece.length > 4) runs.push(run(piece.slice(2, -2), { ...style, bold: true }));
    else if (piece.startsWith('*') && piece.endsWith('*') && piece.length > 2) runs.push(run(piece.slice(1, -1), { ...style, italics: true }));
    else runs.push(run(piece, style));
  }
  return runs;
}

function bodyParagraph(children: TextRun[], options: Partial<IParagraphOptions> = {}): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    indent: { firstLine: FIRST_LINE },
    spacing: BODY_SPACING,
    ...options,
    children,
  });
}

function bodyText(text: string, style: RunStyle = {}): Paragraph {
  return bodyParagraph(markedRuns(text, style));
}

/** The paragraphs of an officer's narrative: one per non-empty line. */
function narrative(text: string): Paragraph[] {
  return nfc(text)
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => bodyText(line));
}

function heading(text: string): Paragraph {
  return bodyParagraph([run(text, { bold: true })], { keepNext: true, keepLines: true });
}

function centred(children: TextRun[], options: Partial<IParagraphOptions> = {}): Paragraph {
  return new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 0, after: 0, line: 240, lineRule: LineRuleType.AUTO }, ...options, children });
}

/** A centred horizontal rule `length` twips long inside a box `width` twips wide. */
function rule(width: number, length: number, before = 100): Paragraph {
  const side = Math.max(0, Math.round((width - length) / 2));
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    indent: { left: side, right: side },
    spacing: { before, after: 0, line: 240, lineRule: LineRuleType.AUTO },
    border: { top: { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 1 } },
    run: { size: 2, font: FONT },
    children: [],
  });
}

const NO_BORDERS = TableBorders.NONE;
const CELL_NO_BORDERS = {
  top: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
  bottom: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
  left: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
  right: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
};

function plainCell(width: number, children: Paragraph[]): TableCell {
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    borders: CELL_NO_BORDERS,
    margins: { left: 28, right: 28, top: 0, bottom: 0 },
    children: children.length ? children : [new Paragraph({ children: [] })],
  });
}

function borderlessTable(columnWidths: number[], rows: Paragraph[][][]): Table {
  return new Table({
    width: { size: columnWidths.reduce((sum, width) => sum + width, 0), type: WidthType.DXA },
    columnWidths,
    layout: TableLayoutType.FIXED,
    borders: NO_BORDERS,
    rows: rows.map((cells) => new TableRow({ children: cells.map((children, index) => plainCell(columnWidths[index], children)) })),
  });
}

/** The numbers of the document: "Số: 12/BC-SKHCN", with room for the hand when not yet given. */
export function documentNumber(number: string | null, abbreviation: string): string {
  const value = number?.trim();
  return `Số: ${value ? value : '       '}/BC-${abbreviation}`;
}

/** "Phú Thọ, ngày 05 tháng 01 năm 2026". */
export function placeAndDate(sections: Pick<ReportSections, 'place' | 'reportDate'>, asOf: string): string {
  return `${sections.place}, ${dateInWords(sections.reportDate, Number(asOf.slice(0, 4)))}`;
}

/** Width of the two header columns (the whole portrait text width). */
const HEADER_COLUMNS = [mm(73), PORTRAIT_WIDTH - mm(73)];

function documentHeader(input: WordReportInput): Table {
  const { sections } = input;
  const [left, right] = HEADER_COLUMNS;
  const agency = nfc(sections.agency).toLocaleUpperCase('vi');
  const agencyWidth = Math.min(textWidthTwips(agency, SIZE.header, true), left);
  const motto = 'Độc lập - Tự do - Hạnh phúc';
  const mottoWidth = textWidthTwips(motto, SIZE.motto, true);
  return borderlessTable(HEADER_COLUMNS, [
    [
      [
        centred([run(nfc(sections.parentAgency).toLocaleUpperCase('vi'), { size: SIZE.header })]),
        centred([run(agency, { size: SIZE.header, bold: true })]),
        // Decree 30: a rule 1/3 to 1/2 as long as the agency's name, centred under it.
        rule(left, Math.round(agencyWidth * 0.4)),
      ],
      [
        centred([run('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { size: SIZE.header, bold: true })]),
        centred([run(motto, { size: SIZE.motto, bold: true })]),
        // A rule as long as the motto.
        rule(right, mottoWidth),
      ],
    ],
    [
      [centred([run(documentNumber(input.number, sections.agencyAbbreviation), { size: SIZE.number })], { spacing: { before: 120, after: 0 } })],
      [centred([run(placeAndDate(sections, input.figures.asOf), { size: SIZE.place, italics: true })], { spacing: { before: 120, after: 0 } })],
    ],
  ]);
}

function titleBlock(sections: ReportSections): Paragraph[] {
  const subject = nfc(sections.subject.trim());
  const firstLine = Math.min(textWidthTwips(subject, SIZE.body, true), PORTRAIT_WIDTH - 2 * mm(15));
  return [
    centred([run('BÁO CÁO', { bold: true })], { spacing: { before: 360, after: 0 }, keepNext: true }),
    centred([run(subject, { bold: true })], { keepNext: true, indent: { left: mm(15), right: mm(15) } }),
    rule(PORTRAIT_WIDTH, Math.round(firstLine * 0.4)),
    new Paragraph({ spacing: { before: 0, after: 120 }, children: [] }),
  ];
}

function countsTable(counts: ReportCounts): Table {
  const headers = ['Tổng số nhiệm vụ', 'Hoàn thành đúng hạn', 'Hoàn thành quá hạn', 'Đang thực hiện trong hạn', 'Quá hạn chưa hoàn thành', 'Thường xuyên', 'Tỷ lệ hoàn thành', 'Tỷ lệ đúng hạn'];
  const values = [
    formatNumberVi(counts.total, 0),
    formatNumberVi(counts.completedOnTime, 0),
    formatNumberVi(counts.completedLate, 0),
    formatNumberVi(counts.inProgress, 0),
    formatNumberVi(counts.overdue, 0),
    formatNumberVi(counts.noDeadline, 0),
    formatRateVi(counts.completionRate),
    formatRateVi(counts.onTimeRate),
  ];
  const width = Math.floor(PORTRAIT_WIDTH / headers.length);
  const widths = headers.map((_, index) => (index === headers.length - 1 ? PORTRAIT_WIDTH - width * (headers.length - 1) : width));
  return gridTable(widths, [headers], [values], SIZE.table, { center: true });
}

interface GridOptions {
  /** Centre every cell (a table of figures). */
  center?: boolean;
  /** Alignment per column, when not all centred. */
  align?: ('left' | 'center' | 'right')[];
}

/** A grid table (thin borders) with bold, repeated header rows. */
function gridTable(widths: number[], headerRows: string[][], bodyRows: (string[] | TableRow)[], size: number, options: GridOptions = {}): Table {
  const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
  // Spacing, font size and cell margins come from a paragraph style and the table: a long appendix
  // has tens of thousands of cells, and each property repeated per cell costs time to write.
  const paragraphStyle = tableTextStyle(size);
  // The widths are the table's grid (fixed layout); left alignment is the default.
  const cell = (text: string, column: number, style: RunStyle & { header?: boolean; span?: number }) => {
    const alignment = style.header || options.center ? AlignmentType.CENTER : alignmentOf(options.align?.[column]);
    return new TableCell({
      ...(style.span ? { columnSpan: style.span, width: { size: widths.slice(column, column + style.span).reduce((sum, value) => sum + value, 0), type: WidthType.DXA } } : {}),
      // Header cells are centred vertically; body cells keep Word's default (top).
      ...(style.header ? { verticalAlign: VerticalAlignTable.CENTER } : {}),
      children: nfc(text)
        .split('\n')
        .map(
          (line) =>
            new Paragraph({
              style: paragraphStyle,
              ...(alignment === AlignmentType.LEFT ? {} : { alignment }),
              children: [style.bold || style.italics ? new TextRun({ text: line, bold: style.bold, italics: style.italics }) : new TextRun(line)],
            }),
        ),
    });
  };
  const rows: TableRow[] = headerRows.map(
    (texts, rowIndex) =>
      new TableRow({
        tableHeader: true,
        cantSplit: true,
        children: texts.map((text, column) => cell(text, column, { header: true, bold: rowIndex === 0, italics: rowIndex > 0, size })),
      }),
  );
  for (const row of bodyRows) {
    if (row instanceof TableRow) rows.push(row);
    else rows.push(new TableRow({ cantSplit: true, children: row.map((text, column) => cell(text, column, {})) }));
  }
  return new Table({
    width: { size: widths.reduce((sum, value) => sum + value, 0), type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    margins: GRID_CELL_MARGINS,
    borders: { top: border, bottom: border, left: border, right: border, insideHorizontal: border, insideVertical: border },
    rows,
  });
}

/** The default cell margins of grid tables. */
const GRID_CELL_MARGINS = { marginUnitType: WidthType.DXA, left: 80, right: 80, top: 30, bottom: 30 };

/** The paragraph styles of table text, one per font size (declared in `buildWordReport`). */
const TABLE_TEXT_SIZES = [SIZE.table, SIZE.appendixTable] as const;
function tableTextStyle(size: number): string {
  if (!(TABLE_TEXT_SIZES as readonly number[]).includes(size)) throw new Error(`No table text style of size ${size}`);
  return `TableText${size}`;
}

function alignmentOf(value: 'left' | 'center' | 'right' | undefined) {
  return value === 'center' ? AlignmentType.CENTER : value === 'right' ? AlignmentType.RIGHT : AlignmentType.LEFT;
}

/** A row spanning the table (a group heading), bold, left-aligned after its ordinal. */
function spanningRow(widths: number[], ordinal: string, title: string, size: number, style: RunStyle): TableRow {
  const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
  const rest = widths.slice(1).reduce((sum, value) => sum + value, 0);
  const paragraph = (text: string, alignment: (typeof AlignmentType)[keyof typeof AlignmentType]) =>
    new Paragraph({ alignment, spacing: { before: 0, after: 0 }, children: [run(text, { size, ...style })] });
  return new TableRow({
    cantSplit: true,
    keepNext: true,
    children: [
      new TableCell({ width: { size: widths[0], type: WidthType.DXA }, margins: { left: 80, right: 80, top: 30, bottom: 30 }, borders: { top: border, bottom: border, left: border, right: border }, children: [paragraph(ordinal, AlignmentType.CENTER)] }),
      new TableCell({ width: { size: rest, type: WidthType.DXA }, columnSpan: widths.length - 1, margins: { left: 80, right: 80, top: 30, bottom: 30 }, children: [paragraph(title, AlignmentType.LEFT)] }),
    ],
  });
}

// ---------------------------------------------------------------------------------------------
// The body: sections I–V
// ---------------------------------------------------------------------------------------------

function taskLabel(task: ReportTask): string {
  return `${nfc(task.title.trim()).replace(/[.;:]\s*$/, '')}${task.year && task.parentIsContainer ? ` (năm ${task.year})` : ''}`;
}

function leadLabel(task: ReportTask): string {
  return task.leadName ? nfc(task.leadName) : 'chưa xác định cơ quan chủ trì';
}

/** The status and result of a task in a sentence: "Quá hạn 12 ngày. Đã rà soát … (tiến độ 40%, …)." */
function statusAndResult(task: ReportTask): string {
  const completed = task.timeliness === 'completed_on_time' || task.timeliness === 'completed_late';
  return `${statusText(task)}.${task.update || !completed ? ` ${resultText(task)}` : ''}`;
}

/** One line of section II for a task: "- Title (Lead): status. Result." */
function taskResultLine(task: ReportTask, prefix = '-'): Paragraph {
  return bodyParagraph([run(`${prefix} ${taskLabel(task)} `), run(`(${leadLabel(task)})`, { italics: true }), run(`: ${statusAndResult(task)}`)]);
}

function sectionOne(input: WordReportInput): (Paragraph | Table)[] {
  const { counts, asOf } = input.figures;
  const completed = counts.completedOnTime + counts.completedLate;
  const lines = [
    `Tính đến ngày ${shortDate(asOf)}, tổng số nhiệm vụ được giao: ${formatNumberVi(counts.total, 0)} nhiệm vụ; trong đó đã đến hạn ${formatNumberVi(counts.due, 0)} nhiệm vụ. Cụ thể:`,
    `- Đã hoàn thành: ${formatNumberVi(completed, 0)} nhiệm vụ (hoàn thành đúng hạn: ${formatNumberVi(counts.completedOnTime, 0)}; hoàn thành quá hạn: ${formatNumberVi(counts.completedLate, 0)});`,
    `- Đang thực hiện trong hạn: ${formatNumberVi(counts.inProgress, 0)} nhiệm vụ${counts.dueSoon ? ` (trong đó ${formatNumberVi(counts.dueSoon, 0)} nhiệm vụ sắp đến hạn)` : ''};`,
    `- Quá hạn chưa hoàn thành: ${formatNumberVi(counts.overdue, 0)} nhiệm vụ;`,
    `- Nhiệm vụ thường xuyên: ${formatNumberVi(counts.noDeadline, 0)} nhiệm vụ.`,
    counts.due > 0
      ? `Tỷ lệ hoàn thành trên số nhiệm vụ đã đến hạn đạt ${formatRateVi(counts.completionRate)}; tỷ lệ hoàn thành đúng hạn đạt ${formatRateVi(counts.onTimeRate)}.`
      : 'Chưa có nhiệm vụ đến hạn nên chưa tính tỷ lệ hoàn thành.',
  ];
  return [
    heading('I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO'),
    ...narrative(input.sections.leadership),
    ...lines.map((line) => bodyText(line)),
    new Paragraph({ spacing: { before: 120, after: 0 }, keepNext: true, children: [] }),
    countsTable(counts),
    new Paragraph({ spacing: { before: 60, after: 0 }, children: [] }),
  ];
}

function sectionTwo(input: WordReportInput): Paragraph[] {
  const outline = buildTaskOutline(input.figures.tasks, input.figures.scope.directives);
  const paragraphs: Paragraph[] = [heading('II. KẾT QUẢ THỰC HIỆN'), ...narrative(input.sections.results)];
  let groupNumber = 0;
  for (const row of outline) {
    if (row.kind === 'directive') paragraphs.push(bodyParagraph([run(row.title, { bold: true, italics: true })], { keepNext: true }));
    else if (row.kind === 'group') {
      groupNumber += 1;
      paragraphs.push(bodyParagraph([run(`${groupNumber}. ${sentenceCase(row.title)}`, { bold: true })], { keepNext: true }));
    } else if (row.kind === 'subgroup') paragraphs.push(bodyParagraph([run(`${row.ordinal} ${sentenceCase(row.title)}`, { italics: true, bold: true })], { keepNext: true }));
    else if (row.item.kind === 'task') {
      paragraphs.push(taskResultLine(row.item.task));
      for (const child of row.item.children) paragraphs.push(taskResultLine(child.task, '+'));
    } else {
      const { tasks } = row.item;
      paragraphs.push(
        bodyParagraph([run(`- ${taskLabel({ ...tasks[0], year: null })} `), run(`(${containerLeads(tasks)})`, { italics: true }), run(`: ${containerSummary(tasks)}.`)]),
      );
      const reported = tasks.filter((task) => task.update || task.timeliness === 'overdue');
      const shown = tasks.length <= COLLAPSE_CONTAINER_ABOVE ? tasks : reported.slice(0, 10);
      for (const task of shown) {
        const who = tasks.every((other) => other.leadName === task.leadName) && task.year ? `Năm ${task.year}` : leadLabel(task);
        paragraphs.push(bodyParagraph([run(`+ ${who}: ${statusAndResult(task)}`)]));
      }
      if (shown.length < reported.length) paragraphs.push(bodyText(`+ Và ${formatNumberVi(reported.length - shown.length, 0)} đơn vị khác (chi tiết tại Phụ lục I).`));
    }
  }
  if (input.figures.tasks.length === 0) paragraphs.push(bodyText('Không có nhiệm vụ nào trong phạm vi báo cáo.'));
  const projects = input.figures.projects;
  if (projects) {
    paragraphs.push(bodyParagraph([run(sentenceCase(projects.title), { bold: true })], { keepNext: true }));
    for (const text of projects.paragraphs) paragraphs.push(bodyText(text));
    // One line per host organization: name, then the figures under their column names.
    for (const row of projects.table.rows) {
      paragraphs.push(bodyText(`- ${row[1]}: ${projects.table.headers.slice(2).map((header, index) => `${header.toLowerCase()} ${row[index + 2]}`).join('; ')}.`));
    }
  }
  return paragraphs;
}

function sectionThree(input: WordReportInput): Paragraph[] {
  const { tasks, counts } = input.figures;
  const overdue = tasks.filter((task) => task.timeliness === 'overdue').sort((a, b) => (b.overdueDays ?? 0) - (a.overdueDays ?? 0) || a.id - b.id);
  const paragraphs: Paragraph[] = [heading('III. TỒN TẠI, HẠN CHẾ'), ...narrative(input.sections.limitations)];
  if (overdue.length === 0) {
    paragraphs.push(bodyText('Không có nhiệm vụ quá hạn chưa hoàn thành.'));
  } else {
    paragraphs.push(bodyText(`Còn ${formatNumberVi(overdue.length, 0)} nhiệm vụ quá hạn chưa hoàn thành:`));
    for (const task of overdue) {
      paragraphs.push(
        bodyParagraph([
          run(`- ${taskLabel(task)} `),
          run(`(${leadLabel(task)})`, { italics: true }),
          run(`: thời hạn ${task.deadline ? shortDate(task.deadline) : '—'}, quá hạn ${formatNumberVi(task.overdueDays ?? 0, 0)} ngày; tiến độ ${formatNumberVi(task.progress, 0)}%.`),
        ]),
      );
    }
  }
  if (counts.completedLate > 0) paragraphs.push(bodyText(`Có ${formatNumberVi(counts.completedLate, 0)} nhiệm vụ hoàn thành nhưng chậm so với thời hạn được giao.`));
  const difficulties = tasks.filter((task) => task.update?.difficulties?.trim());
  if (difficulties.length) {
    paragraphs.push(bodyText('Khó khăn, vướng mắc các cơ quan, đơn vị báo cáo:'));
    for (const task of difficulties) {
      paragraphs.push(bodyParagraph([run(`- ${leadLabel(task)} `), run(`(${taskLabel(task)})`, { italics: true }), run(`: ${ensurePeriod(task.update!.difficulties!)}`)]));
    }
  }
  return paragraphs;
}

function ensurePeriod(text: string): string {
  const value = nfc(text.trim());
  return /[.!?;:]$/.test(value) ? value.replace(/[;:]$/, '.') : `${value}.`;
}

/** Tasks not completed by asOf whose deadline falls in the next period, by deadline. */
export function tasksDueNext(figures: ReportFigures): ReportTask[] {
  return figures.tasks
    .filter((task) => task.timeliness === 'in_progress' && task.deadline !== null && task.deadline > figures.asOf && task.deadline <= figures.nextPeriod.to)
    .sort((a, b) => (a.deadline! < b.deadline! ? -1 : a.deadline! > b.deadline! ? 1 : a.id - b.id));
}

function sectionFour(input: WordReportInput): Paragraph[] {
  const { figures } = input;
  const due = tasksDueNext(figures);
  const overdue = figures.tasks.filter((task) => task.timeliness === 'overdue').length;
  const continuous = figures.tasks.filter((task) => task.timeliness === 'no_deadline').length;
  const paragraphs: Paragraph[] = [heading('IV. NHIỆM VỤ TRỌNG TÂM THỜI GIAN TỚI'), ...narrative(input.sections.priorities)];
  let number = 0;
  if (overdue > 0) {
    number += 1;
    paragraphs.push(bodyText(`${number}. Tập trung chỉ đạo, đôn đốc hoàn thành ${formatNumberVi(overdue, 0)} nhiệm vụ quá hạn nêu tại Mục III.`));
  }
  number += 1;
  if (due.length === 0) {
    paragraphs.push(bodyText(`${number}. ${figures.nextPeriod.label}: không có nhiệm vụ đến hạn hoàn thành.`));
  } else {
    paragraphs.push(bodyText(`${number}. Hoàn thành ${formatNumberVi(due.length, 0)} nhiệm vụ đến hạn ${figures.nextPeriod.label.charAt(0).toLocaleLowerCase('vi')}${figures.nextPeriod.label.slice(1)}:`));
    // The tasks an import made from one row are one line: "(12 xã, phường): thời hạn 31/12/2026".
    const lines: ReportTask[][] = [];
    for (const task of due) {
      const same = task.parentIsContainer ? lines.find((line) => line[0].parentIsContainer && line[0].parentId === task.parentId && line[0].deadline === task.deadline) : undefined;
      if (same) same.push(task);
      else lines.push([task]);
    }
    for (const line of lines) {
      const task = line[0];
      const progress = line.length === 1 ? `; tiến độ hiện nay ${formatNumberVi(task.progress, 0)}%` : '';
      paragraphs.push(
        bodyParagraph([
          run(`- ${taskLabel(line.length > 1 ? { ...task, year: null } : task)} `),
          run(`(${line.length > 1 ? containerLeads(line) : leadLabel(task)})`, { italics: true }),
          run(`: thời hạn ${shortDate(task.deadline!)}${progress}.`),
        ]),
      );
    }
  }
  if (continuous > 0) {
    number += 1;
    paragraphs.push(bodyText(`${number}. Tiếp tục thực hiện ${formatNumberVi(continuous, 0)} nhiệm vụ thường xuyên.`));
  }
  return paragraphs;
}

function sectionFive(input: WordReportInput): Paragraph[] {
  const proposals = input.figures.tasks.filter((task) => task.update?.proposals?.trim());
  const paragraphs: Paragraph[] = [heading('V. ĐỀ XUẤT, KIẾN NGHỊ'), ...narrative(input.sections.proposals)];
  if (proposals.length) {
    paragraphs.push(bodyText('Đề xuất, kiến nghị của các cơ quan, đơn vị chủ trì:'));
    for (const task of proposals) {
      paragraphs.push(bodyParagraph([run(`- ${leadLabel(task)} `), run(`(${taskLabel(task)})`, { italics: true }), run(`: ${ensurePeriod(task.update!.proposals!)}`)]));
    }
  } else if (!input.sections.proposals.trim()) {
    paragraphs.push(bodyText('Không có đề xuất, kiến nghị.'));
  }
  return paragraphs;
}

function signatureBlock(sections: ReportSections): Table {
  const recipients = nfc(sections.recipients)
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
  const left = mm(70);
  const right = PORTRAIT_WIDTH - left;
  const tight = { before: 0, after: 0, line: 240, lineRule: LineRuleType.AUTO };
  return borderlessTable(
    [left, right],
    [
      [
        [
          new Paragraph({ spacing: tight, children: [run('Nơi nhận:', { bold: true, italics: true, size: SIZE.recipientsTitle })] }),
          ...recipients.map((line) => new Paragraph({ spacing: tight, children: [run(line, { size: SIZE.recipients })] })),
        ],
        [
          ...[sections.signerAuthority, sections.signerTitle].filter((line) => line.trim()).map((line) => centred([run(nfc(line).toLocaleUpperCase('vi'), { bold: true })])),
          // Room for the signature and the seal.
          ...Array.from({ length: 4 }, () => centred([run('')])),
          centred([run(sections.signerName, { bold: true })]),
        ],
      ],
    ],
  );
}

// ---------------------------------------------------------------------------------------------
// The appendices
// ---------------------------------------------------------------------------------------------

function appendixHeader(roman: string, title: string, input: WordReportInput, subtitle?: string): Paragraph[] {
  const { sections } = input;
  const number = input.number?.trim() ? input.number.trim() : '       ';
  const date = sections.reportDate ? dateInWords(sections.reportDate) : dateInWords(null, Number(input.figures.asOf.slice(0, 4)));
  return [
    centred([run(`Phụ lục ${roman}`, { bold: true })]),
    centred([run(title, { bold: true })], { spacing: { before: 60, after: 0 } }),
    ...(subtitle ? [centred([run(subtitle, { italics: true })])] : []),
    centred([run(`(Kèm theo Báo cáo số ${number}/BC-${sections.agencyAbbreviation} ${date} của ${sentenceCase(sections.agency)})`, { italics: true })], { spacing: { before: 60, after: 0 } }),
    rule(LANDSCAPE_WIDTH, mm(40)),
    new Paragraph({ spacing: { before: 0, after: 120 }, children: [] }),
  ];
}

/** Column widths of Phụ lục I on a landscape page (they add up to the text width). */
const TASK_COLUMNS = (() => {
  const widths = [mm(11), mm(58), mm(30), mm(32), mm(26), mm(22), mm(28)];
  return [...widths, LANDSCAPE_WIDTH - widths.reduce((sum, value) => sum + value, 0)];
})();

export const TASK_TABLE_HEADERS = ['TT', 'Nhiệm vụ', 'Cơ quan chủ trì', 'Cơ quan phối hợp', 'Sản phẩm', 'Thời hạn hoàn thành', 'Tình trạng', 'Kết quả thực hiện'];

function taskCells(ordinal: string, task: ReportTask, titleOverride?: string, omitShared = false): string[] {
  return [
    ordinal,
    titleOverride ?? taskLabel(task),
    task.leadName ?? '',
    omitShared ? '' : task.coordinating.join('; '),
    omitShared ? '' : (task.expectedOutput ?? ''),
    deadlineText(task),
    statusText(task),
    resultText(task),
  ];
}

function appendixOne(input: WordReportInput): (Paragraph | Table)[] {
  const { figures } = input;
  const scopeTitle = figures.scope.directives.length === 1 ? ` THEO ${(directiveKindLabels[figures.scope.directives[0].kind] ?? 'văn bản').toLocaleUpperCase('vi')} SỐ ${figures.scope.directives[0].number}` : '';
  const title = `TÌNH HÌNH THỰC HIỆN NHIỆM VỤ${scopeTitle}`;
  const subtitle = `(Tính đến ngày ${shortDate(figures.asOf)})`;
  const size = SIZE.appendixTable;
  const rows: (string[] | TableRow)[] = [];
  for (const row of buildTaskOutline(figures.tasks, figures.scope.directives)) {
    if (row.kind === 'directive') rows.push(spanningRow(TASK_COLUMNS, '', row.title, size, { bold: true, italics: true }));
    else if (row.kind === 'group') rows.push(spanningRow(TASK_COLUMNS, row.ordinal, nfc(row.title).toLocaleUpperCase('vi'), size, { bold: true }));
    else if (row.kind === 'subgroup') rows.push(spanningRow(TASK_COLUMNS, row.ordinal, row.title, size, { bold: true, italics: true }));
    else if (row.item.kind === 'task') {
      rows.push(taskCells(row.item.ordinal, row.item.task));
      for (const child of row.item.children) rows.push(taskCells(child.ordinal, child.task));
    } else {
      const { tasks, ordinal } = row.item;
      const first = tasks[0];
      if (tasks.length > COLLAPSE_CONTAINER_ABOVE) {
        const reported = tasks.filter((task) => task.update).slice(0, 8);
        const results = reported.map((task) => `${task.leadName}: ${resultText(task)}`).join('\n');
        rows.push([
          ordinal,
          taskLabel({ ...first, year: null }),
          containerLeads(tasks),
          first.coordinating.join('; '),
          first.expectedOutput ?? '',
          deadlineSpan(tasks),
          containerSummary(tasks).replace(/^./, (letter) => letter.toLocaleUpperCase('vi')),
          results || 'Chưa có báo cáo tiến độ.',
        ]);
      } else {
        rows.push([ordinal, taskLabel({ ...first, year: null }), containerLeads(tasks), first.coordinating.join('; '), first.expectedOutput ?? '', deadlineSpan(tasks), '', '']);
        // The row's coordinating organizations and output are on the container's row, once.
        tasks.forEach((task, index) =>
          rows.push(taskCells(`${ordinal}.${index + 1}`, task, task.year && tasks.every((other) => other.leadName === task.leadName) ? `Năm ${task.year}` : '', true)),
        );
      }
    }
  }
  if (rows.length === 0) rows.push(['', 'Không có nhiệm vụ nào trong phạm vi báo cáo.', '', '', '', '', '', '']);
  return [
    ...appendixHeader('I', title, input, subtitle),
    gridTable(TASK_COLUMNS, [TASK_TABLE_HEADERS, TASK_TABLE_HEADERS.map((_, index) => `(${index + 1})`)], rows, size, { align: ['center', 'left', 'left', 'left', 'left', 'center', 'left', 'left'] }),
  ];
}

/** The deadlines of a container's tasks: one date, "Thường xuyên", or "31/12/2026 - 31/12/2028". */
function deadlineSpan(tasks: ReportTask[]): string {
  const deadlines = [...new Set(tasks.map((task) => task.deadline).filter((value): value is string => value !== null))].sort();
  if (deadlines.length === 0) return 'Thường xuyên';
  if (deadlines.length === 1) return shortDate(deadlines[0]);
  return `${shortDate(deadlines[0])} - ${shortDate(deadlines[deadlines.length - 1])}`;
}

const INDICATOR_COLUMNS = (() => {
  const widths = [mm(11), mm(95), mm(24), mm(30), mm(34), mm(22)];
  return [...widths, LANDSCAPE_WIDTH - widths.reduce((sum, value) => sum + value, 0)];
})();

export const INDICATOR_TABLE_HEADERS = ['TT', 'Chỉ tiêu', 'Đơn vị tính', 'Chỉ tiêu kế hoạch', 'Kết quả thực hiện', 'Tiến độ', 'Đánh giá'];

function appendixTwo(input: WordReportInput): (Paragraph | Table)[] {
  const { figures } = input;
  const size = SIZE.appendixTable;
  const rows: (string[] | TableRow)[] = [];
  const groups: (string | null)[] = [];
  for (const indicator of figures.indicators) if (!groups.includes(indicator.group)) groups.push(indicator.group);
  let number = 0;
  groups.forEach((group, groupIndex) => {
    if (groups.length > 1 || group) rows.push(spanningRow(INDICATOR_COLUMNS, toRoman(groupIndex + 1), nfc(group ?? 'Chỉ tiêu khác').toLocaleUpperCase('vi'), size, { bold: true }));
    for (const indicator of figures.indicators.filter((candidate) => candidate.group === group)) {
      number += 1;
      rows.push([
        String(number),
        indicator.name,
        indicator.unit,
        formatTarget(indicator),
        `${formatIndicatorValue(indicator.value, indicator.valueType)}${indicator.periodLabel && indicator.value !== null ? `\n(${indicator.periodLabel})` : ''}`,
        indicator.progress === null ? '—' : formatRateVi(indicator.progress),
        indicatorAssessment(indicator),
      ]);
    }
  });
  if (rows.length === 0) rows.push(['', 'Chưa có chỉ tiêu.', '', '', '', '', '']);
  const organization = figures.indicatorOrganization ? ` CỦA ${nfc(figures.indicatorOrganization.name).toLocaleUpperCase('vi')}` : '';
  return [
    ...appendixHeader('II', `KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU${organization}`, input),
    gridTable(INDICATOR_COLUMNS, [INDICATOR_TABLE_HEADERS, INDICATOR_TABLE_HEADERS.map((_, index) => `(${index + 1})`)], rows, size, {
      align: ['center', 'left', 'center', 'center', 'center', 'center', 'left'],
    }),
  ];
}

// ---------------------------------------------------------------------------------------------
// The document
// ---------------------------------------------------------------------------------------------

function pageNumberHeader(): Header {
  return new Header({
    children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: [PageNumber.CURRENT], font: FONT, size: SIZE.pageNumber })] })],
  });
}

/**
 * Builds the report as a .docx: the portrait body (no page number on its first page, then at the
 * top centre), and Phụ lục I and II each on landscape pages.
 */
export async function buildWordReport(input: WordReportInput): Promise<Buffer> {
  const { sections } = input;
  const landscape = { size: { width: A4.width, height: A4.height, orientation: PageOrientation.LANDSCAPE }, margin: LANDSCAPE_MARGINS };
  const document = new Document({
    creator: 'Thực Thi',
    title: nfc(`Báo cáo ${sections.subject}`),
    description: 'Báo cáo theo thể thức Nghị định 30/2020/NĐ-CP',
    styles: {
      default: {
        document: {
          run: { font: FONT, size: SIZE.body, language: { value: 'vi-VN' } },
          paragraph: { spacing: { before: 0, after: 0 } },
        },
      },
      paragraphStyles: TABLE_TEXT_SIZES.map((size) => ({
        id: tableTextStyle(size),
        name: `Table Text ${size / 2}`,
        basedOn: 'Normal',
        quickFormat: false,
        run: { font: FONT, size },
        paragraph: { spacing: { before: 0, after: 0, line: 240, lineRule: LineRuleType.AUTO } },
      })),
    },
    sections: [
      {
        properties: {
          titlePage: true,
          page: { size: { width: A4.width, height: A4.height, orientation: PageOrientation.PORTRAIT }, margin: PORTRAIT_MARGINS, pageNumbers: { start: 1 } },
        },
        headers: { default: pageNumberHeader(), first: new Header({ children: [new Paragraph({ children: [] })] }) },
        children: [
          documentHeader(input),
          ...titleBlock(sections),
          ...narrative(sections.intro),
          ...sectionOne(input),
          ...sectionTwo(input),
          ...sectionThree(input),
          ...sectionFour(input),
          ...sectionFive(input),
          ...narrative(sections.closing),
          new Paragraph({ spacing: { before: 240, after: 0 }, children: [] }),
          signatureBlock(sections),
        ],
      },
      { properties: { page: landscape }, headers: { default: pageNumberHeader() }, children: appendixOne(input) },
      { properties: { page: landscape }, headers: { default: pageNumberHeader() }, children: appendixTwo(input) },
    ],
  });
  return Packer.toBuffer(document);
}
