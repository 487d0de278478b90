/**
 * Display and input of indicator values: numbers `1.234,5`, percentages `88,9%` (values are
 * 0..100), yes/no as Có/Không, targets with their comparator `≥ 80%`.
 */
import type { Comparator, IndicatorStatus, IndicatorValueType, ValueStatus } from '../../api/types';
import { EMPTY_VALUE, formatNumber } from '../../format';
import { translate, type Language } from '../../i18n';

export const COMPARATOR_SYMBOLS: Record<Comparator, string> = { gte: '≥', lte: '≤', eq: '=' };

/** Tag colours of the indicator statuses. */
export const INDICATOR_STATUS_COLORS: Record<IndicatorStatus, string> = {
  achieved: 'green',
  on_track: 'blue',
  at_risk: 'gold',
  off_track: 'red',
  no_data: 'default',
};

/** Chart and progress-bar colours matching the tags. */
export const INDICATOR_STATUS_CHART_COLORS: Record<IndicatorStatus, string> = {
  achieved: '#389e0d',
  on_track: '#1677ff',
  at_risk: '#d4b106',
  off_track: '#cf1322',
  no_data: '#bfbfbf',
};

export const VALUE_STATUS_COLORS: Record<ValueStatus, string> = {
  draft: 'default',
  submitted: 'processing',
  approved: 'success',
  returned: 'error',
};

/**
 * The status to show: the API's, except that a value without a target (which the API reports as
 * `no_data`) reads "chưa có chỉ tiêu kế hoạch" rather than "chưa có số liệu".
 */
export function displayStatus(
  status: IndicatorStatus | string | null | undefined,
  rollup?: { value: number | null; target: number | null } | null,
): IndicatorStatus | 'no_target' {
  const value = (status ?? 'no_data') as IndicatorStatus;
  if (value === 'no_data' && rollup && rollup.value !== null && rollup.value !== undefined && (rollup.target === null || rollup.target === undefined)) {
    return 'no_target';
  }
  return value;
}

/** Up to two decimals: indicator values such as 41,10 points or 0,71 need them. */
const DECIMALS = 2;

/** A value as shown: `1.234,5`, `88,9%`, `Có`; null gives "—". */
export function formatIndicatorValue(
  value: number | null | undefined,
  valueType: IndicatorValueType | undefined,
  language: Language,
): string {
  if (value === null || value === undefined || Number.isNaN(value)) return EMPTY_VALUE;
  if (valueType === 'yes_no') return translate(language, value ? 'entry.yes' : 'entry.no');
  const text = formatNumber(value, language, DECIMALS);
  return valueType === 'percent' ? `${text}%` : text;
}

/** A target with its comparator: `≥ 80%`, `= Có`; null gives "—". */
export function formatTarget(
  value: number | null | undefined,
  comparator: Comparator | null | undefined,
  valueType: IndicatorValueType | undefined,
  language: Language,
): string {
  if (value === null || value === undefined || Number.isNaN(value)) return EMPTY_VALUE;
  const symbol = comparator ? COMPARATOR_SYMBOLS[comparator] : '';
  return `${symbol ? `${symbol} ` : ''}${formatIndicatorValue(value, valueType, language)}`;
}

/** A difference with its sign: `+1,5`, `−2` (percentage points for a percent). */
export function formatDifference(value: number | null | undefined, valueType: IndicatorValueType | undefined, language: Language): string {
  if (value === null || value === undefined || Number.isNaN(value)) return EMPTY_VALUE;
  const text = formatNumber(Math.abs(value), language, DECIMALS);
  const sign = value > 0 ? '+' : value < 0 ? '−' : '';
  return `${sign}${text}${valueType === 'percent' ? translate(language, 'indicator.percentagePoints') : ''}`;
}

/**
 * Formatter and parser of an InputNumber in the language's number format: Vietnamese `1.234,5`
 * (dot for thousands, comma for decimals), English `1,234.5`. While the user types, the text is
 * left as typed.
 */
export function numberInputFormat(language: Language) {
  const group = language === 'vi' ? '.' : ',';
  const decimal = language === 'vi' ? ',' : '.';
  return {
    formatter: (value: string | number | undefined, info: { userTyping: boolean; input: string }): string => {
      if (info.userTyping) return info.input;
      if (value === undefined || value === null || value === '') return '';
      const [whole, fraction] = String(value).split('.');
      const negative = whole.startsWith('-');
      const digits = (negative ? whole.slice(1) : whole).replace(/\B(?=(\d{3})+(?!\d))/g, group);
      return `${negative ? '-' : ''}${digits}${fraction ? `${decimal}${fraction}` : ''}`;
    },
    parser: (text: string | undefined): string => {
      if (!text) return '';
      const cleaned = text.replace(/\s/g, '').split(group).join('');
      return decimal === ',' ? cleaned.replace(',', '.') : cleaned;
    },
  };
}
