// The webhooks admin (/admin/webhook) in real Chromium against the built Worker under wrangler dev (one
// server for the file; WEBHOOK_LOOPBACK allow, as every local server; one immediate retry, so a receiver
// answering 500 twice gives a failed delivery at once) and real receivers (node:http on 127.0.0.1): an
// admin adds a webhook, sees its secret once, publishes an article in the admin, and the receiver gets it
// signed with that secret (verified by the reference library, standardwebhooks); the detail page shows it
// delivered (Đã gửi, 200); a failing receiver shows Thất bại with its status, "Gửi lại" after it recovers
// shows Đã gửi; a private URL is refused with its Vietnamese message, keeping what was typed; an editor
// gets 403 and no link to the page.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { Webhook } from 'standardwebhooks';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { createAccounts, newPerson, signIn, submitWith, type Account } from '../support/admin.ts';
import { launchBrowser } from '../support/browser.ts';
import { serve, uniqueWord, type Served } from '../support/served.ts';
import { startReceiver, type Receiver } from '../support/webhook-receiver.ts';
import { until } from '../support/until.ts';

const CATEGORY = 'kinh-te';
let served: Served;
let browser: Browser;
let receiver: Receiver;
let admin: Account;
let editor: Account;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  receiver = await startReceiver();
  [served, browser] = await Promise.all([serve({ vars: { WEBHOOK_RETRY_SECONDS: '0' } }), launchBrowser()]);
  [admin, editor] = await createAccounts(served, [{ role: 'admin', name: 'Quản Trị Webhook' }, { role: 'editor', name: 'Biên Tập Webhook' }]) as [Account, Account];
});
afterAll(async () => {
  await browser?.close();
  await served?.stop();
  await receiver?.close();
});
afterEach(async () => {
  await Promise.all(contexts.splice(0).map((c) => c.close()));
});

async function adminPage(): Promise<Page> {
  const page = await newPerson(browser, contexts);
  await signIn(page, served, admin);
  return page;
}

/** Fills the add form and submits it; answers the POST's status. */
async function addWebhook(page: Page, url: string, events: { group: string; action: string }[], description = ''): Promise<number> {
  await page.goto(`${served.url}/admin/webhook`);
  await page.getByLabel('Địa chỉ nhận (URL)').fill(url);
  for (const { group, action } of events) await page.getByRole('group', { name: group, exact: true }).getByLabel(action, { exact: true }).check();
  if (description) await page.getByLabel('Mô tả', { exact: true }).fill(description);
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/admin/webhook'),
    page.getByRole('button', { name: 'Thêm webhook' }).click(),
  ]);
  await page.waitForLoadState();
  return response.status();
}

/** Publishes a new article through the admin's form ("Đăng ngay"); answers its title. */
async function publishArticle(page: Page, word: string): Promise<string> {
  const title = `Xã ra quân làm đường giao thông nông thôn ${word}`;
  await page.goto(`${served.url}/admin/bai-viet/moi`);
  await page.getByLabel('Tiêu đề', { exact: true }).fill(title);
  await page.getByLabel('Tóm tắt').fill(`Người dân góp công làm đường ${word}.`);
  await page.getByLabel('Chuyên mục').selectOption(CATEGORY);
  await page.getByLabel('Nội dung (Markdown)').fill(`Sáng nay, bà con ${word} đã cùng ra quân.`);
  expect((await submitWith(page, 'Đăng ngay')).status()).toBe(303);
  return title;
}

const received = (name: string) => receiver.received(name);

/** The detail page's row of the newest delivery, once it is in `state` (the page reloaded until then). */
async function deliveryRow(page: Page, webhookId: number, state: string) {
  return until(`a delivery ${state}`, async () => {
    await page.goto(`${served.url}/admin/webhook/${webhookId}`);
    const row = page.locator('#danh-sach-lan-gui tbody > tr').first();
    return (await row.count()) && (await row.getAttribute('data-state')) === state ? row : null;
  });
}

const idOf = (page: Page) => Number(new URL(page.url()).pathname.split('/').pop());

