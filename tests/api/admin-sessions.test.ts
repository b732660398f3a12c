// Editors' sessions in real D1 with a controlled clock (idle and absolute expiry), what ends them
// (sign-out, disabling, a password change), the CSRF rule for writes made with a session, and the
// bodies an admin write may carry.
import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { csrfProblem, currentSession } from '../../functions/auth/current.ts';
import { database } from '../../functions/data/db.ts';
import { createSession, deleteSession, readSession, SESSION_ABSOLUTE_MS, SESSION_IDLE_MS } from '../../functions/data/sessions.ts';
import { sha256Hex } from '../../functions/data/tokens.ts';
import { changePassword, createUser, setDisabled } from '../../functions/data/users.ts';
import { sessions, users } from '../../schema/tables.ts';
import { changeOwnPassword } from '../../site/admin/accounts.ts';
import { BODY_NOT_FORM, BODY_NOT_TEXT, BODY_UNREADABLE, readAdminBody } from '../../site/admin/request-body.ts';
import { unique } from '../support/api.ts';

const db = database(env.DB);
const MIN = 60_000;
const at = (base: Date, ms: number) => new Date(base.getTime() + ms);

async function user() {
  const email = `${unique('s')}@dongy.gov.vn`;
  return { email, id: await createUser(db, { email, name: 'Phiên thử', role: 'editor', password: 'mat-khau-phien-thu' }) };
}

describe('session lifetime', () => {
  it('stores only the SHA-256 of the 256-bit id', async () => {
    const { id } = await user();
    const { id: sessionId, csrfToken } = await createSession(db, id, new Date());
    expect(sessionId).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const rows = await db.select().from(sessions).where(eq(sessions.userId, id));
    expect(rows.map((r) => r.idHash)).toEqual([await sha256Hex(sessionId)]);
    expect(JSON.stringify(rows)).not.toContain(sessionId);
  });

  it('ends after 2 hours without a request (idle), and stays alive while used', async () => {
    const { id } = await user();
    const start = new Date('2026-11-20T00:00:00Z');
    const { id: sid } = await createSession(db, id, start);
    expect(await readSession(db, sid, at(start, SESSION_IDLE_MS - MIN))).not.toBeNull();
    // That request moved lastSeen on: another 1h59 is fine.
    expect(await readSession(db, sid, at(start, 2 * SESSION_IDLE_MS - 2 * MIN))).not.toBeNull();
    expect(await readSession(db, sid, at(start, 3 * SESSION_IDLE_MS))).toBeNull();

    const { id: idle } = await createSession(db, id, start);
    expect(await readSession(db, idle, at(start, SESSION_IDLE_MS + 1000))).toBeNull();
  });

  it('ends 12 hours after sign-in however busy (absolute)', async () => {
    const { id } = await user();
    const start = new Date('2026-11-20T00:00:00Z');
    const { id: sid } = await createSession(db, id, start);
    for (let t = 30 * MIN; t < SESSION_ABSOLUTE_MS; t += 30 * MIN) {
      expect(await readSession(db, sid, at(start, t)), `${t / MIN} min`).not.toBeNull();
    }
    expect(await readSession(db, sid, at(start, SESSION_ABSOLUTE_MS))).toBeNull();
    expect(await readSession(db, sid, at(start, SESSION_ABSOLUTE_MS + 30 * MIN))).toBeNull();
  });

  it('refuses unknown and malformed ids', async () => {
    const now = new Date();
    for (const sid of ['', 'x', 'A'.repeat(43), 'A'.repeat(44), "' or 1=1 --".padEnd(43, 'a')]) {
      expect(await readSession(db, sid, now), sid).toBeNull();
    }
  });

  it('ends at sign-out (deleted server-side, so a copied cookie is worthless)', async () => {
    const { id } = await user();
    const now = new Date();
    const { id: sid } = await createSession(db, id, now);
    const session = await readSession(db, sid, now);
    await deleteSession(db, session!.idHash);
    expect(await readSession(db, sid, now)).toBeNull();
  });

  it('ends every session of a user who is disabled, and a disabled user\'s cookie opens nothing', async () => {
    const { id } = await user();
    const now = new Date();
    const a = await createSession(db, id, now);
    const b = await createSession(db, id, now);
    await setDisabled(db, id, true, now);
    expect(await readSession(db, a.id, now)).toBeNull();
    expect(await readSession(db, b.id, now)).toBeNull();
    expect(await db.select().from(sessions).where(eq(sessions.userId, id))).toEqual([]);

    // Even a session row that survived (disabled by hand in the database) is refused.
    await setDisabled(db, id, false, now);
    const c = await createSession(db, id, now);
    await db.update(users).set({ disabledAt: now }).where(eq(users.id, id));
    expect(await readSession(db, c.id, now)).toBeNull();
  });

  it('ends the other sessions when the password changes, keeping the one that changed it', async () => {
    const { id } = await user();
    const now = new Date();
    const mine = await createSession(db, id, now);
    const other = await createSession(db, id, now);
    const session = await readSession(db, mine.id, now);
    await changePassword(db, id, 'mat-khau-moi-hoan-toan', session!.idHash, now);
    expect(await readSession(db, mine.id, now)).not.toBeNull();
    expect(await readSession(db, other.id, now)).toBeNull();
  });

  it('changes one\'s own password from the form only with the current one, and ends other sessions', async () => {
    const { id, email } = await user();
    const now = new Date();
    const mine = await createSession(db, id, now);
    const other = await createSession(db, id, now);
    const session = (await readSession(db, mine.id, now))!;
    const form = (current: string, password: string, confirm = password) => {
      const f = new FormData();
      f.set('current', current);
      f.set('password', password);
      f.set('confirm', confirm);
      return f;
    };
    expect(await changeOwnPassword(db, session, form('sai-mat-khau-cu', 'mot-mat-khau-moi-dai'), now)).toMatchObject({ ok: false, field: 'current' });
    expect(await changeOwnPassword(db, session, form('mat-khau-phien-thu', '12345678'), now)).toMatchObject({ ok: false, field: 'password' });
    expect(await changeOwnPassword(db, session, form('mat-khau-phien-thu', `${email.split('@')[0]}-moi`), now)).toMatchObject({ ok: false, field: 'password', message: 'Mật khẩu không được chứa tên đăng nhập.' });
    expect(await changeOwnPassword(db, session, form('mat-khau-phien-thu', 'mot-mat-khau-moi-dai', 'khac'), now)).toMatchObject({ ok: false, field: 'confirm' });
    expect(await readSession(db, other.id, now)).not.toBeNull();
    expect(await changeOwnPassword(db, session, form('mat-khau-phien-thu', 'mot-mat-khau-moi-dai'), now)).toMatchObject({ ok: true });
    expect(await readSession(db, mine.id, now)).not.toBeNull();
    expect(await readSession(db, other.id, now)).toBeNull();
  });

  it('finds the session from the cookie of a request (and nothing from the other cookie name)', async () => {
    const { id } = await user();
    const { id: sid } = await createSession(db, id, new Date());
    const http = new Request('http://cms.test/admin', { headers: { Cookie: `theme=dark; bt_session=${sid}` } });
    expect((await currentSession(http, env, new Date()))?.user.id).toBe(id);
    const https = new Request('https://cms.test/admin', { headers: { Cookie: `bt_session=${sid}` } });
    expect(await currentSession(https, env, new Date())).toBeNull();
    const hostPrefixed = new Request('https://cms.test/admin', { headers: { Cookie: `__Host-bt_session=${sid}` } });
    expect((await currentSession(hostPrefixed, env, new Date()))?.user.id).toBe(id);
  });
});

