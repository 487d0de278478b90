import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type Session, type TestApp } from '../helpers/build-test-app';
import { testEngines } from '../helpers/test-database';

async function workbook(rows: (string | number | null)[][]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Sheet1');
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await book.xlsx.writeBuffer());
}

function multipart(file: Buffer, dryRun = false) {
  const boundary = '----thucthiindicators';
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="dryRun"\r\n\r\n${dryRun}\r\n`),
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="du-lieu.xlsx"\r\n\r\n`),
    file,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, contentType: `multipart/form-data; boundary=${boundary}` };
}

const definitionHeader = [
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
];

/** i = 0…147: the communes and wards in code order. */
const communeSum = (147 * 148) / 2; // Σ i = 10 878

describe.each(testEngines())('indicators on %s', (engine) => {
  let t: TestApp;
  let coordinator: Session;
  let communes: string[];

  const importFile = async (kind: string, rows: (string | number | null)[][], dryRun = false, session = coordinator) => {
    const { payload, contentType } = multipart(await workbook(rows), dryRun);
    return t.inject({ method: 'POST', url: `/api/v1/imports/${kind}`, headers: { ...session.headers, 'content-type': contentType }, payload });
  };
  const rollup = async (code: string, period: string, org = '25', asOf = '2026-12-31') =>
    (await t.inject({ method: 'GET', url: `/api/v1/indicator-rollup?code=${code}&org=${org}&period=${period}&asOf=${asOf}`, headers: coordinator.headers })).json();

  beforeAll(async () => {
    t = await buildTestApp(engine, { today: '2027-01-05' });
    coordinator = await t.userSession('thongke', 'coordinator', '25');
    const list = await t.inject({ method: 'GET', url: '/api/v1/organizations?parent=25', headers: coordinator.headers });
    communes = (list.json().items as { code: string; kind: string }[])
      .filter((item) => item.kind === 'commune' || item.kind === 'ward')
      .map((item) => item.code)
      .sort();
    expect(communes).toHaveLength(148);
  });
  afterAll(async () => t?.close());

  it('imports definitions, a year of monthly values for all 148 communes and targets', async () => {
    const definitions = await importFile('indicators', [
      definitionHeader,
      ['KINH_PHI', 'Kinh phí chi cho chuyển đổi số', 'triệu đồng', 'Tăng', 'Tháng', 'Cộng dồn', 'Cộng', null, null, 'SKHCN', 'Số', 'Chuyển đổi số'],
      ['LOM_SONG', 'Số điểm lõm sóng', 'điểm', 'Giảm', 'Tháng', 'Cuối kỳ', 'Cộng', null, null, 'Sở KH&CN', 'Số', 'Chuyển đổi số'],
      ['HAI_LONG', 'Mức độ hài lòng', '%', 'Tăng', 'Tháng', 'Trung bình', 'Trung bình', null, null, 'SKHCN', 'Phần trăm', 'Chuyển đổi số'],
      ['TY_LE_CQ', 'Tỷ lệ hộ có cáp quang', '%', 'Tăng', 'Quý', 'Cuối kỳ', 'Tỷ lệ', 'HO_CQ', 'TONG_HO', 'SKHCN', 'Phần trăm', 'Chuyển đổi số'],
      ['HO_CQ', 'Số hộ có cáp quang', 'hộ', 'Tăng', 'Quý', 'Cuối kỳ', 'Cộng', null, null, 'SKHCN', 'Số', 'Chuyển đổi số'],
      ['TONG_HO', 'Tổng số hộ', 'hộ', 'Tăng', 'Quý', 'Cuối kỳ', 'Cộng', null, null, 'SKHCN', 'Số', 'Chuyển đổi số'],
    ]);
    expect(definitions.statusCode, definitions.body).toBe(200);
    expect(definitions.json()).toMatchObject({ ok: true, created: 6 });

    const values: (string | number | null)[][] = [['Mã chỉ tiêu', 'Đơn vị', 'Kỳ', 'Giá trị']];
    communes.forEach((code, i) => {
      for (let m = 1; m <= 12; m += 1) {
        const period = `2026-${String(m).padStart(2, '0')}`;
        // The last commune reports nothing in the second quarter.
        if (!(i === 147 && m >= 4 && m <= 6)) values.push(['KINH_PHI', code, period, i + m]);
        values.push(['LOM_SONG', code, m % 2 ? `Tháng ${m}/2026` : period, (i % 4) + (m <= 6 ? 1 : 0)]);
        values.push(['HAI_LONG', code, period, `${80 + (i % 10)},0`]);
      }
      values.push(['HO_CQ', code, 'Quý I/2026', 100 + i]);
      values.push(['TONG_HO', code, '2026Q1', 200 + i]);
    });
    const imported = await importFile('indicator-values', values);
    expect(imported.statusCode, imported.body.slice(0, 500)).toBe(200);
    expect(imported.json()).toMatchObject({ ok: true, created: values.length - 1 });

    const targets = await importFile('indicator-targets', [
      ['Mã chỉ tiêu', 'Đơn vị', 'Kỳ', 'Chỉ tiêu', 'So sánh (≥, ≤, =)'],
      ['KINH_PHI', '25', '2026', 150000, '≥'],
      ['LOM_SONG', 'UBND tỉnh', 'Năm 2026', 0, '≤'],
    ]);
    expect(targets.statusCode, targets.body).toBe(200);
  });

  it('rolls a sum up by time before organizations: quarters and the year, as computed by hand', async () => {
    // Σ over communes of Σ over the quarter's months of (i + m).
    const q1 = await rollup('KINH_PHI', '2026Q1');
    expect(q1).toMatchObject({ value: 3 * communeSum + 148 * (1 + 2 + 3), entered: null, rollup: { reported: 148, expected: 148 } });
    const q2 = await rollup('KINH_PHI', '2026Q2');
    expect(q2.value).toBe(3 * (communeSum - 147) + 147 * (4 + 5 + 6));
    expect(q2.rollup).toEqual({ value: q2.value, reported: 147, expected: 148 });
    const year = await rollup('KINH_PHI', '2026');
    expect(year.value).toBe(12 * communeSum + 148 * 78 - (147 * 3 + 4 + 5 + 6));
    // The commune that skipped the second quarter: 9 of the 12 months.
    const missing = await rollup('KINH_PHI', '2026', communes[147]);
    expect(missing.rollup).toMatchObject({ reported: 9, expected: 12 });
  });

  it('takes the last month of each commune for a stock, and averages an average', async () => {
    const sumOfModulo = 37 * (0 + 1 + 2 + 3); // Σ (i mod 4) over 148 communes
    expect((await rollup('LOM_SONG', '2026Q1')).value).toBe(sumOfModulo + 148);
    expect((await rollup('LOM_SONG', '2026Q3')).value).toBe(sumOfModulo);
    expect((await rollup('LOM_SONG', '2026')).value).toBe(sumOfModulo);
    const average = await rollup('HAI_LONG', '2026Q2');
    expect(average.value).toBeCloseTo(80 + (14 * 45 + 28) / 148, 9);
  });

  it('computes a ratio from its numerator and denominator', async () => {
    const ratio = await rollup('TY_LE_CQ', '2026Q1');
    expect(ratio.value).toBeCloseTo(((100 * 148 + communeSum) / (200 * 148 + communeSum)) * 100, 9);
    expect(ratio.rollup.reported).toBe(148);
    expect((await rollup('TY_LE_CQ', '2026Q1', communes[5])).value).toBeCloseTo((105 / 205) * 100, 9);
  });

  it('compares with the target broken down by quarter, and judges progress as of a date', async () => {
    const q1 = await rollup('KINH_PHI', '2026Q1', '25', '2026-02-14');
    expect(q1).toMatchObject({ target: 37500, comparator: 'gte' });
    expect(q1.progress).toBeCloseTo(q1.value / 37500, 9);
    expect(q1.status).toBe('on_track');
    const year = await rollup('KINH_PHI', '2026', '25', '2026-12-31');
    expect(year.status).toBe('at_risk');
    const lower = await rollup('LOM_SONG', '2026', '25', '2026-12-31');
    expect(lower).toMatchObject({ target: 0, comparator: 'lte', status: 'off_track' });
    const targets = await t.inject({ method: 'GET', url: '/api/v1/indicator-targets?indicator=KINH_PHI&org=25&year=2026', headers: coordinator.headers });
    const quarter = targets.json().items.find((item: { period: string }) => item.period === '2026Q3');
    expect(quarter).toMatchObject({ value: 37500, derived: true });
  });

  it('keeps the province official figure and shows the rollup beside it', async () => {
    const pushed = await t.inject({ method: 'POST', url: '/api/v1/indicator-values', headers: coordinator.headers, payload: { values: [{ indicatorCode: 'KINH_PHI', orgCode: '25', period: '2026-01', value: 99999 }] } });
    expect(pushed.statusCode, pushed.body).toBe(200);
    const official = await rollup('KINH_PHI', '2026-01');
    expect(official).toMatchObject({ value: 99999, entered: 99999, rollup: { value: communeSum + 148, reported: 148, expected: 148 } });
  });

  it('refuses a whole file with a bad row and names it', async () => {
    const response = await importFile('indicator-values', [
      ['Mã chỉ tiêu', 'Đơn vị', 'Kỳ', 'Giá trị'],
      ['HAI_LONG', communes[0], '2027-01', 90],
      ['HAI_LONG', communes[1], '2027-01', 120],
      ['KINH_PHI', communes[2], '2027Q1', 5],
      ['KHONG_CO', communes[3], '2027-01', 5],
    ]);
    expect(response.statusCode).toBe(422);
    const errors = response.json().error.details.errors as { row: number }[];
    expect(errors.map((error) => error.row)).toEqual([3, 4, 5]);
    expect((await rollup('HAI_LONG', '2027-01', communes[0])).value).toBeNull();
  });

  it('runs the entry workflow: draft, submit, approve by the owner; a percentage over 100 is refused; a locked period needs reopening', async () => {
    const reporter = await t.userSession('xa1', 'reporter', communes[0]);
    t.clock.set('2027-02-03');
    const bad = await t.inject({ method: 'POST', url: '/api/v1/data-entry', headers: reporter.headers, payload: { orgCode: communes[0], period: '2027-01', submit: false, values: [{ indicatorCode: 'HAI_LONG', value: 100.5 }] } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('0 đến 100');
    const draft = await t.inject({ method: 'POST', url: '/api/v1/data-entry', headers: reporter.headers, payload: { orgCode: communes[0], period: '2027-01', submit: false, values: [{ indicatorCode: 'HAI_LONG', value: 88.5 }] } });
    expect(draft.statusCode, draft.body).toBe(200);
    const item = draft.json().items.find((row: { indicator: { code: string } }) => row.indicator.code === 'HAI_LONG');
    expect(item.value).toMatchObject({ value: 88.5, status: 'draft' });
    expect((await rollup('HAI_LONG', '2027-01', communes[0])).value).toBeNull();
    const submitted = await t.inject({ method: 'POST', url: '/api/v1/data-entry', headers: reporter.headers, payload: { orgCode: communes[0], period: '2027-01', submit: true, values: [{ indicatorCode: 'HAI_LONG', value: 88.5 }] } });
    const value = submitted.json().items.find((row: { indicator: { code: string } }) => row.indicator.code === 'HAI_LONG').value;
    expect(value.status).toBe('submitted');
    const refused = await t.inject({ method: 'POST', url: `/api/v1/indicator-values/${value.id}/approve`, headers: reporter.headers, payload: { version: value.version } });
    expect(refused.statusCode).toBe(403);
    const approved = await t.inject({ method: 'POST', url: `/api/v1/indicator-values/${value.id}/approve`, headers: coordinator.headers, payload: { version: value.version } });
    expect(approved.statusCode, approved.body).toBe(200);
    expect((await rollup('HAI_LONG', '2027-01', communes[0])).value).toBe(88.5);
    const revisions = await t.inject({ method: 'GET', url: `/api/v1/indicator-values/${value.id}/revisions`, headers: coordinator.headers });
    expect(revisions.json().items.map((row: { action: string }) => row.action)).toEqual(['approve', 'submit', 'draft']);

    // January 2027 locks 15 days after its end.
    t.clock.set('2027-02-16');
    const locked = await t.inject({ method: 'POST', url: '/api/v1/data-entry', headers: reporter.headers, payload: { orgCode: communes[0], period: '2027-01', submit: false, values: [{ indicatorCode: 'KINH_PHI', value: 10 }] } });
    expect(locked.statusCode).toBe(409);
    expect(locked.json().error.message).toContain('đã khóa số liệu');
    const reopened = await t.inject({ method: 'POST', url: '/api/v1/periods/reopen', headers: coordinator.headers, payload: { orgCode: communes[0], period: '2027-01', reason: 'Xã bổ sung số liệu' } });
    expect(reopened.statusCode, reopened.body).toBe(200);
    const after = await t.inject({ method: 'POST', url: '/api/v1/data-entry', headers: reporter.headers, payload: { orgCode: communes[0], period: '2027-01', submit: false, values: [{ indicatorCode: 'KINH_PHI', value: 10 }] } });
    expect(after.statusCode, after.body).toBe(200);
    t.clock.set('2027-01-05');
  });

  it('refuses a pushed batch with one bad value and writes none of it', async () => {
    const token = await t.services.users.createToken(null, { name: 'he-thong-khac', username: 'thongke' });
    const response = await t.inject({
      method: 'POST',
      url: '/api/v1/indicator-values',
      headers: { authorization: `Bearer ${token.token}` },
      payload: { values: [{ indicatorCode: 'KINH_PHI', orgCode: communes[9], period: '2027-02', value: 7 }, { indicatorCode: 'HAI_LONG', orgCode: communes[9], period: '2027-02', value: -1 }] },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.message).toContain('Dòng 2');
    expect((await rollup('KINH_PHI', '2027-02', communes[9])).value).toBeNull();
  });
});
