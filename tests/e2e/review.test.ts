// Issue 12 in real Chromium: a contributor's article goes through review and back with a reason. The
// contributor submits; the editor sees the count in the menu and the article in "Chờ duyệt", tries to
// return it without a reason (told why at the field, nothing changes), returns it with one; the
// contributor sees the reason on the article, fixes it and submits again (the reason goes); the editor
// publishes; the history shows each step with who and when.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { focusIsWithin, launchBrowser } from '../support/browser.ts';
import { serve, uniqueWord, type Served } from '../support/served.ts';
import { articleIdOf, createAccounts, newPerson, signIn, submitWith, type Account } from '../support/admin.ts';

let served: Served;
let browser: Browser;
let editor: Account;
let contributor: Account;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  [served, browser] = await Promise.all([serve(), launchBrowser()]);
  [editor, contributor] = (await createAccounts(served, [
    { role: 'editor', name: 'Lê Biên Tập' },
    { role: 'contributor', name: 'Phạm Cộng Tác' },
  ])) as [Account, Account];
});
afterAll(async () => {
  await browser?.close();
  await served?.stop();
});
afterEach(async () => {
  await Promise.all(contexts.splice(0).map((c) => c.close()));
});

/** The queue's count on the menu of a loaded admin page: the badge is left out when nothing awaits review. */
const badge = async (page: Page) => {
  const shown = page.locator('#so-cho-duyet');
  return (await shown.count()) === 0 ? 0 : Number(((await shown.textContent()) ?? '').replace(/\D/g, ''));
};

it('a contributor\'s article goes through review, back with a reason, and is published after it is fixed', async () => {
  const word = uniqueWord('duyet');
  const title = `Hội nghị tổng kết mùa chè ${word}`;
  const writer = await newPerson(browser, contexts);
  await signIn(writer, served, contributor);
  await writer.goto(`${served.url}/admin/bai-viet/moi`);
  await writer.getByLabel('Tiêu đề', { exact: true }).fill(title);
  await writer.getByLabel('Tóm tắt').fill(`Tóm tắt ${word}`);
  await writer.getByLabel('Chuyên mục').selectOption({ index: 0 });
  await writer.getByLabel('Nội dung (Markdown)').fill(`Bản nháp đầu tiên ${word}.`);
  expect((await submitWith(writer, 'Gửi duyệt')).status()).toBe(303);
  const id = articleIdOf(writer);
  // Contributors have neither the queue nor the return form.
  expect(await writer.locator('a[href="/admin/cho-duyet"]').count()).toBe(0);
  expect(await writer.getByRole('button', { name: 'Trả lại', exact: true }).count()).toBe(0);

  const desk = await newPerson(browser, contexts);
  await signIn(desk, served, editor);
  const waiting = await badge(desk);
  expect(waiting).toBeGreaterThanOrEqual(1);
  await desk.goto(`${served.url}/admin/cho-duyet`);
  const row = desk.locator('#hang-cho-duyet tr', { hasText: title });
  expect(await row.locator('td').nth(2).textContent()).toBe(contributor.name);
  await row.getByRole('link', { name: title }).click();
  await desk.waitForURL(`**/admin/bai-viet/${id}`);

  // No reason: the message at the field, the article still awaits review.
  expect((await submitWith(desk, 'Trả lại')).status()).toBe(422);
  expect(await desk.locator('#loi-ly-do-tra-lai').textContent()).toBe('Vui lòng ghi lý do trả lại để người viết biết cần sửa gì.');
  expect(await focusIsWithin(desk, '#ly-do-tra-lai'), 'the field with the message has the focus').toBe(true);
  const reason = `Cần ghi rõ số liệu sản lượng ${word}.`;
  await desk.getByLabel('Lý do trả lại').fill(reason);
  expect((await submitWith(desk, 'Trả lại')).status()).toBe(303);
  expect(await desk.getByText('Đã trả lại bài viết cho người viết kèm lý do.').count()).toBe(1);
  expect(await badge(desk)).toBe(waiting - 1);

  // The writer sees it marked in their list, and why on the article; fixes it and submits again: the reason goes.
  await writer.goto(`${served.url}/admin/bai-viet`);
  expect(await writer.locator('tr', { hasText: title }).locator('.badge.returned').textContent()).toBe('Bị trả lại');
  await writer.goto(`${served.url}/admin/bai-viet/${id}`);
  expect(await writer.locator('#ly-do-tra-lai-bai .review-note').textContent()).toBe(reason);
  await writer.getByLabel('Nội dung (Markdown)').fill(`Sản lượng chè năm nay đạt 1.200 tấn ${word}.`);
  expect((await submitWith(writer, 'Gửi duyệt')).status()).toBe(303);
  expect(await writer.locator('#ly-do-tra-lai-bai').count()).toBe(0);

  await desk.goto(`${served.url}/admin/bai-viet/${id}`);
  expect((await submitWith(desk, 'Đăng ngay')).status()).toBe(303);

  await desk.goto(`${served.url}/admin/bai-viet/${id}/lich-su`);
  const steps = await desk.locator('tbody tr').evaluateAll((rows) => rows.map((r) => [r.children[1]!.textContent!.trim(), r.children[3]!.textContent!.trim()]));
  expect(steps.reverse()).toEqual([
    ['Gửi duyệt', contributor.name],
    [`Trả lạiLý do: ${reason}`, editor.name],
    ['Gửi duyệt', contributor.name],
    ['Đăng', editor.name],
  ]);
});
