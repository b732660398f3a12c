// The demo galleries: three photos with Vietnamese captions under a few Đồng Hỷ articles. The photos are
// drawn here (sky, hills, fields, in each article's colours), encoded by the same jSquash codecs the
// uploads use (loaded in Node from their .wasm files) with the same WebP copies, R2 metadata and keys as
// an upload (functions/media/copy-keys.ts), and added through the gallery service: about a second.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { eq, and } from 'drizzle-orm';
import encodeJpeg, { init as initJpeg } from '@jsquash/jpeg/encode.js';
import encodeWebp, { init as initWebp } from '@jsquash/webp/encode.js';
import { articles } from '../schema/tables.ts';
import { addGalleryImages } from '../functions/articles/gallery.ts';
import { database } from '../functions/data/db.ts';
import { copyKey, copyWidthsFor, formatWidths } from '../functions/media/copy-keys.ts';
import { downscale, type Pixels } from '../functions/media/downscale.ts';
import { mediaKey } from '../functions/media/upload-key.ts';
import { mediaObjectKey } from '../functions/media/object-key.ts';
import type { LocalEnv } from './local-db.ts';

const require = createRequire(import.meta.url);
// The scripts' typings (Node's) do not declare WebAssembly; the codecs only need the compiled module.
const { WebAssembly: wasmApi } = globalThis as unknown as { WebAssembly: { compile(bytes: Uint8Array): Promise<unknown> } };
type Init = (module: unknown) => Promise<unknown>;
const wasm = async (path: string) => wasmApi.compile(await readFile(require.resolve(path)));

interface DemoGallery {
  title: string;
  photos: { caption: string; alt: string; sky: [number, number, number]; land: [number, number, number] }[];
}

/** Which articles (by title, on Đồng Hỷ's portal) get photos, and what they show. */
export const DEMO_GALLERIES: DemoGallery[] = [
  {
    title: 'Hội nghị phân tích, đánh giá kết quả công tác cải cách hành chính năm 2023, triển khai nhiệm vụ năm 2024',
    photos: [
      { caption: 'Quang cảnh hội nghị tại hội trường UBND huyện Đồng Hỷ.', alt: 'Hội trường với đại biểu ngồi dự hội nghị', sky: [70, 110, 170], land: [150, 60, 50] },
      { caption: 'Đồng chí Phó Chủ tịch UBND huyện phát biểu chỉ đạo hội nghị.', alt: 'Lãnh đạo huyện phát biểu tại bục', sky: [90, 130, 180], land: [120, 80, 60] },
      { caption: 'Trao thưởng cho các tập thể, cá nhân đạt giải cuộc thi tìm hiểu CCHC.', alt: 'Đại biểu nhận giấy khen trên sân khấu', sky: [110, 150, 200], land: [170, 40, 40] },
    ],
  },
  {
    title: 'Đồng Hỷ đẩy mạnh tiếp nhận hồ sơ thủ tục hành chính trực tuyến',
    photos: [
      { caption: 'Bộ phận một cửa huyện hướng dẫn người dân nộp hồ sơ trực tuyến.', alt: 'Cán bộ một cửa hướng dẫn người dân bên máy tính', sky: [120, 170, 210], land: [60, 120, 70] },
      { caption: 'Người dân tra cứu kết quả giải quyết hồ sơ trên điện thoại.', alt: 'Người dân cầm điện thoại tra cứu hồ sơ', sky: [150, 190, 220], land: [80, 140, 60] },
      { caption: 'Đồi chè Đồng Hỷ, vùng chè đặc sản của huyện.', alt: 'Những đồi chè xanh dưới bầu trời trong', sky: [100, 160, 220], land: [50, 130, 50] },
    ],
  },
];

const WIDTH = 1200;
const HEIGHT = 800;

/** A landscape: a sky gradient, a sun, rolling hills and rows of a field, in the photo's colours. */
function draw(p: DemoGallery['photos'][number], seed: number): Pixels {
  const data = new Uint8ClampedArray(WIDTH * HEIGHT * 4);
  for (let y = 0; y < HEIGHT; y++) {
    for (let x = 0; x < WIDTH; x++) {
      const i = (y * WIDTH + x) * 4;
      const hill = HEIGHT * 0.55 + Math.sin((x + seed * 97) / 140) * 40 + Math.sin((x + seed * 31) / 47) * 12;
      const sun = Math.hypot(x - (250 + seed * 300), y - 160) < 60;
      let c: [number, number, number];
      if (sun) c = [255, 230, 150];
      else if (y < hill) { const t = y / hill; c = [p.sky[0] + 100 * t, p.sky[1] + 80 * t, p.sky[2] + 40 * t]; }
      else { const row = Math.sin(y / 6 + x / 90) > 0 ? 1 : 0.8; const d = 0.7 + (0.3 * (y - hill)) / HEIGHT; c = [p.land[0] * row * d, p.land[1] * row * d, p.land[2] * row * d]; }
      data[i] = c[0];
      data[i + 1] = c[1];
      data[i + 2] = c[2];
      data[i + 3] = 255;
    }
  }
  return { data, width: WIDTH, height: HEIGHT };
}

export async function seedDemoGalleries(env: Pick<LocalEnv, 'DB' | 'MEDIA'>, siteId: number, now: Date): Promise<number> {
  await (initJpeg as unknown as Init)(await wasm('@jsquash/jpeg/codec/enc/mozjpeg_enc.wasm'));
  await (initWebp as unknown as Init)(await wasm('@jsquash/webp/codec/enc/webp_enc_simd.wasm'));
  const db = database(env.DB);
  let added = 0;
  for (const gallery of DEMO_GALLERIES) {
    const [article] = await db.select({ id: articles.id }).from(articles).where(and(eq(articles.siteId, siteId), eq(articles.title, gallery.title)));
    if (!article) throw new Error(`Demo gallery: no article "${gallery.title}"`);
    const images = [];
    for (const [n, photo] of gallery.photos.entries()) {
      const pixels = draw(photo, n);
      const key = mediaKey({ ext: 'jpg' }, now);
      const widths = copyWidthsFor(WIDTH);
      const uploadedAt = now.toISOString();
      for (const width of widths) {
        const height = Math.round((HEIGHT * width) / WIDTH);
        const webp = await encodeWebp(downscale(pixels, width, height) as never, { quality: 80 });
        await env.MEDIA.put(mediaObjectKey(siteId, copyKey(key, width)), webp, {
          httpMetadata: { contentType: 'image/webp', cacheControl: 'public, max-age=31536000, immutable' },
          customMetadata: { width: String(width), height: String(height), uploadedAt },
        });
      }
      await env.MEDIA.put(mediaObjectKey(siteId, key), await encodeJpeg(pixels as never, { quality: 82 }), {
        httpMetadata: { contentType: 'image/jpeg', cacheControl: 'public, max-age=31536000, immutable' },
        customMetadata: { width: String(WIDTH), height: String(HEIGHT), widths: formatWidths(widths), uploadedBy: 'seed', uploadedAt },
      });
      images.push({ key, alt: photo.alt, caption: photo.caption, width: WIDTH, height: HEIGHT, widths });
    }
    await addGalleryImages({ DB: env.DB, offline: true }, { id: siteId, status: 'active' }, article.id, images, now);
    added += images.length;
  }
  return added;
}
