/**
 * Reading the three indicator tables of an Excel import (domain.md, "Periods and indicators"):
 * the indicator definitions, the values entered per organization and period, and the targets.
 *
 * Shared conventions with the task table (domain.md, "Reading a task table"): the first worksheet
 * (the caller gives its grid); the header row is the first of rows 1–20 that holds every required
 * column, and a row right under it made only of column numbers ("(1)", "(2)") is skipped; a header
 * cell names a column when, normalised as for tasks (`normalizeName`), it equals or begins with a
 * column name (the longest name decides; for each column the first such cell is used, except that
 * a cell equal to a name wins over an earlier cell that only begins with it); merged non-master
 * cells are empty; fully empty rows are skipped. All or nothing: every problem is reported with its
 * sheet row, column letter, header, cell text and a Vietnamese message, `rows` holds the rows read
 * without errors, and `ok` is false as soon as there is one error (the caller then writes nothing).
 *
 * Choices made here (the contract leaves them open):
 * - Indicator codes are compared ignoring case and surrounding spaces; a row of the definitions
 *   table whose code exists already updates it and takes the existing spelling.
 * - Numbers written as text follow {@link parseVietnameseNumber}. A text such as "1.234" (one dot
 *   followed by exactly three digits) is read as a decimal, as that function says, but a warning
 *   tells the user how to write one thousand two hundred and thirty-four.
 * - A missing or empty "So sánh" cell of a target defaults from the indicator's direction:
 *   higher is better → ≥ (`gte`), lower is better → ≤ (`lte`).
 * - The numerator and denominator of a ratio indicator must not be ratio indicators themselves
 *   (this also rules out a ratio referring to itself, and cycles), and must not have a longer
 *   frequency than the ratio (a monthly ratio cannot be computed from yearly figures).
 * - An organization is found by its code first (exact; a number cell is also tried with the
 *   leading zeros Excel drops, `4792` → `04792`), then by name with the matcher. A group phrase
 *   ("Các sở, ngành") is an error: a value, target or owner belongs to one organization.
 */
import { normalizeName, editDistance } from './names';
import { GROUP_PHRASES, predecessorWarning, type OrganizationMatcher } from './organization-matching';
import { validateValue, type Comparator, type Direction, type OrgAggregation, type TimeAggregation, type ValueType } from './indicators';
import { formatPeriodCode, formatPeriodVi, isLongerKind, parsePeriodText, type Period, type PeriodKind } from './periods';
import { type Grid, type GridCell } from './task-table';
import { dataRows, locateTable, type ColumnSpec, type RowReader, type TableError } from './sheet-tables';

export type { ColumnSpec, TableError } from './sheet-tables';

/** The frequencies an indicator may have (a half is never a frequency). */
export type IndicatorFrequency = 'month' | 'quarter' | 'year';

/** An indicator that already exists, as the readers need it. */
export interface IndicatorCatalogEntry {
  id: number;
  code: string;
  frequency: IndicatorFrequency;
  valueType: ValueType;
  orgAggregation: OrgAggregation;
  direction: Direction;
}

/** The result of reading a table: `rows` are the rows without errors; `ok` when there is no error. */
export interface ReadResult<T> {
  ok: boolean;
  errors: TableError[];
  warnings: string[];
  rows: T[];
}

/** An organization known by its code. */
export interface OrganizationRef {
  id: number;
  code: string;
  name: string;
}

/** A row of the definitions table: an indicator to create (`isNew`) or to update. */
export interface IndicatorDefinitionRow {
  sheetRow: number;
  code: string;
  name: string;
  /** Null when the cell is empty (a yes/no indicator needs none). */
  unit: string | null;
  direction: Direction;
  frequency: IndicatorFrequency;
  timeAggregation: TimeAggregation;
  orgAggregation: OrgAggregation;
  /** For a ratio indicator, the codes of its numerator and denominator; null otherwise. */
  numeratorCode: string | null;
  denominatorCode: string | null;
  ownerOrganizationId: number;
  valueType: ValueType;
  groupName: string | null;
  definition: string | null;
  isNew: boolean;
}

/** A value to enter for an indicator, organization and period (a period of the indicator's frequency). */
export interface IndicatorValueRow {
  sheetRow: number;
  indicatorCode: string;
  indicatorId: number;
  organizationId: number;
  /** Period code: `2026`, `2026Q1`, `2026-03`. */
  period: string;
  value: number;
}

/** A target for an indicator, organization and period (a period at least as long as the frequency). */
export interface IndicatorTargetRow extends IndicatorValueRow {
  comparator: Comparator;
}

export interface IndicatorDefinitionContext {
  matcher: OrganizationMatcher;
  /** Existing indicators by code. */
  existingCodes: Map<string, IndicatorCatalogEntry>;
  /** Active organizations by code, to read "Đơn vị theo dõi" by code; without it only names are read. */
  organizationsByCode?: Map<string, OrganizationRef>;
}

export interface IndicatorDataContext {
  matcher: OrganizationMatcher;
  /** Active organizations by code. */
  organizationsByCode: Map<string, OrganizationRef>;
  /** Existing indicators by code. */
  catalog: Map<string, IndicatorCatalogEntry>;
}

