// The dispatcher's and the cron's queries over the webhook outbox: which deliveries of a site are due,
// recording an attempt's result (guarded, so a redelivery or cancel made meanwhile stands), the next due
// instant, the sites with due deliveries, and pruning settled deliveries with their attempts.
import { and, asc, eq, inArray, isNotNull, lte, min, ne, notInArray, sql } from 'drizzle-orm';
import { webhookAttempts, webhookDeliveries, webhooks } from '../../schema/tables.ts';
import type { Db } from './db.ts';

export interface DueDelivery {
  id: number;
  messageId: string;
  payload: string;
  /** Attempts made before this one (the guard of the update). */
  attempts: number;
  webhookId: number;
  /** Null when the webhook is gone. */
  url: string | null;
  secretSealed: string | null;
  active: boolean | null;
}

const due = (siteId: number, now: Date) =>
  and(eq(webhookDeliveries.siteId, siteId), eq(webhookDeliveries.state, 'pending'), lte(webhookDeliveries.nextAttemptAt, now));

/** What a run's refill leaves out: webhooks already at their cap of sends in flight, deliveries the run took. */
export interface DueSkip {
  webhooks: number[];
  deliveries: number[];
}

/** The site's due deliveries, the longest waiting first, but those in `skip`. */
export function dueDeliveries(db: Db, siteId: number, now: Date, limit: number, skip: DueSkip = { webhooks: [], deliveries: [] }): Promise<DueDelivery[]> {
  return db.select({
    id: webhookDeliveries.id, messageId: webhookDeliveries.messageId, payload: webhookDeliveries.payload, attempts: webhookDeliveries.attempts,
    webhookId: webhookDeliveries.webhookId, url: webhooks.url, secretSealed: webhooks.secretSealed, active: webhooks.active,
  }).from(webhookDeliveries).leftJoin(webhooks, eq(webhooks.id, webhookDeliveries.webhookId))
    .where(and(
      due(siteId, now),
      skip.webhooks.length > 0 ? notInArray(webhookDeliveries.webhookId, skip.webhooks) : undefined,
      skip.deliveries.length > 0 ? notInArray(webhookDeliveries.id, skip.deliveries) : undefined,
    )).orderBy(asc(webhookDeliveries.nextAttemptAt), asc(webhookDeliveries.id)).limit(limit);
}

export interface Outcome {
  state: 'pending' | 'delivered' | 'failed' | 'cancelled';
  /** Pending: when to try again. */
  nextAttemptAt: Date | null;
  attemptedAt: Date;
  status: number | null;
  error: string;
  durationMs: number;
  /** False for a delivery settled without sending (its webhook paused or gone): no attempt row. */
  sent: boolean;
}

/**
 * One D1 batch: the delivery's new state, only if it is still the pending row with the attempts read (a
 * redelivery, cancel or another run meanwhile wins), and the attempt's row (it was sent, whatever the
 * state says now; not if the delivery itself is gone).
 */
export async function recordOutcome(db: Db, delivery: Pick<DueDelivery, 'id' | 'attempts'>, outcome: Outcome): Promise<boolean> {
  const update = db.update(webhookDeliveries).set({
    state: outcome.state,
    attempts: outcome.sent ? delivery.attempts + 1 : delivery.attempts,
    nextAttemptAt: outcome.state === 'pending' ? outcome.nextAttemptAt : null,
    ...(outcome.sent ? { lastAttemptAt: outcome.attemptedAt, lastStatus: outcome.status } : {}),
    lastError: outcome.error,
    deliveredAt: outcome.state === 'delivered' ? outcome.attemptedAt : null,
  }).where(and(eq(webhookDeliveries.id, delivery.id), eq(webhookDeliveries.state, 'pending'), eq(webhookDeliveries.attempts, delivery.attempts)))
    .returning({ id: webhookDeliveries.id });
  if (!outcome.sent) return (await update).length > 0;
  const attempt = db.insert(webhookAttempts).select(sql`select null, ${delivery.id}, ${outcome.attemptedAt.getTime()}, ${outcome.status}, ${outcome.error}, ${outcome.durationMs}
    where exists (select 1 from ${webhookDeliveries} where ${webhookDeliveries.id} = ${delivery.id})`);
  const [updated] = await db.batch([update, attempt]);
  return updated.length > 0;
}

/** When the site's next pending delivery is due (ms), or null when none is pending. */
export async function nextDueAt(db: Db, siteId: number): Promise<number | null> {
  const [row] = await db.select({ at: min(webhookDeliveries.nextAttemptAt) }).from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.siteId, siteId), eq(webhookDeliveries.state, 'pending'), isNotNull(webhookDeliveries.nextAttemptAt)));
  return row?.at ? row.at.getTime() : null;
}

/** The sites with a pending delivery due by `now` (the cron kicks their dispatchers). */
export async function sitesWithDueDeliveries(db: Db, now: Date): Promise<number[]> {
  const rows = await db.selectDistinct({ siteId: webhookDeliveries.siteId }).from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.state, 'pending'), lte(webhookDeliveries.nextAttemptAt, now)));
  return rows.map((r) => r.siteId);
}

export const DELIVERY_KEEP_MS = 30 * 24 * 60 * 60_000;

/**
 * The oldest `limit` settled deliveries past the 30 days. By creation time (index webhook_deliveries_created,
 * `state <> 'pending'` not indexable on purpose): the cron reads only rows past the 30 days, not every settled
 * delivery of the month each minute.
 */
export const oldSettledDeliveries = (db: Db, now: Date, limit: number) => db.select({ id: webhookDeliveries.id }).from(webhookDeliveries)
  .where(and(ne(webhookDeliveries.state, 'pending'), lte(webhookDeliveries.createdAt, new Date(now.getTime() - DELIVERY_KEEP_MS))))
  .orderBy(asc(webhookDeliveries.createdAt), asc(webhookDeliveries.id)).limit(limit);

/**
 * Deletes up to `limit` settled deliveries (delivered, failed, cancelled) created more than 30 days before
 * `now`, with their attempts, in one batch; returns how many. Pending ones stay whatever their age.
 */
export async function pruneDeliveries(db: Db, now: Date, limit: number): Promise<number> {
  const old = await oldSettledDeliveries(db, now, limit);
  if (old.length === 0) return 0;
  const ids = old.map((r) => r.id);
  await db.batch([
    db.delete(webhookAttempts).where(inArray(webhookAttempts.deliveryId, ids)),
    db.delete(webhookDeliveries).where(and(inArray(webhookDeliveries.id, ids), inArray(webhookDeliveries.state, ['delivered', 'failed', 'cancelled']))),
  ]);
  return ids.length;
}
