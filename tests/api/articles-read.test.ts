// Public reads of /api/v1/articles and /api/v1/categories, through the Worker against real local D1:
// order, limits, keyset paging under concurrent writes, filters, search, shapes, caching, CORS, 301s.
import { describe, expect, it } from 'vitest';
import {
  allPages, auth, call, deleteArticle, expectProblem, freshCategory, getJson, isoIn, ORIGIN, pathOf,
  patchArticle, postArticle, unique, writeToken, type ArticleJson, type ListPage,
} from '../support/api.ts';
import { putImage } from './media-images.ts';

/** Creates a published article; `publishAt` (ISO, in the past) pins its publish instant. */
async function published(token: string, category: string, title: string, extra: Record<string, unknown> = {}) {
  return (await postArticle(token, { title, category, status: 'published', ...extra })).article;
}

/** Newest first: publish instant descending, then id descending for equal instants. */
function expectNewestFirst(items: ArticleJson[]) {
  for (let i = 1; i < items.length; i++) {
    const a = items[i - 1]!;
    const b = items[i]!;
    const ta = Date.parse(a.publishedAt!);
    const tb = Date.parse(b.publishedAt!);
    expect(ta > tb || (ta === tb && a.id > b.id), `${a.slug} (${a.publishedAt}, ${a.id}) before ${b.slug} (${b.publishedAt}, ${b.id})`).toBe(true);
  }
}

const ids = (items: ArticleJson[]) => items.map((a) => a.id);

