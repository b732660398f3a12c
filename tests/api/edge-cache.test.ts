// The edge cache (Cache API keyed by the content generation): reads are served from it, and a write
// or a passing publication time makes every affected answer fresh on the next request.
import { env } from 'cloudflare:workers';
import { expect, it } from 'vitest';
import { runScheduled } from '../../functions/scheduled.ts';
import { bumpVersion, readVersion } from '../../functions/cache/generation.ts';
import { database } from '../../functions/data/db.ts';
import { edgeCached } from '../../functions/cache/edge-cache.ts';
import { listPublishedArticles } from '../../functions/data/articles-read.ts';
import { auth, call, freshCategory, getJson, postArticle, readAsWriter, patchArticle, writeToken, firstSite, unique } from '../support/api.ts';

/** The platform's first site, which the tests' ORIGIN (http://cms.test) serves. */
const SITE = await firstSite();

type List = { items: { slug: string; title: string }[] };
const titles = async (path: string, headers: Record<string, string> = {}) =>
  ((await getJson<List>(path, headers)).body.items ?? []).map((i) => i.title);

it('serves anonymous reads from the cache: a change made behind the API is not seen until the generation moves', async () => {
  const category = await freshCategory();
  const token = await writeToken();
  const { article } = await postArticle(token, { title: 'Tin gốc', category, status: 'published' });
  expect(await titles(`/api/v1/articles?category=${category}`)).toEqual(['Tin gốc']); // fills the cache
  // Change the row directly in D1, as no API client could: the cached answer stays.
  await env.DB.prepare('UPDATE articles SET title = ? WHERE id = ?').bind('Sửa ngầm', article.id).run();
  expect(await titles(`/api/v1/articles?category=${category}`)).toEqual(['Tin gốc']);
  // A request with credentials bypasses the shared cache and sees the truth.
  expect(await titles(`/api/v1/articles?category=${category}`, auth(token))).toEqual(['Sửa ngầm']);
  // Any write through the API moves the generation: the next anonymous read is fresh.
  await postArticle(token, { title: 'Tin khác', category: await freshCategory(), status: 'draft' });
  expect(await titles(`/api/v1/articles?category=${category}`)).toEqual(['Sửa ngầm']);
});

it('publishing and unpublishing show on the next request in lists, feeds and sitemap', async () => {
  const category = await freshCategory();
  const token = await writeToken();
  const paths = [`/api/v1/articles?category=${category}`, `/chuyen-muc/${category}/feed.json`, '/sitemap.xml', '/feed.json'];
  for (const p of paths) await (await call(p)).arrayBuffer(); // warm every cache entry
  const { article } = await postArticle(token, { title: 'Vừa đăng lúc này', category, status: 'published' });
  for (const p of paths) expect(await (await call(p)).text(), p).toContain(article.slug);
  const { etag } = await readAsWriter(token, article.slug);
  expect((await patchArticle(token, article.slug, etag, { status: 'draft' })).status).toBe(200);
  for (const p of paths) expect(await (await call(p)).text(), p).not.toContain(article.slug);
  expect((await call(`/api/v1/articles/${article.slug}`)).status).toBe(404);
});

it('a cached list never outlives the next publication time, though nothing is written when it comes', async () => {
  const category = await freshCategory();
  const token = await writeToken();
  await postArticle(token, { title: 'Đã đăng', category, status: 'published' });
  const publishAt = Date.now() + 60_000;
  await postArticle(token, { title: 'Hẹn giờ', category, status: 'scheduled', publishAt: new Date(publishAt).toISOString() });
  const request = () => new Request(`http://cms.test/api/v1/articles?category=${category}`);
  let computed = 0;
  const compute = async () => {
    computed += 1;
    return new Response(`answer ${computed}`, { headers: { 'Cache-Control': 'public, max-age=60' } });
  };
  // Time is the test's: the entry stored 10 s before the publication is served until its last second...
  expect(await (await edgeCached(request(), env, compute, publishAt - 10_000)).text()).toBe('answer 1');
  expect(await (await edgeCached(request(), env, compute, publishAt - 1)).text()).toBe('answer 1');
  // ...and not at it, from the memory tier or the Cache API: the list is computed again, with the article.
  expect(await (await edgeCached(request(), env, compute, publishAt)).text()).toBe('answer 2');
  // What the readers' query returns at that instant includes the article (it compares the time itself).
  const categoryId = await env.DB.prepare('SELECT id FROM categories WHERE slug = ?').bind(category).first<number>('id');
  const items = await listPublishedArticles(database(env.DB), SITE.id, { categoryId: categoryId!, limit: 10, now: new Date(publishAt) });
  expect(items.items.map((i) => i.title)).toEqual(['Hẹn giờ', 'Đã đăng']);
});

