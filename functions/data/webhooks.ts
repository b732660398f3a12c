// Queries on a site's webhooks as the admin and the admin-scope API manage them: the list with each one's
// delivery figures, one webhook, its latest deliveries, one delivery with its attempts, and the statements
// of creating, changing, deleting, rotating the secret and redelivering (the service batches them with
// their audit entry). Every query names the site: another site's row is never found, changed or counted.
import type { BatchItem } from 'drizzle-orm/batch';
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { webhookAttempts, webhookDeliveries, webhooks, type WebhookDeliveryState, type WebhookEvent, type WebhookKind } from '../../schema/tables.ts';
import type { Db } from './db.ts';

/** At most this many webhooks per site (each publish fans out to all of them). */
export const MAX_WEBHOOKS_PER_SITE = 20;
/** Deliveries shown with a webhook, newest first. */
export const DELIVERIES_SHOWN = 50;

export interface Webhook {
  id: number;
  url: string;
  events: WebhookEvent[];
  description: string;
  active: boolean;
  createdAt: Date;
  updatedAt: Date;
}

/** A webhook with what its deliveries look like now: waiting, given up, and how the latest one went. */
export interface WebhookListing extends Webhook {
  pending: number;
  failed: number;
  last: { state: WebhookDeliveryState; status: number | null; at: Date } | null;
}

export interface DeliverySummary {
  id: number;
  messageId: string;
  eventType: WebhookEvent;
  itemKind: WebhookKind;
  itemId: number;
  state: WebhookDeliveryState;
  attempts: number;
  nextAttemptAt: Date | null;
  lastAttemptAt: Date | null;
  lastStatus: number | null;
  lastError: string;
  deliveredAt: Date | null;
  createdAt: Date;
}

export interface AttemptRow {
  attemptedAt: Date;
  status: number | null;
  error: string;
  durationMs: number;
}

export interface DeliveryDetail extends DeliverySummary {
  /** The JSON body exactly as sent. */
  payload: string;
  tries: AttemptRow[];
}

const webhookColumns = {
  id: webhooks.id, url: webhooks.url, events: webhooks.events, description: webhooks.description, active: webhooks.active,
  createdAt: webhooks.createdAt, updatedAt: webhooks.updatedAt,
};

const eventsOf = (json: string): WebhookEvent[] => JSON.parse(json) as WebhookEvent[];
const asWebhook = <T extends { events: string }>(row: T): T & { events: WebhookEvent[] } => ({ ...row, events: eventsOf(row.events) });

export async function listWebhooks(db: Db, siteId: number): Promise<WebhookListing[]> {
  // The outer row is named in full (webhooks.id): drizzle writes a column of the selected table unqualified, which inside
  // the subqueries would mean the delivery's own id.
  const rows = await db.select({
    ...webhookColumns,
    pending: sql<number>`(select count(*) from ${webhookDeliveries} d where d.webhook_id = webhooks.id and d.state = 'pending')`,
    failed: sql<number>`(select count(*) from ${webhookDeliveries} d where d.webhook_id = webhooks.id and d.state = 'failed')`,
    // The latest delivery tried (or settled): the one an admin asks about ("did the last one arrive?").
    last: sql<string | null>`(select json_array(d.state, d.last_status, coalesce(d.last_attempt_at, d.created_at)) from ${webhookDeliveries} d
      where d.webhook_id = webhooks.id and d.attempts > 0 order by d.last_attempt_at desc, d.id desc limit 1)`,
  }).from(webhooks).where(eq(webhooks.siteId, siteId)).orderBy(asc(webhooks.id));
  return rows.map((row) => {
    const last = row.last === null ? null : (JSON.parse(row.last) as [WebhookDeliveryState, number | null, number]);
    return { ...asWebhook(row), pending: row.pending, failed: row.failed, last: last && { state: last[0], status: last[1], at: new Date(last[2]) } };
  });
}

export async function webhookById(db: Db, siteId: number, id: number): Promise<Webhook | null> {
  const [row] = await db.select(webhookColumns).from(webhooks).where(and(eq(webhooks.siteId, siteId), eq(webhooks.id, id)));
  return row ? asWebhook(row) : null;
}

