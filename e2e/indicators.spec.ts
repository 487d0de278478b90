import { expect, test, type Page } from '@playwright/test';

async function login(page: Page, username: string) {
  await page.goto('/login');
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill('ThucThi@2026');
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('main-menu')).toBeVisible();
}

/** This month in Vietnam, as a period code. */
function currentMonth(): string {
  const [year, month] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric', month: '2-digit' }).format(new Date()).split('-');
  return `${year}-${month}`;
}

test('a ward enters a value and submits it; the department approves it and the chart changes', async ({ page }) => {
  const period = currentMonth();
  const seriesUrl = `/indicators/DIEM_LOM_SONG?org=04792&kind=month&year=${period.slice(0, 4)}`;

  await login(page, 'theodoi');
  await page.goto(seriesUrl);
  const row = page.getByTestId(`series-row-${period}`);
  await expect(row).toBeVisible();
  await expect(row).not.toContainText('7');
  const chartBefore = await page.getByTestId('indicator-chart').screenshot();
  await page.getByTestId('logout-button').click();

  await login(page, 'tanhoa');
  await page.goto(`/indicators/entry?org=04792&period=${period}`);
  const input = page.getByTestId('entry-value-DIEM_LOM_SONG');
  await input.fill('7');
  await page.getByTestId('entry-submit').click();
  await page.locator('.ant-modal-confirm').getByRole('button', { name: 'Gửi' }).click();
  await expect(page.getByTestId('entry-row-DIEM_LOM_SONG').getByTestId('value-status')).toHaveAttribute('data-status', 'submitted');
  await page.getByTestId('logout-button').click();

  await login(page, 'theodoi');
  await page.goto(`/indicators/entry?org=04792&period=${period}`);
  await page.getByTestId('value-approve-DIEM_LOM_SONG').click();
  await page.locator('.ant-popconfirm').getByRole('button', { name: 'Phê duyệt' }).click();
  await expect(page.getByTestId('entry-row-DIEM_LOM_SONG').getByTestId('value-status')).toHaveAttribute('data-status', 'approved');

  await page.goto(seriesUrl);
  await expect(page.getByTestId(`series-row-${period}`)).toContainText('7');
  await page.waitForTimeout(500);
  const chartAfter = await page.getByTestId('indicator-chart').screenshot();
  expect(chartAfter.equals(chartBefore)).toBe(false);
});