it('the cron run moves the generation once a scheduled time has passed, and not before (idempotent)', async () => {
  const token = await writeToken();
  // Sooner than the previous test's scheduled article, so it is the next publication of all.
  const publishAt = Date.now() + 30_000;
  await postArticle(token, { title: 'Hẹn giờ cho cron', category: await freshCategory(), status: 'scheduled', publishAt: new Date(publishAt).toISOString() });
  // The body of the Worker's scheduled() handler, driven with the run's time.
  const run = async (at: number) => {
    await runScheduled(env, new Date(at));
    return readVersion(env, SITE.id);
  };
  const before = await readVersion(env, SITE.id);
  expect(before.nextScheduledAt).toBe(publishAt);
  expect((await run(publishAt - 1)).generation).toBe(before.generation); // nothing due yet
  const after = await run(publishAt + 1);
  expect(after.generation).toBe(before.generation + 1);
  expect(after.nextScheduledAt === null || after.nextScheduledAt > publishAt).toBe(true);
  expect((await run(publishAt + 2)).generation).toBe(after.generation); // a repeated run changes nothing
});

it('a cached answer still honours If-None-Match and HEAD', async () => {
  const path = `/api/v1/categories`;
  const first = await call(path);
  const etag = first.headers.get('ETag')!;
  await first.arrayBuffer();
  const cached = await call(path);
  expect(cached.headers.get('Cache-Control')).toBe('public, max-age=60, must-revalidate');
  expect(cached.headers.get('ETag')).toBe(etag);
  await cached.arrayBuffer();
  expect((await call(path, { headers: { 'If-None-Match': etag } })).status).toBe(304);
  const head = await call(path, { method: 'HEAD' });
  expect(head.status).toBe(200);
  expect(await head.text()).toBe('');
});

it('a write moves every replica of the generation on, and each client sticks to one replica', async () => {
  const four = new Proxy(env, { get: (t, k) => (k === 'CACHE_VERSION_REPLICAS' ? '4' : Reflect.get(t, k)) });
  const clients = Array.from({ length: 40 }, (_, i) => `203.0.113.${i}`);
  const before = await Promise.all(clients.map((c) => readVersion(four, SITE.id, c)));
  expect(new Set(before.map((v) => v.replica)).size).toBe(4); // the clients spread over all replicas
  expect((await readVersion(four, SITE.id, clients[0])).replica).toBe(before[0]!.replica); // and stay put
  await bumpVersion(four, database(env.DB), new Date(), SITE.id);
  const after = await Promise.all(clients.map((c) => readVersion(four, SITE.id, c)));
  after.forEach((v, i) => expect(v.generation).toBeGreaterThan(before[i]!.generation));
});

it('stores a public 301 like a 200, never a private one, one with Set-Cookie, another redirect status, or one asked with credentials', async () => {
  const url = () => `http://cms.test/${unique('cu')}.html`;
  /** Computes `answer` each time it is asked; returns how many times two identical requests computed it. */
  async function computedTwice(answer: () => Response, init: RequestInit = {}): Promise<number> {
    const asked = url();
    let computed = 0;
    const compute = async () => {
      computed += 1;
      return answer();
    };
    for (let i = 0; i < 2; i++) {
      const res = await edgeCached(new Request(asked, init), env, compute);
      expect(res.headers.get('Location')).toBe('http://cms.test/bai-viet/moi');
    }
    return computed;
  }
  const moved = (status: number, headers: Record<string, string>) => () =>
    new Response(null, { status, headers: { Location: 'http://cms.test/bai-viet/moi', ...headers } });

  expect(await computedTwice(moved(301, { 'Cache-Control': 'public, max-age=300' }))).toBe(1);
  expect(await computedTwice(moved(301, { 'Cache-Control': 'private, max-age=300' }))).toBe(2);
  expect(await computedTwice(moved(301, { 'Cache-Control': 'no-store' }))).toBe(2);
  expect(await computedTwice(moved(301, {}))).toBe(2);
  expect(await computedTwice(moved(301, { 'Cache-Control': 'public, max-age=300', 'Set-Cookie': 'bt_flash=1; Path=/' }))).toBe(2);
  expect(await computedTwice(moved(302, { 'Cache-Control': 'public, max-age=300' }))).toBe(2);
  expect(await computedTwice(moved(308, { 'Cache-Control': 'public, max-age=300' }))).toBe(2);
  // The request decides too: an editor's session or a token never shares an entry, a 301 included.
  expect(await computedTwice(moved(301, { 'Cache-Control': 'public, max-age=300' }), { headers: { Cookie: 'bt_session=abc' } })).toBe(2);
  expect(await computedTwice(moved(301, { 'Cache-Control': 'public, max-age=300' }), { headers: { Authorization: 'Bearer x' } })).toBe(2);
});
