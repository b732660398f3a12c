// Red-team probe of issue 10 on the BUILT Worker (real Astro pages and admin): the sites of
// tests/support/cross-site.ts. Reader pages and the search page of one site never show another's
// content or drafts (a province's home and roll-up show its communes' published articles only); a
// preview link of one site's draft opens on that site's host only; page views count on their own site;
// a write on one site leaves another's cached pages alone but refreshes its province's roll-up; and an
// admin session working on one site cannot read, edit, delete, restore or list another site's articles,
// tokens or users, nor switch to a site it holds no role on. The API surfaces: tests/api/cross-site.test.ts.
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROLLUP_PATH } from '../../functions/sites/rollup.ts';
import {
  ADMIN, adminGet, adminPost, at, bearer, CATEGORY, COMMON_WORD, create, leaksIn as leaksAmong, makeSites, OFFSETS, PAGE, rowOf,
  SHARED_SLUG, sessionFor, textOf, U, type AdminSession, type SiteFixture, type Sites,
} from '../support/cross-site.ts';
import { foreignLinks } from '../support/links.ts';

let S = {} as Sites;
const ALL = (): SiteFixture[] => Object.values(S);
const others = (s: SiteFixture) => ALL().filter((o) => o !== s);
const leaksIn = (text: string, viewer: SiteFixture, alsoAllowed: SiteFixture[] = []) => leaksAmong(S, text, viewer, alsoAllowed);
/** The sites whose published content a site's pages may show: a province's communes. */
const rolledUp = (s: SiteFixture) => (s === S.tinh ? [S.a, S.b] : []);
/** A commune may name its province (its name, a link to the province portal) but show nothing of its content. */
function pageLeaks(text: string, s: SiteFixture, path: string): string[] {
  const allowed = path === '/' || path.startsWith(ROLLUP_PATH) ? rolledUp(s) : [];
  return leaksIn(text, s, allowed).filter((l) => !((s === S.a || s === S.b) && [`tinh: ${S.tinh.host}`, `tinh: ${S.tinh.name.toLowerCase()}`].includes(l)));
}

/** A search page shows the words searched for (in its form and heading): the reader's own words, not a leak. */
function withoutQuery(text: string, path: string): string {
  const q = new URL(path, 'http://x').searchParams.get('q');
  return q ? text.replaceAll(q, '').replaceAll(encodeURIComponent(q), '') : text;
}

const workingSiteOf = async (s: AdminSession) => (await env.DB.prepare('SELECT site_id FROM sessions WHERE id_hash = ?').bind(s.idHash).first<{ site_id: number | null }>())!.site_id;

let editorA: AdminSession;
let adminA: AdminSession;
let adminB: AdminSession;
/** An article of B in the trash. */
let trashedB: { id: number; version: number };

beforeAll(async () => {
  S = await makeSites();
  editorA = await sessionFor([[S.a.id, 'editor']], S.a.id);
  adminA = await sessionFor([[S.a.id, 'admin']], S.a.id);
  adminB = await sessionFor([[S.b.id, 'admin']], S.b.id);
  const gone = await create(S.b, { title: `${S.b.marker} vào thùng rác`, body: 'x', status: 'published' });
  const del = await at(`${S.b.origin}/api/v1/articles/${gone.slug}`, { method: 'DELETE', headers: { ...bearer(S.b.token), 'If-Match': gone.etag } });
  if (del.status !== 204) throw new Error(`DELETE -> ${del.status}`);
  trashedB = { id: gone.id, version: (await rowOf(gone.id)).version };
});

