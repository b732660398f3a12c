// Numbers the statistics step writes into pages (functions/stats/inject.ts, most-read-inject.ts): the
// English way on pages whose <html lang> is English ("3,557,924"), the Vietnamese way everywhere else
// ("3.557.924"), the same for the "Xem nhiều nhất" view counts, on a page as it streams from the cache.
import { describe, expect, it } from 'vitest';
import { injectFigures } from '../../functions/stats/inject.ts';
import { injectMostRead } from '../../functions/stats/most-read-inject.ts';

const figures = { onlineNow: 1_204, totalVisits: 3_557_924, visitsToday: 12_345, pageViews: 99 };
const html = (lang: string) => new Response(
  `<!doctype html><html lang="${lang}"><body><dl><dd data-stat="online">—</dd><dd data-stat="total">—</dd><dd data-stat="today">—</dd></dl>`
  + '<ol data-most-read="today" data-limit="5" data-unit="views" data-empty="-"></ol></body></html>',
  { headers: { 'Content-Type': 'text/html; charset=utf-8' } },
);
const stats = (text: string) => [...text.matchAll(/data-stat="\w+">([^<]*)</g)].map((m) => m[1]);
const item = { id: 1, slug: 'bai', title: 'Bài', views: 1_234_567 };
const lists = { today: [item], week: [item], month: [item] };

describe('numbers on pages', () => {
  it('English pages write them en-US, Vietnamese pages vi-VN', async () => {
    expect(stats(await injectFigures(html('en'), figures).text())).toEqual(['1,204', '3,557,924', '12,345']);
    expect(stats(await injectFigures(html('vi'), figures).text())).toEqual(['1.204', '3.557.924', '12.345']);
    // A page without a language (none of ours) keeps the Vietnamese way.
    expect(stats(await injectFigures(html(''), figures).text())).toEqual(['1.204', '3.557.924', '12.345']);
  });

  it('the most-read view counts follow the page language too', async () => {
    expect(await injectMostRead(html('en'), lists).text()).toContain('<span class="meta">1,234,567 views</span>');
    expect(await injectMostRead(html('vi'), lists).text()).toContain('<span class="meta">1.234.567 views</span>');
  });
});
