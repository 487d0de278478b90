import { describe, expect, it } from 'vitest';
import { PHU_THO_ORGANIZATIONS, organizationByCode } from '../../test/fixtures/organizations';
import type { CellValue } from './deadline-parsing';
import {
  parseComparator,
  parseVietnameseNumber,
  readIndicatorDefinitions,
  readIndicatorTargets,
  readIndicatorValues,
  summarizeDefinitions,
  type IndicatorCatalogEntry,
  type IndicatorDataContext,
  type IndicatorDefinitionContext,
  type OrganizationRef,
  type TableError,
} from './indicator-tables';
import { createOrganizationMatcher } from './organization-matching';
import type { Grid, GridCell } from './task-table';

type Input = string | CellValue | null;

/** A merged non-master cell. */
const MERGED: CellValue = { kind: 'empty' };

function cell(input: Input): GridCell | null {
  if (input === null) return null;
  if (typeof input === 'string') return input === '' ? null : { value: { kind: 'text', text: input }, text: input };
  switch (input.kind) {
    case 'empty':
      return { value: input, text: '' };
    case 'text':
      return { value: input, text: input.text };
    case 'number':
      return { value: input, text: String(input.value) };
    case 'date': {
      const [y, m, d] = input.date.split('-');
      return { value: input, text: input.showsDay ? `${d}/${m}/${y}` : `${m}/${y}` };
    }
  }
}

const grid = (rows: Input[][]): Grid => ({ rows: rows.map((row) => row.map(cell)) });
const number = (value: number): CellValue => ({ kind: 'number', value });
const date = (iso: string, showsDay = true): CellValue => ({ kind: 'date', date: iso, showsDay });
const id = (code: string): number => organizationByCode(PHU_THO_ORGANIZATIONS, code).id;

const matcher = createOrganizationMatcher(PHU_THO_ORGANIZATIONS);
const organizationsByCode = new Map<string, OrganizationRef>(
  PHU_THO_ORGANIZATIONS.filter((o) => o.active).map((o) => [o.code, { id: o.id, code: o.code, name: o.name }]),
);

const entry = (e: IndicatorCatalogEntry): [string, IndicatorCatalogEntry] => [e.code, e];
const catalog = new Map<string, IndicatorCatalogEntry>([
  entry({ id: 1, code: 'KHCN-01', frequency: 'month', valueType: 'number', orgAggregation: 'sum', direction: 'higher' }),
  entry({ id: 2, code: 'KHCN-02', frequency: 'quarter', valueType: 'percent', orgAggregation: 'average', direction: 'higher' }),
  entry({ id: 3, code: 'CDS-01', frequency: 'year', valueType: 'yes_no', orgAggregation: 'none', direction: 'higher' }),
  entry({ id: 4, code: 'CDS-02', frequency: 'month', valueType: 'percent', orgAggregation: 'ratio', direction: 'higher' }),
  entry({ id: 5, code: 'TNGT', frequency: 'year', valueType: 'number', orgAggregation: 'sum', direction: 'lower' }),
]);
const dataContext: IndicatorDataContext = { matcher, organizationsByCode, catalog };
const definitionContext: IndicatorDefinitionContext = { matcher, existingCodes: catalog, organizationsByCode };

const messages = (errors: TableError[]): string[] => errors.map((e) => e.message);

// ---------------------------------------------------------------------------------------------

describe('parseVietnameseNumber', () => {
  it.each<[string, number | null]>([
    // edge cases first
    ['', null],
    ['   ', null],
    ['-', null],
    ['abc', null],
    ['1e5', null],
    ['1,234.5', null], // a dot after the comma
    ['1,2,3', null],
    ['1.23.456', null], // groups of three digits only
    ['1.234.56', null],
    ['12.345.6789', null],
    [',5', null],
    ['5,', null],
    ['5.', null],
    ['.5', null],
    ['1 23', null],
    ['22,5%', null], // the percent sign is the caller's
    ['1..2', null],
    ['0', 0],
    ['-0', 0],
    ['7', 7],
    ['007', 7],
    ['  42  ', 42],
    ['-3', -3],
    ['−3,5', -3.5], // Unicode minus
    ['+12', 12],
    // comma: decimal mark, dots group thousands
    ['22,5', 22.5],
    ['1234,5', 1234.5],
    ['1.234,5', 1234.5],
    ['1.234.567,89', 1234567.89],
    ['0,05', 0.05],
    // no comma: one dot is a decimal point …
    ['22.5', 22.5],
    ['0.125', 0.125],
    ['1.234', 1.234],
    // … unless the dots group three digits at least twice
    ['1.234.567', 1234567],
    ['12.345.678', 12345678],
    // spaces group thousands
    ['1 234 567', 1234567],
    ['1\u00a0234,5', 1234.5],
  ])('%j → %s', (text, expected) => {
    expect(parseVietnameseNumber(text)).toBe(expected);
  });
});

describe('parseComparator', () => {
  it.each<[string, string | undefined]>([
    ['', undefined],
    ['>', undefined],
    ['<', undefined],
    ['khác', undefined],
    ['≥', 'gte'],
    ['>=', 'gte'],
    ['> =', 'gte'],
    ['Tối thiểu', 'gte'],
    ['TỐI THIỂU', 'gte'],
    ['Không thấp hơn', 'gte'],
    ['khong  thap hon', 'gte'],
    ['≤', 'lte'],
    ['<=', 'lte'],
    ['Tối đa', 'lte'],
    ['Không vượt quá', 'lte'],
    ['=', 'eq'],
    ['Bằng', 'eq'],
  ])('%j → %s', (text, expected) => {
    expect(parseComparator(text)).toBe(expected);
  });
});

// ---------------------------------------------------------------------------------------------

const DEF_HEADER = [
  'Mã',
  'Tên chỉ tiêu',
  'Đơn vị tính',
  'Chiều (Tăng/Giảm)',
  'Tần suất (Tháng/Quý/Năm)',
  'Tổng hợp theo thời gian (Cộng dồn/Cuối kỳ/Trung bình)',
  'Tổng hợp theo đơn vị (Cộng/Trung bình/Tỷ lệ/Không)',
  'Tử số',
  'Mẫu số',
  'Đơn vị theo dõi',
  'Kiểu giá trị (Số/Phần trăm/Có-Không)',
  'Nhóm',
  'Định nghĩa',
];

