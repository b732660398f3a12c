// What a reader does with an article in real Chromium, and what editors' writes and readers' views change
// on the home page: print (print media: no menus, search, statistics or footer; the address and the day
// printed; images kept), text size A- A A+ (kept on the next page from localStorage, before the first paint,
// no cookie), "Tin nổi bật" pinned in the admin, "Xem nhiều nhất" after views, "Tin liên quan" chosen.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createAccounts, signIn, type Account } from '../support/admin.ts';
import { launchBrowser, newReader } from '../support/browser.ts';
import { apiWrite, serve, uniqueWord, type Served } from '../support/served.ts';

let served: Served;
let browser: Browser;
let editor: Account;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  [served, browser] = await Promise.all([serve(), launchBrowser()]);
  [editor] = await createAccounts(served, [{ role: 'editor', name: 'Biên Tập Đọc' }]) as [Account];
});
afterAll(async () => {
  await browser?.close();
  await served?.stop();
});
afterEach(async () => {
  await Promise.all(contexts.splice(0).map((c) => c.close()));
});

async function person(options: Parameters<typeof newReader>[1] = {}): Promise<Page> {
  const context = await newReader(browser, options);
  contexts.push(context);
  return context.newPage();
}

/** A published article of the demo site through the API. */
async function publish(title: string, body: string, tags: string[] = []): Promise<{ id: number; slug: string; title: string }> {
  const res = await apiWrite(served, 'POST', '/api/v1/articles', { title, body, category: 'tin-tuc-su-kien', tags, status: 'published' });
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()) as { id: number; slug: string; title: string };
}

/** A computed style of the first match (the tests are type-checked without the DOM library: the browser's global by name). */
const styleOf = (page: Page, selector: string, property: string) => page.locator(selector).first().evaluate(
  (el, name) => (globalThis as unknown as { getComputedStyle(e: unknown): Record<string, string> }).getComputedStyle(el)[name]!, property,
);
const fontSize = async (page: Page) => Number.parseFloat(await styleOf(page, '.article .body', 'fontSize'));

describe('print', () => {
  it('the print button prints; print media hides menus, search, statistics and footer, and shows the address, the day and the images', async () => {
    const word = uniqueWord('in');
    const a = await publish(`Bài để in ${word}`, `Đoạn đầu ${word}.\n\n![Ảnh minh họa](/favicon.svg "Ảnh giữ khi in")\n\nĐoạn cuối.`);
    const page = await person();
    // The browser's own print, counted by the event it fires as it starts (headless Chromium shows no dialog).
    await page.addInitScript('window.printed = 0; addEventListener("beforeprint", () => { window.printed += 1; });');
    await page.goto(`${served.url}/bai-viet/${a.slug}`);
    await page.getByRole('button', { name: 'In bài viết' }).click();
    expect(await page.evaluate('window.printed')).toBe(1);
    const image = page.locator('.article .body img');
    await image.scrollIntoViewIfNeeded();
    await page.waitForFunction("(() => { const img = document.querySelector('.article .body img'); return Boolean(img && img.complete && img.naturalWidth > 0); })()");

    expect(await page.locator('.print-source').isVisible()).toBe(false);
    await page.emulateMedia({ media: 'print' });
    for (const hidden of ['nav.menu', '.masthead form[role="search"]', '.site-footer', '.stats', '.reader-tools', '.most-read']) {
      expect(await page.locator(hidden).first().isVisible(), `${hidden} in print`).toBe(false);
    }
    const source = page.locator('.print-source');
    expect(await source.isVisible()).toBe(true);
    const today = new Intl.DateTimeFormat('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit', year: 'numeric' }).format(new Date());
    expect(await source.textContent()).toContain(`Nguồn: ${served.url}/bai-viet/${a.slug}`);
    expect(await source.textContent()).toContain(`In ngày ${today}`);
    expect(await page.getByRole('heading', { level: 1 }).isVisible()).toBe(true);
    expect(await page.locator('.article .meta').first().textContent()).toContain('Ngày đăng');
    expect(await image.isVisible()).toBe(true);
    expect(await styleOf(page, '.article .body img', 'breakInside')).toBe('avoid');
    // Black on white.
    expect(await styleOf(page, 'body', 'backgroundColor')).toBe('rgb(255, 255, 255)');
    expect(await styleOf(page, 'h1', 'color')).toBe('rgb(0, 0, 0)');
  });

  it('a document prints with the same stylesheet, and its print view too', async () => {
    const n = 80000 + Math.floor(Math.random() * 9000);
    const res = await apiWrite(served, 'POST', '/api/v1/documents', {
      number: `${n}/QĐ-UBND`, type: 'quyet-dinh', issuer: 'ubnd', field: 'hanh-chinh', signer: 'Nguyễn Văn In (Chủ tịch)',
      issuedOn: '2024-06-20', summary: 'Về việc thử bản in', body: 'Điều 1. Nội dung.', status: 'published',
    });
    expect(res.status).toBe(201);
    const { slug } = (await res.json()) as { slug: string };
    const page = await person();
    await page.goto(`${served.url}/van-ban/${slug}`);
    expect(await page.getByRole('button', { name: 'In văn bản' }).isVisible()).toBe(true);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('nav.menu').isVisible()).toBe(false);
    expect(await page.locator('.print-source').textContent()).toContain(`Nguồn: ${served.url}/van-ban/${slug}`);
    await page.goto(`${served.url}/van-ban/${slug}/in`);
    expect(await page.locator('.print-view .tools').isVisible()).toBe(false);
    expect(await styleOf(page, 'body', 'backgroundColor')).toBe('rgb(255, 255, 255)');
  });
});