describe('reader pages', () => {
  const pages = (s: SiteFixture): [string, string | null][] => [
    ['/', s.marker],
    [`/bai-viet/${SHARED_SLUG}`, `${s.marker} trùng slug`],
    [`/bai-viet/${s.published.slug}`, s.marker],
    [`/chuyen-muc/${CATEGORY}`, s.marker],
    [`/chuyen-muc/${s.ownCategory}`, s.marker],
    [`/the/${s.sharedTag}`, s.marker],
    [`/tim-kiem?q=${COMMON_WORD}`, s.marker],
    ...others(s).map((o): [string, null] => [`/tim-kiem?q=${o.marker}`, null]),
    ...others(s).map((o): [string, null] => [`/tim-kiem?q=${o.draftMarker}`, null]),
  ];

  it('every page and search of a site shows its own content only (a province: its communes\' too, on its home)', async () => {
    for (const s of ALL()) {
      for (const [path, own] of pages(s)) {
        for (const round of [1, 2]) {
          const res = await at(s.origin + path, { headers: PAGE });
          const text = withoutQuery(await textOf(res), path);
          expect(res.status, `${s.origin}${path} #${round}: ${text.slice(0, 300)}`).toBe(200);
          expect(pageLeaks(text, s, path), `${s.origin}${path} #${round}`).toEqual([]);
          // Links go to the site's own origin, a province's to its communes too, a commune's to its province.
          const near = s === S.tinh ? [S.a.origin, S.b.origin] : s === S.a || s === S.b ? [S.tinh.origin] : [];
          expect(foreignLinks(text, s.origin).filter((o) => !near.includes(o)), `${s.origin}${path}`).toEqual([]);
          if (own) expect(text.toLowerCase(), `${s.origin}${path}`).toContain(own.toLowerCase());
        }
      }
    }
  });

  it('forged forms of A\'s host serve A or nothing; an unknown host nothing', async () => {
    const variants = [`http://XA-A-${U.toUpperCase()}.TEST`, `http://xa-a-${U}.test:8443`, `http://xa-a-${U}.test.`, `http://khong-co-${U}.test`, 'http://10.0.0.1'];
    for (const origin of variants) {
      for (const path of ['/', `/tim-kiem?q=${COMMON_WORD}`, `/bai-viet/${SHARED_SLUG}`, '/admin/login']) {
        const res = await at(origin + path, { headers: PAGE });
        const text = withoutQuery(await textOf(res), path);
        const marks = ALL().filter((s) => text.toLowerCase().includes(s.marker)).map((s) => s.key);
        if (res.status === 200) {
          expect(marks, `${origin}${path}`).toEqual(['a']);
          expect(foreignLinks(text, S.a.origin).filter((o) => o !== S.tinh.origin), `${origin}${path}`).toEqual([]);
        } else {
          expect([303, 404], `${origin}${path}`).toContain(res.status);
          expect(marks, `${origin}${path}`).toEqual([]);
          if (res.status === 303) expect(res.headers.get('Location'), `${origin}${path}`).toBe(`${ADMIN}${path}`);
        }
      }
    }
  });

  it('another site\'s article, category and tag pages are 404 here', async () => {
    for (const s of ALL()) {
      for (const o of others(s)) {
        for (const path of [`/bai-viet/${o.published.slug}`, `/bai-viet/${o.draft.slug}`, `/chuyen-muc/${o.ownCategory}`, `/the/${o.ownTag}`]) {
          const res = await at(s.origin + path, { headers: PAGE });
          const text = await textOf(res);
          expect(res.status, `${s.origin}${path}`).toBe(404);
          expect(pageLeaks(text, s, path), `${s.origin}${path}`).toEqual([]);
        }
      }
    }
  });

  it('the province\'s roll-up page shows its communes\' published articles linking to their own hosts, never a draft', async () => {
    const res = await at(S.tinh.origin + ROLLUP_PATH, { headers: PAGE });
    const html = await res.text();
    expect(res.status).toBe(200);
    expect(html).toContain(`${S.a.origin}/bai-viet/${S.a.published.slug}`);
    expect(html).toContain(`${S.b.origin}/bai-viet/${S.b.published.slug}`);
    expect(leaksIn(html, S.tinh, [S.a, S.b])).toEqual([]);
    for (const s of [S.a, S.b, S.one]) {
      const text = await textOf(await at(s.origin + ROLLUP_PATH, { headers: PAGE }));
      expect(pageLeaks(text, s, 'not-a-rollup'), s.key).toEqual([]);
    }
  });
});

