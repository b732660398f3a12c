// How the WordPress source reads an image's bytes: from a copied uploads folder (offline imports) or over
// HTTP from a real local server on 127.0.0.1 (redirects, 404, size and time limits, nobody listening).
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wxrSource } from '../../scripts/import/sources/wxr.ts';
import { fetchImage, IMAGE_LIMITS } from '../../scripts/import/sources/wxr-image.ts';

const DIR = join(import.meta.dirname, '../fixtures/import/wxr');
const MEDIA = join(DIR, 'uploads');
const UPLOADS = 'https://dongy.thainguyen.gov.vn/wp-content/uploads';
const JPEG = readFileSync(join(MEDIA, 'wp-content/uploads/2024/03/hoi-nghi-cchc.jpg'));

describe('from a copied uploads folder (--media-dir)', () => {
  const source = wxrSource(join(DIR, 'demo.xml'), { mediaDir: MEDIA });

  it('reads a file by its URL path, a Vietnamese file name included', async () => {
    expect(await source.image(`${UPLOADS}/2024/03/hoi-nghi-cchc.jpg`)).toEqual({ ok: true, bytes: new Uint8Array(JPEG), filename: 'hoi-nghi-cchc.jpg' });
    const vn = await source.image(`${UPLOADS}/2024/02/l%E1%BB%85-h%E1%BB%99i-%C4%91%E1%BB%81n.jpg`);
    expect(vn.ok && vn.filename).toBe('lễ-hội-đền.jpg');
  });

  it('accepts the uploads folder itself as the media folder', async () => {
    const inner = wxrSource(join(DIR, 'demo.xml'), { mediaDir: join(MEDIA, 'wp-content/uploads') });
    expect((await inner.image(`${UPLOADS}/2024/02/trong-cay.png`)).ok).toBe(true);
  });

  it('hands over an HTML page named .jpg as it is: the server checks the type', async () => {
    const html = await source.image(`${UPLOADS}/2024/03/anh-loi.jpg`);
    expect(html.ok && new TextDecoder().decode(html.bytes).startsWith('<!DOCTYPE html>')).toBe(true);
  });

  it('says which file is missing, and reads nothing outside the folder', async () => {
    expect(await source.image(`${UPLOADS}/2023/11/khong-con.jpg`)).toEqual({ ok: false, reason: `not in the media folder ${MEDIA}: wp-content/uploads/2023/11/khong-con.jpg` });
    expect(await source.image(`${UPLOADS}/..%2F..%2F..%2Fdemo.xml`)).toEqual({ ok: false, reason: 'outside the media folder: ../../../demo.xml' });
    expect(await source.image('data:image/png;base64,AAAA')).toEqual({ ok: false, reason: 'not an http(s) URL: data:image/png;base64,AAAA' });
  });

  it('a URL naming a folder of the uploads is not a file: said, not thrown', async () => {
    expect(await source.image(`${UPLOADS}/2024/03/`)).toEqual({ ok: false, reason: `not in the media folder ${MEDIA}: wp-content/uploads/2024/03/` });
    expect(await source.image(`${UPLOADS}/2024`)).toEqual({ ok: false, reason: `not in the media folder ${MEDIA}: wp-content/uploads/2024` });
  });
});

describe('over HTTP', () => {
  let server: Server;
  let origin: string;
  beforeAll(async () => {
    server = createServer((request, response) => {
      const path = request.url ?? '/';
      if (path === '/anh.jpg') return void response.writeHead(200, { 'content-type': 'image/jpeg' }).end(JPEG);
      const hops = /^\/hop\/(\d+)$/.exec(path);
      if (hops) return void response.writeHead(302, { location: Number(hops[1]) > 0 ? `/hop/${Number(hops[1]) - 1}` : '/anh.jpg' }).end();
      if (path === '/lon.jpg') return void response.writeHead(200, { 'content-type': 'image/jpeg' }).end(Buffer.alloc(2048));
      if (path === '/lon-tung-phan.jpg') { // no content-length: the bound is counted while reading
        response.writeHead(200, { 'content-type': 'image/jpeg' });
        response.write(Buffer.alloc(800));
        return void response.end(Buffer.alloc(800));
      }
      if (path === '/khong-tra-loi.jpg') return; // never answers
      response.writeHead(404, { 'content-type': 'text/html' }).end('<h1>Không tìm thấy</h1>');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('downloads an image, also when the URL path has /wp-content/uploads/ but no media folder was given', async () => {
    const source = wxrSource(join(DIR, 'demo.xml'));
    expect(await source.image(`${origin}/anh.jpg`)).toEqual({ ok: true, bytes: new Uint8Array(JPEG), filename: 'anh.jpg' });
    expect(await source.image(`${origin}/wp-content/uploads/2024/03/x.jpg`)).toEqual({ ok: false, reason: '404 Not Found' });
  });

  it('follows up to 3 redirects, and refuses a fourth', async () => {
    expect((await fetchImage(new URL(`${origin}/hop/2`))).ok).toBe(true);
    expect(await fetchImage(new URL(`${origin}/hop/3`))).toEqual({ ok: false, reason: 'more than 3 redirects' });
  });

  it('refuses a body over the size limit', async () => {
    expect(await fetchImage(new URL(`${origin}/lon.jpg`), { ...IMAGE_LIMITS, maxBytes: 1024 * 1024 })).toMatchObject({ ok: true });
    expect(await fetchImage(new URL(`${origin}/lon.jpg`), { ...IMAGE_LIMITS, maxBytes: 1000 })).toEqual({ ok: false, reason: 'larger than 1000 bytes' });
    expect(await fetchImage(new URL(`${origin}/lon-tung-phan.jpg`), { ...IMAGE_LIMITS, maxBytes: 1000 })).toEqual({ ok: false, reason: 'larger than 1000 bytes' });
    expect(await fetchImage(new URL(`${origin}/lon-tung-phan.jpg`), { ...IMAGE_LIMITS, maxBytes: 1600 })).toMatchObject({ ok: true, bytes: new Uint8Array(1600) });
  });

  it('gives up on a server that does not answer, and on one nobody listens on', async () => {
    expect(await fetchImage(new URL(`${origin}/khong-tra-loi.jpg`), { ...IMAGE_LIMITS, timeoutMs: 200 })).toEqual({ ok: false, reason: 'not reachable: no answer within 0.2 s' });
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    expect(await fetchImage(new URL(`http://127.0.0.1:${port}/anh.jpg`))).toEqual({ ok: false, reason: 'not reachable: ECONNREFUSED' });
  });
});
