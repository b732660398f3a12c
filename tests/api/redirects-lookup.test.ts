// Old URLs answer 301 where the page would be a 404 (the worker project's pages are all 404s: see
// tests/support/astro-handler-stub.ts): GET and HEAD, path+query then path, Vietnamese spellings, cached at
// the edge yet changed at once by an edit, hits counted, never across sites; and the query-string case on a
// live page ("/?p=12") that costs no D1 query for other query strings.
import { env } from 'cloudflare:workers';
import { describe, expect, it, vi } from 'vitest';
import { commitSiteChange } from '../../functions/articles/service.ts';
import { database } from '../../functions/data/db.ts';
import { createSite } from '../../functions/data/sites.ts';
import { oldPathOf, redirectByFrom, upsertRedirect } from '../../functions/data/redirects.ts';
import { pageOrRedirect } from '../../functions/redirects/lookup.ts';
import { changeRedirect, createRedirect } from '../../functions/redirects/service.ts';
import { loadRegistry } from '../../functions/sites/registry.ts';
import type { Site } from '../../functions/sites/resolve.ts';
import { call, FIRST_SITE_ID, firstSite, ORIGIN, unique } from '../support/api.ts';
import { at } from '../support/cross-site.ts';
import { withBrokenGeneration } from '../support/generation.ts';
import { recordingD1, type Recorded } from '../support/recording-d1.ts';

const db = database(env.DB);

/** As the import writes one: through the write door, which moves the site's generation. */
async function imported(from: string, to: string, siteId = FIRST_SITE_ID): Promise<string> {
  const path = oldPathOf(from)!;
  await commitSiteChange(env, { id: siteId, status: 'active' }, new Date(), [upsertRedirect(db, siteId, path, to, 'import')]);
  return path;
}

async function hitsOf(path: string, siteId = FIRST_SITE_ID): Promise<number> {
  return (await redirectByFrom(db, siteId, path))?.hits ?? -1;
}

