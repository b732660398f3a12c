// Issue 5: XSS vectors typed into every text field of the article form (title, slug, summary, body,
// tags, cover caption and alt, author line), into a category's name and an editor's name, never run:
// not on the article page, home, category, tag and search pages, the preview link, nor in the admin
// (list, form, refused form, live preview, revisions, diff, conflict). The browsers here BYPASS the
// CSP, so what is tested is the escaping and sanitizing itself; the CSP (no inline scripts) is
// asserted separately on every page, as the second line of defence.
import type { Browser, BrowserContext, Page, Response } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { database } from '../../functions/data/db.ts';
import { createCategory } from '../../functions/data/categories.ts';
import { withLocalEnv } from '../../scripts/local-db.ts';
import { launchBrowser } from '../support/browser.ts';
import { serve, uniqueWord, type Served } from '../support/served.ts';
import { articleIdOf, createAccounts, newPerson, pngImage, signIn, submitWith, type Account } from '../support/admin.ts';

/** Each vector, if it ran, sets window.__xss to its number or opens a dialog. Single line: any field. */
const VECTORS: string[] = [
  '<script>window.__xss=1</script>',
  '<img src=x onerror="window.__xss=2">',
  '<img src=x onerror=window.__xss=3>',
  '<svg onload=window.__xss=4>',
  '<svg><script>window.__xss=5</script></svg>',
  '<iframe src="javascript:parent.__xss=6"></iframe>',
  '<iframe srcdoc="<script>parent.__xss=7</script>"></iframe>',
  '<a href="javascript:window.__xss=8">a8</a>',
  '<a href="jav&#x09;ascript:window.__xss=9">a9</a>',
  '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;window.__xss=10">a10</a>',
  '" autofocus onfocus="window.__xss=11" x="',
  "' autofocus onfocus='window.__xss=12' x='",
  '"><img src=x onerror=window.__xss=13>',
  "'><svg onload=window.__xss=14>",
  '</textarea><script>window.__xss=15</script>',
  '</title><script>window.__xss=16</script>',
  '<style>*{background:url("javascript:window.__xss=17")}</style>',
  '</style><script>window.__xss=18</script>',
  '<body onload=window.__xss=19>',
  '<details open ontoggle=window.__xss=20>',
  '<input autofocus onfocus=window.__xss=21>',
  '<select autofocus onfocus=window.__xss=22></select>',
  '<video><source onerror=window.__xss=23></video>',
  '<audio src=x onerror=window.__xss=24>',
  '<object data="javascript:window.__xss=25"></object>',
  '<embed src="javascript:window.__xss=26">',
  '<math><mtext><table><mglyph><style><img src=x onerror=window.__xss=27>',
  '<noscript><p title="</noscript><img src=x onerror=window.__xss=28>">',
  "{{constructor.constructor('window.__xss=29')()}}",
  '${window.__xss=30}',
  '<template><img src=x onerror=window.__xss=31></template>',
  '&lt;img src=x onerror=window.__xss=32&gt;',
  '&#60;script&#62;window.__xss=33&#60;/script&#62;',
  '\\u003cimg src=x onerror=window.__xss=34\\u003e',
  '<img src="x" onerror="&#119;indow.__xss=35">',
  '<a href="data:text/html;base64,PHNjcmlwdD5wYXJlbnQuX194c3M9MzY8L3NjcmlwdD4=">a36</a>',
  '<div onmouseover="window.__xss=37">d37</div>',
  '<marquee onstart=window.__xss=38>m38</marquee>',
  '<form><button formaction=javascript:window.__xss=39>b39</button></form>',
  '<meta http-equiv="refresh" content="0;url=javascript:window.__xss=40">',
  '<base href="javascript:window.__xss=41//">',
  '<link rel=stylesheet href="javascript:window.__xss=42">',
  '<svg><animate onbegin=window.__xss=43 attributeName=x dur=1s>',
  '<svg><a xlink:href="javascript:window.__xss=44"><text y=20>s44</text></a></svg>',
  "<img src=x:x onerror=window['__x'+'ss']=45>",
  '<scr<script>ipt>window.__xss=46</scr</script>ipt>',
  '<IMG SRC=x OnErRoR=window.__xss=47>',
  '<img/src=x/onerror=window.__xss=48>',
  '<svg/onload=window.__xss=49>',
  '%3Cscript%3Ewindow.__xss=50%3C/script%3E',
  '<img src=x onerror=alert(51)>',
  '<script>alert(52)</script>',
  '</script><script>window.__xss=53</script>',
  '<!--<img src="--><img src=x onerror=window.__xss=54//">',
  '<![CDATA[<script>window.__xss=55</script>]]>',
  '<a href="  javascript:window.__xss=56">a56</a>',
  "';window.__xss=57;//",
  '"-(window.__xss=58)-"',
  '<x onclick=window.__xss=59>x59</x>',
  '<img srcset="x 1x" onerror=window.__xss=60>',
  '＜script＞window.__xss=61＜/script＞',
  '<a href="jav\tascript:window.__xss=62">a62</a>',
  '</option></select><img src=x onerror=window.__xss=63>',
  '</script><img src=x onerror=window.__xss=64>',
  '<svg><foreignObject><img src=x onerror=window.__xss=65></foreignObject></svg>',
  '<input type=image src=x onerror=window.__xss=66>',
  '[m67](javascript:window.__xss=67)',
  '[m68](JaVaScRiPt:window.__xss=68)',
  '![m69](javascript:window.__xss=69)',
  '![m70](x" onerror="window.__xss=70)',
  '[m71](javascript&#58;window.__xss=71)',
  '[m72](jav&#x09;ascript:window.__xss=72)',
  '<javascript:window.__xss=73>',
  '[m74](<javascript:window.__xss=74>)',
  '[m75](data:text/html;base64,PHNjcmlwdD5wYXJlbnQuX194c3M9NzU8L3NjcmlwdD4=)',
  '[m76](vbscript:msgbox(76))',
  '![m77](x "onerror=window.__xss=77")',
  '[m78](&#x6A;avascript:window.__xss=78)',
];

