// The legacy pages import source (scripts/import/sources/pages.ts) in Node, no server: these are fast unit
// tests placed in the e2e project only because it is the one that runs in Node (jsdom, warcio, files).
// The fixture tests/fixtures/import/legacy-portal is a saved Liferay-style district portal (the seed's
// layout) plus two pages of a news site; legacy-portal.warc.gz is the same crawl (make-warc.ts).
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WARCRecord, WARCSerializer } from 'warcio';
import type { ImportSource, SourceEntry } from '../../scripts/import/item.ts';
import { makeWarc } from '../../scripts/import/fixtures/make-warc.ts';
import { ProfileError } from '../../scripts/import/profiles/profile.ts';
import { NO_URL, pagesSource } from '../../scripts/import/sources/pages.ts';
import { parsePageDate } from '../../scripts/import/sources/pages-dates.ts';
import { normalizePageUrl } from '../../scripts/import/sources/pages-url.ts';
import { itemsOf, problemsOf, readAll } from '../support/import-source.ts';

const FOLDER = join(import.meta.dirname, '../fixtures/import/legacy-portal');
const WARC = join(FOLDER, 'legacy-portal.warc.gz');
const PORTAL = 'https://dongy.thainguyen.gov.vn';
const CONTENT = `${PORTAL}/tin-tuc-su-kien/-/asset_publisher/H2DfPvQzBv1r/content/`;
// Saved from `...?inheritRedirect=false&redirect=%2Ftin-tuc-su-kien` (the asset publisher's way back): not part of its URL.
const SEED_URL = `${CONTENT}hoi-nghi-phan-tich-anh-gia-ket-qua-cong-tac-cai-cach-hanh-chinh-nam-2023-trien-khai-nhiem-vu-nam-2024`;
const NO_DATE_URL = `${PORTAL}/thong-bao/-/asset_publisher/Kq9ZyXw2aB3c/content/lich-tiep-cong-dan-dinh-ky-thang-4-2024`;
const FARM_URL = `${CONTENT}ho-tro-nong-dan-chuyen-oi-cay-trong`;
const SAVED_COMPLETE_URL = `${CONTENT}mit-tinh-ky-niem-114-nam-ngay-quoc-te-phu-nu`;
const TEA_URL = 'https://baothainguyen.vn/kinh-te/202403/cho-che-tan-cuong-nhon-nhip-dau-nam-4f21a7c/';
const TRAFFIC_URL = 'https://baothainguyen.vn/xa-hoi/202403/dam-bao-an-toan-giao-thong-mua-le-hoi-5d6e7f8/';
const BYLINE = 'Lê Nguyệt (Trung tâm Văn hóa – Thể thao và Truyền thông Đồng Hỷ)';

const byKey = (entries: SourceEntry[]) => new Map(itemsOf(entries).map((i) => [i.sourceKey, i]));

let folderEntries: SourceEntry[];
let warcEntries: SourceEntry[];
let folder: ImportSource;
let warc: ImportSource;
beforeAll(async () => {
  folder = pagesSource(FOLDER);
  warc = pagesSource(WARC);
  folderEntries = await readAll(folder);
  warcEntries = await readAll(warc);
});

