// The header menu on English pages (functions/data/menus.ts navOfRows, site/admin/menu-admin.ts label
// action): an item's English label typed in the admin, else a page's English title leading to its /en/
// URL, else the Vietnamese label marked lang="vi" (WCAG 3.1.2); Vietnamese pages never change; a too
// long English label refused at its item; categories without a menu stay Vietnamese, marked.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { listCategories } from '../../functions/data/categories.ts';
import { database } from '../../functions/data/db.ts';
import { listMenuItems, readNav } from '../../functions/data/menus.ts';
import { createSite } from '../../functions/data/sites.ts';
import { createUser, readUser, type User } from '../../functions/data/users.ts';
import { pages } from '../../schema/tables.ts';
import { menuAction } from '../../site/admin/menu-admin.ts';
import { MENU } from '../../site/admin/strings.ts';
import { navOf } from '../../site/lib/menu.ts';
import { unique } from '../support/api.ts';

const db = database(env.DB);
const now = () => new Date();

const form = (fields: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.append(k, v);
  return f;
};

async function editorOf(siteId: number): Promise<User> {
  const id = await createUser(db, { email: `${unique('bt')}@dongy.gov.vn`, name: 'Biên tập', password: 'mat-khau-nhieu-trang', role: 'editor', siteId });
  return (await readUser(db, id, siteId))!;
}

async function page(siteId: number, title: string, english: { slugEn: string; titleEn: string } | null): Promise<{ id: number; slug: string }> {
  const slug = unique('trang');
  const [row] = await db.insert(pages).values({
    siteId, slug, title, status: 'published', publishedAt: new Date(Date.now() - 60_000), ...(english ?? {}),
  }).returning({ id: pages.id });
  return { id: row!.id, slug };
}

describe('the header menu on English pages', () => {
  it('shows labelEn, else the page\'s English title at its /en/ URL, else the Vietnamese label marked lang="vi"', async () => {
    const s = await createSite(db, { name: 'Xã menu tiếng Anh', hosts: [`${unique('menu-en')}.test`] });
    const editor = await editorOf(s.id);
    const [category] = await listCategories(db, s.id, now());
    const slugEn = unique('organisation');
    const about = await page(s.id, 'Giới thiệu', null);
    const structure = await page(s.id, 'Cơ cấu tổ chức', { slugEn, titleEn: 'Organisation structure' });
    const add = (fields: Record<string, string>) => menuAction(env, db, s, editor, form({ action: 'add', ...fields }), now());
    expect(await add({ kind: 'page', pageId: String(about.id), label: '' })).toMatchObject({ ok: true });
    expect(await add({ kind: 'page', pageId: String(structure.id), label: '' })).toMatchObject({ ok: true });
    expect(await add({ kind: 'category', categoryId: String(category!.id), label: '' })).toMatchObject({ ok: true });
    expect(await add({ kind: 'link', url: 'https://dichvucong.gov.vn/', label: 'Dịch vụ công' })).toMatchObject({ ok: true });
    const [aboutItem, structureItem, categoryItem, linkItem] = await listMenuItems(db, s.id, now());
    const move = (id: number) => menuAction(env, db, s, editor, form({ action: 'move', id: String(id), direction: 'indent' }), now());
    expect(await move(structureItem!.id)).toMatchObject({ ok: true });

    // Nothing typed in English yet: the page with English leads to it; the others stay Vietnamese, marked.
    expect(await readNav(db, s.id, now(), 'en')).toEqual([
      { label: 'Giới thiệu', href: `/trang/${about.slug}`, lang: 'vi', children: [{ label: 'Organisation structure', href: `/en/${slugEn}`, children: [] }] },
      { label: category!.name, href: `/chuyen-muc/${category!.slug}`, lang: 'vi', children: [] },
      { label: 'Dịch vụ công', href: 'https://dichvucong.gov.vn/', lang: 'vi', external: true, children: [] },
    ]);

    const label = (id: number, fields: Record<string, string>) => menuAction(env, db, s, editor, form({ action: 'label', id: String(id), ...fields }), now());
    expect(await label(aboutItem!.id, { label: '', labelEn: '  About us ' })).toEqual({ ok: true, message: MENU.saved });
    expect(await label(structureItem!.id, { label: 'Tổ chức', labelEn: 'Structure' })).toMatchObject({ ok: true });
    expect(await label(categoryItem!.id, { label: '', labelEn: 'News' })).toMatchObject({ ok: true });
    expect(await label(linkItem!.id, { label: 'Dịch vụ công', labelEn: 'Public services', url: 'https://dichvucong.gov.vn/' })).toMatchObject({ ok: true });
    expect((await listMenuItems(db, s.id, now())).map((i) => i.labelEn)).toEqual(['About us', 'Structure', 'News', 'Public services']);
    expect(await readNav(db, s.id, now(), 'en')).toEqual([
      { label: 'About us', href: `/trang/${about.slug}`, children: [{ label: 'Structure', href: `/en/${slugEn}`, children: [] }] },
      { label: 'News', href: `/chuyen-muc/${category!.slug}`, children: [] },
      { label: 'Public services', href: 'https://dichvucong.gov.vn/', external: true, children: [] },
    ]);
    // Vietnamese pages: the Vietnamese labels and URLs, no lang mark.
    expect(await readNav(db, s.id, now())).toEqual([
      { label: 'Giới thiệu', href: `/trang/${about.slug}`, children: [{ label: 'Tổ chức', href: `/trang/${structure.slug}`, children: [] }] },
      { label: category!.name, href: `/chuyen-muc/${category!.slug}`, children: [] },
      { label: 'Dịch vụ công', href: 'https://dichvucong.gov.vn/', external: true, children: [] },
    ]);

    // Too long: refused at the item, nothing stored; emptied: back to the page's English title.
    expect(await label(aboutItem!.id, { label: '', labelEn: 'x'.repeat(101) })).toEqual({ ok: false, status: 422, field: 'label-en', id: aboutItem!.id, message: MENU.labelTooLong });
    expect(await label(structureItem!.id, { label: 'Tổ chức', labelEn: '' })).toMatchObject({ ok: true });
    const en = await readNav(db, s.id, now(), 'en');
    expect(en[0]).toMatchObject({ label: 'About us', children: [{ label: 'Organisation structure', href: `/en/${slugEn}` }] });
  });

  it('a site without a menu shows its categories, Vietnamese names marked lang="vi" on English pages only', async () => {
    const s = await createSite(db, { name: 'Xã không menu', hosts: [`${unique('no-menu')}.test`] });
    const categories = await listCategories(db, s.id, now());
    expect(categories.length).toBeGreaterThan(0);
    expect(navOf(categories, 'en').every((e) => e.lang === 'vi')).toBe(true);
    expect(navOf(categories).some((e) => 'lang' in e)).toBe(false);
  });
});
