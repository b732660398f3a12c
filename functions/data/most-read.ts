// "Xem nhiều nhất": which of the ranked article ids readers may see now (published, its time come, not
// deleted, of the site), with what a list item links to. The ranking itself comes from the visit counters.
import { and, inArray } from 'drizzle-orm';
import { articles } from '../../schema/tables.ts';
import { visibleToReaders } from './articles-read.ts';
import type { Db } from './db.ts';

export interface ReadableArticle {
  id: number;
  slug: string;
  title: string;
}

/** At most this many ids per query (D1 binds 100 parameters a statement; the site and clock take a few). */
export const VISIBLE_CHUNK = 90;

/** The articles among `ids` that the site's readers may see now, by id; an article later unpublished is not here. */
export async function readableArticles(db: Db, siteId: number, ids: number[], now: Date): Promise<Map<number, ReadableArticle>> {
  const out = new Map<number, ReadableArticle>();
  if (ids.length === 0) return out;
  if (ids.length > VISIBLE_CHUNK) throw new RangeError(`at most ${VISIBLE_CHUNK} ids a query`);
  const rows = await db.select({ id: articles.id, slug: articles.slug, title: articles.title }).from(articles)
    .where(and(visibleToReaders(siteId, now), inArray(articles.id, ids)));
  for (const r of rows) out.set(r.id, r);
  return out;
}
