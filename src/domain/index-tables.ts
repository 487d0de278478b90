/**
 * Reading the two tables of a composite index from Excel: the framework
 * (`Mã | Tên | Cấp | Thuộc | Trọng số | Chiều (Tăng/Giảm) | Điểm tối đa`) and the peers' data
 * (`Mã chỉ tiêu | Đơn vị | Năm | Giá trị`).
 *
 * Conventions shared with the indicator tables (src/domain/indicator-tables.ts): the first
 * worksheet; the header row is the first of rows 1–20 holding every required column; a row right
 * under it made only of column numbers ("(1)", "(2)") is skipped; a header cell names a column when,
 * normalised (`normalizeName`), it equals or begins with a column name (the longest name decides);
 * merged non-master cells are empty; fully empty rows are skipped. All or nothing: every problem is
 * reported with its sheet row, column letter, header, cell text and a Vietnamese message; `ok` is
 * false as soon as there is one error and the caller then writes nothing.
 *
 * Choices made here:
 * - Codes are compared ignoring case and surrounding spaces; the spelling of the framework wins.
 * - Cấp takes Chỉ số, Chỉ số thành phần (or Chỉ số phụ), Trụ cột, Nhóm (or Trụ cột con), Chỉ tiêu,
 *   and the GII words Index, Sub-index, Pillar, Sub-pillar, Indicator. A child's level must be
 *   below its parent's (levels may be skipped: a DTI-style index holds pillars directly). The root
 *   must not hold sub-indices beside other levels (the index is the plain mean of its sub-indices).
 * - Trọng số: empty means 1; a positive number ("0,5" or 0.5). Chiều: empty means Tăng.
 * - Điểm tối đa: required and positive for every indicator of a `points` framework; on a group it
 *   is only checked against the sum of its indicators (a warning when it differs).
 * - An optional column "Chỉ tiêu Thực Thi" links an indicator to a Thực Thi indicator code; the
 *   province's approved yearly value then stands in when the data table gives none.
 * - Data: Đơn vị is an organization code (a number cell also with the leading zeros Excel drops,
 *   2 and 5 digits) or a name matched as for tasks; it must be one of the peers (a province for a
 *   province index, a commune or ward for a commune index). Năm: a year 1900–2200 ("2025" or
 *   "Năm 2025"). Giá trị: a number cell (× 100 when shown with "%"), or a Vietnamese number
 *   (`parseVietnameseNumber`, "1.234,5"; a trailing "%" is dropped). Only indicators (leaves) take
 *   values; one value per indicator, unit and year.
 */
import { editDistance } from './names';
import { GROUP_PHRASES, predecessorWarning, type OrganizationMatcher } from './organization-matching';
import { parseVietnameseNumber, type OrganizationRef, type ReadResult } from './indicator-tables';
import { dataRows, locateTable, sheetError, type ColumnSpec, type RowReader } from './sheet-tables';
import { type Grid, type GridCell } from './task-table';
import { levelDepth, type IndexDirection, type IndexLevel, type IndexMethod } from './composite-index';

export type { ReadResult, TableError } from './indicator-tables';

// ---------------------------------------------------------------------------------------------
// Rows

/** A node of the framework table. */
export interface IndexNodeRow {
  sheetRow: number;
  code: string;
  name: string;
  level: IndexLevel;
  parentCode: string | null;
  weight: number;
  direction: IndexDirection;
  maxPoints: number | null;
  /** The linked Thực Thi indicator, when the optional column names one. */
  indicatorId: number | null;
  indicatorCode: string | null;
  /** Order of the rows, 0-based. */
  sortOrder: number;
}

/** A value of the data table. */
export interface IndexValueRow {
  sheetRow: number;
  nodeCode: string;
  organizationId: number;
  organizationCode: string;
  year: number;
  value: number;
}

export interface IndexFrameworkContext {
  /** The framework's method: `points` requires Điểm tối đa on indicators. */
  method: IndexMethod;
  /** Thực Thi indicators by code, for the optional link column. */
  indicators?: Map<string, { id: number; code: string }>;
}

/** A peer as the data reader needs it. */
export interface PeerRef extends OrganizationRef {
  kind: string;
}

