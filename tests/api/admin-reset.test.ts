// Password reset links against real D1: an admin issues one (shown once, stored as SHA-256 only),
// it works once within RESET_LINK_TTL_MS, a newer one revokes it, using it sets the password under the
// password page's rules and ends every session; dead links get a Vietnamese reason, never an error.
import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { signIn } from '../../functions/auth/sign-in.ts';
import { database } from '../../functions/data/db.ts';
import { inspectPasswordReset, issuePasswordReset, redeemPasswordReset, RESET_LINK_TTL_MS } from '../../functions/data/password-resets.ts';
import { createSession, readSession } from '../../functions/data/sessions.ts';
import { sha256Hex } from '../../functions/data/tokens.ts';
import { createUser, readUser, setDisabled, type User } from '../../functions/data/users.ts';
import { passwordResets } from '../../schema/tables.ts';
import { usersAction } from '../../site/admin/accounts.ts';
import { CROSS_SITE, DEAD_LINK, resetPage } from '../../site/admin/password-reset.ts';
import { unique } from '../support/api.ts';
import { firstSiteId, sessionOf } from '../support/people.ts';

const db = database(env.DB);
const ORIGIN = 'http://cms.test';
const NEW_PASSWORD = 'hoa-ban-no-tren-doi';

async function person(role: 'admin' | 'editor' = 'editor'): Promise<User> {
  const id = await createUser(db, { email: `${unique(role)}@dongy.gov.vn`, name: 'Người thử', role, password: 'mat-khau-cu-da-quen' });
  return (await readUser(db, id))!;
}
const form = (fields: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.append(k, v);
  return f;
};
const post = (token: string, origin: string | null = ORIGIN) =>
  new Request(`${ORIGIN}/admin/dat-lai-mat-khau/${token}`, { method: 'POST', headers: origin ? { Origin: origin } : {} });
const get = (token: string) => new Request(`${ORIGIN}/admin/dat-lai-mat-khau/${token}`);
const tokenOf = (link: string) => link.split('/').pop()!;

afterEach(() => vi.restoreAllMocks());

