// Red-team probe of issue 10: many sites in one deployment, tried as an attacker would, through the
// Worker built from source with real local D1, R2 and Durable Objects. Five sites share one database:
// the first site (http://cms.test), a province, two of its communes (A, B) and an archived site; each
// has a token of its own, a published article, a draft and an article at one slug they all share.
// For every API surface (lists, items, search, categories, feeds, sitemap, robots.txt, OpenAPI, media,
// stats) no site shows another's content or drafts; no token of one site reads drafts of, or writes
// to, another (and D1 shows nothing changed); forged hosts never reach another site; concurrent writes
// on one site never show on another; a write on one site leaves the others' cached answers in the
// cache, except a province's roll-up of its communes, which is fresh at once (the bound is 0 here).
// The HTML pages, preview links, page-view counting and admin sessions are in tests/pages/cross-site.test.ts.
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { database } from '../../functions/data/db.ts';
import { createSite, setHosts, SiteInvalid, updateSite } from '../../functions/data/sites.ts';
import { sweepOrphanMedia } from '../../functions/media/sweep.ts';
import { ROLLUP_PATH } from '../../functions/sites/rollup.ts';
import {
  at, bearer, CATEGORY, COMMON_WORD, create, json, KEYS, leaksIn as leaksAmong, makeSites, OFFSETS, rowOf, rowsWithSlug,
  SHARED_SLUG, textOf, U, type Key, type SiteFixture, type Sites,
} from '../support/cross-site.ts';
import { atTime } from '../support/api.ts';
import { foreignLinks } from '../support/links.ts';

let S = {} as Sites;
const ALL = (): SiteFixture[] => Object.values(S);
const others = (s: SiteFixture) => ALL().filter((o) => o !== s);
const leaksIn = (text: string, viewer: SiteFixture, alsoAllowed: SiteFixture[] = []) => leaksAmong(S, text, viewer, alsoAllowed);

/** A problem names the path and slug asked for (instance, detail): the client's own words, not a leak. */
const asked = (text: string, path: string) => path.split('/').filter(Boolean).reduce((t, segment) => t.replaceAll(segment, ''), text.replaceAll(path, ''));

beforeAll(async () => {
  S = await makeSites();
});

