// Image uploads: the magic-byte sniffer (real files of every accepted format, sizes from their
// headers), every rejection (a disguised type, too big, empty, a cut header), storing into real
// local R2 with a server-made key, and GET /media/... through the Worker (type, caching, 304, 404).
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { MAX_PIXELS, MAX_SIDE, sniffImage } from '../../functions/media/sniff.ts';
import { checkImage, MAX_IMAGE_BYTES, mediaKey, storeImage } from '../../functions/media/upload.ts';
import { call, firstSite } from '../support/api.ts';
import { bytesOf, EXPECTED, IMAGES } from './media-images.ts';

/** The platform's first site, which the tests' ORIGIN (http://cms.test) serves. */
const SITE = await firstSite();

const NAMES = Object.keys(IMAGES) as (keyof typeof IMAGES)[];
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));
const be32 = (n: number) => [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
const be16 = (n: number) => [(n >>> 8) & 255, n & 255];
const box = (type: string, ...content: number[][]) => {
  const body = content.flat();
  return [...be32(8 + body.length), ...ascii(type), ...body];
};
const file = (bytes: Uint8Array | number[], name: string, type = '') =>
  new File([bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes)], name, { type });

describe('sniffImage: real images', () => {
  it.each(NAMES)('reads %s: format and pixel size from the header', (name) => {
    const result = sniffImage(bytesOf(name));
    expect(result).toEqual({ ok: true, image: EXPECTED[name] });
  });

  it('takes the AVIF size of the primary item, not of the first ispe (a thumbnail)', () => {
    const ispe = (w: number, h: number) => box('ispe', [0, 0, 0, 0], be32(w), be32(h));
    const bytes = [
      ...box('ftyp', ascii('avif'), [0, 0, 0, 0], ascii('mif1'), ascii('miaf')),
      ...box('meta', [0, 0, 0, 0],
        box('hdlr', [0, 0, 0, 0], [0, 0, 0, 0], ascii('pict'), new Array(13).fill(0)),
        box('pitm', [0, 0, 0, 0], be16(2)),
        box('iprp',
          box('ipco', ispe(160, 120), ispe(1920, 1080)),
          box('ipma', [0, 0, 0, 0], be32(2), be16(1), [1, 0x81], be16(2), [1, 0x82]))),
      ...box('mdat', [1, 2, 3, 4]),
    ];
    expect(sniffImage(new Uint8Array(bytes))).toEqual({ ok: true, image: { format: 'avif', mime: 'image/avif', ext: 'avif', width: 1920, height: 1080 } });
  });

  it('skips JPEG fill bytes and standalone markers on its way to the frame header', () => {
    const bytes = [0xff, 0xd8, 0xff, 0xff, 0xd0, 0xff, 0xe0, ...be16(4), 0, 0, 0xff, 0xc2, ...be16(11), 8, ...be16(480), ...be16(640), 3, 0, 0, 0];
    expect(sniffImage(new Uint8Array(bytes))).toMatchObject({ ok: true, image: { format: 'jpeg', width: 640, height: 480 } });
  });
});

