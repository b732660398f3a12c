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
import { checkWebhookUrl, type GuardEnv } from './url-guard.ts';

/** Deliveries per alarm (then the next alarm at once), and how many are in flight together. */
export const DELIVERIES_PER_ALARM = 25;
export const CONCURRENT_SENDS = 5;
/**
 * Sends of one webhook in flight together: a receiver that hangs (10 s timeout) holds at most this many
 * lanes, so the site's other webhooks keep flowing; its further due rows wait for a lane of their own.
 */
export const SENDS_PER_WEBHOOK = 2;

export interface DispatchRun {
  /** Deliveries the run took (due when it looked; a refill looks again as lanes free up). */
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

/** The SSRF guard before every send, under the deployment's settings (WEBHOOK_LOOPBACK, WEBHOOK_DNS_RESOLVER). */
export function sendGuard(env: GuardEnv): UrlGuard {
  return async (url) => {
    const check = await checkWebhookUrl(url, env);
    return check.ok ? null : `${check.code}: ${check.detail}`;
  };
}

export class WebhookDispatcher extends DurableObject<Env> {
  /** The address check before every send (tests of the worker project give it the local setting, as npm start has). */
  guard: UrlGuard = sendGuard(this.env);
  /** The run in progress: a second alarm (a test's, or a retry of one) joins it instead of sending the same rows again. */
  private running: Promise<DispatchRun | null> | null = null;
  /** A kick came during the run: its rows may have committed after the run looked, so the run ends with an alarm now. */
  private kickedDuringRun = false;
  /** Wakes the running run's refill at a kick, so a free lane takes the new rows without waiting for a send to end. */
  private wake: (() => void) | null = null;

  private async siteId(): Promise<number | null> {
    return (await this.ctx.storage.get<number>('siteId')) ?? null;
  }

  /** Run as soon as possible unless an alarm is set earlier (a kick never delays what is due). */
  async kick(siteId: number): Promise<void> {
    if ((await this.siteId()) !== siteId) await this.ctx.storage.put('siteId', siteId);
    if (this.running) {
      this.kickedDuringRun = true;
      this.wake?.();
    }
    const now = Date.now();
    const current = await this.ctx.storage.getAlarm();
    if (current === null || current > now) await this.ctx.storage.setAlarm(now);
  }

  override async alarm(): Promise<void> {
    await this.dispatch(Date.now());
  }

  /** One run at `now` (ms): sends up to DELIVERIES_PER_ALARM deliveries due by then, then sets the next alarm. */
  dispatch(now: number): Promise<DispatchRun | null> {
    if (!this.running) this.running = this.run(now).finally(() => { this.running = null; });
    return this.running;
  }

