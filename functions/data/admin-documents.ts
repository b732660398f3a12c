// The editors' view of a site's documents (the admin's, as admin-articles.ts is for articles): the admin
// list (publication state or the trash, the registry's filters, số ký hiệu / trích yếu search, pages),
// who created and who last changed each document (from its revisions), and the documents an editor can
// link to (found by number or summary). A document of another site is never found, whatever its id.
import { and, asc, count, desc, eq, isNull, or, sql, type SQL } from 'drizzle-orm';
import { documentFiles, documentRevisions, documents, documentTerms } from '../../schema/tables.ts';
import type { ArticleStatus } from './article-types.ts';
import { publicStatus } from './article-types.ts';
import type { RevisionStamp } from './admin-articles.ts';
import { ADMIN_PAGE_SIZE, stateCondition } from './admin-articles.ts';
import type { Db } from './db.ts';
import { matchingDocuments } from './documents-read.ts';

export type DocumentListFilter = ArticleStatus | 'trash' | 'all';

export interface ListedDocument {
  id: number;
  number: string;
  summary: string;
  issuedOn: string;
  typeName: string;
  issuerName: string;
  state: ArticleStatus;
  publishedAt: Date | null;
  version: number;
  deletedAt: Date | null;
  lastChange: RevisionStamp | null;
  /** Who created it (the first revision's actor), e.g. "user:7". */
  owner: string | null;
}

export interface DocumentListPage {
  items: ListedDocument[];
  total: number;
  page: number;
  pageCount: number;
}

export interface EditorDocumentFilter {
  filter: DocumentListFilter;
  /** Term ids of the site's lists (another site's id matches nothing). */
  typeId?: number | undefined;
  issuerId?: number | undefined;
  fieldId?: number | undefined;
  year?: number | undefined;
  q?: string | undefined;
}

/** The creating and the latest revision of each document, in one statement (ids from a read of one site). */
export async function documentRevisionStamps(db: Db, ids: number[]): Promise<Map<number, { first: RevisionStamp | null; last: RevisionStamp | null }>> {
  const out = new Map<number, { first: RevisionStamp | null; last: RevisionStamp | null }>();
  if (ids.length === 0) return out;
  const r = documentRevisions;
  const rows = await db
    .select({ documentId: r.documentId, version: r.version, actor: r.actor, name: r.actorName, at: r.createdAt })
    .from(r)
    .where(sql`${r.documentId} in (select value from json_each(${JSON.stringify(ids)}))
      and (${r.version} = (select min(v.version) from ${documentRevisions} v where v.document_id = ${r.documentId})
        or ${r.version} = (select max(v.version) from ${documentRevisions} v where v.document_id = ${r.documentId}))`)
    .orderBy(r.documentId, r.version);
  for (const row of rows) {
    const stamp = { actor: row.actor, name: row.name, at: row.at };
    const entry = out.get(row.documentId) ?? { first: null, last: null };
    entry.first ??= stamp;
    entry.last = stamp;
    out.set(row.documentId, entry);
  }
  return out;
}

const typeTerm = sql`(select ${documentTerms.name} from ${documentTerms} where ${documentTerms.id} = ${documents.typeId})`;
const issuerTerm = sql`(select ${documentTerms.name} from ${documentTerms} where ${documentTerms.id} = ${documents.issuerId})`;

