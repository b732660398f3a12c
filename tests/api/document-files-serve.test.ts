// The file route /van-ban/tep/{id}/{name}: the original Vietnamese name survives in Content-Disposition
// (RFC 6266 + RFC 8187), PDFs inline on ?xem=1 with byte ranges (206) for the viewer, immutable caching;
// files of drafts, scheduled, deleted or unattached documents and of other sites are 404 to anonymous
// readers; downloads are counted exactly under concurrency, and never for HEAD, ranges, bots or views.
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { asciiFallback, contentDisposition } from '../../functions/documents/files/disposition.ts';
import { parseRange } from '../../functions/documents/files/range.ts';
import { createSite } from '../../functions/data/sites.ts';
import { database } from '../../functions/data/db.ts';
import { readToken, writeToken } from '../support/api.ts';
import { documentWith, fetchAll, fileRows, upload, type UploadedFile } from '../support/document-files-fixtures.ts';
import * as make from '../support/document-files.ts';
import { vietnamesePdf } from '../support/pdf.ts';

const CHROME = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Safari/537.36';
const READER = { 'User-Agent': CHROME };
const NAME = 'Quyết định 125/QĐ-UBND về "chuyển đổi số" (bản ký).pdf'.replace('/', '-');

const get = (url: string, headers: Record<string, string> = READER, method = 'GET') => fetchAll(new Request(url, { method, headers }));

/** The name a client reads from filename* (RFC 8187: charset'lang'pct-encoded UTF-8). */
function nameOf(disposition: string | null): { type: string; ascii: string; utf8: string } {
  const match = /^(attachment|inline); filename="([^"]*)"; filename\*=UTF-8''([A-Za-z0-9!#$&+\-.^_`|~%]+)$/.exec(disposition ?? '');
  if (!match) throw new Error(`not an RFC 6266 disposition: ${disposition}`);
  return { type: match[1]!, ascii: match[2]!, utf8: decodeURIComponent(match[3]!) };
}

async function downloads(id: number): Promise<number> {
  return (await fileRows([id]))[0]!.downloads;
}

let token: string;
let pdfBytes: Uint8Array;
let pdf: UploadedFile;
let docx: UploadedFile;

beforeAll(async () => {
  token = await writeToken();
  pdfBytes = await vietnamesePdf([['Quyết định phê duyệt kế hoạch chuyển đổi số'], ['Trang hai']]);
  pdf = await upload(pdfBytes, NAME, token);
  docx = await upload(make.docx(), 'Phụ lục kèm theo.docx', token);
  await documentWith(1, [pdf.id, docx.id]);
});

describe('Content-Disposition', () => {
  it('carries the original Vietnamese name in filename* and an ASCII fallback in filename', async () => {
    const res = await get(pdf.url);
    expect(res.status).toBe(200);
    const name = nameOf(res.headers.get('Content-Disposition'));
    expect(name).toEqual({ type: 'attachment', ascii: 'Quyet dinh 125-QD-UBND ve _chuyen doi so_ (ban ky).pdf', utf8: NAME });
    expect(res.headers.get('Content-Type')).toBe('application/pdf');
    expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(res.headers.get('Cache-Control')).toBe('public, max-age=31536000, immutable');
    expect(res.headers.get('Content-Length')).toBe(String(pdfBytes.length));
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(pdfBytes);
  });

  it('takes the id, not the name in the URL', async () => {
    const res = await get(pdf.url.replace(/\/[^/]+$/, '/bat-ky-ten-nao.exe'));
    expect(res.status).toBe(200);
    expect(nameOf(res.headers.get('Content-Disposition')).utf8).toBe(NAME);
  });

  it('encodes every byte outside RFC 8187 attr-char and never lets a quote or a break into the header', () => {
    expect(contentDisposition('attachment', "a'b(c)*d e;f\"g\\h.pdf")).toBe(`attachment; filename="a'b(c)*d e;f_g_h.pdf"; filename*=UTF-8''a%27b%28c%29%2Ad%20e%3Bf%22g%5Ch.pdf`);
    expect(asciiFallback('Đơn đề nghị\r\nx.docx')).toBe('Don de nghi__x.docx');
    expect(nameOf(contentDisposition('inline', 'Báo cáo.pdf'))).toEqual({ type: 'inline', ascii: 'Bao cao.pdf', utf8: 'Báo cáo.pdf' });
  });

  it('shows a PDF inline on ?xem=1 (no CSP that would stop the viewer); other files stay attachments', async () => {
    const inline = await get(`${pdf.url}?xem=1`);
    expect(nameOf(inline.headers.get('Content-Disposition')).type).toBe('inline');
    expect(inline.headers.get('Content-Security-Policy')).toBeNull();
    const word = await get(`${docx.url}?xem=1`);
    expect(nameOf(word.headers.get('Content-Disposition'))).toMatchObject({ type: 'attachment', utf8: 'Phụ lục kèm theo.docx' });
    expect(word.headers.get('Content-Type')).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(word.headers.get('Content-Security-Policy')).toBe("default-src 'none'; sandbox");
  });
});

