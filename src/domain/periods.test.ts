import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { IsoDate } from './dates';
import {
  elapsedShare,
  formatPeriodCode,
  formatPeriodVi,
  isLongerKind,
  lockDate,
  monthsIn,
  parsePeriodCode,
  parsePeriodText,
  periodContains,
  periodDays,
  periodEnd,
  periodOfDate,
  periodStart,
  previousPeriod,
  reportingWindow,
  samePeriodLastYear,
  subPeriods,
  type Period,
  type PeriodKind,
} from './periods';

/** The period of a code that is known to be valid. */
function period(code: string): Period {
  const parsed = parsePeriodCode(code);
  if (!parsed) throw new Error(`not a period code: ${code}`);
  return parsed;
}

const codes = (periods: Period[]) => periods.map(formatPeriodCode);

describe('monthsIn', () => {
  it('gives the months of each kind', () => {
    expect(monthsIn).toEqual({ month: 1, quarter: 3, half: 6, year: 12 });
  });
});

describe('parsePeriodCode', () => {
  it.each<[string, Period | null]>([
    // Edge cases first: the bounds of every index and of the year.
    ['2026-01', { kind: 'month', year: 2026, index: 1 }],
    ['2026-12', { kind: 'month', year: 2026, index: 12 }],
    ['2026Q1', { kind: 'quarter', year: 2026, index: 1 }],
    ['2026Q4', { kind: 'quarter', year: 2026, index: 4 }],
    ['2026S1', { kind: 'half', year: 2026, index: 1 }],
    ['2026S2', { kind: 'half', year: 2026, index: 2 }],
    ['1900', { kind: 'year', year: 1900, index: 1 }],
    ['2200', { kind: 'year', year: 2200, index: 1 }],
    ['2026', { kind: 'year', year: 2026, index: 1 }],
    ['2026-03', { kind: 'month', year: 2026, index: 3 }],
    [' 2026Q2 ', { kind: 'quarter', year: 2026, index: 2 }],
  ])('reads %j', (code, expected) => {
    expect(parsePeriodCode(code)).toEqual(expected);
  });

  it.each([
    '',
    '26',
    '02026',
    '1899',
    '2201',
    '2026-00',
    '2026-13',
    '2026-3',
    '2026-003',
    '2026Q0',
    '2026Q5',
    '2026S0',
    '2026S3',
    '2026q1',
    '2026s1',
    '2026 Q1',
    '2026H1',
    'Q1 2026',
    '2026-03-01',
    'năm 2026',
  ])('rejects %j', (code) => {
    expect(parsePeriodCode(code)).toBeNull();
  });

  it('round-trips with formatPeriodCode (property)', () => {
    const anyPeriod = fc.oneof(
      fc.record({ kind: fc.constant<PeriodKind>('year'), year: fc.integer({ min: 1900, max: 2200 }), index: fc.constant(1) }),
      fc.record({ kind: fc.constant<PeriodKind>('half'), year: fc.integer({ min: 1900, max: 2200 }), index: fc.integer({ min: 1, max: 2 }) }),
      fc.record({ kind: fc.constant<PeriodKind>('quarter'), year: fc.integer({ min: 1900, max: 2200 }), index: fc.integer({ min: 1, max: 4 }) }),
      fc.record({ kind: fc.constant<PeriodKind>('month'), year: fc.integer({ min: 1900, max: 2200 }), index: fc.integer({ min: 1, max: 12 }) }),
    );
    fc.assert(
      fc.property(anyPeriod, (value) => {
        expect(parsePeriodCode(formatPeriodCode(value))).toEqual(value);
      }),
    );
  });
});

describe('formatPeriodCode', () => {
  it.each<[Period, string]>([
    [{ kind: 'year', year: 2026, index: 1 }, '2026'],
    [{ kind: 'half', year: 2026, index: 2 }, '2026S2'],
    [{ kind: 'quarter', year: 2026, index: 3 }, '2026Q3'],
    [{ kind: 'month', year: 2026, index: 3 }, '2026-03'],
    [{ kind: 'month', year: 2026, index: 12 }, '2026-12'],
  ])('%j → %s', (value, expected) => {
    expect(formatPeriodCode(value)).toBe(expected);
  });
});

