// The WordPress export source (scripts/import/sources/wxr.ts) over the demo export as WordPress 6.x writes
// it: what each post and page becomes, the deliberate breakages, a truncated and a malformed file. Node-only
// (it reads files with node:fs), so it lives in the e2e project but starts no server and no browser.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SourceEntry } from '../../scripts/import/item.ts';
import { wxrSource } from '../../scripts/import/sources/wxr.ts';
import { makeWxr } from '../../scripts/import/fixtures/make-wxr.ts';
import { bodyImages, wxrBodyHtml } from '../../scripts/import/sources/wxr-body.ts';
import { htmlToMarkdown } from '../../functions/content/html-to-markdown.ts';
import { itemsOf, problemsOf, readAll } from '../support/import-source.ts';

const DIR = join(import.meta.dirname, '../fixtures/import/wxr');
const DEMO = join(DIR, 'demo.xml');
const SITE = 'https://dongy.thainguyen.gov.vn';
const UPLOADS = `${SITE}/wp-content/uploads`;
const LE_HOI = `${UPLOADS}/2024/02/l%E1%BB%85-h%E1%BB%99i-%C4%91%E1%BB%81n.jpg`;

const read = (file: string): Promise<SourceEntry[]> => readAll(wxrSource(file));
const items = itemsOf;
const problems = problemsOf;
const byKey = (entries: SourceEntry[], id: number, page = false) =>
  items(entries).find((i) => i.sourceKey === `${SITE}/?${page ? 'page_id' : 'p'}=${id}`)!;

/** A copy of the demo with `edit` applied, in a temporary folder. */
function variant(name: string, edit: (xml: string) => string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'wxr-')), name);
  writeFileSync(file, edit(readFileSync(DEMO, 'utf8')));
  return file;
}

