// axe-core (WCAG 2.0, 2.1 and 2.2, A and AA) in real Chromium on every kind of reader page, the 404 included,
// and on the demo's other portals (their own colours; the province's "Tin từ cơ sở"), on their *.localhost names.
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { axeViolations, describeViolations, launchBrowser, newReader } from '../support/browser.ts';
import { serve, type Served } from '../support/served.ts';

const PAGES: { name: string; path: string; status: number; host?: string }[] = [
  { name: 'home', path: '/', status: 200 },
  { name: 'a category', path: '/chuyen-muc/cai-cach-hanh-chinh', status: 200 },
  { name: 'an article', path: '/bai-viet/hoi-nghi-phan-tich-danh-gia-ket-qua-cong-tac-cai-cach-hanh-chinh-nam-2023-trien', status: 200 },
  { name: 'search results', path: '/tim-kiem?q=dong%20hy', status: 200 },
  { name: 'the 404 page', path: '/khong-co-trang-nay', status: 404 },
  { name: 'a province home with "Tin từ cơ sở"', host: 'thainguyen.localhost', path: '/', status: 200 },
  { name: 'the province\'s roll-up page', host: 'thainguyen.localhost', path: '/tin-tu-co-so', status: 200 },
  { name: 'a commune home in its own colour', host: 'tancuong.localhost', path: '/', status: 200 },
  { name: 'a commune article in its own colour', host: 'dinhhoa.localhost', path: '/bai-viet/don-doan-hoc-sinh-ve-nguon-tai-khu-di-tich-atk-dinh-hoa', status: 200 },
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

for (const { name, path, status, host } of PAGES) {
  it(`axe finds no violation on ${name} (${host ?? ''}${path})`, async () => {
    const page = await context.newPage();
    try {
      // Chromium resolves *.localhost to 127.0.0.1 itself: the same server, another site.
      const response = await page.goto((host ? served.url.replace('127.0.0.1', host) : served.url) + path);
      expect(response?.status()).toBe(status);
      expect(await page.locator('html').getAttribute('lang')).toBe('vi');
      const violations = await axeViolations(page);
      expect(violations, describeViolations(violations)).toEqual([]);
    } finally {
      await page.close();
    }
  });
}