// ---------------------------------------------------------------------------------------------
// Numbers

const GROUPING_SPACE = /[ \u00a0\u202f]/gu;

/**
 * Reads a number written the Vietnamese way; null when the text is not one number.
 *
 * - An optional sign (`-`, `−`, `+`) comes first; spaces may group thousands ("1 234 567").
 * - If the text has a comma, the comma is the decimal mark and dots are thousands separators,
 *   which must group exactly three digits: "1.234,5" → 1234.5, "22,5" → 22.5, "1234,5" → 1234.5.
 *   A second comma, or a dot after the comma, is not a number ("1,234.5" → null).
 * - Otherwise a single dot is a decimal point ("22.5" → 22.5, "1.234" → 1.234), unless the dots
 *   group exactly three digits at least twice ("1.234.567" → 1234567). Other dots → null.
 * - No exponent, no currency, no percent sign (callers strip a trailing "%").
 */
export function parseVietnameseNumber(text: string): number | null {
  let s = text.normalize('NFC').trim();
  let sign = 1;
  if (/^[-−+]/u.test(s)) {
    if (s[0] !== '+') sign = -1;
    s = s.slice(1).trimStart();
  }
  if (s === '') return null;
  if (/\s/u.test(s)) {
    if (!/^\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:,\d+)?$/u.test(s)) return null;
    s = s.replace(GROUPING_SPACE, '');
  }
  let digits: string | null = null;
  if (s.includes(',')) {
    const match = /^(\d+|\d{1,3}(?:\.\d{3})+),(\d+)$/.exec(s);
    if (match) digits = `${match[1].replace(/\./g, '')}.${match[2]}`;
  } else if (/^\d+$/.test(s) || /^\d+\.\d+$/.test(s)) {
    digits = s;
  } else if (/^\d{1,3}(?:\.\d{3}){2,}$/.test(s)) {
    digits = s.replace(/\./g, '');
  }
  if (digits === null) return null;
  const value = sign * Number(digits);
  return Number.isFinite(value) ? value + 0 : null; // + 0 turns -0 into 0
}

/** "1.234" (one dot, exactly three digits after it, no leading zero): a decimal that may have meant thousands. */
const AMBIGUOUS_DOT = /^[-−+]?\s*[1-9]\d{0,2}\.\d{3}$/u;

const numberFormat = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 10 });

/** A number in the Vietnamese format: 1.234,5. */
function formatNumberVi(value: number): string {
  return numberFormat.format(value);
}

// ---------------------------------------------------------------------------------------------
// Words

function wordTable<T>(entries: [string, T][]): Map<string, T> {
  return new Map(entries.map(([word, value]) => [normalizeName(word), value]));
}

const DIRECTION_WORDS = wordTable<Direction>([
  ['Tăng', 'higher'],
  ['Giảm', 'lower'],
]);
const FREQUENCY_WORDS = wordTable<IndicatorFrequency>([
  ['Tháng', 'month'],
  ['Hằng tháng', 'month'],
  ['Hàng tháng', 'month'],
  ['Quý', 'quarter'],
  ['Hằng quý', 'quarter'],
  ['Hàng quý', 'quarter'],
  ['Năm', 'year'],
  ['Hằng năm', 'year'],
  ['Hàng năm', 'year'],
]);
const TIME_AGGREGATION_WORDS = wordTable<TimeAggregation>([
  ['Cộng dồn', 'sum'],
  ['Cuối kỳ', 'last'],
  ['Trung bình', 'average'],
]);
const ORG_AGGREGATION_WORDS = wordTable<OrgAggregation>([
  ['Cộng', 'sum'],
  ['Trung bình', 'average'],
  ['Tỷ lệ', 'ratio'],
  ['Tỉ lệ', 'ratio'],
  ['Không', 'none'],
]);
const VALUE_TYPE_WORDS = wordTable<ValueType>([
  ['Số', 'number'],
  ['Phần trăm', 'percent'],
  ['Có-Không', 'yes_no'],
]);
const YES_NO_WORDS = wordTable<number>([
  ['Có', 1],
  ['Không', 0],
]);

/** Comparator words and symbols, compared after `simplifyWords`. */
const COMPARATOR_WORDS = new Map<string, Comparator>([
  ['≥', 'gte'],
  ['>=', 'gte'],
  ['=>', 'gte'],
  ['toi thieu', 'gte'],
  ['khong thap hon', 'gte'],
  ['khong nho hon', 'gte'],
  ['≤', 'lte'],
  ['<=', 'lte'],
  ['=<', 'lte'],
  ['toi da', 'lte'],
  ['khong vuot qua', 'lte'],
  ['khong qua', 'lte'],
  ['khong lon hon', 'lte'],
  ['=', 'eq'],
  ['==', 'eq'],
  ['bang', 'eq'],
]);

/** Lower case, accents removed, spaces collapsed; punctuation kept (for comparator symbols). */
function simplifyWords(text: string): string {
  return text
    .normalize('NFC')
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đð]/g, 'd')
    .normalize('NFC')
    .replace(/\s+/gu, ' ')
    .trim();
}