describe('a folder of saved portal pages', () => {
  it('reads the seed article: title, Vietnam-time date, byline out of the body, category, captioned images, old path', () => {
    const item = byKey(folderEntries).get(SEED_URL)!;
    expect(item).toMatchObject({
      kind: 'article',
      sourceUrl: SEED_URL,
      oldPaths: ['/tin-tuc-su-kien/-/asset_publisher/H2DfPvQzBv1r/content/hoi-nghi-phan-tich-anh-gia-ket-qua-cong-tac-cai-cach-hanh-chinh-nam-2023-trien-khai-nhiem-vu-nam-2024'],
      title: 'Hội nghị phân tích, đánh giá kết quả công tác cải cách hành chính năm 2023, triển khai nhiệm vụ năm 2024',
      status: 'published',
      byline: BYLINE,
      category: { slug: null, name: 'Cải cách hành chính', parentSlug: null },
      bodyMarkdown: null,
      warnings: [],
    });
    // "2024-03-08 09:43:00.0" on the page is Vietnam time.
    expect(item.publishedAt?.toISOString()).toBe('2024-03-08T02:43:00.000Z');
    expect(item.images).toEqual([
      { url: `${PORTAL}/documents/20182/3120101/hoi-nghi-cchc-2023.jpg/8f1c2d3e-4b5a-4c6d-9e7f-0a1b2c3d4e5f?t=1709866980000`, alt: 'Quang cảnh hội nghị', caption: 'Quang cảnh hội nghị' },
      { url: `${PORTAL}/documents/20182/3120101/trao-thuong-cuoc-thi-cchc.jpg`, alt: '', caption: 'Trao thưởng cho các tập thể, cá nhân đạt giải' },
    ]);
    const body = item.bodyHtml!;
    expect(body).toContain('Chiều ngày 7/3, UBND huyện Đồng Hỷ tổ chức Hội nghị');
    expect(body).toContain('<figcaption>Quang cảnh hội nghị</figcaption>');
    expect(body).toContain(`<a href="${PORTAL}/van-ban-phap-luat/-/van-ban/chuong-trinh-cchc-2021-2025">`);
    // The title, date, byline, caption lines, share and print widgets are not part of the body.
    for (const gone of [BYLINE, '2024-03-08', 'Facebook', 'In trang', 'Tin liên quan', 'Lượt xem', '<em>Quang cảnh']) expect(body).not.toContain(gone);
    expect(body).not.toContain(item.title);
  });

  it('finds the URL from rel=canonical and og:url; an image that is really an HTML page is refused by image()', async () => {
    const items = byKey(folderEntries);
    expect(items.get(`${CONTENT}ra-quan-tet-trong-cay-xuan-giap-thin-2024`)).toMatchObject({ byline: 'Hà Phương (Phòng Tài nguyên và Môi trường)', category: { name: 'Tin tức - Sự kiện' } });
    const farm = items.get(FARM_URL)!;
    expect(farm.publishedAt?.toISOString()).toBe('2024-03-12T07:05:00.000Z');
    expect(farm.images.map((i) => [i.url.split('/').pop(), i.caption])).toEqual([['mo-hinh-che-minh-lap.jpg', 'Mô hình trồng chè tại xã Minh Lập'], ['canh-dong-rau-nam-hoa.jpg', '']]);
    const good = await folder.image(farm.images[0]!.url);
    expect(good.ok && good.filename).toBe('mo-hinh-che-minh-lap.jpg');
    expect(good.ok && Buffer.from(good.bytes).equals(await readFile(join(FOLDER, 'documents/20182/3120101/mo-hinh-che-minh-lap.jpg')))).toBe(true);
    expect(await folder.image(farm.images[1]!.url)).toEqual({ ok: false, reason: 'not an image: the file holds an HTML page' });
  });

  it('reads a page saved "complete" (photos in Page_files beside it) and removes its share/print widget', async () => {
    const item = byKey(folderEntries).get(SAVED_COMPLETE_URL)!;
    expect(item.byline).toBe('Minh Anh (Hội LHPN huyện)');
    expect(item.bodyHtml).not.toMatch(/Chia sẻ|In bài/);
    expect(item.images).toEqual([{ url: `${CONTENT}mit-tinh-8-3_files/van-nghe-chao-mung.jpg`, alt: 'Tiết mục văn nghệ chào mừng', caption: '' }]);
    const image = await folder.image(item.images[0]!.url);
    expect(image.ok && Buffer.from(image.bytes).equals(await readFile(join(FOLDER, 'tin-tuc-su-kien/mit-tinh-8-3_files/van-nghe-chao-mung.jpg')))).toBe(true);
  });

  it('warns of a page with no date and of a page with no URL; a list page is a problem; the highest visit total is a fact', async () => {
    const items = byKey(folderEntries);
    const noDate = items.get(NO_DATE_URL)!;
    expect(noDate.publishedAt).toBeNull();
    expect(noDate.warnings).toEqual(['no date']);
    expect(noDate.byline).toBe('');
    const noUrl = items.get('file:khong-ro-nguon/don-nhan-nong-thon-moi.html')!;
    expect(noUrl).toMatchObject({ sourceUrl: null, oldPaths: [], warnings: [NO_URL], byline: BYLINE });
    expect(await folder.image(noUrl.images[0]!.url)).toEqual({ ok: false, reason: 'not in the folder' });
    expect(problemsOf(folderEntries)).toEqual([{ kind: 'problem', where: 'tin-tuc-su-kien.html', message: expect.stringMatching(/^not an article: no body/) }]);
    // The ho-tro-nong-dan page shows 3.560.001, more than the pages read after it: the highest wins.
    expect(folderEntries.at(-1)).toEqual({ kind: 'facts', visitTotal: 3560001 });
    expect(itemsOf(folderEntries)).toHaveLength(8);
    expect(await folder.count()).toBe(9);
  });
});

