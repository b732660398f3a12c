// The demo gallery in real Chromium, as a reader on a phone sees it: captions under each photo, each
// thumbnail fetched as the small copy that fits a 375 px screen (currentSrc), sizes reserved (no layout
// shift), and the same with JavaScript off.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_GALLERIES } from '../../scripts/demo-photos.ts';
import { launchBrowser, newReader } from '../support/browser.ts';
import { serve, type Served } from '../support/served.ts';

const SLUG = 'hoi-nghi-phan-tich-danh-gia-ket-qua-cong-tac-cai-cach-hanh-chinh-nam-2023-trien';
const CAPTIONS = DEMO_GALLERIES[0]!.photos.map((p) => p.caption);

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

async function phone(javaScriptEnabled: boolean): Promise<Page> {
  const context = await newReader(browser, { viewport: { width: 375, height: 800 }, deviceScaleFactor: 1, javaScriptEnabled });
  contexts.push(context);
  return context.newPage();
}

/** What each gallery image became once loaded: the URL the browser chose and its pixel size. */
async function loadedImages(page: Page) {
  const images = page.locator('.gallery img');
  const n = await images.count();
  for (let i = 0; i < n; i++) {
    await images.nth(i).scrollIntoViewIfNeeded();
    await images.nth(i).evaluate((img: { complete: boolean; naturalWidth: number; decode(): Promise<void> }) => (img.complete && img.naturalWidth > 0 ? undefined : img.decode()));
  }
  return images.evaluateAll((list) => list.map((img) => {
    const i = img as unknown as { currentSrc: string; naturalWidth: number; width: number; height: number; getAttribute(n: string): string | null };
    return { src: i.currentSrc, natural: i.naturalWidth, width: i.getAttribute('width'), height: i.getAttribute('height') };
  }));
}

describe('the article gallery on a 375 px phone', () => {
  for (const javaScriptEnabled of [true, false]) {
    it(`shows every caption and loads the 320 px copies (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async () => {
      const page = await phone(javaScriptEnabled);
      const response = await page.goto(`${served.url}/bai-viet/${SLUG}`);
      expect(response?.status()).toBe(200);
      await expect.poll(() => page.locator('.gallery figcaption').allTextContents()).toEqual(CAPTIONS);
      const images = await loadedImages(page);
      expect(images).toHaveLength(3);
      for (const image of images) {
        expect(image.src).toMatch(/\.w320\.webp$/);
        // Chromium divides the copy's 320 px by its density (320w drawn at 187.5 CSS px): decoded, smaller than the original.
        expect(image.natural).toBeGreaterThan(0);
        expect([image.width, image.height]).toEqual(['1200', '800']);
      }
      // Each thumbnail opens the full photo.
      const links = await page.locator('.gallery a').evaluateAll((list) => list.map((a) => a.getAttribute('href')));
      expect(links.every((href) => /^\/media\/\d{4}\/\d{2}\/[0-9a-f]{32}\.jpg$/.test(href ?? ''))).toBe(true);
    });
  }
});
