// axe-core (WCAG 2.0, 2.1 and 2.2, A and AA) in real Chromium on every kind of reader page, the 404 included,
// and on the demo's other portals (their own colours; the province's "Tin từ cơ sở"), on their *.localhost names;
// the documents registry (list with results and with none, a document, its print view); admin pages, the
// webhooks admin among them.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccounts, csrfTokenOf, signIn } from '../support/admin.ts';
import { axeViolations, describeViolations, launchBrowser, newReader } from '../support/browser.ts';
import { serve, type Served } from '../support/served.ts';
import { gradientPng } from '../support/png-bytes.ts';

const PAGES: { name: string; path: string; status: number; host?: string; lang?: 'vi' | 'en' }[] = [
  { name: 'home', path: '/', status: 200 },
  { name: 'a category', path: '/chuyen-muc/cai-cach-hanh-chinh', status: 200 },
  { name: 'an article', path: '/bai-viet/hoi-nghi-phan-tich-danh-gia-ket-qua-cong-tac-cai-cach-hanh-chinh-nam-2023-trien', status: 200 },
  { name: 'search results', path: '/tim-kiem?q=dong%20hy', status: 200 },
  { name: 'the 404 page', path: '/khong-co-trang-nay', status: 404 },
  // Pages (issue 12): a demo page with its English version, the English page and an English 404.
  { name: 'a page with an English version', path: '/trang/co-cau-to-chuc', status: 200 },
  { name: 'an English page', path: '/en/organisation-structure', status: 200, lang: 'en' },
  { name: 'the English 404 page', path: '/en/no-such-page', status: 404, lang: 'en' },
  { name: 'the site map page', path: '/trang/so-do-cong-thong-tin', status: 200 },
  // Tags (issue 12): the index of every tag.
  { name: 'the tag index', path: '/the', status: 200 },
  { name: 'a province home with "Tin từ cơ sở"', host: 'thainguyen.localhost', path: '/', status: 200 },
  { name: 'the province\'s roll-up page', host: 'thainguyen.localhost', path: '/tin-tu-co-so', status: 200 },
  { name: 'a commune home in its own colour', host: 'tancuong.localhost', path: '/', status: 200 },
  { name: 'a commune article in its own colour', host: 'dinhhoa.localhost', path: '/bai-viet/don-doan-hoc-sinh-ve-nguon-tai-khu-di-tich-atk-dinh-hoa', status: 200 },
];

let served: Served;
let browser: Browser;
let context: BrowserContext;

/** The documents registry's pages (issue 11), on documents made through the API before the checks. */
const DOCUMENT_PAGES = ['the documents registry with results', 'the documents registry with no result', 'a document', 'a document\'s print view'] as const;
const documentPaths = new Map<string, string>();

