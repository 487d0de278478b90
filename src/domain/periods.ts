/**
 * Reporting periods (domain.md, "Periods and indicators"): codes `2026` (year), `2026S1`/`2026S2`
 * (half), `2026Q1`…`2026Q4` (quarter), `2026-03` (month). Indicator periods are calendar periods.
 * Pure functions: no clock, no I/O.
 */
import { addDays, daysBetween, lastDayOfMonth, toIsoDate, type IsoDate } from './dates';

export type PeriodKind = 'month' | 'quarter' | 'half' | 'year';

/** A calendar period; `index` is 1 for a year, 1–2 for a half, 1–4 for a quarter, 1–12 for a month. */
export interface Period {
  kind: PeriodKind;
  year: number;
  index: number;
}

/** Months per period of each kind. */
export const monthsIn: Record<PeriodKind, number> = { month: 1, quarter: 3, half: 6, year: 12 };

const codePattern = /^(\d{4})(?:(S)([12])|(Q)([1-4])|-(\d{2}))?$/;

/** Parses a period code; null when it is not one ("2026Q5", "2026-13", "26"). */
export function parsePeriodCode(code: string): Period | null {
  const match = codePattern.exec(code.trim());
  if (!match) return null;
  const year = Number(match[1]);
  if (year < 1900 || year > 2200) return null;
  if (match[2]) return { kind: 'half', year, index: Number(match[3]) };
  if (match[4]) return { kind: 'quarter', year, index: Number(match[5]) };
  if (match[6]) {
    const month = Number(match[6]);
    return month >= 1 && month <= 12 ? { kind: 'month', year, index: month } : null;
  }
  return { kind: 'year', year, index: 1 };
}

/** The code of a period. */
export function formatPeriodCode(period: Period): string {
  switch (period.kind) {
    case 'year':
      return String(period.year);
    case 'half':
      return `${period.year}S${period.index}`;
    case 'quarter':
      return `${period.year}Q${period.index}`;
    case 'month':
      return `${period.year}-${String(period.index).padStart(2, '0')}`;
  }
}

/** First month (1–12) of a period. */
function firstMonth(period: Period): number {
  return (period.index - 1) * monthsIn[period.kind] + 1;
}

export function periodStart(period: Period): IsoDate {
  return toIsoDate(period.year, firstMonth(period), 1);
}

export function periodEnd(period: Period): IsoDate {
  return lastDayOfMonth(period.year, firstMonth(period) + monthsIn[period.kind] - 1);
}

/** Number of days in a period. */
export function periodDays(period: Period): number {
  return daysBetween(periodStart(period), periodEnd(period)) + 1;
}

/** True when `inner` lies within `outer` (a period contains itself). */
export function periodContains(outer: Period, inner: Period): boolean {
  return periodStart(outer) <= periodStart(inner) && periodEnd(inner) <= periodEnd(outer);
}

/** True when periods of kind `a` are longer than periods of kind `b`. */
export function isLongerKind(a: PeriodKind, b: PeriodKind): boolean {
  return monthsIn[a] > monthsIn[b];
}

/** The periods of `kind` that make up `period`, in order (itself when the kinds are equal); [] when `kind` is longer. */
export function subPeriods(period: Period, kind: PeriodKind): Period[] {
  if (isLongerKind(kind, period.kind)) return [];
  const count = monthsIn[period.kind] / monthsIn[kind];
  const first = (firstMonth(period) - 1) / monthsIn[kind] + 1;
  return Array.from({ length: count }, (_, offset) => ({ kind, year: period.year, index: kind === 'year' ? 1 : first + offset }));
}

/** The period of `kind` that contains a date. */
export function periodOfDate(date: IsoDate, kind: PeriodKind): Period {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  return { kind, year, index: kind === 'year' ? 1 : Math.floor((month - 1) / monthsIn[kind]) + 1 };
}

/** The period of the same kind one year earlier (the baseline's period). */
export function samePeriodLastYear(period: Period): Period {
  return { ...period, year: period.year - 1 };
}

/** The period of the same kind just before. */
export function previousPeriod(period: Period): Period {
  if (period.kind === 'year') return { ...period, year: period.year - 1 };
  const perYear = 12 / monthsIn[period.kind];
  return period.index > 1 ? { ...period, index: period.index - 1 } : { ...period, year: period.year - 1, index: perYear };
}

