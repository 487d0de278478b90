/**
 * Reading a list of existing S&T projects from a grid of cells (the Excel import of the
 * Department's project list, one row per project; the columns are named in README.md, "Nhập danh
 * sách nhiệm vụ KH&CN"). Pure: the grid, the organizations, the stages and "today" are given; the
 * result lists what would be created, or every error found (all or nothing is the caller's rule).
 */
import { editDistance, normalizeName } from './names';
import type { CellValue, IsoDate } from './deadline-parsing';
import type { OrganizationMatcher } from './organization-matching';
import {
  ACCEPTANCE_STAGE,
  CONTRACT_STAGE,
  PROJECT_FIELD_LABELS,
  PROJECT_LEVEL_LABELS,
  PROJECT_TYPE_LABELS,
  STOPPED_STAGE,
  STOPPED_STAGE_NAME,
  isAtOrAfter,
  monthEnd,
  monthStart,
  orderStages,
  stateBudgetTotal,
  sumAmounts,
  validateBudgetPlan,
  type BudgetPlan,
  type CouncilResult,
  type PaymentFact,
  type ProjectField,
  type ProjectLevel,
  type ProjectType,
  type StageDefinition,
} from './project-lifecycle';
import { columnLetter, type Grid, type GridCell } from './task-table';

/** What reading a project list needs to know. */
export interface ProjectTableContext {
  /** Matches host organizations (universities, institutes, enterprises, agencies…). */
  matcher: OrganizationMatcher;
  stages: readonly StageDefinition[];
  today: IsoDate;
  /** Project codes already on file (normalised with {@link normalizeProjectCode}). */
  existingCodes: ReadonlySet<string>;
  /** Programmes a row may name, by number and symbol or by title. */
  programmes: readonly { id: number; number: string; title: string }[];
}

export type ProjectTableColumn =
  | 'label'
  | 'code'
  | 'title'
  | 'type'
  | 'level'
  | 'field'
  | 'host'
  | 'investigator'
  | 'members'
  | 'programme'
  | 'objectives'
  | 'products'
  | 'start'
  | 'end'
  | 'budgetTotal'
  | 'budgetState'
  | 'budgetOther'
  | 'stage'
  | 'contractNumber'
  | 'contractDate'
  | 'extendedEnd'
  | 'extensionApprovedOn'
  | 'acceptedOn'
  | 'rating'
  | 'stoppedOn'
  | 'note';

/** Header names per column; a header names a column when, normalised, it equals or begins with one. */
export const PROJECT_COLUMN_NAMES: Readonly<Record<ProjectTableColumn, readonly string[]>> = {
  label: ['TT', 'STT'],
  code: ['Mã số', 'Mã nhiệm vụ', 'Mã đề tài'],
  title: ['Tên nhiệm vụ', 'Tên đề tài', 'Tên dự án'],
  type: ['Loại nhiệm vụ', 'Loại hình', 'Loại'],
  level: ['Cấp quản lý', 'Cấp nhiệm vụ', 'Cấp'],
  field: ['Lĩnh vực'],
  host: ['Tổ chức chủ trì', 'Cơ quan chủ trì', 'Đơn vị chủ trì', 'Chủ trì'],
  investigator: ['Chủ nhiệm nhiệm vụ', 'Chủ nhiệm đề tài', 'Chủ nhiệm'],
  members: ['Thành viên thực hiện', 'Thành viên', 'Cán bộ tham gia'],
  programme: ['Thuộc chương trình', 'Chương trình'],
  objectives: ['Mục tiêu'],
  products: ['Sản phẩm dự kiến', 'Sản phẩm', 'Kết quả dự kiến'],
  start: ['Thời gian bắt đầu', 'Tháng bắt đầu', 'Bắt đầu'],
  end: ['Thời gian kết thúc', 'Tháng kết thúc', 'Kết thúc'],
  budgetTotal: ['Tổng kinh phí'],
  budgetState: ['Kinh phí NSNN', 'Kinh phí ngân sách nhà nước', 'Ngân sách nhà nước', 'NSNN'],
  budgetOther: ['Kinh phí từ nguồn khác', 'Kinh phí khác', 'Nguồn khác'],
  stage: ['Giai đoạn', 'Bước hiện tại', 'Tình trạng'],
  contractNumber: ['Số hợp đồng'],
  contractDate: ['Ngày ký hợp đồng', 'Ngày hợp đồng'],
  extendedEnd: ['Gia hạn đến', 'Thời gian gia hạn'],
  extensionApprovedOn: ['Ngày phê duyệt gia hạn', 'Ngày gia hạn'],
  acceptedOn: ['Ngày nghiệm thu'],
  rating: ['Kết quả nghiệm thu', 'Xếp loại'],
  stoppedOn: ['Ngày dừng thực hiện', 'Ngày dừng'],
  note: ['Ghi chú'],
};