async function makeDocuments(): Promise<void> {
  const post = async (body: Record<string, unknown>) => {
    const res = await served.fetch('/api/v1/documents', {
      method: 'POST',
      headers: { Authorization: `Bearer ${served.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ type: 'quyet-dinh', issuer: 'ubnd', signer: 'Nguyễn Văn Thử (Chủ tịch)', status: 'published', ...body }),
    });
    if (res.status !== 201) throw new Error(`POST /api/v1/documents ${res.status}: ${await res.text()}`);
    return ((await res.json()) as { slug: string }).slug;
  };
  const n = 90000 + Math.floor(Math.random() * 9000);
  const old = await post({ number: `${n}/QĐ-UBND`, issuedOn: '2023-02-01', expiresOn: '2024-07-01', field: 'hanh-chinh', summary: 'Quy chế tiếp công dân (cũ)' });
  const slug = await post({
    number: `${n + 1}/QĐ-UBND`, issuedOn: '2024-06-20', effectiveOn: '2024-07-01', field: 'hanh-chinh', summary: 'Ban hành quy chế tiếp công dân',
    body: 'Điều 1. Ban hành kèm theo Quyết định này **Quy chế tiếp công dân**.', relations: [{ kind: 'replaces', slug: old }],
  });
  documentPaths.set(DOCUMENT_PAGES[0], `/van-ban?q=tiep%20cong%20dan&loai=quyet-dinh`);
  documentPaths.set(DOCUMENT_PAGES[1], '/van-ban?q=khongcovanbannay');
  documentPaths.set(DOCUMENT_PAGES[2], `/van-ban/${slug}`);
  documentPaths.set(DOCUMENT_PAGES[3], `/van-ban/${slug}/in`);
}

beforeAll(async () => {
  [served, browser] = await Promise.all([serve(), launchBrowser()]);
  // axe is injected as an inline script: a page's Content-Security-Policy must not stop it.
  context = await newReader(browser, { bypassCSP: true });
  await makeDocuments();
});
afterAll(async () => {
  await browser?.close();
  await served?.stop();
});

for (const { name, path, status, host, lang = 'vi' } of PAGES) {
  it(`axe finds no violation on ${name} (${host ?? ''}${path})`, async () => {
    const page = await context.newPage();
    try {
      // Chromium resolves *.localhost to 127.0.0.1 itself: the same server, another site.
      const response = await page.goto((host ? served.url.replace('127.0.0.1', host) : served.url) + path);
      expect(response?.status()).toBe(status);
      expect(await page.locator('html').getAttribute('lang')).toBe(lang);
      const violations = await axeViolations(page);
      expect(violations, describeViolations(violations)).toEqual([]);
    } finally {
      await page.close();
    }
  });
}

for (const name of DOCUMENT_PAGES) {
  it(`axe finds no violation on ${name}`, async () => {
    const path = documentPaths.get(name)!;
    const page = await context.newPage();
    try {
      const response = await page.goto(served.url + path);
      expect(response?.status(), path).toBe(200);
      expect(await page.locator('html').getAttribute('lang')).toBe('vi');
      if (name === DOCUMENT_PAGES[0]) expect(await page.locator('table.doc-table tbody tr').count()).toBeGreaterThan(0);
      if (name === DOCUMENT_PAGES[1]) expect(await page.locator('.doc-empty').count()).toBe(1);
      if (name === DOCUMENT_PAGES[3]) await expect.poll(() => page.locator('button[data-print]').isVisible()).toBe(true);
      const violations = await axeViolations(page);
      expect(violations, describeViolations(violations)).toEqual([]);
    } finally {
      await page.close();
    }
  });
}

// The menu and tags admin (issue 12), signed in as an editor of the demo site, with a two-level menu and
// a refusal shown (axe checks the error state too).
describe('the menu and tags admin', () => {
  let editorContext: BrowserContext;
  let editor: Page;
  beforeAll(async () => {
    const [account] = await createAccounts(served, [{ role: 'editor', name: 'Biên Tập Axe' }]);
    // A context of its own: the session cookie must not follow the reader pages above.
    editorContext = await newReader(browser, { bypassCSP: true });
    editor = await editorContext.newPage();
    await signIn(editor, served, account!);
    const csrf = await csrfTokenOf(editor, served);
    const post = (path: string, fields: Record<string, string>) => editor.request.post(served.url + path, { form: { _csrf: csrf, ...fields }, headers: { Origin: served.url } });
    await post('/admin/menu', { action: 'add', kind: 'link', url: '/van-ban', label: 'Văn bản pháp luật' });
    await post('/admin/menu', { action: 'add', kind: 'link', url: 'https://dichvucong.gov.vn/', label: 'Dịch vụ công' });
  });
  afterAll(() => editorContext?.close());

  for (const path of ['/admin/menu', '/admin/the']) {
    it(`axe finds no violation on ${path}`, async () => {
      expect((await editor.goto(served.url + path))?.status()).toBe(200);
      const violations = await axeViolations(editor);
      expect(violations, describeViolations(violations)).toEqual([]);
    });
  }

  it('axe finds no violation on /admin/menu showing a refusal', async () => {
    await editor.goto(served.url + '/admin/menu');
    await editor.getByLabel('Nhãn liên kết', { exact: true }).fill('Sai');
    await editor.getByLabel('Địa chỉ liên kết', { exact: true }).fill('javascript:alert(1)');
    await Promise.all([editor.waitForResponse((r) => r.request().method() === 'POST'), editor.getByRole('button', { name: 'Thêm liên kết vào menu' }).click()]);
    await editor.locator('#menu-lk-url-loi').waitFor();
    const violations = await axeViolations(editor);
    expect(violations, describeViolations(violations)).toEqual([]);
  });
});

// The redirects admin (issue 14): the list with one row, its edit page, and the add form showing a refusal.
describe('the redirects admin', () => {
  let editorContext: BrowserContext;
  let editor: Page;
  beforeAll(async () => {
    const [account] = await createAccounts(served, [{ role: 'editor', name: 'Biên Tập Chuyển Hướng' }]);
    editorContext = await newReader(browser, { bypassCSP: true });
    editor = await editorContext.newPage();
    await signIn(editor, served, account!);
    const csrf = await csrfTokenOf(editor, served);
    await editor.request.post(served.url + '/admin/chuyen-huong', { form: { _csrf: csrf, action: 'add', from: '/tin-tuc/cu-axe.html', to: '/bai-viet/moi' }, headers: { Origin: served.url } });
  });
  afterAll(() => editorContext?.close());

  it('axe finds no violation on /admin/chuyen-huong and on a redirect\'s edit page', async () => {
    expect((await editor.goto(served.url + '/admin/chuyen-huong'))?.status()).toBe(200);
    expect(await editor.locator('#danh-sach-chuyen-huong tbody tr').count()).toBeGreaterThan(0);
    let violations = await axeViolations(editor);
    expect(violations, describeViolations(violations)).toEqual([]);
    await Promise.all([editor.waitForURL(/\/admin\/chuyen-huong\/\d+$/), editor.getByRole('link', { name: 'Sửa chuyển hướng /tin-tuc/cu-axe.html' }).click()]);
    violations = await axeViolations(editor);
    expect(violations, describeViolations(violations)).toEqual([]);
  });

  it('axe finds no violation on /admin/chuyen-huong showing a refusal', async () => {
    await editor.goto(served.url + '/admin/chuyen-huong');
    await editor.getByLabel('Đường dẫn cũ', { exact: true }).fill('/tin-tuc/vong');
    await editor.getByLabel('Chuyển tới', { exact: true }).fill('javascript:alert(1)');
    await Promise.all([editor.waitForResponse((r) => r.request().method() === 'POST'), editor.getByRole('button', { name: 'Thêm chuyển hướng' }).click()]);
    await editor.locator('#to-loi').waitFor();
    const violations = await axeViolations(editor);
    expect(violations, describeViolations(violations)).toEqual([]);
  });
});

// The webhooks admin (issue 15): the list after adding one (its secret shown), the webhook's page with a
// delivery (to a closed port on 127.0.0.1: tried, waiting for its retry), and the add form refusing a URL.
describe('the webhooks admin', () => {
  let adminContext: BrowserContext;
  let admin: Page;
  beforeAll(async () => {
    const [account] = await createAccounts(served, [{ role: 'admin', name: 'Quản Trị Webhook' }]);
    adminContext = await newReader(browser, { bypassCSP: true });
    admin = await adminContext.newPage();
    await signIn(admin, served, account!);
  });
  afterAll(() => adminContext?.close());

  it('axe finds no violation on /admin/webhook showing a new secret, and on a webhook\'s page with a delivery', async () => {
    await admin.goto(served.url + '/admin/webhook');
    await admin.getByLabel('Địa chỉ nhận (URL)').fill('http://127.0.0.1:9/axe');
    await admin.getByRole('group', { name: 'Bài viết', exact: true }).getByLabel('Đăng', { exact: true }).check();
    await Promise.all([admin.waitForResponse((r) => r.request().method() === 'POST'), admin.getByRole('button', { name: 'Thêm webhook' }).click()]);
    await admin.locator('#khoa-bi-mat').waitFor();
    let violations = await axeViolations(admin);
    expect(violations, describeViolations(violations)).toEqual([]);
    const res = await served.fetch('/api/v1/articles', {
      method: 'POST', headers: { Authorization: `Bearer ${served.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ title: 'Bài thử webhook cho axe', category: 'kinh-te', summary: 'Thử', body: 'Nội dung thử.', status: 'published' }),
    });
    expect(res.status).toBe(201);
    await Promise.all([admin.waitForURL(/\/admin\/webhook\/\d+$/), admin.getByRole('link', { name: 'Chi tiết', exact: true }).click()]);
    await admin.locator('#danh-sach-lan-gui').waitFor();
    violations = await axeViolations(admin);
    expect(violations, describeViolations(violations)).toEqual([]);
  });

  it('axe finds no violation on /admin/webhook showing a refusal', async () => {
    await admin.goto(served.url + '/admin/webhook');
    await admin.getByLabel('Địa chỉ nhận (URL)').fill('https://192.168.1.1/');
    await admin.getByRole('group', { name: 'Văn bản', exact: true }).getByLabel('Đăng', { exact: true }).check();
    await Promise.all([admin.waitForResponse((r) => r.request().method() === 'POST'), admin.getByRole('button', { name: 'Thêm webhook' }).click()]);
    await admin.locator('#url-loi').waitFor();
    const violations = await axeViolations(admin);
    expect(violations, describeViolations(violations)).toEqual([]);
  });
});

