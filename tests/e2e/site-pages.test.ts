// Pages in Chromium as people use them: an English visitor on the demo's "Cơ cấu tổ chức" clicks the
// switcher and lands on the English page, lang="en", with the reader UI in English (statistics box,
// breadcrumbs, header), and back; an editor writes a page with its English version in /admin/trang,
// is refused a bad English slug at the field with nothing lost, publishes, and the page is live in
// both languages. axe finds no violation on each of these reader and admin pages.
import type { Page, Response } from 'playwright-core';
import { expect, it } from 'vitest';
import { adminBrowserSuite, newPerson, signIn } from '../support/admin.ts';
import { axeViolations, describeViolations } from '../support/browser.ts';
import { uniqueWord } from '../support/served.ts';

const suite = adminBrowserSuite([{ role: 'editor', name: 'Nguyễn Biên Tập' }]);

const noViolations = async (page: Page, what: string) => expect(describeViolations(await axeViolations(page)), what).toBe('');

/** Clicks a button of the page form and waits for the page that follows; the POST's answer. */
async function submit(page: Page, button: string): Promise<Response> {
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname.startsWith('/admin/trang'), { timeout: 15_000 }),
    page.getByRole('button', { name: button, exact: true }).click(),
  ]);
  const location = response.headers()['location'];
  if (location) await page.waitForURL((url) => url.pathname + url.search === location, { waitUntil: 'domcontentloaded' });
  else await page.waitForLoadState('domcontentloaded');
  return response;
}

it('an English visitor switches "Cơ cấu tổ chức" to English: lang="en", English UI strings, and back', async () => {
  const { served, browser, contexts } = suite;
  const page = await newPerson(browser, contexts, { locale: 'en-GB', bypassCSP: true });
  expect((await page.goto(`${served.url}/trang/co-cau-to-chuc`))?.status()).toBe(200);
  expect(await page.locator('html').getAttribute('lang')).toBe('vi');
  expect(await page.locator('h1').textContent()).toBe('Cơ cấu tổ chức');
  await noViolations(page, 'the Vietnamese page');
  const toEnglish = page.getByRole('link', { name: 'English', exact: true });
  expect(await toEnglish.getAttribute('lang')).toBe('en');
  await Promise.all([page.waitForURL(`${served.url}/en/organisation-structure`), toEnglish.click()]);
  expect(await page.locator('html').getAttribute('lang')).toBe('en');
  expect(await page.locator('h1').textContent()).toBe('Organisation structure');
  expect(await page.getByRole('heading', { name: 'Leadership' }).count()).toBe(1);
  expect(await page.getByRole('heading', { name: 'Visitor statistics' }).isVisible()).toBe(true);
  const stats = await page.locator('section.stats').textContent();
  expect(stats).toContain('Online now');
  expect(stats).toContain('Total visits');
  expect(await page.getByRole('navigation', { name: 'Breadcrumbs' }).getByRole('link', { name: 'Home' }).count()).toBe(1);
  expect(await page.getByRole('link', { name: 'Sign in' }).count()).toBe(1);
  expect(await page.locator('link[rel="alternate"][hreflang="vi"]').getAttribute('href')).toBe(`${served.url}/trang/co-cau-to-chuc`);
  await noViolations(page, 'the English page');
  // The footer lists the site's English pages; the way back is marked Vietnamese.
  expect(await page.locator('footer').getByRole('link', { name: 'Contact', exact: true }).count()).toBe(1);
  const back = page.getByRole('link', { name: 'Tiếng Việt', exact: true });
  expect(await back.getAttribute('lang')).toBe('vi');
  await Promise.all([page.waitForURL(`${served.url}/trang/co-cau-to-chuc`), back.click()]);
  expect(await page.locator('html').getAttribute('lang')).toBe('vi');
  // "Giới thiệu" has no English: no switcher there.
  expect((await page.goto(`${served.url}/trang/gioi-thieu`))?.status()).toBe(200);
  expect(await page.getByRole('link', { name: 'English', exact: true }).count()).toBe(0);
});

it('an editor writes a page with its English version: a bad English slug is refused at the field, nothing lost; then both languages are live', async () => {
  const { served, browser, contexts, accounts: [editor] } = suite;
  const page = await newPerson(browser, contexts, { bypassCSP: true });
  await signIn(page, served, editor!);
  await page.getByRole('navigation', { name: 'Quản trị' }).getByRole('link', { name: 'Trang thông tin' }).click();
  await page.waitForURL(`${served.url}/admin/trang`);
  expect(await page.locator('#danh-sach-trang tbody tr').count()).toBeGreaterThanOrEqual(4);
  await noViolations(page, 'the pages list');
  await page.getByRole('link', { name: 'Viết trang mới' }).click();
  await page.waitForURL(`${served.url}/admin/trang/moi`);
  await noViolations(page, 'the new page form');
  const word = uniqueWord('lienhe');
  await page.getByLabel('Tiêu đề', { exact: true }).fill(`Đường dây nóng ${word}`);
  await page.getByLabel('Nội dung', { exact: true }).fill('Gọi **1022** để phản ánh.');
  await page.getByLabel('Đường dẫn tiếng Anh', { exact: true }).fill('Đường Dây Nóng');
  await page.getByLabel('Tiêu đề tiếng Anh', { exact: true }).fill('Hotline');
  await page.getByLabel('Nội dung tiếng Anh', { exact: true }).fill('Call **1022**.');
  expect((await submit(page, 'Đăng ngay')).status()).toBe(422);
  expect(await page.locator('#p-slug-en-loi').textContent()).toContain('Đường dẫn tiếng Anh chỉ gồm chữ thường không dấu');
  expect(await page.getByLabel('Nội dung tiếng Anh', { exact: true }).inputValue()).toBe('Call **1022**.');
  await noViolations(page, 'the refused form');
  await page.getByLabel('Đường dẫn tiếng Anh', { exact: true }).fill(`hotline-${word}`);
  expect((await submit(page, 'Đăng ngay')).status()).toBe(303);
  expect(await page.getByRole('status').first().textContent()).toBe('Đã đăng trang.');
  await noViolations(page, 'the edit page');
  const id = /\/admin\/trang\/(\d+)/.exec(page.url())![1];
  await page.goto(`${served.url}/admin/trang/${id}/lich-su`);
  await noViolations(page, 'the history');
  await page.goto(`${served.url}/admin/trang/${id}/xoa`);
  await noViolations(page, 'the delete confirmation');

  const reader = await newPerson(browser, contexts);
  expect((await reader.goto(`${served.url}/en/hotline-${word}`))?.status()).toBe(200);
  expect(await reader.locator('html').getAttribute('lang')).toBe('en');
  expect(await reader.locator('.site-page strong').textContent()).toBe('1022');
  await Promise.all([reader.waitForURL((u) => u.pathname.startsWith('/trang/')), reader.getByRole('link', { name: 'Tiếng Việt', exact: true }).click()]);
  expect(await reader.locator('h1').textContent()).toBe(`Đường dây nóng ${word}`);
});
