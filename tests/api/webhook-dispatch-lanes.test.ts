// The dispatcher's lanes with a receiver that hangs (the real receiver's "hang", released by the test instead
// of the 10 s timeout): one webhook holds at most SENDS_PER_WEBHOOK lanes, so the site's other webhooks are
// delivered while its sends are still open; a kick during the run is taken by a free lane at once; nothing is
// sent twice and every row is recorded. Order and counts only (what had arrived while what was open), no durations.
import { env } from 'cloudflare:workers';
import { runInDurableObject } from 'cloudflare:test';
import { eq, inArray } from 'drizzle-orm';
import { beforeEach, describe, expect, inject, it, vi } from 'vitest';
import { webhookAttempts, webhookDeliveries, webhooks } from '../../schema/tables.ts';
import { database } from '../../functions/data/db.ts';
import { SENDS_PER_WEBHOOK, sendGuard, type DispatchRun, type WebhookDispatcher } from '../../functions/webhooks/dispatcher.ts';
import { kickWebhooks, webhookDispatcher } from '../../functions/webhooks/kick.ts';
import { newWebhookSecret, sealWebhookSecret } from '../../functions/webhooks/secret.ts';
import type { Received } from '../support/webhook-receiver.ts';
import { FIRST_SITE_ID, unique } from '../support/api.ts';

const receiver = inject('webhookReceiver');
const db = database(env.DB);
const SITE = FIRST_SITE_ID;
/** Bounds the waits for the receiver's state (the hanging sends stay open until released, so these never race a timeout). */
const WAIT = { timeout: 15_000, interval: 20 };

const received = async (name: string): Promise<Received[]> => (await fetch(`${receiver}/received/${name}`)).json();
const open = async (name: string): Promise<{ open: number; most: number }> => (await fetch(`${receiver}/open/${name}`)).json();
const release = (name: string) => fetch(`${receiver}/release/${name}`, { method: 'POST' }).then((r) => r.json());

async function hook(url: string) {
  const [row] = await db.insert(webhooks).values({
    siteId: SITE, url, events: JSON.stringify(['article.published']), secretSealed: await sealWebhookSecret(env, SITE, newWebhookSecret()),
  }).returning();
  return row!.id;
}

type Row = typeof webhookDeliveries.$inferSelect;
let seq = 0;
async function delivery(webhookId: number, due: number): Promise<Row> {
  seq += 1;
  const [row] = await db.insert(webhookDeliveries).values({
    siteId: SITE, webhookId, messageId: `msg_${unique('l')}`, eventType: 'article.published', itemKind: 'article', itemId: seq, payload: JSON.stringify({ n: seq }), nextAttemptAt: new Date(due),
  }).returning();
  return row!;
}

const states = async (ids: number[]) => (await db.select().from(webhookDeliveries).where(inArray(webhookDeliveries.id, ids)));
const attemptsOf = async (ids: number[]) => db.select().from(webhookAttempts).where(inArray(webhookAttempts.deliveryId, ids));

/**
 * Inside the site's object: starts a run at `now` (local guard: the receiver is on loopback), lets `during`
 * look while it runs, then answers the hanging receiver's sends (503) until the run ends, and returns the run.
 */
async function runWhile(now: number, hanging: string, during: (ended: () => boolean) => Promise<void>): Promise<DispatchRun> {
  await kickWebhooks(env, SITE); // records the object's site
  return runInDurableObject(webhookDispatcher(env, SITE), async (object: WebhookDispatcher, state) => {
    await state.storage.deleteAlarm();
    object.guard = sendGuard({ ...env, WEBHOOK_LOOPBACK: 'allow' });
    let ended = false;
    const running = object.dispatch(now).finally(() => { ended = true; });
    await during(() => ended);
    while (!ended) {
      await vi.waitFor(async () => { if (!ended && (await open(hanging)).open === 0) throw new Error('no send open yet'); }, WAIT);
      if (!ended) await release(hanging);
    }
    const result = (await running)!;
    await state.storage.deleteAlarm();
    return result;
  });
}