// The backups page (issue 14), for a platform admin: none yet, then one started with "Sao lưu ngay".
describe('the backups admin', () => {
  let adminContext: BrowserContext;
  let admin: Page;
  beforeAll(async () => {
    const [account] = await createAccounts(served, [{ role: 'admin', name: 'Quản Trị Nền Tảng', platformAdmin: true }]);
    adminContext = await newReader(browser, { bypassCSP: true });
    admin = await adminContext.newPage();
    await signIn(admin, served, account!);
  });
  afterAll(() => adminContext?.close());

  it('axe finds no violation on /admin/sao-luu, before and after "Sao lưu ngay"', async () => {
    expect((await admin.goto(served.url + '/admin/sao-luu'))?.status()).toBe(200);
    await admin.locator('#chua-co-sao-luu').waitFor();
    let violations = await axeViolations(admin);
    expect(violations, describeViolations(violations)).toEqual([]);
    await Promise.all([admin.waitForResponse((r) => r.request().method() === 'POST'), admin.getByRole('button', { name: 'Sao lưu ngay' }).click()]);
    await admin.getByText('Đã bắt đầu sao lưu.', { exact: false }).first().waitFor();
    violations = await axeViolations(admin);
    expect(violations, describeViolations(violations)).toEqual([]);
  });
});

