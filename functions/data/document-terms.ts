// The documents registry's managed lists of one site (loại văn bản, cơ quan ban hành, lĩnh vực): read in
// list order, created, renamed and reordered by its admins (the defaults every site starts with: document-term-defaults.ts).
// Changes are plans (statements) committed by the write service with the site's change records,
// since cached pages and filters show the names (functions/documents/service.ts).
import { and, asc, eq, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { documentTerms, type DocumentTermKind } from '../../schema/tables.ts';
import { invalidField, NotFound } from '../articles/errors.ts';
import { slugify } from '../content/slug.ts';
import type { Db } from './db.ts';

export interface DocumentTerm {
  id: number;
  kind: DocumentTermKind;
  slug: string;
  name: string;
  abbreviation: string;
  position: number;
}


const columns = {
  id: documentTerms.id,
  kind: documentTerms.kind,
  slug: documentTerms.slug,
  name: documentTerms.name,
  abbreviation: documentTerms.abbreviation,
  position: documentTerms.position,
};

/** The site's terms (of one kind, or all), in list order: served by (site_id, kind, position, id). */
export function listDocumentTerms(db: Db, siteId: number, kind?: DocumentTermKind) {
  return db.select(columns).from(documentTerms)
    .where(and(eq(documentTerms.siteId, siteId), kind ? eq(documentTerms.kind, kind) : undefined))
    .orderBy(asc(documentTerms.kind), asc(documentTerms.position), asc(documentTerms.id));
}

/** The site's terms by id, for mapping document rows (lists are small: tens of entries). */
export async function documentTermMap(db: Db, siteId: number): Promise<Map<number, DocumentTerm>> {
  return new Map((await listDocumentTerms(db, siteId)).map((t) => [t.id, t]));
}

/** A change of a list, for the write service's batch (wrapped: a query builder awaited would run). */
export interface TermPlan {
  statement: BatchItem<'sqlite'>;
}

export interface TermInput {
  kind: DocumentTermKind;
  name: string;
  /** Derived from the name when omitted. */
  slug?: string | undefined;
  abbreviation?: string | undefined;
}

async function assertTermSlugFree(db: Db, siteId: number, kind: DocumentTermKind, slug: string, ownerId?: number): Promise<void> {
  const [row] = await db.select({ id: documentTerms.id }).from(documentTerms)
    .where(and(eq(documentTerms.siteId, siteId), eq(documentTerms.kind, kind), eq(documentTerms.slug, slug)));
  if (row && row.id !== ownerId) throw invalidField('slug', `Another entry of this list already has the slug "${slug}".`);
}

/** A new entry at the end of its list (the statement for the service's batch). */
export async function planCreateTerm(db: Db, siteId: number, input: TermInput, now: Date): Promise<TermPlan> {
  const name = input.name.trim();
  if (!name) throw invalidField('name', 'The name cannot be empty.');
  const slug = input.slug ?? slugify(name);
  if (!slug) throw invalidField('name', 'The name needs at least one letter or digit.');
  await assertTermSlugFree(db, siteId, input.kind, slug);
  return { statement: db.insert(documentTerms).values({
    siteId, kind: input.kind, slug, name, abbreviation: input.abbreviation?.trim() ?? '',
    position: sql`coalesce((select max(${documentTerms.position}) from ${documentTerms} where ${documentTerms.siteId} = ${siteId} and ${documentTerms.kind} = ${input.kind}), 0) + 1`,
    createdAt: now, updatedAt: now,
  }) };
}

async function termOfSite(db: Db, siteId: number, id: number): Promise<DocumentTerm> {
  const [row] = await db.select(columns).from(documentTerms).where(and(eq(documentTerms.id, id), eq(documentTerms.siteId, siteId)));
  if (!row) throw new NotFound(`No entry of this site's lists has the id ${id}.`);
  return row;
}

/**
 * A new name (and abbreviation) for an entry. Its slug stays unless given: documents' filter links and
 * feeds use it, and renaming "UBND xã" to its full name must not break them.
 */
export async function planRenameTerm(
  db: Db, siteId: number, id: number, patch: { name: string; abbreviation?: string | undefined; slug?: string | undefined }, now: Date,
): Promise<TermPlan> {
  const term = await termOfSite(db, siteId, id);
  const name = patch.name.trim();
  if (!name) throw invalidField('name', 'The name cannot be empty.');
  if (patch.slug !== undefined && patch.slug !== term.slug) await assertTermSlugFree(db, siteId, term.kind, patch.slug, id);
  return { statement: db.update(documentTerms).set({
    name, slug: patch.slug ?? term.slug, abbreviation: patch.abbreviation?.trim() ?? term.abbreviation, updatedAt: now,
  }).where(and(eq(documentTerms.id, id), eq(documentTerms.siteId, siteId))) };
}

/** A list in a new order: `ids` must be exactly that list's entries (one statement, positions from the JSON order). */
export async function planReorderTerms(db: Db, siteId: number, kind: DocumentTermKind, ids: number[], now: Date): Promise<TermPlan> {
  const current = await listDocumentTerms(db, siteId, kind);
  const have = new Set(current.map((t) => t.id));
  if (ids.length !== have.size || new Set(ids).size !== ids.length || !ids.every((id) => have.has(id))) {
    throw invalidField('ids', 'Send every entry of the list once, in the new order.');
  }
  const order = JSON.stringify(ids);
  return { statement: db.update(documentTerms).set({
    position: sql`(select key + 1 from json_each(${order}) where value = ${documentTerms.id})`,
    updatedAt: now,
  }).where(and(eq(documentTerms.siteId, siteId), eq(documentTerms.kind, kind))) };
}

// (Added by the ADMIN helper for /admin/danh-muc-van-ban, beside CORE's plans.)
/**
 * Deletes an entry that no document of the site names (the trash included: a restored document needs
 * its entries). The guard is in the statement, so a document saved with the entry a moment before the
 * delete keeps it: the statement then deletes nothing and returns no row.
 */
export async function planDeleteTerm(db: Db, siteId: number, id: number): Promise<TermPlan> {
  await termOfSite(db, siteId, id);
  return { statement: db.delete(documentTerms).where(and(
    eq(documentTerms.id, id), eq(documentTerms.siteId, siteId),
    sql`not exists (select 1 from documents d where d.type_id = ${id} or d.issuer_id = ${id} or d.field_id = ${id})`,
  )).returning({ id: documentTerms.id }) };
}
