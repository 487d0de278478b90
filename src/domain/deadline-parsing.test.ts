import { describe, expect, it } from 'vitest';
import { parseCompletionDate, parseDeadline, type CellValue } from './deadline-parsing';

const text = (value: string): CellValue => ({ kind: 'text', text: value });

describe('parseDeadline: dates', () => {
  it.each([
    // edge cases first: padding, spacing, "Trước", leap days, year bounds
    ['1/1/2026', '2026-01-01'],
    ['01/01/2026', '2026-01-01'],
    ['29/02/2028', '2028-02-29'],
    ['  30/6/2026  ', '2026-06-30'],
    ['30 / 6 / 2026', '2026-06-30'],
    ['31/12/2200', '2200-12-31'],
    ['30/6/2026', '2026-06-30'],
    ['30/06/2026', '2026-06-30'],
    ['Trước 30/6/2026', '2026-06-30'],
    ['trước  30/06/2026', '2026-06-30'],
    ['TRUOC 30/6/2026', '2026-06-30'],
  ])('%j → %s', (value, deadline) => {
    expect(parseDeadline(text(value))).toEqual({ ok: true, kind: 'date', deadline });
  });

  it.each([
    [{ kind: 'date', date: '2026-06-30', showsDay: true }, '2026-06-30'],
    [{ kind: 'date', date: '2026-06-01', showsDay: false }, '2026-06-30'],
    [{ kind: 'date', date: '2028-02-01', showsDay: false }, '2028-02-29'],
    [{ kind: 'date', date: '2026-12-15', showsDay: false }, '2026-12-31'],
  ] as [CellValue, string][])('date cell %j → %s', (cell, deadline) => {
    expect(parseDeadline(cell)).toEqual({ ok: true, kind: 'date', deadline });
  });
});

describe('parseDeadline: months, quarters, halves, years', () => {
  it.each([
    // months → last day of the month
    ['2/2026', '2026-02-28'],
    ['2/2028', '2028-02-29'],
    ['6/2026', '2026-06-30'],
    ['06/2026', '2026-06-30'],
    ['12/2026', '2026-12-31'],
    ['Tháng 6/2026', '2026-06-30'],
    ['tháng 06/2026', '2026-06-30'],
    ['Tháng 6 năm 2026', '2026-06-30'],
    ['THANG 6  NAM 2026', '2026-06-30'],
    ['Tháng 11 năm 2026', '2026-11-30'],
    // quarters → last day of the quarter
    ['Quý I/2026', '2026-03-31'],
    ['Quý II/2026', '2026-06-30'],
    ['Quý III/2026', '2026-09-30'],
    ['Quý IV/2026', '2026-12-31'],
    ['Quý 2/2026', '2026-06-30'],
    ['Quý 4/2026', '2026-12-31'],
    ['Quý II năm 2026', '2026-06-30'],
    ['Quy II/2026', '2026-06-30'],
    ['quý ii / 2026', '2026-06-30'],
    // halves
    ['6 tháng đầu năm 2026', '2026-06-30'],
    ['6 tháng cuối năm 2026', '2026-12-31'],
    ['6 THÁNG ĐẦU NĂM 2026', '2026-06-30'],
    // years
    ['Năm 2026', '2026-12-31'],
    ['năm  2026', '2026-12-31'],
    ['2026', '2026-12-31'],
    ['1900', '1900-12-31'],
    ['2200', '2200-12-31'],
    // ranges → 31 December of the last year
    ['2025 - 2026', '2026-12-31'],
    ['2025-2026', '2026-12-31'],
    ['2025–2026', '2026-12-31'],
    ['2025 — 2027', '2027-12-31'],
    ['2026-2026', '2026-12-31'],
  ])('%j → %s', (value, deadline) => {
    expect(parseDeadline(text(value))).toEqual({ ok: true, kind: 'date', deadline });
  });

  it.each([
    [1900, '1900-12-31'],
    [2026, '2026-12-31'],
    [2200, '2200-12-31'],
  ])('number %d is a year → %s', (value, deadline) => {
    expect(parseDeadline({ kind: 'number', value })).toEqual({ ok: true, kind: 'date', deadline });
  });
});

describe('parseDeadline: continuous and yearly', () => {
  it.each([
    'Thường xuyên',
    'thường xuyên',
    'THƯỜNG XUYÊN',
    'Thuong xuyen',
    'Nhiệm vụ thường xuyên',
    'Thường xuyên, hằng năm',
    'Thực hiện thường  xuyên trong năm 2026',
    '2025 và những năm tiếp theo',
    '2025 va nhung nam tiep theo',
    '2026  và những năm tiếp theo',
  ])('%j → continuous', (value) => {
    expect(parseDeadline(text(value))).toEqual({ ok: true, kind: 'continuous' });
  });

  it.each(['Hằng năm', 'Hàng năm', 'hằng năm', 'HÀNG NĂM', 'hang  nam', ' Hằng năm '])('%j → yearly', (value) => {
    expect(parseDeadline(text(value))).toEqual({ ok: true, kind: 'yearly' });
  });
});