export async function countWebhooks(db: Db, siteId: number): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)` }).from(webhooks).where(eq(webhooks.siteId, siteId));
  return row?.n ?? 0;
}

const deliveryColumns = {
  id: webhookDeliveries.id, messageId: webhookDeliveries.messageId, eventType: webhookDeliveries.eventType, itemKind: webhookDeliveries.itemKind,
  itemId: webhookDeliveries.itemId, state: webhookDeliveries.state, attempts: webhookDeliveries.attempts, nextAttemptAt: webhookDeliveries.nextAttemptAt,
  lastAttemptAt: webhookDeliveries.lastAttemptAt, lastStatus: webhookDeliveries.lastStatus, lastError: webhookDeliveries.lastError,
  deliveredAt: webhookDeliveries.deliveredAt, createdAt: webhookDeliveries.createdAt,
};

/** The webhook's latest deliveries, newest first (index webhook_deliveries_webhook). */
export function latestDeliveries(db: Db, siteId: number, webhookId: number, limit = DELIVERIES_SHOWN): Promise<DeliverySummary[]> {
  return db.select(deliveryColumns).from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.webhookId, webhookId), eq(webhookDeliveries.siteId, siteId)))
    .orderBy(desc(webhookDeliveries.id)).limit(limit);
}

export async function deliveryById(db: Db, siteId: number, webhookId: number, id: number): Promise<DeliveryDetail | null> {
  const [row] = await db.select({ ...deliveryColumns, payload: webhookDeliveries.payload }).from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.id, id), eq(webhookDeliveries.webhookId, webhookId), eq(webhookDeliveries.siteId, siteId)));
  if (!row) return null;
  const tries = await db.select({ attemptedAt: webhookAttempts.attemptedAt, status: webhookAttempts.status, error: webhookAttempts.error, durationMs: webhookAttempts.durationMs })
    .from(webhookAttempts).where(eq(webhookAttempts.deliveryId, id)).orderBy(asc(webhookAttempts.id));
  return { ...row, tries };
}

export interface WebhookValues {
  url: string;
  events: WebhookEvent[];
  description: string;
}

/**
 * The new webhook, only while the site has fewer than MAX_WEBHOOKS_PER_SITE: the count is read inside the
 * insert, so concurrent registrations cannot pass the limit together (a count read before the batch let
 * 20 of them through at once). No row returned: the site is full.
 */
export function insertWebhook(db: Db, siteId: number, values: WebhookValues & { secretSealed: string; createdBy: number | null; createdByToken: number | null }, now: Date) {
  // Columns in table order: id, site_id, url, events, secret_sealed, description, active, created_by, created_by_token, created_at, updated_at.
  return db.insert(webhooks).select(sql`select null, ${siteId}, ${values.url}, ${JSON.stringify(values.events)}, ${values.secretSealed},
    ${values.description}, 1, ${values.createdBy}, ${values.createdByToken}, ${now.getTime()}, ${now.getTime()}
    where (select count(*) from ${webhooks} where ${webhooks.siteId} = ${siteId}) < ${MAX_WEBHOOKS_PER_SITE}`).returning({ id: webhooks.id });
}

export function updateWebhook(db: Db, siteId: number, id: number, values: Partial<WebhookValues> & { active?: boolean; secretSealed?: string }, now: Date) {
  return db.update(webhooks).set({
    ...(values.url !== undefined ? { url: values.url } : {}),
    ...(values.events !== undefined ? { events: JSON.stringify(values.events) } : {}),
    ...(values.description !== undefined ? { description: values.description } : {}),
    ...(values.active !== undefined ? { active: values.active } : {}),
    ...(values.secretSealed !== undefined ? { secretSealed: values.secretSealed } : {}),
    updatedAt: now,
  }).where(and(eq(webhooks.siteId, siteId), eq(webhooks.id, id))).returning({ id: webhooks.id });
}

/** A paused or deleted webhook's waiting deliveries: never sent (the reason shows in the list). */
export function cancelPending(db: Db, siteId: number, webhookId: number, reason: string): BatchItem<'sqlite'> {
  return db.update(webhookDeliveries).set({ state: 'cancelled', lastError: reason, nextAttemptAt: null })
    .where(and(eq(webhookDeliveries.webhookId, webhookId), eq(webhookDeliveries.siteId, siteId), eq(webhookDeliveries.state, 'pending')));
}

/** A webhook with its deliveries and their attempts, children first (the foreign keys point up). */
export function deleteWebhookStatements(db: Db, siteId: number, id: number): [BatchItem<'sqlite'>, BatchItem<'sqlite'>, BatchItem<'sqlite'>] {
  const ours = db.select({ id: webhookDeliveries.id }).from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.webhookId, id), eq(webhookDeliveries.siteId, siteId)));
  return [
    db.delete(webhookAttempts).where(inArray(webhookAttempts.deliveryId, ours)),
    db.delete(webhookDeliveries).where(and(eq(webhookDeliveries.webhookId, id), eq(webhookDeliveries.siteId, siteId))),
    db.delete(webhooks).where(and(eq(webhooks.siteId, siteId), eq(webhooks.id, id))).returning({ id: webhooks.id }),
  ];
}

/**
 * A settled delivery (failed, or delivered and wanted again) pending again now, with the same message id
 * (receivers deduplicate by it) and its attempts kept. A pending or cancelled one is left as it is.
 */
export function redeliverStatement(db: Db, siteId: number, webhookId: number, id: number, now: Date) {
  return db.update(webhookDeliveries).set({ state: 'pending', nextAttemptAt: now })
    .where(and(eq(webhookDeliveries.id, id), eq(webhookDeliveries.webhookId, webhookId), eq(webhookDeliveries.siteId, siteId),
      inArray(webhookDeliveries.state, ['failed', 'delivered'])))
    .returning({ id: webhookDeliveries.id });
}

/** The attempts of these deliveries (the admin's table expands each row), oldest first, by delivery id. */
export async function attemptsOf(db: Db, deliveryIds: number[]): Promise<Map<number, AttemptRow[]>> {
  const byDelivery = new Map<number, AttemptRow[]>();
  if (deliveryIds.length === 0) return byDelivery;
  const rows = await db.select({
    deliveryId: webhookAttempts.deliveryId, attemptedAt: webhookAttempts.attemptedAt, status: webhookAttempts.status, error: webhookAttempts.error, durationMs: webhookAttempts.durationMs,
  }).from(webhookAttempts).where(inArray(webhookAttempts.deliveryId, deliveryIds)).orderBy(asc(webhookAttempts.id));
  for (const { deliveryId, ...attempt } of rows) byDelivery.set(deliveryId, [...(byDelivery.get(deliveryId) ?? []), attempt]);
  return byDelivery;
}
