// Menus, two-level categories and tags as the admin changes them (functions/data/menus.ts, tags.ts,
// category-admin.ts; site/admin/menu-admin.ts, categories.ts, tag-admin.ts), against the real local D1
// and the real write service: order and two levels, an unpublished page's item hidden, links checked,
// one site's menu never showing another's items, nesting rules, renames and merges keeping the old URL
// (the data the reader pages redirect with), counts, who may do it, and that every change moves the
// site's generation (so cached pages show it at once).
import { env, exports } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { commitSiteChange, importArticle } from '../../functions/articles/service.ts';
import { listCategories, movedCategorySlug, readCategory } from '../../functions/data/categories.ts';
import { latestChange } from '../../functions/data/content-changes.ts';
import { database } from '../../functions/data/db.ts';
import { listMenuItems, readNav, validLinkUrl } from '../../functions/data/menus.ts';
import { archiveSite, createSite, type SiteDetails } from '../../functions/data/sites.ts';
import { listTagCounts, movedTagSlug, planRenameTag, readerTags, tagSlugTaken } from '../../functions/data/tags.ts';
import { createUser, readUser, type User } from '../../functions/data/users.ts';
import { pages } from '../../schema/tables.ts';
import { SITE_ARCHIVED } from '../../site/admin/article-errors.ts';
import { categoriesAction } from '../../site/admin/categories.ts';
import { menuAction } from '../../site/admin/menu-admin.ts';
import { CATEGORIES, MENU, PEOPLE, TAGS, TEXT } from '../../site/admin/strings.ts';
import { tagAction } from '../../site/admin/tag-admin.ts';
import { unique } from '../support/api.ts';
import { loadCategoryPage, type CategoryPage } from '../../site/lib/list-pages.ts';
import type { SiteContext } from '../../site/lib/site.ts';

const db = database(env.DB);
const now = () => new Date();

const site = (): Promise<SiteDetails> => createSite(db, { name: 'Xã thử menu', hosts: [`${unique('menu')}.test`] });

async function person(siteId: number, role: 'admin' | 'editor' | 'contributor' = 'editor'): Promise<User> {
  const id = await createUser(db, { email: `${unique('nguoi')}@dongy.gov.vn`, name: 'Người thử', password: 'mat-khau-nhieu-trang', role, siteId });
  return (await readUser(db, id, siteId))!;
}

const form = (fields: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.append(k, v);
  return f;
};

async function page(siteId: number, title: string, published: boolean): Promise<number> {
  const [row] = await db.insert(pages).values({
    siteId, slug: unique('trang'), title, status: published ? 'published' : 'draft', publishedAt: published ? new Date(Date.now() - 60_000) : null,
  }).returning({ id: pages.id });
  return row!.id;
}

/** What a reader page of the site gets (site/lib/site.ts's siteContext, without Astro). */
const siteOf = (s: SiteDetails): SiteContext => ({ db, now: new Date(), id: s.id, name: s.name, origin: `http://${s.hosts[0]}`, childIds: [], site: s as unknown as SiteContext['site'] });

const seq = async (siteId: number) => (await latestChange(db, siteId))?.seq ?? 0;

/** An article of the site written by one of its editors, published two minutes ago (or a draft). */
async function article(siteId: number, categoryId: number, tags: string[], status: 'published' | 'draft' = 'published') {
  const author = await person(siteId);
  return importArticle(env.DB, siteId, { title: unique('Bài'), summary: '', body: 'Nội dung.', categoryId, tags, byline: '', cover: null, status }, { id: `user:${author.id}`, name: 'Thử' }, new Date(Date.now() - 120_000));
}

