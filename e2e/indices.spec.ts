import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { expect, test, type Page } from '@playwright/test';

/**
 * The demo holds only Phú Thọ among the provinces, so the journey uses a commune-level index: five
 * communes and wards of the province are the peers. The framework: one index, two sub-indices
 * (input, output), two pillars under each, two indicators per pillar (one "Giảm", one half weight).
 */

const SHOTS = 'test-results/indices';

async function login(page: Page) {
  await page.goto('/login');
  await page.getByTestId('login-username').fill('admin');
  await page.getByTestId('login-password').fill('admin-e2e-123');
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('main-menu')).toBeVisible();
}

async function writeWorkbook(rows: (string | number | null)[][], name: string): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Bảng');
  for (const row of rows) sheet.addRow(row);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'thucthi-e2e-index-'));
  const file = path.join(dir, name);
  await workbook.xlsx.writeFile(file);
  return file;
}

const FRAMEWORK: (string | number | null)[][] = [
  ['Mã', 'Tên', 'Cấp', 'Thuộc', 'Trọng số', 'Chiều (Tăng/Giảm)', 'Điểm tối đa'],
  ['E2E', 'Chỉ số đổi mới sáng tạo cấp xã (thử nghiệm)', 'Chỉ số', null, null, null, null],
  ['IN', 'Chỉ số thành phần đầu vào', 'Chỉ số thành phần', 'E2E', null, null, null],
  ['OUT', 'Chỉ số thành phần đầu ra', 'Chỉ số thành phần', 'E2E', null, null, null],
  ['P1', 'Thể chế', 'Trụ cột', 'IN', null, null, null],
  ['P2', 'Nguồn nhân lực và nghiên cứu', 'Trụ cột', 'IN', null, null, null],
  ['P3', 'Sản phẩm tri thức và công nghệ', 'Trụ cột', 'OUT', null, null, null],
  ['P4', 'Sản phẩm sáng tạo', 'Trụ cột', 'OUT', null, null, null],
  ['I11', 'Số thủ tục hành chính trực tuyến toàn trình', 'Chỉ tiêu', 'P1', 1, 'Tăng', null],
  ['I12', 'Chỉ số cải cách hành chính', 'Chỉ tiêu', 'P1', 1, 'Tăng', null],
  ['I21', 'Tỷ lệ lao động qua đào tạo (%)', 'Chỉ tiêu', 'P2', 1, 'Tăng', null],
  ['I22', 'Số tổ chức KH&CN', 'Chỉ tiêu', 'P2', 1, 'Tăng', null],
  ['O11', 'Số doanh nghiệp ứng dụng công nghệ số', 'Chỉ tiêu', 'P3', 1, 'Tăng', null],
  ['O12', 'Tỷ lệ doanh nghiệp có website', 'Chỉ tiêu', 'P3', 1, 'Tăng', null],
  ['O21', 'Thời gian giải quyết hồ sơ (ngày)', 'Chỉ tiêu', 'P4', 1, 'Giảm', null],
  ['O22', 'Số sản phẩm OCOP', 'Chỉ tiêu', 'P4', '0,5', 'Tăng', null],
];

/** Values of 2025 by indicator, for the five peers in order; the first peer ranks 5th, and 3rd with I11 at the best value. */
const VALUES_2025: Record<string, number[]> = {
  I11: [10, 50, 30, 20, 40],
  I12: [7, 9, 7, 6, 8],
  I21: [60, 70, 80, 90, 50],
  I22: [4, 4, 2, 5, 1],
  O11: [140, 200, 150, 120, 180],
  O12: [0.4, 0.9, 0.5, 0.3, 0.7],
  O21: [12, 5, 8, 10, 15],
  O22: [20, 30, 25, 35, 10],
};

function dataRows(peers: string[]): (string | number | null)[][] {
  const rows: (string | number | null)[][] = [['Mã chỉ tiêu', 'Đơn vị', 'Năm', 'Giá trị']];
  for (const [code, values] of Object.entries(VALUES_2025)) {
    peers.forEach((peer, index) => {
      rows.push([code, peer, 2025, values[index]]);
      // The year before: the same, a little lower, so that "change since last year" has figures.
      rows.push([code, peer, 2024, Number((values[index] * (index === 0 ? 1.1 : 0.9)).toFixed(3))]);
    });
  }
  return rows;
}