const FREQUENCY_VI: Record<PeriodKind, string> = { month: 'tháng', quarter: 'quý', half: '6 tháng', year: 'năm' };
const FREQUENCY_EXAMPLE: Record<IndicatorFrequency, string> = {
  month: 'Tháng 3/2026 hoặc 2026-03',
  quarter: 'Quý I/2026 hoặc 2026Q1',
  year: 'Năm 2026 hoặc 2026',
};
const VALUE_TYPE_VI: Record<ValueType, string> = { number: 'số', percent: 'phần trăm', yes_no: 'có-không' };

// ---------------------------------------------------------------------------------------------
// Cells, header and rows

const MAX_CODE_LENGTH = 50;
const SUGGESTION_COUNT = 3;

// ---------------------------------------------------------------------------------------------
// Codes and organizations

/** Looks a code up ignoring case and surrounding spaces. */
class CodeIndex<T> {
  private readonly byKey = new Map<string, { code: string; item: T }>();

  static key(code: string): string {
    return code.normalize('NFC').trim().toUpperCase();
  }

  add(code: string, item: T): void {
    const key = CodeIndex.key(code);
    if (!this.byKey.has(key)) this.byKey.set(key, { code, item });
  }

  get(code: string): { code: string; item: T } | undefined {
    return this.byKey.get(CodeIndex.key(code));
  }

  /** The closest codes by edit distance on their normalised form. */
  suggest(code: string): string[] {
    const wanted = normalizeName(code) || CodeIndex.key(code).toLowerCase();
    return [...this.byKey.values()]
      .map(({ code: candidate }) => ({
        candidate,
        distance: editDistance(wanted, normalizeName(candidate) || candidate.toLowerCase()),
      }))
      .sort((a, b) => a.distance - b.distance || a.candidate.localeCompare(b.candidate))
      .slice(0, SUGGESTION_COUNT)
      .map((item) => item.candidate);
  }
}

function catalogIndex(catalog: Map<string, IndicatorCatalogEntry>): CodeIndex<IndicatorCatalogEntry> {
  const index = new CodeIndex<IndicatorCatalogEntry>();
  for (const entry of catalog.values()) index.add(entry.code, entry);
  return index;
}

function didYouMean(suggestions: string[]): string {
  return suggestions.length > 0 ? ` Có phải: ${suggestions.join(', ')}?` : '';
}

const GROUP_NAMES = new Set(Object.values(GROUP_PHRASES).map((phrases) => phrases[0]));

type OrganizationReading =
  | { ok: true; id: number; warning: string | null }
  | { ok: false; message: string; suggestions: string[] };

/**
 * An organization named by a cell: its code first (exact; for a number cell also with the leading
 * zeros Excel drops: 2 and 5 digits), then its name with the matcher.
 */
