// Feeds for third parties, read through the Worker: JSON Feed 1.1, RSS 2.0 with full content, the
// sitemap, per-category feeds, and conditional requests on each.
import { xml2js } from 'xml-js';
import { describe, expect, it } from 'vitest';
import {
  atTime, call, freshCategory, isoIn, ORIGIN, pathOf, postArticle, unique, writeToken, type ArticleJson,
} from '../support/api.ts';
import { putImage } from './media-images.ts';

interface JsonFeed {
  version: string;
  title: string;
  home_page_url?: string;
  feed_url?: string;
  description?: string;
  language?: string;
  authors?: { name?: string; url?: string }[];
  next_url?: string;
  items: JsonFeedItem[];
}

interface JsonFeedItem {
  id: string;
  url?: string;
  title?: string;
  content_html?: string;
  summary?: string;
  image?: string;
  date_published?: string;
  date_modified?: string;
  authors?: { name: string }[];
  tags?: string[];
  [k: string]: unknown;
}

/** xml-js compact nodes: text may be _text or _cdata (split CDATA sections come as an array). */
type XmlNode = { _text?: string | string[]; _cdata?: string | string[]; _attributes?: Record<string, string>; [k: string]: unknown };
const textOf = (node: unknown): string => {
  const n = node as XmlNode | undefined;
  const value = n?._text ?? n?._cdata;
  return Array.isArray(value) ? value.join('') : (value ?? '');
};
const many = (node: unknown): XmlNode[] => (node === undefined ? [] : [node].flat() as XmlNode[]);

/** XML 1.0 forbids these characters anywhere in a document, CDATA included. */
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

async function fetchText(path: string): Promise<{ res: Response; text: string }> {
  const res = await call(path);
  const text = await res.text();
  expect(res.status, `${path}: ${text.slice(0, 300)}`).toBe(200);
  return { res, text };
}

async function jsonFeed(path: string): Promise<{ res: Response; feed: JsonFeed }> {
  const { res, text } = await fetchText(path);
  return { res, feed: JSON.parse(text) as JsonFeed };
}

function parseXml(text: string): Record<string, XmlNode> {
  expect(text.startsWith('<?xml'), 'starts with an XML declaration').toBe(true);
  expect(text, 'only characters XML 1.0 allows').not.toMatch(XML_INVALID);
  return xml2js(text, { compact: true }) as Record<string, XmlNode>;
}

const RFC822 = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} (GMT|UT|[+-]\d{4})$/;
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** A category with one richly filled published article (cover, byline, tags, summary, body). */
async function richArticle() {
  const category = await freshCategory('Văn hóa & Xã hội');
  const token = await writeToken();
  await putImage('2024/03/den-duom.jpg');
  const { article } = await postArticle(token, {
    title: 'Lễ hội "Đền Đuổm" & <những> điều thú vị',
    summary: 'Tóm tắt về lễ hội.',
    body: 'Đoạn **đậm**.\n\n![Sân đền](https://example.org/den.jpg "Sân đền ngày hội")',
    category,
    tags: ['Lễ hội', 'Đồng Hỷ'],
    byline: 'Lê Nguyệt (Trung tâm Văn hóa – Thể thao và Truyền thông Đồng Hỷ)',
    cover: { key: '2024/03/den-duom.jpg', alt: 'Đền Đuổm', caption: 'Đền Đuổm mùa lễ hội' },
    status: 'published',
    publishAt: '2024-03-08T09:43:00+07:00',
  });
  return { category, token, article };
}