describe('the article list', () => {
  it('lists an article created through the API and serves it by slug', async () => {
    const category = await freshCategory();
    const token = await writeToken();
    const word = unique('hn').replaceAll('-', '');
    const { article } = await postArticle(token, { title: `Đồng Hỷ tổ chức hội nghị ${word}`, category, body: 'Xin chào **bạn**', status: 'published', tags: ['Đồng Hỷ', 'Hội nghị'] });
    expect(article.slug).toBe(`dong-hy-to-chuc-hoi-nghi-${word}`);

    const { body: detail } = await getJson<ArticleJson>(`/api/v1/articles/${article.slug}`);
    expect(detail.title).toBe(`Đồng Hỷ tổ chức hội nghị ${word}`);
    const { body: list } = await getJson<ListPage>(`/api/v1/articles?category=${category}`);
    expect(ids(list.items)).toEqual([article.id]);
    expect(list.next).toBeNull();
    expect(list.nextUrl).toBeNull();
  });

  it('is newest first, by publish instant and then by id', async () => {
    const category = await freshCategory();
    const token = await writeToken();
    // Created out of date order, so insertion order cannot pass for date order.
    const mid = await published(token, category, 'Giữa', { publishAt: '2024-03-08T09:43:00+07:00' });
    const oldest = await published(token, category, 'Cũ nhất', { publishAt: '2023-01-01T00:00:00Z' });
    const newest = await published(token, category, 'Mới nhất');
    const newer = await published(token, category, 'Mới hơn', { publishAt: isoIn(-60) });
    const { body } = await getJson<ListPage>(`/api/v1/articles?category=${category}`);
    expect(ids(body.items)).toEqual([newest.id, newer.id, mid.id, oldest.id]);
    expectNewestFirst(body.items);
  });

  it('pages 20 by default and accepts up to 100', async () => {
    const category = await freshCategory();
    const token = await writeToken();
    const created: number[] = [];
    for (let i = 0; i < 21; i++) created.push((await published(token, category, `Tin số ${i}`)).id);

    const { body: first } = await getJson<ListPage>(`/api/v1/articles?category=${category}`);
    expect(first.items).toHaveLength(20);
    expect(first.next).toEqual(expect.any(String));
    const { body: second } = await getJson<ListPage>(pathOf(first.nextUrl!));
    expect(second.items).toHaveLength(1);
    expect(second.next).toBeNull();

    const { body: all } = await getJson<ListPage>(`/api/v1/articles?category=${category}&limit=100`);
    expect(all.items).toHaveLength(21);
    expect(all.next).toBeNull();
    expect(new Set(ids(all.items))).toEqual(new Set(created));

    const { body: seven } = await getJson<ListPage>(`/api/v1/articles?category=${category}&limit=7`);
    expect(seven.items).toHaveLength(7);

    await expectProblem(await call(`/api/v1/articles?category=${category}&limit=101`), 400);
  });

  it('visits every published article exactly once while articles are added between pages', { timeout: 60_000 }, async () => {
    const category = await freshCategory();
    const token = await writeToken();
    const base = Date.now() - 3_600_000;
    const at = (minutesBefore: number) => new Date(base - minutesBefore * 60_000).toISOString();
    const originals: number[] = [];
    // Pairs share an instant, so the id tie-break is exercised on many page boundaries.
    for (let i = 0; i < 45; i++) {
      originals.push((await published(token, category, `Bài gốc ${i}`, { publishAt: at(Math.floor(i / 2)) })).id);
    }
    const lateButOld: number[] = [];
    const seen: ArticleJson[] = [];
    let path: string | null = `/api/v1/articles?category=${category}&limit=7`;
    let page = 0;
    while (path) {
      const { body }: { body: ListPage } = await getJson<ListPage>(path);
      seen.push(...body.items);
      page += 1;
      if (page === 2 || page === 4) {
        const lastSeen = body.items.at(-1)!;
        // Newer than everything: belongs before the pages already read, so it is rightly never seen.
        await published(token, category, `Tin nóng ${page}a`);
        await published(token, category, `Tin nóng ${page}b`, { publishAt: isoIn(-1) });
        // Same instant as the last item seen, but a higher id: it sorts before the cursor too.
        await published(token, category, `Cùng lúc ${page}`, { publishAt: lastSeen.publishedAt });
        // Older than every original: still ahead of the cursor, so it must show up exactly once.
        lateButOld.push((await published(token, category, `Đăng bù ${page}a`, { publishAt: at(100 + page) })).id);
        lateButOld.push((await published(token, category, `Đăng bù ${page}b`, { publishAt: at(100 + page) })).id);
      }
      path = body.nextUrl ? pathOf(body.nextUrl) : null;
      expect(page).toBeLessThan(30);
    }
    const seenIds = ids(seen);
    expect(seenIds.length, 'no article is seen twice').toBe(new Set(seenIds).size);
    for (const id of originals) expect(seenIds.filter((x) => x === id), `original ${id}`).toHaveLength(1);
    for (const id of lateButOld) expect(seenIds.filter((x) => x === id), `backdated ${id}`).toHaveLength(1);
    expectNewestFirst(seen);
  });

  it('pages through articles that share one publish instant, each once', async () => {
    const category = await freshCategory();
    const token = await writeToken();
    const instant = '2024-05-01T08:00:00+07:00';
    const same: number[] = [];
    for (let i = 0; i < 5; i++) same.push((await published(token, category, `Cùng giờ ${i}`, { publishAt: instant })).id);
    const before = await published(token, category, 'Trước đó', { publishAt: '2024-04-30T08:00:00+07:00' });
    const pages = await allPages(`/api/v1/articles?category=${category}&limit=2`);
    const seen = pages.flatMap((p) => ids(p.items));
    expect(pages.map((p) => p.items.length)).toEqual([2, 2, 2]);
    expect(seen).toEqual([...same].sort((a, b) => b - a).concat(before.id));
  });

  it('pages through articles published before 1970 (the API accepts its own cursors)', async () => {
    // Archives of a district portal go back decades; a negative epoch in the cursor must round-trip.
    const category = await freshCategory();
    const token = await writeToken();
    const a = await published(token, category, 'Tư liệu 1961', { publishAt: '1961-01-01T00:00:00Z' });
    const b = await published(token, category, 'Tư liệu 1960', { publishAt: '1960-01-01T00:00:00Z' });
    const first = await getJson<ListPage>(`/api/v1/articles?category=${category}&limit=1`);
    expect(ids(first.body.items)).toEqual([a.id]);
    const res = await call(pathOf(first.body.nextUrl!));
    const text = await res.text();
    expect(res.status, text).toBe(200);
    expect(ids((JSON.parse(text) as ListPage).items)).toEqual([b.id]);
  });

  it('links the next page in a Link header and in nextUrl, and the last page links nothing', async () => {
    const category = await freshCategory();
    const token = await writeToken();
    for (let i = 0; i < 3; i++) await published(token, category, `Liên kết ${i}`);
    const { res, body } = await getJson<ListPage>(`/api/v1/articles?category=${category}&limit=2`);
    expect(body.nextUrl).toBe(`${ORIGIN}/api/v1/articles?category=${category}&limit=2&cursor=${body.next}`);
    expect(res.headers.get('Link')).toBe(`<${body.nextUrl}>; rel="next"`);
    const last = await getJson<ListPage>(pathOf(body.nextUrl!));
    expect(last.body.items).toHaveLength(1);
    expect(last.body.next).toBeNull();
    expect(last.body.nextUrl).toBeNull();
    expect(last.res.headers.get('Link')).toBeNull();
  });

  it('links carry only the parameters the list reads: unknown or repeated ones are not echoed (a 20 KB query made a 20 KB Link header)', async () => {
    const category = await freshCategory();
    const token = await writeToken();
    for (let i = 0; i < 3; i++) await published(token, category, `Tham số ${i}`);
    const junk = 'a=1&'.repeat(3000) + '%3Cx%3E=%22&utm_source=x';
    const { res, body } = await getJson<ListPage>(`/api/v1/articles?${junk}&category=${category}&limit=2&limit=50&cursor=&q=`);
    expect(body.nextUrl).toBe(`${ORIGIN}/api/v1/articles?category=${category}&limit=2&cursor=${body.next}`);
    expect(res.headers.get('Link')).toBe(`<${body.nextUrl}>; rel="next"`);
  });
});

