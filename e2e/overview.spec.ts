import { expect, test, type Page } from '@playwright/test';

async function login(page: Page, username: string, password = 'ThucThi@2026') {
  await page.goto('/login');
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('main-menu')).toBeVisible();
}

test('a leader opens the overview, moves it back to 30/06/2026 and follows the overdue count to its list', async ({ page }) => {
  await login(page, 'lanhdao');
  await expect(page.getByTestId('overview-page')).toBeVisible();
  await expect(page.getByTestId('notification-bell')).toBeVisible();
  await expect(page.getByTestId('statistics-cards')).toBeVisible();

  // The as-of date, back to the end of June: the whole page answers for that day.
  const picker = page.getByTestId('as-of-picker');
  await picker.fill('30/06/2026');
  await picker.press('Enter');
  await expect(page).toHaveURL(/asOf=2026-06-30/);
  await expect(page.getByTestId('overview-page')).toContainText('tính đến ngày 30/06/2026');
  await expect(page.getByTestId('trend-chart')).toBeVisible();
  await expect(page.getByTestId('overdue-by-age')).toBeVisible();
  await expect(page.getByTestId('cold-execution')).toBeVisible();
  await expect(page.getByTestId('overview-ranking')).toBeVisible();
  // The indicator cards are computed on the server once per date; the page asks again until they are there.
  await expect(page.getByTestId('indicator-cards')).toBeVisible({ timeout: 30_000 });

  const overdue = Number((await page.getByTestId('stat-overdue-value').innerText()).replace(/\D/g, ''));
  expect(overdue).toBeGreaterThan(0);
  // The overdue-age groups add up to the overdue count.
  let byAge = 0;
  for (const bucket of ['up_to_30', 'from_31_to_90', 'over_90']) {
    byAge += Number((await page.getByTestId(`overdue-age-${bucket}-count`).innerText()).replace(/\D/g, ''));
  }
  expect(byAge).toBe(overdue);
  await page.screenshot({ path: 'test-results/overview-leader-2026-06-30.png', fullPage: true });

  await page.getByTestId('stat-overdue').getByRole('link').click();
  await expect(page).toHaveURL(/\/tasks\?/);
  const url = new URL(page.url());
  expect(url.searchParams.get('asOf')).toBe('2026-06-30');
  expect(url.searchParams.get('timeliness')).toBe('overdue');
  await expect(page.getByTestId('task-list-page')).toBeVisible();
  await expect(page.getByText(`Tổng số ${overdue.toLocaleString('vi-VN')} nhiệm vụ`)).toBeVisible();
  const tags = page.locator('[data-testid="timeliness-tag"]');
  await expect(tags.first()).toBeVisible();
  for (const tag of await tags.all()) await expect(tag).toHaveAttribute('data-timeliness', 'overdue');
  await page.screenshot({ path: 'test-results/overview-overdue-list-2026-06-30.png', fullPage: true });
});
