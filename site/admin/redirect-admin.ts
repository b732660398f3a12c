// The redirects page's writes (/admin/chuyen-huong, admins and editors of the working site): add, change
// and delete a redirect through functions/redirects/service.ts, each refusal worded for its field.
import type { SiteRef } from '../../functions/articles/service.ts';
import type { User } from '../../functions/data/users.ts';
import { changeRedirect, createRedirect, RedirectRefused, removeRedirect } from '../../functions/redirects/service.ts';
import { formRefusalOf } from './article-errors.ts';
import { isAdmin, isEditor } from './permissions.ts';
import { formText } from './request-body.ts';
import { rowId } from './row-id.ts';
import { PEOPLE, REDIRECTS, TEXT } from './strings.ts';

/** Admins and editors of the site (contributors write articles only). */
export const canManageRedirects = (user: User) => isEditor(user) || isAdmin(user);

export type RedirectResult =
  | { ok: true; message: string; warning: string | null }
  | { ok: false; status: number; message: string; field: 'from' | 'to' | null };

const refuse = (status: number, message: string, field: 'from' | 'to' | null = null): RedirectResult => ({ ok: false, status, message, field });

function refusalOf(error: unknown): RedirectResult {
  if (error instanceof RedirectRefused) return refuse(error.problem === 'not-found' ? 404 : 422, REDIRECTS.problem[error.problem], error.field);
  const refusal = formRefusalOf(error);
  return refuse(refusal.status, refusal.message);
}

/** add (from, to), save (id, from, to) or delete (id), for the working site. */
export async function redirectAction(env: Env, site: SiteRef & { origin: string }, me: User, form: FormData, now: Date): Promise<RedirectResult> {
  if (!canManageRedirects(me)) return refuse(403, TEXT.forbidden);
  const action = formText(form, 'action');
  const input = { from: formText(form, 'from'), to: formText(form, 'to') };
  try {
    if (action === 'add') {
      const done = await createRedirect(env, site, input, me.id, now);
      return { ok: true, message: REDIRECTS.added(done.fromPath), warning: done.live ? REDIRECTS.live : null };
    }
    const id = rowId(formText(form, 'id'));
    if (id === null) return refuse(404, REDIRECTS.problem['not-found']);
    if (action === 'save') {
      const done = await changeRedirect(env, site, id, input, me.id, now);
      return { ok: true, message: REDIRECTS.saved(done.fromPath), warning: done.live ? REDIRECTS.live : null };
    }
    if (action === 'delete') {
      const gone = await removeRedirect(env, site, id, me.id, now);
      return { ok: true, message: REDIRECTS.deleted(gone.fromPath), warning: null };
    }
  } catch (error) {
    return refusalOf(error);
  }
  return refuse(400, PEOPLE.invalidAction);
}