// The reader's lists and their admin (issue 12): the home page with "Tin nổi bật" and "Xem nhiều nhất",
// an article with its tools and "Tin liên quan", /admin/noi-bat with a pin and /admin/bai-viet/{id}/lien-quan.
describe('the reader\'s lists and their admin', () => {
  let editorContext: BrowserContext;
  let editor: Page;
  let articleId = 0;
  let articleSlug = '';
  beforeAll(async () => {
    const [account] = await createAccounts(served, [{ role: 'editor', name: 'Biên Tập Ghim' }]);
    editorContext = await newReader(browser, { bypassCSP: true });
    editor = await editorContext.newPage();
    await signIn(editor, served, account!);
    const csrf = await csrfTokenOf(editor, served);
    const post = (path: string, fields: Record<string, string>) => editor.request.post(served.url + path, { form: { _csrf: csrf, ...fields }, headers: { Origin: served.url } });
    const made = [];
    for (const title of ['Tin ghim kiểm tra truy cập', 'Tin liên quan kiểm tra truy cập']) {
      const res = await served.fetch('/api/v1/articles', {
        method: 'POST', headers: { Authorization: `Bearer ${served.token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ title, body: 'Nội dung.', category: 'tin-tuc-su-kien', status: 'published' }),
      });
      made.push((await res.json()) as { id: number; slug: string });
    }
    [articleId, articleSlug] = [made[0]!.id, made[0]!.slug];
    await post('/admin/noi-bat', { action: 'pin', id: String(made[0]!.id) });
    await post('/admin/noi-bat', { action: 'expiry', id: String(made[0]!.id), expiresAt: '2099-01-01T08:00' });
    await post(`/admin/bai-viet/${made[0]!.id}/lien-quan`, { action: 'add', id: String(made[1]!.id) });
  });
  afterAll(() => editorContext?.close());

  for (const [name, path] of [['a home with "Tin nổi bật" and "Xem nhiều nhất"', () => '/'], ['an article with its tools and a chosen "Tin liên quan"', () => `/bai-viet/${articleSlug}`]] as const) {
    it(`axe finds no violation on ${name}`, async () => {
      const page = await context.newPage();
      try {
        expect((await page.goto(served.url + path()))?.status()).toBe(200);
        const violations = await axeViolations(page);
        expect(violations, describeViolations(violations)).toEqual([]);
      } finally {
        await page.close();
      }
    });
  }

  for (const [name, path] of [['/admin/noi-bat', () => '/admin/noi-bat'], ['/admin/bai-viet/{id}/lien-quan', () => `/admin/bai-viet/${articleId}/lien-quan`]] as const) {
    it(`axe finds no violation on ${name}`, async () => {
      expect((await editor.goto(served.url + path()))?.status()).toBe(200);
      const violations = await axeViolations(editor);
      expect(violations, describeViolations(violations)).toEqual([]);
    });
  }
});

// Review and the audit log (issue 12), signed in as an admin of the demo site: the queue with an article
// in review (and the count in the menu), the "Trả lại" pages (article, document) refusing a missing reason,
// the document editor offering it, and the audit log
// with entries and with a refused filter.
describe('the review queue and the audit log', () => {
  let adminContext: BrowserContext;
  let admin: Page;
  let reviewId = 0;
  let reviewDocumentId = 0;
  beforeAll(async () => {
    const [account] = await createAccounts(served, [{ role: 'admin', name: 'Quản Trị Nhật Ký' }]);
    adminContext = await newReader(browser, { bypassCSP: true });
    admin = await adminContext.newPage();
    await signIn(admin, served, account!);
    const res = await served.fetch('/api/v1/articles', {
      method: 'POST', headers: { Authorization: `Bearer ${served.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ title: 'Tin chờ duyệt kiểm tra truy cập', body: 'Nội dung.', category: 'tin-tuc-su-kien', status: 'review' }),
    });
    reviewId = ((await res.json()) as { id: number }).id;
    const doc = await served.fetch('/api/v1/documents', {
      method: 'POST', headers: { Authorization: `Bearer ${served.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ number: '901/QĐ-UBND', type: 'quyet-dinh', issuer: 'ubnd', signer: 'Nguyễn Văn An', issuedOn: '2026-11-01', summary: 'Về việc kiểm tra truy cập', status: 'review' }),
    });
    expect(doc.status, await doc.clone().text()).toBe(201);
    reviewDocumentId = ((await doc.json()) as { id: number }).id;
  });
  afterAll(() => adminContext?.close());

  /** Presses "Trả lại" on a return page (article or document) with the reason left empty; the answer's status. */
  async function returnWithoutReason(path: string): Promise<number> {
    await admin.goto(served.url + path);
    const [response] = await Promise.all([
      admin.waitForResponse((r) => r.request().method() === 'POST'),
      admin.getByRole('button', { name: 'Trả lại', exact: true }).click(),
    ]);
    await admin.waitForLoadState('domcontentloaded');
    return response.status();
  }

  const checks: [string, () => Promise<number | undefined>, number][] = [
    ['/admin/cho-duyet', async () => (await admin.goto(served.url + '/admin/cho-duyet'))?.status(), 200],
    ['/admin/nhat-ky', async () => (await admin.goto(served.url + '/admin/nhat-ky'))?.status(), 200],
    ['/admin/nhat-ky with a refused filter', async () => (await admin.goto(served.url + '/admin/nhat-ky?tu-ngay=2026-02-30'))?.status(), 400],
    ['/admin/bai-viet/{id}/tra-lai refusing a missing reason', () => returnWithoutReason(`/admin/bai-viet/${reviewId}/tra-lai`), 422],
    ['/admin/van-ban/{id} in review, with its Trả lại form', async () => (await admin.goto(`${served.url}/admin/van-ban/${reviewDocumentId}`))?.status(), 200],
    ['/admin/van-ban/{id}/tra-lai refusing a missing reason', () => returnWithoutReason(`/admin/van-ban/${reviewDocumentId}/tra-lai`), 422],
  ];
  for (const [name, open, status] of checks) {
    it(`axe finds no violation on ${name}`, async () => {
      expect(await open()).toBe(status);
      const violations = await axeViolations(admin);
      expect(violations, describeViolations(violations)).toEqual([]);
    });
  }
});

// Photos (issue 12): the demo article with its gallery, and its /admin/bai-viet/{id}/anh with the photos
// and with a refused edit (alt text missing) showing its message next to the field.
describe('the article gallery and its admin', () => {
  const SLUG = 'hoi-nghi-phan-tich-danh-gia-ket-qua-cong-tac-cai-cach-hanh-chinh-nam-2023-trien';
  let editorContext: BrowserContext;
  let editor: Page;
  let articleId = 0;
  let csrf = '';
  beforeAll(async () => {
    const [account] = await createAccounts(served, [{ role: 'editor', name: 'Biên Tập Ảnh' }]);
    editorContext = await newReader(browser, { bypassCSP: true });
    editor = await editorContext.newPage();
    await signIn(editor, served, account!);
    csrf = await csrfTokenOf(editor, served);
    articleId = ((await (await served.fetch(`/api/v1/articles/${SLUG}`)).json()) as { id: number }).id;
  });
  afterAll(() => editorContext?.close());

  it('axe finds no violation on an article with a gallery', async () => {
    const page = await context.newPage();
    try {
      expect((await page.goto(`${served.url}/bai-viet/${SLUG}`))?.status()).toBe(200);
      expect(await page.locator('.gallery figure').count()).toBe(3);
      const violations = await axeViolations(page);
      expect(violations, describeViolations(violations)).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('axe finds no violation on /admin/bai-viet/{id}/anh with photos', async () => {
    expect((await editor.goto(`${served.url}/admin/bai-viet/${articleId}/anh`))?.status()).toBe(200);
    const violations = await axeViolations(editor);
    expect(violations, describeViolations(violations)).toEqual([]);
  });

  it('axe finds no violation on /admin/bai-viet/{id}/anh refusing an empty alt text', async () => {
    await editor.goto(`${served.url}/admin/bai-viet/${articleId}/anh`);
    const id = await editor.locator('input[name="id"]').first().getAttribute('value');
    const refused = await editor.request.post(`${served.url}/admin/bai-viet/${articleId}/anh`, { form: { _csrf: csrf, action: 'save', id: id!, alt: '', caption: 'x' }, headers: { Origin: served.url } });
    expect(refused.status()).toBe(422);
    await editor.setContent(await refused.text());
    await expect.poll(() => editor.locator('.field-error').count()).toBe(1);
    const violations = await axeViolations(editor);
    expect(violations, describeViolations(violations)).toEqual([]);
  });
});

// The media library (issue 13): its list with one item, the item's page, and the list refusing an
// upload without alt text (axe checks the error state too), as an editor of the demo site.
describe('the media library', () => {
  let context: BrowserContext;
  let editor: Page;
  let itemPath = '';
  beforeAll(async () => {
    const [account] = await createAccounts(served, [{ role: 'editor', name: 'Thư Viện Axe' }]);
    context = await newReader(browser, { bypassCSP: true });
    editor = await context.newPage();
    await signIn(editor, served, account!);
    await editor.goto(served.url + '/admin/thu-vien');
    await editor.setInputFiles('#file', { name: 'cho-phien.png', mimeType: 'image/png', buffer: Buffer.from(await gradientPng(400, 300)) });
    await editor.getByLabel('Mô tả ảnh (bắt buộc, cho người khiếm thị)').fill('Chợ phiên Đồng Hỷ');
    await Promise.all([editor.waitForURL(/\/admin\/thu-vien\/\d+/), editor.getByRole('button', { name: 'Tải lên' }).click()]);
    itemPath = new URL(editor.url()).pathname;
  });
  afterAll(() => context?.close());

  it('axe finds no violation on /admin/thu-vien and on an item page', async () => {
    for (const path of ['/admin/thu-vien', itemPath]) {
      expect((await editor.goto(served.url + path))?.status()).toBe(200);
      const violations = await axeViolations(editor);
      expect(violations, `${path}: ${describeViolations(violations)}`).toEqual([]);
    }
  });

  it('axe finds no violation on /admin/thu-vien refusing an upload without alt text', async () => {
    await editor.goto(served.url + '/admin/thu-vien');
    await editor.setInputFiles('#file', { name: 'a.png', mimeType: 'image/png', buffer: Buffer.from(await gradientPng(40, 30)) });
    // The browser's own check would stop an empty required field: a space passes it, the server refuses it.
    await editor.getByLabel('Mô tả ảnh (bắt buộc, cho người khiếm thị)').fill(' ');
    await Promise.all([editor.waitForResponse((r) => r.request().method() === 'POST'), editor.getByRole('button', { name: 'Tải lên' }).click()]);
    await editor.locator('#loi-tai-len').waitFor();
    const violations = await axeViolations(editor);
    expect(violations, describeViolations(violations)).toEqual([]);
  });
});