describe('periodStart, periodEnd and periodDays', () => {
  it.each<[string, IsoDate, IsoDate, number]>([
    // Leap February first: 2028 is a leap year, 2026 is not, 2100 is not (divisible by 100).
    ['2028-02', '2028-02-01', '2028-02-29', 29],
    ['2026-02', '2026-02-01', '2026-02-28', 28],
    ['2100-02', '2100-02-01', '2100-02-28', 28],
    ['2000-02', '2000-02-01', '2000-02-29', 29],
    ['2028Q1', '2028-01-01', '2028-03-31', 91],
    ['2026Q1', '2026-01-01', '2026-03-31', 90],
    ['2028S1', '2028-01-01', '2028-06-30', 182],
    ['2028', '2028-01-01', '2028-12-31', 366],
    ['2026', '2026-01-01', '2026-12-31', 365],
    ['2026-01', '2026-01-01', '2026-01-31', 31],
    ['2026-04', '2026-04-01', '2026-04-30', 30],
    ['2026-12', '2026-12-01', '2026-12-31', 31],
    ['2026Q2', '2026-04-01', '2026-06-30', 91],
    ['2026Q3', '2026-07-01', '2026-09-30', 92],
    ['2026Q4', '2026-10-01', '2026-12-31', 92],
    ['2026S1', '2026-01-01', '2026-06-30', 181],
    ['2026S2', '2026-07-01', '2026-12-31', 184],
  ])('%s runs from %s to %s (%i days)', (code, start, end, days) => {
    expect(periodStart(period(code))).toBe(start);
    expect(periodEnd(period(code))).toBe(end);
    expect(periodDays(period(code))).toBe(days);
  });
});

describe('periodContains', () => {
  it.each<[string, string, boolean]>([
    ['2026', '2026', true],
    ['2026-03', '2026-03', true],
    ['2026', '2026-01', true],
    ['2026', '2026-12', true],
    ['2026', '2027-01', false],
    ['2026', '2025-12', false],
    ['2026Q1', '2026-03', true],
    ['2026Q1', '2026-04', false],
    ['2026S1', '2026Q2', true],
    ['2026S1', '2026Q3', false],
    ['2026S2', '2026-07', true],
    ['2026', '2026S2', true],
    ['2026-03', '2026Q1', false],
    ['2026Q1', '2026', false],
    ['2026Q1', '2026S1', false],
    ['2026Q2', '2025Q2', false],
  ])('%s contains %s: %s', (outer, inner, expected) => {
    expect(periodContains(period(outer), period(inner))).toBe(expected);
  });
});

describe('isLongerKind', () => {
  const kinds: PeriodKind[] = ['month', 'quarter', 'half', 'year'];
  it.each(kinds.flatMap((a, aRank) => kinds.map((b, bRank) => [a, b, aRank > bRank] as const)))('%s longer than %s: %s', (a, b, expected) => {
    expect(isLongerKind(a, b)).toBe(expected);
  });
});

describe('subPeriods', () => {
  it.each<[string, PeriodKind, string[]]>([
    // Each pair of kinds: the same kind gives the period itself, a longer kind gives nothing.
    ['2026', 'year', ['2026']],
    ['2026', 'half', ['2026S1', '2026S2']],
    ['2026', 'quarter', ['2026Q1', '2026Q2', '2026Q3', '2026Q4']],
    ['2026', 'month', ['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11', '2026-12']],
    ['2026S1', 'year', []],
    ['2026S1', 'half', ['2026S1']],
    ['2026S1', 'quarter', ['2026Q1', '2026Q2']],
    ['2026S2', 'quarter', ['2026Q3', '2026Q4']],
    ['2026S2', 'month', ['2026-07', '2026-08', '2026-09', '2026-10', '2026-11', '2026-12']],
    ['2026Q3', 'year', []],
    ['2026Q3', 'half', []],
    ['2026Q3', 'quarter', ['2026Q3']],
    ['2026Q1', 'month', ['2026-01', '2026-02', '2026-03']],
    ['2026Q4', 'month', ['2026-10', '2026-11', '2026-12']],
    ['2026-05', 'year', []],
    ['2026-05', 'half', []],
    ['2026-05', 'quarter', []],
    ['2026-05', 'month', ['2026-05']],
  ])('%s in %ss: %j', (code, kind, expected) => {
    expect(codes(subPeriods(period(code), kind))).toEqual(expected);
  });

  it('tiles the period: contiguous, in order, from its start to its end', () => {
    for (const code of ['2028', '2028S2', '2028Q1']) {
      for (const kind of ['month', 'quarter', 'half'] as const) {
        const parts = subPeriods(period(code), kind);
        if (parts.length === 0) continue;
        expect(periodStart(parts[0])).toBe(periodStart(period(code)));
        expect(periodEnd(parts[parts.length - 1])).toBe(periodEnd(period(code)));
        expect(parts.reduce((days, part) => days + periodDays(part), 0)).toBe(periodDays(period(code)));
      }
    }
  });
});