describe('the header menu', () => {
  it('keeps its order and two levels, moves with up/down/indent/outdent, and every change moves the generation', async () => {
    const s = await site();
    const editor = await person(s.id);
    const [tin, thongBao] = await listCategories(db, s.id, now());
    expect(await readNav(db, s.id, now())).toEqual([]);
    const additions: Record<string, string>[] = [
      { kind: 'category', categoryId: String(tin!.id), label: '' },
      { kind: 'category', categoryId: String(thongBao!.id), label: 'Thông báo mới' },
      { kind: 'link', url: 'https://dichvucong.gov.vn/', label: 'Dịch vụ công' },
    ];
    for (const fields of additions) {
      const before = await seq(s.id);
      expect(await menuAction(env, db, s, editor, form({ action: 'add', ...fields }), now())).toEqual({ ok: true, message: MENU.added });
      expect(await seq(s.id)).toBe(before + 1);
    }
    let items = await listMenuItems(db, s.id, now());
    expect(items.map((i) => i.shownLabel)).toEqual([tin!.name, 'Thông báo mới', 'Dịch vụ công']);
    const [a, b, c] = items.map((i) => i.id) as [number, number, number];
    const move = (id: number, direction: string) => menuAction(env, db, s, editor, form({ action: 'move', id: String(id), direction }), now());

    expect(await move(c, 'up')).toMatchObject({ ok: true });
    expect(await move(c, 'indent')).toMatchObject({ ok: true }); // under the item above it: a
    let nav = await readNav(db, s.id, now());
    expect(nav.map((n) => [n.label, n.children.map((x) => x.label)])).toEqual([[tin!.name, ['Dịch vụ công']], ['Thông báo mới', []]]);
    expect(nav[0]!.children[0]).toMatchObject({ href: 'https://dichvucong.gov.vn/', external: true });
    expect(nav[0]!.href).toBe(`/chuyen-muc/${tin!.slug}`);

    // A third level is refused with a message, so is indenting an item that has children, and moving past the ends.
    expect(await move(c, 'indent')).toEqual({ ok: false, status: 422, field: 'move', id: c, message: MENU.tooDeep });
    expect(await move(b, 'indent')).toMatchObject({ ok: true }); // b under a, after c
    expect(await move(a, 'down')).toEqual({ ok: false, status: 422, field: 'move', id: a, message: MENU.nowhere });
    expect(await move(c, 'up')).toEqual({ ok: false, status: 422, field: 'move', id: c, message: MENU.nowhere });
    expect(await move(a, 'outdent')).toEqual({ ok: false, status: 422, field: 'move', id: a, message: MENU.nowhere });
    expect(await move(a, 'sideways')).toEqual({ ok: false, status: 400, message: PEOPLE.invalidAction });
    expect(await menuAction(env, db, s, editor, form({ action: 'remove', id: String(a) }), now())).toMatchObject({ ok: false, status: 422, message: MENU.hasChildren });
    expect(await move(b, 'up')).toMatchObject({ ok: true });
    expect(await move(b, 'outdent')).toMatchObject({ ok: true });
    nav = await readNav(db, s.id, now());
    expect(nav.map((n) => [n.label, n.children.map((x) => x.label)])).toEqual([[tin!.name, ['Dịch vụ công']], ['Thông báo mới', []]]);

    // The whole order at once (what the drag-and-drop script posts): exactly the site's items, two levels.
    const order = (value: unknown) => menuAction(env, db, s, editor, form({ action: 'order', order: JSON.stringify(value) }), now());
    expect(await order([{ id: b, children: [] }, { id: c, children: [] }, { id: a, children: [] }])).toMatchObject({ ok: true });
    expect((await readNav(db, s.id, now())).map((n) => n.label)).toEqual(['Thông báo mới', 'Dịch vụ công', tin!.name]);
    for (const bad of [[{ id: b, children: [] }], [{ id: a, children: [b, c] }, { id: b, children: [] }], 'x', [{ id: a, children: ['x'] }]]) {
      expect(await order(bad)).toEqual({ ok: false, status: 422, field: 'order', message: MENU.orderInvalid });
    }
    expect(await menuAction(env, db, s, editor, form({ action: 'order', order: '{not json' }), now())).toMatchObject({ ok: false, status: 422, field: 'order' });

    items = await listMenuItems(db, s.id, now());
    expect(await menuAction(env, db, s, editor, form({ action: 'label', id: String(a), label: 'Tin tức' }), now())).toEqual({ ok: true, message: MENU.saved });
    expect((await readNav(db, s.id, now())).at(-1)!.label).toBe('Tin tức');
    expect(await menuAction(env, db, s, editor, form({ action: 'label', id: String(a), label: '' }), now())).toMatchObject({ ok: true });
    expect((await readNav(db, s.id, now())).at(-1)!.label).toBe(tin!.name); // '' = the category's own name
    expect(await menuAction(env, db, s, editor, form({ action: 'label', id: String(c), label: '', url: '/van-ban' }), now())).toEqual({ ok: false, status: 422, field: 'label', id: c, message: MENU.labelRequired });
    expect(await menuAction(env, db, s, editor, form({ action: 'label', id: String(c), label: 'DVC', url: 'javascript:alert(1)' }), now())).toEqual({ ok: false, status: 422, field: 'url', id: c, message: MENU.urlInvalid });
    expect(await menuAction(env, db, s, editor, form({ action: 'label', id: String(a), label: 'x'.repeat(101) }), now())).toMatchObject({ ok: false, status: 422, message: MENU.labelTooLong });
    expect(await menuAction(env, db, s, editor, form({ action: 'remove', id: String(c) }), now())).toEqual({ ok: true, message: MENU.removed });
    expect((await listMenuItems(db, s.id, now())).map((i) => i.id)).toEqual([b, a]);
    expect(await menuAction(env, db, s, editor, form({ action: 'what' , id: String(a)}), now())).toEqual({ ok: false, status: 400, message: PEOPLE.invalidAction });
  });

  it('shows a page item only while the page is published; a hidden parent hides its submenu', async () => {
    const s = await site();
    const editor = await person(s.id);
    const [draft, live] = [await page(s.id, 'Liên hệ', false), await page(s.id, 'Giới thiệu', true)];
    for (const id of [live, draft]) expect(await menuAction(env, db, s, editor, form({ action: 'add', kind: 'page', pageId: String(id) }), now())).toMatchObject({ ok: true });
    expect(await menuAction(env, db, s, editor, form({ action: 'add', kind: 'link', url: '/van-ban', label: 'Văn bản' }), now())).toMatchObject({ ok: true });
    const [, d, l] = (await listMenuItems(db, s.id, now())).map((i) => i.id);
    expect(await menuAction(env, db, s, editor, form({ action: 'move', id: String(l), direction: 'indent' }), now())).toMatchObject({ ok: true });
    expect((await listMenuItems(db, s.id, now())).find((i) => i.id === d)).toMatchObject({ hidden: true, href: '' });
    const nav = await readNav(db, s.id, now());
    expect(nav).toEqual([{ label: 'Giới thiệu', href: expect.stringMatching(/^\/trang\/trang-/), children: [] }]);
    await db.update(pages).set({ status: 'published', publishedAt: new Date(Date.now() - 1000) }).where(eq(pages.id, draft));
    expect((await readNav(db, s.id, now())).map((n) => [n.label, n.children.map((x) => x.href)])).toEqual([['Giới thiệu', []], ['Liên hệ', ['/van-ban']]]);
  });

  it('refuses a bad link, a missing target, and another site\'s category, page or item', async () => {
    const [s, other] = [await site(), await site()];
    const editor = await person(s.id);
    const add = (fields: Record<string, string>) => menuAction(env, db, s, editor, form({ action: 'add', ...fields }), now());
    for (const url of ['javascript:alert(1)', 'JavaScript:alert(1)', 'data:text/html,x', '//evil.test/x', 'ftp://x.test/', 'http://', 'trang/x', ' ', '/a b', '/a\\b']) {
      expect(await add({ kind: 'link', url, label: 'X' }), url).toEqual({ ok: false, status: 422, field: 'link-url', message: MENU.urlInvalid });
    }
    expect(await add({ kind: 'link', url: 'https://x.test/', label: '' })).toEqual({ ok: false, status: 422, field: 'link-label', message: MENU.labelRequired });
    expect(await add({ kind: 'link', url: 'https://x.test/', label: 'x'.repeat(101) })).toMatchObject({ ok: false, status: 422, message: MENU.labelTooLong });
    expect(await add({ kind: 'category', categoryId: '' })).toEqual({ ok: false, status: 422, field: 'category', message: MENU.targetMissing });
    expect(await add({ kind: 'page', pageId: 'abc' })).toEqual({ ok: false, status: 422, field: 'page', message: MENU.targetMissing });
    expect(await add({ kind: 'nothing' })).toEqual({ ok: false, status: 400, message: PEOPLE.invalidAction });
    const theirs = (await listCategories(db, other.id, now()))[0]!;
    expect(await add({ kind: 'category', categoryId: String(theirs.id) })).toMatchObject({ ok: false, status: 422, message: MENU.targetMissing });
    expect(await add({ kind: 'page', pageId: String(await page(other.id, 'Của xã khác', true)) })).toMatchObject({ ok: false, status: 422, message: MENU.targetMissing });
    expect(validLinkUrl('https://dichvucong.gov.vn/p/home')).toBe('https://dichvucong.gov.vn/p/home');
    expect(validLinkUrl('/van-ban?loai=1')).toBe('/van-ban?loai=1');

    // The other site's items: never in this site's menu, never moved or removed from here.
    const theirEditor = await person(other.id);
    expect(await menuAction(env, db, other, theirEditor, form({ action: 'add', kind: 'link', url: '/x', label: 'Của B' }), now())).toMatchObject({ ok: true });
    expect(await add({ kind: 'link', url: '/y', label: 'Của A' })).toMatchObject({ ok: true });
    const theirItem = (await listMenuItems(db, other.id, now()))[0]!;
    expect((await readNav(db, s.id, now())).map((n) => n.label)).toEqual(['Của A']);
    for (const action of ['remove', 'label', 'move']) {
      expect(await menuAction(env, db, s, editor, form({ action, id: String(theirItem.id), label: 'Đổi', direction: 'up' }), now())).toEqual({ ok: false, status: 404, message: MENU.notFound });
    }
    const mine = (await listMenuItems(db, s.id, now()))[0]!;
    expect(await menuAction(env, db, s, editor, form({ action: 'order', order: JSON.stringify([{ id: mine.id, children: [theirItem.id] }]) }), now())).toMatchObject({ ok: false, field: 'order' });
    expect((await readNav(db, other.id, now())).map((n) => n.label)).toEqual(['Của B']);
  });

  it('is for admins and editors; contributors get 403, and an archived site refuses it', async () => {
    const s = await site();
    const add = form({ action: 'add', kind: 'link', url: '/x', label: 'X' });
    expect(await menuAction(env, db, s, await person(s.id, 'contributor'), add, now())).toEqual({ ok: false, status: 403, message: TEXT.forbidden });
    expect(await menuAction(env, db, s, await person(s.id, 'admin'), add, now())).toMatchObject({ ok: true });
    const archived = await archiveSite(db, s.id);
    expect(await menuAction(env, db, archived, await person(s.id, 'admin'), add, now())).toMatchObject({ ok: false, status: 409, message: SITE_ARCHIVED });
  });
});

