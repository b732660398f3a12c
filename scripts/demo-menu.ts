// The demo's header menus, for every demo site: its categories (a parent's children as its submenu, as
// the header showed them before sites had menus), then "Giới thiệu" with the site's other pages (Cơ cấu
// tổ chức, Liên hệ, Sơ đồ cổng thông tin) as its submenu; English labels for English pages (a page with
// an English version keeps labelEn empty: its English title and /en/ URL show). Written through the write
// service as an offline import, once: a site that has a menu item already is left alone.
import { and, asc, count, eq, isNull } from 'drizzle-orm';
import { commitSiteChange } from '../functions/articles/service.ts';
import { database, type Db } from '../functions/data/db.ts';
import { categories, menuItems, pages, sites } from '../schema/tables.ts';

/** English names of the demo categories (the default ones and Đồng Hỷ's). */
const CATEGORY_EN: Record<string, string> = {
  'tin-tuc-su-kien': 'News and events',
  'thong-bao': 'Announcements',
  'chi-dao-dieu-hanh': 'Directions',
  'cai-cach-hanh-chinh': 'Administrative reform',
  'van-hoa-xa-hoi': 'Culture and society',
  'kinh-te': 'Economy',
  'nong-nghiep-nong-thon': 'Agriculture',
  'giao-duc-y-te': 'Education and health',
};

/** The pages under "Giới thiệu", in order, with their English labels ('' = the page's English title). */
const ABOUT = { title: 'Giới thiệu', labelEn: 'About us' };
const ABOUT_CHILDREN = [
  { title: 'Cơ cấu tổ chức', labelEn: '' },
  { title: 'Liên hệ', labelEn: '' },
  { title: 'Sơ đồ cổng thông tin', labelEn: 'Site map' },
];

type Row = { kind: 'category'; categoryId: number; labelEn: string } | { kind: 'page'; pageId: number; labelEn: string };

const insert = (db: Db, siteId: number, row: Row, parentId: number | null, position: number, now: Date) =>
  db.insert(menuItems).values({
    siteId, parentId, position, kind: row.kind, labelEn: row.labelEn,
    categoryId: row.kind === 'category' ? row.categoryId : null, pageId: row.kind === 'page' ? row.pageId : null,
    createdAt: now, updatedAt: now,
  }).returning({ id: menuItems.id });

/** One site's menu: the top level in one batch, then each submenu under its parent's new id. */
async function seedSiteMenu(DB: D1Database, db: Db, siteId: number, now: Date): Promise<number> {
  const cats = await db.select({ id: categories.id, slug: categories.slug, parentId: categories.parentId }).from(categories)
    .where(eq(categories.siteId, siteId)).orderBy(asc(categories.position), asc(categories.id));
  const sitePages = await db.select({ id: pages.id, title: pages.title }).from(pages)
    .where(and(eq(pages.siteId, siteId), isNull(pages.deletedAt)));
  const pageRow = (p: { title: string; labelEn: string }): Row | null => {
    const found = sitePages.find((x) => x.title === p.title);
    return found ? { kind: 'page', pageId: found.id, labelEn: p.labelEn } : null;
  };
  const catRow = (c: (typeof cats)[number]): Row => ({ kind: 'category', categoryId: c.id, labelEn: CATEGORY_EN[c.slug] ?? '' });
  const tops: { row: Row; children: Row[] }[] = cats.filter((c) => c.parentId === null)
    .map((c) => ({ row: catRow(c), children: cats.filter((x) => x.parentId === c.id).map(catRow) }));
  const about = pageRow(ABOUT);
  if (about) tops.push({ row: about, children: ABOUT_CHILDREN.map(pageRow).filter((r): r is Row => r !== null) });
  if (tops.length === 0) return 0;
  const site = { id: siteId, status: 'active' as const };
  const target = { DB, offline: true as const };
  const [first, ...rest] = tops.map((t, i) => insert(db, siteId, t.row, null, i + 1, now));
  const ids = (await commitSiteChange(target, site, now, [first!, ...rest])) as { id: number }[][];
  const children = tops.flatMap((t, i) => t.children.map((c, j) => insert(db, siteId, c, ids[i]![0]!.id, j + 1, now)));
  const [head, ...tail] = children;
  if (head) await commitSiteChange(target, site, now, [head, ...tail]);
  return tops.length + children.length;
}

/** The demo menus of every active site that has none. Returns how many items were written. */
export async function seedDemoMenus(DB: D1Database, now: Date): Promise<number> {
  const db = database(DB);
  let written = 0;
  for (const site of await db.select({ id: sites.id }).from(sites).where(eq(sites.status, 'active')).orderBy(asc(sites.id))) {
    const [existing] = await db.select({ n: count() }).from(menuItems).where(eq(menuItems.siteId, site.id));
    if ((existing?.n ?? 0) > 0) continue;
    written += await seedSiteMenu(DB, db, site.id, now);
  }
  return written;
}
