/**
 * Period codes of indicators (`2026`, `2026S1`, `2026Q1`, `2026-03`) and their display labels:
 * "Tháng 3/2026", "Quý I/2026", "6 tháng đầu năm 2026", "Năm 2026".
 */
import type { IndicatorFrequency, PeriodCode, PeriodKind } from '../../api/types';
import { todayInVietnam } from '../../format';
import { translate, type Language } from '../../i18n';

const ROMAN = ['I', 'II', 'III', 'IV'];

/** The first and last year offered by the period pickers (the plan runs 2026–2030). */
export const FIRST_YEAR = 2020;
export const LAST_YEAR = 2030;
/** The years of the plan shown side by side in the targets table. */
export const PLAN_YEARS = [2026, 2027, 2028, 2029, 2030];

export interface ParsedPeriod {
  kind: PeriodKind;
  year: number;
  /** 1..12 for a month, 1..4 for a quarter, 1..2 for a half, 1 for a year. */
  index: number;
}

export function parsePeriod(code: string | null | undefined): ParsedPeriod | null {
  if (!code) return null;
  let match = /^(\d{4})$/.exec(code);
  if (match) return { kind: 'year', year: Number(match[1]), index: 1 };
  match = /^(\d{4})S([12])$/.exec(code);
  if (match) return { kind: 'half', year: Number(match[1]), index: Number(match[2]) };
  match = /^(\d{4})Q([1-4])$/.exec(code);
  if (match) return { kind: 'quarter', year: Number(match[1]), index: Number(match[2]) };
  match = /^(\d{4})-(\d{2})$/.exec(code);
  if (match && Number(match[2]) >= 1 && Number(match[2]) <= 12) return { kind: 'month', year: Number(match[1]), index: Number(match[2]) };
  return null;
}

export function makePeriod(kind: PeriodKind, year: number, index = 1): PeriodCode {
  switch (kind) {
    case 'year':
      return String(year);
    case 'half':
      return `${year}S${index}`;
    case 'quarter':
      return `${year}Q${index}`;
    case 'month':
      return `${year}-${String(index).padStart(2, '0')}`;
  }
}

/** How many periods of a kind a year has. */
export function periodsPerYear(kind: PeriodKind): number {
  return kind === 'month' ? 12 : kind === 'quarter' ? 4 : kind === 'half' ? 2 : 1;
}

/** The period of `kind` that contains `date` (`YYYY-MM-DD`, default today in Vietnam). */
export function periodContaining(kind: PeriodKind, date: string = todayInVietnam()): PeriodCode {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  switch (kind) {
    case 'year':
      return makePeriod('year', year);
    case 'half':
      return makePeriod('half', year, month <= 6 ? 1 : 2);
    case 'quarter':
      return makePeriod('quarter', year, Math.ceil(month / 3));
    case 'month':
      return makePeriod('month', year, month);
  }
}

/** The period just before (`offset` -1) or after (+1). */
export function shiftPeriod(code: PeriodCode, offset: number): PeriodCode {
  const parsed = parsePeriod(code);
  if (!parsed) return code;
  const count = periodsPerYear(parsed.kind);
  const ordinal = parsed.year * count + (parsed.index - 1) + offset;
  return makePeriod(parsed.kind, Math.floor(ordinal / count), (ordinal % count) + 1);
}

/** Period kinds an indicator of a given frequency can be shown by (its own and longer ones). */
export function kindsFor(frequency: IndicatorFrequency | undefined): Array<'month' | 'quarter' | 'year'> {
  if (frequency === 'year') return ['year'];
  if (frequency === 'quarter') return ['quarter', 'year'];
  return ['month', 'quarter', 'year'];
}

function monthName(month: number, style: 'long' | 'short'): string {
  return new Intl.DateTimeFormat('en-US', { month: style, timeZone: 'UTC' }).format(new Date(Date.UTC(2000, month - 1, 1)));
}

/** "Tháng 3/2026", "Quý I/2026", "6 tháng đầu năm 2026", "Năm 2026" (or the English labels). */
export function periodLabel(code: string | null | undefined, language: Language, short = false): string {
  const parsed = parsePeriod(code);
  if (!parsed) return code ?? '';
  const { kind, year, index } = parsed;
  switch (kind) {
    case 'year':
      return short ? String(year) : translate(language, 'period.year', { year });
    case 'half':
      return translate(language, index === 1 ? 'period.half1' : 'period.half2', { year });
    case 'quarter':
      return translate(language, short ? 'period.quarterShort' : 'period.quarter', { year, quarter: ROMAN[index - 1], number: index });
    case 'month':
      return translate(language, short ? 'period.monthShort' : 'period.month', {
        year,
        month: index,
        monthName: monthName(index, short ? 'short' : 'long'),
      });
  }
}

/** The label of one period within its year: "Tháng 3", "Quý I", "6 tháng đầu năm". */
export function periodOptionLabel(kind: PeriodKind, index: number, language: Language): string {
  switch (kind) {
    case 'year':
      return '';
    case 'half':
      return translate(language, index === 1 ? 'period.half1Option' : 'period.half2Option');
    case 'quarter':
      return translate(language, 'period.quarterOption', { quarter: ROMAN[index - 1], number: index });
    case 'month':
      return translate(language, 'period.monthOption', { month: index, monthName: monthName(index, 'long') });
  }
}

export function yearOptions(first = FIRST_YEAR, last = LAST_YEAR): number[] {
  const years: number[] = [];
  for (let year = last; year >= first; year -= 1) years.push(year);
  return years;
}

/** The `from`/`to` of a series: the months or quarters of a year, or the years up to the plan's end. */
export function seriesRange(kind: 'month' | 'quarter' | 'year', year: number): { from: PeriodCode; to: PeriodCode } {
  if (kind === 'year') return { from: String(Math.min(year, 2024)), to: String(Math.max(year, LAST_YEAR)) };
  return { from: makePeriod(kind, year, 1), to: makePeriod(kind, year, periodsPerYear(kind)) };
}
