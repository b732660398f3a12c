// The one door for document writes: create, edit (publish, unpublish, schedule), return from review, delete, restore from the
// trash, restore a revision, and the managed lists' changes. Each commits one D1 batch with the site's
// change records through the articles' door (commitSiteChange), so a document write moves the site's
// content generation (and its province's roll-up record) like an article's; an archived site refuses it.
// Scheduled documents go live with the cron's publishDue (articles/service.ts): content_changes'
// next scheduled instant counts documents too (data/content-changes.ts).
import type { BatchItem } from 'drizzle-orm/batch';
import type { SQL } from 'drizzle-orm';
import { invalidField, NotFound, SlugTaken } from '../articles/errors.ts';
import { assertWritable, commitSiteChange, reviewNoteOf, type SiteRef, type Target } from '../articles/service.ts';
import { contentAuditAction } from '../audit/actions.ts';
import { auditActor, auditStatement, subjectOf } from '../audit/log.ts';
import { nfcText } from '../content/nfc.ts';
import { randomSuffix, withSuffix } from '../content/slug.ts';
import { database } from '../data/db.ts';
import { documentRestorePatch, type DocumentSnapshot } from '../data/document-revisions.ts';
import { planCreateTerm, planDeleteTerm, planRenameTerm, planReorderTerms, type TermInput } from '../data/document-terms.ts';
import type { Document } from '../data/document-types.ts';
import { readDocumentById } from '../data/documents-read.ts';
import {
  documentSlugBase, planCreateDocument, planDeleteDocument, planRestoreDocument, planReturnDocument, planUpdateDocument,
  type DocumentInput, type DocumentPlan,
} from '../data/documents-write.ts';
import type { Actor } from '../data/articles-write.ts';
import type { DocumentTermKind } from '../../schema/tables.ts';
import { documents } from '../../schema/tables.ts';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { documentErrorOfD1 } from './errors.ts';
import { refreshDocumentFilesText } from './files/search-text.ts';
import { kickIfWrote } from '../webhooks/kick.ts';
import { outboxOfWrite } from '../webhooks/outbox.ts';

export type { Actor, DocumentInput };

/** More statements for the same transaction, given the document's id (or the subquery of a new one). */
export type AlsoInBatch = (documentId: number | SQL) => BatchItem<'sqlite'>[];

/** The audit entry of a write that publishes, unpublishes, deletes or restores the document (none for a plain edit). */
function auditOf(db: ReturnType<typeof database>, siteId: number, plan: DocumentPlan, actor: Actor, now: Date): BatchItem<'sqlite'>[] {
  const action = contentAuditAction('document', plan.step);
  if (!action) return [];
  return [auditStatement(db, {
    siteId, ...auditActor(actor), action, subject: subjectOf('document', plan.documentId), detail: { number: plan.number }, at: now,
  })];
}

/** Commits a plan and reads the document back as editors see it (a write's answer). */
async function commit(env: Target, site: SiteRef, now: Date, plan: DocumentPlan, actor: Actor, also: AlsoInBatch = () => []): Promise<Document> {
  const db = database(env.DB);
  const idRead = db.select({ id: documents.id }).from(documents).where(sql`${documents.id} = ${plan.documentId}`);
  const head = [...plan.statements, ...auditOf(db, site.id, plan, actor, now), ...also(plan.documentId)] as const;
  const outbox = outboxOfWrite(db, site, 'document', plan.documentId, plan.transition, now);
  const results = await commitSiteChange(env, site, now, [...head, ...outbox.statements, idRead], documentErrorOfD1);
  await kickIfWrote(env, site.id, outbox.wrote(results, head.length));
  const [row] = results.at(-1) as { id: number }[];
  const document = row ? await readDocumentById(db, site.id, row.id, now, { withDeleted: true }) : null;
  if (!document) throw new NotFound('The document was not found after the write.');
  // FILES: the search row takes the text of the PDFs now attached (read after their upload answered,
  // functions/documents/files/text.ts); an offline import has no R2 and indexes its own.
  if ('MEDIA' in env) await refreshDocumentFilesText(env, document.id);
  return document;
}

const CREATE_ATTEMPTS = 5;

export async function createDocument(env: Target, site: SiteRef, given: DocumentInput, actor: Actor, now: Date, also?: AlsoInBatch): Promise<Document> {
  assertWritable(site);
  const input = nfcText(given); // stored NFC whatever the caller (admin, API, import) sent
  const db = database(env.DB);
  if (input.slug) return commit(env, site, now, await planCreateDocument(db, site.id, input, actor, now), actor, also);
  // A derived slug: a lost race for it (two documents of one number from two issuers at once) retries
  // with a random suffix no racer can predict.
  for (let attempt = 1; ; attempt++) {
    const slug = attempt === 1 ? undefined : withSuffix(documentSlugBase(input.number, input.issuedOn), randomSuffix());
    try {
      return await commit(env, site, now, await planCreateDocument(db, site.id, input, actor, now, slug), actor, also);
    } catch (error) {
      if (!(error instanceof SlugTaken) || attempt === CREATE_ATTEMPTS) throw error;
    }
  }
}

