import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { expect, test, type Page } from '@playwright/test';

async function login(page: Page, username: string, password = 'ThucThi@2026') {
  await page.goto('/login');
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('main-menu')).toBeVisible();
}

async function rankOf(page: Page, code: string): Promise<string> {
  await page.goto('/ranking');
  const row = page.getByTestId(`ranking-row-${code}`);
  await expect(row).toBeVisible();
  return (await row.getByTestId('rank').innerText()).trim();
}

test('the monitoring officer imports a task table, confirms a completion and sees the ranking change', async ({ page }) => {
  await login(page, 'theodoi');

  // A small appendix with a group heading and one bad row first: the check names the row, nothing is written.
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Phụ lục');
  sheet.addRow(['DANH MỤC NHIỆM VỤ']);
  sheet.addRow(['STT', 'Nội dung nhiệm vụ', 'Cơ quan chủ trì', 'Cơ quan phối hợp', 'Thời hạn hoàn thành']);
  sheet.addRow(['I', 'ỨNG DỤNG TRÍ TUỆ NHÂN TẠO']);
  sheet.addRow([1, 'Thí điểm trợ lý ảo phục vụ người dân', 'Sở KH&CN', 'Các sở, ngành liên quan', 'Quý IV/2026']);
  sheet.addRow([2, 'Xây dựng kho dữ liệu mở của tỉnh', 'Sở Tài chính', null, 'Quý V/2026']);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'thucthi-e2e-file-'));
  const file = path.join(dir, 'phu-luc-ai.xlsx');
  await workbook.xlsx.writeFile(file);

  await page.goto('/tasks/import');
  await page.getByTestId('import-file').setInputFiles(file);
  await page.getByTestId('import-directive-number').fill('88/KH-UBND');
  await page.getByTestId('import-directive-title').fill('Kế hoạch ứng dụng trí tuệ nhân tạo năm 2026');
  await page.getByTestId('import-issued').fill('10/03/2026');
  await page.getByTestId('import-issued').press('Enter');
  await page.getByTestId('import-dry-run').click();
  await expect(page.getByTestId('import-has-errors')).toBeVisible();
  await expect(page.getByTestId('import-error-table')).toContainText('Quý V/2026');
  await expect(page.getByTestId('import-error-table')).toContainText('không phải là quý hợp lệ');

  sheet.getCell('E5').value = 'Quý IV/2026';
  await workbook.xlsx.writeFile(file);
  await page.getByTestId('import-file').setInputFiles(file);
  await page.getByTestId('import-dry-run').click();
  await expect(page.getByTestId('import-ready')).toBeVisible();
  await expect(page.getByTestId('import-preview-table')).toContainText('Thí điểm trợ lý ảo phục vụ người dân');
  await page.getByTestId('import-submit').click();
  await expect(page.getByTestId('import-success')).toContainText('2');
  await page.getByTestId('import-directive-link').click();
  await expect(page.getByTestId('directive-heading')).toContainText('88/KH-UBND');
  await expect(page.getByTestId('directive-task-table')).toContainText('Xây dựng kho dữ liệu mở của tỉnh');

  // Sở GD&ĐT reported completion (late) in the demo data: confirming it moves the department up.
  const before = await rankOf(page, 'SGDDT');
  await page.goto('/tasks?search=gi%C3%A1o%20d%E1%BB%A5c%20ph%E1%BB%95%20th%C3%B4ng');
  await page.getByTestId('task-title-link').first().click();
  await expect(page.getByTestId('task-title')).toContainText('Chuyển đổi số trong giáo dục phổ thông');
  await page.getByTestId('action-confirm').click();
  await page.getByTestId('confirm-ok').click();
  await expect(page.getByTestId('task-actions')).not.toContainText('Xác nhận hoàn thành');
  await expect(page.locator('[data-testid="timeliness-tag"]').first()).toContainText('Hoàn thành quá hạn');
  const after = await rankOf(page, 'SGDDT');
  expect(Number(after)).toBeLessThan(Number(before));
});
