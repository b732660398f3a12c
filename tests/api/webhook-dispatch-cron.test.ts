// The cron's part in webhooks (functions/webhooks/housekeeping.ts through runScheduled): it wakes the
// dispatcher of a site with a delivery due (a scheduled item's time came, a lost retry alarm) and of no
// other, and forgets settled deliveries with their attempts after 30 days, pending ones never, in bounded batches.
import { env } from 'cloudflare:workers';
import { runInDurableObject } from 'cloudflare:test';
import { eq, inArray } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { sites, webhookAttempts, webhookDeliveries, webhooks } from '../../schema/tables.ts';
import { database } from '../../functions/data/db.ts';
import { DELIVERY_KEEP_MS, oldSettledDeliveries, pruneDeliveries } from '../../functions/data/webhook-dispatch.ts';
import { webhookDispatcher } from '../../functions/webhooks/kick.ts';
import { newWebhookSecret, sealWebhookSecret } from '../../functions/webhooks/secret.ts';
import { runScheduled } from '../../functions/scheduled.ts';
import { FIRST_SITE_ID, unique } from '../support/api.ts';

const db = database(env.DB);

async function hook(siteId: number) {
  const [row] = await db.insert(webhooks).values({
    siteId, url: 'https://receiver.example/hook', events: JSON.stringify(['article.published']), secretSealed: await sealWebhookSecret(env, siteId, newWebhookSecret()),
  }).returning();
  return row!.id;
}

async function delivery(siteId: number, webhookId: number, fields: Partial<typeof webhookDeliveries.$inferInsert>) {
  const [row] = await db.insert(webhookDeliveries).values({
    siteId, webhookId, messageId: `msg_${unique('c')}`, eventType: 'article.published', itemKind: 'article', itemId: 1, payload: '{}', ...fields,
  }).returning();
  return row!;
}

const alarmOf = (siteId: number) => runInDurableObject(webhookDispatcher(env, siteId), (_o, state) => state.storage.getAlarm());

beforeEach(async () => {
  await db.update(webhookDeliveries).set({ state: 'cancelled' }).where(eq(webhookDeliveries.state, 'pending'));
});

describe('the cron and webhooks', () => {
  it('kicks the dispatcher of a site with a delivery due, and not of a site whose deliveries are all later', async () => {
    const [other] = await db.insert(sites).values({ name: 'Xã thử' }).returning();
    const at = new Date(Date.now() + 60_000);
    await delivery(FIRST_SITE_ID, await hook(FIRST_SITE_ID), { nextAttemptAt: new Date(at.getTime() - 1) });
    await delivery(other!.id, await hook(other!.id), { nextAttemptAt: new Date(at.getTime() + 3_600_000) });
    const before = Date.now();
    const { webhooks: result } = await runScheduled(env, at);
    expect(result?.kicked).toEqual([FIRST_SITE_ID]);
    expect(await alarmOf(FIRST_SITE_ID)).toBeGreaterThanOrEqual(before);
    expect(await alarmOf(other!.id)).toBeNull();
  });

  it('prunes settled deliveries and their attempts after 30 days; pending and recent ones stay', async () => {
    const now = new Date();
    const old = new Date(now.getTime() - DELIVERY_KEEP_MS - 1);
    const id = await hook(FIRST_SITE_ID);
    const delivered = await delivery(FIRST_SITE_ID, id, { state: 'delivered', createdAt: old });
    const failed = await delivery(FIRST_SITE_ID, id, { state: 'failed', createdAt: old });
    const cancelled = await delivery(FIRST_SITE_ID, id, { state: 'cancelled', createdAt: old });
    const pending = await delivery(FIRST_SITE_ID, id, { state: 'pending', createdAt: old, nextAttemptAt: new Date(now.getTime() + 3_600_000) });
    const recent = await delivery(FIRST_SITE_ID, id, { state: 'delivered', createdAt: new Date(now.getTime() - DELIVERY_KEEP_MS + 60_000) });
    await db.insert(webhookAttempts).values([delivered, failed, recent].map((d) => ({ deliveryId: d.id, attemptedAt: d.createdAt, status: 200, durationMs: 3 })));
    // Bounded: two per call here, the oldest first.
    expect(await pruneDeliveries(db, now, 2)).toBe(2);
    const { webhooks: result } = await runScheduled(env, now);
    expect(result?.pruned).toBe(1);
    const left = await db.select({ id: webhookDeliveries.id }).from(webhookDeliveries)
      .where(inArray(webhookDeliveries.id, [delivered, failed, cancelled, pending, recent].map((d) => d.id)));
    expect(left.map((r) => r.id).sort()).toEqual([pending.id, recent.id].sort());
    const attempts = await db.select({ deliveryId: webhookAttempts.deliveryId }).from(webhookAttempts)
      .where(inArray(webhookAttempts.deliveryId, [delivered.id, failed.id, recent.id]));
    expect(attempts).toEqual([{ deliveryId: recent.id }]);
    expect(await runScheduled(env, now).then((r) => r.webhooks?.pruned)).toBe(0);
  });

  it('reads the old rows only: the query walks webhook_deliveries_created, the recent month is not scanned', async () => {
    const id = await hook(FIRST_SITE_ID);
    const now = new Date();
    // 50 settled deliveries of the last hour, written by SQLite itself (D1 binds at most 100 parameters a statement).
    await env.DB.prepare(`WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 49)
      INSERT INTO webhook_deliveries (site_id, webhook_id, message_id, event_type, item_kind, item_id, payload, state, created_at)
      SELECT ?, ?, 'msg_' || lower(hex(randomblob(16))), 'article.published', 'article', 1, '{}', 'delivered', ? - i * 60000 FROM n`)
      .bind(FIRST_SITE_ID, id, now.getTime()).run();
    const query = oldSettledDeliveries(db, now, 200).toSQL();
    const { results } = await env.DB.prepare(`EXPLAIN QUERY PLAN ${query.sql}`).bind(...query.params).all<{ detail: string }>();
    expect(results.map((r) => r.detail).join('\n')).toMatch(/USING INDEX webhook_deliveries_created \(created_at<\?\)/);
    // And the function itself reads no more than the rows it could delete (D1's own count).
    const before = await env.DB.prepare('SELECT count(*) AS n FROM webhook_deliveries WHERE created_at <= ?').bind(now.getTime() - DELIVERY_KEEP_MS).first<{ n: number }>();
    const { meta } = await env.DB.prepare(query.sql).bind(...query.params).all();
    expect(meta.rows_read).toBeLessThanOrEqual(before!.n + 1);
  });
});
