import { describe, expect, it } from 'vitest';
import { PHU_THO_ORGANIZATIONS, organizationByCode } from '../../test/fixtures/organizations';
import type { CellValue } from './deadline-parsing';
import { createOrganizationMatcher } from './organization-matching';
import {
  columnLetter,
  headerColumn,
  readTaskTable,
  type Grid,
  type GridCell,
  type TaskTableContext,
  type TaskTableError,
} from './task-table';

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
const date = (iso: string, showsDay = true): CellValue => ({ kind: 'date', date: iso, showsDay });
const number = (value: number): CellValue => ({ kind: 'number', value });
const id = (code: string): number => organizationByCode(PHU_THO_ORGANIZATIONS, code).id;

const context: TaskTableContext = {
  matcher: createOrganizationMatcher(PHU_THO_ORGANIZATIONS),
  issueYear: 2026,
  planEndYear: 2028,
  directiveIssuedOn: '2026-02-10',
  today: '2026-03-15',
};

const HEADER = ['STT', 'Nội dung nhiệm vụ', 'Cơ quan chủ trì', 'Cơ quan phối hợp', 'Sản phẩm', 'Thời hạn hoàn thành', 'Ngày hoàn thành', 'Ghi chú'];

describe('headerColumn', () => {
  it.each([
    ['', null],
    ['Ghi chú', null],
    ['Thời gian thực hiện', null],
    ['Tình trạng', null],
    ['STT', 'label'],
    ['TT', 'label'],
    ['Nội dung nhiệm vụ', 'title'],
    ['NỘI DUNG', 'title'],
    ['Nội dung công việc', 'title'],
    ['Tên nhiệm vụ', 'title'],
    ['Nhiệm vụ, giải pháp', 'title'],
    ['Cơ quan chủ trì', 'lead'],
    ['Cơ quan\nchủ trì', 'lead'],
    ['Đơn vị chủ trì thực hiện', 'lead'],
    ['Chủ trì', 'lead'],
    ['Cơ quan phối hợp', 'coordinating'],
    ['Đơn vị phối hợp', 'coordinating'],
    ['Phối hợp', 'coordinating'],
    ['Sản phẩm', 'output'],
    ['Kết quả, sản phẩm', 'output'],
    ['Thời gian hoàn thành', 'deadline'],
    ['Thời hạn hoàn thành', 'deadline'],
    ['Thời hạn', 'deadline'],
    ['THỜI HẠN', 'deadline'],
    ['Ngày hoàn thành', 'completedOn'],
    ['Ngày hoàn thành (nếu có)', 'completedOn'],
  ])('%j → %s', (text, column) => {
    expect(headerColumn(text)).toBe(column);
  });
});

describe('columnLetter', () => {
  it.each([
    [0, 'A'],
    [5, 'F'],
    [25, 'Z'],
    [26, 'AA'],
    [27, 'AB'],
    [701, 'ZZ'],
    [702, 'AAA'],
  ])('%i → %s', (index, letter) => {
    expect(columnLetter(index)).toBe(letter);
  });
});

