// Reading and moving each site's content generation (and a province's roll-up) across its replicas.
import { recordChange, type ContentChange, type RollupChange } from '../data/content-changes.ts';
import type { Db } from '../data/db.ts';
import type { Version } from './content-version.ts';
import { generationMaxAge, isolateMemo, type GenerationMemo, type ReplicaKey } from './generation-memo.ts';

export function replicaCount(env: Env): number {
  const n = Number(env.CACHE_VERSION_REPLICAS);
  return Number.isInteger(n) && n >= 1 && n <= 64 ? n : 1;
}

/** The platform's first site keeps the objects of the one-site deployment it was, so its generation goes on. */
const FIRST_SITE_ID = 1;

/** The object name of a site's replica: "replica-<i>" for site 1 (as before sites), "site-<id>:replica-<i>" for others. */
export const replicaName = (siteId: number, i: number) => (siteId === FIRST_SITE_ID ? `replica-${i}` : `site-${siteId}:replica-${i}`);

/** One replica of a site's generation (an object per site and index). */
export const replica = (env: Env, siteId: number, i: number) => env.CONTENT_VERSION.getByName(replicaName(siteId, i));

/** The memo's key of a replica. */
export const replicaKey = (siteId: number, i: number): ReplicaKey => `${siteId}:${i}`;

/** FNV-1a: a cheap, stable spread of clients over replicas. */
function spread(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/**
 * The site's generation from one replica per client (by address), which spreads the load and keeps each
 * client on one replica. Its number is part of the cache key. The answer comes from this isolate's memo
 * while it is at most `CACHE_GENERATION_MAX_AGE_MS` old (1 s), so a cache hit usually makes no Durable
 * Object call.
 */
export async function readVersion(
  env: Env, siteId: number, client = '', now = Date.now(), memo: GenerationMemo = isolateMemo,
): Promise<Version & { replica: number }> {
  const i = spread(client) % replicaCount(env);
  const version = await memo.read(replicaKey(siteId, i), generationMaxAge(env), now, () => replica(env, siteId, i).current());
  return { ...version, replica: i };
}

/** Runs a move on every replica of a site; notes what moved in this isolate's memo, returns the replicas that failed. */
async function moveAll(env: Env, siteId: number, move: (i: number) => Promise<Version>): Promise<number[]> {
  const moved = await Promise.allSettled(Array.from({ length: replicaCount(env) }, (_, i) => move(i)));
  const failed: number[] = [];
  moved.forEach((result, i) => {
    // The writing isolate sees its write at once; others within the memo's bound.
    if (result.status === 'fulfilled') isolateMemo.note(replicaKey(siteId, i), result.value, Date.now());
    else failed.push(i);
  });
  return failed;
}

/**
 * Moves every replica of the change's site on for a committed change (functions/data/content-changes.ts),
 * so no read of that site that starts after this returns can see entries older than the change. With a
 * site id instead of a change, records a change of that site first (tests). Only the write service calls
 * this (tests/api/write-door.test.ts proves it). Returns the replicas that could not be moved: they stay
 * behind the durable record until caught up.
 */
export async function bumpVersion(env: Env, db: Db, now: Date, change: ContentChange | number): Promise<number[]> {
  const { siteId, seq, nextScheduledAt } = typeof change === 'number' ? (await db.batch([recordChange(db, change, now)]))[0][0]! : change;
  return moveAll(env, siteId, (i) => replica(env, siteId, i).advance(seq, nextScheduledAt));
}

/** Moves the roll-up of a province's replicas for a committed change of one of its communes. */
export function moveRollup(env: Env, rollup: RollupChange): Promise<number[]> {
  return moveAll(env, rollup.siteId, (i) => replica(env, rollup.siteId, i).advanceRollup(rollup.rollupSeq, rollup.nextScheduledAt));
}
