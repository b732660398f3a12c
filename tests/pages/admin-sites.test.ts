// The admin of many sites through the BUILT Worker (real middleware and pages): served on the platform's
// first host only (other hosts 303/307 there), the site switcher (only the account's sites, archived ones
// hidden from editors; switching changes what the pages work on), archived sites (editors cannot sign in,
// with the message on the form; admins open them read-only), the platform admins' pages refused to site
// admins, role changes logged and shown on the users page, and the categories page with its errors.
// Isolation of articles, tokens and users between sites: tests/pages/cross-site.test.ts.
import { env, exports } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { ONLY_ARCHIVED_SITES } from '../../functions/auth/sign-in.ts';
import { database } from '../../functions/data/db.ts';
import { createSession } from '../../functions/data/sessions.ts';
import { archiveSite, createSite, type SiteDetails } from '../../functions/data/sites.ts';
import { createUser, setSiteRole } from '../../functions/data/users.ts';
import { CATEGORIES, SITES } from '../../site/admin/strings.ts';
import { unique } from '../support/api.ts';

const ADMIN = 'http://cms.test';
const PASSWORD = 'mat-khau-nhieu-trang-web';
const db = database(env.DB);

interface Person {
  id: number;
  email: string;
  cookie: string;
  csrf: string;
}

const at = (url: string, init: RequestInit = {}) => exports.default.fetch(new Request(url, { redirect: 'manual', ...init }));
const get = (p: Person, path: string) => at(ADMIN + path, { headers: { Cookie: p.cookie } });
const post = (p: Person, path: string, fields: Record<string, string>) =>
  at(ADMIN + path, {
    method: 'POST',
    headers: { Cookie: p.cookie, Origin: ADMIN, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: p.csrf, ...fields }).toString(),
  });
const login = (email: string) =>
  at(`${ADMIN}/admin/login`, {
    method: 'POST',
    headers: { Origin: ADMIN, 'Content-Type': 'application/x-www-form-urlencoded', 'CF-Connecting-IP': `10.44.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}` },
    body: new URLSearchParams({ email, password: PASSWORD }).toString(),
  });

async function person(roles: [number, 'admin' | 'editor' | 'contributor'][], platformAdmin = false): Promise<Person> {
  const email = `${unique('nguoi')}@dongy.gov.vn`;
  const id = await createUser(db, { email, name: `Người ${email.slice(0, 12)}`, password: PASSWORD, platformAdmin });
  for (const [siteId, role] of roles) await setSiteRole(db, { actorId: null, userId: id, siteId, role, now: new Date() });
  const { id: sid, csrfToken } = await createSession(db, id, new Date());
  return { id, email, cookie: `bt_session=${sid}`, csrf: csrfToken };
}

/** The site switcher's options as the layout renders them: [value, label, selected]. */
function switcherOf(html: string): [string, string, boolean][] {
  const select = /<select id="trang-lam-viec" name="site">([\s\S]*?)<\/select>/.exec(html)?.[1] ?? '';
  return [...select.matchAll(/<option value="(\d+)"( selected)?>([^<]*)<\/option>/g)].map((m) => [m[1]!, m[3]!, m[2] !== undefined]);
}

let province: SiteDetails;
let a: SiteDetails;
let b: SiteDetails;
let closed: SiteDetails;

beforeAll(async () => {
  province = await createSite(db, { name: `Tỉnh ${unique('t')}`, hosts: [`${unique('tinh')}.test`] });
  a = await createSite(db, { name: `Xã A ${unique('a')}`, hosts: [`${unique('xa-a')}.test`], parentId: province.id });
  b = await createSite(db, { name: `Xã B ${unique('b')}`, hosts: [`${unique('xa-b')}.test`], parentId: province.id });
  closed = await createSite(db, { name: `Huyện cũ ${unique('h')}`, hosts: [`${unique('huyen')}.test`] });
  closed = await archiveSite(db, closed.id);
});