  private async run(now: number): Promise<DispatchRun | null> {
    const started = Date.now();
    this.kickedDuringRun = false;
    const siteId = await this.siteId();
    if (siteId === null) return null;
    const db = database(this.env.DB);
    const waits = retrySchedule(this.env);
    const run: DispatchRun = { due: 0, delivered: 0, retrying: 0, failed: 0, skipped: 0, nextAlarm: null };
    // The run's clock moved on by the real time spent (a row may wait for earlier sends).
    const clock = () => now + (Date.now() - started);
    const inFlight = new Set<Promise<void>>();
    const perWebhook = new Map<number, number>();
    // Every row this run took: never taken twice, so a delivery is never sent twice at once or twice per run.
    const taken: number[] = [];
    let broken: { error: unknown } | null = null;

    const send = (row: DueDelivery) => {
      taken.push(row.id);
      perWebhook.set(row.webhookId, (perWebhook.get(row.webhookId) ?? 0) + 1);
      const lane: Promise<void> = (async () => {
        const outcome = await this.attempt(siteId, row, clock(), waits);
        const applied = await recordOutcome(db, row, outcome);
        if (!applied || !outcome.sent) run.skipped++;
        else if (outcome.state === 'delivered') run.delivered++;
        else if (outcome.state === 'failed') run.failed++;
        else run.retrying++;
      })().catch((error: unknown) => {
        // A lane that cannot record (D1 down) stops the run from taking more rows: what was sent and not
        // recorded stays pending and is sent again, with its webhook-id, when the alarm is retried.
        broken ??= { error };
      }).finally(() => {
        inFlight.delete(lane);
        perWebhook.set(row.webhookId, perWebhook.get(row.webhookId)! - 1);
      });
      inFlight.add(lane);
    };

    // Free lanes take the oldest due rows of webhooks below their cap, within the run's budget. Every query
    // leaves out the capped webhooks, so its first row can always be sent: each pass sends at least one.
    // Deliveries of one webhook are not held in order (each carries its event's timestamp and id;
    // receivers order by those, as Standard Webhooks advises).
    const refill = async (at: number) => {
      while (!broken && inFlight.size < CONCURRENT_SENDS && taken.length < DELIVERIES_PER_ALARM) {
        const capped = [...perWebhook].filter(([, n]) => n >= SENDS_PER_WEBHOOK).map(([id]) => id);
        const limit = Math.min(CONCURRENT_SENDS - inFlight.size, DELIVERIES_PER_ALARM - taken.length);
        const rows = await dueDeliveries(db, siteId, new Date(at), limit, { webhooks: capped, deliveries: taken });
        if (rows.length === 0) return;
        // Two rows of one webhook may come back together: past its cap, the next query skips it.
        for (const row of rows) if ((perWebhook.get(row.webhookId) ?? 0) < SENDS_PER_WEBHOOK) send(row);
      }
    };
    const refillSafely = (at: number) => refill(at).catch((error: unknown) => {
      broken ??= { error };
    });

    // A kick is listened for before each look, so one that comes while D1 answers is not missed.
    const nextKick = () => new Promise<void>((resolve) => { this.wake = resolve; });
    let kicked = nextKick();
    // The first look is at `now` exactly; later ones at the run's clock, so rows committed meanwhile (a kick) join.
    await refillSafely(now);
    // As each send ends (or a kick comes), the free lanes are refilled at once instead of waiting for the slowest send.
    while (inFlight.size > 0) {
      await Promise.race([...inFlight, kicked]);
      kicked = nextKick();
      await refillSafely(clock());
    }
    this.wake = null;
    run.due = taken.length;
    // Every lane has stopped before the alarm fails (the platform retries it), so no send outlives its run.
    if (broken) throw (broken as { error: unknown }).error;
    // A spent budget may have more due behind it: go on at once; else at the next due row (a capped
    // webhook's rows left due are in the past: at once too).
    // A kick during the run may be for rows committed after the last look: look again at once.
    const due = taken.length === DELIVERIES_PER_ALARM ? Date.now() : await nextDueAt(db, siteId);
    const after = this.kickedDuringRun ? Date.now() : due;
    run.nextAlarm = after === null ? null : Math.max(after, Date.now());
    if (run.nextAlarm === null) await this.ctx.storage.deleteAlarm();
    else await this.ctx.storage.setAlarm(run.nextAlarm);
    return run;
  }

  /** Sends one delivery (the headers carry the real clock; the schedule counts from the run's `now`). */
  private async attempt(siteId: number, row: DueDelivery, at: number, waits: number[]): Promise<Outcome> {
    if (row.url === null || row.active !== true) {
      // Managing cancels these; one left pending (a race with the pause) is settled here, unsent.
      return { state: 'cancelled', nextAttemptAt: null, attemptedAt: new Date(at), status: null, error: row.url === null ? 'the webhook was deleted' : 'the webhook is paused', durationMs: 0, sent: false };
    }
    const secret = await openWebhookSecret(this.env, siteId, row.secretSealed!).catch(() => null);
    const result = await sendAttempt({ url: row.url, messageId: row.messageId, payload: row.payload, secret }, this.guard);
    return settle(row, result, at, waits);
  }
}