describe('the demo export', async () => {
  const entries = await read(DEMO);

  it('yields the posts and pages in file order, each problem where it is, and counts what it skipped', async () => {
    expect(entries.map((e) => (e.kind === 'problem' ? `problem ${e.where}: ${e.message}` : e.kind === 'facts' ? 'facts' : `${e.kind} ${e.sourceKey.replace(SITE, '')}`))).toEqual([
      'page /?page_id=5', 'page /?page_id=7',
      'article /?p=12', 'article /?p=15', 'article /?p=18', 'article /?p=21', 'article /?p=24', 'article /?p=27',
      'article /?p=30', 'article /?p=33', 'article /?p=36', 'article /?p=39', 'article /?p=42',
      `problem demo.xml <item> #18 (line 720): duplicate of <item> #3 (same guid ${SITE}/?p=12): skipped`,
      'problem demo.xml <item> #19 (line 750): in the trash on the old site: skipped',
      'article /?p=54',
    ]);
    const source = wxrSource(DEMO);
    expect(await source.count()).toBe(14);
    expect(source.label).toBe('WordPress export demo.xml');
    for await (const _ of source.entries());
    expect(Object.fromEntries(source.skipped)).toEqual({ 'auto-draft': 1, nav_menu_item: 2, wp_block: 1 });
  });

  it('maps a classic post: Vietnam-time date, old paths, category under its parent, tags, author name, featured image, [caption] figure', () => {
    const post = byKey(entries, 12);
    expect(post).toMatchObject({
      kind: 'article',
      title: 'Hội nghị phân tích, đánh giá kết quả công tác cải cách hành chính năm 2023, triển khai nhiệm vụ năm 2024',
      slug: 'hoi-nghi-phan-tich-danh-gia-ket-qua-cong-tac-cai-cach-hanh-chinh-nam-2023',
      sourceUrl: `${SITE}/2024/03/08/hoi-nghi-phan-tich-danh-gia-ket-qua-cong-tac-cai-cach-hanh-chinh-nam-2023/`,
      siteUrl: SITE, // the channel's <link>: the body's links to it become site-relative
      oldPaths: ['/2024/03/08/hoi-nghi-phan-tich-danh-gia-ket-qua-cong-tac-cai-cach-hanh-chinh-nam-2023/', '/?p=12'],
      status: 'published',
      summary: 'Năm 2023, chỉ số CCHC huyện Đồng Hỷ đạt 73,87 điểm, xếp loại khá.',
      category: { slug: 'tin-dia-phuong', name: 'Tin địa phương', parentSlug: 'tin-tuc' },
      tags: ['Cải cách hành chính'],
      byline: 'Ban Biên tập',
      cover: { url: `${UPLOADS}/2024/03/hoi-nghi-cchc.jpg`, alt: 'Quang cảnh hội nghị', caption: 'Đồng chí Ngô Xuân Huy phát biểu tại hội nghị' },
      images: [{ url: `${UPLOADS}/2024/03/hoi-nghi-cchc-2.jpg`, alt: '', caption: 'Các đại biểu dự hội nghị tại điểm cầu huyện' }],
      bodyMarkdown: null,
      warnings: [],
    });
    // 09:43 in Hà Nội is 02:43 UTC (post_date_gmt).
    expect(post.publishedAt?.toISOString()).toBe('2024-03-08T02:43:00.000Z');
    expect(post.bodyHtml).toContain('<figure><img class="size-full wp-image-43" src="https://dongy.thainguyen.gov.vn/wp-content/uploads/2024/03/hoi-nghi-cchc-2.jpg" alt="" width="64" height="48" /><figcaption>Các đại biểu dự hội nghị tại điểm cầu huyện</figcaption></figure>');
    // autop: a blank line is a paragraph, a single newline a line break; no shortcode text left.
    expect(post.bodyHtml).toContain('<p>Năm 2023, chỉ số CCHC huyện Đồng Hỷ đạt <strong>73,87 điểm</strong> (tăng 6,1 điểm so với năm 2022), xếp loại khá.<br />\nKết quả');
    expect(post.bodyHtml).not.toContain('[caption');
    // The comment's fields (wp:comment_date, wp:comment_content) do not leak into the post.
    expect(post.bodyHtml).not.toContain('hữu ích');
  });

  it('turns a Vietnamese percent-encoded slug into an ASCII one, makes a relative image absolute in the body, takes a missing alt from the attachment', () => {
    const post = byKey(entries, 15);
    // WordPress keeps the letters; the CMS's slugs are ASCII (the old encoded path still redirects).
    expect(post.slug).toBe('tet-trong-cay-2024');
    expect(post.oldPaths).toEqual(['/2024/02/20/t%e1%ba%bft-tr%e1%bb%93ng-c%c3%a2y-2024/', '/?p=15']);
    expect(post.title).toBe('Ra quân hưởng ứng Tết trồng cây "Đời đời nhớ ơn Bác Hồ" Xuân Giáp Thìn');
    expect(post.byline).toBe('Lê Nguyệt');
    expect(post.category).toEqual({ slug: 'van-hoa-xa-hoi', name: 'Văn hóa - Xã hội', parentSlug: 'tin-tuc' });
    expect(post.cover).toEqual({ url: `${UPLOADS}/2024/02/trong-cay.png`, alt: 'Cán bộ, nhân dân trồng cây', caption: '' });
    expect(post.images).toEqual([{ url: LE_HOI, alt: 'Lễ hội đền Đồng Hỷ', caption: '' }]);
    expect(post.bodyHtml).toContain(`<img class="aligncenter size-full" src="${LE_HOI}" alt="Lễ hội đền Đồng Hỷ" width="64" height="48" />`);
  });

  it('writes every image URL so that the runner finds it verbatim in the Markdown htmlToMarkdown makes', () => {
    const withImages = items(entries).filter((i) => i.images.length > 0);
    expect(withImages).toHaveLength(5);
    for (const item of withImages) {
      const { markdown } = htmlToMarkdown(item.bodyHtml!);
      for (const image of item.images) expect(markdown).toContain(`](${image.url}`);
    }
    expect(htmlToMarkdown(byKey(entries, 15).bodyHtml!).markdown).toContain(`![Lễ hội đền Đồng Hỷ](${LE_HOI})`);
  });

  it('turns an HTML excerpt into text and keeps lists as they are', () => {
    const post = byKey(entries, 18);
    expect(post.summary).toBe('Lịch tiếp công dân của Chủ tịch UBND huyện & các Phó Chủ tịch.');
    expect(post.publishedAt?.toISOString()).toBe('2024-03-01T00:30:00.000Z');
    expect(post.category).toEqual({ slug: 'thong-bao', name: 'Thông báo', parentSlug: null });
    expect(post.bodyHtml).toBe('<p>UBND huyện Đồng Hỷ thông báo lịch tiếp công dân định kỳ tháng 3/2024 như sau:</p>\n<ul>\n<li>Ngày 05/3/2024: Chủ tịch UBND huyện</li>\n<li>Ngày 15/3/2024: Phó Chủ tịch UBND huyện</li>\n</ul>\n<p>Địa điểm: Trụ sở Tiếp công dân huyện.</p>');
  });

  it('leaves block-editor content without autop and reads its figure caption; a grandchild category names its own parent', () => {
    const post = byKey(entries, 21);
    expect(post.bodyHtml).toContain('<!-- wp:paragraph -->\n<p>Ngày 12/3, xã Tân Cương');
    expect(post.bodyHtml).not.toContain('<p><!--');
    expect(post.images).toEqual([{ url: `${UPLOADS}/2024/03/hoi-nghi-cchc-2.jpg`, alt: 'Lớp tập huấn', caption: 'Quang cảnh lớp tập huấn' }]);
    expect(post.category).toEqual({ slug: 'tin-xa-tan-cuong', name: 'Tin xã Tân Cương', parentSlug: 'tin-dia-phuong' });
    expect(post.tags).toEqual(['Chuyển đổi số', 'Cải cách hành chính']);
  });

  it('maps statuses: future -> scheduled, draft (local date, no slug), pending -> review, private -> draft with a warning', () => {
    expect(byKey(entries, 24)).toMatchObject({ status: 'scheduled', warnings: [] });
    expect(byKey(entries, 24).publishedAt?.toISOString()).toBe('2026-12-15T01:00:00.000Z');
    const draft = byKey(entries, 27);
    expect(draft).toMatchObject({ status: 'draft', slug: null, oldPaths: ['/?p=27'], warnings: [] });
    // post_date_gmt is 0000-00-00 for a draft: post_date is read as Hà Nội time.
    expect(draft.publishedAt?.toISOString()).toBe('2024-03-15T07:20:00.000Z');
    expect(byKey(entries, 30)).toMatchObject({ status: 'review', category: { slug: 'doan-the', name: 'Đoàn thể', parentSlug: null } });
    expect(byKey(entries, 33)).toMatchObject({ status: 'draft', warnings: ['private on the old site: imported as a draft'] });
  });

  it('warns of a published post with no date and of an empty body', () => {
    expect(byKey(entries, 36)).toMatchObject({ status: 'published', publishedAt: null, warnings: ['no date'] });
    expect(byKey(entries, 39)).toMatchObject({ status: 'published', bodyHtml: '', warnings: ['empty body'] });
  });

  it('lists every body image, broken ones included (the runner finds out), and says what it could not keep', () => {
    const post = byKey(entries, 42);
    expect(post.images).toEqual([
      { url: `${UPLOADS}/2024/03/anh-loi.jpg`, alt: 'Đồi chè Tân Cương', caption: '' },
      { url: `${UPLOADS}/2023/11/khong-con.jpg`, alt: 'Khách tham quan đồi chè', caption: '' },
    ]);
    expect(post.cover).toBeNull();
    expect(post.tags).toEqual(['Chè Tân Cương', 'Nông thôn mới']);
    expect(post.warnings).toEqual([
      'also in categories "Văn hóa - Xã hội": only "Tin địa phương" kept',
      'featured image (attachment #99) is not in the export',
    ]);
  });

  it('unwraps shortcodes, keeping their inner text, and leaves bracketed words alone', () => {
    expect(byKey(entries, 54).bodyHtml).toBe([
      '<p>Người dân có thể nộp hồ sơ trực tuyến theo các bước sau.</p>',
      '<p>Lưu ý: chuẩn bị sẵn bản chụp CCCD.</p>',
      '<p>Xem video hướng dẫn: https://www.youtube.com/watch?v=abc123</p>',
      '<p>[Video] Hướng dẫn chi tiết có tại Bộ phận một cửa.</p>',
    ].join('\n'));
  });

  it('lists the declared categories parents first, names included (a parent no post is filed under directly)', async () => {
    expect(await wxrSource(DEMO).categories()).toEqual([
      { slug: 'tin-tuc', name: 'Tin tức', parentSlug: null },
      { slug: 'thong-bao', name: 'Thông báo', parentSlug: null },
      { slug: 'doan-the', name: 'Đoàn thể', parentSlug: null },
      { slug: 'tin-dia-phuong', name: 'Tin địa phương', parentSlug: 'tin-tuc' },
      { slug: 'van-hoa-xa-hoi', name: 'Văn hóa - Xã hội', parentSlug: 'tin-tuc' },
      { slug: 'tin-xa-tan-cuong', name: 'Tin xã Tân Cương', parentSlug: 'tin-dia-phuong' },
    ]);
  });

  it('maps pages with their ?page_id= path and no category or tags', () => {
    expect(byKey(entries, 5, true)).toMatchObject({
      kind: 'page', title: 'Giới thiệu chung', slug: 'gioi-thieu-chung', oldPaths: ['/gioi-thieu-chung/', '/?p=5', '/?page_id=5'],
      category: null, tags: [], images: [{ url: LE_HOI, alt: 'Lễ hội đền Đồng Hỷ', caption: '' }],
    });
    expect(byKey(entries, 7, true)).toMatchObject({ oldPaths: ['/gioi-thieu-chung/so-do-to-chuc/', '/?p=7', '/?page_id=7'], slug: 'so-do-to-chuc' });
  });
});

