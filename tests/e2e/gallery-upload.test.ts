// A 12 MP phone photo (4000 x 3000 JPEG, made by Chromium's own encoder) uploaded on the gallery page in
// real Chromium. With JavaScript, /admin/shrink-photos.js shrinks it to at most 6 MP before the form is
// sent (the submit clicked at once waits for it), so the Worker makes its copies; without JavaScript it is
// kept as uploaded, without copies, and the editor is told so on the page. The article cover too, sent
// by the button that was clicked (Lưu nháp).
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { GALLERY } from '../../site/admin/strings.ts';
import { adminBrowserSuite, newPerson, signIn, submitWith } from '../support/admin.ts';
import { apiWrite, uniqueWord } from '../support/served.ts';

const suite = adminBrowserSuite([{ role: 'editor', name: 'Trần Ảnh' }]);

/** A width x height JPEG encoded by Chromium (a gradient with texture: photo-like, about 1-2 MB). */
async function phonePhoto(width: number, height: number): Promise<Buffer> {
  const page = await newPerson(suite.browser, suite.contexts);
  // Browser code as a string: the tests type-check without the DOM library.
  const base64 = await page.evaluate(`(async () => {
    const canvas = new OffscreenCanvas(${width}, ${height});
    const c = canvas.getContext('2d');
    const g = c.createLinearGradient(0, 0, ${width}, ${height});
    g.addColorStop(0, '#3a6ea5'); g.addColorStop(0.6, '#9bc53d'); g.addColorStop(1, '#c3423f');
    c.fillStyle = g; c.fillRect(0, 0, ${width}, ${height});
    for (let i = 0; i < 4000; i++) { c.fillStyle = 'hsl(' + (i * 37 % 360) + ',60%,50%)'; c.fillRect((i * 997) % ${width}, (i * 613) % ${height}, 24, 24); }
    const bytes = new Uint8Array(await (await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.85 })).arrayBuffer());
    let s = '';
    for (let i = 0; i < bytes.length; i += 8192) s += String.fromCharCode(...bytes.subarray(i, i + 8192));
    return btoa(s);
  })()`) as string;
  return Buffer.from(base64, 'base64');
}

interface ImageJson { url: string; width: number; height: number; srcset: string }

async function newArticle(status = 'published'): Promise<{ id: number; slug: string }> {
  const { items } = (await (await suite.served.fetch('/api/v1/categories')).json()) as { items: { slug: string }[] };
  const res = await apiWrite(suite.served, 'POST', '/api/v1/articles', { title: `Ảnh điện thoại ${uniqueWord('anh')}`, category: items[0]!.slug, status });
  expect(res.status).toBe(201);
  return (await res.json()) as { id: number; slug: string };
}

async function galleryOf(slug: string): Promise<ImageJson[]> {
  const res = await suite.served.fetch(`/api/v1/articles/${slug}`, { headers: { Authorization: `Bearer ${suite.served.token}` } });
  return ((await res.json()) as { images: ImageJson[] }).images;
}

async function uploadOn(page: Page, articleId: number, photo: Buffer) {
  await page.goto(`${suite.served.url}/admin/bai-viet/${articleId}/anh`);
  await page.locator('#files').setInputFiles({ name: 'IMG_20261129_0815.jpg', mimeType: 'image/jpeg', buffer: photo });
  await page.locator('#alt').fill('Toàn cảnh hội nghị');
  // Clicked at once: with JavaScript the form waits for the photo to be shrunk.
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === `/admin/bai-viet/${articleId}/anh`, { timeout: 30_000 }),
    page.getByRole('button', { name: GALLERY.upload, exact: true }).click(),
  ]);
  await page.waitForLoadState('domcontentloaded');
  return response;
}

