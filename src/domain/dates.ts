/**
 * Calendar dates as ISO strings `YYYY-MM-DD`.
 *
 * A calendar date has no time and no timezone: every computation here is done in UTC on midnight
 * instants (via `Date.UTC`), so the host's timezone can never shift a date. "Today" is the
 * calendar date in Asia/Ho_Chi_Minh (UTC+7, no daylight saving time).
 */

/** A calendar date written `YYYY-MM-DD` (years 0001–9999). */
export type IsoDate = string;

/** The parts of a calendar date; `month` is 1–12, `day` is 1–31. */
export interface DateParts {
  year: number;
  month: number;
  day: number;
}

const MILLISECONDS_PER_DAY = 86_400_000;
/** Vietnam is UTC+7 all year round (no daylight saving time). */
const VIETNAM_OFFSET_MILLISECONDS = 7 * 3_600_000;
const ISO_DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const MIN_YEAR = 1;
const MAX_YEAR = 9999;

/** Milliseconds since the epoch of UTC midnight on the given date; month and day may overflow. */
function utcMilliseconds(year: number, month: number, day: number): number {
  // Date.UTC alone maps years 0–99 to 1900–1999; setUTCFullYear takes every year literally.
  const date = new Date(Date.UTC(2000, 0, 1));
  date.setUTCFullYear(year, month - 1, day);
  return date.getTime();
}

function padNumber(value: number, length: number): string {
  return String(value).padStart(length, '0');
}

/** Formats a UTC-midnight instant as an IsoDate; throws a RangeError outside years 0001–9999. */
function isoDateFromUtcMilliseconds(milliseconds: number): IsoDate {
  const date = new Date(milliseconds);
  const year = date.getUTCFullYear();
  if (!Number.isFinite(milliseconds) || year < MIN_YEAR || year > MAX_YEAR) {
    throw new RangeError(`Date out of range (years ${MIN_YEAR}–${MAX_YEAR})`);
  }
  return `${padNumber(year, 4)}-${padNumber(date.getUTCMonth() + 1, 2)}-${padNumber(date.getUTCDate(), 2)}`;
}

function daysInMonth(year: number, month: number): number {
  return new Date(utcMilliseconds(year, month + 1, 0)).getUTCDate();
}

function assertInteger(value: number, name: string): void {
  if (!Number.isInteger(value)) {
    throw new RangeError(`${name} must be an integer, got ${value}`);
  }
}

/**
 * Whether `value` is a real calendar date written `YYYY-MM-DD`, years 0001–9999
 * (`2026-02-31` and `2026-2-3` are not).
 */
export function isIsoDate(value: unknown): value is IsoDate {
  if (typeof value !== 'string') return false;
  const match = ISO_DATE_PATTERN.exec(value);
  if (match === null) return false;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  return year >= MIN_YEAR && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/**
 * Splits an IsoDate into year, month (1–12) and day.
 * @throws RangeError when `value` is not a real calendar date `YYYY-MM-DD`.
 */
export function parseIsoDate(value: string): DateParts {
  if (!isIsoDate(value)) {
    throw new RangeError(`Not a calendar date YYYY-MM-DD: ${JSON.stringify(value)}`);
  }
  return { year: Number(value.slice(0, 4)), month: Number(value.slice(5, 7)), day: Number(value.slice(8, 10)) };
}

/**
 * The IsoDate of a year, month (1–12) and day.
 * @throws RangeError when the parts do not name a real calendar date in years 0001–9999.
 */
export function toIsoDate(year: number, month: number, day: number): IsoDate {
  const value = `${padNumber(year, 4)}-${padNumber(month, 2)}-${padNumber(day, 2)}`;
  if (![year, month, day].every(Number.isInteger) || !isIsoDate(value)) {
    throw new RangeError(`Not a calendar date: ${year}-${month}-${day}`);
  }
  return value;
}

function toUtcMilliseconds(date: IsoDate): number {
  const { year, month, day } = parseIsoDate(date);
  return utcMilliseconds(year, month, day);
}

/**
 * The date `days` calendar days after `date` (before it when `days` is negative).
 * @throws RangeError when `date` is invalid, `days` is not an integer, or the result leaves years 0001–9999.
 */
export function addDays(date: IsoDate, days: number): IsoDate {
  assertInteger(days, 'days');
  return isoDateFromUtcMilliseconds(toUtcMilliseconds(date) + days * MILLISECONDS_PER_DAY);
}

/**
 * The number of calendar days from `from` to `to`, i.e. `to − from`
 * (`daysBetween('2026-01-01', '2026-01-02') === 1`; negative when `to` is earlier).
 * @throws RangeError when either date is invalid.
 */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round((toUtcMilliseconds(to) - toUtcMilliseconds(from)) / MILLISECONDS_PER_DAY);
}

/**
 * Orders two IsoDates: negative when `a` is earlier, 0 when equal, positive when later.
 * Usable as an `Array.prototype.sort` comparator.
 */
export function compareDates(a: IsoDate, b: IsoDate): number {
  // `YYYY-MM-DD` with a four-digit year sorts chronologically as text.
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The earliest of one or more dates. */
export function minDate(first: IsoDate, ...rest: IsoDate[]): IsoDate {
  return rest.reduce((earliest, date) => (compareDates(date, earliest) < 0 ? date : earliest), first);
}

/** The latest of one or more dates. */
export function maxDate(first: IsoDate, ...rest: IsoDate[]): IsoDate {
  return rest.reduce((latest, date) => (compareDates(date, latest) > 0 ? date : latest), first);
}

/**
 * The last day of a month (`lastDayOfMonth(2024, 2) === '2024-02-29'`).
 * @param month 1–12
 * @throws RangeError for a year outside 0001–9999 or a month outside 1–12.
 */
export function lastDayOfMonth(year: number, month: number): IsoDate {
  assertInteger(year, 'year');
  assertInteger(month, 'month');
  if (month < 1 || month > 12) throw new RangeError(`month must be 1–12, got ${month}`);
  return toIsoDate(year, month, daysInMonth(year, month));
}

/**
 * The last day of a quarter (`lastDayOfQuarter(2026, 2) === '2026-06-30'`).
 * @param quarter 1–4
 * @throws RangeError for a year outside 0001–9999 or a quarter outside 1–4.
 */
export function lastDayOfQuarter(year: number, quarter: number): IsoDate {
  assertInteger(quarter, 'quarter');
  if (quarter < 1 || quarter > 4) throw new RangeError(`quarter must be 1–4, got ${quarter}`);
  return lastDayOfMonth(year, quarter * 3);
}

/**
 * The calendar date in Vietnam (Asia/Ho_Chi_Minh, UTC+7) at the instant `now`,
 * whatever the host timezone; 2026-03-01T18:30Z is already 2026-03-02 in Vietnam.
 * @throws RangeError when `now` is an invalid Date.
 */
export function todayInVietnam(now: Date): IsoDate {
  const milliseconds = now.getTime();
  if (Number.isNaN(milliseconds)) throw new RangeError('Invalid Date');
  return isoDateFromUtcMilliseconds(milliseconds + VIETNAM_OFFSET_MILLISECONDS);
}

/**
 * Formats a date the Vietnamese way, `dd/mm/yyyy` (`'2026-06-30'` → `'30/06/2026'`).
 * @throws RangeError when `date` is invalid.
 */
export function formatDateVi(date: IsoDate): string {
  const { year, month, day } = parseIsoDate(date);
  return `${padNumber(day, 2)}/${padNumber(month, 2)}/${padNumber(year, 4)}`;
}
