// Document queries of one site: the registry's list (filters, search, keyset paging by date of issue),
// one document with its files and its relations both ways, the feeds' newest and the sitemap's slugs.
// The reader page and the API call the same list function, so a search finds the same documents on both.
import { and, asc, desc, eq, gt, isNotNull, isNull, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { documentFiles, documentRelations, documents, documentTerms, type DocumentTermKind, type StoredStatus } from '../../schema/tables.ts';
import { vietnamDay } from '../content/dates.ts';
import { documentMatchExpression } from '../documents/number.ts';
import { legalStatusOn, type LegalStatus } from '../documents/status.ts';
import { publicStatus } from './article-types.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import type { Db } from './db.ts';
import { listDocumentTerms, type DocumentTerm } from './document-terms.ts';
import type { Document, DocumentFileRef, DocumentRelation, DocumentSummary, TermRef } from './document-types.ts';

/** The FTS5 table of documents (migration 0008), declared here only so queries are typed. */
export const documentsFts = sqliteTable('documents_fts', {
  rowid: integer('rowid').notNull(),
  number: text('number').notNull(),
  summary: text('summary').notNull(),
  body: text('body').notNull(),
  files: text('files').notNull(),
});

/** Readers see a document of this site only when published, its time come, and not deleted. */
export function visibleDocuments(siteId: number, now: Date): SQL {
  return and(eq(documents.siteId, siteId), eq(documents.status, 'published'), lte(documents.publishedAt, now), isNull(documents.deletedAt))!;
}

/**
 * The same for the registry's list, ordered by the date of issue: the unary + keeps the planner off the
 * (site_id, status, published_at) index, whose range on published_at it would otherwise prefer and then
 * sort every visible document for each page; (site_id, status, issued_on, id) gives the order itself.
 */
function visibleInRegistry(siteId: number, now: Date): SQL {
  return and(eq(documents.siteId, siteId), eq(documents.status, 'published'), sql`+${documents.publishedAt} <= ${now.getTime()}`, isNull(documents.deletedAt))!;
}

/** What editors list: every document of the site not in the trash. */
const editorsDocuments = (siteId: number) => and(eq(documents.siteId, siteId), isNull(documents.deletedAt))!;

/** The filters of the registry, by the managed lists' slugs (as URLs carry them). */
export interface DocumentFilter {
  type?: string | undefined;
  issuer?: string | undefined;
  field?: string | undefined;
  year?: number | undefined;
  status?: LegalStatus | undefined;
  /** Số ký hiệu however typed, or words of the summary, body or files (diacritics ignored). */
  q?: string | undefined;
}

/** A term of the site by kind and slug, inside the statement (unknown: NULL, so the filter matches nothing). */
const termId = (siteId: number, kind: DocumentTermKind, slug: string) =>
  sql`(select ${documentTerms.id} from ${documentTerms} where ${documentTerms.siteId} = ${siteId} and ${documentTerms.kind} = ${kind} and ${documentTerms.slug} = ${slug})`;

/** The legal status as a condition on the dates, the same rules as legalStatusOn (status.ts). */
function legalStatusIs(status: LegalStatus, today: string): SQL {
  const from = sql`coalesce(${documents.effectiveOn}, ${documents.issuedOn})`;
  if (status === 'not-yet-effective') return sql`${from} > ${today}`;
  const started = sql`${from} <= ${today}`;
  if (status === 'expired') return and(started, isNotNull(documents.expiresOn), lte(documents.expiresOn, today))!;
  return and(started, or(isNull(documents.expiresOn), gt(documents.expiresOn, today)))!;
}

/** `documents.id IN (the documents matching q)`; null when q has no letter or digit (it finds nothing). */
export function matchingDocuments(q: string): SQL | null {
  const match = documentMatchExpression(q);
  if (match === null) return null;
  return sql`${documents.id} in (select ${documentsFts.rowid} from ${documentsFts} where ${documentsFts} match ${match})`;
}

/** The conditions of a filter; null when it can match nothing (a q without a letter or digit). */
function filterConditions(siteId: number, filter: DocumentFilter, now: Date): SQL[] | null {
  const conditions: SQL[] = [];
  if (filter.type) conditions.push(eq(documents.typeId, termId(siteId, 'type', filter.type)));
  if (filter.issuer) conditions.push(eq(documents.issuerId, termId(siteId, 'issuer', filter.issuer)));
  if (filter.field) conditions.push(eq(documents.fieldId, termId(siteId, 'field', filter.field)));
  // A range of issued_on rather than issued_year: the list's index is ordered by it.
  if (filter.year !== undefined) conditions.push(and(sql`${documents.issuedOn} >= ${`${filter.year}-01-01`}`, lte(documents.issuedOn, `${filter.year}-12-31`))!);
  if (filter.status) conditions.push(legalStatusIs(filter.status, vietnamDay(now)));
  if (filter.q !== undefined && filter.q !== '') {
    const matching = matchingDocuments(filter.q);
    if (matching === null) return null;
    conditions.push(matching);
  }
  return conditions;
}

const rowColumns = {
  id: documents.id,
  slug: documents.slug,
  number: documents.number,
  typeId: documents.typeId,
  issuerId: documents.issuerId,
  fieldId: documents.fieldId,
  signer: documents.signer,
  issuedOn: documents.issuedOn,
  effectiveOn: documents.effectiveOn,
  expiresOn: documents.expiresOn,
  summary: documents.summary,
  status: documents.status,
  publishedAt: documents.publishedAt,
  createdAt: documents.createdAt,
  updatedAt: documents.updatedAt,
  version: documents.version,
};

interface Row {
  id: number; slug: string; number: string; typeId: number; issuerId: number; fieldId: number | null; signer: string;
  issuedOn: string; effectiveOn: string | null; expiresOn: string | null; summary: string; status: StoredStatus;
  publishedAt: Date | null; createdAt: Date; updatedAt: Date; version: number;
}

const MISSING_TERM: TermRef = { id: 0, slug: '', name: '', abbreviation: '' };

function termRef(terms: Map<number, DocumentTerm>, id: number): TermRef {
  const t = terms.get(id);
  return t ? { id: t.id, slug: t.slug, name: t.name, abbreviation: t.abbreviation } : { ...MISSING_TERM, id };
}

function toSummary(row: Row, terms: Map<number, DocumentTerm>, files: DocumentFileRef[], now: Date): DocumentSummary {
  return {
    id: row.id,
    slug: row.slug,
    number: row.number,
    type: termRef(terms, row.typeId),
    issuer: termRef(terms, row.issuerId),
    field: row.fieldId === null ? null : termRef(terms, row.fieldId),
    signer: row.signer,
    issuedOn: row.issuedOn,
    effectiveOn: row.effectiveOn,
    expiresOn: row.expiresOn,
    summary: row.summary,
    legalStatus: legalStatusOn(row, vietnamDay(now)),
    state: publicStatus(row.status, row.publishedAt, now),
    publishedAt: row.publishedAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    version: row.version,
    files,
  };
}

const fileColumns = {
  documentId: documentFiles.documentId,
  id: documentFiles.id,
  name: documentFiles.name,
  size: documentFiles.size,
  contentType: documentFiles.contentType,
  downloads: documentFiles.downloads,
};

/** The files of many documents in one statement (the ids as one JSON parameter), in their order. */
export async function filesOf(db: Db, ids: number[]): Promise<Map<number, DocumentFileRef[]>> {
  const map = new Map<number, DocumentFileRef[]>();
  if (ids.length === 0) return map;
  const rows = await db.select(fileColumns).from(documentFiles)
    .where(sql`${documentFiles.documentId} in (select value from json_each(${JSON.stringify(ids)}))`)
    .orderBy(asc(documentFiles.documentId), asc(documentFiles.position), asc(documentFiles.id));
  for (const { documentId, ...file } of rows) {
    const list = map.get(documentId!) ?? [];
    list.push(file);
    map.set(documentId!, list);
  }
  return map;
}

export interface DocumentListOptions extends DocumentFilter {
  limit: number;
  /** The `next` of the previous page (decodeCursor throws InvalidCursor for anything else). */
  cursor?: string | undefined;
  now: Date;
}

export interface DocumentPage {
  items: DocumentSummary[];
  nextCursor: string | null;
}

/** A day as the cursor's number: its UTC midnight in ms (days compare like their instants). */
const dayMs = (day: string) => Date.parse(`${day}T00:00:00Z`);
const msDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * The registry: the site's published documents matching the filter, newest date of issue first (ties: newest id),
 * keyset-paged. Served by the (site_id, status, issued_on, id) index (or (site_id, type_id, issued_on, id)
 * for a type); a search filters through documents_fts. The one search of the reader page and the API
 * (the admin's list, with drafts and pages, is admin-documents.ts).
 */
export async function listDocuments(db: Db, siteId: number, options: DocumentListOptions): Promise<DocumentPage> {
  const { limit, now } = options;
  const conditions = filterConditions(siteId, options, now);
  if (conditions === null) return { items: [], nextCursor: null };
  conditions.unshift(visibleInRegistry(siteId, now));
  if (options.cursor) {
    const cursor = decodeCursor(options.cursor);
    const day = msDay(cursor.publishedAt);
    conditions.push(or(lt(documents.issuedOn, day), and(eq(documents.issuedOn, day), lt(documents.id, cursor.id)))!);
  }
  const [rows, terms] = await db.batch([
    db.select(rowColumns).from(documents).where(and(...conditions))
      .orderBy(desc(documents.issuedOn), desc(documents.id)).limit(limit + 1),
    listDocumentTerms(db, siteId),
  ]);
  const pageRows = rows.slice(0, limit);
  const termMap = new Map(terms.map((t) => [t.id, t]));
  const files = await filesOf(db, pageRows.map((r) => r.id));
  const last = pageRows.at(-1);
  return {
    items: pageRows.map((r) => toSummary(r, termMap, files.get(r.id) ?? [], now)),
    nextCursor: rows.length > limit && last ? encodeCursor({ publishedAt: dayMs(last.issuedOn), id: last.id }) : null,
  };
}

type Which = { slug: string } | { id: number };

/** One document of the site with its files, relations and terms, in one round trip. */
async function readDocument(db: Db, siteId: number, which: Which, now: Date, options: { readers: boolean; withDeleted?: boolean }): Promise<Document | null> {
  const where = and(
    eq(documents.siteId, siteId),
    'slug' in which ? eq(documents.slug, which.slug) : eq(documents.id, which.id),
    options.withDeleted ? undefined : isNull(documents.deletedAt),
    options.readers ? visibleDocuments(siteId, now) : undefined,
  );
  const idOf = sql`(select ${documents.id} from ${documents} where ${where})`;
  // The other side of a relation shows only if the same audience could open it.
  const other = options.readers ? visibleDocuments(siteId, now) : editorsDocuments(siteId);
  const relatedColumns = { kind: documentRelations.kind, id: documents.id, slug: documents.slug, number: documents.number, summary: documents.summary };
  const [found, terms, files, outgoing, incoming] = await db.batch([
    db.select({ ...rowColumns, bodyMarkdown: documents.bodyMarkdown, bodyHtml: documents.bodyHtml, reviewNote: documents.reviewNote, deletedAt: documents.deletedAt })
      .from(documents).where(where),
    listDocumentTerms(db, siteId),
    db.select(fileColumns).from(documentFiles).where(eq(documentFiles.documentId, idOf))
      .orderBy(asc(documentFiles.position), asc(documentFiles.id)),
    db.select(relatedColumns).from(documentRelations).innerJoin(documents, eq(documents.id, documentRelations.relatedId))
      .where(and(eq(documentRelations.documentId, idOf), other)).orderBy(asc(documents.issuedOn), asc(documents.id)),
    db.select(relatedColumns).from(documentRelations).innerJoin(documents, eq(documents.id, documentRelations.documentId))
      .where(and(eq(documentRelations.relatedId, idOf), other)).orderBy(asc(documents.issuedOn), asc(documents.id)),
  ]);
  const row = found[0];
  if (!row) return null;
  const termMap = new Map(terms.map((t) => [t.id, t]));
  const relations: DocumentRelation[] = [
    ...outgoing.map((r) => ({ ...r, direction: 'outgoing' as const })),
    ...incoming.map((r) => ({ ...r, direction: 'incoming' as const })),
  ];
  return {
    ...toSummary(row, termMap, files.map(({ documentId: _, ...f }) => f), now),
    bodyMarkdown: row.bodyMarkdown,
    bodyHtml: row.bodyHtml,
    reviewNote: row.reviewNote,
    relations,
    deletedAt: row.deletedAt,
  };
}

/** Any state but deleted (the caller decides who may see drafts: a token of the site, an editor). */
export const readDocumentBySlug = (db: Db, siteId: number, slug: string, now: Date) =>
  readDocument(db, siteId, { slug }, now, { readers: false });

/** The document as readers may see it (published, its time come), with only visible related documents. */
export const readPublishedDocument = (db: Db, siteId: number, slug: string, now: Date) =>
  readDocument(db, siteId, { slug }, now, { readers: true });

/** By id for editors (the admin's URLs), a trashed one too with `withDeleted`. */
export const readDocumentById = (db: Db, siteId: number, id: number, now: Date, options: { withDeleted?: boolean } = {}) =>
  readDocument(db, siteId, { id }, now, { readers: false, ...options });

/**
 * The newest published documents (by publication, as feeds and the home box announce them), of one type
 * or all: served by (site_id, status, published_at, id).
 */
export async function listNewDocuments(db: Db, siteId: number, options: { limit: number; type?: string | undefined; now: Date }): Promise<DocumentSummary[]> {
  const [rows, terms] = await db.batch([
    db.select(rowColumns).from(documents)
      .where(and(visibleDocuments(siteId, options.now), options.type ? eq(documents.typeId, termId(siteId, 'type', options.type)) : undefined))
      .orderBy(desc(documents.publishedAt), desc(documents.id)).limit(options.limit),
    listDocumentTerms(db, siteId),
  ]);
  const termMap = new Map(terms.map((t) => [t.id, t]));
  const files = await filesOf(db, rows.map((r) => r.id));
  return rows.map((r) => toSummary(r, termMap, files.get(r.id) ?? [], options.now));
}

/** Every published document's slug and last change, for the sitemap. */
export function listPublishedDocumentSlugs(db: Db, siteId: number, now: Date) {
  return db.select({ slug: documents.slug, updatedAt: documents.updatedAt, publishedAt: documents.publishedAt })
    .from(documents).where(visibleDocuments(siteId, now))
    .orderBy(desc(documents.publishedAt), desc(documents.id));
}

/** A type of the site by slug (the per-type feeds answer 404 for an unknown one). */
export async function documentTypeBySlug(db: Db, siteId: number, slug: string): Promise<DocumentTerm | null> {
  const [row] = await db.select({ id: documentTerms.id, kind: documentTerms.kind, slug: documentTerms.slug, name: documentTerms.name, abbreviation: documentTerms.abbreviation, position: documentTerms.position })
    .from(documentTerms).where(and(eq(documentTerms.siteId, siteId), eq(documentTerms.kind, 'type'), eq(documentTerms.slug, slug)));
  return row ?? null;
}


/** The ids of the site's documents (not in the trash) by slug, in one statement: a write's relations named by slug. */
export async function documentIdsBySlug(db: Db, siteId: number, slugs: string[]): Promise<Map<string, number>> {
  if (slugs.length === 0) return new Map();
  const rows = await db.select({ id: documents.id, slug: documents.slug }).from(documents)
    .where(and(editorsDocuments(siteId), sql`${documents.slug} in (select value from json_each(${JSON.stringify(slugs)}))`));
  return new Map(rows.map((r) => [r.slug, r.id]));
}
