// The durable record of content changes (one row): every write's batch counts itself here, in the same
// transaction as the content, with the next scheduled publication as of that commit. The content
// generation is moved from this record (functions/articles/generation-move.ts), so a move that fails
// after the commit is still known and is retried from it.
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import { articles, contentChanges } from '../../schema/tables.ts';
import type { Db } from './db.ts';

export interface ContentChange {
  /** Increases by one with every committed change, in commit order. */
  seq: number;
  /** The next instant a scheduled article goes live (ms), or null. */
  nextScheduledAt: number | null;
}

/** The next publication still ahead of `now`, computed inside the statement (so inside the batch). */
const nextScheduled = (now: Date) => sql`(select min(${articles.publishedAt}) from ${articles}
  where ${and(eq(articles.status, 'published'), gt(articles.publishedAt, now), isNull(articles.deletedAt))})`;

/** The batch item that records a change; put it last in a write's batch, so it sees the whole write. */
export function recordChange(db: Db, now: Date) {
  return db.insert(contentChanges)
    .values({ id: 1, seq: 1, nextScheduledAt: nextScheduled(now) })
    .onConflictDoUpdate({
      target: contentChanges.id,
      set: { seq: sql`${contentChanges.seq} + 1`, nextScheduledAt: sql`excluded.next_scheduled_at` },
    })
    .returning({ seq: contentChanges.seq, nextScheduledAt: contentChanges.nextScheduledAt });
}

/** The latest change, or null before the first write. */
export async function latestChange(db: Db): Promise<ContentChange | null> {
  const [row] = await db.select({ seq: contentChanges.seq, nextScheduledAt: contentChanges.nextScheduledAt })
    .from(contentChanges).where(eq(contentChanges.id, 1));
  return row ?? null;
}
