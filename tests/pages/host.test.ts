// Reader pages, built Worker: a foreign host gets 404 before any page runs, and whatever the request
// claims (X-Forwarded-Host, Forwarded, X-Forwarded-Proto), the canonical link, og:url, the feed links
// and the JSON-LD name the configured origin (SITE_URL = http://cms.test in vitest.config.ts), also
// for the next reader after a forged request. Loopback development: tests/e2e/host.test.ts.
import { exports } from 'cloudflare:workers';
import { expect, it } from 'vitest';
import { call, expectProblem, freshCategory, ORIGIN, postArticle, writeToken } from '../support/api.ts';
import { foreignLinks } from '../support/links.ts';
import { BROWSER_UA } from '../support/stats.ts';

const FORGED = { 'X-Forwarded-Host': 'attacker.example', Forwarded: 'host=attacker.example;proto=https', 'X-Forwarded-Proto': 'https', 'X-Forwarded-Port': '8443' };
const PAGE = { 'User-Agent': BROWSER_UA, Accept: 'text/html' };

async function fixtures() {
  const token = await writeToken();
  const category = await freshCategory('Chuyên mục máy chủ');
  const { article } = await postArticle(token, { title: 'Bài kiểm tra máy chủ', summary: 'Tóm tắt.', category, status: 'published', tags: ['Máy chủ giả'] });
  const tag = (article.tags as { slug: string }[])[0]!.slug;
  return { category, slug: article.slug, tag, pages: ['/', `/bai-viet/${article.slug}`, `/chuyen-muc/${category}`, `/the/${tag}`, '/tim-kiem?q=may+chu'] };
}

const attr = (html: string, re: RegExp) => [...html.matchAll(re)].map((m) => m[1]!);
const canonicalOf = (html: string) => attr(html, /<link rel="canonical" href="([^"]+)"/g);
const ogUrlOf = (html: string) => attr(html, /<meta property="og:url" content="([^"]+)"/g);
const feedLinksOf = (html: string) => attr(html, /<link rel="alternate" type="application\/(?:feed\+json|rss\+xml)"[^>]*href="([^"]+)"/g);
const jsonLdOf = (html: string) => attr(html, /<script type="application\/ld\+json">([^<]*)<\/script>/g).map((t) => JSON.parse(t) as Record<string, any>);

it('a foreign host gets 404 problem+json for pages, search, previews, the admin and static files', async () => {
  const f = await fixtures();
  for (const origin of ['http://attacker.example', 'https://attacker.example', 'http://cms.test:8080']) {
    for (const path of [...f.pages, '/admin/login', '/admin', '/xem-truoc/khong-hop-le', '/favicon.svg', '/khong-co-trang-nay']) {
      const res = await exports.default.fetch(new Request(origin + path, { headers: PAGE }));
      const problem = await expectProblem(res, 404);
      expect(problem.type, origin + path).toBe('https://bientap.dev/problems/unknown-host');
      expect(JSON.stringify(problem), origin + path).not.toMatch(/attacker|8080/);
    }
  }
});

it('canonical, og:url, feed links and JSON-LD name the configured origin whatever the request claims', async () => {
  const f = await fixtures();
  for (const path of f.pages) {
    const res = await call(path, { headers: { ...PAGE, ...FORGED } });
    expect(res.status, path).toBe(200);
    const html = await res.text();
    expect(foreignLinks(html, ORIGIN), path).toEqual([]);
    const canonical = canonicalOf(html);
    expect(canonical.length, path).toBe(1);
    expect(canonical[0]!.startsWith(`${ORIGIN}/`), path).toBe(true);
    expect(ogUrlOf(html), path).toEqual(canonical);
    const feeds = feedLinksOf(html);
    expect(feeds.length, path).toBeGreaterThanOrEqual(2);
    for (const href of feeds) expect(href.startsWith(`${ORIGIN}/`), `${path} ${href}`).toBe(true);
  }
  const article = await (await call(`/bai-viet/${f.slug}`, { headers: { ...PAGE, ...FORGED } })).text();
  const [ld] = jsonLdOf(article);
  expect(ld!.mainEntityOfPage['@id']).toBe(`${ORIGIN}/bai-viet/${f.slug}`);
  expect(ld!.publisher.url).toBe(`${ORIGIN}/`);
  expect(canonicalOf(article)).toEqual([`${ORIGIN}/bai-viet/${f.slug}`]);
  const category = await (await call(`/chuyen-muc/${f.category}`, { headers: { ...PAGE, ...FORGED } })).text();
  expect(feedLinksOf(category)).toContain(`${ORIGIN}/chuyen-muc/${f.category}/feed.json`);
});

it('a forged request cannot change what the next reader gets from the cache', async () => {
  const f = await fixtures();
  for (const path of f.pages) {
    await (await exports.default.fetch(new Request('http://attacker.example' + path, { headers: PAGE }))).arrayBuffer();
    await (await call(path, { headers: { ...PAGE, ...FORGED } })).arrayBuffer();
    const html = await (await call(path, { headers: PAGE })).text();
    expect(html, path).not.toContain('attacker');
    expect(foreignLinks(html, ORIGIN), path).toEqual([]);
  }
});

it('redirects the site makes (a trailing slash, the admin gate) stay on our host', async () => {
  const f = await fixtures();
  const expected = [[`/bai-viet/${f.slug}/`, 301, `/bai-viet/${f.slug}`], ['/admin', 303, '/admin/login?next=%2Fadmin']] as const;
  for (const [path, status, location] of expected) {
    const res = await call(path, { headers: { ...PAGE, ...FORGED } });
    await res.arrayBuffer();
    expect(res.status, path).toBe(status);
    // Relative: they can only lead to the host the reader already asked (and that one is served).
    expect(res.headers.get('Location'), path).toBe(location);
  }
});
