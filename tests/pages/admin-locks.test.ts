// The sign-in locks page through the BUILT Worker: five wrong passwords on the real sign-in form
// lock the account (429, Retry-After), the lock shows on /admin/khoa-dang-nhap for platform admins only
// (accounts are global: editors and a site's admins get 403 and no menu entry), lifting it needs the
// CSRF token, and then the account signs in.
import { env } from 'cloudflare:workers';
import { expect, it } from 'vitest';
import { database } from '../../functions/data/db.ts';
import { createSession } from '../../functions/data/sessions.ts';
import { createUser } from '../../functions/data/users.ts';
import { call, ORIGIN, unique } from '../support/api.ts';

const PASSWORD = 'mat-khau-trang-khoa';

async function person(role: 'admin' | 'editor', platformAdmin = false) {
  const db = database(env.DB);
  const email = `${unique(role)}@dongy.gov.vn`;
  const id = await createUser(db, { email, name: `Người ${role}`, role, password: PASSWORD, platformAdmin });
  const { id: sid, csrfToken } = await createSession(db, id, new Date());
  return { email, cookie: `bt_session=${sid}`, csrfToken };
}

const login = (email: string, password: string) =>
  call('/admin/login', {
    method: 'POST',
    headers: { Origin: ORIGIN, 'Content-Type': 'application/x-www-form-urlencoded', 'CF-Connecting-IP': `10.7.${Math.floor(Math.random() * 250)}.1` },
    body: new URLSearchParams({ email, password }).toString(),
  });

it('lists a lock for platform admins only, lifts it with the CSRF token, and the account signs in again', async () => {
  const admin = await person('admin', true);
  const siteAdmin = await person('admin');
  const editor = await person('editor');
  const victim = await person('editor');
  const statuses = [];
  for (let i = 0; i < 5; i++) statuses.push((await login(victim.email, `sai-${i}-lan-roi`)).status);
  expect(statuses).toEqual([401, 401, 401, 401, 429]);
  const locked = await login(victim.email, PASSWORD);
  expect(locked.status).toBe(429);
  expect(Number(locked.headers.get('Retry-After'))).toBeGreaterThan(0);

  for (const other of [editor, siteAdmin]) {
    const refused = await call('/admin/khoa-dang-nhap', { headers: { Cookie: other.cookie } });
    expect(refused.status).toBe(403);
    expect(await call('/admin', { headers: { Cookie: other.cookie } }).then((r) => r.text())).not.toContain('/admin/khoa-dang-nhap');
  }

  const page = await call('/admin/khoa-dang-nhap', { headers: { Cookie: admin.cookie } });
  expect(page.status).toBe(200);
  const html = await page.text();
  expect(html).toContain('href="/admin/khoa-dang-nhap" aria-current="page"');
  const row = new RegExp(`<td>${victim.email.replace(/[.]/g, '\\.')}</td>\\s*<td>Tài khoản \\(trình duyệt lạ\\)</td>[\\s\\S]*?name="id" value="(\\d+)"`).exec(html);
  expect(row, 'the locked account is listed').not.toBeNull();

  const clear = (csrf: string) => call('/admin/khoa-dang-nhap', {
    method: 'POST',
    headers: { Cookie: admin.cookie, Origin: ORIGIN, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: csrf, action: 'clear', id: row![1]! }).toString(),
  });
  expect((await clear('sai-ma')).status, 'without the CSRF token').toBe(403);
  expect((await login(victim.email, PASSWORD)).status, 'still locked').toBe(429);
  const cleared = await clear(admin.csrfToken);
  expect(cleared.status).toBe(200);
  expect(await cleared.text()).toContain('Đã gỡ khóa đăng nhập.');

  const back = await login(victim.email, PASSWORD);
  expect(back.status).toBe(303);
  expect(back.headers.getSetCookie().map((c) => c.split('=')[0])).toEqual(['bt_session', 'bt_device']);
});
