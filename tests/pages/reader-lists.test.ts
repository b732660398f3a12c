// The reader's lists and tools on the built pages: "Tin nổi bật" pinned in /admin/noi-bat, "Tin liên quan"
// chosen in /admin/bai-viet/{id}/lien-quan, "Xem nhiều nhất" filled in from counted views only, and the
// print and text-size tools; each admin error path answers its status and Vietnamese message.
import { describe, expect, it } from 'vitest';
import { atTime } from '../support/api.ts';
import { adminGet, adminPost, at, json, PAGE, sessionFor, tokenOf } from '../support/cross-site.ts';
import { freshSite, type TestSite } from '../support/reading-lists.ts';

const tokens = new Map<number, string>();
async function tokenFor(s: TestSite): Promise<string> {
  if (!tokens.has(s.id)) tokens.set(s.id, await tokenOf(s.id, 'read write'));
  return tokens.get(s.id)!;
}

/** An article of the site through the API (the built Worker's write door), published unless said. */
async function write(s: TestSite, title: string, _at: Date, options: { tags?: string[]; category?: number; status?: 'published' | 'draft' } = {}) {
  const category = s.categorySlugs[s.categories.indexOf(options.category ?? s.categories[0]!)]!;
  const res = await at(`${s.origin}/api/v1/articles`, json('POST', await tokenFor(s), { title, body: `Nội dung ${title}.`, category, tags: options.tags ?? [], status: options.status ?? 'published' }));
  if (res.status !== 201) throw new Error(`POST ${res.status}: ${await res.text()}`);
  const article = (await res.json()) as { id: number; slug: string; title: string };
  return { ...article, etag: res.headers.get('ETag')! };
}

async function unpublish(s: TestSite, article: { slug: string; etag: string }): Promise<void> {
  const res = await at(`${s.origin}/api/v1/articles/${article.slug}`, json('PATCH', await tokenFor(s), { status: 'draft' }, { 'If-Match': article.etag }));
  if (res.status !== 200) throw new Error(`PATCH ${res.status}: ${await res.text()}`);
}

const site = await freshSite('trang-doc');
const editor = await sessionFor([[site.id, 'editor']], site.id);
const contributor = await sessionFor([[site.id, 'contributor']], site.id);
const page = async (path: string, headers: Record<string, string> = PAGE) => (await at(site.origin + path, { headers })).text();
const featuredBox = (html: string) => /<section class="featured-box[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';