/** Markdown that only means something across lines: the body only. */
const BODY_ONLY = [
  '[m90][r90]\n\n[r90]: javascript:window.__xss=90',
  '[m91][]\n\n[m91]: <javascript:window.__xss=91> "t"',
  'Chú thích[^x92]\n\n[^x92]: <img src=x onerror=window.__xss=92>',
  '```html\n<script>window.__xss=93</script>\n```',
  '| a | b |\n|---|---|\n| <img src=x onerror=window.__xss=94> | [m94](javascript:window.__xss=94) |',
];

/** Reflected in the search boxes (site and admin): quote, element and script breakouts. */
const REFLECTED = VECTORS.filter((v) => [2, 11, 12, 13, 14, 15, 16, 53, 63].includes(Number(/__xss=(\d+)/.exec(v)?.[1])));

/** Names that show beside articles everywhere: a category and an editor. */
const CATEGORY_NAME = 'Chuyên mục <img src=x onerror=window.__xss=201> "><svg onload=window.__xss=202> </option></select><script>window.__xss=203</script> \' autofocus onfocus=\'window.__xss=204';
const CATEGORY_DESCRIPTION = 'Mô tả <script>window.__xss=205</script> <img src=x onerror=window.__xss=206>';
const EDITOR_NAME = 'Biên tập <img src=x onerror=window.__xss=211> "><svg onload=window.__xss=212>';

/** A CSP script-src that lets injected code run. */
const UNSAFE_SCRIPT_SOURCES = ["'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", '*', 'data:', 'http:', 'https:'];

let served: Served;
let browser: Browser;
let editor: Account;
const contexts: BrowserContext[] = [];
let admin: Page;
let readerPage: Page;
const word = uniqueWord('xss');
const categorySlug = `xss-${word}`;
/** Everything that went wrong, across pages: one list for one failure message. */
const findings: string[] = [];
const dialogs: string[] = [];