/** A valid definitions row with some cells replaced (by column letter). */
function defRow(changes: Partial<Record<'A' | 'B' | 'C' | 'D' | 'E' | 'F' | 'G' | 'H' | 'I' | 'J' | 'K' | 'L' | 'M', Input>> = {}): Input[] {
  const base: Record<string, Input> = {
    A: 'MOI-01',
    B: 'Số doanh nghiệp KH&CN',
    C: 'doanh nghiệp',
    D: 'Tăng',
    E: 'Quý',
    F: 'Cộng dồn',
    G: 'Cộng',
    H: '',
    I: '',
    J: 'Sở Khoa học và Công nghệ',
    K: '',
    L: '',
    M: '',
  };
  return 'ABCDEFGHIJKLM'.split('').map((letter) => (letter in changes ? (changes as Record<string, Input>)[letter] : base[letter]));
}

describe('readIndicatorDefinitions: header row', () => {
  it('names every missing required column in one error', () => {
    const result = readIndicatorDefinitions(grid([['Mã', 'Tên chỉ tiêu', 'Đơn vị tính', 'Chiều'], ['A', 'B', 'C', 'Tăng']]), definitionContext);
    expect(result.ok).toBe(false);
    expect(result.rows).toEqual([]);
    expect(result.errors).toEqual([
      {
        row: null,
        column: null,
        header: null,
        value: null,
        message:
          'Không tìm thấy dòng tiêu đề của bảng danh mục chỉ tiêu trong 20 dòng đầu của trang tính thứ nhất: thiếu cột "Tần suất", "Tổng hợp theo thời gian", "Tổng hợp theo đơn vị", "Tử số", "Mẫu số", "Đơn vị theo dõi". Vui lòng kiểm tra tên các cột',
        suggestions: [],
      },
    ]);
  });

  it('reports every required column for an empty sheet', () => {
    const result = readIndicatorDefinitions({ rows: [] }, definitionContext);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0].message).toContain('thiếu cột "Mã", "Tên chỉ tiêu", "Đơn vị tính", "Chiều"');
  });

  it('looks for the header in rows 1–20 only', () => {
    const rows: Input[][] = Array.from({ length: 20 }, () => ['Danh mục chỉ tiêu']);
    rows.push(DEF_HEADER, defRow());
    expect(readIndicatorDefinitions(grid(rows), definitionContext).ok).toBe(false);
    rows.splice(0, 1);
    const result = readIndicatorDefinitions(grid(rows), definitionContext);
    expect(result.errors).toEqual([]);
    expect(result.rows[0].sheetRow).toBe(21);
  });

  it('matches headers ignoring case, accents and line breaks, in any order, and skips a column-number row', () => {
    const header = ['MÃ CHỈ TIÊU', 'ten chi tieu', 'Đơn vị\ntính', 'CHIỀU', 'Tần suất', 'Tổng hợp theo thời gian', 'Tổng hợp theo đơn vị', 'Tử số', 'Mẫu số', 'Đơn vị theo dõi'];
    const result = readIndicatorDefinitions(
      grid([
        ['DANH MỤC CHỈ TIÊU', MERGED, MERGED],
        header,
        ['(1)', '(2)', '(3)', '(4)', '(5)', '(6)', '(7)', '(8)', '(9)', '(10)'],
        defRow().slice(0, 10),
      ]),
      definitionContext,
    );
    expect(result.errors).toEqual([]);
    expect(result.rows.map((r) => [r.sheetRow, r.code, r.valueType])).toEqual([[4, 'MOI-01', 'number']]);
  });
});

describe('readIndicatorDefinitions: a complete table', () => {
  const table = grid([
    ['DANH MỤC CHỈ TIÊU KH&CN, ĐMST VÀ CĐS'],
    DEF_HEADER,
    defRow(),
    // A ratio whose numerator is a later row of the file and whose denominator exists already.
    defRow({ A: 'MOI-03', B: 'Tỷ lệ hộ có cáp quang', C: '%', G: 'Tỷ lệ', F: 'Trung bình', E: 'tháng', H: 'moi-02', I: 'KHCN-01', J: 'SKHCN', K: 'Phần trăm', L: 'Hạ tầng số', M: 'Số hộ có cáp quang / tổng số hộ × 100' }),
    defRow({ A: 'MOI-02', B: 'Số hộ có cáp quang', C: 'hộ', E: 'Hằng tháng', F: 'Cuối kỳ', G: 'Cộng', J: 'VNPT Phú Thọ' }),
    // An update of an existing code, written in another case; a unit "%" alone stays a number.
    defRow({ A: 'khcn-02', B: 'Tỷ lệ xã có điểm phục vụ', C: '%', D: 'GIẢM', E: 'Năm', F: 'trung binh', G: 'Tỉ lệ', H: 'MOI-02', I: 'TNGT', J: number(25) }),
    defRow({ A: 'MOI-04', B: 'Có cổng dữ liệu mở', C: '', G: 'Không', K: 'Có-Không', J: 'Sở Thông tin và Truyền thông' }),
    [],
  ]);
  const result = readIndicatorDefinitions(table, definitionContext);

  it('reads without errors', () => {
    expect(result.errors).toEqual([]);
    expect(result.ok).toBe(true);
  });

  it('reads every column', () => {
    expect(result.rows[0]).toEqual({
      sheetRow: 3,
      code: 'MOI-01',
      name: 'Số doanh nghiệp KH&CN',
      unit: 'doanh nghiệp',
      direction: 'higher',
      frequency: 'quarter',
      timeAggregation: 'sum',
      orgAggregation: 'sum',
      numeratorCode: null,
      denominatorCode: null,
      ownerOrganizationId: id('SKHCN'),
      valueType: 'number',
      groupName: null,
      definition: null,
      isNew: true,
    });
    expect(result.rows[1]).toMatchObject({
      code: 'MOI-03',
      frequency: 'month',
      timeAggregation: 'average',
      orgAggregation: 'ratio',
      numeratorCode: 'MOI-02',
      denominatorCode: 'KHCN-01',
      ownerOrganizationId: id('SKHCN'),
      valueType: 'percent',
      groupName: 'Hạ tầng số',
      definition: 'Số hộ có cáp quang / tổng số hộ × 100',
    });
    expect(result.rows[2]).toMatchObject({ code: 'MOI-02', frequency: 'month', timeAggregation: 'last', ownerOrganizationId: id('VNPT-PT') });
    expect(result.rows[4]).toMatchObject({ code: 'MOI-04', unit: null, orgAggregation: 'none', valueType: 'yes_no' });
  });

  it('updates an existing code in its existing spelling; a unit "%" does not make a percent', () => {
    expect(result.rows[3]).toMatchObject({
      code: 'KHCN-02',
      isNew: false,
      unit: '%',
      valueType: 'number',
      direction: 'lower',
      frequency: 'year',
      orgAggregation: 'ratio',
      numeratorCode: 'MOI-02',
      denominatorCode: 'TNGT',
      ownerOrganizationId: id('25'),
    });
    expect(summarizeDefinitions(result.rows)).toEqual({ created: ['MOI-01', 'MOI-03', 'MOI-02', 'MOI-04'], updated: ['KHCN-02'] });
  });

  it('warns about a changed frequency or value type, and about a predecessor name', () => {
    expect(result.warnings).toEqual([
      'Dòng 7, cột "Đơn vị theo dõi": "Sở Thông tin và Truyền thông" đã hợp nhất vào "Sở Khoa học và Công nghệ"; hệ thống dùng "Sở Khoa học và Công nghệ"',
      'Dòng 6: chỉ tiêu "KHCN-02" đổi tần suất từ quý sang năm; số liệu đã nhập theo tần suất cũ cần được kiểm tra lại',
      'Dòng 6: chỉ tiêu "KHCN-02" đổi kiểu giá trị từ phần trăm sang số; số liệu đã nhập cần được kiểm tra lại',
    ]);
  });
});

