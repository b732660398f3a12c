// A reader on the portal, in real Chromium: home -> category -> article, the skip link, the live
// "Thống kê truy cập" box, the seed article as the portal showed it, JavaScript off, and 320 px.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  VIETNAMESE_COUNT, articlePaths, focusIsWithin, focusedText, launchBrowser, newReader, shownCount, shownStat,
} from '../support/browser.ts';
import { serve, type Served } from '../support/served.ts';

const SEED = {
  slug: 'hoi-nghi-phan-tich-danh-gia-ket-qua-cong-tac-cai-cach-hanh-chinh-nam-2023-trien',
  title: 'Hội nghị phân tích, đánh giá kết quả công tác cải cách hành chính năm 2023, triển khai nhiệm vụ năm 2024',
  date: '08/03/2024 09:43',
  byline: 'Lê Nguyệt (Trung tâm Văn hóa – Thể thao và Truyền thông Đồng Hỷ)',
  firstWords: 'Chiều ngày 7/3, UBND huyện Đồng Hỷ tổ chức Hội nghị phân tích',
  category: { slug: 'cai-cach-hanh-chinh', name: 'Cải cách hành chính' },
};
const SKIP_LINK = 'Truy cập nội dung luôn';

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

async function reader(options: Parameters<typeof newReader>[1] = {}): Promise<Page> {
  const context = await newReader(browser, options);
  contexts.push(context);
  return context.newPage();
}

async function open(page: Page, path: string, status = 200): Promise<void> {
  const response = await page.goto(served.url + path);
  expect(response?.status(), `status of ${path}`).toBe(status);
}

/** What the seed article page must show, with or without JavaScript. */
async function expectSeedArticle(page: Page): Promise<void> {
  expect((await page.getByRole('heading', { level: 1 }).textContent())?.trim()).toBe(SEED.title);
  const main = page.getByRole('main');
  expect(await main.getByText(SEED.date).count(), `the date "${SEED.date}" in main`).toBeGreaterThan(0);
  expect(await main.getByText(SEED.byline).count(), 'the byline in main').toBeGreaterThan(0);
  expect(await main.getByText(SEED.firstWords).count(), 'the body in main').toBeGreaterThan(0);
  expect(await page.getByRole('link', { name: 'Đăng nhập' }).count(), 'the "Đăng nhập" link').toBeGreaterThan(0);
  expect(await page.getByText('Thống kê truy cập').count()).toBeGreaterThan(0);
  expect(await shownStat(page, 'online')).toMatch(VIETNAMESE_COUNT);
  expect(await shownStat(page, 'total')).toMatch(VIETNAMESE_COUNT);
}

it('a reader goes home -> a category from the menu -> an article', async () => {
  const page = await reader();
  await open(page, '/');
  expect(await page.locator('html').getAttribute('lang')).toBe('vi');
  // The category menu: a link in a navigation landmark.
  const menuLink = page.getByRole('navigation').getByRole('link', { name: SEED.category.name, exact: true }).first();
  await menuLink.click();
  await page.waitForURL(`**/chuyen-muc/${SEED.category.slug}`);
  expect((await page.getByRole('heading', { level: 1 }).textContent())?.trim()).toContain(SEED.category.name);

  const listed = await articlePaths(page);
  expect(listed.length, 'article links in the category page').toBeGreaterThan(0);
  const first = page.getByRole('main').locator(`a[href$="${listed[0]}"]`).first();
  const title = (await first.textContent())?.trim() ?? '';
  await first.click();
  await page.waitForURL(`**${listed[0]}`);
  expect((await page.getByRole('heading', { level: 1 }).textContent())?.trim()).toBe(title);
  // Its category is one click away (the breadcrumb).
  expect(await page.locator(`a[href$="/chuyen-muc/${SEED.category.slug}"]`).count()).toBeGreaterThan(0);
});

describe('the skip link', () => {
  for (const path of ['/', `/bai-viet/${SEED.slug}`]) {
    it(`is the first Tab stop on ${path} and moves focus into main`, async () => {
      const page = await reader();
      await open(page, path);
      await page.keyboard.press('Tab');
      expect(await focusedText(page)).toBe(SKIP_LINK);
      expect(await page.getByRole('link', { name: SKIP_LINK }).count()).toBe(1);
      await page.keyboard.press('Enter');
      expect(await focusIsWithin(page, 'main'), 'focus is in main after the skip link').toBe(true);
    });
  }
});

it('the statistics box shows the figures and the total rises after a new reader', async () => {
  // Views are stored after the response, in batches, and a page shows its isolate's reading (at most
  // 1 s old); /api/v1/stats stores the pending views and refreshes that reading first.
  const settled = async () => (await (await served.fetch('/api/v1/stats')).json()) as { totalVisits: number; onlineNow: number };
  const first = await reader();
  await open(first, '/');
  const start = await settled();
  expect(start.totalVisits).toBeGreaterThan(3_557_924); // the demo's offset plus this visit
  await open(first, '/'); // the same visit: the page shows the figures just read
  expect(await shownCount(first, 'total')).toBe(start.totalVisits);
  expect(await shownCount(first, 'online')).toBe(start.onlineNow);
  expect(start.onlineNow).toBeGreaterThanOrEqual(1);

  // Another reader (other User-Agent, other IP) opens an article: one more visit, one more online.
  const second = await reader();
  await open(second, `/bai-viet/${SEED.slug}`);
  expect((await settled()).totalVisits).toBe(start.totalVisits + 1);

  // The first reader's next page is no new visit, but shows the new figures.
  await open(first, `/chuyen-muc/${SEED.category.slug}`);
  expect(await shownCount(first, 'total')).toBe(start.totalVisits + 1);
  expect(await shownCount(first, 'online')).toBe(start.onlineNow + 1);
});

it('the seed article shows its title, date and time, byline and body', async () => {
  const page = await reader();
  await open(page, `/bai-viet/${SEED.slug}`);
  await expectSeedArticle(page);
  expect(await page.title()).toContain(SEED.title);
});

it('with JavaScript off, home, category and article show everything', async () => {
  const page = await reader({ javaScriptEnabled: false });
  await open(page, '/');
  expect(await articlePaths(page)).not.toHaveLength(0);
  expect(await page.getByRole('navigation').getByRole('link', { name: SEED.category.name, exact: true }).count()).toBeGreaterThan(0);
  expect(await shownStat(page, 'total')).toMatch(VIETNAMESE_COUNT);
  await open(page, `/chuyen-muc/${SEED.category.slug}`);
  expect(await articlePaths(page)).not.toHaveLength(0);
  await open(page, `/bai-viet/${SEED.slug}`);
  await expectSeedArticle(page);
  expect(await page.getByRole('link', { name: SKIP_LINK }).count()).toBe(1);
});

describe('at 320 px wide there is no horizontal scroll', () => {
  for (const path of ['/', `/chuyen-muc/${SEED.category.slug}`, `/bai-viet/${SEED.slug}`, '/tim-kiem?q=dong%20hy']) {
    it(path, async () => {
      const page = await reader({ viewport: { width: 320, height: 640 }, isMobile: true, hasTouch: true });
      await open(page, path);
      const width = (await page.evaluate('document.scrollingElement.scrollWidth')) as number;
      expect(width).toBeLessThanOrEqual(320);
    });
  }
});
