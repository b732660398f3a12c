// The durable record of content changes, one row per site (id = the site's id): every write's batch
// counts itself in its site's row, in the same transaction as the content, with the site's next
// scheduled publication as of that commit; a write on a commune also counts in its province's roll-up
// seq. Each site's content generation (and a province's roll-up) is moved from this record
// (functions/articles/generation-move.ts), so a move that fails after the commit is still known and
// is retried from it.
import { and, eq, gt, inArray, isNotNull, isNull, lte, min, sql } from 'drizzle-orm';
import { articles, contentChanges, documents, featuredArticles, pages, sites } from '../../schema/tables.ts';
import type { Db } from './db.ts';

export interface ContentChange {
  /** The site the change is for. */
  siteId: number;
  /** Increases by one with every committed change of the site, in commit order. */
  seq: number;
  /** The next instant a scheduled article or document of the site goes live (ms), or null. */
  nextScheduledAt: number | null;
}

/** A change of one of a province's communes: the province's pages that show them are moved from this. */
export interface RollupChange {
  /** The province (the parent site). */
  siteId: number;
  /** Increases with every committed change of any of its communes. */
  rollupSeq: number;
  /** The next instant a scheduled article of any of its communes goes live (ms), or null. */
  nextScheduledAt: number | null;
}

/**
 * The site's next publication still ahead of `now`, an article's, a document's or a page's, computed inside the
 * statement (so inside the batch); each side a short range of its (site_id, status, published_at) index.
 * A pin's expiry ("Tin nổi bật") counts too: the home page changes then without a write.
 */
const nextScheduled = (siteId: number, now: Date) => sql`(select min(at) from (
  select min(${articles.publishedAt}) as at from ${articles}
    where ${and(eq(articles.siteId, siteId), eq(articles.status, 'published'), gt(articles.publishedAt, now), isNull(articles.deletedAt))}
  union all
  select min(${documents.publishedAt}) from ${documents}
    where ${and(eq(documents.siteId, siteId), eq(documents.status, 'published'), gt(documents.publishedAt, now), isNull(documents.deletedAt))}
  union all
  select min(${pages.publishedAt}) from ${pages}
    where ${and(eq(pages.siteId, siteId), eq(pages.status, 'published'), gt(pages.publishedAt, now), isNull(pages.deletedAt))}
  union all
  select min(${featuredArticles.expiresAt}) from ${featuredArticles}
    where ${and(eq(featuredArticles.siteId, siteId), gt(featuredArticles.expiresAt, now))}))`;

/**
 * The batch item that records a change of the site; put it after the content in a write's batch, so it
 * sees the whole write. With `activeOnly` (every content write) it also refuses an archived site: its
 * seq is then NULL and the whole batch fails (NOT NULL, checked before the upsert's conflict), which
 * errors.ts reads as SiteArchived. So a site archived a moment ago (the registry is up to a second
 * behind) still gets no write. The cron's publications record without it.
 */
export function recordChange(db: Db, siteId: number, now: Date, options: { activeOnly?: boolean } = {}) {
  const first = options.activeOnly
    ? sql<number>`(select 1 from ${sites} where ${sites.id} = ${siteId} and ${sites.status} = 'active')`
    : 1;
  return db.insert(contentChanges)
    .values({ id: siteId, seq: first, nextScheduledAt: nextScheduled(siteId, now) })
    .onConflictDoUpdate({
      target: contentChanges.id,
      set: { seq: sql`${contentChanges.seq} + 1`, nextScheduledAt: sql`excluded.next_scheduled_at` },
    })
    .returning({ siteId: contentChanges.id, seq: contentChanges.seq, nextScheduledAt: contentChanges.nextScheduledAt });
}

/**
 * The batch items that count a change of `siteId` in its parent's roll-up (nothing happens for a site
 * without a parent: the parent is read inside the statement, so it is the one on record at commit).
 * The first returns the parent's row; the second the next scheduled instant among all its children.
 */