describe('periodOfDate', () => {
  it.each<[IsoDate, PeriodKind, string]>([
    ['2026-01-01', 'month', '2026-01'],
    ['2026-01-01', 'quarter', '2026Q1'],
    ['2026-01-01', 'half', '2026S1'],
    ['2026-01-01', 'year', '2026'],
    ['2026-12-31', 'month', '2026-12'],
    ['2026-12-31', 'quarter', '2026Q4'],
    ['2026-12-31', 'half', '2026S2'],
    ['2026-12-31', 'year', '2026'],
    ['2028-02-29', 'month', '2028-02'],
    ['2026-03-31', 'quarter', '2026Q1'],
    ['2026-04-01', 'quarter', '2026Q2'],
    ['2026-06-30', 'half', '2026S1'],
    ['2026-07-01', 'half', '2026S2'],
    ['2026-09-15', 'quarter', '2026Q3'],
  ])('%s is in the %s %s', (date, kind, expected) => {
    expect(formatPeriodCode(periodOfDate(date, kind))).toBe(expected);
  });
});

describe('previousPeriod', () => {
  it.each<[string, string]>([
    // Across years first.
    ['2026-01', '2025-12'],
    ['2026Q1', '2025Q4'],
    ['2026S1', '2025S2'],
    ['2026', '2025'],
    ['2026-12', '2026-11'],
    ['2026-03', '2026-02'],
    ['2026Q4', '2026Q3'],
    ['2026S2', '2026S1'],
  ])('before %s comes %s', (code, expected) => {
    expect(formatPeriodCode(previousPeriod(period(code)))).toBe(expected);
  });
});

describe('samePeriodLastYear', () => {
  it.each<[string, string]>([
    ['2026', '2025'],
    ['2026S2', '2025S2'],
    ['2026Q1', '2025Q1'],
    ['2026-01', '2025-01'],
    ['2028-02', '2027-02'],
  ])('%s a year earlier is %s', (code, expected) => {
    expect(formatPeriodCode(samePeriodLastYear(period(code)))).toBe(expected);
  });
});

describe('elapsedShare', () => {
  it.each<[string, IsoDate, number]>([
    // Before, first day, middle, last day, after.
    ['2026-04', '2026-03-31', 0],
    ['2026-04', '2025-04-15', 0],
    ['2026-04', '2026-04-01', 1 / 30],
    ['2026-04', '2026-04-15', 0.5],
    ['2026-04', '2026-04-29', 29 / 30],
    ['2026-04', '2026-04-30', 1],
    ['2026-04', '2026-05-01', 1],
    ['2026-04', '2027-01-01', 1],
    ['2028-02', '2028-02-28', 28 / 29],
    ['2028-02', '2028-02-29', 1],
    ['2026', '2026-01-01', 1 / 365],
    ['2026', '2026-07-02', 183 / 365],
    ['2026', '2026-12-30', 364 / 365],
    ['2026', '2026-12-31', 1],
    ['2028', '2028-12-31', 1],
    ['2026Q2', '2026-05-16', 46 / 91],
  ])('%s on %s is %d', (code, asOf, expected) => {
    expect(elapsedShare(period(code), asOf)).toBeCloseTo(expected, 12);
  });

  it('never decreases and stays in 0..1 (property)', () => {
    const day = fc.integer({ min: 0, max: 800 });
    fc.assert(
      fc.property(day, day, (a, b) => {
        const year = period('2026');
        const date = (offset: number) => new Date(Date.UTC(2025, 6, 1 + offset)).toISOString().slice(0, 10);
        const [earlier, later] = a <= b ? [a, b] : [b, a];
        const first = elapsedShare(year, date(earlier));
        const second = elapsedShare(year, date(later));
        expect(first).toBeGreaterThanOrEqual(0);
        expect(second).toBeLessThanOrEqual(1);
        expect(second).toBeGreaterThanOrEqual(first);
      }),
    );
  });
});