const REQUIRED_COLUMNS: readonly ProjectTableColumn[] = ['code', 'title', 'type', 'level', 'field', 'host', 'investigator', 'stage'];
const HEADER_SEARCH_ROWS = 20;
/** "NSNN năm 2025", "Kinh phí NSNN 2025": the state budget planned for a year. */
const STATE_YEAR_HEADER = /^(?:kinhphi)?(?:nsnn|ngansachnhanuoc)(?:nam)?(\d{4})$/;
/** "Đã cấp năm 2025", "Kinh phí đã cấp 2025": the state budget paid for a year. */
const PAID_YEAR_HEADER = /^(?:kinhphi)?dacap(?:nam)?(\d{4})$/;

const HEADER_NAMES = (Object.entries(PROJECT_COLUMN_NAMES) as [ProjectTableColumn, readonly string[]][])
  .flatMap(([column, names]) => names.map((name) => ({ column, name: normalizeName(name) })))
  .sort((a, b) => b.name.length - a.name.length);

/** One problem in the list, in the shape of the task import's errors. */
export interface ProjectTableError {
  row: number | null;
  column: string | null;
  header: string | null;
  value: string | null;
  message: string;
  suggestions: string[];
}

/** A project the list would create. */
export interface PlannedProject {
  sheetRow: number;
  code: string;
  title: string;
  type: ProjectType;
  level: ProjectLevel;
  field: ProjectField;
  hostOrganizationId: number;
  principalInvestigator: string;
  members: string[];
  /** The programme named by the row; null: the default programme. */
  directiveId: number | null;
  objectives: string | null;
  expectedProducts: string | null;
  startMonth: string | null;
  endMonth: string | null;
  budget: BudgetPlan;
  /** The stage the project has reached (a configured stage, or "stopped"). */
  stage: string;
  /** The date the row's stage was reached, as far as the row tells (today when it does not). */
  stageOn: IsoDate;
  contract: { number: string | null; signedOn: IsoDate } | null;
  extension: { endMonth: string; approvedOn: IsoDate } | null;
  acceptance: { on: IsoDate; rating: CouncilResult } | null;
  stoppedOn: IsoDate | null;
  payments: PaymentFact[];
  note: string | null;
}

export interface ProjectTableResult {
  ok: boolean;
  errors: ProjectTableError[];
  warnings: string[];
  projects: PlannedProject[];
}

/** A project code for comparison: trimmed, upper case, no inner spaces. */
export function normalizeProjectCode(code: string): string {
  return code.normalize('NFC').trim().toUpperCase().replace(/\s+/g, '');
}

function isEmptyCell(cell: GridCell | null | undefined): boolean {
  if (!cell || cell.value.kind === 'empty') return true;
  return cell.value.kind === 'text' && cell.value.text.trim() === '' && cell.text.trim() === '';
}

function cellText(cell: GridCell | null | undefined): string {
  if (!cell || isEmptyCell(cell)) return '';
  const text = cell.text.trim();
  return text !== '' || cell.value.kind !== 'text' ? text : cell.value.text.trim();
}

function cellValue(cell: GridCell | null | undefined): CellValue {
  return !cell || isEmptyCell(cell) ? { kind: 'empty' } : cell.value;
}

/** The column a header names. Year columns of the state budget are recognised first. */
export function projectHeaderColumn(text: string): { column: ProjectTableColumn } | { column: 'stateYear' | 'paidYear'; year: number } | null {
  const normalized = normalizeName(text);
  if (normalized === '') return null;
  let match = STATE_YEAR_HEADER.exec(normalized);
  if (match) return { column: 'stateYear', year: Number(match[1]) };
  match = PAID_YEAR_HEADER.exec(normalized);
  if (match) return { column: 'paidYear', year: Number(match[1]) };
  const found = HEADER_NAMES.find(({ name }) => normalized.startsWith(name));
  return found ? { column: found.column } : null;
}

interface HeaderPlace {
  index: number;
  header: string;
}

interface Header {
  columns: Map<ProjectTableColumn, HeaderPlace>;
  stateYears: Map<number, HeaderPlace>;
  paidYears: Map<number, HeaderPlace>;
}