describe('two-level categories', () => {
  it('nests under a top-level category only, reorders among siblings, and a parent counts its children\'s articles', async () => {
    const s = await site();
    const editor = await person(s.id);
    const [p, q, r] = await listCategories(db, s.id, now());
    const act = (fields: Record<string, string>) => categoriesAction(env, db, s, editor, form(fields), now());
    const before = await seq(s.id);
    expect(await act({ action: 'parent', id: String(q!.id), parent: String(p!.id) })).toEqual({ ok: true, message: CATEGORIES.parentSet(q!.name) });
    expect(await seq(s.id)).toBe(before + 1);
    // r under q (a child) would be a third level; p (with a child) cannot get a parent; nor can a category be its own.
    expect(await act({ action: 'parent', id: String(r!.id), parent: String(q!.id) })).toEqual({ ok: false, status: 422, field: 'parent', id: r!.id, message: CATEGORIES.tooDeep });
    expect(await act({ action: 'parent', id: String(p!.id), parent: String(r!.id) })).toEqual({ ok: false, status: 422, field: 'parent', id: p!.id, message: CATEGORIES.tooDeep });
    expect(await act({ action: 'parent', id: String(r!.id), parent: String(r!.id) })).toMatchObject({ ok: false, status: 422, message: CATEGORIES.tooDeep });
    expect(await act({ action: 'parent', id: String(r!.id), parent: '999999999' })).toMatchObject({ ok: false, status: 422, message: CATEGORIES.notFound });
    expect(await act({ action: 'parent', id: String(r!.id), parent: 'abc' })).toMatchObject({ ok: false, status: 422, message: CATEGORIES.notFound });
    expect(await act({ action: 'move', id: '0', direction: 'up' })).toEqual({ ok: false, status: 404, message: CATEGORIES.notFound });
    expect(await act({ action: 'parent', id: String(r!.id), parent: String(p!.id) })).toMatchObject({ ok: true });
    let listed = await listCategories(db, s.id, now());
    expect(listed.filter((c) => c.parentId === p!.id).map((c) => c.id)).toEqual([q!.id, r!.id]);
    expect(await act({ action: 'move', id: String(r!.id), direction: 'up' })).toEqual({ ok: true, message: CATEGORIES.moved });
    listed = await listCategories(db, s.id, now());
    expect(listed.filter((c) => c.parentId === p!.id).map((c) => c.id)).toEqual([r!.id, q!.id]);
    expect(await act({ action: 'move', id: String(r!.id), direction: 'up' })).toEqual({ ok: false, status: 422, field: 'move', id: r!.id, message: CATEGORIES.nowhere });
    expect(await act({ action: 'move', id: String(r!.id), direction: 'left' })).toEqual({ ok: false, status: 400, message: PEOPLE.invalidAction });
    const top = listed.filter((c) => c.parentId === null);
    expect(await act({ action: 'move', id: String(top[1]!.id), direction: 'up' })).toMatchObject({ ok: true });
    expect((await listCategories(db, s.id, now())).filter((c) => c.parentId === null)[0]!.id).toBe(top[1]!.id);

    await article(s.id, p!.id, []);
    await article(s.id, q!.id, []);
    await article(s.id, r!.id, []);
    const page = async (slug: string) => (await loadCategoryPage(siteOf(s), slug, new URL(`http://x.test/chuyen-muc/${slug}`))) as CategoryPage;
    let parentPage = await page(p!.slug);
    expect(parentPage.category.articleCount).toBe(3);
    expect(parentPage.list.items).toHaveLength(3);
    expect(parentPage.children.map((c) => c.id)).toEqual([r!.id, q!.id]);
    expect((await page(q!.slug)).parent?.id).toBe(p!.id);
    expect((await page(q!.slug)).list.items).toHaveLength(1);
    expect((await readCategory(db, s.id, q!.slug, now()))).toMatchObject({ articleCount: 1, parentSlug: p!.slug });
    // The API says which category is whose child (the list and one category; counts stay each its own).
    const api = async (path: string) => (await exports.default.fetch(new Request(`http://${s.hosts[0]}${path}`))).json() as Promise<any>;
    expect((await api('/api/v1/categories')).items.find((c: { slug: string }) => c.slug === q!.slug)).toMatchObject({ parent: p!.slug, articleCount: 1 });
    expect(await api(`/api/v1/categories/${q!.slug}`)).toMatchObject({ parent: p!.slug, articleCount: 1 });
    expect(await api(`/api/v1/categories/${p!.slug}`)).toMatchObject({ parent: null, articleCount: 1 });
    // Back to the top level: the parent lists only its own (and its other child's) again.
    expect(await act({ action: 'parent', id: String(q!.id), parent: '' })).toMatchObject({ ok: true });
    parentPage = await page(p!.slug);
    expect(parentPage.category.articleCount).toBe(2);
    expect(parentPage.list.items).toHaveLength(2);
  });

  it('a new slug keeps the old one answering (the 301\'s data), the live slug wins, and taken or bad slugs are refused', async () => {
    const s = await site();
    const admin = await person(s.id, 'admin');
    const [p, q] = await listCategories(db, s.id, now());
    const rename = (id: number, name: string, slug: string) => categoriesAction(env, db, s, admin, form({ action: 'rename', id: String(id), name, slug }), now());
    expect(await rename(p!.id, 'Tin mới', 'tin-moi')).toEqual({ ok: true, message: CATEGORIES.renamed('Tin mới') });
    expect(await movedCategorySlug(db, s.id, p!.slug)).toBe('tin-moi');
    expect(await rename(p!.id, 'Tin mới nhất', 'tin-moi-nhat')).toMatchObject({ ok: true });
    expect(await movedCategorySlug(db, s.id, p!.slug)).toBe('tin-moi-nhat');
    expect(await movedCategorySlug(db, s.id, 'tin-moi')).toBe('tin-moi-nhat');
    // Another category takes a former slug: its live slug answers, not the redirect.
    expect(await rename(q!.id, q!.name, 'tin-moi')).toMatchObject({ ok: true });
    expect(await movedCategorySlug(db, s.id, 'tin-moi')).toBeNull();
    expect(await readCategory(db, s.id, 'tin-moi', now())).toMatchObject({ id: q!.id });
    expect(await rename(q!.id, q!.name, 'tin-moi-nhat')).toEqual({ ok: false, status: 422, field: 'rename', id: q!.id, message: CATEGORIES.slugTaken });
    expect(await rename(q!.id, q!.name, 'Tin Mới!')).toEqual({ ok: false, status: 422, field: 'rename', id: q!.id, message: CATEGORIES.slugInvalid });
    // Another site's history never answers here.
    expect(await movedCategorySlug(db, (await site()).id, p!.slug)).toBeNull();
  });

  it('is for admins and editors; contributors get 403', async () => {
    const s = await site();
    const [p] = await listCategories(db, s.id, now());
    expect(await categoriesAction(env, db, s, await person(s.id, 'contributor'), form({ action: 'move', id: String(p!.id), direction: 'down' }), now())).toEqual({ ok: false, status: 403, message: TEXT.forbidden });
    expect(await categoriesAction(env, db, s, await person(s.id, 'editor'), form({ action: 'create', name: 'Của biên tập' }), now())).toMatchObject({ ok: true });
  });
});

