// Publishing through the API shows on the served site at the next request, with no restart and no
// rebuild, although every list was cached just before; unpublishing takes it off everywhere; cached
// pages still carry live statistics.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { articlePaths, launchBrowser, newReader, shownCount } from '../support/browser.ts';
import { apiWrite, serve, uniqueWord, type Served } from '../support/served.ts';

const CATEGORY = { slug: 'kinh-te', name: 'Kinh tế' };

let served: Served;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  [served, browser] = await Promise.all([serve(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await served?.stop();
});
afterEach(async () => {
  await Promise.all(contexts.splice(0).map((c) => c.close()));
});

async function reader(): Promise<Page> {
  const context = await newReader(browser);
  contexts.push(context);
  return context.newPage();
}

async function open(page: Page, path: string): Promise<number> {
  const response = await page.goto(served.url + path);
  return response?.status() ?? 0;
}

interface Lists {
  home: string[];
  category: string[];
  tag: string[];
  search: string[];
  feed: string[];
}

/** Every list a reader or a feed reader sees, as article paths (feeds: item URLs' paths). */
async function lists(page: Page, word: string, tagSlug: string): Promise<Lists> {
  const seen = async (path: string, mustExist: boolean) => {
    const status = await open(page, path);
    if (mustExist) expect(status, `status of ${path}`).toBe(200);
    return status === 200 ? articlePaths(page) : [];
  };
  const feed = await served.fetch('/feed.json');
  expect(feed.status).toBe(200);
  const items = ((await feed.json()) as { items: { url: string }[] }).items;
  return {
    home: await seen('/', true),
    category: await seen(`/chuyen-muc/${CATEGORY.slug}`, true),
    // A tag with no published article left may answer 404: it lists nothing either way.
    tag: await seen(`/the/${tagSlug}`, false),
    search: await seen(`/tim-kiem?q=${word}`, true),
    feed: items.map((i) => new URL(i.url).pathname),
  };
}

it('a published article is on home, its category, its tag, search and the feed at the next request; unpublished, it is gone', async () => {
  const word = uniqueWord('kenhmuong');
  const tagName = `Thủy lợi ${word}`;
  const page = await reader();
  // Fill the edge cache with every list as it is now.
  for (let round = 0; round < 2; round++) await lists(page, word, `thuy-loi-${word}`);

  const created = await apiWrite(served, 'POST', '/api/v1/articles', {
    title: `Đồng Hỷ khánh thành kênh mương nội đồng ${word}`,
    category: CATEGORY.slug,
    summary: `Công trình kênh mương ${word} phục vụ tưới tiêu cho hơn 50 ha lúa.`,
    body: `Sáng nay, xã Hóa Thượng khánh thành công trình kênh mương nội đồng ${word}.`,
    tags: [tagName],
    byline: 'Phòng Nông nghiệp và PTNT huyện Đồng Hỷ',
    status: 'published',
  });
  expect(created.status).toBe(201);
  const etag = created.headers.get('ETag')!;
  const article = (await created.json()) as { slug: string; title: string; tags: { slug: string }[] };
  const path = `/bai-viet/${article.slug}`;
  const tagSlug = article.tags[0]!.slug;

  const shown = await lists(page, word, tagSlug);
  expect(shown.home, 'home').toContain(path);
  expect(shown.category, 'category').toContain(path);
  expect(shown.tag, 'tag page').toContain(path);
  expect(shown.search, 'search').toContain(path);
  expect(shown.feed, 'feed.json').toContain(path);
  // And it reads as a reader sees it.
  expect(await open(page, path)).toBe(200);
  expect((await page.getByRole('heading', { level: 1 }).textContent())?.trim()).toBe(article.title);
  await open(page, '/');
  expect(await page.getByRole('main').getByRole('link', { name: article.title }).count()).toBeGreaterThan(0);

  const unpublished = await apiWrite(served, 'PATCH', `/api/v1/articles/${article.slug}`, { status: 'draft' }, { 'If-Match': etag });
  expect(unpublished.status).toBe(200);

  expect(await open(page, path), 'the unpublished article page').toBe(404);
  expect(await page.getByText(article.title).count(), 'nothing of the draft on its 404 page').toBe(0);
  const after = await lists(page, word, tagSlug);
  expect(after.home, 'home').not.toContain(path);
  expect(after.category, 'category').not.toContain(path);
  expect(after.tag, 'tag page').not.toContain(path);
  expect(after.search, 'search').not.toContain(path);
  expect(after.feed, 'feed.json').not.toContain(path);
  expect((await served.fetch(`/api/v1/articles/${article.slug}`)).status).toBe(404);
});

it('a cached page still shows live statistics that change between two readers', async () => {
  const path = '/chuyen-muc/cai-cach-hanh-chinh';
  // Views are stored after the response (in batches) and a page shows its isolate's reading of the
  // counters (at most 1 s old); /api/v1/stats stores the pending views and refreshes that reading, so
  // the next page shows exactly its figures.
  const settled = async () => (await (await served.fetch('/api/v1/stats')).json()) as { totalVisits: number; onlineNow: number };
  const first = await reader();
  // The same page requested again anonymously by the same reader: from the second time on, it
  // comes from the edge cache.
  for (let i = 0; i < 3; i++) expect(await open(first, path)).toBe(200);
  const start = await settled();
  expect(await open(first, path)).toBe(200); // the same visit: nothing moves
  expect(await shownCount(first, 'total')).toBe(start.totalVisits);
  expect(await shownCount(first, 'online')).toBe(start.onlineNow);

  const second = await reader();
  expect(await open(second, path)).toBe(200);
  expect((await settled()).totalVisits).toBe(start.totalVisits + 1);
  expect(await open(second, path)).toBe(200);
  expect(await shownCount(second, 'total')).toBe(start.totalVisits + 1);
  expect(await shownCount(second, 'online')).toBe(start.onlineNow + 1);

  const third = await reader();
  expect(await open(third, path)).toBe(200);
  expect((await settled()).totalVisits).toBe(start.totalVisits + 2);

  // The first reader's reload (a cache hit, no new visit) shows the figures of now, not of when cached.
  expect(await open(first, path)).toBe(200);
  expect(await shownCount(first, 'total')).toBe(start.totalVisits + 2);
  expect(await shownCount(first, 'online')).toBe(start.onlineNow + 2);
});
