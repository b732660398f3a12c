// The counting rules with time under the test's control: 30-minute visits, 5-minute online window,
// days in Vietnam time, idempotent pruning.
import { runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { expect, it } from 'vitest';
import { FIGURES_MAX_AGE_MS, pageFigures, readFigures, recordView, shard, shardCount, shardOfReader } from '../../functions/stats/figures.ts';
import { VISIT_COUNTER_SCHEMA } from '../../functions/stats/visit-counter-schema.ts';
import type { VisitCounter } from '../../functions/stats/visit-counter.ts';
import { firstSite } from '../support/stats.ts';

const MIN = 60_000;
const site = await firstSite();
const reader = (n: number) => n.toString(16).padStart(32, 'a');

it('a visit is the first view, or the first after 30 minutes without one', async () => {
  const t0 = Date.UTC(2032, 5, 1, 2, 0);
  const base = await readFigures(env, site, new Date(t0));
  const at = async (minutes: number) => recordView(env, site, { reader: reader(1) }, new Date(t0 + minutes * MIN));
  await at(0); // first view: a visit
  await at(10); // same visit
  await at(39); // 29 minutes after the last view: same visit
  const mid = await readFigures(env, site, new Date(t0 + 39 * MIN));
  expect(mid.totalVisits - base.totalVisits).toBe(1);
  await at(69); // exactly 30 minutes after the last view: a new visit
  await at(100); // 31 minutes later: another
  const end = await readFigures(env, site, new Date(t0 + 100 * MIN));
  expect(end.totalVisits - base.totalVisits).toBe(3);
  expect(end.pageViews - base.pageViews).toBe(5);
});

it('online now counts distinct readers seen in the last 5 minutes', async () => {
  const t0 = Date.UTC(2032, 6, 1, 2, 0);
  await recordView(env, site, { reader: reader(2) }, new Date(t0));
  await recordView(env, site, { reader: reader(2) }, new Date(t0 + MIN)); // the same reader twice
  await recordView(env, site, { reader: reader(3) }, new Date(t0 + 2 * MIN));
  expect((await readFigures(env, site, new Date(t0 + 2 * MIN))).onlineNow).toBe(2);
  expect((await readFigures(env, site, new Date(t0 + 5 * MIN + 59_000))).onlineNow).toBe(2); // reader 2 last seen at +1 min
  expect((await readFigures(env, site, new Date(t0 + 6 * MIN + 1))).onlineNow).toBe(1);
  expect((await readFigures(env, site, new Date(t0 + 7 * MIN + 1))).onlineNow).toBe(0);
});

it('visits today follow the calendar day in Vietnam (UTC+7)', async () => {
  // 16:59 UTC is 23:59 in Vietnam; 17:01 UTC is the next Vietnamese day.
  const evening = Date.UTC(2032, 7, 1, 16, 59);
  await recordView(env, site, { reader: reader(4) }, new Date(evening));
  expect((await readFigures(env, site, new Date(evening))).visitsToday).toBe(1);
  expect((await readFigures(env, site, new Date(evening + 2 * MIN))).visitsToday).toBe(0);
});

it('pruning drops stale readers and old days, and running it twice changes nothing more', async () => {
  const t0 = Date.UTC(2032, 8, 1, 2, 0);
  const r = reader(5);
  await recordView(env, site, { reader: r }, new Date(t0));
  const owner = shard(env, site.id, shardOfReader(r, shardCount(env)));
  const later = t0 + 31 * MIN;
  const before = await readFigures(env, site, new Date(later));
  const rows = () => runInDurableObject(owner, (_: VisitCounter, state) =>
    state.storage.sql.exec<{ n: number }>('SELECT count(*) AS n FROM readers WHERE reader = ?', r).one().n);
  expect(await rows()).toBe(1);
  await runInDurableObject(owner, (counter: VisitCounter) => counter.prune(later));
  expect(await rows()).toBe(0);
  await runInDurableObject(owner, (counter: VisitCounter) => counter.prune(later));
  expect(await readFigures(env, site, new Date(later))).toEqual(before);
  // The reader's next view after the gap is a new visit, as it would have been without pruning.
  await recordView(env, site, { reader: r }, new Date(later));
  expect((await readFigures(env, site, new Date(later))).totalVisits).toBe(before.totalVisits + 1);
});

it('views that arrive together reach their shard in one call, and the whole batch is counted', async () => {
  const t0 = Date.UTC(2032, 10, 1, 2, 0);
  const n = shardCount(env);
  const before = await readFigures(env, site, new Date(t0));
  // 40 readers at once: one batch per shard they land on, stored as a whole.
  const readers = Array.from({ length: 40 }, (_, k) => ((k + 1) * 2654435761 >>> 0).toString(16).padStart(8, '0') + 'c'.repeat(24));
  const calls = new Map<number, number>();
  const counting = new Proxy(env, {
    get(target, key) {
      if (key !== 'VISITS') return Reflect.get(target, key);
      return { getByName: (name: string) => {
        const stub = target.VISITS.getByName(name);
        return { recordViews: (views: unknown[]) => {
          const i = Number(name.replace('shard-', ''));
          calls.set(i, (calls.get(i) ?? 0) + 1);
          return stub.recordViews(views as never);
        }, figures: (t: number) => stub.figures(t) };
      } };
    },
  }) as Env;
  await Promise.all(readers.map((r, k) => recordView(counting, site, { reader: r }, new Date(t0 + k))));
  const shardsHit = new Set(readers.map((r) => shardOfReader(r, n)));
  expect(shardsHit.size).toBeGreaterThan(1);
  expect([...calls.keys()].sort()).toEqual([...shardsHit].sort());
  expect([...calls.values()].every((c) => c === 1)).toBe(true);
  const after = await readFigures(env, site, new Date(t0 + 1000));
  expect(after.totalVisits - before.totalVisits).toBe(40);
  expect(after.pageViews - before.pageViews).toBe(40);
});

it('a page shows the isolate\'s reading without calling a counter while it is under a second old, and refreshes it after', async () => {
  const t0 = Date.UTC(2032, 11, 1, 2, 0);
  const warm = await readFigures(env, site, new Date(t0)); // a live reading at t0
  const shards = Array.from({ length: shardCount(env) }, (_, i) => shard(env, site.id, i));
  // Break every shard: any counter call would throw.
  for (const s of shards) await runInDurableObject(s, (_: VisitCounter, state) => state.storage.sql.exec('DROP TABLE totals'));
  try {
    expect(await pageFigures(env, site, new Date(t0 + FIGURES_MAX_AGE_MS))).toEqual(warm);
    // Older than the bound: the page must read again, and the broken counters show.
    await expect(pageFigures(env, site, new Date(t0 + FIGURES_MAX_AGE_MS + 1))).rejects.toThrow();
  } finally {
    for (const s of shards) await runInDurableObject(s, (_: VisitCounter, state) => state.storage.sql.exec(VISIT_COUNTER_SCHEMA));
  }
});
