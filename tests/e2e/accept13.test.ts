// Acceptance of issue 13 as a commune's editor works: signed in on the platform's host (where the admin
// lives) with another site as the working site. The photos of that site show in the live preview, the
// library page, the library picker and the item page (they were /media/<key> on the admin's host, which is
// the first site's: every one a broken image); the picker's "Tải thêm" stays hidden without a next page;
// "Xem trên trang" opens the article on the commune's host (it was a path, so the admin host's site: 404).
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { BODY_PHOTOS } from '../../site/admin/strings.ts';
import { adminBrowserSuite, newPerson, signIn, submitWith } from '../support/admin.ts';
import { uniqueWord } from '../support/served.ts';

const T = BODY_PHOTOS.client;
const PLATFORM = 'dongy.localhost';
const COMMUNE = 'tancuong.localhost';

const suite = adminBrowserSuite([{ role: 'editor', name: 'Biên tập xã Tân Cương', host: COMMUNE }]);
const at = (host: string, path: string) => `http://${host}:${new URL(suite.served.url).port}${path}`;

async function communeEditor(): Promise<Page> {
  const page = await newPerson(suite.browser, suite.contexts, { permissions: ['clipboard-read', 'clipboard-write'] });
  await signIn(page, suite.served, suite.accounts[0]!, at(PLATFORM, ''));
  return page;
}

/** Whether every image the locator matches has loaded (a broken one has naturalWidth 0). */
async function loaded(images: ReturnType<Page['locator']>): Promise<boolean[]> {
  await images.first().waitFor({ state: 'attached' });
  const done = () => images.evaluateAll((list: { complete: boolean }[]) => list.every((img) => img.complete));
  await expect.poll(done).toBe(true);
  return images.evaluateAll((list: { naturalWidth: number }[]) => list.map((img) => img.naturalWidth > 0));
}

it("a commune editor's pasted photo shows in the preview, the library, the picker and the item page; no stray Tải thêm", async () => {
  const page = await communeEditor();
  await page.goto(at(PLATFORM, '/admin/bai-viet/moi'));
  await page.locator('[data-body-toolbar]:not([hidden])').waitFor();
  const body = page.locator('#f-body');
  await body.fill('Sáng nay hội nghị khai mạc.');
  await body.press('End');
  await page.evaluate(`(async () => {
    const canvas = new OffscreenCanvas(80, 60);
    canvas.getContext('2d').fillRect(0, 0, 80, 60);
    await navigator.clipboard.write([new ClipboardItem({ 'image/png': await canvas.convertToBlob({ type: 'image/png' }) })]);
  })()`);
  await body.press('Control+V');
  const photo = page.getByRole('dialog', { name: T.title });
  await photo.getByLabel(T.altLabel).fill('Toàn cảnh hội nghị xã');
  await photo.getByRole('button', { name: T.uploadAndInsert }).click();
  await photo.waitFor({ state: 'detached' });
  expect(await body.inputValue()).toMatch(/^Sáng nay hội nghị khai mạc\.\n\n!\[Toàn cảnh hội nghị xã\]\(\/media\/\d{4}\/\d{2}\/[0-9a-f]{32}\.png\)$/);

  expect(await loaded(page.locator('#xem-truoc-noi-dung img'))).toEqual([true]);

  await page.locator('[data-editor-library]').click();
  const library = page.getByRole('dialog', { name: T.libraryTitle });
  await expect.poll(() => library.locator('[role="status"]').textContent()).toBe(T.resultCount.replace('{n}', '1'));
  expect(await loaded(library.locator('.library-items img'))).toEqual([true]);
  // One page of results: the button for the next page is not shown, and Tab goes from the item to Đóng.
  expect(await library.getByRole('button', { name: T.loadMore }).isVisible()).toBe(false);
  await library.locator('.library-item').focus();
  await page.keyboard.press('Tab');
  expect(await page.evaluate('document.activeElement?.textContent')).toBe(T.close);
  await page.keyboard.press('Escape');

  await page.goto(at(PLATFORM, '/admin/thu-vien'));
  expect(await loaded(page.getByRole('main').locator('img'))).toEqual([true]);
  await page.getByRole('main').locator('a', { has: page.locator('img') }).first().click();
  await page.waitForLoadState('domcontentloaded');
  expect(await loaded(page.getByRole('main').locator('img'))).toEqual([true]);
});

it('/admin/thu-vien/anh: an unknown key and malformed paths are 404; signed out, the sign-in page', async () => {
  const page = await communeEditor();
  for (const path of ['/admin/thu-vien/anh/2026/11/00000000000000000000000000000000.png', '/admin/thu-vien/anh/..%2F..%2Fx.png', '/admin/thu-vien/anh/khong-phai-anh']) {
    expect(await page.evaluate(async (p) => (await fetch(p)).status, path), path).toBe(404);
  }
  // Signed out: the admin's gate sends to the sign-in page, no image.
  const anonymous = await fetch(`${suite.served.url}/admin/thu-vien/anh/2026/11/00000000000000000000000000000000.png`, { redirect: 'manual' });
  expect(anonymous.status).toBe(303);
  expect(anonymous.headers.get('Location')).toMatch(/^\/admin\/login\?next=/);
});

it('"Xem trên trang" of a published commune article opens it on the commune\'s own host', async () => {
  const page = await communeEditor();
  await page.goto(at(PLATFORM, '/admin/bai-viet/moi'));
  const title = `Tin xã ${uniqueWord('xem')}`;
  await page.getByLabel('Tiêu đề', { exact: true }).fill(title);
  await page.getByLabel('Chuyên mục').selectOption({ index: 1 });
  await page.locator('#f-body').fill('Nội dung tin của xã.');
  expect((await submitWith(page, 'Đăng ngay')).status()).toBe(303);
  await Promise.all([page.waitForURL((url) => url.pathname.startsWith('/bai-viet/')), page.getByRole('link', { name: 'Xem trên trang' }).click()]);
  expect(new URL(page.url()).host).toBe(new URL(at(COMMUNE, '/')).host);
  expect((await page.getByRole('heading', { level: 1 }).textContent())?.trim()).toBe(title);
});
