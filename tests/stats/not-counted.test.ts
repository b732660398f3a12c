// What must leave every figure unchanged: bots, HEAD, prefetches, non-pages and non-200 responses.
import { expect, it } from 'vitest';
import { stats, view } from '../support/stats.ts';

const cases: [string, string, RequestInit & { headers?: Record<string, string> }][] = [
  ['Googlebot', '/', { headers: { 'User-Agent': 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)' } }],
  ['coccocbot (Vietnamese search engine)', '/', { headers: { 'User-Agent': 'Mozilla/5.0 (compatible; coccocbot-web/1.0; +http://help.coccoc.com/searchengine)' } }],
  ['curl', '/', { headers: { 'User-Agent': 'curl/8.5.0' } }],
  ['a request without User-Agent', '/', { headers: { 'User-Agent': '' } }],
  ['HEAD', '/', { method: 'HEAD' }],
  ['Sec-Purpose: prefetch', '/', { headers: { 'Sec-Purpose': 'prefetch' } }],
  ['Sec-Purpose: prefetch;prerender', '/', { headers: { 'Sec-Purpose': 'prefetch;prerender' } }],
  ['Purpose: prefetch', '/', { headers: { Purpose: 'prefetch' } }],
  ['an admin page', '/admin', {}],
  ['the API', '/api/v1/articles', {}],
  ['the JSON feed', '/feed.json', {}],
  ['RSS', '/rss.xml', {}],
  ['the sitemap', '/sitemap.xml', {}],
  ['an asset', '/robots.txt', {}],
  ['media', '/media/2024/03/anh.jpg', {}],
  ['a 404 page', '/khong-co-trang-nay', {}],
];

it.each(cases)('%s is not counted', async (_name, path, init) => {
  const before = await stats();
  const res = await view(path, 7, init);
  await res.arrayBuffer();
  const after = await stats();
  expect(after.totalVisits).toBe(before.totalVisits);
  expect(after.onlineNow).toBe(before.onlineNow);
  expect(after.pageViews).toBe(before.pageViews);
  expect(after.visitsToday).toBe(before.visitsToday);
});

it('while the same reader\'s ordinary GET of a page is counted (the cases above are not vacuous)', async () => {
  const before = await stats();
  await (await view('/', 7)).arrayBuffer();
  const after = await stats();
  expect(after.pageViews).toBe(before.pageViews + 1);
  expect(after.totalVisits).toBe(before.totalVisits + 1);
});
