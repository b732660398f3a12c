// The cron empties the trash: articles, documents and pages deleted more than TRASH_DAYS ago are removed
// for good (functions/data/trash-purge.ts), each in its own batch with its audit entry ("by cron"); then
// their files leave R2: a document's files and text sidecars, and an article's images that no other
// content of its site references any more (functions/data/media-references.ts). Bounded per run: D1
// allows 1,000 queries per invocation, so a run takes at most PURGE_BATCH items (about six queries each)
// and the next run carries on with the rest.
import { TRASH_MS } from '../data/admin-articles.ts';
import { database } from '../data/db.ts';
import { referencedMediaKeys } from '../data/media-references.ts';
import {
  articleMediaKeys, documentFileKeys, expiredItems, purgeArticleStatements, purgeDocumentStatements, purgePageStatements, type ExpiredItem,
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
    const audit = auditStatement(db, {
      siteId: item.siteId, actorId: null, actorLabel: 'cron', action: 'trash.purged', subject: `${item.kind}:${item.id}`,
      detail: { kind: item.kind, title: item.name, deletedAt: item.deletedAt.toISOString() }, at,
    });
    if (item.kind === 'article') {
      const keys = await articleMediaKeys(db, item.id);
      await db.batch([...purgeArticleStatements(db, item.id), audit]);
      // Only now, with the article gone, does "no other content references it" mean what it says.
      const kept = await referencedMediaKeys(db, item.siteId, keys);
      const objects = keys.filter((k) => !kept.has(k)).map((k) => mediaObjectKey(item.siteId, k));
      if (objects.length) await env.MEDIA.delete(objects);
      result.objects.push(...objects);
    } else if (item.kind === 'document') {
      const keys = await documentFileKeys(db, item.id);
      await db.batch([...purgeDocumentStatements(db, item.id), audit]);
      const objects = [...keys, ...keys.map(textKeyOf)];
      if (objects.length) await env.MEDIA.delete(objects);
      result.objects.push(...keys);
    } else {
      await db.batch([...purgePageStatements(db, item.id), audit]);
    }
    result.purged.push({ kind: item.kind, id: item.id, siteId: item.siteId });
  }
  if (result.purged.length) console.log(`scheduled: ${result.purged.length} item(s) purged from the trash (older than 30 days)`);
  return result;
}
