// What the document edit page does, apart from HTML: load the form, and handle a submitted form (store
// the chosen files, find and choose related documents, validate, check the role, create or update
// through the write service, guarded by the version). Every failure re-renders the form with what the
// editor typed; a file stored once rides along by id; a lost version race shows both versions.
import { renderMarkdown } from '../../functions/content/markdown.ts';
import { toDatetimeLocal } from './vietnam-time.ts';
import type { Db } from '../../functions/data/db.ts';
import { documentOwnerOf, documentRefs, documentRevisionStamps, findRelatableDocuments } from '../../functions/data/admin-documents.ts';
import { listDocumentTerms } from '../../functions/data/document-terms.ts';
import type { Document } from '../../functions/data/document-types.ts';
import { readDocumentById } from '../../functions/data/documents-read.ts';
import type { User } from '../../functions/data/users.ts';
import type { Site } from '../../functions/sites/resolve.ts';
import type { DocumentRelationKind } from '../../schema/tables.ts';
import { documentWrites, relationInputs, type DocumentChanges } from './document-writes.ts';
import { documentRefusalOf } from './document-errors.ts';
import {
  emptyDocumentValues, readDocumentForm, relationOf, validateDocumentForm,
  type DocumentAction, type DocumentFormValues, type ValidatedDocument,
} from './document-form.ts';
import { documentEditPath, type ChosenRelation, type DocumentEditorState, type TermOption } from './document-state.ts';
import { actorId, actorOf, canDelete, editActions, isEditor, NOTICE_OF, type EditAction } from './permissions.ts';
import { DOCUMENTS, TEXT } from './strings.ts';

export type DocumentSubmitResult =
  | { kind: 'redirect'; location: string }
  | { kind: 'render'; status: number; state: DocumentEditorState }
  | { kind: 'not-found' };

const STATUS_OF: Partial<Record<EditAction, 'draft' | 'review' | 'scheduled' | 'published' | 'archived'>> = {
  review: 'review', schedule: 'scheduled', publish: 'published', unpublish: 'draft', archive: 'archived',
};

/** The form's values of a stored document, as a GET shows them. */
export function documentValuesOf(doc: Document): DocumentFormValues {
  return {
    ...emptyDocumentValues(),
    number: doc.number,
    type: String(doc.type.id),
    issuer: String(doc.issuer.id),
    field: doc.field ? String(doc.field.id) : '',
    signer: doc.signer,
    issuedOn: doc.issuedOn,
    effectiveOn: doc.effectiveOn ?? '',
    expiresOn: doc.expiresOn ?? '',
    summary: doc.summary,
    body: doc.bodyMarkdown,
    publishAt: doc.state === 'scheduled' ? toDatetimeLocal(doc.publishedAt) : '',
    version: String(doc.version),
    relations: doc.relations.filter((r) => r.direction === 'outgoing').map((r) => `${r.kind}:${r.id}`),
    fileIds: doc.files.map((f) => f.id),
  };
}

async function termOptions(db: Db, siteId: number): Promise<TermOption[]> {
  return (await listDocumentTerms(db, siteId)).map((t) => ({ id: t.id, kind: t.kind, name: t.name, abbreviation: t.abbreviation }));
}

/** The chosen relations that still name a document of the site (others are dropped, with a message). */
async function chosenRelations(db: Db, siteId: number, values: string[]): Promise<{ relations: ChosenRelation[]; missing: boolean }> {
  const parsed = values.map((v) => ({ value: v, rel: relationOf(v)! }));
  const refs = await documentRefs(db, siteId, parsed.map((p) => p.rel.id));
  const relations = parsed.flatMap(({ value, rel }) => {
    const ref = refs.get(rel.id);
    return ref ? [{ ...ref, kind: rel.kind, value }] : [];
  });
  return { relations, missing: relations.length !== parsed.length };
}

function baseState(user: User, doc: Document | null, owner: string | null, terms: TermOption[]): DocumentEditorState {
  const access = doc ? { status: doc.state, owner, deleted: doc.deletedAt !== null } : null;
  const actions = editActions(user, access);
  return {
    document: doc ? { id: doc.id, slug: doc.slug, number: doc.number, status: doc.state, version: doc.version, deletedAt: doc.deletedAt, reviewNote: doc.reviewNote } : null,
    values: doc ? documentValuesOf(doc) : emptyDocumentValues(),
    errors: {},
    actions,
    canDelete: access ? canDelete(user, access) : false,
    readOnly: !actions.includes('save'),
    terms,
    relations: [],
    files: doc ? doc.files.map(({ id, name, size, contentType }) => ({ id, name, size, contentType })) : [],
    found: null,
    notice: null,
    problem: null,
    previewHtml: null,
    conflict: null,
  };
}

