// Content per site (issue 10, part 3) through the real Worker and real local D1, R2 and Durable Objects:
// the first site B (http://cms.test) and a commune A (http://xa-a.test) under a province P
// (http://tinh.test), each with tokens of its own. The same slug lives on both; B's API, search,
// categories, feeds, sitemap and robots show nothing of A (nor A of B); a token of one site is unknown
// on the other, for drafts and writes; a write on A leaves B's cached answers (and P's pages other than
// its roll-up) served from the cache, while A's own are fresh and P's roll-up paths get a new key;
// the cron publishes per site; media, previews and the admin's lists stay on their site; an archived
// site refuses every write with 409 site-archived.
import { runDurableObjectAlarm, runInDurableObject } from 'cloudflare:test';
import { env, exports } from 'cloudflare:workers';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { catchUpObject } from '../../functions/articles/generation-move.ts';
import type { ContentVersion } from '../../functions/cache/content-version.ts';
import { replica } from '../../functions/cache/generation.ts';
import { createUser, readUser } from '../../functions/data/users.ts';
import { ORPHAN_GRACE_MS, sweepOrphanMedia } from '../../functions/media/sweep.ts';
import { SITE_ARCHIVED } from '../../site/admin/article-errors.ts';
import { submitArticle } from '../../site/admin/article-editor.ts';
import { readPreviewToken, previewToken } from '../../functions/auth/preview-token.ts';
import { SiteArchived } from '../../functions/articles/errors.ts';
import { createArticle } from '../../functions/articles/service.ts';
import { edgeCached } from '../../functions/cache/edge-cache.ts';
import { readVersion } from '../../functions/cache/generation.ts';
import { listEditorArticles } from '../../functions/data/admin-articles.ts';
import { categoryIdOf } from '../../functions/data/categories.ts';
import { database } from '../../functions/data/db.ts';
import { mediaObjectKey } from '../../functions/media/object-key.ts';
import { storeImage } from '../../functions/media/upload.ts';
import { runScheduled } from '../../functions/scheduled.ts';
import { currentRegistry } from '../../functions/sites/registry.ts';
import { loadPreview } from '../../site/admin/preview-page.ts';
import { createCategory } from '../../functions/data/categories.ts';
import { expectProblem, readToken, writeToken } from '../support/api.ts';
import { bytesOf, putImage } from './media-images.ts';

const db = database(env.DB);
const B = { id: 1, origin: 'http://cms.test' };
const A = { id: 2, origin: 'http://xa-a.test' };
const P = { id: 3, origin: 'http://tinh.test' };
type SiteRef = typeof A;

/** Letters and digits only: survives slugs and search folding unchanged. */
const U = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
/** A category slug both sites have: each its own category. */
const CATEGORY = `chung-${U}`;
/** A word in every article of both sites: a search on one must find only its own. */
const COMMON = `chungtu${U}`;
const SHARED_SLUG = `trung-${U}`;

/** One request through the Worker on a site's host; redirects are returned, not followed. */
function at(site: SiteRef, path: string, init: RequestInit = {}): Promise<Response> {
  return exports.default.fetch(new Request(site.origin + path, { redirect: 'manual', ...init }));
}
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
const json = (method: string, token: string | null, body: unknown, headers: Record<string, string> = {}): RequestInit => ({
  method, headers: { 'Content-Type': 'application/json', ...(token ? bearer(token) : {}), ...headers }, body: JSON.stringify(body),
});

interface Fixture {
  token: string;
  readToken: string;
  marker: string;
  draftMarker: string;
  ownCategory: string;
  ownTag: string;
  published: { id: number; slug: string; etag: string };
  draft: { id: number; slug: string; etag: string };
  shared: { id: number; slug: string };
}

async function post(site: SiteRef, token: string, body: Record<string, unknown>) {
  const res = await at(site, '/api/v1/articles', json('POST', token, { category: CATEGORY, ...body }));
  const text = await res.text();
  if (res.status !== 201) throw new Error(`POST on ${site.origin} -> ${res.status}: ${text.slice(0, 300)}`);
  const article = JSON.parse(text) as { id: number; slug: string; tags: { slug: string }[]; url: string };
  return { ...article, etag: res.headers.get('ETag')! };
}

