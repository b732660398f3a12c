// The body editor in real Chromium (BodyEditor.astro + /admin/body-editor.js) on the article form: the
// toolbar from the keyboard alone (one Tab stop, arrows, Home/End, Enter/Space) and its undo/redo, the
// Ctrl+B/I/K shortcuts, the link dialog refusing javascript:, the table dialog, Vietnamese typing driven
// through the Chrome DevTools Protocol (Telex composition and Unikey's Backspace-and-replace) saved exactly,
// NFD text pasted and stored NFC, the word count, the unsaved-changes warning, the form with JavaScript off,
// and axe with the toolbar and with a dialog open.
import type { CDPSession, Locator, Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { adminBrowserSuite, articleIdOf, newPerson, signIn, submitWith } from '../support/admin.ts';
import { axeViolations, describeViolations } from '../support/browser.ts';
import { uniqueWord } from '../support/served.ts';
import { WORD_COUNT_EXAMPLES } from '../support/word-count-examples.ts';

const suite = adminBrowserSuite([{ role: 'editor', name: 'Lê Soạn Thảo' }]);
const BODY = 'Nội dung (Markdown)';

async function editorPage(options: Parameters<typeof newPerson>[2] = {}): Promise<Page> {
  const page = await newPerson(suite.browser, suite.contexts, options);
  await signIn(page, suite.served, suite.accounts[0]!);
  await page.goto(`${suite.served.url}/admin/bai-viet/moi`);
  return page;
}

const body = (page: Page): Locator => page.getByLabel(BODY, { exact: true });

/** Runs JavaScript in the page (as text: the tests are compiled without the DOM's types); `arg` is passed as JSON. */
const inPage = <T>(page: Page, fn: string, arg: unknown = null): Promise<T> => page.evaluate(`(${fn})(${JSON.stringify(arg)})`) as Promise<T>;

/** Puts text in the body as one edit and selects [start, end). */
async function setBody(page: Page, text: string, start: number, end = start): Promise<void> {
  await body(page).fill(text);
  await inPage(page, `([s, e]) => { const el = document.getElementById('f-body'); el.focus(); el.setSelectionRange(s, e); }`, [start, end]);
}

const selection = (page: Page) => inPage<string>(page, `() => { const el = document.getElementById('f-body'); return el.value.slice(el.selectionStart, el.selectionEnd); }`);
const focusedLabel = (page: Page) => inPage<string>(page, `() => (document.activeElement?.textContent ?? '').trim()`);
const focusedAttribute = (page: Page, name: string) => inPage<string | null>(page, `(name) => document.activeElement?.getAttribute(name) ?? null`, name);

async function fillRest(page: Page, title: string): Promise<void> {
  await page.getByLabel('Tiêu đề', { exact: true }).fill(title);
  await page.getByLabel('Chuyên mục').selectOption({ index: 1 });
}

/** The body stored for the article being edited, as the API gives it to a token holder. */
async function storedBody(page: Page): Promise<string> {
  const slug = await page.locator('#f-slug').inputValue();
  const res = await suite.served.fetch(`/api/v1/articles/${slug}`, { headers: { Authorization: `Bearer ${suite.served.token}` } });
  expect(res.status).toBe(200);
  return ((await res.json()) as { bodyMarkdown: string }).bodyMarkdown;
}

it('the toolbar works from the keyboard alone: one Tab stop, arrows, Home/End, Enter and Space, undo and redo', async () => {
  const page = await editorPage();
  const toolbar = page.getByRole('toolbar', { name: 'Định dạng nội dung' });
  await toolbar.waitFor();
  expect(await toolbar.getAttribute('aria-controls')).toBe('f-body');
  await setBody(page, 'Xã Tân Cương đạt loại Tốt', 13, 25);
  // Tab from the field before the body lands on the toolbar's first button; one more Tab leaves it.
  await page.getByLabel('Từ khóa').focus();
  await page.keyboard.press('Tab');
  expect(await focusedLabel(page)).toBe('Đậm');
  expect(await focusedAttribute(page, 'aria-keyshortcuts')).toContain('Control+B');
  await page.keyboard.press('Enter');
  expect(await body(page).inputValue()).toBe('Xã Tân Cương **đạt loại Tốt**');
  expect(await selection(page)).toBe('đạt loại Tốt');

  await page.keyboard.press('Shift+Tab'); // back to the toolbar, on the button used last
  expect(await focusedLabel(page)).toBe('Đậm');
  await page.keyboard.press('ArrowRight');
  expect(await focusedLabel(page)).toBe('Nghiêng');
  await page.keyboard.press('End');
  expect(await focusedLabel(page)).toBe('Làm lại');
  await page.keyboard.press('ArrowRight'); // wraps
  expect(await focusedLabel(page)).toBe('Đậm');
  await page.keyboard.press('Home');
  expect(await focusedLabel(page)).toBe('Đậm');
  await page.keyboard.press('ArrowLeft');
  expect(await focusedLabel(page)).toBe('Làm lại');
  await page.keyboard.press('ArrowLeft');
  expect(await focusedLabel(page)).toBe('Hoàn tác');
  // Only the current button is in the Tab order.
  expect(await toolbar.locator('button[tabindex="0"]').count()).toBe(1);
  await page.keyboard.press('Space');
  expect(await body(page).inputValue()).toBe('Xã Tân Cương đạt loại Tốt');
  await page.keyboard.press('Shift+Tab');
  expect(await focusedLabel(page)).toBe('Hoàn tác');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Enter'); // Làm lại
  expect(await body(page).inputValue()).toBe('Xã Tân Cương **đạt loại Tốt**');
  // The browser's own Ctrl+Z in the textarea undoes the toolbar's edit too.
  await body(page).focus();
  await page.keyboard.press('Control+Z');
  expect(await body(page).inputValue()).toBe('Xã Tân Cương đạt loại Tốt');
});

it('headings, lists and quotes prefix the selected lines and toggle back; bold toggles off', async () => {
  const page = await editorPage();
  const tool = (name: string) => page.getByRole('toolbar').getByRole('button', { name, exact: true });
  await setBody(page, 'Kết quả', 3);
  await tool('Tiêu đề 2').click();
  expect(await body(page).inputValue()).toBe('## Kết quả');
  await tool('Tiêu đề 3').click();
  expect(await body(page).inputValue()).toBe('### Kết quả');
  await tool('Tiêu đề 3').click();
  expect(await body(page).inputValue()).toBe('Kết quả');

  await setBody(page, 'Mở đầu\n\nChè\nLúa\n\nKết', 8, 15);
  await tool('Danh sách chấm').click();
  expect(await body(page).inputValue()).toBe('Mở đầu\n\n- Chè\n- Lúa\n\nKết');
  await tool('Danh sách số').click();
  expect(await body(page).inputValue()).toBe('Mở đầu\n\n1. Chè\n2. Lúa\n\nKết');
  await tool('Danh sách số').click();
  expect(await body(page).inputValue()).toBe('Mở đầu\n\nChè\nLúa\n\nKết');
  await tool('Trích dẫn').click();
  expect(await body(page).inputValue()).toBe('Mở đầu\n\n> Chè\n> Lúa\n\nKết');

  await setBody(page, 'Xã **Tân Cương**', 5, 14);
  await tool('Đậm').click();
  expect(await body(page).inputValue()).toBe('Xã Tân Cương');
});

it('Ctrl+B, Ctrl+I and Ctrl+K work in the body; Ctrl+Shift+B and Alt+B do not take over', async () => {
  const page = await editorPage();
  await setBody(page, 'Điểm 73,87 xếp loại Tốt', 0, 10);
  await page.keyboard.press('Control+B');
  expect(await body(page).inputValue()).toBe('**Điểm 73,87** xếp loại Tốt');
  await page.keyboard.press('Control+I');
  expect(await body(page).inputValue()).toBe('***Điểm 73,87*** xếp loại Tốt');
  await page.keyboard.press('Control+I');
  await page.keyboard.press('Control+B');
  expect(await body(page).inputValue()).toBe('Điểm 73,87 xếp loại Tốt');
  await page.keyboard.press('Control+Shift+B');
  await page.keyboard.press('Alt+B');
  expect(await body(page).inputValue()).toBe('Điểm 73,87 xếp loại Tốt');
  await page.keyboard.press('Control+K');
  await page.getByRole('dialog', { name: 'Chèn liên kết' }).waitFor();
});

it('the link dialog refuses javascript:, inserts a link around the selection, and Esc cancels', async () => {
  const page = await editorPage();
  await setBody(page, 'Xem cổng thông tin tỉnh', 4, 18);
  await page.keyboard.press('Control+K');
  const dialog = page.getByRole('dialog', { name: 'Chèn liên kết' });
  await dialog.waitFor();
  // A selection gives the text: only the address is asked.
  expect(await dialog.getByLabel('Chữ hiển thị').count()).toBe(0);
  const url = dialog.getByLabel('Địa chỉ liên kết (URL)');
  expect(await focusedAttribute(page, 'id')).toBe(await url.getAttribute('id'));
  await url.fill('javascript:alert(document.cookie)');
  await page.keyboard.press('Enter');
  await expect.poll(() => dialog.getByRole('alert').textContent()).toContain('Chỉ nhận liên kết http://');
  expect(await dialog.isVisible()).toBe(true);
  expect(await body(page).inputValue()).toBe('Xem cổng thông tin tỉnh');
  await url.fill(' JaVaScRiPt:alert(1)');
  await dialog.getByRole('button', { name: 'Chèn' }).click();
  expect(await dialog.isVisible()).toBe(true);
  await url.fill('https://thainguyen.gov.vn/tin-tuc');
  await page.keyboard.press('Enter');
  await expect.poll(() => dialog.count()).toBe(0);
  expect(await body(page).inputValue()).toBe('Xem [cổng thông tin](https://thainguyen.gov.vn/tin-tuc) tỉnh');
  expect(await focusedAttribute(page, 'id')).toBe('f-body');

  // Nothing selected: the text is asked too; Esc closes without a change.
  await inPage(page, `() => { const el = document.getElementById('f-body'); el.setSelectionRange(el.value.length, el.value.length); }`);
  await page.keyboard.press('Control+K');
  await dialog.getByLabel('Chữ hiển thị').fill('Định Hóa');
  await page.keyboard.press('Escape');
  await expect.poll(() => dialog.count()).toBe(0);
  expect(await body(page).inputValue()).toBe('Xem [cổng thông tin](https://thainguyen.gov.vn/tin-tuc) tỉnh');
  await page.keyboard.press('Control+K');
  await dialog.getByLabel('Địa chỉ liên kết (URL)').fill('/bai-viet/dinh-hoa');
  await dialog.getByLabel('Chữ hiển thị').fill('Định Hóa');
  await page.keyboard.press('Enter');
  expect(await body(page).inputValue()).toBe('Xem [cổng thông tin](https://thainguyen.gov.vn/tin-tuc) tỉnh[Định Hóa](/bai-viet/dinh-hoa)');
});

it('the table dialog inserts a GFM table, with or without a header row, that the preview shows as a table', async () => {
  const page = await editorPage();
  await setBody(page, 'Bảng điểm:', 10);
  await page.getByRole('toolbar').getByRole('button', { name: 'Bảng', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Chèn bảng' });
  await dialog.getByLabel('Số cột').fill('11');
  await page.keyboard.press('Enter');
  await expect.poll(() => dialog.getByRole('alert').textContent()).toBe('Số cột từ 1 đến 10, số dòng từ 1 đến 50.');
  await dialog.getByLabel('Số cột').fill('2');
  await dialog.getByLabel('Số dòng dữ liệu').fill('2');
  expect(await dialog.getByLabel('Dòng đầu là dòng tiêu đề').isChecked()).toBe(true);
  await dialog.getByRole('button', { name: 'Chèn' }).click();
  expect(await body(page).inputValue()).toBe('Bảng điểm:\n\n| Cột 1 | Cột 2 |\n| --- | --- |\n|   |   |\n|   |   |\n');
  const preview = page.locator('#xem-truoc-noi-dung');
  await expect.poll(() => preview.locator('table th').allTextContents(), { timeout: 8_000 }).toEqual(['Cột 1', 'Cột 2']);
  expect(await preview.locator('table tbody tr').count()).toBe(2);

  await page.getByRole('toolbar').getByRole('button', { name: 'Bảng', exact: true }).click();
  await dialog.getByLabel('Số cột').fill('3');
  await dialog.getByLabel('Số dòng dữ liệu').fill('1');
  await dialog.getByLabel('Dòng đầu là dòng tiêu đề').uncheck();
  await dialog.getByRole('button', { name: 'Chèn' }).click();
  expect(await body(page).inputValue()).toMatch(/\n\n\|   \|   \|   \|\n\| --- \| --- \| --- \|\n\|   \|   \|   \|\n$/);
});

/** Chromium's DevTools Protocol on the page, with the body focused and the caret at its end. */
async function imeSession(page: Page): Promise<CDPSession> {
  const cdp = await page.context().newCDPSession(page);
  await body(page).focus();
  return cdp;
}

/** A word typed with Telex in composition mode: each step shown as composition, then committed. */
async function composeWord(cdp: CDPSession, steps: string[]): Promise<void> {
  for (const text of steps) await cdp.send('Input.imeSetComposition', { text, selectionStart: text.length, selectionEnd: text.length });
  await cdp.send('Input.insertText', { text: steps.at(-1)! });
}

/** A key as the keyboard sends it (keyDown with its text, then keyUp). */
async function key(cdp: CDPSession, k: { key: string; code: string; keyCode: number; text?: string; modifiers?: number }): Promise<void> {
  await cdp.send('Input.dispatchKeyEvent', { type: k.text ? 'keyDown' : 'rawKeyDown', key: k.key, code: k.code, windowsVirtualKeyCode: k.keyCode, text: k.text, modifiers: k.modifiers ?? 0 });
  await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key: k.key, code: k.code, windowsVirtualKeyCode: k.keyCode, modifiers: k.modifiers ?? 0 });
}
const letter = (c: string) => ({ key: c, code: `Key${c.toUpperCase()}`, keyCode: c.toUpperCase().charCodeAt(0), text: c });
const BACKSPACE = { key: 'Backspace', code: 'Backspace', keyCode: 8 };

it('Vietnamese typed through IME composition and Unikey\'s Backspace-and-replace gives exactly the text, saved as typed', async () => {
  const page = await editorPage();
  await fillRest(page, `Gõ tiếng Việt ${uniqueWord('ime')}`);
  const cdp = await imeSession(page);
  // Telex in composition mode: "Tổng số điểm đạt 73,87 điểm, xếp loại Tốt".
  const words: (string[] | string)[] = [
    ['T', 'To', 'Tô', 'Tôn', 'Tông', 'Tổng'], ' ', ['s', 'so', 'sô', 'số'], ' ', ['d', 'đ', 'đi', 'điê', 'điêm', 'điểm'], ' ',
    ['d', 'đ', 'đa', 'đat', 'đạt'], ' 73,87 ', ['d', 'đ', 'đi', 'điê', 'điêm', 'điểm'], ', ', ['x', 'xe', 'xê', 'xêp', 'xếp'], ' ',
    ['l', 'lo', 'loa', 'loai', 'loại'], ' ', ['T', 'To', 'Tô', 'Tôt', 'Tốt'],
  ];
  for (const w of words) {
    if (typeof w === 'string') await cdp.send('Input.insertText', { text: w });
    else await composeWord(cdp, w);
  }
  expect(await body(page).inputValue()).toBe('Tổng số điểm đạt 73,87 điểm, xếp loại Tốt');

  // Unikey without composition: v, i, e; the second e is Backspace + "ê"; t; then j: Backspace x2 + "ệt".
  await cdp.send('Input.insertText', { text: '. ' });
  for (const c of ['V', 'i', 'e']) await key(cdp, letter(c));
  await key(cdp, BACKSPACE);
  await cdp.send('Input.insertText', { text: 'ê' });
  await key(cdp, letter('t'));
  await key(cdp, BACKSPACE);
  await key(cdp, BACKSPACE);
  await cdp.send('Input.insertText', { text: 'ệt' });
  expect(await body(page).inputValue()).toBe('Tổng số điểm đạt 73,87 điểm, xếp loại Tốt. Việt');

  // Ctrl+B while a composition is open belongs to the input method: nothing is wrapped or lost.
  await inPage(page, `() => {
    window.seen = [];
    document.getElementById('f-body').addEventListener('keydown', (e) => window.seen.push(e.key + ':' + e.isComposing + ':' + e.keyCode));
  }`);
  await cdp.send('Input.insertText', { text: ' ' });
  await cdp.send('Input.imeSetComposition', { text: 'N', selectionStart: 1, selectionEnd: 1 });
  await cdp.send('Input.imeSetComposition', { text: 'Na', selectionStart: 2, selectionEnd: 2 });
  await key(cdp, { key: 'b', code: 'KeyB', keyCode: 229, modifiers: 2 });
  await cdp.send('Input.imeSetComposition', { text: 'Nam', selectionStart: 3, selectionEnd: 3 });
  await cdp.send('Input.insertText', { text: 'Nam' });
  const seen = await inPage<string[]>(page, '() => window.seen');
  expect(seen.some((s) => s.startsWith('b:') && (s.includes(':true:') || s.endsWith(':229'))), `keydowns seen: ${seen.join(', ')}`).toBe(true);
  const typed = 'Tổng số điểm đạt 73,87 điểm, xếp loại Tốt. Việt Nam';
  expect(await body(page).inputValue()).toBe(typed);
  expect(await page.getByRole('dialog').count()).toBe(0);

  const response = await submitWith(page, 'Lưu nháp');
  expect(response.status()).toBe(303);
  articleIdOf(page);
  expect(await storedBody(page)).toBe(typed);
});

it('text pasted in NFD is inserted and stored NFC', async () => {
  const page = await editorPage();
  await fillRest(page, `Dán NFD ${uniqueWord('nfd')}`);
  await setBody(page, 'Đầu. ', 5);
  const nfd = 'Xã Định Hóa được công nhận đạt chuẩn nông thôn mới'.normalize('NFD');
  expect(nfd.length).toBeGreaterThan(nfd.normalize('NFC').length);
  await inPage(page, `(text) => {
    const data = new DataTransfer();
    data.setData('text/plain', text);
    document.getElementById('f-body').dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }`, nfd);
  const expected = `Đầu. ${nfd.normalize('NFC')}`;
  expect(await body(page).inputValue()).toBe(expected);
  // The paste is one undoable edit.
  await page.keyboard.press('Control+Z');
  expect(await body(page).inputValue()).toBe('Đầu. ');
  await page.keyboard.press('Control+Shift+Z');
  expect(await body(page).inputValue()).toBe(expected);
  expect((await submitWith(page, 'Lưu nháp')).status()).toBe(303);
  expect(await storedBody(page)).toBe(expected);
});

it('the word count and reading time show from the server, follow the typing, and count as the server does', async () => {
  const page = await editorPage();
  const count = page.locator('#f-body-dem');
  expect((await count.textContent())?.trim()).toBe('0 từ · khoảng 1 phút đọc');
  await body(page).fill('Tổng số điểm đạt 73,87 điểm, xếp loại Tốt');
  await expect.poll(() => count.textContent()).toBe('9 từ · khoảng 1 phút đọc');
  await body(page).fill(Array.from({ length: 1201 }, (_, i) => `từ${i}`).join(' '));
  await expect.poll(() => count.textContent()).toBe('1.201 từ · khoảng 7 phút đọc');
  expect(await count.getAttribute('aria-live')).toBeNull();
  // The script counts every shared example as functions/content/reading-time.ts does (tests/unit/reading-time.test.ts).
  const counted = await inPage<number[]>(page, '(examples) => examples.map(([m]) => window.bientapCountWords(m))', WORD_COUNT_EXAMPLES);
  expect(counted).toEqual(WORD_COUNT_EXAMPLES.map(([, n]) => n));

  // Saved, the edit page renders the count on the server.
  await fillRest(page, `Đếm từ ${uniqueWord('dem')}`);
  await body(page).fill('## Kết quả\n\nXã **Tân Cương** đạt *81,44%* kế hoạch.');
  expect((await submitWith(page, 'Lưu nháp')).status()).toBe(303);
  expect((await page.locator('#f-body-dem').textContent())?.trim()).toBe('9 từ · khoảng 1 phút đọc');
});

it('leaving with unsaved changes asks first; an untouched form and a saved one do not', async () => {
  const page = await editorPage();
  const dialogs: string[] = [];
  page.on('dialog', (d) => { dialogs.push(d.type()); void d.dismiss(); });
  const leave = () => page.getByRole('link', { name: 'Tổng quan', exact: true }).first().click();
  // Untouched (a click in it is not a change): the link is followed.
  await body(page).click();
  await Promise.all([page.waitForURL((u) => u.pathname === '/admin'), leave()]);
  expect(dialogs).toEqual([]);

  await page.goto(`${suite.served.url}/admin/bai-viet/moi`);
  await page.getByLabel('Tiêu đề', { exact: true }).pressSequentially('Tin chưa lưu');
  await leave();
  await expect.poll(() => dialogs).toEqual(['beforeunload']);
  expect(new URL(page.url()).pathname).toBe('/admin/bai-viet/moi');

  await page.getByLabel('Chuyên mục').selectOption({ index: 1 });
  await body(page).pressSequentially('Nội dung đã lưu');
  expect((await submitWith(page, 'Lưu nháp')).status()).toBe(303);
  await page.getByLabel('Tóm tắt').click();
  await Promise.all([page.waitForURL((u) => u.pathname === '/admin'), leave()]);
  expect(dialogs).toEqual(['beforeunload']);
});

it('with JavaScript off the form is the plain textarea (no toolbar) and saves the body', async () => {
  const page = await editorPage({ javaScriptEnabled: false });
  expect(await page.getByRole('toolbar').count()).toBe(0); // rendered hidden
  expect((await page.locator('#f-body-dem').textContent())?.trim()).toBe('0 từ · khoảng 1 phút đọc');
  await fillRest(page, `Không JavaScript ${uniqueWord('nojs')}`);
  await body(page).fill('## Tiêu đề mục\n\nNội dung viết **tay**.');
  expect((await submitWith(page, 'Lưu nháp')).status()).toBe(303);
  expect(await storedBody(page)).toBe('## Tiêu đề mục\n\nNội dung viết **tay**.');
  expect((await page.locator('#f-body-dem').textContent())?.trim()).toBe('7 từ · khoảng 1 phút đọc');
});

it('the page form has an editor on each body (the script runs once) and the document form one, with shortcuts and counts', async () => {
  const page = await editorPage();
  await page.goto(`${suite.served.url}/admin/trang/moi`);
  const toolbars = page.getByRole('toolbar', { name: 'Định dạng nội dung' });
  await expect.poll(() => toolbars.count()).toBe(2);
  expect(await toolbars.nth(0).getAttribute('aria-controls')).toBe('p-body');
  expect(await toolbars.nth(1).getAttribute('aria-controls')).toBe('p-body-en');
  expect(await page.locator('.body-status').count()).toBe(2); // one status line each: set up once
  const english = page.locator('#p-body-en');
  await english.fill('The commune of Tan Cuong');
  await inPage(page, `() => { const el = document.getElementById('p-body-en'); el.focus(); el.setSelectionRange(4, 11); }`);
  await page.keyboard.press('Control+B');
  expect(await english.inputValue()).toBe('The **commune** of Tan Cuong');
  await expect.poll(() => page.locator('#p-body-en-dem').textContent()).toBe('5 từ · khoảng 1 phút đọc');
  expect((await page.locator('#p-body-dem').textContent())?.trim()).toBe('0 từ · khoảng 1 phút đọc');

  await page.goto(`${suite.served.url}/admin/van-ban/moi`);
  await expect.poll(() => toolbars.count()).toBe(1);
  const docBody = page.locator('textarea[data-body-editor]');
  await docBody.fill('Điều 1. Ban hành quy chế');
  await inPage(page, `() => { const el = document.querySelector('textarea[data-body-editor]'); el.focus(); el.setSelectionRange(0, 7); }`);
  await toolbars.getByRole('button', { name: 'Tiêu đề 3', exact: true }).click();
  expect(await docBody.inputValue()).toBe('### Điều 1. Ban hành quy chế');
  // The document form's live preview follows at once.
  await expect.poll(() => page.locator('#xem-truoc-noi-dung h3').textContent(), { timeout: 8_000 }).toBe('Điều 1. Ban hành quy chế');
});

it('axe finds no violation on the article form with the toolbar, with the link dialog open and with the table dialog open', async () => {
  const page = await editorPage({ bypassCSP: true }); // axe is injected as an inline script
  await page.getByRole('toolbar').waitFor();
  let violations = await axeViolations(page);
  expect(violations, describeViolations(violations)).toEqual([]);
  await body(page).focus();
  await page.keyboard.press('Control+K');
  await page.getByRole('dialog', { name: 'Chèn liên kết' }).waitFor();
  violations = await axeViolations(page);
  expect(violations, describeViolations(violations)).toEqual([]);
  await page.keyboard.press('Escape');
  await page.getByRole('toolbar').getByRole('button', { name: 'Bảng', exact: true }).click();
  await page.getByRole('dialog', { name: 'Chèn bảng' }).waitFor();
  violations = await axeViolations(page);
  expect(violations, describeViolations(violations)).toEqual([]);
});
