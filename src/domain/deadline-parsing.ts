/**
 * Reading the deadline and completion-date cells of a task table (domain.md, "Deadlines").
 * Pure: no clock, "today" is a parameter; calendar dates are ISO strings computed with Date.UTC.
 */

/** A calendar date, 'YYYY-MM-DD'. */
export type IsoDate = string;

/** A spreadsheet cell as the readers need it. */
export type CellValue =
  | { kind: 'empty' }
  | { kind: 'text'; text: string }
  | { kind: 'number'; value: number }
  /** `showsDay` is false when the cell's number format shows no day (e.g. `mm/yyyy`). */
  | { kind: 'date'; date: IsoDate; showsDay: boolean };

/** The deadline a cell gives, or a Vietnamese message saying why it cannot be read. */
export type DeadlineResult =
  | { ok: true; kind: 'date'; deadline: IsoDate }
  | { ok: true; kind: 'continuous' }
  | { ok: true; kind: 'yearly' }
  | { ok: false; message: string };

/** A completion date (null for an empty cell), or a Vietnamese message. */
export type CompletionDateResult = { ok: true; date: IsoDate | null } | { ok: false; message: string };

/** Whole numbers in this range are years, not date serials. */
export const FIRST_YEAR = 1900;
export const LAST_YEAR = 2200;

const FORMAT_HINT =
  'Vui lòng ghi ngày (30/6/2026), tháng (6/2026), quý (Quý II/2026), năm (2026), "Thường xuyên" hoặc "Hằng năm"';

const DATE_PATTERN = /^(?:truoc\s+)?(\d{1,2})\s*\/\s*(\d{1,2})\s*\/\s*(\d{4})$/;
const MONTH_PATTERNS = [/^(?:thang\s+)?(\d{1,2})\s*\/\s*(\d{4})$/, /^thang\s+(\d{1,2})\s+nam\s+(\d{4})$/];
const QUARTER_PATTERN = /^quy\s+([a-z0-9]+)(?:\s*\/\s*|\s+nam\s+)(\d{4})$/;
const HALF_PATTERN = /^6\s+thang\s+(dau|cuoi)\s+nam\s+(\d{4})$/;
const YEAR_PATTERN = /^(?:nam\s+)?(\d{4})$/;
const YEAR_RANGE_PATTERN = /^(\d{4})\s*-\s*(\d{4})$/;
const ONGOING_PATTERN = /^\d{4}\s+va\s+nhung\s+nam\s+tiep\s+theo$/;
const YEARLY_PATTERN = /^hang\s+nam$/;
const DATE_LIKE = /\d{1,2}\s*\/\s*(?:\d{1,2}\s*\/\s*)?\d{4}/g;
const ROMAN_QUARTERS: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4 };

/** Lower case, accents removed (đ → d), dashes unified, spaces collapsed: for pattern matching. */
function simplify(text: string): string {
  return text
    .normalize('NFC')
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đð]/g, 'd')
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/\s+/gu, ' ')
    .trim();
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