describe('readIndicatorDefinitions: warnings', () => {
  it.each<[string, Input[], string[]]>([
    ['a unit "%" without a value type', defRow({ C: '%' }), ['Dòng 2: chỉ tiêu "MOI-01" có đơn vị tính "%" nhưng kiểu giá trị là Số (không giới hạn 0–100); nếu là tỷ lệ phần trăm, vui lòng ghi "Phần trăm" ở cột "Kiểu giá trị (Số/Phần trăm/Có-Không)"']],
    ['a unit "%" with the value type Số', defRow({ C: '%', K: 'Số' }), []],
    ['a unit "%" with the value type Phần trăm', defRow({ C: '%', K: 'phan tram' }), []],
  ])('%s', (_name, row, warnings) => {
    const result = readIndicatorDefinitions(grid([DEF_HEADER, row]), definitionContext);
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual(warnings);
  });
});

describe('readIndicatorDefinitions: errors', () => {
  it.each<[string, Input[][], [number, string, string][]]>([
    ['an empty code and name', [defRow({ A: '', B: '' })], [[3, 'A', 'Dòng 3, cột "Mã": chưa ghi mã chỉ tiêu'], [3, 'B', 'Dòng 3, cột "Tên chỉ tiêu": chưa ghi tên chỉ tiêu']]],
    ['a code longer than 50 characters', [defRow({ A: 'X'.repeat(51) })], [[3, 'A', 'Dòng 3, cột "Mã": mã chỉ tiêu dài quá 50 ký tự']]],
    [
      'a duplicate code, ignoring case',
      [defRow(), defRow({ A: 'moi-01' })],
      [[4, 'A', 'Dòng 4, cột "Mã": mã chỉ tiêu "moi-01" đã có ở dòng 3. Mỗi chỉ tiêu chỉ ghi một dòng']],
    ],
    [
      'an unknown direction',
      [defRow({ D: 'Cao' })],
      [[3, 'D', 'Dòng 3, cột "Chiều (Tăng/Giảm)": "Cao" không phải là chiều của chỉ tiêu hợp lệ. Vui lòng ghi "Tăng" (càng cao càng tốt) hoặc "Giảm" (càng thấp càng tốt)']],
    ],
    [
      'an empty frequency',
      [defRow({ E: '' })],
      [[3, 'E', 'Dòng 3, cột "Tần suất (Tháng/Quý/Năm)": chưa ghi tần suất. Vui lòng ghi "Tháng", "Quý" hoặc "Năm"']],
    ],
    ['a half is no frequency', [defRow({ E: '6 tháng' })], [[3, 'E', 'Dòng 3, cột "Tần suất (Tháng/Quý/Năm)": "6 tháng" không phải là tần suất hợp lệ. Vui lòng ghi "Tháng", "Quý" hoặc "Năm"']]],
    [
      'a word of the other aggregation ("Cộng" is over organizations)',
      [defRow({ F: 'Cộng' })],
      [[3, 'F', 'Dòng 3, cột "Tổng hợp theo thời gian (Cộng dồn/Cuối kỳ/Trung bình)": "Cộng" không phải là cách tổng hợp theo thời gian hợp lệ. Vui lòng ghi "Cộng dồn", "Cuối kỳ" hoặc "Trung bình"']],
    ],
    [
      'an unknown org aggregation: the numerator is not checked',
      [defRow({ G: 'Cộng dồn', H: 'KHCN-01' })],
      [[3, 'G', 'Dòng 3, cột "Tổng hợp theo đơn vị (Cộng/Trung bình/Tỷ lệ/Không)": "Cộng dồn" không phải là cách tổng hợp theo đơn vị hợp lệ. Vui lòng ghi "Cộng", "Trung bình", "Tỷ lệ" hoặc "Không"']],
    ],
    [
      'a value type "%"',
      [defRow({ K: '%' })],
      [[3, 'K', 'Dòng 3, cột "Kiểu giá trị (Số/Phần trăm/Có-Không)": "%" không phải là kiểu giá trị hợp lệ. Vui lòng ghi "Số", "Phần trăm" hoặc "Có-Không"']],
    ],
    [
      'a ratio without numerator and denominator',
      [defRow({ G: 'Tỷ lệ' })],
      [
        [3, 'H', 'Dòng 3, cột "Tử số": chỉ tiêu tổng hợp theo tỷ lệ cần mã chỉ tiêu tử số'],
        [3, 'I', 'Dòng 3, cột "Mẫu số": chỉ tiêu tổng hợp theo tỷ lệ cần mã chỉ tiêu mẫu số'],
      ],
    ],
    [
      'a numerator on a non-ratio indicator',
      [defRow({ H: 'KHCN-01' })],
      [[3, 'H', 'Dòng 3, cột "Tử số": chỉ ghi tử số khi tổng hợp theo đơn vị là "Tỷ lệ". Vui lòng để trống ô này']],
    ],
    [
      'an unknown numerator code, with the closest codes',
      [defRow({ G: 'Tỷ lệ', E: 'Tháng', H: 'KHCN01', I: 'KHCN-01' })],
      [[3, 'H', 'Dòng 3, cột "Tử số": không tìm thấy chỉ tiêu có mã "KHCN01" trong file hoặc trong danh mục. Có phải: KHCN-01, KHCN-02, CDS-01?']],
    ],
    [
      'a ratio of a ratio, or of itself',
      [defRow({ G: 'Tỷ lệ', E: 'Tháng', H: 'CDS-02', I: 'MOI-01' })],
      [
        [3, 'H', 'Dòng 3, cột "Tử số": chỉ tiêu "CDS-02" cũng tổng hợp theo tỷ lệ; tử số phải là chỉ tiêu có số liệu nhập (tổng hợp Cộng, Trung bình hoặc Không)'],
        [3, 'I', 'Dòng 3, cột "Mẫu số": chỉ tiêu "MOI-01" cũng tổng hợp theo tỷ lệ; mẫu số phải là chỉ tiêu có số liệu nhập (tổng hợp Cộng, Trung bình hoặc Không)'],
      ],
    ],
    [
      'a component with a longer frequency',
      [defRow({ G: 'Tỷ lệ', E: 'Quý', H: 'KHCN-01', I: 'TNGT' })],
      [[3, 'I', 'Dòng 3, cột "Mẫu số": chỉ tiêu "TNGT" theo dõi theo năm, dài hơn tần suất quý của chỉ tiêu này nên không tính được tỷ lệ. Vui lòng chọn chỉ tiêu cùng tần suất hoặc ngắn hơn']],
    ],
    [
      'a component redefined in the file as a ratio',
      [defRow({ G: 'Tỷ lệ', E: 'Năm', H: 'TNGT', I: 'KHCN-01' }), defRow({ A: 'TNGT', G: 'Tỷ lệ', E: 'Năm', H: 'KHCN-01', I: 'CDS-01' })],
      [[3, 'H', 'Dòng 3, cột "Tử số": chỉ tiêu "TNGT" cũng tổng hợp theo tỷ lệ; tử số phải là chỉ tiêu có số liệu nhập (tổng hợp Cộng, Trung bình hoặc Không)']],
    ],
    ['an empty owner', [defRow({ J: '' })], [[3, 'J', 'Dòng 3, cột "Đơn vị theo dõi": chưa ghi đơn vị theo dõi chỉ tiêu. Vui lòng ghi mã hoặc tên cơ quan, đơn vị']]],
    [
      'an unknown owner, with suggestions',
      [defRow({ J: 'Sở Khoa học' })],
      [[3, 'J', 'Dòng 3, cột "Đơn vị theo dõi": Không tìm thấy cơ quan, đơn vị "Sở Khoa học". Có phải: Sở Khoa học và Công nghệ, Sở Nội vụ, Sở Văn hóa, Thể thao và Du lịch?']],
    ],
    [
      'a group as owner',
      [defRow({ J: 'Các sở, ban, ngành' })],
      [[3, 'J', 'Dòng 3, cột "Đơn vị theo dõi": "Các sở, ban, ngành" là một nhóm cơ quan, đơn vị. Vui lòng ghi một cơ quan, đơn vị cụ thể (tên hoặc mã)']],
    ],
    [
      'an ambiguous owner',
      [defRow({ J: 'Hòa Bình' })],
      [[3, 'J', 'Dòng 3, cột "Đơn vị theo dõi": "Hòa Bình" trùng tên với nhiều cơ quan, đơn vị: Phường Hòa Bình (04795), Xã Hòa Bình (99999). Vui lòng ghi mã hoặc tên đầy đủ']],
    ],
    ['an inactive organization code', [defRow({ J: 'SGTVT' })], [[3, 'J', 'Dòng 3, cột "Đơn vị theo dõi": Không tìm thấy cơ quan, đơn vị "SGTVT". Có phải: Sở Nội vụ, Sở Tài chính, Sở Xây dựng?']]],
  ])('%s', (_name, rows, expected) => {
    const result = readIndicatorDefinitions(grid([['DANH MỤC'], DEF_HEADER, ...rows]), definitionContext);
    expect(result.ok).toBe(false);
    expect(result.errors.map((e) => [e.row, e.column, e.message])).toEqual(expected);
  });

  it('reports the header and cell text, and reads nothing when one row fails (all or nothing)', () => {
    const result = readIndicatorDefinitions(grid([DEF_HEADER, defRow(), defRow({ A: 'MOI-02', D: 'Cao' })]), definitionContext);
    expect(result.ok).toBe(false);
    expect(result.errors[0]).toMatchObject({ row: 3, column: 'D', header: 'Chiều (Tăng/Giảm)', value: 'Cao' });
    expect(result.rows.map((r) => r.code)).toEqual(['MOI-01']); // the caller writes nothing since ok is false
  });

  it('reads the owner by name only when no organizations by code are given', () => {
    const context: IndicatorDefinitionContext = { matcher, existingCodes: new Map() };
    const result = readIndicatorDefinitions(grid([DEF_HEADER, defRow({ J: 'STC' }), defRow({ A: 'B', J: 'SKHCN' })]), context);
    expect(result.rows.map((r) => r.ownerOrganizationId)).toEqual([id('STC')]); // "STC" is a short name
    expect(result.errors.map((e) => [e.row, e.column])).toEqual([[3, 'J']]);
  });

  it('orders the errors of a row by column', () => {
    const result = readIndicatorDefinitions(grid([DEF_HEADER, defRow({ A: '', G: 'Tỷ lệ', J: '' })]), definitionContext);
    expect(result.errors.map((e) => e.column)).toEqual(['A', 'H', 'I', 'J']);
  });
});