describe('damaged files', () => {
  it('a truncated file yields every complete item, then names the item and line it ends in', async () => {
    const entries = await read(join(DIR, 'truncated.xml'));
    expect(await wxrSource(join(DIR, 'truncated.xml')).count()).toBe(12);
    expect(items(entries).map((i) => i.sourceKey.replace(SITE, '')).at(-1)).toBe('/?p=39');
    expect(items(entries)).toHaveLength(12);
    expect(entries.at(-1)).toEqual({ kind: 'problem', where: 'truncated.xml <item> #15 (line 605)', message: 'file ends inside <item> #15 (line 605): truncated?' });
  });

  it('malformed XML in one item spoils that item only: the items after it are read', async () => {
    const file = variant('bad-tag.xml', (xml) => xml.replace('<wp:post_id>18</wp:post_id>', '<wp:post_id>18</wp:post_idd>'));
    const entries = await read(file);
    expect(problems(entries)[0]).toEqual({ kind: 'problem', where: 'bad-tag.xml <item> #5 (line 272)', message: 'malformed XML at line 286: unexpected close tag.' });
    expect(items(entries).map((i) => i.sourceKey.replace(SITE, ''))).toEqual([
      '/?page_id=5', '/?page_id=7', '/?p=12', '/?p=15', '/?p=21', '/?p=24', '/?p=27', '/?p=30', '/?p=33', '/?p=36', '/?p=39', '/?p=42', '/?p=54',
    ]);
    // Line numbers stay right after the parser is rebuilt.
    expect(problems(entries)[1]?.where).toBe('bad-tag.xml <item> #18 (line 720)');
  });

  it('a file that is not a WordPress export is a problem, not a crash', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'wxr-')), 'trang.html');
    writeFileSync(file, '<!DOCTYPE html><html><body><p>Trang chủ</p></body></html>');
    const entries = await read(file);
    expect(items(entries)).toEqual([]);
    expect(problems(entries).at(-1)).toEqual({ kind: 'problem', where: 'trang.html', message: 'no <channel>: not a WordPress export (WXR) file' });
  });

  it('reads a WXR 1.0 file whose namespace prefix is not "wp", after a byte-order mark and blank lines', async () => {
    const file = variant('wxr10.xml', (xml) => `\uFEFF\n\n${xml.replaceAll('http://wordpress.org/export/1.2/', 'http://wordpress.org/export/1.0/').replaceAll('wp:', 'wordpress:').replace('xmlns:wp=', 'xmlns:wordpress=')}`);
    const entries = await read(file);
    expect(items(entries)).toHaveLength(14);
    expect(byKey(entries, 12)).toMatchObject({ byline: 'Ban Biên tập', category: { parentSlug: 'tin-tuc' }, cover: { alt: 'Quang cảnh hội nghị' } });
  });

  it('keeps no old path on another host (a permalink of a former domain)', async () => {
    const file = variant('other-host.xml', (xml) => xml.replace(`<link>${SITE}/gioi-thieu-chung/so-do-to-chuc/</link>`, '<link>https://www.dongy.gov.vn/so-do/</link>'));
    const page = items(await read(file)).find((i) => i.sourceKey === `${SITE}/?page_id=7`);
    expect(page?.oldPaths).toEqual(['/?p=7', '/?page_id=7']);
    expect(page?.sourceUrl).toBe('https://www.dongy.gov.vn/so-do/');
  });

  it('falls back to "wxr:<site>#<id>" without a guid, and to the RSS pubDate without post dates', async () => {
    const file = variant('no-guid.xml', (xml) => xml
      .replace(`<guid isPermaLink="false">${SITE}/?p=18</guid>`, '<guid isPermaLink="false"></guid>')
      .replace('<wp:post_date><![CDATA[2024-03-01 07:30:00]]></wp:post_date>', '<wp:post_date><![CDATA[0000-00-00 00:00:00]]></wp:post_date>')
      .replace('<wp:post_date_gmt><![CDATA[2024-03-01 00:30:00]]></wp:post_date_gmt>', '<wp:post_date_gmt><![CDATA[0000-00-00 00:00:00]]></wp:post_date_gmt>'));
    const post = items(await read(file)).find((i) => i.sourceKey === `wxr:${SITE}#18`);
    expect(post?.publishedAt?.toISOString()).toBe('2024-03-01T00:30:00.000Z');
  });
});

