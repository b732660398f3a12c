// Moving a site's content generation (and its province's roll-up) after a commit, and catching up
// replicas whose move failed. The commit already recorded the change durably (content_changes, same D1
// transaction), so a failed move is never lost: the "catch-up" object's alarm retries it within seconds,
// the cron every minute, and any later write of the site moves every replica past it anyway. The write
// itself still succeeds.
import { bumpVersion, moveRollup, replica, replicaCount } from '../cache/generation.ts';
import { allChanges, latestRecord, rollupSchedules, type ContentChange, type RollupChange } from '../data/content-changes.ts';
import { database, type Db } from '../data/db.ts';

/** The object whose alarm retries failed moves of every site (a ContentVersion instance that is no replica). */
export const catchUpObject = (env: Env) => env.CONTENT_VERSION.getByName('catch-up');

/**
 * After a committed change: every replica of the site moves on, and of its province's the roll-up (a
 * commune's change), or a retry is arranged. Never throws.
 */
export async function moveGeneration(env: Env, now: Date, change: ContentChange, rollup: RollupChange | null = null): Promise<void> {
  const [own, up] = await Promise.all([
    bumpVersion(env, database(env.DB), now, change).catch((): number[] => [-1]),
    rollup ? moveRollup(env, rollup).catch((): number[] => [-1]) : [],
  ]);
  if (own.length === 0 && up.length === 0) return;
  if (own.length) console.error(`content generation: change ${change.seq} of site ${change.siteId} not moved on replicas ${own.join(', ')}; retrying`);
  if (up.length) console.error(`content generation: roll-up ${rollup!.rollupSeq} of site ${rollup!.siteId} not moved on replicas ${up.join(', ')}; retrying`);
  try {
    await catchUpObject(env).scheduleCatchUp();
  } catch (error) {
    // Even the retry object is out of reach: the cron catches up from the record within a minute.
    console.error('content generation: cannot arrange the catch-up alarm; the cron will catch up', error);
  }
}

type ChangeRecord = Awaited<ReturnType<typeof allChanges>>[number];

/**
 * A replica found ahead of the record (the database went back: a Time Travel restore, a wiped local D1):
 * rebased by compare-and-set, so a write that moved it meanwhile wins.
 */
async function rebaseIfAhead(env: Env, db: Db, site: number, i: number, held: { seq: number; rollupSeq: number }): Promise<void> {
  // Read the record again: a write may have committed since, and its own move covers this replica.
  const latest = await latestRecord(db, site);
  const seq = latest?.seq ?? 0;
  const rollupSeq = latest?.rollupSeq ?? 0;
  const stub = replica(env, site, i);
  if (held.seq > seq) {
    await stub.rebase(held.seq, seq, latest?.nextScheduledAt ?? null);
    console.warn(`content generation: replica ${i} of site ${site} was at change ${held.seq}, the database at ${seq} (restored?); rebased`);
  }
  if (held.rollupSeq > rollupSeq) {
    const next = (await rollupSchedules(db, new Date())).get(site) ?? null;
    await stub.rebaseRollup(held.rollupSeq, rollupSeq, next);
    console.warn(`content generation: replica ${i} of site ${site} was at roll-up ${held.rollupSeq}, the database at ${rollupSeq} (restored?); rebased`);
  }
}

/** One site's replicas against its record: behind ones moved, ahead ones rebased; the replicas that still fail. */
async function catchUpSite(env: Env, db: Db, record: ChangeRecord, rollupNext: number | null): Promise<string[]> {
  const results = await Promise.all(Array.from({ length: replicaCount(env) }, async (_, i) => {
    try {
      const held = await replica(env, record.siteId, i).catchUpTo(record.seq, record.nextScheduledAt, record.rollupSeq, rollupNext);
      if (held.seq > record.seq || held.rollupSeq > record.rollupSeq) await rebaseIfAhead(env, db, record.siteId, i, held);
      return null;
    } catch {
      return `${record.siteId}:${i}`;
    }
  }));
  return results.filter((r): r is string => r !== null);
}

/**
 * Moves every replica of every site that is behind its site's latest recorded change (and a province's
 * behind its roll-up), and rebases any that is ahead (the database went back); returns the replicas
 * that still failed, as "<site>:<replica>". One call per replica; only sites that ever changed have a record.
 */
export async function catchUpReplicas(env: Env, now: Date): Promise<string[]> {
  const db = database(env.DB);
  const [records, schedules] = await Promise.all([allChanges(db), rollupSchedules(db, now)]);
  const failed: string[] = [];
  // Site after site (each site's replicas together): a gentle load on the objects, the cron has a minute.
  for (const record of records) failed.push(...await catchUpSite(env, db, record, schedules.get(record.siteId) ?? null));
  return failed;
}