function readHeader(row: (GridCell | null)[]): Header {
  const header: Header = { columns: new Map(), stateYears: new Map(), paidYears: new Map() };
  row.forEach((cell, index) => {
    const text = cellText(cell);
    const found = projectHeaderColumn(text);
    if (!found) return;
    const place = { index, header: text.replace(/\s+/gu, ' ') };
    if (found.column === 'stateYear') {
      if (!header.stateYears.has(found.year)) header.stateYears.set(found.year, place);
    } else if (found.column === 'paidYear') {
      if (!header.paidYears.has(found.year)) header.paidYears.set(found.year, place);
    } else if (!header.columns.has(found.column)) {
      header.columns.set(found.column, place);
    }
  });
  return header;
}

const COLUMN_NUMBER = /^(?:\(\s*\d+\s*\)|\d+)$/;
const HEADING_LABEL = /^(?:[IVXLCDM]+|[A-Za-zĐđ])\s*(?:[.)](?:\s+\S.*)?)?$/su;

function isColumnNumberRow(row: (GridCell | null)[] | undefined): boolean {
  if (!row) return false;
  const texts = row.map(cellText).filter((text) => text !== '');
  return texts.length >= 2 && texts.every((text) => COLUMN_NUMBER.test(text));
}

/** Words of a value cell, for matching: normalised, "khoa học"/"cấp"/"lĩnh vực" prefixes dropped. */
function valueKey(text: string): string {
  return normalizeName(text)
    .replace(/^(linhvuc|cap)/, '')
    .replace(/^khoahoc/, '');
}

const TYPE_WORDS: Readonly<Record<string, ProjectType>> = {
  detai: 'research',
  detainghiencuu: 'research',
  duansanxuatthunghiem: 'pilot_production',
  duansxtn: 'pilot_production',
  sxtn: 'pilot_production',
  dean: 'scientific_scheme',
  deankhoahoc: 'scientific_scheme',
  duan: 'st_project',
  'duankh&cn': 'st_project',
  duankhcn: 'st_project',
  'duankhoahoc&congnghe': 'st_project',
};

const LEVEL_WORDS: Readonly<Record<string, ProjectLevel>> = {
  quocgia: 'national',
  nhanuoc: 'national',
  bo: 'ministry',
  tinh: 'province',
  coso: 'grassroots',
};

const FIELD_WORDS: Readonly<Record<string, ProjectField>> = {
  tunhien: 'natural_sciences',
  'kythuat&congnghe': 'engineering_technology',
  kythuat: 'engineering_technology',
  congnghe: 'engineering_technology',
  yduoc: 'medical_health',
  yte: 'medical_health',
  y: 'medical_health',
  nongnghiep: 'agricultural',
  xahoi: 'social_sciences',
  nhanvan: 'humanities',
};

const RATING_WORDS: Readonly<Record<string, CouncilResult>> = {
  xuatsac: 'excellent',
  dat: 'pass',
  khongdat: 'fail',
};

/** Words for stages beyond their configured names and codes. */
const STAGE_SYNONYMS: Readonly<Record<string, string>> = {
  dexuat: 'proposal',
  dangthuchien: 'implementation',
  thuchien: 'implementation',
  dakyhopdong: 'contract',
  hopdong: 'contract',
  danghiemthu: 'acceptance',
  chonghiemthu: 'acceptance',
  dathanhly: 'settlement',
  thanhly: 'settlement',
  dadangkyketqua: 'registration',
  dangungdung: 'application',
  ungdung: 'application',
  dadung: STOPPED_STAGE,
  dungthuchien: STOPPED_STAGE,
};

/** The three closest of some names to a text, by edit distance on the normalised text. */
function closest(text: string, names: readonly string[]): string[] {
  const key = normalizeName(text);
  return [...names]
    .map((name) => ({ name, distance: editDistance(key, normalizeName(name)) }))
    .sort((a, b) => a.distance - b.distance)
    .slice(0, 3)
    .map((entry) => entry.name);
}

type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

const simplified = (text: string) =>
  text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

