// Drafts, articles in review, scheduled, archived, unpublished and deleted articles are invisible to
// anonymous readers on every read path: list, search, detail, feeds, sitemap and category counts.
import { xml2js } from 'xml-js';
import { describe, expect, it } from 'vitest';
import {
  auth, call, deleteArticle, expectProblem, freshCategory, getJson, pathOf, patchArticle, postArticle, unique,
  writeToken, type ArticleJson, type ListPage,
} from '../support/api.ts';

interface Fixture {
  category: string;
  token: string;
  /** A word only the hidden articles contain (title, hence slug, and body). */
  marker: string;
  tag: string;
  published: ArticleJson;
  hidden: Record<'draft' | 'review' | 'scheduled' | 'archived' | 'unpublished' | 'deleted' | 'renamedThenUnpublished', ArticleJson>;
  formerSlug: string;
}

const nowIso = () => new Date().toISOString();

/**
 * One published article, then hidden ones whose publish instants are at or after it, so that any
 * read path that forgot the status or the time check would list them first, next to it.
 */
async function leakFixture(): Promise<Fixture> {
  const category = await freshCategory('Chuyên mục kín');
  const token = await writeToken();
  const marker = unique('bimat').replaceAll('-', '');
  const tagName = `Thẻ chung ${unique('t')}`;
  const common = { category, tags: [tagName], body: `Nội dung có từ ${marker} ở giữa.`, summary: `Tóm tắt ${marker}` };
  const { article: published } = await postArticle(token, { title: 'Bài công khai duy nhất', category, tags: [tagName], status: 'published' });
  const titled = (what: string) => ({ ...common, title: `${what} ${marker}` });

  const draft = (await postArticle(token, { ...titled('Bản nháp'), status: 'draft', publishAt: nowIso() })).article;
  const review = (await postArticle(token, { ...titled('Chờ duyệt'), status: 'review', publishAt: nowIso() })).article;
  const scheduled = (await postArticle(token, { ...titled('Hẹn giờ'), status: 'scheduled', publishAt: new Date(Date.now() + 3_600_000).toISOString() })).article;

  const toArchive = await postArticle(token, { ...titled('Lưu trữ'), status: 'published' });
  const archived = (await (await patchArticle(token, toArchive.article.slug, toArchive.etag, { status: 'archived' })).json()) as ArticleJson;

  const toUnpublish = await postArticle(token, { ...titled('Gỡ xuống'), status: 'published' });
  const unpublished = (await (await patchArticle(token, toUnpublish.article.slug, toUnpublish.etag, { status: 'draft' })).json()) as ArticleJson;

  const toDelete = await postArticle(token, { ...titled('Đã xóa'), status: 'published' });
  expect((await deleteArticle(token, toDelete.article.slug, toDelete.etag)).status).toBe(204);

  const toRename = await postArticle(token, { ...titled('Đổi tên rồi gỡ'), status: 'published' });
  const renamed = await patchArticle(token, toRename.article.slug, toRename.etag, { slug: `doi-ten-${marker}` });
  const renamedThenUnpublished = (await (await patchArticle(token, `doi-ten-${marker}`, renamed.headers.get('ETag'), { status: 'draft' })).json()) as ArticleJson;

  for (const [name, a] of Object.entries({ draft, review, scheduled, archived, unpublished, renamedThenUnpublished })) {
    expect(a.status, name).toBe(name === 'review' ? 'review' : name === 'scheduled' ? 'scheduled' : name === 'archived' ? 'archived' : 'draft');
  }
  return {
    category, token, marker, tag: published.tags[0]!.slug, published,
    hidden: { draft, review, scheduled, archived, unpublished, deleted: toDelete.article, renamedThenUnpublished },
    formerSlug: toRename.article.slug,
  };
}

async function text(path: string, headers: Record<string, string> = {}): Promise<string> {
  const res = await call(path, { headers });
  const body = await res.text();
  expect(res.status, `${path}: ${body.slice(0, 300)}`).toBe(200);
  return body;
}

/** Walks /feed.json page by page (and /rss.xml with the same cursors) until `slug` has been seen. */
async function siteFeedsUntil(slug: string): Promise<{ json: string[]; rss: string[] }> {
  const json: string[] = [];
  const rss: string[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 100; page++) {
    const query: string = cursor ? `?cursor=${cursor}` : '';
    const feedText = await text(`/feed.json${query}`);
    json.push(feedText);
    rss.push(await text(`/rss.xml${query}`));
    const feed = JSON.parse(feedText) as { items: { url: string }[]; next_url?: string };
    if (feed.items.some((i) => i.url.endsWith(`/bai-viet/${slug}`))) return { json, rss };
    if (!feed.next_url) break;
    cursor = new URL(feed.next_url).searchParams.get('cursor');
  }
  throw new Error(`the published article ${slug} never appeared in /feed.json`);
}