describe('"Tin nổi bật" through /admin/noi-bat', () => {
  it('an editor pins, reorders and unpins; the home page shows it at once, in that order', async () => {
    const t = new Date();
    const [a, b] = [await write(site, 'Ghim một', t), await write(site, 'Ghim hai', t)];
    expect(featuredBox(await page('/'))).toBe('');
    for (const x of [a, b]) {
      const res = await adminPost(editor, '/admin/noi-bat', { action: 'pin', id: String(x.id) });
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('Đã ghim bài lên mục Tin nổi bật.');
    }
    const box = featuredBox(await page('/'));
    expect(box).toContain('Tin nổi bật');
    expect(box.indexOf('Ghim một')).toBeLessThan(box.indexOf('Ghim hai'));
    await adminPost(editor, '/admin/noi-bat', { action: 'up', id: String(b.id) });
    const moved = featuredBox(await page('/'));
    expect(moved.indexOf('Ghim hai')).toBeLessThan(moved.indexOf('Ghim một'));
    await adminPost(editor, '/admin/noi-bat', { action: 'unpin', id: String(a.id) });
    await adminPost(editor, '/admin/noi-bat', { action: 'unpin', id: String(b.id) });
    expect(featuredBox(await page('/'))).toBe('');
  });

  it('an expiry is set in Vietnam time and shown; a bad or past one is 422 with the message, nothing changed', async () => {
    const a = await write(site, 'Ghim có hạn', new Date());
    await adminPost(editor, '/admin/noi-bat', { action: 'pin', id: String(a.id) });
    const ok = await adminPost(editor, '/admin/noi-bat', { action: 'expiry', id: String(a.id), expiresAt: '2099-01-02T08:30' });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('value="2099-01-02T08:30"');
    for (const expiresAt of ['2020-01-01T00:00', '2099-02-30T08:00', 'ngày mai', '']) {
      const res = await adminPost(editor, '/admin/noi-bat', { action: 'expiry', id: String(a.id), expiresAt });
      expect(res.status).toBe(422);
      expect(await res.text()).toContain('Hạn ghim không hợp lệ');
    }
    const cleared = await adminPost(editor, '/admin/noi-bat', { action: 'clear-expiry', id: String(a.id) });
    expect(await cleared.text()).toContain('Đã bỏ hạn ghim');
    await adminPost(editor, '/admin/noi-bat', { action: 'unpin', id: String(a.id) });
  });

  it('refusals: an unknown action or id 400, a draft or unpinned article 404, a contributor 403', async () => {
    const draft = await write(site, 'Nháp không ghim được', new Date(), { status: 'draft' });
    expect((await adminPost(editor, '/admin/noi-bat', { action: 'ghim', id: '1' })).status).toBe(400);
    expect((await adminPost(editor, '/admin/noi-bat', { action: 'pin', id: 'abc' })).status).toBe(400);
    const gone = await adminPost(editor, '/admin/noi-bat', { action: 'pin', id: String(draft.id) });
    expect(gone.status).toBe(404);
    expect(await gone.text()).toContain('Bài này không phải bài đã đăng của trang');
    expect((await adminPost(editor, '/admin/noi-bat', { action: 'unpin', id: String(draft.id) })).status).toBe(404);
    const get = await adminGet(contributor, '/admin/noi-bat');
    expect(get.status).toBe(403);
    expect(await get.text()).toContain('Chỉ biên tập viên và quản trị viên');
    expect((await adminPost(contributor, '/admin/noi-bat', { action: 'pin', id: String(draft.id) })).status).toBe(403);
  });

  it('the page finds published articles to pin by search', async () => {
    await write(site, 'Lễ hội trà Tân Cương tìm thấy', new Date());
    const html = await (await adminGet(editor, '/admin/noi-bat?q=tra%20tan%20cuong')).text();
    expect(html).toContain('Lễ hội trà Tân Cương tìm thấy');
    expect(html).toContain('aria-label="Ghim: Lễ hội trà Tân Cương tìm thấy"');
  });
});

describe('"Tin liên quan" through /admin/bai-viet/{id}/lien-quan', () => {
  it('the editor\'s choice replaces the computed list on the article page', async () => {
    const t = new Date();
    const me = await write(site, 'Bài có tin liên quan', t, { tags: ['Nông nghiệp'] });
    const auto = await write(site, 'Cùng thẻ tự động', t, { tags: ['Nông nghiệp'] });
    const chosen = await write(site, 'Do biên tập chọn', t, { category: site.categories[1] });
    const before = await page(`/bai-viet/${me.slug}`);
    expect(before).toContain('Tin liên quan');
    expect(before).toContain(auto.title);
    const res = await adminPost(editor, `/admin/bai-viet/${me.id}/lien-quan`, { action: 'add', id: String(chosen.id) });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Đã thêm bài vào Tin liên quan.');
    const after = await page(`/bai-viet/${me.slug}`);
    const aside = /<aside class="related[\s\S]*?<\/aside>/.exec(after)![0];
    expect(aside).toContain('Do biên tập chọn');
    expect(aside).not.toContain(auto.title);
  });

  it('refusals: itself 422, a draft 404, a bad action 400, another site\'s article 404, a contributor 403', async () => {
    const other = await freshSite('trang-doc-khac');
    const t = new Date();
    const me = await write(site, 'Bài thử lỗi liên quan', t);
    const draft = await write(site, 'Nháp liên quan', t, { status: 'draft' });
    const foreign = await write(other, 'Bài trang khác', t);
    const path = `/admin/bai-viet/${me.id}/lien-quan`;
    const self = await adminPost(editor, path, { action: 'add', id: String(me.id) });
    expect(self.status).toBe(422);
    expect(await self.text()).toContain('Không thể chọn chính bài này.');
    expect((await adminPost(editor, path, { action: 'add', id: String(draft.id) })).status).toBe(404);
    expect((await adminPost(editor, path, { action: 'add', id: String(foreign.id) })).status).toBe(404);
    expect((await adminPost(editor, path, { action: 'xoa', id: '1' })).status).toBe(400);
    expect((await adminGet(editor, `/admin/bai-viet/${foreign.id}/lien-quan`)).status).toBe(404);
    expect((await adminPost(editor, `/admin/bai-viet/${foreign.id}/lien-quan`, { action: 'add', id: String(me.id) })).status).toBe(404);
    expect((await adminGet(contributor, path)).status).toBe(403);
    expect((await adminPost(contributor, path, { action: 'add', id: String(draft.id) })).status).toBe(403);
  });

  it('the article editor links to it', async () => {
    const me = await write(site, 'Bài có liên kết', new Date());
    expect(await (await adminGet(editor, `/admin/bai-viet/${me.id}`)).text()).toContain(`href="/admin/bai-viet/${me.id}/lien-quan"`);
  });
});