describe('sniffImage: what it refuses', () => {
  it('calls an empty file empty', () => {
    expect(sniffImage(new Uint8Array())).toEqual({ ok: false, reason: 'empty' });
  });

  it.each([
    ['plain text', 'Đây không phải là ảnh, chỉ là văn bản.'],
    ['an HTML page', '<!doctype html><script>alert(1)</script>'],
    ['an SVG (scriptable)', '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>'],
    ['a PDF', '%PDF-1.7\n%âãÏÓ\n1 0 obj'],
    ['a ZIP', 'PK\u0003\u0004\u0014\u0000\u0000\u0000'],
    ['a BMP', 'BM6\u0000\u0000\u0000\u0000\u0000\u0000\u00006\u0000\u0000\u0000'],
    ['a WAV (RIFF, not WEBP)', 'RIFF\u0024\u0000\u0000\u0000WAVEfmt '],
  ])('refuses %s as unknown', (_what, text) => {
    expect(sniffImage(new TextEncoder().encode(text))).toEqual({ ok: false, reason: 'unknown' });
  });

  it('refuses HEIC (an ISO BMFF image without an AVIF brand)', () => {
    const heic = [...box('ftyp', ascii('heic'), [0, 0, 0, 0], ascii('mif1'), ascii('heic')), ...box('meta', [0, 0, 0, 0])];
    expect(sniffImage(new Uint8Array(heic))).toEqual({ ok: false, reason: 'unknown' });
  });

  it.each(NAMES)('calls %s truncated when its header is cut anywhere before the size', (name) => {
    const bytes = bytesOf(name);
    // Every cut inside the first 40 bytes, and a few later ones for the formats whose size comes late.
    const cuts = [...Array.from({ length: 40 }, (_, i) => i + 1)];
    for (const cut of cuts) {
      if (cut >= bytes.length) continue;
      const result = sniffImage(bytes.subarray(0, cut));
      if (result.ok) {
        // Only possible once the size is in: it must then be the real size.
        expect(result.image, `${name} cut at ${cut}`).toEqual(EXPECTED[name]);
      } else {
        expect(result.reason, `${name} cut at ${cut}`).toBe('truncated');
      }
    }
  });

  it('calls a JPEG truncated when the file ends in the EXIF block, before the frame header', () => {
    const jpeg = bytesOf('jpegProgressiveExif');
    expect(sniffImage(jpeg.subarray(0, 60))).toEqual({ ok: false, reason: 'truncated' });
  });

  it('calls an AVIF truncated when its media data is cut short', () => {
    const avif = bytesOf('avif');
    expect(sniffImage(avif.subarray(0, avif.length - 10))).toEqual({ ok: false, reason: 'truncated' });
  });

  it('refuses a header that claims zero pixels', () => {
    const png = bytesOf('png').slice();
    png.set([0, 0, 0, 0], 16); // width 0
    expect(sniffImage(png)).toEqual({ ok: false, reason: 'truncated' });
  });
});

/** Headers that claim a size, for each format whose size the sniffer reads (the bytes after them never matter). */
const le16 = (n: number) => [n & 255, (n >>> 8) & 255];
const le24 = (n: number) => [n & 255, (n >>> 8) & 255, (n >>> 16) & 255];
const le32 = (n: number) => [...le16(n & 0xffff), ...le16(n >>> 16)];
const riff = (chunk: string, body: number[]) => [...ascii('RIFF'), ...le32(4 + 8 + body.length), ...ascii('WEBP'), ...ascii(chunk), ...le32(body.length), ...body];
const CLAIMS: Record<string, (w: number, h: number) => number[]> = {
  png: (w, h) => [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...be32(13), ...ascii('IHDR'), ...be32(w), ...be32(h), 8, 6, 0, 0, 0, 0, 0, 0, 0],
  gif: (w, h) => [...ascii('GIF89a'), ...le16(w), ...le16(h), 0, 0, 0],
  jpeg: (w, h) => [0xff, 0xd8, 0xff, 0xc0, ...be16(17), 8, ...be16(h), ...be16(w), 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1],
  'webp VP8': (w, h) => riff('VP8 ', [0x10, 0x02, 0x00, 0x9d, 0x01, 0x2a, ...le16(w), ...le16(h), 0, 0]),
  'webp VP8L': (w, h) => riff('VP8L', [0x2f, ...le32(((w - 1) & 0x3fff) | (((h - 1) & 0x3fff) << 14)), 0]),
  'webp VP8X': (w, h) => riff('VP8X', [0, 0, 0, 0, ...le24(w - 1), ...le24(h - 1)]),
  avif: (w, h) => [
    ...box('ftyp', ascii('avif'), [0, 0, 0, 0], ascii('mif1')),
    ...box('meta', [0, 0, 0, 0], box('iprp', box('ipco', box('ispe', [0, 0, 0, 0], be32(w), be32(h))))),
  ],
};
/** The largest size each format can express, per side. */
const FORMAT_MAX: Record<keyof typeof CLAIMS, number> = {
  png: 4294967295, gif: 65535, jpeg: 65535, 'webp VP8': 16383, 'webp VP8L': 16384, 'webp VP8X': 16777216, avif: 4294967295,
};
const claim = (format: string, w: number, h: number) => sniffImage(new Uint8Array(CLAIMS[format]!(w, h)));

