// One failing Durable Object must not take reads down: with the real ContentVersion objects broken
// (their table renamed away, so every current() throws inside workerd) API reads, feeds, the sitemap
// and robots.txt are served uncached, and the failure is logged; with the counters broken the stats
// endpoint answers 503. Pages and the sign-in page: tests/pages/degraded.test.ts.
import { runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { afterEach, expect, it, vi } from 'vitest';
import { readVersion } from '../../functions/cache/generation.ts';
import { shard, shardCount } from '../../functions/stats/figures.ts';
import type { VisitCounter } from '../../functions/stats/visit-counter.ts';
import { VISIT_COUNTER_SCHEMA } from '../../functions/stats/visit-counter-schema.ts';
import { call, expectProblem, freshCategory, postArticle, writeToken } from '../support/api.ts';
import { withBrokenGeneration } from '../support/generation.ts';

afterEach(() => {
  vi.restoreAllMocks();
});

it('when the content generation cannot be read, reads are served fresh and uncached, and it is logged', async () => {
  const token = await writeToken();
  const category = await freshCategory();
  const { article } = await postArticle(token, { title: 'Tin khi đối tượng hỏng', category, status: 'published' });
  const reads = [
    `/api/v1/articles?category=${category}`, `/api/v1/articles/${article.slug}`, '/api/v1/categories', `/api/v1/categories/${category}`,
    '/api/v1/openapi.json', '/feed.json', '/rss.xml', `/chuyen-muc/${category}/feed.json`, `/chuyen-muc/${category}/rss.xml`,
    '/sitemap.xml', '/robots.txt',
  ];
  for (const path of reads) await (await call(path)).arrayBuffer(); // cached while the objects work
  await withBrokenGeneration(async () => {
    await expect(readVersion(env, 1)).rejects.toThrow(/no such table/);
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    for (const path of reads) {
      const res = await call(path);
      expect(res.status, path).toBe(200);
      await res.arrayBuffer();
    }
    expect(logged.mock.calls.filter((c) => String(c[0]).startsWith('content generation unavailable')).length).toBe(reads.length);
    // Uncached means fresh: a change made behind the API shows at once (a cached answer would hide it).
    await env.DB.prepare('UPDATE articles SET title = ? WHERE id = ?').bind('Sửa khi hỏng', article.id).run();
    const list = (await (await call(`/api/v1/articles?category=${category}`)).json()) as { items: { title: string }[] };
    expect(list.items.map((i) => i.title)).toEqual(['Sửa khi hỏng']);
    // Conditional requests still work on the uncached path.
    const first = await call(`/api/v1/articles/${article.slug}`);
    await first.arrayBuffer();
    expect((await call(`/api/v1/articles/${article.slug}`, { headers: { 'If-None-Match': first.headers.get('ETag')! } })).status).toBe(304);
  });
  // Mended objects: caching resumes with the generation they had.
  expect((await call('/api/v1/categories')).status).toBe(200);
});

it('when the counter objects fail, /api/v1/stats answers 503 problem+json with a readable message, and logs it', async () => {
  const shards = Array.from({ length: shardCount(env) }, (_, i) => shard(env, 1, i));
  expect((await call('/api/v1/stats')).status).toBe(200);
  for (const s of shards) await runInDurableObject(s, (_: VisitCounter, state) => state.storage.sql.exec('DROP TABLE totals'));
  try {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    const res = await call('/api/v1/stats');
    expect(res.headers.get('Retry-After')).toBe('60');
    expect(res.headers.get('Cache-Control')).toBe('no-store');
    const problem = await expectProblem(res, 503);
    expect(problem.detail).toBe('The visitor statistics cannot be read right now. Try again in a minute.');
    expect(JSON.stringify(problem)).not.toMatch(/no such table|totals|Error/);
    expect(logged.mock.calls.some((c) => String(c[0]).startsWith('visitor statistics unavailable (stats API)'))).toBe(true);
  } finally {
    for (const s of shards) await runInDurableObject(s, (_: VisitCounter, state) => state.storage.sql.exec(VISIT_COUNTER_SCHEMA));
  }
  expect((await call('/api/v1/stats')).status).toBe(200);
});
