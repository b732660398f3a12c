// A document's history for editors: its revisions (who, when, what), the snapshot each recorded, and
// the edit that brings a revision's content back (committed by the write service as "restored").
import { and, desc, eq } from 'drizzle-orm';
import { documentRevisions, documents } from '../../schema/tables.ts';
import type { Db } from './db.ts';
import type { Document } from './document-types.ts';
import { inputOf, type DocumentInput } from './documents-write.ts';
import type { Revision } from './revisions.ts';

/** An article revision's fields, about a document. */
export type DocumentRevision = Omit<Revision, 'articleId'> & { documentId: number };

/** The content fields a revision records (null for a deletion, which records none). */
export type DocumentSnapshot = Omit<DocumentInput, 'status' | 'publishAt' | 'slug'> & { slug: string; status: string; publishedAt: string | null };

const columns = {
  id: documentRevisions.id,
  documentId: documentRevisions.documentId,
  version: documentRevisions.version,
  action: documentRevisions.action,
  changedFields: documentRevisions.changedFields,
  actor: documentRevisions.actor,
  actorName: documentRevisions.actorName,
  note: documentRevisions.note,
  createdAt: documentRevisions.createdAt,
};

const parse = <T>(json: string, fallback: T): T => {
  try {
    return JSON.parse(json) as T;
  } catch {
    return fallback;
  }
};

const ofSiteDocument = (siteId: number, documentId: number) => and(eq(documentRevisions.documentId, documentId), eq(documents.siteId, siteId));

export async function listDocumentRevisions(db: Db, siteId: number, documentId: number): Promise<DocumentRevision[]> {
  const rows = await db.select(columns).from(documentRevisions).innerJoin(documents, eq(documents.id, documentRevisions.documentId))
    .where(ofSiteDocument(siteId, documentId)).orderBy(desc(documentRevisions.version));
  return rows.map((r) => ({ ...r, changedFields: parse<string[]>(r.changedFields, []) }));
}

export async function readDocumentRevision(db: Db, siteId: number, documentId: number, revisionId: number): Promise<(DocumentRevision & { snapshot: DocumentSnapshot | null }) | null> {
  const [row] = await db.select({ ...columns, snapshot: documentRevisions.snapshot }).from(documentRevisions)
    .innerJoin(documents, eq(documents.id, documentRevisions.documentId))
    .where(and(ofSiteDocument(siteId, documentId), eq(documentRevisions.id, revisionId)));
  if (!row) return null;
  const snap = parse<Partial<DocumentSnapshot>>(row.snapshot, {});
  const snapshot = typeof snap.number === 'string' && typeof snap.typeId === 'number' ? snap as DocumentSnapshot : null;
  return { ...row, changedFields: parse<string[]>(row.changedFields, []), snapshot };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The edit that brings the document's content back to the snapshot: number, lists, signer, dates,
 * summary, body and relations (to documents that still exist: `existing`). Slug, state and files stay
 * as they are now: restoring old text must not move a URL, publish anything or revive a removed file.
 */
export function documentRestorePatch(current: Document, snapshot: DocumentSnapshot, existing: Set<number>): Partial<DocumentInput> {
  const now = inputOf(current);
  const patch: Partial<DocumentInput> = {};
  for (const key of ['number', 'typeId', 'issuerId', 'fieldId', 'signer', 'issuedOn', 'effectiveOn', 'expiresOn', 'summary', 'body'] as const) {
    if (snapshot[key] !== undefined && !same(snapshot[key], now[key])) (patch as Record<string, unknown>)[key] = snapshot[key];
  }
  const relations = (snapshot.relations ?? []).filter((r) => existing.has(r.relatedId));
  const key = (list: { kind: string; relatedId: number }[]) => list.map((r) => `${r.kind}:${r.relatedId}`).sort().join(',');
  if (key(relations) !== key(now.relations)) patch.relations = relations;
  return patch;
}