describe('reading: no site shows another site\'s content or drafts', () => {
  /** Every anonymous surface of a site, with what it must contain of its own. */
  const surfaces = (s: SiteFixture): [path: string, own: string | null][] => [
    ['/api/v1/articles', s.marker],
    ['/api/v1/articles?limit=100', s.marker],
    [`/api/v1/articles?q=${COMMON_WORD}`, s.marker],
    [`/api/v1/articles?q=${COMMON_WORD}&limit=1`, s.marker],
    ...others(s).map((o): [string, null] => [`/api/v1/articles?q=${o.marker}`, null]),
    [`/api/v1/articles?tag=${s.sharedTag}`, s.marker],
    [`/api/v1/articles?category=${CATEGORY}`, s.marker],
    [`/api/v1/articles/${SHARED_SLUG}`, s.marker],
    [`/api/v1/articles/${s.published.slug}`, s.marker],
    ['/api/v1/categories', s.origin],
    [`/api/v1/categories/${CATEGORY}`, s.origin],
    ['/api/v1/openapi.json', s.origin],
    ['/api/v1/stats', null],
    ['/feed.json', s.marker],
    ['/rss.xml', s.marker],
    [`/chuyen-muc/${CATEGORY}/feed.json`, s.marker],
    [`/chuyen-muc/${CATEGORY}/rss.xml`, s.marker],
    [`/chuyen-muc/${s.ownCategory}/feed.json`, s.marker],
    [`/the/${s.sharedTag}/feed.json`, s.marker],
    [`/the/${s.sharedTag}/rss.xml`, s.marker],
    [`/the/${s.ownTag}/feed.json`, s.marker],
    ['/sitemap.xml', s.published.slug],
    ['/robots.txt', `${s.origin}/sitemap.xml`],
  ];

  for (const key of KEYS) {
    it(`site "${key}": every API, feed, sitemap and robots.txt answer shows its own content only, linking only to its own host`, async () => {
      const s = S[key];
      for (const [path, own] of surfaces(s)) {
        // Twice: the second answer comes from the edge cache (keyed per host and per site).
        for (const round of [1, 2]) {
          const res = await at(s.origin + path, { headers: { 'User-Agent': 'Mozilla/5.0 (probe)' } });
          const status = res.status;
          const text = await textOf(res);
          expect(status, `${s.origin}${path} #${round}: ${text.slice(0, 300)}`).toBe(200);
          expect(leaksIn(text, s), `${s.origin}${path} #${round}`).toEqual([]);
          expect(foreignLinks(text, s.origin), `${s.origin}${path} #${round}`).toEqual([]);
          if (own) expect(text.toLowerCase(), `${s.origin}${path} shows its own`).toContain(own.toLowerCase());
        }
      }
    });
  }

  it('a search for another site\'s marker finds nothing; a word on every site finds exactly that site\'s articles', async () => {
    for (const s of ALL()) {
      const found = (await (await at(`${s.origin}/api/v1/articles?q=${COMMON_WORD}&limit=100`)).json()) as { items: { slug: string; title: string }[] };
      expect(found.items.map((i) => i.title).sort(), s.key).toEqual([`${s.marker} chuyên mục riêng`, `${s.marker} công khai`, `${s.marker} trùng slug`]);
      for (const o of others(s)) {
        const none = (await (await at(`${s.origin}/api/v1/articles?q=${o.marker}`)).json()) as { items: unknown[] };
        expect(none.items, `${o.key} searched on ${s.key}`).toEqual([]);
        const draft = (await (await at(`${s.origin}/api/v1/articles?q=${o.draftMarker}`, { headers: bearer(s.token) })).json()) as { items: unknown[] };
        expect(draft.items, `${o.key}'s draft searched on ${s.key} with its token`).toEqual([]);
      }
    }
  });

  it('the same slug on every site: each host answers its own article', async () => {
    const rows = await rowsWithSlug(SHARED_SLUG);
    expect(rows.map((r) => r.site_id)).toEqual(ALL().map((s) => s.id).sort((x, y) => x - y));
    for (const s of ALL()) {
      const article = (await (await at(`${s.origin}/api/v1/articles/${SHARED_SLUG}`)).json()) as { id: number; title: string; url: string };
      expect(article, s.key).toMatchObject({ id: s.shared.id, title: `${s.marker} trùng slug`, url: `${s.origin}/bai-viet/${SHARED_SLUG}` });
    }
  });

  it('feeds carry the site\'s own name; slugs and tag slugs are chosen per site', async () => {
    for (const s of ALL()) {
      const feed = (await (await at(`${s.origin}/feed.json`)).json()) as { title: string; home_page_url: string };
      expect(feed.title, s.key).toContain(s.name);
      expect(feed.home_page_url.startsWith(s.origin), s.key).toBe(true);
      expect(await (await at(`${s.origin}/rss.xml`)).text(), s.key).toContain(s.name);
      // The tag every site made from the same name has the same slug on each: no site's tag took it from another.
      expect(s.sharedTag, s.key).toBe(S.one.sharedTag);
    }
    // A title used on A first does not push B's slug to -2: the next free slug is looked up per site.
    const title = `Tiêu đề chung ${U}`;
    const onA = await create(S.a, { title, body: 'x' });
    const onB = await create(S.b, { title, body: 'x' });
    const again = await create(S.a, { title, body: 'x' });
    expect([onA.slug, onB.slug, again.slug]).toEqual([`tieu-de-chung-${U}`, `tieu-de-chung-${U}`, `tieu-de-chung-${U}-2`]);
  });

  it('categories count only the site\'s own articles, and another site\'s category is 404', async () => {
    for (const s of ALL()) {
      const { items } = (await (await at(`${s.origin}/api/v1/categories`)).json()) as { items: { slug: string; articleCount?: number; count?: number }[] };
      const slugs = items.map((c) => c.slug);
      expect(slugs, s.key).toContain(s.ownCategory);
      for (const o of others(s)) expect(slugs, `${o.key}'s category on ${s.key}`).not.toContain(o.ownCategory);
      const own = items.find((c) => c.slug === s.ownCategory)!;
      expect(own.articleCount ?? own.count, `${s.key}: count of its own category`).toBe(1);
      for (const o of others(s)) {
        for (const path of [`/api/v1/categories/${o.ownCategory}`, `/chuyen-muc/${o.ownCategory}/feed.json`, `/chuyen-muc/${o.ownCategory}/rss.xml`, `/api/v1/articles?category=${o.ownCategory}`]) {
          const res = await at(s.origin + path);
          const text = await textOf(res);
          expect([404, 422], `${s.origin}${path}: ${text.slice(0, 200)}`).toContain(res.status);
          expect(leaksIn(text, s), `${s.origin}${path}`).toEqual([]);
        }
      }
    }
  });

  it('another site\'s article, tag or former slug is 404 on this host, with or without this site\'s token', async () => {
    for (const s of ALL()) {
      for (const o of others(s)) {
        for (const [path, headers] of [
          [`/api/v1/articles/${o.published.slug}`, {}],
          [`/api/v1/articles/${o.published.slug}`, bearer(s.token)],
          [`/api/v1/articles/${o.draft.slug}`, bearer(s.token)],
          [`/api/v1/articles/${o.draft.slug}`, bearer(s.readToken)],
          [`/the/${o.ownTag}/feed.json`, {}],
          [`/the/${o.ownTag}/rss.xml`, {}],
        ] as [string, Record<string, string>][]) {
          const res = await at(s.origin + path, { headers });
          const text = asked(await textOf(res), path);
          expect(res.status, `${s.origin}${path} ${Object.keys(headers)}: ${text.slice(0, 200)}`).toBe(404);
          expect(leaksIn(text, s), `${s.origin}${path}`).toEqual([]);
        }
        const byTag = (await (await at(`${s.origin}/api/v1/articles?tag=${o.ownTag}`)).json()) as { items: unknown[] };
        expect(byTag.items, `${o.key}'s tag listed on ${s.key}`).toEqual([]);
      }
    }
  });

  it('a token of one site cannot read another site\'s draft on that site\'s host', async () => {
    for (const s of ALL()) {
      // Its own draft it reads (the check that the draft is there to be found).
      const own = await at(`${s.origin}/api/v1/articles/${s.draft.slug}`, { headers: bearer(s.readToken) });
      expect(own.status, s.key).toBe(200);
      expect(await own.text()).toContain(s.draftMarker);
      expect((await at(`${s.origin}/api/v1/articles/${s.draft.slug}`)).status, `${s.key} anonymous`).toBe(404);
      for (const o of others(s)) {
        for (const token of [s.token, s.readToken]) {
          const path = `/api/v1/articles/${o.draft.slug}`;
          const res = await at(o.origin + path, { headers: bearer(token) });
          const text = asked(await textOf(res), path);
          expect([401, 403, 404], `${s.key}'s token on ${o.key}: ${text.slice(0, 200)}`).toContain(res.status);
          expect(text.toLowerCase()).not.toContain(o.draftMarker);
        }
      }
    }
  });

  it('a former slug redirects on its own site only; another site may use it for its own article', async () => {
    const [a, b] = [S.a, S.b];
    const old = `doi-${U}`;
    const moved = await create(a, { title: `${a.marker} đổi slug`, slug: old, body: 'x', status: 'published' });
    const patched = await at(`${a.origin}/api/v1/articles/${old}`, json('PATCH', a.token, { slug: `doi-moi-${U}` }, { 'If-Match': moved.etag }));
    expect(patched.status, await patched.clone().text()).toBe(200);
    const redirect = await at(`${a.origin}/api/v1/articles/${old}`);
    expect(redirect.status).toBe(301);
    expect(redirect.headers.get('Location')).toBe(`${a.origin}/api/v1/articles/doi-moi-${U}`);
    // On B the former slug of A's article is nothing...
    expect((await at(`${b.origin}/api/v1/articles/${old}`)).status).toBe(404);
    expect((await at(`${b.origin}/api/v1/articles/doi-moi-${U}`)).status).toBe(404);
    // ...and B may take it: B's host answers B's article, A's host still redirects.
    await create(b, { title: `${b.marker} lấy slug cũ`, slug: old, body: 'x', status: 'published' });
    const mine = await at(`${b.origin}/api/v1/articles/${old}`);
    expect(mine.status).toBe(200);
    expect(((await mine.json()) as { title: string }).title).toBe(`${b.marker} lấy slug cũ`);
    expect((await at(`${a.origin}/api/v1/articles/${old}`)).status).toBe(301);
  });

  it('OpenAPI servers, robots.txt and the sitemap name the host\'s own canonical origin', async () => {
    for (const s of ALL()) {
      const openapi = (await (await at(`${s.origin}/api/v1/openapi.json`)).json()) as { servers: { url: string }[] };
      expect(openapi.servers, s.key).toEqual([{ url: s.origin }]);
      expect(await (await at(`${s.origin}/robots.txt`)).text(), s.key).toContain(`Sitemap: ${s.origin}/sitemap.xml`);
      const sitemap = await (await at(`${s.origin}/sitemap.xml`)).text();
      const locs = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]!);
      expect(locs.length, s.key).toBeGreaterThan(0);
      for (const loc of locs) expect(loc.startsWith(`${s.origin}/`), `${s.key}: ${loc}`).toBe(true);
      expect(locs, s.key).toContain(`${s.origin}/bai-viet/${SHARED_SLUG}`);
    }
  });

  it('stats answer for the host\'s site: each its own historic total', async () => {
    for (const [key, offset] of Object.entries(OFFSETS) as [Key, number][]) {
      const res = await at(`${S[key].origin}/api/v1/stats`);
      expect(res.status, key).toBe(200);
      // Nothing counts page views in this project (the pages are not built here): each total is its offset.
      expect(((await res.json()) as { totalVisits: number }).totalVisits, key).toBe(offset);
    }
  });
});

