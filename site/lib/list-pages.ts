// Data of the list pages: home (latest + a block per category), a category, a tag.
import type { Category } from '../../functions/data/categories.ts';
import { readCategory } from '../../functions/data/categories.ts';
import { latestPerCategory, readTag, type ArticleTeaser, type Tag } from '../../functions/data/listings.ts';
import { HOME_BLOCK_SIZE } from '../consts.ts';
import { loadMenu } from './menu.ts';
import { loadListPage, type ListPage } from './paging.ts';
import type { SiteContext } from './site.ts';

export interface HomePage {
  menu: Category[];
  latest: ListPage;
  /** Only on the first page: each category with articles, and its newest few. */
  blocks: { category: Category; articles: ArticleTeaser[] }[];
}

export async function loadHomePage(site: SiteContext, url: URL): Promise<HomePage | null> {
  const [menu, latest] = await Promise.all([loadMenu(site), loadListPage(site.db, site.id, url, {}, site.now)]);
  if (!latest) return null;
  if (latest.continued) return { menu, latest, blocks: [] };
  const withArticles = menu.filter((c) => c.articleCount > 0);
  const newest = await latestPerCategory(site.db, site.id, withArticles.map((c) => c.id), HOME_BLOCK_SIZE, site.now);
  return { menu, latest, blocks: withArticles.map((category) => ({ category, articles: newest.get(category.id) ?? [] })) };
}

export interface CategoryPage {
  menu: Category[];
  category: Category;
  list: ListPage;
}

export async function loadCategoryPage(site: SiteContext, slug: string, url: URL): Promise<CategoryPage | null> {
  const [menu, category] = await Promise.all([loadMenu(site), readCategory(site.db, site.id, slug, site.now)]);
  if (!category) return null;
  const list = await loadListPage(site.db, site.id, url, { categoryId: category.id }, site.now);
  return list ? { menu, category, list } : null;
}

export interface TagPage {
  menu: Category[];
  tag: Tag;
  list: ListPage;
}

export async function loadTagPage(site: SiteContext, slug: string, url: URL): Promise<TagPage | null> {
  const [menu, tag] = await Promise.all([loadMenu(site), readTag(site.db, site.id, slug, site.now)]);
  // A tag only drafts carry does not exist for readers: its name could give a draft away.
  if (!tag || tag.articleCount === 0) return null;
  const list = await loadListPage(site.db, site.id, url, { tagSlug: tag.slug }, site.now);
  return list ? { menu, tag, list } : null;
}
