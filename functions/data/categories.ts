// Category queries: the menu order, one category by slug, and creation (demo content, admin later).
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

/** Published-article counts per category come from the (category_id, status, published_at) index. */
function publishedCounts(db: Db, now: Date) {
  return db
    .select({ categoryId: articles.categoryId, n: count().as('n') })
    .from(articles)
    .where(visibleToReaders(now))
    .groupBy(articles.categoryId)
    .as('counts');
}

export async function listCategories(db: Db, now: Date): Promise<Category[]> {
  const counts = publishedCounts(db, now);
  const rows = await db
    .select({ ...columns, articleCount: sql<number>`coalesce(${counts.n}, 0)` })
    .from(categories)
    .leftJoin(counts, eq(counts.categoryId, categories.id))
    .orderBy(asc(categories.position), asc(categories.id));
  return rows;
}

export async function readCategory(db: Db, slug: string, now: Date): Promise<Category | null> {
  const [row] = await db
    .select({
      ...columns,
      articleCount: sql<number>`(select count(*) from ${articles} where ${and(eq(articles.categoryId, categories.id), visibleToReaders(now))})`,
    })
    .from(categories)
    .where(eq(categories.slug, slug));
  return row ?? null;
}

export async function categoryIdOf(db: Db, slug: string): Promise<number | null> {
  const [row] = await db.select({ id: categories.id }).from(categories).where(eq(categories.slug, slug));
  return row?.id ?? null;
}

export async function createCategory(
  db: Db,
  input: { slug: string; name: string; description: string; position: number },
): Promise<number> {
  const [row] = await db.insert(categories).values(input).returning({ id: categories.id });
  return row!.id;
}