describe('pages of another layout (Readability)', () => {
  it('reads title, date from metadata or Vietnamese text, byline from meta author, captions, and drops tracking parameters', () => {
    const items = byKey(folderEntries);
    const tea = items.get(TEA_URL)!;
    expect(tea).toMatchObject({
      title: 'Chợ chè Tân Cương nhộn nhịp đầu năm',
      byline: 'Thu Hằng',
      summary: 'Những ngày đầu năm, chợ chè Tân Cương tấp nập người mua kẻ bán, giá chè búp khô ổn định ở mức cao.',
      category: { slug: null, name: 'Kinh tế', parentSlug: null },
      images: [{ url: 'https://baothainguyen.vn/uploads/news/2024_03/cho-che-tan-cuong.jpg', alt: 'Người dân mua bán chè tại chợ Tân Cương', caption: 'Người dân mua bán chè tại chợ Tân Cương sáng 9/3.' }],
      warnings: [],
    });
    expect(tea.publishedAt?.toISOString()).toBe('2024-03-10T00:30:00.000Z');
    expect(tea.bodyHtml).toContain('Từ 5 giờ sáng, các con đường dẫn vào chợ chè Tân Cương');
    for (const gone of ['Chia sẻ Facebook', 'Đọc nhiều', 'Quảng cáo', 'Tòa soạn', 'Thời sự']) expect(tea.bodyHtml).not.toContain(gone);
    const traffic = items.get(TRAFFIC_URL)!;
    expect(traffic.oldPaths).toEqual(['/xa-hoi/202403/dam-bao-an-toan-giao-thong-mua-le-hoi-5d6e7f8/']);
    // Only "Thứ sáu, 08/03/2024 09:43" says when: Vietnam time.
    expect(traffic.publishedAt?.toISOString()).toBe('2024-03-08T02:43:00.000Z');
    expect(traffic).toMatchObject({ title: 'Đảm bảo an toàn giao thông mùa lễ hội', byline: 'Quang Huy', category: null });
    expect(traffic.bodyHtml).not.toContain('In bài');
  });
});