describe('/feed.json', () => {
  it('is a JSON Feed 1.1 in Vietnamese, served as application/feed+json', async () => {
    await richArticle();
    const { res, feed } = await jsonFeed('/feed.json');
    expect(res.headers.get('Content-Type')).toMatch(/^application\/feed\+json\b/);
    expect(feed.version).toBe('https://jsonfeed.org/version/1.1');
    expect(feed.title).toEqual(expect.any(String));
    expect(feed.title.length).toBeGreaterThan(0);
    expect(feed.language).toBe('vi');
    expect(feed.home_page_url).toBe(`${ORIGIN}/`);
    expect(feed.feed_url).toBe(`${ORIGIN}/feed.json`);
    expect(feed.items.length).toBeGreaterThan(0);
    for (const item of feed.items) {
      expect(typeof item.id).toBe('string');
      expect(item.url).toMatch(new RegExp(`^${ORIGIN}/bai-viet/[a-z0-9-]+$`));
      expect(typeof item.content_html).toBe('string');
      expect(item.date_published).toMatch(RFC3339);
      expect(item.date_modified).toMatch(RFC3339);
    }
  });

  it('gives each item id, url, title, content_html, summary, image, dates, authors and tags', async () => {
    const { category, article } = await richArticle();
    const { feed } = await jsonFeed(`/chuyen-muc/${category}/feed.json`);
    expect(feed.items).toHaveLength(1);
    const item = feed.items[0]!;
    expect(item).toMatchObject({
      url: `${ORIGIN}/bai-viet/${article.slug}`,
      title: 'Lễ hội "Đền Đuổm" & <những> điều thú vị',
      summary: 'Tóm tắt về lễ hội.',
      image: `${ORIGIN}/media/2024/03/den-duom.jpg`,
      date_published: '2024-03-08T02:43:00.000Z',
      authors: [{ name: 'Lê Nguyệt (Trung tâm Văn hóa – Thể thao và Truyền thông Đồng Hỷ)' }],
    });
    expect(item.id).toEqual(expect.any(String));
    expect(item.id.length).toBeGreaterThan(0);
    expect(item.content_html).toContain('<strong>đậm</strong>');
    expect(item.content_html).toContain('<figcaption>Sân đền ngày hội</figcaption>');
    expect([...item.tags!].sort()).toEqual(['Lễ hội', 'Đồng Hỷ'].sort());
    expect(Date.parse(item.date_modified!)).toBe(Date.parse(article.updatedAt as string));
  });

  it('keeps an item id when the article is renamed (readers must not see it twice)', async () => {
    const { category, token, article } = await richArticle();
    const before = (await jsonFeed(`/chuyen-muc/${category}/feed.json`)).feed.items[0]!.id;
    const etag = (await call(`/api/v1/articles/${article.slug}`)).headers.get('ETag')!;
    const res = await call(`/api/v1/articles/${article.slug}`, {
      method: 'PATCH', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', 'If-Match': etag },
      body: JSON.stringify({ slug: unique('doi-ten') }),
    });
    expect(res.status).toBe(200);
    const after = (await jsonFeed(`/chuyen-muc/${category}/feed.json`)).feed.items[0]!;
    expect(after.id).toBe(before);
    expect(after.url).not.toBe(`${ORIGIN}/bai-viet/${article.slug}`);
  });

  it('pages with next_url, newest first, without overlap or gaps', async () => {
    const category = await freshCategory();
    const token = await writeToken();
    const created: string[] = [];
    for (let i = 0; i < 25; i++) created.push((await postArticle(token, { title: `Tin trang ${i}`, category, status: 'published', body: `Bài ${i}` })).article.slug);
    const first = (await jsonFeed(`/chuyen-muc/${category}/feed.json`)).feed;
    expect(first.items).toHaveLength(20);
    expect(first.next_url).toMatch(new RegExp(`^${ORIGIN}/chuyen-muc/${category}/feed\\.json\\?cursor=`));
    const second = (await jsonFeed(pathOf(first.next_url!))).feed;
    expect(second.items).toHaveLength(5);
    expect(second.next_url).toBeUndefined();
    const urls = [...first.items, ...second.items].map((i) => i.url!);
    expect(new Set(urls).size).toBe(25);
    expect(urls).toEqual([...created].reverse().map((s) => `${ORIGIN}/bai-viet/${s}`));
  });

  it('pages the site-wide feed without overlap', async () => {
    const category = await freshCategory();
    const token = await writeToken();
    for (let i = 0; i < 21; i++) await postArticle(token, { title: `Toàn trang ${i}`, category, status: 'published' });
    const first = (await jsonFeed('/feed.json')).feed;
    expect(first.next_url).toEqual(expect.any(String));
    const second = (await jsonFeed(pathOf(first.next_url!))).feed;
    const firstIds = new Set(first.items.map((i) => i.id));
    for (const item of second.items) expect(firstIds.has(item.id), item.id).toBe(false);
    const lastOfFirst = Date.parse(first.items.at(-1)!.date_published!);
    for (const item of second.items) expect(Date.parse(item.date_published!)).toBeLessThanOrEqual(lastOfFirst);
  });
});

