// Tables of figures in an article body, read on a phone in real Chromium: the Word capture converted by
// htmlToMarkdown IN NODE (as issue 14's import will run it) and published through the API. The table scrolls
// sideways inside its own box, the page does not; numbers such as "73,87" stay on one line; header cells
// have borders and a background; the empty header row of a table pasted without one takes no room.
import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { htmlToMarkdown } from '../../functions/content/html-to-markdown.ts';
import { launchBrowser, newReader } from '../support/browser.ts';
import { apiWrite, serve, uniqueWord, type Served } from '../support/served.ts';

let served: Served;
let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
  [served, browser] = await Promise.all([serve(), launchBrowser()]);
});
afterAll(async () => {
  await context?.close();
  await browser?.close();
  await served?.stop();
});

/** Seven columns of figures: wider than a 360 px phone at any readable size. */
const WIDE = [
  '<table><thead><tr><th>Đơn vị</th><th>Chỉ số CCHC 2022</th><th>Chỉ số CCHC 2023</th><th>SIPAS 2022</th><th>SIPAS 2023</th><th>Xếp hạng</th><th>Ghi chú</th></tr></thead>',
  '<tr><td>Huyện Đồng Hỷ</td><td>67,77</td><td>73,87</td><td>78,00%</td><td>81,44%</td><td>5</td><td>Khá</td></tr>',
  '<tr><td>Xã Hóa Thượng</td><td>80,02</td><td>84,12</td><td>85,10%</td><td>88,35%</td><td>2</td><td>Tốt</td></tr></table>',
].join('');

async function phonePage(): Promise<Page> {
  context = await newReader(browser, { viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
  return context.newPage();
}

it('on a phone, a wide table scrolls in its own box, numbers stay whole, the header row shows and an empty one takes no room', async () => {
  const word = htmlToMarkdown(readFileSync('tests/fixtures/clipboard/word-2016-win.html', 'utf8')).markdown;
  const wide = htmlToMarkdown(WIDE).markdown;
  const title = `Bảng số liệu ${uniqueWord('bang')}`;
  const res = await apiWrite(served, 'POST', '/api/v1/articles', { title, body: `${word}\n\n${wide}`, category: 'tin-tuc-su-kien', status: 'published' });
  expect(res.status, await res.clone().text()).toBe(201);
  const { slug } = (await res.json()) as { slug: string };
  const page = await phonePage();
  await page.goto(`${served.url}/bai-viet/${slug}`);
  const measured = await page.evaluate(`(() => {
    const tables = [...document.querySelectorAll('.article .body table')];
    const cellWith = (text) => [...document.querySelectorAll('.article .body td')].find((td) => td.textContent.trim() === text);
    const lines = (el) => { const r = document.createRange(); r.selectNodeContents(el); return new Set([...r.getClientRects()].map((x) => Math.round(x.top))).size; };
    const style = (el) => getComputedStyle(el);
    const wide = tables[tables.length - 1];
    const headless = tables[1];
    return {
      tables: tables.length,
      pageOverflows: document.scrollingElement.scrollWidth > window.innerWidth,
      wideScrolls: wide.scrollWidth > wide.clientWidth && style(wide).overflowX === 'auto',
      wideFitsPage: wide.getBoundingClientRect().right <= window.innerWidth + 0.5,
      numberLines: ['73,87', '81,44%', '88,35%'].map((t) => lines(cellWith(t))),
      headerCells: [...wide.querySelectorAll('thead th')].map((th) => th.textContent),
      headerBorder: style(wide.querySelector('thead th')).borderTopStyle,
      headerBackground: style(wide.querySelector('thead th')).backgroundColor !== style(wide.querySelector('tbody td')).backgroundColor,
      headlessHeaderShown: headless.querySelector('thead tr').getBoundingClientRect().height,
      headlessFirstRow: headless.querySelector('tbody tr').textContent.trim().replace(/\\s+/g, ' '),
    };
  })()`);
  expect(measured).toEqual({
    tables: 3,
    pageOverflows: false,
    wideScrolls: true,
    wideFitsPage: true,
    numberLines: [1, 1, 1],
    headerCells: ['Đơn vị', 'Chỉ số CCHC 2022', 'Chỉ số CCHC 2023', 'SIPAS 2022', 'SIPAS 2023', 'Xếp hạng', 'Ghi chú'],
    headerBorder: 'solid',
    headerBackground: true,
    headlessHeaderShown: 0,
    headlessFirstRow: 'Xã Hóa Thượng 84,12',
  });
});