describe('media: an image is served on its own site\'s host only', () => {
  it('an object under another site\'s key is 404 here; each site reads its own under the same /media path', async () => {
    const file = `anh-${U}.png`;
    const png = (n: number) => new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, n]);
    // Site 1 keeps its keys; other sites' keys are under sites/<id>/.
    await env.MEDIA.put(`2026/11/${file}`, png(1), { httpMetadata: { contentType: 'image/png' } });
    await env.MEDIA.put(`sites/${S.a.id}/2026/11/${file}`, png(2), { httpMetadata: { contentType: 'image/png' } });
    const onlyA = `chi-a-${U}.png`;
    await env.MEDIA.put(`sites/${S.a.id}/2026/11/${onlyA}`, png(3), { httpMetadata: { contentType: 'image/png' } });
    const bytes = async (s: SiteFixture, name: string) => {
      const res = await at(`${s.origin}/media/2026/11/${name}`);
      return res.status === 200 ? [...new Uint8Array(await res.arrayBuffer())].at(-1) : res.status;
    };
    expect(await bytes(S.one, file)).toBe(1);
    expect(await bytes(S.a, file)).toBe(2);
    expect(await bytes(S.a, onlyA)).toBe(3);
    for (const s of [S.one, S.tinh, S.b, S.luu]) expect(await bytes(s, onlyA), s.key).toBe(404);
    for (const s of [S.tinh, S.b, S.luu]) expect(await bytes(s, file), s.key).toBe(404);
    // No path reaches another site's prefix.
    for (const path of [`/media/sites/${S.a.id}/2026/11/${onlyA}`, `/media/2026/11/..%2F..%2F..%2Fsites%2F${S.a.id}%2F2026%2F11%2F${onlyA}`, `/media/2026/11/%2e%2e/${onlyA}`]) {
      const res = await at(S.b.origin + path);
      expect(res.status, path).toBe(404);
    }
  });
});

