/**
 * The report on task execution as an Excel workbook, ready to send upward: a summary sheet
 * (section I), one sheet per appendix (Phụ lục I, the task table; Phụ lục II, the indicators) and
 * the national progress-report layout (TT | Nhiệm vụ | Kết quả yêu cầu | Thời gian hoàn thành |
 * Cơ quan thực hiện | Tiến độ | Kết quả hiện nay). Each sheet carries the header lines of an
 * official table (agency, national title, appendix title, "Kèm theo Báo cáo số …"), a frozen
 * header row with filters, column widths, Times New Roman, A4 landscape printing.
 *
 * Pure: data in, Buffer out. Every task is listed (the Word table folds a long container into one
 * row; a workbook is for working with the data).
 */
import ExcelJS from 'exceljs';
import {
  buildTaskOutline,
  containerLeads,
  dateInWords,
  deadlineText,
  directiveKindLabels,
  documentNumber,
  formatIndicatorValue,
  formatRateVi,
  formatTarget,
  indicatorAssessment,
  INDICATOR_TABLE_HEADERS,
  placeAndDate,
  reportTimelinessLabels,
  resultText,
  sentenceCase,
  shortDate,
  statusText,
  TASK_TABLE_HEADERS,
  type ReportTask,
  type WordReportInput,
} from './word-report';

const FONT = 'Times New Roman';
const THIN: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  bottom: { style: 'thin' },
  left: { style: 'thin' },
  right: { style: 'thin' },
};

/** Sheet names, in tab order. */
export const REPORT_SHEETS = { summary: 'Tổng hợp', tasks: 'Phụ lục I', indicators: 'Phụ lục II', progress: 'Biểu tiến độ' } as const;

export const PROGRESS_HEADERS = ['TT', 'Nhiệm vụ', 'Kết quả yêu cầu', 'Thời gian hoàn thành', 'Cơ quan thực hiện', 'Tiến độ', 'Kết quả hiện nay'];

interface SheetColumn {
  header: string;
  width: number;
  align?: 'left' | 'center' | 'right';
  numFmt?: string;
}

type CellValue = string | number | Date | null;

/** A calendar date as an Excel date cell (UTC midnight, shown dd/mm/yyyy). */
function dateCell(date: string | null): Date | null {
  return date ? new Date(`${date}T00:00:00Z`) : null;
}

function nfc(value: CellValue): CellValue {
  return typeof value === 'string' ? value.normalize('NFC') : value;
}

/**
 * Writes the official header lines (rows 1–2: agency | national title), the titles (centred,
 * merged across the table), then the header row; returns the header row's number.
 */
function writeHeading(sheet: ExcelJS.Worksheet, input: WordReportInput, columns: number, titles: { text: string; bold?: boolean; italic?: boolean }[]): number {
  const { sections } = input;
  const half = Math.max(1, Math.floor(columns / 2) - 1);
  const line = (row: number, from: number, to: number, text: string, font: Partial<ExcelJS.Font>) => {
    if (to > from) sheet.mergeCells(row, from, row, to);
    const cell = sheet.getCell(row, from);
    cell.value = text.normalize('NFC');
    cell.font = { name: FONT, size: 12, ...font };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  };
  line(1, 1, half, sections.parentAgency.toLocaleUpperCase('vi'), {});
  line(2, 1, half, sections.agency.toLocaleUpperCase('vi'), { bold: true });
  line(3, 1, half, documentNumber(input.number, sections.agencyAbbreviation), { size: 13 });
  line(1, half + 1, columns, 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { bold: true });
  line(2, half + 1, columns, 'Độc lập - Tự do - Hạnh phúc', { bold: true, size: 13, underline: true });
  line(3, half + 1, columns, placeAndDate(sections, input.figures.asOf), { italic: true, size: 13 });
  let row = 5;
  for (const title of titles) {
    line(row, 1, columns, title.text, { bold: title.bold, italic: title.italic, size: 13 });
    sheet.getRow(row).height = title.text.length > 120 ? 34 : 18;
    row += 1;
  }
  return row + 1;
}

