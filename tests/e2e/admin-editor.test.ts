// Issue 5, the editors' path end to end in real Chromium: an editor writes an article with a cover
// image, previews it (live, with the page's script, and the full-page preview link), publishes it, and a
// reader sees it; a contributor can save and submit but never publish, even by a forged request; a
// scheduled article is stored at the form's Vietnam time and hidden before it, cron run or not.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { articlePaths, launchBrowser, newReader } from '../support/browser.ts';
import { serve, uniqueWord, type Served } from '../support/served.ts';
import { articleIdOf, createAccounts, csrfTokenOf, newPerson, pngImage, runCron, signIn, submitWith, vietnamLocal, type Account } from '../support/admin.ts';

const CATEGORY = { slug: 'kinh-te', name: 'Kinh tế' };
const COVER = { width: 64, height: 40 };

let served: Served;
let browser: Browser;
let editor: Account;
let contributor: Account;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  [served, browser] = await Promise.all([serve(), launchBrowser()]);
  [editor, contributor] = (await createAccounts(served, [
    { role: 'editor', name: 'Nguyễn Biên Tập' },
    { role: 'contributor', name: 'Trần Cộng Tác' },
  ])) as [Account, Account];
});
afterAll(async () => {
  await browser?.close();
  await served?.stop();
});
afterEach(async () => {
  await Promise.all(contexts.splice(0).map((c) => c.close()));
});

async function reader(): Promise<Page> {
  const context = await newReader(browser);
  contexts.push(context);
  return context.newPage();
}

async function notice(page: Page): Promise<string> {
  return ((await page.locator('.notice').first().textContent()) ?? '').trim();
}

async function fillArticle(page: Page, a: { title: string; summary: string; body: string; tags?: string; byline?: string }) {
  await page.getByLabel('Tiêu đề', { exact: true }).fill(a.title);
  await page.getByLabel('Tóm tắt').fill(a.summary);
  await page.getByLabel('Chuyên mục').selectOption(CATEGORY.slug);
  if (a.tags) await page.getByLabel('Từ khóa').fill(a.tags);
  await page.getByLabel('Nội dung (Markdown)').fill(a.body);
  if (a.byline) await page.getByLabel('Tác giả / nguồn').fill(a.byline);
}

async function status(page: Page, path: string): Promise<number> {
  return (await page.goto(served.url + path))?.status() ?? 0;
}

