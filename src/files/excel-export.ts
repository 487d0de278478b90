import ExcelJS from 'exceljs';

/** A task row as the list presents it. */
export interface ExportTaskRow {
  id: number;
  title: string;
  directiveNumber: string;
  group: string | null;
  leadName: string | null;
  leadCode: string | null;
  deadline: string | null;
  originalDeadline: string | null;
  isContinuous: boolean;
  state: string;
  progress: number;
  timeliness: string | null;
  dueSoon: boolean;
  overdueDays: number | null;
  completedOn: string | null;
}

export const timelinessLabels: Record<string, string> = {
  completed_on_time: 'Hoàn thành đúng hạn',
  completed_late: 'Hoàn thành quá hạn',
  in_progress: 'Đang thực hiện trong hạn',
  overdue: 'Quá hạn',
  no_deadline: 'Không thời hạn (thường xuyên)',
};

export const stateLabels: Record<string, string> = {
  assigned: 'Mới giao',
  in_progress: 'Đang thực hiện',
  awaiting_confirmation: 'Chờ xác nhận',
  completed: 'Đã hoàn thành',
  paused: 'Tạm dừng',
  cancelled: 'Đã hủy',
};

/** A calendar date as an Excel date cell (UTC midnight, shown dd/mm/yyyy). */
function dateCell(date: string | null): Date | null {
  return date ? new Date(`${date}T00:00:00Z`) : null;
}

function formatVi(date: string): string {
  const [year, month, day] = date.split('-');
  return `${day}/${month}/${year}`;
}

/** Builds the workbook of a filtered task list with timeliness as of `asOf`. */
export async function buildTaskWorkbook(rows: ExportTaskRow[], options: { asOf: string; title?: string }): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Thực Thi';
  const sheet = workbook.addWorksheet('Nhiệm vụ', { views: [{ state: 'frozen', ySplit: 3 }], pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  const headers = ['STT', 'Nội dung nhiệm vụ', 'Văn bản', 'Nhóm nhiệm vụ', 'Cơ quan chủ trì', 'Thời hạn ban đầu', 'Thời hạn hoàn thành', 'Trạng thái', 'Tiến độ (%)', 'Tình trạng', 'Số ngày quá hạn', 'Ngày hoàn thành'];
  sheet.mergeCells(1, 1, 1, headers.length);
  const titleCell = sheet.getCell(1, 1);
  titleCell.value = `${options.title ?? 'DANH SÁCH NHIỆM VỤ'} (tính đến ngày ${formatVi(options.asOf)})`;
  titleCell.font = { name: 'Times New Roman', bold: true, size: 14 };
  titleCell.alignment = { horizontal: 'center' };
  const headerRow = sheet.getRow(3);
  headerRow.values = headers;
  headerRow.font = { name: 'Times New Roman', bold: true };
  headerRow.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  headerRow.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
    cell.border = { top: { style: 'thin' }, bottom: { style: 'thin' }, left: { style: 'thin' }, right: { style: 'thin' } };
  });
  rows.forEach((row, index) => {
    const excelRow = sheet.addRow([
      index + 1,
      row.title,
      row.directiveNumber,
      row.group ?? '',
      row.leadName ?? '',
      row.isContinuous ? 'Thường xuyên' : dateCell(row.originalDeadline),
      row.isContinuous ? 'Thường xuyên' : dateCell(row.deadline),
      stateLabels[row.state] ?? row.state,
      row.progress,
      row.timeliness ? `${timelinessLabels[row.timeliness]}${row.dueSoon ? ' (sắp đến hạn)' : ''}` : '',
      row.overdueDays,
      dateCell(row.completedOn),
    ]);
    excelRow.alignment = { vertical: 'top', wrapText: true };
    excelRow.font = { name: 'Times New Roman' };
  });
  const widths = [6, 60, 16, 28, 30, 14, 14, 16, 10, 26, 10, 14];
  widths.forEach((width, index) => {
    sheet.getColumn(index + 1).width = width;
  });
  for (const column of [6, 7, 12]) sheet.getColumn(column).numFmt = 'dd/mm/yyyy';
  sheet.autoFilter = { from: { row: 3, column: 1 }, to: { row: 3 + rows.length, column: headers.length } };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export interface SheetColumn {
  header: string;
  width: number;
  numFmt?: string;
}

/**
 * A one-sheet workbook: a title line, a header row (frozen, with filters) and the rows, in
 * Times New Roman, ready to send upward.
 */
export async function buildSheetWorkbook(input: { sheetName: string; title: string; columns: SheetColumn[]; rows: (string | number | Date | null)[][] }): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Thực Thi';
  const sheet = workbook.addWorksheet(input.sheetName.slice(0, 31), { views: [{ state: 'frozen', ySplit: 3 }] });
  sheet.mergeCells(1, 1, 1, input.columns.length);
  const titleCell = sheet.getCell(1, 1);
  titleCell.value = input.title;
  titleCell.font = { name: 'Times New Roman', bold: true, size: 14 };
  titleCell.alignment = { horizontal: 'center', wrapText: true };
  const headerRow = sheet.getRow(3);
  headerRow.values = input.columns.map((column) => column.header);
  headerRow.font = { name: 'Times New Roman', bold: true };
  headerRow.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  headerRow.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
    cell.border = { top: { style: 'thin' }, bottom: { style: 'thin' }, left: { style: 'thin' }, right: { style: 'thin' } };
  });
  for (const values of input.rows) {
    const row = sheet.addRow(values);
    row.font = { name: 'Times New Roman' };
    row.alignment = { vertical: 'top', wrapText: true };
  }
  input.columns.forEach((column, index) => {
    sheet.getColumn(index + 1).width = column.width;
    if (column.numFmt) sheet.getColumn(index + 1).numFmt = column.numFmt;
  });
  sheet.autoFilter = { from: { row: 3, column: 1 }, to: { row: 3 + input.rows.length, column: input.columns.length } };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
