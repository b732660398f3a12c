// The content generation remembered per isolate: a cache hit makes no Durable Object call while the
// memo is within its bound (1 s), every isolate sees a write within the bound, the writing isolate at
// once. Time is the test's: readVersion takes `now`; two memos play two isolates.
import { runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { expect, it } from 'vitest';
import type { ContentVersion, Version } from '../../functions/cache/content-version.ts';
import { GenerationMemo, MAX_GENERATION_AGE_MS, generationMaxAge } from '../../functions/cache/generation-memo.ts';
import { bumpVersion, readVersion } from '../../functions/cache/generation.ts';
import { database } from '../../functions/data/db.ts';
import { envWith } from '../support/stats.ts';

const memoEnv = envWith({ CACHE_GENERATION_MAX_AGE_MS: '1000', CACHE_VERSION_REPLICAS: '1' });
/** A version with no roll-up (a site without communes). */
const v = (generation: number, rollup = 0): Version => ({ generation, nextScheduledAt: null, rollup, rollupNextScheduledAt: null });

it('the bound comes from CACHE_GENERATION_MAX_AGE_MS, never above 1 s', () => {
  expect(generationMaxAge(envWith({ CACHE_GENERATION_MAX_AGE_MS: '1000' }))).toBe(1000);
  expect(generationMaxAge(envWith({ CACHE_GENERATION_MAX_AGE_MS: '250' }))).toBe(250);
  expect(generationMaxAge(envWith({ CACHE_GENERATION_MAX_AGE_MS: '0' }))).toBe(0);
  expect(generationMaxAge(envWith({ CACHE_GENERATION_MAX_AGE_MS: '60000' }))).toBe(MAX_GENERATION_AGE_MS);
  expect(generationMaxAge(envWith({ CACHE_GENERATION_MAX_AGE_MS: 'soon' }))).toBe(MAX_GENERATION_AGE_MS);
  expect(generationMaxAge(envWith({ CACHE_GENERATION_MAX_AGE_MS: '-5' }))).toBe(0);
});

it('within the bound a read makes no call to the object; after it, the read asks again', async () => {
  const memo = new GenerationMemo();
  const t0 = 1_000_000;
  const first = await readVersion(memoEnv, 1, 'client', t0, memo);
  // Break the replica for real: any call to it now throws.
  const replica = env.CONTENT_VERSION.getByName('replica-0');
  await runInDurableObject(replica, (_: ContentVersion, state) => state.storage.sql.exec('ALTER TABLE version RENAME TO version_away'));
  try {
    expect(await readVersion(memoEnv, 1, 'client', t0 + MAX_GENERATION_AGE_MS, memo)).toEqual(first);
    await expect(readVersion(memoEnv, 1, 'client', t0 + MAX_GENERATION_AGE_MS + 1, memo)).rejects.toThrow(/no such table/);
    // A clock that went back never trusts the memo either.
    await expect(readVersion(memoEnv, 1, 'client', t0 - 1, memo)).rejects.toThrow(/no such table/);
  } finally {
    await runInDurableObject(replica, (_: ContentVersion, state) => state.storage.sql.exec('ALTER TABLE version_away RENAME TO version'));
  }
});

it('another isolate sees a write within the bound, the writing isolate at once', async () => {
  const t0 = 2_000_000;
  const other = new GenerationMemo(); // an isolate that did not write
  const before = await readVersion(memoEnv, 1, 'reader', t0, other);
  await bumpVersion(memoEnv, database(env.DB), new Date(), 1); // written through this isolate's memo
  // The writer's isolate (the default memo) knows the new generation without asking.
  expect((await readVersion(memoEnv, 1, 'reader')).generation).toBe(before.generation + 1);
  // The other isolate keeps its reading up to the bound, then sees the write.
  expect((await readVersion(memoEnv, 1, 'reader', t0 + 1000, other)).generation).toBe(before.generation);
  expect((await readVersion(memoEnv, 1, 'reader', t0 + 1001, other)).generation).toBe(before.generation + 1);
});

it('many reads that find the memo stale together make one call per replica', async () => {
  const memo = new GenerationMemo();
  let calls = 0;
  const replica = env.CONTENT_VERSION.getByName('replica-0');
  const fetch = async () => {
    calls += 1;
    return replica.current();
  };
  const answers = await Promise.all(Array.from({ length: 20 }, () => memo.read('1:0', 1000, 5_000, fetch)));
  expect(calls).toBe(1);
  expect(new Set(answers.map((a) => a.generation)).size).toBe(1);
  await memo.read('1:0', 1000, 6_000, fetch);
  expect(calls).toBe(1); // still within the bound
  await memo.read('1:0', 1000, 6_001, fetch);
  expect(calls).toBe(2);
});

it('a memo never moves back to an older generation', () => {
  const memo = new GenerationMemo();
  memo.note('1:0', v(9), 100);
  memo.note('1:0', v(8), 200);
  return expect(memo.read('1:0', 1000, 300, () => Promise.reject(new Error('no call expected')))).resolves.toEqual(v(9));
});

it('a slow read counts from when it started, and a read that started over a bound ago is not joined', async () => {
  const memo = new GenerationMemo();
  let answer!: (v: Version) => void;
  let calls = 0;
  const slow = () => {
    calls += 1;
    return new Promise<Version>((resolve) => { answer = resolve; });
  };
  const first = memo.read('1:0', 1000, 10_000, slow); // starts a read at 10,000 that answers late
  const joined = memo.read('1:0', 1000, 10_900, slow); // within the bound of its start: joins it
  expect(calls).toBe(1);
  answer(v(3));
  expect((await first).generation).toBe(3);
  expect((await joined).generation).toBe(3);
  // Known as of 10,000 (when the read started), so at 11,001 it is stale although it answered later.
  const fresh = () => {
    calls += 1;
    return Promise.resolve(v(4));
  };
  expect((await memo.read('1:0', 1000, 11_000, fresh)).generation).toBe(3);
  expect((await memo.read('1:0', 1000, 11_001, fresh)).generation).toBe(4);
  expect(calls).toBe(2);
  // A read in flight since 20,000 is not joined by a request at 21,500: it asks again.
  const stuck = memo.read('1:0', 1000, 20_000, slow);
  const later = memo.read('1:0', 1000, 21_500, fresh);
  expect((await later).generation).toBe(4);
  expect(calls).toBe(4);
  answer(v(4));
  await stuck;
});

it('keeps each site apart, and takes the newer of the site\'s own generation and its roll-up', async () => {
  const memo = new GenerationMemo();
  const none = () => Promise.reject(new Error('no call expected'));
  memo.note('1:0', v(5), 100);
  memo.note('2:0', v(9), 100);
  memo.note('1:0', v(5, 1), 200); // a commune wrote: the province's roll-up moved
  memo.note('1:0', v(6, 0), 300); // a write of its own, read from before the roll-up moved
  expect(await memo.read('1:0', 1000, 350, none)).toEqual(v(6, 1));
  expect(await memo.read('2:0', 1000, 350, none)).toEqual(v(9));
  memo.note('1:0', v(6, 1), 250); // the same, read earlier than known: changes nothing
  expect(await memo.read('1:0', 1000, 350, none)).toEqual(v(6, 1));
});
