// Menus, two-level categories and tags through the BUILT Worker (real middleware, Astro pages and edge
// cache): the header shows the site's categories until it has a menu, and the new menu at once after an
// editor's change although the page was cached (the generation moves); a parent's submenu and page;
// breadcrumbs; renamed categories and tags (and merged tags) answering 301, feeds too; the /the index;
// the admin pages for editors, 403 for contributors, and their refusals shown in Vietnamese.
import { env, exports } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { listCategories, type Category } from '../../functions/data/categories.ts';
import { database } from '../../functions/data/db.ts';
import { createSession } from '../../functions/data/sessions.ts';
import { createSite, type SiteDetails } from '../../functions/data/sites.ts';
import { createUser, setSiteRole } from '../../functions/data/users.ts';
import { MENU, TAGS } from '../../site/admin/strings.ts';
import { unique } from '../support/api.ts';
import { json, tokenOf } from '../support/cross-site.ts';

const ADMIN = 'http://cms.test';
const db = database(env.DB);

interface Person { id: number; cookie: string; csrf: string }

const at = (url: string, init: RequestInit = {}) => exports.default.fetch(new Request(url, { redirect: 'manual', ...init }));
const get = (p: Person, path: string) => at(ADMIN + path, { headers: { Cookie: p.cookie } });
const post = (p: Person, path: string, fields: Record<string, string>) =>
  at(ADMIN + path, {
    method: 'POST',
    headers: { Cookie: p.cookie, Origin: ADMIN, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: p.csrf, ...fields }).toString(),
  });

async function person(siteId: number, role: 'admin' | 'editor' | 'contributor'): Promise<Person> {
  const email = `${unique('nguoi')}@dongy.gov.vn`;
  const id = await createUser(db, { email, name: 'Người thử', password: 'mat-khau-nhieu-trang-web' });
  await setSiteRole(db, { actorId: null, userId: id, siteId, role, now: new Date() });
  const { id: sid, csrfToken } = await createSession(db, id, new Date());
  return { id, cookie: `bt_session=${sid}`, csrf: csrfToken };
}

/** The header's menu as [label, [child labels]], read from the page's HTML. */
function menuOf(html: string): [string, string[]][] {
  const nav = /<nav class="menu"[\s\S]*?<\/nav>/.exec(html)?.[0] ?? '';
  const top = /<div class="wrap">\s*<ul>([\s\S]*)<\/ul>\s*<\/div>/.exec(nav)?.[1] ?? '';
  const items: [string, string[]][] = [];
  for (const m of top.matchAll(/<li[^>]*>\s*<a [^>]*>([^<]*)<\/a>(?:\s*<ul class="submenu">([\s\S]*?)<\/ul>)?\s*<\/li>/g)) {
    items.push([m[1]!, [...(m[2] ?? '').matchAll(/<a [^>]*>([^<]*)<\/a>/g)].map((c) => c[1]!)]);
  }
  return items;
}

const crumbsOf = (html: string) => [...(/<nav class="crumbs"[\s\S]*?<\/nav>/.exec(html)?.[0] ?? '').matchAll(/<(?:a[^>]*|span aria-current="page")>([^<]*)</g)].map((m) => m[1]);

let s: SiteDetails;
let origin: string;
let editor: Person;
let categories: Category[];

beforeAll(async () => {
  s = await createSite(db, { name: `Xã menu ${unique('m')}`, hosts: [`${unique('xa-menu')}.test`] });
  origin = `http://${s.hosts[0]}`;
  editor = await person(s.id, 'editor');
  categories = await listCategories(db, s.id, new Date());
});

/** A published article of the site through the API (as a newsroom's client writes), in the category with the tags. */
async function article(category: Category, tags: string[], site: SiteDetails = s): Promise<{ slug: string }> {
  const res = await at(`http://${site.hosts[0]}/api/v1/articles`, json('POST', await tokenOf(site.id, 'read write'), { title: `Bài ${unique('b')}`, body: 'Nội dung.', category: category.slug, tags, status: 'published' }));
  expect(res.status, await res.clone().text()).toBe(201);
  return ((await res.json()) as { slug: string });
}