describe('sniffImage: the pixel limit (decompression bombs)', () => {
  const formats = Object.keys(CLAIMS);

  it.each(formats)('refuses %s claiming the largest size it can express', (format) => {
    const max = FORMAT_MAX[format]!;
    expect(claim(format, max, max)).toEqual({ ok: false, reason: 'too-large', width: max, height: max });
  });

  it.each(formats)('reads %s sizes at the limits: 50 megapixels and 16,384 px a side pass, one more does not', (format) => {
    // 7,000 x 7,142 = 49,994,000 pixels; 16,384 x 3,051 = 49,987,584.
    expect(claim(format, 7000, 7142)).toMatchObject({ ok: true, image: { width: 7000, height: 7142 } });
    if (FORMAT_MAX[format]! >= MAX_SIDE) expect(claim(format, MAX_SIDE, 3051)).toMatchObject({ ok: true, image: { width: MAX_SIDE, height: 3051 } });
    // 7,072 x 7,072 = 50,013,184 pixels, each side well within the limit.
    expect(claim(format, 7072, 7072)).toEqual({ ok: false, reason: 'too-large', width: 7072, height: 7072 });
    if (FORMAT_MAX[format]! > MAX_SIDE) expect(claim(format, MAX_SIDE + 1, 1)).toEqual({ ok: false, reason: 'too-large', width: MAX_SIDE + 1, height: 1 });
  });

  it('counts the limit on the product, not on one side (GIF 65535 x 1 is long but tiny)', () => {
    expect(claim('gif', 65535, 1)).toEqual({ ok: false, reason: 'too-large', width: 65535, height: 1 });
    expect(claim('gif', 10_000, 5_000)).toMatchObject({ ok: true, image: { width: 10_000, height: 5_000 } });
    expect(MAX_PIXELS).toBe(50_000_000);
  });
});

describe('checkImage: the messages editors see', () => {
  it('accepts a real image whatever its name or claimed type', async () => {
    const result = await checkImage(file(bytesOf('webpLossy'), 'anh-chup.jpg', 'image/jpeg'));
    expect(result).toEqual({ ok: true, image: EXPECTED.webpLossy });
  });

  it('refuses a text file named .jpg, and says so', async () => {
    const result = await checkImage(file(new TextEncoder().encode('Xin chào'), 'anh-bia.JPG', 'image/jpeg'));
    expect(result).toMatchObject({ ok: false, problem: 'not-image' });
    if (!result.ok) expect(result.message).toBe('Tệp này không phải ảnh JPEG, PNG, WebP, AVIF hoặc GIF (dù tên tệp có đuôi .jpg). Vui lòng chọn đúng tệp ảnh.');
  });

  it('refuses an HTML page disguised as a PNG', async () => {
    const result = await checkImage(file(new TextEncoder().encode('<html><script>alert(1)</script>'), 'logo.png', 'image/png'));
    expect(result).toMatchObject({ ok: false, problem: 'not-image' });
  });

  it('refuses an empty file', async () => {
    const result = await checkImage(file([], 'trong.png', 'image/png'));
    expect(result).toEqual({ ok: false, problem: 'empty', message: 'Tệp ảnh trống (0 byte). Vui lòng chọn lại ảnh.' });
  });

  it('refuses a file over 10 MB by its size, and accepts exactly 10 MB', async () => {
    const jpeg = bytesOf('jpeg');
    const padded = (size: number) => {
      const bytes = new Uint8Array(size);
      bytes.set(jpeg); // a real JPEG header; the rest is padding after its end
      return bytes;
    };
    const over = await checkImage(file(padded(MAX_IMAGE_BYTES + 1), 'lon.jpg'));
    expect(over).toMatchObject({ ok: false, problem: 'too-big' });
    if (!over.ok) expect(over.message).toBe('Ảnh quá lớn (10 MB). Dung lượng tối đa là 10 MB: hãy thu nhỏ ảnh rồi tải lại.');
    const big = await checkImage(file(padded(12.5 * 1024 * 1024), 'lon.jpg'));
    if (!big.ok) expect(big.message).toContain('(12,5 MB)');
    expect(await checkImage(file(padded(MAX_IMAGE_BYTES), 'vua.jpg'))).toMatchObject({ ok: true, image: { format: 'jpeg' } });
  });

  it('refuses an image that claims too many pixels, saying its size and the limit', async () => {
    const bomb = await checkImage(file(new Uint8Array(CLAIMS['png']!(4294967295, 4294967295)), 'bom.png', 'image/png'));
    expect(bomb).toEqual({
      ok: false,
      problem: 'too-many-pixels',
      message: 'Ảnh có kích thước quá lớn (4.294.967.295 × 4.294.967.295 điểm ảnh). Tối đa 50 megapixel và 16.384 điểm ảnh mỗi chiều: hãy thu nhỏ ảnh rồi tải lại.',
    });
  });

  it('refuses an image whose header is cut off', async () => {
    const result = await checkImage(file(bytesOf('png').subarray(0, 20), 'cut.png'));
    expect(result).toEqual({ ok: false, problem: 'truncated', message: 'Tệp ảnh bị hỏng hoặc chưa được tải lên trọn vẹn. Vui lòng chọn lại ảnh.' });
  });
});

