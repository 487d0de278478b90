import { describe, expect, it } from 'vitest';
import { NATIONAL_ORGANIZATIONS } from '../../test/fixtures/organizations';
import type { CellValue } from './deadline-parsing';
import { readIndexData, readIndexFramework, type IndexDataContext, type PeerRef } from './index-tables';
import { createOrganizationMatcher } from './organization-matching';
import type { Grid, GridCell } from './task-table';

type Input = string | number | CellValue | null;

function cell(input: Input): GridCell | null {
  if (input === null || input === '') return null;
  if (typeof input === 'string') return { value: { kind: 'text', text: input }, text: input };
  if (typeof input === 'number') return { value: { kind: 'number', value: input }, text: String(input) };
  return { value: input, text: input.kind === 'number' ? String(input.value) : input.kind === 'text' ? input.text : '' };
}
const grid = (rows: Input[][]): Grid => ({ rows: rows.map((row) => row.map(cell)) });

const HEADER = ['Mã', 'Tên', 'Cấp', 'Thuộc', 'Trọng số', 'Chiều (Tăng/Giảm)', 'Điểm tối đa'];

describe('readIndexFramework', () => {
  it('reads a tree with defaults, half weights, bads and a column-number row', () => {
    const result = readIndexFramework(
      grid([
        ['KHUNG CHỈ SỐ PII'],
        HEADER,
        ['(1)', '(2)', '(3)', '(4)', '(5)', '(6)', '(7)'],
        ['PII', 'Chỉ số đổi mới sáng tạo', 'Chỉ số', '', '', '', ''],
        ['IN', 'Chỉ số phụ đầu vào', 'Chỉ số thành phần', 'PII', '', '', ''],
        ['P1', 'Thể chế', 'Trụ cột', 'in', '', '', ''],
        ['P1.1', 'Môi trường', 'Nhóm', 'P1', '', '', ''],
        ['1.1.1', 'Chi phí gia nhập', 'Chỉ tiêu', 'P1.1', '0,5', 'Giảm', ''],
        ['1.1.2', 'Chỉ số PCI', 'chỉ tiêu', 'P1.1', 1, 'Tăng', ''],
        [null],
        ['OUT', 'Output sub-index', 'Sub-index', 'PII', '', '', ''],
        ['6.1.1', 'Số bằng sáng chế', 'Indicator', 'OUT', '', '', ''],
      ]),
      { method: 'minmax' },
    );
    expect(result.errors).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.rows.map((row) => [row.code, row.level, row.parentCode, row.weight, row.direction, row.sortOrder])).toEqual([
      ['PII', 'index', null, 1, 'higher', 0],
      ['IN', 'sub_index', 'PII', 1, 'higher', 1],
      ['P1', 'pillar', 'IN', 1, 'higher', 2],
      ['P1.1', 'sub_pillar', 'P1', 1, 'higher', 3],
      ['1.1.1', 'indicator', 'P1.1', 0.5, 'lower', 4],
      ['1.1.2', 'indicator', 'P1.1', 1, 'higher', 5],
      ['OUT', 'sub_index', 'PII', 1, 'higher', 6],
      ['6.1.1', 'indicator', 'OUT', 1, 'higher', 7],
    ]);
    expect(result.rows[0].sheetRow).toBe(4);
  });

  it('reports unknown parents, cycles, duplicate codes, bad levels and a non-leaf indicator, each with its place', () => {
    const result = readIndexFramework(
      grid([
        HEADER,
        ['PII', 'Chỉ số', 'Chỉ số', '', '', '', ''], // 2
        ['P1', 'Trụ cột 1', 'Trụ cột', 'PII', '', '', ''], // 3
        ['P1', 'Trụ cột 1 lặp', 'Trụ cột', 'PII', '', '', ''], // 4 duplicate
        ['X1', 'Chỉ tiêu 1', 'Chỉ tiêu', 'P9', '', '', ''], // 5 unknown parent
        ['A', 'Vòng A', 'Nhóm', 'B', '', '', ''], // 6 cycle
        ['B', 'Vòng B', 'Nhóm', 'A', '', '', ''], // 7 cycle
        ['X2', 'Chỉ tiêu 2', 'Tiểu mục', 'P1', '', '', ''], // 8 bad level
        ['X3', 'Chỉ tiêu 3', 'Chỉ tiêu', 'P1', '', '', ''], // 9 non-leaf
        ['X4', 'Chỉ tiêu 4', 'Chỉ tiêu', 'X3', 'không', 'Lên', ''], // 10 bad weight and direction
        ['P2', 'Trụ cột 2', 'Trụ cột', 'X3', '', '', ''], // 11 below an indicator
        ['N1', 'Nhóm 1', 'Nhóm', 'P1', '', '', ''], // 12
        ['P3', 'Trụ cột 3', 'Trụ cột', 'N1', '', '', ''], // 13 level above its parent's
      ]),
      { method: 'minmax' },
    );
    expect(result.ok).toBe(false);
    const places = result.errors.map((error) => [error.row, error.column, error.header]);
    expect(places).toEqual([
      [4, 'A', 'Mã'],
      [5, 'D', 'Thuộc'],
      [6, 'D', 'Thuộc'],
      [7, 'D', 'Thuộc'],
      [8, 'C', 'Cấp'],
      [9, 'C', 'Cấp'],
      [10, 'E', 'Trọng số'],
      [10, 'F', 'Chiều (Tăng/Giảm)'],
      [13, 'D', 'Thuộc'],
    ]);
    const message = (row: number, column = 'D') => result.errors.find((error) => error.row === row && error.column === column)!.message;
    expect(message(4, 'A')).toBe('Dòng 4, cột "Mã": mã "P1" đã dùng ở dòng 3. Mỗi mã chỉ ghi một lần');
    expect(message(5)).toContain('không tìm thấy mã cấp trên "P9"');
    expect(result.errors.find((error) => error.row === 5)!.suggestions).toContain('P1');
    expect(message(6)).toContain('vòng lặp cấp trên: "A" → "B" → "A"');
    expect(message(8, 'C')).toContain('"Tiểu mục" không phải là cấp hợp lệ');
    expect(message(9, 'C')).toContain('"X3" là chỉ tiêu nhưng có cấp dưới ("X4" dòng 10, "P2" dòng 11)');
    expect(message(13)).toContain('trụ cột "P3" không thể thuộc nhóm "N1"');
  });

  it('requires one root and maximum points of indicators for the points method', () => {
    const result = readIndexFramework(
      grid([
        HEADER,
        ['DTI', 'Chỉ số CĐS', 'Chỉ số', '', '', '', ''],
        ['DTI2', 'Chỉ số khác', 'Chỉ số', '', '', '', ''],
        ['G', 'Chính quyền số', 'Trụ cột', 'DTI', '', '', 50],
        ['G1', 'Dịch vụ công trực tuyến', 'Chỉ tiêu', 'G', '', '', 20],
        ['G2', 'Hồ sơ trực tuyến', 'Chỉ tiêu', 'G', '', '', ''],
      ]),
      { method: 'points' },
    );
    expect(result.errors.map((error) => [error.row, error.column])).toEqual([
      [3, 'C'],
      [6, 'G'],
    ]);
    expect(result.errors[1].message).toContain('mỗi chỉ tiêu cần điểm tối đa');
    const fine = readIndexFramework(
      grid([HEADER, ['DTI', 'Chỉ số CĐS', 'Chỉ số', '', '', '', ''], ['G', 'Chính quyền số', 'Trụ cột', 'DTI', '', '', 50], ['G1', 'DVC', 'Chỉ tiêu', 'G', '', '', '20'], ['G2', 'Hồ sơ', 'Chỉ tiêu', 'G', '', '', '2,5']]),
      { method: 'points' },
    );
    expect(fine.ok).toBe(true);
    expect(fine.rows.map((row) => row.maxPoints)).toEqual([null, 50, 20, 2.5]);
    expect(fine.warnings).toEqual(['Dòng 3: điểm tối đa của "G" là 50 nhưng tổng điểm tối đa các chỉ tiêu của nó là 22,5; hệ thống dùng tổng các chỉ tiêu']);
  });

  it('refuses a root mixing sub-indices and pillars, and links Thực Thi indicators', () => {
    const result = readIndexFramework(
      grid([
        [...HEADER, 'Chỉ tiêu Thực Thi'],
        ['PII', 'PII', 'Chỉ số', '', '', '', '', ''],
        ['IN', 'Input', 'Chỉ số thành phần', 'PII', '', '', '', ''],
        ['P7', 'Trụ cột 7', 'Trụ cột', 'PII', '', '', '', ''],
        ['X', 'Chỉ tiêu', 'Chỉ tiêu', 'IN', '', '', '', 'dvc_tt'],
        ['Y', 'Chỉ tiêu', 'Chỉ tiêu', 'IN', '', '', '', 'KHONG_CO'],
      ]),
      { method: 'minmax', indicators: new Map([['DVC_TT', { id: 7, code: 'DVC_TT' }]]) },
    );
    expect(result.errors.map((error) => [error.row, error.column])).toEqual([
      [4, 'D'],
      [6, 'H'],
    ]);
    expect(result.rows.find((row) => row.code === 'X')).toMatchObject({ indicatorId: 7, indicatorCode: 'DVC_TT' });
    expect(result.warnings).toContain('Dòng 4: trụ cột "P7" chưa có chỉ tiêu nào nên không có điểm');
  });

  it('reports a sheet without the header', () => {
    const result = readIndexFramework(grid([['Mã', 'Tên']]), { method: 'minmax' });
    expect(result.errors).toEqual([expect.objectContaining({ row: null, message: expect.stringContaining('thiếu cột "Cấp", "Thuộc"') })]);
  });
});