/** Writes a table under its heading: header row, rows, borders, widths, frozen header, filters. */
function writeTable(sheet: ExcelJS.Worksheet, headerRow: number, columns: SheetColumn[], rows: { values: CellValue[]; bold?: boolean; italic?: boolean }[]): void {
  const header = sheet.getRow(headerRow);
  header.values = columns.map((column) => column.header);
  header.height = 32;
  header.eachCell((cell) => {
    cell.font = { name: FONT, size: 12, bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
    cell.border = THIN;
  });
  rows.forEach((entry, index) => {
    const row = sheet.getRow(headerRow + 1 + index);
    row.values = entry.values.map(nfc);
    columns.forEach((column, columnIndex) => {
      const cell = row.getCell(columnIndex + 1);
      cell.font = { name: FONT, size: 12, bold: entry.bold, italic: entry.italic };
      cell.alignment = { horizontal: column.align ?? 'left', vertical: 'top', wrapText: true };
      cell.border = THIN;
      if (column.numFmt && cell.value instanceof Date) cell.numFmt = column.numFmt;
    });
  });
  columns.forEach((column, index) => {
    sheet.getColumn(index + 1).width = column.width;
  });
  sheet.views = [{ state: 'frozen', xSplit: 0, ySplit: headerRow, topLeftCell: `A${headerRow + 1}`, activeCell: `A${headerRow + 1}` }];
  sheet.autoFilter = { from: { row: headerRow, column: 1 }, to: { row: headerRow + Math.max(rows.length, 1), column: columns.length } };
  sheet.pageSetup.printTitlesRow = `${headerRow}:${headerRow}`;
}

function newSheet(workbook: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  return workbook.addWorksheet(name, {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, margins: { left: 0.6, right: 0.6, top: 0.8, bottom: 0.6, header: 0.3, footer: 0.3 } },
    headerFooter: { oddHeader: '&C&"Times New Roman"&12&P' },
  });
}

function appendixNote(input: WordReportInput): string {
  const { sections } = input;
  const number = input.number?.trim() ? input.number.trim() : '       ';
  const date = dateInWords(sections.reportDate, Number(input.figures.asOf.slice(0, 4)));
  return `(Kèm theo Báo cáo số ${number}/BC-${sections.agencyAbbreviation} ${date} của ${sentenceCase(sections.agency)})`;
}

function scopeTitle(input: WordReportInput): string {
  const directives = input.figures.scope.directives;
  return directives.length === 1 ? ` THEO ${(directiveKindLabels[directives[0].kind] ?? 'văn bản').toLocaleUpperCase('vi')} SỐ ${directives[0].number}` : '';
}

function summarySheet(workbook: ExcelJS.Workbook, input: WordReportInput): void {
  const { counts, asOf } = input.figures;
  const sheet = newSheet(workbook, REPORT_SHEETS.summary);
  const columns: SheetColumn[] = [
    { header: 'TT', width: 6, align: 'center' },
    { header: 'Nội dung', width: 48 },
    { header: 'Số nhiệm vụ', width: 16, align: 'right' },
    { header: 'Tỷ lệ', width: 14, align: 'right' },
  ];
  const headerRow = writeHeading(sheet, input, columns.length, [
    { text: 'BÁO CÁO', bold: true },
    { text: input.sections.subject, bold: true },
    { text: `(Số liệu tính đến ngày ${shortDate(asOf)})`, italic: true },
  ]);
  const share = (value: number) => (counts.total > 0 ? formatRateVi(value / counts.total) : '—');
  writeTable(sheet, headerRow, columns, [
    { values: [1, 'Tổng số nhiệm vụ được giao', counts.total, null], bold: true },
    { values: [2, 'Đã đến hạn', counts.due, share(counts.due)] },
    { values: [3, 'Hoàn thành đúng hạn', counts.completedOnTime, share(counts.completedOnTime)] },
    { values: [4, 'Hoàn thành quá hạn', counts.completedLate, share(counts.completedLate)] },
    { values: [5, 'Đang thực hiện trong hạn', counts.inProgress, share(counts.inProgress)] },
    { values: [6, 'Trong đó: sắp đến hạn', counts.dueSoon, share(counts.dueSoon)], italic: true },
    { values: [7, 'Quá hạn chưa hoàn thành', counts.overdue, share(counts.overdue)] },
    { values: [8, 'Thường xuyên (không thời hạn)', counts.noDeadline, share(counts.noDeadline)] },
    { values: [9, 'Tỷ lệ hoàn thành (trên số đã đến hạn)', null, formatRateVi(counts.completionRate)], bold: true },
    { values: [10, 'Tỷ lệ hoàn thành đúng hạn (trên số đã đến hạn)', null, formatRateVi(counts.onTimeRate)], bold: true },
  ]);
}

