// Fills the "Thống kê truy cập" numbers into a page's HTML as it streams, on cache hits and misses alike.
import type { Figures } from './figures.ts';

const number = new Intl.NumberFormat('vi-VN');
/** Shown when the counters are unavailable and nothing is known yet. */
export const PLACEHOLDER = '—';

export function formatCount(n: number | undefined): string {
  return n === undefined ? PLACEHOLDER : number.format(n);
}

export function injectFigures(response: Response, figures: Figures | null): Response {
  const values: Record<string, string> = {
    online: formatCount(figures?.onlineNow),
    total: formatCount(figures?.totalVisits),
    today: formatCount(figures?.visitsToday),
  };
  return new HTMLRewriter()
    .on('[data-stat]', {
      element(el) {
        const value = values[el.getAttribute('data-stat') ?? ''];
        if (value !== undefined) el.setInnerContent(value);
      },
    })
    .transform(response);
}