describe('/rss.xml', () => {
  it('is RSS 2.0 with a Vietnamese channel and items with full content', async () => {
    const { category, article } = await richArticle();
    for (const path of ['/rss.xml', `/chuyen-muc/${category}/rss.xml`]) {
      const { res, text } = await fetchText(path);
      expect(res.headers.get('Content-Type'), path).toMatch(/^application\/rss\+xml\b/);
      const doc = parseXml(text);
      const rss = doc.rss!;
      expect(rss._attributes?.version).toBe('2.0');
      const channel = rss.channel as Record<string, XmlNode>;
      expect(textOf(channel.title).length, path).toBeGreaterThan(0);
      expect(textOf(channel.link)).toMatch(new RegExp(`^${ORIGIN}/`));
      expect(textOf(channel.description).length, path).toBeGreaterThan(0);
      expect(textOf(channel.language)).toBe('vi');
      const items = many(channel.item);
      expect(items.length, path).toBeGreaterThan(0);
      for (const item of items) {
        expect(textOf(item.title).length).toBeGreaterThan(0);
        expect(textOf(item.link)).toMatch(new RegExp(`^${ORIGIN}/bai-viet/`));
        expect(textOf(item.guid).length).toBeGreaterThan(0);
        expect(textOf(item.pubDate)).toMatch(RFC822);
      }
      if (items.some((i) => i['content:encoded'] !== undefined)) {
        expect(rss._attributes?.['xmlns:content'], path).toBe('http://purl.org/rss/1.0/modules/content/');
      }
    }
    // The site feed is shared with other tests' articles; the category feed holds only this one.
    const doc = parseXml((await fetchText(`/chuyen-muc/${category}/rss.xml`)).text);
    const [mine, ...others] = many((doc.rss!.channel as Record<string, XmlNode>).item);
    expect(others).toEqual([]);
    expect(textOf(mine!.link)).toBe(`${ORIGIN}/bai-viet/${article.slug}`);
    expect(textOf(mine!.title)).toBe('Lễ hội "Đền Đuổm" & <những> điều thú vị');
    expect(textOf(mine!.description)).toBe('Tóm tắt về lễ hội.');
    expect(Date.parse(textOf(mine!.pubDate))).toBe(Date.parse('2024-03-08T09:43:00+07:00'));
    expect(textOf(mine!['content:encoded'])).toContain('<strong>đậm</strong>');
    expect(textOf(mine!['content:encoded'])).toContain('<figcaption>Sân đền ngày hội</figcaption>');
    expect(doc.rss!._attributes?.['xmlns:content']).toBe('http://purl.org/rss/1.0/modules/content/');
  });

  it('names the author the way RSS 2.0 allows (<author> is an e-mail address; a name goes in dc:creator)', async () => {
    const { category } = await richArticle();
    const doc = parseXml((await fetchText(`/chuyen-muc/${category}/rss.xml`)).text);
    const item = many((doc.rss!.channel as Record<string, XmlNode>).item)[0]!;
    for (const author of many(item.author)) expect(textOf(author)).toMatch(/^\S+@\S+\.\S+( \(.+\))?$/);
    const creator = textOf(item['dc:creator']);
    expect(creator || many(item.author).map(textOf).join(''), 'the byline is in the item').toContain('Lê Nguyệt');
  });

  it('stays well-formed when text contains "]]>", ampersands and angle brackets', async () => {
    const category = await freshCategory('Mục <thử> & "nháy"');
    const token = await writeToken();
    const title = 'Dấu ]]> giữa & <b>không</b> phải thẻ';
    await postArticle(token, { title, category, status: 'published', summary: 'a ]]> b', body: 'Mã: `x]]>y` và A & B' });
    const doc = parseXml((await fetchText(`/chuyen-muc/${category}/rss.xml`)).text);
    const channel = doc.rss!.channel as Record<string, XmlNode>;
    expect(textOf(channel.title)).toContain('Mục <thử> & "nháy"');
    const item = many(channel.item)[0]!;
    expect(textOf(item.title)).toBe(title);
    expect(textOf(item.description)).toBe('a ]]> b');
    expect(textOf(item['content:encoded'])).toContain('x]]>y');
  });

  it("stays valid XML when an editor pastes control characters (Word's vertical tab)", async () => {
    const category = await freshCategory();
    const token = await writeToken();
    const { article } = await postArticle(token, {
      title: 'Dán từ Word\u000Bdòng mới', summary: 'Tóm\u0008tắt', body: 'Đoạn\u000Cmột', category, status: 'published',
    });
    parseXml((await fetchText(`/chuyen-muc/${category}/rss.xml`)).text);
    const sitemap = (await fetchText('/sitemap.xml')).text;
    expect(sitemap).toContain(article.slug);
    parseXml(sitemap);
  });
});