async function content(site: SiteRef, key: string): Promise<Fixture> {
  const token = await writeToken(site.id);
  const marker = `mk${key}${U}`;
  const draftMarker = `nhap${key}${U}`;
  const ownCategory = `rieng-${key}-${U}`;
  await createCategory(db, site.id, { slug: CATEGORY, name: `Chung ${key}`, description: '', position: 0 });
  await createCategory(db, site.id, { slug: ownCategory, name: `Riêng ${marker}`, description: '', position: 1 });
  const body = `Nội dung ${marker}, từ khóa ${COMMON}.`;
  const published = await post(site, token, { title: `${marker} công khai`, body, status: 'published', tags: [`Thẻ ${marker}`] });
  await post(site, token, { title: `${marker} chuyên mục riêng`, body, status: 'published', category: ownCategory });
  const draft = await post(site, token, { title: `${marker} ${draftMarker}`, body: `${body} ${draftMarker}`, status: 'draft', tags: [`Thẻ ${marker}`] });
  const shared = await post(site, token, { title: `${marker} trùng`, slug: SHARED_SLUG, body, status: 'published' });
  return { token, readToken: await readToken(site.id), marker, draftMarker, ownCategory, ownTag: published.tags[0]!.slug, published, draft, shared };
}

let a: Fixture;
let b: Fixture;

beforeAll(async () => {
  await env.DB.batch([
    env.DB.prepare("INSERT INTO sites (id, name) VALUES (3, 'Tỉnh thử')"),
    env.DB.prepare("INSERT INTO sites (id, name, parent_id) VALUES (2, 'Xã A', 3)"),
    env.DB.prepare("INSERT INTO site_hosts (host, site_id, position) VALUES ('xa-a.test', 2, 0), ('tinh.test', 3, 0)"),
  ]);
  b = await content(B, 'b');
  a = await content(A, 'a');
});

/** The answer's body and headers as one text, so links and names in headers count too. */
async function textOf(res: Response): Promise<string> {
  return `${await res.text()}\n${[...res.headers].map(([k, v]) => `${k}: ${v}`).join('\n')}`;
}

