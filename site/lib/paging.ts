// Keyset paging of "newest first" lists on reader pages: `?sau=<cursor>` starts after an article;
// the way back is computed from the first article shown, so both directions stay index range scans.
import { listPublishedArticles } from '../../functions/data/articles-read.ts';
import type { ArticleSummary } from '../../functions/data/article-types.ts';
import { decodeCursor, type Cursor } from '../../functions/data/cursor.ts';
import type { Db } from '../../functions/data/db.ts';
import { previousPageCursor, type ListFilter } from '../../functions/data/listings.ts';
import { LIST_PAGE_SIZE, PARAM } from '../consts.ts';

export interface ListPage {
  items: ArticleSummary[];
  /** Whether this is a later page (reached through a cursor). */
  continued: boolean;
  newerHref: string | null;
  olderHref: string | null;
}

/** The cursor in the address, undefined on the first page, null when it is not one we produced. */
export function cursorFrom(url: URL): Cursor | undefined | null {
  const raw = url.searchParams.get(PARAM.after);
  if (raw === null) return undefined;
  try {
    return decodeCursor(raw);
  } catch {
    return null;
  }
}

export function pageHref(path: string, cursor?: string): string {
  return cursor ? `${path}?${PARAM.after}=${encodeURIComponent(cursor)}` : path;
}

/** One page of a list, or null when the cursor is invalid (the caller answers 404). */
export async function loadListPage(
  db: Db, siteId: number, url: URL, filter: ListFilter, now: Date, pageSize = LIST_PAGE_SIZE,
): Promise<ListPage | null> {
  const cursor = cursorFrom(url);
  if (cursor === null) return null;
  const page = await listPublishedArticles(db, siteId, { limit: pageSize, cursor, categoryId: filter.categoryId, categoryFamily: filter.categoryFamily, tagSlug: filter.tagSlug, now });
  const first = page.items[0];
  let newerHref: string | null = null;
  if (cursor && first) {
    const previous = await previousPageCursor(db, siteId, filter, first, pageSize, now);
    newerHref = previous ? pageHref(url.pathname, previous.cursor) : null;
  } else if (cursor) {
    // Past the end (an old link after deletions): offer the first page.
    newerHref = url.pathname;
  }
  return {
    items: page.items,
    continued: Boolean(cursor),
    newerHref,
    olderHref: page.nextCursor ? pageHref(url.pathname, page.nextCursor) : null,
  };
}