describe('the 301 of an old URL', () => {
  it('answers GET and HEAD with the new path on the site\'s origin, counts hits (cached answers too), never shows its internal header', async () => {
    const path = await imported(`/${unique('tin-tuc')}.html`, '/bai-viet/moi');
    const first = await call(path);
    expect(first.status).toBe(301);
    expect(first.headers.get('Location')).toBe(`${ORIGIN}/bai-viet/moi`);
    expect(first.headers.get('Cache-Control')).toMatch(/public/);
    expect(first.headers.has('X-Redirect-Id')).toBe(false);
    // The second comes from the edge cache (same generation) and is counted all the same.
    const second = await call(path);
    expect(second.status).toBe(301);
    expect(second.headers.has('X-Redirect-Id')).toBe(false);
    const head = await call(path, { method: 'HEAD' });
    expect(head.status).toBe(301);
    expect(head.headers.get('Location')).toBe(`${ORIGIN}/bai-viet/moi`);
    await vi.waitFor(async () => expect(await hitsOf(path)).toBe(3));
  });

  it('goes in one hop from an old spelling the site itself would send elsewhere (".html", a trailing slash)', async () => {
    const html = await imported(`/tin-tuc/${unique('bai')}.html`, '/bai-viet/mot');
    const slash = await imported(`/2019/05/${unique('bai')}/`, '/bai-viet/hai');
    expect((await call(html)).headers.get('Location')).toBe(`${ORIGIN}/bai-viet/mot`);
    expect((await call(slash)).headers.get('Location')).toBe(`${ORIGIN}/bai-viet/hai`);
    // Without a redirect, the canonical spelling as before.
    expect((await call(`/tin-tuc/${unique('khac')}-x.html`)).headers.get('Location')).toMatch(/^\/tin-tuc\/.*-x$/);
    await vi.waitFor(async () => expect(await hitsOf(html)).toBe(1));
  });

  it('leaves an unknown path its 404 page, and a POST to an old path alone', async () => {
    const res = await call(`/${unique('khong-co')}`);
    expect(res.status).toBe(404);
    expect(res.headers.get('Content-Type')).toMatch(/text\/html/);
    const path = await imported(`/${unique('cu')}.html`, '/bai-viet/x');
    expect((await call(path, { method: 'POST' })).status).not.toBe(301);
  });

  it('finds a Vietnamese path however the link spells it', async () => {
    const word = unique('tin');
    const path = await imported(`/${word}/t%e1%bb%a9c-c%c5%a9`, '/bai-viet/tuc');
    expect(path).toBe(`/${word}/t%E1%BB%A9c-c%C5%A9`);
    for (const asked of [`/${word}/tức-cũ`, `/${word}/t%e1%bb%a9c-c%c5%a9`, `/${word}/${'tức-cũ'.normalize('NFD')}`]) {
      const res = await call(asked);
      expect(res.status, asked).toBe(301);
      expect(res.headers.get('Location')).toBe(`${ORIGIN}/bai-viet/tuc`);
    }
  });

  it('matches the path with its query first, then the path alone; an absolute target is the Location as is', async () => {
    const base = `/${unique('index')}.php`;
    await imported(`${base}?option=com_content&id=5`, '/bai-viet/j5');
    expect((await call(`${base}?option=com_content&id=5`)).headers.get('Location')).toBe(`${ORIGIN}/bai-viet/j5`);
    // No row for id=6 and none for the path alone: the 404 stands.
    expect((await call(`${base}?option=com_content&id=6`)).status).toBe(404);
    const old = await imported(`/${unique('cu')}.html`, 'https://dichvucong.gov.vn/p/home.html');
    const tracked = await call(`${old}?utm_source=facebook&fbclid=abc#x`);
    expect(tracked.status).toBe(301);
    expect(tracked.headers.get('Location')).toBe('https://dichvucong.gov.vn/p/home.html');
  });

  it('finds an old path with or without its trailing slash (WordPress answered both), the spelling stored first, in one query', async () => {
    const slashed = await imported(`/${unique('gioi-thieu')}/`, '/trang/gioi-thieu');
    const bare = await imported(`/${unique('lien-he')}`, '/trang/lien-he');
    for (const asked of [slashed.slice(0, -1), `${slashed.slice(0, -1)}?utm_source=zalo`, slashed]) {
      const res = await call(asked);
      expect(res.status, asked).toBe(301);
      expect(res.headers.get('Location')).toBe(`${ORIGIN}/trang/gioi-thieu`);
    }
    // In one hop, not through the site's own canonical 301 ("/x/" -> "/x") first.
    expect((await call(`${bare}/`)).headers.get('Location')).toBe(`${ORIGIN}/trang/lien-he`);
    // Both spellings stored: each finds its own.
    const both = `/${unique('ca-hai')}`;
    await imported(both, '/trang/khong-gach');
    await imported(`${both}/`, '/trang/co-gach');
    expect((await call(both)).headers.get('Location')).toBe(`${ORIGIN}/trang/khong-gach`);
    expect((await call(`${both}/`)).headers.get('Location')).toBe(`${ORIGIN}/trang/co-gach`);
    // A redirect to the other spelling of the URL asked would loop: the 404 stands.
    const self = `/bai-viet/${unique('chinh-no')}`;
    await imported(`${self}/`, self);
    expect((await call(self)).status).toBe(404);
    // The root has no other spelling; the lookup is one statement.
    const statements: Recorded[] = [];
    const notFound = () => Promise.resolve(new Response('không có', { status: 404 }));
    const moved = await pageOrRedirect(new Request(`${ORIGIN}${slashed.slice(0, -1)}`), { ...env, DB: recordingD1(statements) }, await firstSite(), notFound);
    expect(moved.headers.get('Location')).toBe(`${ORIGIN}/trang/gioi-thieu`);
    expect(statements).toHaveLength(1);
  });

  it('never answers with a redirect to the very URL asked (an imported item unpublished since)', async () => {
    const path = `/bai-viet/${unique('chinh-no')}`;
    await imported(path, path);
    expect((await call(path)).status).toBe(404);
  });

  it('takes an edit into account at once, although the 301 was cached', async () => {
    const site = await firstSite();
    const from = `/${unique('sua')}.html`;
    await createRedirect(env, site, { from, to: '/gioi-thieu' }, null, new Date());
    expect((await call(from)).headers.get('Location')).toBe(`${ORIGIN}/gioi-thieu`);
    expect((await call(from)).headers.get('Location')).toBe(`${ORIGIN}/gioi-thieu`);
    const row = await redirectByFrom(db, site.id, from);
    await changeRedirect(env, site, row!.id, { from, to: '/lien-he' }, null, new Date());
    expect((await call(from)).headers.get('Location')).toBe(`${ORIGIN}/lien-he`);
  });
});