describe('slugs, categories and tags are per site', () => {
  it('the same slug is one article on each site, each host serving its own', async () => {
    expect(a.shared.slug).toBe(SHARED_SLUG);
    expect(b.shared.slug).toBe(SHARED_SLUG);
    expect(a.shared.id).not.toBe(b.shared.id);
    const onA = (await (await at(A, `/api/v1/articles/${SHARED_SLUG}`)).json()) as { id: number; url: string; title: string };
    const onB = (await (await at(B, `/api/v1/articles/${SHARED_SLUG}`)).json()) as { id: number; url: string; title: string };
    expect([onA.id, onA.url]).toEqual([a.shared.id, `${A.origin}/bai-viet/${SHARED_SLUG}`]);
    expect([onB.id, onB.url]).toEqual([b.shared.id, `${B.origin}/bai-viet/${SHARED_SLUG}`]);
    // A title both sites use gets the plain slug on each (the numbered one only within a site).
    const title = `Tiêu đề chung ${U}`;
    const [first, second] = [await post(A, a.token, { title }), await post(B, b.token, { title })];
    expect(first.slug).toBe(second.slug);
    expect((await post(A, a.token, { title })).slug).toBe(`${first.slug}-2`);
  });

  it('a former slug redirects on its own site only', async () => {
    const made = await post(A, a.token, { title: `Đổi đường dẫn ${U}`, status: 'published' });
    const res = await at(A, `/api/v1/articles/${made.slug}`, json('PATCH', a.token, { slug: `moi-${U}` }, { 'If-Match': made.etag }));
    expect(res.status).toBe(200);
    expect((await at(A, `/api/v1/articles/${made.slug}`)).headers.get('Location')).toBe(`${A.origin}/api/v1/articles/moi-${U}`);
    expect((await at(B, `/api/v1/articles/${made.slug}`)).status).toBe(404);
    // B may take the slug A left behind (A's redirect is A's).
    expect((await post(B, b.token, { title: 'Lấy lại', slug: made.slug })).slug).toBe(made.slug);
  });

  it('each site has its own categories and tags, even under the same slug', async () => {
    const listOf = async (site: SiteRef) => ((await (await at(site, '/api/v1/categories')).json()) as { items: { slug: string; name: string }[] }).items;
    const [onA, onB] = [await listOf(A), await listOf(B)];
    expect(onA.find((c) => c.slug === CATEGORY)?.name).toBe('Chung a');
    expect(onB.find((c) => c.slug === CATEGORY)?.name).toBe('Chung b');
    expect(onA.map((c) => c.slug)).toContain(a.ownCategory);
    expect(onB.map((c) => c.slug)).not.toContain(a.ownCategory);
    await expectProblem(await at(B, `/api/v1/categories/${a.ownCategory}`), 404);
    await expectProblem(await at(B, `/api/v1/articles?category=${a.ownCategory}`), 404);
    // Writing into another site's category: by slug it is unknown here (422), by id the batch refuses it.
    const refused = await expectProblem(await at(B, '/api/v1/articles', json('POST', b.token, { title: 'Sai chuyên mục', category: a.ownCategory })), 422);
    expect(refused.errors?.map((e) => e.field)).toEqual(['category']);
    const foreignId = (await categoryIdOf(db, A.id, a.ownCategory))!;
    await expect(createArticle(env, { id: B.id, status: 'active' }, {
      title: `Chuyên mục của trang khác ${U}`, summary: '', body: 'x', categoryId: foreignId, tags: [], byline: '', cover: null, status: 'draft',
    }, { id: 'user:1', name: 'Thử' }, new Date())).rejects.toMatchObject({ code: 'invalid-fields', errors: [{ field: 'category' }] });
    expect((await env.DB.prepare('SELECT count(*) AS n FROM articles WHERE title = ?').bind(`Chuyên mục của trang khác ${U}`).first<{ n: number }>())!.n).toBe(0);
    // The same tag name on both sites is two tags, one each.
    await post(B, b.token, { title: `Gắn thẻ chung ở B ${U}`, status: 'published', tags: [`Dùng chung ${U}`] });
    await post(A, a.token, { title: `Gắn thẻ chung ở A ${U}`, status: 'published', tags: [`Dùng chung ${U}`] });
    const tags = await env.DB.prepare('SELECT site_id FROM tags WHERE slug = ? ORDER BY site_id').bind(`dung-chung-${U}`).all<{ site_id: number }>();
    expect(tags.results.map((t) => t.site_id)).toEqual([B.id, A.id]);
  });
});

describe('what readers of one site see', () => {
  const surfaces = (f: Fixture) => [
    '/api/v1/articles?limit=100', `/api/v1/articles?q=${COMMON}&limit=100`, '/api/v1/categories', `/api/v1/articles/${SHARED_SLUG}`,
    '/feed.json', '/rss.xml', `/chuyen-muc/${CATEGORY}/feed.json`, `/chuyen-muc/${CATEGORY}/rss.xml`, '/sitemap.xml', '/robots.txt',
    '/api/v1/openapi.json', `/api/v1/articles/${f.published.slug}`,
  ];

  it('never shows the other site\'s content, host or drafts on any API, search, feed, sitemap or robots answer', async () => {
    for (const [viewer, own, other, otherSite] of [[B, b, a, A], [A, a, b, B]] as const) {
      for (const path of surfaces(own)) {
        const res = await at(viewer, path);
        expect(res.status, `${viewer.origin}${path}`).toBe(200);
        const text = (await textOf(res)).toLowerCase();
        expect(text, `${viewer.origin}${path}`).not.toContain(other.marker);
        expect(text, `${viewer.origin}${path}`).not.toContain(other.draftMarker);
        expect(text, `${viewer.origin}${path}`).not.toContain(own.draftMarker);
        expect(text, `${viewer.origin}${path}`).not.toContain(new URL(otherSite.origin).host);
      }
      // Its own content is there (the checks above read real answers).
      const search = (await (await at(viewer, `/api/v1/articles?q=${COMMON}&limit=100`)).json()) as { items: { title: string }[] };
      expect(search.items.length).toBeGreaterThanOrEqual(3);
      expect(search.items.every((i) => i.title.includes(own.marker))).toBe(true);
      // The other site's articles, tags and categories do not exist here.
      for (const path of [`/api/v1/articles/${other.published.slug}`, `/the/${other.ownTag}/feed.json`, `/chuyen-muc/${other.ownCategory}/rss.xml`]) {
        await expectProblem(await at(viewer, path), 404);
      }
      expect(((await (await at(viewer, '/api/v1/openapi.json')).json()) as { servers: { url: string }[] }).servers).toEqual([{ url: viewer.origin }]);
      expect(await (await at(viewer, '/robots.txt')).text()).toContain(`Sitemap: ${viewer.origin}/sitemap.xml`);
    }
  });

  it('names each feed after its own site', async () => {
    const feedOf = async (site: SiteRef) => (await (await at(site, '/feed.json')).json()) as { title: string; authors: { name: string }[] };
    expect((await feedOf(A)).title).toBe('Xã A');
    expect((await feedOf(B)).title).toBe(env.SITE_NAME); // the first site, upgraded: SITE_NAME
    expect(await (await at(A, '/rss.xml')).text()).toContain('<title>Xã A</title>');
  });
});

