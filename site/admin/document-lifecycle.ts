// The document's other writes from the admin: delete (to the trash), restore from the trash, and restore
// an old revision, through the write service. Each is guarded by the version the editor saw.
import { deleteDocument, restoreDocument, restoreDocumentRevision } from '../../functions/documents/service.ts';
import { documentOwnerOf } from '../../functions/data/admin-documents.ts';
import type { Db } from '../../functions/data/db.ts';
import { readDocumentRevision } from '../../functions/data/document-revisions.ts';
import { readDocumentById } from '../../functions/data/documents-read.ts';
import type { User } from '../../functions/data/users.ts';
import type { Site } from '../../functions/sites/resolve.ts';
import { documentRefusalOf } from './document-errors.ts';
import { documentEditPath } from './document-state.ts';
import { actorOf, canDelete, canRestoreFromTrash, canWrite } from './permissions.ts';
import { DOCUMENTS } from './strings.ts';

export type DocumentLifecycleResult =
  | { kind: 'redirect'; location: string }
  | { kind: 'refused'; status: number; message: string };

const M = DOCUMENTS.messages;
const versionOf = (form: FormData) => Number(form.get('version'));

function refusal(error: unknown): DocumentLifecycleResult {
  const { status, message } = documentRefusalOf(error);
  return { kind: 'refused', status, message };
}

export async function deleteDocumentFromForm(env: Env, db: Db, site: Site, user: User, id: number, form: FormData, now: Date): Promise<DocumentLifecycleResult> {
  const current = await readDocumentById(db, site.id, id, now);
  if (!current) return { kind: 'refused', status: 404, message: DOCUMENTS.notFound };
  const owner = await documentOwnerOf(db, site.id, id);
  if (!canDelete(user, { status: current.state, owner })) return { kind: 'refused', status: 403, message: M.forbiddenDelete };
  if (versionOf(form) !== current.version) return { kind: 'refused', status: 409, message: M.conflict };
  try {
    await deleteDocument(env, site, current, actorOf(user), now);
  } catch (error) {
    return refusal(error);
  }
  return { kind: 'redirect', location: '/admin/van-ban?thong-bao=da-xoa' };
}

export async function restoreDocumentFromForm(env: Env, _db: Db, site: Site, user: User, id: number, form: FormData, now: Date): Promise<DocumentLifecycleResult> {
  if (!canRestoreFromTrash(user)) return { kind: 'refused', status: 403, message: M.forbiddenRestore };
  try {
    await restoreDocument(env, site, id, versionOf(form), actorOf(user), now);
  } catch (error) {
    return refusal(error);
  }
  return { kind: 'redirect', location: `${documentEditPath(id)}?thong-bao=da-khoi-phuc` };
}

export async function restoreDocumentRevisionFromForm(
  env: Env, db: Db, site: Site, user: User, id: number, form: FormData, now: Date,
): Promise<DocumentLifecycleResult> {
  const revisionId = Number(form.get('revision'));
  const current = await readDocumentById(db, site.id, id, now);
  const revision = current && Number.isSafeInteger(revisionId) && revisionId > 0 ? await readDocumentRevision(db, site.id, id, revisionId) : null;
  if (!current || !revision) return { kind: 'refused', status: 404, message: M.revisionNotFound };
  const owner = await documentOwnerOf(db, site.id, id);
  if (!canWrite(user, { status: current.state, owner })) return { kind: 'refused', status: 403, message: M.forbiddenEdit };
  if (!revision.snapshot) return { kind: 'refused', status: 422, message: M.noSnapshot };
  if (versionOf(form) !== current.version) return { kind: 'refused', status: 409, message: M.conflict };
  let changed: boolean;
  try {
    changed = (await restoreDocumentRevision(env, site, current, revision.snapshot, actorOf(user), now)) !== null;
  } catch (error) {
    return refusal(error);
  }
  return { kind: 'redirect', location: `${documentEditPath(id)}?thong-bao=${changed ? 'da-khoi-phuc-phien-ban' : 'khong-doi'}` };
}
