// Returning an article from review (POST /admin/bai-viet/{id}/tra-lai): editors and admins only, a reason
// required (kept on the article and in its history), through the write service, guarded by the version.
// A refusal keeps what was typed and says why at the field.
import { REVIEW_NOTE_MAX, returnArticle } from '../../functions/articles/service.ts';
import { readArticleById, type EditorArticle } from '../../functions/data/admin-articles.ts';
import type { Db } from '../../functions/data/db.ts';
import type { User } from '../../functions/data/users.ts';
import type { Site } from '../../functions/sites/resolve.ts';
import { CONFLICT_MESSAGE, formRefusalOf } from './article-errors.ts';
import { actorOf, isEditor } from './permissions.ts';
import { formText } from './request-body.ts';
import { REVIEW } from './strings.ts';

export type ReturnResult =
  | { kind: 'redirect'; location: string }
  | { kind: 'not-found' }
  | { kind: 'refused'; status: number; article: EditorArticle; reason: string; fieldError: string | null; problem: string | null };

export const returnPath = (id: number) => `/admin/bai-viet/${id}/tra-lai`;

/** Whether the editor page offers the "Trả lại" form. */
export const canReturn = (user: User, article: Pick<EditorArticle, 'status' | 'deletedAt'>) =>
  isEditor(user) && article.status === 'review' && article.deletedAt === null;

/** The field's message for a return reason (trimmed) the write service would refuse; null when it is fine. Documents too. */
export const reviewReasonError = (reason: string): string | null =>
  !reason ? REVIEW.reasonRequired : reason.length > REVIEW_NOTE_MAX ? REVIEW.reasonTooLong : null;

export async function returnFromForm(env: Env, db: Db, site: Site, user: User, id: number, form: FormData, now: Date): Promise<ReturnResult> {
  const article = await readArticleById(db, site.id, id, now);
  if (!article) return { kind: 'not-found' };
  const reason = formText(form, 'reason').trim();
  const refused = (status: number, fieldError: string | null, problem: string | null = null): ReturnResult =>
    ({ kind: 'refused', status, article, reason, fieldError, problem });
  if (!isEditor(user)) return refused(403, null, REVIEW.forbidden);
  if (article.status !== 'review') return refused(409, null, REVIEW.notInReview);
  const reasonError = reviewReasonError(reason);
  if (reasonError) return refused(422, reasonError);
  if (formText(form, 'version') !== String(article.version)) return refused(409, null, CONFLICT_MESSAGE);
  try {
    await returnArticle(env, site, article, reason, actorOf(user), now);
  } catch (error) {
    const refusal = formRefusalOf(error);
    return refused(refusal.status, null, refusal.message);
  }
  return { kind: 'redirect', location: `/admin/bai-viet/${id}?thong-bao=da-tra-lai` };
}