describe('tokens belong to one site', () => {
  it('a token of one site is unknown on the other: its drafts and every write are refused with 401, as an unknown token is', async () => {
    const unknown = await expectProblem(await at(B, `/api/v1/articles/${b.draft.slug}`, { headers: bearer('bt_' + 'x'.repeat(43)) }), 401);
    for (const [host, victim, foreign] of [[B, b, a], [A, a, b]] as const) {
      // The owner's token reads its draft.
      expect((await at(host, `/api/v1/articles/${victim.draft.slug}`, { headers: bearer(victim.token) })).status).toBe(200);
      for (const token of [foreign.token, foreign.readToken]) {
        const refusals = [
          await at(host, `/api/v1/articles/${victim.draft.slug}`, { headers: bearer(token) }),
          await at(host, '/api/v1/articles', json('POST', token, { title: 'Viết hộ trang khác', category: CATEGORY })),
          await at(host, `/api/v1/articles/${victim.draft.slug}`, json('PATCH', token, { title: 'Sửa hộ' }, { 'If-Match': victim.draft.etag })),
          await at(host, `/api/v1/articles/${victim.published.slug}`, { method: 'DELETE', headers: { ...bearer(token), 'If-Match': victim.published.etag } }),
        ];
        for (const res of refusals) {
          const problem = await expectProblem(res, 401);
          expect([problem.type, problem.detail]).toEqual([unknown.type, unknown.detail]);
          expect(res.headers.get('WWW-Authenticate')).toBe('Bearer realm="bientap-cms"');
        }
      }
      // Nothing was written.
      const row = await env.DB.prepare('SELECT title, version, deleted_at FROM articles WHERE id = ?').bind(victim.draft.id).first<{ title: string; version: number }>();
      expect(row).toMatchObject({ title: `${victim.marker} ${victim.draftMarker}`, version: 1 });
      expect((await at(host, `/api/v1/articles/${victim.published.slug}`)).status).toBe(200);
    }
    expect((await env.DB.prepare("SELECT count(*) AS n FROM articles WHERE title = 'Viết hộ trang khác'").first<{ n: number }>())!.n).toBe(0);
  });
});