describe('the header menu', () => {
  it('shows the categories until the site has a menu, then the menu at once (the cached page moves with it), reordered with the no-JS buttons', async () => {
    const home = async () => menuOf(await (await at(`${origin}/`)).text());
    const [first, second] = categories;
    expect((await home()).map(([label]) => label)).toEqual(['Trang chủ', ...categories.map((c) => c.name), 'Văn bản']);
    await home(); // now in the edge cache

    expect((await post(editor, '/admin/menu', { action: 'add', kind: 'category', categoryId: String(second!.id), label: '' })).status).toBe(200);
    expect((await post(editor, '/admin/menu', { action: 'add', kind: 'link', url: 'https://dichvucong.gov.vn/', label: 'Dịch vụ công' })).status).toBe(200);
    expect((await post(editor, '/admin/menu', { action: 'add', kind: 'category', categoryId: String(first!.id), label: 'Tin chính' })).status).toBe(200);
    expect(await home()).toEqual([['Trang chủ', []], [second!.name, []], ['Dịch vụ công', []], ['Tin chính', []], ['Văn bản', []]]);

    const ids = (await env.DB.prepare('SELECT id FROM menu_items WHERE site_id = ? ORDER BY position').bind(s.id).all<{ id: number }>()).results.map((r) => r.id);
    const moved = await post(editor, '/admin/menu', { action: 'move', id: String(ids[1]), direction: 'indent' });
    expect(moved.status).toBe(200);
    expect(await moved.text()).toContain(MENU.movedText);
    expect((await post(editor, '/admin/menu', { action: 'move', id: String(ids[2]), direction: 'up' })).status).toBe(200);
    const menu = await home();
    expect(menu).toEqual([['Trang chủ', []], ['Tin chính', []], [second!.name, ['Dịch vụ công']], ['Văn bản', []]]);

    // A third level is refused on the page, next to the item, in Vietnamese.
    const deeper = await post(editor, '/admin/menu', { action: 'move', id: String(ids[1]), direction: 'indent' });
    expect(deeper.status).toBe(422);
    expect(await deeper.text()).toContain(`<p class="field-error" id="muc-${ids[1]}-loi">${MENU.tooDeep}</p>`);
    const bad = await post(editor, '/admin/menu', { action: 'add', kind: 'link', url: 'javascript:alert(1)', label: 'X' });
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain(`<p class="field-error" id="menu-lk-url-loi">${MENU.urlInvalid}</p>`);
  });
});

describe('two-level categories', () => {
  it('a parent lists its children\'s articles and links them; breadcrumbs name the parent; a renamed slug answers 301, feeds too', async () => {
    // A site of its own: without a menu of its own, its header shows the categories, the child under its parent.
    const t = await createSite(db, { name: `Xã chuyên mục ${unique('c')}`, hosts: [`${unique('xa-cm')}.test`] });
    const origin = `http://${t.hosts[0]}`;
    const [, , parent, child] = await listCategories(db, t.id, new Date());
    const admin = await person(t.id, 'admin');
    expect((await post(admin, '/admin/chuyen-muc', { action: 'parent', id: String(child!.id), parent: String(parent!.id) })).status).toBe(200);
    const written = await article(child!, [], t);
    const page = await (await at(`${origin}/chuyen-muc/${parent!.slug}`)).text();
    expect(page).toContain(`href="/bai-viet/${written.slug}"`);
    expect(page).toMatch(new RegExp(`<nav class="subcategories"[^>]*>\\s*<ul><li><a href="/chuyen-muc/${child!.slug}">`));
    expect(crumbsOf(await (await at(`${origin}/chuyen-muc/${child!.slug}`)).text())).toEqual(['Trang chủ', parent!.name, child!.name]);
    expect(crumbsOf(await (await at(`${origin}/bai-viet/${written.slug}`)).text())).toEqual(['Trang chủ', parent!.name, child!.name]);
    const menu = menuOf(await (await at(`${origin}/chuyen-muc/${child!.slug}`)).text());
    expect(menu.find(([label]) => label === parent!.name)).toEqual([parent!.name, [child!.name]]);
    expect(menu.find(([label]) => label === child!.name)).toBeUndefined();

    const renamed = await post(admin, '/admin/chuyen-muc', { action: 'rename', id: String(child!.id), name: child!.name, slug: `${child!.slug}-moi` });
    expect(renamed.status).toBe(200);
    for (const [from, to] of [['', ''], ['/feed.json', '/feed.json'], ['/rss.xml', '/rss.xml']]) {
      const res = await at(`${origin}/chuyen-muc/${child!.slug}${from}`);
      expect(res.status, from).toBe(301);
      expect(res.headers.get('Location'), from).toBe(`${from ? origin : ''}/chuyen-muc/${child!.slug}-moi${to}`);
    }
    expect((await at(`${origin}/chuyen-muc/${child!.slug}-moi`)).status).toBe(200);
    expect((await at(`${origin}/chuyen-muc/khong-co-${unique('x')}`)).status).toBe(404);
  });
});