describe('readTaskTable: header row', () => {
  it('reports the missing required columns when no header row is found', () => {
    const result = readTaskTable(grid([['STT', 'Nội dung', 'Ghi chú'], ['1', 'Việc', '']]), context);
    expect(result.ok).toBe(false);
    expect(result.rows).toEqual([]);
    expect(result.errors).toEqual([
      {
        row: null,
        column: null,
        header: null,
        value: null,
        message:
          'Không tìm thấy dòng tiêu đề của bảng nhiệm vụ trong 20 dòng đầu của trang tính thứ nhất: thiếu cột "Cơ quan chủ trì", "Thời gian hoàn thành". Vui lòng kiểm tra tên các cột',
        suggestions: [],
      },
    ]);
  });

  it('reports all three required columns for an empty sheet', () => {
    const result = readTaskTable({ rows: [] }, context);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0].message).toContain('thiếu cột "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Thời gian hoàn thành"');
  });

  it('looks for the header in rows 1–20 only', () => {
    const rows: Input[][] = Array.from({ length: 20 }, () => ['Tiêu đề']);
    rows.push(HEADER, ['1', 'Việc', 'Sở Tài chính', '', '', '30/6/2026']);
    expect(readTaskTable(grid(rows), context).ok).toBe(false);
    rows.splice(0, 1);
    const result = readTaskTable(grid(rows), context);
    expect(result.ok).toBe(true);
    expect(result.rows[0].sheetRow).toBe(21);
  });

  it('takes the first row holding every required column, below title rows', () => {
    const result = readTaskTable(
      grid([
        ['ỦY BAN NHÂN DÂN TỈNH PHÚ THỌ'],
        ['Nội dung: thực hiện Nghị quyết 57', 'Thời hạn: 2026'], // title and deadline only: not the header
        [],
        ['TT', 'Nội dung', 'Chủ trì', 'Thời hạn'],
        ['1', 'Việc một', 'Sở Tài chính', '2026'],
      ]),
      context,
    );
    expect(result.errors).toEqual([]);
    expect(result.rows.map((r) => [r.sheetRow, r.title])).toEqual([[5, 'Việc một']]);
  });

  it.each([
    [['(1)', '(2)', '(3)', '(4)']],
    [['1', '2', '3', '4']],
    [[number(1), number(2), number(3), number(4)]],
    [['( 1 )', '(2)', null, '(4)']],
  ])('skips a column-number row right under the header: %j', (numbers) => {
    const result = readTaskTable(
      grid([['TT', 'Nội dung', 'Chủ trì', 'Thời hạn'], numbers, ['1', 'Việc', 'Sở Tài chính', '2026']]),
      context,
    );
    expect(result.errors).toEqual([]);
    expect(result.rows).toHaveLength(1);
  });

  it('does not skip a column-number row further down', () => {
    const result = readTaskTable(
      grid([['TT', 'Nội dung', 'Chủ trì', 'Thời hạn'], ['1', 'Việc', 'Sở Tài chính', '2026'], ['(1)', '(2)', '(3)', '(4)']]),
      context,
    );
    expect(result.ok).toBe(false);
    expect(result.errors.map((e) => [e.row, e.column])).toEqual([
      [3, 'C'],
      [3, 'D'],
    ]);
  });
});

