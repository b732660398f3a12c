// "Xem nhiều nhất": exactly the views the visitor statistics count (the same step decides both), per
// Vietnam-day windows under the test's clock, summed over every shard (never a merge of per-shard tops),
// published articles only; the isolate's reading bounded by 60 s and by the content generation.
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { currentRegistry } from '../../functions/sites/registry.ts';
import { flushViews, readFigures, recordView } from '../../functions/stats/figures.ts';
import { injectMostRead, MOST_READ_HEADER } from '../../functions/stats/most-read-inject.ts';
import { mostRead, mostReadForPage, MOST_READ_MAX_AGE_MS, viewSums, windowRanges, type MostRead } from '../../functions/stats/most-read.ts';
import { ARTICLE_ID_HEADER, withVisitorStats } from '../../functions/stats/page-view.ts';
import { BROWSER_UA, envWithShards, ipOf } from '../support/stats.ts';
import { unpublish, write } from '../support/reading-list-writes.ts';
import { freshSite, readerOnShard } from '../support/reading-lists.ts';

const DAY = 86_400_000;
const site = await freshSite('xem-nhieu');
// The statistics step and the figures read the registry snapshot the Worker entry holds: take it now, with this site.
await currentRegistry(env);

/** A page of the site as the renderer answers it: 200 HTML attributed to the article, asking for the lists. */
function pageOf(articleId: number, status = 200): Response {
  return new Response('<!doctype html><html lang="vi"><title>t</title><ol data-most-read="today" data-limit="5"><li>—</li></ol></html>', {
    status, headers: { 'Content-Type': 'text/html; charset=utf-8', [ARTICLE_ID_HEADER]: String(articleId), [MOST_READ_HEADER]: '1' },
  });
}

async function through(path: string, articleId: number, reader: number, init: RequestInit & { headers?: Record<string, string> } = {}, status = 200) {
  const request = new Request(`${site.origin}${path}`, { ...init, headers: { 'CF-Connecting-IP': ipOf(reader), 'User-Agent': BROWSER_UA, Accept: 'text/html', ...init.headers } });
  const ctx = createExecutionContext();
  const res = await withVisitorStats(request, env, ctx, pageOf(articleId, status));
  const html = await res.text();
  await waitOnExecutionContext(ctx);
  return { res, html };
}

