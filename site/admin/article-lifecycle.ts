// The article's other writes from the admin: delete (to the trash), restore from the trash, and
// restore an old revision. Each is guarded by the version the editor saw and refreshes cached pages.
import { bumpVersion } from '../../functions/cache/generation.ts';
import { readArticleById, revisionStamps } from '../../functions/data/admin-articles.ts';
import { deleteArticle } from '../../functions/data/articles-write.ts';
import type { Db } from '../../functions/data/db.ts';
import { readRevision, restoreRevision } from '../../functions/data/revisions.ts';
import { restoreArticle } from '../../functions/data/trash.ts';
import type { User } from '../../functions/data/users.ts';
import { HttpError } from '../../functions/http/problem.ts';
import { editPath } from './article-editor.ts';
import { actorId, canDelete, canRestoreFromTrash, canWrite } from './permissions.ts';

export type LifecycleResult =
  | { kind: 'redirect'; location: string }
  | { kind: 'refused'; status: number; message: string };

const actorOf = (user: User) => ({ id: actorId(user), name: user.name || user.email });
const versionOf = (form: FormData) => Number(form.get('version'));

const CONFLICT = 'Bài viết vừa được người khác thay đổi. Vui lòng tải lại trang, xem bản mới rồi thử lại.';

function refusal(error: unknown): LifecycleResult {
  if (!(error instanceof HttpError)) throw error;
  if (error.type === 'version-conflict') return { kind: 'refused', status: 409, message: CONFLICT };
  if (error.type === 'trash-expired') return { kind: 'refused', status: 410, message: 'Bài viết đã xóa quá 30 ngày, không thể khôi phục.' };
  if (error.status === 404) return { kind: 'refused', status: 404, message: 'Không tìm thấy bài viết trong thùng rác.' };
  throw error;
}

export async function deleteFromForm(env: Env, db: Db, user: User, id: number, form: FormData, now: Date): Promise<LifecycleResult> {
  const current = await readArticleById(db, id, now);
  if (!current) return { kind: 'refused', status: 404, message: 'Không tìm thấy bài viết.' };
  const owner = (await revisionStamps(db, [id])).get(id)?.first?.actor ?? null;
  if (!canDelete(user, { status: current.status, owner })) return { kind: 'refused', status: 403, message: 'Bạn không có quyền xóa bài viết.' };
  if (versionOf(form) !== current.version) return { kind: 'refused', status: 409, message: CONFLICT };
  try {
    await deleteArticle(db, current, actorOf(user), now);
  } catch (error) {
    return refusal(error);
  }
  await bumpVersion(env, db, now);
  return { kind: 'redirect', location: '/admin/bai-viet?thong-bao=da-xoa' };
}

export async function restoreFromTrash(env: Env, db: Db, user: User, id: number, form: FormData, now: Date): Promise<LifecycleResult> {
  if (!canRestoreFromTrash(user)) return { kind: 'refused', status: 403, message: 'Bạn không có quyền khôi phục bài viết.' };
  try {
    await restoreArticle(db, id, versionOf(form), actorOf(user), now);
  } catch (error) {
    return refusal(error);
  }
  await bumpVersion(env, db, now);
  return { kind: 'redirect', location: `${editPath(id)}?thong-bao=da-khoi-phuc` };
}

export async function restoreRevisionFromForm(
  env: Env, db: Db, user: User, id: number, revisionId: number, form: FormData, now: Date,
): Promise<LifecycleResult> {
  const current = await readArticleById(db, id, now);
  const revision = current ? await readRevision(db, id, revisionId) : null;
  if (!current || !revision) return { kind: 'refused', status: 404, message: 'Không tìm thấy phiên bản.' };
  const owner = (await revisionStamps(db, [id])).get(id)?.first?.actor ?? null;
  if (!canWrite(user, { status: current.status, owner })) return { kind: 'refused', status: 403, message: 'Bạn không có quyền sửa bài viết này.' };
  if (!revision.snapshot) return { kind: 'refused', status: 422, message: 'Phiên bản này không lưu nội dung nên không thể khôi phục.' };
  if (versionOf(form) !== current.version) return { kind: 'refused', status: 409, message: CONFLICT };
  let changed: boolean;
  try {
    changed = await restoreRevision(db, current, revision, actorOf(user), now);
  } catch (error) {
    return refusal(error);
  }
  if (!changed) return { kind: 'redirect', location: `${editPath(id)}?thong-bao=khong-doi` };
  await bumpVersion(env, db, now);
  return { kind: 'redirect', location: `${editPath(id)}?thong-bao=da-khoi-phuc-phien-ban` };
}