export async function listEditorDocuments(
  db: Db, siteId: number, options: EditorDocumentFilter & { page: number; pageSize?: number; now: Date },
): Promise<DocumentListPage> {
  const { filter, now } = options;
  const pageSize = options.pageSize ?? ADMIN_PAGE_SIZE;
  const conditions: SQL[] = [eq(documents.siteId, siteId), stateCondition(documents, filter, now)];
  if (options.typeId !== undefined) conditions.push(eq(documents.typeId, options.typeId));
  if (options.issuerId !== undefined) conditions.push(eq(documents.issuerId, options.issuerId));
  if (options.fieldId !== undefined) conditions.push(eq(documents.fieldId, options.fieldId));
  if (options.year !== undefined) conditions.push(eq(documents.issuedYear, options.year));
  if (options.q?.trim()) {
    const matching = matchingDocuments(options.q);
    if (matching === null) return { items: [], total: 0, page: 1, pageCount: 1 };
    conditions.push(matching);
  }
  const where = and(...conditions);
  const [{ total } = { total: 0 }] = await db.select({ total: count() }).from(documents).where(where);
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(Math.max(1, Math.floor(options.page) || 1), pageCount);
  const rows = await db
    .select({
      id: documents.id, number: documents.number, summary: documents.summary, issuedOn: documents.issuedOn,
      typeName: sql<string>`coalesce(${typeTerm}, '')`, issuerName: sql<string>`coalesce(${issuerTerm}, '')`,
      status: documents.status, publishedAt: documents.publishedAt, version: documents.version, deletedAt: documents.deletedAt,
    })
    .from(documents)
    .where(where)
    .orderBy(filter === 'trash' ? desc(documents.deletedAt) : desc(documents.updatedAt), desc(documents.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  const stamps = await documentRevisionStamps(db, rows.map((r) => r.id));
  const items = rows.map(({ status, ...row }) => ({
    ...row,
    state: publicStatus(status, row.publishedAt, now),
    lastChange: stamps.get(row.id)?.last ?? null,
    owner: stamps.get(row.id)?.first?.actor ?? null,
  }));
  return { items, total, page, pageCount };
}

/** Who created the site's document ("user:7", "token:3"), or null if unknown (or another site's). */
export async function documentOwnerOf(db: Db, siteId: number, id: number): Promise<string | null> {
  const [first] = await db.select({ actor: documentRevisions.actor }).from(documentRevisions)
    .innerJoin(documents, eq(documents.id, documentRevisions.documentId))
    .where(and(eq(documentRevisions.documentId, id), eq(documents.siteId, siteId)))
    .orderBy(asc(documentRevisions.version))
    .limit(1);
  return first?.actor ?? null;
}

export interface DocumentRefRow {
  id: number;
  number: string;
  summary: string;
  issuedOn: string;
}

const refColumns = { id: documents.id, number: documents.number, summary: documents.summary, issuedOn: documents.issuedOn };

/** Documents an editor may link to: the site's, not in the trash, matching q by number or words; newest first. */
export async function findRelatableDocuments(db: Db, siteId: number, q: string, options: { exceptId?: number | null; limit?: number } = {}): Promise<DocumentRefRow[]> {
  const matching = matchingDocuments(q);
  if (matching === null) return [];
  return db.select(refColumns).from(documents)
    .where(and(eq(documents.siteId, siteId), isNull(documents.deletedAt), matching,
      options.exceptId ? sql`${documents.id} <> ${options.exceptId}` : undefined))
    .orderBy(desc(documents.issuedOn), desc(documents.id))
    .limit(options.limit ?? 10);
}

/** The site's documents (not in the trash) among ids, for the relations a form names. */
export async function documentRefs(db: Db, siteId: number, ids: number[]): Promise<Map<number, DocumentRefRow>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select(refColumns).from(documents)
    .where(and(eq(documents.siteId, siteId), isNull(documents.deletedAt), sql`${documents.id} in (select value from json_each(${JSON.stringify(ids)}))`));
  return new Map(rows.map((r) => [r.id, r]));
}

/** How many documents (the trash included) the site has in each state, for the dashboard. */
export async function countEditorDocuments(db: Db, siteId: number, now: Date): Promise<{ published: number; waiting: number }> {
  const [row] = await db.select({
    published: sql<number>`coalesce(sum(${documents.status} = 'published' and ${documents.publishedAt} <= ${now.getTime()}), 0)`,
    waiting: sql<number>`coalesce(sum(${documents.status} = 'review'), 0)`,
  }).from(documents).where(and(eq(documents.siteId, siteId), isNull(documents.deletedAt)));
  return { published: Number(row?.published ?? 0), waiting: Number(row?.waiting ?? 0) };
}

export interface FormFileRow {
  id: number;
  name: string;
  size: number;
  contentType: string;
}

/**
 * The files a document form names (ids sent back by the browser): only this site's uploads that are
 * free (not yet attached) or already this document's; any other id is left out.
 */
export async function formFiles(db: Db, siteId: number, ids: number[], documentId: number | null): Promise<FormFileRow[]> {
  if (ids.length === 0) return [];
  return db.select({ id: documentFiles.id, name: documentFiles.name, size: documentFiles.size, contentType: documentFiles.contentType })
    .from(documentFiles)
    .where(and(eq(documentFiles.siteId, siteId), sql`${documentFiles.id} in (select value from json_each(${JSON.stringify(ids)}))`,
      documentId === null ? isNull(documentFiles.documentId) : or(isNull(documentFiles.documentId), eq(documentFiles.documentId, documentId))));
}

/** How many documents of the site (the trash included: it may come back) name each list entry. */
export async function termUsage(db: Db, siteId: number): Promise<Map<number, number>> {
  const rows = await db.all<{ id: number; used: number }>(sql`
    select term_id as id, count(*) as used from (
      select ${documents.typeId} as term_id from ${documents} where ${documents.siteId} = ${siteId}
      union all select ${documents.issuerId} from ${documents} where ${documents.siteId} = ${siteId}
      union all select ${documents.fieldId} from ${documents} where ${documents.siteId} = ${siteId} and ${documents.fieldId} is not null
    ) group by term_id`);
  return new Map(rows.map((r) => [Number(r.id), Number(r.used)]));
}
