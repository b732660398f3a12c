// Category queries of one site: the menu order, one category by slug, and creation (a new site's
// defaults, the demo content, the admin).
import { and, asc, count, eq, sql } from 'drizzle-orm';
import { articles, categories } from '../../schema/tables.ts';
import type { Db } from './db.ts';
import { visibleToReaders } from './articles-read.ts';

export interface Category {
  id: number;
  slug: string;
  name: string;
  description: string;
  position: number;
  articleCount: number;
  updatedAt: Date;
}

const columns = {
  id: categories.id,
  slug: categories.slug,
  name: categories.name,
  description: categories.description,
  position: categories.position,
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

export async function listCategories(db: Db, siteId: number, now: Date): Promise<Category[]> {
  const counts = publishedCounts(db, siteId, now);
  const rows = await db
    .select({ ...columns, articleCount: sql<number>`coalesce(${counts.n}, 0)` })
    .from(categories)
    .leftJoin(counts, eq(counts.categoryId, categories.id))
    .where(eq(categories.siteId, siteId))
    .orderBy(asc(categories.position), asc(categories.id));
  return rows;
}

export async function readCategory(db: Db, siteId: number, slug: string, now: Date): Promise<Category | null> {
  const [row] = await db
    .select({
      ...columns,
      articleCount: sql<number>`(select count(*) from ${articles} where ${and(eq(articles.categoryId, categories.id), visibleToReaders(siteId, now))})`,
    })
    .from(categories)
    .where(and(eq(categories.siteId, siteId), eq(categories.slug, slug)));
  return row ?? null;
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
