import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDemoAppendix } from '../../src/server/demo/demo-appendix';
import { buildTestApp, type Session, type TestApp } from '../helpers/build-test-app';
import { testEngines } from '../helpers/test-database';

function multipart(fields: Record<string, string>, file: Buffer, name = 'phu-luc.xlsx') {
  const boundary = '----thucthiimport';
  const parts: Buffer[] = [];
  for (const [key, value] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${key}"\r\n\r\n${value}\r\n`));
  }
  parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n`));
  parts.push(file, Buffer.from(`\r\n--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

async function workbookOf(rows: (string | number | Date | null)[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Nhiệm vụ');
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe.each(testEngines())('task import on %s', (engine) => {
  let t: TestApp;
  let coordinator: Session;

  const importFile = (session: Session, fields: Record<string, string>, file: Buffer) => {
    const { payload, contentType } = multipart(fields, file);
    return t.inject({ method: 'POST', url: '/api/v1/imports/tasks', headers: { ...session.headers, 'content-type': contentType }, payload });
  };
  const stats = async (query: string) => (await t.inject({ method: 'GET', url: `/api/v1/stats/tasks?${query}`, headers: coordinator.headers })).json();

  beforeAll(async () => {
    t = await buildTestApp(engine, { today: '2026-11-26' });
    coordinator = await t.userSession('theodoi', 'coordinator', '25');
  });
  afterAll(async () => t?.close());

  it('dry-runs a realistic appendix: every deadline form, groups, aliases, a predecessor, notes', async () => {
    const response = await importFile(coordinator, { directive: '125/KH-UBND', directiveTitle: 'Kế hoạch thực hiện Nghị quyết 57-NQ/TW', issued: '2026-01-15', planEnd: '2028', dryRun: 'true' }, await buildDemoAppendix(2026));
    expect(response.statusCode, response.body).toBe(200);
    const result = response.json();
    expect(result.errors).toEqual([]);
    expect(result.ok).toBe(true);
    // 14 single-lead rows, 3 operators for 5G, 148 communes and wards, 3 yearly reports (2026–2028).
    expect(result.created).toBe(14 + 3 + 148 + 3);
    expect(result.containers).toBe(3);
    expect(result.warnings.join(' ')).toContain('Sở Thông tin và Truyền thông');
    const byRow = (row: number) => result.tasks.filter((task: { sheetRow: number }) => task.sheetRow === row);
    expect(byRow(8)[0]).toMatchObject({ leadCode: 'SKHCN', deadline: '2026-06-30', completedOn: '2026-06-20', group: 'HOÀN THIỆN THỂ CHẾ, CHÍNH SÁCH', coordinationNotes: ['Các sở, ban, ngành liên quan'] });
    expect(byRow(9)[0]).toMatchObject({ leadCode: 'SKHCN', deadline: '2026-03-31', completedOn: '2026-04-15' });
    expect(byRow(10)[0]).toMatchObject({ leadCode: 'VP-UBND', deadline: '2026-09-30' });
    expect(byRow(12)[0]).toMatchObject({ leadCode: 'STC', deadline: '2026-12-31', subgroup: 'Chính sách hỗ trợ doanh nghiệp' });
    expect(byRow(12)[0].coordinating).toEqual(['STC', 'SCT']);
    expect(byRow(14).map((task: { leadCode: string }) => task.leadCode)).toEqual(['VIETTEL-PT', 'VNPT-PT', 'MOBIFONE-PT']);
    expect(byRow(14)[0].deadline).toBe('2026-12-31');
    expect(byRow(15)).toHaveLength(148);
    expect(byRow(15)[0].coordinationNotes).toEqual(['Các doanh nghiệp viễn thông liên quan']);
    expect(byRow(16)[0]).toMatchObject({ leadCode: 'CAT', deadline: null, isContinuous: true });
    expect(byRow(17).map((task: { year: number; deadline: string }) => [task.year, task.deadline])).toEqual([
      [2026, '2026-12-31'],
      [2027, '2027-12-31'],
      [2028, '2028-12-31'],
    ]);
    expect(byRow(18)[0].deadline).toBe('2026-10-31');
    expect(byRow(19)[0].deadline).toBe('2027-12-31');
    expect(byRow(21)[0].deadline).toBe('2026-06-30');
    expect(byRow(22)[0].deadline).toBe('2026-08-15');
    expect(byRow(23)[0]).toMatchObject({ leadCode: 'SVHTTDL', deadline: '2027-12-31' });
    expect(byRow(24)[0]).toMatchObject({ leadCode: 'BAOPT', deadline: '2026-06-30' });
    expect(byRow(25)[0].deadline).toBe('2026-06-30');
    expect(byRow(26)[0]).toMatchObject({ isContinuous: true });
    expect(byRow(27)[0]).toMatchObject({ deadline: '2026-06-30', completedOn: '2026-07-10' });
    // A dry run writes nothing.
    expect((await stats('asOf=2026-11-26')).total).toBe(0);
  });

  it('imports it all at once and counts it exactly on several dates', async () => {
    const response = await importFile(coordinator, { directive: '125/KH-UBND', directiveTitle: 'Kế hoạch thực hiện Nghị quyết 57-NQ/TW', issued: '2026-01-15', planEnd: '2028' }, await buildDemoAppendix(2026));
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ ok: true, created: 168, dryRun: false });
    const directiveId = response.json().directive.id;

    const march = await stats('asOf=2026-03-31&org=SKHCN');
    expect(march).toMatchObject({ total: 3, due: 0, inProgress: 3, completionRate: null, onTimeRate: null });
    const april = await stats('asOf=2026-04-01&org=SKHCN');
    expect(april).toMatchObject({ total: 3, due: 1, overdue: 1, completionRate: 0, onTimeRate: 0 });
    const july = await stats('asOf=2026-07-01&org=SKHCN');
    expect(july).toMatchObject({ total: 3, due: 2, completedOnTime: 1, completedLate: 1, inProgress: 1, completionRate: 1, onTimeRate: 0.5 });
    const nextYear = await stats('asOf=2027-01-01&org=SKHCN');
    expect(nextYear).toMatchObject({ total: 4, overdue: 1, inProgress: 1 });

    const province = await stats(`asOf=2026-11-26&directive=${encodeURIComponent('125/KH-UBND')}`);
    // Not yet existing: the 2027 and 2028 yearly reports.
    expect(province.total).toBe(166);
    expect(province.noDeadline).toBe(2);
    expect(province.completedOnTime).toBe(3); // rows 8, 21 (30/6 ≤ 30/6), 24 (5/6 ≤ 30/6)
    expect(province.completedLate).toBe(2); // rows 9 and 27
    // Overdue: Văn phòng UBND (30/9), Sở Nội vụ (31/10), Sở GD&ĐT (15/8), Sở Công Thương (30/6).
    expect(province.overdue).toBe(4);
    expect(province.due).toBe(9);
    const communes = province.organizations.filter((row: { code: string }) => /^\d{5}$/.test(row.code));
    expect(communes).toHaveLength(148);
    expect(communes.every((row: { rank: number | null }) => row.rank === null)).toBe(true);
    const ranked = province.organizations.filter((row: { rank: number | null }) => row.rank !== null);
    expect(ranked[0]).toMatchObject({ rank: 1, completionRate: 1, onTimeRate: 1 });
    const directive = await t.inject({ method: 'GET', url: `/api/v1/directives/${directiveId}`, headers: coordinator.headers });
    expect(directive.json()).toMatchObject({ number: '125/KH-UBND', planEndYear: 2028, taskCount: 168 });
  });

  it('refuses a second import into the same directive', async () => {
    const response = await importFile(coordinator, { directive: '125/KH-UBND', issued: '2026-01-15' }, await buildDemoAppendix(2026));
    expect(response.statusCode).toBe(409);
    expect(response.json().error.message).toContain('chỉ nhập một lần');
  });

  it('writes nothing when a row is bad and names each bad row with suggestions', async () => {
    const file = await workbookOf([
      ['TT', 'Nội dung nhiệm vụ', 'Cơ quan chủ trì', 'Thời hạn'],
      ['1', 'Nhiệm vụ đúng', 'Sở Y tế', '30/6/2026'],
      ['2', 'Quý sai', 'Sở Y tế', 'Quý V/2026'],
      ['3', 'Ngày sai', 'Sở Y tế', '31/02/2026'],
      ['4', 'Cơ quan lạ', 'Sở Khoa hoc Cong nge', '2026'],
      ['5', 'Không có chủ trì', null, '2026'],
      ['6', 'Chỉ có ghi chú', 'Các sở, ngành liên quan', '2026'],
    ]);
    const dry = await importFile(coordinator, { directive: '09/KH-UBND', issued: '2026-02-01', dryRun: 'true' }, file);
    expect(dry.statusCode).toBe(200);
    const errors = dry.json().errors as { row: number; column: string; header: string; value: string; message: string; suggestions: string[] }[];
    expect(errors.map((error) => error.row)).toEqual([3, 4, 5, 6, 7]);
    expect(errors[0]).toMatchObject({ column: 'D', header: 'Thời hạn', value: 'Quý V/2026' });
    expect(errors[0].message).toBe('Dòng 3, cột "Thời hạn": "Quý V/2026" không phải là quý hợp lệ');
    expect(errors[2].suggestions).toContain('Sở Khoa học và Công nghệ');
    expect(errors[2].message).toContain('Không tìm thấy cơ quan, đơn vị "Sở Khoa hoc Cong nge"');
    const real = await importFile(coordinator, { directive: '09/KH-UBND', issued: '2026-02-01' }, file);
    expect(real.statusCode).toBe(422);
    expect(real.json().error.code).toBe('IMPORT_FAILED');
    expect(real.json().error.details.errors).toHaveLength(5);
    const list = await t.inject({ method: 'GET', url: '/api/v1/directives?search=09%2FKH', headers: coordinator.headers });
    expect(list.json().total).toBe(0);
  });

  it('keeps a mapped unknown name as an alias so the next file passes', async () => {
    const file = await workbookOf([
      ['STT', 'Tên nhiệm vụ', 'Đơn vị chủ trì', 'Thời hạn hoàn thành'],
      ['1', 'Ứng dụng AI trong y tế', 'Sở Y tế Phú Thọ', 'Quý 4/2026'],
    ]);
    const first = await importFile(coordinator, { directive: '10/KH-UBND', issued: '2026-03-01', dryRun: 'true' }, file);
    expect(first.json().ok).toBe(false);
    const alias = await t.inject({ method: 'POST', url: '/api/v1/organizations/aliases', headers: coordinator.headers, payload: { name: 'Sở Y tế Phú Thọ', organizationCode: 'SYT' } });
    expect(alias.statusCode, alias.body).toBe(200);
    const second = await importFile(coordinator, { directive: '10/KH-UBND', issued: '2026-03-01', dryRun: 'true' }, file);
    expect(second.json()).toMatchObject({ ok: true, created: 1 });
    expect(second.json().tasks[0].leadCode).toBe('SYT');
  });

  it('rejects a file that is not Excel, and a missing issue date for a new directive, with a message', async () => {
    const notExcel = await importFile(coordinator, { directive: '11/KH-UBND', issued: '2026-03-01' }, Buffer.from('not a workbook'));
    expect(notExcel.statusCode).toBe(400);
    expect(notExcel.json().error.message).toContain('Không đọc được file Excel');
    const noDate = await importFile(coordinator, { directive: '12/KH-UBND' }, await buildDemoAppendix(2026));
    expect(noDate.statusCode).toBe(400);
    expect(noDate.json().error.message).toContain('--issued');
  });

  it('refuses an import by a commune reporter', async () => {
    const reporter = await t.userSession('xa04792', 'reporter', '04792');
    const response = await importFile(reporter, { directive: '13/KH-UBND', issued: '2026-03-01' }, await buildDemoAppendix(2026));
    expect(response.statusCode).toBe(403);
  });
});
