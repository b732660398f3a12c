// Real photos of any size for the photo tests, encoded inside workerd by the same jSquash codecs the
// uploads decode with (mozjpeg, libpng, libwebp): a colour gradient with a little texture, so the
// copies have something to average.
import encodeJpegWith, { init as initJpeg } from '@jsquash/jpeg/encode.js';
import jpegEncoder from '@jsquash/jpeg/codec/enc/mozjpeg_enc.wasm';
import encodePngWith, { init as initPng } from '@jsquash/png/encode.js';
import pngCodec from '@jsquash/png/codec/pkg/squoosh_png_bg.wasm?module';
import { webpEncoder } from '../../functions/media/codecs.ts';

type Init = (module: WebAssembly.Module) => Promise<unknown>;

function pixels(width: number, height: number, alpha = 255) {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      data[i] = (x * 255) / width;
      data[i + 1] = (y * 255) / height;
      data[i + 2] = ((x ^ y) & 31) * 8;
      data[i + 3] = alpha;
    }
  }
  return { data, width, height };
}

let jpegReady: Promise<unknown> | undefined;

/** A baseline JPEG of that size. */
export async function jpegPhoto(width: number, height: number): Promise<Uint8Array> {
  await (jpegReady ??= (initJpeg as unknown as Init)(jpegEncoder));
  return new Uint8Array(await encodeJpegWith(pixels(width, height) as never, { quality: 80 }));
}

/** A PNG of that size (half transparent, to show alpha survives). */
export async function pngPhoto(width: number, height: number): Promise<Uint8Array> {
  await (initPng as unknown as Init)(pngCodec);
  return new Uint8Array(await encodePngWith(pixels(width, height, 128) as never));
}

/** A lossy WebP of that size. */
export async function webpPhoto(width: number, height: number): Promise<Uint8Array> {
  return new Uint8Array((await webpEncoder())(pixels(width, height)));
}

/** A file as a browser would send it. */
export const photoFile = (bytes: Uint8Array, name: string, type = 'image/jpeg') => new File([bytes], name, { type });

/** The offset of the first segment whose marker passes `is` in a JPEG's segment chain. */
function segment(bytes: Uint8Array, is: (marker: number) => boolean): number {
  let i = 2;
  while (!(bytes[i] === 0xff && is(bytes[i + 1]!))) {
    if (i + 4 > bytes.length) throw new Error('no such segment');
    i += 2 + ((bytes[i + 2]! << 8) | bytes[i + 3]!);
  }
  return i;
}

/** A small real JPEG (mozjpeg writes progressive: SOF2) whose frame header claims width x height (what the upload checks read before decoding). */
export async function jpegClaiming(width: number, height: number): Promise<Uint8Array> {
  const bytes = await jpegPhoto(40, 30);
  bytes.set([height >> 8, height & 255, width >> 8, width & 255], segment(bytes, (m) => m >= 0xc0 && m <= 0xc2) + 5);
  return bytes;
}

/**
 * A JPEG whose header is good (the sniffer reads its size) and whose image data is noise: the decoder
 * gives up on it. Built from a real JPEG by overwriting everything after its start-of-scan header.
 */
export async function corruptJpeg(width: number, height: number): Promise<Uint8Array> {
  const bytes = await jpegPhoto(width, height);
  const sos = segment(bytes, (m) => m === 0xda);
  const broken = bytes.slice(0, sos + 4);
  const out = new Uint8Array(broken.length + 64);
  out.set(broken);
  out.fill(0xff, broken.length); // the scan header cut off, then only fill bytes: no valid scan
  return out;
}