beforeEach(async () => {
  await db.update(webhookDeliveries).set({ state: 'cancelled' }).where(eq(webhookDeliveries.state, 'pending'));
});

describe('a hanging receiver and the site\'s other webhooks', { timeout: 20_000 }, () => {
  it(`holds at most ${SENDS_PER_WEBHOOK} lanes: the other webhook's rows arrive while its sends are open; nothing sent twice, all recorded`, async () => {
    const dead = unique('dead');
    const fast = unique('fast');
    const a = await hook(`${receiver}/hook/${dead}?answers=hang`);
    const b = await hook(`${receiver}/hook/${fast}`);
    const now = Date.now();
    // A's six rows are the oldest: taken first, they would fill every lane.
    const aRows: Row[] = [];
    for (let i = 0; i < 6; i++) aRows.push(await delivery(a, now - 60_000 + i));
    const bRows: Row[] = [];
    for (let i = 0; i < 3; i++) bRows.push(await delivery(b, now - 30_000 + i));

    const result = await runWhile(now, dead, async (ended) => {
      // Until B's three arrived or A holds more than its cap (as all five lanes, before the cap).
      await vi.waitFor(async () => {
        if ((await received(fast)).length < 3 && (await open(dead)).open <= SENDS_PER_WEBHOOK) throw new Error('waiting');
      }, WAIT);
      expect(await received(fast)).toHaveLength(3);
      // ... while A's first sends are still open, and the run has not ended.
      expect(await open(dead)).toEqual({ open: SENDS_PER_WEBHOOK, most: SENDS_PER_WEBHOOK });
      expect(ended()).toBe(false);
      await vi.waitFor(async () => expect((await states(bRows.map((r) => r.id))).map((r) => r.state)).toEqual(['delivered', 'delivered', 'delivered']), WAIT);
    });

    expect(result).toMatchObject({ due: 9, delivered: 3, retrying: 6, failed: 0, skipped: 0 });
    // A never had more than its cap open at the receiver, each row sent once.
    expect((await open(dead)).most).toBe(SENDS_PER_WEBHOOK);
    const aGot = (await received(dead)).map((g) => g.headers['webhook-id']);
    expect(aGot.toSorted()).toEqual(aRows.map((r) => r.messageId).toSorted());
    expect((await received(fast)).map((g) => g.headers['webhook-id']).toSorted()).toEqual(bRows.map((r) => r.messageId).toSorted());
    // Every row recorded, one attempt each: A's refused by the release (503) and due again, B's delivered.
    for (const r of await states(aRows.map((x) => x.id))) expect(r).toMatchObject({ state: 'pending', attempts: 1, lastStatus: 503 });
    expect(await attemptsOf([...aRows, ...bRows].map((r) => r.id))).toHaveLength(9);
  });

  it('takes a row kicked in during the run into a free lane at once, not after the hanging sends end', async () => {
    const dead = unique('dead');
    const late = unique('late');
    const a = await hook(`${receiver}/hook/${dead}?answers=hang`);
    const c = await hook(`${receiver}/hook/${late}`);
    const now = Date.now();
    await delivery(a, now - 1000);
    let cRow: Row | undefined;
    const result = await runWhile(now, dead, async (ended) => {
      await vi.waitFor(async () => { if ((await open(dead)).open === 0) throw new Error('waiting'); }, WAIT);
      // A publication commits meanwhile, and its writer kicks (its row is due after the run's `now`: the
      // refill looks at the run's clock, moved on by the time spent).
      cRow = await delivery(c, now + 1);
      await kickWebhooks(env, SITE);
      await vi.waitFor(async () => { if ((await received(late)).length === 0) throw new Error('waiting'); }, WAIT);
      expect((await open(dead)).open).toBe(1);
      expect(ended()).toBe(false);
    });
    expect(result).toMatchObject({ due: 2, delivered: 1, retrying: 1 });
    expect((await received(late)).map((g) => g.headers['webhook-id'])).toEqual([cRow!.messageId]);
  });
});
