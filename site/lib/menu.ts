// The header menu every page shows: the site's menu (edited in /admin/menu, two levels), or, for a site
// without one, its categories as before (a parent with its children as a submenu). Both are read in one
// D1 batch with the categories the pages also use (home blocks, category pages), and so is the footer's
// list of the site's pages, so neither costs an extra round trip; they travel with the categories list,
// so no page's props change.
import { categoriesRead, type Category } from '../../functions/data/categories.ts';
import { paths } from '../../functions/http/origin.ts';
import { menuRead, navOfRows, type MenuRows, type NavEntry, type NavLang } from '../../functions/data/menus.ts';
import { publishedPagesRead, type PageRef } from '../../functions/data/pages-read.ts';
import type { SiteContext } from './site.ts';

export type { Category, NavEntry };

/** The site's own menu (its rows: the header picks the language), read with the categories it belongs to (see loadMenu). */
const menus = new WeakMap<Category[], MenuRows>();
/** The site's published pages (the footer's list), read with the same categories. */
const footerPages = new WeakMap<Category[], PageRef[]>();

/** The menu; on an error page it must not fail again, so errors leave it empty (and are logged). */
export async function loadMenu(site: SiteContext, options: { tolerant?: boolean } = {}): Promise<Category[]> {
  const read = async () => {
    const [categories, rows, pages] = await site.db.batch([
      categoriesRead(site.db, site.id, site.now), menuRead(site.db, site.id, site.now), publishedPagesRead(site.db, site.id, site.now),
    ]);
    if (rows.length > 0) menus.set(categories, rows);
    footerPages.set(categories, pages);
    return categories;
  };
  if (!options.tolerant) return read();
  try {
    return await read();
  } catch (error) {
    console.error('menu: categories unavailable:', error);
    return [];
  }
}

/**
 * The header's entries: the site's menu if it has one, else its categories (children under their parent).
 * On English pages a category's name is Vietnamese, so it says so (lang="vi").
 */
export function navOf(categories: Category[], lang: NavLang = 'vi'): NavEntry[] {
  const own = menus.get(categories);
  if (own) return navOfRows(own, lang);
  const entry = (c: Category): NavEntry => ({ label: c.name, href: paths.category(c.slug), ...(lang === 'en' ? { lang: 'vi' as const } : {}), children: [] });
  return categories.filter((c) => c.parentId === null).map((parent) => ({
    ...entry(parent),
    children: categories.filter((c) => c.parentId === parent.id).map(entry),
  }));
}

/** The footer's pages read with these categories by loadMenu; undefined for a list it did not read (error pages). */
export const footerPagesOf = (categories: Category[]): PageRef[] | undefined => footerPages.get(categories);

/** The parent of one of the site's categories (for breadcrumbs), or null for a top-level one. */
export function parentCategoryOf(categories: Category[], id: number): Category | null {
  const parentId = categories.find((c) => c.id === id)?.parentId ?? null;
  return parentId === null ? null : categories.find((c) => c.id === parentId) ?? null;
}
