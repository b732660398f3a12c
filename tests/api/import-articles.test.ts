// POST /api/v1/import/articles (functions/import/articles.ts, items.ts) on a site of its own: items
// created through the write service with their source row and old paths' redirects, the source's dates
// kept, the policy for undated and empty items, one bad item failing alone, reruns unchanged (their
// redirects completed), dry runs writing nothing, an archived site refused, and /import/known.
import { env, exports } from 'cloudflare:workers';
import { and, count, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { articleRevisions, articles, importSources, redirects } from '../../schema/tables.ts';
import { database } from '../../functions/data/db.ts';
import { redirectByFrom } from '../../functions/data/redirects.ts';
import { archiveSite, createSite } from '../../functions/data/sites.ts';
import { createToken } from '../../functions/data/tokens.ts';
import { expectProblem } from '../support/api.ts';
import { putImage } from './media-images.ts';

const db = database(env.DB);
const U = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
const HOST = `bai-${U}.test`;
let siteId = 0;
let token = '';
let tokenId = 0;

type Outcome = { sourceKey: string; outcome: string; id?: number; slug?: string; url?: string; problem?: { status: number; title: string; detail: string } };

const post = (path: string, body: unknown, host = HOST, t = token) => exports.default.fetch(new Request(`http://${host}${path}`, {
  method: 'POST', body: typeof body === 'string' ? body : JSON.stringify(body), redirect: 'manual',
  headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${t}` },
}));
async function importArticles(items: unknown[], query = ''): Promise<Outcome[]> {
  const res = await post(`/api/v1/import/articles${query}`, { items });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`${res.status}: ${text}`);
  return (JSON.parse(text) as { items: Outcome[] }).items;
}
const get = (path: string, t?: string) => exports.default.fetch(new Request(`http://${HOST}${path}`, { redirect: 'manual', headers: t ? { Authorization: `Bearer ${t}` } : {} }));

let n = 0;
function item(extra: Record<string, unknown> = {}) {
  n += 1;
  return {
    sourceKey: `http://cu.example.vn/?p=${U}${n}`, oldPaths: [`http://cu.example.vn/tin-tuc/${U}-${n}.html`], title: `Hội nghị tổng kết số ${n} ${U}`,
    slug: null, body: `Nội dung **bài ${n}**.`, summary: 'Tóm tắt.', status: 'published', publishedAt: '2019-03-08 09:43:00+07:00'.replace(' ', 'T'),
    categorySlug: 'thong-bao', tags: ['Cải cách hành chính'], byline: 'Lê Nguyệt', cover: null, ...extra,
  };
}
const stored = async (id: number) => (await db.select().from(articles).where(eq(articles.id, id)))[0]!;
const countOf = async (table: typeof articles | typeof importSources | typeof redirects) => (await db.select({ n: count() }).from(table).where(eq(table.siteId, siteId)))[0]!.n;

beforeAll(async () => {
  siteId = (await createSite(db, { name: `Trang nhập bài ${U}`, hosts: [HOST] })).id;
  ({ token, id: tokenId } = await createToken(db, siteId, `nhap-${U}`, ['import']));
});

describe('created items', () => {
  it('keeps the source instant, category, tags, byline and cover; records the source and the token as the actor', async () => {
    const cover = await putImage(`sites/${siteId}/2019/03/anh-${U}.jpg`);
    const one = item({ cover: { key: `2019/03/anh-${U}.jpg`, alt: '', caption: 'Toàn cảnh' } });
    const [out] = await importArticles([one]);
    expect(cover).toBeTruthy();
    expect(out).toMatchObject({ sourceKey: one.sourceKey, outcome: 'created', slug: expect.stringMatching(/^hoi-nghi-tong-ket-so-/) });
    expect(out!.url).toBe(`http://${HOST}/bai-viet/${out!.slug}`);
    const row = await stored(out!.id!);
    expect(row.status).toBe('published');
    expect(row.publishedAt!.toISOString()).toBe('2019-03-08T02:43:00.000Z');
    expect(row.byline).toBe('Lê Nguyệt');
    expect(row.coverAlt).toBe(one.title); // no alt in the source: the title stands in
    const api = (await (await get(`/api/v1/articles/${out!.slug}`)).json()) as { category: { slug: string }; tags: { name: string }[]; publishedAt: string };
    expect(api.category.slug).toBe('thong-bao');
    expect(api.tags.map((t) => t.name)).toEqual(['Cải cách hành chính']);
    expect(api.publishedAt).toBe('2019-03-08T02:43:00.000Z');
    const [source] = await db.select().from(importSources).where(and(eq(importSources.siteId, siteId), eq(importSources.sourceKey, one.sourceKey)));
    expect(source).toMatchObject({ kind: 'article', targetId: out!.id });
    const [revision] = await db.select().from(articleRevisions).where(eq(articleRevisions.articleId, out!.id!));
    expect(revision).toMatchObject({ actor: `token:${tokenId}`, actorName: `nhap-${U}` });
  });

  it('writes a redirect (origin import) from each old path to the new article', async () => {
    const one = item({ oldPaths: [`http://cu.example.vn/tin-tuc/${U}-a.html?id=5#top`, `/tin-tức/${U}`] });
    const [out] = await importArticles([one]);
    expect(await redirectByFrom(db, siteId, `/tin-tuc/${U}-a.html?id=5`)).toMatchObject({ toPath: `/bai-viet/${out!.slug}`, origin: 'import' });
    expect(await redirectByFrom(db, siteId, `/tin-t%E1%BB%A9c/${U}`)).toMatchObject({ toPath: `/bai-viet/${out!.slug}` });
  });

  it('makes a source slug a CMS slug (WordPress keeps Vietnamese letters percent-encoded), and derives one from the title when nothing is usable', async () => {
    const [encoded, junk] = await importArticles([item({ slug: `t%e1%ba%bft-tr%e1%bb%93ng-c%c3%a2y-${U}` }), item({ slug: '%%%' })]);
    expect(encoded!.slug).toBe(`tet-trong-cay-${U}`);
    expect(junk!.slug).toMatch(/^hoi-nghi-tong-ket-so-/);
  });

  it('null categorySlug takes the site\'s first category', async () => {
    const [out] = await importArticles([item({ categorySlug: null })]);
    const api = (await (await get(`/api/v1/articles/${out!.slug}`)).json()) as { category: { slug: string } };
    expect(api.category.slug).toBe('tin-tuc-su-kien');
  });

  it('imports a published item without a date, or with an empty body, as a draft', async () => {
    const [undated, empty] = await importArticles([item({ publishedAt: null }), item({ body: '  ' })]);
    expect((await stored(undated!.id!)).status).toBe('draft');
    expect((await stored(empty!.id!)).status).toBe('draft');
  });

  it('is seen at once by cached lists (the generation moved for the request)', async () => {
    const listed = async () => ((await (await get('/api/v1/articles?limit=100')).json()) as { items: { id: number }[] }).items.map((a) => a.id);
    const before = await listed();
    const [out] = await importArticles([item({ publishedAt: new Date(Date.now() - 60_000).toISOString() })]);
    expect(before).not.toContain(out!.id);
    expect(await listed()).toContain(out!.id);
  });
});

describe('one bad item fails alone', () => {
  it('unknown category 422, slug taken 409, bad field 422, unreadable old path 422, past schedule 422; the others are created', async () => {
    const [first] = await importArticles([item()]);
    const outs = await importArticles([
      item({ categorySlug: 'khong-co' }),
      item({ slug: first!.slug }),
      item({ title: '' }),
      item({ oldPaths: ['ftp://cu.example.vn/x'] }),
      item({ status: 'scheduled', publishedAt: '2019-01-01T00:00:00Z' }),
      item({ extra: true }),
      'not an object',
      item(),
    ]);
    expect(outs.map((o) => [o.outcome, o.problem?.status])).toEqual([
      ['failed', 422], ['failed', 409], ['failed', 422], ['failed', 422], ['failed', 422], ['failed', 422], ['failed', 422], ['created', undefined],
    ]);
    expect(outs[0]!.problem!.detail).toContain('khong-co');
    expect(outs[5]!.problem!.detail).toContain('extra');
    expect(outs[6]!.sourceKey).toBe('');
  });

  it('leaves nothing of a failed item behind: no article, no source row, no redirect', async () => {
    const bad = item({ categorySlug: 'khong-co' });
    await importArticles([bad]);
    expect(await db.select().from(importSources).where(and(eq(importSources.siteId, siteId), eq(importSources.sourceKey, bad.sourceKey)))).toEqual([]);
    expect(await redirectByFrom(db, siteId, new URL(bad.oldPaths[0]!).pathname)).toBeNull();
  });
});

describe('reruns and dry runs', () => {
  it('a rerun answers unchanged with the same id, creates nothing, and completes the redirects', async () => {
    const one = item();
    const [first] = await importArticles([one]);
    const from = new URL(one.oldPaths[0]!).pathname;
    await db.delete(redirects).where(and(eq(redirects.siteId, siteId), eq(redirects.fromPath, from)));
    const articlesBefore = await countOf(articles);
    const [again] = await importArticles([{ ...one, title: 'Tiêu đề khác' }]);
    expect(again).toMatchObject({ outcome: 'unchanged', id: first!.id, slug: first!.slug, url: first!.url });
    expect(await countOf(articles)).toBe(articlesBefore);
    expect((await stored(first!.id!)).title).toBe(one.title);
    expect(await redirectByFrom(db, siteId, from)).toMatchObject({ toPath: `/bai-viet/${first!.slug}` });
  });

  it('the same source key twice in one request is created once', async () => {
    const one = item();
    const outs = await importArticles([one, one]);
    expect(outs.map((o) => o.outcome)).toEqual(['created', 'unchanged']);
  });

  it('a dry run answers would-create / unchanged / failed and writes nothing', async () => {
    const [done] = await importArticles([item()]);
    const known = (await db.select().from(importSources).where(eq(importSources.targetId, done!.id!)))[0]!;
    const before = await Promise.all([countOf(articles), countOf(importSources), countOf(redirects)]);
    const outs = await importArticles([item(), { ...item(), sourceKey: known.sourceKey }, item({ categorySlug: 'khong-co' })], '?dry-run=1');
    expect(outs.map((o) => o.outcome)).toEqual(['would-create', 'unchanged', 'failed']);
    expect(await Promise.all([countOf(articles), countOf(importSources), countOf(redirects)])).toEqual(before);
  });

  it('/import/known lists the imported keys with their URLs, and nothing for unknown ones', async () => {
    const one = item();
    const [out] = await importArticles([one]);
    const res = await post('/api/v1/import/known', { kind: 'article', keys: [one.sourceKey, 'http://cu.example.vn/?p=khong'] });
    expect(await res.json()).toEqual({ known: { [one.sourceKey]: { id: out!.id, url: out!.url } } });
    await expectProblem(await post('/api/v1/import/known', { kind: 'article', keys: Array.from({ length: 101 }, (_, i) => `k${i}`) }), 422);
  });
});

describe('refused requests', () => {
  it('bad JSON 400, not JSON 415, no items or more than 25 422', async () => {
    await expectProblem(await post('/api/v1/import/articles', '{"items": ['), 400);
    const text = await exports.default.fetch(new Request(`http://${HOST}/api/v1/import/articles`, { method: 'POST', body: 'x', headers: { Authorization: `Bearer ${token}` } }));
    await expectProblem(text, 415);
    await expectProblem(await post('/api/v1/import/articles', { items: [] }), 422);
    const many = await post('/api/v1/import/articles', { items: Array.from({ length: 26 }, () => item()) });
    expect((await expectProblem(many, 422)).detail).toContain('items');
  });

  it('an archived site refuses the whole request (409) and stores nothing', async () => {
    const host = `luu-${U}.test`;
    const archived = (await createSite(db, { name: `Lưu trữ ${U}`, hosts: [host] })).id;
    await archiveSite(db, archived);
    const t = (await createToken(db, archived, 'x', ['import'])).token;
    const res = await post('/api/v1/import/articles', { items: [item()] }, host, t);
    expect((await expectProblem(res, 409)).type).toMatch(/site-archived$/);
    expect((await db.select({ n: count() }).from(articles).where(eq(articles.siteId, archived)))[0]!.n).toBe(0);
  });
});