describe('sites apart', () => {
  it('a redirect of one site never answers on another', async () => {
    const host = `${unique('xa')}.test`;
    const other = await createSite(db, { name: `Xã ${unique('x')}`, hosts: [host] });
    const path = `/${unique('rieng')}`;
    await imported(path, '/bai-viet/cua-xa', other.id);
    const there = await at(`http://${host}${path}`);
    expect(there.status).toBe(301);
    expect(there.headers.get('Location')).toBe(`http://${host}/bai-viet/cua-xa`);
    expect((await call(path)).status).toBe(404);

    const mine = await imported(`/${unique('cua-mot')}`, '/bai-viet/mot');
    expect((await call(mine)).status).toBe(301);
    expect((await at(`http://${host}${mine}`)).status).toBe(404);
  });
});

describe('query-string old URLs on a live page ("/?p=12")', () => {
  /** env with its DB counting the statements the code prepares (the real local D1 underneath). */
  function countingEnv(): { env: Env; statements: () => number } {
    let n = 0;
    const DB = new Proxy(env.DB, {
      get(target, key) {
        if (key === 'prepare') n += 1;
        const value = Reflect.get(target, key) as unknown;
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
    return { env: { ...env, DB }, statements: () => n };
  }

  const live = () => Promise.resolve(new Response('<!doctype html><title>Trang chủ</title>', { status: 200, headers: { 'Content-Type': 'text/html' } }));

  it('answers 301 for a key the site\'s redirects use, renders the page for any other query without a D1 query', async () => {
    const host = `${unique('wp')}.test`;
    const created = await createSite(db, { name: `Cổng ${unique('wp')}`, hosts: [host] });
    const site: Site = { ...(await loadRegistry(db)).byId.get(created.id)!, origin: `http://${host}` };
    await imported('/?p=12', '/bai-viet/p12', site.id);
    await imported('/?page_id=7', '/trang/gioi-thieu', site.id);
    const probe = countingEnv();
    const moved = await pageOrRedirect(new Request(`http://${host}/?p=12`), probe.env, site, live);
    expect(moved.status).toBe(301);
    expect(moved.headers.get('Location')).toBe(`http://${host}/bai-viet/p12`);
    expect((await pageOrRedirect(new Request(`http://${host}/?utm_source=zalo&page_id=7`), probe.env, site, live)).headers.get('Location'))
      .toBe(null); // the exact query is looked up: page_id=7 with a tracking key is not /?page_id=7 (the page renders)
    expect((await pageOrRedirect(new Request(`http://${host}/?p=99`), probe.env, site, live)).status).toBe(200);

    // The site's query keys are known now (same generation): tracking parameters cost no query.
    const before = probe.statements();
    for (const q of ['?utm_source=facebook', '?fbclid=IwAR0abc', '?gclid=x&utm_medium=cpc', '']) {
      const page = await pageOrRedirect(new Request(`http://${host}/${q}`), probe.env, site, live);
      expect(page.status, q).toBe(200);
    }
    expect(probe.statements()).toBe(before);
  });

  it('with the content generation unreadable, a query-string URL still answers: its redirect 301, another query the page, never a 5xx', async () => {
    const path = await imported(`/?p=${unique('hong')}`, '/bai-viet/khi-hong');
    await withBrokenGeneration(async () => {
      const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
      try {
        const moved = await call(path);
        expect(moved.status).toBe(301);
        expect(moved.headers.get('Location')).toBe(`${ORIGIN}/bai-viet/khi-hong`);
        expect((await call('/?utm_source=zalo')).status).toBe(404); // the worker project's page (the stub)
      } finally {
        logged.mockRestore();
      }
    });
  });

  it('another site\'s query keys are not this site\'s', async () => {
    await imported('/?cat=3', '/chuyen-muc/ba');
    const host = `${unique('khac')}.test`;
    const created = await createSite(db, { name: `Cổng ${unique('k')}`, hosts: [host] });
    const site: Site = { ...(await loadRegistry(db)).byId.get(created.id)!, origin: `http://${host}` };
    expect((await pageOrRedirect(new Request(`http://${host}/?cat=3`), env, site, live)).status).toBe(200);
    expect((await pageOrRedirect(new Request(`${ORIGIN}/?cat=3`), env, await firstSite(), live)).headers.get('Location')).toBe(`${ORIGIN}/chuyen-muc/ba`);
  });
});
