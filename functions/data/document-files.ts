// Document files in D1 as the file store sees them: created unattached when uploaded, read for the file
// route with what decides who may see it, counted when downloaded, marked when their text is read, swept
// when orphaned. Attaching them to a document is part of the document's write (documents-write.ts).
import { and, asc, eq, inArray, isNull, lt, sql } from 'drizzle-orm';
import { documentFiles, documents, type StoredStatus } from '../../schema/tables.ts';
import type { Db } from './db.ts';

export type DocumentFile = typeof documentFiles.$inferSelect;

export interface NewDocumentFile {
  siteId: number;
  key: string;
  name: string;
  size: number;
  contentType: string;
}

export async function createDocumentFile(db: Db, file: NewDocumentFile, now: Date): Promise<DocumentFile> {
  const [row] = await db.insert(documentFiles).values({ ...file, createdAt: now }).returning();
  return row!;
}

/** A file with what decides who may download it: its document's state (null: not attached). */
export interface ServedFile {
  file: DocumentFile;
  document: { status: StoredStatus; publishedAt: Date | null; deletedAt: Date | null } | null;
}

export async function readServedFile(db: Db, siteId: number, fileId: number): Promise<ServedFile | null> {
  const [row] = await db.select({
    file: documentFiles,
    status: documents.status,
    publishedAt: documents.publishedAt,
    deletedAt: documents.deletedAt,
    documentSite: documents.siteId,
  }).from(documentFiles).leftJoin(documents, eq(documents.id, documentFiles.documentId))
    .where(and(eq(documentFiles.id, fileId), eq(documentFiles.siteId, siteId)));
  if (!row) return null;
  const attached = row.file.documentId !== null && row.status !== null && row.documentSite === siteId;
  return { file: row.file, document: attached ? { status: row.status!, publishedAt: row.publishedAt, deletedAt: row.deletedAt } : null };
}

/** Whether anyone may download it: its document is published, live and not in the trash. */
export function isPublicFile(served: ServedFile, now: Date): boolean {
  const d = served.document;
  return d !== null && d.status === 'published' && d.deletedAt === null && d.publishedAt !== null && d.publishedAt.getTime() <= now.getTime();
}

/** One more download: a single atomic UPDATE, so concurrent downloads never lose one. */
export async function countDownload(db: Db, fileId: number): Promise<void> {
  await db.update(documentFiles).set({ downloads: sql`${documentFiles.downloads} + 1` }).where(eq(documentFiles.id, fileId));
}

/** Files never attached (or detached) and older than `before`, oldest first. */
export async function orphanFiles(db: Db, before: Date, limit: number): Promise<DocumentFile[]> {
  return db.select().from(documentFiles)
    .where(and(isNull(documentFiles.documentId), lt(documentFiles.createdAt, before)))
    .orderBy(asc(documentFiles.id)).limit(limit);
}

/** Deletes the rows of files that are still unattached (one attached meanwhile is kept); returns the deleted. */
export async function deleteOrphanRows(db: Db, ids: readonly number[]): Promise<DocumentFile[]> {
  if (ids.length === 0) return [];
  return db.delete(documentFiles).where(and(inArray(documentFiles.id, [...ids]), isNull(documentFiles.documentId))).returning();
}

/** Marks a PDF's text as read into its sidecar; returns the document it is attached to (null: none yet). */
export async function markTextIndexed(db: Db, fileId: number, now: Date): Promise<number | null> {
  const [row] = await db.update(documentFiles).set({ textIndexedAt: now }).where(eq(documentFiles.id, fileId)).returning({ documentId: documentFiles.documentId });
  return row?.documentId ?? null;
}