describe('the edge cache of each site', () => {
  /** The list's titles; a cached answer keeps the titles it was stored with. */
  const titles = async (site: SiteRef, path: string) => ((await (await at(site, path)).json()) as { items: { title: string }[] }).items.map((i) => i.title);

  it('a write on A leaves B\'s cached answers served from the cache, and A\'s are fresh at once', async () => {
    const listPath = `/api/v1/articles?category=${CATEGORY}&limit=100`;
    const bTitle = `${b.marker} công khai`;
    expect(await titles(B, listPath)).toContain(bTitle); // B's list, feed and article now cached
    const feedBefore = await (await at(B, '/feed.json')).text();
    const itemBefore = await (await at(B, `/api/v1/articles/${b.published.slug}`)).text();
    // Behind the cache: B's row changes in D1 without any write through the service (no generation move).
    const behind = `Đổi ngầm ${U}`;
    await env.DB.prepare('UPDATE articles SET title = ? WHERE id = ?').bind(behind, b.published.id).run();
    const before = await readVersion(env, B.id);

    const written = await post(A, a.token, { title: `Tin mới của A ${U}`, status: 'published' });
    expect((await readVersion(env, B.id)).generation).toBe(before.generation);
    // B: still the answers stored before A's write (a recompute would show the changed title).
    expect(await titles(B, listPath)).toContain(bTitle);
    expect(await titles(B, listPath)).not.toContain(behind);
    expect(await (await at(B, '/feed.json')).text()).toBe(feedBefore);
    expect(await (await at(B, `/api/v1/articles/${b.published.slug}`)).text()).toBe(itemBefore);
    // A: its write shows on its next read.
    expect(await titles(A, listPath)).toContain(`Tin mới của A ${U}`);
    expect(await (await at(A, '/feed.json')).text()).toContain(written.url);
    // A write on B itself refreshes B (the stored answers were only B's own, kept as asked).
    await post(B, b.token, { title: `Tin mới của B ${U}`, status: 'published' });
    expect(await titles(B, listPath)).toContain(behind);
  });

  it('a commune\'s write gives its province\'s roll-up paths a new key and leaves the province\'s other pages cached', async () => {
    await currentRegistry(env); // edgeCached below resolves the site as the Worker entry would have
    let computed = 0;
    const compute = async () => {
      computed += 1;
      return new Response(`answer ${computed}`, { headers: { 'Cache-Control': 'public, max-age=60', 'Content-Type': 'text/html; charset=utf-8' } });
    };
    const get = async (url: string, now?: number) => (await edgeCached(new Request(url), env, compute, now)).text();
    const rollup = [`${P.origin}/`, `${P.origin}/tin-tu-co-so`, `${P.origin}/tin-tu-co-so/feed.json`];
    const others = [`${P.origin}/chuyen-muc/${CATEGORY}`, `${B.origin}/`, `${B.origin}/chuyen-muc/${CATEGORY}`];
    const first = new Map<string, string>();
    for (const url of [...rollup, ...others]) first.set(url, await get(url));
    for (const url of [...rollup, ...others]) expect(await get(url), `${url} cached`).toBe(first.get(url));
    const computedBefore = computed;

    await post(A, a.token, { title: `Tin xã cho tỉnh ${U}`, status: 'published' });
    for (const url of others) expect(await get(url), `${url} still cached`).toBe(first.get(url));
    expect(computed).toBe(computedBefore);
    for (const url of rollup) expect(await get(url), `${url} recomputed`).not.toBe(first.get(url));
    expect(computed).toBe(computedBefore + rollup.length);
  });

  it('a commune\'s scheduled article: the roll-up entries expire at its time, the province\'s other pages do not', async () => {
    await currentRegistry(env);
    const publishAt = Date.now() + 3_600_000;
    await post(A, a.token, { title: `Hẹn giờ ở xã ${U}`, status: 'scheduled', publishAt: new Date(publishAt).toISOString() });
    const province = await readVersion(env, P.id);
    expect(province.rollupNextScheduledAt).toBe(publishAt);
    expect((await readVersion(env, B.id)).nextScheduledAt).not.toBe(publishAt);
    let computed = 0;
    const compute = async () => new Response(`answer ${++computed}`, { headers: { 'Cache-Control': 'public, max-age=60' } });
    const get = async (path: string, now: number) => (await edgeCached(new Request(P.origin + path), env, compute, now)).text();
    const rollupFirst = await get('/tin-tu-co-so', publishAt - 10_000);
    const pageFirst = await get(`/chuyen-muc/${CATEGORY}`, publishAt - 10_000);
    expect(await get('/tin-tu-co-so', publishAt - 1)).toBe(rollupFirst);
    expect(await get('/tin-tu-co-so', publishAt)).not.toBe(rollupFirst); // expired at the commune's publication
    expect(await get(`/chuyen-muc/${CATEGORY}`, publishAt)).toBe(pageFirst);

    // The cron at that time publishes A (its generation and the province's roll-up move), not B.
    const [aBefore, bBefore, pBefore] = [await readVersion(env, A.id), await readVersion(env, B.id), await readVersion(env, P.id)];
    const run = await runScheduled(env, new Date(publishAt + 1));
    expect(run.published).toContain(A.id);
    expect(run.published).not.toContain(B.id);
    expect((await readVersion(env, A.id)).generation).toBe(aBefore.generation + 1);
    expect((await readVersion(env, P.id)).rollup).toBe(pBefore.rollup + 1);
    expect((await readVersion(env, P.id)).generation).toBe(pBefore.generation);
    expect((await readVersion(env, B.id)).generation).toBe(bBefore.generation);
  });
});