describe('ranges', () => {
  it('answers a byte range with 206 and exactly those bytes', async () => {
    const res = await get(`${pdf.url}?xem=1`, { ...READER, Range: 'bytes=0-99' });
    expect(res.status).toBe(206);
    expect(res.headers.get('Content-Range')).toBe(`bytes 0-99/${pdfBytes.length}`);
    expect(res.headers.get('Content-Length')).toBe('100');
    expect(res.headers.get('Accept-Ranges')).toBe('bytes');
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(pdfBytes.slice(0, 100));
    const tail = await get(pdf.url, { ...READER, Range: 'bytes=-10' });
    expect(tail.status).toBe(206);
    expect(new Uint8Array(await tail.arrayBuffer())).toEqual(pdfBytes.slice(-10));
    const open = await get(pdf.url, { ...READER, Range: `bytes=${pdfBytes.length - 5}-` });
    expect(open.headers.get('Content-Range')).toBe(`bytes ${pdfBytes.length - 5}-${pdfBytes.length - 1}/${pdfBytes.length}`);
  });

  it('answers a range past the end with 416 and the size', async () => {
    const res = await get(pdf.url, { ...READER, Range: `bytes=${pdfBytes.length}-` });
    expect(res.status).toBe(416);
    expect(res.headers.get('Content-Range')).toBe(`bytes */${pdfBytes.length}`);
  });

  it('reads ranges as RFC 9110 says', () => {
    expect(parseRange('bytes=5-', 10)).toEqual({ kind: 'range', offset: 5, length: 5 });
    expect(parseRange('bytes=2-100', 10)).toEqual({ kind: 'range', offset: 2, length: 8 });
    expect(parseRange('bytes=-100', 10)).toEqual({ kind: 'range', offset: 0, length: 10 });
    expect(parseRange('bytes=0-1,4-5', 10)).toEqual({ kind: 'none' });
    expect(parseRange('bytes=5-2', 10)).toEqual({ kind: 'none' });
    expect(parseRange('items=0-1', 10)).toEqual({ kind: 'none' });
    expect(parseRange('bytes=-0', 10)).toEqual({ kind: 'unsatisfiable' });
  });

  it('answers a repeat visit with 304 from the ETag', async () => {
    const first = await get(pdf.url);
    await first.arrayBuffer();
    const again = await get(pdf.url, { ...READER, 'If-None-Match': first.headers.get('ETag')! });
    expect(again.status).toBe(304);
  });
});

