// Photos in the article body, in real Chromium against the built Worker (site/public/admin/body-photos.js,
// the media library's endpoints): a PNG pasted from the system clipboard (navigator.clipboard.write, then
// Ctrl+V) opens the photo dialog, which refuses an empty alt at the field, uploads, and inserts
// `![alt](/media/<key> "caption")` as its own paragraph (undone by Ctrl+Z), the preview and the published
// page show it as <figure><img alt><figcaption>; two files dropped at once get one dialog each, in order;
// "Ảnh từ thư viện" reuses an item from the keyboard alone, with no new upload; a file that is not an
// image gets the server's message in the dialog and inserts nothing; Esc cancels; axe finds nothing
// with either dialog open; on the page form the English body gets its own photo; a 12 MP photo is sent at
// most 6 MP (shrink-photos.js).
import type { Page, Request } from 'playwright-core';
import { expect, it } from 'vitest';
import { BODY_PHOTOS, BUTTON } from '../../site/admin/strings.ts';
import { adminBrowserSuite, newPerson, pngImage, signIn, submitWith } from '../support/admin.ts';
import { axeViolations, describeViolations } from '../support/browser.ts';
import { uniqueWord } from '../support/served.ts';

const T = BODY_PHOTOS.client;
const suite = adminBrowserSuite([{ role: 'editor', name: 'Phạm Ảnh' }]);
const MEDIA_MARKDOWN = /!\[([^\]]*)\]\((\/media\/\d{4}\/\d{2}\/[0-9a-f]{32}\.(?:png|jpg|webp))(?: "((?:[^"\\]|\\.)*)")?\)/g;

/** bypassCSP: axe-core is injected as an inline script, which the admin's CSP (rightly) refuses. */
async function editorOnNewArticle(bypassCSP = false): Promise<Page> {
  const page = await newPerson(suite.browser, suite.contexts, { permissions: ['clipboard-read', 'clipboard-write'], bypassCSP });
  await signIn(page, suite.served, suite.accounts[0]!);
  await page.goto(`${suite.served.url}/admin/bai-viet/moi`);
  // The toolbar is shown by the body editor's script: the scripts have run.
  await page.locator('[data-body-toolbar]:not([hidden])').waitFor();
  return page;
}

/** Uploads to the library made by the page (the dialog's requests), counted as they leave. */
function uploadsOf(page: Page): Request[] {
  const sent: Request[] = [];
  page.on('request', (r) => {
    if (r.method() === 'POST' && new URL(r.url()).pathname === '/admin/thu-vien/tai-len') sent.push(r);
  });
  return sent;
}

const body = (page: Page) => page.locator('#f-body');
const dialog = (page: Page, name: string | RegExp = T.title) => page.getByRole('dialog', { name });

/** Markdown images of the body that point to the library, in order. */
async function photosIn(page: Page): Promise<{ alt: string; url: string; caption: string | undefined }[]> {
  const text = await body(page).inputValue();
  return [...text.matchAll(MEDIA_MARKDOWN)].map((m) => ({ alt: m[1]!, url: m[2]!, caption: m[3] }));
}

/** Makes a PNG in the page (OffscreenCanvas) and keeps it as window.__png[name]. */
async function pngInPage(page: Page, name: string, colour: string) {
  await page.evaluate(`(async () => {
    const canvas = new OffscreenCanvas(64, 48);
    const c = canvas.getContext('2d');
    c.fillStyle = ${JSON.stringify(colour)}; c.fillRect(0, 0, 64, 48);
    c.fillStyle = '#fff'; c.fillRect(8, 8, 16, 16);
    window.__png = window.__png || {};
    window.__png[${JSON.stringify(name)}] = new File([await canvas.convertToBlob({ type: 'image/png' })], ${JSON.stringify(name)}, { type: 'image/png' });
  })()`);
}