describe('filters and search', () => {
  it('filters by category', async () => {
    const mine = await freshCategory('Kinh tế');
    const other = await freshCategory('Xã hội');
    const token = await writeToken();
    const a = await published(token, mine, 'Của tôi');
    await published(token, other, 'Của chuyên mục khác');
    const { body } = await getJson<ListPage>(`/api/v1/articles?category=${mine}`);
    expect(ids(body.items)).toEqual([a.id]);
    expect(body.items[0]!.category.slug).toBe(mine);
    await expectProblem(await call(`/api/v1/articles?category=${unique('khong-co')}`), 404);
  });

  it('filters by a tag slug made from a Vietnamese tag name', async () => {
    const category = await freshCategory();
    const token = await writeToken();
    const suffix = unique('x').replaceAll('-', '');
    const tagName = `Lễ hội Đền Đuổm ${suffix}`;
    const tagged = await published(token, category, 'Có thẻ', { tags: [tagName, 'Văn hóa'] });
    await published(token, category, 'Không thẻ', { tags: ['Văn hóa'] });
    const tagSlug = `le-hoi-den-duom-${suffix}`;
    expect(tagged.tags).toContainEqual({ slug: tagSlug, name: tagName });

    const { body } = await getJson<ListPage>(`/api/v1/articles?category=${category}&tag=${tagSlug}`);
    expect(ids(body.items)).toEqual([tagged.id]);
    // The tag alone finds it too: the filter does not depend on the category one.
    const { body: byTag } = await getJson<ListPage>(`/api/v1/articles?tag=${tagSlug}`);
    expect(ids(byTag.items)).toEqual([tagged.id]);
    const { body: none } = await getJson<ListPage>(`/api/v1/articles?tag=${unique('the-khong-co')}`);
    expect(none.items).toEqual([]);
  });

  it('searches without regard to diacritics or case, in both directions', async () => {
    const category = await freshCategory();
    const token = await writeToken();
    const withMarks = await published(token, category, 'Đồng Hỷ khai mạc lễ hội', { body: 'Nội dung bài viết.' });
    const withoutMarks = await published(token, category, 'Tin vắn', { summary: 'Bao cao cua huyen dong hy nam nay' });
    const inBody = await published(token, category, 'Thời sự', { body: 'Ngày 8/3, **huyện Đồng Hỷ** đã họp.' });
    await published(token, category, 'Thái Nguyên phát triển', { body: 'Không liên quan.' });
    const expected = [inBody.id, withoutMarks.id, withMarks.id];
    for (const q of ['dong hy', 'Đồng Hỷ', 'ĐỒNG HỶ', 'đồng hỷ', 'Dong Hy', 'Đồng Hỷ'.normalize('NFD'), '  dong   HY ']) {
      const { body } = await getJson<ListPage>(`/api/v1/articles?category=${category}&q=${encodeURIComponent(q)}`);
      expect(ids(body.items), `q=${JSON.stringify(q)}`).toEqual(expected);
    }
    // Every word must match.
    const { body: both } = await getJson<ListPage>(`/api/v1/articles?category=${category}&q=${encodeURIComponent('hỷ khai mạc')}`);
    expect(ids(both.items)).toEqual([withMarks.id]);
    const { body: none } = await getJson<ListPage>(`/api/v1/articles?category=${category}&q=${encodeURIComponent('đồng hỷ xyzzy')}`);
    expect(none.items).toEqual([]);
  });

  it('treats đ as d in search', async () => {
    const category = await freshCategory();
    const token = await writeToken();
    const a = await published(token, category, 'Sửa đường Đại Từ');
    for (const q of ['duong dai tu', 'đường', 'ĐẠI TỪ', 'dai']) {
      const { body } = await getJson<ListPage>(`/api/v1/articles?category=${category}&q=${encodeURIComponent(q)}`);
      expect(ids(body.items), `q=${q}`).toEqual([a.id]);
    }
  });

  it('combines search with paging', async () => {
    const category = await freshCategory();
    const token = await writeToken();
    const hits: number[] = [];
    for (let i = 0; i < 5; i++) {
      hits.push((await published(token, category, `Nông thôn mới ${i}`)).id);
      await published(token, category, `Chuyện khác ${i}`);
    }
    const pages = await allPages(`/api/v1/articles?category=${category}&q=nong+thon&limit=2`);
    expect(pages.flatMap((p) => ids(p.items))).toEqual([...hits].reverse());
  });
});

