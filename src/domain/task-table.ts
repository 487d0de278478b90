/**
 * Reading a task table from a grid of cells (domain.md, "Reading a task table (Excel import)").
 * Pure: the grid, the organizations and "today" are given; the result says what would be created,
 * or every error found (all or nothing is the caller's rule: write nothing when `ok` is false).
 */
import {
  formatVietnameseDate,
  parseCompletionDate,
  parseDeadline,
  type CellValue,
  type DeadlineResult,
  type IsoDate,
} from './deadline-parsing';
import { normalizeName } from './names';
import type { CellReading, OrganizationMatcher } from './organization-matching';

/** One cell of a grid: its value and its display text. */
export interface GridCell {
  value: CellValue;
  text: string;
}

/** The cells of a worksheet. */
export interface Grid {
  /** rows[0] is sheet row 1, rows[r][0] is column A. Non-master cells of a merged range are empty. */
  rows: (GridCell | null)[][];
}

/** What reading a table needs to know about its directive. */
export interface TaskTableContext {
  matcher: OrganizationMatcher;
  /** The year of the directive's issue date: the first year of yearly tasks. */
  issueYear: number;
  /** The directive's plan end year, the last year of yearly tasks; null when it has none. */
  planEndYear: number | null;
  /** The date imported tasks exist from (assignedOn). */
  directiveIssuedOn: IsoDate;
  today: IsoDate;
}

/** The columns a task table may have. */
export type TaskTableColumn = 'label' | 'title' | 'lead' | 'coordinating' | 'output' | 'deadline' | 'completedOn';

/** One problem found in the table; every message is Vietnamese and complete. */
export interface TaskTableError {
  /** Sheet row number (1-based); null for an error about the whole sheet (no header row). */
  row: number | null;
  /** Column letter ('C'); null for an error about the whole sheet. */
  column: string | null;
  /** The sheet's header text of that column. */
  header: string | null;
  /** The cell's display text. */
  value: string | null;
  /** e.g. 'Dòng 12, cột "Thời hạn": "Quý V/2026" không phải là quý hợp lệ'. */
  message: string;
  /** For an unknown name, the closest names. */
  suggestions: string[];
}

/** A task the table would create. */
export interface PlannedTask {
  leadOrganizationId: number;
  deadline: IsoDate | null;
  isContinuous: boolean;
  /** The year of a yearly occurrence; null otherwise. */
  year: number | null;
  assignedOn: IsoDate;
  completedOn: IsoDate | null;
}

/** A table row read successfully: one task, or a container with its tasks. */
export interface PlannedRow {
  sheetRow: number;
  /** Title of the current group heading (its label when the title is empty). */
  group: string | null;
  /** Title of the current subgroup heading. */
  subgroup: string | null;
  title: string;
  output: string | null;
  /** Coordinating organization ids, deduplicated, in the order of the cell. */
  coordinating: number[];
  coordinationNotes: string[];
  /** True when the row makes a container (several leads, or a yearly deadline). */
  container: boolean;
  tasks: PlannedTask[];
}

/** A group heading (Roman numeral) and its subgroup headings (letters). */
export interface TaskTableGroup {
  label: string;
  title: string;
  subgroups: { label: string; title: string }[];
}

/** The result of reading a table. */
export interface TaskTableResult {
  ok: boolean;
  errors: TaskTableError[];
  warnings: string[];
  groups: TaskTableGroup[];
  /** Rows without errors. */
  rows: PlannedRow[];
  /** The number of tasks that are not containers. */
  taskCount: number;
}

/** Header names per column (domain.md, "Columns"). */
export const COLUMN_NAMES: Readonly<Record<TaskTableColumn, readonly string[]>> = {
  label: ['TT', 'STT'],
  title: ['Nội dung nhiệm vụ', 'Tên nhiệm vụ', 'Nhiệm vụ', 'Nội dung'],
  lead: ['Cơ quan chủ trì', 'Đơn vị chủ trì', 'Chủ trì'],
  coordinating: ['Cơ quan phối hợp', 'Đơn vị phối hợp', 'Phối hợp'],
  output: ['Sản phẩm', 'Kết quả'],
  deadline: ['Thời gian hoàn thành', 'Thời hạn hoàn thành', 'Thời hạn'],
  completedOn: ['Ngày hoàn thành'],
};

const REQUIRED_COLUMNS: readonly TaskTableColumn[] = ['title', 'lead', 'deadline'];
const HEADER_SEARCH_ROWS = 20;

