// Reading and bumping the content generation across its replicas.
import { recordChange, type ContentChange } from '../data/content-changes.ts';
import type { Db } from '../data/db.ts';
import type { Version } from './content-version.ts';
import { generationMaxAge, isolateMemo, type GenerationMemo } from './generation-memo.ts';

export function replicaCount(env: Env): number {
  const n = Number(env.CACHE_VERSION_REPLICAS);
  return Number.isInteger(n) && n >= 1 && n <= 64 ? n : 1;
}

/** One replica of the generation (an object per index). */
export const replica = (env: Env, i: number) => env.CONTENT_VERSION.getByName(`replica-${i}`);

/** FNV-1a: a cheap, stable spread of clients over replicas. */
function spread(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/**
 * One replica per client (by address), which spreads the load and keeps each client on one replica.
 * Its number is part of the cache key. The answer comes from this isolate's memo while it is at most
 * `CACHE_GENERATION_MAX_AGE_MS` old (1 s), so a cache hit usually makes no Durable Object call.
 */
export async function readVersion(env: Env, client = '', now = Date.now(), memo: GenerationMemo = isolateMemo): Promise<Version & { replica: number }> {
  const i = spread(client) % replicaCount(env);
  const version = await memo.read(i, generationMaxAge(env), now, () => replica(env, i).current());
  return { ...version, replica: i };
}

/**
 * Moves every replica on for a committed change (functions/data/content-changes.ts), so no read that
 * starts after this returns can see entries older than the change. Without `change`, records a change
 * first (tests). Only the write service calls this (tests/api/write-door.test.ts proves it). Returns
 * the replicas that could not be moved: they stay behind the durable record until caught up.
 */
export async function bumpVersion(env: Env, db: Db, now: Date, change?: ContentChange): Promise<number[]> {
  const { seq, nextScheduledAt } = change ?? (await db.batch([recordChange(db, now)]))[0][0]!;
  const moved = await Promise.allSettled(Array.from({ length: replicaCount(env) }, (_, i) => replica(env, i).advance(seq, nextScheduledAt)));
  const failed: number[] = [];
  moved.forEach((result, i) => {
    // The writing isolate sees its write at once; others within the memo's bound.
    if (result.status === 'fulfilled') isolateMemo.note(i, result.value, Date.now());
    else failed.push(i);
  });
  return failed;
}
