// The admin-only pages' writes: accounts on the working site (create with a generated password shown
// once, give an existing account a role here, change or take away a role, the platform-admin flag),
// what concerns a whole account (disable / enable, a one-time password reset link, resetting a second
// factor), requiring a second factor of the site's admins and editors, and API tokens (create, shown
// once; revoke); and everyone's own password change. Every role change is logged (role_changes).
import { generatePassword } from '../../functions/auth/generated-password.ts';
import { passwordProblem, verifyPassword } from '../../functions/auth/password.ts';
import { logAuth } from '../../functions/auth/second-factor.ts';
import type { Db } from '../../functions/data/db.ts';
import { issuePasswordReset } from '../../functions/data/password-resets.ts';
import { TWO_FACTOR_REQUIRED, writeSetting } from '../../functions/data/settings.ts';
import { removeTwoFactor } from '../../functions/data/two-factor.ts';
import type { Session } from '../../functions/data/sessions.ts';
import { createToken } from '../../functions/data/tokens.ts';
import { revokeToken } from '../../functions/data/token-admin.ts';
import {
  changePassword, createUser, normalizeEmail, readAccount, readUserByEmail, setDisabled, setPlatformAdmin, setSiteRole, userForSignIn,
  type SiteRole, type User,
} from '../../functions/data/users.ts';
import { ROLES, type Role, type TokenScope } from '../../schema/tables.ts';
import { isAdmin, isPlatformAdmin } from './permissions.ts';
import { formText } from './request-body.ts';
import { PEOPLE, ROLE_LABEL, TEXT } from './strings.ts';

export type AccountResult =
  | { ok: true; message: string; secret?: string }
  | { ok: false; status: number; message: string; field?: string };

/** Who acts: the session's account (its role on the working site) and every site it may work on. */
export type AccountActor = Pick<Session, 'user' | 'roles'>;

/** A form field without surrounding spaces (passwords are read as sent, with formText). */
export const field = (form: FormData, name: string) => formText(form, name).trim();

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The path of a password reset link; the page that issues it puts the admin's origin in front. */
export const resetLinkPath = (token: string) => `/admin/dat-lai-mat-khau/${token}`;

const refuse = (status: number, message: string, fieldName?: string): AccountResult =>
  ({ ok: false, status, message, ...(fieldName ? { field: fieldName } : {}) });

/**
 * Whether the actor may act on the whole account (disable, reset its password or second factor): an
 * account is global, so a site's admin may do it only to accounts whose every role is on sites they
 * administer, and never to a platform admin; platform admins to anyone. Otherwise a commune's admin
 * could lock out the province's.
 */
export function mayManageAccount(actor: AccountActor, target: { user: User; roles: SiteRole[] }): boolean {
  if (isPlatformAdmin(actor.user)) return true;
  if (target.user.platformAdmin) return false;
  const administered = new Set(actor.roles.filter((r) => r.role === 'admin').map((r) => r.siteId));
  return target.roles.every((r) => administered.has(r.siteId));
}

const roleOf = (form: FormData): Role | null => {
  const role = field(form, 'role');
  return (ROLES as readonly string[]).includes(role) ? (role as Role) : null;
};

/**
 * Handles one POST of the users page for the working site `siteId`; `action` picks the operation.
 * `origin`: the admin's, for reset links. The caller has checked the actor is an admin of the site.
 */
