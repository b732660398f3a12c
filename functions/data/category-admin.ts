// The admin's changes of a site's categories (create one at the end of the menu, rename one), as
// statements for the write service (changeCategories in functions/articles/service.ts), which commits
// them with the site's change record so menus, lists and feeds show the change like any content write.
// The reads and the defaults of a new site are in categories.ts and sites.ts.
import { and, eq, sql } from 'drizzle-orm';
import { categories } from '../../schema/tables.ts';
import type { Db } from './db.ts';

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