describe('media: the orphan sweep judges each site\'s images by that site\'s content only', () => {
  it('an image kept by one site\'s reference is deleted under another site\'s key; a logo is kept', async () => {
    const [a, b] = [S.a, S.b];
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1]);
    const put = (key: string) => env.MEDIA.put(key, png, { httpMetadata: { contentType: 'image/png' } });
    const shared = `2026/10/chung-${U}.png`;
    const onlyInABody = `2026/10/chi-b-${U}.png`;
    const logo = `2026/10/logo-${U}.png`;
    for (const key of [`sites/${a.id}/${shared}`, `sites/${b.id}/${shared}`, shared, `sites/${b.id}/${onlyInABody}`, `sites/${b.id}/${logo}`]) await put(key);
    await create(a, { title: `${a.marker} giữ ảnh`, body: `![ảnh](/media/${onlyInABody})`, cover: { key: shared, alt: 'Ảnh' } });
    await updateSite(database(env.DB), b.id, { logoKey: logo });
    const later = new Date(Date.now() + 2 * 24 * 60 * 60_000);
    const deleted: string[] = [];
    for (let run = 0; run < 20; run++) {
      const result = await sweepOrphanMedia(env, later);
      deleted.push(...result.deleted);
      if (result.wrapped) break;
    }
    const exists = async (key: string) => (await env.MEDIA.head(key)) !== null;
    expect(await exists(`sites/${a.id}/${shared}`), 'A\'s cover').toBe(true);
    expect(await exists(`sites/${b.id}/${logo}`), 'B\'s logo').toBe(true);
    expect(await exists(`sites/${b.id}/${shared}`), 'B\'s object of the same key, which B never used').toBe(false);
    expect(await exists(shared), 'the first site\'s object of the same key').toBe(false);
    expect(await exists(`sites/${b.id}/${onlyInABody}`), 'B\'s object that only A\'s body names').toBe(false);
    expect(deleted).toEqual(expect.arrayContaining([`sites/${b.id}/${shared}`, shared, `sites/${b.id}/${onlyInABody}`]));
  });
});

describe('writing: a token of one site cannot change another', () => {
  it('POST, PATCH and DELETE with another site\'s token are refused on that site\'s host, and D1 is unchanged', async () => {
    for (const s of ALL()) {
      for (const o of others(s)) {
        const before = [await rowOf(o.published.id), await rowOf(o.draft.id), await rowOf(o.shared.id)];
        const slug = `xam-nhap-${s.key}-${o.key}-${U}`;
        const created = await at(`${o.origin}/api/v1/articles`, json('POST', s.token, { title: `${s.marker} xâm nhập`, slug, category: CATEGORY, body: 'x', status: 'published' }));
        expect([401, 403, 404], `POST with ${s.key}'s token on ${o.key}`).toContain(created.status);
        expect(await rowsWithSlug(slug), `POST with ${s.key}'s token on ${o.key}`).toEqual([]);
        for (const target of [o.published, o.draft, o.shared]) {
          const patch = await at(`${o.origin}/api/v1/articles/${target.slug}`, json('PATCH', s.token, { title: `${s.marker} đã sửa`, status: 'published' }, { 'If-Match': target.etag }));
          expect([401, 403, 404], `PATCH ${o.key}/${target.slug} with ${s.key}'s token`).toContain(patch.status);
          const del = await at(`${o.origin}/api/v1/articles/${target.slug}`, { method: 'DELETE', headers: { ...bearer(s.token), 'If-Match': target.etag } });
          expect([401, 403, 404], `DELETE ${o.key}/${target.slug} with ${s.key}'s token`).toContain(del.status);
        }
        // Through its own host, naming the other site's slugs: they are not there.
        for (const target of [o.published, o.draft]) {
          const patch = await at(`${s.origin}/api/v1/articles/${target.slug}`, json('PATCH', s.token, { title: `${s.marker} đã sửa` }, { 'If-Match': target.etag }));
          expect(patch.status, `PATCH ${target.slug} of ${o.key} on ${s.key}'s host`).toBe(404);
          const del = await at(`${s.origin}/api/v1/articles/${target.slug}`, { method: 'DELETE', headers: { ...bearer(s.token), 'If-Match': target.etag } });
          expect(del.status, `DELETE ${target.slug} of ${o.key} on ${s.key}'s host`).toBe(404);
        }
        expect([await rowOf(o.published.id), await rowOf(o.draft.id), await rowOf(o.shared.id)], `${o.key} after ${s.key}'s attempts`).toEqual(before);
      }
    }
  });

  it('editing the shared slug on one site changes that site\'s article only', async () => {
    const [a, b] = [S.a, S.b];
    const bBefore = await rowOf(b.shared.id);
    const current = await at(`${a.origin}/api/v1/articles/${SHARED_SLUG}`, { headers: bearer(a.token) });
    const res = await at(`${a.origin}/api/v1/articles/${SHARED_SLUG}`, json('PATCH', a.token, { summary: `sửa ở A ${U}` }, { 'If-Match': current.headers.get('ETag')! }));
    expect(res.status, await res.clone().text()).toBe(200);
    expect(((await res.json()) as { id: number }).id).toBe(a.shared.id);
    expect(await rowOf(b.shared.id)).toEqual(bBefore);
    expect(await (await at(`${b.origin}/api/v1/articles/${SHARED_SLUG}`)).text()).not.toContain(`sửa ở A ${U}`);
  });

  it('the archived site is read-only: its own token cannot write', async () => {
    const s = S.luu;
    const slug = `luu-moi-${U}`;
    const res = await at(`${s.origin}/api/v1/articles`, json('POST', s.token, { title: `${s.marker} sau lưu trữ`, slug, category: CATEGORY, body: 'x', status: 'published' }));
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(await rowsWithSlug(slug)).toEqual([]);
  });
});