export function recordRollup(db: Db, siteId: number, now: Date) {
  const parentOf = sql`(select ${sites.parentId} from ${sites} where ${sites.id} = ${siteId})`;
  return [
    // Every column, in table order, as drizzle's insert-select requires; a parent without a record of its
    // own yet gets one at seq 0 (no change of its own).
    db.insert(contentChanges).select(
      db.select({
        id: sql<number>`${sites.parentId}`.as('id'),
        seq: sql<number>`0`.as('seq'),
        rollupSeq: sql<number>`1`.as('rollup_seq'),
        nextScheduledAt: sql<number | null>`null`.as('next_scheduled_at'),
      }).from(sites).where(and(eq(sites.id, siteId), isNotNull(sites.parentId))),
    ).onConflictDoUpdate({ target: contentChanges.id, set: { rollupSeq: sql`${contentChanges.rollupSeq} + 1` } })
      .returning({ id: contentChanges.id, rollupSeq: contentChanges.rollupSeq }),
    db.select({ at: min(articles.publishedAt) }).from(articles).where(and(
      inArray(articles.siteId, db.select({ id: sites.id }).from(sites).where(eq(sites.parentId, parentOf))),
      eq(articles.status, 'published'), gt(articles.publishedAt, now), isNull(articles.deletedAt),
    )),
  ] as const;
}

type RollupReads = ReturnType<typeof recordRollup>;

/** The roll-up change from the results of recordRollup's items, or null (the site has no parent). */
export function rollupOf(rows: Awaited<RollupReads[0]>, next: Awaited<RollupReads[1]>): RollupChange | null {
  const row = rows[0];
  if (!row) return null;
  return { siteId: row.id, rollupSeq: row.rollupSeq, nextScheduledAt: next[0]?.at?.getTime() ?? null };
}

/** The latest change of the site, or null before its first write. */
export async function latestChange(db: Db, siteId: number): Promise<ContentChange | null> {
  const [row] = await db.select({ siteId: contentChanges.id, seq: contentChanges.seq, nextScheduledAt: contentChanges.nextScheduledAt })
    .from(contentChanges).where(eq(contentChanges.id, siteId));
  return row ?? null;
}

/** The site's whole record, roll-up seq included (the catch-up's second look before it rebases). */
export async function latestRecord(db: Db, siteId: number) {
  const [row] = await db.select({ seq: contentChanges.seq, rollupSeq: contentChanges.rollupSeq, nextScheduledAt: contentChanges.nextScheduledAt })
    .from(contentChanges).where(eq(contentChanges.id, siteId));
  return row ?? null;
}

/** Every site's record, with its roll-up seq (the catch-up walks them all). */
export function allChanges(db: Db) {
  return db.select({ siteId: contentChanges.id, seq: contentChanges.seq, rollupSeq: contentChanges.rollupSeq, nextScheduledAt: contentChanges.nextScheduledAt })
    .from(contentChanges).orderBy(contentChanges.id);
}

/** The sites whose next scheduled publication has come by `at` (the cron publishes these). */
export function dueChanges(db: Db, at: Date) {
  return db.select({ siteId: contentChanges.id })
    .from(contentChanges)
    .where(and(isNotNull(contentChanges.nextScheduledAt), lte(contentChanges.nextScheduledAt, at.getTime())));
}

/** Per province, the next instant one of its communes' scheduled articles goes live (ms). */
export async function rollupSchedules(db: Db, now: Date): Promise<Map<number, number>> {
  const rows = await db.select({ parentId: sites.parentId, at: min(articles.publishedAt) })
    .from(articles)
    .innerJoin(sites, eq(sites.id, articles.siteId))
    .where(and(isNotNull(sites.parentId), eq(articles.status, 'published'), gt(articles.publishedAt, now), isNull(articles.deletedAt)))
    .groupBy(sites.parentId);
  return new Map(rows.filter((r) => r.parentId !== null && r.at).map((r) => [r.parentId!, r.at!.getTime()]));
}
