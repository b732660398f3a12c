// The image codecs (jSquash: Squoosh's mozjpeg, libpng and libwebp compiled to WebAssembly), bundled
// as .wasm modules so nothing is fetched at run time. Decoders get a fresh instance per upload: an
// Emscripten heap only grows, and one sized for a big photo must become garbage with the upload
// instead of staying in the isolate for every later request. The encoder only ever sees copies (at
// most 1024 px wide, a 20 MB heap), so one instance serves the isolate.
import decodeJpegWith, { init as initJpeg } from '@jsquash/jpeg/decode.js';
import jpegDecoder from '@jsquash/jpeg/codec/dec/mozjpeg_dec.wasm';
import decodePngWith, { init as initPng } from '@jsquash/png/decode.js';
// ?module: the package ships a .d.ts for its .wasm (its exports); the suffix asks for the compiled module, typed in functions/wasm.d.ts.
import pngCodec from '@jsquash/png/codec/pkg/squoosh_png_bg.wasm?module';
import decodeWebpWith, { init as initWebpDecoder } from '@jsquash/webp/decode.js';
import webpDecoder from '@jsquash/webp/codec/dec/webp_dec.wasm';
import encodeWebpWith, { init as initWebpEncoder } from '@jsquash/webp/encode.js';
import webpEncoder from '@jsquash/webp/codec/enc/webp_enc_simd.wasm';
import type { Pixels } from './downscale.ts';

/** The formats copies are made of (AVIF and GIF are kept as uploaded: no decoder for them here). */
export type DecodableFormat = 'jpeg' | 'png' | 'webp';

// jSquash's typings declare init(options); at run time init(module) instantiates that compiled module.
type Init = (module: WebAssembly.Module) => Promise<unknown>;

// The codecs build their results with `new ImageData(...)`, which workerd does not have; a plain holder does.
(globalThis as { ImageData?: unknown }).ImageData ??= class ImageData {
  readonly data: Uint8ClampedArray;
  readonly width: number;
  readonly height: number;
  constructor(data: Uint8ClampedArray, width: number, height: number) {
    this.data = data;
    this.width = width;
    this.height = height;
  }
};

/** The RGBA pixels of an upload; throws when the bytes do not decode. */
export async function decodeImage(format: DecodableFormat, bytes: ArrayBuffer): Promise<Pixels> {
  switch (format) {
    case 'jpeg':
      await (initJpeg as unknown as Init)(jpegDecoder);
      return decodeJpegWith(bytes);
    case 'webp':
      await (initWebpDecoder as unknown as Init)(webpDecoder);
      return decodeWebpWith(bytes);
    case 'png':
      // wasm-bindgen keeps one instance per isolate (init is a no-op after the first).
      await (initPng as unknown as Init)(pngCodec);
      return decodePngWith(bytes);
  }
}

/** WebP at quality 80 (the encoder's own default is 75; 80 keeps text in photos legible). */
let encoder: Promise<unknown> | undefined;
export async function encodeWebp(pixels: Pixels): Promise<ArrayBuffer> {
  await (encoder ??= (initWebpEncoder as unknown as Init)(webpEncoder));
  return encodeWebpWith(pixels as unknown as Parameters<typeof encodeWebpWith>[0], { quality: 80 });
}
