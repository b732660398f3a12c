// `npm run import` against a served CMS (the built Worker under wrangler dev): the runner with an in-test source (images in both URL
// forms, unreadable images, no date, empty body, a duplicate, a body too complex, a page, a visit total), its rerun that changes and
// reads nothing, a dry run; the CLI itself: usage (exit 2), no server (exit 1), a dry run of a WXR file that writes nothing, and
// remote mode with a site's token (its site only).
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { like } from 'drizzle-orm';
import { apiTokens } from '../../schema/tables.ts';
import { database } from '../../functions/data/db.ts';
import { createArchive } from '../../scripts/archive/write.ts';
import { ARCHIVE_FORMAT, ARCHIVE_VERSION, tableFile, mediaFile } from '../../scripts/archive/format.ts';
import { createToken } from '../../functions/data/tokens.ts';
import { freePort } from '../../scripts/dev-server.ts';
import { withLocalEnv } from '../../scripts/local-db.ts';
import { ApiRefused, ApiUnavailable, ImportClient } from '../../scripts/import/client.ts';
import { makeWxr, mysqlDate, rssDate, WXR_FOOTER, wxrHeader, wxrItem } from '../../scripts/import/fixtures/make-wxr.ts';
import type { ImageBytes, ImportSource, SourceEntry, SourceItem } from '../../scripts/import/item.ts';
import { Progress } from '../../scripts/import/progress.ts';
import type { ImportReport } from '../../scripts/import/report.ts';
import { runImport } from '../../scripts/import/run.ts';
import { runCli } from '../support/cli.ts';
import { gradientPng } from '../support/png-bytes.ts';
import { serve, uniqueWord, type Served } from '../support/served.ts';

let served: Served;
let dir: string;
/** An all-sites import token of the served store (what the CLI mints for itself locally). */
let importToken: string;

