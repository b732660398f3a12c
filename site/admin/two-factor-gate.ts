// When the site requires a second factor of admins and editors, a signed-in account of those roles
// without one is sent to the security page before anything else (only enrolling and signing out stay open).
import type { Db } from '../../functions/data/db.ts';
import type { Session } from '../../functions/data/sessions.ts';
import { mustEnrolTwoFactor } from '../../functions/data/two-factor.ts';
import { LOGOUT_PATH } from './login.ts';

export const SECURITY_PATH = '/admin/bao-mat';
const OPEN_WHILE_ENROLLING = new Set([SECURITY_PATH, LOGOUT_PATH]);

/** Where to send the session instead, or null to let the request through. */
export async function twoFactorGate(db: Db, session: Session, pathname: string): Promise<string | null> {
  if (OPEN_WHILE_ENROLLING.has(pathname) || pathname.startsWith('/admin/dat-lai-mat-khau/')) return null;
  return (await mustEnrolTwoFactor(db, session.user)) ? SECURITY_PATH : null;
}