describe('hidden articles stay hidden from anonymous readers', () => {
  it('in the article list, by category, by tag and site-wide', async () => {
    const f = await leakFixture();
    const { body: byCategory } = await getJson<ListPage>(`/api/v1/articles?category=${f.category}&limit=100`);
    expect(byCategory.items.map((a) => a.id)).toEqual([f.published.id]);
    const { body: byTag } = await getJson<ListPage>(`/api/v1/articles?tag=${f.tag}&limit=100`);
    expect(byTag.items.map((a) => a.id)).toEqual([f.published.id]);
    // Site-wide, the hidden ones would sort around the published one: read up to it.
    const pages: string[] = [];
    let path: string | null = '/api/v1/articles?limit=100';
    while (path) {
      const { body }: { body: ListPage } = await getJson<ListPage>(path);
      pages.push(JSON.stringify(body));
      if (body.items.some((a) => a.id === f.published.id)) break;
      path = body.nextUrl ? pathOf(body.nextUrl) : null;
    }
    expect(pages.join('')).toContain(f.published.slug);
    expect(pages.join('')).not.toContain(f.marker);
  });

  it('in search, with or without a category, even when a token is sent', async () => {
    const f = await leakFixture();
    for (const path of [`/api/v1/articles?q=${f.marker}`, `/api/v1/articles?category=${f.category}&q=${f.marker}`, `/api/v1/articles?q=${encodeURIComponent(`Nội dung ${f.marker}`)}`]) {
      const { body } = await getJson<ListPage>(path);
      expect(body.items, path).toEqual([]);
      const { body: withToken } = await getJson<ListPage>(path, auth(f.token));
      expect(withToken.items, `${path} with a token`).toEqual([]);
    }
  });

  it('in the detail: 404 problem+json for GET and HEAD, and no redirect from a former slug', async () => {
    const f = await leakFixture();
    for (const [name, a] of Object.entries(f.hidden)) {
      const res = await call(`/api/v1/articles/${a.slug}`);
      const problem = await expectProblem(res, 404);
      expect(JSON.stringify(problem), name).not.toContain(a.title);
      expect((await call(`/api/v1/articles/${a.slug}`, { method: 'HEAD' })).status, `HEAD ${name}`).toBe(404);
    }
    const moved = await call(`/api/v1/articles/${f.formerSlug}`);
    expect(moved.status).toBe(404);
    expect(moved.headers.get('Location')).toBeNull();
  });

  it('in /feed.json and /rss.xml', async () => {
    const f = await leakFixture();
    const { json, rss } = await siteFeedsUntil(f.published.slug);
    expect(json.join('')).not.toContain(f.marker);
    expect(rss.join('')).toContain(`/bai-viet/${f.published.slug}`);
    expect(rss.join('')).not.toContain(f.marker);
  });

  it('in /sitemap.xml', async () => {
    const f = await leakFixture();
    const sitemap = await text('/sitemap.xml');
    expect(sitemap).toContain(`/bai-viet/${f.published.slug}<`);
    expect(sitemap).not.toContain(f.marker);
    for (const a of Object.values(f.hidden)) expect(sitemap).not.toContain(`/bai-viet/${a.slug}<`);
    expect(sitemap).not.toContain(`/bai-viet/${f.formerSlug}<`);
  });

  it("in the category's own feeds", async () => {
    const f = await leakFixture();
    const feed = await text(`/chuyen-muc/${f.category}/feed.json`);
    expect((JSON.parse(feed) as { items: { url: string }[] }).items.map((i) => i.url)).toEqual([f.published.url]);
    expect(feed).not.toContain(f.marker);
    const rss = await text(`/chuyen-muc/${f.category}/rss.xml`);
    const doc = xml2js(rss, { compact: true }) as { rss: { channel: { item?: unknown } } };
    const items = doc.rss.channel.item === undefined ? [] : [doc.rss.channel.item].flat();
    expect(items).toHaveLength(1);
    expect(rss).not.toContain(f.marker);
  });

  it('in the category counts', async () => {
    const f = await leakFixture();
    const { body: list } = await getJson<{ items: { slug: string; articleCount: number }[] }>('/api/v1/categories');
    expect(list.items.find((c) => c.slug === f.category)?.articleCount).toBe(1);
    const { body: one } = await getJson<{ articleCount: number }>(`/api/v1/categories/${f.category}`);
    expect(one.articleCount).toBe(1);
  });
});

describe('a writer with a token', () => {
  it('reads every hidden article that still exists, but not a deleted one', async () => {
    const f = await leakFixture();
    for (const [name, a] of Object.entries(f.hidden)) {
      const res = await call(`/api/v1/articles/${a.slug}`, { headers: auth(f.token) });
      if (name === 'deleted') {
        await expectProblem(res, 404);
        continue;
      }
      expect(res.status, name).toBe(200);
      expect(res.headers.get('Cache-Control'), name).toBe('private, no-store');
      const body = (await res.json()) as ArticleJson;
      expect(body.id, name).toBe(a.id);
      expect(body.title, name).toContain(f.marker);
    }
  });
});