describe('what is counted', () => {
  it('an article gets exactly the page views the statistics count: bots, HEAD, prefetches, admin and non-200 add nothing', async () => {
    const a = await write(site, 'Bài được đọc', new Date());
    const now = new Date();
    const before = await readFigures(env, site, now);
    const sumsBefore = (await viewSums(env, site, now, { flush: true }))[0]!.get(a.id) ?? 0;
    await through(`/bai-viet/${a.slug}`, a.id, 1);
    await through(`/bai-viet/${a.slug}`, a.id, 1); // the same reader again: a view, not a visit
    await through(`/bai-viet/${a.slug}`, a.id, 2);
    const notCounted: [string, RequestInit & { headers?: Record<string, string> }, number][] = [
      ['/bai-viet/x', { headers: { 'User-Agent': 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)' } }, 200],
      ['/bai-viet/x', { headers: { 'User-Agent': 'curl/8.5.0' } }, 200],
      ['/bai-viet/x', { headers: { 'User-Agent': '' } }, 200],
      ['/bai-viet/x', { method: 'HEAD' }, 200],
      ['/bai-viet/x', { headers: { 'Sec-Purpose': 'prefetch' } }, 200],
      ['/bai-viet/x', { headers: { Purpose: 'prefetch' } }, 200],
      ['/admin/bai-viet/1', {}, 200],
      ['/bai-viet/x', {}, 404],
    ];
    for (const [path, init, status] of notCounted) await through(path, a.id, 3, init, status);
    const after = await readFigures(env, site, new Date());
    const sumsAfter = (await viewSums(env, site, new Date(), { flush: true }))[0]!.get(a.id) ?? 0;
    expect(sumsAfter - sumsBefore).toBe(3);
    // The very views the statistics counted, no more, no fewer.
    expect(after.pageViews - before.pageViews).toBe(3);
  });

  it('the page gets its lists filled in (titles escaped) and the Worker\'s header removed', async () => {
    const a = await write(site, 'Bài <có> "dấu" & ký tự', new Date());
    // Counted before the page is asked for: the page shows the isolate's reading, made after this write.
    await recordView(env, site, { reader: readerOnShard(0, 8, 11), articleId: a.id }, new Date());
    await flushViews(site);
    const { res, html } = await through(`/bai-viet/${a.slug}`, a.id, 12);
    expect(res.headers.has(MOST_READ_HEADER)).toBe(false);
    expect(html).toContain(`<a href="/bai-viet/${a.slug}">Bài &lt;có&gt; &quot;dấu&quot; &amp; ký tự</a>`);
    expect(html).not.toContain('<li>—</li>');
  });
});

describe('windows, in Vietnam days under the test\'s clock', () => {
  it('today, the last 7 days and the last 30 days, both ends included', async () => {
    const now = Date.UTC(2033, 2, 31, 3, 0); // 10:00 in Vietnam, 31 March 2033
    const a = await write(site, 'Bài theo ngày', new Date(now - 40 * DAY));
    let n = 0;
    const viewAt = (t: number) => recordView(env, site, { reader: readerOnShard(0, 8, 1000 + ++n), articleId: a.id }, new Date(t));
    await viewAt(now); // today
    await viewAt(now - 6 * DAY); // 7th day back: in the week
    await viewAt(now - 7 * DAY); // 8th day back: the month only
    await viewAt(now - 29 * DAY); // 30th day back: in the month
    await viewAt(now - 30 * DAY); // 31st day back: in none
    const [today, week, month] = await viewSums(env, site, new Date(now), { flush: true });
    expect([today!.get(a.id), week!.get(a.id), month!.get(a.id)]).toEqual([1, 2, 4]);
    expect(windowRanges(new Date(now))).toEqual([
      { from: '2033-03-31', to: '2033-03-31' }, { from: '2033-03-25', to: '2033-03-31' }, { from: '2033-03-02', to: '2033-03-31' },
    ]);
  });

  it('a view at 23:59 in Vietnam is yesterday\'s a minute after midnight there (16:59 and 17:01 UTC)', async () => {
    const evening = Date.UTC(2033, 4, 10, 16, 59);
    const a = await write(site, 'Bài nửa đêm', new Date(evening - DAY));
    await recordView(env, site, { reader: readerOnShard(1, 8, 2001), articleId: a.id }, new Date(evening));
    expect((await viewSums(env, site, new Date(evening), { flush: true }))[0]!.get(a.id)).toBe(1);
    const [today, week] = await viewSums(env, site, new Date(evening + 2 * 60_000), { flush: true });
    expect(today!.get(a.id)).toBeUndefined();
    expect(week!.get(a.id)).toBe(1);
  });
});

describe('summed over every shard', () => {
  it('an article read a little on every shard outranks one read a lot on one shard (no per-shard top-N)', async () => {
    const shards = 4;
    const e = envWithShards(shards);
    const now = Date.UTC(2033, 6, 1, 3, 0);
    const [spread, peak, ...locals] = await Promise.all([
      write(site, 'Đọc rải rác', new Date(now - DAY)), write(site, 'Đọc dồn một chỗ', new Date(now - DAY)),
      ...Array.from({ length: shards }, (_, i) => write(site, `Đọc nhiều ở phần ${i}`, new Date(now - DAY))),
    ]);
    let n = 0;
    const views = async (articleId: number, shard: number, count: number) => {
      for (let k = 0; k < count; k++) await recordView(e, site, { reader: readerOnShard(shard, shards, 3000 + ++n), articleId }, new Date(now));
    };
    // Every shard: spread 3, its own local 4 (each shard's top), peak 10 on shard 0 only.
    for (let s = 0; s < shards; s++) {
      await views(spread!.id, s, 3);
      await views(locals[s]!.id, s, 4);
    }
    await views(peak!.id, 0, 10);
    const lists = await mostRead(e, site, new Date(now), { limit: 3, flush: true });
    expect(lists.today.map((a) => [a.title, a.views])).toEqual([['Đọc rải rác', 12], ['Đọc dồn một chỗ', 10], [locals.at(-1)!.title, 4]]);
  });
});

describe('published articles only', () => {
  it('an article unpublished (or deleted) after its views leaves the lists, and the next readable one takes its place', async () => {
    const now = Date.UTC(2033, 8, 1, 3, 0);
    const top = await write(site, 'Được đọc nhiều rồi bị gỡ', new Date(now - DAY));
    const second = await write(site, 'Đọc nhì', new Date(now - DAY));
    const third = await write(site, 'Đọc ba', new Date(now - DAY));
    let n = 0;
    for (const [a, count] of [[top, 5], [second, 3], [third, 2]] as const) {
      for (let k = 0; k < count; k++) await recordView(env, site, { reader: readerOnShard(k % 8, 8, 4000 + ++n), articleId: a.id }, new Date(now));
    }
    expect((await mostRead(env, site, new Date(now), { limit: 2, flush: true })).today.map((a) => a.title)).toEqual(['Được đọc nhiều rồi bị gỡ', 'Đọc nhì']);
    await unpublish(site, top.id, new Date(now));
    const after = await mostRead(env, site, new Date(now), { limit: 2, flush: true });
    expect(after.today.map((a) => [a.title, a.views])).toEqual([['Đọc nhì', 3], ['Đọc ba', 2]]);
  });

  it('a draft never shown to readers does not appear even if a view was attributed to it', async () => {
    const now = Date.UTC(2033, 9, 1, 3, 0);
    const draft = await write(site, 'Bản nháp', new Date(now), { status: 'draft' });
    await recordView(env, site, { reader: readerOnShard(2, 8, 5001), articleId: draft.id }, new Date(now));
    const lists = await mostRead(env, site, new Date(now), { flush: true });
    expect((await viewSums(env, site, new Date(now)))[0]!.get(draft.id)).toBe(1);
    expect(lists.today.some((a) => a.id === draft.id)).toBe(false);
  });

  it('another site\'s article id with views on this site\'s counters is never shown', async () => {
    const other = await freshSite('xem-nhieu-khac');
    const now = Date.UTC(2033, 10, 1, 3, 0);
    const foreign = await write(other, 'Bài của trang khác', new Date(now - DAY));
    await recordView(env, site, { reader: readerOnShard(3, 8, 6001), articleId: foreign.id }, new Date(now));
    expect((await mostRead(env, site, new Date(now), { flush: true })).today.some((a) => a.id === foreign.id)).toBe(false);
    expect((await mostRead(env, other, new Date(now), { flush: true })).today).toEqual([]);
  });
});

describe('the isolate\'s reading', () => {
  it('is reused within 60 s of the same generation, read again after 60 s, and at once for a new generation', async () => {
    const now = Date.UTC(2034, 0, 10, 3, 0);
    const a = await write(site, 'Bài đếm bộ nhớ', new Date(now - DAY));
    const reader = (k: number) => readerOnShard(k % 8, 8, 7000 + k);
    await recordView(env, site, { reader: reader(1), articleId: a.id }, new Date(now));
    await recordView(env, site, { reader: reader(2), articleId: a.id }, new Date(now)); // stored before the first reading
    await flushViews(site);
    const viewsOf = (lists: MostRead) => lists.today.find((x) => x.id === a.id)?.views;
    expect(viewsOf(await mostReadForPage(env, site, 'g1', new Date(now)))).toBe(2);
    await recordView(env, site, { reader: reader(3), articleId: a.id }, new Date(now));
    await flushViews(site);
    expect(viewsOf(await mostReadForPage(env, site, 'g1', new Date(now + MOST_READ_MAX_AGE_MS - 1)))).toBe(2);
    expect(viewsOf(await mostReadForPage(env, site, 'g2', new Date(now + 1)))).toBe(3);
    expect(viewsOf(await mostReadForPage(env, site, 'g1', new Date(now + MOST_READ_MAX_AGE_MS)))).toBe(3);
  });
});

describe('filling the page', () => {
  const lists: MostRead = {
    today: [{ id: 1, slug: 'mot', title: 'Một', views: 1234 }],
    week: Array.from({ length: 8 }, (_, i) => ({ id: i + 1, slug: `b${i}`, title: `Bài ${i}`, views: 100 - i })),
    month: [],
  };
  const html = '<ol data-most-read="today" data-limit="5" data-unit="lượt xem"><li>…</li></ol><ol data-most-read="week" data-limit="3"><li>…</li></ol>'
    + '<ol data-most-read="month" data-empty="Chưa có lượt xem."><li>…</li></ol><ol data-most-read="year"><li>giữ</li></ol>';
  const fill = async (l: MostRead | null) => injectMostRead(new Response(html, { headers: { 'Content-Type': 'text/html' } }), l).text();

  it('each list gets its window up to its limit, its words, and an empty one its message; an unknown window is left alone', async () => {
    const out = await fill(lists);
    expect(out).toContain('<li><a href="/bai-viet/mot">Một</a> <span class="meta">1.234 lượt xem</span></li>');
    expect(out.match(/href="\/bai-viet\/b\d"/g)).toEqual(['href="/bai-viet/b0"', 'href="/bai-viet/b1"', 'href="/bai-viet/b2"']);
    expect(out).toContain('<li class="meta">Chưa có lượt xem.</li>');
    expect(out).toContain('<ol data-most-read="year"><li>giữ</li></ol>');
  });

  it('without a reading (counters down) the page keeps its placeholders', async () => {
    expect(await fill(null)).toBe(html);
  });
});
