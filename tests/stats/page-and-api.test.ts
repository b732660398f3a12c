// The box in the page, /api/v1/stats, article view counts, privacy of the stored data, and pages
// that stay up when the counter objects fail.
import { runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { expect, it } from 'vitest';
import { readFigures, recordView, shard, shardCount } from '../../functions/stats/figures.ts';
import { ARTICLE_ID_HEADER, withVisitorStats } from '../../functions/stats/page-view.ts';
import { VISIT_COUNTER_SCHEMA } from '../../functions/stats/visit-counter-schema.ts';
import type { VisitCounter } from '../../functions/stats/visit-counter.ts';
import { call, expectProblem, freshCategory, postArticle, writeToken } from '../support/api.ts';
import { BROWSER_UA, envWith, firstSite, ipOf, shownFigures, stats, view } from '../support/stats.ts';

const site = await firstSite();

it('a page shows the isolate\'s figures: after its view is stored, the next page equals /api/v1/stats, in Vietnamese format', async () => {
  const first = await view('/', 4242);
  expect(first.status).toBe(200);
  expect(first.headers.get('Cache-Control')).toBe('private, no-cache');
  await first.text();
  const api = await stats(); // stores this isolate's pending views, then reads every shard
  expect(api.totalVisits).toBeGreaterThan(3_557_924); // the demo's starting offset plus this visit
  // The same reader again, within the visit: nothing moves, so the page shows exactly the API's figures.
  const html = await (await view('/', 4242)).text();
  expect(html).toContain('Thống kê truy cập');
  expect(html).toMatch(/data-stat="total">\d{1,3}(\.\d{3})+</); // 3.557.925: dots group thousands
  expect(shownFigures(html)).toEqual({ online: api.onlineNow, total: api.totalVisits });
});

it('/api/v1/stats is open to any origin and cached for seconds at most, with the daily series', async () => {
  await (await view('/', 4343)).arrayBuffer();
  const res = await call('/api/v1/stats', { headers: { Origin: 'https://bao.example' } });
  expect(res.headers.get('Access-Control-Allow-Origin')).toBe('*');
  const maxAge = Number(/max-age=(\d+)/.exec(res.headers.get('Cache-Control') ?? '')?.[1]);
  expect(maxAge).toBeLessThanOrEqual(5);
  const body = (await res.json()) as { days: { day: string; visits: number }[]; visitsToday: number };
  const today = body.days.at(-1)!;
  expect(today.day).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  expect(today.visits).toBe(body.visitsToday);
});

it('an article read in the API carries its page views', async () => {
  const { article } = await postArticle(await writeToken(), { title: 'Bài có lượt xem', category: await freshCategory(), status: 'published' });
  const page = () => new Response('<html><body><b data-stat="total"></b></body></html>', {
    headers: { 'Content-Type': 'text/html; charset=utf-8', [ARTICLE_ID_HEADER]: String(article.id) },
  });
  const stored: Promise<unknown>[] = [];
  const ctx = { waitUntil: (p: Promise<unknown>) => stored.push(p), passThroughOnException() {}, props: {} } as unknown as ExecutionContext;
  for (const reader of [1, 2, 3]) {
    const req = new Request('http://cms.test/bai-viet/' + article.slug, { headers: { 'CF-Connecting-IP': ipOf(reader), 'User-Agent': BROWSER_UA } });
    const out = await withVisitorStats(req, env, ctx, page());
    expect(out.headers.get(ARTICLE_ID_HEADER)).toBeNull(); // internal header never reaches readers
    await out.text();
  }
  expect(stored).toHaveLength(3); // each view is stored after its response, through waitUntil
  await Promise.all(stored);
  const read = await call(`/api/v1/articles/${article.slug}`);
  const json = (await read.json()) as { views: number };
  expect(json.views).toBe(3);
  // The live counter is not part of the validator: revalidation still answers 304.
  const again = await call(`/api/v1/articles/${article.slug}`, { headers: { 'If-None-Match': read.headers.get('ETag')! } });
  expect(again.status).toBe(304);
});

it('no raw IP or User-Agent is stored in any counter shard', async () => {
  const ua = 'Mozilla/5.0 (Privacy-Probe-UA 9.9) Chrome/131';
  const ip = '198.51.100.77';
  await (await call('/', { headers: { 'CF-Connecting-IP': ip, 'User-Agent': ua } })).arrayBuffer();
  const dumps: string[] = [];
  for (let i = 0; i < shardCount(env); i++) {
    dumps.push(await runInDurableObject(shard(env, site.id, i), (_: VisitCounter, state) => {
      const tables = state.storage.sql.exec<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '\\_cf\\_%' ESCAPE '\\' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'").toArray();
      return JSON.stringify(tables.map((t) => state.storage.sql.exec(`SELECT * FROM "${t.name}"`).toArray()));
    }));
  }
  const all = dumps.join('\n');
  expect(all).toContain('"reader"'); // the readers table was dumped and is not empty
  expect(all).not.toContain(ip);
  expect(all).not.toContain('198.51.100');
  expect(all).not.toContain('Privacy-Probe');
});

it('when every counter object fails, pages are still served at once with the last known figures', async () => {
  // The figures this page showed are what the Worker's isolate knows last.
  await (await view('/', 5151)).text();
  await stats(); // its view stored, the reading refreshed: the next page shows exactly this
  const known = shownFigures(await (await view('/', 5151)).text());
  const shards = Array.from({ length: shardCount(env) }, (_, i) => shard(env, site.id, i));
  // Break the real objects: without their tables every RPC throws.
  for (const s of shards) await runInDurableObject(s, (_: VisitCounter, state) => state.storage.sql.exec('DROP TABLE totals'));
  try {
    await expect(readFigures(env, site, new Date())).rejects.toThrow();
    const res = await view('/', 5252);
    expect(res.status).toBe(200);
    const shown = shownFigures(await res.text());
    expect(shown).toEqual(known);
    // The stats API says so plainly: 503 problem+json with a readable message, not a 500.
    const problem = await expectProblem(await call('/api/v1/stats'), 503);
    expect(problem.type).toBe('https://bientap.dev/problems/statistics-unavailable');
    expect(problem.detail).toMatch(/statistics cannot be read right now/);
  } finally {
    for (const s of shards) await runInDurableObject(s, (_: VisitCounter, state) => state.storage.sql.exec(VISIT_COUNTER_SCHEMA));
  }
  // Restored objects count again.
  await recordView(env, site, { reader: 'f'.repeat(32) }, new Date());
});

it('with STATS_COUNTING=off a page is served untouched and nothing is counted', async () => {
  const off = envWith({ STATS_COUNTING: 'off' });
  const before = await stats();
  const req = new Request('http://cms.test/', { headers: { 'CF-Connecting-IP': ipOf(6161), 'User-Agent': BROWSER_UA } });
  const html = '<html><body><b data-stat="total">—</b></body></html>';
  const out = await withVisitorStats(req, off, { waitUntil() {}, passThroughOnException() {}, props: {} } as unknown as ExecutionContext,
    new Response(html, { headers: { 'Content-Type': 'text/html' } }));
  expect(await out.text()).toBe(html);
  expect(await stats()).toMatchObject({ totalVisits: before.totalVisits, pageViews: before.pageViews });
});

it('a page revalidates with 304 while its content and figures are unchanged, and not once they change', async () => {
  await (await view('/', 7070)).text();
  await stats(); // the view stored and the isolate's reading refreshed
  const first = await view('/', 7070);
  const etag = first.headers.get('ETag');
  // The stored page's validator, the three figures, and (pages showing "Xem nhiều nhất", as the home does) the lists' digest.
  expect(etag).toMatch(/^W\/".+\.\d+\.\d+\.\d+(?:\.[0-9a-z]+)?"$/);
  await first.text();
  // The same reader again within the visit: online, total and today stay as they were.
  const again = await view('/', 7070, { headers: { 'If-None-Match': etag! } });
  expect(again.status).toBe(304);
  expect(await again.text()).toBe('');
  // A new reader arrives: once that view is stored the total moved, so the old validator no longer matches.
  await (await view('/', 7071)).text();
  await stats();
  const changed = await view('/', 7070, { headers: { 'If-None-Match': etag! } });
  expect(changed.status).toBe(200);
  expect(changed.headers.get('ETag')).not.toBe(etag);
  expect(await changed.text()).toContain('data-stat="total"');
});