/** Header names, normalised, longest first, so that the most specific name decides. */
const HEADER_NAMES: { column: TaskTableColumn; name: string }[] = (
  Object.entries(COLUMN_NAMES) as [TaskTableColumn, readonly string[]][]
)
  .flatMap(([column, names]) => names.map((name) => ({ column, name: normalizeName(name) })))
  .sort((a, b) => b.name.length - a.name.length);

const ROMAN = '(?:M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3}))';
const ROMAN_LABEL = new RegExp(`^(${ROMAN})\\s*[.)]?$`, 'u');
const ROMAN_LABEL_WITH_TITLE = new RegExp(`^(${ROMAN})\\s*[.)]\\s*(\\S.*)$`, 'su');
const LETTER_LABEL = /^([A-Za-zĐđ])\s*[.)]?$/u;
const LETTER_LABEL_WITH_TITLE = /^([A-Za-zĐđ])\s*[.)]\s*(\S.*)$/su;
const COLUMN_NUMBER = /^(?:\(\s*\d+\s*\)|\d+)$/;

/** Which column a header text names, if any: its normalised form equals or begins with a name. */
export function headerColumn(text: string): TaskTableColumn | null {
  const normalized = normalizeName(text);
  if (normalized === '') return null;
  return HEADER_NAMES.find(({ name }) => normalized.startsWith(name))?.column ?? null;
}

/** The column letter of a 0-based column index: 0 → A, 26 → AA. */
export function columnLetter(index: number): string {
  let letters = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  }
  return letters;
}

function isEmptyCell(cell: GridCell | null | undefined): boolean {
  if (!cell || cell.value.kind === 'empty') return true;
  return cell.value.kind === 'text' ? cell.value.text.trim() === '' && cell.text.trim() === '' : false;
}

function cellText(cell: GridCell | null | undefined): string {
  if (isEmptyCell(cell) || !cell) return '';
  const text = cell.text.trim();
  return text !== '' || cell.value.kind !== 'text' ? text : cell.value.text.trim();
}

function cellValue(cell: GridCell | null | undefined): CellValue {
  return !cell || isEmptyCell(cell) ? { kind: 'empty' } : cell.value;
}

/** A key that tells apart every cell value parseDeadline could read differently. */
function deadlineKey(value: CellValue): string {
  switch (value.kind) {
    case 'empty':
      return 'empty';
    case 'text':
      return `text:${value.text}`;
    case 'number':
      return `number:${Object.is(value.value, -0) ? '-0' : value.value}`;
    case 'date':
      return `date:${value.date}:${value.showsDay}`;
  }
}

function maxDate(a: IsoDate, b: IsoDate): IsoDate {
  return a > b ? a : b;
}

type HeaderMap = Map<TaskTableColumn, { index: number; header: string }>;

function readHeaderRow(row: (GridCell | null)[]): HeaderMap {
  const columns: HeaderMap = new Map();
  row.forEach((cell, index) => {
    const text = cellText(cell);
    const column = headerColumn(text);
    if (column && !columns.has(column)) columns.set(column, { index, header: text.replace(/\s+/gu, ' ') });
  });
  return columns;
}

function isColumnNumberRow(row: (GridCell | null)[] | undefined): boolean {
  if (!row) return false;
  const texts = row.map(cellText).filter((text) => text !== '');
  return texts.length >= 2 && texts.every((text) => COLUMN_NUMBER.test(text));
}

type Heading = { kind: 'group' | 'subgroup'; label: string; title: string };

function readHeading(label: string, title: string): Heading | null {
  let match = ROMAN_LABEL.exec(label);
  if (match && match[1] !== '') return { kind: 'group', label: match[1], title };
  match = LETTER_LABEL.exec(label);
  if (match) return { kind: 'subgroup', label: match[1], title };
  if (title === '') {
    // A heading written whole in the label cell, e.g. "I. CHUYỂN ĐỔI SỐ" merged across the row.
    match = ROMAN_LABEL_WITH_TITLE.exec(label);
    if (match && match[1] !== '') return { kind: 'group', label: match[1], title: match[2].trim() };
    match = LETTER_LABEL_WITH_TITLE.exec(label);
    if (match) return { kind: 'subgroup', label: match[1], title: match[2].trim() };
  }
  return null;
}

/**
 * Reads a task table (domain.md, "Reading a task table"): finds the header row among rows 1–20,
 * skips a column-number row under it, follows group (Roman numeral) and subgroup (letter)
 * headings, and turns every other non-empty row into one task or a container with one task per
 * lead organization (and per year for a yearly deadline). Every problem is reported with its row,
 * column letter, header, cell text and a Vietnamese message.
 */