describe('smuggling another site\'s things into one\'s own requests', () => {
  it('a category, a cover image or a list cursor of another site gives nothing of it', async () => {
    const [a, b] = [S.a, S.b];
    // A's category named in B's create and edit: refused, nothing made in A's category.
    const slug = `loai-${U}`;
    const created = await at(`${b.origin}/api/v1/articles`, json('POST', b.token, { title: `${b.marker} chuyên mục lạ`, slug, category: a.ownCategory, body: 'x', status: 'published' }));
    expect(created.status, await created.clone().text()).toBe(422);
    expect(await rowsWithSlug(slug)).toEqual([]);
    const current = await at(`${b.origin}/api/v1/articles/${b.published.slug}`, { headers: bearer(b.token) });
    const before = await rowOf(b.published.id);
    const moved = await at(`${b.origin}/api/v1/articles/${b.published.slug}`, json('PATCH', b.token, { category: a.ownCategory }, { 'If-Match': current.headers.get('ETag')! }));
    expect(moved.status, await moved.clone().text()).toBe(422);
    expect(await rowOf(b.published.id)).toEqual(before);
    const inA = (await (await at(`${a.origin}/chuyen-muc/${a.ownCategory}/feed.json`)).text());
    expect(leaksIn(inA, a)).toEqual([]);

    // A cover naming an image stored only for A: B has no such image.
    const image = `bia-${U}.png`;
    await env.MEDIA.put(`sites/${a.id}/2026/11/${image}`, new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 7]), { httpMetadata: { contentType: 'image/png' } });
    const ownCover = await at(`${a.origin}/api/v1/articles`, json('POST', a.token, { title: `${a.marker} có ảnh bìa`, category: CATEGORY, body: 'x', cover: { key: `2026/11/${image}`, alt: 'Ảnh' } }));
    expect(ownCover.status, `A's own cover: ${await ownCover.clone().text()}`).toBe(201);
    const coverSlug = `bia-la-${U}`;
    const foreignCover = await at(`${b.origin}/api/v1/articles`, json('POST', b.token, { title: `${b.marker} ảnh bìa lạ`, slug: coverSlug, category: CATEGORY, body: 'x', cover: { key: `2026/11/${image}`, alt: 'Ảnh' } }));
    expect(foreignCover.status, await foreignCover.clone().text()).toBe(422);
    expect(await rowsWithSlug(coverSlug)).toEqual([]);

    // A's next-page cursor used on B pages through B's articles only.
    const first = (await (await at(`${a.origin}/api/v1/articles?limit=2`)).json()) as { next: string | null; nextUrl: string | null };
    expect(first.next).toBeTruthy();
    const path = `/api/v1/articles?limit=100&cursor=${encodeURIComponent(first.next!)}`;
    const res = await at(b.origin + path);
    const text = await textOf(res);
    expect([200, 400], text.slice(0, 200)).toContain(res.status);
    expect(leaksIn(text, b)).toEqual([]);
  });

  it('search operators do not reach past the site', async () => {
    const [a, b] = [S.a, S.b];
    for (const q of [`${a.marker} OR ${b.marker}`, `${b.marker} OR ${a.marker}`, `"${a.marker}"`, `${a.marker}*`, `title:${a.marker}`, `NOT ${b.marker}`, `${COMMON_WORD} NOT zzz`]) {
      const res = await at(`${b.origin}/api/v1/articles?q=${encodeURIComponent(q)}&limit=100`);
      const text = (await textOf(res)).replaceAll(encodeURIComponent(q), '').replaceAll(q, '');
      expect(res.status, q).toBeLessThan(500);
      expect(leaksIn(text, b), q).toEqual([]);
    }
  });

  it('the same Idempotency-Key on two sites makes one article on each', async () => {
    const key = `khoa-${U}`;
    const made = await Promise.all([S.a, S.b].map((s) => at(`${s.origin}/api/v1/articles`, json('POST', s.token, { title: `${s.marker} khóa lặp`, category: CATEGORY, body: 'x' }, { 'Idempotency-Key': key }))));
    for (const [i, s] of [S.a, S.b].entries()) {
      const res = made[i]!;
      expect(res.status, s.key).toBe(201);
      expect(res.headers.get('Idempotent-Replayed'), s.key).toBeNull();
      expect(await res.text(), s.key).toContain(s.marker);
    }
  });
});

