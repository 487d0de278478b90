/**
 * Reads the first worksheet of an xlsx file into a plain grid of cells (see src/domain/task-table).
 * No HTTP, no file system: the file's bytes are given.
 */
import ExcelJS from 'exceljs';
import type { CellValue } from '../domain/deadline-parsing';
import type { Grid, GridCell } from '../domain/task-table';

/** The file is not a readable xlsx workbook (or has no worksheet). The message is Vietnamese. */
export class UnreadableWorkbookError extends Error {
  readonly code = 'UNREADABLE_WORKBOOK';

  constructor(detail: string, options?: { cause?: unknown }) {
    super(`Không đọc được file Excel: ${detail}`, options);
    this.name = 'UnreadableWorkbookError';
  }
}

const EMPTY: GridCell = { value: { kind: 'empty' }, text: '' };

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

/** True when a number format shows the day (it has a 'd' outside quotes and brackets). */
export function formatShowsDay(numFmt: string | undefined): boolean {
  if (!numFmt) return true;
  const bare = numFmt.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, '').replace(/\\./g, '');
  return /d/i.test(bare);
}

function dateCell(date: Date, numFmt: string | undefined): GridCell {
  // exceljs returns dates as UTC midnight: read them with UTC getters, never local ones.
  const [year, month, day] = [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];
  const showsDay = formatShowsDay(numFmt);
  const value: CellValue = { kind: 'date', date: `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`, showsDay };
  const text = showsDay ? `${pad(day, 2)}/${pad(month, 2)}/${pad(year, 4)}` : `${pad(month, 2)}/${pad(year, 4)}`;
  return { value, text };
}

function textCell(text: string): GridCell {
  return text.trim() === '' ? EMPTY : { value: { kind: 'text', text }, text };
}

function richTextOf(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && 'richText' in value && Array.isArray(value.richText)) {
    return value.richText.map((run: { text?: unknown }) => (typeof run.text === 'string' ? run.text : '')).join('');
  }
  return null;
}

/** Converts one exceljs cell value (already known not to be a merged non-master). */
function convert(raw: ExcelJS.CellValue | undefined, numFmt: string | undefined): GridCell {
  if (raw === null || raw === undefined) return EMPTY;
  if (typeof raw === 'number') return { value: { kind: 'number', value: raw }, text: String(raw) };
  if (typeof raw === 'string') return textCell(raw);
  if (typeof raw === 'boolean') return textCell(raw ? 'TRUE' : 'FALSE');
  if (raw instanceof Date) return Number.isNaN(raw.getTime()) ? EMPTY : dateCell(raw, numFmt);
  if ('richText' in raw) return textCell(richTextOf(raw) ?? '');
  if ('hyperlink' in raw) return textCell(richTextOf(raw.text) ?? String(raw.hyperlink ?? ''));
  if ('formula' in raw || 'sharedFormula' in raw) {
    const { result } = raw;
    if (result === undefined || result === null) return EMPTY;
    if (typeof result === 'object' && !(result instanceof Date) && 'error' in result) return textCell(String(result.error));
    return convert(result, numFmt);
  }
  if ('error' in raw) return textCell(String(raw.error));
  return textCell(String(raw));
}

/**
 * Reads the first worksheet in tab order (`workbook.worksheets[0]`, not `getWorksheet(1)`, which
 * is by id) into a grid: rows[0] is sheet row 1. In a merged range only the top-left cell keeps
 * its value; the others are empty. Dates (UTC midnight in exceljs) become ISO dates, with
 * `showsDay` false when the number format has no day (`mm/yyyy`); rich text, hyperlinks,
 * formulas (their cached result) and booleans become text.
 *
 * @throws UnreadableWorkbookError when the bytes are not an xlsx workbook or it has no worksheet.
 */
export async function readFirstWorksheetGrid(buffer: Buffer | ArrayBuffer): Promise<Grid> {
  const workbook = new ExcelJS.Workbook();
  try {
    const bytes = buffer instanceof ArrayBuffer ? Buffer.from(buffer) : buffer;
    // exceljs's declared Buffer type predates @types/node's generic Buffer.
    await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  } catch (error) {
    throw new UnreadableWorkbookError('file không phải là file Excel (.xlsx) hợp lệ hoặc đã bị hỏng', {
      cause: error,
    });
  }
  const worksheet = workbook.worksheets[0];
  if (!worksheet) throw new UnreadableWorkbookError('file không có trang tính nào');

  const rows: (GridCell | null)[][] = [];
  worksheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: (GridCell | null)[] = [];
    row.eachCell({ includeEmpty: false }, (cell, columnNumber) => {
      while (cells.length < columnNumber - 1) cells.push(null);
      if (cell.isMerged && cell.master.address !== cell.address) {
        cells.push(EMPTY);
      } else {
        const converted = convert(cell.value, cell.numFmt);
        cells.push(converted.value.kind === 'empty' ? null : converted);
      }
    });
    while (rows.length < rowNumber - 1) rows.push([]);
    rows.push(cells);
  });
  return { rows };
}