export function readTaskTable(grid: Grid, context: TaskTableContext): TaskTableResult {
  const result: TaskTableResult = { ok: false, errors: [], warnings: [], groups: [], rows: [], taskCount: 0 };

  let headerIndex = -1;
  let columns: HeaderMap = new Map();
  let bestMissing: TaskTableColumn[] = [...REQUIRED_COLUMNS];
  for (let r = 0; r < Math.min(HEADER_SEARCH_ROWS, grid.rows.length); r++) {
    const found = readHeaderRow(grid.rows[r] ?? []);
    const missing = REQUIRED_COLUMNS.filter((column) => !found.has(column));
    if (missing.length === 0) {
      headerIndex = r;
      columns = found;
      break;
    }
    if (missing.length < bestMissing.length) bestMissing = missing;
  }
  if (headerIndex < 0) {
    const names = bestMissing.map((column) => `"${COLUMN_NAMES[column][0]}"`).join(', ');
    result.errors.push({
      row: null,
      column: null,
      header: null,
      value: null,
      message: `Không tìm thấy dòng tiêu đề của bảng nhiệm vụ trong ${HEADER_SEARCH_ROWS} dòng đầu của trang tính thứ nhất: thiếu cột ${names}. Vui lòng kiểm tra tên các cột`,
      suggestions: [],
    });
    return result;
  }

  let firstDataIndex = headerIndex + 1;
  if (isColumnNumberRow(grid.rows[firstDataIndex])) firstDataIndex++;

  let currentGroup: TaskTableGroup | null = null;
  let currentSubgroup: string | null = null;

  // A table has few distinct deadline cells ("Quý IV/2026" on many rows): read each once.
  const deadlines = new Map<string, DeadlineResult>();
  const readDeadline = (value: CellValue): DeadlineResult => {
    const key = deadlineKey(value);
    let deadline = deadlines.get(key);
    if (!deadline) {
      deadline = parseDeadline(value);
      deadlines.set(key, deadline);
    }
    return deadline;
  };

  for (let r = firstDataIndex; r < grid.rows.length; r++) {
    const row = grid.rows[r] ?? [];
    const sheetRow = r + 1;
    if (row.every((cell) => isEmptyCell(cell))) continue;

    const cellOf = (column: TaskTableColumn): GridCell | null => {
      const place = columns.get(column);
      return place ? (row[place.index] ?? null) : null;
    };
    const textOf = (column: TaskTableColumn): string => cellText(cellOf(column));

    const title = textOf('title');
    const leadText = textOf('lead');
    if (leadText === '') {
      const heading = readHeading(textOf('label'), title);
      if (heading?.kind === 'group') {
        currentGroup = { label: heading.label, title: heading.title, subgroups: [] };
        currentSubgroup = null;
        result.groups.push(currentGroup);
        continue;
      }
      if (heading?.kind === 'subgroup') {
        if (currentGroup) {
          currentGroup.subgroups.push({ label: heading.label, title: heading.title });
          currentSubgroup = heading.title || heading.label;
        } else {
          // A letter heading before any Roman heading stands at the top level.
          currentGroup = { label: heading.label, title: heading.title, subgroups: [] };
          currentSubgroup = null;
          result.groups.push(currentGroup);
        }
        continue;
      }
    }

    const rowErrors: TaskTableError[] = [];
    const report = (column: TaskTableColumn, message: string, suggestions: string[] = []): void => {
      const place = columns.get(column);
      const header = place?.header ?? COLUMN_NAMES[column][0];
      rowErrors.push({
        row: sheetRow,
        column: place ? columnLetter(place.index) : null,
        header,
        value: textOf(column),
        message: `Dòng ${sheetRow}, cột "${header}": ${message}`,
        suggestions,
      });
    };
    const rowWarnings: string[] = [];
    const reportNames = (column: TaskTableColumn, reading: CellReading): void => {
      const header = columns.get(column)?.header ?? COLUMN_NAMES[column][0];
      for (const unknown of reading.unknown) {
        const hint = unknown.suggestions.length > 0 ? ` Có phải: ${unknown.suggestions.join(', ')}?` : '';
        report(column, `Không tìm thấy cơ quan, đơn vị "${unknown.text}".${hint}`, unknown.suggestions);
      }
      for (const ambiguous of reading.ambiguous) {
        const names = ambiguous.candidates.map((o) => `${o.name} (${o.code})`).join(', ');
        report(column, `"${ambiguous.text}" trùng tên với nhiều cơ quan, đơn vị: ${names}. Vui lòng ghi rõ tên đầy đủ`);
      }
      for (const warning of reading.warnings) rowWarnings.push(`Dòng ${sheetRow}, cột "${header}": ${warning}`);
    };

    // Title.
    if (title === '') report('title', 'chưa có nội dung nhiệm vụ');

    // Lead organizations.
    let leads: number[] = [];
    if (leadText === '') {
      report('lead', 'chưa ghi cơ quan chủ trì');
    } else {
      const reading = context.matcher.readCell(leadText, 'lead');
      reportNames('lead', reading);
      leads = reading.organizations.map((match) => match.organization.id);
      const hasNameErrors = reading.unknown.length > 0 || reading.ambiguous.length > 0;
      if (reading.notes.length > 0) {
        const notes = reading.notes.map((note) => `"${note}"`).join(', ');
        report(
          'lead',
          leads.length === 0 && !hasNameErrors
            ? `${notes} chưa phải là cơ quan chủ trì xác định. Vui lòng ghi rõ cơ quan chủ trì`
            : `${notes} không được ghi ở cột chủ trì. Vui lòng ghi rõ cơ quan chủ trì, đưa các cơ quan liên quan sang cột phối hợp`,
        );
      } else if (leads.length === 0 && !hasNameErrors) {
        report('lead', 'không có cơ quan, đơn vị nào để giao chủ trì. Vui lòng ghi rõ cơ quan chủ trì');
      }
    }

    // Coordinating organizations and notes.
    let coordinating: number[] = [];
    let coordinationNotes: string[] = [];
    const coordinatingText = textOf('coordinating');
    if (coordinatingText !== '') {
      const reading = context.matcher.readCell(coordinatingText, 'coordinating');
      reportNames('coordinating', reading);
      coordinating = reading.organizations.map((match) => match.organization.id);
      coordinationNotes = reading.notes;
    }

    // Deadline.
    const deadline = readDeadline(cellValue(cellOf('deadline')));
    let years: number[] = [];
    if (!deadline.ok) {
      report('deadline', deadline.message);
    } else if (deadline.kind === 'yearly') {
      if (context.planEndYear === null) {
        report('deadline', 'văn bản chưa có năm kết thúc kế hoạch nên không tạo được nhiệm vụ hằng năm. Vui lòng ghi năm kết thúc kế hoạch của văn bản');
      } else if (context.planEndYear < context.issueYear) {
        report('deadline', `năm kết thúc kế hoạch (${context.planEndYear}) trước năm ban hành văn bản (${context.issueYear})`);
      } else {
        for (let year = context.issueYear; year <= context.planEndYear; year++) years.push(year);
      }
    }

    // Completion date.
    let completedOn: IsoDate | null = null;
    if (columns.has('completedOn') && !isEmptyCell(cellOf('completedOn'))) {
      const completion = parseCompletionDate(cellValue(cellOf('completedOn')), context.today);
      if (!completion.ok) {
        report('completedOn', completion.message);
      } else if (deadline.ok && deadline.kind === 'yearly') {
        report('completedOn', 'nhiệm vụ hằng năm không ghi ngày hoàn thành chung. Vui lòng để trống ô này');
        years = [];
      } else if (completion.date !== null && completion.date < context.directiveIssuedOn) {
        report(
          'completedOn',
          `ngày hoàn thành ${formatVietnameseDate(completion.date)} trước ngày giao nhiệm vụ (${formatVietnameseDate(context.directiveIssuedOn)})`,
        );
      } else {
        completedOn = completion.date;
      }
    }

    result.errors.push(...rowErrors);
    result.warnings.push(...rowWarnings);
    if (rowErrors.length > 0 || !deadline.ok) continue;

    const tasks: PlannedTask[] = [];
    if (deadline.kind === 'yearly') {
      for (const leadOrganizationId of leads) {
        for (const year of years) {
          tasks.push({
            leadOrganizationId,
            deadline: `${year}-12-31`,
            isContinuous: false,
            year,
            assignedOn: maxDate(context.directiveIssuedOn, `${year}-01-01`),
            completedOn: null,
          });
        }
      }
    } else {
      for (const leadOrganizationId of leads) {
        tasks.push({
          leadOrganizationId,
          deadline: deadline.kind === 'date' ? deadline.deadline : null,
          isContinuous: deadline.kind === 'continuous',
          year: null,
          assignedOn: context.directiveIssuedOn,
          completedOn,
        });
      }
    }
    result.rows.push({
      sheetRow,
      group: currentGroup ? currentGroup.title || currentGroup.label : null,
      subgroup: currentSubgroup,
      title,
      output: textOf('output') || null,
      coordinating,
      coordinationNotes,
      container: deadline.kind === 'yearly' || leads.length > 1,
      tasks,
    });
    result.taskCount += tasks.length;
  }

  result.ok = result.errors.length === 0;
  return result;
}