function readOrganization(
  cell: GridCell,
  text: string,
  matcher: OrganizationMatcher,
  byCode: Map<string, OrganizationRef> | undefined,
): OrganizationReading {
  if (byCode) {
    const candidates = [text];
    if (cell.value.kind === 'number' && Number.isInteger(cell.value.value) && cell.value.value >= 0) {
      const digits = String(cell.value.value);
      candidates.push(digits, digits.padStart(2, '0'), digits.padStart(5, '0'));
    }
    for (const code of candidates) {
      const organization = byCode.get(code);
      if (organization) return { ok: true, id: organization.id, warning: null };
    }
  }
  const match = matcher.matchName(text);
  switch (match.kind) {
    case 'organization':
      return {
        ok: true,
        id: match.organization.id,
        warning: match.viaPredecessor === undefined ? null : predecessorWarning(match.viaPredecessor, match.organization.name),
      };
    case 'group':
      return {
        ok: false,
        message: `"${text}" là một nhóm cơ quan, đơn vị. Vui lòng ghi một cơ quan, đơn vị cụ thể (tên hoặc mã)`,
        suggestions: [],
      };
    case 'ambiguous': {
      const names = match.candidates.map((o) => `${o.name} (${o.code})`).join(', ');
      return {
        ok: false,
        message: `"${text}" trùng tên với nhiều cơ quan, đơn vị: ${names}. Vui lòng ghi mã hoặc tên đầy đủ`,
        suggestions: match.candidates.map((o) => o.name),
      };
    }
    case 'unknown': {
      // A group is never the answer here: suggest organizations only.
      const suggestions = match.suggestions.filter((name) => !GROUP_NAMES.has(name));
      return { ok: false, message: `Không tìm thấy cơ quan, đơn vị "${text}".${didYouMean(suggestions)}`, suggestions };
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Values

/** Rounds away binary noise (0.07 × 100 = 7.000000000000001). */
function tidy(value: number): number {
  return Number.parseFloat(value.toPrecision(15));
}

type NumberReading = { ok: true; value: number; warning: string | null } | { ok: false; message: string };

/**
 * Reads a value or target cell for an indicator of `valueType` (null: unknown indicator, read as a
 * number or Có/Không just to report unreadable cells). A number cell is its value (× 100 when its
 * display text ends with "%"); a text is a Vietnamese number, optionally followed by "%" (not for
 * yes/no); yes/no also takes "Có" and "Không".
 */
function readNumberCell(cell: GridCell, text: string, valueType: ValueType | null): NumberReading {
  let value: number | null = null;
  let warning: string | null = null;
  const hasPercent = text.endsWith('%');
  if (cell.value.kind === 'number') {
    value = hasPercent ? tidy(cell.value.value * 100) : cell.value.value;
    if (valueType === 'percent' && !hasPercent && value > 0 && value < 1 && !Number.isInteger(value)) {
      warning = `giá trị ${formatNumberVi(value)} rất nhỏ cho một chỉ tiêu phần trăm; nếu ô được định dạng phần trăm trong Excel, vui lòng ghi số phần trăm (ví dụ 22,5)`;
    }
  } else if (cell.value.kind === 'text') {
    if (valueType !== 'number' && valueType !== 'percent') {
      const word = YES_NO_WORDS.get(normalizeName(text));
      if (word !== undefined) value = word;
    }
    if (value === null && !(hasPercent && valueType === 'yes_no')) {
      const bare = hasPercent ? text.slice(0, -1) : text;
      value = parseVietnameseNumber(bare);
      if (value !== null && AMBIGUOUS_DOT.test(bare.trim())) {
        const whole = bare.trim().replace('.', '');
        warning = `"${text}" được đọc là ${formatNumberVi(value)} (không có dấu phẩy thì dấu chấm là dấu thập phân); nếu là số ${whole}, vui lòng ghi "${whole}" hoặc "${bare.trim()},0"`;
      }
    }
  }
  if (value === null) {
    return {
      ok: false,
      message:
        valueType === 'yes_no'
          ? `"${text}" không phải là giá trị có-không hợp lệ. Vui lòng ghi "Có", "Không", 1 hoặc 0`
          : `"${text}" không phải là số hợp lệ. Vui lòng ghi số, dùng dấu phẩy cho phần thập phân (ví dụ 1.234,5 hoặc 22,5)`,
    };
  }
  if (valueType !== null) {
    const problem = validateValue(valueType, value);
    if (problem !== null) return { ok: false, message: `"${text}" không hợp lệ. ${problem.replace(/\.$/u, '')}` };
  }
  return { ok: true, value, warning };
}

/** A period cell: a code or words (parsePeriodText), a year number, or a date cell shown as a month. */
function readPeriodCell(cell: GridCell, text: string): Period | null {
  switch (cell.value.kind) {
    case 'text':
      return parsePeriodText(text);
    case 'number': {
      const year = cell.value.value;
      return Number.isInteger(year) && year >= 1900 && year <= 2200 ? { kind: 'year', year, index: 1 } : null;
    }
    case 'date': {
      if (cell.value.showsDay) return null;
      const [year, month] = cell.value.date.split('-').map(Number);
      return { kind: 'month', year, index: month };
    }
    default:
      return null;
  }
}

const PERIOD_HINT = 'Vui lòng ghi tháng (Tháng 3/2026 hoặc 2026-03), quý (Quý I/2026 hoặc 2026Q1), 6 tháng (6 tháng đầu năm 2026 hoặc 2026S1) hoặc năm (Năm 2026 hoặc 2026)';

// ---------------------------------------------------------------------------------------------
// Definitions

type DefinitionColumn =
  | 'code'
  | 'name'
  | 'unit'
  | 'direction'
  | 'frequency'
  | 'timeAggregation'
  | 'orgAggregation'
  | 'numerator'
  | 'denominator'
  | 'owner'
  | 'valueType'
  | 'group'
  | 'definition';

/** Columns of the definitions table; a header may add the accepted words in parentheses. */
export const DEFINITION_COLUMNS: readonly ColumnSpec<DefinitionColumn>[] = [
  { key: 'code', names: ['Mã', 'Mã chỉ tiêu'], required: true },
  { key: 'name', names: ['Tên chỉ tiêu'], required: true },
  { key: 'unit', names: ['Đơn vị tính'], required: true },
  { key: 'direction', names: ['Chiều'], required: true },
  { key: 'frequency', names: ['Tần suất'], required: true },
  { key: 'timeAggregation', names: ['Tổng hợp theo thời gian'], required: true },
  { key: 'orgAggregation', names: ['Tổng hợp theo đơn vị'], required: true },
  { key: 'numerator', names: ['Tử số'], required: true },
  { key: 'denominator', names: ['Mẫu số'], required: true },
  { key: 'owner', names: ['Đơn vị theo dõi'], required: true },
  { key: 'valueType', names: ['Kiểu giá trị'], required: false },
  { key: 'group', names: ['Nhóm'], required: false },
  { key: 'definition', names: ['Định nghĩa'], required: false },
];

interface DefinitionDraft {
  reader: RowReader<DefinitionColumn>;
  row: Partial<IndicatorDefinitionRow> & { sheetRow: number };
  /** False for a second row with the same code (it neither defines nor is referred to). */
  first: boolean;
}

function readWord<K extends string, T extends string>(
  reader: RowReader<K>,
  key: K,
  words: Map<string, T>,
  what: string,
  accepted: string,
): T | undefined {
  const text = reader.text(key);
  if (text === '') {
    reader.report(key, `chưa ghi ${what}. Vui lòng ghi ${accepted}`);
    return undefined;
  }
  const value = words.get(normalizeName(text));
  if (value === undefined) reader.report(key, `"${text}" không phải là ${what} hợp lệ. Vui lòng ghi ${accepted}`);
  return value;
}

function summaryOf(frequency: IndicatorFrequency): string {
  return FREQUENCY_VI[frequency];
}

/**
 * Reads the indicator definitions table: `Mã | Tên chỉ tiêu | Đơn vị tính | Chiều (Tăng/Giảm) |
 * Tần suất (Tháng/Quý/Năm) | Tổng hợp theo thời gian (Cộng dồn/Cuối kỳ/Trung bình) | Tổng hợp theo
 * đơn vị (Cộng/Trung bình/Tỷ lệ/Không) | Tử số | Mẫu số | Đơn vị theo dõi`, and optionally
 * `Kiểu giá trị (Số/Phần trăm/Có-Không)` (default Số), `Nhóm`, `Định nghĩa`.
 *
 * Tử số and Mẫu số are codes of other indicators (in the file or existing), required exactly for
 * the org aggregation Tỷ lệ and forbidden otherwise. A code twice in the file is an error; an
 * existing code is updated (`isNew` false), with a warning when its frequency or value type changes.
 */
export function readIndicatorDefinitions(grid: Grid, context: IndicatorDefinitionContext): ReadResult<IndicatorDefinitionRow> {
  const result: ReadResult<IndicatorDefinitionRow> = { ok: false, errors: [], warnings: [], rows: [] };
  const table = locateTable(grid, DEFINITION_COLUMNS, [], 'bảng danh mục chỉ tiêu', result.errors);
  if (!table) return result;

  const existing = catalogIndex(context.existingCodes);
  const inFile = new CodeIndex<DefinitionDraft>();
  const drafts: DefinitionDraft[] = [];

  // Pass 1: every cell except the numerator and denominator, which may name later rows.
  for (const reader of dataRows(grid, table, DEFINITION_COLUMNS)) {
    const draft: DefinitionDraft = { reader, row: { sheetRow: reader.sheetRow }, first: true };
    drafts.push(draft);
    const { row } = draft;

    const codeText = reader.text('code');
    if (codeText === '') {
      reader.report('code', 'chưa ghi mã chỉ tiêu');
    } else if (codeText.length > MAX_CODE_LENGTH) {
      reader.report('code', `mã chỉ tiêu dài quá ${MAX_CODE_LENGTH} ký tự`);
    } else {
      const earlier = inFile.get(codeText);
      if (earlier) {
        draft.first = false;
        reader.report('code', `mã chỉ tiêu "${codeText}" đã có ở dòng ${earlier.item.reader.sheetRow}. Mỗi chỉ tiêu chỉ ghi một dòng`);
      } else {
        inFile.add(codeText, draft);
      }
      const known = existing.get(codeText);
      row.code = known ? known.code : codeText;
      row.isNew = !known;
    }

    const name = reader.text('name');
    if (name === '') reader.report('name', 'chưa ghi tên chỉ tiêu');
    else row.name = name;

    row.unit = reader.text('unit') || null;
    const percentUnitWithoutType = row.unit === '%' && reader.text('valueType') === '';
    row.direction = readWord(reader, 'direction', DIRECTION_WORDS, 'chiều của chỉ tiêu', '"Tăng" (càng cao càng tốt) hoặc "Giảm" (càng thấp càng tốt)');
    row.frequency = readWord(reader, 'frequency', FREQUENCY_WORDS, 'tần suất', '"Tháng", "Quý" hoặc "Năm"');
    row.timeAggregation = readWord(reader, 'timeAggregation', TIME_AGGREGATION_WORDS, 'cách tổng hợp theo thời gian', '"Cộng dồn", "Cuối kỳ" hoặc "Trung bình"');
    row.orgAggregation = readWord(reader, 'orgAggregation', ORG_AGGREGATION_WORDS, 'cách tổng hợp theo đơn vị', '"Cộng", "Trung bình", "Tỷ lệ" hoặc "Không"');

    const valueTypeText = reader.text('valueType');
    row.valueType =
      valueTypeText === ''
        ? 'number'
        : readWord(reader, 'valueType', VALUE_TYPE_WORDS, 'kiểu giá trị', '"Số", "Phần trăm" hoặc "Có-Không"');

    const ownerCell = reader.cell('owner');
    if (!ownerCell) {
      reader.report('owner', 'chưa ghi đơn vị theo dõi chỉ tiêu. Vui lòng ghi mã hoặc tên cơ quan, đơn vị');
    } else {
      const owner = readOrganization(ownerCell, reader.text('owner'), context.matcher, context.organizationsByCode);
      if (owner.ok) {
        row.ownerOrganizationId = owner.id;
        if (owner.warning) result.warnings.push(`${reader.where('owner')}: ${owner.warning}`);
      } else {
        reader.report('owner', owner.message, owner.suggestions);
      }
    }

    if (percentUnitWithoutType && row.orgAggregation !== 'ratio' && row.code) {
      result.warnings.push(
        `Dòng ${reader.sheetRow}: chỉ tiêu "${row.code}" có đơn vị tính "%" nhưng kiểu giá trị là Số (không giới hạn 0–100); nếu là tỷ lệ phần trăm, vui lòng ghi "Phần trăm" ở cột "${reader.header('valueType')}"`,
      );
    }
    row.groupName = reader.text('group') || null;
    row.definition = reader.text('definition') || null;
  }

  // Pass 2: the numerator and denominator of ratio indicators.
  const allCodes = new CodeIndex<null>();
  for (const draft of drafts) if (draft.first && draft.row.code) allCodes.add(draft.row.code, null);
  for (const entry of context.existingCodes.values()) allCodes.add(entry.code, null);

  for (const draft of drafts) {
    const { reader, row } = draft;
    const parts: { key: 'numerator' | 'denominator'; label: string; field: 'numeratorCode' | 'denominatorCode' }[] = [
      { key: 'numerator', label: 'tử số', field: 'numeratorCode' },
      { key: 'denominator', label: 'mẫu số', field: 'denominatorCode' },
    ];
    for (const { key, label, field } of parts) {
      const text = reader.text(key);
      row[field] = null;
      if (row.orgAggregation === undefined) continue; // already reported
      if (row.orgAggregation !== 'ratio') {
        if (text !== '') reader.report(key, `chỉ ghi ${label} khi tổng hợp theo đơn vị là "Tỷ lệ". Vui lòng để trống ô này`);
        continue;
      }
      if (text === '') {
        reader.report(key, `chỉ tiêu tổng hợp theo tỷ lệ cần mã chỉ tiêu ${label}`);
        continue;
      }
      const fileDraft = inFile.get(text);
      const known = existing.get(text);
      if (!fileDraft && !known) {
        const suggestions = allCodes.suggest(text);
        reader.report(key, `không tìm thấy chỉ tiêu có mã "${text}" trong file hoặc trong danh mục.${didYouMean(suggestions)}`, suggestions);
        continue;
      }
      const code = fileDraft?.item.row.code ?? known?.code ?? text;
      // A row of the file overrides the existing definition of the same code.
      const partAggregation = fileDraft ? fileDraft.item.row.orgAggregation : known?.item.orgAggregation;
      const partFrequency = fileDraft ? fileDraft.item.row.frequency : known?.item.frequency;
      if (partAggregation === 'ratio') {
        reader.report(key, `chỉ tiêu "${code}" cũng tổng hợp theo tỷ lệ; ${label} phải là chỉ tiêu có số liệu nhập (tổng hợp Cộng, Trung bình hoặc Không)`);
        continue;
      }
      if (partFrequency !== undefined && row.frequency !== undefined && isLongerKind(partFrequency, row.frequency)) {
        reader.report(
          key,
          `chỉ tiêu "${code}" theo dõi theo ${summaryOf(partFrequency)}, dài hơn tần suất ${summaryOf(row.frequency)} của chỉ tiêu này nên không tính được tỷ lệ. Vui lòng chọn chỉ tiêu cùng tần suất hoặc ngắn hơn`,
        );
        continue;
      }
      row[field] = code;
    }

    result.errors.push(...reader.errors());
    if (reader.hasErrors) continue;

    const complete = row as IndicatorDefinitionRow;
    const known = existing.get(complete.code)?.item;
    if (known) {
      if (known.frequency !== complete.frequency) {
        result.warnings.push(
          `Dòng ${row.sheetRow}: chỉ tiêu "${complete.code}" đổi tần suất từ ${summaryOf(known.frequency)} sang ${summaryOf(complete.frequency)}; số liệu đã nhập theo tần suất cũ cần được kiểm tra lại`,
        );
      }
      if (known.valueType !== complete.valueType) {
        result.warnings.push(
          `Dòng ${row.sheetRow}: chỉ tiêu "${complete.code}" đổi kiểu giá trị từ ${VALUE_TYPE_VI[known.valueType]} sang ${VALUE_TYPE_VI[complete.valueType]}; số liệu đã nhập cần được kiểm tra lại`,
        );
      }
    }
    result.rows.push({
      sheetRow: complete.sheetRow,
      code: complete.code,
      name: complete.name,
      unit: complete.unit,
      direction: complete.direction,
      frequency: complete.frequency,
      timeAggregation: complete.timeAggregation,
      orgAggregation: complete.orgAggregation,
      numeratorCode: complete.numeratorCode,
      denominatorCode: complete.denominatorCode,
      ownerOrganizationId: complete.ownerOrganizationId,
      valueType: complete.valueType,
      groupName: complete.groupName,
      definition: complete.definition,
      isNew: complete.isNew,
    });
  }

  result.ok = result.errors.length === 0;
  return result;
}

/** The codes a definitions import would create and update, in row order. */
export function summarizeDefinitions(rows: readonly IndicatorDefinitionRow[]): { created: string[]; updated: string[] } {
  return {
    created: rows.filter((row) => row.isNew).map((row) => row.code),
    updated: rows.filter((row) => !row.isNew).map((row) => row.code),
  };
}

// ---------------------------------------------------------------------------------------------
// Values and targets

type DataColumn = 'indicator' | 'organization' | 'period' | 'value' | 'comparator';

/** Columns of the values table. */
export const VALUE_COLUMNS: readonly ColumnSpec<DataColumn>[] = [
  { key: 'indicator', names: ['Mã chỉ tiêu'], required: true },
  { key: 'organization', names: ['Đơn vị', 'Mã đơn vị'], required: true },
  { key: 'period', names: ['Kỳ'], required: true },
  { key: 'value', names: ['Giá trị'], required: true },
];

/** Columns of the targets table; "So sánh" is optional (default from the indicator's direction). */
export const TARGET_COLUMNS: readonly ColumnSpec<DataColumn>[] = [
  { key: 'indicator', names: ['Mã chỉ tiêu'], required: true },
  { key: 'organization', names: ['Đơn vị', 'Mã đơn vị'], required: true },
  { key: 'period', names: ['Kỳ'], required: true },
  { key: 'value', names: ['Chỉ tiêu', 'Mục tiêu'], required: true },
  { key: 'comparator', names: ['So sánh'], required: false },
];

/** Headers that begin like a column name but are other columns ("Đơn vị tính" is not "Đơn vị"). */
const DATA_IGNORED = ['Đơn vị tính'];

/** Reads a comparator cell; undefined when unreadable. */
export function parseComparator(text: string): Comparator | undefined {
  return COMPARATOR_WORDS.get(simplifyWords(text).replace(/\s*([<>=])\s*/g, '$1'));
}

function readDataTable<T>(
  grid: Grid,
  context: IndicatorDataContext,
  kind: 'values' | 'targets',
  build: (row: IndicatorValueRow, comparator: Comparator) => T,
): ReadResult<T> {
  const result: ReadResult<T> = { ok: false, errors: [], warnings: [], rows: [] };
  const specs = kind === 'values' ? VALUE_COLUMNS : TARGET_COLUMNS;
  const tableName = kind === 'values' ? 'bảng số liệu chỉ tiêu' : 'bảng chỉ tiêu kế hoạch';
  const table = locateTable(grid, specs, DATA_IGNORED, tableName, result.errors);
  if (!table) return result;

  const catalog = catalogIndex(context.catalog);
  const seen = new Map<string, number>();
  const valueWhat = kind === 'values' ? 'giá trị' : 'chỉ tiêu kế hoạch';

  for (const reader of dataRows(grid, table, specs)) {
    const sheetRow = reader.sheetRow;

    // Indicator.
    let indicator: IndicatorCatalogEntry | undefined;
    const codeText = reader.text('indicator');
    if (codeText === '') {
      reader.report('indicator', 'chưa ghi mã chỉ tiêu');
    } else {
      indicator = catalog.get(codeText)?.item;
      if (!indicator) {
        const suggestions = catalog.suggest(codeText);
        reader.report(
          'indicator',
          `không tìm thấy chỉ tiêu có mã "${codeText}" trong danh mục.${suggestions.length > 0 ? didYouMean(suggestions) : ' Vui lòng nhập danh mục chỉ tiêu trước'}`,
          suggestions,
        );
      } else if (kind === 'values' && indicator.orgAggregation === 'ratio') {
        reader.report(
          'indicator',
          `chỉ tiêu "${indicator.code}" được tính theo tỷ lệ từ tử số và mẫu số nên không nhập số liệu. Vui lòng nhập số liệu của chỉ tiêu tử số và mẫu số`,
        );
      }
    }
    const ratioValue = kind === 'values' && indicator?.orgAggregation === 'ratio';

    // Organization.
    let organizationId: number | undefined;
    const organizationCell = reader.cell('organization');
    if (!organizationCell) {
      reader.report('organization', 'chưa ghi đơn vị. Vui lòng ghi mã hoặc tên cơ quan, đơn vị');
    } else {
      const organization = readOrganization(organizationCell, reader.text('organization'), context.matcher, context.organizationsByCode);
      if (organization.ok) {
        organizationId = organization.id;
        if (organization.warning) result.warnings.push(`${reader.where('organization')}: ${organization.warning}`);
      } else {
        reader.report('organization', organization.message, organization.suggestions);
      }
    }

    // Period.
    let period: Period | null = null;
    const periodCell = reader.cell('period');
    const periodText = reader.text('period');
    if (!periodCell) {
      reader.report('period', `chưa ghi kỳ báo cáo. ${PERIOD_HINT}`);
    } else {
      period = readPeriodCell(periodCell, periodText);
      if (!period) {
        reader.report('period', `"${periodText}" không phải là kỳ báo cáo hợp lệ. ${PERIOD_HINT}`);
      } else if (indicator && !ratioValue) {
        const frequency = indicator.frequency;
        if (kind === 'values' && period.kind !== frequency) {
          reader.report(
            'period',
            `kỳ ${formatPeriodVi(period)} không đúng tần suất của chỉ tiêu "${indicator.code}" (theo ${FREQUENCY_VI[frequency]}). Vui lòng ghi kỳ theo ${FREQUENCY_VI[frequency]}, ví dụ ${FREQUENCY_EXAMPLE[frequency]}`,
          );
          period = null;
        } else if (kind === 'targets' && isLongerKind(frequency, period.kind)) {
          reader.report(
            'period',
            `kỳ ${formatPeriodVi(period)} ngắn hơn tần suất của chỉ tiêu "${indicator.code}" (theo ${FREQUENCY_VI[frequency]}). Vui lòng đặt chỉ tiêu kế hoạch cho kỳ theo ${FREQUENCY_VI[frequency]} hoặc dài hơn`,
          );
          period = null;
        }
      }
    }

    // Value.
    let value: number | undefined;
    const valueCell = reader.cell('value');
    if (!ratioValue) {
      if (!valueCell) {
        reader.report('value', `chưa ghi ${valueWhat}`);
      } else {
        const reading = readNumberCell(valueCell, reader.text('value'), indicator?.valueType ?? null);
        if (reading.ok) {
          value = reading.value;
          if (reading.warning) result.warnings.push(`${reader.where('value')}: ${reading.warning}`);
        } else {
          reader.report('value', reading.message);
        }
      }
    }

    // Comparator (targets).
    let comparator: Comparator | undefined;
    if (kind === 'targets') {
      const comparatorText = reader.text('comparator');
      if (comparatorText === '') {
        if (indicator) comparator = indicator.direction === 'higher' ? 'gte' : 'lte';
      } else {
        comparator = parseComparator(comparatorText);
        if (!comparator) {
          reader.report(
            'comparator',
            `"${comparatorText}" không phải là phép so sánh hợp lệ. Vui lòng ghi "≥" (hoặc ">=", "Tối thiểu", "Không thấp hơn"), "≤" (hoặc "<=", "Tối đa", "Không vượt quá") hoặc "="; để trống thì theo chiều của chỉ tiêu`,
          );
        }
      }
    }

    // The same indicator, organization and period twice.
    if (indicator && organizationId !== undefined && period && !ratioValue) {
      const periodCode = formatPeriodCode(period);
      const key = `${indicator.id}|${organizationId}|${periodCode}`;
      const earlier = seen.get(key);
      if (earlier !== undefined) {
        reader.report(
          'period',
          `chỉ tiêu "${indicator.code}", đơn vị "${reader.text('organization')}", kỳ ${formatPeriodVi(period)} đã có ${valueWhat} ở dòng ${earlier}. Mỗi chỉ tiêu, đơn vị và kỳ chỉ ghi một ${valueWhat}`,
        );
      } else {
        seen.set(key, sheetRow);
      }
    }

    result.errors.push(...reader.errors());
    if (reader.hasErrors || !indicator || organizationId === undefined || !period || value === undefined) continue;
    const row: IndicatorValueRow = {
      sheetRow,
      indicatorCode: indicator.code,
      indicatorId: indicator.id,
      organizationId,
      period: formatPeriodCode(period),
      value,
    };
    result.rows.push(build(row, comparator ?? (indicator.direction === 'higher' ? 'gte' : 'lte')));
  }

  result.ok = result.errors.length === 0;
  return result;
}

/**
 * Reads a values table: `Mã chỉ tiêu | Đơn vị | Kỳ | Giá trị`. Đơn vị is an organization code or
 * name; Kỳ a period of the indicator's frequency (`2026-03`, `2026Q1`, `2026`, `Tháng 3/2026`,
 * `Quý I/2026`, `Năm 2026`); Giá trị a number cell or a Vietnamese number ("1.234,5"; "22,5%" for
 * a percent; Có/Không/1/0 for yes/no). Errors: unknown indicator, a ratio indicator (never
 * entered), a period of another frequency, a second value for the same indicator, organization and
 * period, a value breaking its type, an empty cell.
 */
export function readIndicatorValues(grid: Grid, context: IndicatorDataContext): ReadResult<IndicatorValueRow> {
  return readDataTable(grid, context, 'values', (row) => row);
}

/**
 * Reads a targets table: `Mã chỉ tiêu | Đơn vị | Kỳ | Chỉ tiêu | So sánh (≥, ≤, =)`. Kỳ is a year,
 * half, quarter or month at least as long as the indicator's frequency. So sánh takes ≥ ≤ =, >= <=,
 * "Tối thiểu"/"Không thấp hơn" (≥), "Tối đa"/"Không vượt quá" (≤); empty or without the column it
 * follows the indicator's direction (higher → ≥, lower → ≤). Targets of ratio indicators are allowed.
 */
export function readIndicatorTargets(grid: Grid, context: IndicatorDataContext): ReadResult<IndicatorTargetRow> {
  return readDataTable(grid, context, 'targets', (row, comparator) => ({ ...row, comparator }));
}
