// An article's cover picked from the media library, in real Chromium against the built Worker
// (site/public/admin/cover-library.js with the shared picker library-picker.js): the cover fieldset's
// "Chọn ảnh từ thư viện" opens the same library dialog as the body's "Ảnh từ thư viện"; from the keyboard
// alone an uploaded item is searched and picked, which sets the hidden cover_key, fills the empty alt and
// caption from the item, clears the file field and shows the picked image with a status; published, the
// reader's page shows it as the cover with the item's alt, and no second upload was made. Without
// JavaScript the button stays hidden and the upload field is there. axe finds nothing with the picker
// opened from the cover button.
import type { Page, Request } from 'playwright-core';
import { expect, it } from 'vitest';
import { BODY_PHOTOS, BUTTON } from '../../site/admin/strings.ts';
import { adminBrowserSuite, newPerson, signIn, submitWith } from '../support/admin.ts';
import { axeViolations, describeViolations } from '../support/browser.ts';
import { uniqueWord } from '../support/served.ts';

const T = BODY_PHOTOS.client;
const C = BODY_PHOTOS.cover;
const suite = adminBrowserSuite([{ role: 'editor', name: 'Lý Ảnh Bìa' }]);

/** bypassCSP: axe-core is injected as an inline script, which the admin's CSP (rightly) refuses. */
async function editorOnNewArticle(options: { bypassCSP?: boolean; javaScriptEnabled?: boolean } = {}): Promise<Page> {
  const page = await newPerson(suite.browser, suite.contexts, options);
  await signIn(page, suite.served, suite.accounts[0]!);
  await page.goto(`${suite.served.url}/admin/bai-viet/moi`);
  // The cover button is shown by its script: the scripts have run.
  if (options.javaScriptEnabled !== false) await page.locator('button[data-cover-library]:not([hidden])').waitFor();
  return page;
}

/** Uploads a PNG made in the page to the library, as the body's photo dialog does (the form's CSRF token). */
async function libraryItem(page: Page, alt: string, caption: string): Promise<{ key: string; url: string }> {
  const csrf = (await page.locator('input[name="_csrf"]').first().getAttribute('value'))!;
  const answer = (await page.evaluate(`(async () => {
    const canvas = new OffscreenCanvas(64, 48);
    const c = canvas.getContext('2d');
    c.fillStyle = '#7a4b94'; c.fillRect(0, 0, 64, 48);
    const data = new FormData();
    data.append('file', new File([await canvas.convertToBlob({ type: 'image/png' })], 'bia.png', { type: 'image/png' }));
    data.append('alt', ${JSON.stringify(alt)});
    data.append('caption', ${JSON.stringify(caption)});
    const r = await fetch('/admin/thu-vien/tai-len', { method: 'POST', body: data, headers: { 'X-CSRF-Token': ${JSON.stringify(csrf)} } });
    return { status: r.status, json: await r.json() };
  })()`)) as { status: number; json: { key: string; url: string } };
  expect(answer.status).toBe(201);
  return answer.json;
}

/** Image files sent by the page (to the library, or as the form's cover file; an empty file field is sent as octet-stream), counted as they leave. */
function uploadsOf(page: Page): Request[] {
  const sent: Request[] = [];
  page.on('request', (r) => {
    if (r.method() === 'POST' && /Content-Type: image\//i.test(r.postDataBuffer()?.toString('latin1') ?? '')) sent.push(r);
  });
  return sent;
}

const isFocused = (page: Page, selector: string) => page.locator(selector).evaluate((e: { ownerDocument: { activeElement: unknown } }) => e.ownerDocument.activeElement === e);

it('picked from the library by keyboard alone: cover_key, alt and caption set, the image shown; published, the reader sees it as the cover with the item\'s alt', async () => {
  const page = await editorOnNewArticle();
  const word = uniqueWord('bia');
  const item = await libraryItem(page, `Đình làng Tân Cương ${word}`, 'Đình làng sau khi tu bổ');
  const uploads = uploadsOf(page);
  const title = `Bài có ảnh đại diện từ thư viện ${word}`;
  await page.locator('#f-title').fill(title);
  await page.locator('#f-body').fill('Đình làng được tu bổ.');

  await page.getByRole('button', { name: C.button }).focus();
  await page.keyboard.press('Enter');
  const library = page.getByRole('dialog', { name: C.client.libraryTitle });
  await library.waitFor();
  // The same picker as the body's: focus in its search box, folded search.
  expect(await isFocused(page, 'dialog input[type="search"]')).toBe(true);
  await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).searchParams.get('q') === `dinh lang tan cuong ${word}`),
    page.keyboard.type(`dinh lang tan cuong ${word}`),
  ]);
  await expect.poll(() => library.locator('ul[aria-busy="true"]').count()).toBe(0);
  expect(await library.getByRole('status').textContent()).toBe(C.client.resultCount.replace('{n}', '1'));
  await page.keyboard.press('Tab');
  expect(await library.getByRole('button', { name: new RegExp(`Đình làng Tân Cương ${word}`) })
    .evaluate((e: { ownerDocument: { activeElement: unknown } }) => e.ownerDocument.activeElement === e)).toBe(true);
  await page.keyboard.press('Enter');
  await library.waitFor({ state: 'detached' });

  // The form now carries the item: hidden key, alt and caption filled (they were empty), no file; the focus back on the button.
  expect(await page.locator('input[name="cover_key"]').inputValue()).toBe(item.key);
  expect(await page.locator('#f-cover-alt').inputValue()).toBe(`Đình làng Tân Cương ${word}`);
  expect(await page.locator('#f-cover-caption').inputValue()).toBe('Đình làng sau khi tu bổ');
  expect(await page.locator('#f-cover-file').inputValue()).toBe('');
  expect(await isFocused(page, 'button[data-cover-library]')).toBe(true);
  const shown = page.locator('[data-cover-now] img');
  expect(await shown.getAttribute('src')).toBe(`/admin/thu-vien/anh/${item.key}`);
  expect(await shown.getAttribute('alt')).toBe(`Đình làng Tân Cương ${word}`);
  await expect.poll(() => shown.evaluate((img: { naturalWidth: number }) => img.naturalWidth)).toBe(64);
  expect(await page.locator('[data-cover-status]').textContent()).toBe(C.client.pickedStatus.replace('{alt}', `Đình làng Tân Cương ${word}`));

  // Published: the reader's page has the item as its cover, with the item's alt.
  expect((await submitWith(page, BUTTON.publish)).status()).toBe(303);
  expect(uploads).toHaveLength(0);
  const slug = await page.locator('#f-slug').inputValue();
  const reader = await newPerson(suite.browser, suite.contexts);
  await reader.goto(`${suite.served.url}/bai-viet/${slug}`);
  const cover = reader.getByRole('main').locator('figure.cover');
  expect(await cover.locator('img').getAttribute('src')).toBe(new URL(item.url, suite.served.url).pathname);
  expect(await cover.locator('img').getAttribute('alt')).toBe(`Đình làng Tân Cương ${word}`);
  expect(await cover.locator('figcaption').textContent()).toBe('Đình làng sau khi tu bổ');
  await expect.poll(() => cover.locator('img').evaluate((img: { naturalWidth: number }) => img.naturalWidth)).toBe(64);
});

