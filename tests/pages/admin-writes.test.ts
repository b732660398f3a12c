// Admin writes whose body or headers no page can use, through the BUILT Worker (the middleware and
// the real pages): JSON or text bodies, broken multipart bodies and malformed Referers are refused
// with a 4xx (a Vietnamese message from the middleware) before any page calls formData(), never a 500.
import { env } from 'cloudflare:workers';
import { expect, it } from 'vitest';
import { database } from '../../functions/data/db.ts';
import { createSession } from '../../functions/data/sessions.ts';
import { createUser } from '../../functions/data/users.ts';
import { BODY_NOT_FORM, BODY_UNREADABLE } from '../../site/admin/request-body.ts';
import { call, ORIGIN, unique } from '../support/api.ts';

async function adminSession() {
  const db = database(env.DB);
  const id = await createUser(db, { email: `${unique('w')}@dongy.gov.vn`, name: 'Quản trị thử', role: 'admin', password: 'mat-khau-quan-tri-thu' });
  const { id: sid, csrfToken } = await createSession(db, id, new Date());
  return { cookie: `bt_session=${sid}`, csrfToken };
}

async function answer(res: Response) {
  return { status: res.status, type: res.headers.get('Content-Type'), text: await res.text() };
}

it('the sign-in page refuses a JSON or text body with 415 and a broken multipart body with 400', async () => {
  for (const [type, body] of [['application/json', '{"email":"a@b.vn","password":"x"}'], ['text/plain', 'email=a@b.vn&password=x']]) {
    expect(await answer(await call('/admin/login', { method: 'POST', headers: { 'Content-Type': type!, Origin: ORIGIN }, body })), type)
      .toEqual({ status: 415, type: 'text/plain; charset=utf-8', text: BODY_NOT_FORM });
  }
  const broken = await call('/admin/login', { method: 'POST', headers: { 'Content-Type': 'multipart/form-data; boundary=x', Origin: ORIGIN }, body: 'nope' });
  expect(await answer(broken)).toEqual({ status: 400, type: 'text/plain; charset=utf-8', text: BODY_UNREADABLE });
});

it('a signed-in write with a JSON body (and the right CSRF header) is 415, a broken multipart one 400', async () => {
  const { cookie, csrfToken } = await adminSession();
  const headers = { Cookie: cookie, Origin: ORIGIN, 'X-CSRF-Token': csrfToken };
  for (const path of ['/admin/nguoi-dung', '/admin/ma-truy-cap', '/admin/mat-khau', '/admin/bai-viet/moi', '/admin/logout']) {
    const json = await call(path, { method: 'POST', headers: { ...headers, 'Content-Type': 'application/json' }, body: '{"action":"create"}' });
    expect(await answer(json), path).toMatchObject({ status: 415, text: BODY_NOT_FORM });
    const text = await call(path, { method: 'POST', headers: { ...headers, 'Content-Type': 'text/plain' }, body: 'action=create' });
    expect((await answer(text)).status, path).toBe(415);
    const broken = await call(path, { method: 'POST', headers: { ...headers, 'Content-Type': 'multipart/form-data; boundary=zz' }, body: '--zz\r\nbroken' });
    expect(await answer(broken), path).toMatchObject({ status: 400, text: BODY_UNREADABLE });
  }
  // The live preview still takes its plain-text body.
  const preview = await call('/admin/xem-truoc-noi-dung', { method: 'POST', headers: { ...headers, 'Content-Type': 'text/plain; charset=utf-8' }, body: '**đậm**' });
  expect(preview.status).toBe(200);
  expect(((await preview.json()) as { html: string }).html).toContain('<strong>đậm</strong>');
});

it('a signed-in write with a malformed Referer and no Origin is a 4xx, whatever its body (was a 500)', async () => {
  const { cookie, csrfToken } = await adminSession();
  for (const referer of ['%', 'http://[cms.test', '/admin/nguoi-dung', 'cms.test/admin']) {
    // Astro's own origin check refuses form and text bodies without Origin first (403); a JSON body
    // passes it and reached our CSRF rule's `new URL(Referer)`: now refused for its type (415).
    const cases = [
      ['/admin/xem-truoc-noi-dung', 'application/json', '"# x"', 415],
      ['/admin/xem-truoc-noi-dung', 'text/plain; charset=utf-8', '# x', 403],
      ['/admin/nguoi-dung', 'application/json', '{"action":"create"}', 415],
      ['/admin/nguoi-dung', 'application/x-www-form-urlencoded', `_csrf=${csrfToken}&action=create&email=x%40y.vn`, 403],
    ] as const;
    for (const [path, type, body, status] of cases) {
      const res = await call(path, { method: 'POST', headers: { Cookie: cookie, Referer: referer, 'X-CSRF-Token': csrfToken, 'Content-Type': type }, body });
      expect((await answer(res)).status, `${referer} ${path} ${type}`).toBe(status);
    }
  }
});
