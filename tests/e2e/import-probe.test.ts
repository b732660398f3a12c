// Red-team probes of the import sources in Node (no server; the e2e project is the one that runs Node):
// WXR entity expansion and external entities, invalid UTF-8, a 50 MB single line; saved pages whose images
// point outside the folder (<base href>, file://, ../, a symlink); a WARC gzip bomb; hostile profiles.
// Each yields items or worded problems in bounded memory and never reads a file outside what it was given.
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGzip, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProfileError } from '../../scripts/import/profiles/profile.ts';
import { pagesSource } from '../../scripts/import/sources/pages.ts';
import { wxrSource } from '../../scripts/import/sources/wxr.ts';
import { itemsOf, problemsOf, readAll } from '../support/import-source.ts';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bientap-probe-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const RSS = '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">';
function wxrItem(id: number, title: string, content: string): string {
  return `<item><title>${title}</title><link>https://old.example.vn/?p=${id}</link><guid isPermaLink="false">https://old.example.vn/?p=${id}</guid>`
    + `<dc:creator>admin</dc:creator><content:encoded>${content}</content:encoded><wp:post_id>${id}</wp:post_id>`
    + '<wp:post_date>2020-01-02 08:30:00</wp:post_date><wp:post_date_gmt>2020-01-02 01:30:00</wp:post_date_gmt>'
    + `<wp:post_name>bai-${id}</wp:post_name><wp:status>publish</wp:status><wp:post_type>post</wp:post_type></item>\n`;
}
const wxrFile = (doctype: string, items: string) => `<?xml version="1.0" encoding="UTF-8"?>\n${doctype}\n${RSS}<channel><title>Cũ</title><link>https://old.example.vn</link><wp:wxr_version>1.2</wp:wxr_version>\n${items}</channel></rss>\n`;

describe('WordPress export', () => {
  it('expands no entity a DTD declares: billion laughs and file:// entities spoil their item only', async () => {
    const lol = ['<!ENTITY lol0 "lol">', ...Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i};`.repeat(10)}">`)].join('');
    const doctype = `<!DOCTYPE rss [${lol}<!ENTITY xxe SYSTEM "file:///etc/passwd"><!ENTITY % pe SYSTEM "file:///etc/hostname"> %pe;]>`;
    const file = join(dir, 'entities.xml');
    await writeFile(file, wxrFile(doctype, wxrItem(1, 'Cười &lol9;', 'x') + wxrItem(2, 'Đọc &xxe;', '&xxe;') + wxrItem(3, 'Bình thường', '<p>Nội dung.</p>')));
    const started = process.memoryUsage().heapUsed;
    const entries = await readAll(wxrSource(file));
    expect(process.memoryUsage().heapUsed - started).toBeLessThan(100 * 1024 * 1024);
    const text = JSON.stringify(entries);
    expect(text).not.toMatch(/root:|lollollol/);
    expect(itemsOf(entries).map((i) => i.title)).toEqual(['Bình thường']);
    expect(problemsOf(entries).map((p) => p.where).join(' ')).toMatch(/#1 .*#2 /);
  });

  it('invalid UTF-8 becomes U+FFFD in its field, the item is read', async () => {
    const file = join(dir, 'bad-utf8.xml');
    const [head, tail] = wxrFile('', wxrItem(1, 'Tin XXX', '<p>Đồng Hỷ</p>')).split('XXX') as [string, string];
    await writeFile(file, Buffer.concat([Buffer.from(head), Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0xe1, 0xbb]), Buffer.from(tail)]));
    const [item] = itemsOf(await readAll(wxrSource(file)));
    expect(item?.title).toMatch(/^Tin \uFFFD/);
  });

  it('a 50 MB post body on one line is read in bounded time and memory', async () => {
    const file = join(dir, 'long-line.xml');
    const out = createWriteStream(file);
    out.write(wxrFile('', '').replace('</channel></rss>\n', ''));
    out.write(wxrItem(1, 'Dài', '').replace('<content:encoded></content:encoded>', '<content:encoded><![CDATA[<p>'));
    const chunk = 'Chữ Việt dài '.repeat(80_000); // ~1 MB, no newline
    for (let i = 0; i < 50; i++) out.write(chunk);
    out.write(`</p>]]></content:encoded></item>${wxrItem(2, 'Sau', '<p>Sau.</p>')}</channel></rss>`);
    await new Promise((resolve) => out.end(resolve));
    const entries = await readAll(wxrSource(file));
    expect(itemsOf(entries).map((i) => i.title)).toContain('Sau');
  });
});