export async function usersAction(db: Db, actor: AccountActor, siteId: number, form: FormData, now: Date, origin = ''): Promise<AccountResult> {
  const me = actor.user;
  if (!isAdmin(me)) return refuse(403, TEXT.forbidden);
  const action = field(form, 'action');
  if (action === 'require-2fa') {
    const on = field(form, 'value') === 'on';
    await writeSetting(db, siteId, TWO_FACTOR_REQUIRED, on ? 'on' : 'off', me.id, now);
    logAuth(on ? 'two-factor required of admins and editors' : 'two-factor no longer required', { by: me.id, siteId });
    return { ok: true, message: on ? PEOPLE.twoFactorRequiredOn : PEOPLE.twoFactorRequiredOff };
  }
  if (action === 'create') {
    const email = field(form, 'email');
    const name = field(form, 'name');
    const role = roleOf(form);
    if (!EMAIL.test(email) || email.length > 254) return refuse(422, PEOPLE.emailInvalid, 'email');
    if (name.length > 100) return refuse(422, PEOPLE.nameTooLong, 'name');
    if (!role) return refuse(422, PEOPLE.roleRequired, 'role');
    if (await readUserByEmail(db, email, siteId)) return refuse(409, PEOPLE.emailTaken, 'email');
    const password = generatePassword();
    await createUser(db, { email, name: name || email.split('@')[0]!, role, siteId, password, actorId: me.id }, now);
    return { ok: true, message: PEOPLE.created(normalizeEmail(email), ROLE_LABEL[role]), secret: password };
  }
  if (action === 'assign') {
    const email = field(form, 'email');
    const role = roleOf(form);
    if (!EMAIL.test(email)) return refuse(422, PEOPLE.emailInvalid, 'assign-email');
    if (!role) return refuse(422, PEOPLE.roleRequired, 'assign-role');
    const target = await readUserByEmail(db, email, siteId);
    if (!target) return refuse(404, PEOPLE.noAccount, 'assign-email');
    if (target.id === me.id) return refuse(422, PEOPLE.notYourself, 'assign-email');
    await setSiteRole(db, { actorId: me.id, userId: target.id, siteId, role, now });
    return { ok: true, message: PEOPLE.assigned(target.email, ROLE_LABEL[role]) };
  }
  const id = Number(field(form, 'id'));
  const target = Number.isSafeInteger(id) && id > 0 ? await readAccount(db, id) : null;
  const roleHere = target?.roles.find((r) => r.siteId === siteId)?.role ?? null;
  // An account with no role on this site is none of this page's business (a forged id): not found,
  // except for platform admins, who manage every account.
  if (!target || (!roleHere && !isPlatformAdmin(me))) return refuse(404, PEOPLE.notFound);
  // An admin cannot lock themself out: the last door to the admin must stay open.
  if (target.user.id === me.id) return refuse(422, PEOPLE.notYourselfChange);
  const email = target.user.email;
  if (action === 'role') {
    const role = roleOf(form);
    if (!role) return refuse(422, PEOPLE.roleRequired);
    await setSiteRole(db, { actorId: me.id, userId: target.user.id, siteId, role, now });
    return { ok: true, message: PEOPLE.roleChanged(email, ROLE_LABEL[role]) };
  }
  if (action === 'remove') {
    if (!roleHere) return refuse(404, PEOPLE.notFound);
    await setSiteRole(db, { actorId: me.id, userId: target.user.id, siteId, role: null, now });
    return { ok: true, message: PEOPLE.removed(email) };
  }
  if (action === 'platform-admin') {
    if (!isPlatformAdmin(me)) return refuse(403, TEXT.forbidden);
    const on = field(form, 'value') === 'on';
    await setPlatformAdmin(db, { actorId: me.id, userId: target.user.id, on, now });
    return { ok: true, message: on ? PEOPLE.platformAdminOn(email) : PEOPLE.platformAdminOff(email) };
  }
  if (action !== 'disable' && action !== 'enable' && action !== 'reset-link' && action !== 'reset-2fa') return refuse(400, PEOPLE.invalidAction);
  if (!mayManageAccount(actor, target)) return refuse(403, PEOPLE.otherSites(email));
  if (action === 'disable' || action === 'enable') {
    await setDisabled(db, target.user.id, action === 'disable', now);
    return { ok: true, message: action === 'disable' ? PEOPLE.disabled(email) : PEOPLE.enabled(email) };
  }
  if (action === 'reset-link') {
    if (target.user.disabled) return refuse(422, PEOPLE.resetDisabled(email));
    const { token } = await issuePasswordReset(db, target.user.id, me.id, now);
    logAuth('password reset link issued', { userId: target.user.id, by: me.id });
    return { ok: true, message: PEOPLE.resetIssued(email), secret: origin + resetLinkPath(token) };
  }
  if (!(await removeTwoFactor(db, target.user.id))) return refuse(404, PEOPLE.noTwoFactor(email));
  logAuth('two-factor reset by an admin', { userId: target.user.id, by: me.id });
  return { ok: true, message: PEOPLE.twoFactorReset(email) };
}

