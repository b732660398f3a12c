// The cron trigger (every minute), for every site. Scheduled articles need no flip to go live: readers'
// queries compare the publish time with now, and cached entries expire before it. Once a site's next
// such instant has passed, the run records a publication of that site through the write service, which
// moves that site's content generation on (with the following scheduled instant) and its province's
// roll-up, so caching resumes. It also catches up any generation replica of any site a failed move left
// behind, prunes Idempotency-Keys older than 24 h, and sweeps a batch of orphaned uploads once an hour
// (functions/media/sweep.ts); every ten minutes it empties a batch of the trash (items deleted more than
// 30 days ago, functions/trash/purge.ts), and every run prunes a batch of audit entries older than their
// retention (functions/audit/retention.ts); once a day at BACKUP_AT_UTC it starts the backup to R2
// (functions/backup/backup-runner.ts, which goes on by its own alarms). Every run wakes the webhook
// dispatcher of each site with a delivery due and prunes a batch of settled deliveries older than 30 days
// (functions/webhooks/housekeeping.ts). Idempotent: a repeated or late run finds nothing due, or moves once more,
// which only costs cache misses; a sweep run again finds less.
import { catchUpGeneration, publishDue } from './articles/service.ts';
import { pruneIdempotencyKeys } from './data/idempotency-keys.ts';
import { database } from './data/db.ts';
import { isSweepRun, sweepOrphanMedia, type SweepResult } from './media/sweep.ts';
import { pruneAuditLog } from './audit/retention.ts';
import { purgeTrash, type PurgeResult } from './trash/purge.ts';
import { isBackupRun, startDailyBackup } from './backup/backup-schedule.ts';
import type { StartResult } from './backup/backup-runner.ts';
import { webhookHousekeeping, type WebhookHousekeeping } from './webhooks/housekeeping.ts';

/** The trash is emptied at minutes 5, 15, ... 55 (25 items a run, 3,600 a day: the minute's other work stays light). */
export const isPurgeRun = (at: Date) => at.getUTCMinutes() % 10 === 5;

export interface ScheduledRun {
  /** Some site's content generation moved because a scheduled time passed. */
  refreshed: boolean;
  /** The sites whose scheduled time passed. */
  published: number[];
  /** The orphan sweep of this run; null if it was not this run's turn (hourly) or it failed (logged; the next one carries on). */
  sweep: SweepResult | null;
  /** The trash purge of this run; null if not its turn or it failed (logged; the next one carries on). */
  purge: PurgeResult | null;
  /** The daily backup's start; null if not its minute or it failed (logged). */
  backup: StartResult | null;
  /** Webhook dispatchers kicked and old deliveries pruned; null if it failed (logged; the next minute carries on). */
  webhooks: WebhookHousekeeping | null;
}

async function refreshForSchedule(env: Env, at: Date): Promise<number[]> {
  const published = await publishDue(env, at);
  if (published.length) console.log(`scheduled: a publication time passed on site(s) ${published.join(', ')}; their caches refreshed`);
  // Every other site's replicas too (a publication moved only its own site's).
  await catchUpGeneration(env, at);
  // Housekeeping: a failure is logged and the next minute prunes what this one left.
  await pruneIdempotencyKeys(database(env.DB), at).catch((error: unknown) => console.error('scheduled: pruning Idempotency-Keys failed', error));
  await pruneAuditLog(database(env.DB), at).catch((error: unknown) => console.error('scheduled: pruning the audit log failed', error));
  return published;
}

export async function runScheduled(env: Env, at: Date): Promise<ScheduledRun> {
  // Independent jobs: housekeeping never stands in the way of publishing (a failed sweep is logged and
  // carried on next minute), and a failed refresh still lets the sweep finish before it is reported.
  const sweeping = !isSweepRun(at) ? Promise.resolve(null) : sweepOrphanMedia(env, at).catch((error: unknown) => {
    console.error('scheduled: orphan media sweep failed', error);
    return null;
  });
  const purging = !isPurgeRun(at) ? Promise.resolve(null) : purgeTrash(env, at).catch((error: unknown) => {
    console.error('scheduled: trash purge failed', error);
    return null;
  });
  const backingUp = Promise.resolve().then(() => (isBackupRun(at, env) ? startDailyBackup(env, at) : null)).catch((error: unknown) => {
    console.error('scheduled: starting the backup failed', error);
    return null;
  });
  const webhooks = webhookHousekeeping(env, at).catch((error: unknown) => {
    console.error('scheduled: webhook housekeeping failed', error);
    return null;
  });
  const published = await refreshForSchedule(env, at).finally(() => Promise.all([sweeping, purging, backingUp, webhooks]));
  return { refreshed: published.length > 0, published, sweep: await sweeping, purge: await purging, backup: await backingUp, webhooks: await webhooks };
}