// Runs in the page: what an injection would have left behind, whether or not it ran.
const SCAN = `(() => {
  const bad = [];
  const urlAttrs = ['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'poster', 'background', 'codebase'];
  for (const el of document.querySelectorAll('*')) {
    for (const attr of el.attributes) {
      const name = attr.name.toLowerCase();
      if (name.startsWith('on')) bad.push('<' + el.localName + ' ' + name + '>');
      if (name === 'srcdoc') bad.push('<' + el.localName + ' srcdoc>');
      if (urlAttrs.includes(name)) {
        const v = attr.value.replace(/[\\u0000-\\u0020]/g, '').toLowerCase();
        const imageData = el.localName === 'img' && name === 'src' && /^data:image\\/(png|gif|jpeg|webp|avif)[;,]/.test(v);
        if (/^(javascript|vbscript|livescript):/.test(v) || (v.startsWith('data:') && !imageData)) bad.push('<' + el.localName + ' ' + name + '="' + attr.value.slice(0, 40) + '">');
      }
    }
  }
  for (const el of document.querySelectorAll('iframe, frame, frameset, object, embed, applet, base, meta[http-equiv="refresh" i], isindex, marquee, svg script, svg animate, svg set, svg foreignObject, math, body style, body link, noscript template, body template')) {
    bad.push('element <' + el.localName + '>');
  }
  for (const s of document.scripts) {
    if (s.type === 'application/ld+json') {
      try { JSON.parse(s.textContent); } catch { bad.push('JSON-LD that is not JSON'); }
      continue;
    }
    if (!s.src || new URL(s.src).origin !== location.origin) bad.push('script ' + (s.src || s.textContent.slice(0, 40)));
  }
  for (const a of document.querySelectorAll('a[href], area[href]')) {
    if (!['http:', 'https:', 'mailto:', 'tel:'].includes(a.protocol)) bad.push('link to ' + a.protocol + ' ' + a.getAttribute('href').slice(0, 40));
  }
  return { xss: window.__xss === undefined ? null : String(window.__xss), bad };
})()`;

/** The CSP of an HTML answer allows no inline script (nor eval, nor any other origin's). */
function checkCsp(label: string, response: Response | null) {
  if (!response) return findings.push(`${label}: no response`);
  const csp = response.headers()['content-security-policy'];
  if (!csp) return findings.push(`${label}: no Content-Security-Policy (status ${response.status()})`);
  const directives = new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name!.toLowerCase(), values]));
  const scriptSrc = directives.get('script-src') ?? directives.get('default-src');
  if (!scriptSrc) return findings.push(`${label}: CSP without script-src or default-src: ${csp}`);
  const unsafe = scriptSrc.filter((v) => UNSAFE_SCRIPT_SOURCES.includes(v.toLowerCase()));
  if (unsafe.length) findings.push(`${label}: CSP script-src allows ${unsafe.join(' ')}`);
  return undefined;
}

/**
 * Waits for what a vector could fire after load, by its events rather than a guessed delay: images'
 * error events precede the load event (images delay it); autofocus is run at the next rendering
 * update; toggle and media errors are tasks queued by then. So: load, two animation frames, a task.
 */
async function settled(page: Page): Promise<void> {
  await page.waitForLoadState('load');
  await page.evaluate('new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done, 0))))');
}

/** Inspects the page as it is now: nothing ran, nothing injected is in the DOM. */
async function inspect(page: Page, label: string): Promise<void> {
  await settled(page);
  const { xss, bad } = (await page.evaluate(SCAN)) as { xss: string | null; bad: string[] };
  if (xss !== null) findings.push(`${label}: window.__xss = ${xss} (vector ${xss} ran)`);
  for (const b of [...new Set(bad)]) findings.push(`${label}: injected ${b}`);
}

/** Opens a page (with CSP check) and inspects it; the status is returned. */
async function visit(page: Page, path: string, label = path): Promise<number> {
  const response = await page.goto(served.url + path);
  checkCsp(label, response);
  await inspect(page, label);
  return response?.status() ?? 0;
}

function watch(page: Page, who: string) {
  page.on('dialog', (d) => {
    dialogs.push(`${who} on ${new URL(page.url()).pathname}: ${d.type()} "${d.message()}"`);
    void d.dismiss();
  });
}

/** Vectors packed into groups that fit the 300-character fields (title, alt, author line). */
function groups(): string[][] {
  const out: string[][] = [];
  let current: string[] = [];
  for (const v of VECTORS) {
    if (current.length && `XSS ${word} 00: ${[...current, v].join(' ')}`.length > 290) {
      out.push(current);
      current = [];
    }
    current.push(v);
  }
  if (current.length) out.push(current);
  return out;
}

