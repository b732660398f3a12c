// Visitor statistics per site: two sites in one deployment (site 1 at http://cms.test, site 2 at
// http://xa-a.test), each with its own counter objects, figures, offset and failures.
import { runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { beforeAll, expect, it } from 'vitest';
import { readFigures, recordView, shard, shardCount, shardOfReader, type StatsSite } from '../../functions/stats/figures.ts';
import { VISIT_COUNTER_SCHEMA } from '../../functions/stats/visit-counter-schema.ts';
import type { VisitCounter } from '../../functions/stats/visit-counter.ts';
import { ORIGIN } from '../support/api.ts';
import { firstSite, shownFigures, stats, view, type StatsJson } from '../support/stats.ts';

const SITE_A = ORIGIN; // site 1, the upgraded one: visit_offset null
const SITE_B = 'http://xa-a.test'; // site 2, visit_offset 1000
const STATS_TOTAL_OFFSET = Number(env.STATS_TOTAL_OFFSET);

const sql = (query: string, ...params: unknown[]) => env.DB.prepare(query).bind(...params).run();

beforeAll(async () => {
  expect(STATS_TOTAL_OFFSET).toBeGreaterThan(1000); // the two offsets can be told apart
  await sql("INSERT INTO sites (id, name, visit_offset) VALUES (2, 'Xã A', 1000) ON CONFLICT (id) DO UPDATE SET visit_offset = 1000");
  await sql("INSERT INTO site_hosts (host, site_id, position) VALUES ('xa-a.test', 2, 0) ON CONFLICT (host) DO NOTHING");
});

/**
 * The visits stored in a site's own counter objects, read from the objects themselves, named here
 * literally: site 1 keeps the one-site deployment's `shard-N`, so an upgrade keeps every figure.
 */
async function storedVisits(siteId: number): Promise<number> {
  let visits = 0;
  for (let i = 0; i < shardCount(env); i++) {
    const object = env.VISITS.getByName(siteId === 1 ? `shard-${i}` : `site-${siteId}:shard-${i}`);
    visits += await runInDurableObject(object, (_: VisitCounter, state) =>
      state.storage.sql.exec<{ visits: number }>('SELECT visits FROM totals').one().visits);
  }
  return visits;
}

async function pageOf(origin: string, reader: number): Promise<string> {
  const res = await view('/', reader, {}, origin);
  expect(res.status).toBe(200);
  return res.text();
}

const moved = (before: StatsJson, after: StatsJson) => ({
  total: after.totalVisits - before.totalVisits,
  online: after.onlineNow - before.onlineNow,
  today: after.visitsToday - before.visitsToday,
  views: after.pageViews - before.pageViews,
});
const none = { total: 0, online: 0, today: 0, views: 0 };

it('each site shows its own offset plus its own visits, on /api/v1/stats and in its pages\' box', async () => {
  await pageOf(SITE_B, 310_001);
  await pageOf(SITE_A, 310_002);
  const [a, b] = [await stats(SITE_A), await stats(SITE_B)];
  const ownB = await storedVisits(2);
  expect(ownB).toBeGreaterThan(0);
  expect(b.totalVisits).toBe(1000 + ownB);
  expect(a.totalVisits).toBe(STATS_TOTAL_OFFSET + (await storedVisits(1)));
  // The same readers again, within their visits: nothing moves, so each page shows its own site's figures.
  expect(shownFigures(await pageOf(SITE_B, 310_001))).toEqual({ online: b.onlineNow, total: b.totalVisits });
  expect(shownFigures(await pageOf(SITE_A, 310_002))).toEqual({ online: a.onlineNow, total: a.totalVisits });
});

it('STATS_TOTAL_OFFSET is the first site\'s alone: site 1 with visit_offset null starts from it, site 2 with null from 0', async () => {
  await pageOf(SITE_B, 320_001);
  await sql('UPDATE sites SET visit_offset = NULL WHERE id = 2');
  try {
    expect((await stats(SITE_B)).totalVisits).toBe(await storedVisits(2));
    expect((await stats(SITE_A)).totalVisits).toBe(STATS_TOTAL_OFFSET + (await storedVisits(1)));
    // An offset an admin sets on site 1 replaces STATS_TOTAL_OFFSET.
    await sql('UPDATE sites SET visit_offset = 7 WHERE id = 1');
    expect((await stats(SITE_A)).totalVisits).toBe(7 + (await storedVisits(1)));
  } finally {
    await sql('UPDATE sites SET visit_offset = 1000 WHERE id = 2');
    await sql('UPDATE sites SET visit_offset = NULL WHERE id = 1');
  }
});

it('views on one site leave the other site\'s total, online and today where they were', async () => {
  let [a, b] = [await stats(SITE_A), await stats(SITE_B)];
  for (let r = 0; r < 5; r++) await pageOf(SITE_B, 330_000 + r);
  let [a2, b2] = [await stats(SITE_A), await stats(SITE_B)];
  expect(moved(b, b2)).toEqual({ total: 5, online: 5, today: 5, views: 5 });
  expect(moved(a, a2)).toEqual(none);
  [a, b] = [a2, b2];
  for (let r = 0; r < 3; r++) await pageOf(SITE_A, 331_000 + r);
  [a2, b2] = [await stats(SITE_A), await stats(SITE_B)];
  expect(moved(a, a2)).toEqual({ total: 3, online: 3, today: 3, views: 3 });
  expect(moved(b, b2)).toEqual(none);
});

it('20 concurrent views on each of two sites by the same 20 readers count exactly 20 on each: a reader of two sites is a visit on each', async () => {
  const [a, b] = [await stats(SITE_A), await stats(SITE_B)];
  const readers = Array.from({ length: 20 }, (_, r) => 340_000 + r);
  const pages = await Promise.all(readers.flatMap((r) => [view('/', r, {}, SITE_A), view('/', r, {}, SITE_B)]));
  expect(pages.map((p) => p.status)).toEqual(pages.map(() => 200));
  await Promise.all(pages.map((p) => p.arrayBuffer()));
  const [a2, b2] = [await stats(SITE_A), await stats(SITE_B)];
  expect(moved(a, a2)).toEqual({ total: 20, online: 20, today: 20, views: 20 });
  expect(moved(b, b2)).toEqual({ total: 20, online: 20, today: 20, views: 20 });
});

it('an archived site still counts its readers\' views, on its own figures', async () => {
  const [a, b] = [await stats(SITE_A), await stats(SITE_B)];
  await sql("UPDATE sites SET status = 'archived' WHERE id = 2");
  try {
    await pageOf(SITE_B, 350_000);
    expect(moved(b, await stats(SITE_B))).toEqual({ total: 1, online: 1, today: 1, views: 1 });
    expect(moved(a, await stats(SITE_A))).toEqual(none);
  } finally {
    await sql("UPDATE sites SET status = 'active' WHERE id = 2");
  }
});

it('when one site\'s counter objects fail, the other site\'s pages and figures carry on, and the failing site\'s pages still render with its own last figures', async () => {
  await pageOf(SITE_B, 360_000);
  await stats(SITE_B); // its view stored, the isolate's reading of site 2 refreshed
  const knownB = shownFigures(await pageOf(SITE_B, 360_000));
  const shardsB = Array.from({ length: shardCount(env) }, (_, i) => shard(env, 2, i));
  // Break site 2's real objects: without their tables every RPC to them throws.
  for (const s of shardsB) await runInDurableObject(s, (_: VisitCounter, state) => state.storage.sql.exec('DROP TABLE totals'));
  try {
    // Site 1 is untouched: its page renders, its view counts, its API answers.
    const a = await stats(SITE_A);
    await pageOf(SITE_A, 360_001);
    const a2 = await stats(SITE_A);
    expect(moved(a, a2)).toEqual({ total: 1, online: 1, today: 1, views: 1 });
    expect(shownFigures(await pageOf(SITE_A, 360_001))).toEqual({ online: a2.onlineNow, total: a2.totalVisits });
    // Site 2's page still renders, with site 2's last known figures (never site 1's); its API says 503.
    expect(shownFigures(await pageOf(SITE_B, 360_002))).toEqual(knownB);
    const res = await view('/api/v1/stats', 360_002, { headers: { Accept: 'application/json' } }, SITE_B);
    expect(res.status).toBe(503);
    expect(res.headers.get('Content-Type')).toMatch(/^application\/problem\+json/);
  } finally {
    for (const s of shardsB) await runInDurableObject(s, (_: VisitCounter, state) => state.storage.sql.exec(VISIT_COUNTER_SCHEMA));
  }
});

it('views of two sites that arrive together reach each (site, shard) in one call: the group commit stays one entry per view', async () => {
  const t0 = Date.UTC(2033, 2, 1, 2, 0);
  const siteA: StatsSite = await firstSite(); // also gives this module the registry readFigures takes the offset from
  const siteB: StatsSite = { id: 2, visitOffset: 1000 };
  const [a, b] = [await readFigures(env, siteA, new Date(t0)), await readFigures(env, siteB, new Date(t0))];
  const readers = Array.from({ length: 40 }, (_, k) => ((k + 7) * 2654435761 >>> 0).toString(16).padStart(8, '0') + 'd'.repeat(24));
  const calls = new Map<string, number>();
  const counting = new Proxy(env, {
    get(target, key) {
      if (key !== 'VISITS') return Reflect.get(target, key);
      return { getByName: (name: string) => ({ recordViews: (views: unknown[]) => {
        calls.set(name, (calls.get(name) ?? 0) + 1);
        return target.VISITS.getByName(name).recordViews(views as never);
      } }) };
    },
  }) as Env;
  await Promise.all(readers.flatMap((r, k) => [siteA, siteB].map((site) => recordView(counting, site, { reader: r }, new Date(t0 + k)))));
  const hit = [...new Set(readers.map((r) => shardOfReader(r, shardCount(env))))].sort();
  expect(hit.length).toBeGreaterThan(1);
  expect([...calls.keys()].sort()).toEqual([...hit.map((i) => `shard-${i}`), ...hit.map((i) => `site-2:shard-${i}`)].sort());
  expect([...calls.values()].every((n) => n === 1)).toBe(true);
  const [a2, b2] = [await readFigures(env, siteA, new Date(t0 + 1000)), await readFigures(env, siteB, new Date(t0 + 1000))];
  expect([a2.totalVisits - a.totalVisits, a2.pageViews - a.pageViews]).toEqual([40, 40]);
  expect([b2.totalVisits - b.totalVisits, b2.pageViews - b.pageViews]).toEqual([40, 40]);
});