/**
 * The elapsed share of a period on `asOf`, 0..1, counting `asOf` itself: 0 before the period
 * starts, 1 from its last day on.
 */
export function elapsedShare(period: Period, asOf: IsoDate): number {
  const start = periodStart(period);
  const end = periodEnd(period);
  if (asOf < start) return 0;
  if (asOf >= end) return 1;
  return (daysBetween(start, asOf) + 1) / periodDays(period);
}

/**
 * The reporting window of a month for periodic progress reports on tasks. With the calendar
 * (`cutoffDay` 1) it is the month itself; with a cut-off day d > 1 (a province counting from the
 * 15th of the previous month to the 14th: d = 15) it runs from day d of the previous month to day
 * d − 1 of the month. Reports for the month are due on the window's last day.
 */
export function reportingWindow(month: Period, cutoffDay = 1): { from: IsoDate; to: IsoDate } {
  if (month.kind !== 'month') throw new RangeError('reportingWindow expects a month');
  if (!Number.isInteger(cutoffDay) || cutoffDay < 1 || cutoffDay > 28) throw new RangeError('cutoffDay must be 1..28');
  if (cutoffDay === 1) return { from: periodStart(month), to: periodEnd(month) };
  const previous = previousPeriod(month);
  return { from: toIsoDate(previous.year, previous.index, cutoffDay), to: toIsoDate(month.year, month.index, cutoffDay - 1) };
}

/** The date a period locks: `lockDays` after its last day (values may be entered up to and including the day before). */
export function lockDate(period: Period, lockDays: number): IsoDate {
  return addDays(periodEnd(period), lockDays + 1);
}

const romanQuarters: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4 };

function strip(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Reads a period as officials write it: a code (`2026-03`, `2026Q1`, `2026S1`, `2026`), or
 * `Tháng 3/2026`, `Tháng 3 năm 2026`, `3/2026`, `Quý I/2026`, `Quý 1 năm 2026`, `6 tháng đầu năm 2026`,
 * `6 tháng cuối năm 2026`, `Năm 2026`. Case, accents and spaces are ignored. Null when unreadable.
 */
export function parsePeriodText(text: string): Period | null {
  const code = parsePeriodCode(text);
  if (code) return code;
  const value = strip(text);
  // Codes in any case ("2026q1"); the year range is checked by parsePeriodCode on every path.
  const anyCaseCode = parsePeriodCode(value.toUpperCase());
  if (anyCaseCode) return anyCaseCode;
  // Spaces are optional between words, numbers and the slash ("Tháng 3 / 2026", "Tháng3/2026"),
  // never inside a number.
  let match = /^(?:thang ?)?(\d{1,2})(?: ?\/ ?| ?nam ?)(\d{4})$/.exec(value);
  if (match) return parsePeriodCode(`${match[2]}-${match[1].padStart(2, '0')}`);
  match = /^quy ?([1-4]|i{1,3}|iv)(?: ?\/ ?| ?nam ?)(\d{4})$/.exec(value);
  if (match) return parsePeriodCode(`${match[2]}Q${romanQuarters[match[1]] ?? match[1]}`);
  match = /^6 ?thang ?(dau|cuoi) ?nam ?(\d{4})$/.exec(value);
  if (match) return parsePeriodCode(`${match[2]}S${match[1] === 'dau' ? 1 : 2}`);
  match = /^nam ?(\d{4})$/.exec(value);
  if (match) return parsePeriodCode(match[1]);
  return null;
}

const kindLabels: Record<PeriodKind, string> = { month: 'Tháng', quarter: 'Quý', half: '6 tháng', year: 'Năm' };
const roman = ['I', 'II', 'III', 'IV'];

/** The period in words: "Tháng 3/2026", "Quý I/2026", "6 tháng đầu năm 2026", "Năm 2026". */
export function formatPeriodVi(period: Period): string {
  switch (period.kind) {
    case 'month':
      return `${kindLabels.month} ${period.index}/${period.year}`;
    case 'quarter':
      return `${kindLabels.quarter} ${roman[period.index - 1]}/${period.year}`;
    case 'half':
      return `6 tháng ${period.index === 1 ? 'đầu' : 'cuối'} năm ${period.year}`;
    case 'year':
      return `${kindLabels.year} ${period.year}`;
  }
}
