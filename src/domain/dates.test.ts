import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  compareDates,
  daysBetween,
  formatDateVi,
  isIsoDate,
  lastDayOfMonth,
  lastDayOfQuarter,
  maxDate,
  minDate,
  parseIsoDate,
  toIsoDate,
  todayInVietnam,
} from './dates';

describe('isIsoDate', () => {
  it.each([
    ['2026-02-31', false],
    ['2026-02-29', false],
    ['2024-02-29', true],
    ['1900-02-29', false],
    ['2000-02-29', true],
    ['2026-04-31', false],
    ['2026-13-01', false],
    ['2026-00-10', false],
    ['2026-01-00', false],
    ['0000-01-01', false],
    ['0001-01-01', true],
    ['0004-02-29', true],
    ['9999-12-31', true],
    ['2026-1-5', false],
    ['26-01-05', false],
    ['2026-01-05T00:00:00Z', false],
    [' 2026-01-05', false],
    ['', false],
    ['2026-12-31', true],
    ['2026-01-01', true],
  ])('%j → %s', (value, expected) => {
    expect(isIsoDate(value)).toBe(expected);
  });

  it.each([[null], [undefined], [20260105], [new Date(0)]])('rejects a non-string %j', (value) => {
    expect(isIsoDate(value)).toBe(false);
  });
});

describe('parseIsoDate and toIsoDate', () => {
  it('splits a date into its parts', () => {
    expect(parseIsoDate('2026-06-30')).toEqual({ year: 2026, month: 6, day: 30 });
  });

  it.each([['2026-02-31'], ['30/06/2026'], ['']])('parseIsoDate rejects %j', (value) => {
    expect(() => parseIsoDate(value)).toThrow(RangeError);
  });

  it.each([
    [2026, 6, 30, '2026-06-30'],
    [5, 1, 2, '0005-01-02'],
  ])('toIsoDate(%i, %i, %i) → %s', (year, month, day, expected) => {
    expect(toIsoDate(year, month, day)).toBe(expected);
  });

  it.each([
    [2026, 2, 29],
    [2026, 13, 1],
    [2026.5, 1, 1],
    [10000, 1, 1],
  ])('toIsoDate rejects %i-%i-%i', (year, month, day) => {
    expect(() => toIsoDate(year, month, day)).toThrow(RangeError);
  });
});

