// The reset link's page (/admin/dat-lai-mat-khau/{token}), reached without a session: it shows why a
// dead link no longer works, or sets a new password under the same rules as the password page.
// Its POST needs no CSRF token: the form is only useful to whoever holds the secret link (a forged
// cross-site POST would have to know it, and then could just open it); Origin must still be ours, so
// a cross-site page cannot make a browser submit a password of the attacker's choosing.
import { logAuth } from '../../functions/auth/second-factor.ts';
import type { Db } from '../../functions/data/db.ts';
import { inspectPasswordReset, redeemPasswordReset, type ResetLinkState } from '../../functions/data/password-resets.ts';
import { newPasswordProblem } from './accounts.ts';
import { formText } from './request-body.ts';

export type ResetPageResult =
  | { kind: 'form'; status: number; email: string; message?: string; field?: 'password' | 'confirm' }
  | { kind: 'done'; status: 200 }
  | { kind: 'dead'; status: 403 | 404 | 410; message: string };

export const DEAD_LINK: Record<Exclude<ResetLinkState['state'], 'valid'>, string> = {
  unknown: 'Liên kết đặt lại mật khẩu không hợp lệ. Hãy kiểm tra bạn đã sao chép đủ liên kết, hoặc nhờ quản trị viên tạo liên kết mới.',
  used: 'Liên kết này đã được dùng để đặt mật khẩu. Mỗi liên kết chỉ dùng được một lần; nếu cần, hãy nhờ quản trị viên tạo liên kết mới.',
  revoked: 'Liên kết này đã bị thay bằng một liên kết mới hơn. Hãy dùng liên kết quản trị viên gửi sau cùng.',
  expired: 'Liên kết này đã hết hạn (liên kết chỉ dùng được trong 1 giờ). Hãy nhờ quản trị viên tạo liên kết mới.',
};

export const CROSS_SITE = 'Yêu cầu đến từ trang khác, đã bị từ chối.';

export async function resetPage(db: Db, request: Request, token: string, form: FormData | null, now: Date): Promise<ResetPageResult> {
  if (form && request.headers.get('Origin') !== new URL(request.url).origin) return { kind: 'dead', status: 403, message: CROSS_SITE };
  const link = await inspectPasswordReset(db, token, now);
  if (link.state !== 'valid') return { kind: 'dead', status: link.state === 'unknown' ? 404 : 410, message: DEAD_LINK[link.state] };
  if (!form) return { kind: 'form', status: 200, email: link.email };
  const password = formText(form, 'password');
  const again = formText(form, 'confirm');
  const problem = newPasswordProblem(password, again, link.email);
  if (problem) return { kind: 'form', status: 422, email: link.email, ...problem };
  if (!(await redeemPasswordReset(db, token, link.userId, password, now))) {
    // Used by a submission that arrived at the same moment: say what the link is now.
    const after = await inspectPasswordReset(db, token, now);
    return { kind: 'dead', status: 410, message: DEAD_LINK[after.state === 'valid' ? 'used' : after.state] };
  }
  logAuth('password reset link used; every session ended', { userId: link.userId });
  return { kind: 'done', status: 200 };
}
