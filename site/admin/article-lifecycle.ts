// The article's other writes from the admin: delete (to the trash), restore from the trash, and
// restore an old revision, through the write service. Each is guarded by the version the editor saw.
import { deleteArticle, restoreFromTrash as restoreArticle, restoreRevision } from '../../functions/articles/service.ts';
import { ownerOf, readArticleById } from '../../functions/data/admin-articles.ts';
import type { Db } from '../../functions/data/db.ts';
import { readRevision } from '../../functions/data/revisions.ts';
import type { User } from '../../functions/data/users.ts';
import type { Site } from '../../functions/sites/resolve.ts';
import { editPath } from './article-editor.ts';
import { CONFLICT_MESSAGE as CONFLICT, formRefusalOf } from './article-errors.ts';
import { actorOf, canDelete, canRestoreFromTrash, canWrite } from './permissions.ts';

export type LifecycleResult =
  | { kind: 'redirect'; location: string }
  | { kind: 'refused'; status: number; message: string };

const versionOf = (form: FormData) => Number(form.get('version'));

function refusal(error: unknown): LifecycleResult {
  const { status, message } = formRefusalOf(error);
  return { kind: 'refused', status, message };
}

export async function deleteFromForm(env: Env, db: Db, site: Site, user: User, id: number, form: FormData, now: Date): Promise<LifecycleResult> {
  const current = await readArticleById(db, site.id, id, now);
  if (!current) return { kind: 'refused', status: 404, message: 'Không tìm thấy bài viết.' };
  const owner = await ownerOf(db, site.id, id);
  if (!canDelete(user, { status: current.status, owner })) return { kind: 'refused', status: 403, message: 'Bạn không có quyền xóa bài viết.' };
  if (versionOf(form) !== current.version) return { kind: 'refused', status: 409, message: CONFLICT };
  try {
    await deleteArticle(env, site, current, actorOf(user), now);
  } catch (error) {
    return refusal(error);
  }
  return { kind: 'redirect', location: '/admin/bai-viet?thong-bao=da-xoa' };
}

export async function restoreFromTrash(env: Env, _db: Db, site: Site, user: User, id: number, form: FormData, now: Date): Promise<LifecycleResult> {
  if (!canRestoreFromTrash(user)) return { kind: 'refused', status: 403, message: 'Bạn không có quyền khôi phục bài viết.' };
  try {
    await restoreArticle(env, site, id, versionOf(form), actorOf(user), now);
  } catch (error) {
    return refusal(error);
  }
  return { kind: 'redirect', location: `${editPath(id)}?thong-bao=da-khoi-phuc` };
}

export async function restoreRevisionFromForm(
  env: Env, db: Db, site: Site, user: User, id: number, revisionId: number, form: FormData, now: Date,
): Promise<LifecycleResult> {
  const current = await readArticleById(db, site.id, id, now);
  const revision = current ? await readRevision(db, site.id, id, revisionId) : null;
  if (!current || !revision) return { kind: 'refused', status: 404, message: 'Không tìm thấy phiên bản.' };
  const owner = await ownerOf(db, site.id, id);
  if (!canWrite(user, { status: current.status, owner })) return { kind: 'refused', status: 403, message: 'Bạn không có quyền sửa bài viết này.' };
  if (!revision.snapshot) return { kind: 'refused', status: 422, message: 'Phiên bản này không lưu nội dung nên không thể khôi phục.' };
  if (versionOf(form) !== current.version) return { kind: 'refused', status: 409, message: CONFLICT };
  let changed: boolean;
  try {
    changed = (await restoreRevision(env, site, current, revision, actorOf(user), now)) !== null;
  } catch (error) {
    return refusal(error);
  }
  if (!changed) return { kind: 'redirect', location: `${editPath(id)}?thong-bao=khong-doi` };
  return { kind: 'redirect', location: `${editPath(id)}?thong-bao=da-khoi-phuc-phien-ban` };
}