describe('pages print too, in their language', () => {
  it('"Cơ cấu tổ chức" has "In trang"; its English version "Print this page", "Larger text" and "Source:" in print', async () => {
    const page = await person();
    await page.goto(`${served.url}/trang/co-cau-to-chuc`);
    expect(await page.getByRole('button', { name: 'In trang' }).isVisible()).toBe(true);
    await page.goto(`${served.url}/en/organisation-structure`);
    expect(await page.getByRole('button', { name: 'Print this page' }).isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Larger text' }).click();
    expect(await page.locator('[data-text-size-status]').textContent()).toBe('Text size: 115%');
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('nav.menu').isVisible()).toBe(false);
    expect(await page.locator('.print-source').textContent()).toContain(`Source: ${served.url}/en/organisation-structure`);
  });
});

describe('text size', () => {
  it('a reader enlarges the text and it stays large on the next page, set before the first paint, with no cookie', async () => {
    const [one, two] = [await publish(`Cỡ chữ một ${uniqueWord()}`, 'Nội dung một.'), await publish(`Cỡ chữ hai ${uniqueWord()}`, 'Nội dung hai.')];
    const page = await person();
    await page.goto(`${served.url}/bai-viet/${one.slug}`);
    const normal = await fontSize(page);
    await page.getByRole('button', { name: 'Tăng cỡ chữ' }).click();
    await page.getByRole('button', { name: 'Tăng cỡ chữ' }).click();
    expect(await page.locator('[data-text-size-status]').textContent()).toBe('Cỡ chữ: 130%');
    expect(await fontSize(page)).toBeCloseTo(normal * 1.3, 1);
    // The next page: the size is on <html> already when <body> is parsed (no jump after paint).
    await page.addInitScript(`new MutationObserver((_, observer) => {
      if (!document.body) return;
      window.sizeAtBody = document.documentElement.getAttribute('data-co-chu');
      observer.disconnect();
    }).observe(document, { childList: true, subtree: true });`);
    await page.goto(`${served.url}/bai-viet/${two.slug}`);
    expect(await page.evaluate('window.sizeAtBody')).toBe('2');
    expect(await fontSize(page)).toBeCloseTo(normal * 1.3, 1);
    expect(await page.context().cookies()).toEqual([]);
    // Back to the default, remembered too.
    await page.getByRole('button', { name: 'Cỡ chữ mặc định' }).click();
    expect(await page.getByRole('button', { name: 'Cỡ chữ mặc định' }).getAttribute('aria-pressed')).toBe('true');
    await page.goto(`${served.url}/bai-viet/${one.slug}`);
    expect(await fontSize(page)).toBeCloseTo(normal, 1);
  });

  it('without JavaScript the tools are not offered (the browser prints by itself)', async () => {
    const page = await person({ javaScriptEnabled: false });
    const a = await publish(`Không JavaScript ${uniqueWord()}`, 'Nội dung.');
    await page.goto(`${served.url}/bai-viet/${a.slug}`);
    expect(await page.getByRole('button', { name: 'In bài viết' }).count()).toBe(0);
    expect(await page.locator('.reader-tools').isVisible()).toBe(false);
  });
});