describe('forged hosts', () => {
  it('an unknown host, an IP or a trailing dot never reaches any site\'s content', async () => {
    for (const origin of [`http://khong-co-${U}.test`, `http://a${U}.test`, `http://xa-a-${U}.test.evil.example`, 'http://10.0.0.1', 'http://127.0.0.1', 'http://[::1]', 'http://192.168.1.10:8787', `http://xa-a-${U}.test.`]) {
      for (const path of ['/api/v1/articles', `/api/v1/articles/${SHARED_SLUG}`, '/feed.json', '/sitemap.xml', '/robots.txt']) {
        const res = await at(origin + path);
        const text = await textOf(res);
        // A trailing dot names the same host in DNS: serving A there would be fine, anything else is not.
        const asA = origin.endsWith('.') && res.status === 200;
        if (!asA) expect(res.status, `${origin}${path}: ${text.slice(0, 200)}`).toBe(404);
        const marks = ALL().filter((s) => text.toLowerCase().includes(s.marker)).map((s) => s.key);
        expect(marks, `${origin}${path}`).toEqual(asA ? ['a'] : []);
      }
    }
  });

  it('a secondary hostname answers 301 to the canonical one with the same path and query, and writes there create nothing', async () => {
    const a = S.a;
    for (const path of ['/api/v1/articles?limit=3&q=x%20y', `/api/v1/articles/${SHARED_SLUG}`, '/feed.json?page=2', '/sitemap.xml', '/media/2026/11/x.png']) {
      const res = await at(`http://www.xa-a-${U}.test${path}`);
      expect(res.status, path).toBe(301);
      expect(res.headers.get('Location'), path).toBe(`${a.origin}${path}`);
    }
    const slug = `phu-${U}`;
    const post = await at(`http://www.xa-a-${U}.test/api/v1/articles`, json('POST', a.token, { title: 'qua tên phụ', slug, category: CATEGORY, body: 'x' }));
    expect(post.status).toBe(301);
    expect(await rowsWithSlug(slug)).toEqual([]);
  });

  it('mixed case and a port name the same site, never another', async () => {
    for (const origin of [`http://XA-A-${U.toUpperCase()}.TEST`, `http://Xa-A-${U}.Test`, `http://xa-a-${U}.test:8443`, `http://xa-a-${U}.test:80`]) {
      const res = await at(`${origin}/api/v1/articles/${SHARED_SLUG}`);
      const text = await textOf(res);
      if (res.status === 200) {
        expect(text, origin).toContain(S.a.marker);
        expect(leaksIn(text, S.a), origin).toEqual([]);
        expect(foreignLinks(text, S.a.origin), origin).toEqual([]);
      } else {
        expect(res.status, `${origin}: ${text.slice(0, 200)}`).toBe(404);
        expect(leaksIn(text, S.a), origin).toEqual([]);
      }
    }
  });
});

describe('concurrency', () => {
  it('20 simultaneous writes on A while B is read: B never answers with A\'s content', async () => {
    const [a, b] = [S.a, S.b];
    const writes = Array.from({ length: 20 }, (_, i) => create(a, { title: `${a.marker} đồng thời ${i}`, body: `${COMMON_WORD} ${i}`, status: 'published', tags: [`Chung ${U}`] }));
    const readPaths = ['/api/v1/articles?limit=100', `/api/v1/articles?q=${COMMON_WORD}&limit=100`, '/feed.json', '/rss.xml', '/sitemap.xml', `/the/${b.sharedTag}/feed.json`, `/api/v1/articles/${SHARED_SLUG}`];
    const reads = Array.from({ length: 20 }, (_, i) => at(b.origin + readPaths[i % readPaths.length]!).then(async (res) => ({ path: readPaths[i % readPaths.length]!, status: res.status, text: await textOf(res) })));
    const [written, read] = await Promise.all([Promise.all(writes), Promise.all(reads)]);
    expect(new Set(written.map((w) => w.slug)).size).toBe(20);
    for (const r of read) {
      expect(r.status, r.path).toBe(200);
      expect(leaksIn(r.text, b), r.path).toEqual([]);
    }
    // Afterwards too, and A shows all twenty at once.
    for (const path of readPaths) expect(leaksIn(await textOf(await at(b.origin + path)), b), path).toEqual([]);
    const list = (await (await at(`${a.origin}/api/v1/articles?q=${COMMON_WORD}&limit=100`)).json()) as { items: { title: string }[] };
    expect(list.items.filter((i) => i.title.includes('đồng thời')).length).toBe(20);
  });

  it('20 simultaneous creates of the same slugs on two sites all succeed, each on its own site', async () => {
    const [a, b] = [S.a, S.b];
    const slugs = Array.from({ length: 20 }, (_, i) => `song-${U}-${i}`);
    const results = await Promise.all(slugs.flatMap((slug) => [a, b].map((s) => create(s, { title: `${s.marker} song song`, slug, body: 'x', status: 'published' }))));
    expect(results.map((r) => r.slug)).toEqual(slugs.flatMap((slug) => [slug, slug]));
    for (const slug of slugs) {
      expect((await rowsWithSlug(slug)).map((r) => r.site_id)).toEqual([a.id, b.id].sort((x, y) => x - y));
      for (const s of [a, b]) {
        const text = await (await at(`${s.origin}/api/v1/articles/${slug}`)).text();
        expect(text, `${s.key} ${slug}`).toContain(s.marker);
        expect(leaksIn(text, s), `${s.key} ${slug}`).toEqual([]);
      }
    }
  });
});