describe('a roll-up move that fails after the commit', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });
  const provinceReplica = () => replica(env, P.id, 0);
  const rollupOf = () => runInDurableObject(provinceReplica(), (_: ContentVersion, state) =>
    state.storage.sql.exec<{ rollup: number; rollup_seq: number }>('SELECT rollup, rollup_seq FROM version').one());

  it('still answers 201, and the retry alarm moves the province\'s roll-up once its replica works again', async () => {
    await readVersion(env, P.id); // the replica exists
    const before = await rollupOf();
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    await runInDurableObject(provinceReplica(), (_: ContentVersion, state) =>
      state.storage.sql.exec(`CREATE TRIGGER refuse_moves BEFORE UPDATE ON version BEGIN SELECT RAISE(ABORT, 'replica out of order'); END`));
    try {
      expect((await post(A, a.token, { title: `Lưu dù tỉnh hỏng ${U}`, status: 'published' })).id).toBeGreaterThan(0);
      expect(await rollupOf()).toEqual(before);
      expect(logged.mock.calls.some((c) => String(c[0]).includes(`of site ${P.id} not moved on replicas 0`))).toBe(true);
      expect(await runDurableObjectAlarm(catchUpObject(env))).toBe(true); // still broken: stays behind
      expect(await rollupOf()).toEqual(before);
    } finally {
      await runInDurableObject(provinceReplica(), (_: ContentVersion, state) => state.storage.sql.exec('DROP TRIGGER refuse_moves'));
    }
    expect(await runDurableObjectAlarm(catchUpObject(env))).toBe(true);
    const after = await rollupOf();
    expect(after.rollup).toBe(before.rollup + 1);
    const record = await env.DB.prepare('SELECT rollup_seq FROM content_changes WHERE id = ?').bind(P.id).first<{ rollup_seq: number }>();
    expect(after.rollup_seq).toBe(record!.rollup_seq);
    // Caught up means caught up: the cron moves nothing more.
    await runScheduled(env, new Date());
    expect(await rollupOf()).toEqual(after);
  });

  it('a replica whose roll-up is ahead of a database that went back is rebased by the catch-up', async () => {
    await runInDurableObject(provinceReplica(), (_: ContentVersion, state) => state.storage.sql.exec('UPDATE version SET rollup_seq = rollup_seq + 1000'));
    const ahead = await rollupOf();
    const warned = vi.spyOn(console, 'warn').mockImplementation(() => {});
    await runScheduled(env, new Date());
    const rebased = await rollupOf();
    expect(rebased.rollup).toBe(ahead.rollup + 1);
    const record = await env.DB.prepare('SELECT rollup_seq FROM content_changes WHERE id = ?').bind(P.id).first<{ rollup_seq: number }>();
    expect(rebased.rollup_seq).toBe(record!.rollup_seq);
    expect(warned.mock.calls.some((c) => String(c[0]).includes('roll-up') && String(c[0]).includes('rebased'))).toBe(true);
    // From here a commune's write moves it again.
    await post(A, a.token, { title: `Sau khi khôi phục ${U}`, status: 'published' });
    expect((await rollupOf()).rollup).toBe(rebased.rollup + 1);
  });
});