beforeAll(async () => {
  served = await serve();
  dir = await mkdtemp(join(tmpdir(), 'bientap-import-cli-'));
  importToken = await withLocalEnv(async (env) => (await createToken(database(env.DB), 1, 'import test', ['import'], null, { allSites: true })).token, { persistTo: served.persistTo, quiet: true });
});
afterAll(async () => {
  await served?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const OLD = 'https://old.example.vn';

/** A source from a list: counts the image reads, so a rerun that fetches nothing is visible. */
function listSource(entries: SourceEntry[], images: Record<string, ImageBytes>): ImportSource & { reads: string[] } {
  const reads: string[] = [];
  return {
    label: 'test source',
    reads,
    count: async () => entries.filter((e) => e.kind === 'article' || e.kind === 'page').length,
    async *entries() {
      yield* entries;
    },
    async image(url) {
      reads.push(url);
      return images[url] ?? { ok: false, reason: '404 Not Found' };
    },
  };
}

function item(fields: Partial<SourceItem> & Pick<SourceItem, 'sourceKey' | 'title'>): SourceItem {
  return {
    kind: 'article', sourceUrl: null, oldPaths: [], slug: null, bodyHtml: '<p>Nội dung bài viết.</p>', bodyMarkdown: null, summary: '',
    status: 'published', publishedAt: new Date('2024-03-08T02:43:00Z'), category: null, tags: [], byline: '', cover: null, images: [], warnings: [],
    ...fields,
  };
}

/** A GET under a site's hostname (Node's fetch sends its own Host). */
function getOnHost(host: string, path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: Buffer }> {
  const port = new URL(served.url).port;
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, headers: { Host: `${host}:${port}`, ...headers }, setHost: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

const cli = (args: string[], env: Record<string, string> = {}) => runCli('import', served.persistTo, args, env);

const silent = () => new Progress({ write: () => true }, {});

async function readArticle(slug: string): Promise<{ bodyMarkdown: string; status: string; publishedAt: string | null; cover: { key: string; alt: string } | null; category: { slug: string }; tags: { name: string }[] }> {
  const res = await served.fetch(`/api/v1/articles/${encodeURIComponent(slug)}`, { headers: { Authorization: `Bearer ${served.token}` } });
  expect(res.status).toBe(200);
  return res.json() as never;
}

describe('the runner against a served CMS', () => {
  const word = uniqueWord('nhap');
  const page = `${OLD}/2024/03/hoi-nghi-${word}/`;
  const a = `${OLD}/uploads/${word}-a.png`;
  const b = `${OLD}/uploads/${word}-b.png`;
  const fake = `${OLD}/uploads/${word}-fake.jpg`;
  const missing = `${OLD}/uploads/${word}-missing.jpg`;
  let images: Record<string, ImageBytes>;
  let entries: SourceEntry[];
  let first: Awaited<ReturnType<typeof runImport>>;
  let firstReads: string[];

  beforeAll(async () => {
    images = {
      [a]: { ok: true, bytes: await gradientPng(40, 30), filename: 'a.png' },
      [b]: { ok: true, bytes: await gradientPng(20, 20), filename: 'b.png' },
      // A server's error page saved under an image's name.
      [fake]: { ok: true, bytes: new TextEncoder().encode('<!doctype html><html><body>Không tìm thấy</body></html>'), filename: 'fake.jpg' },
    };
    entries = [
      item({
        sourceKey: `test:${word}:1`, sourceUrl: page, oldPaths: [`/2024/03/hoi-nghi-${word}/`, `/?p=${word}`], title: `Hội nghị ${word}`,
        // The first image as the source lists it (absolute), the second relative to the page: both must find their stored copy.
        bodyHtml: `<p>Đoạn mở đầu.</p><figure><img src="${a}" alt="Ảnh hội nghị"><figcaption>Toàn cảnh hội nghị</figcaption></figure>`
          + `<p><img src="/uploads/${word}-b.png" alt="Ảnh thứ hai"></p><p><img src="${fake}" alt="Ảnh lỗi [1]"></p><p>Ảnh mất: <img src="${missing}"></p><p>Đoạn cuối.</p>`,
        images: [{ url: a, alt: 'Ảnh hội nghị', caption: 'Toàn cảnh hội nghị' }, { url: b, alt: 'Ảnh thứ hai', caption: '' }, { url: fake, alt: 'Ảnh lỗi [1]', caption: '' }, { url: missing, alt: '', caption: '' }],
        cover: { url: a, alt: 'Ảnh bìa', caption: 'Chú thích bìa' },
        category: { slug: `tin-cu-${word}`, name: `Tin cũ ${word}`, parentSlug: null },
        tags: ['Chuyển đổi số'], byline: 'Lê Nguyệt',
      }),
      item({ sourceKey: `test:${word}:2`, title: `Không ngày ${word}`, publishedAt: null }),
      item({ sourceKey: `test:${word}:3`, title: `Thân trống ${word}`, bodyHtml: '<p> </p>' }),
      item({ sourceKey: `test:${word}:1`, title: `Bản trùng ${word}` }),
      { kind: 'problem', where: 'trang-hong.html', message: 'no title' },
      { kind: 'facts', visitTotal: 9_876_543 },
      item({ kind: 'page', sourceKey: `test:${word}:page`, title: `Giới thiệu ${word}`, bodyHtml: '<p>Giới thiệu chung.</p>' }),
      item({ sourceKey: `test:${word}:complex`, title: `Quá phức tạp ${word}`, bodyHtml: '<b>x</b>'.repeat(40_001) }),
    ];
    const source = listSource(entries, images);
    first = await runImport({ source, client: new ImportClient({ base: served.url, token: importToken, site: null }), dryRun: false, progress: silent() });
    firstReads = source.reads;
  });

  it('creates each item once, stores each image once, rewrites both URL forms and drops the unreadable images', async () => {
    expect(first.aborted).toBeNull();
    const outcome = Object.fromEntries(first.items.map((i) => [`${i.sourceKey}:${i.outcome}`, i]));
    expect(first.counts).toMatchObject({ items: 6, created: 4, failed: 1, duplicate: 1, unchanged: 0, imagesStored: 2, imagesNotStored: 2, sourceProblems: 1 });
    expect(outcome[`test:${word}:1:duplicate`]).toBeDefined();
    expect(outcome[`test:${word}:complex:failed`]!.problem).toMatchObject({ status: 422, title: 'Body too complex' });
    // The image used in the body and as the cover was read once; the missing one was tried.
    expect(firstReads.filter((u) => u === a)).toHaveLength(1);
    expect(first.imagesNotStored).toEqual(expect.arrayContaining([
      { url: fake, item: `test:${word}:1`, reason: expect.stringMatching(/not a JPEG, PNG, WebP, AVIF or GIF/) },
      { url: missing, item: `test:${word}:1`, reason: '404 Not Found' },
    ]));
    expect(first.sourceProblems).toEqual([{ where: 'trang-hong.html', message: 'no title' }]);

    const created = outcome[`test:${word}:1:created`]!;
    expect(created.url).toMatch(/^http:\/\/.+\/bai-viet\//);
    const slug = created.url!.split('/bai-viet/')[1]!;
    const article = await readArticle(decodeURIComponent(slug));
    const keys = [...article.bodyMarkdown.matchAll(/\/media\/([^\s)"]+)/g)].map((m) => m[1]);
    expect(keys).toHaveLength(2);
    expect(new Set(keys).size).toBe(2);
    expect(article.bodyMarkdown).not.toContain('old.example.vn');
    expect(article.bodyMarkdown).toContain('![Ảnh hội nghị](/media/');
    expect(article.bodyMarkdown).toContain('"Toàn cảnh hội nghị"');
    // The unreadable image's alt stays as text; the one without alt leaves nothing.
    expect(article.bodyMarkdown).toContain('Ảnh lỗi \\[1\\]');
    expect(article.bodyMarkdown).toMatch(/Ảnh mất:\s*\n/);
    expect(article.cover).toMatchObject({ key: keys[0], alt: 'Ảnh bìa' });
    expect(article.category.slug).toBe(`tin-cu-${word}`);
    expect(article.tags.map((t) => t.name)).toEqual(['Chuyển đổi số']);
    expect(article.publishedAt).toBe('2024-03-08T02:43:00.000Z');
    expect(article.status).toBe('published');
    // The old paths answer 301 to the new URL.
    const old = await served.fetch(`/2024/03/hoi-nghi-${word}/`);
    expect(old.status).toBe(301);
    expect(old.headers.get('location')).toContain(`/bai-viet/${slug}`);
  });

  it('imports a published item without a date and one with an empty body as drafts, with the warning', async () => {
    const noDate = first.items.find((i) => i.sourceKey === `test:${word}:2`)!;
    const empty = first.items.find((i) => i.sourceKey === `test:${word}:3`)!;
    expect(noDate).toMatchObject({ outcome: 'created', warnings: ['no date'] });
    expect(empty).toMatchObject({ outcome: 'created', warnings: ['empty body'] });
    for (const row of [noDate, empty]) expect((await readArticle(decodeURIComponent(row.url!.split('/bai-viet/')[1]!))).status).toBe('draft');
    expect(first.items.find((i) => i.kind === 'page')).toMatchObject({ outcome: 'created', url: expect.stringContaining('/trang/') });
  });

  it('raises the site\'s starting visit total to the source\'s', async () => {
    expect(first.visits).toMatchObject({ sourceTotal: 9_876_543, raised: true });
    expect(first.visits!.siteTotal).toBeGreaterThanOrEqual(9_876_543);
    const stats = (await (await served.fetch('/api/v1/stats')).json()) as { totalVisits: number };
    expect(stats.totalVisits).toBeGreaterThanOrEqual(9_876_543);
  });

  it('a rerun changes nothing and reads no image (known items are skipped before their images)', async () => {
    const source = listSource(entries, images);
    const again = await runImport({ source, client: new ImportClient({ base: served.url, token: importToken, site: null }), dryRun: false, progress: silent() });
    expect(again.counts).toMatchObject({ created: 0, unchanged: 4, failed: 1, duplicate: 1, imagesStored: 0 });
    expect(source.reads).toEqual([]);
    const ids = (r: typeof first) => r.items.filter((i) => i.outcome !== 'duplicate' && i.outcome !== 'failed').map((i) => `${i.sourceKey} ${i.id}`).sort();
    expect(ids(again)).toEqual(ids(first));
  });

  it('a source key or image URL over 2,000 characters fails its item or image alone, not the run', async () => {
    const w = uniqueWord('dai');
    const long = `${OLD}/uploads/${'a'.repeat(2000)}.png`;
    const source = listSource([
      item({ sourceKey: `test:${w}:${'k'.repeat(2000)}`, title: `Khóa dài ${w}` }),
      item({ sourceKey: `test:${w}:2`, title: `Ảnh dài ${w}`, bodyHtml: `<p>Chữ.</p><p><img src="${long}" alt="Ảnh"></p>`, images: [{ url: long, alt: 'Ảnh', caption: '' }] }),
    ], {});
    const run = await runImport({ source, client: new ImportClient({ base: served.url, token: importToken, site: null }), dryRun: false, progress: silent() });
    expect(run.aborted).toBeNull();
    expect(run.items.map((i) => [i.outcome, i.problem?.title ?? null])).toEqual([['failed', 'Source key too long'], ['created', null]]);
    expect(run.imagesNotStored).toEqual([{ url: long, item: `test:${w}:2`, reason: 'URL longer than 2000 characters' }]);
    expect(source.reads).toEqual([]);
  });

  it('a dry run reads and checks the images, asks the server, and writes nothing', async () => {
    const w = uniqueWord('thu');
    const c = `${OLD}/uploads/${w}-c.png`;
    const source = listSource([
      item({ sourceKey: `test:${w}:1`, title: `Thử ${w}`, bodyHtml: `<p>Thử.</p><p><img src="${c}" alt="Ảnh"></p>`, images: [{ url: c, alt: 'Ảnh', caption: '' }] }),
      entries[0]!,
    ], { ...images, [c]: { ok: true, bytes: await gradientPng(8, 8), filename: 'c.png' } });
    const client = new ImportClient({ base: served.url, token: importToken, site: null });
    const dry = await runImport({ source, client, dryRun: true, progress: silent() });
    expect(dry.items.map((i) => [i.sourceKey, i.outcome])).toEqual([[`test:${w}:1`, 'would-create'], [`test:${word}:1`, 'unchanged']]);
    expect(source.reads).toEqual([c]);
    expect(await client.known('article', [`test:${w}:1`])).toEqual(new Map());
    expect(await client.known('media', [c])).toEqual(new Map());
  });
});

describe('the command', () => {

  it('answers bad arguments with the usage and exit 2', async () => {
    for (const args of [[], ['rss', 'x.xml'], ['wxr'], ['wxr', 'a.xml', '--remote', 'https://cms.example.vn'], ['archive', 'a.tar.gz', '--profile', 'x']]) {
      const r = await cli(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toContain('Usage: npm run import -- wxr FILE');
      expect(r.stdout).toBe('');
    }
  });

  it('a missing or unreadable source: its message and exit 1, nothing sent', async () => {
    const missing = await cli(['wxr', join(dir, 'khong-co.xml'), '--remote', served.url, '--token', importToken]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('khong-co.xml: no such file or folder');
    const notArchive = join(dir, 'not-an-archive.tar.gz');
    await writeFile(notArchive, '<html>không phải tệp nén</html>');
    const bad = await cli(['archive', notArchive, '--remote', served.url, '--token', importToken]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/not-an-archive\.tar\.gz: .*not a readable \.tar\.gz/);
    expect(bad.stdout).toBe('');
  });

  it('says to start the CMS when no server answers (exit 1)', async () => {
    const file = join(dir, 'none.xml');
    await writeFile(file, makeWxr(1));
    const r = await cli(['wxr', file], { PORT: String(await freePort()) });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('start the CMS first: npm start');
  });

  it('a dry run of a WXR file (local mode, its own token) reports every item and writes nothing', async () => {
    const file = join(dir, 'three.xml');
    await writeFile(file, makeWxr(3, 'https://dry.example.vn'));
    const report = join(dir, 'dry-report.json');
    const r = await cli(['wxr', file, '--dry-run', '--report', report], { PORT: new URL(served.url).port });
    expect(r.stderr).not.toMatch(/Error|at file:/);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^dry run: 3 would be created, 0 unchanged, 0 failed/);
    const json = JSON.parse(await readFile(report, 'utf8')) as ImportReport;
    expect(json.target.dryRun).toBe(true);
    expect(json.items.map((i) => i.outcome)).toEqual(['would-create', 'would-create', 'would-create']);
    expect(json.items[0]).toMatchObject({ sourceKey: expect.any(String), sourceUrl: expect.stringContaining('https://dry.example.vn/'), warnings: [], problem: null });
    const known = await new ImportClient({ base: served.url, token: importToken, site: null }).known('article', json.items.map((i) => i.sourceKey));
    expect(known.size).toBe(0);
  });

  it('a local import: a link to another item of the old site answers 301 to its new URL, and the token minted for the run is revoked', async () => {
    const origin = `https://${uniqueWord('cu')}.example.vn`;
    const at = new Date(Date.UTC(2020, 0, 2, 1, 30));
    const post = (id: number, name: string, content: string) => wxrItem({
      id, title: `Bài ${name}`, link: `${origin}/2020/01/${name}/`, pubDate: rssDate(at), creator: 'bientap', guid: `${origin}/?p=${id}`, content,
      excerpt: '', postDate: mysqlDate(at, 7), postDateGmt: mysqlDate(at), name, status: 'publish', parent: 0, menuOrder: 0, type: 'post', terms: [], meta: [],
    });
    const file = join(dir, 'links.xml');
    await writeFile(file, [
      wxrHeader({ title: 'Cổng cũ', link: origin, description: '', pubDate: rssDate(at), authors: [], categories: [], tags: [] }),
      post(201, 'bai-a', '<p>Bài A.</p>'),
      // http, www. and no trailing slash: WordPress answered every spelling of the old link.
      post(202, 'bai-b', `<p>Xem <a href="${origin.replace('https://', 'http://www.')}/2020/01/bai-a">bài A</a> và <a href="https://chinhphu.vn/tin.html">Chính phủ</a>.</p>`),
      WXR_FOOTER,
    ].join(''));
    const report = join(dir, 'links-report.json');
    const r = await cli(['wxr', file, '--report', report], { PORT: new URL(served.url).port });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^2 created/);
    const [a, b] = (JSON.parse(await readFile(report, 'utf8')) as ImportReport).items;
    const page = await (await served.fetch(new URL(b!.url!).pathname)).text();
    expect(page).toContain('href="/2020/01/bai-a"');
    expect(page).toContain('href="https://chinhphu.vn/tin.html"');
    const moved = await served.fetch('/2020/01/bai-a');
    expect(moved.status).toBe(301);
    expect(new URL(moved.headers.get('Location')!).pathname).toBe(new URL(a!.url!).pathname);
    // The run's own all-sites token (named for the run) is refused from now on: every one minted so far is revoked.
    const minted = await withLocalEnv(async (env) => database(env.DB).select({ name: apiTokens.name, revokedAt: apiTokens.revokedAt }).from(apiTokens)
      .where(like(apiTokens.name, 'import %')), { persistTo: served.persistTo, quiet: true });
    expect(minted.filter((t) => t.name !== 'import test').length).toBeGreaterThan(0);
    expect(minted.filter((t) => t.name !== 'import test' && t.revokedAt === null)).toEqual([]);
  });

  it('imports into a site with that site\'s token (--remote), again changes nothing, and another site is refused', async () => {
    const token = (await runCli('token', served.persistTo, ['create', '--name', 'nhap', '--scopes', 'import'])).stdout.trim();
    const file = join(dir, 'remote.xml');
    await writeFile(file, makeWxr(3, 'https://remote.example.vn'));
    const report = join(dir, 'remote-report.json');
    const run = () => cli(['wxr', file, '--remote', served.url, '--token', token, '--report', report]);
    const r = await run();
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^3 created, 0 unchanged, 0 failed/);
    expect(r.stderr).toContain(`report: ${report}`);
    const json = JSON.parse(await readFile(report, 'utf8')) as ImportReport;
    for (const i of json.items) expect((await served.fetch(new URL(i.url!).pathname)).status).toBe(200);
    const again = await run();
    expect(again.stdout).toMatch(/^0 created, 3 unchanged, 0 failed/);
    const other = await cli(['wxr', file, '--remote', served.url, '--token', token, '--site', 'tancuong.localhost', '--report', report]);
    expect(other.code).toBe(1);
    expect(other.stderr).toContain('403');
    // The refusal's message alone: no unhandled rejection with its stack trace after it.
    expect(other.stderr).not.toMatch(/ApiRefused \[Error\]|at file:|Node\.js v/);
    const revoked = await cli(['wxr', file, '--remote', served.url, '--token', 'khong-hop-le', '--report', report]);
    expect(revoked.code).toBe(1);
    expect(revoked.stderr).toContain('401');
    expect(revoked.stderr).not.toMatch(/ApiRefused \[Error\]|at file:|Node\.js v/);
  });
});

describe('an export of this CMS as the source', () => {
  it('moves a site\'s articles, pages, images, categories, tags and visit total into another site', async () => {
    const w = uniqueWord('luu');
    const file = join(dir, `${w}.tar.gz`);
    const archive = await createArchive(file);
    const png = await gradientPng(24, 16);
    const t0 = Date.parse('2025-01-15T01:00:00Z');
    const tables: Record<string, Record<string, unknown>[]> = {
      categories: [
        { id: 70, site_id: 7, parent_id: null, slug: `tin-tuc-${w}`, name: `Tin tức ${w}`, description: '', position: 0, created_at: t0, updated_at: t0 },
        { id: 71, site_id: 7, parent_id: 70, slug: `tin-xa-${w}`, name: `Tin xã ${w}`, description: '', position: 1, created_at: t0, updated_at: t0 },
      ],
      tags: [{ id: 80, site_id: 7, slug: 'nong-thon-moi', name: 'Nông thôn mới', created_at: t0 }],
      article_tags: [{ article_id: 700, tag_id: 80 }],
      articles: [
        { id: 700, site_id: 7, slug: `doi-che-${w}`, title: `Đồi chè ${w}`, summary: 'Tóm tắt', body_markdown: 'Mở đầu.\n\n![Ruộng chè](/media/2025/01/che.png "Đồi chè buổi sáng")\n\nKết.', body_html: '', cover_key: '2025/01/che.png', cover_caption: 'Bìa', cover_alt: 'Đồi chè', byline: 'Ban Biên tập', category_id: 71, status: 'published', review_note: '', published_at: t0, version: 3, deleted_at: null, created_at: t0, updated_at: t0 },
        { id: 701, site_id: 7, slug: `da-xoa-${w}`, title: `Đã xóa ${w}`, summary: '', body_markdown: 'x', body_html: '', cover_key: null, cover_caption: '', cover_alt: '', byline: '', category_id: 70, status: 'published', review_note: '', published_at: t0, version: 1, deleted_at: t0, created_at: t0, updated_at: t0 },
        { id: 702, site_id: 7, slug: `luu-tru-${w}`, title: `Lưu trữ ${w}`, summary: '', body_markdown: 'Bài cũ.', body_html: '', cover_key: null, cover_caption: '', cover_alt: '', byline: '', category_id: 70, status: 'archived', review_note: '', published_at: t0, version: 1, deleted_at: null, created_at: t0, updated_at: t0 },
      ],
      pages: [{ id: 750, site_id: 7, slug: `gioi-thieu-${w}`, title: `Giới thiệu ${w}`, summary: '', body_markdown: 'Xã vùng chè.', body_html: '', status: 'published', published_at: t0, version: 1, deleted_at: null, created_at: t0, updated_at: t0 }],
    };
    for (const [name, rows] of Object.entries(tables)) await archive.put(tableFile(name), rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
    await archive.put(mediaFile(7, '2025/01/che.png'), png);
    await archive.put('visits.json', JSON.stringify({ 7: { total: 8_765_432, days: [] } }));
    await archive.finish({
      format: ARCHIVE_FORMAT, version: ARCHIVE_VERSION, createdAt: new Date(t0).toISOString(), schema: '0014', scope: { sites: [7] }, withSecrets: false,
      sites: [{ id: 7, name: 'Xã cũ', hosts: ['xa-cu.example.vn'] }],
      tables: Object.entries(tables).map(([name, rows]) => ({ name, file: tableFile(name), rows: rows.length, columns: Object.keys(rows[0]!) })),
      media: { count: 1, bytes: png.length }, visits: 'visits.json',
    });

    const report = join(dir, `${w}.json`);
    const r = await cli(['archive', file, '--remote', served.url, '--token', importToken, '--site', 'dinhhoa.localhost', '--report', report]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^3 created, 0 unchanged, 0 failed/);
    const json = JSON.parse(await readFile(report, 'utf8')) as ImportReport;
    expect(json.items.map((i) => [i.sourceKey, i.outcome, i.warnings])).toEqual([
      ['archive:xa-cu.example.vn#article:700', 'created', []],
      ['archive:xa-cu.example.vn#article:702', 'created', ['archived in the source: imported as a draft']],
      ['archive:xa-cu.example.vn#page:750', 'created', []],
    ]);
    expect(json.visits).toMatchObject({ sourceTotal: 8_765_432, raised: true });
    const url = new URL(json.items[0]!.url!);
    expect(url.hostname).toBe('dinhhoa.localhost');
    const api = await getOnHost('dinhhoa.localhost', `/api/v1/articles/${url.pathname.split('/').pop()}`);
    expect(api.status).toBe(200);
    const article = JSON.parse(api.body.toString('utf8')) as { bodyMarkdown: string; cover: { key: string; alt: string }; category: { slug: string }; tags: { name: string }[]; publishedAt: string; byline: string };
    expect(article.bodyMarkdown).toMatch(/^Mở đầu\.\n\n!\[Ruộng chè\]\(\/media\/\S+ "Đồi chè buổi sáng"\)\n\nKết\.$/);
    const key = /\/media\/(\S+)/.exec(article.bodyMarkdown)![1];
    expect(article.cover).toMatchObject({ key, alt: 'Đồi chè' });
    expect(article.category.slug).toBe(`tin-xa-${w}`);
    expect(article.tags.map((t) => t.name)).toEqual(['Nông thôn mới']);
    expect(article).toMatchObject({ publishedAt: '2025-01-15T01:00:00.000Z', byline: 'Ban Biên tập' });
    // The image is the archive's bytes, served on the new site.
    const image = await getOnHost('dinhhoa.localhost', `/media/${key}`);
    expect(image.status).toBe(200);
    expect(new Uint8Array(image.body)).toEqual(png);
  });
});

describe('talking to the server', () => {
  it('tries a 5xx again (3 tries in all), never a 4xx, and stops the run with its message when the server stays away', async () => {
    const answers: number[] = [];
    const plan = [503, 502, 200, 422, 500, 500, 500];
    const server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        const status = plan[answers.length] ?? 500;
        answers.push(status);
        res.writeHead(status, { 'Content-Type': status === 200 ? 'application/json' : 'application/problem+json' });
        res.end(JSON.stringify(status === 200 ? { known: {} } : { title: `Lỗi ${status}`, detail: 'chi tiết' }));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    try {
      const client = new ImportClient({ base: `http://127.0.0.1:${port}`, token: 't', site: null, backoffMs: 0 });
      expect(await client.known('article', ['a'])).toEqual(new Map());
      expect(answers).toEqual([503, 502, 200]);
      await expect(client.known('article', ['a'])).rejects.toMatchObject({ constructor: ApiRefused, status: 422, message: expect.stringContaining('chi tiết') });
      expect(answers).toHaveLength(4);
      await expect(client.known('article', ['a'])).rejects.toBeInstanceOf(ApiUnavailable);
      expect(answers).toHaveLength(7);
    } finally {
      await new Promise((r) => server.close(r));
    }
    const gone = new ImportClient({ base: `http://127.0.0.1:${port}`, token: 't', site: null, backoffMs: 0 });
    const result = await runImport({ source: listSource([item({ sourceKey: 'x', title: 'X' })], {}), client: gone, dryRun: false, progress: silent() });
    expect(result.aborted).toMatch(/cannot reach http:\/\/127\.0\.0\.1:\d+.*\(3 tries\)/);
    expect(result.items).toEqual([]);
  });
});