/** A field value is stored trimmed; what readers see is exactly that. */
const line = (n: number, vectors: string[]) => `XSS ${word} ${String(n).padStart(2, '0')}: ${vectors.join(' ')}`.trim();
/** Tags: the vectors that can be tags (no separator, at most 60 characters). */
const tagsOf = (vectors: string[]) => vectors.filter((v) => v.length <= 60 && !/[,，;]/.test(v) && /[\p{L}\p{N}]/u.test(v));

interface Written {
  n: number;
  id: number;
  slug: string;
  title: string;
  summary: string;
  caption: string;
  alt: string;
  byline: string;
  tags: string[];
  previewPath: string;
}
const written: Written[] = [];

beforeAll(async () => {
  [served, browser] = await Promise.all([serve(), launchBrowser()]);
  await withLocalEnv(async (env) => {
    // Site 1: the first site, which the served store's loopback host serves.
    await createCategory(database(env.DB), 1, { slug: categorySlug, name: CATEGORY_NAME, description: CATEGORY_DESCRIPTION, position: 0 });
  }, { persistTo: served.persistTo, quiet: true });
  [editor] = (await createAccounts(served, [{ role: 'editor', name: EDITOR_NAME }])) as [Account];
  admin = await newPerson(browser, contexts, { bypassCSP: true });
  readerPage = await newPerson(browser, contexts, { bypassCSP: true });
  watch(admin, 'editor');
  watch(readerPage, 'reader');
  await signIn(admin, served, editor);
});
afterAll(async () => {
  await Promise.all(contexts.map((c) => c.close()));
  await browser?.close();
  await served?.stop();
});

it('the scan finds an injection when there is one (so a clean result means something)', async () => {
  const page = await newPerson(browser, contexts, { bypassCSP: true });
  await page.setContent('<p>ok</p><img src="data:image/png;base64,iVBORw0KGgo=" alt=""><a href="https://example.vn/">x</a>');
  expect(await page.evaluate(SCAN)).toEqual({ xss: null, bad: [] });
  await page.setContent(`<p>${VECTORS[2]}</p><a href="javascript:void 0">a</a><script>window.__xss = 'ran'</script>`);
  await settled(page);
  const found = (await page.evaluate(SCAN)) as { xss: string | null; bad: string[] };
  expect(found.xss, 'a vector that ran').not.toBeNull();
  expect(found.bad).toEqual(expect.arrayContaining(['<img onerror>', 'link to javascript: javascript:void 0']));
  await page.close();
  // And the untouched site and admin are clean by the same measure.
  const before = findings.length;
  await visit(readerPage, '/');
  await visit(admin, '/admin/bai-viet/moi');
  expect(findings.slice(before)).toEqual([]);
});

