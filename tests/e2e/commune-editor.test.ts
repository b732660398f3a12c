// Issue 10 in a real browser, on the demo's sites (scripts/demo-sites.ts): a commune editor signs in on
// the platform's host, sees only their commune, publishes, and the article shows on the commune's home
// and in its province's "Tin từ cơ sở", linking to the commune's own address; the sibling commune and the
// province's own news never show it. Chromium resolves *.localhost to 127.0.0.1 by itself.
import { expect, it } from 'vitest';
import { adminBrowserSuite, newPerson, submitWith } from '../support/admin.ts';
import { uniqueWord } from '../support/served.ts';

const PLATFORM = 'dongy.localhost';
const PROVINCE = 'thainguyen.localhost';
const COMMUNE = 'tancuong.localhost';
const SIBLING = 'dinhhoa.localhost';

const suite = adminBrowserSuite([{ role: 'editor', name: 'Biên tập xã Tân Cương', host: COMMUNE }]);
const port = () => new URL(suite.served.url).port;
const at = (host: string, path: string) => `http://${host}:${port()}${path}`;
const person = () => newPerson(suite.browser, suite.contexts);

it('a commune editor signs in, sees only their commune, publishes, and the province rolls it up', async () => {
  const page = await person();
  // The admin lives on the platform's host: the commune's /admin sends the editor there.
  await page.goto(at(COMMUNE, '/admin'));
  expect(new URL(page.url()).host).toBe(`${PLATFORM}:${port()}`);
  expect(new URL(page.url()).pathname).toBe('/admin/login');
  await page.getByLabel('Email', { exact: true }).fill(suite.accounts[0]!.email);
  await page.getByLabel('Mật khẩu', { exact: true }).fill(suite.accounts[0]!.password);
  await Promise.all([
    page.waitForURL((url) => url.pathname !== '/admin/login', { timeout: 15_000 }),
    page.getByRole('button', { name: 'Đăng nhập' }).click(),
  ]);
  await page.getByRole('button', { name: 'Đăng xuất' }).first().waitFor();

  // Only their site: the switcher offers Tân Cương alone, and the article list holds only its articles.
  const offered = await page.locator('#trang-lam-viec option').allTextContents();
  expect(offered).toEqual(['Cổng thông tin điện tử xã Tân Cương']);
  await page.goto(at(PLATFORM, '/admin/bai-viet'));
  const listed = await page.locator('main table tbody tr').allTextContents();
  expect(listed.length).toBeGreaterThan(0);
  expect(listed.join('\n')).not.toMatch(/Đồng Hỷ|Định Hóa/);

  // Publish.
  const word = uniqueWord('tancuong');
  const title = `Xã Tân Cương ra quân làm đường giao thông nông thôn ${word}`;
  await page.goto(at(PLATFORM, '/admin/bai-viet/moi'));
  await page.getByLabel('Tiêu đề', { exact: true }).fill(title);
  await page.getByLabel('Tóm tắt').fill('Người dân các xóm cùng góp công làm đường bê tông.');
  await page.getByLabel('Chuyên mục').selectOption({ index: 1 });
  await page.getByLabel('Nội dung (Markdown)').fill(`Sáng nay, xã Tân Cương ra quân làm đường (${word}).`);
  expect((await submitWith(page, 'Đăng ngay')).status(), 'publishing redirects to the edit page').toBe(303);
  const slug = await page.getByLabel('Đường dẫn (slug)').inputValue();
  const articleUrl = at(COMMUNE, `/bai-viet/${slug}`);

  // The reader: on the commune's home, at once (the writer's isolate moved the generation).
  const reader = await person();
  await reader.goto(at(COMMUNE, '/'));
  await expect.poll(async () => (await reader.reload(), reader.getByRole('link', { name: title }).count()), { timeout: 5_000 }).toBeGreaterThan(0);
  await reader.goto(articleUrl);
  expect(await reader.getByRole('heading', { level: 1 }).textContent()).toContain(title);

  // The province's home: "Tin từ cơ sở" links to the commune's own address.
  await reader.goto(at(PROVINCE, '/'));
  const section = reader.locator('section.rollup-section');
  await expect.poll(async () => (await reader.reload(), section.getByRole('link', { name: title }).count()), { timeout: 5_000 }).toBeGreaterThan(0);
  expect(await section.getByRole('link', { name: title }).first().getAttribute('href')).toBe(articleUrl);
  // ...and the roll-up page lists it too.
  await reader.goto(at(PROVINCE, '/tin-tu-co-so'));
  expect(await reader.getByRole('link', { name: title }).first().getAttribute('href')).toBe(articleUrl);

  // Never on the sibling commune, nor in the province's own news, nor under the province's address.
  await reader.goto(at(SIBLING, '/'));
  expect(await reader.getByText(word).count()).toBe(0);
  const own = await reader.goto(at(PROVINCE, `/bai-viet/${slug}`));
  expect(own?.status()).toBe(404);
  await reader.goto(at(PROVINCE, `/tim-kiem?q=${word}`));
  expect(await reader.locator('main').getByRole('link', { name: title }).count()).toBe(0);
});