describe('readTaskTable: a complete table', () => {
  const table = grid([
    ['ỦY BAN NHÂN DÂN TỈNH PHÚ THỌ', MERGED, MERGED],
    ['KẾ HOẠCH thực hiện Nghị quyết số 57-NQ/TW', MERGED, MERGED],
    [],
    HEADER,
    ['(1)', '(2)', '(3)', '(4)', '(5)', '(6)', '(7)', '(8)'],
    ['I', 'CHUYỂN ĐỔI SỐ', MERGED, MERGED, MERGED, MERGED, MERGED, MERGED],
    ['a)', 'Hạ tầng số', MERGED, MERGED],
    ['1', 'Xây dựng kế hoạch', 'Sở Khoa học và Công nghệ', 'Sở Tài chính, các sở, ban, ngành liên quan', 'Kế hoạch', '30/6/2026', '', 'ghi chú bất kỳ'],
    ['2', 'Rà soát', 'Sở Nội vụ, Sở Tài chính', '', 'Báo cáo', 'Quý II/2026'],
    ['3', 'Báo cáo định kỳ', 'Sở KH&CN', 'Sở Nội vụ', 'Báo cáo', 'Hằng năm'],
    ['4', 'Tuyên truyền', 'Sở Văn hóa, Thể thao và Du lịch; Sở KH&CN', '', '', 'Hàng năm'],
    ['II.', 'ĐỔI MỚI SÁNG TẠO', MERGED, MERGED],
    ['1', 'Triển khai', 'UBND các xã, phường', '', '', 'Thường xuyên'],
    ['C', 'NHÓM C'],
    ['A', 'Phụ A'],
    ['1', 'Đã xong', 'Sở Tài chính', '', '', date('2026-06-01', false), '10/3/2026'],
    [],
    [null, MERGED, MERGED],
    ['D.', 'Nhóm D'],
    ['V)', 'Nhóm V'],
    ['đ)', 'Nhóm con đ'],
    ['2', 'Một cơ quan', 'Sở Nội vụ, Sở Nội vụ và SNV', '', '', number(2027), date('2026-03-15')],
    ['I. NHÓM GỘP Ô', MERGED, MERGED, MERGED],
    ['1', 'Nhiệm vụ trong nhóm gộp', 'Sở Kế hoạch và Đầu tư', '', '', '2025 - 2026'],
  ]);
  const result = readTaskTable(table, context);

  it('reads without errors', () => {
    expect(result.errors).toEqual([]);
    expect(result.ok).toBe(true);
  });

  it('collects group and subgroup headings; C, D and V are Roman', () => {
    expect(result.groups).toEqual([
      { label: 'I', title: 'CHUYỂN ĐỔI SỐ', subgroups: [{ label: 'a', title: 'Hạ tầng số' }] },
      { label: 'II', title: 'ĐỔI MỚI SÁNG TẠO', subgroups: [] },
      { label: 'C', title: 'NHÓM C', subgroups: [{ label: 'A', title: 'Phụ A' }] },
      { label: 'D', title: 'Nhóm D', subgroups: [] },
      { label: 'V', title: 'Nhóm V', subgroups: [{ label: 'đ', title: 'Nhóm con đ' }] },
      { label: 'I', title: 'NHÓM GỘP Ô', subgroups: [] },
    ]);
    expect(result.rows.map((r) => [r.sheetRow, r.group, r.subgroup])).toEqual([
      [8, 'CHUYỂN ĐỔI SỐ', 'Hạ tầng số'],
      [9, 'CHUYỂN ĐỔI SỐ', 'Hạ tầng số'],
      [10, 'CHUYỂN ĐỔI SỐ', 'Hạ tầng số'],
      [11, 'CHUYỂN ĐỔI SỐ', 'Hạ tầng số'],
      [13, 'ĐỔI MỚI SÁNG TẠO', null],
      [16, 'NHÓM C', 'Phụ A'],
      [22, 'Nhóm V', 'Nhóm con đ'],
      [24, 'NHÓM GỘP Ô', null],
    ]);
  });

  it('makes one task for one lead and a single deadline, with coordinating organizations and notes', () => {
    expect(result.rows[0]).toEqual({
      sheetRow: 8,
      group: 'CHUYỂN ĐỔI SỐ',
      subgroup: 'Hạ tầng số',
      title: 'Xây dựng kế hoạch',
      output: 'Kế hoạch',
      coordinating: [id('STC')],
      coordinationNotes: ['các sở, ban, ngành liên quan'],
      container: false,
      tasks: [
        { leadOrganizationId: id('SKHCN'), deadline: '2026-06-30', isContinuous: false, year: null, assignedOn: '2026-02-10', completedOn: null },
      ],
    });
  });

  it('makes a container with one task per lead for several leads', () => {
    const row = result.rows[1];
    expect(row.container).toBe(true);
    expect(row.tasks).toEqual([
      { leadOrganizationId: id('SNV'), deadline: '2026-06-30', isContinuous: false, year: null, assignedOn: '2026-02-10', completedOn: null },
      { leadOrganizationId: id('STC'), deadline: '2026-06-30', isContinuous: false, year: null, assignedOn: '2026-02-10', completedOn: null },
    ]);
  });

  it('makes a container with one task per year for a yearly row, each assigned from 1 January (or the issue date)', () => {
    const row = result.rows[2];
    expect(row.container).toBe(true);
    expect(row.coordinating).toEqual([id('SNV')]);
    expect(row.tasks).toEqual([
      { leadOrganizationId: id('SKHCN'), deadline: '2026-12-31', isContinuous: false, year: 2026, assignedOn: '2026-02-10', completedOn: null },
      { leadOrganizationId: id('SKHCN'), deadline: '2027-12-31', isContinuous: false, year: 2027, assignedOn: '2027-01-01', completedOn: null },
      { leadOrganizationId: id('SKHCN'), deadline: '2028-12-31', isContinuous: false, year: 2028, assignedOn: '2028-01-01', completedOn: null },
    ]);
  });

  it('makes one container with a task per lead and year for several leads and a yearly deadline', () => {
    const row = result.rows[3];
    expect(row.container).toBe(true);
    expect(row.output).toBeNull();
    expect(row.tasks.map((t) => [t.leadOrganizationId, t.year])).toEqual([
      [id('SVHTTDL'), 2026],
      [id('SVHTTDL'), 2027],
      [id('SVHTTDL'), 2028],
      [id('SKHCN'), 2026],
      [id('SKHCN'), 2027],
      [id('SKHCN'), 2028],
    ]);
  });

  it('expands a group of leads into one continuous task per member', () => {
    const row = result.rows[4];
    expect(row.container).toBe(true);
    expect(row.tasks).toHaveLength(6);
    expect(row.tasks.every((t) => t.deadline === null && t.isContinuous && t.year === null)).toBe(true);
  });

  it('reads a month-only date cell as the month end and copies the completion date', () => {
    expect(result.rows[5].tasks).toEqual([
      { leadOrganizationId: id('STC'), deadline: '2026-06-30', isContinuous: false, year: null, assignedOn: '2026-02-10', completedOn: '2026-03-10' },
    ]);
  });

  it('counts repeated leads once; a number is a year; a completion date of today is allowed', () => {
    const row = result.rows[6];
    expect(row.container).toBe(false);
    expect(row.tasks).toEqual([
      { leadOrganizationId: id('SNV'), deadline: '2027-12-31', isContinuous: false, year: null, assignedOn: '2026-02-10', completedOn: '2026-03-15' },
    ]);
  });

  it('maps a predecessor to its successor with a warning', () => {
    expect(result.rows[7].tasks.map((t) => [t.leadOrganizationId, t.deadline])).toEqual([[id('STC'), '2026-12-31']]);
    expect(result.warnings).toEqual([
      'Dòng 24, cột "Cơ quan chủ trì": "Sở Kế hoạch và Đầu tư" đã hợp nhất vào "Sở Tài chính"; hệ thống dùng "Sở Tài chính"',
    ]);
  });

  it('counts the tasks that are not containers', () => {
    expect(result.taskCount).toBe(1 + 2 + 3 + 6 + 6 + 1 + 1 + 1);
  });
});