describe('readIndexData', () => {
  const organizations = [...NATIONAL_ORGANIZATIONS, { id: 208, code: '79', name: 'Thành phố Hồ Chí Minh', shortName: 'TP. Hồ Chí Minh', aliases: [], predecessors: [], kind: 'province', parentCode: null, active: true }];
  const context: IndexDataContext = {
    nodes: [
      { code: 'PII', level: 'index' },
      { code: 'P1', level: 'pillar' },
      { code: '1.1.1', level: 'indicator' },
      { code: 'X2', level: 'indicator' },
    ],
    matcher: createOrganizationMatcher(organizations),
    organizationsByCode: new Map<string, PeerRef>(organizations.map((o) => [o.code, { id: o.id, code: o.code, name: o.name, kind: o.kind }])),
    peerKinds: ['province'],
    peerLabel: 'tỉnh, thành phố',
  };

  it('reads codes, names, years and Vietnamese numbers', () => {
    const result = readIndexData(
      grid([
        ['Mã chỉ tiêu', 'Đơn vị', 'Đơn vị tính', 'Năm', 'Giá trị'],
        ['1.1.1', '25', '%', 2025, '1.234,5'],
        ['x2', 'Thành phố Hà Nội', '', 'Năm 2025', '22,5%'],
        ['X2', 25, '', '2024', 0.5],
        ['X2', 'Tỉnh Phú Thọ', '', 2025, { kind: 'number', value: 0.225 }],
      ]),
      context,
    );
    expect(result.errors).toEqual([]);
    expect(result.rows.map((row) => [row.nodeCode, row.organizationCode, row.year, row.value])).toEqual([
      ['1.1.1', '25', 2025, 1234.5],
      ['X2', '01', 2025, 22.5],
      ['X2', '25', 2024, 0.5],
      ['X2', '25', 2025, 0.225],
    ]);
  });

  it('reports unknown codes, groups of nodes, non-peers, bad years and values, duplicates', () => {
    const result = readIndexData(
      grid([
        ['Mã chỉ tiêu', 'Đơn vị', 'Năm', 'Giá trị'],
        ['1.1.l', '25', 2025, 1], // 2
        ['P1', '25', 2025, 1], // 3
        ['X2', 'Bộ Tài chính', 2025, 1], // 4
        ['X2', 'Tỉnh Không Có', 2025, 1], // 5
        ['X2', '01', 'năm ngoái', 'một'], // 6
        ['X2', '79', 2025, 3], // 7
        ['X2', 'TP. Hồ Chí Minh', 2025, 4], // 8 duplicate of 7
      ]),
      context,
    );
    expect(result.ok).toBe(false);
    expect(result.errors.map((error) => [error.row, error.column])).toEqual([
      [2, 'A'],
      [3, 'A'],
      [4, 'B'],
      [5, 'B'],
      [6, 'C'],
      [6, 'D'],
      [8, 'C'],
    ]);
    expect(result.errors[0].suggestions[0]).toBe('1.1.1');
    expect(result.errors[1].message).toContain('"P1" là trụ cột');
    expect(result.errors[2].message).toContain('không thuộc nhóm so sánh của chỉ số này (tỉnh, thành phố)');
    expect(result.errors[6].message).toContain('đã có giá trị ở dòng 7');
  });
});
