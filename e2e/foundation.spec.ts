import { expect, test } from '@playwright/test';

test('an administrator logs in through the form, sees the layout, searches the organization tree and switches to English', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveURL(/\/login/);
  await page.getByTestId('login-username').fill('admin');
  await page.getByTestId('login-password').fill('sai-mat-khau');
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('login-error')).toContainText('Tên đăng nhập hoặc mật khẩu không đúng');

  await page.getByTestId('login-password').fill('admin-e2e-123');
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('main-menu')).toBeVisible();
  for (const label of ['Tổng quan', 'Văn bản chỉ đạo', 'Nhiệm vụ', 'Chỉ tiêu', 'Nhiệm vụ KH&CN', 'Báo cáo', 'Quản trị hệ thống']) {
    await expect(page.getByTestId('main-menu')).toContainText(label);
  }
  await expect(page.getByTestId('statistics-cards')).toBeVisible();

  await page.getByTestId('menu-admin').click();
  await page.getByTestId('menu-organizations').click();
  await expect(page).toHaveURL(/\/admin\/organizations/);
  const tree = page.getByTestId('org-tree');
  await expect(tree).toContainText('Ủy ban nhân dân tỉnh Phú Thọ');
  await page.getByTestId('organization-search').fill('da bac');
  await expect(tree).toContainText('Xã Đà Bắc');
  await tree.getByText('Xã Đà Bắc').click();
  await expect(page.getByTestId('organization-detail-code')).toContainText('04831');

  await page.getByTestId('language-switch').getByText('English').click();
  await expect(page.getByTestId('main-menu')).toContainText('Overview');
  await expect(page.getByTestId('main-menu')).toContainText('Tasks');
  await page.getByTestId('language-switch').getByText('Tiếng Việt').click();
  await expect(page.getByTestId('main-menu')).toContainText('Tổng quan');
});