describe('readTaskTable: headings', () => {
  const read = (rows: Input[][]) =>
    readTaskTable(grid([['TT', 'Nội dung', 'Chủ trì', 'Thời hạn'], ...rows]), context);

  it('puts a letter heading before any Roman heading at the top level', () => {
    const result = read([['A', 'Phần A'], ['1', 'Việc', 'Sở Tài chính', '2026']]);
    expect(result.groups).toEqual([{ label: 'A', title: 'Phần A', subgroups: [] }]);
    expect(result.rows[0].group).toBe('Phần A');
    expect(result.rows[0].subgroup).toBeNull();
  });

  it('resets the subgroup at a new group', () => {
    const result = read([
      ['I', 'Một'],
      ['b.', 'Con'],
      ['II', 'Hai'],
      ['1', 'Việc', 'Sở Tài chính', '2026'],
    ]);
    expect(result.rows[0]).toMatchObject({ group: 'Hai', subgroup: null });
  });

  it('is not a heading when the lead cell is filled', () => {
    const result = read([['I', 'Nhiệm vụ có chủ trì', 'Sở Tài chính', '2026']]);
    expect(result.groups).toEqual([]);
    expect(result.rows).toHaveLength(1);
  });

  it.each([['IIII'], ['1'], ['1.1'], ['AB'], ['-']])('label %j with an empty lead is an error, not a heading', (label) => {
    const result = read([[label, 'Tiêu đề', '', '2026']]);
    expect(result.groups).toEqual([]);
    expect(result.errors.map((e) => e.message)).toEqual(['Dòng 2, cột "Chủ trì": chưa ghi cơ quan chủ trì']);
  });

  it('skips fully empty rows, including rows of merged remnants', () => {
    const result = read([[], [null, null, null], [MERGED, MERGED, MERGED, MERGED], ['1', 'Việc', 'Sở Tài chính', '2026']]);
    expect(result.errors).toEqual([]);
    expect(result.rows.map((r) => r.sheetRow)).toEqual([5]);
  });

  it('does not read a vertically merged lead cell twice', () => {
    const result = read([
      ['1', 'Việc một', 'Sở Tài chính', '2026'],
      ['2', 'Việc hai', MERGED, '2026'],
    ]);
    expect(result.errors.map((e) => [e.row, e.column, e.message])).toEqual([
      [3, 'C', 'Dòng 3, cột "Chủ trì": chưa ghi cơ quan chủ trì'],
    ]);
  });
});

