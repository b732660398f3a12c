// The actions of /admin/bai-viet/{id}/lien-quan: add a published article to the article's own "Tin liên
// quan", remove one, move one up/down; through the write service, refusals as Vietnamese messages.
import { InvalidFields, NotFound, SiteArchived } from '../../functions/articles/errors.ts';
import { addRelated, moveRelated, removeRelated } from '../../functions/articles/reading-lists.ts';
import type { SiteRef } from '../../functions/articles/service.ts';
import type { AccountResult } from './accounts.ts';
import { formText } from './request-body.ts';
import { rowId } from './row-id.ts';
import { RELATED, SITES } from './strings.ts';

const ACTIONS = ['add', 'remove', 'up', 'down'] as const;
type RelatedAction = (typeof ACTIONS)[number];

export async function relatedAction(env: Env, site: SiteRef, articleId: number, form: FormData, now: Date): Promise<AccountResult> {
  const action = formText(form, 'action') as RelatedAction;
  const id = rowId(formText(form, 'id'));
  if (!ACTIONS.includes(action) || id === null) return { ok: false, status: 400, message: RELATED.badRequest };
  try {
    switch (action) {
      case 'add':
        return { ok: true, message: (await addRelated(env, site, articleId, id, now)) ? RELATED.added : RELATED.already };
      case 'remove':
        await removeRelated(env, site, articleId, id, now);
        return { ok: true, message: RELATED.removed };
      case 'up':
      case 'down':
        return { ok: true, message: (await moveRelated(env, site, articleId, id, action, now)) ? RELATED.moved : RELATED.notMoved };
    }
  } catch (error) {
    if (error instanceof NotFound) return { ok: false, status: 404, message: RELATED.gone };
    if (error instanceof InvalidFields) return { ok: false, status: 422, message: error.errors[0]?.field === 'relatedId' ? RELATED.self : RELATED.full };
    if (error instanceof SiteArchived) return { ok: false, status: 409, message: SITES.archivedNotice };
    throw error;
  }
}