describe('issuing a reset link (users page)', () => {
  it('shows the link once, with the site origin, stores only its SHA-256, and logs without the token', async () => {
    const [admin, editor] = [await person('admin'), await person()];
    const log = vi.spyOn(console, 'log');
    const result = await usersAction(db, await sessionOf(admin.id), await firstSiteId(), form({ action: 'reset-link', id: String(editor.id) }), new Date(), ORIGIN);
    expect(result).toMatchObject({ ok: true, secret: expect.stringMatching(/^http:\/\/cms\.test\/admin\/dat-lai-mat-khau\/[A-Za-z0-9_-]{43}$/) });
    if (!result.ok) return;
    const token = tokenOf(result.secret!);
    const rows = await db.select().from(passwordResets).where(eq(passwordResets.userId, editor.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.tokenHash).toBe(await sha256Hex(token));
    expect(JSON.stringify(rows)).not.toContain(token);
    const logged = log.mock.calls.map((c) => c.join(' ')).join('\n');
    expect(logged).toContain('password reset link issued');
    expect(logged).toContain(`"userId":${editor.id}`);
    expect(logged).not.toContain(token);
  });

  it('refuses a disabled account and an unknown id', async () => {
    const [admin, editor] = [await person('admin'), await person()];
    await setDisabled(db, editor.id, true, new Date());
    expect(await usersAction(db, await sessionOf(admin.id), await firstSiteId(), form({ action: 'reset-link', id: String(editor.id) }), new Date(), ORIGIN)).toMatchObject({ ok: false, status: 422 });
    expect(await usersAction(db, await sessionOf(admin.id), await firstSiteId(), form({ action: 'reset-link', id: '99999999' }), new Date(), ORIGIN)).toMatchObject({ ok: false, status: 404 });
  });
});

describe('using a reset link', () => {
  it('sets the password (the old one stops working), ends every session, and works once', async () => {
    const editor = await person();
    const now = new Date();
    const sessions = [await createSession(db, editor.id, now), await createSession(db, editor.id, now)];
    const { token } = await issuePasswordReset(db, editor.id, editor.id, now);
    expect(await resetPage(db, get(token), token, null, now)).toEqual({ kind: 'form', status: 200, email: editor.email });

    const log = vi.spyOn(console, 'log');
    const done = await resetPage(db, post(token), token, form({ password: NEW_PASSWORD, confirm: NEW_PASSWORD }), now);
    expect(done).toEqual({ kind: 'done', status: 200 });
    for (const s of sessions) expect(await readSession(db, s.id, now)).toBeNull();
    expect((await signIn(env, db, { email: editor.email, password: NEW_PASSWORD, ip: '10.1.2.3' }, now)).ok).toBe(true);
    expect((await signIn(env, db, { email: editor.email, password: 'mat-khau-cu-da-quen', ip: '10.1.2.4' }, now)).ok).toBe(false);
    const logged = log.mock.calls.map((c) => c.join(' ')).join('\n');
    expect(logged).toContain('password reset link used');
    expect(logged).not.toContain(token);
    expect(logged).not.toContain(NEW_PASSWORD);

    // Once only: the page now says it was used (410), for both the form and a second submission.
    expect(await resetPage(db, get(token), token, null, now)).toEqual({ kind: 'dead', status: 410, message: DEAD_LINK.used });
    expect(await resetPage(db, post(token), token, form({ password: 'mot-mat-khau-khac-nua', confirm: 'mot-mat-khau-khac-nua' }), now))
      .toEqual({ kind: 'dead', status: 410, message: DEAD_LINK.used });
  });

  it('lets exactly one of two simultaneous submissions of one link win', async () => {
    const editor = await person();
    const now = new Date();
    const { token } = await issuePasswordReset(db, editor.id, editor.id, now);
    const results = await Promise.all(['mat-khau-thu-nhat-a', 'mat-khau-thu-hai-b'].map((p) => redeemPasswordReset(db, token, editor.id, p, now)));
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it('applies the password page\'s rules and keeps the link for another try', async () => {
    const editor = await person();
    const now = new Date();
    const { token } = await issuePasswordReset(db, editor.id, editor.id, now);
    expect(await resetPage(db, post(token), token, form({ password: 'ngan', confirm: 'ngan' }), now))
      .toEqual({ kind: 'form', status: 422, email: editor.email, field: 'password', message: 'Mật khẩu cần ít nhất 8 ký tự.' });
    expect(await resetPage(db, post(token), token, form({ password: 'password123', confirm: 'password123' }), now))
      .toMatchObject({ kind: 'form', status: 422, field: 'password', message: 'Mật khẩu này quá phổ biến, dễ bị đoán. Hãy chọn mật khẩu khác.' });
    expect(await resetPage(db, post(token), token, form({ password: NEW_PASSWORD, confirm: 'khac-han-luon-nhe' }), now))
      .toMatchObject({ kind: 'form', status: 422, field: 'confirm', message: 'Hai lần nhập mật khẩu mới không khớp.' });
    expect(await resetPage(db, post(token), token, form({}), now)).toMatchObject({ kind: 'form', status: 422, field: 'password' });
    expect(await resetPage(db, post(token), token, form({ password: NEW_PASSWORD, confirm: NEW_PASSWORD }), now)).toEqual({ kind: 'done', status: 200 });
  });

  it('expires after an hour', async () => {
    const editor = await person();
    const issued = new Date('2026-11-20T01:00:00Z');
    const { token, expiresAt } = await issuePasswordReset(db, editor.id, editor.id, issued);
    expect(expiresAt.getTime() - issued.getTime()).toBe(RESET_LINK_TTL_MS);
    expect(RESET_LINK_TTL_MS).toBe(60 * 60_000);
    expect((await inspectPasswordReset(db, token, new Date(issued.getTime() + RESET_LINK_TTL_MS - 1))).state).toBe('valid');
    const late = new Date(issued.getTime() + RESET_LINK_TTL_MS);
    expect(await resetPage(db, get(token), token, null, late)).toEqual({ kind: 'dead', status: 410, message: DEAD_LINK.expired });
    expect(await resetPage(db, post(token), token, form({ password: NEW_PASSWORD, confirm: NEW_PASSWORD }), late))
      .toEqual({ kind: 'dead', status: 410, message: DEAD_LINK.expired });
    expect(await redeemPasswordReset(db, token, editor.id, NEW_PASSWORD, late)).toBe(false);
  });

  it('is revoked by a newer link for the same account', async () => {
    const [admin, editor] = [await person('admin'), await person()];
    const first = await usersAction(db, await sessionOf(admin.id), await firstSiteId(), form({ action: 'reset-link', id: String(editor.id) }), new Date(), ORIGIN);
    const second = await usersAction(db, await sessionOf(admin.id), await firstSiteId(), form({ action: 'reset-link', id: String(editor.id) }), new Date(), ORIGIN);
    if (!first.ok || !second.ok) throw new Error('links not issued');
    const [old, fresh] = [tokenOf(first.secret!), tokenOf(second.secret!)];
    expect(await resetPage(db, get(old), old, null, new Date())).toEqual({ kind: 'dead', status: 410, message: DEAD_LINK.revoked });
    expect(await redeemPasswordReset(db, old, editor.id, NEW_PASSWORD, new Date())).toBe(false);
    expect((await resetPage(db, get(fresh), fresh, null, new Date())).kind).toBe('form');
  });

  it('answers unknown, malformed and disabled-account links with 404 and a reason, never an error', async () => {
    const editor = await person();
    const { token } = await issuePasswordReset(db, editor.id, editor.id, new Date());
    await setDisabled(db, editor.id, true, new Date());
    for (const t of [token, 'A'.repeat(43), 'khong-phai-token', '', '%00', 'x'.repeat(5000)]) {
      expect(await resetPage(db, get(t), t, null, new Date()), t.slice(0, 20)).toEqual({ kind: 'dead', status: 404, message: DEAD_LINK.unknown });
    }
    expect(await redeemPasswordReset(db, token, editor.id, NEW_PASSWORD, new Date())).toBe(false);
  });

  it('refuses a POST from another origin or without Origin (the form is ours only), and changes nothing', async () => {
    const editor = await person();
    const { token } = await issuePasswordReset(db, editor.id, editor.id, new Date());
    const body = form({ password: NEW_PASSWORD, confirm: NEW_PASSWORD });
    expect(await resetPage(db, post(token, 'https://attacker.example'), token, body, new Date())).toEqual({ kind: 'dead', status: 403, message: CROSS_SITE });
    expect(await resetPage(db, post(token, null), token, body, new Date())).toEqual({ kind: 'dead', status: 403, message: CROSS_SITE });
    expect((await inspectPasswordReset(db, token, new Date())).state).toBe('valid');
  });
});