describe('readTaskTable: errors', () => {
  const header = ['TT', 'Tên nhiệm vụ', 'Đơn vị chủ trì', 'Phối hợp', 'Kết quả', 'Thời hạn', 'Ngày hoàn thành'];
  const result = readTaskTable(
    grid([
      header,
      ['1', '', 'Sở Tài chính', '', '', '30/6/2026'],
      ['2', 'Không chủ trì', '', '', '', '30/6/2026'],
      ['3', 'Tên lạ', 'Sở Tài chánh', '', '', '30/6/2026'],
      ['4', 'Trùng tên', 'Hòa Bình', '', '', '30/6/2026'],
      ['5', 'Quý sai', 'Sở Tài chính', '', '', 'Quý V/2026'],
      ['6', 'Hoàn thành tương lai', 'Sở Tài chính', '', '', '30/6/2026', '16/3/2026'],
      ['7', 'Hoàn thành trước khi giao', 'Sở Tài chính', '', '', '30/6/2026', '1/1/2026'],
      ['8', 'Hằng năm đã xong', 'Sở Tài chính', '', '', 'Hằng năm', '1/3/2026'],
      ['9', 'Chỉ ghi chú', 'Các sở, ban, ngành liên quan', '', '', '30/6/2026'],
      ['10', 'Phối hợp lạ', 'Sở Tài chính', 'Sở ABC', '', '30/6/2026'],
      ['11', 'Không thời hạn', 'Sở Tài chính', '', '', ''],
      ['12', 'Đúng', 'Sở Tài chính', '', '', '30/6/2026'],
      ['13', 'Chủ trì kèm ghi chú', 'Sở Tài chính và các sở liên quan', '', '', '30/6/2026'],
      ['14', '', 'Sở Tài chánh', '', '', '31/02/2026'],
    ]),
    context,
  );
  const byRow = (row: number): TaskTableError[] => result.errors.filter((e) => e.row === row);

  it('fails as a whole and keeps only the rows without errors', () => {
    expect(result.ok).toBe(false);
    expect(result.rows.map((r) => r.sheetRow)).toEqual([13]);
    expect(result.taskCount).toBe(1);
  });

  it.each<[number, Partial<TaskTableError>]>([
    [2, { column: 'B', header: 'Tên nhiệm vụ', value: '', message: 'Dòng 2, cột "Tên nhiệm vụ": chưa có nội dung nhiệm vụ' }],
    [3, { column: 'C', header: 'Đơn vị chủ trì', value: '', message: 'Dòng 3, cột "Đơn vị chủ trì": chưa ghi cơ quan chủ trì' }],
    [6, { column: 'F', header: 'Thời hạn', value: 'Quý V/2026', message: 'Dòng 6, cột "Thời hạn": "Quý V/2026" không phải là quý hợp lệ', suggestions: [] }],
    [7, { column: 'G', header: 'Ngày hoàn thành', value: '16/3/2026', message: 'Dòng 7, cột "Ngày hoàn thành": ngày hoàn thành 16/03/2026 sau ngày hôm nay (15/03/2026)' }],
    [8, { column: 'G', value: '1/1/2026', message: 'Dòng 8, cột "Ngày hoàn thành": ngày hoàn thành 01/01/2026 trước ngày giao nhiệm vụ (10/02/2026)' }],
    [9, { column: 'G', value: '1/3/2026', message: 'Dòng 9, cột "Ngày hoàn thành": nhiệm vụ hằng năm không ghi ngày hoàn thành chung. Vui lòng để trống ô này' }],
    [10, { column: 'C', value: 'Các sở, ban, ngành liên quan', message: 'Dòng 10, cột "Đơn vị chủ trì": "Các sở, ban, ngành liên quan" chưa phải là cơ quan chủ trì xác định. Vui lòng ghi rõ cơ quan chủ trì' }],
    [12, { column: 'F', value: '', message: 'Dòng 12, cột "Thời hạn": chưa ghi thời hạn hoàn thành' }],
    [14, { column: 'C', value: 'Sở Tài chính và các sở liên quan', message: 'Dòng 14, cột "Đơn vị chủ trì": "các sở liên quan" không được ghi ở cột chủ trì. Vui lòng ghi rõ cơ quan chủ trì, đưa các cơ quan liên quan sang cột phối hợp' }],
  ])('row %i', (row, expected) => {
    const errors = byRow(row);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ row, suggestions: [], ...expected });
  });

  it('reports an unknown lead with the three closest names', () => {
    const [error] = byRow(4);
    expect(error).toMatchObject({ row: 4, column: 'C', header: 'Đơn vị chủ trì', value: 'Sở Tài chánh' });
    expect(error.suggestions).toHaveLength(3);
    expect(error.suggestions[0]).toBe('Sở Tài chính');
    expect(error.message).toBe(`Dòng 4, cột "Đơn vị chủ trì": Không tìm thấy cơ quan, đơn vị "Sở Tài chánh". Có phải: ${error.suggestions.join(', ')}?`);
  });

  it('reports an ambiguous lead listing both organizations', () => {
    expect(byRow(5)).toEqual([
      {
        row: 5,
        column: 'C',
        header: 'Đơn vị chủ trì',
        value: 'Hòa Bình',
        message: 'Dòng 5, cột "Đơn vị chủ trì": "Hòa Bình" trùng tên với nhiều cơ quan, đơn vị: Phường Hòa Bình (04795), Xã Hòa Bình (99999). Vui lòng ghi rõ tên đầy đủ',
        suggestions: [],
      },
    ]);
  });

  it('reports an unknown coordinating organization', () => {
    const [error] = byRow(11);
    expect(error).toMatchObject({ column: 'D', header: 'Phối hợp', value: 'Sở ABC' });
    expect(error.message).toMatch(/^Dòng 11, cột "Phối hợp": Không tìm thấy cơ quan, đơn vị "Sở ABC"\. Có phải: .+\?$/);
  });

  it('reports every problem of a row', () => {
    expect(byRow(15).map((e) => e.column)).toEqual(['B', 'C', 'F']);
  });
});

