// Which webhook events a change makes (functions/webhooks/events.ts), transition by transition: "visible" is
// stored published, published at or before now, not in the trash; a scheduled item's "published" is for its instant.
import { describe, expect, it } from 'vitest';
import { eventsOf, itemStateOf, type ItemState } from '../../functions/webhooks/events.ts';

const NOW = new Date('2026-11-30T08:00:00.000Z');
const PAST = new Date('2026-11-01T01:00:00.000Z');
const SOON = new Date('2026-12-01T02:00:00.000Z');
const LATER = new Date('2026-12-24T02:00:00.000Z');
const GONE = new Date('2026-11-29T00:00:00.000Z');

const state = (over: Partial<ItemState> = {}): ItemState => ({ status: 'published', publishedAt: PAST, deletedAt: null, slug: 'bai', version: 2, ...over });
const draft = state({ status: 'draft', publishedAt: null });
const review = state({ status: 'review', publishedAt: null });
const visible = state();
const scheduled = state({ publishedAt: SOON });
const later = state({ publishedAt: LATER });
const archived = state({ status: 'archived' });
const trashed = (s: ItemState) => ({ ...s, deletedAt: GONE });

type Row = [name: string, before: ItemState | null, after: ItemState, events: [string, Date][], cancel: boolean];

const table: Row[] = [
  ['create as a draft', null, draft, [], false],
  ['create for review', null, review, [], false],
  ['create published', null, visible, [['published', NOW]], false],
  ['create scheduled: announced for its instant', null, scheduled, [['published', SOON]], false],
  ['create archived', null, archived, [], false],
  ['edit of a draft', draft, { ...draft, version: 3 }, [], false],
  ['submit a draft for review', draft, review, [], false],
  ['review returned to draft', review, draft, [], false],
  ['publish a draft', draft, visible, [['published', NOW]], false],
  ['publish from review', review, visible, [['published', NOW]], false],
  ['edit of a visible item', visible, { ...visible, version: 3, slug: 'moi' }, [['updated', NOW]], false],
  ['revision restored on a visible item', visible, { ...visible, version: 3 }, [['updated', NOW]], false],
  ['unpublish to draft', visible, draft, [['unpublished', NOW]], false],
  ['unpublish to review', visible, review, [['unpublished', NOW]], false],
  ['archive a visible item', visible, archived, [['unpublished', NOW]], false],
  ['archive a draft', draft, archived, [], false],
  ['reschedule a visible item into the future', visible, scheduled, [['unpublished', NOW], ['published', SOON]], false],
  ['schedule a draft', draft, scheduled, [['published', SOON]], false],
  ['edit of a scheduled item: its announcement is replaced', scheduled, { ...scheduled, version: 3 }, [['published', SOON]], true],
  ['reschedule a scheduled item', scheduled, later, [['published', LATER]], true],
  ['scheduled item published now', scheduled, state({ publishedAt: NOW }), [['published', NOW]], true],
  ['scheduled item backdated into the past', scheduled, visible, [['published', NOW]], true],
  ['scheduled item back to draft', scheduled, { ...draft, publishedAt: SOON }, [], true],
  ['scheduled item archived', scheduled, { ...scheduled, status: 'archived' }, [], true],
  ['delete a visible item', visible, trashed(visible), [['deleted', NOW]], false],
  ['delete a scheduled item', scheduled, trashed(scheduled), [], true],
  ['delete a draft', draft, trashed(draft), [], false],
  ['restore a published item from the trash', trashed(visible), visible, [['published', NOW]], false],
  ['restore a scheduled item from the trash', trashed(scheduled), scheduled, [['published', SOON]], false],
  ['restore a draft from the trash', trashed(draft), draft, [], false],
  // Its time came while it lay in the trash: it goes live with the restore.
  ['restore an item whose time passed in the trash', trashed(state({ publishedAt: new Date(NOW.getTime() - 1) })), state({ publishedAt: new Date(NOW.getTime() - 1) }), [['published', NOW]], false],
  // Read as scheduled, its instant passed before the edit committed: it is visible now, so an edit updates it.
  ['edit of an item live since the editor read it', state({ publishedAt: NOW }), state({ publishedAt: NOW, version: 3 }), [['updated', NOW]], false],
];

describe('eventsOf', () => {
  it.each(table)('%s', (_name, before, after, events, cancel) => {
    const answer = eventsOf('article', { before, after }, NOW);
    expect(answer.events.map((e) => [e.type, e.at])).toEqual(events.map(([action, at]) => [`article.${action}`, at]));
    expect(answer.cancelPending).toBe(cancel);
  });

  it('names the kind in every event', () => {
    expect(eventsOf('document', { before: null, after: visible }, NOW).events[0]!.type).toBe('document.published');
    expect(eventsOf('page', { before: visible, after: trashed(visible) }, NOW).events[0]!.type).toBe('page.deleted');
  });

  it('reads a "scheduled" item of the data layer as stored published', () => {
    expect(itemStateOf({ status: 'scheduled', publishedAt: SOON, slug: 's', version: 4 })).toEqual({ status: 'published', publishedAt: SOON, deletedAt: null, slug: 's', version: 4 });
    expect(itemStateOf({ status: 'draft', publishedAt: null, slug: 's', version: 1, deletedAt: GONE }).deletedAt).toBe(GONE);
  });
});