it('with JavaScript, a 4000 x 3000 photo is sent at most 6 MP and gets its copies', async () => {
  const photo = await phonePhoto(4000, 3000);
  const article = await newArticle();
  const page = await newPerson(suite.browser, suite.contexts);
  await signIn(page, suite.served, suite.accounts[0]!);
  const response = await uploadOn(page, article.id, photo);
  expect(response.status()).toBe(200);
  await expect.poll(() => page.locator('.notice.ok').textContent()).toBe(GALLERY.added(1));
  expect(await page.locator('[data-large-photo]').count()).toBe(0);
  const [image] = await galleryOf(article.slug);
  // Sent as a JPEG named like the photo, proportions kept, under the Worker's limit.
  expect(image!.url).toMatch(/\/media\/\d{4}\/\d{2}\/[0-9a-f]{32}\.jpg$/);
  expect(image!.width * image!.height).toBeLessThanOrEqual(6_000_000);
  expect(image!.width * image!.height).toBeGreaterThan(5_900_000);
  expect(Math.abs(image!.width / image!.height - 4 / 3)).toBeLessThan(0.002);
  expect(image!.srcset).toMatch(/\.w320\.webp 320w, .+\.w640\.webp 640w, .+\.w1024\.webp 1024w, .+\.jpg \d+w$/);
  // The stored original is that size (the browser decodes it), and the admin's thumbnail is its 320 px copy.
  const original = await page.evaluate(`new Promise((ok, fail) => { const i = new Image(); i.onload = () => ok([i.naturalWidth, i.naturalHeight]); i.onerror = fail; i.src = ${JSON.stringify(new URL(image!.url).pathname)}; })`);
  expect(original).toEqual([image!.width, image!.height]);
  expect(await page.locator('.gallery-admin img').getAttribute('src')).toMatch(/\.w320\.webp$/);
});

it('without JavaScript, the same photo is kept as uploaded, without copies, and the editor is told', async () => {
  const photo = await phonePhoto(4000, 3000);
  const article = await newArticle();
  const page = await newPerson(suite.browser, suite.contexts, { javaScriptEnabled: false });
  await signIn(page, suite.served, suite.accounts[0]!);
  const response = await uploadOn(page, article.id, photo);
  expect(response.status()).toBe(200);
  expect(await page.locator('.notice.ok').textContent()).toBe(`${GALLERY.added(1)} ${GALLERY.keptLarge}`);
  expect(await page.locator('[data-large-photo]').textContent()).toBe(GALLERY.largeNote);
  const [image] = await galleryOf(article.slug);
  expect([image!.width, image!.height, image!.srcset]).toEqual([4000, 3000, '']);
  // The original byte for byte.
  const stored = await suite.served.fetch(new URL(image!.url).pathname);
  expect(Buffer.from(await stored.arrayBuffer()).equals(photo)).toBe(true);
});

it('with JavaScript, a 4000 x 3000 cover is shrunk too and the clicked button\'s action is kept', async () => {
  const photo = await phonePhoto(4000, 3000);
  const article = await newArticle('draft');
  const page = await newPerson(suite.browser, suite.contexts);
  await signIn(page, suite.served, suite.accounts[0]!);
  await page.goto(`${suite.served.url}/admin/bai-viet/${article.id}`);
  await page.getByLabel('Ảnh bìa', { exact: true }).setInputFiles({ name: 'bia.jpeg', mimeType: 'image/jpeg', buffer: photo });
  await page.getByLabel('Chú thích ảnh').fill('Ảnh bìa chụp bằng điện thoại');
  await page.getByLabel('Mô tả ảnh (văn bản thay thế)').fill('Hội trường nhìn từ cuối phòng');
  expect((await submitWith(page, 'Lưu nháp')).status()).toBe(303);
  const res = await suite.served.fetch(`/api/v1/articles/${article.slug}`, { headers: { Authorization: `Bearer ${suite.served.token}` } });
  const json = (await res.json()) as { status: string; cover: { key: string } | null };
  expect(json.status).toBe('draft');
  expect(json.cover?.key).toMatch(/^\d{4}\/\d{2}\/[0-9a-f]{32}\.jpg$/);
  const shown = page.locator('.cover-now img');
  await expect.poll(() => shown.evaluate((img: { complete: boolean; naturalWidth: number }) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
  const [w, h] = (await shown.evaluate((img: { naturalWidth: number; naturalHeight: number }) => [img.naturalWidth, img.naturalHeight])) as [number, number];
  expect(w * h).toBeLessThanOrEqual(6_000_000);
  expect([w, h]).toEqual([2828, 2121]);
});