export interface IndexDataContext {
  /** The framework's nodes (code and level). */
  nodes: readonly { code: string; level: IndexLevel }[];
  matcher: OrganizationMatcher;
  /** Active organizations by code. */
  organizationsByCode: Map<string, PeerRef>;
  /** Organization kinds that are peers: ['province'] or ['commune', 'ward']. */
  peerKinds: readonly string[];
  /** How the peers are called in messages: "tỉnh, thành phố" or "xã, phường". */
  peerLabel: string;
}

// ---------------------------------------------------------------------------------------------
// Words

const LEVEL_WORDS = new Map<string, IndexLevel>(
  (
    [
      ['Chỉ số', 'index'],
      ['Index', 'index'],
      ['Chỉ số thành phần', 'sub_index'],
      ['Chỉ số phụ', 'sub_index'],
      ['Sub-index', 'sub_index'],
      ['Subindex', 'sub_index'],
      ['Trụ cột', 'pillar'],
      ['Pillar', 'pillar'],
      ['Nhóm', 'sub_pillar'],
      ['Trụ cột con', 'sub_pillar'],
      ['Sub-pillar', 'sub_pillar'],
      ['Subpillar', 'sub_pillar'],
      ['Chỉ tiêu', 'indicator'],
      ['Indicator', 'indicator'],
    ] as [string, IndexLevel][]
  ).map(([word, level]) => [simplifyWord(word), level]),
);

const LEVEL_VI: Record<IndexLevel, string> = {
  index: 'Chỉ số',
  sub_index: 'Chỉ số thành phần',
  pillar: 'Trụ cột',
  sub_pillar: 'Nhóm',
  indicator: 'Chỉ tiêu',
};

const DIRECTION_WORDS = new Map<string, IndexDirection>(
  (
    [
      ['Tăng', 'higher'],
      ['Cao', 'higher'],
      ['Thuận', 'higher'],
      ['Higher', 'higher'],
      ['+', 'higher'],
      ['Giảm', 'lower'],
      ['Thấp', 'lower'],
      ['Nghịch', 'lower'],
      ['Lower', 'lower'],
      ['-', 'lower'],
    ] as [string, IndexDirection][]
  ).map(([word, direction]) => [simplifyWord(word), direction]),
);

/** Lower case, accents removed, hyphens and spaces collapsed: "Sub-index" → "subindex". */
function simplifyWord(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[\s\-_]+/g, '')
    .trim();
}

// ---------------------------------------------------------------------------------------------
// Cells, header and rows (the same rules as the indicator tables)

const MAX_CODE_LENGTH = 50;
const SUGGESTION_COUNT = 3;

/** Codes looked up ignoring case and surrounding spaces. */
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

  suggest(code: string): string[] {
    const wanted = CodeIndex.key(code).toLowerCase();
    return [...this.byKey.values()]
      .map(({ code: candidate }) => ({ candidate, distance: editDistance(wanted, candidate.toLowerCase()) }))
      .sort((a, b) => a.distance - b.distance || a.candidate.localeCompare(b.candidate))
      .slice(0, SUGGESTION_COUNT)
      .map((item) => item.candidate);
  }
}

function didYouMean(suggestions: string[]): string {
  return suggestions.length > 0 ? ` Có phải: ${suggestions.join(', ')}?` : '';
}

const numberFormat = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 10 });

/** Rounds away binary noise (0.07 × 100 = 7.000000000000001). */
function tidy(value: number): number {
  return Number.parseFloat(value.toPrecision(15));
}

/** A number cell (× 100 when displayed with "%") or a Vietnamese number; null when unreadable. */
function readNumber(cell: GridCell, text: string): number | null {
  const hasPercent = text.endsWith('%');
  if (cell.value.kind === 'number') return hasPercent ? tidy(cell.value.value * 100) : cell.value.value;
  if (cell.value.kind === 'text') return parseVietnameseNumber(hasPercent ? text.slice(0, -1) : text);
  return null;
}

// ---------------------------------------------------------------------------------------------
// Framework

type FrameworkColumn = 'code' | 'name' | 'level' | 'parent' | 'weight' | 'direction' | 'maxPoints' | 'link';