it('a PNG pasted from the clipboard: alt required at the field, uploaded, inserted with its caption, undoable, previewed and published', async () => {
  const page = await editorOnNewArticle();
  const uploads = uploadsOf(page);
  const title = `Hội nghị có ảnh ${uniqueWord('anh')}`;
  await page.locator('#f-title').fill(title);
  await body(page).fill('Sáng 29/11, hội nghị khai mạc.');
  await body(page).press('End');

  // The system clipboard, as a screenshot tool leaves it: one image/png and no HTML.
  await pngInPage(page, 'clipboard.png', '#2a6f97');
  await page.evaluate(`navigator.clipboard.write([new ClipboardItem({ 'image/png': window.__png['clipboard.png'] })])`);
  await body(page).press('Control+V');
  const photo = dialog(page);
  await photo.waitFor();
  // The preview is drawn from the pasted file (a canvas: the admin's CSP allows no blob: images).
  await expect.poll(() => photo.locator('canvas').evaluate((c: { width: number; height: number }) => [c.width, c.height])).toEqual([64, 48]);

  // Empty alt: refused at the field, nothing sent.
  await photo.getByRole('button', { name: T.uploadAndInsert }).click();
  const alt = photo.getByLabel(T.altLabel);
  await expect.poll(() => photo.locator('.field-error:not([hidden])').first().textContent()).toBe(T.altRequired);
  expect(await alt.getAttribute('aria-invalid')).toBe('true');
  expect(await alt.evaluate((e: { ownerDocument: { activeElement: unknown } }) => e.ownerDocument.activeElement === e)).toBe(true);
  expect(uploads).toHaveLength(0);

  await alt.fill('Toàn cảnh hội nghị');
  await photo.getByLabel(T.captionLabel).fill('Hội nghị sáng 29/11 tại "hội trường" tỉnh');
  const [answer] = await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname === '/admin/thu-vien/tai-len'),
    photo.getByRole('button', { name: T.uploadAndInsert }).click(),
  ]);
  expect(answer.status()).toBe(201);
  await photo.waitFor({ state: 'detached' });
  const [inserted] = await photosIn(page);
  expect(inserted).toEqual({ alt: 'Toàn cảnh hội nghị', url: expect.stringMatching(/\.png$/), caption: 'Hội nghị sáng 29/11 tại \\"hội trường\\" tỉnh' });
  // Its own paragraph after the text, the caret after it, the focus back in the body.
  expect(await body(page).inputValue()).toBe(`Sáng 29/11, hội nghị khai mạc.\n\n![Toàn cảnh hội nghị](${inserted!.url} "Hội nghị sáng 29/11 tại \\"hội trường\\" tỉnh")`);
  expect(await body(page).evaluate((e: { ownerDocument: { activeElement: unknown } }) => e.ownerDocument.activeElement === e)).toBe(true);

  // The preview shows it as a figure at once.
  const figure = page.locator('#xem-truoc-noi-dung figure');
  await expect.poll(() => figure.locator('img').getAttribute('alt')).toBe('Toàn cảnh hội nghị');
  // Shown through the admin's own path for the working site's images (the admin host's /media is the first site's).
  expect(await figure.locator('img').getAttribute('src')).toBe(inserted!.url.replace('/media/', '/admin/thu-vien/anh/'));
  expect(await figure.locator('figcaption').textContent()).toBe('Hội nghị sáng 29/11 tại "hội trường" tỉnh');

  // The browser's own undo takes the insertion back, and redo puts it again.
  await body(page).press('Control+Z');
  await expect.poll(() => body(page).inputValue()).toBe('Sáng 29/11, hội nghị khai mạc.');
  await body(page).press('Control+Shift+Z');
  await expect.poll(async () => (await photosIn(page)).length).toBe(1);

  // Published: the reader's page shows the figure with its caption.
  expect((await submitWith(page, BUTTON.publish)).status()).toBe(303);
  const slug = await page.locator('#f-slug').inputValue();
  const reader = await newPerson(suite.browser, suite.contexts);
  await reader.goto(`${suite.served.url}/bai-viet/${slug}`);
  const published = reader.getByRole('main').locator('figure', { has: reader.locator(`img[src="${inserted!.url}"]`) });
  expect(await published.locator('img').getAttribute('alt')).toBe('Toàn cảnh hội nghị');
  expect(await published.locator('figcaption').textContent()).toBe('Hội nghị sáng 29/11 tại "hội trường" tỉnh');
  expect(uploads).toHaveLength(1);
});

it('two photos dropped at once: one dialog each, in order, each inserted after the one before', async () => {
  const page = await editorOnNewArticle();
  await body(page).fill('Mở đầu.');
  await pngInPage(page, 'mot.png', '#9bc53d');
  await pngInPage(page, 'hai.png', '#c3423f');
  // A drop as the browser delivers it: dragover (accepted), then drop, with a DataTransfer of two files.
  await body(page).evaluate(`(() => {
    const area = document.getElementById('f-body');
    const files = new DataTransfer();
    files.items.add(window.__png['mot.png']);
    files.items.add(window.__png['hai.png']);
    const over = new DragEvent('dragover', { bubbles: true, cancelable: true, dataTransfer: files });
    area.dispatchEvent(over);
    window.__dragAccepted = over.defaultPrevented;
    area.dispatchEvent(new DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer: files }));
  })()`);
  expect(await page.evaluate('window.__dragAccepted')).toBe(true);
  for (const [n, alt] of [[1, 'Ảnh thứ nhất'], [2, 'Ảnh thứ hai']] as const) {
    const photo = dialog(page, `Chèn ảnh vào nội dung (${n}/2)`);
    await photo.waitFor();
    expect(await photo.locator('.photo-dialog-file').textContent()).toBe(n === 1 ? 'mot.png' : 'hai.png');
    await photo.getByLabel(T.altLabel).fill(alt);
    await photo.getByRole('button', { name: T.uploadAndInsert }).click();
    await photo.waitFor({ state: 'detached' });
  }
  const photos = await photosIn(page);
  expect(photos.map((p) => [p.alt, p.caption])).toEqual([['Ảnh thứ nhất', undefined], ['Ảnh thứ hai', undefined]]);
  expect(await body(page).inputValue()).toBe(`Mở đầu.\n\n![Ảnh thứ nhất](${photos[0]!.url})\n\n![Ảnh thứ hai](${photos[1]!.url})`);
});