function taskRowValues(ordinal: string, task: ReportTask, title?: string): CellValue[] {
  return [
    ordinal,
    title ?? task.title,
    task.leadName ?? '',
    task.coordinating.join('; '),
    task.expectedOutput ?? '',
    task.deadline ? dateCell(task.deadline) : deadlineText(task),
    statusText(task),
    resultText(task),
    task.progress,
  ];
}

function tasksSheet(workbook: ExcelJS.Workbook, input: WordReportInput): void {
  const { figures } = input;
  const sheet = newSheet(workbook, REPORT_SHEETS.tasks);
  const widths = [7, 50, 24, 28, 22, 14, 22, 50, 10];
  const headers = [...TASK_TABLE_HEADERS, 'Tiến độ (%)'];
  const columns: SheetColumn[] = headers.map((header, index) => ({
    header,
    width: widths[index],
    align: index === 0 || index === 5 ? 'center' : index === 8 ? 'right' : 'left',
    numFmt: index === 5 ? 'dd/mm/yyyy' : undefined,
  }));
  const headerRow = writeHeading(sheet, input, columns.length, [
    { text: 'Phụ lục I', bold: true },
    { text: `TÌNH HÌNH THỰC HIỆN NHIỆM VỤ${scopeTitle(input)} (tính đến ngày ${shortDate(figures.asOf)})`, bold: true },
    { text: appendixNote(input), italic: true },
  ]);
  const rows: { values: CellValue[]; bold?: boolean; italic?: boolean }[] = [];
  for (const row of buildTaskOutline(figures.tasks, figures.scope.directives)) {
    if (row.kind === 'directive') rows.push({ values: ['', row.title], bold: true, italic: true });
    else if (row.kind === 'group') rows.push({ values: [row.ordinal, row.title.toLocaleUpperCase('vi')], bold: true });
    else if (row.kind === 'subgroup') rows.push({ values: [row.ordinal, row.title], bold: true, italic: true });
    else if (row.item.kind === 'task') {
      rows.push({ values: taskRowValues(row.item.ordinal, row.item.task) });
      for (const child of row.item.children) rows.push({ values: taskRowValues(child.ordinal, child.task) });
    } else {
      const { tasks, ordinal } = row.item;
      rows.push({ values: [ordinal, tasks[0].title, containerLeads(tasks), tasks[0].coordinating.join('; '), tasks[0].expectedOutput ?? ''], bold: true });
      tasks.forEach((task, index) => rows.push({ values: taskRowValues(`${ordinal}.${index + 1}`, task, task.year ? `${task.title} (năm ${task.year})` : task.title) }));
    }
  }
  writeTable(sheet, headerRow, columns, rows);
}