describe('saved pages', () => {
  const page = (images: string) => `<!doctype html><html><head><meta charset="utf-8"><title>Bài</title>
    <link rel="canonical" href="https://dongy.example.vn/tin/bai-1"><meta property="article:published_time" content="2024-03-10T07:30:00+07:00"></head>
    <body><article><h1>Bài thăm dò</h1><p>${'Một đoạn văn đủ dài để Readability nhận ra bài viết. '.repeat(20)}</p>${images}<p>${'Đoạn văn nữa. '.repeat(30)}</p></article></body></html>`;

  it('images named outside the folder (<base href> file://, file:///etc/passwd, ../, encoded ../, a symlink) are never read', async () => {
    const root = join(dir, 'site');
    await mkdir(join(root, 'anh'), { recursive: true });
    const secret = join(dir, 'secret.png');
    await writeFile(secret, Buffer.from('\x89PNG\r\n\x1a\nSECRET'));
    await symlink(secret, join(root, 'anh', 'link.png'));
    await symlink(dir, join(root, 'up'));
    await writeFile(join(root, 'bai.html'), page('<img src="file:///etc/passwd" alt="a"><img src="../../../../../etc/passwd" alt="b">'
      + '<img src="..%2f..%2f..%2f..%2fetc%2fpasswd" alt="c"><img src="anh/link.png" alt="d"><img src="/up/secret.png" alt="e"><img src="up/secret.png" alt="f">'));
    await writeFile(join(root, 'base.html'), page('<img src="passwd" alt="g">').replace('<head>', '<head><base href="file:///etc/">'));
    const source = pagesSource(root);
    const entries = await readAll(source);
    const urls = itemsOf(entries).flatMap((i) => i.images.map((img) => img.url));
    expect(urls.length).toBeGreaterThanOrEqual(7);
    for (const url of urls) {
      const read = await source.image(url);
      expect(read.ok, url).toBe(false);
    }
  });

  it('a profile whose selector is not CSS is refused when loaded, naming the field', async () => {
    const profile = join(dir, 'hostile.json');
    await writeFile(profile, JSON.stringify({ name: 'x', match: 'body', title: 'h1[[', date: 'time', body: 'article' }));
    expect(() => pagesSource(join(dir, 'site'), { profile })).toThrow(ProfileError);
    expect(() => pagesSource(join(dir, 'site'), { profile })).toThrow(/title/);
  });
});

describe('WARC', () => {
  /** One uncompressed-size-`size` record of an HTML page, as its own gzip member (a ~200 KB file for 200 MB). */
  async function gzRecord(file: string, url: string, size: number, flags: 'w' | 'a'): Promise<void> {
    const head = `WARC/1.1\r\nWARC-Type: resource\r\nWARC-Target-URI: ${url}\r\nWARC-Date: 2024-03-10T00:00:00Z\r\n`
      + `WARC-Record-ID: <urn:uuid:${crypto.randomUUID()}>\r\nContent-Type: text/html\r\nContent-Length: ${size}\r\n\r\n`;
    const body = page(size);
    await pipeline(async function* () {
      yield Buffer.from(head);
      for (let left = size; left > 0;) {
        const n = Math.min(left, body.length);
        yield body.subarray(0, n);
        left -= n;
      }
      yield Buffer.from('\r\n\r\n');
    }, createGzip(), createWriteStream(file, { flags }));
  }
  const small = Buffer.from(`<!doctype html><html><head><meta charset="utf-8"><title>Nhỏ</title><meta property="article:published_time" content="2024-03-10T07:30:00+07:00"></head><body><article><h1>Trang nhỏ</h1><p>${'Nội dung bình thường của một bài viết nhỏ. '.repeat(20)}</p></article></body></html>`);
  function page(size: number): Buffer {
    return size === small.length ? small : Buffer.alloc(Math.min(size, 1024 * 1024), 'a');
  }

  it('a gzip bomb (a 300 MB page record in a few hundred KB) is a worded problem; the pages after it are read', async () => {
    const file = join(dir, 'bomb.warc.gz');
    await gzRecord(file, 'http://old.example.vn/bomb.html', 300 * 1024 * 1024, 'w');
    await gzRecord(file, 'http://old.example.vn/nho.html', small.length, 'a');
    const entries = await readAll(pagesSource(file));
    expect(itemsOf(entries).map((i) => i.title)).toEqual(['Trang nhỏ']);
    expect(problemsOf(entries).map((p) => `${p.where} ${p.message}`).join('\n')).toMatch(/bomb\.html.*(?:MB|large)/);
  });

  it('a response record whose HTTP body is gzip (100 MB from ~100 KB) is bounded while decoding', async () => {
    const gz = gzipSync(Buffer.alloc(100 * 1024 * 1024, 'a'));
    const http = Buffer.from(`HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\nContent-Length: ${gz.length}\r\n\r\n`);
    const head = `WARC/1.1\r\nWARC-Type: response\r\nWARC-Target-URI: http://old.example.vn/nen.html\r\nWARC-Date: 2024-03-10T00:00:00Z\r\n`
      + `WARC-Record-ID: <urn:uuid:${crypto.randomUUID()}>\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: ${http.length + gz.length}\r\n\r\n`;
    const file = join(dir, 'encoded.warc');
    await writeFile(file, Buffer.concat([Buffer.from(head), http, gz, Buffer.from('\r\n\r\n')]));
    const entries = await readAll(pagesSource(file));
    expect(problemsOf(entries).map((p) => `${p.where} ${p.message}`).join('\n')).toMatch(/nen\.html.*MB/);
  });
});
