// Moving the content generation after a commit, and catching up replicas whose move failed. The
// commit already recorded the change durably (content_changes, same D1 transaction), so a failed move
// is never lost: the "catch-up" object's alarm retries it within seconds, the cron every minute, and
// any later write moves every replica past it anyway. The write itself still succeeds.
import { bumpVersion, replica, replicaCount } from '../cache/generation.ts';
import { latestChange, type ContentChange } from '../data/content-changes.ts';
import { database, type Db } from '../data/db.ts';

/** The object whose alarm retries failed moves (a ContentVersion instance that is no replica). */
export const catchUpObject = (env: Env) => env.CONTENT_VERSION.getByName('catch-up');

/** After a committed change: every replica moves on, or a retry is arranged. Never throws. */
export async function moveGeneration(env: Env, db: Db, now: Date, change: ContentChange): Promise<void> {
  const failed = await bumpVersion(env, db, now, change).catch((): number[] => [-1]);
  if (failed.length === 0) return;
  console.error(`content generation: change ${change.seq} not moved on replicas ${failed.join(', ')}; retrying`);
  try {
    await catchUpObject(env).scheduleCatchUp();
  } catch (error) {
    // Even the retry object is out of reach: the cron catches up from the record within a minute.
    console.error('content generation: cannot arrange the catch-up alarm; the cron will catch up', error);
  }
}

/**
 * Moves every replica that is behind the latest recorded change, and rebases any that is ahead of it
 * (the database went back); returns the replicas that still failed.
 */
export async function catchUpReplicas(env: Env, now: Date): Promise<number[]> {
  const db = database(env.DB);
  const change = await latestChange(db);
  const failed = change ? await bumpVersion(env, db, now, change) : [];
  const ahead = await Promise.all(Array.from({ length: replicaCount(env) }, async (_, i) => {
    if (failed.includes(i)) return null;
    const seen = await replica(env, i).recordedSeq().catch(() => null);
    return seen !== null && seen > (change?.seq ?? 0) ? { i, seen } : null;
  }));
  for (const found of ahead) {
    if (!found) continue;
    // Read the record again: a write may have committed since, and its own move covers this replica.
    const latest = await latestChange(db);
    if ((latest?.seq ?? 0) >= found.seen) continue;
    try {
      await replica(env, found.i).rebase(found.seen, latest?.seq ?? 0, latest?.nextScheduledAt ?? null);
      console.warn(`content generation: replica ${found.i} was at change ${found.seen}, the database at ${latest?.seq ?? 0} (restored?); rebased`);
    } catch {
      failed.push(found.i);
    }
  }
  return failed;
}
