// The library's changes to an item: its alt text and caption, and deleting it (only when nothing uses
// it; the R2 original and its copies go with the row). Each leaves an audit entry where it destroys.
import { recordAudit } from '../audit/log.ts';
import { database } from '../data/db.ts';
import { deleteMediaIfUnused, mediaById, updateMediaText, type MediaRow } from '../data/media-library.ts';
import { mediaUses, type MediaUse } from '../data/media-references.ts';
import { copyKey, parseWidths } from './copy-keys.ts';
import { textProblem, type TextProblem } from './library.ts';
import { mediaObjectKey } from './object-key.ts';

export interface LibraryActor {
  userId: number;
  label: string;
}

export type TextChange = { ok: true } | { ok: false; problem: TextProblem | 'not-found' };

export async function changeItemText(env: { DB: D1Database }, siteId: number, id: number, text: { alt: string; caption: string }, now: Date): Promise<TextChange> {
  const alt = text.alt.normalize('NFC').trim();
  const caption = text.caption.normalize('NFC').trim();
  const problem = textProblem(alt, caption);
  if (problem) return { ok: false, problem };
  return (await updateMediaText(database(env.DB), siteId, id, { alt, caption }, now)) ? { ok: true } : { ok: false, problem: 'not-found' };
}

export type Deletion = { ok: true; item: MediaRow } | { ok: false; problem: 'not-found' } | { ok: false; problem: 'in-use'; uses: MediaUse[] };

/** The R2 objects of an item: the original and its WebP copies. */
export const objectsOf = (siteId: number, item: Pick<MediaRow, 'key' | 'widths'>) =>
  [item.key, ...parseWidths(item.widths).map((w) => copyKey(item.key, w))].map((k) => mediaObjectKey(siteId, k));

/**
 * Deletes an item nothing references. The row goes first, in one statement with the check (so a save
 * that starts using the key races into a refusal, never into a dangling reference); the objects after.
 */
export async function deleteItem(env: { DB: D1Database; MEDIA: R2Bucket }, siteId: number, id: number, actor: LibraryActor, now: Date): Promise<Deletion> {
  const db = database(env.DB);
  const item = await mediaById(db, siteId, id);
  if (!item) return { ok: false, problem: 'not-found' };
  if (!(await deleteMediaIfUnused(db, siteId, id, item.key))) {
    const uses = await mediaUses(db, siteId, item.key);
    // Gone meanwhile (another tab deleted it): not found; else its uses, to be listed.
    return (await mediaById(db, siteId, id)) ? { ok: false, problem: 'in-use', uses } : { ok: false, problem: 'not-found' };
  }
  await env.MEDIA.delete(objectsOf(siteId, item));
  await recordAudit(db, { siteId, actorId: actor.userId, actorLabel: actor.label, action: 'media.deleted', subject: `media:${item.id}`, detail: { key: item.key, filename: item.filename, alt: item.alt }, at: now });
  return { ok: true, item };
}