describe('who may download', () => {
  it('hides the files of drafts, scheduled, trashed, archived and unsaved documents from readers (404), not from a token of the site', async () => {
    const states = [
      { status: 'draft' as const },
      { status: 'review' as const },
      { status: 'archived' as const },
      { status: 'published' as const, publishedAt: new Date(Date.now() + 86_400_000) },
      { status: 'published' as const, deletedAt: new Date() },
    ];
    const reader = await readToken();
    for (const state of states) {
      const file = await upload(make.docx(), 'Dự thảo.docx', token);
      await documentWith(1, [file.id], state);
      const anonymous = await get(file.url);
      expect(anonymous.status, JSON.stringify(state)).toBe(404);
      expect((await anonymous.json()) as object).toMatchObject({ status: 404 });
      const withToken = await get(file.url, { ...READER, Authorization: `Bearer ${reader}` });
      expect(withToken.status, JSON.stringify(state)).toBe(200);
      expect(withToken.headers.get('Cache-Control')).toBe('private, no-store');
      await withToken.arrayBuffer();
      expect(await downloads(file.id)).toBe(0);
    }
    const unsaved = await upload(make.docx(), 'Chưa lưu.docx', token);
    expect((await get(unsaved.url)).status).toBe(404);
    expect((await get(unsaved.url, { ...READER, Authorization: `Bearer ${token}` })).status).toBe(200);
  });

  it("answers another site's file with 404 on this host, its own token included", async () => {
    const host = `xa-phuc-vu-${Date.now().toString(36)}.test`;
    const site = await createSite(database(env.DB), { name: 'Xã Phục Vụ', hosts: [host] });
    const theirs = await upload(make.docx(), 'Của xã.docx', await writeToken(site.id), `http://${host}`);
    await documentWith(site.id, [theirs.id]);
    expect((await get(theirs.url)).status).toBe(200);
    const here = theirs.url.replace(`http://${host}`, 'http://cms.test');
    expect((await get(here)).status).toBe(404);
    expect((await get(here, { ...READER, Authorization: `Bearer ${token}` })).status).toBe(404);
    // And this site's published file is not served on the other host.
    expect((await get(pdf.url.replace('http://cms.test', `http://${host}`))).status).toBe(404);
  });

  it('answers ids that name nothing with 404', async () => {
    for (const id of ['0', '999999999', 'abc', '1e3', '-1']) expect((await get(`http://cms.test/van-ban/tep/${id}/x.pdf`)).status, id).toBe(404);
  });
});

describe('download counts', () => {
  it('counts 20 concurrent downloads as exactly 20', async () => {
    const file = await upload(make.xlsx(), 'Biểu tổng hợp.xlsx', token);
    await documentWith(1, [file.id]);
    const responses = await Promise.all(Array.from({ length: 20 }, () => get(file.url)));
    expect(responses.map((r) => r.status)).toEqual(Array(20).fill(200));
    await Promise.all(responses.map((r) => r.arrayBuffer()));
    expect(await downloads(file.id)).toBe(20);
  });

  it('does not count HEAD, ranges, inline views, 304s, bots, prefetches or scripts without a User-Agent', async () => {
    const file = await upload(await vietnamesePdf([['Không đếm']]), 'Không đếm.pdf', token);
    await documentWith(1, [file.id]);
    const head = await get(file.url, READER, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers.get('Content-Length')).not.toBeNull();
    const etag = head.headers.get('ETag')!;
    const others = [
      get(file.url, { ...READER, Range: 'bytes=0-9' }),
      get(`${file.url}?xem=1`),
      get(file.url, { ...READER, 'If-None-Match': etag }),
      get(file.url, { 'User-Agent': 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)' }),
      get(file.url, { 'User-Agent': 'curl/8.5.0' }),
      get(file.url, { ...READER, 'Sec-Purpose': 'prefetch' }),
      get(file.url, {}),
    ];
    const statuses = await Promise.all(others.map(async (p) => {
      const r = await p;
      await r.arrayBuffer();
      return r.status;
    }));
    expect(statuses).toEqual([206, 200, 304, 200, 200, 200, 200]);
    expect(await downloads(file.id)).toBe(0);
    // And the one that counts, to show the rule is not simply off.
    await (await get(file.url)).arrayBuffer();
    expect(await downloads(file.id)).toBe(1);
  });
});
