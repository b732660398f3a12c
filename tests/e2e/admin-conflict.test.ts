// Issue 5, optimistic concurrency in real Chromium: two editors open the same article; the one who
// saves second is shown a conflict with both versions, loses nothing typed, and can keep their own
// (the history keeps both saves) or drop it and open the saved version.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser.ts';
import { serve, uniqueWord, type Served } from '../support/served.ts';
import { articleIdOf, createAccounts, newPerson, signIn, submitWith, type Account } from '../support/admin.ts';

let served: Served;
let browser: Browser;
let alice: Account;
let bao: Account;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  [served, browser] = await Promise.all([serve(), launchBrowser()]);
  [alice, bao] = (await createAccounts(served, [
    { role: 'editor', name: 'Lê Thị An' },
    { role: 'editor', name: 'Phạm Văn Bảo' },
  ])) as [Account, Account];
});
afterAll(async () => {
  await browser?.close();
  await served?.stop();
});
afterEach(async () => {
  await Promise.all(contexts.splice(0).map((c) => c.close()));
});

const bodyField = (page: Page) => page.getByLabel('Nội dung (Markdown)');
const titleField = (page: Page) => page.getByLabel('Tiêu đề', { exact: true });

/** An article written by A through the form; both editors then have it open. Returns its id. */
async function bothOpen(word: string): Promise<{ a: Page; b: Page; id: number; title: string; body: string }> {
  const a = await newPerson(browser, contexts);
  const b = await newPerson(browser, contexts);
  await Promise.all([signIn(a, served, alice), signIn(b, served, bao)]);
  const title = `Hội nghị tổng kết công tác dân vận ${word}`;
  const body = `Đoạn mở đầu ${word}.\n\nĐoạn giữa chung.`;
  await a.goto(`${served.url}/admin/bai-viet/moi`);
  await titleField(a).fill(title);
  await a.getByLabel('Tóm tắt').fill(`Tóm tắt ${word}`);
  await bodyField(a).fill(body);
  expect((await submitWith(a, 'Lưu nháp')).status()).toBe(303);
  const id = articleIdOf(a);
  await b.goto(`${served.url}/admin/bai-viet/${id}`);
  expect(await bodyField(b).inputValue()).toBe(body);
  return { a, b, id, title, body };
}

it('the second editor to save sees a conflict with both versions, loses nothing, keeps theirs, and the history has both saves', async () => {
  const word = uniqueWord('xungdot');
  const { a, b, id, title, body } = await bothOpen(word);
  const aText = `Bổ sung của chị An: đã trao 25 suất quà ${word}an.`;
  const bText = `Bổ sung của anh Bảo: hội nghị có 120 đại biểu ${word}bao.`;
  const bTitle = `${title} (cập nhật của Bảo)`;

  await bodyField(a).fill(`${body}\n\n${aText}`);
  expect((await submitWith(a, 'Lưu nháp')).status(), 'A saves first').toBe(303);
  expect(await a.locator('.notice').first().textContent()).toBe('Đã lưu bài viết.');

  await titleField(b).fill(bTitle);
  await bodyField(b).fill(`${body}\n\n${bText}`);
  expect((await submitWith(b, 'Lưu nháp')).status(), 'B saves second: a conflict').toBe(409);

  const conflict = b.getByRole('alert').filter({ has: b.getByRole('heading', { name: 'Bài viết vừa được người khác sửa' }) });
  expect(await conflict.count(), 'the conflict panel').toBe(1);
  const panel = (await conflict.innerText()).replace(/\s+/g, ' ');
  expect(panel, "A's saved text in the conflict").toContain(aText);
  expect(panel, "B's unsaved text in the conflict").toContain(bText);
  expect(panel, "A's title (unchanged) and B's title").toContain(bTitle);
  expect(panel).toContain('Bản hiện tại (đã lưu)');
  expect(panel).toContain('Bản của bạn (chưa lưu)');
  expect(panel, 'who saved meanwhile').toContain('Lê Thị An');
  // Nothing B typed is lost: it is still in the form.
  expect(await titleField(b).inputValue()).toBe(bTitle);
  expect(await bodyField(b).inputValue()).toBe(`${body}\n\n${bText}`);
  expect(await b.getByRole('link', { name: /Bỏ bản của tôi/ }).getAttribute('href')).toBe(`/admin/bai-viet/${id}`);
  // Nothing was saved over A's version yet.
  await a.reload();
  expect(await bodyField(a).inputValue()).toBe(`${body}\n\n${aText}`);
  expect(await titleField(a).inputValue()).toBe(title);

  // B keeps their version.
  expect((await submitWith(b, 'Lưu bản của tôi')).status()).toBe(303);
  expect(await b.locator('.notice').first().textContent()).toBe('Đã lưu bài viết.');
  expect(articleIdOf(b)).toBe(id);
  expect(await titleField(b).inputValue()).toBe(bTitle);
  expect(await bodyField(b).inputValue()).toBe(`${body}\n\n${bText}`);
  await a.reload();
  expect(await bodyField(a).inputValue(), 'A now sees B\'s version').toBe(`${body}\n\n${bText}`);

  // The history: created, A's save, B's save, each with its author.
  await b.goto(`${served.url}/admin/bai-viet/${id}/lich-su`);
  const rows = b.locator('tbody tr');
  const history = (await rows.allInnerTexts()).map((t) => t.replace(/\s+/g, ' '));
  expect(history.length, history.join('\n')).toBe(3);
  expect(history[0], 'newest: B\'s save').toMatch(/^3 \(hiện tại\) Sửa .*Phạm Văn Bảo/);
  expect(history[1], 'A\'s save').toMatch(/^2 Sửa .*Lê Thị An/);
  expect(history[2], 'creation').toMatch(/^1 Tạo bài .*Lê Thị An/);
  // A's text is kept in its revision: its comparison with the current version shows it.
  await b.getByRole('link', { name: 'So sánh phiên bản 2' }).click();
  await b.waitForURL(/\/lich-su\/\d+$/);
  const diff = (await b.getByRole('main').innerText()).replace(/\s+/g, ' ');
  expect(diff).toContain(aText);
  expect(diff).toContain(bText);
});

it('the second editor can drop their version and open the one saved meanwhile', async () => {
  const word = uniqueWord('bobanthao');
  const { a, b, id, body } = await bothOpen(word);
  const aText = `Sửa của An ${word}an.`;
  await bodyField(a).fill(`${body}\n\n${aText}`);
  expect((await submitWith(a, 'Lưu nháp')).status()).toBe(303);
  await bodyField(b).fill(`${body}\n\nSửa của Bảo ${word}bao.`);
  expect((await submitWith(b, 'Lưu nháp')).status()).toBe(409);

  await b.getByRole('link', { name: /Bỏ bản của tôi/ }).click();
  await b.waitForURL(`${served.url}/admin/bai-viet/${id}`);
  expect(await b.getByRole('heading', { name: 'Bài viết vừa được người khác sửa' }).count()).toBe(0);
  expect(await bodyField(b).inputValue()).toBe(`${body}\n\n${aText}`);
  // Saving from here is no conflict: the form now carries the current version.
  await bodyField(b).fill(`${body}\n\n${aText}\n\nBảo bổ sung sau khi xem ${word}.`);
  expect((await submitWith(b, 'Lưu nháp')).status()).toBe(303);
  expect(await bodyField(b).inputValue()).toContain(aText);
});