/** Columns of the framework table. */
export const FRAMEWORK_COLUMNS: readonly ColumnSpec<FrameworkColumn>[] = [
  { key: 'code', names: ['Mã', 'Mã số', 'Code'], required: true },
  { key: 'name', names: ['Tên', 'Tên chỉ số', 'Tên chỉ tiêu', 'Name'], required: true },
  { key: 'level', names: ['Cấp', 'Level'], required: true },
  { key: 'parent', names: ['Thuộc', 'Mã cấp trên', 'Parent'], required: true },
  { key: 'weight', names: ['Trọng số', 'Weight'], required: false },
  { key: 'direction', names: ['Chiều', 'Direction'], required: false },
  { key: 'maxPoints', names: ['Điểm tối đa', 'Max points'], required: false },
  { key: 'link', names: ['Chỉ tiêu Thực Thi', 'Mã chỉ tiêu Thực Thi'], required: false },
];

const LEVEL_HINT = 'Vui lòng ghi một trong: Chỉ số, Chỉ số thành phần, Trụ cột, Nhóm, Chỉ tiêu';

interface DraftNode {
  reader: RowReader<FrameworkColumn>;
  sheetRow: number;
  code: string;
  name: string;
  level: IndexLevel | undefined;
  parentText: string;
  weight: number;
  direction: IndexDirection;
  maxPoints: number | null;
  indicatorId: number | null;
  indicatorCode: string | null;
  /** False for a repeated code (the first row keeps it). */
  first: boolean;
}

/**
 * Reads a framework table. Errors: an empty or too long code, a code used twice, an empty name, an
 * unknown level, a missing or unknown parent (with suggestions), a cycle of parents, a child whose
 * level is not below its parent's, a "Chỉ tiêu" with children, no root or several roots, a root
 * mixing sub-indices with other levels, a weight that is not a positive number, an unknown
 * direction, missing or bad maximum points (points method), an unknown linked indicator, a
 * framework without indicators. Warnings: a group without indicators, a direction or link given on a
 * group, maximum points of a group differing from the sum of its indicators.
 */