// ---------------------------------------------------------------------------------------------

const VALUE_HEADER = ['Mã chỉ tiêu', 'Đơn vị', 'Kỳ', 'Giá trị'];

describe('readIndicatorValues: header row', () => {
  it('names the missing columns', () => {
    const result = readIndicatorValues(grid([['Mã chỉ tiêu', 'Đơn vị tính', 'Kỳ báo cáo']]), dataContext);
    expect(messages(result.errors)).toEqual([
      'Không tìm thấy dòng tiêu đề của bảng số liệu chỉ tiêu trong 20 dòng đầu của trang tính thứ nhất: thiếu cột "Đơn vị", "Giá trị". Vui lòng kiểm tra tên các cột',
    ]);
  });

  it('does not take "Đơn vị tính" for "Đơn vị", nor "Tên chỉ tiêu" for anything', () => {
    const result = readIndicatorValues(
      grid([
        ['STT', 'Tên chỉ tiêu', 'Đơn vị tính', 'Mã chỉ tiêu', 'Đơn vị', 'Kỳ báo cáo', 'Giá trị thực hiện'],
        ['1', 'Số doanh nghiệp', 'doanh nghiệp', 'KHCN-01', 'SKHCN', '2026-03', '12'],
      ]),
      dataContext,
    );
    expect(result.errors).toEqual([]);
    expect(result.rows).toEqual([{ sheetRow: 2, indicatorCode: 'KHCN-01', indicatorId: 1, organizationId: id('SKHCN'), period: '2026-03', value: 12 }]);
  });

  it('prefers a header equal to a name over an earlier one that only begins with it', () => {
    const result = readIndicatorValues(
      grid([
        ['Đơn vị báo cáo (ghi chú)', 'Mã chỉ tiêu', 'Đơn vị', 'Kỳ', 'Giá trị'],
        ['ghi chú', 'KHCN-01', 'STC', 'Tháng 3/2026', '5'],
      ]),
      dataContext,
    );
    expect(result.errors).toEqual([]);
    expect(result.rows[0].organizationId).toBe(id('STC'));
  });
});