describe('post_content to HTML', () => {
  it('turns the older caption="…" form and a linked image into a figure, outside any paragraph', () => {
    expect(wxrBodyHtml('Mở đầu.\n\n[caption id="attachment_9" align="alignnone" width="300" caption="Toàn cảnh &amp; chi tiết"]<a href="/anh-lon.jpg"><img src="/anh.jpg" alt="Toàn cảnh" /></a>[/caption]'))
      .toBe('<p>Mở đầu.</p>\n<figure><a href="/anh-lon.jpg"><img src="/anh.jpg" alt="Toàn cảnh" /></a><figcaption>Toàn cảnh &amp; chi tiết</figcaption></figure>');
  });

  it('leaves square brackets inside tags (a link\'s query) untouched, and empty content empty', () => {
    expect(wxrBodyHtml('<a href="/tim?loai[a]=1">Tìm [a]</a> [b]x[/b]')).toBe('<p><a href="/tim?loai[a]=1">Tìm </a> x</p>');
    expect(wxrBodyHtml(' \n ')).toBe('');
  });

  it('gives an image without alt its attachment\'s alt, in the tag', () => {
    const known = (url: string) => (url === 'https://cu.example.vn/a.jpg' ? { url, alt: 'Cầu "Gia Bẩy"', caption: '' } : undefined);
    expect(bodyImages('<img src="/a.jpg"><img src="/b.jpg">', 'https://cu.example.vn/', known).html)
      .toBe('<img alt="Cầu &quot;Gia Bẩy&quot;" src="https://cu.example.vn/a.jpg"><img src="https://cu.example.vn/b.jpg">');
  });

  it('lists an image once, makes it absolute with entities decoded, ignores data: and srcset', () => {
    const { html, images } = bodyImages('<p><img src="anh.jpg?w=1&amp;h=2" alt="A" srcset="anh-300.jpg 300w"><img src="anh.jpg?w=1&amp;h=2"><img src="data:image/png;base64,AA"></p>', 'https://cu.example.vn/tin/', () => undefined);
    expect(images).toEqual([{ url: 'https://cu.example.vn/tin/anh.jpg?w=1&h=2', alt: 'A', caption: '' }]);
    expect(html).toBe('<p><img src="https://cu.example.vn/tin/anh.jpg?w=1&amp;h=2" alt="A" srcset="anh-300.jpg 300w"><img src="https://cu.example.vn/tin/anh.jpg?w=1&amp;h=2"><img src="data:image/png;base64,AA"></p>');
  });
});

describe('makeWxr (the bench generator)', () => {
  it('writes n published posts the source reads back, each once, an hour apart', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'wxr-')), 'bench.xml');
    writeFileSync(file, makeWxr(60));
    const source = wxrSource(file);
    expect(await source.count()).toBe(60);
    const read60 = items(await read(file));
    expect(read60).toHaveLength(60);
    expect(new Set(read60.map((i) => i.sourceKey)).size).toBe(60);
    expect(read60.every((i) => i.status === 'published' && i.warnings.length === 0 && i.bodyHtml?.startsWith('<p>'))).toBe(true);
    expect(read60[0]).toMatchObject({ sourceKey: 'https://old.example.vn/?p=101', oldPaths: ['/2020/01/bai-viet-so-1/', '/?p=101'], byline: 'Lê Nguyệt' });
    expect(read60[1]!.publishedAt!.getTime() - read60[0]!.publishedAt!.getTime()).toBe(3_600_000);
  });
});