describe('parseDeadline: errors', () => {
  const message = (cell: CellValue): string => {
    const result = parseDeadline(cell);
    if (result.ok) throw new Error(`expected an error for ${JSON.stringify(cell)}`);
    return result.message;
  };

  it.each([
    [{ kind: 'empty' }, 'chưa ghi thời hạn hoàn thành'],
    [text(''), 'chưa ghi thời hạn hoàn thành'],
    [text('   '), 'chưa ghi thời hạn hoàn thành'],
    [text('Quý V/2026'), '"Quý V/2026" không phải là quý hợp lệ'],
    [text('Quý 5/2026'), '"Quý 5/2026" không phải là quý hợp lệ'],
    [text('Quý 0/2026'), '"Quý 0/2026" không phải là quý hợp lệ'],
    [text('Quý IIII/2026'), '"Quý IIII/2026" không phải là quý hợp lệ'],
    [text('31/02/2026'), '"31/02/2026" không phải là ngày hợp lệ'],
    [text('29/2/2026'), '"29/2/2026" không phải là ngày hợp lệ'],
    [text('0/6/2026'), '"0/6/2026" không phải là ngày hợp lệ'],
    [text('30/13/2026'), '"30/13/2026" không phải là ngày hợp lệ'],
    [text('13/2026'), '"13/2026" không phải là tháng hợp lệ'],
    [text('Tháng 13/2026'), '"Tháng 13/2026" không phải là tháng hợp lệ'],
    [text('Tháng 0 năm 2026'), '"Tháng 0 năm 2026" không phải là tháng hợp lệ'],
    [text('1800'), '"1800" không phải là năm hợp lệ (từ 1900 đến 2200)'],
    [text('2026 - 2025'), '"2026 - 2025" không phải là giai đoạn hợp lệ (năm đầu không được sau năm cuối)'],
    [text('30/6/2026, 31/12/2026'), '"30/6/2026, 31/12/2026" có nhiều hơn một thời hạn; mỗi nhiệm vụ chỉ ghi một thời hạn'],
    [text('30/6/2026 - 31/12/2026'), '"30/6/2026 - 31/12/2026" có nhiều hơn một thời hạn; mỗi nhiệm vụ chỉ ghi một thời hạn'],
    [text('6/2026 và 12/2026'), '"6/2026 và 12/2026" có nhiều hơn một thời hạn; mỗi nhiệm vụ chỉ ghi một thời hạn'],
  ] as [CellValue, string][])('%j → %s', (cell, expected) => {
    expect(message(cell)).toBe(expected);
  });

  it.each([
    'Sớm',
    'Trước ngày 30/6/2026', // a pattern must cover the whole cell
    'Năm 2026 và 2027',
    '30/6',
    '30-6-2026',
    'Quý II',
    'Hằng tháng',
    'Trong năm',
    'Tháng 6',
  ])('%j → not a deadline, with a hint', (value) => {
    expect(message(text(value))).toBe(
      `"${value}" không phải là thời hạn hợp lệ. Vui lòng ghi ngày (30/6/2026), tháng (6/2026), quý (Quý II/2026), năm (2026), "Thường xuyên" hoặc "Hằng năm"`,
    );
  });

  it.each([
    [46203, '"46203"'],
    [1899, '"1899"'],
    [2201, '"2201"'],
    [2026.5, '"2026,5"'],
    [0, '"0"'],
  ])('number %d is not a year (never a date serial)', (value, shown) => {
    expect(message({ kind: 'number', value })).toMatch(
      new RegExp(`^${shown} không phải là thời hạn hợp lệ: một số chỉ được hiểu là năm \\(từ 1900 đến 2200\\)`),
    );
  });
});

describe('parseCompletionDate', () => {
  const today = '2026-03-15';

  it.each([
    [{ kind: 'empty' }, null],
    [text('  '), null],
    [text('15/3/2026'), '2026-03-15'],
    [text('01/02/2026'), '2026-02-01'],
    [text('1/2/2026'), '2026-02-01'],
    [{ kind: 'date', date: '2026-03-15', showsDay: true }, '2026-03-15'],
    [{ kind: 'date', date: '2025-12-31', showsDay: true }, '2025-12-31'],
  ] as [CellValue, string | null][])('%j → %s', (cell, date) => {
    expect(parseCompletionDate(cell, today)).toEqual({ ok: true, date });
  });

  it.each([
    [text('16/3/2026'), 'ngày hoàn thành 16/03/2026 sau ngày hôm nay (15/03/2026)'],
    [{ kind: 'date', date: '2027-01-01', showsDay: true }, 'ngày hoàn thành 01/01/2027 sau ngày hôm nay (15/03/2026)'],
    [text('31/02/2026'), '"31/02/2026" không phải là ngày hợp lệ'],
    [text('Tháng 3/2026'), '"Tháng 3/2026" không phải là ngày hoàn thành hợp lệ. Vui lòng ghi ngày dạng 30/6/2026'],
    [text('Đã hoàn thành'), '"Đã hoàn thành" không phải là ngày hoàn thành hợp lệ. Vui lòng ghi ngày dạng 30/6/2026'],
    [{ kind: 'number', value: 2026 }, '"2026" không phải là ngày hoàn thành hợp lệ. Vui lòng ghi ngày dạng 30/6/2026'],
  ] as [CellValue, string][])('%j → error %s', (cell, message) => {
    expect(parseCompletionDate(cell, today)).toEqual({ ok: false, message });
  });
});