describe('/sitemap.xml', () => {
  it('is a sitemaps.org urlset with every category page and published article, each with lastmod', async () => {
    const category = await freshCategory();
    const token = await writeToken();
    const slugs: string[] = [];
    for (let i = 0; i < 3; i++) slugs.push((await postArticle(token, { title: `Bản đồ trang ${i}`, category, status: 'published' })).article.slug);
    const { res, text } = await fetchText('/sitemap.xml');
    expect(res.headers.get('Content-Type')).toMatch(/^application\/xml\b/);
    const doc = parseXml(text);
    expect(doc.urlset!._attributes?.xmlns).toBe('http://www.sitemaps.org/schemas/sitemap/0.9');
    const urls = many(doc.urlset!.url).map((u) => ({ loc: textOf(u.loc), lastmod: textOf(u.lastmod) }));
    expect(new Set(urls.map((u) => u.loc)).size, 'no URL twice').toBe(urls.length);
    const wanted = [`${ORIGIN}/chuyen-muc/${category}`, ...slugs.map((s) => `${ORIGIN}/bai-viet/${s}`)];
    for (const loc of wanted) {
      const entry = urls.find((u) => u.loc === loc);
      expect(entry, loc).toBeDefined();
      expect(entry!.lastmod, loc).toMatch(RFC3339);
      expect(Number.isNaN(Date.parse(entry!.lastmod))).toBe(false);
    }
    for (const u of urls) expect(u.loc).toMatch(new RegExp(`^${ORIGIN}/`));
  });

  it('gives a scheduled article that went live a lastmod (and date_modified) no earlier than its publication', async () => {
    // A crawler that saw the 404 before publication must learn the page changed when it went live.
    const category = await freshCategory();
    const token = await writeToken();
    const { article } = await postArticle(token, { title: 'Lên lịch rồi lên trang', category, status: 'scheduled', publishAt: isoIn(3600) });
    const published = Date.parse(article.publishedAt!);
    const loc = `${ORIGIN}/bai-viet/${article.slug}`;
    const listed = async () => many(parseXml((await fetchText('/sitemap.xml')).text).urlset!.url).find((u) => textOf(u.loc) === loc);
    expect(await listed(), 'not listed before its time').toBeUndefined();
    // The clock moved past its time (controlled): no cron has run, the cached sitemap must not hide it.
    await atTime(published + 1000, async () => {
      const entry = await listed();
      expect(entry, 'listed once live').toBeDefined();
      expect(Date.parse(textOf(entry!.lastmod))).toBeGreaterThanOrEqual(published);
      const item = (await jsonFeed(`/chuyen-muc/${category}/feed.json`)).feed.items[0]!;
      expect(item.url).toBe(loc);
      expect(Date.parse(item.date_modified!)).toBeGreaterThanOrEqual(Date.parse(item.date_published!));
    });
  });
});

describe('per-category feeds', () => {
  it('contain only their own category', async () => {
    const a = await freshCategory('Giáo dục');
    const b = await freshCategory('Y tế');
    const token = await writeToken();
    const inA: ArticleJson[] = [];
    const inB: ArticleJson[] = [];
    for (let i = 0; i < 3; i++) {
      inA.push((await postArticle(token, { title: `Giáo dục ${i}`, category: a, status: 'published' })).article);
      inB.push((await postArticle(token, { title: `Y tế ${i}`, category: b, status: 'published' })).article);
    }
    for (const [category, mine, name] of [[a, inA, 'Giáo dục'], [b, inB, 'Y tế']] as const) {
      const { feed } = await jsonFeed(`/chuyen-muc/${category}/feed.json`);
      expect(feed.items.map((i) => i.url)).toEqual([...mine].reverse().map((x) => x.url));
      expect(feed.feed_url).toBe(`${ORIGIN}/chuyen-muc/${category}/feed.json`);
      expect(feed.home_page_url).toBe(`${ORIGIN}/chuyen-muc/${category}`);
      expect(feed.title).toContain(name);
      expect(feed.language).toBe('vi');
      const doc = parseXml((await fetchText(`/chuyen-muc/${category}/rss.xml`)).text);
      const links = many((doc.rss!.channel as Record<string, XmlNode>).item).map((i) => textOf(i.link));
      expect(links).toEqual([...mine].reverse().map((x) => x.url));
    }
  });
});