/** The form as a GET shows it; null if the site has no such document. */
export async function loadDocumentEditor(_env: Env, db: Db, site: Site, user: User, id: number | null, now: Date): Promise<DocumentEditorState | null> {
  if (id === null) return baseState(user, null, null, await termOptions(db, site.id));
  // Independent reads, awaited together: one round trip's wait instead of three.
  const [terms, doc, owner] = await Promise.all([
    termOptions(db, site.id),
    readDocumentById(db, site.id, id, now, { withDeleted: isEditor(user) }),
    documentOwnerOf(db, site.id, id),
  ]);
  if (!doc) return null;
  const state = baseState(user, doc, owner, terms);
  state.relations = (await chosenRelations(db, site.id, state.values.relations)).relations;
  if (state.readOnly && !doc.deletedAt) state.problem = DOCUMENTS.readOnly;
  return state;
}

/** The fields that differ from the stored document, plus the status change the action asks for. */
function changesOf(current: Document, data: ValidatedDocument, fileIds: number[], action: EditAction): DocumentChanges {
  const patch: DocumentChanges = {};
  if (data.number !== current.number) patch.number = data.number;
  if (data.typeId !== current.type.id) patch.typeId = data.typeId;
  if (data.issuerId !== current.issuer.id) patch.issuerId = data.issuerId;
  if (data.fieldId !== (current.field?.id ?? null)) patch.fieldId = data.fieldId;
  if (data.signer !== current.signer) patch.signer = data.signer;
  if (data.issuedOn !== current.issuedOn) patch.issuedOn = data.issuedOn;
  if (data.effectiveOn !== current.effectiveOn) patch.effectiveOn = data.effectiveOn;
  if (data.expiresOn !== current.expiresOn) patch.expiresOn = data.expiresOn;
  if (data.summary !== current.summary) patch.summary = data.summary;
  if (data.body !== current.bodyMarkdown) patch.body = data.body;
  const relKey = (list: { kind: string; id: number }[]) => list.map((r) => `${r.kind}:${r.id}`).sort().join(',');
  const before = current.relations.filter((r) => r.direction === 'outgoing');
  if (relKey(data.relations) !== relKey(before)) patch.relations = relationInputs(data.relations);
  if (fileIds.join(',') !== current.files.map((f) => f.id).join(',')) patch.fileIds = fileIds;
  const status = STATUS_OF[action];
  if (status) patch.status = status;
  if (action === 'schedule' && data.publishAt) patch.publishAt = data.publishAt;
  return patch;
}

async function conflictState(db: Db, site: Site, user: User, id: number, yours: DocumentFormValues, now: Date, terms: TermOption[]): Promise<DocumentSubmitResult> {
  const current = await readDocumentById(db, site.id, id, now);
  if (!current) return { kind: 'not-found' };
  const stamps = (await documentRevisionStamps(db, [id])).get(id);
  const state = baseState(user, current, stamps?.first?.actor ?? null, terms);
  // Yours stays in the form, now against the version in the database: saving again keeps yours.
  state.values = { ...yours, version: String(current.version) };
  state.relations = (await chosenRelations(db, site.id, yours.relations)).relations;
  state.conflict = { theirs: documentValuesOf(current), theirsStatus: current.state, lastChange: stamps?.last ?? null };
  return { kind: 'render', status: 409, state };
}

/**
 * Handles a POST of the document form (id null: the new-document form). The caller has already checked
 * the session and CSRF (site/middleware.ts).
 */