describe('csrfProblem', () => {
  async function session() {
    const { id } = await user();
    const { id: sid } = await createSession(db, id, new Date());
    return (await readSession(db, sid, new Date()))!;
  }
  const post = (headers: Record<string, string>, body?: BodyInit) =>
    new Request('http://cms.test/admin/bai-viet/moi', { method: 'POST', headers, ...(body !== undefined ? { body } : {}) });
  const formBody = (token: string) => new URLSearchParams({ _csrf: token, title: 'x' }).toString();
  const FORM = 'application/x-www-form-urlencoded';

  it('accepts the right token from our own origin, as a form field or a header', async () => {
    const s = await session();
    expect(await csrfProblem(post({ Origin: 'http://cms.test', 'Content-Type': FORM }, formBody(s.csrfToken)), s)).toBeNull();
    expect(await csrfProblem(post({ Origin: 'http://cms.test', 'X-CSRF-Token': s.csrfToken, 'Content-Type': 'text/plain' }, 'md'), s)).toBeNull();
    const multipart = new FormData();
    multipart.set('_csrf', s.csrfToken);
    multipart.set('cover_file', new File([new Uint8Array([1, 2, 3])], 'a.jpg'));
    expect(await csrfProblem(post({ Origin: 'http://cms.test' }, multipart), s)).toBeNull();
    // Without Origin, the Referer's origin counts.
    expect(await csrfProblem(post({ Referer: 'http://cms.test/admin/bai-viet/moi', 'Content-Type': FORM }, formBody(s.csrfToken)), s)).toBeNull();
  });

  it('leaves the body readable for the page after checking it', async () => {
    const s = await session();
    const request = post({ Origin: 'http://cms.test', 'Content-Type': FORM }, formBody(s.csrfToken));
    expect(await csrfProblem(request, s)).toBeNull();
    expect((await request.formData()).get('title')).toBe('x');
  });

  it('refuses a foreign Origin even with the right token', async () => {
    const s = await session();
    for (const origin of ['https://evil.example', 'http://cms.test.evil.example', 'https://cms.test', 'null']) {
      expect(await csrfProblem(post({ Origin: origin, 'Content-Type': FORM }, formBody(s.csrfToken)), s), origin)
        .toBe('Yêu cầu đến từ trang khác, đã bị từ chối.');
    }
    expect(await csrfProblem(post({ Referer: 'https://evil.example/x', 'Content-Type': FORM }, formBody(s.csrfToken)), s)).not.toBeNull();
  });

  it('refuses a malformed Referer (no Origin) instead of throwing', async () => {
    const s = await session();
    for (const referer of ['%', 'http://[cms.test/admin', '/admin/bai-viet/moi', 'cms.test/admin', '::::']) {
      expect(await csrfProblem(post({ Referer: referer, 'Content-Type': FORM }, formBody(s.csrfToken)), s), referer)
        .toBe('Yêu cầu đến từ trang khác, đã bị từ chối.');
    }
  });

  it('takes the token from a form the caller already parsed, and a broken form body is a missing token', async () => {
    const s = await session();
    const parsed = new FormData();
    parsed.set('_csrf', s.csrfToken);
    expect(await csrfProblem(post({ Origin: 'http://cms.test', 'Content-Type': FORM }, 'title=x'), s, parsed)).toBeNull();
    const broken = post({ Origin: 'http://cms.test', 'Content-Type': 'multipart/form-data; boundary=abc' }, 'not multipart at all');
    expect(await csrfProblem(broken, s)).toBe('Phiên làm việc đã thay đổi. Vui lòng tải lại trang và thử lại.');
  });

  it('refuses a request with neither Origin nor Referer', async () => {
    const s = await session();
    expect(await csrfProblem(post({ 'Content-Type': FORM }, formBody(s.csrfToken)), s)).not.toBeNull();
  });

  it('refuses a missing or wrong token', async () => {
    const s = await session();
    const other = await session();
    const message = 'Phiên làm việc đã thay đổi. Vui lòng tải lại trang và thử lại.';
    expect(await csrfProblem(post({ Origin: 'http://cms.test', 'Content-Type': FORM }, 'title=x'), s)).toBe(message);
    expect(await csrfProblem(post({ Origin: 'http://cms.test', 'Content-Type': FORM }, formBody('')), s)).toBe(message);
    expect(await csrfProblem(post({ Origin: 'http://cms.test', 'Content-Type': FORM }, formBody(other.csrfToken)), s)).toBe(message);
    expect(await csrfProblem(post({ Origin: 'http://cms.test', 'Content-Type': FORM }, formBody(s.csrfToken.slice(0, -1))), s)).toBe(message);
    expect(await csrfProblem(post({ Origin: 'http://cms.test', 'X-CSRF-Token': 'nope', 'Content-Type': 'text/plain' }, 'x'), s)).toBe(message);
    // A token in a JSON body is not looked for: JSON writes need the header.
    expect(await csrfProblem(post({ Origin: 'http://cms.test', 'Content-Type': 'application/json' }, JSON.stringify({ _csrf: s.csrfToken })), s)).toBe(message);
  });
});