it('an admin adds a webhook, sees the secret once, publishes in the admin and the receiver gets it signed; the detail page shows it delivered', async () => {
  const page = await adminPage();
  const name = uniqueWord('nhan');
  expect(await addWebhook(page, `${receiver.origin}/hook/${name}`, [{ group: 'Bài viết', action: 'Đăng' }], 'Ứng dụng di động')).toBe(200);
  await expect(page.locator('#ket-qua').textContent()).resolves.toBe('Đã thêm webhook.');
  const secret = (await page.locator('#khoa-bi-mat').textContent())!;
  expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
  await expect(page.getByText('Khóa không hiển thị lại', { exact: false }).count()).resolves.toBe(1);

  // Coming back (a GET of the list, or the webhook's page) never shows it again.
  await page.goto(`${served.url}/admin/webhook`);
  expect(await page.locator('#khoa-bi-mat').count()).toBe(0);
  expect(await page.content()).not.toContain(secret);
  const row = page.locator('#danh-sach-webhook tbody tr', { hasText: name });
  await expect(row.textContent()).resolves.toContain('Đăng (bài viết)');
  await expect(row.textContent()).resolves.toContain('Chưa gửi lần nào');
  await Promise.all([page.waitForURL(/\/admin\/webhook\/\d+$/), row.getByRole('link').click()]);
  const webhookId = idOf(page);
  expect(await page.content()).not.toContain(secret);

  const title = await publishArticle(page, name);
  const delivered = await deliveryRow(page, webhookId, 'delivered');
  const [got, ...more] = received(name);
  expect(more).toEqual([]);
  const headers = { 'webhook-id': got!.headers['webhook-id']!, 'webhook-timestamp': got!.headers['webhook-timestamp']!, 'webhook-signature': got!.headers['webhook-signature']! };
  const payload = new Webhook(secret).verify(got!.body, headers) as { type: string; data: { url: string } };
  expect(payload.type).toBe('article.published');
  expect(payload.data.url).toContain('/bai-viet/');
  expect(() => new Webhook(secret).verify(got!.body.replace('published', 'unpublished'), headers)).toThrow();

  await expect(delivered.locator('.trang-thai').textContent()).resolves.toBe('Đã gửi');
  await expect(delivered.locator('.ket-qua').textContent()).resolves.toContain('200');
  await expect(delivered.textContent()).resolves.toContain(got!.headers['webhook-id']!);
  // The item links to its edit page in the admin.
  await Promise.all([page.waitForURL(/\/admin\/bai-viet\/\d+$/), delivered.getByRole('link', { name: /^Bài viết #\d+$/ }).click()]);
  expect(await page.getByLabel('Tiêu đề', { exact: true }).inputValue()).toBe(title);
});

it('a receiver answering 500 shows Thất bại with the status; after it recovers, "Gửi lại" shows Đã gửi with the same webhook-id', async () => {
  const page = await adminPage();
  const name = uniqueWord('loi');
  // The first two requests get 500 (the attempt and its one retry), every later one 200.
  expect(await addWebhook(page, `${receiver.origin}/hook/${name}?answers=500,500,200`, [{ group: 'Bài viết', action: 'Đăng' }])).toBe(200);
  await Promise.all([page.waitForURL(/\/admin\/webhook\/\d+$/), page.getByRole('link', { name: 'Chi tiết', exact: true }).click()]);
  const webhookId = idOf(page);
  await publishArticle(page, name);

  const failed = await deliveryRow(page, webhookId, 'failed');
  await expect(failed.locator('.trang-thai').textContent()).resolves.toBe('Thất bại');
  await expect(failed.locator('.ket-qua').textContent()).resolves.toContain('500');
  expect(received(name)).toHaveLength(2);
  await failed.locator('summary', { hasText: 'Xem 2 lần thử' }).click();
  await expect(failed.locator('details table tbody tr').count()).resolves.toBe(2);

  await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST'),
    failed.getByRole('button', { name: /^Gửi lại lần gửi \d+$/ }).click(),
  ]);
  await page.waitForLoadState();
  await expect(page.locator('#ket-qua').textContent()).resolves.toBe('Đã xếp lần gửi vào hàng chờ để gửi lại ngay.');
  const again = await deliveryRow(page, webhookId, 'delivered');
  await expect(again.locator('.trang-thai').textContent()).resolves.toBe('Đã gửi');
  await expect(again.locator('.ket-qua').textContent()).resolves.toContain('200');
  const all = received(name);
  expect(all).toHaveLength(3);
  expect(new Set(all.map((r) => r.headers['webhook-id'])).size).toBe(1);

  // The list shows the outcome and no failed delivery left.
  await page.goto(`${served.url}/admin/webhook`);
  const row = page.locator(`#webhook-${webhookId}`);
  await expect(row.locator('td').nth(3).textContent()).resolves.toContain('Đã gửi (200)');
  await expect(row.locator('td').nth(5).textContent()).resolves.toBe('0');
});

it('pauses and resumes a webhook, rotates its secret (shown once), and deletes it', async () => {
  const page = await adminPage();
  const name = uniqueWord('tam');
  expect(await addWebhook(page, `${receiver.origin}/hook/${name}`, [{ group: 'Trang', action: 'Xóa' }, { group: 'Văn bản', action: 'Cập nhật' }])).toBe(200);
  const first = (await page.locator('#khoa-bi-mat').textContent())!;
  await Promise.all([page.waitForURL(/\/admin\/webhook\/\d+$/), page.getByRole('link', { name: 'Chi tiết', exact: true }).click()]);
  expect(await page.getByRole('group', { name: 'Trang', exact: true }).getByLabel('Xóa', { exact: true }).isChecked()).toBe(true);
  expect(await page.getByRole('group', { name: 'Bài viết', exact: true }).getByLabel('Đăng', { exact: true }).isChecked()).toBe(false);

  await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.getByRole('button', { name: 'Tạm dừng' }).click()]);
  await page.waitForLoadState();
  await expect(page.locator('#trang-thai-webhook').textContent()).resolves.toContain('Tạm dừng');
  await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.getByRole('button', { name: 'Tiếp tục' }).click()]);
  await page.waitForLoadState();
  await expect(page.locator('#trang-thai-webhook').textContent()).resolves.toContain('Đang hoạt động');

  await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.getByRole('button', { name: 'Đổi khóa bí mật' }).click()]);
  await page.waitForLoadState();
  const second = (await page.locator('#khoa-bi-mat').textContent())!;
  expect(second).toMatch(/^whsec_/);
  expect(second).not.toBe(first);
  await page.goto(page.url());
  expect(await page.locator('#khoa-bi-mat').count()).toBe(0);

  await Promise.all([page.waitForURL(/\/admin\/webhook\?thong-bao=da-xoa$/), page.getByRole('button', { name: 'Xóa webhook' }).click()]);
  await expect(page.locator('#ket-qua').textContent()).resolves.toBe('Đã xóa webhook.');
  expect(await page.content()).not.toContain(name);
});

