// The orphan sweep, run by the cron: deletes uploaded images that no saved content of their own site
// references once they are older than a grace period. A cover uploaded with a form that then failed
// validation is stored anyway (its key rides in the form so the editor need not upload it again), and
// later features upload images before the article is saved: the grace period is the time they have to
// save it. One walk of the whole bucket covers every site's prefix (object-key.ts). The walk also
// registers in the media library the images stored before it existed (registerExisting): a library item
// is then kept until an editor deletes it there.
import { database } from '../data/db.ts';
import { referencedMediaKeys } from '../data/media-references.ts';
import { sweepOrphanDocumentFiles } from '../documents/files/sweep.ts';
import { originalKeyOf } from './copy-keys.ts';
import { registerExisting } from './library-backfill.ts';
import { mediaOfObject } from './object-key.ts';

/** How long an unreferenced upload is kept: a day, so an editor can leave a refused form overnight. */
export const ORPHAN_GRACE_MS = 24 * 60 * 60 * 1000;

/**
 * Objects examined per run: one R2 list, one D1 query, one R2 delete. The query reads all article and
 * revision text once whatever the batch (measured: 1.4-1.8 s for 10,000 revisions of 5 KB on the
 * local simulator), so the sweep runs once an hour with a large batch rather than every minute:
 * a bucket of 10,000 images is walked in 20 hours.
 */
export const SWEEP_BATCH = 500;

/** The cron runs every minute; the sweep in the run at minute 0 of each hour (the run's scheduled time, so deterministic). */
export const isSweepRun = (at: Date) => at.getUTCMinutes() === 0;

/**
 * Where the walk stands: the last key examined, kept in the bucket itself (no migration needed). It
 * has no media shape, so it is never served and never swept.
 */
export const SWEEP_STATE_KEY = '.orphan-sweep-position';

export interface SweepResult {
  examined: number;
  /** The R2 object keys deleted (a site other than the first: with its sites/<id>/ prefix). */
  deleted: string[];
  /** The walk reached the end of the bucket and starts again from the beginning next run. */
  wrapped: boolean;
  /** The R2 keys of the document files deleted: never attached to a document within the grace period. */
  documentFiles: string[];
  /** Media keys registered in the library by this run (site id and key): images stored before it existed. */
  registered: { siteId: number; key: string }[];
}

/** When the object was stored: the later of R2's own time and the upload time we recorded, so neither can make it look older. */
function storedAt(object: R2Object): number {
  const recorded = Date.parse(object.customMetadata?.['uploadedAt'] ?? '');
  return Number.isFinite(recorded) ? Math.max(recorded, object.uploaded.getTime()) : object.uploaded.getTime();
}

export async function sweepOrphanMedia(env: Env, at: Date, batch = SWEEP_BATCH): Promise<SweepResult> {
  const position = await env.MEDIA.get(SWEEP_STATE_KEY);
  const startAfter = position ? await position.text() : '';
  const listed = await env.MEDIA.list({ limit: batch, include: ['customMetadata', 'httpMetadata'], ...(startAfter ? { startAfter } : {}) });
  const registered = await registerExisting(env, listed.objects, at);
  // Only what an upload makes (a site's media key) and only past the grace period is ever a candidate;
  // each is checked against its own site's content (one query per site in the batch).
  const due = new Map<number, { objectKey: string; key: string }[]>();
  for (const object of listed.objects) {
    const media = mediaOfObject(object.key);
    if (!media || storedAt(object) > at.getTime() - ORPHAN_GRACE_MS) continue;
    due.set(media.siteId, [...(due.get(media.siteId) ?? []), { objectKey: object.key, key: media.key }]);
  }
  const orphans: string[] = [];
  for (const [siteId, candidates] of due) {
    // A resized copy (copies.ts) lives and dies with its original: it is asked about by the original's key.
    const referenced = await referencedMediaKeys(database(env.DB), siteId, [...new Set(candidates.map((c) => originalKeyOf(c.key)))]);
    orphans.push(...candidates.filter((c) => !referenced.has(originalKeyOf(c.key))).map((c) => c.objectKey));
  }
  if (orphans.length > 0) {
    await env.MEDIA.delete(orphans);
    console.log(`scheduled: ${orphans.length} unreferenced image(s) older than 24 h deleted: ${orphans.join(', ')}`);
  }
  const last = listed.objects.at(-1)?.key;
  if (listed.truncated) {
    // With `include`, R2 may return fewer objects than asked for (even none) and say there are more.
    if (last) await env.MEDIA.put(SWEEP_STATE_KEY, last);
  } else if (position) {
    await env.MEDIA.delete(SWEEP_STATE_KEY);
  }
  // Document files (documents/<site>/...) have no media shape and are never candidates above: their rows say.
  const documentFiles = await sweepOrphanDocumentFiles(env, new Date(at.getTime() - ORPHAN_GRACE_MS));
  return { examined: listed.objects.length, deleted: orphans, wrapped: !listed.truncated, documentFiles, registered };
}