describe('the same crawl as a WARC', () => {
  it('gives the same items, problems and visit total as the folder (less the page without a URL)', () => {
    const fromFolder = itemsOf(folderEntries).filter((i) => i.sourceUrl !== null);
    expect(itemsOf(warcEntries).map((i) => i.sourceKey).sort()).toEqual(fromFolder.map((i) => i.sourceKey).sort());
    const inWarc = byKey(warcEntries);
    for (const item of fromFolder) expect(inWarc.get(item.sourceKey), item.sourceKey).toEqual(item);
    expect(problemsOf(warcEntries)).toEqual([{ kind: 'problem', where: `${PORTAL}/tin-tuc-su-kien`, message: problemsOf(folderEntries)[0]!.message }]);
    expect(warcEntries.at(-1)).toEqual({ kind: 'facts', visitTotal: 3560001 });
  });

  it('serves the images the pages name from the crawl, by URL; a 404 and an HTML answer are refused', async () => {
    const seed = byKey(warcEntries).get(SEED_URL)!;
    const image = await warc.image(seed.images[0]!.url);
    expect(image.ok && image.filename).toBe('hoi-nghi-cchc-2023.jpg');
    expect(image.ok && Buffer.from(image.bytes).equals(await readFile(join(FOLDER, 'documents/20182/3120101/hoi-nghi-cchc-2023.jpg/8f1c2d3e-4b5a-4c6d-9e7f-0a1b2c3d4e5f')))).toBe(true);
    const saved = await warc.image(`${CONTENT}mit-tinh-8-3_files/van-nghe-chao-mung.jpg`);
    expect(saved.ok).toBe(true);
    expect(await warc.image(`${PORTAL}/documents/20182/3120101/canh-dong-rau-nam-hoa.jpg`)).toEqual({ ok: false, reason: 'not an image: the file holds an HTML page' });
    expect(await warc.image(`${PORTAL}/html/themes/classic/images/common/print.png`)).toEqual({ ok: false, reason: 'the crawl holds HTTP 404 for it' });
    expect(await warc.image(`${PORTAL}/never/crawled.jpg`)).toEqual({ ok: false, reason: 'not in the WARC' });
  });

  it('a WARC cut off inside a record, or a file that is no WARC, ends in a problem after what could be read', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bientap-warc-damaged-'));
    try {
      const cut = join(dir, 'cut.warc.gz');
      await writeFile(cut, (await readFile(WARC)).subarray(0, 20_000));
      const entries = await readAll(pagesSource(cut));
      expect(itemsOf(entries).length).toBeGreaterThan(2);
      expect(itemsOf(entries).length).toBeLessThan(itemsOf(warcEntries).length);
      expect(problemsOf(entries).at(-1)).toEqual({ kind: 'problem', where: cut, message: 'the last 1155 bytes are not a whole record (a cut download?); the records before them were read' });
      const junk = join(dir, 'junk.warc');
      await writeFile(junk, 'Đây không phải tệp WARC\r\n\r\n');
      expect(await readAll(pagesSource(junk))).toEqual([{ kind: 'problem', where: junk, message: 'not a WARC file (no WARC record at its start)' }]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('decodes a page by the charset its server declared (an old windows-1258 portal), text in NFC', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bientap-warc-charset-'));
    try {
      // "Đồng Hỷ" in windows-1258: Đ ô + combining grave, n g, H y + combining hook above.
      const title = [0xd0, 0xf4, 0xcc, 0x6e, 0x67, 0x20, 0x48, 0x79, 0xd2];
      const html = (text: string) => [...Buffer.from(text, 'latin1')];
      const bytes = new Uint8Array([
        ...html('<!DOCTYPE html><html><body><div class="asset-full-content"><h3 class="header-title">'), ...title,
        ...html('</h3><div class="asset-publish-date">2004-05-06 07:08:00.0</div><div class="journal-content-article"><p>'), ...title,
        ...html('</p></div></div></body></html>'),
      ]);
      const record = WARCRecord.create(
        { url: 'http://dongy.thainguyen.gov.vn/tin/1.htm', date: '2004-06-01T00:00:00Z', type: 'response', warcVersion: 'WARC/1.1', httpHeaders: { 'Content-Type': 'text/html; charset=windows-1258' } },
        (async function* () {
          yield bytes;
        })(),
      );
      const file = join(dir, 'old.warc');
      await writeFile(file, await WARCSerializer.serialize(record));
      const [item] = itemsOf(await readAll(pagesSource(file)));
      expect(item?.title).toBe('Đồng Hỷ');
      expect(item?.bodyHtml).toBe('<p>Đồng Hỷ</p>');
      expect(item?.publishedAt?.toISOString()).toBe('2004-05-06T00:08:00.000Z');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('is what make-warc.ts builds from the folder (the committed file is not stale)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bientap-make-warc-'));
    try {
      const out = join(dir, 'rebuilt.warc.gz');
      const made = await makeWarc(FOLDER, out);
      expect(made.pages).toHaveLength(8);
      expect((await readFile(out)).equals(await readFile(WARC))).toBe(true);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('profiles', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bientap-profile-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('a custom JSON profile reads a layout with its own selectors and date format', async () => {
    const profile = join(dir, 'bao-thai-nguyen.json');
    await writeFile(profile, JSON.stringify({
      name: 'bao-thai-nguyen',
      match: 'article.detail',
      title: '.detail-title',
      date: '.detail-meta .date',
      dateFormat: 'DD/MM/YYYY HH:mm',
      body: '.detail-content',
      byline: { selector: '.detail-meta .author' },
      images: { caption: 'figcaption' },
      category: '.breadcrumb a',
      remove: ['.sapo'],
    }));
    const entries = await readAll(pagesSource(join(FOLDER, 'bao-thai-nguyen/cho-che-tan-cuong.html'), { profile }));
    expect(entries).toHaveLength(1);
    const item = itemsOf(entries)[0]!;
    expect(item).toMatchObject({ sourceKey: TEA_URL, title: 'Chợ chè Tân Cương nhộn nhịp đầu năm', byline: 'Thu Hằng', category: { name: 'Kinh tế' }, summary: '' });
    // "Chủ nhật, 10/03/2024 07:30" read by the profile's format (the page's meta is not asked).
    expect(item.publishedAt?.toISOString()).toBe('2024-03-10T00:30:00.000Z');
    expect(item.bodyHtml).not.toContain('Những ngày đầu năm');
    expect(item.images[0]?.caption).toBe('Người dân mua bán chè tại chợ Tân Cương sáng 9/3.');
  });

  it('a page of no known layout that holds no article (a menu of links) is a problem, not an item', async () => {
    const menu = join(dir, 'chuyen-muc.html');
    const links = Array.from({ length: 30 }, (_, i) => `<li><a href="/tin/${i}">Tin số ${i} của chuyên mục kinh tế</a></li>`).join('');
    await writeFile(menu, `<!DOCTYPE html><html lang="vi"><head><title>Chuyên mục</title><link rel="canonical" href="https://baothainguyen.vn/kinh-te/"></head><body><nav><ul>${links}</ul></nav></body></html>`);
    expect(await readAll(pagesSource(menu))).toEqual([{ kind: 'problem', where: 'chuyen-muc.html', message: 'not an article: no article text found (Readability)' }]);
  });

  it('a forced profile that does not fit a page makes it a problem; a bad profile is refused with the field named', async () => {
    const entries = await readAll(pagesSource(join(FOLDER, 'bao-thai-nguyen/dam-bao-an-toan-giao-thong.html'), { profile: 'cong-thong-tin' }));
    expect(entries).toEqual([{ kind: 'problem', where: 'dam-bao-an-toan-giao-thong.html', message: expect.stringMatching(/^not an article: no body/) }]);
    const bad = join(dir, 'bad.json');
    await writeFile(bad, JSON.stringify({ name: 'x', match: 'article', title: 'h1', date: '.date' }));
    expect(() => pagesSource(FOLDER, { profile: bad })).toThrow(new ProfileError(`${bad}: body: Invalid input: expected string, received undefined`));
    expect(() => pagesSource(FOLDER, { profile: 'khong-co' })).toThrow(/khong-co: neither a built-in profile \(cong-thong-tin\) nor a readable JSON file/);
    expect(() => pagesSource(join(FOLDER, 'khong-co'))).toThrow(/no such folder or file/);
    expect(() => pagesSource(join(FOLDER, 'documents/20182/3120101/tet-trong-cay-2024.jpg'))).toThrow(/neither a folder, an \.html file nor a \.warc \/ \.warc\.gz file/);
    const notJson = join(dir, 'not.json');
    await writeFile(notJson, '{ name: cong-thong-tin');
    expect(() => pagesSource(FOLDER, { profile: notJson })).toThrow(new ProfileError(`${notJson}: not valid JSON`));
    const badPattern = join(dir, 'pattern.json');
    await writeFile(badPattern, JSON.stringify({ name: 'x', match: 'article', title: 'h1', date: '.date', body: '.body', byline: { selector: 'p', pattern: '(' } }));
    expect(() => pagesSource(FOLDER, { profile: badPattern })).toThrow(new ProfileError(`${badPattern}: byline.pattern: not a valid regular expression`));
  });
});

describe('the old site as the last resort for a photo', () => {
  let dir: string;
  let server: Server;
  let origin: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bientap-pages-http-'));
    const jpeg = await readFile(join(FOLDER, 'documents/20182/3120101/tet-trong-cay-2024.jpg'));
    server = createServer((request, response) => {
      if (request.url === '/anh/co.jpg') response.writeHead(200, { 'Content-Type': 'image/jpeg' }).end(jpeg);
      else response.writeHead(404, { 'Content-Type': 'text/html' }).end('<!DOCTYPE html><h1>404</h1>');
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    await writeFile(join(dir, 'bai.html'), `<!DOCTYPE html>\n<!-- saved from url=(0000)${origin}/tin/bai-1 -->\n<html lang="vi"><head><title>Bài</title></head><body>
      <div class="asset-full-content"><h3 class="header-title">Bài có ảnh trên trang cũ</h3><div class="asset-publish-date">2024-03-08 09:43:00.0</div>
      <div class="journal-content-article"><p>Nội dung.</p><p><img src="/anh/co.jpg" alt="Có"><img src="/anh/khong-co.jpg" alt="Không"></p></div></div></body></html>`);
  });
  afterAll(async () => {
    await new Promise((done) => server.close(done));
    await rm(dir, { recursive: true, force: true });
  });

  it('is asked only with fetchImages, and its 404 is a reason', async () => {
    const offline = pagesSource(join(dir, 'bai.html'));
    const [item] = itemsOf(await readAll(offline));
    expect(item?.images.map((i) => i.url)).toEqual([`${origin}/anh/co.jpg`, `${origin}/anh/khong-co.jpg`]);
    expect(await offline.image(`${origin}/anh/co.jpg`)).toEqual({ ok: false, reason: 'not in the folder' });
    const online = pagesSource(join(dir, 'bai.html'), { fetchImages: true });
    const fetched = await online.image(`${origin}/anh/co.jpg`);
    expect(fetched.ok && fetched.filename).toBe('co.jpg');
    expect(fetched.ok && fetched.bytes.length).toBe((await readFile(join(FOLDER, 'documents/20182/3120101/tet-trong-cay-2024.jpg'))).length);
    expect(await online.image(`${origin}/anh/khong-co.jpg`)).toEqual({ ok: false, reason: 'not in the folder or archive; the old site: 404 Not Found' });
  });
});

describe('dates', () => {
  it.each([
    ['2024-03-08 09:43:00.0', undefined, '2024-03-08T02:43:00.000Z'],
    ['Thứ sáu, 08/03/2024 09:43', undefined, '2024-03-08T02:43:00.000Z'],
    ['Cập nhật lúc 09:43 08/03/2024', undefined, '2024-03-08T02:43:00.000Z'],
    ['08/03/2024', undefined, '2024-03-07T17:00:00.000Z'],
    ['ngày 8 tháng 3 năm 2024', undefined, '2024-03-07T17:00:00.000Z'],
    ['2024-03-10T07:30:00+07:00', undefined, '2024-03-10T00:30:00.000Z'],
    ['Fri, 08 Mar 2024 02:43:00 GMT', undefined, '2024-03-08T02:43:00.000Z'],
    ['03/08/2024 09:43', 'MM/DD/YYYY HH:mm', '2024-03-08T02:43:00.000Z'],
  ])('%s (%s) is %s', (text, format, iso) => {
    expect(parsePageDate(text, format)?.toISOString()).toBe(iso);
  });

  it.each([['31/02/2024'], ['Lượt xem: 1.284'], ['']])('%s is no date', (text) => {
    expect(parsePageDate(text)).toBeNull();
  });
});

describe('page URLs', () => {
  it("drop the way back a Liferay asset publisher adds to its links (redirect, inheritRedirect) like tracking", () => {
    const bare = `${CONTENT}ho-tro-nong-dan`;
    expect(normalizePageUrl(`${bare}?inheritRedirect=false&redirect=https%3A%2F%2Fdongy.thainguyen.gov.vn%2Ftin-tuc-su-kien`)).toBe(bare);
    expect(normalizePageUrl(`${bare}?redirect=%2Ftrang-chu&utm_source=zalo#top`)).toBe(bare);
    // Parameters that name the article stay, in their own encoding.
    const legacy = `${PORTAL}/web/guest/tin-tuc?p_p_id=101&_101_urlTitle=h%E1%BB%99i-ngh%E1%BB%8B`;
    expect(normalizePageUrl(`${legacy}&redirect=%2F`)).toBe(legacy);
  });
});

describe('pages that declare no charset', () => {
  it('are read as UTF-8 when their bytes are UTF-8 (a wget mirror, a page saved "HTML only"), not as windows-1252', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bientap-pages-nocharset-'));
    try {
      const box = (total: string) => `<div class="thong-ke-truy-cap">Tổng truy cập: ${total}</div>`;
      const frame = (inner: string) => `<!DOCTYPE html><html><head><title>Cổng thông tin</title></head><body><div id="p_p_id_101_INSTANCE_x_">${inner}</div>`;
      await writeFile(join(dir, 'bai.html'), `${frame(`<div class="asset-full-content"><h3 class="header-title">Lễ kỷ niệm Ngày sinh Chủ tịch Hồ Chí Minh</h3><div class="asset-publish-date">2024-05-19 08:05:00.0</div><div class="journal-content-article"><p>Sáng 19/5, huyện tổ chức lễ kỷ niệm.</p></div></div>`)}${box('4.812.377')}</body></html>`);
      // A list page: no article, but its stats box is the highest total.
      await writeFile(join(dir, 'danh-sach.html'), `${frame('<div class="asset-abstract"><h3>Tin tức</h3></div>')}${box('4.812.390')}</body></html>`);
      const entries = await readAll(pagesSource(dir));
      const [item] = itemsOf(entries);
      expect(item?.title).toBe('Lễ kỷ niệm Ngày sinh Chủ tịch Hồ Chí Minh');
      expect(item?.bodyHtml).toContain('<p>Sáng 19/5, huyện tổ chức lễ kỷ niệm.</p>');
      expect(entries.at(-1)).toEqual({ kind: 'facts', visitTotal: 4812390 });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
