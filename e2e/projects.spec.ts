import { expect, test, type Page } from '@playwright/test';

async function login(page: Page, username: string, password = 'ThucThi@2026') {
  await page.goto('/login');
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('main-menu')).toBeVisible();
}

async function count(page: Page, key: string): Promise<number> {
  const value = page.getByTestId(`portfolio-stat-${key}-value`);
  await expect(value).toBeVisible();
  return Number((await value.innerText()).replace(/\D/g, ''));
}

test('the monitoring officer records an acceptance council and sees the portfolio change', async ({ page }) => {
  await login(page, 'theodoi');
  await page.goto('/projects');
  await expect(page.getByTestId('project-portfolio-page')).toBeVisible();
  const overdue = await count(page, 'overdue');
  const accepted = await count(page, 'completed');
  const acceptedLate = await count(page, 'completed-late');
  expect(overdue).toBeGreaterThan(0);

  // The demo project past its contract end, awaiting its acceptance council, is among the overdue ones.
  const title = 'Nghiên cứu sản xuất chế phẩm vi sinh xử lý phụ phẩm chè làm phân bón hữu cơ';
  await page.getByTestId('by-timeliness-overdue').click();
  await page.getByTestId('project-search').fill('che pham vi sinh xu ly phu pham che');
  const list = page.getByTestId('project-table');
  await expect(list.getByRole('link', { name: title })).toBeVisible();
  await expect(list.getByTestId('project-status').first()).toHaveAttribute('data-timeliness', 'overdue');
  await list.getByRole('link', { name: title }).click();
  await expect(page.getByTestId('project-title')).toContainText(title);
  await expect(page.getByTestId('project-status')).toHaveAttribute('data-timeliness', 'overdue');

  // The council: five members, each scoring the four criteria of the acceptance rule.
  await page.getByTestId('project-action-council').click();
  const members = ['GS.TS. Phạm Văn Hùng', 'PGS.TS. Đỗ Thị Lan', 'TS. Vũ Minh Quân', 'TS. Hoàng Thu Trang', 'TS. Nguyễn Thị Thu Hương'];
  const scores = { volume: '25', quality: '33', application: '16', management: '8' };
  for (const [index, name] of members.entries()) {
    await page.getByTestId(`council-member-${index}-name`).fill(name);
    for (const [criterion, score] of Object.entries(scores)) await page.getByTestId(`council-member-${index}-score-${criterion}`).fill(score);
  }
  await page.getByTestId('council-minutes-number').fill('25/BB-HĐNT');
  await expect(page.getByTestId('council-preview')).toContainText('82');
  await expect(page.getByTestId('council-preview')).toContainText('Đạt');

  // The principal investigator cannot sit on the council: refused, nothing recorded.
  await page.getByTestId('project-action-ok').click();
  await expect(page.getByTestId('project-action-error')).toContainText('xung đột lợi ích');
  await page.getByTestId('council-member-4-name').fill('ThS. Bùi Văn Nam');
  await page.getByTestId('project-action-ok').click();
  await expect(page.getByTestId('project-action-form-council')).toBeHidden();

  // Accepted today, after the contract's end: completed late, rated "Đạt".
  await expect(page.getByTestId('project-status')).toHaveAttribute('data-timeliness', 'completed_late');
  await expect(page.getByTestId('project-rating').first()).toHaveAttribute('data-rating', 'pass');
  await page.getByRole('tab', { name: /Hội đồng/ }).click();
  await expect(page.getByTestId('project-council')).toContainText('Hội đồng nghiệm thu');
  await expect(page.getByTestId('council-mean')).toContainText('82');

  // The portfolio: one project fewer overdue, one more accepted (late).
  await page.goto('/projects');
  expect(await count(page, 'overdue')).toBe(overdue - 1);
  expect(await count(page, 'completed')).toBe(accepted + 1);
  expect(await count(page, 'completed-late')).toBe(acceptedLate + 1);
  await page.getByTestId('by-timeliness-overdue').click();
  await page.getByTestId('project-search').fill('che pham vi sinh xu ly phu pham che');
  await expect(page.getByTestId('project-table')).not.toContainText(title);
});
