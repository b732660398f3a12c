// axe-core (WCAG 2.0, 2.1 and 2.2, A and AA) in real Chromium on every kind of reader page, the 404 included.
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { axeViolations, describeViolations, launchBrowser, newReader } from '../support/browser.ts';
import { serve, type Served } from '../support/served.ts';

const PAGES: { name: string; path: string; status: number }[] = [
  { name: 'home', path: '/', status: 200 },
  { name: 'a category', path: '/chuyen-muc/cai-cach-hanh-chinh', status: 200 },
  { name: 'an article', path: '/bai-viet/hoi-nghi-phan-tich-danh-gia-ket-qua-cong-tac-cai-cach-hanh-chinh-nam-2023-trien', status: 200 },
  { name: 'search results', path: '/tim-kiem?q=dong%20hy', status: 200 },
  { name: 'the 404 page', path: '/khong-co-trang-nay', status: 404 },
];

let served: Served;
let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
  [served, browser] = await Promise.all([serve(), launchBrowser()]);
  // axe is injected as an inline script: a page's Content-Security-Policy must not stop it.
  context = await newReader(browser, { bypassCSP: true });
});
afterAll(async () => {
  await browser?.close();
  await served?.stop();
});

for (const { name, path, status } of PAGES) {
  it(`axe finds no violation on ${name} (${path})`, async () => {
    const page = await context.newPage();
    try {
      const response = await page.goto(served.url + path);
      expect(response?.status()).toBe(status);
      expect(await page.locator('html').getAttribute('lang')).toBe('vi');
      const violations = await axeViolations(page);
      expect(violations, describeViolations(violations)).toEqual([]);
    } finally {
      await page.close();
    }
  });
}