describe('what the home page and articles show next', () => {
  it('an editor pins an article; readers\' views fill "Xem nhiều nhất"; an editor\'s choice fills "Tin liên quan"', async () => {
    const word = uniqueWord('noibat');
    const pinned = await publish(`Tin ghim ${word}`, 'Nội dung tin ghim.');
    const popular = await publish(`Tin được đọc ${word}`, 'Nội dung được đọc.');
    const chosen = await publish(`Tin chọn liên quan ${word}`, 'Nội dung chọn.');

    // Three readers read one article (a bot's view would not count).
    for (let i = 0; i < 3; i++) {
      const reader = await person();
      await reader.goto(`${served.url}/bai-viet/${popular.slug}`);
    }
    // The stats read stores the views still being batched.
    await served.fetch('/api/v1/stats');

    const admin = await person();
    await signIn(admin, served, editor);
    await admin.goto(`${served.url}/admin/noi-bat?q=${word}`);
    await Promise.all([admin.waitForURL(/\/admin\/noi-bat/), admin.getByRole('button', { name: `Ghim: ${pinned.title}` }).click()]);
    expect(await admin.getByText('Đã ghim bài lên mục Tin nổi bật.').isVisible()).toBe(true);

    const reader = await person();
    await reader.goto(served.url + '/');
    const featured = reader.getByRole('region', { name: 'Tin nổi bật' });
    expect(await featured.getByRole('link', { name: pinned.title }).isVisible()).toBe(true);
    const week = reader.locator('ol[data-most-read="week"]');
    expect(await week.getByRole('link', { name: popular.title }).isVisible()).toBe(true);
    expect(await week.locator('li', { hasText: popular.title }).textContent()).toContain('3 lượt xem');

    await admin.goto(`${served.url}/admin/bai-viet/${popular.id}`);
    await admin.getByRole('link', { name: 'Tin liên quan' }).click();
    await admin.getByLabel('Tìm bài đã đăng').fill(word);
    await Promise.all([admin.waitForURL(/q=/), admin.getByRole('button', { name: 'Tìm', exact: true }).click()]);
    await Promise.all([admin.waitForURL(/lien-quan/), admin.getByRole('button', { name: `Thêm: ${chosen.title}` }).click()]);
    expect(await admin.getByText('Đã thêm bài vào Tin liên quan.').isVisible()).toBe(true);
    await reader.goto(`${served.url}/bai-viet/${popular.slug}`);
    const related = reader.getByRole('complementary', { name: 'Tin liên quan' });
    expect(await related.getByRole('link').allTextContents()).toEqual([chosen.title, expect.stringContaining('Xem tất cả tin')]);

    // Unpinned: the home page drops it at once.
    await admin.goto(`${served.url}/admin/noi-bat`);
    await Promise.all([admin.waitForURL(/\/admin\/noi-bat/), admin.getByRole('button', { name: `Bỏ ghim: ${pinned.title}` }).click()]);
    await reader.goto(served.url + '/');
    expect(await reader.getByRole('region', { name: 'Tin nổi bật' }).count()).toBe(0);
  });
});
