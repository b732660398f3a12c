// Issue 8 item 12 in real Chromium: an admin issues a one-time reset link, the person sets a new
// password through it and signs in (the link then says it was used); the admin requires two-factor
// sign-in, so the editor is sent to enrol first (QR code, key), confirms with a code computed here
// from the shown secret, signs out, signs in with a fresh code; a replay of that code is refused; a
// recovery code works once. Codes are computed for the server's current 30-second step; the server
// accepts ±1 step by design, and the test never reuses a step, so no waiting is needed.
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { totpCode, totpStep, TOTP_PERIOD_SECONDS } from '../../functions/auth/totp.ts';
import { axeViolations, describeViolations } from '../support/browser.ts';
import { adminBrowserSuite, newPerson, signIn, type Account } from '../support/admin.ts';

const suite = adminBrowserSuite([
  { role: 'admin', name: 'Quản trị Hai Bước' },
  { role: 'editor', name: 'Biên tập Quên Mật Khẩu' },
]);

/** A code for a step not used before: the current one, or the next if the current was used (±1 accepted). */
let lastStep = 0;
function freshCode(secret: string): string {
  const step = Math.max(totpStep(new Date()), lastStep + 1);
  lastStep = step;
  return totpCode(secret, new Date(step * TOTP_PERIOD_SECONDS * 1000));
}

async function submit(page: Page, button: string): Promise<number> {
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST', { timeout: 15_000 }),
    page.getByRole('button', { name: button, exact: true }).click(),
  ]);
  await page.waitForLoadState('domcontentloaded');
  return response.status();
}

async function signOut(page: Page): Promise<void> {
  await Promise.all([page.waitForURL(/\/admin\/login/), page.getByRole('button', { name: 'Đăng xuất' }).first().click()]);
}

/** Password step; returns the page showing the code form. */
async function passwordStep(page: Page, password: string): Promise<void> {
  await page.goto(`${suite.served.url}/admin/login`);
  await page.getByLabel('Email', { exact: true }).fill(suite.accounts[1]!.email);
  await page.getByLabel('Mật khẩu', { exact: true }).fill(password);
  expect(await submit(page, 'Đăng nhập')).toBe(200);
  await page.getByLabel('Mã xác thực').waitFor();
}