export function readIndexFramework(grid: Grid, context: IndexFrameworkContext): ReadResult<IndexNodeRow> {
  const result: ReadResult<IndexNodeRow> = { ok: false, errors: [], warnings: [], rows: [] };
  const table = locateTable(grid, FRAMEWORK_COLUMNS, [], 'bảng khung chỉ số', result.errors);
  if (!table) return result;
  const links = new CodeIndex<{ id: number; code: string }>();
  for (const entry of context.indicators?.values() ?? []) links.add(entry.code, entry);

  // Pass 1: each row on its own.
  const drafts: DraftNode[] = [];
  const codes = new CodeIndex<DraftNode>();
  for (const reader of dataRows(grid, table, FRAMEWORK_COLUMNS)) {
    const draft: DraftNode = {
      reader,
      sheetRow: reader.sheetRow,
      code: reader.text('code'),
      name: reader.text('name').replace(/\s+/gu, ' '),
      level: undefined,
      parentText: reader.text('parent'),
      weight: 1,
      direction: 'higher',
      maxPoints: null,
      indicatorId: null,
      indicatorCode: null,
      first: true,
    };
    drafts.push(draft);

    if (draft.code === '') reader.report('code', 'chưa ghi mã');
    else if (draft.code.length > MAX_CODE_LENGTH) reader.report('code', `mã dài quá ${MAX_CODE_LENGTH} ký tự`);
    else {
      const earlier = codes.get(draft.code);
      if (earlier) {
        draft.first = false;
        reader.report('code', `mã "${draft.code}" đã dùng ở dòng ${earlier.item.sheetRow}. Mỗi mã chỉ ghi một lần`);
      } else {
        codes.add(draft.code, draft);
      }
    }
    if (draft.name === '') reader.report('name', 'chưa ghi tên');

    const levelText = reader.text('level');
    if (levelText === '') reader.report('level', `chưa ghi cấp. ${LEVEL_HINT}`);
    else {
      draft.level = LEVEL_WORDS.get(simplifyWord(levelText));
      if (!draft.level) reader.report('level', `"${levelText}" không phải là cấp hợp lệ. ${LEVEL_HINT}`);
    }

    const weightCell = reader.cell('weight');
    if (weightCell) {
      const weight = readNumber(weightCell, reader.text('weight'));
      if (weight === null || !(weight > 0)) reader.report('weight', `"${reader.text('weight')}" không phải là trọng số hợp lệ. Vui lòng ghi một số dương (ví dụ 1 hoặc 0,5); để trống là 1`);
      else draft.weight = weight;
    }

    const directionText = reader.text('direction');
    if (directionText !== '') {
      const direction = DIRECTION_WORDS.get(simplifyWord(directionText));
      if (!direction) reader.report('direction', `"${directionText}" không phải là chiều hợp lệ. Vui lòng ghi "Tăng" (càng cao càng tốt) hoặc "Giảm" (càng thấp càng tốt); để trống là Tăng`);
      else draft.direction = direction;
      if (direction && draft.level && draft.level !== 'indicator' && direction === 'lower') {
        result.warnings.push(`${reader.where('direction')}: chiều chỉ áp dụng cho chỉ tiêu; "${draft.code}" là ${LEVEL_VI[draft.level].toLowerCase()} nên bỏ qua`);
        draft.direction = 'higher';
      }
    }

    const pointsCell = reader.cell('maxPoints');
    if (pointsCell) {
      const points = readNumber(pointsCell, reader.text('maxPoints'));
      if (points === null || points < 0 || (draft.level === 'indicator' && points === 0)) reader.report('maxPoints', `"${reader.text('maxPoints')}" không phải là số điểm tối đa hợp lệ. Vui lòng ghi một số dương (ví dụ 10 hoặc 2,5)`);
      else draft.maxPoints = points;
    } else if (context.method === 'points' && draft.level === 'indicator') {
      reader.report('maxPoints', 'khung chỉ số tính theo điểm: mỗi chỉ tiêu cần điểm tối đa');
    }

    const linkText = reader.text('link');
    if (linkText !== '') {
      if (draft.level && draft.level !== 'indicator') {
        reader.report('link', `chỉ liên kết chỉ tiêu Thực Thi cho cấp "Chỉ tiêu"; "${draft.code}" là ${LEVEL_VI[draft.level].toLowerCase()}`);
      } else {
        const found = links.get(linkText);
        if (!found) {
          const suggestions = links.suggest(linkText);
          reader.report('link', `không tìm thấy chỉ tiêu Thực Thi có mã "${linkText}".${didYouMean(suggestions)}`, suggestions);
        } else {
          draft.indicatorId = found.item.id;
          draft.indicatorCode = found.item.code;
        }
      }
    }
  }

  // Pass 2: parents, levels, cycles.
  const parentOf = new Map<DraftNode, DraftNode>();
  for (const draft of drafts) {
    if (!draft.first || draft.code === '') continue;
    const { reader } = draft;
    if (draft.parentText === '') {
      if (draft.level && draft.level !== 'index') reader.report('parent', `chưa ghi mã cấp trên của ${LEVEL_VI[draft.level].toLowerCase()} "${draft.code}"`);
      continue;
    }
    if (draft.level === 'index') {
      reader.report('parent', `"${draft.code}" là chỉ số (gốc của khung) nên không thuộc cấp nào. Vui lòng để trống ô này`);
      continue;
    }
    const parent = codes.get(draft.parentText);
    if (!parent) {
      const suggestions = codes.suggest(draft.parentText);
      reader.report('parent', `không tìm thấy mã cấp trên "${draft.parentText}" trong bảng.${didYouMean(suggestions)}`, suggestions);
      continue;
    }
    parentOf.set(draft, parent.item);
  }
  const inCycle = new Set<DraftNode>();
  for (const start of parentOf.keys()) {
    const path: DraftNode[] = [];
    let current: DraftNode | undefined = start;
    while (current && !path.includes(current)) {
      path.push(current);
      current = parentOf.get(current);
    }
    if (current === start) for (const node of path) inCycle.add(node);
  }
  for (const draft of inCycle) {
    const chain: string[] = [draft.code];
    for (let node = parentOf.get(draft); node && node !== draft; node = parentOf.get(node)) chain.push(node.code);
    draft.reader.report('parent', `vòng lặp cấp trên: ${[...chain, draft.code].map((code) => `"${code}"`).join(' → ')}. Vui lòng sửa cột "Thuộc"`);
  }
  const childrenOf = new Map<DraftNode, DraftNode[]>();
  for (const [child, parent] of parentOf) {
    if (inCycle.has(child)) continue;
    childrenOf.set(parent, [...(childrenOf.get(parent) ?? []), child]);
    if (!child.level || !parent.level || parent.level === 'indicator') continue;
    if (levelDepth(child.level) <= levelDepth(parent.level)) {
      child.reader.report(
        'parent',
        `${LEVEL_VI[child.level].toLowerCase()} "${child.code}" không thể thuộc ${LEVEL_VI[parent.level].toLowerCase()} "${parent.code}" (dòng ${parent.sheetRow}): cấp dưới phải thấp hơn (Chỉ số → Chỉ số thành phần → Trụ cột → Nhóm → Chỉ tiêu)`,
      );
    }
  }
  for (const [parent, children] of childrenOf) {
    if (parent.level === 'indicator') {
      parent.reader.report(
        'level',
        `"${parent.code}" là chỉ tiêu nhưng có cấp dưới (${children.map((child) => `"${child.code}" dòng ${child.sheetRow}`).join(', ')}). Chỉ tiêu phải là cấp cuối; vui lòng đổi cấp hoặc sửa cột "Thuộc" của các dòng đó`,
      );
    }
  }

  // The whole tree.
  const roots = drafts.filter((draft) => draft.first && draft.level === 'index');
  if (roots.length === 0 && drafts.length > 0) result.errors.push(sheetError('Bảng khung chỉ số chưa có dòng cấp "Chỉ số" (gốc của khung, cột "Thuộc" để trống)'));
  for (const extra of roots.slice(1)) extra.reader.report('level', `khung chỉ số chỉ có một dòng cấp "Chỉ số"; đã có "${roots[0].code}" ở dòng ${roots[0].sheetRow}`);
  if (roots.length >= 1) {
    const children = childrenOf.get(roots[0]) ?? [];
    const subIndices = children.filter((child) => child.level === 'sub_index');
    const others = children.filter((child) => child.level !== 'sub_index');
    if (subIndices.length > 0 && others.length > 0) {
      for (const other of others) {
        other.reader.report('parent', `chỉ số "${roots[0].code}" đã chia thành các chỉ số thành phần (${subIndices.map((child) => `"${child.code}"`).join(', ')}); ${LEVEL_VI[other.level!].toLowerCase()} "${other.code}" phải thuộc một chỉ số thành phần`);
      }
    }
  }
  const indicators = drafts.filter((draft) => draft.first && draft.level === 'indicator');
  if (drafts.length > 0 && indicators.length === 0) result.errors.push(sheetError('Bảng khung chỉ số chưa có dòng cấp "Chỉ tiêu" nào'));
  if (drafts.length === 0) result.errors.push(sheetError('Bảng khung chỉ số không có dòng nào dưới dòng tiêu đề'));

  for (const draft of drafts) {
    if (!draft.first || !draft.level || draft.level === 'indicator') continue;
    const leaves: DraftNode[] = [];
    const stack = [...(childrenOf.get(draft) ?? [])];
    while (stack.length) {
      const node = stack.pop()!;
      if (node.level === 'indicator') leaves.push(node);
      stack.push(...(childrenOf.get(node) ?? []));
      if (leaves.length + stack.length > drafts.length) break;
    }
    if (leaves.length === 0) {
      result.warnings.push(`Dòng ${draft.sheetRow}: ${LEVEL_VI[draft.level].toLowerCase()} "${draft.code}" chưa có chỉ tiêu nào nên không có điểm`);
    } else if (context.method === 'points' && draft.maxPoints !== null) {
      const sum = tidy(leaves.reduce((total, leaf) => total + (leaf.maxPoints ?? 0), 0));
      if (Math.abs(sum - draft.maxPoints) > 1e-9) {
        result.warnings.push(`Dòng ${draft.sheetRow}: điểm tối đa của "${draft.code}" là ${numberFormat.format(draft.maxPoints)} nhưng tổng điểm tối đa các chỉ tiêu của nó là ${numberFormat.format(sum)}; hệ thống dùng tổng các chỉ tiêu`);
      }
    }
  }

  for (const draft of drafts) {
    result.errors.push(...draft.reader.errors());
    if (draft.reader.hasErrors || !draft.level) continue;
    result.rows.push({
      sheetRow: draft.sheetRow,
      code: draft.code,
      name: draft.name,
      level: draft.level,
      parentCode: parentOf.get(draft)?.code ?? null,
      weight: draft.weight,
      direction: draft.level === 'indicator' ? draft.direction : 'higher',
      maxPoints: draft.maxPoints,
      indicatorId: draft.indicatorId,
      indicatorCode: draft.indicatorCode,
      sortOrder: result.rows.length,
    });
  }
  result.errors.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
  result.ok = result.errors.length === 0;
  return result;
}