describe('concurrency: two sites claiming one hostname', () => {
  it('of 5 simultaneous creates with one hostname one wins and the others are refused as taken, not a database error', async () => {
    const host = `tranh-${U}.test`;
    const results = await Promise.allSettled(Array.from({ length: 5 }, (_, i) => createSite(database(env.DB), { name: `Tranh chấp ${i} ${U}`, hosts: [host] })));
    expect(results.filter((r) => r.status === 'fulfilled').length).toBe(1);
    for (const r of results) if (r.status === 'rejected') expect(r.reason, String(r.reason)).toBeInstanceOf(SiteInvalid);
    expect((await env.DB.prepare('SELECT count(*) AS n FROM site_hosts WHERE host = ?').bind(host).first<{ n: number }>())!.n).toBe(1);
    // The same with an existing site taking the hostname at once.
    const other = `tranh-2-${U}.test`;
    const [x, y] = await Promise.all([createSite(database(env.DB), { name: `X ${U}`, hosts: [`x-${U}.test`] }), createSite(database(env.DB), { name: `Y ${U}`, hosts: [`y-${U}.test`] })]);
    const moves = await Promise.allSettled([setHosts(database(env.DB), x.id, [`x-${U}.test`, other]), setHosts(database(env.DB), y.id, [`y-${U}.test`, other])]);
    expect(moves.filter((r) => r.status === 'fulfilled').length).toBe(1);
    for (const r of moves) if (r.status === 'rejected') expect(r.reason, String(r.reason)).toBeInstanceOf(SiteInvalid);
  });
});

describe('concurrency: new tags and derived slugs', () => {
  it('10 creates on each of two sites at once, one new tag and one title: every create succeeds, one tag per site', async () => {
    const [a, b] = [S.a, S.b];
    const tag = `Nhãn mới ${U}`;
    const title = `Cùng tiêu đề ${U}`;
    const made = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? b : a)).map((s) => create(s, { title, body: 'x', status: 'published', tags: [tag] })));
    for (const s of [a, b]) {
      const mine = made.filter((_, i) => (i % 2 ? b : a) === s);
      const slugs = mine.map((m) => m.slug);
      expect(new Set(slugs).size, s.key).toBe(10);
      // The first free slug is the title's own on each site: the other site's creates do not take it.
      expect(slugs, s.key).toContain(`cung-tieu-de-${U}`);
      const tags = (await env.DB.prepare('SELECT slug FROM tags WHERE site_id = ? AND name = ?').bind(s.id, tag).all<{ slug: string }>()).results;
      expect(tags.map((t) => t.slug), s.key).toEqual([`nhan-moi-${U}`]);
      const listed = (await (await at(`${s.origin}/api/v1/articles?tag=nhan-moi-${U}&limit=100`)).json()) as { items: { id: number }[] };
      expect(listed.items.map((i) => i.id).sort((x, y) => x - y), s.key).toEqual(mine.map((m) => m.id).sort((x, y) => x - y));
    }
  });
});