describe('readIndicatorValues: reading cells', () => {
  it.each<[string, Input[], { indicatorId: number; organizationId: number; period: string; value: number }]>([
    ['a number cell, a code and a period code', ['KHCN-01', 'SKHCN', '2026-03', number(12)], { indicatorId: 1, organizationId: id('SKHCN'), period: '2026-03', value: 12 }],
    ['a month in words', ['KHCN-01', 'Sở Tài chính', 'Tháng 3/2026', '1.234,5'], { indicatorId: 1, organizationId: id('STC'), period: '2026-03', value: 1234.5 }],
    ['a month written 3/2026', ['KHCN-01', 'Sở Tài chính', '3/2026', '1.234.567'], { indicatorId: 1, organizationId: id('STC'), period: '2026-03', value: 1234567 }],
    ['a date cell shown as a month', ['KHCN-01', 'STC', date('2026-03-01', false), '-5'], { indicatorId: 1, organizationId: id('STC'), period: '2026-03', value: -5 }],
    ['a code in lower case; a commune code written as a number', ['khcn-01', number(4792), '2026-12', '0'], { indicatorId: 1, organizationId: id('04792'), period: '2026-12', value: 0 }],
    ['a commune code as text', ['KHCN-01', '04831', '2026-01', '7'], { indicatorId: 1, organizationId: id('04831'), period: '2026-01', value: 7 }],
    ['a province code as a number', ['KHCN-01', number(25), '2026-01', '7'], { indicatorId: 1, organizationId: id('25'), period: '2026-01', value: 7 }],
    ['a quarter in Roman numerals; a percent with "%"', ['KHCN-02', 'Xã Đà Bắc', 'Quý I/2026', '22,5%'], { indicatorId: 2, organizationId: id('04831'), period: '2026Q1', value: 22.5 }],
    ['a quarter code; a percent with a decimal point', ['KHCN-02', 'Xã Đà Bắc', '2026Q4', '22.5'], { indicatorId: 2, organizationId: id('04831'), period: '2026Q4', value: 22.5 }],
    ['a percent of 100', ['KHCN-02', 'Xã Đà Bắc', 'Quý 2/2026', '100'], { indicatorId: 2, organizationId: id('04831'), period: '2026Q2', value: 100 }],
    ['yes/no "Có"; a year in words', ['CDS-01', 'STC', 'Năm 2026', 'Có'], { indicatorId: 3, organizationId: id('STC'), period: '2026', value: 1 }],
    ['yes/no "không"; a year as a number', ['CDS-01', 'STC', number(2026), 'không'], { indicatorId: 3, organizationId: id('STC'), period: '2026', value: 0 }],
    ['yes/no 1 as a number cell', ['CDS-01', 'STC', '2026', number(1)], { indicatorId: 3, organizationId: id('STC'), period: '2026', value: 1 }],
    ['yes/no "0"', ['CDS-01', 'STC', '2026', '0'], { indicatorId: 3, organizationId: id('STC'), period: '2026', value: 0 }],
  ])('%s', (_name, row, expected) => {
    const result = readIndicatorValues(grid([VALUE_HEADER, row]), dataContext);
    expect(result.errors).toEqual([]);
    expect(result.rows).toEqual([{ sheetRow: 2, indicatorCode: catalog.get(['KHCN-01', 'KHCN-02', 'CDS-01'][expected.indicatorId - 1])?.code, ...expected }]);
  });

  it('takes a number cell shown with "%" as the percent shown', () => {
    const percentCell: GridCell = { value: { kind: 'number', value: 0.07 }, text: '7%' };
    const result = readIndicatorValues({ rows: [VALUE_HEADER.map(cell), [cell('KHCN-02'), cell('STC'), cell('2026Q1'), percentCell]] }, dataContext);
    expect(result.rows[0].value).toBe(7);
  });

  it.each<[string, Input, string]>([
    ['a decimal that may have meant thousands', '1.234', 'Dòng 2, cột "Giá trị": "1.234" được đọc là 1,234 (không có dấu phẩy thì dấu chấm là dấu thập phân); nếu là số 1234, vui lòng ghi "1234" hoặc "1.234,0"'],
    ['a fraction in a percent cell', number(0.225), 'Dòng 2, cột "Giá trị": giá trị 0,225 rất nhỏ cho một chỉ tiêu phần trăm; nếu ô được định dạng phần trăm trong Excel, vui lòng ghi số phần trăm (ví dụ 22,5)'],
  ])('warns about %s', (_name, value, warning) => {
    const code = typeof value === 'string' ? 'KHCN-01' : 'KHCN-02';
    const period = typeof value === 'string' ? '2026-03' : '2026Q1';
    const result = readIndicatorValues(grid([VALUE_HEADER, [code, 'STC', period, value]]), dataContext);
    expect(result.ok).toBe(true);
    expect(result.warnings).toEqual([warning]);
  });

  it('does not take a row of numbers for a column-number row unless it counts 1, 2, 3, …', () => {
    const catalogWithNumber = new Map(catalog).set('1', { id: 9, code: '1', frequency: 'year', valueType: 'number', orgAggregation: 'sum', direction: 'higher' });
    const result = readIndicatorValues(grid([VALUE_HEADER, [number(1), number(25), number(2026), number(5)]]), { ...dataContext, catalog: catalogWithNumber });
    expect(result.errors).toEqual([]);
    expect(result.rows).toEqual([{ sheetRow: 2, indicatorCode: '1', indicatorId: 9, organizationId: id('25'), period: '2026', value: 5 }]);
  });

  it('warns when an organization is named by a predecessor', () => {
    const result = readIndicatorValues(grid([VALUE_HEADER, ['KHCN-01', 'Sở Kế hoạch và Đầu tư', '2026-03', '1']]), dataContext);
    expect(result.rows[0].organizationId).toBe(id('STC'));
    expect(result.warnings).toEqual(['Dòng 2, cột "Đơn vị": "Sở Kế hoạch và Đầu tư" đã hợp nhất vào "Sở Tài chính"; hệ thống dùng "Sở Tài chính"']);
  });

  it('skips empty rows and a column-number row, and reads rows below titles', () => {
    const result = readIndicatorValues(
      grid([['SỐ LIỆU THÁNG 3/2026', MERGED], VALUE_HEADER, ['(1)', '(2)', '(3)', '(4)'], [], ['KHCN-01', 'STC', '2026-03', '1'], [null, MERGED], ['KHCN-01', 'SNV', '2026-03', '2']]),
      dataContext,
    );
    expect(result.errors).toEqual([]);
    expect(result.rows.map((r) => [r.sheetRow, r.organizationId, r.value])).toEqual([
      [5, id('STC'), 1],
      [7, id('SNV'), 2],
    ]);
  });
});

