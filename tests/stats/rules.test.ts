// The counting rules with time under the test's control: 30-minute visits, 5-minute online window,
// days in Vietnam time, idempotent pruning.
import { runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { expect, it } from 'vitest';
import { OTHER_SHARDS_TTL_MS, readFigures, recordAndRead, shard, shardCount, shardOfReader } from '../../functions/stats/figures.ts';
import { VISIT_COUNTER_SCHEMA } from '../../functions/stats/visit-counter-schema.ts';
import type { VisitCounter } from '../../functions/stats/visit-counter.ts';

const MIN = 60_000;
const reader = (n: number) => n.toString(16).padStart(32, 'a');

it('a visit is the first view, or the first after 30 minutes without one', async () => {
  const t0 = Date.UTC(2032, 5, 1, 2, 0);
  const base = await readFigures(env, new Date(t0));
  const at = async (minutes: number) => recordAndRead(env, { reader: reader(1) }, new Date(t0 + minutes * MIN));
  await at(0); // first view: a visit
  await at(10); // same visit
  await at(39); // 29 minutes after the last view: same visit
  const mid = await readFigures(env, new Date(t0 + 39 * MIN));
  expect(mid.totalVisits - base.totalVisits).toBe(1);
  await at(69); // exactly 30 minutes after the last view: a new visit
  await at(100); // 31 minutes later: another
  const end = await readFigures(env, new Date(t0 + 100 * MIN));
  expect(end.totalVisits - base.totalVisits).toBe(3);
  expect(end.pageViews - base.pageViews).toBe(5);
});

it('online now counts distinct readers seen in the last 5 minutes', async () => {
  const t0 = Date.UTC(2032, 6, 1, 2, 0);
  await recordAndRead(env, { reader: reader(2) }, new Date(t0));
  await recordAndRead(env, { reader: reader(2) }, new Date(t0 + MIN)); // the same reader twice
  await recordAndRead(env, { reader: reader(3) }, new Date(t0 + 2 * MIN));
  expect((await readFigures(env, new Date(t0 + 2 * MIN))).onlineNow).toBe(2);
  expect((await readFigures(env, new Date(t0 + 5 * MIN + 59_000))).onlineNow).toBe(2); // reader 2 last seen at +1 min
  expect((await readFigures(env, new Date(t0 + 6 * MIN + 1))).onlineNow).toBe(1);
  expect((await readFigures(env, new Date(t0 + 7 * MIN + 1))).onlineNow).toBe(0);
});

it('visits today follow the calendar day in Vietnam (UTC+7)', async () => {
  // 16:59 UTC is 23:59 in Vietnam; 17:01 UTC is the next Vietnamese day.
  const evening = Date.UTC(2032, 7, 1, 16, 59);
  await recordAndRead(env, { reader: reader(4) }, new Date(evening));
  expect((await readFigures(env, new Date(evening))).visitsToday).toBe(1);
  expect((await readFigures(env, new Date(evening + 2 * MIN))).visitsToday).toBe(0);
});

it('pruning drops stale readers and old days, and running it twice changes nothing more', async () => {
  const t0 = Date.UTC(2032, 8, 1, 2, 0);
  const r = reader(5);
  await recordAndRead(env, { reader: r }, new Date(t0));
  const owner = shard(env, shardOfReader(r, shardCount(env)));
  const later = t0 + 31 * MIN;
  const before = await readFigures(env, new Date(later));
  const rows = () => runInDurableObject(owner, (_: VisitCounter, state) =>
    state.storage.sql.exec<{ n: number }>('SELECT count(*) AS n FROM readers WHERE reader = ?', r).one().n);
  expect(await rows()).toBe(1);
  await runInDurableObject(owner, (counter: VisitCounter) => counter.prune(later));
  expect(await rows()).toBe(0);
  await runInDurableObject(owner, (counter: VisitCounter) => counter.prune(later));
  expect(await readFigures(env, new Date(later))).toEqual(before);
  // The reader's next view after the gap is a new visit, as it would have been without pruning.
  await recordAndRead(env, { reader: r }, new Date(later));
  expect((await readFigures(env, new Date(later))).totalVisits).toBe(before.totalVisits + 1);
});

it('a page view calls only the shards it touches while the other shards\' figures are fresh', async () => {
  const t0 = Date.UTC(2032, 9, 1, 2, 0);
  const n = shardCount(env);
  // Ids whose leading hex (what picks the shard) differs: the first on another shard than r1 is r2.
  const spreadReader = (k: number) => (k * 2654435761 >>> 0).toString(16).padStart(8, '0') + 'b'.repeat(24);
  const r1 = spreadReader(1);
  let r2 = spreadReader(2);
  for (let k = 3; shardOfReader(r2, n) === shardOfReader(r1, n) && k < 1000; k++) r2 = spreadReader(k);
  expect(shardOfReader(r2, n)).not.toBe(shardOfReader(r1, n));
  const warm = await recordAndRead(env, { reader: r1 }, new Date(t0)); // reads every shard once
  const mine = shardOfReader(r2, n);
  const others = Array.from({ length: n }, (_, i) => i).filter((i) => i !== mine);
  // Break every other shard: a call to any of them would throw.
  for (const i of others) await runInDurableObject(shard(env, i), (_: VisitCounter, state) => state.storage.sql.exec('DROP TABLE totals'));
  try {
    const next = await recordAndRead(env, { reader: r2 }, new Date(t0 + 200));
    expect(next.totalVisits).toBe(warm.totalVisits + 1);
    // Once the others' figures are older than the window they are read again, and the failure shows.
    await expect(recordAndRead(env, { reader: r2 }, new Date(t0 + 200 + OTHER_SHARDS_TTL_MS + 1))).rejects.toThrow();
  } finally {
    for (const i of others) await runInDurableObject(shard(env, i), (_: VisitCounter, state) => state.storage.sql.exec(VISIT_COUNTER_SCHEMA));
  }
});
