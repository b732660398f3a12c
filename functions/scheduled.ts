// The cron trigger. Scheduled articles need no flip to go live: readers' queries compare the publish
// time with now, and cached entries expire before it. Once that instant has passed, the run moves the
// content generation on (with the following scheduled instant), so caching resumes. Idempotent: a
// repeated or late run finds nothing due, or bumps once more, which only costs cache misses.
import { readVersion, bumpVersion } from './cache/generation.ts';
import { database } from './data/db.ts';

export async function runScheduled(env: Env, at: Date): Promise<boolean> {
  const version = await readVersion(env);
  if (version.nextScheduledAt === null || version.nextScheduledAt > at.getTime()) return false;
  await bumpVersion(env, database(env.DB), at);
  console.log(`scheduled: publication time ${new Date(version.nextScheduledAt).toISOString()} passed; caches refreshed`);
  return true;
}