// ---------------------------------------------------------------------------------------------
// Data

type DataColumn = 'indicator' | 'organization' | 'year' | 'value' | 'unit';

/** Columns of the data table. */
export const INDEX_DATA_COLUMNS: readonly ColumnSpec<DataColumn>[] = [
  { key: 'indicator', names: ['Mã chỉ tiêu', 'Mã'], required: true },
  { key: 'organization', names: ['Đơn vị', 'Mã đơn vị', 'Tỉnh, thành phố', 'Tỉnh'], required: true },
  { key: 'year', names: ['Năm'], required: true },
  { key: 'value', names: ['Giá trị'], required: true },
  // Read by no one: "Đơn vị tính" begins like "Đơn vị" but is another column.
  { key: 'unit', names: ['Đơn vị tính'], required: false },
];

const GROUP_NAMES = new Set(Object.values(GROUP_PHRASES).map((phrases) => phrases[0]));

type OrganizationReading = { ok: true; organization: PeerRef; warning: string | null } | { ok: false; message: string; suggestions: string[] };

function readOrganization(cell: GridCell, text: string, context: IndexDataContext): OrganizationReading {
  const candidates = [text];
  if (cell.value.kind === 'number' && Number.isInteger(cell.value.value) && cell.value.value >= 0) {
    const digits = String(cell.value.value);
    candidates.push(digits, digits.padStart(2, '0'), digits.padStart(5, '0'));
  }
  for (const code of candidates) {
    const organization = context.organizationsByCode.get(code);
    if (organization) return { ok: true, organization, warning: null };
  }
  const match = context.matcher.matchName(text);
  switch (match.kind) {
    case 'organization': {
      const organization = context.organizationsByCode.get(match.organization.code);
      if (!organization) return { ok: false, message: `Không tìm thấy cơ quan, đơn vị "${text}"`, suggestions: [] };
      return { ok: true, organization, warning: match.viaPredecessor === undefined ? null : predecessorWarning(match.viaPredecessor, match.organization.name) };
    }
    case 'group':
      return { ok: false, message: `"${text}" là một nhóm cơ quan, đơn vị. Vui lòng ghi một đơn vị cụ thể (tên hoặc mã)`, suggestions: [] };
    case 'ambiguous':
      return {
        ok: false,
        message: `"${text}" trùng tên với nhiều cơ quan, đơn vị: ${match.candidates.map((o) => `${o.name} (${o.code})`).join(', ')}. Vui lòng ghi mã hoặc tên đầy đủ`,
        suggestions: match.candidates.map((o) => o.name),
      };
    case 'unknown': {
      const suggestions = match.suggestions.filter((name) => !GROUP_NAMES.has(name));
      return { ok: false, message: `Không tìm thấy cơ quan, đơn vị "${text}".${didYouMean(suggestions)}`, suggestions };
    }
  }
}