describe('tags', () => {
  it('/the lists them alphabetically with counts; renamed and merged tags answer 301', async () => {
    const [c] = categories;
    await article(c!, ['Đường sá', 'An toàn giao thông']);
    await article(c!, ['Du lịch', 'An toàn giao thông']);
    const index = await (await at(`${origin}/the`)).text();
    const listed = [...index.matchAll(/<li><a href="\/the\/([^"]+)" aria-label="([^"]+)">/g)].map((m) => m[2]);
    expect(listed).toEqual(['An toàn giao thông: 2 bài viết', 'Du lịch: 1 bài viết', 'Đường sá: 1 bài viết']);
    const ids = Object.fromEntries((await env.DB.prepare('SELECT id, slug FROM tags WHERE site_id = ?').bind(s.id).all<{ id: number; slug: string }>()).results.map((r) => [r.slug, r.id]));

    const renamed = await post(editor, '/admin/the', { action: 'rename', id: String(ids['duong-sa']), name: 'Đường bộ', slug: 'duong-bo' });
    expect(renamed.status).toBe(200);
    expect(await renamed.text()).toContain(TAGS.renamed('Đường bộ'));
    let res = await at(`${origin}/the/duong-sa`);
    expect([res.status, res.headers.get('Location')]).toEqual([301, '/the/duong-bo']);
    res = await at(`${origin}/the/duong-sa/rss.xml`);
    expect([res.status, res.headers.get('Location')]).toEqual([301, `${origin}/the/duong-bo/rss.xml`]);

    const merged = await post(editor, '/admin/the', { action: 'merge', from: String(ids['duong-sa']), into: String(ids['du-lich']) });
    expect(merged.status).toBe(200);
    for (const old of ['duong-sa', 'duong-bo']) {
      res = await at(`${origin}/the/${old}`);
      expect([res.status, res.headers.get('Location')], old).toEqual([301, '/the/du-lich']);
    }
    expect(await (await at(`${origin}/the/du-lich`)).text()).toContain('2 bài viết');
    const same = await post(editor, '/admin/the', { action: 'merge', from: String(ids['du-lich']), into: String(ids['du-lich']) });
    expect(same.status).toBe(422);
    expect(await same.text()).toContain(`<p class="field-error" id="gop-the-loi">${TAGS.sameTag}</p>`);
  });
});

describe('who manages them', () => {
  it('editors have the pages and their menu entries; contributors get 403 and no entry', async () => {
    const contributor = await person(s.id, 'contributor');
    for (const path of ['/admin/menu', '/admin/the', '/admin/chuyen-muc']) {
      expect((await get(editor, path)).status, path).toBe(200);
      expect((await get(contributor, path)).status, path).toBe(403);
      expect((await post(contributor, path, { action: 'add', kind: 'link', url: '/x', label: 'X' })).status, path).toBe(403);
    }
    const nav = (html: string) => /<nav class="admin-nav"[\s\S]*?<\/nav>/.exec(html)?.[0] ?? '';
    const mine = nav(await (await get(editor, '/admin')).text());
    for (const href of ['/admin/menu', '/admin/the', '/admin/chuyen-muc']) expect(mine).toContain(`href="${href}"`);
    const theirs = nav(await (await get(contributor, '/admin')).text());
    for (const href of ['/admin/menu', '/admin/the', '/admin/chuyen-muc']) expect(theirs).not.toContain(`href="${href}"`);
  });
});
