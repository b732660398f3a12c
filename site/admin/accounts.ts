// The admin-only pages' writes: accounts (create with a generated password shown once, change role,
// disable / enable, a one-time password reset link, resetting a second factor, requiring one of admins
// and editors) and API tokens (create, shown once; revoke); and everyone's own password change.
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
import { changePassword, createUser, normalizeEmail, readUser, setDisabled, setRole, userForSignIn } from '../../functions/data/users.ts';
import { ROLES, type Role, type TokenScope } from '../../schema/tables.ts';
import { formText } from './request-body.ts';

export type AccountResult =
  | { ok: true; message: string; secret?: string }
  | { ok: false; status: number; message: string; field?: string };

/** A form field without surrounding spaces (passwords are read as sent, with formText). */
export const field = (form: FormData, name: string) => formText(form, name).trim();

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The path of a password reset link; the page that issues it puts the site's origin in front. */
export const resetLinkPath = (token: string) => `/admin/dat-lai-mat-khau/${token}`;

/** Handles one POST of the users page; `action` picks the operation. `origin`: the site's, for reset links. */
export async function usersAction(db: Db, me: Session['user'], form: FormData, now: Date, origin = ''): Promise<AccountResult> {
  const action = field(form, 'action');
  if (action === 'require-2fa') {
    const on = field(form, 'value') === 'on';
    await writeSetting(db, TWO_FACTOR_REQUIRED, on ? 'on' : 'off', me.id, now);
    logAuth(on ? 'two-factor required of admins and editors' : 'two-factor no longer required', { by: me.id });
    return {
      ok: true,
      message: on
        ? 'Đã bắt buộc xác thực hai bước cho quản trị viên và biên tập viên. Ai chưa bật sẽ được chuyển tới trang Bảo mật ngay sau khi đăng nhập.'
        : 'Đã bỏ yêu cầu bắt buộc xác thực hai bước.',
    };
  }
  if (action === 'create') {
    const email = field(form, 'email');
    const name = field(form, 'name');
    const role = field(form, 'role') as Role;
    if (!EMAIL.test(email) || email.length > 254) return { ok: false, status: 422, field: 'email', message: 'Vui lòng nhập email hợp lệ, ví dụ bientap@dongy.gov.vn.' };
    if (name.length > 100) return { ok: false, status: 422, field: 'name', message: 'Họ và tên dài tối đa 100 ký tự.' };
    if (!ROLES.includes(role)) return { ok: false, status: 422, field: 'role', message: 'Vui lòng chọn vai trò.' };
    if (await db.query.users.findFirst({ columns: { id: true }, where: (u, { eq }) => eq(u.email, normalizeEmail(email)) })) {
      return { ok: false, status: 409, field: 'email', message: 'Đã có tài khoản dùng email này.' };
    }
    const password = generatePassword();
    await createUser(db, { email, name: name || email.split('@')[0]!, role, password });
    return { ok: true, message: `Đã tạo tài khoản ${normalizeEmail(email)}.`, secret: password };
  }
  const id = Number(field(form, 'id'));
  const target = Number.isInteger(id) ? await readUser(db, id) : null;
  if (!target) return { ok: false, status: 404, message: 'Không tìm thấy tài khoản.' };
  // An admin cannot lock themself out: the last door to the admin must stay open.
  if (target.id === me.id) {
    return { ok: false, status: 422, message: 'Bạn không thể đổi vai trò hoặc khóa chính tài khoản của mình.' };
  }
  if (action === 'role') {
    const role = field(form, 'role') as Role;
    if (!ROLES.includes(role)) return { ok: false, status: 422, message: 'Vui lòng chọn vai trò.' };
    await setRole(db, id, role);
    return { ok: true, message: `Đã đổi vai trò của ${target.email}.` };
  }
  if (action === 'disable' || action === 'enable') {
    await setDisabled(db, id, action === 'disable', now);
    return { ok: true, message: action === 'disable' ? `Đã khóa ${target.email}; mọi phiên đăng nhập của tài khoản này đã kết thúc.` : `Đã mở khóa ${target.email}.` };
  }
  if (action === 'reset-link') {
    if (target.disabled) return { ok: false, status: 422, message: `Tài khoản ${target.email} đang bị khóa: hãy mở khóa trước khi tạo liên kết đặt lại mật khẩu.` };
    const { token } = await issuePasswordReset(db, target.id, me.id, now);
    logAuth('password reset link issued', { userId: target.id, by: me.id });
    return { ok: true, message: `Đã tạo liên kết đặt lại mật khẩu cho ${target.email}. Liên kết cũ hơn (nếu có) không còn dùng được.`, secret: origin + resetLinkPath(token) };
  }
  if (action === 'reset-2fa') {
    if (!(await removeTwoFactor(db, target.id))) return { ok: false, status: 404, message: `${target.email} chưa bật xác thực hai bước.` };
    logAuth('two-factor reset by an admin', { userId: target.id, by: me.id });
    return { ok: true, message: `Đã tắt xác thực hai bước của ${target.email}. Người dùng có thể bật lại trong trang Bảo mật.` };
  }
  return { ok: false, status: 400, message: 'Thao tác không hợp lệ.' };
}

export async function tokensAction(db: Db, me: Session['user'], form: FormData, now: Date): Promise<AccountResult> {
  const action = field(form, 'action');
  if (action === 'create') {
    const name = field(form, 'name');
    if (!name || name.length > 100) return { ok: false, status: 422, field: 'name', message: 'Vui lòng đặt tên cho mã truy cập (tối đa 100 ký tự), ví dụ “Ứng dụng di động”.' };
    const scopes: TokenScope[] = ['read'];
    if (form.getAll('scope').includes('write')) scopes.push('write');
    const { token } = await createToken(db, name, scopes, me.id);
    return { ok: true, message: `Đã tạo mã truy cập “${name}”.`, secret: token };
  }
  if (action === 'revoke') {
    const id = Number(field(form, 'id'));
    if (!Number.isInteger(id) || !(await revokeToken(db, id, now))) return { ok: false, status: 404, message: 'Không tìm thấy mã truy cập còn hiệu lực.' };
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