describe('reportingWindow', () => {
  it.each<[string, number, IsoDate, IsoDate]>([
    // January with a cut-off reaches into the previous year.
    ['2026-01', 1, '2026-01-01', '2026-01-31'],
    ['2026-01', 15, '2025-12-15', '2026-01-14'],
    ['2026-12', 1, '2026-12-01', '2026-12-31'],
    ['2026-12', 15, '2026-11-15', '2026-12-14'],
    ['2028-02', 1, '2028-02-01', '2028-02-29'],
    ['2028-03', 15, '2028-02-15', '2028-03-14'],
    ['2026-03', 2, '2026-02-02', '2026-03-01'],
    ['2026-03', 28, '2026-02-28', '2026-03-27'],
  ])('%s with cut-off %i runs %s → %s', (code, cutoffDay, from, to) => {
    expect(reportingWindow(period(code), cutoffDay)).toEqual({ from, to });
  });

  it('uses the calendar by default', () => {
    expect(reportingWindow(period('2026-01'))).toEqual({ from: '2026-01-01', to: '2026-01-31' });
  });

  it('makes consecutive windows meet without gap or overlap', () => {
    for (const cutoffDay of [1, 15, 28]) {
      const january = reportingWindow(period('2026-01'), cutoffDay);
      const december = reportingWindow(period('2025-12'), cutoffDay);
      expect(new Date(`${december.to}T00:00Z`).getTime() + 86_400_000).toBe(new Date(`${january.from}T00:00Z`).getTime());
    }
  });

  it.each<[string, string, number]>([
    ['a quarter', '2026Q1', 1],
    ['a year', '2026', 1],
    ['cut-off 0', '2026-01', 0],
    ['cut-off 29', '2026-01', 29],
    ['a fractional cut-off', '2026-01', 1.5],
  ])('rejects %s', (_name, code, cutoffDay) => {
    expect(() => reportingWindow(period(code), cutoffDay)).toThrow(RangeError);
  });
});

describe('lockDate', () => {
  it.each<[string, number, IsoDate]>([
    ['2026-03', 0, '2026-04-01'],
    ['2026-03', 10, '2026-04-11'],
    ['2026-12', 15, '2027-01-16'],
    ['2028-02', 0, '2028-03-01'],
    ['2028-01', 29, '2028-03-01'],
    ['2026Q4', 30, '2027-01-31'],
    ['2026', 31, '2027-02-01'],
  ])('%s with %i days locks on %s', (code, lockDays, expected) => {
    expect(lockDate(period(code), lockDays)).toBe(expected);
  });
});

