// A site's tags as a whole: the /the index (tags readers can open, with their published articles,
// in Vietnamese alphabetical order), the admin's list, a former slug's tag (the old URL answers 301),
// and the admin's rename and merge as statements for the write service (commitSiteChange). Every
// statement names the site: a tag of another site is never renamed, merged into, or counted.
import { and, count, eq, sql } from 'drizzle-orm';
import { articles, articleTags, tags, tagSlugHistory } from '../../schema/tables.ts';
import { visibleToReaders } from './articles-read.ts';
import type { Batch } from './articles-write.ts';
import type { Db } from './db.ts';

export interface TagCount {
  id: number;
  slug: string;
  name: string;
  /** Published articles carrying it (what its page lists). */
  articleCount: number;
}

/** Vietnamese dictionary order (Đ after D, diacritics after the bare letter), not code-point order. */
const vietnamese = new Intl.Collator('vi', { sensitivity: 'base', numeric: true });
export const byVietnameseName = (a: { name: string }, b: { name: string }) => vietnamese.compare(a.name, b.name) || a.name.localeCompare(b.name);

/** Every tag of the site with its published articles (0 for one only drafts carry), alphabetical. */
export async function listTagCounts(db: Db, siteId: number, now: Date): Promise<TagCount[]> {
  const counts = db.select({ tagId: articleTags.tagId, n: count().as('n') })
    .from(articleTags)
    .innerJoin(articles, eq(articles.id, articleTags.articleId))
    .where(visibleToReaders(siteId, now))
    .groupBy(articleTags.tagId)
    .as('counts');
  const rows = await db.select({ id: tags.id, slug: tags.slug, name: tags.name, articleCount: sql<number>`coalesce(${counts.n}, 0)` })
    .from(tags)
    .leftJoin(counts, eq(counts.tagId, tags.id))
    .where(eq(tags.siteId, siteId));
  return rows.sort(byVietnameseName);
}

/** The /the index: tags a reader can open (a tag only drafts carry could give a draft away). */
export async function readerTags(db: Db, siteId: number, now: Date): Promise<TagCount[]> {
  return (await listTagCounts(db, siteId, now)).filter((t) => t.articleCount > 0);
}

/** The slug the site's tag has now, if `slug` is one it had (renamed, or merged into it). */
export async function movedTagSlug(db: Db, siteId: number, slug: string): Promise<string | null> {
  const [row] = await db.select({ slug: tags.slug }).from(tagSlugHistory)
    .innerJoin(tags, eq(tags.id, tagSlugHistory.tagId))
    .where(and(eq(tagSlugHistory.siteId, siteId), eq(tagSlugHistory.slug, slug), eq(tags.siteId, siteId)));
  return row?.slug ?? null;
}

export async function tagOf(db: Db, siteId: number, id: number): Promise<{ id: number; slug: string; name: string } | null> {
  const [row] = await db.select({ id: tags.id, slug: tags.slug, name: tags.name }).from(tags).where(and(eq(tags.id, id), eq(tags.siteId, siteId)));
  return row ?? null;
}

export async function tagIdBySlug(db: Db, siteId: number, slug: string): Promise<number | null> {
  const [row] = await db.select({ id: tags.id }).from(tags).where(and(eq(tags.siteId, siteId), eq(tags.slug, slug)));
  return row?.id ?? null;
}

/** The live slug leaves the history (if a tag once had it); the old one points at `tagId` from now on. */
function historyMoves(db: Db, siteId: number, tagId: number, oldSlug: string, newSlug: string, now: Date) {
  return [
    db.delete(tagSlugHistory).where(and(eq(tagSlugHistory.siteId, siteId), eq(tagSlugHistory.slug, newSlug))),
    db.insert(tagSlugHistory).values({ siteId, slug: oldSlug, tagId, createdAt: now })
      .onConflictDoUpdate({ target: [tagSlugHistory.siteId, tagSlugHistory.slug], set: { tagId, createdAt: now } }),
  ] as const;
}

/** A new name (and slug) for the site's tag; a changed slug's old value answers 301 to the new one. The last statement returns the tag if it was the site's. */
export function planRenameTag(db: Db, siteId: number, tag: { id: number; slug: string }, name: string, slug: string, now: Date): Batch {
  const rename = db.update(tags).set({ name, slug }).where(and(eq(tags.id, tag.id), eq(tags.siteId, siteId))).returning({ id: tags.id });
  return slug === tag.slug ? [rename] : [...historyMoves(db, siteId, tag.id, tag.slug, slug, now), rename];
}

/**
 * Tag `from` merged into `into` (both the site's): its articles carry `into` (once), its slug and its own
 * former slugs answer 301 to `into`, and `from` is gone. The last statement returns the removed tag.
 */
export function planMergeTag(db: Db, siteId: number, from: { id: number; slug: string }, into: { id: number; slug: string }, now: Date): Batch {
  return [
    db.insert(articleTags)
      .select(db.select({ articleId: articleTags.articleId, tagId: sql<number>`${into.id}`.as('tag_id') }).from(articleTags).where(eq(articleTags.tagId, from.id)))
      .onConflictDoNothing(),
    db.delete(articleTags).where(eq(articleTags.tagId, from.id)),
    db.update(tagSlugHistory).set({ tagId: into.id }).where(and(eq(tagSlugHistory.siteId, siteId), eq(tagSlugHistory.tagId, from.id))),
    ...historyMoves(db, siteId, into.id, from.slug, into.slug, now),
    db.delete(tags).where(and(eq(tags.id, from.id), eq(tags.siteId, siteId))).returning({ id: tags.id }),
  ];
}

/** The (site_id, slug) unique index refused a rename: another tag took the slug meanwhile. */
export function tagSlugTaken(error: unknown): boolean {
  const e = error as Error & { cause?: Error };
  return /UNIQUE constraint failed: tags\.site_id, tags\.slug/.test(`${e?.message ?? ''} ${e?.cause?.message ?? ''}`);
}
