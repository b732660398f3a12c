// Moving the content generation after a commit, and catching up replicas whose move failed. The
// commit already recorded the change durably (content_changes, same D1 transaction), so a failed move
// is never lost: the "catch-up" object's alarm retries it within seconds, the cron every minute, and
// any later write moves every replica past it anyway. The write itself still succeeds.
import { bumpVersion } from '../cache/generation.ts';
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

/** Moves every replica that is behind the latest recorded change; returns those that still failed. */
export async function catchUpReplicas(env: Env, now: Date): Promise<number[]> {
  const db = database(env.DB);
  const change = await latestChange(db);
  if (!change) return [];
  return bumpVersion(env, db, now, change);
}
