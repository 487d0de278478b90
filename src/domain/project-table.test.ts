import { describe, expect, it } from 'vitest';
import { PHU_THO_ORGANIZATIONS, organizationByCode } from '../../test/fixtures/organizations';
import type { CellValue } from './deadline-parsing';
import { createOrganizationMatcher } from './organization-matching';
import { DEFAULT_STAGES } from './project-lifecycle';
import { normalizeProjectCode, parseAmountCell, parseMonthCell, projectHeaderColumn, readProjectTable, type ProjectTableContext } from './project-table';
import type { Grid, GridCell } from './task-table';

type Input = string | number | CellValue | null;

function cell(input: Input): GridCell | null {
  if (input === null || input === '') return null;
  if (typeof input === 'string') return { value: { kind: 'text', text: input }, text: input };
  if (typeof input === 'number') return { value: { kind: 'number', value: input }, text: String(input) };
  if (input.kind === 'date') {
    const [y, m, d] = input.date.split('-');
    return { value: input, text: input.showsDay ? `${d}/${m}/${y}` : `${m}/${y}` };
  }
  return { value: input, text: input.kind === 'text' ? input.text : input.kind === 'number' ? String(input.value) : '' };
}

const grid = (rows: Input[][]): Grid => ({ rows: rows.map((row) => row.map(cell)) });
const date = (iso: string, showsDay = true): CellValue => ({ kind: 'date', date: iso, showsDay });
const id = (code: string) => organizationByCode(PHU_THO_ORGANIZATIONS, code).id;

const HEADER = [
  'STT',
  'Mã số',
  'Tên nhiệm vụ',
  'Loại nhiệm vụ',
  'Cấp quản lý',
  'Lĩnh vực',
  'Tổ chức chủ trì',
  'Chủ nhiệm nhiệm vụ',
  'Thành viên',
  'Thời gian bắt đầu',
  'Thời gian kết thúc',
  'Tổng kinh phí (triệu đồng)',
  'NSNN năm 2025',
  'NSNN năm 2026',
  'Kinh phí khác',
  'Đã cấp năm 2025',
  'Giai đoạn',
  'Số hợp đồng',
  'Ngày ký hợp đồng',
  'Gia hạn đến',
  'Ngày phê duyệt gia hạn',
  'Ngày nghiệm thu',
  'Kết quả nghiệm thu',
];

const context = (overrides: Partial<ProjectTableContext> = {}): ProjectTableContext => ({
  matcher: createOrganizationMatcher(PHU_THO_ORGANIZATIONS),
  stages: DEFAULT_STAGES,
  today: '2026-03-15',
  existingCodes: new Set(['ĐT.2024.01']),
  programmes: [{ id: 7, number: '15/CTr-UBND', title: 'Chương trình phát triển KH&CN tỉnh giai đoạn 2021–2025' }],
  ...overrides,
});

