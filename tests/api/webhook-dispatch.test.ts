// The webhook dispatcher against real local D1, the real Durable Object and a real receiver on 127.0.0.1
// (node:http, started by the project's globalSetup): what is sent (Standard Webhooks headers, the stored
// body exactly, verified by the reference library), what is recorded per attempt, the retry schedule with
// controlled time (rows due in the past, runs at a given `now`), giving up, and what is never sent.
import { env } from 'cloudflare:workers';
import { runDurableObjectAlarm, runInDurableObject } from 'cloudflare:test';
import { asc, eq, inArray } from 'drizzle-orm';
import { Webhook } from 'standardwebhooks';
import { beforeEach, describe, expect, inject, it } from 'vitest';
import { webhookAttempts, webhookDeliveries, webhooks } from '../../schema/tables.ts';
import { database } from '../../functions/data/db.ts';
import { recordOutcome } from '../../functions/data/webhook-dispatch.ts';
import { DELIVERIES_PER_ALARM, sendGuard, type DispatchRun, type WebhookDispatcher } from '../../functions/webhooks/dispatcher.ts';
import { kickWebhooks, webhookDispatcher } from '../../functions/webhooks/kick.ts';
import { newWebhookSecret, sealWebhookSecret } from '../../functions/webhooks/secret.ts';
import type { Received } from '../support/webhook-receiver.ts';
import { FIRST_SITE_ID, unique } from '../support/api.ts';

const receiver = inject('webhookReceiver');
const db = database(env.DB);
const SITE = FIRST_SITE_ID;
const DAY = 24 * 60 * 60_000;

async function received(name: string): Promise<Received[]> {
  return (await fetch(`${receiver}/received/${name}`)).json();
}

async function hook(url: string, { active = true, secret = newWebhookSecret() } = {}) {
  const [row] = await db.insert(webhooks).values({
    siteId: SITE, url, events: JSON.stringify(['article.published']), secretSealed: await sealWebhookSecret(env, SITE, secret), active,
  }).returning();
  return { id: row!.id, secret };
}

let seq = 0;
/** An outbox row as the write service leaves it: pending, due at `due`. */
async function delivery(webhookId: number, due: number, attempts = 0) {
  seq += 1;
  const payload = JSON.stringify({ type: 'article.published', timestamp: new Date(due).toISOString(), data: { id: seq, slug: `tin-${seq}`, previousSlug: null, url: `http://cms.test/tin/tin-${seq}`, apiUrl: `http://cms.test/api/v1/articles/tin-${seq}`, version: 1 } });
  const [row] = await db.insert(webhookDeliveries).values({
    siteId: SITE, webhookId, messageId: `msg_${unique('t')}`, eventType: 'article.published', itemKind: 'article', itemId: seq, payload, attempts, nextAttemptAt: new Date(due),
  }).returning();
  return row!;
}

const row = async (id: number) => (await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, id)))[0]!;
const attemptsOf = (id: number) => db.select().from(webhookAttempts).where(eq(webhookAttempts.deliveryId, id)).orderBy(asc(webhookAttempts.id));

const stub = () => webhookDispatcher(env, SITE);
type Local = 'local' | 'production';
/**
 * One run of the site's dispatcher at `now`, as its alarm runs it; 'local' gives its guard the setting npm
 * start and the e2e servers have (WEBHOOK_LOOPBACK allow: the receiver is on loopback). The alarm it sets
 * is returned and then removed, so no real alarm runs between the test's steps.
 */
async function run(now: number, setting: Local = 'local'): Promise<DispatchRun & { alarm: number | null }> {
  await kickWebhooks(env, SITE); // records the object's site
  return runInDurableObject(stub(), async (object: WebhookDispatcher, state) => {
    await state.storage.deleteAlarm();
    object.guard = sendGuard({ ...env, WEBHOOK_LOOPBACK: setting === 'local' ? 'allow' : 'refuse' });
    const result = (await object.dispatch(now))!;
    const alarm = await state.storage.getAlarm();
    await state.storage.deleteAlarm();
    return { ...result, alarm };
  });
}

beforeEach(async () => {
  // Each test sees only its own rows.
  await db.update(webhookDeliveries).set({ state: 'cancelled' }).where(eq(webhookDeliveries.state, 'pending'));
});