describe('readIndicatorValues: errors', () => {
  it.each<[string, Input[][], [number, string, string][]]>([
    [
      'empty cells',
      [['KHCN-01', '', '', ''], ['', 'STC', '2026-03', '']],
      [
        [2, 'B', 'Dòng 2, cột "Đơn vị": chưa ghi đơn vị. Vui lòng ghi mã hoặc tên cơ quan, đơn vị'],
        [2, 'C', 'Dòng 2, cột "Kỳ": chưa ghi kỳ báo cáo. Vui lòng ghi tháng (Tháng 3/2026 hoặc 2026-03), quý (Quý I/2026 hoặc 2026Q1), 6 tháng (6 tháng đầu năm 2026 hoặc 2026S1) hoặc năm (Năm 2026 hoặc 2026)'],
        [2, 'D', 'Dòng 2, cột "Giá trị": chưa ghi giá trị'],
        [3, 'A', 'Dòng 3, cột "Mã chỉ tiêu": chưa ghi mã chỉ tiêu'],
        [3, 'D', 'Dòng 3, cột "Giá trị": chưa ghi giá trị'],
      ],
    ],
    [
      'a merged indicator code is read once (the rows below are empty)',
      [['KHCN-01', 'STC', '2026-03', '1'], [MERGED, 'SNV', '2026-03', '2']],
      [[3, 'A', 'Dòng 3, cột "Mã chỉ tiêu": chưa ghi mã chỉ tiêu']],
    ],
    [
      'an unknown indicator code, with the closest codes',
      [['KHCN-1', 'STC', '2026-03', '1']],
      [[2, 'A', 'Dòng 2, cột "Mã chỉ tiêu": không tìm thấy chỉ tiêu có mã "KHCN-1" trong danh mục. Có phải: KHCN-01, KHCN-02, CDS-01?']],
    ],
    [
      'a ratio indicator is never entered',
      [['CDS-02', 'STC', '2026-03', '50']],
      [[2, 'A', 'Dòng 2, cột "Mã chỉ tiêu": chỉ tiêu "CDS-02" được tính theo tỷ lệ từ tử số và mẫu số nên không nhập số liệu. Vui lòng nhập số liệu của chỉ tiêu tử số và mẫu số']],
    ],
    [
      'an invalid period',
      [['KHCN-02', 'STC', 'Quý V/2026', '1']],
      [[2, 'C', 'Dòng 2, cột "Kỳ": "Quý V/2026" không phải là kỳ báo cáo hợp lệ. Vui lòng ghi tháng (Tháng 3/2026 hoặc 2026-03), quý (Quý I/2026 hoặc 2026Q1), 6 tháng (6 tháng đầu năm 2026 hoặc 2026S1) hoặc năm (Năm 2026 hoặc 2026)']],
    ],
    ['a date is no period', [['KHCN-01', 'STC', date('2026-03-15'), '1']], [[2, 'C', 'Dòng 2, cột "Kỳ": "15/03/2026" không phải là kỳ báo cáo hợp lệ. Vui lòng ghi tháng (Tháng 3/2026 hoặc 2026-03), quý (Quý I/2026 hoặc 2026Q1), 6 tháng (6 tháng đầu năm 2026 hoặc 2026S1) hoặc năm (Năm 2026 hoặc 2026)']]],
    [
      'a quarter for a monthly indicator',
      [['KHCN-01', 'STC', 'Quý I/2026', '1']],
      [[2, 'C', 'Dòng 2, cột "Kỳ": kỳ Quý I/2026 không đúng tần suất của chỉ tiêu "KHCN-01" (theo tháng). Vui lòng ghi kỳ theo tháng, ví dụ Tháng 3/2026 hoặc 2026-03']],
    ],
    [
      'a year for a quarterly indicator',
      [['KHCN-02', 'STC', '2026', '1']],
      [[2, 'C', 'Dòng 2, cột "Kỳ": kỳ Năm 2026 không đúng tần suất của chỉ tiêu "KHCN-02" (theo quý). Vui lòng ghi kỳ theo quý, ví dụ Quý I/2026 hoặc 2026Q1']],
    ],
    [
      'a half is never a frequency',
      [['CDS-01', 'STC', '2026S1', 'Có']],
      [[2, 'C', 'Dòng 2, cột "Kỳ": kỳ 6 tháng đầu năm 2026 không đúng tần suất của chỉ tiêu "CDS-01" (theo năm). Vui lòng ghi kỳ theo năm, ví dụ Năm 2026 hoặc 2026']],
    ],
    [
      'a second value for the same indicator, organization and period (named differently)',
      [['KHCN-01', 'STC', '2026-03', '1'], ['KHCN-01', 'Sở Tài chính', 'Tháng 3/2026', '2']],
      [[3, 'C', 'Dòng 3, cột "Kỳ": chỉ tiêu "KHCN-01", đơn vị "Sở Tài chính", kỳ Tháng 3/2026 đã có giá trị ở dòng 2. Mỗi chỉ tiêu, đơn vị và kỳ chỉ ghi một giá trị']],
    ],
    ['a percent above 100', [['KHCN-02', 'STC', '2026Q1', '100,5']], [[2, 'D', 'Dòng 2, cột "Giá trị": "100,5" không hợp lệ. Giá trị phần trăm phải từ 0 đến 100 (đã nhập 100,5)']]],
    ['a negative percent', [['KHCN-02', 'STC', '2026Q1', number(-1)]], [[2, 'D', 'Dòng 2, cột "Giá trị": "-1" không hợp lệ. Giá trị phần trăm phải từ 0 đến 100 (đã nhập -1)']]],
    ['yes/no 2', [['CDS-01', 'STC', '2026', '2']], [[2, 'D', 'Dòng 2, cột "Giá trị": "2" không hợp lệ. Giá trị Có/Không phải là 1 (Có) hoặc 0 (Không) (đã nhập 2)']]],
    ['yes/no with "%"', [['CDS-01', 'STC', '2026', '1%']], [[2, 'D', 'Dòng 2, cột "Giá trị": "1%" không phải là giá trị có-không hợp lệ. Vui lòng ghi "Có", "Không", 1 hoặc 0']]],
    ['"Có" for a number', [['KHCN-01', 'STC', '2026-03', 'Có']], [[2, 'D', 'Dòng 2, cột "Giá trị": "Có" không phải là số hợp lệ. Vui lòng ghi số, dùng dấu phẩy cho phần thập phân (ví dụ 1.234,5 hoặc 22,5)']]],
    ['an unreadable number', [['KHCN-01', 'STC', '2026-03', '1,234.5']], [[2, 'D', 'Dòng 2, cột "Giá trị": "1,234.5" không phải là số hợp lệ. Vui lòng ghi số, dùng dấu phẩy cho phần thập phân (ví dụ 1.234,5 hoặc 22,5)']]],
    ['a date as a value', [['KHCN-01', 'STC', '2026-03', date('2026-03-01')]], [[2, 'D', 'Dòng 2, cột "Giá trị": "01/03/2026" không phải là số hợp lệ. Vui lòng ghi số, dùng dấu phẩy cho phần thập phân (ví dụ 1.234,5 hoặc 22,5)']]],
    ['a group of organizations', [['KHCN-01', 'Các xã, phường', '2026-03', '1']], [[2, 'B', 'Dòng 2, cột "Đơn vị": "Các xã, phường" là một nhóm cơ quan, đơn vị. Vui lòng ghi một cơ quan, đơn vị cụ thể (tên hoặc mã)']]],
    ['an ambiguous name', [['KHCN-01', 'Hòa Bình', '2026-03', '1']], [[2, 'B', 'Dòng 2, cột "Đơn vị": "Hòa Bình" trùng tên với nhiều cơ quan, đơn vị: Phường Hòa Bình (04795), Xã Hòa Bình (99999). Vui lòng ghi mã hoặc tên đầy đủ']]],
    ['an unknown name (a group is never suggested)', [['KHCN-01', 'Xã Thanh Sơnn', '2026-03', '1']], [[2, 'B', 'Dòng 2, cột "Đơn vị": Không tìm thấy cơ quan, đơn vị "Xã Thanh Sơnn". Có phải: Xã Thanh Sơn, Xã Tân Sơn?']]],
    [
      'an unknown indicator still reports an unreadable value',
      [['XYZ', 'STC', '2026-03', 'nhiều']],
      [
        [2, 'A', 'Dòng 2, cột "Mã chỉ tiêu": không tìm thấy chỉ tiêu có mã "XYZ" trong danh mục. Có phải: TNGT, CDS-01, CDS-02?'],
        [2, 'D', 'Dòng 2, cột "Giá trị": "nhiều" không phải là số hợp lệ. Vui lòng ghi số, dùng dấu phẩy cho phần thập phân (ví dụ 1.234,5 hoặc 22,5)'],
      ],
    ],
  ])('%s', (_name, rows, expected) => {
    const result = readIndicatorValues(grid([VALUE_HEADER, ...rows]), dataContext);
    expect(result.ok).toBe(false);
    expect(result.errors.map((e) => [e.row, e.column, e.message])).toEqual(expected);
  });

  it('gives the error its header, cell text and suggestions', () => {
    const result = readIndicatorValues(grid([VALUE_HEADER, ['KHCN-01', 'Xã Thanh Sơnn', '2026-03', '1']]), dataContext);
    expect(result.errors[0]).toMatchObject({ row: 2, column: 'B', header: 'Đơn vị', value: 'Xã Thanh Sơnn', suggestions: ['Xã Thanh Sơn', 'Xã Tân Sơn'] });
  });

  it('says to import the catalog first when it is empty', () => {
    const result = readIndicatorValues(grid([VALUE_HEADER, ['KHCN-01', 'STC', '2026-03', '1']]), { ...dataContext, catalog: new Map() });
    expect(messages(result.errors)).toEqual(['Dòng 2, cột "Mã chỉ tiêu": không tìm thấy chỉ tiêu có mã "KHCN-01" trong danh mục. Vui lòng nhập danh mục chỉ tiêu trước']);
  });

  it('allows the same indicator and organization in other periods, and other organizations in the same period', () => {
    const result = readIndicatorValues(
      grid([VALUE_HEADER, ['KHCN-01', 'STC', '2026-03', '1'], ['KHCN-01', 'STC', '2026-04', '1'], ['KHCN-01', 'SNV', '2026-03', '1']]),
      dataContext,
    );
    expect(result.errors).toEqual([]);
    expect(result.rows).toHaveLength(3);
  });
});