describe('conditional requests on feeds', () => {
  it('sends a strong ETag, answers If-None-Match with 304, HEAD without a body, and CORS for all', async () => {
    const { category } = await richArticle();
    for (const path of ['/feed.json', '/rss.xml', '/sitemap.xml', `/chuyen-muc/${category}/feed.json`, `/chuyen-muc/${category}/rss.xml`]) {
      const { res, text } = await fetchText(path);
      const etag = res.headers.get('ETag')!;
      expect(etag, path).toMatch(/^"[^"]+"$/);
      expect(res.headers.get('Cache-Control'), path).toMatch(/\bpublic\b/);
      expect(res.headers.get('Access-Control-Allow-Origin'), path).toBe('*');
      const notModified = await call(path, { headers: { 'If-None-Match': etag } });
      expect(notModified.status, path).toBe(304);
      expect(await notModified.text(), path).toBe('');
      expect(notModified.headers.get('ETag'), path).toBe(etag);
      const changed = await call(path, { headers: { 'If-None-Match': '"old"' } });
      expect(changed.status, path).toBe(200);
      expect(await changed.text(), path).toBe(text);
      const head = await call(path, { method: 'HEAD' });
      expect(head.status, path).toBe(200);
      expect(head.headers.get('ETag'), path).toBe(etag);
      expect(await head.text(), path).toBe('');
    }
  });

  it("changes a category feed's ETag when an article is added to it", async () => {
    const { category, token } = await richArticle();
    const path = `/chuyen-muc/${category}/feed.json`;
    const etag = (await fetchText(path)).res.headers.get('ETag')!;
    await postArticle(token, { title: 'Tin thêm', category, status: 'published' });
    const res = await call(path, { headers: { 'If-None-Match': etag } });
    expect(res.status).toBe(200);
    expect(res.headers.get('ETag')).not.toBe(etag);
  });
});

describe('tag feeds and robots.txt', () => {
  it('a tag has its own JSON Feed and RSS with only its published articles; a tag only drafts carry is not found', async () => {
    const token = await writeToken();
    const category = await freshCategory();
    const tagName = `Thẻ riêng ${unique('t')}`;
    const hidden = `Thẻ nháp ${unique('t')}`;
    const { article } = await postArticle(token, { title: 'Bài có thẻ riêng', category, status: 'published', tags: [tagName] });
    await postArticle(token, { title: 'Bài nháp có thẻ', category, status: 'draft', tags: [tagName, hidden] });
    const tagSlug = article.tags[0]!.slug;
    const json = await call(`/the/${tagSlug}/feed.json`);
    expect(json.headers.get('Content-Type')).toContain('application/feed+json');
    const feed = (await json.json()) as { title: string; items: { url: string; title: string }[] };
    expect(feed.title).toContain(tagName);
    expect(feed.items.map((i) => i.title)).toEqual(['Bài có thẻ riêng']);
    const rss = await (await call(`/the/${tagSlug}/rss.xml`)).text();
    expect(rss).toContain('Bài có thẻ riêng');
    expect(rss).not.toContain('Bài nháp có thẻ');
    const hiddenSlug = hidden.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/[^a-z0-9]+/g, '-');
    expect((await call(`/the/${hiddenSlug}/feed.json`)).status).toBe(404);
  });

  it('robots.txt names the sitemap with an absolute URL and keeps crawlers out of the admin', async () => {
    const res = await call('/robots.txt');
    expect(res.headers.get('Content-Type')).toContain('text/plain');
    const text = await res.text();
    expect(text).toContain(`Sitemap: ${ORIGIN}/sitemap.xml`);
    expect(text).toContain('Disallow: /admin');
  });
});
