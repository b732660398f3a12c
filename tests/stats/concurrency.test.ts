// Exactness under concurrency: every view counted once, whatever the shard layout.
import { expect, it } from 'vitest';
import { recordView, readFigures, shardOfReader } from '../../functions/stats/figures.ts';
import { envWithShards, firstSite, stats, view } from '../support/stats.ts';

const site = await firstSite();

it('2,000 concurrent page views by 2,000 distinct readers raise total and online by exactly 2,000', async () => {
  const before = await stats();
  const pages = await Promise.all(Array.from({ length: 2000 }, (_, i) => view('/', 100_000 + i)));
  expect(pages.every((p) => p.status === 200)).toBe(true);
  await Promise.all(pages.map((p) => p.arrayBuffer()));
  const after = await stats();
  expect(after.totalVisits - before.totalVisits).toBe(2000);
  expect(after.onlineNow - before.onlineNow).toBe(2000);
  expect(after.visitsToday - before.visitsToday).toBe(2000);
  expect(after.pageViews - before.pageViews).toBe(2000);
}, 120_000);

async function hashHex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].slice(0, 16).map((b) => b.toString(16).padStart(2, '0')).join('');
}

it('the same traffic gives identical figures with 1 shard and with 8 shards', async () => {
  // Each layout gets its own day far from now, so the runs cannot see each other's readers.
  async function run(shards: number, day: number) {
    const env = envWithShards(shards);
    const t0 = Date.UTC(2031, 0, day, 3, 0, 0);
    const before = await readFigures(env, site, new Date(t0));
    // 600 readers; every third comes back 10 minutes later (same visit), every fifth 40 minutes later (new visit).
    const views: Promise<unknown>[] = [];
    for (let r = 0; r < 600; r++) {
      const id = await hashHex(`${shards}-${day}-reader-${r}`);
      views.push(recordView(env, site, { reader: id, articleId: 1 + (r % 7) }, new Date(t0 + r)));
      if (r % 3 === 0) views.push(recordView(env, site, { reader: id }, new Date(t0 + 10 * 60_000 + r)));
      if (r % 5 === 0) views.push(recordView(env, site, { reader: id }, new Date(t0 + 40 * 60_000 + r)));
    }
    await Promise.all(views);
    const at = new Date(t0 + 42 * 60_000);
    const after = await readFigures(env, site, at);
    return {
      visits: after.totalVisits - before.totalVisits,
      views: after.pageViews - before.pageViews,
      visitsToday: after.visitsToday,
      online: after.onlineNow,
    };
  }
  const one = await run(1, 10);
  const eight = await run(8, 20);
  // The 8-shard run really spread its readers: every shard holds some of them.
  const spread = new Set(await Promise.all(Array.from({ length: 600 }, async (_, r) => shardOfReader(await hashHex(`8-20-reader-${r}`), 8))));
  expect(spread.size).toBe(8);
  expect(one).toEqual(eight);
  // 600 first visits + 120 returns after 40 minutes; 600 + 200 + 120 views; online: the 120 seen at +40 min.
  expect(one).toEqual({ visits: 720, views: 920, visitsToday: 720, online: 120 });
}, 120_000);
