// Vietnamese search on /tim-kiem, as a reader uses it: diacritics, đ/d and case ignored both ways.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { articlePaths, launchBrowser, newReader } from '../support/browser.ts';
import { serve, type Served } from '../support/served.ts';

const TAN_LONG = {
  path: '/bai-viet/nhan-dan-xa-tan-long-hien-dat-gop-cong-lam-duong-be-tong',
  title: 'Nhân dân xã Tân Long hiến đất, góp công làm đường bê tông',
};

let served: Served;
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  [served, browser] = await Promise.all([serve(), launchBrowser()]);
  context = await newReader(browser);
  page = await context.newPage();
});
afterAll(async () => {
  await browser?.close();
  await served?.stop();
});

/** Every result of a search, in order, following the result pages' rel="next" links. */
async function results(q: string): Promise<string[]> {
  let url: string | null = `${served.url}/tim-kiem?q=${encodeURIComponent(q)}`;
  const found: string[] = [];
  for (let pages = 0; url && pages < 20; pages++) {
    const response = await page.goto(url);
    expect(response?.status(), `status of ${url}`).toBe(200);
    found.push(...(await articlePaths(page)));
    const next = page.locator('a[rel~="next"]').first();
    url = (await next.count()) ? new URL((await next.getAttribute('href'))!, page.url()).href : null;
  }
  return found;
}

it('"dong hy", "Đồng Hỷ" and "ĐỒNG HỶ" find the same articles', async () => {
  const plain = await results('dong hy');
  expect(plain.length).toBeGreaterThan(0);
  expect(await results('Đồng Hỷ')).toEqual(plain);
  expect(await results('ĐỒNG HỶ')).toEqual(plain);
  // Every one is a match: the API's search (the same words) has each of them.
  const api = (await (await served.fetch('/api/v1/articles?limit=100&q=dong%20hy')).json()) as { items: { slug: string }[] };
  const matches = new Set(api.items.map((a) => `/bai-viet/${a.slug}`));
  expect(plain.filter((path) => !matches.has(path))).toEqual([]);
});

it('"duong giao thong nong thon" finds the article whose body says "đường giao thông nông thôn"', async () => {
  const found = await results('duong giao thong nong thon');
  expect(found).toContain(TAN_LONG.path);
  expect(await results('đường giao thông nông thôn')).toEqual(found);
});

it('the search form in the header leads to the results', async () => {
  await page.goto(served.url + '/');
  const box = page.getByRole('search').getByRole('searchbox').or(page.getByRole('search').getByRole('textbox')).first();
  await box.fill('duong giao thong nong thon');
  await box.press('Enter');
  await page.waitForURL('**/tim-kiem?q=*');
  expect(new URL(page.url()).searchParams.get('q')).toBe('duong giao thong nong thon');
  expect(await page.getByRole('main').getByRole('link', { name: TAN_LONG.title }).count()).toBeGreaterThan(0);
});