it('an editor writes an article with a cover image, previews it live and as a full page, publishes it, and a reader sees it', async () => {
  const word = uniqueWord('cautreo');
  const title = `Khánh thành cầu treo bản Mỏ ${word}`;
  const caption = `Cầu treo bản Mỏ ${word} trong ngày khánh thành`;
  const alt = `Cây cầu treo sơn xanh bắc qua suối, hai bên là đồi chè ${word}`;
  const page = await newPerson(browser, contexts);
  await signIn(page, served, editor);

  await page.goto(`${served.url}/admin/bai-viet/moi`);
  await fillArticle(page, {
    title,
    summary: `Cầu treo dài 60 m ${word} nối hai xóm của xã Văn Lăng.`,
    body: `## Công trình dân sinh\n\nCây cầu **rộng 1,5 m** do nhân dân ${word} góp công.\n\n- Dài 60 m\n- Tải trọng 1 tấn`,
    tags: `Giao thông, Cầu ${word}`,
    byline: 'Phòng Kinh tế - Hạ tầng',
  });
  // The live preview follows the typing (editor.js posts the body to the server's sanitizing renderer).
  const live = page.locator('#xem-truoc-noi-dung');
  await expect.poll(() => live.isVisible(), { timeout: 8_000 }).toBe(true);
  await expect.poll(() => live.locator('h2').textContent(), { timeout: 8_000 }).toBe('Công trình dân sinh');
  expect(await live.locator('strong').textContent()).toBe('rộng 1,5 m');
  expect(await live.locator('li').count()).toBe(2);
  await page.getByLabel('Nội dung (Markdown)').pressSequentially('\n\nĐoạn thêm *nghiêng*', { delay: 5 });
  await expect.poll(() => live.locator('em').textContent(), { timeout: 8_000 }).toBe('nghiêng');

  await page.getByLabel('Ảnh bìa', { exact: true }).setInputFiles({ name: 'cau-treo.png', mimeType: 'image/png', buffer: pngImage(COVER.width, COVER.height) });
  await page.getByLabel('Chú thích ảnh').fill(caption);
  await page.getByLabel('Mô tả ảnh (văn bản thay thế)').fill(alt);
  expect((await submitWith(page, 'Lưu nháp')).status(), 'saving the new draft redirects to its edit page').toBe(303);
  expect(await notice(page)).toBe('Đã lưu bài viết.');
  const id = articleIdOf(page);
  const slug = await page.getByLabel('Đường dẫn (slug)').inputValue();
  expect(slug).toContain(word);
  // The stored cover is shown in the form, and it is a real image served from /media/.
  const current = page.locator('.cover-now img');
  expect(await current.getAttribute('alt')).toBe(alt);
  await expect.poll(() => current.evaluate((img: { complete: boolean; naturalWidth: number }) => img.complete && img.naturalWidth)).toBe(COVER.width);

  // A draft is not on the site.
  const someone = await reader();
  expect(await status(someone, `/bai-viet/${slug}`), 'the draft on the site').toBe(404);

  // The full preview link: the page as readers will see it, for whoever holds the link (no session).
  const previewLink = page.getByRole('link', { name: 'Xem trước toàn trang như bạn đọc thấy' });
  const previewHref = await previewLink.getAttribute('href');
  // Absolute, on the article's site's own host (here the first site's, the one served).
  expect(previewHref).toBe(`${served.url}${new URL(previewHref!).pathname}`);
  expect(new URL(previewHref!).pathname).toMatch(/^\/xem-truoc\/[0-9a-z-]+$/);
  const [opened] = await Promise.all([page.context().waitForEvent('page'), previewLink.click()]);
  await opened.waitForLoadState('domcontentloaded');
  expect(new URL(opened.url()).pathname).toBe(new URL(previewHref!).pathname);
  expect((await opened.getByRole('heading', { level: 1 }).textContent())?.trim()).toBe(title);
  await opened.close();
  const preview = await someone.goto(previewHref!);
  expect(preview?.status(), 'the preview link without a session').toBe(200);
  expect(preview?.headers()['cache-control']).toBe('private, no-store');
  expect((await someone.getByRole('heading', { level: 1 }).textContent())?.trim()).toBe(title);
  expect(await someone.locator('figure.cover img').getAttribute('alt')).toBe(alt);
  expect((await someone.locator('figure.cover figcaption').textContent())?.trim()).toBe(caption);
  expect(await someone.locator('article .body strong').textContent()).toBe('rộng 1,5 m');

  // Publish.
  expect((await submitWith(page, 'Đăng ngay')).status()).toBe(303);
  expect(await notice(page)).toBe('Đã đăng bài viết.');
  expect(articleIdOf(page)).toBe(id);
  expect(await page.locator('.status').first().textContent()).toBe('Đã đăng');

  // A reader with no cookie: on home, and the article page with its image, caption and alt text.
  const visitor = await reader();
  expect(await status(visitor, '/')).toBe(200);
  expect(await articlePaths(visitor), 'home').toContain(`/bai-viet/${slug}`);
  expect(await visitor.getByRole('main').getByRole('link', { name: title }).count()).toBeGreaterThan(0);
  expect(await status(visitor, `/bai-viet/${slug}`)).toBe(200);
  expect((await visitor.getByRole('heading', { level: 1 }).textContent())?.trim()).toBe(title);
  const cover = visitor.getByRole('img', { name: alt, exact: true });
  expect(await cover.count()).toBe(1);
  await expect.poll(() => cover.evaluate((img: { complete: boolean; naturalWidth: number }) => img.complete && img.naturalWidth), { timeout: 8_000 }).toBe(COVER.width);
  expect(await cover.evaluate((img: { naturalHeight: number }) => img.naturalHeight)).toBe(COVER.height);
  expect((await visitor.locator('figure.cover figcaption').textContent())?.trim()).toBe(caption);
  expect(await visitor.locator('article .body h2').textContent()).toBe('Công trình dân sinh');
  expect(await visitor.locator('article .body em').textContent()).toBe('nghiêng');
  expect(await visitor.getByText('Phòng Kinh tế - Hạ tầng').count()).toBeGreaterThan(0);
  // The image itself: served from /media/ with nosniff and long caching.
  const src = await cover.getAttribute('src');
  const image = await served.fetch(src!);
  expect(image.status).toBe(200);
  expect(image.headers.get('content-type')).toBe('image/png');
  expect(image.headers.get('x-content-type-options')).toBe('nosniff');
});