/** One POST of the tokens page: tokens of the working site `siteId` only (a token reads and writes one site). */
export async function tokensAction(db: Db, me: User, siteId: number, form: FormData, now: Date): Promise<AccountResult> {
  if (!isAdmin(me)) return refuse(403, TEXT.forbidden);
  const action = field(form, 'action');
  if (action === 'create') {
    const name = field(form, 'name');
    if (!name || name.length > 100) return { ok: false, status: 422, field: 'name', message: 'Vui lòng đặt tên cho mã truy cập (tối đa 100 ký tự), ví dụ “Ứng dụng di động”.' };
    const scopes: TokenScope[] = ['read'];
    if (form.getAll('scope').includes('write')) scopes.push('write');
    if (form.getAll('scope').includes('import')) scopes.push('import');
    if (form.getAll('scope').includes('admin')) scopes.push('admin');
    // A token for the whole deployment (imports of any site) is a platform admin's to make.
    const allSites = field(form, 'all_sites') === '1';
    if (allSites && !isPlatformAdmin(me)) return refuse(403, 'Chỉ quản trị hệ thống mới tạo được mã truy cập dùng cho mọi trang.');
    const { token } = await createToken(db, siteId, name, scopes, me.id, { allSites });
    return { ok: true, message: `Đã tạo mã truy cập “${name}”.`, secret: token };
  }
  if (action === 'revoke') {
    const id = Number(field(form, 'id'));
    if (!Number.isInteger(id) || !(await revokeToken(db, siteId, id, now, me.id))) return { ok: false, status: 404, message: 'Không tìm thấy mã truy cập còn hiệu lực.' };
    return { ok: true, message: 'Đã thu hồi mã truy cập. Mọi yêu cầu dùng mã này sẽ bị từ chối.' };
  }
  return { ok: false, status: 400, message: 'Thao tác không hợp lệ.' };
}

/** The signed-in user's own password; other sessions end, this one stays. */
export async function changeOwnPassword(db: Db, session: Session, form: FormData, now: Date): Promise<AccountResult> {
  const current = formText(form, 'current');
  const next = formText(form, 'password');
  const again = formText(form, 'confirm');
  const stored = await userForSignIn(db, session.user.email);
  if (!stored || !(await verifyPassword(current, stored.passwordHash)).ok) {
    return { ok: false, status: 422, field: 'current', message: 'Mật khẩu hiện tại không đúng.' };
  }
  const problem = newPasswordProblem(next, again, session.user.email);
  if (problem) return { ok: false, status: 422, ...problem };
  await changePassword(db, session.user.id, next, session.idHash, now);
  return { ok: true, message: 'Đã đổi mật khẩu. Các phiên đăng nhập khác của bạn đã bị đăng xuất.' };
}

/** The rules for a new password, shared by the password page and reset links: why it is refused, or null. */
export function newPasswordProblem(password: string, again: string, email: string): { field: 'password' | 'confirm'; message: string } | null {
  const problem = passwordProblem(password, email);
  if (problem) return { field: 'password', message: problem };
  if (password !== again) return { field: 'confirm', message: 'Hai lần nhập mật khẩu mới không khớp.' };
  return null;
}