describe('tags', () => {
  it('the index lists the tags readers can open, in Vietnamese order, with published counts', async () => {
    const s = await site();
    const [c] = await listCategories(db, s.id, now());
    await article(s.id, c!.id, ['Đường sá', 'Du lịch', 'Ẩm thực']);
    await article(s.id, c!.id, ['Du lịch', 'An ninh']);
    await article(s.id, c!.id, ['Bí mật nháp'], 'draft');
    expect((await readerTags(db, s.id, now())).map((t) => [t.name, t.articleCount])).toEqual([['An ninh', 1], ['Ẩm thực', 1], ['Du lịch', 2], ['Đường sá', 1]]);
    expect((await listTagCounts(db, s.id, now())).map((t) => t.name)).toContain('Bí mật nháp');
    expect((await readerTags(db, (await site()).id, now()))).toEqual([]);
  });

  it('rename keeps the old slug answering; merge moves the articles, both slugs answer, and the tag is gone', async () => {
    const s = await site();
    const editor = await person(s.id);
    const [c] = await listCategories(db, s.id, now());
    await article(s.id, c!.id, ['Giao thông', 'Đường bộ']);
    await article(s.id, c!.id, ['Đường bộ']);
    await article(s.id, c!.id, ['Giao thông']);
    const byName = async (name: string) => (await listTagCounts(db, s.id, now())).find((t) => t.name === name)!;
    const road = await byName('Đường bộ');
    const traffic = await byName('Giao thông');
    const act = (fields: Record<string, string>) => tagAction(env, db, s, editor, form(fields), now());
    const before = await seq(s.id);
    expect(await act({ action: 'rename', id: String(road.id), name: 'Đường giao thông', slug: 'duong-giao-thong' })).toEqual({ ok: true, message: TAGS.renamed('Đường giao thông') });
    expect(await seq(s.id)).toBe(before + 1);
    expect(await movedTagSlug(db, s.id, road.slug)).toBe('duong-giao-thong');
    expect(await act({ action: 'rename', id: String(road.id), name: 'X', slug: traffic.slug })).toEqual({ ok: false, status: 422, field: 'rename', id: road.id, message: TAGS.slugTaken });
    expect(await act({ action: 'rename', id: String(road.id), name: ' ', slug: '' })).toEqual({ ok: false, status: 422, field: 'rename', id: road.id, message: TAGS.nameRequired });
    expect(await act({ action: 'rename', id: String(road.id), name: 'x'.repeat(101) })).toMatchObject({ ok: false, status: 422, message: TAGS.nameTooLong });
    expect(await act({ action: 'rename', id: String(road.id), name: 'X', slug: 'Có dấu' })).toMatchObject({ ok: false, status: 422, message: TAGS.slugInvalid });

    expect(await act({ action: 'merge', from: String(road.id), into: String(traffic.id) })).toEqual({ ok: true, message: TAGS.merged('Đường giao thông', 'Giao thông') });
    expect(await seq(s.id)).toBe(before + 2);
    const after = await listTagCounts(db, s.id, now());
    expect(after.map((t) => [t.name, t.articleCount])).toEqual([['Giao thông', 3]]);
    // Its slug and the one it had before both answer with the tag it went into.
    expect(await movedTagSlug(db, s.id, 'duong-giao-thong')).toBe(traffic.slug);
    expect(await movedTagSlug(db, s.id, road.slug)).toBe(traffic.slug);
    expect(await act({ action: 'merge', from: String(traffic.id), into: String(traffic.id) })).toEqual({ ok: false, status: 422, field: 'merge', message: TAGS.sameTag });
    expect(await act({ action: 'merge', from: String(road.id), into: String(traffic.id) })).toEqual({ ok: false, status: 422, field: 'merge', message: TAGS.notFound });
    expect(await act({ action: 'rename', id: 'x', name: 'X' })).toEqual({ ok: false, status: 404, message: TAGS.notFound });
    expect(await act({ action: 'split' })).toEqual({ ok: false, status: 400, message: PEOPLE.invalidAction });
    // Two editors give two tags the same new slug at once: one wins, the other is told the slug is taken
    // (by the check before, or by the unique index when both checked first), never a 500.
    const [x, y] = [await byName('Giao thông'), (await article(s.id, c!.id, ['Cầu cống']), await byName('Cầu cống'))];
    const both = await Promise.all([x, y].map((t) => act({ action: 'rename', id: String(t.id), name: t.name, slug: 'ha-tang' })));
    expect(both.filter((r) => r.ok)).toHaveLength(1);
    expect(both.filter((r) => !r.ok)).toEqual([expect.objectContaining({ status: 422, message: TAGS.slugTaken })]);
    // What the unique index answers when a rename slips past the check is recognised as "taken".
    const loser = both[0]!.ok ? y : x;
    const refused = await commitSiteChange(env, s, now(), planRenameTag(db, s.id, loser, loser.name, 'ha-tang', now())).catch((e: unknown) => e);
    expect(tagSlugTaken(refused)).toBe(true);
    expect(tagSlugTaken(new Error('UNIQUE constraint failed: categories.site_id, categories.slug'))).toBe(false);
  });

  it('never touches another site\'s tag, and contributors get 403', async () => {
    const [s, other] = [await site(), await site()];
    const [c] = await listCategories(db, other.id, now());
    await article(other.id, c!.id, ['Của xã B']);
    const theirs = (await listTagCounts(db, other.id, now()))[0]!;
    const editor = await person(s.id);
    expect(await tagAction(env, db, s, editor, form({ action: 'rename', id: String(theirs.id), name: 'Đổi trộm' }), now())).toEqual({ ok: false, status: 404, message: TAGS.notFound });
    expect(await tagAction(env, db, s, editor, form({ action: 'merge', from: String(theirs.id), into: String(theirs.id) }), now())).toMatchObject({ ok: false, message: TAGS.notFound });
    expect((await listTagCounts(db, other.id, now()))[0]!.name).toBe('Của xã B');
    expect(await tagAction(env, db, s, await person(s.id, 'contributor'), form({ action: 'merge' }), now())).toEqual({ ok: false, status: 403, message: TEXT.forbidden });
  });
});