describe('media, previews and the admin\'s lists stay on their site', () => {
  it('an image of A is served on A\'s host only, stored under its prefix, and only A\'s articles may use it as a cover', async () => {
    const image = new File([bytesOf('jpeg')], 'anh.jpg', { type: 'image/jpeg' });
    const stored = await storeImage(env.MEDIA, A.id, image, 'user:1', new Date());
    if (!stored.ok) throw new Error(stored.message);
    expect(await env.MEDIA.head(mediaObjectKey(A.id, stored.key))).not.toBeNull();
    expect(mediaObjectKey(A.id, stored.key)).toBe(`sites/${A.id}/${stored.key}`);
    expect(await env.MEDIA.head(stored.key)).toBeNull(); // not where the first site's objects are
    const own = await at(A, `/media/${stored.key}`);
    expect(own.status).toBe(200);
    expect(own.headers.get('Content-Type')).toBe('image/jpeg');
    await own.arrayBuffer();
    await expectProblem(await at(B, `/media/${stored.key}`), 404);
    expect((await at(B, `/media/${stored.key}`, { method: 'HEAD' })).status).toBe(404);
    const cover = { key: stored.key, alt: 'Ảnh' };
    expect((await post(A, a.token, { title: `Có ảnh ${U}`, cover })).slug).toBeTruthy();
    const refused = await expectProblem(await at(B, '/api/v1/articles', json('POST', b.token, { title: 'Ảnh của trang khác', category: CATEGORY, cover })), 422);
    expect(refused.errors?.map((e) => e.field)).toEqual(['cover.key']);
  });

  it('the orphan sweep walks every site\'s prefix and keeps what that site\'s own content references', async () => {
    const key = `2026/11/sweep${U}.jpg`;
    const unused = `2026/11/unused${U}.jpg`;
    // The same key in A's prefix (A's article uses it) and in the first site's (nothing of B uses it).
    await putImage(mediaObjectKey(A.id, key));
    await putImage(key);
    await putImage(mediaObjectKey(A.id, unused));
    // A prefix that names the first site is no key we make: never swept.
    await putImage(`sites/${B.id}/${key}`);
    await post(A, a.token, { title: `Ảnh trong bài của A ${U}`, body: `![Ảnh](/media/${key})` });
    const at = new Date(Date.now() + ORPHAN_GRACE_MS + 60 * 60 * 1000);
    const swept = await sweepOrphanMedia(env, at, 1000);
    expect(swept.wrapped).toBe(true);
    expect(swept.deleted).toEqual(expect.arrayContaining([key, mediaObjectKey(A.id, unused)]));
    expect(swept.deleted).not.toContain(mediaObjectKey(A.id, key));
    expect(await env.MEDIA.head(mediaObjectKey(A.id, key))).not.toBeNull();
    expect(await env.MEDIA.head(key)).toBeNull();
    expect(await env.MEDIA.head(`sites/${B.id}/${key}`)).not.toBeNull();
  });

  it('a preview link names its site: on another site it shows nothing', async () => {
    const secret = env.PREVIEW_SECRET;
    const token = await previewToken(secret, A.id, { id: a.draft.id, version: 1 }, new Date());
    expect(await readPreviewToken(secret, token, new Date())).toEqual({ siteId: A.id, id: a.draft.id, version: 1 });
    expect((await loadPreview(env, db, A.id, token, new Date()))?.article.title).toContain(a.draftMarker);
    expect(await loadPreview(env, db, B.id, token, new Date())).toBeNull();
    // A link claiming B for A's article is forged (the site is signed).
    expect(await loadPreview(env, db, B.id, token.replace(/^\d+-/, `${B.id}-`), new Date())).toBeNull();
    // B's own link to A's article id finds nothing: the id is not B's article.
    expect(await loadPreview(env, db, B.id, await previewToken(secret, B.id, { id: a.draft.id, version: 1 }, new Date()), new Date())).toBeNull();
  });

  it('a link made before sites existed stays the first site\'s until it expires', async () => {
    // The one-site format signed "preview\0<id>\0<version>\0<expiry>" (functions/auth/preview-token.ts before issue 10).
    const encoder = new TextEncoder();
    const key = await crypto.subtle.importKey('raw', encoder.encode(`bientap-preview-v1\u0000${env.PREVIEW_SECRET}`), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    const expires = Math.floor((Date.now() + 60_000) / 1000).toString(36);
    const mac = async (id: number) => [...new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(`preview\u0000${id}\u00001\u0000${expires}`))).subarray(0, 16)]
      .map((x) => x.toString(16).padStart(2, '0')).join('');
    const old = `${b.draft.id}-1-${expires}-${await mac(b.draft.id)}`;
    expect((await loadPreview(env, db, B.id, old, new Date()))?.article.id).toBe(b.draft.id);
    const oldOfA = `${a.draft.id}-1-${expires}-${await mac(a.draft.id)}`;
    expect(await loadPreview(env, db, A.id, oldOfA, new Date())).toBeNull();
  });

  it('the admin\'s article list of a site holds only its articles, drafts and search included', async () => {
    const list = async (siteId: number, q?: string) => (await listEditorArticles(db, siteId, { filter: 'all', q, page: 1, pageSize: 100, now: new Date() })).items;
    expect((await list(A.id, a.marker)).map((x) => x.id)).toEqual(expect.arrayContaining([a.draft.id, a.published.id]));
    expect(await list(B.id, a.marker)).toEqual([]);
    expect(await list(B.id, a.draftMarker)).toEqual([]);
    const allOfB = (await list(B.id)).map((x) => x.id);
    expect(allOfB).toContain(b.draft.id);
    expect(allOfB).not.toContain(a.draft.id);
  });
});

