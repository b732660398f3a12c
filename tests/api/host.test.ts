// The Host header cannot poison anything: a host the deployment does not serve gets a 404 on every
// surface, every link the API and feeds build uses the configured origin whatever the request claims,
// and the host is part of the edge-cache key. Pages (canonical, og:url, JSON-LD) are in tests/pages/host.test.ts.
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env, exports } from 'cloudflare:workers';
import { expect, it } from 'vitest';
import worker from '../../functions/index.ts';
import { auth, call, expectProblem, freshCategory, jsonInit, ORIGIN, patchArticle, postArticle, readAsWriter, writeToken } from '../support/api.ts';
import { FEED_PAGE_SIZE } from '../../functions/feeds/feed-page.ts';
import { foreignLinks } from '../support/links.ts';
import { envWith } from '../support/stats.ts';

const FOREIGN = ['http://attacker.example', 'https://attacker.example', 'http://cms.test:8080', 'http://cms.test.attacker.example', 'http://127.0.0.1:8787'];

async function fixtures() {
  const token = await writeToken();
  const category = await freshCategory();
  const tag = `the-${category}`;
  const { article } = await postArticle(token, { title: `Bài về máy chủ ${category}`, category, status: 'published', tags: [tag] });
  await postArticle(token, { title: `Bài thứ hai ${category}`, category, status: 'published', tags: [tag] });
  return { token, category, tag, slug: article.slug, tagSlug: (article.tags as { slug: string }[])[0]!.slug };
}

function surfaces(f: Awaited<ReturnType<typeof fixtures>>): string[] {
  return [
    '/api/v1/articles?limit=1', `/api/v1/articles/${f.slug}`, '/api/v1/categories', `/api/v1/categories/${f.category}`,
    '/api/v1/openapi.json', '/api/v1/stats', '/feed.json', '/rss.xml', `/chuyen-muc/${f.category}/feed.json`,
    `/chuyen-muc/${f.category}/rss.xml`, `/the/${f.tagSlug}/feed.json`, `/the/${f.tagSlug}/rss.xml`, '/sitemap.xml',
    '/robots.txt', '/', `/bai-viet/${f.slug}`, '/admin/login', '/favicon.svg', '/media/2026/01/khong-co.png',
  ];
}

it('a host the deployment does not serve gets 404 problem+json on every surface, naming no host', async () => {
  const f = await fixtures();
  for (const origin of FOREIGN) {
    for (const path of surfaces(f)) {
      const res = await exports.default.fetch(new Request(origin + path, { headers: { 'User-Agent': 'Mozilla/5.0' } }));
      const problem = await expectProblem(res, 404);
      expect(problem.type, origin + path).toBe('https://bientap.dev/problems/unknown-host');
      expect(res.headers.get('Cache-Control')).toBe('no-store');
      expect(JSON.stringify(problem) + [...res.headers].join(' '), origin + path).not.toMatch(/attacker|8080|127\.0\.0\.1/);
    }
  }
});

it('a write to a foreign host is refused before it runs: nothing is created', async () => {
  const { token, category } = await fixtures();
  const res = await exports.default.fetch(new Request('http://attacker.example/api/v1/articles', {
    ...jsonInit('POST', token, { title: 'Không được tạo', slug: `khong-tao-${category}`, category, status: 'published' }),
  }));
  await expectProblem(res, 404);
  expect((await call(`/api/v1/articles/khong-tao-${category}`, { headers: auth(token) })).status).toBe(404);
});

