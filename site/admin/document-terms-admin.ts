// The managed lists page's writes (/admin/danh-muc-van-ban, admins of the working site): add an entry at
// the end of its list, rename it (and its abbreviation; the slug stays, so filter links and feeds keep
// working), move it up or down, delete one no document uses. Through the write service, so cached pages
// that show the names follow within the freshness bound, and an archived site refuses it. Refusals are
// Vietnamese messages next to the entry or field they concern.
import { DOCUMENT_TERM_KINDS, type DocumentTermKind } from '../../schema/tables.ts';
import { DomainError } from '../../functions/articles/errors.ts';
import type { SiteRef } from '../../functions/articles/service.ts';
import { createDocumentTerm, deleteDocumentTerm, renameDocumentTerm, reorderDocumentTerms } from '../../functions/documents/service.ts';
import { termUsage } from '../../functions/data/admin-documents.ts';
import type { Db } from '../../functions/data/db.ts';
import { listDocumentTerms, type DocumentTerm } from '../../functions/data/document-terms.ts';
import type { User } from '../../functions/data/users.ts';
import { formRefusalOf } from './article-errors.ts';
import { isAdmin } from './permissions.ts';
import { formText } from './request-body.ts';
import { DOCUMENT_TERMS as S } from './strings.ts';
import { rowId } from './row-id.ts';

export const TERM_NAME_MAX = 200;
export const TERM_ABBREVIATION_MAX = 20;

export type TermResult =
  | { ok: true; message: string }
  /** `kind`: the list whose add form failed; `id`: the entry whose row shows the message. */
  | { ok: false; status: number; message: string; kind?: DocumentTermKind; id?: number; field?: 'name' | 'abbreviation' };

const refuse = (status: number, message: string, at: { kind?: DocumentTermKind; id?: number; field?: 'name' | 'abbreviation' } = {}): TermResult =>
  ({ ok: false, status, message, ...at });

export interface TermList {
  kind: DocumentTermKind;
  terms: (DocumentTerm & { used: number })[];
}

/** The site's three lists in order, each entry with how many documents (trash included) name it. */
export async function termLists(db: Db, siteId: number): Promise<TermList[]> {
  const [terms, usage] = await Promise.all([listDocumentTerms(db, siteId), termUsage(db, siteId)]);
  return DOCUMENT_TERM_KINDS.map((kind) => ({
    kind, terms: terms.filter((t) => t.kind === kind).map((t) => ({ ...t, used: usage.get(t.id) ?? 0 })),
  }));
}

function checkName(name: string, abbreviation: string): { message: string; field: 'name' | 'abbreviation' } | null {
  if (!name) return { message: S.nameRequired, field: 'name' };
  if (name.length > TERM_NAME_MAX) return { message: S.nameTooLong, field: 'name' };
  if (abbreviation.length > TERM_ABBREVIATION_MAX) return { message: S.abbreviationTooLong, field: 'abbreviation' };
  return null;
}

/** The data layer's refusals in this page's words; the service's (archived site) as the articles' are. */
function refusalOf(error: unknown, at: { kind?: DocumentTermKind; id?: number }): TermResult {
  if (error instanceof DomainError && error.code === 'invalid-fields') return refuse(422, S.nameTaken, { ...at, field: 'name' });
  if (error instanceof DomainError && error.code === 'not-found') return refuse(404, S.notFound);
  const refusal = formRefusalOf(error);
  return refuse(refusal.status, refusal.message);
}

const kindOf = (value: string): DocumentTermKind | null => ((DOCUMENT_TERM_KINDS as readonly string[]).includes(value) ? (value as DocumentTermKind) : null);

export async function termsAction(env: Env, db: Db, site: SiteRef, me: User, form: FormData, now: Date): Promise<TermResult> {
  if (!isAdmin(me)) return refuse(403, S.adminsOnly);
  const action = formText(form, 'action');
  const name = formText(form, 'name').normalize('NFC').trim();
  const abbreviation = formText(form, 'abbreviation').normalize('NFC').trim();
  if (action === 'add') {
    const kind = kindOf(formText(form, 'kind'));
    if (!kind) return refuse(400, S.invalidAction);
    const problem = checkName(name, abbreviation);
    if (problem) return refuse(422, problem.message, { kind, field: problem.field });
    try {
      await createDocumentTerm(env, site, { kind, name, abbreviation }, now);
    } catch (error) {
      return refusalOf(error, { kind });
    }
    return { ok: true, message: S.added(name) };
  }
  const id = rowId(formText(form, 'id'));
  // Another site's entry (a forged id) is not found here.
  const terms = await listDocumentTerms(db, site.id);
  const term = terms.find((t) => t.id === id);
  if (!term) return refuse(404, S.notFound);
  try {
    if (action === 'rename') {
      const problem = checkName(name, abbreviation);
      if (problem) return refuse(422, problem.message, { id: term.id, field: problem.field });
      await renameDocumentTerm(env, site, term.id, { name, abbreviation }, now);
      return { ok: true, message: S.renamed(name) };
    }
    if (action === 'up' || action === 'down') {
      const list = terms.filter((t) => t.kind === term.kind).map((t) => t.id);
      const at = list.indexOf(term.id);
      const to = action === 'up' ? at - 1 : at + 1;
      if (to < 0 || to >= list.length) return { ok: true, message: S.moved(term.name) };
      [list[at], list[to]] = [list[to]!, list[at]!];
      await reorderDocumentTerms(env, site, term.kind, list, now);
      return { ok: true, message: S.moved(term.name) };
    }
    if (action === 'delete') {
      const used = (await termUsage(db, site.id)).get(term.id) ?? 0;
      if (used > 0) return refuse(409, S.inUse(term.name, used), { id: term.id });
      // A document saved with it since the count above keeps it: the delete's own guard says so.
      if (!(await deleteDocumentTerm(env, site, term.id, now))) {
        const usedNow = (await termUsage(db, site.id)).get(term.id) ?? 1;
        return refuse(409, S.inUse(term.name, usedNow), { id: term.id });
      }
      return { ok: true, message: S.removed(term.name) };
    }
  } catch (error) {
    return refusalOf(error, { id: term.id });
  }
  return refuse(400, S.invalidAction);
}