describe('an archived site', () => {
  it('refuses every write with 409 site-archived, and a write that read the site as active a moment before is refused by the batch', async () => {
    const token = await writeToken(P.id);
    await createCategory(db, P.id, { slug: CATEGORY, name: 'Chung p', description: '', position: 0 });
    const kept = await post(P, token, { title: `Trước khi lưu trữ ${U}`, status: 'published' });
    await env.DB.prepare("UPDATE sites SET status = 'archived' WHERE id = ?").bind(P.id).run();
    const writes = [
      await at(P, '/api/v1/articles', json('POST', token, { title: 'Sau khi lưu trữ', category: CATEGORY })),
      await at(P, `/api/v1/articles/${kept.slug}`, json('PATCH', token, { title: 'Sửa sau khi lưu trữ' }, { 'If-Match': kept.etag })),
      await at(P, `/api/v1/articles/${kept.slug}`, { method: 'DELETE', headers: { ...bearer(token), 'If-Match': kept.etag } }),
    ];
    for (const res of writes) {
      const problem = await expectProblem(res, 409);
      expect(problem.type).toBe('https://bientap.dev/problems/site-archived');
    }
    // Reads go on.
    expect((await at(P, `/api/v1/articles/${kept.slug}`)).status).toBe(200);
    // The registry may be a second behind: a writer that still sees the site active is refused by the batch.
    const categoryId = (await categoryIdOf(db, P.id, CATEGORY))!;
    await expect(createArticle(env, { id: P.id, status: 'active' }, {
      title: `Ghi muộn ${U}`, summary: '', body: 'x', categoryId, tags: ['Muộn'], byline: '', cover: null, status: 'published',
    }, { id: 'user:1', name: 'Thử' }, new Date())).rejects.toBeInstanceOf(SiteArchived);
    const stored = await env.DB.prepare('SELECT count(*) AS n FROM articles WHERE site_id = ? AND title IN (?, ?)').bind(P.id, `Ghi muộn ${U}`, 'Sau khi lưu trữ').first<{ n: number }>();
    expect(stored!.n).toBe(0);
    expect((await env.DB.prepare('SELECT title, deleted_at FROM articles WHERE id = ?').bind(kept.id).first())).toEqual({ title: `Trước khi lưu trữ ${U}`, deleted_at: null });

    // The admin's form on it: the Vietnamese message, 409, nothing created.
    const registry = await currentRegistry(env);
    const archived = { ...registry.byId.get(P.id)!, origin: P.origin };
    expect(archived.status).toBe('archived');
    const editor = (await readUser(db, await createUser(db, { email: `bientap-${U}@tinh.gov.vn`, name: 'Biên tập tỉnh', role: 'editor', siteId: P.id, password: 'mat-khau-thu-nghiem' }), P.id))!;
    const form = new FormData();
    for (const [k, v] of Object.entries({ title: `Từ biểu mẫu ${U}`, slug: '', summary: '', category: CATEGORY, tags: '', body: 'x', cover_key: '', cover_caption: '', cover_alt: '', byline: '', publish_at: '', version: '', action: 'save' })) form.set(k, v);
    const result = await submitArticle(env, db, archived, editor, form, null, new Date());
    expect(result).toMatchObject({ kind: 'render', status: 409, state: { problem: SITE_ARCHIVED } });
    expect((await env.DB.prepare('SELECT count(*) AS n FROM articles WHERE title = ?').bind(`Từ biểu mẫu ${U}`).first<{ n: number }>())!.n).toBe(0);
    await env.DB.prepare("UPDATE sites SET status = 'active' WHERE id = ?").bind(P.id).run();
  });
});
