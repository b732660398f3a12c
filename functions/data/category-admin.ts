// The admin's changes of a site's categories (create one at the end of the menu, rename one, keeping
// its old slug answering 301; nest and reorder, two levels), as statements for the write service
// (changeCategories in functions/articles/service.ts), which commits them with the site's change record
// so menus, lists and feeds show the change like any content write. The reads and the defaults of a
// new site are in categories.ts and sites.ts.
import { and, asc, eq, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { categories, categorySlugHistory } from '../../schema/tables.ts';
import type { Db } from './db.ts';
import { shapeStatements, type TwoLevelShape } from './two-levels.ts';

/** A new category of the site, placed after the others; returns its id. */
export function planCreateCategory(db: Db, siteId: number, input: { slug: string; name: string; description: string }) {
  const next = sql<number>`(select coalesce(max(${categories.position}), 0) + 1 from ${categories} where ${categories.siteId} = ${siteId})`;
  return db.insert(categories).values({ ...input, siteId, position: next }).returning({ id: categories.id });
}

/** A new name for one of the site's categories (its slug, so every link to it, stays); returns its id, none if not the site's. */
export function planRenameCategory(db: Db, siteId: number, id: number, name: string, now: Date) {
  return db.update(categories).set({ name, updatedAt: now })
    .where(and(eq(categories.id, id), eq(categories.siteId, siteId)))
    .returning({ id: categories.id });
}

/**
 * A new slug for one of the site's categories: the old one goes to its history (so /chuyen-muc/{old} and
 * its feeds answer 301), and the new one leaves the history if some category once had it (the live
 * slug wins over a former one). The rename itself comes last, so its result says whether it was the site's.
 */
export function planResettleCategorySlug(db: Db, siteId: number, id: number, oldSlug: string, slug: string, now: Date): [BatchItem<'sqlite'>, BatchItem<'sqlite'>, BatchItem<'sqlite'>] {
  return [
    db.delete(categorySlugHistory).where(and(eq(categorySlugHistory.siteId, siteId), eq(categorySlugHistory.slug, slug))),
    db.insert(categorySlugHistory).values({ siteId, slug: oldSlug, categoryId: id, createdAt: now })
      .onConflictDoUpdate({ target: [categorySlugHistory.siteId, categorySlugHistory.slug], set: { categoryId: id, createdAt: now } }),
    db.update(categories).set({ slug, updatedAt: now }).where(and(eq(categories.id, id), eq(categories.siteId, siteId))),
  ];
}

/** The site's categories as a two-level shape (parent and position, ids only). */
export async function categoryShape(db: Db, siteId: number): Promise<{ id: number; parentId: number | null; slug: string; name: string }[]> {
  return db.select({ id: categories.id, parentId: categories.parentId, slug: categories.slug, name: categories.name }).from(categories)
    .where(eq(categories.siteId, siteId)).orderBy(asc(categories.position), asc(categories.id));
}

/** Every category's parent and position (1, 2, … among its siblings) as the shape says; only the site's rows. */
export function planCategoryShape(db: Db, siteId: number, shape: TwoLevelShape, now: Date): BatchItem<'sqlite'>[] {
  const set = (id: number, parentId: number | null, position: number) =>
    db.update(categories).set({ parentId, position, updatedAt: now }).where(and(eq(categories.id, id), eq(categories.siteId, siteId)));
  return shapeStatements(shape, set);
}

/** Whether the site already has a category with this slug (checked before; a race is caught by categorySlugTaken). */
export async function categorySlugExists(db: Db, siteId: number, slug: string): Promise<boolean> {
  const [row] = await db.select({ id: categories.id }).from(categories).where(and(eq(categories.siteId, siteId), eq(categories.slug, slug)));
  return row !== undefined;
}

/** Whether the category is one of the site's (another site's id, as a forged form would send, is not). */
export async function isCategoryOf(db: Db, siteId: number, id: number): Promise<boolean> {
  const [row] = await db.select({ id: categories.id }).from(categories).where(and(eq(categories.id, id), eq(categories.siteId, siteId)));
  return row !== undefined;
}

/** The (site_id, slug) unique index refused an insert: another create took the slug meanwhile. */
export function categorySlugTaken(error: unknown): boolean {
  const e = error as Error & { cause?: Error };
  return /UNIQUE constraint failed: categories\.site_id, categories\.slug/.test(`${e?.message ?? ''} ${e?.cause?.message ?? ''}`);
}
