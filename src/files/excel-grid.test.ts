import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { PHU_THO_ORGANIZATIONS, organizationByCode } from '../../test/fixtures/organizations';
import { createOrganizationMatcher } from '../domain/organization-matching';
import { readTaskTable, type Grid, type GridCell } from '../domain/task-table';
import { formatShowsDay, readFirstWorksheetGrid, UnreadableWorkbookError } from './excel-grid';

/** A workbook whose first tab is "Bảng nhiệm vụ" although "Hướng dẫn" was added first (id 1). */
async function buildWorkbook(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const notes = workbook.addWorksheet('Hướng dẫn');
  notes.getCell('A1').value = 'Trang hướng dẫn, không phải bảng nhiệm vụ';
  const sheet = workbook.addWorksheet('Bảng nhiệm vụ');
  (sheet as unknown as { orderNo: number }).orderNo = 0; // first in tab order

  sheet.getCell('A1').value = 'KẾ HOẠCH thực hiện Nghị quyết 57-NQ/TW';
  sheet.mergeCells('A1:G1');
  sheet.getRow(2).values = ['STT', 'Nội dung nhiệm vụ', 'Cơ quan chủ trì', 'Cơ quan phối hợp', 'Sản phẩm', 'Thời hạn', 'Ngày hoàn thành'];
  sheet.getRow(3).values = ['(1)', '(2)', '(3)', '(4)', '(5)', '(6)', '(7)'];
  sheet.getCell('A4').value = 'I';
  sheet.getCell('B4').value = 'CHUYỂN ĐỔI SỐ';
  sheet.mergeCells('B4:G4');

  sheet.getCell('A5').value = 1;
  sheet.getCell('B5').value = { richText: [{ text: 'Xây dựng ', font: { bold: true } }, { text: 'nền tảng số' }] };
  sheet.getCell('C5').value = 'Sở Khoa học và Công nghệ';
  sheet.mergeCells('C5:C6'); // vertically merged lead: row 6 must not read it again
  sheet.getCell('D5').value = { text: 'Sở Tài chính', hyperlink: 'https://stc.phutho.gov.vn' };
  sheet.getCell('E5').value = { formula: '"Kế"&" hoạch"', result: 'Kế hoạch' };
  sheet.getCell('F5').value = new Date(Date.UTC(2026, 5, 30));
  sheet.getCell('F5').numFmt = 'dd/mm/yyyy';
  sheet.getCell('G5').value = new Date(Date.UTC(2026, 0, 1));
  sheet.getCell('G5').numFmt = 'd/m/yyyy';

  sheet.getCell('A6').value = 2;
  sheet.getCell('B6').value = 'Nhiệm vụ có ô chủ trì bị gộp';
  sheet.getCell('F6').value = new Date(Date.UTC(2026, 8, 1));
  sheet.getCell('F6').numFmt = 'mm/yyyy';

  sheet.getCell('A7').value = 3;
  sheet.getCell('B7').value = 'Báo cáo năm';
  sheet.getCell('C7').value = 'Sở Nội vụ';
  sheet.getCell('E7').value = true;
  sheet.getCell('F7').value = { formula: '2025+1', result: 2026 };
  sheet.getCell('G7').value = '   ';

  sheet.getCell('A9').value = 4;
  sheet.getCell('B9').value = 'Sau một dòng trống';
  sheet.getCell('C9').value = 'Sở Tài chính';
  sheet.getCell('F9').value = 'Quý II/2026';
  sheet.getCell('G9').value = { formula: 'NA()', result: { error: '#N/A' } };

  const data = await workbook.xlsx.writeBuffer();
  return Buffer.from(data as ArrayBuffer);
}

const at = (grid: Grid, address: string): GridCell | null => {
  const match = /^([A-Z])(\d+)$/.exec(address);
  if (!match) throw new Error(address);
  return grid.rows[Number(match[2]) - 1]?.[match[1].charCodeAt(0) - 65] ?? null;
};