describe('parsePeriodText', () => {
  it.each<[string, string]>([
    // Codes, every kind.
    ['2026-03', '2026-03'],
    ['2026Q1', '2026Q1'],
    ['2026S1', '2026S1'],
    ['2026', '2026'],
    ['2026q4', '2026Q4'],
    ['2026s2', '2026S2'],
    // Months.
    ['Tháng 3/2026', '2026-03'],
    ['Tháng 12/2026', '2026-12'],
    ['Tháng 03/2026', '2026-03'],
    ['tháng 1/2026', '2026-01'],
    ['THÁNG 3/2026', '2026-03'],
    ['Thang 3/2026', '2026-03'],
    ['Tháng 3 năm 2026', '2026-03'],
    ['Thang 3 nam 2026', '2026-03'],
    ['3/2026', '2026-03'],
    ['12/2026', '2026-12'],
    ['  Tháng   3 / 2026 ', '2026-03'],
    ['Tháng3/2026', '2026-03'],
    // Quarters, Roman and Arabic.
    ['Quý I/2026', '2026Q1'],
    ['Quý II/2026', '2026Q2'],
    ['Quý III/2026', '2026Q3'],
    ['Quý IV/2026', '2026Q4'],
    ['quý iv/2026', '2026Q4'],
    ['Quy IV/2026', '2026Q4'],
    ['Quý 1/2026', '2026Q1'],
    ['Quý 1 năm 2026', '2026Q1'],
    ['Quý IV năm 2026', '2026Q4'],
    ['Quy 2 nam 2026', '2026Q2'],
    ['Quý I / 2026', '2026Q1'],
    // Halves.
    ['6 tháng đầu năm 2026', '2026S1'],
    ['6 tháng cuối năm 2026', '2026S2'],
    ['6 thang dau nam 2026', '2026S1'],
    ['6 thang cuoi nam 2026', '2026S2'],
    ['6 THÁNG ĐẦU NĂM 2026', '2026S1'],
    // Years.
    ['Năm 2026', '2026'],
    ['năm 2026', '2026'],
    ['Nam 2026', '2026'],
    ['NĂM 2026', '2026'],
    // Decomposed (NFD) input, as some keyboards produce it.
    ['Tháng 3/2026'.normalize('NFD'), '2026-03'],
    ['Quý I/2026'.normalize('NFD'), '2026Q1'],
  ])('reads %j as %s', (text, expected) => {
    const parsed = parsePeriodText(text);
    expect(parsed && formatPeriodCode(parsed)).toBe(expected);
  });

  it.each([
    '',
    'abc',
    'Tháng 13/2026',
    'Tháng 0/2026',
    '13/2026',
    'Quý V/2026',
    'Quý 5/2026',
    'Quý 0/2026',
    'Quý IIII/2026',
    '6 tháng giữa năm 2026',
    '9 tháng đầu năm 2026',
    'Năm 26',
    'Năm 1899',
    'Quý I/1899',
    'Tháng 3/2201',
    '6 tháng đầu năm 2201',
    'Tháng 3/26',
    'Tháng 1 2/2026',
    '2026/03',
  ])('rejects %j', (text) => {
    expect(parsePeriodText(text)).toBeNull();
  });

  it('reads back every Vietnamese label (property)', () => {
    const anyPeriod = fc.oneof(
      fc.record({ kind: fc.constant<PeriodKind>('year'), year: fc.integer({ min: 1900, max: 2200 }), index: fc.constant(1) }),
      fc.record({ kind: fc.constant<PeriodKind>('half'), year: fc.integer({ min: 1900, max: 2200 }), index: fc.integer({ min: 1, max: 2 }) }),
      fc.record({ kind: fc.constant<PeriodKind>('quarter'), year: fc.integer({ min: 1900, max: 2200 }), index: fc.integer({ min: 1, max: 4 }) }),
      fc.record({ kind: fc.constant<PeriodKind>('month'), year: fc.integer({ min: 1900, max: 2200 }), index: fc.integer({ min: 1, max: 12 }) }),
    );
    fc.assert(
      fc.property(anyPeriod, (value) => {
        expect(parsePeriodText(formatPeriodVi(value))).toEqual(value);
      }),
    );
  });
});

describe('formatPeriodVi', () => {
  it.each<[string, string]>([
    ['2026-03', 'Tháng 3/2026'],
    ['2026-12', 'Tháng 12/2026'],
    ['2026Q1', 'Quý I/2026'],
    ['2026Q2', 'Quý II/2026'],
    ['2026Q3', 'Quý III/2026'],
    ['2026Q4', 'Quý IV/2026'],
    ['2026S1', '6 tháng đầu năm 2026'],
    ['2026S2', '6 tháng cuối năm 2026'],
    ['2026', 'Năm 2026'],
  ])('%s → %s', (code, expected) => {
    expect(formatPeriodVi(period(code))).toBe(expected);
  });
});