it(`${VECTORS.length + BODY_ONLY.length} XSS vectors in every field of ${groups().length} articles never run in the admin: refused form, form, live preview, list, revisions, diff, conflict`, async () => {
  expect(VECTORS.length).toBeGreaterThanOrEqual(50);
  const png = pngImage(24, 16);
  for (const [i, vectors] of groups().entries()) {
    const n = i + 1;
    const title = line(n, vectors);
    const value = { title, summary: `${title}\n${vectors.join('\n')}`, caption: `Ảnh ${title}`.slice(0, 300), alt: title, byline: title };
    const tags = tagsOf(vectors);
    const body = [`Bài ${word} số ${n}.`, ...vectors, ...(n === 1 ? BODY_ONLY : [])].join('\n\n');
    await admin.goto(`${served.url}/admin/bai-viet/moi`);
    await admin.getByLabel('Tiêu đề', { exact: true }).fill(value.title);
    await admin.getByLabel('Đường dẫn (slug)').fill(vectors.join(' ').slice(0, 80));
    await admin.getByLabel('Tóm tắt').fill(value.summary);
    await admin.getByLabel('Chuyên mục').selectOption(categorySlug);
    await admin.getByLabel('Từ khóa').fill(tags.join(', '));
    await admin.getByLabel('Nội dung (Markdown)').fill(body);
    await admin.getByLabel('Ảnh bìa', { exact: true }).setInputFiles({ name: `"><img src=x onerror=window.__xss=${300 + n}>.png`, mimeType: 'image/png', buffer: png });
    await admin.getByLabel('Chú thích ảnh').fill(value.caption);
    await admin.getByLabel('Mô tả ảnh (văn bản thay thế)').fill(value.alt);
    await admin.getByLabel('Tác giả / nguồn').fill(value.byline);

    // The slug refuses them: the form comes back with everything typed, as text.
    const refused = await submitWith(admin, 'Lưu nháp');
    expect(refused.status(), `article ${n}: a slug made of vectors`).toBe(422);
    checkCsp(`refused form ${n}`, refused);
    await inspect(admin, `refused form ${n}`);
    expect(await admin.locator('#f-slug-loi').count(), 'the slug error').toBe(1);
    expect(await admin.getByLabel('Tiêu đề', { exact: true }).inputValue()).toBe(value.title);
    expect(await admin.getByLabel('Tác giả / nguồn').inputValue()).toBe(value.byline);
    await admin.getByLabel('Đường dẫn (slug)').fill('');
    const saved = await submitWith(admin, 'Lưu nháp');
    expect(saved.status(), `article ${n}: saving with a derived slug`).toBe(303);
    const id = articleIdOf(admin);
    const slug = await admin.getByLabel('Đường dẫn (slug)').inputValue();

    // A second version with a changed body, published: the diff has removed and added lines of vectors.
    await admin.getByLabel('Nội dung (Markdown)').fill(`${[...vectors].reverse().join('\n\n')}\n\nCập nhật ${word} ${n}.`);
    const published = await submitWith(admin, 'Đăng ngay');
    expect(published.status(), `article ${n}: publishing`).toBe(303);
    // The form as stored: every value shown back exactly, the live preview rendered by the script.
    await admin.locator('#xem-truoc-noi-dung p').first().waitFor({ timeout: 8_000 });
    await inspect(admin, `edit form with live preview ${n}`);
    expect(await admin.getByLabel('Tiêu đề', { exact: true }).inputValue()).toBe(value.title);
    expect(await admin.getByLabel('Mô tả ảnh (văn bản thay thế)').inputValue()).toBe(value.alt);
    expect(await admin.getByLabel('Chú thích ảnh').inputValue()).toBe(value.caption);
    expect(await admin.getByLabel('Tóm tắt').inputValue()).toBe(value.summary);
    const previewPath = await admin.getByRole('link', { name: 'Xem trước toàn trang như bạn đọc thấy' }).getAttribute('href');
    written.push({ n, id, slug, ...value, tags, previewPath: previewPath! });

    await visit(admin, `/admin/bai-viet/${id}/lich-su`, `revisions ${n}`);
    const compare = await admin.locator('a[href*="/lich-su/"]').last().getAttribute('href');
    await visit(admin, compare!, `diff ${n}`);
    expect(await admin.locator('.diff li.removed, .diff li.added').count(), `diff ${n}: changed lines`).toBeGreaterThan(0);
  }

  // The lists and the reflected search of the admin.
  await visit(admin, '/admin/bai-viet', 'admin list');
  await visit(admin, `/admin/bai-viet?q=${word}`, 'admin list, searched');
  expect(await admin.locator('tbody tr').count()).toBe(written.length);
  for (const v of REFLECTED) await visit(admin, `/admin/bai-viet?q=${encodeURIComponent(v)}`, `admin search for ${v}`);
  await visit(admin, '/admin', 'dashboard');

  // A conflict on the first article: both versions, every field, shown side by side.
  const first = written[0]!;
  await admin.goto(`${served.url}/admin/bai-viet/${first.id}`);
  const other = await admin.context().newPage();
  watch(other, 'editor (second tab)');
  await other.goto(`${served.url}/admin/bai-viet/${first.id}`);
  await other.getByLabel('Tóm tắt').fill(`${first.summary}\n${VECTORS.slice(-10).join('\n')}`);
  expect((await submitWith(other, 'Lưu thay đổi')).status()).toBe(303);
  await other.close();
  await admin.getByLabel('Từ khóa').fill(tagsOf(VECTORS).slice(-8).join(', '));
  const conflict = await submitWith(admin, 'Lưu thay đổi');
  expect(conflict.status(), 'the conflict page').toBe(409);
  checkCsp('conflict', conflict);
  await inspect(admin, 'conflict');
  expect(await admin.getByRole('heading', { name: 'Bài viết vừa được người khác sửa' }).count()).toBe(1);
  // The article as the other tab saved it, and a preview link for that version (a link is per version).
  first.summary = `${first.summary}\n${VECTORS.slice(-10).join('\n')}`;
  await admin.goto(`${served.url}/admin/bai-viet/${first.id}`);
  first.previewPath = (await admin.getByRole('link', { name: 'Xem trước toàn trang như bạn đọc thấy' }).getAttribute('href'))!;

  expect(dialogs, 'dialogs opened').toEqual([]);
  expect(findings, `vectors that ran or were injected:\n${findings.join('\n')}`).toEqual([]);
});

