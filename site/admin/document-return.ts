// Returning a document from review (POST /admin/van-ban/{id}/tra-lai), as articles are (review.ts):
// editors and admins only, a reason required (kept on the document and in its history), through the write
// service, guarded by the version. A refusal keeps what was typed and says why at the field.
import type { Db } from '../../functions/data/db.ts';
import type { Document } from '../../functions/data/document-types.ts';
import { readDocumentById } from '../../functions/data/documents-read.ts';
import type { User } from '../../functions/data/users.ts';
import { returnDocument } from '../../functions/documents/service.ts';
import type { Site } from '../../functions/sites/resolve.ts';
import { documentRefusalOf } from './document-errors.ts';
import { actorOf, isEditor } from './permissions.ts';
import { formText } from './request-body.ts';
import { reviewReasonError } from './review.ts';
import { DOCUMENT_RETURN, DOCUMENTS } from './strings.ts';

export type DocumentReturnResult =
  | { kind: 'redirect'; location: string }
  | { kind: 'not-found' }
  | { kind: 'refused'; status: number; document: Document; reason: string; fieldError: string | null; problem: string | null };

export const documentReturnPath = (id: number) => `/admin/van-ban/${id}/tra-lai`;

/** Whether the editor page offers the "Trả lại" form. */
export const canReturnDocument = (user: User, document: { status: Document['state']; deletedAt: Date | null }) =>
  isEditor(user) && document.status === 'review' && document.deletedAt === null;

export async function returnDocumentFromForm(env: Env, db: Db, site: Site, user: User, id: number, form: FormData, now: Date): Promise<DocumentReturnResult> {
  const document = await readDocumentById(db, site.id, id, now);
  if (!document) return { kind: 'not-found' };
  const reason = formText(form, 'reason').trim();
  const refused = (status: number, fieldError: string | null, problem: string | null = null): DocumentReturnResult =>
    ({ kind: 'refused', status, document, reason, fieldError, problem });
  if (!isEditor(user)) return refused(403, null, DOCUMENT_RETURN.forbidden);
  if (document.state !== 'review') return refused(409, null, DOCUMENT_RETURN.notInReview);
  const reasonError = reviewReasonError(reason);
  if (reasonError) return refused(422, reasonError);
  if (formText(form, 'version') !== String(document.version)) return refused(409, null, DOCUMENTS.messages.conflict);
  try {
    await returnDocument(env, site, document, reason, actorOf(user), now);
  } catch (error) {
    const refusal = documentRefusalOf(error);
    return refused(refusal.status, null, refusal.message);
  }
  return { kind: 'redirect', location: `/admin/van-ban/${id}?thong-bao=da-tra-lai` };
}