describe('a delivery sent', () => {
  it('carries the stored body exactly, signed so the reference library verifies it, and is recorded delivered with its attempt', async () => {
    const name = unique('ok');
    const { id, secret } = await hook(`${receiver}/hook/${name}`);
    const now = Date.now();
    const d = await delivery(id, now - 1000);
    const result = await run(now);
    expect(result).toMatchObject({ due: 1, delivered: 1, retrying: 0, failed: 0, alarm: null });
    const [got, ...more] = await received(name);
    expect(more).toHaveLength(0);
    expect(got!.method).toBe('POST');
    expect(got!.body).toBe(d.payload);
    expect(got!.headers).toMatchObject({ 'content-type': 'application/json', 'user-agent': 'bientap-cms-webhooks/1', 'webhook-id': d.messageId });
    expect(Math.abs(Number(got!.headers['webhook-timestamp']) - Date.now() / 1000)).toBeLessThan(60);
    expect(new Webhook(secret).verify(got!.body, got!.headers)).toEqual(JSON.parse(d.payload));
    const after = await row(d.id);
    expect(after).toMatchObject({ state: 'delivered', attempts: 1, lastStatus: 200, lastError: '', nextAttemptAt: null });
    expect(after.deliveredAt!.getTime()).toBeGreaterThanOrEqual(now);
    const attempts = await attemptsOf(d.id);
    expect(attempts).toHaveLength(1);
    expect(attempts[0]).toMatchObject({ status: 200, error: '' });
    expect(attempts[0]!.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('is retried on the schedule with the same webhook-id until the receiver accepts (500, 500, then 200)', async () => {
    const name = unique('flaky');
    const { id, secret } = await hook(`${receiver}/hook/${name}?answers=500,500,200`);
    const t0 = Date.now();
    const d = await delivery(id, t0 - 1000);
    const first = await run(t0);
    expect(first).toMatchObject({ delivered: 0, retrying: 1 });
    let r = await row(d.id);
    expect(r).toMatchObject({ state: 'pending', attempts: 1, lastStatus: 500 });
    expect(r.lastError).toBe(`HTTP 500: receiver says no (${name})`);
    // The first wait of the default schedule is 5 s, counted from the attempt (the run's clock).
    const retryAt = r.nextAttemptAt!.getTime();
    expect(retryAt).toBe((await attemptsOf(d.id))[0]!.attemptedAt.getTime() + 5000);
    expect(retryAt - t0).toBeGreaterThanOrEqual(5000);
    expect(first.alarm).toBe(retryAt);
    // Before it is due, nothing is sent.
    expect(await run(retryAt - 1)).toMatchObject({ due: 0 });
    expect(await received(name)).toHaveLength(1);
    await run(retryAt);
    r = await row(d.id);
    expect(r).toMatchObject({ state: 'pending', attempts: 2, lastStatus: 500 });
    // The second wait: 30 s.
    expect(r.nextAttemptAt!.getTime() - retryAt).toBeGreaterThanOrEqual(30_000);
    expect(await run(r.nextAttemptAt!.getTime())).toMatchObject({ delivered: 1 });
    expect(await row(d.id)).toMatchObject({ state: 'delivered', attempts: 3, lastStatus: 200, lastError: '' });
    const got = await received(name);
    expect(got.map((g) => g.headers['webhook-id'])).toEqual([d.messageId, d.messageId, d.messageId]);
    for (const g of got) expect(() => new Webhook(secret).verify(g.body, g.headers)).not.toThrow();
    expect((await attemptsOf(d.id)).map((a) => a.status)).toEqual([500, 500, 200]);
  });

  it('is failed for good when the schedule runs out (the 11th attempt of the default 10 waits fails)', async () => {
    const name = unique('down');
    const { id } = await hook(`${receiver}/hook/${name}?answers=503`);
    const now = Date.now();
    const d = await delivery(id, now - 1000, 10);
    expect(await run(now)).toMatchObject({ failed: 1, alarm: null });
    expect(await row(d.id)).toMatchObject({ state: 'failed', attempts: 11, lastStatus: 503, nextAttemptAt: null, deliveredAt: null });
  });

  it('does not follow a redirect: a 3xx is a failed attempt naming where it pointed', async () => {
    const name = unique('moved');
    const { id } = await hook(`${receiver}/hook/${name}?answers=redirect`);
    const d = await delivery(id, Date.now() - 1000);
    await run(Date.now());
    expect(await row(d.id)).toMatchObject({ state: 'pending', attempts: 1, lastStatus: 302, lastError: `HTTP 302: redirect to /hook/${name}-moved not followed` });
    expect(await received(`${name}-moved`)).toHaveLength(0);
  });

  it('keeps only an excerpt of a refusal page (a 5 MB answer): the status and its first 300 characters', async () => {
    const { id } = await hook(`${receiver}/hook/${unique('huge')}?answers=huge`);
    const d = await delivery(id, Date.now() - 1000);
    await run(Date.now());
    const r = await row(d.id);
    expect(r).toMatchObject({ state: 'pending', attempts: 1, lastStatus: 500 });
    expect(r.lastError).toBe(`HTTP 500: <h1>Lỗi máy chủ</h1>${'x'.repeat(300 - '<h1>Lỗi máy chủ</h1>'.length)}`);
  });

  it('records an unreachable receiver (a closed port) as a failed attempt with the network error', async () => {
    const { id } = await hook('http://127.0.0.1:9/hook/closed');
    const d = await delivery(id, Date.now() - 1000);
    await run(Date.now());
    const r = await row(d.id);
    expect(r).toMatchObject({ state: 'pending', attempts: 1, lastStatus: null });
    expect(r.lastError).toMatch(/^network error: /);
    expect(await attemptsOf(d.id)).toMatchObject([{ status: null, error: r.lastError }]);
  });
});

describe('a delivery not sent', () => {
  it('is refused by the address guard under the production setting (a loopback receiver): a failed attempt with the reason', async () => {
    const name = unique('ssrf');
    const { id } = await hook(`${receiver}/hook/${name}`);
    const d = await delivery(id, Date.now() - 1000);
    await run(Date.now(), 'production');
    const r = await row(d.id);
    expect(r).toMatchObject({ state: 'pending', attempts: 1, lastStatus: null });
    expect(r.lastError).toMatch(/^refused: loopback: 127\.0\.0\.1 is a loopback address$/);
    expect(await received(name)).toHaveLength(0);
  });

  it('fails the attempt with a clear error when the secret does not open (sealed for another site)', async () => {
    const name = unique('sealed');
    const { id } = await hook(`${receiver}/hook/${name}`);
    await db.update(webhooks).set({ secretSealed: await sealWebhookSecret(env, SITE + 1, newWebhookSecret()) }).where(eq(webhooks.id, id));
    const d = await delivery(id, Date.now() - 1000);
    await run(Date.now());
    expect((await row(d.id)).lastError).toMatch(/signing secret does not open/);
    expect(await received(name)).toHaveLength(0);
  });

  it('is cancelled unsent, with no attempt, when its webhook is paused', async () => {
    const name = unique('paused');
    const { id } = await hook(`${receiver}/hook/${name}`, { active: false });
    const d = await delivery(id, Date.now() - 1000);
    expect(await run(Date.now())).toMatchObject({ skipped: 1, delivered: 0 });
    expect(await row(d.id)).toMatchObject({ state: 'cancelled', attempts: 0, lastError: 'the webhook is paused' });
    expect(await attemptsOf(d.id)).toHaveLength(0);
    expect(await received(name)).toHaveLength(0);
  });

  it('waits for its time (a scheduled item): not sent before, the alarm set at it', async () => {
    const name = unique('later');
    const { id } = await hook(`${receiver}/hook/${name}`);
    const now = Date.now();
    const d = await delivery(id, now + DAY);
    expect(await run(now)).toMatchObject({ due: 0, alarm: now + DAY });
    expect(await received(name)).toHaveLength(0);
    expect(await run(now + DAY)).toMatchObject({ delivered: 1 });
    expect((await row(d.id)).state).toBe('delivered');
  });
});

describe('bounds and guards', () => {
  it(`sends at most ${DELIVERIES_PER_ALARM} per run, oldest first, and sets the next alarm at once when more are due`, async () => {
    const name = unique('many');
    const { id } = await hook(`${receiver}/hook/${name}`);
    const now = Date.now();
    const rows = [];
    for (let i = 0; i < DELIVERIES_PER_ALARM + 3; i++) rows.push(await delivery(id, now - 60_000 + i));
    const first = await run(now);
    expect(first).toMatchObject({ due: DELIVERIES_PER_ALARM, delivered: DELIVERIES_PER_ALARM });
    expect(first.alarm).not.toBeNull();
    expect(first.alarm!).toBeLessThanOrEqual(Date.now());
    const states = await db.select({ id: webhookDeliveries.id, state: webhookDeliveries.state }).from(webhookDeliveries).where(inArray(webhookDeliveries.id, rows.map((r) => r.id))).orderBy(asc(webhookDeliveries.id));
    expect(states.filter((s) => s.state === 'pending').map((s) => s.id)).toEqual(rows.slice(DELIVERIES_PER_ALARM).map((r) => r.id));
    expect(await run(now)).toMatchObject({ due: 3, delivered: 3, alarm: null });
    expect(await received(name)).toHaveLength(DELIVERIES_PER_ALARM + 3);
  });

  it('never overwrites a delivery changed while it was being sent (a redelivery or cancel wins)', async () => {
    const { id } = await hook(`${receiver}/hook/${unique('raced')}`);
    const d = await delivery(id, Date.now() - 1000);
    // Meanwhile an admin cancelled it.
    await db.update(webhookDeliveries).set({ state: 'cancelled' }).where(eq(webhookDeliveries.id, d.id));
    const applied = await recordOutcome(db, { id: d.id, attempts: 0 }, { state: 'delivered', nextAttemptAt: null, attemptedAt: new Date(), status: 200, error: '', durationMs: 5, sent: true });
    expect(applied).toBe(false);
    expect(await row(d.id)).toMatchObject({ state: 'cancelled', attempts: 0 });
    // The send happened, so its attempt is logged.
    expect(await attemptsOf(d.id)).toMatchObject([{ status: 200 }]);
  });

  it('loses nothing when the result cannot be recorded (D1 refusing): the run fails, the row stays pending and is sent again with its webhook-id', async () => {
    const name = unique('d1down');
    const { id } = await hook(`${receiver}/hook/${name}`);
    const d = await delivery(id, Date.now() - 1000);
    // The attempt log is unwritable: the result's batch fails whole (its state update included).
    await env.DB.exec('ALTER TABLE webhook_attempts RENAME TO webhook_attempts_away');
    try {
      await expect(run(Date.now())).rejects.toThrow(/webhook_attempts/);
    } finally {
      await env.DB.exec('ALTER TABLE webhook_attempts_away RENAME TO webhook_attempts');
    }
    expect(await row(d.id)).toMatchObject({ state: 'pending', attempts: 0 });
    // The platform retries the failed alarm: the next run sends it again and records it.
    expect(await run(Date.now())).toMatchObject({ delivered: 1 });
    expect(await row(d.id)).toMatchObject({ state: 'delivered', attempts: 1 });
    expect((await received(name)).map((g) => g.headers['webhook-id'])).toEqual([d.messageId, d.messageId]);
  });

  it('runs from its real alarm: a kick makes the alarm send what is due', async () => {
    const name = unique('alarm');
    const { id } = await hook(`${receiver}/hook/${name}`);
    const d = await delivery(id, Date.now() - 1000);
    await kickWebhooks(env, SITE);
    await runInDurableObject(stub(), (object: WebhookDispatcher) => { object.guard = sendGuard(env); });
    // The production setting (wrangler.toml's WEBHOOK_LOOPBACK) refuses the loopback receiver: the alarm ran, attempted and recorded it.
    await runDurableObjectAlarm(stub());
    const r = await row(d.id);
    expect(r.attempts).toBe(1);
    expect(r.lastError).toMatch(/^refused: /);
  });
});

describe('kickWebhooks', () => {
  it('sets the site dispatcher alarm to now, bringing a later one forward, and a run with nothing due clears it', async () => {
    const siteId = 900_001;
    const before = Date.now();
    await kickWebhooks(env, siteId);
    const object = webhookDispatcher(env, siteId);
    const set = await runInDurableObject(object, (_o, state) => state.storage.getAlarm());
    expect(set).not.toBeNull();
    expect(set!).toBeGreaterThanOrEqual(before);
    expect(set!).toBeLessThanOrEqual(Date.now());
    await runInDurableObject(object, (_o, state) => state.storage.setAlarm(Date.now() + 3_600_000));
    await kickWebhooks(env, siteId);
    expect(await runInDurableObject(object, (_o, state) => state.storage.getAlarm())).toBeLessThanOrEqual(Date.now());
    expect(await runDurableObjectAlarm(object)).toBe(true);
    expect(await runInDurableObject(object, (_o, state) => state.storage.getAlarm())).toBeNull();
  });

  it('never throws: a failing dispatcher is logged', async () => {
    const broken = { WEBHOOKS: { idFromName: () => { throw new Error('no namespace'); } } } as unknown as Env;
    await expect(kickWebhooks(broken, 1)).resolves.toBeUndefined();
  });
});