describe('one article', () => {
  it('has rendered html, tags, category, byline, cover url and ISO UTC dates, and nothing internal', async () => {
    const category = await freshCategory('Cải cách hành chính');
    const token = await writeToken();
    await putImage('2024/03/hoi-nghi.jpg');
    const { article } = await postArticle(token, {
      title: 'Hội nghị tổng kết công tác cải cách hành chính',
      summary: 'Tóm tắt ngắn.',
      body: 'Đoạn **đậm** và _nghiêng_.\n\n- một\n- hai\n\n![Ảnh hội trường](https://example.org/a.jpg "Hội trường UBND")',
      category,
      tags: ['Đồng Hỷ', 'Cải cách hành chính'],
      byline: 'Lê Nguyệt (Trung tâm Văn hóa – Thể thao và Truyền thông Đồng Hỷ)',
      cover: { key: '2024/03/hoi-nghi.jpg', alt: 'Quang cảnh hội nghị', caption: 'Quang cảnh hội nghị' },
      status: 'published',
      publishAt: '2024-03-08T09:43:00+07:00',
    });
    const { res, body } = await getJson<ArticleJson>(`/api/v1/articles/${article.slug}`);
    expect(res.headers.get('Content-Type')).toMatch(/^application\/json/);
    expect(body).toMatchObject({
      id: article.id,
      slug: article.slug,
      url: `${ORIGIN}/bai-viet/${article.slug}`,
      apiUrl: `${ORIGIN}/api/v1/articles/${article.slug}`,
      title: 'Hội nghị tổng kết công tác cải cách hành chính',
      summary: 'Tóm tắt ngắn.',
      byline: 'Lê Nguyệt (Trung tâm Văn hóa – Thể thao và Truyền thông Đồng Hỷ)',
      status: 'published',
      publishedAt: '2024-03-08T02:43:00.000Z',
      version: 1,
      category: { slug: category, name: 'Cải cách hành chính', url: `${ORIGIN}/chuyen-muc/${category}` },
      cover: { key: '2024/03/hoi-nghi.jpg', alt: 'Quang cảnh hội nghị', caption: 'Quang cảnh hội nghị', url: `${ORIGIN}/media/2024/03/hoi-nghi.jpg` },
    });
    expect(body.tags).toEqual([
      { slug: 'cai-cach-hanh-chinh', name: 'Cải cách hành chính' },
      { slug: 'dong-hy', name: 'Đồng Hỷ' },
    ].map((t) => expect.objectContaining({ slug: t.slug })));
    expect(body.html).toContain('<strong>đậm</strong>');
    expect(body.html).toContain('<em>nghiêng</em>');
    expect(body.html).toContain('<li>một</li>');
    expect(body.html).toMatch(/<figure><img [^>]*alt="Ảnh hội trường"[^>]*><figcaption>Hội trường UBND<\/figcaption><\/figure>/);
    for (const key of ['publishedAt', 'createdAt', 'updatedAt'] as const) {
      const value = body[key] as string;
      expect(value, key).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
      expect(new Date(value).toISOString()).toBe(value);
    }
    for (const internal of ['searchText', 'search_text', 'deletedAt', 'categoryId', 'bodyHtml', 'coverKey']) {
      expect(body, internal).not.toHaveProperty(internal);
    }
  });

  it('has no cover url when no cover was given', async () => {
    const category = await freshCategory();
    const token = await writeToken();
    const a = await published(token, category, 'Không ảnh bìa');
    const { body } = await getJson<ArticleJson>(`/api/v1/articles/${a.slug}`);
    expect(body.cover).toBeNull();
  });

  it('404s with problem+json for a slug nobody has', async () => {
    await expectProblem(await call(`/api/v1/articles/${unique('khong-ton-tai')}`), 404);
  });
});

