/**
 * Excel files of the S&T projects module: the list (any filtered view), the portfolio (one sheet
 * per breakdown), the register of applications of results, and the import template. Pure
 * builders: rows in, bytes out.
 */
import ExcelJS from 'exceljs';
import {
  APPLICATION_STATUS_LABELS,
  COUNCIL_RESULT_LABELS,
  PROJECT_FIELD_LABELS,
  PROJECT_LEVEL_LABELS,
  PROJECT_TYPE_LABELS,
  type ApplicationStatus,
  type CouncilResult,
  type ProjectField,
  type ProjectLevel,
  type ProjectType,
} from '../../../domain/project-lifecycle';
import { PROJECT_COLUMN_NAMES } from '../../../domain/project-table';
import type { ProjectListItem } from './projects.service';

type Cell = string | number | Date | null;

interface Column {
  header: string;
  width: number;
  numFmt?: string;
}

export const projectTimelinessLabels: Record<string, string> = {
  completed_on_time: 'Hoàn thành đúng hạn',
  completed_late: 'Hoàn thành quá hạn',
  in_progress: 'Đang thực hiện trong hạn',
  overdue: 'Quá hạn',
  no_deadline: 'Không thời hạn',
  not_contracted: 'Chưa ký hợp đồng',
  stopped: 'Dừng thực hiện',
};

const riskLabels: Record<string, string> = { deadline_near: 'Sắp hết hạn hợp đồng', report_missing: 'Thiếu báo cáo định kỳ' };

const date = (value: string | null): Date | null => (value ? new Date(`${value}T00:00:00Z`) : null);
const monthText = (value: string | null) => (value ? `${value.slice(5, 7)}/${value.slice(0, 4)}` : '');
const formatVi = (value: string) => `${value.slice(8, 10)}/${value.slice(5, 7)}/${value.slice(0, 4)}`;

function addSheet(workbook: ExcelJS.Workbook, name: string, title: string, columns: Column[], rows: Cell[][]) {
  const sheet = workbook.addWorksheet(name.slice(0, 31), {
    views: [{ state: 'frozen', ySplit: 3 }],
    pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  sheet.mergeCells(1, 1, 1, columns.length);
  const titleCell = sheet.getCell(1, 1);
  titleCell.value = title;
  titleCell.font = { name: 'Times New Roman', bold: true, size: 14 };
  titleCell.alignment = { horizontal: 'center', wrapText: true };
  const header = sheet.getRow(3);
  header.values = columns.map((column) => column.header);
  header.font = { name: 'Times New Roman', bold: true };
  header.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  header.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
    cell.border = { top: { style: 'thin' }, bottom: { style: 'thin' }, left: { style: 'thin' }, right: { style: 'thin' } };
  });
  for (const values of rows) {
    const row = sheet.addRow(values);
    row.font = { name: 'Times New Roman' };
    row.alignment = { vertical: 'top', wrapText: true };
  }
  columns.forEach((column, index) => {
    sheet.getColumn(index + 1).width = column.width;
    if (column.numFmt) sheet.getColumn(index + 1).numFmt = column.numFmt;
  });
  sheet.autoFilter = { from: { row: 3, column: 1 }, to: { row: 3 + rows.length, column: columns.length } };
  return sheet;
}

function newWorkbook() {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Thực Thi';
  return workbook;
}

