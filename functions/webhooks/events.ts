// Which webhook events one committed change of an article, document or page makes, as the public API
// sees it: pure (the write services turn the answer into outbox rows in the change's own batch,
// functions/webhooks/outbox.ts). "Visible" is what readers' queries ask: stored 'published', published
// at or before now, not in the trash; a scheduled item goes live with no write, so its "published" is
// announced at save time for its publish instant.
import type { StoredStatus, WebhookEvent, WebhookKind } from '../../schema/tables.ts';
import type { ArticleStatus } from '../data/article-types.ts';

/** An item as stored, before or after a change (the fields that decide what readers see, and the payload's). */
export interface ItemState {
  status: StoredStatus;
  publishedAt: Date | null;
  deletedAt: Date | null;
  slug: string;
  version: number;
}

type Read = { publishedAt: Date | null; slug: string; version: number; deletedAt?: Date | null };

/** The stored state of an item as the data layer hands it out (articles' status, documents' and pages' state; "scheduled" is stored 'published'). */
export function itemStateOf(item: Read & ({ status: ArticleStatus } | { state: ArticleStatus })): ItemState {
  const status = 'state' in item ? item.state : item.status;
  return {
    status: status === 'scheduled' ? 'published' : status,
    publishedAt: item.publishedAt, deletedAt: item.deletedAt ?? null, slug: item.slug, version: item.version,
  };
}

/** A change of some fields of the item as read (a delete, a restore, a return from review). */
export const changedFrom = (current: Read & ({ status: ArticleStatus } | { state: ArticleStatus }), change: Partial<ItemState>): ItemTransition => {
  const before = itemStateOf(current);
  return { before, after: { ...before, ...change } };
};

/** One change of one item: its state before (null for a create) and after the commit. */
export interface ItemTransition {
  before: ItemState | null;
  after: ItemState;
}

export interface ItemEvent {
  type: WebhookEvent;
  /** When it happens: the change's `now`, or a scheduled item's publish instant. */
  at: Date;
}

export interface ItemEvents {
  events: ItemEvent[];
  /**
   * The item was scheduled before this change, so an announcement of its going live may be waiting:
   * cancel its never-attempted deliveries due after now before writing the new ones (a reschedule
   * writes a new one for the new instant; an unpublish or a delete none).
   */
  cancelPending: boolean;
}

const live = (s: ItemState) => s.deletedAt === null && s.status === 'published' && s.publishedAt !== null;

export const isVisible = (s: ItemState, now: Date): boolean => live(s) && s.publishedAt!.getTime() <= now.getTime();

/** Published with a future instant: readers see it from then on. */
export const isScheduled = (s: ItemState, now: Date): boolean => live(s) && s.publishedAt!.getTime() > now.getTime();

export function eventsOf(kind: WebhookKind, { before, after }: ItemTransition, now: Date): ItemEvents {
  const was = before !== null && isVisible(before, now);
  const is = isVisible(after, now);
  const events: ItemEvent[] = [];
  const event = (action: 'published' | 'updated' | 'unpublished' | 'deleted', at = now) => events.push({ type: `${kind}.${action}`, at });
  if (was && is) event('updated');
  else if (was) event(after.deletedAt !== null ? 'deleted' : 'unpublished');
  else if (is) event('published');
  // Rescheduled into the future (after an unpublish, or still scheduled): announced for its instant.
  if (isScheduled(after, now)) event('published', after.publishedAt!);
  return { events, cancelPending: before !== null && isScheduled(before, now) };
}