export async function submitDocument(
  env: Env, db: Db, site: Site, user: User, form: FormData, id: number | null, now: Date,
): Promise<DocumentSubmitResult> {
  const submitted = readDocumentForm(form);
  const { values } = submitted;
  const action: DocumentAction = submitted.action ?? 'save';
  const terms = await termOptions(db, site.id);
  const current = id === null ? null : await readDocumentById(db, site.id, id, now, { withDeleted: true });
  if (id !== null && !current) return { kind: 'not-found' };
  const state = baseState(user, current, current ? await documentOwnerOf(db, site.id, current.id) : null, terms);
  state.values = values;
  const render = (status: number): DocumentSubmitResult => ({ kind: 'render', status, state });
  const writes = documentWrites(env, site);

  // Finding and choosing related documents write nothing: anyone who may edit the form may do them.
  const asked: EditAction = action === 'find-related' || action === 'add-related' || action === 'drop-related' ? 'save' : action;
  if (!state.actions.includes(asked)) {
    state.problem = current?.deletedAt ? DOCUMENTS.inTrash : TEXT.forbidden;
    state.relations = (await chosenRelations(db, site.id, values.relations)).relations;
    state.files = await writes.filesFor(values.fileIds, current);
    return render(403);
  }

  // Files first: once stored, a file's id rides in the form, so a later error never asks for it again.
  const refused: string[] = [];
  // Only someone who may save stores files (a read-only preview stores none).
  for (const file of state.actions.includes('save') ? submitted.files : []) {
    const stored = await writes.storeFile(file, actorId(user), now);
    if (stored.ok) values.fileIds.push(stored.id);
    else {
      state.errors.files ??= stored.message;
      refused.push(file.name);
    }
  }
  if (submitted.removeFileIds.length > 0) values.fileIds = values.fileIds.filter((f) => !submitted.removeFileIds.includes(f));
  // The ids come back from the browser: only this site's files, free or this document's, are kept.
  state.files = await writes.filesFor(values.fileIds, current);
  if (state.files.length !== values.fileIds.length) {
    state.errors.files ??= DOCUMENTS.messages.fileMissing;
    values.fileIds = state.files.map((f) => f.id);
  }
  if (refused.length > 0) state.problem = DOCUMENTS.messages.filesChooseAgain(refused.join(', '));

  if (action === 'add-related' || action === 'drop-related') {
    if (action === 'drop-related') values.relations = values.relations.filter((v) => v !== submitted.target);
    else if (/^[1-9]\d{0,9}$/.test(submitted.target)) {
      const target = Number(submitted.target);
      if (target === current?.id) state.errors.relations = DOCUMENTS.messages.relationSelf;
      else values.relations = [...new Set([...values.relations, `${values.relationKind satisfies DocumentRelationKind}:${target}`])];
    }
  }
  const chosen = await chosenRelations(db, site.id, values.relations);
  state.relations = chosen.relations;
  if (chosen.missing) {
    state.errors.relations ??= DOCUMENTS.messages.relationMissing;
    values.relations = chosen.relations.map((r) => r.value);
  }
  if (action === 'find-related' || action === 'add-related' || action === 'drop-related') {
    if (values.relationQuery.trim()) {
      state.found = await findRelatableDocuments(db, site.id, values.relationQuery, { exceptId: current?.id ?? null });
    }
    return render(Object.keys(state.errors).length > 0 ? 422 : 200);
  }
  if (action === 'preview') {
    const validated = validateDocumentForm(values, 'save', now);
    if (!validated.ok && validated.errors.body) {
      state.errors.body = validated.errors.body;
      return render(422);
    }
    state.previewHtml = await renderMarkdown(values.body);
    return render(Object.keys(state.errors).length > 0 ? 422 : 200);
  }

  const validated = validateDocumentForm(values, action, now);
  if (!validated.ok) Object.assign(state.errors, validated.errors);
  else {
    const data = validated.data;
    // A list entry of this site (a select's value is the browser's to send).
    const has = (kind: string, termId: number | null) => termId === null || terms.some((t) => t.kind === kind && t.id === termId);
    if (!has('type', data.typeId)) state.errors.type = DOCUMENTS.messages.termMissing;
    if (!has('issuer', data.issuerId)) state.errors.issuer = DOCUMENTS.messages.termMissing;
    if (!has('field', data.fieldId)) state.errors.field = DOCUMENTS.messages.termMissing;
    if (data.relations.some((r) => r.id === current?.id)) state.errors.relations = DOCUMENTS.messages.relationSelf;
  }
  if (!validated.ok || Object.keys(state.errors).length > 0) {
    if (!state.problem && state.files.length > 0 && submitted.files.length > 0) state.notice = DOCUMENTS.filesKept;
    return render(422);
  }
  const data = validated.data;
  const notice = NOTICE_OF[action as Exclude<EditAction, 'preview'>];
  try {
    if (!current) {
      const created = await writes.create(data, values.fileIds, STATUS_OF[action] ?? 'draft', actorOf(user), now);
      return { kind: 'redirect', location: `${documentEditPath(created.id)}?thong-bao=${notice}` };
    }
    if (values.version !== String(current.version)) return conflictState(db, site, user, current.id, values, now, terms);
    const changes = changesOf(current, data, values.fileIds, action);
    if (Object.keys(changes).length === 0) return { kind: 'redirect', location: `${documentEditPath(current.id)}?thong-bao=khong-doi` };
    await writes.update(current, changes, actorOf(user), now);
    return { kind: 'redirect', location: `${documentEditPath(current.id)}?thong-bao=${notice}` };
  } catch (error) {
    const refusal = documentRefusalOf(error);
    if (refusal.code === 'version-conflict' && current) return conflictState(db, site, user, current.id, values, now, terms);
    if (Object.keys(refusal.fields).length === 0) {
      state.problem = refusal.message;
      return render(refusal.status);
    }
    Object.assign(state.errors, refusal.fields);
    return render(refusal.status);
  }
}