async function bytes(workbook: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const MONEY = '#,##0.###';

/** The list of projects as of a date, with the filters of the view already applied. */
export async function buildProjectListWorkbook(items: ProjectListItem[], options: { asOf: string; title?: string }): Promise<Buffer> {
  const workbook = newWorkbook();
  addProjectListSheet(workbook, 'Nhiệm vụ KH&CN', items, options);
  return bytes(workbook);
}

function addProjectListSheet(workbook: ExcelJS.Workbook, sheetName: string, items: ProjectListItem[], options: { asOf: string; title?: string }) {
  addSheet(
    workbook,
    sheetName,
    `${options.title ?? 'DANH MỤC NHIỆM VỤ KHOA HỌC VÀ CÔNG NGHỆ'} (tính đến ngày ${formatVi(options.asOf)})`,
    [
      { header: 'STT', width: 6 },
      { header: 'Mã số', width: 14 },
      { header: 'Tên nhiệm vụ', width: 50 },
      { header: 'Loại nhiệm vụ', width: 16 },
      { header: 'Cấp quản lý', width: 10 },
      { header: 'Lĩnh vực', width: 20 },
      { header: 'Tổ chức chủ trì', width: 28 },
      { header: 'Chủ nhiệm nhiệm vụ', width: 22 },
      { header: 'Giai đoạn', width: 22 },
      { header: 'Thời gian thực hiện', width: 16 },
      { header: 'Thời hạn hợp đồng', width: 13, numFmt: 'dd/mm/yyyy' },
      { header: 'Tình trạng', width: 20 },
      { header: 'Số ngày quá hạn', width: 10 },
      { header: 'Cảnh báo', width: 20 },
      { header: 'Kết quả nghiệm thu', width: 12 },
      { header: 'Tổng kinh phí (triệu đồng)', width: 14, numFmt: MONEY },
      { header: 'Kinh phí NSNN (triệu đồng)', width: 14, numFmt: MONEY },
      { header: 'Đã cấp (triệu đồng)', width: 14, numFmt: MONEY },
    ],
    items.map((item, index) => [
      index + 1,
      item.code,
      item.title,
      PROJECT_TYPE_LABELS[item.type as ProjectType] ?? item.type,
      PROJECT_LEVEL_LABELS[item.level as ProjectLevel] ?? item.level,
      PROJECT_FIELD_LABELS[item.field as ProjectField] ?? item.field,
      item.hostName,
      item.principalInvestigator,
      item.stageName ?? '',
      item.startMonth || item.endMonth ? `${monthText(item.startMonth)} – ${monthText(item.endMonth)}` : '',
      date(item.deadline),
      item.timeliness ? projectTimelinessLabels[item.timeliness] : '',
      item.overdueDays,
      item.risks.map((risk) => riskLabels[risk] ?? risk).join('; '),
      item.acceptanceRating ? (COUNCIL_RESULT_LABELS[item.acceptanceRating as CouncilResult] ?? item.acceptanceRating) : '',
      item.budgetTotal,
      item.budgetState,
      item.paid,
    ]),
  );
}

export interface PortfolioForExport {
  asOf: string;
  total: number;
  byLevel: { code: string; count: number }[];
  byStage: { code: string; name: string; count: number }[];
  byField: { code: string; count: number }[];
  byTimeliness: { code: string; count: number }[];
  byHost: { code: string; name: string; total: number; overdue: number; inProgress: number; completed: number; atRisk: number; budgetTotal: number; paid: number }[];
  budget: { byYear: { year: number; planned: number; paid: number }[] };
  attention: ProjectListItem[];
}

/** The portfolio: summary sheets (level, stage, field, timeliness, host, budget by year) and the projects needing attention. */
export async function buildPortfolioWorkbook(portfolio: PortfolioForExport): Promise<Buffer> {
  const workbook = newWorkbook();
  const asOf = formatVi(portfolio.asOf);
  const counts = (rows: { label: string; count: number }[]): Cell[][] => [
    ...rows.map((row, index) => [index + 1, row.label, row.count, portfolio.total ? row.count / portfolio.total : null] as Cell[]),
    [null, 'Tổng số', portfolio.total, portfolio.total ? 1 : null],
  ];
  const countColumns = (label: string): Column[] => [
    { header: 'STT', width: 6 },
    { header: label, width: 40 },
    { header: 'Số nhiệm vụ', width: 12 },
    { header: 'Tỷ lệ', width: 10, numFmt: '0.0%' },
  ];
  addSheet(workbook, 'Theo cấp', `NHIỆM VỤ KH&CN THEO CẤP QUẢN LÝ (tính đến ngày ${asOf})`, countColumns('Cấp quản lý'), counts(portfolio.byLevel.map((row) => ({ label: PROJECT_LEVEL_LABELS[row.code as ProjectLevel] ?? row.code, count: row.count }))));
  addSheet(workbook, 'Theo giai đoạn', `NHIỆM VỤ KH&CN THEO GIAI ĐOẠN (tính đến ngày ${asOf})`, countColumns('Giai đoạn'), counts(portfolio.byStage.map((row) => ({ label: row.name, count: row.count }))));
  addSheet(workbook, 'Theo lĩnh vực', `NHIỆM VỤ KH&CN THEO LĨNH VỰC (tính đến ngày ${asOf})`, countColumns('Lĩnh vực'), counts(portfolio.byField.map((row) => ({ label: PROJECT_FIELD_LABELS[row.code as ProjectField] ?? row.code, count: row.count }))));
  addSheet(workbook, 'Theo tình trạng', `NHIỆM VỤ KH&CN THEO TÌNH TRẠNG THỰC HIỆN (tính đến ngày ${asOf})`, countColumns('Tình trạng'), counts(portfolio.byTimeliness.map((row) => ({ label: projectTimelinessLabels[row.code] ?? row.code, count: row.count }))));
  addSheet(
    workbook,
    'Theo tổ chức chủ trì',
    `NHIỆM VỤ KH&CN THEO TỔ CHỨC CHỦ TRÌ (tính đến ngày ${asOf})`,
    [
      { header: 'STT', width: 6 },
      { header: 'Tổ chức chủ trì', width: 40 },
      { header: 'Tổng số', width: 10 },
      { header: 'Đang thực hiện trong hạn', width: 14 },
      { header: 'Quá hạn', width: 10 },
      { header: 'Có nguy cơ chậm', width: 12 },
      { header: 'Đã nghiệm thu', width: 12 },
      { header: 'Tổng kinh phí (triệu đồng)', width: 16, numFmt: MONEY },
      { header: 'Đã cấp (triệu đồng)', width: 16, numFmt: MONEY },
    ],
    portfolio.byHost.map((row, index) => [index + 1, row.name, row.total, row.inProgress, row.overdue, row.atRisk, row.completed, row.budgetTotal, row.paid]),
  );
  addSheet(
    workbook,
    'Kinh phí theo năm',
    `KINH PHÍ NGÂN SÁCH NHÀ NƯỚC KẾ HOẠCH VÀ ĐÃ CẤP THEO NĂM (tính đến ngày ${asOf})`,
    [
      { header: 'Năm', width: 10 },
      { header: 'Kế hoạch (triệu đồng)', width: 18, numFmt: MONEY },
      { header: 'Đã cấp (triệu đồng)', width: 18, numFmt: MONEY },
      { header: 'Tỷ lệ giải ngân', width: 14, numFmt: '0.0%' },
    ],
    portfolio.budget.byYear.map((row) => [row.year, row.planned, row.paid, row.planned ? row.paid / row.planned : null]),
  );
  addProjectListSheet(workbook, 'Cần chú ý', portfolio.attention, { asOf: portfolio.asOf, title: 'NHIỆM VỤ KH&CN QUÁ HẠN, CÓ NGUY CƠ CHẬM' });
  return bytes(workbook);
}

export interface ApplicationForExport {
  projectCode: string;
  projectTitle: string;
  hostName: string;
  appliedOn: string;
  organizationName: string | null;
  description: string;
  followUpUntil: string;
  status: string;
  followingUp: boolean;
}

/** The register of applications of results. */
export async function buildApplicationsWorkbook(items: ApplicationForExport[], options: { asOf: string }): Promise<Buffer> {
  const workbook = newWorkbook();
  addSheet(
    workbook,
    'Ứng dụng kết quả',
    `SỔ THEO DÕI ỨNG DỤNG KẾT QUẢ NHIỆM VỤ KH&CN (tính đến ngày ${formatVi(options.asOf)})`,
    [
      { header: 'STT', width: 6 },
      { header: 'Mã số', width: 14 },
      { header: 'Tên nhiệm vụ', width: 44 },
      { header: 'Tổ chức chủ trì', width: 26 },
      { header: 'Ngày ứng dụng', width: 13, numFmt: 'dd/mm/yyyy' },
      { header: 'Đơn vị ứng dụng, tiếp nhận', width: 26 },
      { header: 'Nội dung ứng dụng, chuyển giao', width: 44 },
      { header: 'Theo dõi đến', width: 13, numFmt: 'dd/mm/yyyy' },
      { header: 'Tình trạng', width: 20 },
      { header: 'Còn theo dõi', width: 10 },
    ],
    items.map((item, index) => [
      index + 1,
      item.projectCode,
      item.projectTitle,
      item.hostName,
      date(item.appliedOn),
      item.organizationName ?? '',
      item.description,
      date(item.followUpUntil),
      APPLICATION_STATUS_LABELS[item.status as ApplicationStatus] ?? item.status,
      item.followingUp ? 'Có' : 'Hết hạn',
    ]),
  );
  return bytes(workbook);
}

/** The template of the project list import: the header row with the first name of each column, and one example row. */
export async function buildProjectImportTemplate(year: number): Promise<Buffer> {
  const workbook = newWorkbook();
  const headers = [
    PROJECT_COLUMN_NAMES.label[1],
    PROJECT_COLUMN_NAMES.code[0],
    PROJECT_COLUMN_NAMES.title[0],
    PROJECT_COLUMN_NAMES.type[0],
    PROJECT_COLUMN_NAMES.level[0],
    PROJECT_COLUMN_NAMES.field[0],
    PROJECT_COLUMN_NAMES.host[0],
    PROJECT_COLUMN_NAMES.investigator[0],
    PROJECT_COLUMN_NAMES.members[0],
    PROJECT_COLUMN_NAMES.programme[0],
    PROJECT_COLUMN_NAMES.objectives[0],
    PROJECT_COLUMN_NAMES.products[0],
    PROJECT_COLUMN_NAMES.start[0],
    PROJECT_COLUMN_NAMES.end[0],
    PROJECT_COLUMN_NAMES.budgetTotal[0],
    `NSNN năm ${year - 1}`,
    `NSNN năm ${year}`,
    PROJECT_COLUMN_NAMES.budgetOther[0],
    `Đã cấp năm ${year - 1}`,
    PROJECT_COLUMN_NAMES.stage[0],
    PROJECT_COLUMN_NAMES.contractNumber[0],
    PROJECT_COLUMN_NAMES.contractDate[0],
    PROJECT_COLUMN_NAMES.extendedEnd[0],
    PROJECT_COLUMN_NAMES.extensionApprovedOn[0],
    PROJECT_COLUMN_NAMES.acceptedOn[0],
    PROJECT_COLUMN_NAMES.rating[0],
    PROJECT_COLUMN_NAMES.stoppedOn[0],
    PROJECT_COLUMN_NAMES.note[0],
  ];
  addSheet(
    workbook,
    'Danh sách nhiệm vụ',
    'DANH SÁCH NHIỆM VỤ KHOA HỌC VÀ CÔNG NGHỆ (mỗi dòng một nhiệm vụ; kinh phí tính bằng triệu đồng)',
    headers.map((header) => ({ header, width: Math.max(12, Math.min(40, header.length + 4)) })),
    [
      [
        1,
        `ĐT.${year - 1}.01`,
        'Nghiên cứu chọn tạo giống chè chất lượng cao phục vụ chế biến chè xanh',
        'Đề tài',
        'Tỉnh',
        'Khoa học nông nghiệp',
        'Trường Đại học Hùng Vương',
        'TS. Nguyễn Văn An',
        'ThS. Lê Thị Bình; KS. Trần Văn Cường',
        '',
        'Chọn tạo 02 giống chè mới',
        'Quy trình kỹ thuật; 02 giống chè',
        `3/${year - 1}`,
        `2/${year + 1}`,
        1500,
        600,
        400,
        500,
        550,
        'Tổ chức thực hiện',
        '12/HĐ-KHCN',
        `10/03/${year - 1}`,
        '',
        '',
        '',
        '',
        '',
        '',
      ],
    ],
  );
  return bytes(workbook);
}