it('a cover already written keeps its alt and caption; the pick replaces the current cover and its "remove" box; Esc picks nothing', async () => {
  const page = await editorOnNewArticle();
  const word = uniqueWord('thay');
  const first = await libraryItem(page, `Ảnh đầu ${word}`, '');
  const second = await libraryItem(page, `Ảnh sau ${word}`, 'Chú thích của thư viện');
  await page.locator('#f-title').fill(`Bài đổi ảnh đại diện ${word}`);
  await page.locator('#f-body').fill('Nội dung.');
  const pick = async (alt: string) => {
    await page.getByRole('button', { name: C.button }).click();
    const library = page.getByRole('dialog', { name: C.client.libraryTitle });
    await library.waitFor();
    await page.keyboard.type(alt);
    await expect.poll(() => library.getByRole('button').filter({ hasText: alt }).count()).toBe(1);
    await library.getByRole('button').filter({ hasText: alt }).click();
    await library.waitFor({ state: 'detached' });
  };
  await pick(`Ảnh đầu ${word}`);
  expect((await submitWith(page, BUTTON.saveDraft)).status()).toBe(303);
  // Saved with the first item: the edit page shows it as the current cover, with the remove box.
  expect(await page.locator('[data-cover-now] img').getAttribute('src')).toBe(`/admin/thu-vien/anh/${first.key}`);
  expect(await page.locator('[data-cover-now] input[name="cover_remove"]').count()).toBe(1);

  // Esc closes the picker and changes nothing.
  await page.getByRole('button', { name: C.button }).click();
  await page.getByRole('dialog', { name: C.client.libraryTitle }).waitFor();
  await page.keyboard.press('Escape');
  await page.getByRole('dialog', { name: C.client.libraryTitle }).waitFor({ state: 'detached' });
  expect(await page.locator('input[name="cover_key"]').inputValue()).toBe(first.key);

  await page.locator('#f-cover-alt').fill('Mô tả do biên tập viên viết');
  await pick(`Ảnh sau ${word}`);
  expect(await page.locator('input[name="cover_key"]').inputValue()).toBe(second.key);
  // Alt was written: kept; caption was empty: the item's.
  expect(await page.locator('#f-cover-alt').inputValue()).toBe('Mô tả do biên tập viên viết');
  expect(await page.locator('#f-cover-caption').inputValue()).toBe('Chú thích của thư viện');
  expect(await page.locator('[data-cover-now]').count()).toBe(1);
  expect(await page.locator('[data-cover-now] img').getAttribute('src')).toBe(`/admin/thu-vien/anh/${second.key}`);
  expect(await page.locator('input[name="cover_remove"]').count()).toBe(0);
  expect((await submitWith(page, BUTTON.saveDraft)).status()).toBe(303);
  expect(await page.locator('[data-cover-now] img').getAttribute('src')).toBe(`/admin/thu-vien/anh/${second.key}`);
  expect(await page.locator('#f-cover-alt').inputValue()).toBe('Mô tả do biên tập viên viết');
});

it('without JavaScript the library button stays hidden and the upload field is there', async () => {
  const page = await editorOnNewArticle({ javaScriptEnabled: false });
  expect(await page.locator('button[data-cover-library]').isHidden()).toBe(true);
  expect(await page.locator('#f-cover-file').isVisible()).toBe(true);
});

it('axe finds no violation with the picker opened from the cover button', async () => {
  const page = await editorOnNewArticle({ bypassCSP: true });
  await libraryItem(page, 'Ảnh cho kiểm tra trợ năng', 'Chú thích');
  await page.getByRole('button', { name: C.button }).click();
  const library = page.getByRole('dialog', { name: C.client.libraryTitle });
  await library.waitFor();
  await expect.poll(() => library.getByRole('status').textContent()).not.toBe(T.searching);
  expect(await library.getByRole('listitem').count()).toBeGreaterThan(0);
  const violations = await axeViolations(page);
  expect(violations, describeViolations(violations)).toEqual([]);
});