it('"Ảnh từ thư viện" from the keyboard alone: search, pick, alt and caption filled from the item, inserted without a new upload', async () => {
  const page = await editorOnNewArticle();
  // An item already in the library (uploaded as the dialog does, with the form's CSRF token).
  const csrf = (await page.locator('input[name="_csrf"]').first().getAttribute('value'))!;
  const word = uniqueWord('cau');
  await pngInPage(page, `cau-${word}.png`, '#3a6ea5');
  const item = (await page.evaluate(`(async () => {
    const data = new FormData();
    data.append('file', window.__png['cau-${word}.png']);
    data.append('alt', 'Cầu Gia Bảy ${word}');
    data.append('caption', 'Cầu mới khánh thành');
    const r = await fetch('/admin/thu-vien/tai-len', { method: 'POST', body: data, headers: { 'X-CSRF-Token': ${JSON.stringify(csrf)} } });
    return { status: r.status, json: await r.json() };
  })()`)) as { status: number; json: { url: string } };
  expect(item.status).toBe(201);
  const uploads = uploadsOf(page);

  await body(page).fill('Giao thông.');
  await page.getByRole('button', { name: 'Ảnh từ thư viện', exact: true }).focus();
  await page.keyboard.press('Enter');
  const library = dialog(page, T.libraryTitle);
  await library.waitFor();
  // The focus is in the search box; the word is typed without its diacritics.
  await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).searchParams.get('q') === `cau gia bay ${word}`),
    page.keyboard.type(`cau gia bay ${word}`),
  ]);
  const pick = library.getByRole('button', { name: new RegExp(`Cầu Gia Bảy ${word}`) });
  // The list the search brought (the first, unfiltered list may still be on screen until it is drawn).
  await expect.poll(() => library.locator('ul[aria-busy="true"]').count()).toBe(0);
  expect(await library.getByRole('status').textContent()).toBe(T.resultCount.replace('{n}', '1'));
  expect(await library.getByRole('listitem').count()).toBe(1);
  await page.keyboard.press('Tab');
  expect(await pick.evaluate((e: { ownerDocument: { activeElement: unknown } }) => e.ownerDocument.activeElement === e)).toBe(true);
  await page.keyboard.press('Enter');

  const photo = dialog(page);
  await photo.waitFor();
  expect(await photo.getByLabel(T.altLabel).inputValue()).toBe(`Cầu Gia Bảy ${word}`);
  expect(await photo.getByLabel(T.captionLabel).inputValue()).toBe('Cầu mới khánh thành');
  await page.keyboard.press('End');
  await page.keyboard.type(' nhìn từ bờ sông');
  await page.keyboard.press('Enter'); // submits the dialog's form from the alt field
  await photo.waitFor({ state: 'detached' });
  expect(await body(page).inputValue()).toBe(`Giao thông.\n\n![Cầu Gia Bảy ${word} nhìn từ bờ sông](${new URL(item.json.url, suite.served.url).pathname} "Cầu mới khánh thành")`);
  expect(uploads).toHaveLength(0);
});

it('a file that is not an image: the server\'s message in the dialog, nothing inserted; Esc closes the dialog', async () => {
  const page = await editorOnNewArticle();
  await body(page).fill('Nội dung không đổi.');
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Chèn ảnh', exact: true }).click()]);
  await chooser.setFiles({ name: 'bao-cao.png', mimeType: 'image/png', buffer: Buffer.from('Đây là văn bản, không phải ảnh.\n'.repeat(20)) });
  const photo = dialog(page);
  await photo.waitFor();
  await photo.getByLabel(T.altLabel).fill('Báo cáo');
  const [answer] = await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname === '/admin/thu-vien/tai-len'),
    photo.getByRole('button', { name: T.uploadAndInsert }).click(),
  ]);
  expect(answer.status()).toBeGreaterThanOrEqual(400);
  expect(answer.status()).toBeLessThan(500);
  const message = ((await answer.json()) as { error: string }).error;
  expect(message).toMatch(/[ảạấầẩẫậăắằẳẵặếềểễệốồổỗộớờởỡợ]/);
  await expect.poll(() => photo.getByRole('alert').textContent()).toBe(message);
  expect(await body(page).inputValue()).toBe('Nội dung không đổi.');
  await page.keyboard.press('Escape');
  await photo.waitFor({ state: 'detached' });
  expect(await body(page).inputValue()).toBe('Nội dung không đổi.');
});

