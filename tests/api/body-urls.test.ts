// What third parties get for a body photo written `![alt](/media/<key> "caption")` (a site path, as the
// editor inserts it): absolute URLs with the site's origin in the API's html (articles, pages, documents), the JSON
// Feed's content_html and RSS content:encoded; the stored Markdown keeps the path.
import { env } from 'cloudflare:workers';
import { xml2js } from 'xml-js';
import { describe, expect, it } from 'vitest';
import { absoluteBodyHtml } from '../../functions/content/absolute-urls.ts';
import { renderMarkdown } from '../../functions/content/markdown.ts';
import { createSite } from '../../functions/data/sites.ts';
import { createToken } from '../../functions/data/tokens.ts';
import { database } from '../../functions/data/db.ts';
import { createPage } from '../../functions/site-pages/service.ts';
import { documentBody, freshIssuer, postDocument } from '../support/documents.ts';
import { call, FIRST_SITE_ID, freshCategory, getJson, jsonInit, ORIGIN, postArticle, unique, writeToken } from '../support/api.ts';
import { at } from '../support/cross-site.ts';

const BODY = [
  'Xem [danh sách](/chuyen-muc/tin-tuc) và [nguồn](https://baothainguyen.vn/a) có chú thích[^1].',
  '',
  '![Toàn cảnh hội nghị > 200 đại biểu](/media/2026/11/0f3c.jpg "Hội nghị sáng 29/11")',
  '',
  'Văn bản có src="/media/khong-phai-anh.jpg" trong chữ.',
  '',
  '![Ảnh ngoài](//cdn.example.vn/x.png)',
  '',
  '[^1]: Nguồn: Văn phòng UBND.',
].join('\n');

describe('absoluteBodyHtml', () => {
  it('prefixes site paths in src and href, and nothing else', async () => {
    const html = await renderMarkdown(BODY);
    const out = absoluteBodyHtml(html, 'https://dongy.example.vn');
    expect(out).toContain('<img src="https://dongy.example.vn/media/2026/11/0f3c.jpg" alt="Toàn cảnh hội nghị > 200 đại biểu"');
    expect(out).toContain('<figcaption>Hội nghị sáng 29/11</figcaption>');
    expect(out).toContain('href="https://dongy.example.vn/chuyen-muc/tin-tuc"');
    expect(out).toContain('href="https://baothainguyen.vn/a"');
    // Text that looks like an attribute is text; a protocol-relative URL already names its host.
    expect(out).toContain('src="/media/khong-phai-anh.jpg" trong chữ');
    expect(out).toContain('src="//cdn.example.vn/x.png"');
    expect(out).toContain('href="#user-content-fn-1"');
    expect(absoluteBodyHtml(null, 'https://x.vn')).toBeNull();
  });
});

describe('a body photo as third parties get it', () => {
  it('the article API, JSON Feed and RSS give the photo with an absolute URL; the Markdown keeps the path', async () => {
    const category = await freshCategory();
    const { article } = await postArticle(await writeToken(), { title: `Ảnh trong bài ${unique('a')}`, category, body: BODY, status: 'published' });
    const photo = `<img src="${ORIGIN}/media/2026/11/0f3c.jpg"`;

    const { body: read } = await getJson<{ html: string; bodyMarkdown: string }>(`/api/v1/articles/${article.slug}`);
    expect(read.html).toContain(photo);
    expect(read.bodyMarkdown).toContain('](/media/2026/11/0f3c.jpg "Hội nghị sáng 29/11")');
    const { body: list } = await getJson<{ items: { slug: string }[] }>(`/api/v1/articles?category=${category}`);
    expect(list.items.map((i) => i.slug)).toEqual([article.slug]);

    const { body: feed } = await getJson<{ items: { content_html: string }[] }>(`/chuyen-muc/${category}/feed.json`);
    expect(feed.items[0]!.content_html).toContain(photo);
    expect(feed.items[0]!.content_html).toContain(`<a href="${ORIGIN}/chuyen-muc/tin-tuc">`);

    const res = await call(`/chuyen-muc/${category}/rss.xml`);
    const rss = xml2js(await res.text(), { compact: true }) as { rss: { channel: { item: { 'content:encoded': { _cdata?: string; _text?: string } } } } };
    const content = rss.rss.channel.item['content:encoded'];
    expect(content._cdata ?? content._text).toContain(photo);
  });

  it('the page API gives both languages with absolute URLs', async () => {
    const page = await createPage(env, { id: FIRST_SITE_ID, status: 'active' }, {
      title: `Giới thiệu ${unique('gt')}`, summary: '', body: BODY, slugEn: unique('about'), titleEn: 'About', summaryEn: '',
      bodyEn: '![Overview](/media/2026/11/en.jpg)', status: 'published',
    }, { id: 'user:1', name: 'Biên tập viên' }, new Date());
    const { body } = await getJson<{ html: string; htmlEn: string }>(`/api/v1/pages/${page.slug}`);
    expect(body.html).toContain(`<img src="${ORIGIN}/media/2026/11/0f3c.jpg"`);
    expect(body.htmlEn).toContain(`<img src="${ORIGIN}/media/2026/11/en.jpg"`);
  });

  it('the document API gives its body with absolute URLs', async () => {
    const { document } = await postDocument(await writeToken(), documentBody(await freshIssuer(), { body: BODY }));
    const { body } = await getJson<{ html: string }>(`/api/v1/documents/${document.slug}`);
    expect(body.html).toContain(`<img src="${ORIGIN}/media/2026/11/0f3c.jpg"`);
  });

  it("the province roll-up feeds give a commune's photo under the commune's origin", async () => {
    const u = unique('r').toLowerCase();
    const province = await createSite(database(env.DB), { name: `Tỉnh ${u}`, hosts: [`tinh-${u}.test`], parentId: null });
    const commune = await createSite(database(env.DB), { name: `Xã ${u}`, hosts: [`xa-${u}.test`], parentId: province.id });
    const token = (await createToken(database(env.DB), commune.id, `t-${u}`, ['read', 'write'])).token;
    const posted = await at(`http://xa-${u}.test/api/v1/articles`, jsonInit('POST', token, { title: `Tin xã ${u}`, category: 'tin-tuc-su-kien', body: BODY, status: 'published' }));
    expect(posted.status).toBe(201);
    const photo = `<img src="http://xa-${u}.test/media/2026/11/0f3c.jpg"`;
    const feed = (await (await at(`http://tinh-${u}.test/tin-tu-co-so/feed.json`)).json()) as { items: { content_html: string }[] };
    expect(feed.items.map((i) => i.content_html.includes(photo))).toEqual([true]);
    expect(await (await at(`http://tinh-${u}.test/tin-tu-co-so/rss.xml`)).text()).toContain(photo);
  });
});