describe('readAdminBody (the middleware\'s check before any page reads a body)', () => {
  const post = (path: string, type: string | null, body: BodyInit) =>
    new Request(`http://cms.test${path}`, { method: 'POST', headers: type ? { 'Content-Type': type } : {}, body });

  it('hands on urlencoded and multipart forms, parsed, and leaves the body readable for the page', async () => {
    const urlencoded = post('/admin/bai-viet/moi', 'application/x-www-form-urlencoded;charset=UTF-8', 'title=T%C3%AAn&_csrf=t');
    const read = await readAdminBody(urlencoded, '/admin/bai-viet/moi');
    expect(read.ok && read.form?.get('title')).toBe('Tên');
    expect((await urlencoded.formData()).get('_csrf')).toBe('t');
    const multipart = new FormData();
    multipart.set('title', 'x');
    const result = await readAdminBody(new Request('http://cms.test/admin/bai-viet/moi', { method: 'POST', body: multipart }), '/admin/bai-viet/moi');
    expect(result.ok && result.form?.get('title')).toBe('x');
  });

  it.each([
    ['application/json', '{"title":"x"}'],
    ['text/plain', 'title=x'],
    ['application/xml', '<a/>'],
    [null, 'title=x'],
  ])('refuses a %s body with 415 and a Vietnamese message', async (type, body) => {
    const request = post('/admin/login', type, body);
    // Without a Content-Type header a string body is sent as text/plain by the platform.
    expect(await readAdminBody(request, '/admin/login')).toEqual({ ok: false, status: 415, message: BODY_NOT_FORM });
  });

  it('refuses a multipart body that does not parse with 400', async () => {
    for (const type of ['multipart/form-data', 'multipart/form-data; boundary=abc']) {
      expect(await readAdminBody(post('/admin/nguoi-dung', type, 'no parts here'), '/admin/nguoi-dung'), type)
        .toEqual({ ok: false, status: 400, message: BODY_UNREADABLE });
    }
  });

  it('takes plain text for the live preview, and only text', async () => {
    expect(await readAdminBody(post('/admin/xem-truoc-noi-dung', 'text/plain; charset=utf-8', '# Tiêu đề'), '/admin/xem-truoc-noi-dung')).toEqual({ ok: true, form: null });
    expect(await readAdminBody(post('/admin/xem-truoc-noi-dung', 'application/json', '"x"'), '/admin/xem-truoc-noi-dung'))
      .toEqual({ ok: false, status: 415, message: BODY_NOT_TEXT });
  });
});