it('axe finds no violation with the photo dialog or the library dialog open', async () => {
  const page = await editorOnNewArticle(true);
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Chèn ảnh', exact: true }).click()]);
  await chooser.setFiles({ name: 'ok.png', mimeType: 'image/png', buffer: Buffer.from('not checked before the upload') });
  const photo = dialog(page);
  await photo.waitFor();
  // The refused state too: the error next to the field.
  await photo.getByRole('button', { name: T.uploadAndInsert }).click();
  await photo.locator('.field-error:not([hidden])').waitFor();
  const withPhoto = await axeViolations(page);
  expect(withPhoto, describeViolations(withPhoto)).toEqual([]);
  await page.keyboard.press('Escape');
  await photo.waitFor({ state: 'detached' });

  await page.getByRole('button', { name: 'Ảnh từ thư viện', exact: true }).click();
  const library = dialog(page, T.libraryTitle);
  await library.waitFor();
  await expect.poll(() => library.getByRole('status').textContent()).not.toBe(T.searching);
  const withLibrary = await axeViolations(page);
  expect(withLibrary, describeViolations(withLibrary)).toEqual([]);
});

it('on the page form the English body\'s "Chèn ảnh" inserts into the English body (one script for two bodies)', async () => {
  const page = await newPerson(suite.browser, suite.contexts);
  await signIn(page, suite.served, suite.accounts[0]!);
  await page.goto(`${suite.served.url}/admin/trang/moi`);
  const english = page.locator('textarea[name="bodyEn"]');
  const editor = page.locator('.body-editor', { has: english });
  await editor.locator('[data-body-toolbar]:not([hidden])').waitFor();
  expect(await page.evaluate('document.querySelectorAll(\'script[src="/admin/body-photos.js"]\').length')).toBe(2);
  await english.fill('About the commune.');
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), editor.getByRole('button', { name: 'Chèn ảnh', exact: true }).click()]);
  await chooser.setFiles({ name: 'en.png', mimeType: 'image/png', buffer: pngImage(40, 30) });
  const photo = dialog(page);
  await photo.waitFor();
  // One dialog: the script ran once although the form loads it for each body.
  expect(await page.getByRole('dialog').count()).toBe(1);
  await photo.getByLabel(T.altLabel).fill('Commune hall');
  await photo.getByRole('button', { name: T.uploadAndInsert }).click();
  await photo.waitFor({ state: 'detached' });
  expect(await english.inputValue()).toMatch(/^About the commune\.\n\n!\[Commune hall\]\(\/media\/\d{4}\/\d{2}\/[0-9a-f]{32}\.png\)$/);
  expect(await page.locator('textarea[name="body"]').inputValue()).toBe('');
});

it('a 12 MP photo dropped on the body is shrunk in the browser to at most 6 MP before it is sent, as covers are', async () => {
  const page = await editorOnNewArticle();
  await body(page).evaluate(`(async () => {
    const canvas = new OffscreenCanvas(4000, 3000);
    const c = canvas.getContext('2d');
    const g = c.createLinearGradient(0, 0, 4000, 3000);
    g.addColorStop(0, '#3a6ea5'); g.addColorStop(1, '#c3423f');
    c.fillStyle = g; c.fillRect(0, 0, 4000, 3000);
    const file = new File([await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.85 })], 'IMG_20261129_0815.jpg', { type: 'image/jpeg' });
    const files = new DataTransfer();
    files.items.add(file);
    document.getElementById('f-body').dispatchEvent(new DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer: files }));
  })()`);
  const photo = dialog(page);
  await photo.waitFor();
  await photo.getByLabel(T.altLabel).fill('Ảnh chụp bằng điện thoại');
  const [answer] = await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname === '/admin/thu-vien/tai-len', { timeout: 30_000 }),
    photo.getByRole('button', { name: T.uploadAndInsert }).click(),
  ]);
  expect(answer.status()).toBe(201);
  const item = (await answer.json()) as { url: string; width: number; height: number };
  expect(item.width * item.height).toBeLessThanOrEqual(6_000_000);
  expect(item.width * item.height).toBeGreaterThan(5_900_000);
  expect(Math.abs(item.width / item.height - 4 / 3)).toBeLessThan(0.002);
  await photo.waitFor({ state: 'detached' });
  expect((await photosIn(page))[0]).toEqual({ alt: 'Ảnh chụp bằng điện thoại', url: new URL(item.url, suite.served.url).pathname, caption: undefined });
});
