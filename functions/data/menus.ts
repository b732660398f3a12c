// A site's header menu (menu_items): the tree readers see (two levels, ordered; a page's item only while
// the page is published), the admin's list, and the admin's changes as statements for the write service
// (commitSiteChange), so cached pages show a new menu within the freshness bound. Every statement names
// the site: one site's menu can never pick up, move or show another site's item, category or page.
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { categories, menuItems, pages, type MenuItemKind } from '../../schema/tables.ts';
import { paths } from '../http/origin.ts';
import type { Db } from './db.ts';
import { inMenuOrder, shapeStatements, type TwoLevelShape } from './two-levels.ts';

/** Two levels: a top-level item and its submenu. */
export const MENU_DEPTH = 2;
export const MENU_LABEL_MAX = 100;
export const MENU_URL_MAX = 500;

/** Where a page item leads (the PAGES part serves /trang/{slug}). */
export const pagePath = (slug: string) => `/trang/${slug}`;

/** The two languages of the header (an English page shows labelEn or the page's English title). */
export type NavLang = 'vi' | 'en';

/** What the header shows: a label, where it leads, and (top level only) its submenu. */
export interface NavEntry {
  label: string;
  href: string;
  /** 'vi' on an English page when the label stayed Vietnamese (WCAG 3.1.2: screen readers switch voice). */
  lang?: 'vi';
  /** An absolute URL of another site (opened like any link; marked for readers). */
  external?: boolean;
  children: NavEntry[];
}

/** One item as the admin lists it, with what it points at. */
export interface MenuItem {
  id: number;
  parentId: number | null;
  position: number;
  kind: MenuItemKind;
  categoryId: number | null;
  pageId: number | null;
  url: string;
  /** The label typed in the admin ('' = the category's or page's own name). */
  label: string;
  /** The English label typed in the admin ('' = the page's English title, else the Vietnamese label). */
  labelEn: string;
  /** What readers see: the label, else the target's name. */
  shownLabel: string;
  /** Where it leads ('' for a page that is not published: readers do not see the item). */
  href: string;
  /** On English pages: the English label (labelEn, else a page's English title; '' = none, the Vietnamese shows). */
  shownLabelEn: string;
  /** On English pages: a page's English URL when it has an English version, else href. */
  hrefEn: string;
  /** A page item whose page is not (or no longer) published: hidden from readers. */
  hidden: boolean;
}

/**
 * A link item's address: an absolute http(s) URL, or a path of this site ("/van-ban"). Nothing else:
 * never javascript:, data: or a protocol-relative "//host" that would leave the site unannounced.
 */
export function validLinkUrl(raw: string): string | null {
  const url = raw.trim();
  if (!url || url.length > MENU_URL_MAX || /[\s\\\u0000-\u001f\u007f]/.test(url)) return null;
  if (url.startsWith('/')) return url.startsWith('//') ? null : url;
  try {
    const parsed = new URL(url);
    return (parsed.protocol === 'http:' || parsed.protocol === 'https:') && parsed.hostname ? url : null;
  } catch {
    return null;
  }
}

/** Every item of the site with its target's slug and name, in menu order (parents before children is not assumed). */
function itemRows(db: Db, siteId: number, now: Date) {
  return db
    .select({
      id: menuItems.id,
      parentId: menuItems.parentId,
      position: menuItems.position,
      kind: menuItems.kind,
      categoryId: menuItems.categoryId,
      pageId: menuItems.pageId,
      url: menuItems.url,
      label: menuItems.label,
      labelEn: menuItems.labelEn,
      categorySlug: sql<string | null>`${categories.slug}`.as('category_slug_'),
      categoryName: sql<string | null>`${categories.name}`.as('category_name_'),
      pageSlug: sql<string | null>`${pages.slug}`.as('page_slug_'),
      pageTitle: sql<string | null>`${pages.title}`.as('page_title_'),
      pageSlugEn: sql<string | null>`${pages.slugEn}`.as('page_slug_en_'),
      pageTitleEn: sql<string | null>`${pages.titleEn}`.as('page_title_en_'),
      pagePublished: sql<number>`(${pages.status} = 'published' and ${pages.deletedAt} is null and ${pages.publishedAt} <= ${now.getTime()})`.as('page_published_'),
    })
    .from(menuItems)
    // The joins repeat the site: an id of another site's category or page shows nothing.
    .leftJoin(categories, and(eq(categories.id, menuItems.categoryId), eq(categories.siteId, siteId)))
    .leftJoin(pages, and(eq(pages.id, menuItems.pageId), eq(pages.siteId, siteId)))
    .where(eq(menuItems.siteId, siteId))
    .orderBy(asc(menuItems.position), asc(menuItems.id));
}

type ItemRow = Awaited<ReturnType<typeof itemRows>>[number];

function toItem(row: ItemRow): MenuItem {
  const base = { id: row.id, parentId: row.parentId, position: row.position, kind: row.kind, categoryId: row.categoryId, pageId: row.pageId, url: row.url, label: row.label, labelEn: row.labelEn };
  if (row.kind === 'category') {
    const href = row.categorySlug ? paths.category(row.categorySlug) : '';
    return { ...base, shownLabel: row.label || (row.categoryName ?? ''), href, hidden: !row.categorySlug, shownLabelEn: row.labelEn, hrefEn: href };
  }
  if (row.kind === 'page') {
    const published = Boolean(row.pagePublished) && row.pageSlug !== null;
    // A page with an English version leads English readers to it, under its English title unless labelled.
    const english = published && row.pageSlugEn ? row.pageSlugEn : null;
    return {
      ...base, shownLabel: row.label || (row.pageTitle ?? ''), href: published ? pagePath(row.pageSlug!) : '', hidden: !published,
      shownLabelEn: row.labelEn || (english ? row.pageTitleEn ?? '' : ''), hrefEn: english ? paths.pageEn(english) : published ? pagePath(row.pageSlug!) : '',
    };
  }
  return { ...base, shownLabel: row.label, href: row.url, hidden: false, shownLabelEn: row.labelEn, hrefEn: row.url };
}