describe('where the admin is served', () => {
  it('/admin under any path on another site\'s host goes to the same path on the first site\'s host (303 for GET, 307 otherwise)', async () => {
    const origin = `http://${a.hosts[0]}`;
    for (const path of ['/admin', '/admin/login', '/admin/bai-viet/12?q=x%20y', '/admin/khong-co-trang-nay']) {
      const res = await at(origin + path);
      expect(res.status, path).toBe(303);
      expect(res.headers.get('Location'), path).toBe(ADMIN + path);
      expect(res.headers.get('Cache-Control'), path).toContain('no-store');
    }
    // A browser's form POST carries its page's Origin (Astro refuses one without it before any middleware).
    const posted = await at(`${origin}/admin/chon-trang`, { method: 'POST', headers: { Origin: origin, 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'site=1' });
    expect(posted.status).toBe(307);
    expect(posted.headers.get('Location')).toBe(`${ADMIN}/admin/chon-trang`);
    // A cookie for the site's own host buys nothing there: the session is not even read.
    const editor = await person([[a.id, 'editor']]);
    expect((await at(`${origin}/admin/bai-viet`, { headers: { Cookie: editor.cookie } })).status).toBe(303);
    // Reader pages on that host are that site's, as before.
    expect((await at(`${origin}/`)).status).toBe(200);
    expect((await at(`${ADMIN}/admin/login`)).status).toBe(200);
  });
});

describe('the site switcher', () => {
  it('lists only the sites the account may work on (not an archived site of an editor), and switching moves every page', async () => {
    const editor = await person([[a.id, 'editor'], [b.id, 'contributor'], [closed.id, 'editor']]);
    const html = await (await get(editor, '/admin')).text();
    expect(switcherOf(html)).toEqual([[String(a.id), a.name, true], [String(b.id), b.name, false]]);
    expect(html).toContain('(Biên tập viên)');
    const moved = await post(editor, '/admin/chon-trang', { site: String(b.id) });
    expect(moved.status).toBe(303);
    expect(moved.headers.get('Location')).toBe('/admin');
    const after = await (await get(editor, '/admin/bai-viet')).text();
    expect(switcherOf(after).find((o) => o[2])?.[0]).toBe(String(b.id));
    expect(after).toContain('(Cộng tác viên)');
    // The archived site is not open to an editor, even asked for by hand.
    expect((await post(editor, '/admin/chon-trang', { site: String(closed.id) })).status).toBe(403);
    expect(await (await post(editor, '/admin/chon-trang', { site: String(province.id) })).text()).toContain(SITES.switchRefused);
  });

  it('offers platform admins every site, archived ones marked, and they may work on any', async () => {
    const platform = await person([], true);
    const options = switcherOf(await (await get(platform, '/admin')).text());
    const values = options.map((o) => o[0]);
    for (const s of [province, a, b, closed]) expect(values).toContain(String(s.id));
    expect(options[0]![2], 'the first site by default').toBe(true);
    expect(options.find((o) => o[0] === String(closed.id))?.[1]).toBe(`${closed.name} ${SITES.archivedMark}`);
    expect((await post(platform, '/admin/chon-trang', { site: String(closed.id) })).status).toBe(303);
  });
});

describe('an archived site', () => {
  it('its editors and contributors cannot sign in: 403 with the Vietnamese message on the form', async () => {
    const editor = await person([[closed.id, 'editor']]);
    const res = await login(editor.email);
    expect(res.status).toBe(403);
    expect(res.headers.get('Set-Cookie')).toBeNull();
    const html = await res.text();
    expect(html).toContain(ONLY_ARCHIVED_SITES);
    expect(html).toContain('id="loi-dang-nhap"');
    // With a role on an active site as well, they sign in (to that one).
    await setSiteRole(db, { actorId: null, userId: editor.id, siteId: a.id, role: 'contributor', now: new Date() });
    expect((await login(editor.email)).status).toBe(303);
  });

  it('its admins open it read-only: the notice, no category form, and writes refused with the message', async () => {
    const admin = await person([[closed.id, 'admin']]);
    expect((await login(admin.email)).status).toBe(303);
    const home = await (await get(admin, '/admin')).text();
    expect(home).toContain('id="trang-luu-tru"');
    expect(home).toContain(SITES.archivedNotice);
    const page = await (await get(admin, '/admin/chuyen-muc')).text();
    expect(page).not.toContain('id="them-chuyen-muc"');
    const refused = await post(admin, '/admin/chuyen-muc', { action: 'create', name: 'Sau khi lưu trữ' });
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain('Trang này đã được lưu trữ');
  });
});

describe('pages for platform admins only', () => {
  it('refuse a site\'s admin (403, no menu entry, nothing created) and serve a platform admin', async () => {
    const admin = await person([[a.id, 'admin']]);
    for (const path of ['/admin/cac-trang', `/admin/cac-trang/${a.id}`, '/admin/khoa-dang-nhap']) {
      const res = await get(admin, path);
      expect(res.status, path).toBe(403);
      expect(await res.text(), path).toContain(SITES.platformOnly);
    }
    const host = `${unique('cam')}.test`;
    expect((await post(admin, '/admin/cac-trang', { action: 'save', name: 'Không được', hosts: host })).status).toBe(403);
    expect((await at(`http://${host}/`)).status).toBe(404);
    expect((await post(admin, `/admin/cac-trang/${a.id}`, { action: 'archive' })).status).toBe(403);
    const menu = await (await get(admin, '/admin')).text();
    expect(menu).not.toContain('href="/admin/cac-trang"');
    expect(menu).not.toContain('href="/admin/khoa-dang-nhap"');
    expect(menu).toContain('href="/admin/nguoi-dung"');

    const platform = await person([], true);
    const list = await get(platform, '/admin/cac-trang');
    expect(list.status).toBe(200);
    expect(await list.text()).toContain(a.hosts[0]!);
    expect((await get(platform, '/admin/cac-trang/987654')).status).toBe(404);
    expect((await get(platform, '/admin/khoa-dang-nhap')).status).toBe(200);
  });

  it('a platform admin creates a site through the form: refusals shown by the field, then served at once', async () => {
    const platform = await person([], true);
    const host = `${unique('xa-moi')}.test`;
    const multipart = (fields: Record<string, string>) => {
      const form = new FormData();
      for (const [k, v] of Object.entries({ _csrf: platform.csrf, action: 'save', ...fields })) form.append(k, v);
      form.append('logo', new File([], ''));
      return at(`${ADMIN}/admin/cac-trang`, { method: 'POST', headers: { Cookie: platform.cookie, Origin: ADMIN }, body: form });
    };
    const refused = await multipart({ name: 'Xã Mới', hosts: `${host}:8080` });
    expect(refused.status).toBe(422);
    const html = await refused.text();
    expect(html).toMatch(/<p class="field-error" id="trang-ten-mien-loi">[^<]*cổng/);
    expect(html).toContain(`${host}:8080</textarea>`);
    expect((await at(`http://${host}/`)).status).toBe(404);
    const created = await multipart({ name: 'Xã Mới', hosts: host, parentId: String(province.id) });
    expect(created.status).toBe(200);
    expect(await created.text()).toContain(SITES.created('Xã Mới', host));
    expect((await at(`http://${host}/`)).status).toBe(200);
  });
});

describe('role changes', () => {
  it('are logged with who, whom, before and after, and listed on the users page of that site only', async () => {
    const admin = await person([[a.id, 'admin']]);
    const editor = await person([[a.id, 'editor'], [b.id, 'editor']]);
    const res = await post(admin, '/admin/nguoi-dung', { action: 'role', id: String(editor.id), role: 'contributor' });
    expect(res.status).toBe(200);
    const row = await env.DB.prepare('SELECT actor_id, site_id, before, after FROM role_changes WHERE user_id = ? ORDER BY id DESC LIMIT 1').bind(editor.id).first();
    expect(row).toEqual({ actor_id: admin.id, site_id: a.id, before: 'editor', after: 'contributor' });
    const page = await (await get(admin, '/admin/nguoi-dung')).text();
    const log = /<table id="nhat-ky-vai-tro">([\s\S]*?)<\/table>/.exec(page)?.[1] ?? '';
    expect(log).toMatch(new RegExp(`<td>${admin.email}</td>\\s*<td>${editor.email}</td>\\s*<td>Biên tập viên → Cộng tác viên</td>`));
    // B's users page does not show A's changes.
    const adminB = await person([[b.id, 'admin']]);
    expect(await (await get(adminB, '/admin/nguoi-dung')).text()).not.toContain('Biên tập viên → Cộng tác viên');
  });
});

describe('the categories page', () => {
  it('creates and renames the working site\'s categories, with errors shown by the field', async () => {
    const admin = await person([[a.id, 'admin']]);
    const empty = await post(admin, '/admin/chuyen-muc', { action: 'create', name: '' });
    expect(empty.status).toBe(422);
    expect(await empty.text()).toMatch(new RegExp(`<p class="field-error" id="cm-ten-loi">${CATEGORIES.nameRequired}</p>[\\s\\S]*aria-invalid="true"`));
    const taken = await post(admin, '/admin/chuyen-muc', { action: 'create', name: 'Thông báo' });
    expect(taken.status).toBe(422);
    expect(await taken.text()).toContain(`<p class="field-error" id="cm-slug-loi">${CATEGORIES.slugTaken}</p>`);
    const created = await post(admin, '/admin/chuyen-muc', { action: 'create', name: 'Nông thôn mới' });
    expect(created.status).toBe(200);
    const html = await created.text();
    expect(html).toContain(CATEGORIES.created('Nông thôn mới'));
    expect(html).toMatch(/<input id="slug-cm-\d+" name="slug"[^>]*value="nong-thon-moi"/);
    const id = (await env.DB.prepare("SELECT id FROM categories WHERE site_id = ? AND slug = 'nong-thon-moi'").bind(a.id).first<{ id: number }>())!.id;
    const blank = await post(admin, '/admin/chuyen-muc', { action: 'rename', id: String(id), name: ' ' });
    expect(blank.status).toBe(422);
    expect(await blank.text()).toContain(`<p class="field-error" id="ten-cm-${id}-loi">${CATEGORIES.nameRequired}</p>`);
    expect((await post(admin, '/admin/chuyen-muc', { action: 'rename', id: String(id), name: 'Xây dựng nông thôn mới' })).status).toBe(200);
    // The reader's menu of that site shows it at once; B's category of the same slug cannot be renamed from A.
    expect(await (await at(`http://${a.hosts[0]}/chuyen-muc/nong-thon-moi`)).text()).toContain('Xây dựng nông thôn mới');
    const ofB = (await env.DB.prepare('SELECT id, name FROM categories WHERE site_id = ? ORDER BY id LIMIT 1').bind(b.id).first<{ id: number; name: string }>())!;
    const forged = await post(admin, '/admin/chuyen-muc', { action: 'rename', id: String(ofB.id), name: 'Đổi trộm' });
    expect(forged.status).toBe(404);
    expect((await env.DB.prepare('SELECT name FROM categories WHERE id = ?').bind(ofB.id).first<{ name: string }>())!.name).toBe(ofB.name);
    // Contributors do not manage categories (admins and editors do: issue 12).
    const contributor = await person([[a.id, 'contributor']]);
    expect((await get(contributor, '/admin/chuyen-muc')).status).toBe(403);
  });
});