it('the same vectors never run on the site: article pages, previews, home, category, tags, search', async () => {
  expect(written.length, 'articles from the previous test').toBe(groups().length);
  for (const a of written) {
    expect(await visit(readerPage, `/bai-viet/${a.slug}`, `article ${a.n}`), `article ${a.n}`).toBe(200);
    // Shown as text, exactly as typed: escaped, not stripped.
    expect((await readerPage.locator('h1#tieu-de').textContent())?.trim(), `article ${a.n}: the title`).toBe(a.title);
    expect((await readerPage.title()).replace(/\s+/g, ' '), `article ${a.n}: the document title`).toContain(a.title.replace(/\s+/g, ' '));
    expect((await readerPage.locator('p.summary').textContent())?.replace(/\s+/g, ' ').trim()).toBe(a.summary.replace(/\s+/g, ' ').trim());
    expect((await readerPage.locator('figure.cover figcaption').textContent())?.trim()).toBe(a.caption);
    expect(await readerPage.locator('figure.cover img').getAttribute('alt')).toBe(a.alt);
    expect((await readerPage.locator('p.byline').textContent())?.trim()).toBe(a.byline);
    expect((await readerPage.locator('.tags li a').allTextContents()).map((t) => t.trim()).sort()).toEqual([...a.tags].sort());
    const ld = JSON.parse((await readerPage.locator('script[type="application/ld+json"]').textContent()) ?? 'null') as { headline?: string };
    expect(ld?.headline, `article ${a.n}: JSON-LD headline`).toBe(a.title);

    // Absolute, on the article's site's host (the served one here).
    const preview = await readerPage.goto(a.previewPath);
    expect(preview?.status(), `preview ${a.n}`).toBe(200);
    checkCsp(`preview ${a.n}`, preview);
    await inspect(readerPage, `preview ${a.n}`);
  }
  expect(await visit(readerPage, '/', 'home')).toBe(200);
  expect(await visit(readerPage, `/chuyen-muc/${categorySlug}`, 'category page')).toBe(200);
  expect(await readerPage.getByRole('heading', { level: 1 }).first().textContent()).toContain('Chuyên mục <img src=x onerror=window.__xss=201>');
  const tagLinks = [...new Set(await readerPage.locator('main a[href^="/the/"]').evaluateAll((links: { getAttribute(n: string): string | null }[]) => links.map((l) => l.getAttribute('href')!)))];
  await visit(readerPage, `/bai-viet/${written[0]!.slug}`, 'article 1 again');
  const firstTags = await readerPage.locator('.tags li a').evaluateAll((links: { getAttribute(n: string): string | null }[]) => links.map((l) => l.getAttribute('href')!));
  for (const path of [...tagLinks, ...firstTags].slice(0, 6)) expect(await visit(readerPage, path, `tag page ${path}`), path).toBe(200);
  expect(await visit(readerPage, `/tim-kiem?q=${word}`, 'search results')).toBe(200);
  expect(await readerPage.locator('main a[href^="/bai-viet/"]').count(), 'search results listed').toBeGreaterThan(0);
  for (const v of REFLECTED) await visit(readerPage, `/tim-kiem?q=${encodeURIComponent(v)}`, `search for ${v}`);
  await visit(readerPage, `/bai-viet/${encodeURIComponent(VECTORS[1]!)}`, 'a missing article named by a vector');

  expect(dialogs, 'dialogs opened').toEqual([]);
  expect(findings, `vectors that ran or were injected:\n${findings.join('\n')}`).toEqual([]);
});
