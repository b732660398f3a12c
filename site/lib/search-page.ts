// The search page's data: the query as typed (trimmed, bounded), the page number, and one page of
// ranked results (full-text, diacritics ignored: functions/data/search.ts).
import type { Db } from '../../functions/data/db.ts';
import { searchArticles, type SearchResult } from '../../functions/data/search.ts';
import { PARAM, SEARCH_MAX_LENGTH, SEARCH_PAGE_SIZE, SEARCH_PATH } from '../consts.ts';

export type SearchResults = SearchResult;

export interface SearchRequest {
  q: string;
  page: number;
}

/** `?q=` trimmed and cut to a sane length; `?trang=` a positive integer (anything else: page 1). */
export function searchRequest(url: URL): SearchRequest {
  const q = (url.searchParams.get(PARAM.query) ?? '').normalize('NFC').replace(/\s+/g, ' ').trim().slice(0, SEARCH_MAX_LENGTH);
  const raw = url.searchParams.get(PARAM.page) ?? '1';
  const n = /^\d{1,4}$/.test(raw) ? Number(raw) : 1;
  return { q, page: Math.max(1, n) };
}

export function runSearch(db: Db, siteId: number, request: SearchRequest, now: Date): Promise<SearchResults> {
  return searchArticles(db, siteId, request.q, { page: request.page, pageSize: SEARCH_PAGE_SIZE, now });
}

/** Page numbers to link: the first, the last, and two either side of the current one; null marks a gap. */
export function pageNumbers(current: number, count: number): (number | null)[] {
  const shown = new Set([1, count, current - 2, current - 1, current, current + 1, current + 2].filter((n) => n >= 1 && n <= count));
  const sorted = [...shown].sort((a, b) => a - b);
  const out: (number | null)[] = [];
  sorted.forEach((n, i) => {
    if (i > 0 && n - sorted[i - 1]! > 1) out.push(null);
    out.push(n);
  });
  return out;
}

export function searchHref(q: string, page = 1): string {
  const params = new URLSearchParams({ [PARAM.query]: q });
  if (page > 1) params.set(PARAM.page, String(page));
  return `${SEARCH_PATH}?${params.toString()}`;
}