describe('conditional requests and caching', () => {
  it('sends a strong ETag and answers If-None-Match with 304, HEAD without a body', async () => {
    const category = await freshCategory();
    const token = await writeToken();
    const a = await published(token, category, 'Bài có ETag');
    for (const path of [`/api/v1/articles/${a.slug}`, `/api/v1/articles?category=${category}`, `/api/v1/categories/${category}`, '/api/v1/categories']) {
      const first = await call(path);
      const body = await first.text();
      expect(first.status, path).toBe(200);
      const etag = first.headers.get('ETag')!;
      expect(etag, path).toMatch(/^"[^"]+"$/);

      const again = await call(path);
      expect(again.headers.get('ETag'), `${path} is stable`).toBe(etag);
      expect(await again.text()).toBe(body);

      const notModified = await call(path, { headers: { 'If-None-Match': etag } });
      expect(notModified.status, path).toBe(304);
      expect(await notModified.text()).toBe('');
      expect(notModified.headers.get('ETag')).toBe(etag);

      const weak = await call(path, { headers: { 'If-None-Match': `"nope", W/${etag}` } });
      expect(weak.status, `${path} weak comparison`).toBe(304);

      const other = await call(path, { headers: { 'If-None-Match': '"something-else"' } });
      expect(other.status, path).toBe(200);

      const head = await call(path, { method: 'HEAD' });
      expect(head.status, path).toBe(200);
      expect(head.headers.get('ETag')).toBe(etag);
      expect(head.headers.get('Content-Type')).toMatch(/^application\/json/);
      expect(await head.text()).toBe('');
    }
  });

  it('changes the ETag when the article changes', async () => {
    const category = await freshCategory();
    const token = await writeToken();
    const { article, etag } = await postArticle(token, { title: 'Trước khi sửa', category, status: 'published' });
    const before = (await call(`/api/v1/articles/${article.slug}`)).headers.get('ETag')!;
    expect(before).toBe(etag);
    expect((await patchArticle(token, article.slug, etag, { summary: 'Đã sửa' })).status).toBe(200);
    const after = await call(`/api/v1/articles/${article.slug}`, { headers: { 'If-None-Match': before } });
    expect(after.status).toBe(200);
    expect(after.headers.get('ETag')).not.toBe(before);
  });

  it('lets edge caches keep public reads, but not what a token was sent for', async () => {
    const category = await freshCategory();
    const token = await writeToken();
    const a = await published(token, category, 'Bộ nhớ đệm');
    for (const path of [`/api/v1/articles/${a.slug}`, `/api/v1/articles?category=${category}`, '/api/v1/categories', `/api/v1/categories/${category}`]) {
      const res = await call(path);
      const cc = res.headers.get('Cache-Control') ?? '';
      expect(cc, path).toMatch(/\bpublic\b/);
      expect(cc, path).toMatch(/\b(s-)?max-age=\d+/);
      expect(cc, path).not.toMatch(/no-store|private/);
      expect(res.headers.get('Vary') ?? '', path).toMatch(/Authorization/i);
    }
    const withToken = await call(`/api/v1/articles/${a.slug}`, { headers: auth(token) });
    expect(withToken.status).toBe(200);
    expect(withToken.headers.get('Cache-Control')).toBe('private, no-store');
  });
});

