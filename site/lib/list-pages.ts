// Data of the list pages: home (latest + a block per category), a category, a tag.
import type { Category } from '../../functions/data/categories.ts';
import { movedCategorySlug, readCategory } from '../../functions/data/categories.ts';
import { movedTagSlug } from '../../functions/data/tags.ts';
import { paths } from '../../functions/http/origin.ts';
import { latestPerCategory, readTag, type ArticleTeaser, type Tag } from '../../functions/data/listings.ts';
import { HOME_BLOCK_SIZE } from '../consts.ts';
import { loadMenu, parentCategoryOf } from './menu.ts';
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
  /** Its parent (breadcrumb), or null for a top-level category. */
  parent: Category | null;
  /** Its children (links on its page); their articles are in its list too. */
  children: Category[];
  list: ListPage;
}

/** A category's page; `movedTo` (its path now) for a slug it had before a rename; null: no such category. */
export async function loadCategoryPage(site: SiteContext, slug: string, url: URL): Promise<CategoryPage | { movedTo: string } | null> {
  const [menu, category] = await Promise.all([loadMenu(site), readCategory(site.db, site.id, slug, site.now)]);
  if (!category) {
    const moved = await movedCategorySlug(site.db, site.id, slug);
    return moved ? { movedTo: paths.category(moved) + url.search } : null;
  }
  const children = menu.filter((c) => c.parentId === category.id);
  // A parent lists its children's articles too.
  const filter = children.length ? { categoryFamily: category.id } : { categoryId: category.id };
  const list = await loadListPage(site.db, site.id, url, filter, site.now);
  if (!list) return null;
  // What the page lists: its own articles and its children's.
  const articleCount = category.articleCount + children.reduce((n, c) => n + c.articleCount, 0);
  return { menu, category: { ...category, articleCount }, parent: parentCategoryOf(menu, category.id), children, list };
}

export interface TagPage {
  menu: Category[];
  tag: Tag;
  list: ListPage;
}

/** A tag's page; `movedTo` (its path now) for a slug it had before a rename or a merge; null: none for readers. */
export async function loadTagPage(site: SiteContext, slug: string, url: URL): Promise<TagPage | { movedTo: string } | null> {
  const [menu, tag] = await Promise.all([loadMenu(site), readTag(site.db, site.id, slug, site.now)]);
  if (!tag) {
    const moved = await movedTagSlug(site.db, site.id, slug);
    return moved ? { movedTo: paths.tag(moved) + url.search } : null;
  }
  // A tag only drafts carry does not exist for readers: its name could give a draft away.
  if (tag.articleCount === 0) return null;
  const list = await loadListPage(site.db, site.id, url, { tagSlug: tag.slug }, site.now);
  return list ? { menu, tag, list } : null;
}
