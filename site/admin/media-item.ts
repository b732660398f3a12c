// The actions of /admin/thu-vien/{id}: save the alt text and caption, replace the file, delete the item;
// who may do which (media-admin.ts), refusals as Vietnamese messages and statuses.
import type { MediaRow } from '../../functions/data/media-library.ts';
import type { MediaUse } from '../../functions/data/media-references.ts';
import { MEDIA_ALT_MAX, MEDIA_CAPTION_MAX } from '../../functions/media/library.ts';
import { changeItemText, deleteItem } from '../../functions/media/library-changes.ts';
import type { Session } from '../../functions/data/sessions.ts';
import type { Site } from '../../functions/sites/resolve.ts';
import { canChangeItem, canReplaceItem, uploadRefusal } from './media-admin.ts';
import { replaceItem } from '../../functions/media/library-replace.ts';
import { actorId, actorOf } from './permissions.ts';
import { formText } from './request-body.ts';
import { MEDIA } from './strings.ts';

export type ItemResult =
  | { ok: true; message: string; deleted?: boolean }
  | { ok: false; status: number; message: string; field?: string; uses?: MediaUse[] };

const ACTIONS = ['save', 'replace', 'delete'] as const;

const fileOf = (form: FormData): File | null => {
  const f = form.get('file');
  return f instanceof File && (f.size > 0 || f.name !== '') ? f : null;
};

export async function itemAction(env: Env, site: Site, session: Session, item: MediaRow, form: FormData, now: Date): Promise<ItemResult> {
  const action = formText(form, 'action');
  if (!(ACTIONS as readonly string[]).includes(action)) return { ok: false, status: 400, message: MEDIA.badRequest };
  const user = session.user;
  if (action === 'replace') {
    if (!canReplaceItem(user)) return { ok: false, status: 403, message: MEDIA.replaceForbidden };
    const replaced = await replaceItem(env, site, item, fileOf(form), actorOf(user), actorId(user), now);
    if (!replaced.ok) {
      const refusal = uploadRefusal(replaced);
      return { ok: false, status: refusal.status, message: refusal.message, field: 'file' };
    }
    return replaced.conflicts > 0
      ? { ok: false, status: 409, message: `${MEDIA.replaced(replaced.moved)} ${MEDIA.conflict}` }
      : { ok: true, message: MEDIA.replaced(replaced.moved) };
  }
  if (!canChangeItem(user, item)) return { ok: false, status: 403, message: MEDIA.forbidden };
  if (action === 'save') {
    const changed = await changeItemText(env, site.id, item.id, { alt: formText(form, 'alt'), caption: formText(form, 'caption') }, now);
    if (changed.ok) return { ok: true, message: MEDIA.saved };
    switch (changed.problem) {
      case 'not-found': return { ok: false, status: 404, message: MEDIA.notFound };
      case 'alt-required': return { ok: false, status: 422, message: MEDIA.altRequired, field: 'alt' };
      case 'alt-too-long': return { ok: false, status: 422, message: MEDIA.altTooLong(MEDIA_ALT_MAX), field: 'alt' };
      case 'caption-too-long': return { ok: false, status: 422, message: MEDIA.captionTooLong(MEDIA_CAPTION_MAX), field: 'caption' };
    }
  }
  const deleted = await deleteItem(env, site.id, item.id, { userId: user.id, label: user.email }, now);
  if (deleted.ok) return { ok: true, message: MEDIA.deleted, deleted: true };
  if (deleted.problem === 'not-found') return { ok: false, status: 404, message: MEDIA.notFound };
  return { ok: false, status: 409, message: MEDIA.inUse, uses: deleted.uses };
}

/** Where a use links to in the admin. */
export function useHref(use: MediaUse): string {
  switch (use.kind) {
    case 'article-cover': case 'article-body': return `/admin/bai-viet/${use.id}`;
    case 'article-gallery': return `/admin/bai-viet/${use.id}/anh`;
    case 'article-revision': return `/admin/bai-viet/${use.id}/lich-su`;
    case 'page-body': return `/admin/trang/${use.id}`;
    case 'page-revision': return `/admin/trang/${use.id}/lich-su`;
    case 'document-body': return `/admin/van-ban/${use.id}`;
    case 'document-revision': return `/admin/van-ban/${use.id}/lich-su`;
    case 'site-logo': return `/admin/cac-trang/${use.id}`;
  }
}