describe('the edge cache: a write on one site leaves the others\' cached answers alone', () => {
  it('after a write on A, B still serves its cached answers (B\'s row was changed behind the cache), and A is fresh at once', async () => {
    const [a, b] = [S.a, S.b];
    // Answers that show B's shared article, and others that must stay as cached all the same.
    const showing = [`/api/v1/articles/${SHARED_SLUG}`, '/api/v1/articles?limit=100', `/api/v1/articles?q=${COMMON_WORD}&limit=100`, `/the/${b.sharedTag}/feed.json`, `/the/${b.sharedTag}/rss.xml`];
    const paths = [...showing, '/feed.json', '/rss.xml', '/sitemap.xml', '/api/v1/categories'];
    const cached = new Map<string, string>();
    for (const path of paths) {
      await at(b.origin + path); // stored
      cached.set(path, await (await at(b.origin + path)).text());
      if (showing.includes(path)) expect(cached.get(path), path).toContain(`${b.marker} trùng slug`);
    }
    // Behind the Worker's back: no write through the service, so B's generation does not move.
    const behind = `${b.marker} đổi sau lưng`;
    await env.DB.prepare('UPDATE articles SET title = ? WHERE id = ?').bind(behind, b.shared.id).run();
    // The change is there for a reader that bypasses the cache (a token does).
    expect(await (await at(`${b.origin}/api/v1/articles/${SHARED_SLUG}`, { headers: bearer(b.readToken) })).text()).toContain(behind);

    const fresh = await create(a, { title: `${a.marker} mới sau bộ đệm`, body: 'x', status: 'published' });
    // A sees its write at once (its generation moved)...
    expect(await (await at(`${a.origin}/api/v1/articles?limit=100`)).text()).toContain(fresh.slug);
    expect(await (await at(`${a.origin}/feed.json`)).text()).toContain(fresh.slug);
    // ...B answers from its cache, exactly as before.
    for (const path of paths) expect(await (await at(b.origin + path)).text(), path).toBe(cached.get(path));

    // And a write on B does move B: the cache is not simply stuck (the test can tell the two apart).
    await create(b, { title: `${b.marker} ghi ở B`, body: 'x', status: 'draft' });
    expect(await (await at(`${b.origin}/api/v1/articles/${SHARED_SLUG}`)).text()).toContain(behind);
    await env.DB.prepare('UPDATE articles SET title = ? WHERE id = ?').bind(`${b.marker} trùng slug`, b.shared.id).run();
  });

  it('a commune\'s write refreshes its province\'s roll-up at once, and leaves the province\'s other cached answers alone', async () => {
    const [province, a] = [S.tinh, S.a];
    const rollupPaths = [`${ROLLUP_PATH}/feed.json`, `${ROLLUP_PATH}/rss.xml`];
    await create(S.b, { title: `${S.b.marker} tin cho tỉnh`, body: 'x', status: 'published' });
    for (const path of rollupPaths) {
      const res = await at(province.origin + path);
      const text = await textOf(res);
      expect(res.status, `${path}: ${text.slice(0, 200)}`).toBe(200);
      // The roll-up shows its communes' published articles, linking to their own hosts; never drafts,
      // never the content of sites that are not its communes.
      expect(text, path).toContain(`${a.origin}/bai-viet/`);
      expect(text, path).toContain(S.b.marker);
      expect(leaksIn(text, province, [S.a, S.b]), path).toEqual([]);
    }
    // Every roll-up item links to its own commune's host (the shared slug exists on the province too:
    // a link on the province's host would open the province's own article).
    const feed = (await (await at(`${province.origin}${ROLLUP_PATH}/feed.json`)).json()) as { items: { id: string; url: string; title: string }[] };
    expect(feed.items.length).toBeGreaterThan(0);
    for (const item of feed.items) {
      const url = new URL(item.url);
      const owner = [S.a, S.b].find((c) => c.origin === url.origin);
      expect(owner, item.url).toBeDefined();
      const slug = decodeURIComponent(url.pathname.replace('/bai-viet/', ''));
      const row = await env.DB.prepare("SELECT title FROM articles WHERE site_id = ? AND slug = ? AND status = 'published'").bind(owner!.id, slug).first<{ title: string }>();
      expect(row?.title, item.url).toBe(item.title);
    }
    const otherPaths = ['/api/v1/articles?limit=100', '/feed.json', `/api/v1/articles/${SHARED_SLUG}`];
    const cached = new Map<string, string>();
    for (const path of otherPaths) {
      await at(province.origin + path);
      cached.set(path, await (await at(province.origin + path)).text());
    }
    await env.DB.prepare('UPDATE articles SET title = ? WHERE id = ?').bind(`${province.marker} đổi sau lưng`, province.shared.id).run();

    const fresh = await create(a, { title: `${a.marker} lên tỉnh ngay`, body: 'x', status: 'published' });
    for (const path of rollupPaths) {
      const text = await (await at(province.origin + path)).text();
      expect(text, path).toContain(fresh.slug);
      expect(text, path).toContain(`${a.origin}/bai-viet/${fresh.slug}`);
    }
    for (const path of otherPaths) expect(await (await at(province.origin + path)).text(), path).toBe(cached.get(path));
    // A commune's draft never rolls up.
    const draft = await create(a, { title: `${a.marker} ${a.draftMarker} nháp lên tỉnh`, body: 'x', status: 'draft' });
    for (const path of rollupPaths) expect(await (await at(province.origin + path)).text(), path).not.toContain(draft.slug);
    await env.DB.prepare('UPDATE articles SET title = ? WHERE id = ?').bind(`${province.marker} trùng slug`, province.shared.id).run();
  });

  it('a site that is not a province has no roll-up of anyone', async () => {
    for (const s of [S.a, S.b, S.one]) {
      for (const path of [`${ROLLUP_PATH}/feed.json`, `${ROLLUP_PATH}/rss.xml`]) {
        const res = await at(s.origin + path);
        const text = await textOf(res);
        expect(leaksIn(text, s), `${s.key}${path}`).toEqual([]);
      }
    }
  });
});

describe('scheduled commune articles (last: it moves the clock)', () => {
  it('a commune\'s scheduled article shows in its province\'s roll-up at its second, though the roll-up was cached', async () => {
    const [province, a] = [S.tinh, S.a];
    const when = new Date(Math.ceil((Date.now() + 3_600_000) / 1000) * 1000);
    const scheduled = await create(a, { title: `${a.marker} hẹn giờ lên tỉnh`, body: 'x', status: 'scheduled', publishAt: when.toISOString() });
    const paths = [`${ROLLUP_PATH}/feed.json`, `${ROLLUP_PATH}/rss.xml`];
    for (const path of paths) {
      await at(province.origin + path);
      expect(await (await at(province.origin + path)).text(), path).not.toContain(scheduled.slug);
    }
    await atTime(when.getTime() - 1000, async () => {
      for (const path of paths) expect(await (await at(province.origin + path)).text(), `${path} a second before`).not.toContain(scheduled.slug);
    });
    await atTime(when.getTime(), async () => {
      for (const path of paths) expect(await (await at(province.origin + path)).text(), `${path} at its second`).toContain(`${a.origin}/bai-viet/${scheduled.slug}`);
      // Never on the sibling commune, whose cache it does not concern.
      expect(await (await at(`${S.b.origin}/feed.json`)).text()).not.toContain(scheduled.slug);
    });
  });
});