describe('readTaskTable: yearly rows and the plan end year', () => {
  const rows = grid([['TT', 'Nội dung', 'Chủ trì', 'Thời hạn'], ['1', 'Hằng năm', 'Sở Tài chính', 'Hằng năm']]);

  it('is an error when the directive has no plan end year', () => {
    const result = readTaskTable(rows, { ...context, planEndYear: null });
    expect(result.errors.map((e) => [e.row, e.column, e.message])).toEqual([
      [2, 'D', 'Dòng 2, cột "Thời hạn": văn bản chưa có năm kết thúc kế hoạch nên không tạo được nhiệm vụ hằng năm. Vui lòng ghi năm kết thúc kế hoạch của văn bản'],
    ]);
  });

  it('is an error when the plan ends before the issue year', () => {
    const result = readTaskTable(rows, { ...context, planEndYear: 2025 });
    expect(result.errors[0].message).toBe('Dòng 2, cột "Thời hạn": năm kết thúc kế hoạch (2025) trước năm ban hành văn bản (2026)');
  });

  it('makes a single-year container when the plan ends in the issue year', () => {
    const result = readTaskTable(rows, { ...context, planEndYear: 2026 });
    expect(result.rows[0].container).toBe(true);
    expect(result.rows[0].tasks.map((t) => [t.year, t.assignedOn, t.deadline])).toEqual([[2026, '2026-02-10', '2026-12-31']]);
  });

  it('assigns each year from 1 January when the directive was issued the year before', () => {
    const result = readTaskTable(rows, { ...context, issueYear: 2025, directiveIssuedOn: '2025-12-22', planEndYear: 2026 });
    expect(result.rows[0].tasks.map((t) => [t.year, t.assignedOn])).toEqual([
      [2025, '2025-12-22'],
      [2026, '2026-01-01'],
    ]);
  });
});
