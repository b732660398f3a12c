// Resized copies made once at upload (functions/media/copies.ts): WebP at 320/640/1024 px, never wider
// than the original, under keys derived from it and served by /media with the immutable headers; an
// image too large to decode within a Worker's memory (over 6 MP, judged by its header) is kept as uploaded
// without copies; one that does not decode is kept without copies, never a 500.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { copyKey, copyWidthsFor, MAX_COPY_PIXELS, originalKeyOf } from '../../functions/media/copy-keys.ts';
import { mediaObjectKey } from '../../functions/media/object-key.ts';
import { MEDIA_CACHE_CONTROL } from '../../functions/media/serve.ts';
import { sniffImage } from '../../functions/media/sniff.ts';
import { storeImage } from '../../functions/media/upload.ts';
import { call, firstSite } from '../support/api.ts';
import { corruptJpeg, jpegClaiming, jpegPhoto, photoFile, pngPhoto, webpPhoto } from '../support/photos.ts';
import { bytesOf } from './media-images.ts';

const SITE = await firstSite();
const NOW = new Date('2026-11-20T03:00:00Z');

async function objectsOf(key: string): Promise<string[]> {
  const listed = await env.MEDIA.list({ prefix: mediaObjectKey(SITE.id, key) });
  return listed.objects.map((o) => o.key).sort();
}

describe('copies at upload', () => {
  it('makes WebP copies at 320, 640 and 1024 px of a 1200 x 800 JPEG, listed in the original\'s metadata', async () => {
    const stored = await storeImage(env.MEDIA, SITE.id, photoFile(await jpegPhoto(1200, 800), 'anh.jpg'), 'user:1', NOW);
    if (!stored.ok) throw new Error(stored.message);
    expect(stored.widths).toEqual([320, 640, 1024]);
    expect(await objectsOf(stored.key)).toEqual([stored.key, copyKey(stored.key, 1024), copyKey(stored.key, 320), copyKey(stored.key, 640)].sort());
    const original = await env.MEDIA.head(stored.key);
    expect(original?.customMetadata).toMatchObject({ width: '1200', height: '800', widths: '320,640,1024' });
    for (const width of [320, 640, 1024]) {
      const copy = await env.MEDIA.get(copyKey(stored.key, width));
      const sniffed = sniffImage(new Uint8Array(await copy!.arrayBuffer()));
      expect(sniffed).toMatchObject({ ok: true, image: { format: 'webp', width, height: Math.round((800 * width) / 1200) } });
    }
  });

  it('serves a copy through /media with the immutable cache headers and its own type', async () => {
    const stored = await storeImage(env.MEDIA, SITE.id, photoFile(await jpegPhoto(700, 350), 'a.jpg'), 'user:1', NOW);
    if (!stored.ok) throw new Error(stored.message);
    const response = await call(`/media/${copyKey(stored.key, 640)}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toBe('image/webp');
    expect(response.headers.get('Cache-Control')).toBe(MEDIA_CACHE_CONTROL);
    expect(response.headers.get('X-Image-Size')).toBe('640x320');
    await response.arrayBuffer();
  });

  it('never makes a copy as wide as the original or wider: a 500 px PNG gets 320 only, a 320 px WebP none', async () => {
    const png = await storeImage(env.MEDIA, SITE.id, photoFile(await pngPhoto(500, 200), 'a.png', 'image/png'), 'user:1', NOW);
    const webp = await storeImage(env.MEDIA, SITE.id, photoFile(await webpPhoto(320, 100), 'a.webp', 'image/webp'), 'user:1', NOW);
    if (!png.ok || !webp.ok) throw new Error('refused');
    expect(png.widths).toEqual([320]);
    expect(await objectsOf(png.key)).toEqual([png.key, copyKey(png.key, 320)]);
    expect(webp.widths).toEqual([]);
    expect(await objectsOf(webp.key)).toEqual([webp.key]);
    expect(copyWidthsFor(1024)).toEqual([320, 640]);
  });

  it('keeps the alpha of a transparent PNG in its copy', async () => {
    const png = await storeImage(env.MEDIA, SITE.id, photoFile(await pngPhoto(400, 100), 'a.png', 'image/png'), 'user:1', NOW);
    if (!png.ok) throw new Error(png.message);
    const copy = await env.MEDIA.get(copyKey(png.key, 320));
    const bytes = new Uint8Array(await copy!.arrayBuffer());
    // An extended WebP with an alpha chunk.
    expect(new TextDecoder().decode(bytes.subarray(12, 16))).toBe('VP8X');
    expect(bytes[20]! & 0x10).toBe(0x10);
  });

  it('keeps GIF and AVIF uploads as they are, without copies', async () => {
    const avif = await storeImage(env.MEDIA, SITE.id, photoFile(bytesOf('avifLarge'), 'a.avif', 'image/avif'), 'user:1', NOW);
    if (!avif.ok) throw new Error(avif.message);
    expect(avif.widths).toEqual([]);
    expect(await objectsOf(avif.key)).toEqual([avif.key]);
  });

  it('keeps an image that does not decode (good header, broken data) without copies, and says so in the log', async () => {
    const stored = await storeImage(env.MEDIA, SITE.id, photoFile(await corruptJpeg(800, 600), 'hong.jpg'), 'user:1', NOW);
    expect(stored).toMatchObject({ ok: true, widths: [] });
    if (!stored.ok) return;
    expect(await objectsOf(stored.key)).toEqual([stored.key]);
    expect((await env.MEDIA.head(stored.key))?.customMetadata?.['widths']).toBe('');
  });

  it('keeps a photo too large to decode in a Worker (4000 x 3000) as uploaded, without copies, decided from its header', async () => {
    // The header is what decides: a real JPEG's first bytes claiming 4000 x 3000, so the pixels are never read.
    const big = await jpegClaiming(4000, 3000);
    expect(sniffImage(big)).toMatchObject({ ok: true, image: { width: 4000, height: 3000 } });
    expect(4000 * 3000).toBeGreaterThan(MAX_COPY_PIXELS);
    const logged: unknown[][] = [];
    const info = console.info;
    console.info = (...args: unknown[]) => { logged.push(args); };
    let stored;
    try {
      stored = await storeImage(env.MEDIA, SITE.id, photoFile(big, 'lon.jpg'), 'user:7', NOW);
    } finally {
      console.info = info;
    }
    expect(stored).toMatchObject({ ok: true, widths: [], tooLargeForCopies: true, image: { width: 4000, height: 3000 } });
    if (!stored.ok) return;
    // R2 holds the original only, byte for byte, and its metadata says why there are no copies.
    expect(await objectsOf(stored.key)).toEqual([stored.key]);
    const original = await env.MEDIA.get(stored.key);
    expect(new Uint8Array(await original!.arrayBuffer())).toEqual(big);
    expect(original!.customMetadata).toMatchObject({ width: '4000', height: '3000', widths: '', copies: 'none: over 6 MP', uploadedBy: 'user:7' });
    expect(logged.map((args) => String(args[0]))).toEqual([expect.stringContaining('4000x3000 (over 6 MP) kept without copies')]);
  });

  it('finds the original of a copy key', () => {
    expect(originalKeyOf('2026/11/ab.jpg.w640.webp')).toBe('2026/11/ab.jpg');
    expect(originalKeyOf('2026/11/ab.jpg')).toBe('2026/11/ab.jpg');
  });
});
