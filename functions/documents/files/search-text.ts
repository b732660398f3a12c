// Keeps a document's search row (documents_fts.files) equal to the text of its attached PDFs. The text of
// each PDF arrives after its upload answered (text.ts), possibly after the document was saved, so both
// ends call refreshDocumentFilesText: the write service after a commit that attaches or detaches files,
// the text reader after it marked a file indexed. Each refresh writes only if the document's files are
// still as it read them (one UPDATE guarded by their ids and index times), so a slower refresh that read
// an older state can never overwrite a newer one; it reads again instead.
import { asc, eq, sql } from 'drizzle-orm';
import { documentFiles } from '../../../schema/tables.ts';
import { database } from '../../data/db.ts';
import { FILE_TEXT_MAX_CHARS, textKeyOf } from './text.ts';

const ATTEMPTS = 3;

/** The ids and index times of the document's files, as the guard in SQL spells them. */
const stateOf = (files: { id: number; textIndexedAt: Date | null }[]) =>
  files.map((f) => `${f.id}:${f.textIndexedAt?.getTime() ?? ''}`).join(',');

/** written: the search row now holds the new text; unchanged: it held it already; missing: the document has no search row. */
export type FilesTextRefresh = 'written' | 'unchanged' | 'missing';

/**
 * Sets documents_fts.files of the document (which must have its search row) from its PDFs' texts,
 * capped at FILE_TEXT_MAX_CHARS.
 */
export async function refreshDocumentFilesText(env: { DB: D1Database; MEDIA: R2Bucket }, documentId: number): Promise<FilesTextRefresh> {
  const db = database(env.DB);
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const files = await db.select({ id: documentFiles.id, key: documentFiles.key, textIndexedAt: documentFiles.textIndexedAt })
      .from(documentFiles).where(eq(documentFiles.documentId, documentId)).orderBy(asc(documentFiles.position), asc(documentFiles.id));
    const texts = await Promise.all(files.filter((f) => f.textIndexedAt !== null)
      .map(async (f) => (await (await env.MEDIA.get(textKeyOf(f.key)))?.text()) ?? ''));
    const text = texts.filter((t) => t !== '').join(' ').slice(0, FILE_TEXT_MAX_CHARS);
    const state = sql`coalesce((select group_concat(${documentFiles.id} || ':' || coalesce(${documentFiles.textIndexedAt}, ''), ',') from (select ${documentFiles.id}, ${documentFiles.textIndexedAt} from ${documentFiles} where ${documentFiles.documentId} = ${documentId} order by ${documentFiles.position}, ${documentFiles.id}) as ${documentFiles}), '')`;
    const current = await db.get<{ files: string }>(sql`select files from documents_fts where rowid = ${documentId}`);
    if (!current) return 'missing';
    if (current.files === text) return 'unchanged';
    const result = await db.run(sql`update documents_fts set files = ${text} where rowid = ${documentId} and ${state} = ${stateOf(files)}`);
    if (result.meta.changes > 0) return 'written';
  }
  // Each failed attempt means another write changed the files meanwhile, and that write refreshes too.
  console.error(`document ${documentId}: its files kept changing; search text left to the latest write's refresh`);
  return 'unchanged';
}