it('X-Forwarded-Host, Forwarded and X-Original-Host change no link: every URL built is the configured origin', async () => {
  const f = await fixtures();
  const forged = { 'X-Forwarded-Host': 'attacker.example', Forwarded: 'host=attacker.example;proto=https', 'X-Original-Host': 'attacker.example', 'X-Forwarded-Proto': 'https' };
  for (const path of surfaces(f)) {
    const res = await call(path, { headers: forged });
    const text = await res.text();
    expect(res.status, path).toBeLessThan(500);
    expect(foreignLinks(text + ' ' + [...res.headers].join(' '), ORIGIN), path).toEqual([]);
  }
  // The ones that must carry links do, and they are ours.
  const list = await call('/api/v1/articles?limit=1', { headers: forged });
  expect(list.headers.get('Link')).toMatch(/^<http:\/\/cms\.test\/api\/v1\/articles\?limit=1&cursor=[^>]+>; rel="next"$/);
  const body = (await list.json()) as { items: { url: string; apiUrl: string }[]; nextUrl: string };
  expect(body.items[0]!.url.startsWith('http://cms.test/bai-viet/')).toBe(true);
  expect(body.items[0]!.apiUrl.startsWith('http://cms.test/api/v1/articles/')).toBe(true);
  expect(body.nextUrl.startsWith('http://cms.test/')).toBe(true);
  const feed = (await (await call(`/chuyen-muc/${f.category}/feed.json`, { headers: forged })).json()) as Record<string, string>;
  expect([feed.home_page_url, feed.feed_url]).toEqual([`${ORIGIN}/chuyen-muc/${f.category}`, `${ORIGIN}/chuyen-muc/${f.category}/feed.json`]);
  const openapi = (await (await call('/api/v1/openapi.json', { headers: forged })).json()) as { servers: { url: string }[] };
  expect(openapi.servers).toEqual([{ url: ORIGIN }]);
  expect(await (await call('/robots.txt', { headers: forged })).text()).toContain(`Sitemap: ${ORIGIN}/sitemap.xml`);
  const created = await call('/api/v1/articles', { ...jsonInit('POST', f.token, { title: 'Tạo qua proxy giả', category: f.category }, forged) });
  expect(created.status).toBe(201);
  expect(created.headers.get('Location')).toMatch(/^http:\/\/cms\.test\/api\/v1\/articles\//);
  // A former slug's 301 points at our origin too.
  const { etag } = await readAsWriter(f.token, f.slug);
  expect((await patchArticle(f.token, f.slug, etag, { slug: `${f.slug}-moi` })).status).toBe(200);
  const moved = await call(`/api/v1/articles/${f.slug}`, { headers: forged });
  expect(moved.status).toBe(301);
  expect(moved.headers.get('Location')).toBe(`${ORIGIN}/api/v1/articles/${f.slug}-moi`);
});

it("a JSON Feed's next_url is on the configured origin whatever the request claims", async () => {
  const token = await writeToken();
  const category = await freshCategory();
  for (let i = 0; i <= FEED_PAGE_SIZE; i++) await postArticle(token, { title: `Bài phân trang ${i}`, category, status: 'published' });
  const res = await call(`/chuyen-muc/${category}/feed.json`, { headers: { 'X-Forwarded-Host': 'attacker.example' } });
  const feed = (await res.json()) as { next_url: string };
  expect(feed.next_url).toMatch(new RegExp(`^http://cms\\.test/chuyen-muc/${category}/feed\\.json\\?cursor=`));
});

it('a forged request leaves the cache as it was: the next normal request gets our links', async () => {
  const f = await fixtures();
  for (const path of surfaces(f)) {
    await (await exports.default.fetch(new Request('http://attacker.example' + path))).arrayBuffer();
    await (await call(path, { headers: { 'X-Forwarded-Host': 'attacker.example' } })).arrayBuffer();
    const text = await (await call(path)).text();
    expect(text, path).not.toContain('attacker');
  }
});

// --- The default configuration (SITE_URL and SITE_HOSTS empty): local development on loopback ---

async function devFetch(url: string, vars: Partial<Record<keyof Env, string>> = {}): Promise<Response> {
  const ctx = createExecutionContext();
  const res = await worker.fetch(new Request(url, { redirect: 'manual' }), envWith({ SITE_URL: '', SITE_HOSTS: '', ...vars }), ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

it('with SITE_URL empty only loopback hosts are served, each linking to itself', async () => {
  const f = await fixtures();
  expect((await devFetch('http://attacker.example/feed.json')).status).toBe(404);
  expect((await devFetch('http://dongy.example.vn/sitemap.xml')).status).toBe(404);
  for (const origin of ['http://127.0.0.1:8787', 'http://localhost:4321', 'http://cms.localhost', 'http://[::1]:8787']) {
    for (const path of [`/chuyen-muc/${f.category}/feed.json`, '/sitemap.xml', '/robots.txt', '/api/v1/articles?limit=1']) {
      const res = await devFetch(origin + path);
      expect(res.status, origin + path).toBe(200);
      const text = (await res.text()) + ' ' + [...res.headers].join(' ');
      expect(foreignLinks(text, origin), origin + path).toEqual([]);
      expect(text, origin + path).toContain(origin + '/');
    }
  }
});

it('the host is part of the cache key: a poisoned request, then another served host, each get their own links', async () => {
  const f = await fixtures();
  const path = `/chuyen-muc/${f.category}/feed.json`;
  // Before the fix the first request filled the shared entry that the second one was then handed.
  expect((await devFetch('http://attacker.example' + path)).status).toBe(404);
  const first = (await (await devFetch('http://127.0.0.1:8787' + path)).json()) as { feed_url: string };
  expect(first.feed_url).toBe(`http://127.0.0.1:8787${path}`);
  // Another served host, same path, same generation: an entry of its own, not the one just stored.
  const second = (await (await devFetch('http://localhost:8787' + path)).json()) as { feed_url: string };
  expect(second.feed_url).toBe(`http://localhost:8787${path}`);
  // And the first host's entry is still its own (served from the cache: a change behind the API is not seen).
  await env.DB.prepare("UPDATE categories SET name = 'Đổi ngầm' WHERE slug = ?").bind(f.category).run();
  const again = (await (await devFetch('http://127.0.0.1:8787' + path)).json()) as { feed_url: string; title: string };
  expect(again.feed_url).toBe(`http://127.0.0.1:8787${path}`);
  expect(again.title).not.toContain('Đổi ngầm');
});

it('SITE_HOSTS are served too, and still link to SITE_URL; hosts not listed are not', async () => {
  const f = await fixtures();
  const vars = { SITE_URL: 'https://dongy.example.vn', SITE_HOSTS: 'www.dongy.example.vn, old.example.vn:8443' };
  for (const origin of ['https://dongy.example.vn', 'http://dongy.example.vn', 'https://www.dongy.example.vn', 'https://old.example.vn:8443']) {
    const res = await devFetch(`${origin}/chuyen-muc/${f.category}/rss.xml`, vars);
    expect(res.status, origin).toBe(200);
    expect(foreignLinks(await res.text(), 'https://dongy.example.vn'), origin).toEqual([]);
  }
  for (const origin of ['https://old.example.vn', 'https://attacker.example', 'http://127.0.0.1:8787', 'http://localhost']) {
    expect((await devFetch(`${origin}/sitemap.xml`, vars)).status, origin).toBe(404);
  }
});