describe('"Xem nhiều nhất"', () => {
  it('shows a reader\'s counted views, not bots\' or prefetches, and drops an article unpublished', async () => {
    const T = Date.UTC(2031, 0, 15, 5, 0); // noon in Vietnam
    const a = await write(site, 'Bài đọc nhiều nhất', new Date());
    await atTime(T, async () => {
      for (const ip of ['10.9.0.1', '10.9.0.2', '10.9.0.3']) await (await at(`${site.origin}/bai-viet/${a.slug}`, { headers: { ...PAGE, 'CF-Connecting-IP': ip } })).arrayBuffer();
      await (await at(`${site.origin}/bai-viet/${a.slug}`, { headers: { ...PAGE, 'User-Agent': 'Mozilla/5.0 (compatible; Googlebot/2.1)' } })).arrayBuffer();
      await (await at(`${site.origin}/bai-viet/${a.slug}`, { headers: { ...PAGE, 'Sec-Purpose': 'prefetch' } })).arrayBuffer();
      await (await at(`${site.origin}/bai-viet/${a.slug}`, { method: 'HEAD', headers: PAGE })).arrayBuffer();
      // The stats read stores this isolate's pending views first.
      await (await at(`${site.origin}/api/v1/stats`)).arrayBuffer();
    });
    // A minute later the isolate reads the counters again (it may show a reading up to 60 s old).
    const home = await atTime(T + 61_000, () => page('/'));
    const week = /<ol data-most-read="week"[\s\S]*?<\/ol>/.exec(home)![0];
    expect(week).toContain(`<a href="/bai-viet/${a.slug}">Bài đọc nhiều nhất</a> <span class="meta">3 lượt xem</span>`);
    const articlePage = await atTime(T + 61_000, () => page(`/bai-viet/${a.slug}`));
    expect(/<ol data-most-read="week"[\s\S]*?<\/ol>/.exec(articlePage)![0]).toContain('3 lượt xem');
    // Unpublished: gone with the write (a new generation is a new reading), not a minute later.
    await unpublish(site, a);
    const after = await atTime(T + 62_000, () => page('/'));
    expect(/<ol data-most-read="week"[\s\S]*?<\/ol>/.exec(after)![0]).not.toContain('Bài đọc nhiều nhất');
  });
});

describe('print and text size', () => {
  it('articles and documents carry the tools (hidden without JavaScript) and the print-only address line; the script loads in <head>', async () => {
    const a = await write(site, 'Bài để in', new Date());
    const html = await page(`/bai-viet/${a.slug}`);
    const head = html.slice(0, html.indexOf('</head>'));
    expect(head).toContain('<script src="/js/reader-tools.js"></script>');
    expect(html).toMatch(/<div class="reader-tools" data-reader-tools hidden>/);
    expect(html).toContain('<button type="button" class="tool" data-print>In bài viết</button>');
    expect(html).toContain('<span aria-hidden="true">A-</span><span class="sr-only">Giảm cỡ chữ</span>');
    expect(html).toContain('<span aria-hidden="true">A</span><span class="sr-only">Cỡ chữ mặc định</span>');
    expect(html).toContain('<span aria-hidden="true">A+</span><span class="sr-only">Tăng cỡ chữ</span>');
    expect(html).toContain(`Nguồn: ${site.origin}/bai-viet/${a.slug} – In ngày <span data-print-date>`);
  });

});
