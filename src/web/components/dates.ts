/**
 * Conversions between the API's calendar dates (`YYYY-MM-DD`) and the dayjs values of antd pickers.
 */
import dayjs, { type Dayjs } from 'dayjs';

export const ISO_DATE = 'YYYY-MM-DD';
/** The display format of every date picker. */
export const DISPLAY_DATE = 'DD/MM/YYYY';

/** A picker value from an ISO date (local midnight of that calendar day), or undefined. */
export function toDayjs(value: string | null | undefined): Dayjs | undefined {
  if (!value) return undefined;
  const parsed = dayjs(value.slice(0, 10));
  return parsed.isValid() ? parsed : undefined;
}

/** The ISO calendar date of a picker value, or undefined. */
export function fromDayjs(value: Dayjs | null | undefined): string | undefined {
  return value && value.isValid() ? value.format(ISO_DATE) : undefined;
}