it('a contributor saves a draft and submits it for review, but has no publish or schedule button and a forged publish is refused', async () => {
  const word = uniqueWord('congtac');
  const title = `Bài cộng tác viên gửi ${word}`;
  const page = await newPerson(browser, contexts);
  await signIn(page, served, contributor);
  await page.goto(`${served.url}/admin/bai-viet/moi`);
  const buttons = async () => ({
    save: await page.getByRole('button', { name: 'Lưu nháp', exact: true }).count(),
    review: await page.getByRole('button', { name: 'Gửi duyệt', exact: true }).count(),
    publish: await page.getByRole('button', { name: 'Đăng ngay', exact: true }).count(),
    schedule: await page.getByRole('button', { name: 'Đặt lịch đăng', exact: true }).count(),
    publishAt: await page.locator('#f-publish-at').count(),
  });
  expect(await buttons(), 'the new-article form of a contributor').toEqual({ save: 1, review: 1, publish: 0, schedule: 0, publishAt: 0 });

  await fillArticle(page, { title, summary: `Tóm tắt ${word}`, body: `Nội dung do cộng tác viên viết ${word}.` });
  expect((await submitWith(page, 'Lưu nháp')).status()).toBe(303);
  expect(await notice(page)).toBe('Đã lưu bài viết.');
  const id = articleIdOf(page);
  const slug = await page.getByLabel('Đường dẫn (slug)').inputValue();
  expect(await buttons(), 'the contributor\'s own draft').toEqual({ save: 1, review: 1, publish: 0, schedule: 0, publishAt: 0 });

  // A hand-made POST with everything a real form carries (session cookie, CSRF token, own origin),
  // asking to publish: refused by role, not by a CSRF check.
  const csrf = await csrfTokenOf(page, served);
  const version = await page.locator('#bai-viet input[name="version"]').getAttribute('value');
  const forge = (path: string, action: string, extra: Record<string, string> = {}) =>
    page.request.post(served.url + path, {
      headers: { Origin: served.url },
      maxRedirects: 0,
      multipart: {
        _csrf: csrf, title, summary: `Tóm tắt ${word}`, category: CATEGORY.slug, tags: '', body: `Nội dung ${word}.`,
        cover_key: '', cover_caption: '', cover_alt: '', byline: '', publish_at: '2031-01-01T08:00', action, ...extra,
      },
    });
  const forgedPublish = await forge(`/admin/bai-viet/${id}`, 'publish', { version: version! });
  expect(forgedPublish.status(), 'a contributor forging "publish" on their draft').toBe(403);
  expect(await forgedPublish.text()).toContain('Bạn không có quyền thực hiện thao tác này.');
  expect((await forge(`/admin/bai-viet/${id}`, 'schedule', { version: version! })).status(), 'forging "schedule"').toBe(403);
  const forgedNew = await forge('/admin/bai-viet/moi', 'publish', { title: `${title} mới`, version: '' });
  expect(forgedNew.status(), 'a contributor forging a new published article').toBe(403);

  // Submit for review through the form, as intended.
  await page.goto(`${served.url}/admin/bai-viet/${id}`);
  expect((await submitWith(page, 'Gửi duyệt')).status()).toBe(303);
  expect(await notice(page)).toBe('Đã gửi bài viết để duyệt.');
  expect(await page.locator('.status').first().textContent()).toBe('Chờ duyệt');
  expect((await buttons()).publish, 'no publish button on the article awaiting review').toBe(0);
  const reviewVersion = await page.locator('#bai-viet input[name="version"]').getAttribute('value');
  expect((await forge(`/admin/bai-viet/${id}`, 'publish', { version: reviewVersion! })).status(), 'forging "publish" while in review').toBe(403);

  // Nothing was published: not on the site, not in the API, not on home; the article awaits review.
  const visitor = await reader();
  expect(await status(visitor, `/bai-viet/${slug}`)).toBe(404);
  expect(await status(visitor, '/')).toBe(200);
  expect(await visitor.getByText(word).count(), 'anything of the contributor\'s article on home').toBe(0);
  expect(await status(visitor, `/tim-kiem?q=${word}`)).toBe(200);
  expect(await articlePaths(visitor), 'search').toEqual([]);
  const api = await served.fetch(`/api/v1/articles?q=${word}`);
  expect(((await api.json()) as { items: unknown[] }).items).toEqual([]);
  await page.goto(`${served.url}/admin/bai-viet?q=${word}`);
  const rows = page.locator('tbody tr');
  expect(await rows.count(), 'the contributor\'s articles in the admin list (the forged new one must not exist)').toBe(1);
  expect(await rows.first().locator('.status').textContent()).toBe('Chờ duyệt');
});

