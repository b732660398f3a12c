// The categories an import needs, matched to the site's own: the same slug, else the same name without
// diacritics ("Tin tức" = "TIN TUC"), else a new category under its parent (two levels at most: a
// grandchild goes under its grandparent). Plans only; the write service commits them.
import { and, eq, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { categories } from '../../schema/tables.ts';
import { foldVietnamese } from '../content/fold.ts';
import { slugify } from '../content/slug.ts';
import { categoryShape } from './category-admin.ts';
import type { Db } from './db.ts';

export interface WantedCategory {
  slug: string | null;
  name: string;
  parentSlug: string | null;
}

/** What each wanted category became: its slug on the site, whether it must be created, and where. */
export interface CategoryMatch {
  slug: string;
  created: boolean;
  /** For a new one: its name and its parent's slug (a top-level category's: null). */
  name: string;
  parentSlug: string | null;
}

/** Why a wanted category cannot be placed: its parent is neither the site's nor wanted before it. */
export class UnknownParent extends Error {
  readonly index: number;
  constructor(index: number, parentSlug: string) {
    super(`items.${index}.parentSlug: no category "${parentSlug}" on the site or earlier in the list.`);
    this.index = index;
  }
}

/** Matches the wanted categories, in order, against the site's (and the ones wanted before each). */
export async function matchCategories(db: Db, siteId: number, wanted: WantedCategory[]): Promise<CategoryMatch[]> {
  const existing = await categoryShape(db, siteId);
  const slugOfId = new Map(existing.map((c) => [c.id, c.slug]));
  const bySlug = new Map<string, { slug: string; parentSlug: string | null }>();
  const byName = new Map<string, { slug: string; parentSlug: string | null }>();
  const remember = (entry: { slug: string; parentSlug: string | null }, name: string) => {
    bySlug.set(entry.slug, entry);
    if (!byName.has(foldVietnamese(name))) byName.set(foldVietnamese(name), entry);
  };
  for (const c of existing) remember({ slug: c.slug, parentSlug: c.parentId === null ? null : slugOfId.get(c.parentId) ?? null }, c.name);
  return wanted.map((w, index) => {
    const slug = w.slug ?? (slugify(w.name) || 'chuyen-muc');
    const found = bySlug.get(slug) ?? byName.get(foldVietnamese(w.name));
    if (found) return { slug: found.slug, created: false, name: w.name, parentSlug: found.parentSlug };
    let parentSlug: string | null = null;
    if (w.parentSlug !== null) {
      const parent = bySlug.get(w.parentSlug);
      if (!parent) throw new UnknownParent(index, w.parentSlug);
      parentSlug = parent.parentSlug ?? parent.slug; // two levels: a child of a child goes under the grandparent
    }
    const entry = { slug, parentSlug };
    remember(entry, w.name);
    return { ...entry, created: true, name: w.name };
  });
}

/** A new category at the end of the menu, under its parent (by slug: it may be created in the same batch). */
export function planImportedCategory(db: Db, siteId: number, c: CategoryMatch): BatchItem<'sqlite'> {
  const next = sql<number>`(select coalesce(max(${categories.position}), 0) + 1 from ${categories} where ${categories.siteId} = ${siteId})`;
  const parentId = c.parentSlug === null ? null : sql`(select ${categories.id} from ${categories} where ${categories.siteId} = ${siteId} and ${categories.slug} = ${c.parentSlug})`;
  return db.insert(categories).values({ siteId, slug: c.slug, name: c.name, description: '', position: next, parentId });
}

/** The ids of the site's categories of these slugs. */
export async function categoryIds(db: Db, siteId: number, slugs: string[]): Promise<Map<string, number>> {
  const rows = await db.select({ id: categories.id, slug: categories.slug }).from(categories)
    .where(and(eq(categories.siteId, siteId), sql`${categories.slug} in (select value from json_each(${JSON.stringify(slugs)}))`));
  return new Map(rows.map((r) => [r.slug, r.id]));
}
