/**
 * What the Excel readers of indicators and composite indices share (domain.md, "Reading a task
 * table" for the header and column-number rules): cells as text, the header row among the first
 * 20, the data rows, and a reader per row that collects its errors in column order. Pure.
 */
import { normalizeName } from './names';
import { columnLetter, type Grid, type GridCell } from './task-table';

/** One problem found in a table; same shape as the task table's errors. */
export interface TableError {
  /** Sheet row number (1-based); null for an error about the whole sheet. */
  row: number | null;
  /** Column letter; null for an error about the whole sheet. */
  column: string | null;
  /** The sheet's header text of that column. */
  header: string | null;
  /** The cell's display text. */
  value: string | null;
  /** e.g. 'Dòng 5, cột "Kỳ": "Quý V/2026" không phải là kỳ báo cáo hợp lệ. …'. */
  message: string;
  /** For an unknown name or code, the closest ones. */
  suggestions: string[];
}

/** An error about the whole sheet (no row, no column). */
export function sheetError(message: string): TableError {
  return { row: null, column: null, header: null, value: null, message, suggestions: [] };
}

export const HEADER_SEARCH_ROWS = 20;
export const COLUMN_NUMBER = /^(?:\(\s*\d+\s*\)|\d+)$/;

export interface ColumnSpec<K extends string> {
  key: K;
  /** The first name is the one messages use. */
  names: readonly string[];
  required: boolean;
}

export interface HeaderPlace {
  index: number;
  header: string;
  exact: boolean;
}

export function isEmptyCell(cell: GridCell | null | undefined): boolean {
  if (!cell || cell.value.kind === 'empty') return true;
  return cell.value.kind === 'text' ? cell.value.text.trim() === '' && cell.text.trim() === '' : false;
}

export function cellText(cell: GridCell | null | undefined): string {
  if (!cell || isEmptyCell(cell)) return '';
  const text = cell.text.trim();
  return text !== '' || cell.value.kind !== 'text' ? text : cell.value.text.trim();
}

/**
 * A row of column numbers under the header: "(1)", "(2)", … or 1, 2, …, each cell numbered by its
 * place from the first non-empty cell (gaps allowed). Stricter than the task table's rule, since a
 * row of values may be all numbers ("1 | 25 | 2026 | 5") and must not be skipped.
 */
export function isColumnNumberRow(row: (GridCell | null)[] | undefined): boolean {
  if (!row) return false;
  const cells = row.map((cell, index) => ({ index, text: cellText(cell) })).filter((item) => item.text !== '');
  if (cells.length < 2) return false;
  const first = cells[0].index;
  return cells.every(({ index, text }) => COLUMN_NUMBER.test(text) && Number(text.replace(/[()\s]/g, '')) === index - first + 1);
}

/** Column names normalised, longest first; `null` marks names of columns that are read by no one. */
export function headerNames<K extends string>(specs: readonly ColumnSpec<K>[], ignored: readonly string[]): { key: K | null; name: string }[] {
  return [
    ...specs.flatMap((spec) => spec.names.map((name) => ({ key: spec.key as K | null, name: normalizeName(name) }))),
    ...ignored.map((name) => ({ key: null, name: normalizeName(name) })),
  ].sort((a, b) => b.name.length - a.name.length);
}

export function readHeaderRow<K extends string>(row: (GridCell | null)[], names: { key: K | null; name: string }[]): Map<K, HeaderPlace> {
  const columns = new Map<K, HeaderPlace>();
  row.forEach((cell, index) => {
    const text = cellText(cell);
    const normalized = normalizeName(text);
    if (normalized === '') return;
    const found = names.find(({ name }) => normalized.startsWith(name));
    if (!found || found.key === null) return;
    const exact = normalized === found.name;
    const previous = columns.get(found.key);
    if (!previous || (exact && !previous.exact)) {
      columns.set(found.key, { index, header: text.replace(/\s+/gu, ' '), exact });
    }
  });
  return columns;
}

export interface Table<K extends string> {
  columns: Map<K, HeaderPlace>;
  firstDataIndex: number;
}

export function locateTable<K extends string>(
  grid: Grid,
  specs: readonly ColumnSpec<K>[],
  ignored: readonly string[],
  tableName: string,
  errors: TableError[],
): Table<K> | null {
  const names = headerNames(specs, ignored);
  const required = specs.filter((spec) => spec.required);
  let bestMissing = required;
  for (let r = 0; r < Math.min(HEADER_SEARCH_ROWS, grid.rows.length); r++) {
    const columns = readHeaderRow(grid.rows[r] ?? [], names);
    const missing = required.filter((spec) => !columns.has(spec.key));
    if (missing.length === 0) {
      const firstDataIndex = isColumnNumberRow(grid.rows[r + 1]) ? r + 2 : r + 1;
      return { columns, firstDataIndex };
    }
    if (missing.length < bestMissing.length) bestMissing = missing;
  }
  const list = bestMissing.map((spec) => `"${spec.names[0]}"`).join(', ');
  errors.push(
    sheetError(
      `Không tìm thấy dòng tiêu đề của ${tableName} trong ${HEADER_SEARCH_ROWS} dòng đầu của trang tính thứ nhất: thiếu cột ${list}. Vui lòng kiểm tra tên các cột`,
    ),
  );
  return null;
}

/** Reading one row: its cells by column, and its errors in column order. */
export class RowReader<K extends string> {
  private readonly found: { order: number; error: TableError }[] = [];

  constructor(
    readonly sheetRow: number,
    private readonly row: (GridCell | null)[],
    private readonly columns: Map<K, HeaderPlace>,
    private readonly specs: readonly ColumnSpec<K>[],
  ) {}

  cell(key: K): GridCell | null {
    const place = this.columns.get(key);
    const cell = place ? (this.row[place.index] ?? null) : null;
    return isEmptyCell(cell) ? null : cell;
  }

  text(key: K): string {
    return cellText(this.cell(key));
  }

  header(key: K): string {
    return this.columns.get(key)?.header ?? this.specs.find((spec) => spec.key === key)?.names[0] ?? key;
  }

  /** The message prefix of a cell: 'Dòng 5, cột "Kỳ"'. */
  where(key: K): string {
    return `Dòng ${this.sheetRow}, cột "${this.header(key)}"`;
  }

  report(key: K, message: string, suggestions: string[] = []): void {
    const place = this.columns.get(key);
    this.found.push({
      order: place?.index ?? Number.MAX_SAFE_INTEGER,
      error: {
        row: this.sheetRow,
        column: place ? columnLetter(place.index) : null,
        header: this.header(key),
        value: this.text(key),
        message: `${this.where(key)}: ${message}`,
        suggestions,
      },
    });
  }

  get hasErrors(): boolean {
    return this.found.length > 0;
  }

  /** The errors, ordered by column (stable within a column). */
  errors(): TableError[] {
    return [...this.found].sort((a, b) => a.order - b.order).map((item) => item.error);
  }
}

export function* dataRows<K extends string>(
  grid: Grid,
  table: Table<K>,
  specs: readonly ColumnSpec<K>[],
): Generator<RowReader<K>> {
  for (let r = table.firstDataIndex; r < grid.rows.length; r++) {
    const row = grid.rows[r] ?? [];
    if (row.every((cell) => isEmptyCell(cell))) continue;
    yield new RowReader(r + 1, row, table.columns, specs);
  }
}