describe('readFirstWorksheetGrid', () => {
  const originalTimezone = process.env.TZ;
  afterEach(() => {
    process.env.TZ = originalTimezone;
  });

  it('reads the first worksheet in tab order, not the worksheet with id 1', async () => {
    const buffer = await buildWorkbook();
    const loaded = new ExcelJS.Workbook();
    await loaded.xlsx.load(buffer as unknown as ExcelJS.Buffer);
    expect(loaded.worksheets.map((w) => w.name)).toEqual(['Bảng nhiệm vụ', 'Hướng dẫn']);
    const grid = await readFirstWorksheetGrid(buffer);
    expect(at(grid, 'A1')?.text).toBe('KẾ HOẠCH thực hiện Nghị quyết 57-NQ/TW');
  });

  it('keeps the value of a merged range in its top-left cell only', async () => {
    const grid = await readFirstWorksheetGrid(await buildWorkbook());
    expect(at(grid, 'B1')).toEqual({ value: { kind: 'empty' }, text: '' });
    expect(at(grid, 'G1')).toEqual({ value: { kind: 'empty' }, text: '' });
    expect(at(grid, 'B4')?.text).toBe('CHUYỂN ĐỔI SỐ');
    expect(at(grid, 'C4')?.value).toEqual({ kind: 'empty' });
    expect(at(grid, 'C5')?.text).toBe('Sở Khoa học và Công nghệ');
    expect(at(grid, 'C6')?.value).toEqual({ kind: 'empty' });
  });

  it('converts values: numbers, rich text, hyperlinks, formulas, booleans, errors, blank text', async () => {
    const grid = await readFirstWorksheetGrid(await buildWorkbook());
    expect(at(grid, 'A5')).toEqual({ value: { kind: 'number', value: 1 }, text: '1' });
    expect(at(grid, 'B5')).toEqual({ value: { kind: 'text', text: 'Xây dựng nền tảng số' }, text: 'Xây dựng nền tảng số' });
    expect(at(grid, 'D5')?.value).toEqual({ kind: 'text', text: 'Sở Tài chính' });
    expect(at(grid, 'E5')?.value).toEqual({ kind: 'text', text: 'Kế hoạch' });
    expect(at(grid, 'E7')?.value).toEqual({ kind: 'text', text: 'TRUE' });
    expect(at(grid, 'F7')).toEqual({ value: { kind: 'number', value: 2026 }, text: '2026' });
    expect(at(grid, 'G7')).toBeNull();
    expect(at(grid, 'G9')?.value).toEqual({ kind: 'text', text: '#N/A' });
    expect(grid.rows[7]).toEqual([]); // row 8 is empty
  });

  it.each(['UTC', 'America/New_York', 'Asia/Ho_Chi_Minh', 'Pacific/Kiritimati'])(
    'reads dates as calendar dates whatever the time zone (%s), with showsDay from the number format',
    async (timezone) => {
      process.env.TZ = timezone;
      const grid = await readFirstWorksheetGrid(await buildWorkbook());
      expect(at(grid, 'F5')).toEqual({ value: { kind: 'date', date: '2026-06-30', showsDay: true }, text: '30/06/2026' });
      expect(at(grid, 'G5')).toEqual({ value: { kind: 'date', date: '2026-01-01', showsDay: true }, text: '01/01/2026' });
      expect(at(grid, 'F6')).toEqual({ value: { kind: 'date', date: '2026-09-01', showsDay: false }, text: '09/2026' });
    },
  );

  it('accepts an ArrayBuffer', async () => {
    const buffer = await buildWorkbook();
    const arrayBuffer = buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength) as ArrayBuffer;
    const grid = await readFirstWorksheetGrid(arrayBuffer);
    expect(at(grid, 'C5')?.text).toBe('Sở Khoa học và Công nghệ');
  });

  it.each([
    ['text', Buffer.from('STT;Nội dung;Chủ trì\n1;Việc;Sở Tài chính')],
    ['nothing', Buffer.alloc(0)],
    ['a zip that is no workbook', Buffer.from('504b0506000000000000000000000000000000000000', 'hex')],
  ])('throws UnreadableWorkbookError for %s', async (_name, bytes) => {
    const reading = readFirstWorksheetGrid(bytes);
    await expect(reading).rejects.toBeInstanceOf(UnreadableWorkbookError);
    await expect(readFirstWorksheetGrid(bytes)).rejects.toThrow(/^Không đọc được file Excel: /);
  });

  it('feeds readTaskTable end to end', async () => {
    const grid = await readFirstWorksheetGrid(await buildWorkbook());
    const organizations = PHU_THO_ORGANIZATIONS;
    const result = readTaskTable(grid, {
      matcher: createOrganizationMatcher(organizations),
      issueYear: 2026,
      planEndYear: 2030,
      directiveIssuedOn: '2026-01-01',
      today: '2026-03-15',
    });
    // row 6's lead is the non-master part of a vertical merge: an error, as the contract says
    // and an error value (#N/A) is no completion date
    expect(result.errors.map((e) => e.message)).toEqual([
      'Dòng 6, cột "Cơ quan chủ trì": chưa ghi cơ quan chủ trì',
      'Dòng 9, cột "Ngày hoàn thành": "#N/A" không phải là ngày hoàn thành hợp lệ. Vui lòng ghi ngày dạng 30/6/2026',
    ]);
    expect(result.groups).toEqual([{ label: 'I', title: 'CHUYỂN ĐỔI SỐ', subgroups: [] }]);
    const id = (code: string): number => organizationByCode(organizations, code).id;
    expect(result.rows.map((r) => [r.sheetRow, r.title, r.output, r.coordinating, r.tasks.map((t) => [t.leadOrganizationId, t.deadline, t.completedOn])])).toEqual([
      [5, 'Xây dựng nền tảng số', 'Kế hoạch', [id('STC')], [[id('SKHCN'), '2026-06-30', '2026-01-01']]],
      [7, 'Báo cáo năm', 'TRUE', [], [[id('SNV'), '2026-12-31', null]]],
    ]);
  });
});

describe('formatShowsDay', () => {
  it.each([
    [undefined, true],
    ['', true],
    ['dd/mm/yyyy', true],
    ['d/m/yyyy', true],
    ['[$-42A]dd/mm/yyyy', true],
    ['mm/yyyy', false],
    ['mmm-yy', false],
    ['"Ngày" mm/yyyy', false],
    ['[Red]mm/yyyy', false],
    ['yyyy', false],
  ])('%j → %s', (format, expected) => {
    expect(formatShowsDay(format)).toBe(expected);
  });
});