function isoDate(year: number, month: number, day: number): IsoDate {
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

function isValidDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function lastDayOfMonth(year: number, month: number): IsoDate {
  return isoDate(year, month, new Date(Date.UTC(year, month, 0)).getUTCDate());
}

function isYear(year: number): boolean {
  return Number.isInteger(year) && year >= FIRST_YEAR && year <= LAST_YEAR;
}

/** Formats an ISO date as dd/mm/yyyy for messages. */
export function formatVietnameseDate(date: IsoDate): string {
  const [year, month, day] = date.split('-');
  return `${day}/${month}/${year}`;
}

function formatNumber(value: number): string {
  return new Intl.NumberFormat('vi-VN', { useGrouping: false, maximumFractionDigits: 10 }).format(value);
}

function fail(message: string): { ok: false; message: string } {
  return { ok: false, message };
}

function yearEnd(year: number, original: string): DeadlineResult {
  if (!isYear(year)) return fail(`"${original}" không phải là năm hợp lệ (từ ${FIRST_YEAR} đến ${LAST_YEAR})`);
  return { ok: true, kind: 'date', deadline: isoDate(year, 12, 31) };
}

function parseQuarter(word: string): number | null {
  if (/^\d+$/.test(word)) return Number(word);
  return ROMAN_QUARTERS[word] ?? null;
}

function parseDeadlineText(original: string): DeadlineResult {
  const text = simplify(original);
  if (text === '') return fail('chưa ghi thời hạn hoàn thành');
  if (text.includes('thuong xuyen') || ONGOING_PATTERN.test(text)) return { ok: true, kind: 'continuous' };
  if (YEARLY_PATTERN.test(text)) return { ok: true, kind: 'yearly' };
  if ((text.match(DATE_LIKE) ?? []).length > 1) {
    return fail(`"${original}" có nhiều hơn một thời hạn; mỗi nhiệm vụ chỉ ghi một thời hạn`);
  }

  let match = DATE_PATTERN.exec(text);
  if (match) {
    const [day, month, year] = [Number(match[1]), Number(match[2]), Number(match[3])];
    if (!isYear(year) || !isValidDate(year, month, day)) return fail(`"${original}" không phải là ngày hợp lệ`);
    return { ok: true, kind: 'date', deadline: isoDate(year, month, day) };
  }
  for (const pattern of MONTH_PATTERNS) {
    match = pattern.exec(text);
    if (match) {
      const [month, year] = [Number(match[1]), Number(match[2])];
      if (month < 1 || month > 12 || !isYear(year)) return fail(`"${original}" không phải là tháng hợp lệ`);
      return { ok: true, kind: 'date', deadline: lastDayOfMonth(year, month) };
    }
  }
  match = QUARTER_PATTERN.exec(text);
  if (match) {
    const quarter = parseQuarter(match[1]);
    const year = Number(match[2]);
    if (quarter === null || quarter < 1 || quarter > 4 || !isYear(year)) {
      return fail(`"${original}" không phải là quý hợp lệ`);
    }
    return { ok: true, kind: 'date', deadline: lastDayOfMonth(year, quarter * 3) };
  }
  match = HALF_PATTERN.exec(text);
  if (match) {
    const year = Number(match[2]);
    if (!isYear(year)) return fail(`"${original}" không phải là năm hợp lệ (từ ${FIRST_YEAR} đến ${LAST_YEAR})`);
    return { ok: true, kind: 'date', deadline: match[1] === 'dau' ? isoDate(year, 6, 30) : isoDate(year, 12, 31) };
  }
  match = YEAR_PATTERN.exec(text);
  if (match) return yearEnd(Number(match[1]), original);
  match = YEAR_RANGE_PATTERN.exec(text);
  if (match) {
    const [first, last] = [Number(match[1]), Number(match[2])];
    if (!isYear(first) || !isYear(last) || first > last) {
      return fail(`"${original}" không phải là giai đoạn hợp lệ (năm đầu không được sau năm cuối)`);
    }
    return { ok: true, kind: 'date', deadline: isoDate(last, 12, 31) };
  }
  return fail(`"${original}" không phải là thời hạn hợp lệ. ${FORMAT_HINT}`);
}

/**
 * Reads a deadline cell (domain.md, "Deadlines"): a date, a month, a quarter, a half year, a year
 * or a range of years give a date; "thường xuyên" anywhere (or "2025 và những năm tiếp theo")
 * gives `continuous`; "Hằng năm"/"Hàng năm" gives `yearly`. Words match ignoring case, accents and
 * repeated spaces, and a pattern must cover the whole cell. A date cell whose format shows no day
 * means the last day of its month; a number is a year only when it is a whole number from 1900
 * to 2200 (never a date serial). Anything else is an error with a Vietnamese message such as
 * `"Quý V/2026" không phải là quý hợp lệ`.
 */
export function parseDeadline(cell: CellValue): DeadlineResult {
  switch (cell.kind) {
    case 'empty':
      return fail('chưa ghi thời hạn hoàn thành');
    case 'date': {
      if (cell.showsDay) return { ok: true, kind: 'date', deadline: cell.date };
      const [year, month] = cell.date.split('-').map(Number);
      return { ok: true, kind: 'date', deadline: lastDayOfMonth(year, month) };
    }
    case 'number':
      if (isYear(cell.value)) return { ok: true, kind: 'date', deadline: isoDate(cell.value, 12, 31) };
      return fail(
        `"${formatNumber(cell.value)}" không phải là thời hạn hợp lệ: một số chỉ được hiểu là năm (từ ${FIRST_YEAR} đến ${LAST_YEAR}). ${FORMAT_HINT}`,
      );
    case 'text':
      return parseDeadlineText(cell.text.trim());
  }
}

/**
 * Reads a completion-date cell: a date cell or `d/m/yyyy` text. An empty cell gives `date: null`.
 * `today` is allowed; a later date is an error.
 */
export function parseCompletionDate(cell: CellValue, today: IsoDate): CompletionDateResult {
  let date: IsoDate;
  if (cell.kind === 'empty') return { ok: true, date: null };
  if (cell.kind === 'date') {
    date = cell.date;
  } else if (cell.kind === 'text') {
    const original = cell.text.trim();
    if (original === '') return { ok: true, date: null };
    const match = /^(\d{1,2})\s*\/\s*(\d{1,2})\s*\/\s*(\d{4})$/.exec(simplify(original));
    if (!match) return fail(`"${original}" không phải là ngày hoàn thành hợp lệ. Vui lòng ghi ngày dạng 30/6/2026`);
    const [day, month, year] = [Number(match[1]), Number(match[2]), Number(match[3])];
    if (!isYear(year) || !isValidDate(year, month, day)) return fail(`"${original}" không phải là ngày hợp lệ`);
    date = isoDate(year, month, day);
  } else {
    return fail(
      `"${formatNumber(cell.value)}" không phải là ngày hoàn thành hợp lệ. Vui lòng ghi ngày dạng 30/6/2026`,
    );
  }
  if (date > today) {
    return fail(
      `ngày hoàn thành ${formatVietnameseDate(date)} sau ngày hôm nay (${formatVietnameseDate(today)})`,
    );
  }
  return { ok: true, date };
}
