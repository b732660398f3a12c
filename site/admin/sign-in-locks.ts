// The platform admins' view of sign-in locks (/admin/khoa-dang-nhap): which accounts, devices and
// addresses are locked until when, and lifting a lock (logged). Accounts are global (one sign-in for
// every site), and so are their locks: no site's admin may see or lift them. Accounts are named by their
// id's e-mail from the users table; the locks themselves hold only salted hashes (functions/auth/login-locks.ts).
import type { Lock, LockKind } from '../../functions/auth/login-locks.ts';
import type { Db } from '../../functions/data/db.ts';
import type { Session } from '../../functions/data/sessions.ts';
import { listAccounts } from '../../functions/data/users.ts';
import type { AccountResult } from './accounts.ts';
import { isPlatformAdmin } from './permissions.ts';
import { LOCKS, TEXT } from './strings.ts';

export const LOCK_KIND_LABEL: Record<LockKind, string> = { account: LOCKS.kindAccount, device: LOCKS.kindDevice, client: LOCKS.kindClient };

export interface LockView {
  id: number;
  kind: string;
  /** The account's e-mail, or a short reference for what has none (an address, an unknown e-mail). */
  who: string;
  since: Date;
  until: Date;
}

const index = (env: Env) => env.LOGIN_LOCKS.getByName('all');

export async function currentLocks(env: Env, db: Db, now: Date): Promise<LockView[]> {
  const locks = await index(env).list(now.getTime());
  const emails = new Map((await listAccounts(db)).map((u) => [u.id, u.email]));
  const ref = (lock: Lock) => lock.limiterKey.slice(lock.limiterKey.indexOf(':') + 1).slice(0, 12);
  return locks.map((lock) => ({
    id: lock.id,
    kind: LOCK_KIND_LABEL[lock.kind],
    who: lock.userId !== null && emails.has(lock.userId) ? emails.get(lock.userId)! : lock.kind === 'client' ? LOCKS.address(ref(lock)) : LOCKS.unknownEmail(ref(lock)),
    since: new Date(lock.since),
    until: new Date(lock.until),
  }));
}

/** POST of the locks page: `action=clear`, `id` of the lock. Platform admins only. */
export async function locksAction(env: Env, me: Session['user'], form: FormData): Promise<AccountResult> {
  if (!isPlatformAdmin(me)) return { ok: false, status: 403, message: TEXT.forbidden };
  const id = Number(form.get('id'));
  if (form.get('action') !== 'clear' || !Number.isSafeInteger(id) || id < 1) {
    return { ok: false, status: 400, message: LOCKS.invalid };
  }
  const lock = await index(env).take(id);
  if (!lock) return { ok: false, status: 404, message: LOCKS.gone };
  await env.LOGIN_LIMITER.getByName(lock.limiterKey).clear(lock.bucket);
  console.warn(`sign-in lock cleared: ${lock.kind}${lock.userId !== null ? ` user ${lock.userId}` : ''} by user ${me.id}`);
  return { ok: true, message: LOCKS.cleared };
}
