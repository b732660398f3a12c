// The cron empties the trash: articles, documents and pages deleted more than TRASH_DAYS ago are removed
// for good (functions/data/trash-purge.ts), each in its own batch with its audit entry ("by cron"); then
// their files leave R2: a document's files and text sidecars, and an article's images that no other
// content of its site references any more (functions/data/media-references.ts). Bounded per run: D1
// allows 1,000 queries per invocation, so a run takes at most PURGE_BATCH items (about six queries each)
// and the next run carries on with the rest.
import type { BatchItem } from 'drizzle-orm/batch';
import { TRASH_MS } from '../data/admin-articles.ts';
import { database, type Db } from '../data/db.ts';
import { referencedMediaKeys } from '../data/media-references.ts';
import {
  articleMediaKeys, documentFileKeys, expiredItems, purgeArticleStatements, purgeDocumentStatements, purgePageStatements, purgeRefusedAsRestored,
  purgeSubject, type ExpiredItem,
} from '../data/trash-purge.ts';
import { auditStatement } from '../audit/log.ts';
import { textKeyOf } from '../documents/files/text.ts';
import { mediaObjectKey } from '../media/object-key.ts';

/** Items purged per cron run: ~6 queries each, well inside D1's 1,000 per invocation with the rest of the run. */
export const PURGE_BATCH = 25;

export interface PurgeResult {
  purged: { kind: ExpiredItem['kind']; id: number; siteId: number }[];
  /** R2 object keys deleted (document files and their text; article images no longer referenced). */
  objects: string[];
}

export async function purgeTrash(env: { DB: D1Database; MEDIA: R2Bucket }, at: Date, batch = PURGE_BATCH): Promise<PurgeResult> {
  const db = database(env.DB);
  const items = await expiredItems(db, new Date(at.getTime() - TRASH_MS), batch);
  const result: PurgeResult = { purged: [], objects: [] };
  for (const item of items) {
    if (await purgeItem(env, db, item, at, result.objects)) result.purged.push({ kind: item.kind, id: item.id, siteId: item.siteId });
  }
  if (result.purged.length) console.log(`scheduled: ${result.purged.length} item(s) purged from the trash (older than 30 days)`);
  return result;
}

/**
 * Removes one listed item for good (and then its files): false, with nothing deleted, when it left the
 * trash after the list was read (an editor restored it in its last minute).
 */
export async function purgeItem(env: { DB: D1Database; MEDIA: R2Bucket }, db: Db, item: ExpiredItem, at: Date, objects: string[] = []): Promise<boolean> {
  const audit = auditStatement(db, {
    siteId: item.siteId, actorId: null, actorLabel: 'cron', action: 'trash.purged', subject: purgeSubject(item.kind, item.id, new Date(at.getTime() - TRASH_MS)),
    detail: { kind: item.kind, title: item.name, deletedAt: item.deletedAt.toISOString() }, at,
  });
  const commit = async (statements: BatchItem<'sqlite'>[]) => {
    try {
      await db.batch([audit, ...statements]);
      return true;
    } catch (error) {
      if (purgeRefusedAsRestored(error)) return false;
      throw error;
    }
  };
  if (item.kind === 'article') {
    const keys = await articleMediaKeys(db, item.id);
    if (!(await commit(purgeArticleStatements(db, item.id)))) return false;
    // Only now, with the article gone, does "no other content references it" mean what it says.
    const kept = await referencedMediaKeys(db, item.siteId, keys);
    const gone = keys.filter((k) => !kept.has(k)).map((k) => mediaObjectKey(item.siteId, k));
    if (gone.length) await env.MEDIA.delete(gone);
    objects.push(...gone);
  } else if (item.kind === 'document') {
    const keys = await documentFileKeys(db, item.id);
    if (!(await commit(purgeDocumentStatements(db, item.id)))) return false;
    const gone = [...keys, ...keys.map(textKeyOf)];
    if (gone.length) await env.MEDIA.delete(gone);
    objects.push(...keys);
  } else if (!(await commit(purgePageStatements(db, item.id)))) return false;
  return true;
}