test('the analyst imports a commune index, reads a rank, and a what-if moves it', async ({ page }) => {
  fs.mkdirSync(SHOTS, { recursive: true });
  await login(page);

  // Five peers: four known communes and wards, and one more of the province.
  const known = ['04792', '04795', '04828', '04831'];
  const answer = await page.request.get('/api/v1/organizations', { params: { parent: '25' } });
  expect(answer.ok()).toBeTruthy();
  const organizations = ((await answer.json()) as { items: { code: string; kind: string }[] }).items;
  const fifth = organizations.find((row) => (row.kind === 'commune' || row.kind === 'ward') && !known.includes(row.code));
  expect(fifth).toBeTruthy();
  const peers = [...known, fifth!.code];
  const chosen = peers[0];

  await page.getByTestId('menu-indices').click();
  await expect(page.getByTestId('indices-page')).toBeVisible();
  await expect(page.getByTestId('empty-state')).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/01-empty.png`, fullPage: true });

  // The framework: checked, then imported.
  await page.getByTestId('index-import-framework').click();
  await page.getByTestId('index-import-code').fill('E2E');
  await page.getByTestId('index-import-peer-kind-commune').click();
  await page.getByTestId('index-import-file').setInputFiles(await writeWorkbook(FRAMEWORK, 'khung-chi-so.xlsx'));
  await page.getByTestId('index-import-dry-run').click();
  await expect(page.getByTestId('index-import-ready')).toContainText('15');
  await page.getByTestId('index-import-submit').click();
  await expect(page.getByTestId('index-import-success')).toBeVisible();

  // The data: a first file with an unknown indicator is refused and its row named; the corrected file goes in.
  await page.getByTestId('index-import-next-data').click();
  const rows = dataRows(peers);
  const bad = [...rows, ['X99', chosen, 2025, 1]];
  await page.getByTestId('index-import-file').setInputFiles(await writeWorkbook(bad, 'so-lieu-loi.xlsx'));
  await page.getByTestId('index-import-dry-run').click();
  await expect(page.getByTestId('index-import-has-errors')).toBeVisible();
  await expect(page.getByTestId('index-import-error-table')).toContainText('X99');
  await page.screenshot({ path: `${SHOTS}/02-data-errors.png`, fullPage: true });
  await page.getByTestId('index-import-file').setInputFiles(await writeWorkbook(rows, 'so-lieu.xlsx'));
  await page.getByTestId('index-import-dry-run').click();
  await expect(page.getByTestId('index-import-ready')).toContainText('80');
  await page.getByTestId('index-import-submit').click();
  await expect(page.getByTestId('index-import-success')).toBeVisible();
  await page.getByTestId('index-import-open').click();

  // The results: the peers' ranking; the chosen commune is 5th of 5.
  await expect(page.getByTestId('index-detail')).toBeVisible();
  await expect(page.getByTestId('index-year')).toContainText('2025');
  const row = page.getByTestId(`index-rank-${chosen}`);
  await expect(row).toBeVisible();
  const before = Number(await row.getAttribute('data-rank'));
  expect(before).toBe(5);
  await row.click();
  await expect(page).toHaveURL(new RegExp(`org=${chosen}`));
  await expect(page.getByTestId('index-own-rank')).toHaveAttribute('data-rank', String(before));
  await expect(page.getByTestId('node-table')).toContainText('Thể chế');
  await expect(page.getByTestId('radar-chart')).toBeVisible();
  await expect(page.getByTestId('rank-chart')).toBeVisible();
  await expect(page.getByTestId('index-efficiency')).toBeVisible();
  await page.waitForTimeout(600);
  await page.screenshot({ path: `${SHOTS}/03-results.png`, fullPage: true });

  // What-if: raise I11 to the peers' best value; the rank moves up, nothing is saved.
  await page.getByTestId('whatif-tab').click();
  await expect(page).toHaveURL(/tab=whatif/);
  const input = page.getByTestId('whatif-input-I11');
  await expect(input).toHaveValue('10');
  await input.fill('50');
  await page.getByTestId('whatif-run').click();
  const change = page.getByTestId('whatif-rank-change');
  await expect(change).toContainText('↑');
  const moved = Number(await change.getAttribute('data-change'));
  expect(moved).toBeGreaterThan(0);
  await expect(page.getByTestId('whatif-rank')).toHaveAttribute('data-rank', String(before - moved));
  await expect(page.getByTestId('levers-table')).toContainText('I11');
  await page.screenshot({ path: `${SHOTS}/04-whatif.png`, fullPage: true });

  // Nothing was saved: the ranking is as before.
  await page.getByTestId('index-tab-results').click();
  await expect(page.getByTestId(`index-rank-${chosen}`)).toHaveAttribute('data-rank', String(before));

  await page.goto('/indices');
  await expect(page.getByTestId('index-row-E2E')).toContainText('8');
  await page.screenshot({ path: `${SHOTS}/05-list.png`, fullPage: true });
});