it('reset link -> new password -> required 2FA enrolment -> sign in with a code; replay refused; a recovery code works once', async () => {
  const { served, browser, contexts } = suite;
  const [admin, editor] = suite.accounts as [Account, Account];
  // The admin issues a reset link (shown once) and requires two-factor sign-in of admins and editors.
  // Signed out, the security page is behind the sign-in like every admin page.
  const signedOut = await served.fetch('/admin/bao-mat');
  expect([signedOut.status, signedOut.headers.get('location')]).toEqual([303, '/admin/login?next=%2Fadmin%2Fbao-mat']);
  // bypassCSP only so that axe-core can be injected for the accessibility checks.
  const adminPage = await newPerson(browser, contexts, { bypassCSP: true });
  await signIn(adminPage, served, admin);
  await adminPage.goto(`${served.url}/admin/nguoi-dung`);
  expect(await submit(adminPage, `Tạo liên kết đặt lại mật khẩu: ${editor.email}`)).toBe(200);
  const link = (await adminPage.locator('#lien-ket-dat-lai').textContent())!.trim();
  expect(link).toMatch(new RegExp(`^${served.url}/admin/dat-lai-mat-khau/[A-Za-z0-9_-]{43}$`));
  expect(describeViolations(await axeViolations(adminPage))).toBe('');
  await adminPage.getByLabel('Bắt buộc xác thực hai bước cho quản trị viên và biên tập viên').check();
  expect(await submit(adminPage, 'Lưu thiết lập')).toBe(200);
  // The admin has no second factor yet: from now on the admin is sent to enrol too.
  await adminPage.goto(`${served.url}/admin/bai-viet`);
  expect(new URL(adminPage.url()).pathname).toBe('/admin/bao-mat');

  // The editor, signed out, opens the link and sets a new password (the page's rules apply).
  // bypassCSP only so that axe-core can be injected for the accessibility checks.
  const page = await newPerson(browser, contexts, { bypassCSP: true });
  await page.goto(link);
  expect(describeViolations(await axeViolations(page))).toBe('');
  const newPassword = `mat khau moi ${crypto.randomUUID()}`;
  await page.getByLabel('Mật khẩu mới', { exact: true }).fill('ngan');
  await page.getByLabel('Nhập lại mật khẩu mới', { exact: true }).fill('ngan');
  expect(await submit(page, 'Đặt mật khẩu mới')).toBe(422);
  await expect.poll(() => page.locator('.field-error').first().textContent()).toBe('Mật khẩu cần ít nhất 8 ký tự.');
  await page.getByLabel('Mật khẩu mới', { exact: true }).fill(newPassword);
  await page.getByLabel('Nhập lại mật khẩu mới', { exact: true }).fill(newPassword);
  expect(await submit(page, 'Đặt mật khẩu mới')).toBe(200);
  await expect.poll(() => page.locator('main').textContent()).toContain('Đã đặt mật khẩu mới.');
  // Single use: the link now says so (410), no error page.
  const again = await page.goto(link);
  expect(again?.status()).toBe(410);
  expect(await page.locator('#lien-ket-het-hieu-luc').textContent()).toContain('đã được dùng');

  // Signing in with the new password lands on the security page: 2FA first, nothing else opens.
  await signIn(page, served, { email: editor.email, password: newPassword });
  expect(new URL(page.url()).pathname).toBe('/admin/bao-mat');
  await page.goto(`${served.url}/admin/bai-viet/moi`);
  expect(new URL(page.url()).pathname).toBe('/admin/bao-mat');
  await page.locator('#bat-buoc').waitFor();

  // Enrol: QR code (server-made SVG), key; confirm with a code computed from the shown key.
  expect(await submit(page, 'Bật xác thực hai bước')).toBe(200);
  expect(await page.locator('figure.qr svg path').count()).toBe(1);
  const secret = (await page.locator('#khoa-bi-mat').textContent())!.replaceAll(' ', '');
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  expect(describeViolations(await axeViolations(page))).toBe('');
  await page.getByLabel('Mã xác thực').fill(freshCode(secret));
  expect(await submit(page, 'Xác nhận và bật')).toBe(200);
  const recovery = await page.locator('#danh-sach-ma-khoi-phuc li').allTextContents();
  expect(recovery).toHaveLength(10);
  await page.goto(`${served.url}/admin/bai-viet/moi`);
  expect(new URL(page.url()).pathname).toBe('/admin/bai-viet/moi');

  // Sign out; sign in: the password, then a fresh code.
  await signOut(page);
  await passwordStep(page, newPassword);
  expect(describeViolations(await axeViolations(page))).toBe('');
  const code = freshCode(secret);
  await page.getByLabel('Mã xác thực').fill(code);
  await Promise.all([page.waitForURL((u) => u.pathname === '/admin'), page.getByRole('button', { name: 'Xác nhận', exact: true }).click()]);
  await page.getByRole('button', { name: 'Đăng xuất' }).first().waitFor();

  // The same code again, in a new sign-in: refused as a replay.
  await signOut(page);
  await passwordStep(page, newPassword);
  await page.getByLabel('Mã xác thực').fill(code);
  expect(await submit(page, 'Xác nhận')).toBe(401);
  expect(await page.locator('#loi-dang-nhap').textContent()).toContain('Mã này vừa được dùng');

  // A recovery code completes that same sign-in...
  await page.getByLabel('Mã xác thực').fill(recovery[0]!);
  await Promise.all([page.waitForURL((u) => u.pathname === '/admin'), page.getByRole('button', { name: 'Xác nhận', exact: true }).click()]);
  await page.goto(`${served.url}/admin/bao-mat`);
  expect(await page.locator('main').textContent()).toContain('Còn 9 mã khôi phục chưa dùng.');

  // ...once.
  await signOut(page);
  await passwordStep(page, newPassword);
  await page.getByLabel('Mã xác thực').fill(recovery[0]!);
  expect(await submit(page, 'Xác nhận')).toBe(401);
  expect(await page.locator('#loi-dang-nhap').textContent()).toBe('Mã xác thực không đúng.');
});