describe('storing and serving', () => {
  it('makes keys from the Vietnam date, 128 random bits and the real extension', () => {
    // 2026-11-30 20:00 UTC is already 1 December in Vietnam.
    const key = mediaKey({ ext: 'webp' }, new Date('2026-11-30T20:00:00Z'));
    expect(key).toMatch(/^2026\/12\/[0-9a-f]{32}\.webp$/);
    expect(mediaKey({ ext: 'webp' }, new Date())).not.toBe(mediaKey({ ext: 'webp' }, new Date()));
  });

  it('stores a good image in R2 with its type and size, and nothing for a bad one', async () => {
    const stored = await storeImage(env.MEDIA, SITE.id, file(bytesOf('gif'), 'ảnh động.png', 'image/png'), 'user:1', new Date());
    expect(stored).toMatchObject({ ok: true, image: EXPECTED.gif });
    if (!stored.ok) return;
    expect(stored.key).toMatch(/^\d{4}\/\d{2}\/[0-9a-f]{32}\.gif$/);
    const object = await env.MEDIA.head(stored.key);
    expect(object?.httpMetadata?.contentType).toBe('image/gif');
    expect(object?.customMetadata).toMatchObject({ width: '6', height: '11', uploadedBy: 'user:1' });
    expect(object?.size).toBe(bytesOf('gif').length);

    const listed = async () => (await env.MEDIA.list()).objects.length;
    const before = await listed();
    const refused = await storeImage(env.MEDIA, SITE.id, file(new TextEncoder().encode('GIF? no'), 'x.gif'), 'user:1', new Date());
    expect(refused).toMatchObject({ ok: false, problem: 'not-image' });
    expect(await listed()).toBe(before);
  });

  it('serves /media/... with the stored type, a year of immutable caching, nosniff, an ETag and 304', async () => {
    const stored = await storeImage(env.MEDIA, SITE.id, file(bytesOf('avif'), 'a.avif'), 'user:1', new Date());
    if (!stored.ok) throw new Error('not stored');
    const res = await call(`/media/${stored.key}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toBe('image/avif');
    expect(res.headers.get('Cache-Control')).toBe('public, max-age=31536000, immutable');
    expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(res.headers.get('Content-Length')).toBe(String(bytesOf('avif').length));
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(bytesOf('avif'));
    const etag = res.headers.get('ETag')!;
    expect(etag).toMatch(/^"[0-9a-f]+"$/);

    const again = await call(`/media/${stored.key}`, { headers: { 'If-None-Match': etag } });
    expect(again.status).toBe(304);
    expect(again.headers.get('ETag')).toBe(etag);
    expect(again.headers.get('Cache-Control')).toBe('public, max-age=31536000, immutable');
    expect(await again.text()).toBe('');

    const other = await call(`/media/${stored.key}`, { headers: { 'If-None-Match': '"something-else"' } });
    expect(other.status).toBe(200);
    await other.arrayBuffer();

    const head = await call(`/media/${stored.key}`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('Content-Type')).toBe('image/avif');
    expect(await head.text()).toBe('');
  });

  it('answers 404 for a missing image and for paths that could not be a key', async () => {
    for (const path of ['/media/2026/11/00000000000000000000000000000000.jpg', '/media/2026/11/..', '/media/20x6/11/a.jpg', '/media/2026/1/a.jpg']) {
      let res = await call(path);
      // "/media/2026/11/.." is "/media/2026/" once parsed: the entry redirects it to its one spelling first.
      if (res.status === 301) res = await call(res.headers.get('Location')!);
      expect(res.status, path).toBe(404);
      await res.arrayBuffer();
    }
  });

  it('refuses writes to /media (405)', async () => {
    const res = await call('/media/2026/11/a.jpg', { method: 'PUT', body: 'x' });
    expect(res.status).toBe(405);
    await res.arrayBuffer();
  });
});
