// Document writes as plans: the statements of a create, edit, delete or restore from the trash, which the
// write service (functions/documents/service.ts) commits as one D1 batch with the revision it records and
// the search row in step. Edits are guarded by the version the caller read. Every plan is for one site:
// its lists, its files, its documents as relations; the number is unique per site, issuer and year.
import { and, eq, isNotNull, isNull, ne, sql, type SQL } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import {
  documentFiles, documentRelations, documentRevisions, documents, documentTerms,
  type DocumentRelationKind, type DocumentTermKind, type StoredStatus,
} from '../../schema/tables.ts';
import { InvalidFields, SlugTaken, type FieldError } from '../articles/errors.ts';
import { renderBody } from '../content/markdown.ts';
import { foldVietnamese } from '../content/fold.ts';
import { randomSuffix, slugify, withSuffix } from '../content/slug.ts';
import { DOCUMENT_CHANGED, NUMBER_TAKEN } from '../documents/errors.ts';
import { numberIndexText, numberKey } from '../documents/number.ts';
import { effectiveFrom } from '../documents/status.ts';
import { publicStatus, type ArticleStatus } from './article-types.ts';
import { MAX_BODY_ROW_BYTES, resolvePublication, statusActionOf, type Actor, type Batch, type StatusAction } from './articles-write.ts';
import type { Db } from './db.ts';
import { guardedVersion } from './guarded-version.ts';
import { documentsFts, readDocumentById } from './documents-read.ts';
import type { Document } from './document-types.ts';
import { assertRestorable } from './trash.ts';
import { changedFrom, itemStateOf, type ItemTransition } from '../webhooks/events.ts';

export interface RelationInput {
  kind: DocumentRelationKind;
  relatedId: number;
}

export interface DocumentInput {
  number: string;
  /** Derived from the number (and the year) when omitted. */
  slug?: string | undefined;
  typeId: number;
  issuerId: number;
  fieldId: number | null;
  signer: string;
  issuedOn: string;
  effectiveOn: string | null;
  expiresOn: string | null;
  summary: string;
  body: string;
  status: ArticleStatus;
  publishAt?: Date | undefined;
  relations: RelationInput[];
  /** The uploaded files (document_files ids of the site), in order; an edit without it keeps them. */
  fileIds: number[];
}