function readYear(cell: GridCell, text: string): number | null {
  if (cell.value.kind === 'number') return Number.isInteger(cell.value.value) && cell.value.value >= 1900 && cell.value.value <= 2200 ? cell.value.value : null;
  if (cell.value.kind !== 'text') return null;
  const match = /^(?:n[aă]m\s*)?(\d{4})$/iu.exec(text.normalize('NFC').trim());
  const year = match ? Number(match[1]) : NaN;
  return year >= 1900 && year <= 2200 ? year : null;
}

/**
 * Reads a data table. Errors: an unknown indicator code (with suggestions) or a code that is not an
 * indicator, an unknown, ambiguous or non-peer organization, a bad year, an unreadable value, the
 * same indicator, unit and year twice, an empty cell.
 */
export function readIndexData(grid: Grid, context: IndexDataContext): ReadResult<IndexValueRow> {
  const result: ReadResult<IndexValueRow> = { ok: false, errors: [], warnings: [], rows: [] };
  const table = locateTable(grid, INDEX_DATA_COLUMNS, [], 'bảng số liệu chỉ số', result.errors);
  if (!table) return result;
  const nodes = new CodeIndex<{ code: string; level: IndexLevel }>();
  const indicatorCodes = new CodeIndex<null>();
  for (const node of context.nodes) {
    nodes.add(node.code, node);
    if (node.level === 'indicator') indicatorCodes.add(node.code, null);
  }
  const seen = new Map<string, number>();

  for (const reader of dataRows(grid, table, INDEX_DATA_COLUMNS)) {
    let nodeCode: string | undefined;
    const codeText = reader.text('indicator');
    if (codeText === '') reader.report('indicator', 'chưa ghi mã chỉ tiêu');
    else {
      const node = nodes.get(codeText)?.item;
      if (!node) {
        const suggestions = indicatorCodes.suggest(codeText);
        reader.report('indicator', `không tìm thấy chỉ tiêu có mã "${codeText}" trong khung chỉ số.${didYouMean(suggestions)}`, suggestions);
      } else if (node.level !== 'indicator') {
        reader.report('indicator', `"${node.code}" là ${LEVEL_VI[node.level].toLowerCase()}, được tính từ các chỉ tiêu. Vui lòng chỉ nhập số liệu cho chỉ tiêu (cấp cuối)`);
      } else {
        nodeCode = node.code;
      }
    }

    let organization: PeerRef | undefined;
    const organizationCell = reader.cell('organization');
    if (!organizationCell) reader.report('organization', `chưa ghi đơn vị. Vui lòng ghi mã hoặc tên ${context.peerLabel}`);
    else {
      const reading = readOrganization(organizationCell, reader.text('organization'), context);
      if (!reading.ok) reader.report('organization', reading.message, reading.suggestions);
      else if (!context.peerKinds.includes(reading.organization.kind)) {
        reader.report('organization', `"${reading.organization.name}" không thuộc nhóm so sánh của chỉ số này (${context.peerLabel})`);
      } else {
        organization = reading.organization;
        if (reading.warning) result.warnings.push(`${reader.where('organization')}: ${reading.warning}`);
      }
    }

    let year: number | null = null;
    const yearCell = reader.cell('year');
    if (!yearCell) reader.report('year', 'chưa ghi năm. Vui lòng ghi năm, ví dụ 2025');
    else {
      year = readYear(yearCell, reader.text('year'));
      if (year === null) reader.report('year', `"${reader.text('year')}" không phải là năm hợp lệ. Vui lòng ghi năm, ví dụ 2025`);
    }

    let value: number | null = null;
    const valueCell = reader.cell('value');
    if (!valueCell) reader.report('value', 'chưa ghi giá trị');
    else {
      value = readNumber(valueCell, reader.text('value'));
      if (value === null) reader.report('value', `"${reader.text('value')}" không phải là số hợp lệ. Vui lòng ghi số, dùng dấu phẩy cho phần thập phân (ví dụ 1.234,5 hoặc 22,5)`);
    }

    if (nodeCode && organization && year !== null) {
      const key = `${nodeCode}|${organization.id}|${year}`;
      const earlier = seen.get(key);
      if (earlier !== undefined) reader.report('year', `chỉ tiêu "${nodeCode}", đơn vị "${organization.name}", năm ${year} đã có giá trị ở dòng ${earlier}. Mỗi chỉ tiêu, đơn vị và năm chỉ ghi một giá trị`);
      else seen.set(key, reader.sheetRow);
    }

    result.errors.push(...reader.errors());
    if (reader.hasErrors || !nodeCode || !organization || year === null || value === null) continue;
    result.rows.push({ sheetRow: reader.sheetRow, nodeCode, organizationId: organization.id, organizationCode: organization.code, year, value });
  }
  if (result.errors.length === 0 && result.rows.length === 0) result.errors.push(sheetError('Bảng số liệu chỉ số không có dòng nào dưới dòng tiêu đề'));
  result.ok = result.errors.length === 0;
  return result;
}