/** An import outside the Worker (the demo seed): recorded as a change; the generation moves at the next cron run. */
export const importDocument = (DB: D1Database, siteId: number, input: DocumentInput, actor: Actor, at: Date): Promise<Document> =>
  createDocument({ DB, offline: true }, { id: siteId, status: 'active' }, input, actor, at);

/** An edit of `current` as the caller read it (VersionConflict if it changed meanwhile). */
export async function updateDocument(env: Env, site: SiteRef, current: Document, patch: Partial<DocumentInput>, actor: Actor, now: Date): Promise<Document> {
  assertWritable(site);
  return commit(env, site, now, await planUpdateDocument(database(env.DB), site.id, current, nfcText(patch), actor, now), actor);
}

/**
 * Back to draft from review with a reason its writer will see, as articles are (returnArticle): required,
 * at most REVIEW_NOTE_MAX characters, only from "review" (a document that moved on meanwhile is a
 * VersionConflict). Who may do it is the caller's check (editors).
 */
export async function returnDocument(env: Env, site: SiteRef, current: Document, note: string, actor: Actor, now: Date): Promise<Document> {
  assertWritable(site);
  const reason = reviewNoteOf(note, 'a document');
  if (current.state !== 'review') throw invalidField('status', 'Only a document awaiting review can be returned.');
  return commit(env, site, now, planReturnDocument(database(env.DB), site.id, current, reason, actor, now), actor);
}

/** To the trash (30 days); the answer is the document as it now lies there. */
export async function deleteDocument(env: Env, site: SiteRef, current: Document, actor: Actor, now: Date): Promise<Document> {
  assertWritable(site);
  return commit(env, site, now, planDeleteDocument(database(env.DB), site.id, current, actor, now), actor);
}

export async function restoreDocument(env: Env, site: SiteRef, id: number, expectedVersion: number, actor: Actor, now: Date): Promise<Document> {
  assertWritable(site);
  return commit(env, site, now, await planRestoreDocument(database(env.DB), site.id, id, expectedVersion, actor, now), actor);
}

/**
 * A revision's content back, as a new revision recorded "restored". Null when the content already equals
 * it (or it records none). Relations to documents deleted since are left out rather than refused.
 */
export async function restoreDocumentRevision(
  env: Env, site: SiteRef, current: Document, snapshot: DocumentSnapshot | null, actor: Actor, now: Date,
): Promise<Document | null> {
  if (!snapshot) return null;
  const db = database(env.DB);
  const ids = (snapshot.relations ?? []).map((r) => r.relatedId);
  const existing = new Set((await db.select({ id: documents.id }).from(documents)
    .where(and(eq(documents.siteId, site.id), isNull(documents.deletedAt), sql`${documents.id} in (select value from json_each(${JSON.stringify(ids)}))`)))
    .map((r) => r.id));
  const patch = documentRestorePatch(current, snapshot, existing);
  if (Object.keys(patch).length === 0) return null;
  assertWritable(site);
  return commit(env, site, now, await planUpdateDocument(db, site.id, current, patch, actor, now, 'restored'), actor);
}

// ---- the managed lists (names show on cached pages and filters: a change moves the generation) ----

export async function createDocumentTerm(env: Env, site: SiteRef, input: TermInput, now: Date): Promise<void> {
  assertWritable(site);
  const { statement } = await planCreateTerm(database(env.DB), site.id, input, now);
  await commitSiteChange(env, site, now, [statement]);
}

export async function renameDocumentTerm(
  env: Env, site: SiteRef, id: number, patch: { name: string; abbreviation?: string | undefined; slug?: string | undefined }, now: Date,
): Promise<void> {
  assertWritable(site);
  const { statement } = await planRenameTerm(database(env.DB), site.id, id, patch, now);
  await commitSiteChange(env, site, now, [statement]);
}

export async function reorderDocumentTerms(env: Env, site: SiteRef, kind: DocumentTermKind, ids: number[], now: Date): Promise<void> {
  assertWritable(site);
  const { statement } = await planReorderTerms(database(env.DB), site.id, kind, ids, now);
  await commitSiteChange(env, site, now, [statement]);
}

/**
 * The cron's publications are the articles' door's publishDue: the site's record carries the next
 * scheduled instant of its articles and documents alike, so one walk publishes both.
 */
export { publishDue } from '../articles/service.ts';

// (Added by the ADMIN helper for /admin/danh-muc-van-ban, beside CORE's list writes.)
/** Deletes an entry no document names; false when one does (nothing deleted). */
export async function deleteDocumentTerm(env: Env, site: SiteRef, id: number, now: Date): Promise<boolean> {
  assertWritable(site);
  const { statement } = await planDeleteTerm(database(env.DB), site.id, id);
  const [deleted] = (await commitSiteChange(env, site, now, [statement])) as [{ id: number }[]];
  return deleted.length > 0;
}