export async function listMenuItems(db: Db, siteId: number, now: Date): Promise<MenuItem[]> {
  return inMenuOrder((await itemRows(db, siteId, now)).map(toItem));
}

/** The statement that reads the menu (to send in one batch with the page's other reads). */
export const menuRead = (db: Db, siteId: number, now: Date) => itemRows(db, siteId, now);

/**
 * The header's tree from the rows of menuRead; a hidden parent hides its submenu with it. In English an
 * item shows its English label and leads to a page's English version; without one it stays Vietnamese,
 * marked lang="vi".
 */
export function navOfRows(rows: ItemRow[], lang: NavLang = 'vi'): NavEntry[] {
  const items = rows.map(toItem);
  const entry = (i: MenuItem): NavEntry => {
    const [label, href] = lang === 'en' ? [i.shownLabelEn || i.shownLabel, i.hrefEn] : [i.shownLabel, i.href];
    return { label, href, ...(lang === 'en' && !i.shownLabelEn ? { lang: 'vi' as const } : {}), ...(/^https?:/.test(href) ? { external: true } : {}), children: [] };
  };
  return items
    .filter((i) => i.parentId === null && !i.hidden)
    .map((parent) => ({ ...entry(parent), children: items.filter((c) => c.parentId === parent.id && !c.hidden).map(entry) }));
}

export async function readNav(db: Db, siteId: number, now: Date, lang: NavLang = 'vi'): Promise<NavEntry[]> {
  return navOfRows(await menuRead(db, siteId, now), lang);
}

/** The rows of menuRead, as the page renderer keeps them until the header knows its language. */
export type MenuRows = ItemRow[];

// ---- Writes (statements for commitSiteChange) ----

export type NewMenuItem =
  | { kind: 'category'; categoryId: number; label: string; labelEn?: string }
  | { kind: 'page'; pageId: number; label: string; labelEn?: string }
  | { kind: 'link'; url: string; label: string; labelEn?: string };

/** Whether the category, or the page, is one of the site's (a forged form's id of another site's is not). */
export async function targetIsOfSite(db: Db, siteId: number, item: NewMenuItem): Promise<boolean> {
  if (item.kind === 'link') return true;
  const [row] = item.kind === 'category'
    ? await db.select({ id: categories.id }).from(categories).where(and(eq(categories.id, item.categoryId), eq(categories.siteId, siteId)))
    : await db.select({ id: pages.id }).from(pages).where(and(eq(pages.id, item.pageId), eq(pages.siteId, siteId), isNull(pages.deletedAt)));
  return row !== undefined;
}

/** A new top-level item at the end of the menu. */
export function planAddMenuItem(db: Db, siteId: number, item: NewMenuItem, now: Date) {
  const next = sql<number>`(select coalesce(max(${menuItems.position}), 0) + 1 from ${menuItems} where ${menuItems.siteId} = ${siteId} and ${menuItems.parentId} is null)`;
  return db.insert(menuItems).values({
    siteId, parentId: null, position: next, kind: item.kind,
    categoryId: item.kind === 'category' ? item.categoryId : null,
    pageId: item.kind === 'page' ? item.pageId : null,
    url: item.kind === 'link' ? item.url : '',
    label: item.label, labelEn: item.labelEn ?? '', createdAt: now, updatedAt: now,
  }).returning({ id: menuItems.id });
}

export function planLabelMenuItem(db: Db, siteId: number, id: number, patch: { label: string; labelEn: string; url?: string }, now: Date) {
  return db.update(menuItems).set({ ...patch, updatedAt: now })
    .where(and(eq(menuItems.id, id), eq(menuItems.siteId, siteId)))
    .returning({ id: menuItems.id });
}

export function planDeleteMenuItem(db: Db, siteId: number, id: number) {
  return db.delete(menuItems).where(and(eq(menuItems.id, id), eq(menuItems.siteId, siteId))).returning({ id: menuItems.id });
}

/**
 * The statements that store a shape: every item's parent and position (1, 2, … among its siblings).
 * Only the site's items move (each update names the site); the caller checked the shape holds exactly them.
 */
export function planShape(db: Db, siteId: number, shape: TwoLevelShape, now: Date): BatchItem<'sqlite'>[] {
  const set = (id: number, parentId: number | null, position: number) =>
    db.update(menuItems).set({ parentId, position, updatedAt: now }).where(and(eq(menuItems.id, id), eq(menuItems.siteId, siteId)));
  return shapeStatements(shape, set);
}


/** The site's pages (not in the trash) an item may point at, for the admin's picker; drafts too (hidden until published). */
export async function pageChoices(db: Db, siteId: number): Promise<{ id: number; title: string; status: string }[]> {
  return db.select({ id: pages.id, title: pages.title, status: pages.status }).from(pages)
    .where(and(eq(pages.siteId, siteId), isNull(pages.deletedAt))).orderBy(asc(pages.title));
}
