// The actions of /admin/noi-bat ("Tin nổi bật"): pin, unpin, move up/down, set or clear the expiry, each
// through the write service (functions/articles/reading-lists.ts), refusals as Vietnamese messages.
import { InvalidFields, NotFound, SiteArchived } from '../../functions/articles/errors.ts';
import { movePin, pinArticle, setPinExpiry, unpinArticle } from '../../functions/articles/reading-lists.ts';
import type { SiteRef } from '../../functions/articles/service.ts';
import type { AccountResult } from './accounts.ts';
import { formText } from './request-body.ts';
import { rowId } from './row-id.ts';
import { PINS, SITES } from './strings.ts';
import { fromDatetimeLocal } from './vietnam-time.ts';

const ACTIONS = ['pin', 'unpin', 'up', 'down', 'expiry', 'clear-expiry'] as const;
type PinAction = (typeof ACTIONS)[number];

export async function pinsAction(env: Env, site: SiteRef, userId: number, form: FormData, now: Date): Promise<AccountResult> {
  const action = formText(form, 'action') as PinAction;
  const id = rowId(formText(form, 'id'));
  if (!ACTIONS.includes(action) || id === null) return { ok: false, status: 400, message: PINS.badRequest };
  // An empty expiry on "pin" is no expiry; on "expiry" it is a mistake (the button to clear is another).
  const rawExpiry = formText(form, 'expiresAt').trim();
  const expiresAt = rawExpiry ? fromDatetimeLocal(rawExpiry) : null;
  if ((rawExpiry && !expiresAt) || (action === 'expiry' && !expiresAt)) return { ok: false, status: 422, message: PINS.badExpiry, field: 'expiresAt' };
  try {
    switch (action) {
      case 'pin':
        await pinArticle(env, site, id, expiresAt, userId, now);
        return { ok: true, message: PINS.pinned };
      case 'unpin':
        await unpinArticle(env, site, id, now);
        return { ok: true, message: PINS.unpinned };
      case 'up':
      case 'down':
        return { ok: true, message: (await movePin(env, site, id, action, now)) ? PINS.moved : PINS.notMoved };
      case 'expiry':
        await setPinExpiry(env, site, id, expiresAt, now);
        return { ok: true, message: PINS.expirySet };
      case 'clear-expiry':
        await setPinExpiry(env, site, id, null, now);
        return { ok: true, message: PINS.expiryCleared };
    }
  } catch (error) {
    if (error instanceof NotFound) return { ok: false, status: 404, message: PINS.gone };
    if (error instanceof InvalidFields) {
      return error.errors[0]?.field === 'expiresAt' ? { ok: false, status: 422, message: PINS.badExpiry, field: 'expiresAt' } : { ok: false, status: 422, message: PINS.full };
    }
    if (error instanceof SiteArchived) return { ok: false, status: 409, message: SITES.archivedNotice };
    throw error;
  }
}
