// The province's featuring action (site/pages/admin/tin-co-so.astro): feature or unfeature one of its
// communes' articles through the write service (the reference and the province's change record in one
// batch, then its generation moves), refusals as Vietnamese messages.
import { NotFound, SiteArchived } from '../../functions/articles/errors.ts';
import { setFeatured, type SiteRef } from '../../functions/articles/service.ts';
import type { AccountResult } from '../admin/accounts.ts';
import { SITES, ROLLUP_ADMIN } from '../admin/strings.ts';

export async function featureAction(env: Env, province: SiteRef, userId: number, form: FormData, now: Date): Promise<AccountResult> {
  const action = form.get('action');
  const raw = String(form.get('id') ?? '');
  const id = /^\d{1,12}$/.test(raw) ? Number(raw) : NaN;
  if ((action !== 'feature' && action !== 'unfeature') || !Number.isSafeInteger(id)) {
    return { ok: false, status: 400, message: ROLLUP_ADMIN.badRequest };
  }
  try {
    await setFeatured(env, province, id, action === 'feature', userId, now);
  } catch (error) {
    if (error instanceof NotFound) return { ok: false, status: 404, message: ROLLUP_ADMIN.gone };
    if (error instanceof SiteArchived) return { ok: false, status: 409, message: SITES.archivedNotice };
    throw error;
  }
  return { ok: true, message: action === 'feature' ? ROLLUP_ADMIN.featured : ROLLUP_ADMIN.unfeatured };
}