describe('CORS', () => {
  const ORIGIN_HEADER = { Origin: 'https://bao-doi-tac.example' };

  it('opens GET and HEAD to any origin', async () => {
    const category = await freshCategory();
    const token = await writeToken();
    const a = await published(token, category, 'Mở cho mọi nguồn');
    for (const path of [`/api/v1/articles/${a.slug}`, `/api/v1/articles?category=${category}`, '/api/v1/categories', '/api/v1/openapi.json']) {
      for (const method of ['GET', 'HEAD']) {
        const res = await call(path, { method, headers: ORIGIN_HEADER });
        expect(res.status, `${method} ${path}`).toBe(200);
        expect(res.headers.get('Access-Control-Allow-Origin'), `${method} ${path}`).toBe('*');
      }
    }
    // A cached copy must still be readable cross-origin.
    const etag = (await call(`/api/v1/articles/${a.slug}`)).headers.get('ETag')!;
    const notModified = await call(`/api/v1/articles/${a.slug}`, { headers: { ...ORIGIN_HEADER, 'If-None-Match': etag } });
    expect(notModified.status).toBe(304);
    expect(notModified.headers.get('Access-Control-Allow-Origin')).toBe('*');
  });

  it('lets a cross-origin reader see why a GET failed (404 problem+json carries CORS too)', async () => {
    const res = await call(`/api/v1/articles/${unique('khong-co')}`, { headers: ORIGIN_HEADER });
    await expectProblem(res.clone(), 404);
    expect(res.headers.get('Access-Control-Allow-Origin')).toBe('*');
  });

  it('answers preflight for reads and refuses to allow write methods', async () => {
    const category = await freshCategory();
    const token = await writeToken();
    const a = await published(token, category, 'Tiền kiểm');
    const read = await call('/api/v1/articles', { method: 'OPTIONS', headers: { ...ORIGIN_HEADER, 'Access-Control-Request-Method': 'GET' } });
    expect(read.status).toBeLessThan(300);
    expect(read.headers.get('Access-Control-Allow-Origin')).toBe('*');
    expect(read.headers.get('Access-Control-Allow-Methods')).toMatch(/\bGET\b/);

    for (const [path, method] of [['/api/v1/articles', 'POST'], [`/api/v1/articles/${a.slug}`, 'PATCH'], [`/api/v1/articles/${a.slug}`, 'DELETE']] as const) {
      const pre = await call(path, {
        method: 'OPTIONS',
        headers: { ...ORIGIN_HEADER, 'Access-Control-Request-Method': method, 'Access-Control-Request-Headers': 'authorization, content-type' },
      });
      const allowed = (pre.headers.get('Access-Control-Allow-Methods') ?? '').split(/\s*,\s*/);
      expect(allowed, `${method} ${path}`).not.toContain(method);
      expect(allowed, `${method} ${path}`).not.toContain('*');
      expect(pre.headers.get('Access-Control-Allow-Headers') ?? '', `${method} ${path}`).not.toMatch(/authorization|\*/i);
    }
  });

  it('puts no CORS allow headers on POST, PATCH or DELETE responses', async () => {
    const category = await freshCategory();
    const token = await writeToken();
    const post = await call('/api/v1/articles', {
      method: 'POST',
      headers: { ...ORIGIN_HEADER, ...auth(token), 'Content-Type': 'application/json' },
      body: JSON.stringify({ title: 'Ghi từ nguồn khác', category, status: 'published' }),
    });
    expect(post.status).toBe(201);
    const { slug } = (await post.json()) as ArticleJson;
    const patch = await call(`/api/v1/articles/${slug}`, {
      method: 'PATCH',
      headers: { ...ORIGIN_HEADER, ...auth(token), 'Content-Type': 'application/json', 'If-Match': post.headers.get('ETag')! },
      body: JSON.stringify({ summary: 'sửa' }),
    });
    expect(patch.status).toBe(200);
    const del = await call(`/api/v1/articles/${slug}`, {
      method: 'DELETE',
      headers: { ...ORIGIN_HEADER, ...auth(token), 'If-Match': patch.headers.get('ETag')! },
    });
    expect(del.status).toBe(204);
    for (const [name, res] of [['POST', post], ['PATCH', patch], ['DELETE', del]] as const) {
      for (const header of ['Access-Control-Allow-Origin', 'Access-Control-Allow-Methods', 'Access-Control-Allow-Credentials']) {
        expect(res.headers.get(header), `${name} ${header}`).toBeNull();
      }
    }
  });
});