describe('a commune\'s words on its province\'s pages', () => {
  it('titles and summaries written on a commune are escaped on the province\'s home, roll-up and feeds', async () => {
    const evil = `<img src=x onerror=alert(1)><script>alert("${U}")</script></title>]]><x`;
    await create(S.a, { title: `${S.a.marker} ${evil}`, summary: `Tóm tắt ${evil}`, body: 'x', status: 'published' });
    for (const path of ['/', ROLLUP_PATH]) {
      const html = await (await at(S.tinh.origin + path, { headers: PAGE })).text();
      expect(html, path).toContain(S.a.marker);
      expect(html, path).not.toContain('<img src=x');
      expect(html, path).not.toContain(`<script>alert("${U}")`);
    }
    const rss = await (await at(`${S.tinh.origin}${ROLLUP_PATH}/rss.xml`)).text();
    // Whatever the encoding (entities or CDATA), no element the title did not ask for appears.
    expect(rss.replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, '')).not.toMatch(/<img|<script|<x\b/);
    const feed = (await (await at(`${S.tinh.origin}${ROLLUP_PATH}/feed.json`)).json()) as { items: { title: string }[] };
    expect(feed.items.some((i) => i.title.includes(evil))).toBe(true);
  });
});

describe('preview links', () => {
  it('a preview link of A\'s draft opens on A\'s host only', async () => {
    const edit = await adminGet(editorA, `/admin/bai-viet/${S.a.draft.id}`);
    const html = await edit.text();
    expect(edit.status, html.slice(0, 300)).toBe(200);
    const link = /\/xem-truoc\/[^"'\s<]+/.exec(html)?.[0];
    expect(link, 'a preview link on the edit page').toBeTruthy();
    const url = new URL(link!.replaceAll('&amp;', '&'), S.a.origin);
    // Wherever the page puts it, the path is what counts: try it on every host.
    const own = await at(S.a.origin + url.pathname, { headers: PAGE });
    expect(own.status).toBe(200);
    const page = await own.text();
    expect(page).toContain(S.a.draftMarker);
    // Its related articles and menu are A's own too.
    expect(leaksIn(page.replaceAll(S.a.draftMarker, ''), S.a).filter((l) => ![`tinh: ${S.tinh.host}`, `tinh: ${S.tinh.name.toLowerCase()}`].includes(l))).toEqual([]);
    for (const o of others(S.a)) {
      const res = await at(o.origin + url.pathname, { headers: PAGE });
      const text = await textOf(res);
      expect(res.status, `${o.key}: ${text.slice(0, 200)}`).toBe(404);
      expect(text, o.key).not.toContain(S.a.draftMarker);
      expect(text, o.key).not.toContain(S.a.marker);
    }
  });
});

describe('statistics', () => {
  it('page views on A count on A only', async () => {
    const total = async (s: SiteFixture) => ((await (await at(`${s.origin}/api/v1/stats`)).json()) as { totalVisits: number }).totalVisits;
    const before = { a: await total(S.a), b: await total(S.b), tinh: await total(S.tinh) };
    // Each site starts from its own historic total (earlier tests' page views come on top).
    expect(before.a).toBeGreaterThanOrEqual(OFFSETS.a);
    expect(before.a).toBeLessThan(OFFSETS.a + 100);
    expect(before.b).toBeGreaterThanOrEqual(OFFSETS.b);
    expect(before.b).toBeLessThan(OFFSETS.b + 100);
    for (let i = 0; i < 3; i++) {
      const res = await at(`${S.a.origin}/bai-viet/${S.a.published.slug}`, { headers: { ...PAGE, 'CF-Connecting-IP': `203.0.113.${10 + i}` } });
      expect(res.status).toBe(200);
      await res.text();
    }
    expect(await total(S.a)).toBe(before.a + 3);
    expect(await total(S.b)).toBe(before.b);
    expect(await total(S.tinh)).toBe(before.tinh);
  });
});

describe('the edge cache for pages', () => {
  it('a write on A leaves B\'s cached pages (B changed behind the cache) and refreshes the province\'s home and roll-up', async () => {
    const paths = ['/', `/bai-viet/${SHARED_SLUG}`, `/chuyen-muc/${CATEGORY}`];
    for (const path of paths) {
      await (await at(S.b.origin + path)).text();
      expect(await (await at(S.b.origin + path)).text(), path).toContain(`${S.b.marker} trùng slug`);
    }
    for (const path of ['/', ROLLUP_PATH]) await (await at(S.tinh.origin + path)).text();
    // The province's pages that do not show its communes stay cached too.
    const provincePaths = [`/bai-viet/${SHARED_SLUG}`, `/chuyen-muc/${CATEGORY}`];
    for (const path of provincePaths) {
      await (await at(S.tinh.origin + path)).text();
      expect(await (await at(S.tinh.origin + path)).text(), path).toContain(`${S.tinh.marker} trùng slug`);
    }
    await env.DB.prepare('UPDATE articles SET title = ? WHERE id = ?').bind(`${S.tinh.marker} đổi sau lưng`, S.tinh.shared.id).run();
    const behind = `${S.b.marker} đổi sau lưng`;
    await env.DB.prepare('UPDATE articles SET title = ? WHERE id = ?').bind(behind, S.b.shared.id).run();
    const fresh = await create(S.a, { title: `${S.a.marker} trang mới của xã`, body: 'x', status: 'published' });
    for (const path of paths) {
      const text = await (await at(S.b.origin + path)).text();
      expect(text, path).toContain(`${S.b.marker} trùng slug`);
      expect(text, path).not.toContain(behind);
    }
    for (const path of ['/', ROLLUP_PATH]) {
      expect(await (await at(S.tinh.origin + path)).text(), `province ${path}`).toContain(`${S.a.origin}/bai-viet/${fresh.slug}`);
    }
    for (const path of provincePaths) {
      const text = await (await at(S.tinh.origin + path)).text();
      expect(text, `province ${path}`).toContain(`${S.tinh.marker} trùng slug`);
      expect(text, `province ${path}`).not.toContain(`${S.tinh.marker} đổi sau lưng`);
    }
    expect(await (await at(`${S.a.origin}/`)).text()).toContain(fresh.slug);
    await env.DB.prepare('UPDATE articles SET title = ? WHERE id = ?').bind(`${S.b.marker} trùng slug`, S.b.shared.id).run();
    await env.DB.prepare('UPDATE articles SET title = ? WHERE id = ?').bind(`${S.tinh.marker} trùng slug`, S.tinh.shared.id).run();
  });
});

describe('the roll-up under other names', () => {
  it('every path that answers with a province\'s home or roll-up is as fresh as they are after a commune\'s write', async () => {
    // Other spellings of the same pages: Astro's file names, a percent-encoded letter, a trailing slash
    // on the feeds. Each must either not answer 200, or answer as freshly as the canonical path.
    const aliases = [
      '/index.html', '/tin-tu-co-so.html', '/tin-tu-co-so/index.html', '/%74in-tu-co-so', '/tin-tu-co-so/feed.json/', '/tin-tu-co-so/rss.xml/',
      '/%74in-tu-co-so/feed.json', '/tin-tu-co-so/feed%2Ejson', '/tin-tu-co-so/%72ss.xml',
    ];
    for (const path of aliases) await (await at(S.tinh.origin + path, { headers: PAGE })).text();
    const before = new Map<string, number>();
    for (const path of aliases) {
      const res = await at(S.tinh.origin + path, { headers: PAGE });
      await res.text();
      before.set(path, res.status);
    }
    const fresh = await create(S.b, { title: `${S.b.marker} tin mới dưới tên khác`, body: 'x', status: 'published' });
    const stale: string[] = [];
    for (const path of aliases) {
      const res = await at(S.tinh.origin + path, { headers: PAGE });
      const text = await res.text();
      expect(res.status, path).toBe(before.get(path));
      // What answers is the roll-up indeed: it links to a commune's articles on the commune's host.
      if (res.status === 200) expect(text, path).toContain(`${S.a.origin}/bai-viet/`);
      if (res.status === 200 && !text.includes(fresh.slug)) stale.push(path);
    }
    expect(stale, 'aliases still serving the roll-up from before the commune\'s write').toEqual([]);
  });
});

describe('admin sessions: working on one site, nothing of another', () => {
  it('/admin on a site\'s own host sends to the admin\'s host', async () => {
    for (const s of [S.a, S.b, S.tinh]) {
      const res = await adminGet(editorA, '/admin/bai-viet?q=x', s.origin);
      expect(res.status, s.key).toBe(303);
      expect(res.headers.get('Location'), s.key).toBe(`${ADMIN}/admin/bai-viet?q=x`);
    }
  });

  it('the admin has no other name: /admin.html and encoded forms are gated like /admin, on every host', async () => {
    for (const s of ALL()) {
      for (const path of ['/admin.html', '/admin.html?x=1', '/%61dmin', '/%61dmin.html', '/admin/index.html', '/admin/bai-viet.html']) {
        const res = await at(s.origin + path, { headers: PAGE });
        const text = await res.text();
        // Anonymous: the sign-in page (or the admin's host) or nothing, never an admin page.
        expect(text, `${s.origin}${path}`).not.toContain('Quản trị nội dung');
        expect([301, 303, 307, 404], `${s.origin}${path}: ${res.status}`).toContain(res.status);
        if (s !== S.one && res.status !== 404) expect(res.headers.get('Location') ?? '', `${s.origin}${path}`).toMatch(/^http:\/\/cms\.test\//);
      }
    }
  });

  it('the article list, its search and the dashboard show the working site\'s articles only', async () => {
    const list = await adminGet(editorA, '/admin/bai-viet');
    const html = await textOf(list);
    expect(list.status).toBe(200);
    expect(html).toContain(S.a.marker);
    expect(leaksIn(html.replaceAll(S.a.draftMarker, ''), S.a), 'list').toEqual([]);
    for (const o of others(S.a)) {
      for (const path of [`/admin/bai-viet?q=${o.marker}`, `/admin/bai-viet?q=${o.marker}&trang-thai=thung-rac`, `/admin/bai-viet?trang-thai=thung-rac`]) {
        const res = await adminGet(editorA, path);
        expect(res.status, path).toBe(200);
        const html = withoutQuery(await res.text(), path);
        expect(html.toLowerCase(), path).not.toContain(o.marker);
        expect(html, path).not.toContain(`/admin/bai-viet/${o.published.id}"`);
      }
    }
    const dashboard = await textOf(await adminGet(editorA, '/admin'));
    expect(leaksIn(dashboard.replaceAll(S.a.draftMarker, ''), S.a), 'dashboard').toEqual([]);
    // A province's own list holds its own articles, not its communes' (those are only featured, by reference).
    const provinceAdmin = await sessionFor([[S.tinh.id, 'admin']], S.tinh.id);
    for (const path of ['/admin/bai-viet', '/admin/bai-viet?trang-thai=nhap', `/admin/bai-viet?q=${COMMON_WORD}`, '/admin']) {
      const res = await adminGet(provinceAdmin, path);
      expect(res.status, path).toBe(200);
      const text = withoutQuery(await textOf(res), path).replaceAll(S.tinh.draftMarker, '');
      expect(leaksIn(text, S.tinh), `province ${path}`).toEqual([]);
    }
  });

  it('another site\'s article cannot be opened, its revisions read, nor its delete page shown', async () => {
    for (const o of others(S.a)) {
      const [rev] = (await env.DB.prepare('SELECT id FROM article_revisions WHERE article_id = ? ORDER BY id LIMIT 1').bind(o.published.id).all<{ id: number }>()).results;
      for (const path of [
        `/admin/bai-viet/${o.published.id}`, `/admin/bai-viet/${o.draft.id}`, `/admin/bai-viet/${o.published.id}/lich-su`,
        `/admin/bai-viet/${o.published.id}/lich-su/${rev!.id}`, `/admin/bai-viet/${o.published.id}/xoa`,
      ]) {
        const res = await adminGet(editorA, path);
        const text = await textOf(res);
        expect([403, 404], `${o.key} ${path}: ${res.status}`).toContain(res.status);
        expect(text.toLowerCase(), `${o.key} ${path}`).not.toContain(o.marker);
      }
    }
    const trashed = await adminGet(editorA, `/admin/bai-viet/${trashedB.id}`);
    expect([403, 404]).toContain(trashed.status);
  });

  it('another site\'s article cannot be saved, published, deleted or restored through the admin; D1 unchanged', async () => {
    for (const o of others(S.a)) {
      const before = [await rowOf(o.published.id), await rowOf(o.draft.id)];
      for (const target of [o.published, o.draft]) {
        const row = await rowOf(target.id);
        for (const action of ['save', 'publish', 'unpublish', 'archive']) {
          const res = await adminPost(editorA, `/admin/bai-viet/${target.id}`, {
            action, version: String(row.version), title: `${S.a.marker} chiếm bài`, slug: row.slug, summary: '', category: CATEGORY, tags: '', body: 'x', byline: '', publish_at: '',
          });
          expect([403, 404], `${action} ${o.key}/${target.id}: ${res.status}`).toContain(res.status);
        }
        const del = await adminPost(editorA, `/admin/bai-viet/${target.id}/xoa`, { version: String(row.version) });
        expect([403, 404], `delete ${o.key}/${target.id}: ${del.status}`).toContain(del.status);
      }
      expect([await rowOf(o.published.id), await rowOf(o.draft.id)], o.key).toEqual(before);
    }
    const restore = await adminPost(editorA, `/admin/bai-viet/${trashedB.id}/khoi-phuc`, { version: String(trashedB.version) });
    expect([403, 404], `restore: ${restore.status}`).toContain(restore.status);
    expect((await rowOf(trashedB.id)).deleted_at).not.toBeNull();
  });

  it('a new article cannot be put in another site\'s category or given another site\'s image as cover', async () => {
    const image = `2026/11/bia-b-${U}.png`;
    await env.MEDIA.put(`sites/${S.b.id}/${image}`, new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 5]), { httpMetadata: { contentType: 'image/png' } });
    const base = { action: 'save', slug: '', summary: '', tags: '', body: 'x', byline: '', publish_at: '', version: '', cover_caption: '' };
    const attempts: [string, Record<string, string>][] = [
      [`${S.a.marker} chuyên mục của B`, { category: S.b.ownCategory }],
      [`${S.a.marker} ảnh bìa của B`, { category: CATEGORY, cover_key: image, cover_alt: 'Ảnh của B' }],
    ];
    for (const [title, fields] of attempts) {
      const res = await adminPost(editorA, '/admin/bai-viet/moi', { ...base, title, ...fields });
      expect(res.status, title).toBe(422);
      expect((await env.DB.prepare('SELECT count(*) AS n FROM articles WHERE title = ?').bind(title).first<{ n: number }>())!.n, title).toBe(0);
    }
    // The control: the same form with A's own category is saved.
    const ok = await adminPost(editorA, '/admin/bai-viet/moi', { ...base, title: `${S.a.marker} của A`, category: S.a.ownCategory });
    expect(ok.status).toBe(303);
    // An account of another site cannot be re-created (or its password reset) from here.
    const hashBefore = (await env.DB.prepare('SELECT password_hash FROM users WHERE id = ?').bind(adminB.userId).first<{ password_hash: string }>())!.password_hash;
    const made = await adminPost(adminA, '/admin/nguoi-dung', { action: 'create', email: adminB.email, name: 'Chiếm tài khoản', role: 'editor' });
    expect(made.status).toBe(409);
    expect((await env.DB.prepare('SELECT password_hash FROM users WHERE id = ?').bind(adminB.userId).first<{ password_hash: string }>())!.password_hash).toBe(hashBefore);
  });

  it('the site switcher refuses a site the account has no role on, and the session stays where it was', async () => {
    for (const o of others(S.a)) {
      const res = await adminPost(editorA, '/admin/chon-trang', { site: String(o.id) });
      expect(res.status, o.key).toBe(403);
      expect(await workingSiteOf(editorA), o.key).toBe(S.a.id);
    }
    for (const bad of ['0', '-1', '999999', `${S.b.id}.0`, ` ${S.b.id}`, '']) {
      const res = await adminPost(editorA, '/admin/chon-trang', { site: bad });
      expect(res.status, JSON.stringify(bad)).toBe(403);
      expect(await workingSiteOf(editorA)).toBe(S.a.id);
    }
    // Its own site it may choose (the refusals above are not refusals of everything).
    expect((await adminPost(editorA, '/admin/chon-trang', { site: String(S.a.id) })).status).toBe(303);
  });

  it('a session left working on a site whose role was taken away sees nothing of that site', async () => {
    const both = await sessionFor([[S.a.id, 'editor'], [S.b.id, 'editor']], S.b.id);
    const before = await textOf(await adminGet(both, '/admin/bai-viet'));
    expect(before, 'works on B while the role holds').toContain(S.b.marker);
    await env.DB.prepare('DELETE FROM site_roles WHERE user_id = ? AND site_id = ?').bind(both.userId, S.b.id).run();
    for (const path of ['/admin/bai-viet', '/admin', `/admin/bai-viet/${S.b.published.id}`]) {
      const res = await adminGet(both, path);
      const text = await textOf(res);
      expect(text.toLowerCase(), path).not.toContain(S.b.marker);
    }
    const row = await rowOf(S.b.published.id);
    const res = await adminPost(both, `/admin/bai-viet/${S.b.published.id}`, { action: 'save', version: String(row.version), title: 'chiếm sau khi mất quyền', slug: row.slug, category: CATEGORY, body: 'x' });
    expect(res.status).not.toBe(303);
    expect(await rowOf(S.b.published.id)).toEqual(row);
  });

  it('another site\'s revision cannot be shown or restored into one\'s own article', async () => {
    const [{ id: revB }] = (await env.DB.prepare('SELECT id FROM article_revisions WHERE article_id = ? ORDER BY id DESC LIMIT 1').bind(S.b.draft.id).all<{ id: number }>()).results as [{ id: number }];
    const path = `/admin/bai-viet/${S.a.published.id}/lich-su/${revB}`;
    const shown = await adminGet(editorA, path);
    expect(shown.status).toBe(404);
    expect((await shown.text()).toLowerCase()).not.toContain(S.b.marker);
    const before = await rowOf(S.a.published.id);
    const restored = await adminPost(editorA, path, { version: String(before.version) });
    expect([403, 404]).toContain(restored.status);
    expect(await rowOf(S.a.published.id)).toEqual(before);
    expect(await (await at(`${S.a.origin}/api/v1/articles/${S.a.published.slug}`, { headers: bearer(S.a.token) })).text()).not.toContain(S.b.draftMarker);
  });

  it('another site\'s category cannot be renamed, and nothing that is not a commune\'s can be featured', async () => {
    const [{ id: categoryB, name }] = (await env.DB.prepare('SELECT id, name FROM categories WHERE site_id = ? AND slug = ?').bind(S.b.id, S.b.ownCategory).all<{ id: number; name: string }>()).results as [{ id: number; name: string }];
    const rename = await adminPost(adminA, '/admin/chuyen-muc', { action: 'rename', id: String(categoryB), name: `${S.a.marker} đổi tên` });
    expect(rename.status).toBe(404);
    expect((await env.DB.prepare('SELECT name FROM categories WHERE id = ?').bind(categoryB).first<{ name: string }>())!.name).toBe(name);
    // A commune has no communes to feature; a province features its communes' published articles only.
    const featured = async () => (await env.DB.prepare('SELECT site_id, article_id FROM featured_articles ORDER BY site_id, article_id').all()).results;
    const before = await featured();
    const communeTry = await adminPost(editorA, '/admin/tin-co-so', { action: 'feature', id: String(S.b.published.id) });
    expect([403, 404]).toContain(communeTry.status);
    const editorP = await sessionFor([[S.tinh.id, 'editor']], S.tinh.id);
    for (const id of [S.one.published.id, S.luu.published.id, S.tinh.published.id, S.a.draft.id, S.b.draft.id, trashedB.id]) {
      const res = await adminPost(editorP, '/admin/tin-co-so', { action: 'feature', id: String(id) });
      expect([403, 404, 422], `feature ${id}: ${res.status}`).toContain(res.status);
    }
    expect(await featured()).toEqual(before);
    // The control: a commune's published article is featured, and shows on the province's home.
    expect((await adminPost(editorP, '/admin/tin-co-so', { action: 'feature', id: String(S.a.published.id) })).status).toBeLessThan(400);
    expect(await featured()).toContainEqual({ site_id: S.tinh.id, article_id: S.a.published.id });
    // Featuring is a reference: the province's editor still cannot open or change the commune's article.
    const row = await rowOf(S.a.published.id);
    expect((await adminGet(editorP, `/admin/bai-viet/${S.a.published.id}`)).status).toBe(404);
    expect([403, 404]).toContain((await adminPost(editorP, `/admin/bai-viet/${S.a.published.id}`, { action: 'save', version: String(row.version), title: 'tỉnh sửa bài xã', slug: row.slug, category: CATEGORY, body: 'x' })).status);
    expect(await rowOf(S.a.published.id)).toEqual(row);
    // Nobody but a platform admin reaches the sites pages.
    for (const who of [editorA, adminA, editorP]) expect((await adminGet(who, '/admin/cac-trang')).status).toBe(403);
  });

  it('a site admin sees the tokens and people of the working site only', async () => {
    const tokens = await textOf(await adminGet(adminA, '/admin/ma-truy-cap'));
    expect(tokens).toContain(`probe-${U}-${S.a.id}-`);
    for (const o of others(S.a)) expect(tokens, o.key).not.toContain(`probe-${U}-${o.id}-`);
    // An account B's admin creates (its role change logged on B) is none of A's admin's business.
    const newcomer = `nguoi-moi-${U}@xa-b.example.vn`;
    expect((await adminPost(adminB, '/admin/nguoi-dung', { action: 'create', email: newcomer, name: 'Người mới của B', role: 'editor' })).status).toBeLessThan(400);
    expect(await textOf(await adminGet(adminB, '/admin/nguoi-dung')), 'B lists its new account').toContain(newcomer);
    const people = await adminGet(adminA, '/admin/nguoi-dung');
    const html = await textOf(people);
    expect(people.status).toBe(200);
    expect(html).toContain(editorA.email);
    expect(html).not.toContain(adminB.email);
    expect(html).not.toContain(newcomer);
    // Revoking another site's token from here changes nothing.
    const [bToken] = (await env.DB.prepare('SELECT id FROM api_tokens WHERE site_id = ? AND revoked_at IS NULL').bind(S.b.id).all<{ id: number }>()).results;
    const revoke = await adminPost(adminA, '/admin/ma-truy-cap', { action: 'revoke', id: String(bToken!.id) });
    expect(revoke.status).toBeLessThan(500);
    expect((await env.DB.prepare('SELECT revoked_at FROM api_tokens WHERE id = ?').bind(bToken!.id).first<{ revoked_at: number | null }>())!.revoked_at).toBeNull();
    expect((await at(`${S.b.origin}/api/v1/articles/${S.b.draft.slug}`, { headers: bearer(S.b.token) })).status).toBe(200);
    // And B's admin cannot take A's editor away.
    const before = (await env.DB.prepare('SELECT role FROM site_roles WHERE user_id = ? AND site_id = ?').bind(editorA.userId, S.a.id).first<{ role: string }>())!.role;
    for (const fields of [{ action: 'disable' }, { action: 'role', role: 'admin' }, { action: 'remove' }, { action: 'reset-link' }, { action: 'reset-2fa' }] as Record<string, string>[]) {
      const res = await adminPost(adminB, '/admin/nguoi-dung', { ...fields, id: String(editorA.userId) });
      expect([403, 404], `${fields.action} of A's editor by B's admin`).toContain(res.status);
    }
    expect((await env.DB.prepare('SELECT site_id, role FROM site_roles WHERE user_id = ?').bind(editorA.userId).all()).results).toEqual([{ site_id: S.a.id, role: before }]);
    expect((await env.DB.prepare('SELECT count(*) AS n FROM password_resets WHERE user_id = ?').bind(editorA.userId).first<{ n: number }>())!.n).toBe(0);
    expect((await env.DB.prepare('SELECT role FROM site_roles WHERE user_id = ? AND site_id = ?').bind(editorA.userId, S.a.id).first<{ role: string }>())!.role).toBe(before);
    expect((await env.DB.prepare('SELECT disabled_at FROM users WHERE id = ?').bind(editorA.userId).first<{ disabled_at: number | null }>())!.disabled_at).toBeNull();
  });
});