describe('project list import', () => {
  it('names columns by their headers, recognising the yearly state budget and payment columns', () => {
    expect(projectHeaderColumn('Mã số nhiệm vụ')).toEqual({ column: 'code' });
    expect(projectHeaderColumn('Chủ nhiệm đề tài')).toEqual({ column: 'investigator' });
    expect(projectHeaderColumn('Tổ chức chủ trì')).toEqual({ column: 'host' });
    expect(projectHeaderColumn('Kinh phí NSNN năm 2026')).toEqual({ column: 'stateYear', year: 2026 });
    expect(projectHeaderColumn('NSNN 2025')).toEqual({ column: 'stateYear', year: 2025 });
    expect(projectHeaderColumn('Kinh phí NSNN')).toEqual({ column: 'budgetState' });
    expect(projectHeaderColumn('Đã cấp năm 2025')).toEqual({ column: 'paidYear', year: 2025 });
    expect(projectHeaderColumn('Ghi chú khác')).toEqual({ column: 'note' });
    expect(projectHeaderColumn('Không biết')).toBeNull();
  });

  it('reads one project per row: a contract in implementation with payments, an accepted one, a proposal', () => {
    const result = readProjectTable(
      grid([
        ['DANH MỤC NHIỆM VỤ KH&CN ĐANG QUẢN LÝ'],
        HEADER,
        ['(1)', '(2)', '(3)', '(4)', '(5)', '(6)', '(7)', '(8)', '(9)'],
        ['I', 'ĐỀ TÀI CẤP TỈNH'],
        ['a)', null, 'Lĩnh vực nông nghiệp'],
        [1, 'ĐT.2025.03', 'Nghiên cứu chọn tạo giống chè chất lượng cao', 'Đề tài', 'Tỉnh', 'Nông nghiệp', 'Sở KH&CN', 'TS. Nguyễn Văn An', 'ThS. Lê Thị Bình; KS. Trần Văn Cường', '3/2025', '02/2027', 1500, 600, 400, 500, 550, 'Đang thực hiện', '12/HĐ-KHCN', date('2025-03-10'), null, null, null, null],
        [2, 'ĐT.2023.07', 'Ứng dụng công nghệ số trong quản lý di tích', 'Đề tài', 'Cấp tỉnh', 'Khoa học nhân văn', 'Sở Văn hóa, Thể thao và Du lịch', 'Phạm Thu Hà', null, date('2023-04-01', false), '12/2024', 800, null, null, 0, null, 'Thanh lý hợp đồng', null, '15/4/2023', '6/2025', '20/12/2024', '10/06/2025', 'Xuất sắc'],
        [3, 'DA.2026.01', 'Mô hình sản xuất thử nghiệm phân bón hữu cơ vi sinh', 'Dự án SXTN', 'Cơ sở', 'Kỹ thuật và công nghệ', 'VNPT Phú Thọ', 'Đỗ Văn Em', null, '7/2026', '6/2028', 300, null, null, null, null, 'Đề xuất', null, null, null, null, null, null],
      ]),
      context(),
    );
    expect(result.errors).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.projects).toHaveLength(3);
    const [running, settled, proposal] = result.projects;
    expect(running).toMatchObject({
      sheetRow: 6,
      code: 'ĐT.2025.03',
      type: 'research',
      level: 'province',
      field: 'agricultural',
      hostOrganizationId: id('SKHCN'),
      principalInvestigator: 'TS. Nguyễn Văn An',
      members: ['ThS. Lê Thị Bình', 'KS. Trần Văn Cường'],
      startMonth: '2025-03',
      endMonth: '2027-02',
      budget: { total: 1500, stateByYear: { '2025': 600, '2026': 400 }, other: 500 },
      stage: 'implementation',
      stageOn: '2025-03-10',
      contract: { number: '12/HĐ-KHCN', signedOn: '2025-03-10' },
      extension: null,
      acceptance: null,
      payments: [{ paidOn: '2025-12-31', year: 2025, amount: 550, source: 'state' }],
    });
    expect(settled).toMatchObject({
      level: 'province',
      field: 'humanities',
      hostOrganizationId: id('SVHTTDL'),
      startMonth: '2023-04',
      endMonth: '2024-12',
      budget: { total: 800, stateByYear: {}, other: 0 },
      stage: 'settlement',
      stageOn: '2025-06-10',
      contract: { number: null, signedOn: '2023-04-15' },
      extension: { endMonth: '2025-06', approvedOn: '2024-12-20' },
      acceptance: { on: '2025-06-10', rating: 'excellent' },
    });
    expect(proposal).toMatchObject({ type: 'pilot_production', level: 'grassroots', field: 'engineering_technology', stage: 'proposal', stageOn: '2026-03-15', contract: null, budget: { total: 300 } });
  });

  it('reports every bad cell with its row, column, header, value and the closest names, and creates nothing', () => {
    const result = readProjectTable(
      grid([
        HEADER,
        [1, 'ĐT.2024.01', 'Đề tài đã có', 'Đề tài', 'Tỉnh', 'Nông nghiệp', 'Sở KH&CN', 'A', null, '1/2024', '12/2025', null, null, null, null, null, 'Đang thực hiện', null, '10/1/2024'],
        [2, 'ĐT.2025.09', 'Đề tài lỗi', 'Bài báo', 'Huyện', 'Nông nghiệp', 'Viện Không Tồn Tại', 'B', null, '1/2025', '13/2025', null, null, null, null, null, 'Đang làm', null, '10/1/2025'],
        [3, 'ĐT.2025.10', 'Thiếu hợp đồng', 'Đề tài', 'Tỉnh', 'Y dược', 'Sở Nội vụ', 'C', null, null, null, null, null, null, null, null, 'Nghiệm thu', null, null, null, null, '1/1/2026', null],
        [4, 'ĐT.2025.10', 'Trùng mã', 'Đề tài', 'Tỉnh', 'Y dược', 'Sở Nội vụ', 'D', null, null, null, 1000, 600, null, null, null, 'Đề xuất'],
      ]),
      context(),
    );
    expect(result.ok).toBe(false);
    expect(result.projects).toEqual([]);
    const brief = result.errors.map((error) => [error.row, error.column, error.header]);
    expect(brief).toEqual([
      [2, 'B', 'Mã số'],
      [3, 'D', 'Loại nhiệm vụ'],
      [3, 'E', 'Cấp quản lý'],
      [3, 'G', 'Tổ chức chủ trì'],
      [3, 'Q', 'Giai đoạn'],
      [3, 'K', 'Thời gian kết thúc'],
      [4, 'J', 'Thời gian bắt đầu'],
      [4, 'K', 'Thời gian kết thúc'],
      [4, 'S', 'Ngày ký hợp đồng'],
      [4, 'W', 'Kết quả nghiệm thu'],
      [5, 'B', 'Mã số'],
      [5, 'L', 'Tổng kinh phí (triệu đồng)'],
    ]);
    expect(result.errors[0].message).toBe('Dòng 2, cột "Mã số": mã số "ĐT.2024.01" đã có trong hệ thống. Nhiệm vụ đã có được cập nhật trên hệ thống, không nhập lại');
    expect(result.errors[1]).toMatchObject({ value: 'Bài báo', suggestions: expect.arrayContaining(['Đề tài']) });
    expect(result.errors[3].message).toContain('Không tìm thấy cơ quan, đơn vị "Viện Không Tồn Tại".');
    expect(result.errors[3].suggestions).toHaveLength(3);
    expect(result.errors[4].message).toContain('"Đang làm" không phải là bước nào của quy trình. Có phải:');
    expect(result.errors[5].message).toBe('Dòng 3, cột "Thời gian kết thúc": "13/2025" không phải là tháng hợp lệ. Vui lòng ghi tháng dạng 6/2026');
    expect(result.errors[10].message).toBe('Dòng 5, cột "Mã số": mã số "ĐT.2025.10" trùng với dòng 4');
    expect(result.errors[11].message).toContain('phải bằng kinh phí ngân sách nhà nước (600) cộng nguồn khác (0)');
  });

  it('checks what the stage needs: acceptance before settlement, a stop date, no payment before the contract', () => {
    const result = readProjectTable(
      grid([
        HEADER.concat(['Ngày dừng thực hiện']),
        [1, 'A1', 'Thanh lý khi chưa nghiệm thu', 'Đề tài', 'Tỉnh', 'Nông nghiệp', 'Sở KH&CN', 'A', null, '1/2024', '12/2025', null, null, null, null, null, 'Thanh lý hợp đồng', null, '10/1/2024'],
        [2, 'A2', 'Dừng mà không có ngày', 'Đề tài', 'Tỉnh', 'Nông nghiệp', 'Sở KH&CN', 'B', null, null, null, null, null, null, null, null, 'Dừng thực hiện'],
        [3, 'A3', 'Cấp tiền trước hợp đồng', 'Đề tài', 'Tỉnh', 'Nông nghiệp', 'Sở KH&CN', 'C', null, '1/2026', '12/2027', 100, 100, null, null, 50, 'Phê duyệt nhiệm vụ'],
        [4, 'A4', 'Gia hạn thiếu ngày', 'Đề tài', 'Tỉnh', 'Nông nghiệp', 'Sở KH&CN', 'D', null, '1/2024', '12/2025', null, null, null, null, null, 'Đang thực hiện', null, '10/1/2024', '6/2026'],
        [5, 'A5', 'Dừng đúng cách', 'Đề tài', 'Tỉnh', 'Nông nghiệp', 'Sở KH&CN', 'E', null, '1/2024', '12/2025', null, null, null, null, null, 'Đã dừng', null, '10/1/2024', null, null, null, null, '01/09/2025'],
      ]),
      context(),
    );
    expect(result.errors.map((error) => error.message)).toEqual([
      'Dòng 2, cột "Ngày nghiệm thu": nhiệm vụ ở bước "Thanh lý hợp đồng" cần ngày nghiệm thu',
      'Dòng 3, cột "Ngày dừng thực hiện": nhiệm vụ dừng thực hiện cần ngày dừng (ngày của quyết định)',
      'Dòng 4, cột "Đã cấp năm 2025": nhiệm vụ chưa ký hợp đồng thì chưa cấp kinh phí',
      'Dòng 5, cột "Ngày phê duyệt gia hạn": có gia hạn thì cần ngày phê duyệt gia hạn',
    ]);
    const valid = readProjectTable(grid([HEADER.concat(['Ngày dừng thực hiện']), [5, 'A5', 'Dừng đúng cách', 'Đề tài', 'Tỉnh', 'Nông nghiệp', 'Sở KH&CN', 'E', null, '1/2024', '12/2025', null, null, null, null, null, 'Đã dừng', null, '10/1/2024', null, null, null, null, '01/09/2025']]), context());
    expect(valid.projects[0]).toMatchObject({ stage: 'stopped', stageOn: '2025-09-01', stoppedOn: '2025-09-01', contract: { signedOn: '2024-01-10' } });
  });

  it('reports a sheet without the required columns once, naming them', () => {
    const result = readProjectTable(grid([['STT', 'Mã số', 'Tên nhiệm vụ', 'Cấp quản lý']]), context());
    expect(result.errors).toEqual([
      {
        row: null,
        column: null,
        header: null,
        value: null,
        message:
          'Không tìm thấy dòng tiêu đề của danh sách nhiệm vụ KH&CN trong 20 dòng đầu của trang tính thứ nhất: thiếu cột "Loại nhiệm vụ", "Lĩnh vực", "Tổ chức chủ trì", "Chủ nhiệm nhiệm vụ", "Giai đoạn". Vui lòng kiểm tra tên các cột',
        suggestions: [],
      },
    ]);
  });

  it('reads months, dates and amounts the ways a Vietnamese list writes them', () => {
    expect(parseMonthCell({ kind: 'text', text: 'Tháng 6 năm 2026' })).toEqual({ ok: true, value: '2026-06' });
    expect(parseMonthCell({ kind: 'text', text: '15/06/2026' })).toEqual({ ok: true, value: '2026-06' });
    expect(parseMonthCell({ kind: 'text', text: '31/02/2026' }).ok).toBe(false);
    expect(parseMonthCell(date('2026-06-01', false))).toEqual({ ok: true, value: '2026-06' });
    expect(parseAmountCell({ kind: 'text', text: '1.250,5' })).toEqual({ ok: true, value: 1250.5 });
    expect(parseAmountCell({ kind: 'text', text: '1.250' })).toEqual({ ok: true, value: 1250 });
    expect(parseAmountCell({ kind: 'text', text: '12.5' })).toEqual({ ok: true, value: 12.5 });
    expect(parseAmountCell({ kind: 'text', text: 'một tỷ' }).ok).toBe(false);
    expect(normalizeProjectCode(' đt.2025. 01 ')).toBe('ĐT.2025.01');
  });
});