it('a scheduled article is stored at the Vietnam time the form was given, and hidden from every reader before it (cron run too)', async () => {
  // An hour ahead: the "before its time" checks hold however slow the machine is. The second it goes
  // live is tested with a controlled clock on the same built Worker (tests/pages/scheduled.test.ts).
  const word = uniqueWord('lichdang');
  const title = `Thông báo lịch tiếp công dân ${word}`;
  const visitor = await reader();
  // Fill the edge cache with home as it is now.
  for (let i = 0; i < 2; i++) expect(await status(visitor, '/')).toBe(200);

  const page = await newPerson(browser, contexts);
  await signIn(page, served, editor);
  await page.goto(`${served.url}/admin/bai-viet/moi`);
  await fillArticle(page, { title, summary: `Lịch tiếp công dân ${word}`, body: `Lịch tiếp công dân định kỳ ${word}.` });
  // Second 17 of a minute an hour ahead (a time of :00 seconds would be shown without them).
  const at = new Date(Math.ceil((Date.now() + 3_600_000) / 60_000) * 60_000 + 17_000);
  // Vietnam wall-clock time, to the second (datetime-local accepts seconds).
  const local = vietnamLocal(at);
  await page.getByLabel('Thời điểm đăng (giờ Việt Nam)').fill(local);
  expect(await page.getByLabel('Thời điểm đăng (giờ Việt Nam)').inputValue()).toBe(local);
  expect((await submitWith(page, 'Đặt lịch đăng')).status()).toBe(303);
  expect(await notice(page)).toBe('Đã đặt lịch đăng bài viết.');
  expect(await page.locator('.status').first().textContent()).toBe('Đã lên lịch');
  const slug = await page.getByLabel('Đường dẫn (slug)').inputValue();
  const path = `/bai-viet/${slug}`;
  // Stored at exactly that instant (the form's Vietnam time read back as UTC).
  const stored = await served.fetch(`/api/v1/articles/${slug}`, { headers: { Authorization: `Bearer ${served.token}` } });
  expect(await stored.json()).toMatchObject({ status: 'scheduled', publishedAt: at.toISOString() });

  const hidden = async (who: Page, when: string) => {
    expect(await status(who, path), `${when}: the article page`).toBe(404);
    expect(await status(who, '/')).toBe(200);
    expect(await articlePaths(who), `${when}: home`).not.toContain(path);
    const api = await served.fetch(`/api/v1/articles?q=${word}`);
    expect(((await api.json()) as { items: unknown[] }).items, `${when}: the API`).toEqual([]);
    const feed = (await (await served.fetch('/feed.json')).json()) as { items: { url: string }[] };
    expect(feed.items.map((i) => new URL(i.url).pathname), `${when}: the feed`).not.toContain(path);
  };
  await hidden(visitor, 'before its time');
  // The cron body (the Worker's scheduled handler) runs now: nothing is published early.
  await runCron(served);
  await runCron(served); // idempotent: a repeated run does no harm
  await hidden(await reader(), 'after the cron ran before its time');
  await page.goto(`${served.url}/admin/bai-viet?q=${word}`);
  expect(await page.locator('tbody tr .status').first().textContent(), 'the admin list').toBe('Đã lên lịch');
});
