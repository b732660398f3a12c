// The cron trigger. Scheduled articles need no flip to go live (readers' queries compare publish time
// with now); this run reports what became visible so the edge cache can be refreshed (site issue).
import { and, eq, gt, isNull, lte } from 'drizzle-orm';
import { articles } from '../schema/tables.ts';
import { database } from './data/db.ts';

const CRON_PERIOD_MS = 60_000;

export async function runScheduled(env: Env, at: Date): Promise<string[]> {
  const since = new Date(at.getTime() - CRON_PERIOD_MS);
  const due = await database(env.DB)
    .select({ slug: articles.slug })
    .from(articles)
    .where(and(eq(articles.status, 'published'), gt(articles.publishedAt, since), lte(articles.publishedAt, at), isNull(articles.deletedAt)));
  if (due.length) console.log(`scheduled: ${due.length} article(s) went live`, due.map((d) => d.slug));
  return due.map((d) => d.slug);
}
