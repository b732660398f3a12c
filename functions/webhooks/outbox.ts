// The webhook outbox rows of one change, for the change's own D1 batch: what functions/webhooks/events.ts
// says the change makes, one INSERT ... SELECT per event over the site's active webhooks subscribed to it
// (none subscribed: no row, found through the index webhooks_site), after cancelling the item's
// announcement still waiting for a scheduled instant. In the batch, so a delivery is never lost (the change
// committed) nor invented (a failed batch writes none); the dispatcher sends the stored payload as is.
import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { webhookDeliveries, webhooks, type WebhookKind } from '../../schema/tables.ts';
import type { Db } from '../data/db.ts';
import { paths } from '../http/origin.ts';
import { eventsOf, type ItemEvent, type ItemTransition } from './events.ts';

/** The reader page and the content API address of an item, as the API's serializers build them. */
const addresses: Record<WebhookKind, { url: (slug: string) => string; apiUrl: (slug: string) => string }> = {
  article: { url: paths.article, apiUrl: paths.apiArticle },
  document: { url: paths.document, apiUrl: paths.apiDocument },
  page: { url: paths.page, apiUrl: paths.apiPage },
};

export interface ItemChange {
  siteId: number;
  /** The site's canonical origin: the payload's URLs start with it. */
  origin: string;
  kind: WebhookKind;
  /** The item's id, or for a create the subquery that finds it in the batch. */
  id: number | SQL;
  transition: ItemTransition;
  now: Date;
}

export interface Outbox {
  statements: BatchItem<'sqlite'>[];
  /** Whether the batch's results, with `statements` from index `at`, wrote any delivery: only then is there anything to send. */
  wrote: (results: unknown[], at: number) => boolean;
}

export const CANCELLED_BY_LATER_CHANGE = 'Cancelled: a later change of the item replaced this announcement.';

/**
 * The payload as stored and sent (functions/webhooks/payload.ts, key order included), built by SQLite
 * because a new item's id exists only inside the batch. The casts keep the numbers integers in the JSON.
 */
function payloadSql(change: ItemChange, event: ItemEvent): SQL<string> {
  const { before, after } = change.transition;
  const previousSlug = before && before.slug !== after.slug ? before.slug : null;
  const { url, apiUrl } = addresses[change.kind];
  return sql<string>`json_object('type', ${event.type}, 'timestamp', ${event.at.toISOString()}, 'data', json_object(
    'id', cast(${change.id} as integer), 'slug', ${after.slug}, 'previousSlug', ${previousSlug},
    'url', ${change.origin + url(after.slug)}, 'apiUrl', ${change.origin + apiUrl(after.slug)}, 'version', cast(${after.version} as integer)))`;
}

function insertFor(db: Db, change: ItemChange, event: ItemEvent) {
  // Every column in table order, as drizzle's insert-select requires; the message id is random per row
  // (the Standard Webhooks webhook-id, kept on every attempt).
  return db.insert(webhookDeliveries).select(
    db.select({
      id: sql<number>`null`.as('id'),
      siteId: webhooks.siteId,
      webhookId: webhooks.id,
      messageId: sql<string>`'msg_' || lower(hex(randomblob(16)))`.as('message_id'),
      eventType: sql<ItemEvent['type']>`${event.type}`.as('event_type'),
      itemKind: sql<WebhookKind>`${change.kind}`.as('item_kind'),
      itemId: sql<number>`${change.id}`.as('item_id'),
      payload: payloadSql(change, event).as('payload'),
      state: sql<'pending'>`'pending'`.as('state'),
      attempts: sql<number>`0`.as('attempts'),
      nextAttemptAt: sql<Date>`${event.at.getTime()}`.as('next_attempt_at'),
      lastAttemptAt: sql<Date | null>`null`.as('last_attempt_at'),
      lastStatus: sql<number | null>`null`.as('last_status'),
      lastError: sql<string>`''`.as('last_error'),
      deliveredAt: sql<Date | null>`null`.as('delivered_at'),
      createdAt: sql<Date>`${change.now.getTime()}`.as('created_at'),
    }).from(webhooks).where(and(
      eq(webhooks.siteId, change.siteId),
      eq(webhooks.active, true),
      sql`${event.type} in (select value from json_each(${webhooks.events}))`,
    )),
  ).returning({ id: webhookDeliveries.id });
}

/**
 * The item's never-attempted deliveries due after now (its going live, announced when it was scheduled).
 * The unary plus keeps SQLite off the due index (state, next_attempt_at), which it picked and which would
 * walk every site's waiting deliveries: the item's index finds the item's few.
 */
function cancelWaiting(db: Db, change: ItemChange) {
  return db.update(webhookDeliveries).set({ state: 'cancelled', lastError: CANCELLED_BY_LATER_CHANGE }).where(and(
    eq(webhookDeliveries.siteId, change.siteId), eq(webhookDeliveries.itemKind, change.kind), eq(webhookDeliveries.itemId, change.id),
    eq(webhookDeliveries.state, 'pending'), eq(webhookDeliveries.attempts, 0), sql`+${webhookDeliveries.nextAttemptAt} > ${change.now.getTime()}`,
  ));
}

/** The statements of one change's announcements; none when nothing readers see changed and nothing waits. */
export function outboxOf(db: Db, change: ItemChange): Outbox {
  const { events, cancelPending } = eventsOf(change.kind, change.transition, change.now);
  const cancels = cancelPending ? [cancelWaiting(db, change)] : [];
  const inserts = events.map((event) => insertFor(db, change, event));
  return {
    statements: [...cancels, ...inserts],
    wrote: (results, at) => results.slice(at + cancels.length, at + cancels.length + inserts.length).some((rows) => (rows as unknown[]).length > 0),
  };
}

/**
 * The announcements of a write service's change on `site`. A site given without its origin (only the offline
 * demo loaders: a fresh local store's content, before a server, and so a webhook, exists) announces nothing.
 */
export function outboxOfWrite(db: Db, site: { id: number; origin?: string }, kind: WebhookKind, id: number | SQL, transition: ItemTransition, now: Date): Outbox {
  if (site.origin === undefined) return { statements: [], wrote: () => false };
  return outboxOf(db, { siteId: site.id, origin: site.origin, kind, id, transition, now });
}
