// Reader pages per site, built Worker: four sites in one D1 (the first at http://cms.test, a province
// with two communes, an archived site), content made through the API on each site's own host. Each
// header shows its own name, "Cơ quan chủ quản" line, logo and colour; an archived site says so on
// every page and offers no sign-in; the province's home rolls up its communes' news ("Tin từ cơ sở",
// linking to the communes' own URLs, never a draft), as do /tin-tu-co-so and its feeds; a featured
// commune article is a reference that follows its origin; a commune shows only its own news.
import { env, exports } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { database } from '../../functions/data/db.ts';
import { createSession } from '../../functions/data/sessions.ts';
import { archiveSite, createSite } from '../../functions/data/sites.ts';
import { createToken } from '../../functions/data/tokens.ts';
import { createUser } from '../../functions/data/users.ts';
import { ORIGIN } from '../support/api.ts';
import { BROWSER_UA } from '../support/stats.ts';

const U = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
const PAGE = { 'User-Agent': BROWSER_UA, Accept: 'text/html' };

interface Fixture {
  id: number;
  name: string;
  origin: string;
  token: string;
}
interface Posted {
  id: number;
  slug: string;
  title: string;
  etag: string;
}

const at = (url: string, init: RequestInit = {}) => exports.default.fetch(new Request(url, { redirect: 'manual', ...init }));
const html = async (url: string) => {
  const res = await at(url, { headers: PAGE });
  expect(res.status, url).toBe(200);
  return res.text();
};

async function post(site: Fixture, body: Record<string, unknown>): Promise<Posted> {
  const res = await at(`${site.origin}/api/v1/articles`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${site.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ category: 'tin-tuc-su-kien', body: 'Nội dung bài viết.', ...body }),
  });
  const text = await res.text();
  if (res.status !== 201) throw new Error(`POST on ${site.origin} -> ${res.status}: ${text.slice(0, 300)}`);
  const a = JSON.parse(text) as Posted;
  return { id: a.id, slug: a.slug, title: a.title, etag: res.headers.get('ETag')! };
}