/** Reloads the page; answers the methods of the requests the reload made for the page itself. */
async function reload(page: Page): Promise<string[]> {
  const methods: string[] = [];
  const note = (r: import('playwright-core').Request) => { if (r.isNavigationRequest()) methods.push(r.method()); };
  page.on('request', note);
  await page.reload();
  page.off('request', note);
  return methods;
}

it('reloading the answer that showed the secret (added, or rotated) sends nothing again: one webhook, one rotation', async () => {
  const page = await adminPage();
  const name = uniqueWord('tai');
  expect(await addWebhook(page, `${receiver.origin}/hook/${name}`, [{ group: 'Bài viết', action: 'Đăng' }])).toBe(200);
  await page.locator('#khoa-bi-mat').waitFor();
  expect(await reload(page)).toEqual(['GET']);
  expect(await page.locator('#khoa-bi-mat').count()).toBe(0);
  await expect(page.locator('#danh-sach-webhook tbody tr', { hasText: name }).count()).resolves.toBe(1);

  await Promise.all([page.waitForURL(/\/admin\/webhook\/\d+$/), page.locator('#danh-sach-webhook tbody tr', { hasText: name }).getByRole('link').click()]);
  await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.getByRole('button', { name: 'Đổi khóa bí mật' }).click()]);
  await page.waitForLoadState();
  await page.locator('#khoa-bi-mat').waitFor();
  expect(await reload(page)).toEqual(['GET']);
  expect(await page.locator('#khoa-bi-mat').count()).toBe(0);
});

it('refuses a private URL with its message next to the field, keeping what was typed', async () => {
  const page = await adminPage();
  expect(await addWebhook(page, 'https://10.0.0.1/hook', [{ group: 'Văn bản', action: 'Đăng' }], 'Nội bộ')).toBe(422);
  await expect(page.locator('#url-loi').textContent()).resolves.toBe('Địa chỉ nội bộ không được phép.');
  expect(await page.getByLabel('Địa chỉ nhận (URL)').inputValue()).toBe('https://10.0.0.1/hook');
  expect(await page.getByLabel('Địa chỉ nhận (URL)').getAttribute('aria-invalid')).toBe('true');
  expect(await page.getByRole('group', { name: 'Văn bản', exact: true }).getByLabel('Đăng', { exact: true }).isChecked()).toBe(true);
  expect(await page.getByLabel('Mô tả', { exact: true }).inputValue()).toBe('Nội bộ');
  expect(await page.locator('#khoa-bi-mat').count()).toBe(0);

  expect(await addWebhook(page, `${receiver.origin}/hook/x`, [])).toBe(422);
  await expect(page.locator('#events-loi').textContent()).resolves.toBe('Hãy chọn ít nhất một sự kiện.');
});

it('an editor has no link to the page and gets 403 there', async () => {
  const page = await newPerson(browser, contexts);
  await signIn(page, served, editor);
  expect(await page.getByRole('link', { name: 'Webhook', exact: true }).count()).toBe(0);
  const response = await page.goto(`${served.url}/admin/webhook`);
  expect(response?.status()).toBe(403);
  await expect(page.getByText('Bạn không có quyền thực hiện thao tác này.').count()).resolves.toBe(1);
  expect((await page.goto(`${served.url}/admin/webhook/1`))?.status()).toBe(403);
});
