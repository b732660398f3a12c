// Document files nobody saved with a document (a form refused after its files were stored, a file taken
// off a document, an upload through the API never named): deleted once older than the media's grace
// period, in the hourly orphan sweep (functions/media/sweep.ts). Unlike images, a file's row says
// whether it is used, so D1 finds them (the index on document_id) without walking the bucket.
import { deleteOrphanRows, orphanFiles } from '../../data/document-files.ts';
import { database } from '../../data/db.ts';
import { textKeyOf } from './text.ts';

export const FILE_SWEEP_BATCH = 500;

/** Deletes a batch of orphaned files (rows first, so a file attached meanwhile is kept); returns their R2 keys. */
export async function sweepOrphanDocumentFiles(env: { DB: D1Database; MEDIA: R2Bucket }, before: Date, batch = FILE_SWEEP_BATCH): Promise<string[]> {
  const db = database(env.DB);
  const candidates = await orphanFiles(db, before, batch);
  const deleted = await deleteOrphanRows(db, candidates.map((f) => f.id));
  if (deleted.length === 0) return [];
  const keys = deleted.map((f) => f.key);
  // One call deletes up to 1,000 keys: the files and their text sidecars (absent ones are no error).
  await env.MEDIA.delete([...keys, ...keys.map(textKeyOf)]);
  console.log(`scheduled: ${keys.length} unattached document file(s) older than 24 h deleted: ${keys.join(', ')}`);
  return keys;
}
