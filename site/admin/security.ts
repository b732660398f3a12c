// The security page's logic (/admin/bao-mat): enrol an authenticator (secret as base32, otpauth://
// URI and a QR code rendered here as SVG), confirm it with a code before it is on, recovery codes shown
// once, new recovery codes and turning it off (each with a current code). Every change is logged.
import { renderSVG } from 'uqr';
import { checkSecondFactor, logAuth, SECOND_FACTOR_MESSAGE, twoFactorUnavailable } from '../../functions/auth/second-factor.ts';
import { matchTotp, normalizeCode, totpUri } from '../../functions/auth/totp.ts';
import type { Db } from '../../functions/data/db.ts';
import type { Session } from '../../functions/data/sessions.ts';
import {
  confirmEnrolment, removeTwoFactor, replaceRecoveryCodes, reserveSecondFactorAttempt, startEnrolment,
  totpSecret, totpState, twoFactorRequiredOf, unusedRecoveryCodes, SECOND_FACTOR_MAX_ATTEMPTS,
} from '../../functions/data/two-factor.ts';
import { field } from './accounts.ts';

export interface SecurityView {
  enrolled: boolean;
  /** Required of this account by the setting of a site where it is admin or editor (two-factor.ts). */
  required: boolean;
  unusedCodes: number;
  /** While enrolling: what the app needs. */
  enrolment: { secret: string; uri: string; qrSvg: string } | null;
  /** TOTP_ENCRYPTION_KEY is missing: the page answers 503 with SECOND_FACTOR_MESSAGE.unavailable and no forms. */
  unavailable: boolean;
}

export type SecurityResult =
  | { ok: true; message: string; recoveryCodes?: string[] }
  | { ok: false; status: number; message: string; field?: 'code' };

/** "JBSW Y3DP EHPK 3PXP": the secret in groups of four, as people type it into an app. */
const grouped = (secret: string) => secret.match(/.{1,4}/g)!.join(' ');

/** `issuer`: the name the authenticator app shows beside the account (the platform's, since accounts are global). */
export async function securityView(env: Env, db: Db, session: Session, issuer = env.SITE_NAME): Promise<SecurityView> {
  const user = session.user;
  if (twoFactorUnavailable(env)) {
    const [state, required, unusedCodes] = await Promise.all([totpState(db, user.id), twoFactorRequiredOf(db, user.id), unusedRecoveryCodes(db, user.id)]);
    return { enrolled: state.enrolled, required, unusedCodes, enrolment: null, unavailable: true };
  }
  const [credential, required, unusedCodes] = await Promise.all([
    totpSecret(db, env.TOTP_ENCRYPTION_KEY, user.id), twoFactorRequiredOf(db, user.id), unusedRecoveryCodes(db, user.id),
  ]);
  let enrolment: SecurityView['enrolment'] = null;
  if (credential && !credential.confirmed) {
    const uri = totpUri(credential.secret, issuer, user.email);
    // No inline scripts (CSP): the QR code is plain SVG made on the server.
    enrolment = { secret: grouped(credential.secret), uri, qrSvg: renderSVG(uri, { ecc: 'M', border: 2, pixelSize: 5 }) };
  }
  return { enrolled: !!credential?.confirmed, required, unusedCodes, enrolment, unavailable: false };
}

export async function securityAction(env: Env, db: Db, session: Session, form: FormData, now: Date): Promise<SecurityResult> {
  const user = session.user;
  if (twoFactorUnavailable(env)) return { ok: false, status: 503, message: SECOND_FACTOR_MESSAGE.unavailable };
  const action = field(form, 'action');
  if (action === 'start') {
    const secret = await startEnrolment(db, env.TOTP_ENCRYPTION_KEY, user.id, now);
    if (!secret) return { ok: false, status: 409, message: 'Xác thực hai bước đã được bật cho tài khoản này.' };
    logAuth('two-factor enrolment started', { userId: user.id });
    return { ok: true, message: 'Quét mã QR bằng ứng dụng xác thực, rồi nhập mã 6 chữ số để hoàn tất.' };
  }
  const code = field(form, 'code');
  if (!normalizeCode(code)) return { ok: false, status: 422, field: 'code', message: SECOND_FACTOR_MESSAGE.missing };
  if (action === 'confirm') {
    const credential = await totpSecret(db, env.TOTP_ENCRYPTION_KEY, user.id);
    if (!credential || credential.confirmed) return { ok: false, status: 409, message: 'Không có yêu cầu bật xác thực hai bước nào đang chờ. Vui lòng tải lại trang.' };
    // Confirming is a code check like any other: it spends the account's attempt budget.
    const budget = await reserveSecondFactorAttempt(db, user.id, now);
    if (!budget.ok) return { ok: false, status: 429, field: 'code', message: SECOND_FACTOR_MESSAGE.locked(budget.retryAt) };
    const step = matchTotp(credential.secret, normalizeCode(code), now);
    if (step === null) {
      logAuth('two-factor enrolment code refused', { userId: user.id });
      return { ok: false, status: 422, field: 'code', message: `${SECOND_FACTOR_MESSAGE.wrong} Kiểm tra giờ trên điện thoại rồi nhập mã mới (tối đa ${SECOND_FACTOR_MAX_ATTEMPTS} lần trong 15 phút).` };
    }
    const codes = await confirmEnrolment(db, user.id, step, now);
    if (!codes) return { ok: false, status: 409, message: 'Xác thực hai bước đã được bật cho tài khoản này.' };
    logAuth('two-factor enabled', { userId: user.id });
    return { ok: true, message: 'Đã bật xác thực hai bước. Từ lần đăng nhập sau, bạn cần mã từ ứng dụng.', recoveryCodes: codes };
  }
  if (action === 'new-codes' || action === 'disable') {
    if (action === 'disable' && (await twoFactorRequiredOf(db, user.id))) {
      return { ok: false, status: 403, message: 'Quản trị viên yêu cầu xác thực hai bước cho vai trò của bạn, nên không thể tắt.' };
    }
    const check = await checkSecondFactor(env, db, user.id, code, now);
    if (!check.ok) return { ok: false, status: check.reason === 'locked' ? 429 : 422, field: 'code', message: check.message };
    if (action === 'disable') {
      await removeTwoFactor(db, user.id);
      logAuth('two-factor disabled by its owner', { userId: user.id });
      return { ok: true, message: 'Đã tắt xác thực hai bước. Các mã khôi phục cũ không còn dùng được.' };
    }
    const codes = await replaceRecoveryCodes(db, user.id, now);
    logAuth('recovery codes replaced', { userId: user.id });
    return { ok: true, message: 'Đã tạo bộ mã khôi phục mới. Các mã cũ không còn dùng được.', recoveryCodes: codes };
  }
  return { ok: false, status: 400, message: 'Thao tác không hợp lệ.' };
}
