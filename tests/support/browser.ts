// Real Chromium for the browser tests (Debian's, driven by playwright-core: no browser download),
// readers told apart as the Worker tells them (IP + User-Agent), and an axe-core accessibility check.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run',
    ],
  });
}

/**
 * A desktop browser's User-Agent: headless Chromium's own says "HeadlessChrome", which the Worker
 * (rightly) takes for a bot and does not count.
 */
export const READER_UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';

let readers = 0;

/**
 * A browser context that is one reader: its own User-Agent and its own CF-Connecting-IP (wrangler dev
 * passes the header through; without it every local request has the same empty IP).
 */
export async function newReader(browser: Browser, options: BrowserContextOptions = {}): Promise<BrowserContext> {
  readers += 1;
  const n = readers + Math.floor(Math.random() * 50_000) * 100;
  const context = await browser.newContext({
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    ...options,
    userAgent: `${READER_UA} Reader/${n}`,
    extraHTTPHeaders: { 'CF-Connecting-IP': `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`, ...options.extraHTTPHeaders },
  });
  // Pages are rendered on the server: an element that is not there after seconds never will be.
  context.setDefaultTimeout(8_000);
  return context;
}

/** Vietnamese grouping: 3.557.925 (dots between thousands), or a plain number under 1.000. */
export const VIETNAMESE_COUNT = /^\d{1,3}(?:\.\d{3})*$/;

/** The figure a page shows in its "Thống kê truy cập" box (data-stat="online" / "total"), as text. */
export async function shownStat(page: Page, name: 'online' | 'total' | 'today'): Promise<string> {
  return ((await page.locator(`[data-stat="${name}"]`).first().textContent()) ?? '').trim();
}

/** The same figure as a number; throws if it is not written in Vietnamese grouping. */
export async function shownCount(page: Page, name: 'online' | 'total' | 'today'): Promise<number> {
  const text = await shownStat(page, name);
  if (!VIETNAMESE_COUNT.test(text)) throw new Error(`data-stat="${name}" shows "${text}", not a number in Vietnamese grouping`);
  return Number(text.replaceAll('.', ''));
}

/** Whether the focused element is the element itself or inside it (the first match of selector). */
export function focusIsWithin(page: Page, selector: string): Promise<boolean> {
  return page.evaluate(`(() => { const box = document.querySelector(${JSON.stringify(selector)}); const a = document.activeElement; return !!box && !!a && a !== document.body && box.contains(a); })()`) as Promise<boolean>;
}

/** The accessible text of the focused element (its text, or its aria-label). */
export function focusedText(page: Page): Promise<string> {
  return page.evaluate(`(() => { const a = document.activeElement; return a ? (a.getAttribute('aria-label') || a.textContent || '').trim() : ''; })()`) as Promise<string>;
}

/** The paths of the article links (/bai-viet/...) inside main, in page order, without repeats. */
export async function articlePaths(page: Page): Promise<string[]> {
  const hrefs = await page.getByRole('main').locator('a[href*="/bai-viet/"]').evaluateAll(
    (links: { href: string }[]) => links.map((a) => new URL(a.href).pathname),
  );
  return [...new Set(hrefs)];
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
/** WCAG 2.0, 2.1 and 2.2, levels A and AA (axe has no separate 2.2 A tag). */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** Runs axe-core in the page as it is now; returns the violations (empty when none). */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ content: AXE_SOURCE });
  // Runs in the page; the source is given as a string since axe exists only there.
  const results = (await page.evaluate(`window.axe.run(document, { runOnly: { type: 'tag', values: ${JSON.stringify(WCAG_TAGS)} }, resultTypes: ['violations'] })`)) as {
    violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[];
  };
  return results.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    targets: v.nodes.map((n) => n.target.map(String).join(' ')),
  }));
}

/** One line per violation, for a failure message a person can act on. */
export function describeViolations(violations: AxeViolation[]): string {
  return violations.map((v) => `${v.id} (${v.impact}): ${v.help} -> ${v.targets.slice(0, 5).join(', ')}`).join('\n');
}
