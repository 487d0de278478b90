/**
 * Display formats: dates `dd/mm/yyyy`, numbers `1.234,5`, percentages `88,9%` (Vietnamese),
 * and their English counterparts when the interface is in English.
 */
import type { Language } from './i18n';

/** Vietnam has one time zone and no daylight saving time. */
export const VIETNAM_TIME_ZONE = 'Asia/Ho_Chi_Minh';

/** Shown for a missing value (a rate with no due task, an empty date). */
export const EMPTY_VALUE = '—';

const numberFormats = new Map<string, Intl.NumberFormat>();

function numberFormat(language: Language, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${language}:${JSON.stringify(options)}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(language === 'en' ? 'en-US' : 'vi-VN', options);
    numberFormats.set(key, format);
  }
  return format;
}

/** Today's calendar date in Vietnam as `YYYY-MM-DD` (also between 00:00 and 07:00 Vietnam time). */
export function todayInVietnam(now: Date = new Date()): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: VIETNAM_TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(now);
  const part = (type: string) => parts.find((item) => item.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/**
 * Formats a calendar date `YYYY-MM-DD` as `dd/mm/yyyy`, from the string itself so that no time
 * zone can shift it. Anything else is returned unchanged; null or empty gives "—".
 */
export function formatDate(value: string | null | undefined): string {
  if (!value) return EMPTY_VALUE;
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (!match) return value;
  if (value.length > 10 && value[10] === 'T') return formatDateTime(value).slice(0, 10);
  return `${match[3]}/${match[2]}/${match[1]}`;
}

/** Formats an instant (ISO timestamp) as `dd/mm/yyyy HH:mm` in Vietnam time. */
export function formatDateTime(value: string | null | undefined): string {
  if (!value) return EMPTY_VALUE;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: VIETNAM_TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(date);
  const part = (type: string) => parts.find((item) => item.type === type)?.value ?? '';
  return `${part('day')}/${part('month')}/${part('year')} ${part('hour')}:${part('minute')}`;
}

/** Formats a number: `1.234,5` in Vietnamese, `1,234.5` in English; null gives "—". */
export function formatNumber(value: number | null | undefined, language: Language = 'vi', maximumFractionDigits = 1): string {
  if (value === null || value === undefined || Number.isNaN(value)) return EMPTY_VALUE;
  return numberFormat(language, { maximumFractionDigits }).format(value);
}

/**
 * Formats a rate given as a fraction 0..1: `88,9%` in Vietnamese, `88.9%` in English.
 * null (no due task) gives "—", never 0%.
 */
export function formatRate(value: number | null | undefined, language: Language = 'vi'): string {
  if (value === null || value === undefined || Number.isNaN(value)) return EMPTY_VALUE;
  return numberFormat(language, { style: 'percent', maximumFractionDigits: 1 }).format(value);
}

/** Formats a percentage given as 0..100 (task progress): `45%`. */
export function formatPercent(value: number | null | undefined, language: Language = 'vi'): string {
  if (value === null || value === undefined || Number.isNaN(value)) return EMPTY_VALUE;
  return formatRate(value / 100, language);
}

/** Formats a file size in bytes: `1,2 MB`. */
export function formatFileSize(bytes: number | null | undefined, language: Language = 'vi'): string {
  if (bytes === null || bytes === undefined) return EMPTY_VALUE;
  if (bytes < 1024) return `${formatNumber(bytes, language, 0)} B`;
  if (bytes < 1024 * 1024) return `${formatNumber(bytes / 1024, language, 1)} KB`;
  return `${formatNumber(bytes / (1024 * 1024), language, 1)} MB`;
}