describe('addDays', () => {
  it.each([
    ['2026-01-31', 1, '2026-02-01'],
    ['2026-02-28', 1, '2026-03-01'],
    ['2024-02-28', 1, '2024-02-29'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2027-01-01', -1, '2026-12-31'],
    ['2026-03-01', -1, '2026-02-28'],
    ['2026-06-15', 0, '2026-06-15'],
    ['2026-01-01', 365, '2027-01-01'],
    ['2024-01-01', 366, '2025-01-01'],
    ['0099-12-31', 1, '0100-01-01'],
    ['0004-02-28', 1, '0004-02-29'],
  ])('%s + %i days → %s', (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
  });

  it('rejects a fractional number of days, an invalid date and leaving the year range', () => {
    expect(() => addDays('2026-01-01', 0.5)).toThrow(RangeError);
    expect(() => addDays('2026-02-30', 1)).toThrow(RangeError);
    expect(() => addDays('9999-12-31', 1)).toThrow(RangeError);
    expect(() => addDays('0001-01-01', -1)).toThrow(RangeError);
  });
});

describe('daysBetween', () => {
  it.each([
    ['2026-01-01', '2026-01-01', 0],
    ['2026-01-01', '2026-01-02', 1],
    ['2026-01-02', '2026-01-01', -1],
    ['2026-02-28', '2026-03-01', 1],
    ['2024-02-28', '2024-03-01', 2],
    ['2026-01-01', '2027-01-01', 365],
    // Across dates where many zones switch daylight saving time.
    ['2026-03-28', '2026-03-30', 2],
    ['2026-10-24', '2026-10-26', 2],
  ])('%s → %s is %i days', (from, to, expected) => {
    expect(daysBetween(from, to)).toBe(expected);
  });

  it('rejects an invalid date', () => {
    expect(() => daysBetween('2026-02-30', '2026-03-01')).toThrow(RangeError);
  });

  it('is the inverse of addDays', () => {
    const isoDate = fc
      .date({ min: new Date(Date.UTC(1900, 0, 1)), max: new Date(Date.UTC(2200, 11, 31)), noInvalidDate: true })
      .map((date) => date.toISOString().slice(0, 10));
    fc.assert(
      fc.property(isoDate, fc.integer({ min: -20_000, max: 20_000 }), (date, days) => {
        const later = addDays(date, days);
        expect(isIsoDate(later)).toBe(true);
        expect(daysBetween(date, later)).toBe(days);
        expect(Math.sign(compareDates(later, date))).toBe(Math.sign(days));
      }),
    );
  });
});

describe('compareDates, minDate, maxDate', () => {
  it.each([
    ['2026-01-01', '2026-01-02', -1],
    ['2026-01-02', '2026-01-01', 1],
    ['2026-01-01', '2026-01-01', 0],
    ['2025-12-31', '2026-01-01', -1],
    ['2026-09-30', '2026-10-01', -1],
  ])('compareDates(%s, %s) → %i', (a, b, expected) => {
    expect(Math.sign(compareDates(a, b))).toBe(expected);
  });

  it('sorts chronologically', () => {
    expect(['2026-10-01', '2025-12-31', '2026-02-01'].sort(compareDates)).toEqual([
      '2025-12-31',
      '2026-02-01',
      '2026-10-01',
    ]);
  });

  it.each([
    [['2026-05-01'], '2026-05-01', '2026-05-01'],
    [['2026-05-01', '2026-04-30'], '2026-04-30', '2026-05-01'],
    [['2026-05-01', '2025-12-31', '2027-01-01'], '2025-12-31', '2027-01-01'],
  ])('of %j: min %s, max %s', (dates, min, max) => {
    const [first, ...rest] = dates;
    expect(minDate(first, ...rest)).toBe(min);
    expect(maxDate(first, ...rest)).toBe(max);
  });
});

describe('lastDayOfMonth and lastDayOfQuarter', () => {
  it.each([
    [2026, 1, '2026-01-31'],
    [2026, 2, '2026-02-28'],
    [2024, 2, '2024-02-29'],
    [1900, 2, '1900-02-28'],
    [2000, 2, '2000-02-29'],
    [2026, 4, '2026-04-30'],
    [2026, 6, '2026-06-30'],
    [2026, 12, '2026-12-31'],
  ])('month %i-%i → %s', (year, month, expected) => {
    expect(lastDayOfMonth(year, month)).toBe(expected);
  });

  it.each([
    [2026, 1, '2026-03-31'],
    [2026, 2, '2026-06-30'],
    [2026, 3, '2026-09-30'],
    [2026, 4, '2026-12-31'],
  ])('quarter %i Q%i → %s', (year, quarter, expected) => {
    expect(lastDayOfQuarter(year, quarter)).toBe(expected);
  });

  it.each([
    [() => lastDayOfMonth(2026, 0)],
    [() => lastDayOfMonth(2026, 13)],
    [() => lastDayOfMonth(2026, 1.5)],
    [() => lastDayOfQuarter(2026, 0)],
    [() => lastDayOfQuarter(2026, 5)],
    [() => lastDayOfQuarter(0, 1)],
  ])('rejects out-of-range arguments (%#)', (call) => {
    expect(call).toThrow(RangeError);
  });
});

describe('todayInVietnam', () => {
  it.each([
    // 00:00 and 06:59 in Vietnam are still the previous day in UTC.
    ['2026-03-01T17:00:00.000Z', '2026-03-02'],
    ['2026-03-01T23:59:59.999Z', '2026-03-02'],
    ['2026-03-01T16:59:59.999Z', '2026-03-01'],
    ['2026-03-02T00:00:00.000Z', '2026-03-02'],
    ['2026-03-02T16:59:59.999Z', '2026-03-02'],
    ['2026-12-31T17:00:00.000Z', '2027-01-01'],
    ['2024-02-28T17:00:00.000Z', '2024-02-29'],
    ['2026-06-30T00:00:00+07:00', '2026-06-30'],
  ])('at %s it is %s in Vietnam', (instant, expected) => {
    expect(todayInVietnam(new Date(instant))).toBe(expected);
  });

  it('rejects an invalid Date', () => {
    expect(() => todayInVietnam(new Date(Number.NaN))).toThrow(RangeError);
  });
});

describe('formatDateVi', () => {
  it.each([
    ['2026-06-30', '30/06/2026'],
    ['2026-01-05', '05/01/2026'],
    ['0099-12-31', '31/12/0099'],
  ])('%s → %s', (date, expected) => {
    expect(formatDateVi(date)).toBe(expected);
  });

  it('rejects an invalid date', () => {
    expect(() => formatDateVi('2026-02-30')).toThrow(RangeError);
  });
});