export interface DocumentPlan {
  /** The document's id, or for a create the subquery that finds it. */
  documentId: number | SQL;
  statements: Batch;
  /** What the write does to the document (its revision's action; the service audits publications, deletions, restores). */
  step: string;
  /** Số ký hiệu, naming the document in the audit log. */
  number: string;
  /** The document before and after, for the webhook events the service writes in the same batch. */
  transition: ItemTransition;
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
/** A real calendar day "YYYY-MM-DD" (not 2024-02-30). */
/** A real calendar day "YYYY-MM-DD" (2024-02-30 and 2024-13-01 are not: an invalid Date is refused, never thrown). */
export function isDay(s: string): boolean {
  if (!DAY.test(s)) return false;
  const date = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === s;
}
const yearOf = (day: string) => Number(day.slice(0, 4));
const utf8 = new TextEncoder();

/** The HTML and plain text of the body, within what one D1 row holds. */
async function renderedBody(body: string): Promise<{ html: string; text: string }> {
  const { html, text } = await renderBody(body);
  const bytes = utf8.encode(body).byteLength + utf8.encode(html).byteLength;
  if (bytes > MAX_BODY_ROW_BYTES) throw new InvalidFields([{ field: 'body', message: `Too long to store: ${bytes} bytes with its HTML; at most ${MAX_BODY_ROW_BYTES} fit.` }]);
  return { html, text };
}

/** The default slug: the number's, with the year when the number does not carry it ("125-qd-ubnd-2024"). */
export function documentSlugBase(number: string, issuedOn: string): string {
  const base = slugify(number) || 'van-ban';
  const year = String(yearOf(issuedOn));
  return base.split('-').includes(year) ? base : withSuffix(base, year);
}

async function freeDocumentSlug(db: Db, siteId: number, base: string): Promise<string> {
  const candidates = [base, ...Array.from({ length: 19 }, (_, i) => withSuffix(base, i + 2))];
  const rows = await db.select({ slug: documents.slug }).from(documents)
    .where(and(eq(documents.siteId, siteId), sql`${documents.slug} in (select value from json_each(${JSON.stringify(candidates)}))`));
  const taken = new Set(rows.map((r) => r.slug));
  return candidates.find((c) => !taken.has(c)) ?? withSuffix(base, randomSuffix());
}

async function assertSlugFree(db: Db, siteId: number, slug: string, ownerId?: number): Promise<void> {
  const [row] = await db.select({ id: documents.id }).from(documents).where(and(eq(documents.siteId, siteId), eq(documents.slug, slug)));
  if (row && row.id !== ownerId) throw new SlugTaken(slug, `The slug "${slug}" is already used by another document.`);
}

/**
 * What must hold before a write, checked in one round trip so every problem is named at once: the terms
 * are this site's entries of their lists, the number is free for the issuer and year (a document in the
 * trash keeps its number), the relations name other documents of the site, the files are this site's
 * uploads not attached elsewhere, and the dates are in order.
 */
async function checkInput(db: Db, siteId: number, next: Omit<DocumentInput, 'status' | 'publishAt' | 'slug'>, selfId: number | null): Promise<void> {
  const problems: FieldError[] = [];
  if (!next.number.trim() || !numberKey(next.number)) problems.push({ field: 'number', message: 'The number needs at least one letter or digit.' });
  for (const field of ['issuedOn', 'effectiveOn', 'expiresOn'] as const) {
    const day = next[field];
    if (day !== null && !isDay(day)) problems.push({ field, message: 'Use a calendar day, YYYY-MM-DD.' });
  }
  if (problems.length) throw new InvalidFields(problems);
  if (next.expiresOn !== null && next.expiresOn <= effectiveFrom(next)) {
    problems.push({ field: 'expiresOn', message: 'A document expires after the day it takes effect.' });
  }
  const relatedIds = next.relations.map((r) => r.relatedId);
  const [terms, sameNumber, related, files] = await db.batch([
    db.select({ id: documentTerms.id, kind: documentTerms.kind }).from(documentTerms)
      .where(and(eq(documentTerms.siteId, siteId), sql`${documentTerms.id} in (select value from json_each(${JSON.stringify([next.typeId, next.issuerId, next.fieldId ?? 0])}))`)),
    db.select({ id: documents.id, deletedAt: documents.deletedAt }).from(documents).where(and(
      eq(documents.siteId, siteId), eq(documents.issuerId, next.issuerId), eq(documents.issuedYear, yearOf(next.issuedOn)),
      eq(documents.numberKey, numberKey(next.number)), selfId === null ? undefined : ne(documents.id, selfId),
    )),
    db.select({ id: documents.id }).from(documents).where(and(
      eq(documents.siteId, siteId), isNull(documents.deletedAt), sql`${documents.id} in (select value from json_each(${JSON.stringify(relatedIds)}))`,
    )),
    db.select({ id: documentFiles.id, documentId: documentFiles.documentId }).from(documentFiles).where(and(
      eq(documentFiles.siteId, siteId), sql`${documentFiles.id} in (select value from json_each(${JSON.stringify(next.fileIds)}))`,
    )),
  ]);
  const kinds = new Map(terms.map((t) => [t.id, t.kind]));
  const wants: [keyof typeof next & ('typeId' | 'issuerId' | 'fieldId'), DocumentTermKind, string][] = [['typeId', 'type', 'type'], ['issuerId', 'issuer', 'issuer'], ['fieldId', 'field', 'field']];
  for (const [key, kind, field] of wants) {
    const id = next[key];
    if (id !== null && kinds.get(id) !== kind) problems.push({ field, message: `No ${kind} of this site has this id.` });
  }
  if (sameNumber[0]) problems.push({ field: 'number', message: sameNumber[0].deletedAt ? `${NUMBER_TAKEN} (It is in the trash.)` : NUMBER_TAKEN });
  const found = new Set(related.map((r) => r.id));
  next.relations.forEach((r, i) => {
    if (r.relatedId === selfId) problems.push({ field: `relations.${i}`, message: 'A document cannot relate to itself.' });
    else if (!found.has(r.relatedId)) problems.push({ field: `relations.${i}`, message: 'No document of this site has this id.' });
  });
  const owned = new Map(files.map((f) => [f.id, f.documentId]));
  next.fileIds.forEach((id, i) => {
    if (!owned.has(id)) problems.push({ field: `files.${i}`, message: 'No uploaded file of this site has this id.' });
    else if (owned.get(id) !== null && owned.get(id) !== selfId) problems.push({ field: `files.${i}`, message: 'This file belongs to another document.' });
  });
  if (problems.length) throw new InvalidFields(problems);
}

/** A term id as stored: only the site's own entry of that kind, else NULL (which fails the batch: errors.ts). */
const termOfSite = (siteId: number, kind: DocumentTermKind, id: number) =>
  sql<number>`(select ${documentTerms.id} from ${documentTerms} where ${documentTerms.id} = ${id} and ${documentTerms.siteId} = ${siteId} and ${documentTerms.kind} = ${kind})`;

function relationStatements(db: Db, siteId: number, id: number | SQL, relations: RelationInput[], replace: boolean): BatchItem<'sqlite'>[] {
  const list = JSON.stringify(relations.map((r) => ({ kind: r.kind, id: r.relatedId })));
  return [
    ...(replace ? [db.delete(documentRelations).where(eq(documentRelations.documentId, id))] : []),
    ...(relations.length === 0 ? [] : [db.insert(documentRelations).select(
      db.select({ documentId: sql<number>`${id}`.as('document_id'), relatedId: documents.id, kind: sql<DocumentRelationKind>`json_extract(value, '$.kind')`.as('kind') })
        .from(documents).innerJoin(sql`json_each(${list})`, sql`${documents.id} = json_extract(value, '$.id')`)
        .where(and(eq(documents.siteId, siteId), ne(documents.id, id))),
    ).onConflictDoNothing()]),
  ];
}

function fileStatements(db: Db, siteId: number, id: number | SQL, fileIds: number[], replace: boolean): BatchItem<'sqlite'>[] {
  const list = JSON.stringify(fileIds);
  return [
    // Files taken off the document become orphans again (swept with the site's other unused uploads).
    ...(replace ? [db.update(documentFiles).set({ documentId: null })
      .where(and(eq(documentFiles.documentId, id), sql`${documentFiles.id} not in (select value from json_each(${list}))`))] : []),
    ...(fileIds.length === 0 ? [] : [db.update(documentFiles).set({
      documentId: sql`${id}`,
      position: sql`(select key from json_each(${list}) where value = ${documentFiles.id})`,
    }).where(and(eq(documentFiles.siteId, siteId), sql`${documentFiles.id} in (select value from json_each(${list}))`))]),
  ];
}

type Snapshot = Omit<DocumentInput, 'status' | 'publishAt' | 'slug'> & { slug: string; status: StoredStatus; publishedAt: string | null };

function snapshot(next: Omit<DocumentInput, 'status' | 'publishAt'>, slug: string, status: StoredStatus, publishedAt: Date | null): string {
  const { slug: _, ...rest } = next;
  const s: Snapshot = { ...rest, slug, status, publishedAt: publishedAt?.toISOString() ?? null };
  return JSON.stringify(s);
}

const searchRow = (next: { number: string; issuedOn: string; summary: string }, text: string) => ({
  number: numberIndexText(next.number, yearOf(next.issuedOn)), summary: foldVietnamese(next.summary), body: foldVietnamese(text),
});

export async function planCreateDocument(db: Db, siteId: number, input: DocumentInput, actor: Actor, now: Date, slug?: string): Promise<DocumentPlan> {
  await checkInput(db, siteId, input, null);
  const chosen = slug ?? input.slug ?? await freeDocumentSlug(db, siteId, documentSlugBase(input.number, input.issuedOn));
  if (input.slug) await assertSlugFree(db, siteId, input.slug);
  const { stored, publishedAt } = resolvePublication(input.status, input.publishAt, null, now);
  const { html, text } = await renderedBody(input.body);
  const idOf = sql`(select ${documents.id} from ${documents} where ${documents.siteId} = ${siteId} and ${documents.slug} = ${chosen})`;
  const statements: Batch = [
    db.insert(documents).values({
      siteId, slug: chosen, number: input.number, numberKey: numberKey(input.number),
      typeId: termOfSite(siteId, 'type', input.typeId), issuerId: termOfSite(siteId, 'issuer', input.issuerId), fieldId: input.fieldId,
      signer: input.signer, issuedOn: input.issuedOn, issuedYear: yearOf(input.issuedOn), effectiveOn: input.effectiveOn, expiresOn: input.expiresOn,
      summary: input.summary, bodyMarkdown: input.body, bodyHtml: html, status: stored, publishedAt, version: 1, createdAt: now, updatedAt: now,
    }),
    // In the same batch: a document is searchable exactly when it exists. The files' text comes later (FILES).
    db.insert(documentsFts).values({ rowid: idOf, ...searchRow(input, text), files: '' }),
    ...relationStatements(db, siteId, idOf, input.relations, false),
    ...fileStatements(db, siteId, idOf, input.fileIds, false),
    db.insert(documentRevisions).values({
      documentId: idOf, version: 1, action: 'created', changedFields: JSON.stringify(Object.keys(input)),
      snapshot: snapshot(input, chosen, stored, publishedAt), actor: actor.id, actorName: actor.name, createdAt: now,
    }),
  ];
  const step = statusActionOf('draft', publicStatus(stored, publishedAt, now));
  const after = { status: stored, publishedAt, deletedAt: null, slug: chosen, version: 1 };
  return { documentId: idOf, statements, step: step === 'updated' ? 'created' : step, number: input.number, transition: { before: null, after } };
}

/** The editable state of a document as an input (its outgoing relations, its files in order). */
export function inputOf(d: Document): Omit<DocumentInput, 'status' | 'publishAt' | 'slug'> {
  return {
    number: d.number, typeId: d.type.id, issuerId: d.issuer.id, fieldId: d.field?.id ?? null, signer: d.signer,
    issuedOn: d.issuedOn, effectiveOn: d.effectiveOn, expiresOn: d.expiresOn, summary: d.summary, body: d.bodyMarkdown,
    relations: d.relations.filter((r) => r.direction === 'outgoing').map((r) => ({ kind: r.kind, relatedId: r.id })),
    fileIds: d.files.map((f) => f.id),
  };
}

export async function planUpdateDocument(
  db: Db, siteId: number, current: Document, patch: Partial<DocumentInput>, actor: Actor, now: Date, action?: StatusAction,
): Promise<DocumentPlan> {
  const next = { ...inputOf(current), ...Object.fromEntries(Object.entries(patch).filter(([k, v]) => v !== undefined && k !== 'status' && k !== 'publishAt' && k !== 'slug')) } as Omit<DocumentInput, 'status' | 'publishAt' | 'slug'>;
  await checkInput(db, siteId, next, current.id);
  const slug = patch.slug ?? current.slug;
  if (slug !== current.slug) await assertSlugFree(db, siteId, slug, current.id);
  const { stored, publishedAt } = patch.status !== undefined || patch.publishAt !== undefined
    ? resolvePublication(patch.status ?? current.state, patch.publishAt, current.publishedAt, now)
    : { stored: current.state === 'scheduled' ? 'published' as const : current.state, publishedAt: current.publishedAt };
  const { html, text } = patch.body !== undefined ? await renderedBody(next.body) : { html: current.bodyHtml, text: null };
  const version = current.version + 1;
  const step = statusActionOf(current.state, publicStatus(stored, publishedAt, now));
  const statements: Batch = [
    db.update(documents).set({
      slug, number: next.number, numberKey: numberKey(next.number),
      typeId: termOfSite(siteId, 'type', next.typeId), issuerId: termOfSite(siteId, 'issuer', next.issuerId), fieldId: next.fieldId,
      signer: next.signer, issuedOn: next.issuedOn, issuedYear: yearOf(next.issuedOn), effectiveOn: next.effectiveOn, expiresOn: next.expiresOn,
      summary: next.summary, bodyMarkdown: next.body, bodyHtml: html, status: stored, publishedAt, version, updatedAt: now,
      // A return's reason stays with the document until its state moves on (submitted again, published).
      ...(publicStatus(stored, publishedAt, now) !== current.state ? { reviewNote: '' } : {}),
    }).where(and(eq(documents.id, current.id), eq(documents.siteId, siteId), eq(documents.version, current.version), isNull(documents.deletedAt))),
    db.insert(documentRevisions).values({
      documentId: current.id, version: guardedVersion(documents, current.id, version),
      action: action ?? step,
      changedFields: JSON.stringify(Object.keys(patch)), snapshot: snapshot(next, slug, stored, publishedAt),
      actor: actor.id, actorName: actor.name, createdAt: now,
    }),
    // The files' text column is FILES's and stays; the rest follows the new text in the same commit.
    db.update(documentsFts).set(text === null ? { number: searchRow(next, '').number, summary: foldVietnamese(next.summary) } : searchRow(next, text))
      .where(eq(documentsFts.rowid, current.id)),
  ];
  if (patch.relations) statements.push(...relationStatements(db, siteId, current.id, next.relations, true));
  if (patch.fileIds) statements.push(...fileStatements(db, siteId, current.id, next.fileIds, true));
  const after = { status: stored, publishedAt, deletedAt: null, slug, version };
  return { documentId: current.id, statements, step, number: next.number, transition: { before: itemStateOf(current), after } };
}

/**
 * Back from review to draft with the editor's reason, kept on the document (its writer sees it) and in its
 * history (revision "returned" with the note). Guarded by the version and the review state.
 */
export function planReturnDocument(db: Db, siteId: number, current: Document, note: string, actor: Actor, now: Date): DocumentPlan {
  const version = current.version + 1;
  return { documentId: current.id, statements: [
    db.update(documents).set({ status: 'draft', reviewNote: note, version, updatedAt: now })
      .where(and(eq(documents.id, current.id), eq(documents.siteId, siteId), eq(documents.version, current.version), eq(documents.status, 'review'), isNull(documents.deletedAt))),
    db.insert(documentRevisions).values({
      documentId: current.id, version: guardedVersion(documents, current.id, version), action: 'returned', changedFields: '["status"]',
      snapshot: snapshot({ ...inputOf(current), slug: current.slug }, current.slug, 'draft', current.publishedAt),
      actor: actor.id, actorName: actor.name, note, createdAt: now,
    }),
  ], step: 'returned', number: current.number, transition: changedFrom(current, { status: 'draft', version }) };
}

/** Soft delete: gone from every read path, restorable for 30 days; its number stays taken meanwhile. */
export function planDeleteDocument(db: Db, siteId: number, current: Document, actor: Actor, now: Date): DocumentPlan {
  const version = current.version + 1;
  return { documentId: current.id, statements: [
    db.update(documents).set({ deletedAt: now, version, updatedAt: now })
      .where(and(eq(documents.id, current.id), eq(documents.siteId, siteId), eq(documents.version, current.version), isNull(documents.deletedAt))),
    db.insert(documentRevisions).values({
      documentId: current.id, version: guardedVersion(documents, current.id, version), action: 'deleted', changedFields: '[]', snapshot: '{}',
      actor: actor.id, actorName: actor.name, createdAt: now,
    }),
  ], step: 'deleted', number: current.number, transition: changedFrom(current, { deletedAt: now, version }) };
}

/** Out of the trash with the state it had; NotFound, Gone (older than 30 days) or VersionConflict otherwise. */
export async function planRestoreDocument(db: Db, siteId: number, id: number, expectedVersion: number, actor: Actor, now: Date): Promise<DocumentPlan> {
  const current = await readDocumentById(db, siteId, id, now, { withDeleted: true });
  assertRestorable(current, 'document', expectedVersion, DOCUMENT_CHANGED, now);
  const version = current.version + 1;
  const stored = current.state === 'scheduled' ? 'published' : current.state;
  return { documentId: id, statements: [
    db.update(documents).set({ deletedAt: null, version, updatedAt: now })
      .where(and(eq(documents.id, id), eq(documents.siteId, siteId), eq(documents.version, current.version), isNotNull(documents.deletedAt))),
    db.insert(documentRevisions).values({
      documentId: id, version: guardedVersion(documents, id, version), action: 'restored', changedFields: '[]',
      snapshot: snapshot({ ...inputOf(current), slug: current.slug }, current.slug, stored, current.publishedAt),
      actor: actor.id, actorName: actor.name, createdAt: now,
    }),
  ], step: 'restored', number: current.number, transition: changedFrom(current, { deletedAt: null, version }) };
}