function indicatorsSheet(workbook: ExcelJS.Workbook, input: WordReportInput): void {
  const { figures } = input;
  const sheet = newSheet(workbook, REPORT_SHEETS.indicators);
  const headers = [...INDICATOR_TABLE_HEADERS.slice(0, 5), 'Kỳ số liệu', ...INDICATOR_TABLE_HEADERS.slice(5)];
  const widths = [7, 60, 14, 18, 18, 16, 12, 24];
  const columns: SheetColumn[] = headers.map((header, index) => ({ header, width: widths[index], align: index === 1 || index === 7 ? 'left' : 'center' }));
  const organization = figures.indicatorOrganization ? ` CỦA ${figures.indicatorOrganization.name.toLocaleUpperCase('vi')}` : '';
  const headerRow = writeHeading(sheet, input, columns.length, [
    { text: 'Phụ lục II', bold: true },
    { text: `KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU${organization}`, bold: true },
    { text: appendixNote(input), italic: true },
  ]);
  const rows = figures.indicators.map((indicator, index) => ({
    values: [
      index + 1,
      indicator.name,
      indicator.unit,
      formatTarget(indicator),
      formatIndicatorValue(indicator.value, indicator.valueType),
      indicator.periodLabel ?? '',
      indicator.progress === null ? '—' : formatRateVi(indicator.progress),
      indicatorAssessment(indicator),
    ] as CellValue[],
  }));
  writeTable(sheet, headerRow, columns, rows);
}

/** The national layout: one row per task, "Tiến độ" as the status and percent. */
function progressSheet(workbook: ExcelJS.Workbook, input: WordReportInput): void {
  const { figures } = input;
  const sheet = newSheet(workbook, REPORT_SHEETS.progress);
  const widths = [7, 55, 28, 16, 30, 26, 55];
  const columns: SheetColumn[] = PROGRESS_HEADERS.map((header, index) => ({
    header,
    width: widths[index],
    align: index === 0 || index === 3 ? 'center' : 'left',
    numFmt: index === 3 ? 'dd/mm/yyyy' : undefined,
  }));
  const headerRow = writeHeading(sheet, input, columns.length, [
    { text: `BIỂU TỔNG HỢP TIẾN ĐỘ THỰC HIỆN NHIỆM VỤ${scopeTitle(input)}`, bold: true },
    { text: `(Tính đến ngày ${shortDate(figures.asOf)})`, italic: true },
  ]);
  const rows: { values: CellValue[]; bold?: boolean }[] = [];
  const progress = (task: ReportTask) =>
    task.timeliness === 'in_progress' || task.timeliness === 'overdue' || task.timeliness === 'no_deadline'
      ? `${statusText(task)}; tiến độ ${task.progress}%`
      : reportTimelinessLabels[task.timeliness];
  let number = 0;
  for (const row of buildTaskOutline(figures.tasks, figures.scope.directives)) {
    if (row.kind === 'group') rows.push({ values: [row.ordinal, row.title.toLocaleUpperCase('vi')], bold: true });
    if (row.kind !== 'item') continue;
    const tasks = row.item.kind === 'task' ? [row.item.task, ...row.item.children.map((child) => child.task)] : row.item.tasks;
    for (const task of tasks) {
      number += 1;
      rows.push({
        values: [
          number,
          task.year && task.parentIsContainer ? `${task.title} (năm ${task.year})` : task.title,
          task.expectedOutput ?? '',
          task.deadline ? dateCell(task.deadline) : deadlineText(task),
          task.leadName ?? '',
          progress(task),
          resultText(task),
        ],
      });
    }
  }
  writeTable(sheet, headerRow, columns, rows);
}

/** Builds the workbook of a report (the same data as the Word document). */
export async function buildReportWorkbook(input: WordReportInput): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Thực Thi';
  workbook.title = `Báo cáo ${input.sections.subject}`.normalize('NFC');
  summarySheet(workbook, input);
  tasksSheet(workbook, input);
  indicatorsSheet(workbook, input);
  progressSheet(workbook, input);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