describe('categories', () => {
  it('lists categories in menu order with their published-article counts, and serves one', async () => {
    const category = await freshCategory('Nông nghiệp – Nông thôn');
    const token = await writeToken();
    for (let i = 0; i < 3; i++) await published(token, category, `Nông nghiệp ${i}`);
    await postArticle(token, { title: 'Bản nháp nông nghiệp', category });
    await postArticle(token, { title: 'Hẹn giờ nông nghiệp', category, status: 'scheduled', publishAt: isoIn(3600) });
    const gone = await postArticle(token, { title: 'Đã xóa nông nghiệp', category, status: 'published' });
    expect((await deleteArticle(token, gone.article.slug, gone.etag)).status).toBe(204);

    const { body: list } = await getJson<{ items: Record<string, unknown>[] }>('/api/v1/categories');
    const positions = list.items.map((c) => c.position as number);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    const mine = list.items.find((c) => c.slug === category);
    const expected = {
      slug: category,
      name: 'Nông nghiệp – Nông thôn',
      // Two-level categories (issue 12): a top-level one has no parent.
      parent: null,
      description: 'Mô tả Nông nghiệp – Nông thôn',
      position: expect.any(Number),
      articleCount: 3,
      url: `${ORIGIN}/chuyen-muc/${category}`,
      apiUrl: `${ORIGIN}/api/v1/categories/${category}`,
      articlesUrl: `${ORIGIN}/api/v1/articles?category=${category}`,
      feedUrl: `${ORIGIN}/chuyen-muc/${category}/feed.json`,
    };
    expect(mine).toEqual(expected);

    const { body: one } = await getJson(`/api/v1/categories/${category}`);
    expect(one).toEqual(expected);
    const { body: articles } = await getJson<ListPage>(pathOf(expected.articlesUrl));
    expect(articles.items).toHaveLength(3);
  });

  it('404s for an unknown category', async () => {
    await expectProblem(await call(`/api/v1/categories/${unique('khong-co')}`), 404);
  });
});

describe('former slugs', () => {
  it('redirects (301) from the old slug to the new API URL after a PATCH changes the slug', async () => {
    const category = await freshCategory();
    const token = await writeToken();
    const { article, etag } = await postArticle(token, { title: 'Tên cũ của bài', category, status: 'published' });
    const newSlug = unique('ten-moi');
    const res = await patchArticle(token, article.slug, etag, { slug: newSlug });
    expect(res.status, await res.clone().text()).toBe(200);

    const moved = await call(`/api/v1/articles/${article.slug}`);
    expect(moved.status).toBe(301);
    expect(moved.headers.get('Location')).toBe(`${ORIGIN}/api/v1/articles/${newSlug}`);
    const { body } = await getJson<ArticleJson>(pathOf(moved.headers.get('Location')!));
    expect(body.id).toBe(article.id);
    expect(body.slug).toBe(newSlug);
  });

  it('reveals nothing about a renamed draft to anonymous callers', async () => {
    const category = await freshCategory();
    const token = await writeToken();
    const { article, etag } = await postArticle(token, { title: 'Bản nháp đổi tên', category });
    const newSlug = unique('nhap-moi');
    expect((await patchArticle(token, article.slug, etag, { slug: newSlug })).status).toBe(200);

    const anonymous = await call(`/api/v1/articles/${article.slug}`);
    const text = await anonymous.text();
    expect(anonymous.status).toBe(404);
    expect(anonymous.headers.get('Location')).toBeNull();
    expect(text).not.toContain(newSlug);
    // A writer is told where it went.
    const withToken = await call(`/api/v1/articles/${article.slug}`, { headers: auth(token) });
    expect(withToken.status).toBe(301);
    expect(withToken.headers.get('Location')).toBe(`${ORIGIN}/api/v1/articles/${newSlug}`);
  });
});
