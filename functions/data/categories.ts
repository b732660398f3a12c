// Category queries of one site: the menu order, one category by slug (or a slug it had: the caller
// redirects), and creation (a new site's defaults, the demo content, the admin).
import { and, asc, count, eq, sql } from 'drizzle-orm';
import { articles, categories, categorySlugHistory } from '../../schema/tables.ts';
import type { Db } from './db.ts';
import { visibleToReaders } from './articles-read.ts';

export interface Category {
  id: number;
  slug: string;
  name: string;
  description: string;
  position: number;
  /** Two levels: the parent's id, or null for a top-level category. */
  parentId: number | null;
  /** Published articles filed in it (its own: a parent's page adds its children's, site/lib/list-pages.ts). */
  articleCount: number;
  updatedAt: Date;
}

const columns = {
  id: categories.id,
  slug: categories.slug,
  name: categories.name,
  description: categories.description,
  position: categories.position,
  parentId: categories.parentId,
  updatedAt: categories.updatedAt,
};

/** Published-article counts per category of the site, from the (site_id, status, published_at) index. */
function publishedCounts(db: Db, siteId: number, now: Date) {
  return db
    .select({ categoryId: articles.categoryId, n: count().as('n') })
    .from(articles)
    .where(visibleToReaders(siteId, now))
    .groupBy(articles.categoryId)
    .as('counts');
}

/** The statement listing the site's categories (to send in one batch with the header menu's). */
export function categoriesRead(db: Db, siteId: number, now: Date) {
  const counts = publishedCounts(db, siteId, now);
  return db
    .select({ ...columns, articleCount: sql<number>`coalesce(${counts.n}, 0)` })
    .from(categories)
    .leftJoin(counts, eq(counts.categoryId, categories.id))
    .where(eq(categories.siteId, siteId))
    .orderBy(asc(categories.position), asc(categories.id));
}

export async function listCategories(db: Db, siteId: number, now: Date): Promise<Category[]> {
  return categoriesRead(db, siteId, now);
}

/** A category by slug, with its parent's slug; its articleCount counts its own articles (as the list's do). */
export async function readCategory(db: Db, siteId: number, slug: string, now: Date): Promise<(Category & { parentSlug: string | null }) | null> {
  const [row] = await db
    .select({
      ...columns,
      parentSlug: sql<string | null>`(select p.slug from ${categories} p where p.id = ${categories}.parent_id)`,
      articleCount: sql<number>`(select count(*) from ${articles} where ${and(eq(articles.categoryId, categories.id), visibleToReaders(siteId, now))})`,
    })
    .from(categories)
    .where(and(eq(categories.siteId, siteId), eq(categories.slug, slug)));
  return row ?? null;
}

/** The slug a category of the site now has, if `slug` is one it had before a rename (the old URL answers 301). */
export async function movedCategorySlug(db: Db, siteId: number, slug: string): Promise<string | null> {
  const [row] = await db.select({ slug: categories.slug }).from(categorySlugHistory)
    .innerJoin(categories, eq(categories.id, categorySlugHistory.categoryId))
    .where(and(eq(categorySlugHistory.siteId, siteId), eq(categorySlugHistory.slug, slug), eq(categories.siteId, siteId)));
  return row?.slug ?? null;
}

export async function categoryIdOf(db: Db, siteId: number, slug: string): Promise<number | null> {
  const [row] = await db.select({ id: categories.id }).from(categories).where(and(eq(categories.siteId, siteId), eq(categories.slug, slug)));
  return row?.id ?? null;
}

export async function createCategory(
  db: Db,
  siteId: number,
  input: { slug: string; name: string; description: string; position: number },
): Promise<number> {
  const [row] = await db.insert(categories).values({ ...input, siteId }).returning({ id: categories.id });
  return row!.id;
}