function validDay(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return year >= 1900 && year <= 2200 && date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** A month cell: a date cell, "6/2026", "06/2026", "Tháng 6/2026", "Tháng 6 năm 2026", "15/6/2026", "2026-06". */
export function parseMonthCell(cell: CellValue): Parsed<string | null> {
  if (cell.kind === 'empty') return { ok: true, value: null };
  if (cell.kind === 'date') return { ok: true, value: cell.date.slice(0, 7) };
  const original = cell.kind === 'text' ? cell.text.trim() : String(cell.value);
  const text = simplified(original);
  const patterns: [RegExp, (m: RegExpExecArray) => [number, number]][] = [
    [/^(?:thang\s+)?(\d{1,2})\s*\/\s*(\d{4})$/, (m) => [Number(m[2]), Number(m[1])]],
    [/^thang\s+(\d{1,2})\s+nam\s+(\d{4})$/, (m) => [Number(m[2]), Number(m[1])]],
    [/^(\d{1,2})\s*\/\s*(\d{1,2})\s*\/\s*(\d{4})$/, (m) => [Number(m[3]), Number(m[2])]],
    [/^(\d{4})-(\d{1,2})$/, (m) => [Number(m[1]), Number(m[2])]],
  ];
  for (const [pattern, read] of patterns) {
    const match = pattern.exec(text);
    if (!match) continue;
    const [year, month] = read(match);
    if (month < 1 || month > 12 || year < 1900 || year > 2200) break;
    if (pattern.source.startsWith('^(\\d{1,2})\\s*\\/\\s*(\\d{1,2})') && !validDay(year, month, Number(match[1]))) break;
    return { ok: true, value: `${year}-${pad(month)}` };
  }
  return { ok: false, message: `"${original}" không phải là tháng hợp lệ. Vui lòng ghi tháng dạng 6/2026` };
}

/** A date cell or "30/6/2026"; a date after today is an error. */
export function parseDateCell(cell: CellValue, today: IsoDate): Parsed<IsoDate | null> {
  if (cell.kind === 'empty') return { ok: true, value: null };
  let date: IsoDate;
  if (cell.kind === 'date') {
    date = cell.date;
  } else {
    const original = cell.kind === 'text' ? cell.text.trim() : String(cell.value);
    const match = /^(\d{1,2})\s*\/\s*(\d{1,2})\s*\/\s*(\d{4})$/.exec(simplified(original));
    if (!match || !validDay(Number(match[3]), Number(match[2]), Number(match[1]))) {
      return { ok: false, message: `"${original}" không phải là ngày hợp lệ. Vui lòng ghi ngày dạng 30/6/2026` };
    }
    date = `${match[3]}-${pad(Number(match[2]))}-${pad(Number(match[1]))}`;
  }
  if (date > today) return { ok: false, message: `ngày ${formatDate(date)} sau ngày hôm nay (${formatDate(today)})` };
  return { ok: true, value: date };
}

/**
 * An amount in million đồng: a number cell, or text in the Vietnamese format ("1.234,5"); text
 * with only dots groups thousands when every group after the first has three digits ("1.250").
 */
export function parseAmountCell(cell: CellValue): Parsed<number | null> {
  if (cell.kind === 'empty') return { ok: true, value: null };
  let value: number;
  if (cell.kind === 'number') {
    value = cell.value;
  } else if (cell.kind === 'text') {
    const original = cell.text.trim();
    let text = original.replace(/\s+/g, '').replace(/(triệu|trđ|tr)\.?$/iu, '');
    if (text.includes(',')) text = text.replace(/\./g, '').replace(',', '.');
    else if (/^\d{1,3}(\.\d{3})+$/.test(text)) text = text.replace(/\./g, '');
    if (!/^-?\d+(\.\d+)?$/.test(text)) return { ok: false, message: `"${original}" không phải là số tiền hợp lệ (triệu đồng, ví dụ 1.250,5)` };
    value = Number(text);
  } else {
    return { ok: false, message: `"${cell.date}" không phải là số tiền hợp lệ (triệu đồng)` };
  }
  if (!Number.isFinite(value) || value < 0) return { ok: false, message: `số tiền ${value} không hợp lệ (không được âm)` };
  return { ok: true, value: Math.round(value * 1000) / 1000 };
}

function formatDate(date: IsoDate): string {
  const [year, month, day] = date.split('-');
  return `${day}/${month}/${year}`;
}

function maxDate(...dates: (IsoDate | null | undefined)[]): IsoDate | null {
  let latest: IsoDate | null = null;
  for (const date of dates) if (date && (latest === null || date > latest)) latest = date;
  return latest;
}

/**
 * Reads a project list: finds the header row among rows 1–20 (the first that holds every
 * required column; a row of column numbers under it is skipped), then reads one project per
 * non-empty row. Every problem is reported with its row, column letter, header, cell text and a
 * Vietnamese message; an unknown host organization, type, level, field or stage comes with the
 * closest names.
 */
export function readProjectTable(grid: Grid, context: ProjectTableContext): ProjectTableResult {
  const result: ProjectTableResult = { ok: false, errors: [], warnings: [], projects: [] };
  let headerIndex = -1;
  let header: Header = { columns: new Map(), stateYears: new Map(), paidYears: new Map() };
  let bestMissing: ProjectTableColumn[] = [...REQUIRED_COLUMNS];
  for (let r = 0; r < Math.min(HEADER_SEARCH_ROWS, grid.rows.length); r++) {
    const found = readHeader(grid.rows[r] ?? []);
    const missing = REQUIRED_COLUMNS.filter((column) => !found.columns.has(column));
    if (missing.length === 0) {
      headerIndex = r;
      header = found;
      break;
    }
    if (missing.length < bestMissing.length) bestMissing = missing;
  }
  if (headerIndex < 0) {
    result.errors.push({
      row: null,
      column: null,
      header: null,
      value: null,
      message: `Không tìm thấy dòng tiêu đề của danh sách nhiệm vụ KH&CN trong ${HEADER_SEARCH_ROWS} dòng đầu của trang tính thứ nhất: thiếu cột ${bestMissing.map((column) => `"${PROJECT_COLUMN_NAMES[column][0]}"`).join(', ')}. Vui lòng kiểm tra tên các cột`,
      suggestions: [],
    });
    return result;
  }

  const stages = orderStages(context.stages);
  const stageNames = [...stages.map((stage) => stage.name), STOPPED_STAGE_NAME];
  const stageByKey = new Map<string, string>();
  for (const stage of stages) {
    stageByKey.set(normalizeName(stage.name), stage.code);
    stageByKey.set(normalizeName(stage.code), stage.code);
  }
  stageByKey.set(normalizeName(STOPPED_STAGE_NAME), STOPPED_STAGE);
  for (const [word, code] of Object.entries(STAGE_SYNONYMS)) if (code === STOPPED_STAGE || stages.some((stage) => stage.code === code)) stageByKey.set(word, code);
  const programmeByKey = new Map<string, number>();
  for (const programme of context.programmes) {
    programmeByKey.set(normalizeName(programme.number), programme.id);
    programmeByKey.set(normalizeName(programme.title), programme.id);
  }
  const codesInFile = new Map<string, number>();

  let firstDataIndex = headerIndex + 1;
  if (isColumnNumberRow(grid.rows[firstDataIndex])) firstDataIndex++;

  for (let r = firstDataIndex; r < grid.rows.length; r++) {
    const row = grid.rows[r] ?? [];
    const sheetRow = r + 1;
    if (row.every((cell) => isEmptyCell(cell))) continue;
    const rowErrors: ProjectTableError[] = [];
    const placeOf = (column: ProjectTableColumn) => header.columns.get(column);
    const cellAt = (place: HeaderPlace | undefined) => (place ? (row[place.index] ?? null) : null);
    const textOf = (column: ProjectTableColumn) => cellText(cellAt(placeOf(column)));
    const reportAt = (place: HeaderPlace | undefined, fallbackHeader: string, message: string, suggestions: string[] = []) => {
      const headerText = place?.header ?? fallbackHeader;
      rowErrors.push({
        row: sheetRow,
        column: place ? columnLetter(place.index) : null,
        header: headerText,
        value: cellText(cellAt(place)),
        message: `Dòng ${sheetRow}, cột "${headerText}": ${message}`,
        suggestions,
      });
    };
    const report = (column: ProjectTableColumn, message: string, suggestions: string[] = []) =>
      reportAt(placeOf(column), PROJECT_COLUMN_NAMES[column][0], message, suggestions);
    const hint = (suggestions: string[]) => (suggestions.length ? ` Có phải: ${suggestions.join(', ')}?` : '');

    // A heading row ("I. ĐỀ TÀI CẤP TỈNH", "a) Lĩnh vực nông nghiệp": a Roman numeral or a letter
    // in the label cell, no host, no investigator) is skipped; any other row is read and reported.
    if (textOf('host') === '' && textOf('investigator') === '' && HEADING_LABEL.test(textOf('label'))) continue;

    // Code.
    const code = textOf('code').normalize('NFC').trim();
    const codeKey = normalizeProjectCode(code);
    if (code === '') report('code', 'chưa ghi mã số nhiệm vụ');
    else if (code.length > 60) report('code', 'mã số dài quá 60 ký tự');
    else if (context.existingCodes.has(codeKey)) report('code', `mã số "${code}" đã có trong hệ thống. Nhiệm vụ đã có được cập nhật trên hệ thống, không nhập lại`);
    else if (codesInFile.has(codeKey)) report('code', `mã số "${code}" trùng với dòng ${codesInFile.get(codeKey)}`);
    if (codeKey) codesInFile.set(codeKey, codesInFile.get(codeKey) ?? sheetRow);

    const title = textOf('title').normalize('NFC');
    if (title === '') report('title', 'chưa ghi tên nhiệm vụ');

    const pick = <T extends string>(column: ProjectTableColumn, words: Readonly<Record<string, T>>, labels: Readonly<Record<string, string>>, what: string): T | null => {
      const text = textOf(column);
      if (text === '') {
        report(column, `chưa ghi ${what}`);
        return null;
      }
      const key = valueKey(text);
      const byLabel = Object.entries(labels).find(([, label]) => valueKey(label) === key)?.[0] as T | undefined;
      const found = byLabel ?? words[key] ?? (Object.keys(labels).includes(text.trim()) ? (text.trim() as T) : undefined);
      if (!found) {
        const suggestions = closest(text, Object.values(labels));
        report(column, `"${text}" không phải là ${what} hợp lệ.${hint(suggestions)}`, suggestions);
        return null;
      }
      return found;
    };
    const type = pick('type', TYPE_WORDS, PROJECT_TYPE_LABELS, 'loại nhiệm vụ');
    const level = pick('level', LEVEL_WORDS, PROJECT_LEVEL_LABELS, 'cấp quản lý');
    const field = pick('field', FIELD_WORDS, PROJECT_FIELD_LABELS, 'lĩnh vực');

    // Host organization: exactly one.
    let hostOrganizationId: number | null = null;
    const hostText = textOf('host');
    if (hostText === '') {
      report('host', 'chưa ghi tổ chức chủ trì');
    } else {
      const match = context.matcher.matchName(hostText);
      if (match.kind === 'organization') {
        hostOrganizationId = match.organization.id;
        if (match.viaPredecessor) result.warnings.push(`Dòng ${sheetRow}, cột "${placeOf('host')?.header}": "${match.viaPredecessor}" đã hợp nhất vào "${match.organization.name}"; hệ thống dùng "${match.organization.name}"`);
      } else if (match.kind === 'group') {
        report('host', `"${hostText}" là một nhóm cơ quan, đơn vị; mỗi nhiệm vụ có đúng một tổ chức chủ trì`);
      } else if (match.kind === 'ambiguous') {
        report('host', `"${hostText}" trùng tên với nhiều cơ quan, đơn vị: ${match.candidates.map((o) => `${o.name} (${o.code})`).join(', ')}. Vui lòng ghi rõ tên đầy đủ`);
      } else {
        report('host', `Không tìm thấy cơ quan, đơn vị "${hostText}".${hint(match.suggestions)}`, match.suggestions);
      }
    }

    const investigator = textOf('investigator').normalize('NFC').replace(/\s+/g, ' ');
    if (investigator === '') report('investigator', 'chưa ghi chủ nhiệm nhiệm vụ');
    const members = textOf('members')
      .normalize('NFC')
      .split(/[;\n\r]+|,(?=\s*(?:\p{Lu}|GS|PGS|TS|ThS|KS|CN|BS))/u)
      .map((name) => name.replace(/\s+/g, ' ').trim())
      .filter(Boolean);

    // Programme.
    let directiveId: number | null = null;
    const programmeText = textOf('programme');
    if (programmeText !== '') {
      const found = programmeByKey.get(normalizeName(programmeText));
      if (found === undefined) {
        const suggestions = closest(programmeText, context.programmes.map((programme) => programme.number));
        report('programme', `Không tìm thấy chương trình, văn bản "${programmeText}".${hint(suggestions)}`, suggestions);
      } else {
        directiveId = found;
      }
    }

    // Stage.
    let stage: string | null = null;
    const stageText = textOf('stage');
    if (stageText === '') {
      report('stage', 'chưa ghi giai đoạn (bước) hiện tại của nhiệm vụ');
    } else {
      stage = stageByKey.get(normalizeName(stageText)) ?? null;
      if (!stage) {
        const suggestions = closest(stageText, stageNames);
        report('stage', `"${stageText}" không phải là bước nào của quy trình.${hint(suggestions)}`, suggestions);
      }
    }

    // Months.
    // An unreadable cell is reported once: what a stage needs is only asked of empty cells.
    const unreadable = new Set<ProjectTableColumn>();
    const missing = (column: ProjectTableColumn, message: string) => {
      if (!unreadable.has(column)) report(column, message);
    };
    const month = (column: ProjectTableColumn) => {
      const parsed = parseMonthCell(cellValue(cellAt(placeOf(column))));
      if (!parsed.ok) {
        report(column, parsed.message);
        unreadable.add(column);
        return null;
      }
      return parsed.value;
    };
    const startMonth = month('start');
    const endMonth = month('end');
    if (startMonth && endMonth && endMonth < startMonth) report('end', 'tháng kết thúc trước tháng bắt đầu');
    const date = (column: ProjectTableColumn) => {
      const parsed = parseDateCell(cellValue(cellAt(placeOf(column))), context.today);
      if (!parsed.ok) {
        report(column, parsed.message);
        unreadable.add(column);
        return null;
      }
      return parsed.value;
    };
    let contractDate = date('contractDate');
    const extendedEnd = month('extendedEnd');
    const extensionApprovedOn = date('extensionApprovedOn');
    const acceptedOn = date('acceptedOn');
    const stoppedOn = date('stoppedOn');
    let rating: CouncilResult | null = null;
    const ratingText = textOf('rating');
    if (ratingText !== '') {
      rating = RATING_WORDS[valueKey(ratingText)] ?? null;
      if (!rating) report('rating', `"${ratingText}" không phải là kết quả nghiệm thu hợp lệ (Xuất sắc, Đạt, Không đạt)`, ['Xuất sắc', 'Đạt', 'Không đạt']);
    }

    // What the stage needs.
    const effective = stage === STOPPED_STAGE ? null : stage;
    const contracted = effective !== null ? isAtOrAfter(stages, effective, CONTRACT_STAGE) : contractDate !== null;
    const pastAcceptance = effective !== null && isAtOrAfter(stages, effective, ACCEPTANCE_STAGE) && effective !== ACCEPTANCE_STAGE;
    if (contracted) {
      if (!startMonth) missing('start', 'nhiệm vụ đã ký hợp đồng cần thời gian bắt đầu');
      if (!endMonth) missing('end', 'nhiệm vụ đã ký hợp đồng cần thời gian kết thúc (thời hạn của hợp đồng)');
      if (!contractDate && startMonth) {
        const first = monthStart(startMonth);
        if (first <= context.today) contractDate = first;
        else missing('contractDate', 'chưa ghi ngày ký hợp đồng, và tháng bắt đầu chưa đến');
      } else if (!contractDate && !startMonth) {
        missing('contractDate', 'nhiệm vụ đã ký hợp đồng cần ngày ký hợp đồng');
      }
    } else if (stage !== null && stage !== STOPPED_STAGE) {
      if (contractDate) report('contractDate', `nhiệm vụ ở bước "${stageNameOf(stages, stage)}" chưa ký hợp đồng; vui lòng để trống hoặc sửa giai đoạn`);
      if (extendedEnd) report('extendedEnd', 'nhiệm vụ chưa ký hợp đồng thì chưa gia hạn');
    }
    if (extendedEnd) {
      if (endMonth && extendedEnd <= endMonth) report('extendedEnd', 'thời gian gia hạn phải sau thời gian kết thúc');
      if (!extensionApprovedOn) missing('extensionApprovedOn', 'có gia hạn thì cần ngày phê duyệt gia hạn');
      else if (contractDate && extensionApprovedOn < contractDate) report('extensionApprovedOn', 'ngày phê duyệt gia hạn trước ngày ký hợp đồng');
    } else if (extensionApprovedOn) {
      report('extendedEnd', 'có ngày phê duyệt gia hạn thì cần thời gian gia hạn');
    }
    if (acceptedOn || rating) {
      if (!acceptedOn) missing('acceptedOn', 'có kết quả nghiệm thu thì cần ngày nghiệm thu');
      if (!rating) report('rating', 'có ngày nghiệm thu thì cần kết quả nghiệm thu (Xuất sắc, Đạt, Không đạt)');
      if (effective !== null && !isAtOrAfter(stages, effective, ACCEPTANCE_STAGE)) report('acceptedOn', `nhiệm vụ ở bước "${stageNameOf(stages, effective)}" chưa nghiệm thu`);
      if (acceptedOn && contractDate && acceptedOn < contractDate) report('acceptedOn', 'ngày nghiệm thu trước ngày ký hợp đồng');
    }
    if (pastAcceptance) {
      if (!acceptedOn && !rating) missing('acceptedOn', `nhiệm vụ ở bước "${stageNameOf(stages, effective!)}" cần ngày nghiệm thu`);
      if (rating === 'fail') report('rating', `nhiệm vụ nghiệm thu "Không đạt" không chuyển sang bước "${stageNameOf(stages, effective!)}"`);
    }
    if (stage === STOPPED_STAGE) {
      if (!stoppedOn) missing('stoppedOn', 'nhiệm vụ dừng thực hiện cần ngày dừng (ngày của quyết định)');
      else if (contractDate && stoppedOn < contractDate) report('stoppedOn', 'ngày dừng thực hiện trước ngày ký hợp đồng');
    } else if (stoppedOn) {
      report('stoppedOn', 'chỉ ghi ngày dừng cho nhiệm vụ ở giai đoạn "Dừng thực hiện"');
    }

    // Budget.
    const amount = (place: HeaderPlace | undefined, fallbackHeader: string) => {
      const parsed = parseAmountCell(cellValue(cellAt(place)));
      if (!parsed.ok) {
        reportAt(place, fallbackHeader, parsed.message);
        return null;
      }
      return parsed.value;
    };
    const stateByYear: Record<string, number> = {};
    for (const [year, place] of header.stateYears) {
      const value = amount(place, `NSNN năm ${year}`);
      if (value !== null && value > 0) stateByYear[String(year)] = value;
    }
    const stateTotal = amount(placeOf('budgetState'), 'Kinh phí NSNN');
    if (stateTotal !== null && stateTotal > 0) {
      if (header.stateYears.size > 0) {
        if (Math.round(stateTotal * 1000) !== Math.round(stateBudgetTotal({ stateByYear }) * 1000)) {
          report('budgetState', 'kinh phí NSNN khác tổng các cột NSNN theo năm');
        }
      } else if (startMonth) {
        stateByYear[startMonth.slice(0, 4)] = stateTotal;
      } else {
        report('budgetState', 'cần thời gian bắt đầu (hoặc các cột "NSNN năm …") để ghi kinh phí NSNN vào năm ngân sách');
      }
    }
    const other = amount(placeOf('budgetOther'), 'Kinh phí khác') ?? 0;
    const totalCell = amount(placeOf('budgetTotal'), 'Tổng kinh phí');
    const total = totalCell ?? sumAmounts([...Object.values(stateByYear), other]);
    const budget: BudgetPlan = { total, stateByYear, other };
    for (const problem of validateBudgetPlan(budget)) report('budgetTotal', problem.replace(/\.$/, ''));
    const payments: PaymentFact[] = [];
    for (const [year, place] of header.paidYears) {
      const value = amount(place, `Đã cấp năm ${year}`);
      if (value === null || value === 0) continue;
      const yearEnd = `${year}-12-31`;
      const paidOn = yearEnd <= context.today ? yearEnd : context.today;
      if (`${year}-01-01` > context.today) reportAt(place, `Đã cấp năm ${year}`, `năm ${year} chưa đến`);
      else if (!contracted) reportAt(place, `Đã cấp năm ${year}`, 'nhiệm vụ chưa ký hợp đồng thì chưa cấp kinh phí');
      else payments.push({ paidOn: contractDate && paidOn < contractDate ? contractDate : paidOn, year, amount: value, source: 'state' });
    }
    const paidTotal = sumAmounts(payments.map((payment) => payment.amount));
    if (Math.round(paidTotal * 1000) > Math.round(stateBudgetTotal(budget) * 1000)) {
      reportAt(header.paidYears.values().next().value, 'Đã cấp', `kinh phí đã cấp (${paidTotal}) vượt kinh phí NSNN (${stateBudgetTotal(budget)} triệu đồng)`);
    }

    result.errors.push(...rowErrors);
    if (rowErrors.length > 0 || !type || !level || !field || hostOrganizationId === null || !stage) continue;

    const stageOn =
      stage === STOPPED_STAGE
        ? stoppedOn!
        : contracted
          ? (maxDate(contractDate, pastAcceptance || effective === ACCEPTANCE_STAGE ? acceptedOn : null) ?? context.today)
          : context.today;
    result.projects.push({
      sheetRow,
      code,
      title,
      type,
      level,
      field,
      hostOrganizationId,
      principalInvestigator: investigator,
      members,
      directiveId,
      objectives: textOf('objectives') || null,
      expectedProducts: textOf('products') || null,
      startMonth,
      endMonth,
      budget,
      stage,
      stageOn,
      contract: contractDate ? { number: textOf('contractNumber') || null, signedOn: contractDate } : null,
      extension: extendedEnd && extensionApprovedOn ? { endMonth: extendedEnd, approvedOn: extensionApprovedOn } : null,
      acceptance: acceptedOn && rating ? { on: acceptedOn, rating } : null,
      stoppedOn,
      payments,
      note: textOf('note') || null,
    });
  }
  result.ok = result.errors.length === 0;
  return result;
}

function stageNameOf(stages: readonly StageDefinition[], code: string): string {
  return stages.find((stage) => stage.code === code)?.name ?? code;
}

/** The contract's end date of a planned project: the last day of its end month. */
export function plannedDeadline(project: Pick<PlannedProject, 'endMonth'>): IsoDate | null {
  return project.endMonth ? monthEnd(project.endMonth) : null;
}
