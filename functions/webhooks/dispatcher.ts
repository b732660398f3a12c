// A site's webhook sender (one Durable Object per site, "site:<id>"): its alarm sends the site's due
// deliveries from the outbox (webhook_deliveries), a bounded batch per alarm, records each result with
// its attempt in one D1 batch, and sets the next alarm at the next due delivery. Writers and the cron
// only set the alarm (kick), so one object, single-threaded, is the only sender of its site's rows.
// An alarm that throws (D1 down) leaves the rows pending; the platform retries it, and the cron kicks.
import { DurableObject } from 'cloudflare:workers';
import { database } from '../data/db.ts';
import { dueDeliveries, nextDueAt, recordOutcome, type DueDelivery, type Outcome } from '../data/webhook-dispatch.ts';
import { nextAttemptAt, retrySchedule } from './backoff.ts';
import { openWebhookSecret } from './secret.ts';
import { sendAttempt, type AttemptResult, type UrlGuard } from './send.ts';

/** Deliveries per alarm (then the next alarm at once), and how many are in flight together. */
export const DELIVERIES_PER_ALARM = 25;
export const CONCURRENT_SENDS = 5;

export interface DispatchRun {
  /** Deliveries looked at (due at the start of the run). */
  due: number;
  delivered: number;
  /** Failed attempts that will be retried. */
  retrying: number;
  /** Deliveries given up (the schedule ran out). */
  failed: number;
  /** Skipped: the webhook is paused or gone (cancelled), or the row changed meanwhile. */
  skipped: number;
  /** The alarm set after the run (ms), or null. */
  nextAlarm: number | null;
}

/** The outcome of one sent attempt under the schedule: delivered, retry later, or failed for good. */
export function settle(delivery: Pick<DueDelivery, 'attempts'>, result: AttemptResult, attemptedAt: number, waits: number[]): Outcome {
  const base = { attemptedAt: new Date(attemptedAt), status: result.status, error: result.error, durationMs: result.durationMs, sent: true };
  if (result.delivered) return { ...base, state: 'delivered', nextAttemptAt: null };
  const next = nextAttemptAt(delivery.attempts + 1, attemptedAt, waits);
  return next === null ? { ...base, state: 'failed', nextAttemptAt: null } : { ...base, state: 'pending', nextAttemptAt: new Date(next) };
}

export class WebhookDispatcher extends DurableObject<Env> {
  /** The address check before every send (the SSRF guard). */
  protected guard: UrlGuard = async () => null;

  private async siteId(): Promise<number | null> {
    return (await this.ctx.storage.get<number>('siteId')) ?? null;
  }

  /** Run as soon as possible unless an alarm is set earlier (a kick never delays what is due). */
  async kick(siteId: number): Promise<void> {
    if ((await this.siteId()) !== siteId) await this.ctx.storage.put('siteId', siteId);
    const now = Date.now();
    const current = await this.ctx.storage.getAlarm();
    if (current === null || current > now) await this.ctx.storage.setAlarm(now);
  }

  override async alarm(): Promise<void> {
    await this.dispatch(Date.now());
  }

  /** One run at `now`: sends up to DELIVERIES_PER_ALARM due deliveries, then sets the next alarm. */
  async dispatch(now: number): Promise<DispatchRun | null> {
    const siteId = await this.siteId();
    if (siteId === null) return null;
    const db = database(this.env.DB);
    const waits = retrySchedule(this.env);
    const rows = await dueDeliveries(db, siteId, new Date(now), DELIVERIES_PER_ALARM);
    const run: DispatchRun = { due: rows.length, delivered: 0, retrying: 0, failed: 0, skipped: 0, nextAlarm: null };
    // Oldest first, at most CONCURRENT_SENDS at once; deliveries of one webhook are not held in order
    // (each carries its event's timestamp and id; receivers order by those, as Standard Webhooks advises).
    let next = 0;
    const worker = async () => {
      while (next < rows.length) {
        const row = rows[next++]!;
        const outcome = await this.attempt(siteId, row, waits);
        const applied = await recordOutcome(db, row, outcome);
        if (!applied || !outcome.sent) run.skipped++;
        else if (outcome.state === 'delivered') run.delivered++;
        else if (outcome.state === 'failed') run.failed++;
        else run.retrying++;
      }
    };
    await Promise.all(Array.from({ length: Math.min(CONCURRENT_SENDS, rows.length) }, worker));
    // A full batch may have more due behind it: go on at once; else at the next due row.
    const after = rows.length === DELIVERIES_PER_ALARM ? Date.now() : await nextDueAt(db, siteId);
    run.nextAlarm = after === null ? null : Math.max(after, Date.now());
    if (run.nextAlarm === null) await this.ctx.storage.deleteAlarm();
    else await this.ctx.storage.setAlarm(run.nextAlarm);
    return run;
  }

  private async attempt(siteId: number, row: DueDelivery, waits: number[]): Promise<Outcome> {
    const at = Date.now();
    if (row.url === null || row.active !== true) {
      // Managing cancels these; one left pending (a race with the pause) is settled here, unsent.
      return { state: 'cancelled', nextAttemptAt: null, attemptedAt: new Date(at), status: null, error: row.url === null ? 'the webhook was deleted' : 'the webhook is paused', durationMs: 0, sent: false };
    }
    const secret = await openWebhookSecret(this.env, siteId, row.secretSealed!).catch(() => null);
    const result = await sendAttempt({ url: row.url, messageId: row.messageId, payload: row.payload, secret }, this.guard);
    return settle(row, result, at, waits);
  }
}