// ---------------------------------------------------------------------------------------------

const TARGET_HEADER = ['Mã chỉ tiêu', 'Đơn vị', 'Kỳ', 'Chỉ tiêu', 'So sánh (≥, ≤, =)'];

describe('readIndicatorTargets', () => {
  it('names the missing columns; "So sánh" is optional', () => {
    expect(messages(readIndicatorTargets(grid([['Mã chỉ tiêu', 'Đơn vị', 'Kỳ', 'Giá trị']]), dataContext).errors)).toEqual([
      'Không tìm thấy dòng tiêu đề của bảng chỉ tiêu kế hoạch trong 20 dòng đầu của trang tính thứ nhất: thiếu cột "Chỉ tiêu". Vui lòng kiểm tra tên các cột',
    ]);
    const result = readIndicatorTargets(grid([['Mã chỉ tiêu', 'Đơn vị', 'Kỳ', 'Chỉ tiêu'], ['TNGT', 'STC', '2026', '10']]), dataContext);
    expect(result.rows).toEqual([{ sheetRow: 2, indicatorCode: 'TNGT', indicatorId: 5, organizationId: id('STC'), period: '2026', value: 10, comparator: 'lte' }]);
  });

  it.each<[string, Input[], { period: string; value: number; comparator: string }]>([
    ['an empty comparator follows a higher-is-better direction', ['KHCN-01', 'STC', '2026', '120', ''], { period: '2026', value: 120, comparator: 'gte' }],
    ['an empty comparator follows a lower-is-better direction', ['TNGT', 'STC', '2026', '10', ''], { period: '2026', value: 10, comparator: 'lte' }],
    ['"=" overrides the direction', ['TNGT', 'STC', '2026', '0', '='], { period: '2026', value: 0, comparator: 'eq' }],
    ['"Tối đa" on a higher-is-better indicator', ['KHCN-01', 'STC', '2026', '5', 'Tối đa'], { period: '2026', value: 5, comparator: 'lte' }],
    ['a half for a monthly indicator', ['KHCN-01', 'STC', '6 tháng đầu năm 2026', '60', '>='], { period: '2026S1', value: 60, comparator: 'gte' }],
    ['a quarter for a monthly indicator', ['KHCN-01', 'STC', 'Quý III/2026', '30', 'Không thấp hơn'], { period: '2026Q3', value: 30, comparator: 'gte' }],
    ['a month for a monthly indicator', ['KHCN-01', 'STC', 'Tháng 12/2026', '10', '≥'], { period: '2026-12', value: 10, comparator: 'gte' }],
    ['a percent target with "%"', ['KHCN-02', 'STC', '2026', '80%', '≥'], { period: '2026', value: 80, comparator: 'gte' }],
    ['a ratio indicator has targets', ['CDS-02', 'STC', '2026', '95,5', ''], { period: '2026', value: 95.5, comparator: 'gte' }],
    ['a yes/no target', ['CDS-01', 'STC', 'Năm 2026', 'Có', '='], { period: '2026', value: 1, comparator: 'eq' }],
  ])('%s', (_name, row, expected) => {
    const result = readIndicatorTargets(grid([TARGET_HEADER, row]), dataContext);
    expect(result.errors).toEqual([]);
    expect(result.rows).toEqual([expect.objectContaining(expected)]);
  });

  it.each<[string, Input[][], [number, string, string][]]>([
    ['an empty target', [['KHCN-01', 'STC', '2026', '', '']], [[2, 'D', 'Dòng 2, cột "Chỉ tiêu": chưa ghi chỉ tiêu kế hoạch']]],
    [
      'an unknown comparator',
      [['KHCN-01', 'STC', '2026', '1', '>']],
      [[2, 'E', 'Dòng 2, cột "So sánh (≥, ≤, =)": ">" không phải là phép so sánh hợp lệ. Vui lòng ghi "≥" (hoặc ">=", "Tối thiểu", "Không thấp hơn"), "≤" (hoặc "<=", "Tối đa", "Không vượt quá") hoặc "="; để trống thì theo chiều của chỉ tiêu']],
    ],
    [
      'a period shorter than the frequency',
      [['KHCN-02', 'STC', '2026-03', '50', '']],
      [[2, 'C', 'Dòng 2, cột "Kỳ": kỳ Tháng 3/2026 ngắn hơn tần suất của chỉ tiêu "KHCN-02" (theo quý). Vui lòng đặt chỉ tiêu kế hoạch cho kỳ theo quý hoặc dài hơn']],
    ],
    [
      'a half for a yearly indicator',
      [['TNGT', 'STC', '2026S2', '5', '']],
      [[2, 'C', 'Dòng 2, cột "Kỳ": kỳ 6 tháng cuối năm 2026 ngắn hơn tần suất của chỉ tiêu "TNGT" (theo năm). Vui lòng đặt chỉ tiêu kế hoạch cho kỳ theo năm hoặc dài hơn']],
    ],
    ['a percent target above 100', [['KHCN-02', 'STC', '2026', '120', '']], [[2, 'D', 'Dòng 2, cột "Chỉ tiêu": "120" không hợp lệ. Giá trị phần trăm phải từ 0 đến 100 (đã nhập 120)']]],
    [
      'a second target for the same indicator, organization and period',
      [['KHCN-01', 'STC', '2026', '1', ''], ['KHCN-01', 'STC', 'Năm 2026', '2', '≤']],
      [[3, 'C', 'Dòng 3, cột "Kỳ": chỉ tiêu "KHCN-01", đơn vị "STC", kỳ Năm 2026 đã có chỉ tiêu kế hoạch ở dòng 2. Mỗi chỉ tiêu, đơn vị và kỳ chỉ ghi một chỉ tiêu kế hoạch']],
    ],
  ])('%s is an error', (_name, rows, expected) => {
    const result = readIndicatorTargets(grid([TARGET_HEADER, ...rows]), dataContext);
    expect(result.ok).toBe(false);
    expect(result.errors.map((e) => [e.row, e.column, e.message])).toEqual(expected);
  });

  it('keeps targets for the year and for its quarters apart', () => {
    const result = readIndicatorTargets(
      grid([TARGET_HEADER, ['KHCN-01', 'STC', '2026', '120', ''], ['KHCN-01', 'STC', '2026Q1', '30', ''], ['KHCN-01', 'STC', '2026-01', '10', '']]),
      dataContext,
    );
    expect(result.errors).toEqual([]);
    expect(result.rows.map((r) => r.period)).toEqual(['2026', '2026Q1', '2026-01']);
  });
});