async function patch(site: Fixture, article: Posted, body: Record<string, unknown>): Promise<Posted> {
  const res = await at(`${site.origin}/api/v1/articles/${article.slug}`, {
    method: 'PATCH',
    headers: { Authorization: `Bearer ${site.token}`, 'Content-Type': 'application/json', 'If-Match': article.etag },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`PATCH -> ${res.status}: ${text.slice(0, 300)}`);
  const a = JSON.parse(text) as Posted;
  return { id: a.id, slug: a.slug, title: a.title, etag: res.headers.get('ETag')! };
}

async function site(input: Parameters<typeof createSite>[1]): Promise<Fixture> {
  const db = database(env.DB);
  const s = await createSite(db, input);
  return { id: s.id, name: s.name, origin: `http://${s.hosts[0]}`, token: (await createToken(db, s.id, `t-${U}`, ['read', 'write'])).token };
}

/** The "Tin từ cơ sở" section of a home page, or null. */
const rollupSection = (page: string) => /<section class="panel rollup-section"[\s\S]*?<\/section>/.exec(page)?.[0] ?? null;
/** Titles of the featured items of a roll-up section. */
const featuredTitles = (section: string) => [...section.matchAll(/<li class="teaser featured">[\s\S]*?<a href="[^"]+">([^<]*)<\/a>/g)].map((m) => m[1]!);
const brandName = (page: string) => /<span class="brand-name">([^<]*)<\/span>/.exec(page)?.[1];
const linksOf = (text: string) => [...text.matchAll(/href="([^"]+)"/g)].map((m) => m[1]!);

let first: Fixture;
let province: Fixture;
let a: Fixture;
let b: Fixture;
let archived: Fixture;
const posts = {} as Record<'province' | 'a1' | 'a2' | 'aDraft' | 'aLater' | 'b1' | 'first' | 'archived', Posted>;

beforeAll(async () => {
  const db = database(env.DB);
  await env.DB.prepare("INSERT OR IGNORE INTO categories (site_id, slug, name, position) VALUES (1, 'tin-tuc-su-kien', 'Tin tức - Sự kiện', 0)").run();
  first = { id: 1, name: env.SITE_NAME, origin: ORIGIN, token: (await createToken(db, 1, `t1-${U}`, ['read', 'write'])).token };
  province = await site({ name: `Cổng thông tin tỉnh ${U}`, subtitle: `Cơ quan chủ quản: UBND tỉnh ${U}`, hosts: [`tinh-${U}.test`], primaryColor: '#1D4F91', logoKey: '2026/07/logo-tinh.png' });
  a = await site({ name: `Cổng thông tin xã A ${U}`, subtitle: `Cơ quan chủ quản: UBND xã A ${U}`, hosts: [`xa-a-${U}.test`], parentId: province.id, primaryColor: '#ffee00' });
  b = await site({ name: `Cổng thông tin xã B ${U}`, hosts: [`xa-b-${U}.test`], parentId: province.id });
  archived = await site({ name: `Cổng thông tin huyện cũ ${U}`, hosts: [`luu-${U}.test`] });
  posts.first = await post(first, { title: `Tin trang một ${U}`, status: 'published' });
  posts.province = await post(province, { title: `Tin của tỉnh ${U}`, status: 'published' });
  posts.a1 = await post(a, { title: `Tin xã A thứ nhất ${U}`, summary: `Tóm tắt xã A ${U}.`, status: 'published' });
  posts.b1 = await post(b, { title: `Tin xã B ${U}`, status: 'published' });
  posts.a2 = await post(a, { title: `Tin xã A thứ hai ${U}`, status: 'published' });
  posts.aDraft = await post(a, { title: `Bản nháp xã A ${U}`, status: 'draft' });
  posts.aLater = await post(a, { title: `Tin hẹn giờ xã A ${U}`, status: 'scheduled', publishAt: new Date(Date.now() + 86_400_000).toISOString() });
  posts.archived = await post(archived, { title: `Tin lưu trữ ${U}`, status: 'published' });
  await archiveSite(db, archived.id);
});

describe('each site looks like its own', () => {
  it('the header shows the site\'s own name, "Cơ quan chủ quản" line, logo and colour', async () => {
    const p = await html(`${province.origin}/`);
    expect(brandName(p)).toBe(province.name);
    expect(p).toContain(`<p class="brand-tag">Cơ quan chủ quản: UBND tỉnh ${U}</p>`);
    expect(p).toContain('<img src="/media/2026/07/logo-tinh.png" alt="" width="48" height="48">');
    expect(p).toContain('html:root{--red:#1d4f91;');
    expect(p).toContain('<meta name="theme-color" content="#1d4f91">');
    expect(p).toContain(`<title>${province.name}</title>`);

    const pa = await html(`${a.origin}/bai-viet/${posts.a1.slug}`);
    expect(brandName(pa)).toBe(a.name);
    expect(pa).toContain(`Cơ quan chủ quản: UBND xã A ${U}`);
    expect(pa).not.toContain(province.name);
    // A light colour is darkened until the header's gold name stays readable (4.5:1).
    const color = /html:root\{--red:(#[0-9a-f]{6});/.exec(pa)?.[1];
    expect(color).toBeDefined();
    expect(color).not.toBe('#ffee00');
    expect(pa).toContain('<svg viewBox="0 0 48 48"'); // no logo: the drawn emblem

    const one = await html(`${ORIGIN}/`);
    expect(brandName(one)).toBe(env.SITE_NAME);
    expect(one).not.toContain('html:root{');
  });

  it('an archived site says "Trang lưu trữ" on every page and offers no sign-in; active sites do not', async () => {
    for (const path of ['/', `/bai-viet/${posts.archived.slug}`, '/chuyen-muc/tin-tuc-su-kien', '/tim-kiem?q=tin', '/khong-co-trang-nay']) {
      const res = await at(`${archived.origin}${path}`, { headers: PAGE });
      expect([200, 404], path).toContain(res.status);
      const page = await res.text();
      expect(page, path).toContain('<strong>Trang lưu trữ</strong>');
      expect(page, path).not.toContain('href="/admin/login"');
    }
    for (const origin of [province.origin, a.origin, ORIGIN]) {
      const page = await html(`${origin}/`);
      expect(page, origin).not.toContain('Trang lưu trữ');
      expect(page, origin).toContain('href="/admin/login"');
    }
  });
});

describe('a province rolls up its communes', () => {
  it('its home shows the communes\' articles in "Tin từ cơ sở", each linking to its commune\'s URL, never a draft', async () => {
    const page = await html(`${province.origin}/`);
    const section = rollupSection(page);
    expect(section).not.toBeNull();
    expect(section).toContain('Tin từ cơ sở');
    for (const [post, commune] of [[posts.a1, a], [posts.a2, a], [posts.b1, b]] as const) {
      expect(section).toContain(`<a href="${commune.origin}/bai-viet/${post.slug}">${post.title}</a>`);
    }
    // The commune's place name ("Cổng thông tin xã A" -> "Xã A").
    expect(section).toContain(`<span class="commune">Xã A ${U}</span>`);
    expect(section).toContain(`<span class="commune">Xã B ${U}</span>`);
    expect(section).toContain(`Tóm tắt xã A ${U}.`);
    // Newest first: A's second article was written after B's.
    expect(section!.indexOf(posts.a2.title)).toBeLessThan(section!.indexOf(posts.b1.title));
    expect(section!.indexOf(posts.b1.title)).toBeLessThan(section!.indexOf(posts.a1.title));
    for (const hidden of [posts.aDraft, posts.aLater, posts.province, posts.first, posts.archived]) expect(section, hidden.title).not.toContain(hidden.title);
    expect(page).not.toContain(posts.aDraft.title);
    expect(page).not.toContain(posts.aLater.title);
    // Its own news stays in its own list, and its menu leads to the roll-up page.
    expect(page).toContain(`>${posts.province.title}</a>`);
    expect(page).toContain('<a href="/tin-tu-co-so">Tin từ cơ sở</a>');
  });

  it('/tin-tu-co-so lists them with the communes\' names, paged by cursor, with its JSON Feed and RSS', async () => {
    const page = await html(`${province.origin}/tin-tu-co-so`);
    expect(page).toContain('<h1 id="tieu-de">Tin từ cơ sở</h1>');
    expect(page).toContain(`<link rel="canonical" href="${province.origin}/tin-tu-co-so">`);
    expect(page).toContain(`href="${province.origin}/tin-tu-co-so/feed.json"`);
    for (const [post, commune] of [[posts.a1, a], [posts.a2, a], [posts.b1, b]] as const) {
      expect(page).toContain(`<a href="${commune.origin}/bai-viet/${post.slug}">${post.title}</a>`);
    }
    expect(page).not.toContain(posts.aDraft.title);
    expect(page).not.toContain(posts.province.title);

    const feed = await at(`${province.origin}/tin-tu-co-so/feed.json`);
    expect(feed.status).toBe(200);
    expect(feed.headers.get('Content-Type')).toContain('application/feed+json');
    const json = (await feed.json()) as { title: string; home_page_url: string; items: { id: string; url: string; title: string; tags: string[] }[] };
    expect(json.title).toBe(`Tin từ cơ sở – ${province.name}`);
    expect(json.home_page_url).toBe(`${province.origin}/tin-tu-co-so`);
    const expected = [`${a.origin}/bai-viet/${posts.a2.slug}`, `${b.origin}/bai-viet/${posts.b1.slug}`, `${a.origin}/bai-viet/${posts.a1.slug}`];
    expect(json.items.map((i) => i.url).filter((url) => expected.includes(url)), 'newest first').toEqual(expected);
    expect(json.items.every((i) => i.url.startsWith(a.origin) || i.url.startsWith(b.origin))).toBe(true);
    const item = json.items.find((i) => i.title === posts.a2.title)!;
    expect(item.id).toBe(`${a.origin}/bai-viet/id/${posts.a2.id}`);
    expect(item.tags[0]).toBe(a.name);

    const rss = await at(`${province.origin}/tin-tu-co-so/rss.xml`);
    expect(rss.status).toBe(200);
    const xml = await rss.text();
    expect(xml).toContain(`<link>${a.origin}/bai-viet/${posts.a1.slug}</link>`);
    expect(xml).toContain(`<source url="${b.origin}/rss.xml">${b.name}</source>`);
    for (const text of [JSON.stringify(json), xml]) {
      expect(text).not.toContain(posts.aDraft.title);
      expect(text).not.toContain(posts.aLater.title);
      expect(text).not.toContain(posts.province.title);
    }
  });

  it('pages of 12 with links both ways; a cursor not ours is 404', async () => {
    // A province of its own, so the other tests' sections stay as they are.
    const other = await site({ name: `Tỉnh phân trang ${U}`, hosts: [`tinh-trang-${U}.test`] });
    const c = await site({ name: `Xã C ${U}`, hosts: [`xa-c-${U}.test`], parentId: other.id });
    const many: Posted[] = [];
    for (let i = 0; i < 14; i++) many.push(await post(c, { title: `Tin loạt ${i} xã C ${U}`, status: 'published' }));
    const page1 = await html(`${other.origin}/tin-tu-co-so`);
    const older = /<a href="(\/tin-tu-co-so\?sau=[^"]+)" rel="next">/.exec(page1)?.[1];
    expect(older).toBeDefined();
    expect(page1).not.toContain('rel="prev"');
    for (const p of many.slice(2)) expect(page1).toContain(`>${p.title}</a>`);
    for (const p of many.slice(0, 2)) expect(page1).not.toContain(`>${p.title}</a>`);
    const page2 = await html(`${other.origin}${older!.replaceAll('&amp;', '&')}`);
    for (const p of many.slice(0, 2)) expect(page2).toContain(`>${p.title}</a>`);
    expect(page2).not.toContain(`>${many[2]!.title}</a>`);
    expect(page2).toContain('<a href="/tin-tu-co-so" rel="prev">');
    expect(page2).not.toContain('rel="next"');
    expect((await at(`${other.origin}/tin-tu-co-so?sau=khong-phai`, { headers: PAGE })).status).toBe(404);
  });

  it('a site without communes has no roll-up: no section, and 404 for the page and its feeds', async () => {
    for (const origin of [a.origin, ORIGIN]) {
      expect(rollupSection(await html(`${origin}/`)), origin).toBeNull();
      for (const path of ['/tin-tu-co-so', '/tin-tu-co-so/feed.json', '/tin-tu-co-so/rss.xml']) {
        expect((await at(`${origin}${path}`, { headers: PAGE })).status, origin + path).toBe(404);
      }
    }
  });
});

describe('featuring', () => {
  async function provinceEditor() {
    const db = database(env.DB);
    const id = await createUser(db, { email: `bientap-${U}-${Math.random().toString(36).slice(2)}@tinh.test`, name: 'Biên tập tỉnh', role: 'editor', siteId: province.id, password: 'mat-khau-bien-tap-tinh' });
    const session = await createSession(db, id, new Date());
    return { cookie: `bt_session=${session.id}`, csrf: session.csrfToken };
  }
  const feature = (who: { cookie: string; csrf: string }, action: 'feature' | 'unfeature', id: number, csrf = who.csrf) => at(`${ORIGIN}/admin/tin-co-so`, {
    method: 'POST',
    headers: { Cookie: who.cookie, Origin: ORIGIN, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: csrf, action, id: String(id) }).toString(),
  });

  it('a province editor features a commune article from the admin; the home shows the origin\'s live title first, and drops it with the origin', async () => {
    const editor = await provinceEditor();
    const origin = await post(a, { title: `Tin xã A để nổi bật ${U}`, status: 'published' });
    const list = await at(`${ORIGIN}/admin/tin-co-so`, { headers: { Cookie: editor.cookie } });
    expect(list.status).toBe(200);
    const admin = await list.text();
    expect(admin).toContain('href="/admin/tin-co-so" aria-current="page"');
    expect(admin).toContain(`<a href="${a.origin}/bai-viet/${origin.slug}">${origin.title}</a>`);
    expect(admin).not.toContain(posts.aDraft.title);

    expect((await feature(editor, 'feature', origin.id, 'sai-ma')).status, 'without the CSRF token').toBe(403);
    expect((await feature(editor, 'feature', posts.aDraft.id)).status, 'a draft').toBe(404);
    expect((await feature(editor, 'feature', posts.province.id)).status, 'not a commune\'s').toBe(404);
    expect((await feature(editor, 'feature', posts.first.id)).status, 'another site\'s').toBe(404);
    const done = await feature(editor, 'feature', origin.id);
    expect(done.status).toBe(200);
    expect(await done.text()).toContain('Đã đưa tin lên nổi bật trên trang chủ.');

    let section = rollupSection(await html(`${province.origin}/`))!;
    expect(featuredTitles(section)).toContain(origin.title);
    expect(section.indexOf(origin.title), 'featured first').toBeLessThan(section.indexOf('<li class="teaser">'));

    // A reference, not a copy: the commune edits its article, the province shows the new title.
    const renamed = await patch(a, origin, { title: `Tiêu đề mới xã A ${U}`, slug: origin.slug });
    section = rollupSection(await html(`${province.origin}/`))!;
    expect(section).toContain(`<a href="${a.origin}/bai-viet/${renamed.slug}">Tiêu đề mới xã A ${U}</a>`);
    expect(featuredTitles(section)).toContain(`Tiêu đề mới xã A ${U}`);
    expect(section).not.toContain(origin.title);

    // Unpublished at the origin: gone from the province (featured or not), and from the admin's featured list.
    await patch(a, renamed, { status: 'draft' });
    expect(await html(`${province.origin}/`)).not.toContain(`Tiêu đề mới xã A ${U}`);
    expect(await (await at(`${ORIGIN}/admin/tin-co-so`, { headers: { Cookie: editor.cookie } })).text()).not.toContain(`Tiêu đề mới xã A ${U}`);
  });

  it('unfeaturing takes it off the top; contributors and sites without communes cannot feature', async () => {
    const editor = await provinceEditor();
    const origin = await post(b, { title: `Tin xã B để nổi bật ${U}`, status: 'published' });
    expect((await feature(editor, 'feature', origin.id)).status).toBe(200);
    expect(featuredTitles(rollupSection(await html(`${province.origin}/`))!)).toContain(origin.title);
    expect((await feature(editor, 'unfeature', origin.id)).status).toBe(200);
    const section = rollupSection(await html(`${province.origin}/`))!;
    expect(featuredTitles(section)).not.toContain(origin.title);
    expect(section).toContain(`>${origin.title}</a>`); // still among the newest, not on top

    const db = database(env.DB);
    const contributorId = await createUser(db, { email: `ctv-${U}@tinh.test`, name: 'Cộng tác viên', role: 'contributor', siteId: province.id, password: 'mat-khau-cong-tac-vien' });
    const contributor = await createSession(db, contributorId, new Date());
    const refused = await feature({ cookie: `bt_session=${contributor.id}`, csrf: contributor.csrfToken }, 'feature', origin.id);
    expect(refused.status).toBe(403);
    const communeEditorId = await createUser(db, { email: `bt-xa-${U}@xa.test`, name: 'Biên tập xã', role: 'editor', siteId: a.id, password: 'mat-khau-bien-tap-xa' });
    const communeEditor = await createSession(db, communeEditorId, new Date());
    expect((await feature({ cookie: `bt_session=${communeEditor.id}`, csrf: communeEditor.csrfToken }, 'feature', origin.id)).status).toBe(404);
    expect(await (await at(`${ORIGIN}/admin`, { headers: { Cookie: `bt_session=${communeEditor.id}` } })).text()).not.toContain('/admin/tin-co-so');
  });
});

describe('a commune shows only its own news', () => {
  it('never the province\'s or a sibling\'s articles, on its home, lists and search', async () => {
    const home = await html(`${a.origin}/`);
    expect(home).toContain(posts.a2.title);
    const lists = [home, await html(`${a.origin}/chuyen-muc/tin-tuc-su-kien`), await html(`${a.origin}/tim-kiem?q=tin`)];
    for (const page of lists) {
      for (const other of [posts.province, posts.b1, posts.first, posts.archived]) expect(page).not.toContain(other.title);
      expect(linksOf(page).filter((l) => l.startsWith('http') && !l.startsWith(a.origin)).filter((l) => /\.test/.test(l))).toEqual([]);
    }
    const bHome = await html(`${b.origin}/`);
    expect(bHome).toContain(posts.b1.title);
    expect(bHome).not.toContain(posts.a2.title);
  });
});
