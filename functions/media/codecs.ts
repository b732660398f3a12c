// The image codecs (jSquash: Squoosh's mozjpeg, libpng and libwebp compiled to WebAssembly), bundled
// as .wasm modules so nothing is fetched at run time. The JPEG and WebP decoders get a fresh instance per
// upload, held here only while decoding (not in jSquash's module-level cache): an Emscripten heap only
// grows, and one sized for a big photo (56 MB for 6 MP) must be garbage before the copies are encoded,
// not sit in the isolate beside them and every later request. The WebP encoder (a 17-20 MB heap for a
// 1024 px copy) is one instance per upload for the same reason: nothing of an upload stays behind.
import mozjpegDecoder from '@jsquash/jpeg/codec/dec/mozjpeg_dec.js';
import jpegDecoder from '@jsquash/jpeg/codec/dec/mozjpeg_dec.wasm';
import { initEmscriptenModule } from '@jsquash/jpeg/utils.js';
import decodePngWith, { init as initPng } from '@jsquash/png/decode.js';
// ?module: the package ships a .d.ts for its .wasm (its exports); the suffix asks for the compiled module, typed in functions/wasm.d.ts.
import pngCodec from '@jsquash/png/codec/pkg/squoosh_png_bg.wasm?module';
import libwebpDecoder from '@jsquash/webp/codec/dec/webp_dec.js';
import webpDecoder from '@jsquash/webp/codec/dec/webp_dec.wasm';
import libwebpEncoder from '@jsquash/webp/codec/enc/webp_enc_simd.js';
import webpEncoderWasm from '@jsquash/webp/codec/enc/webp_enc_simd.wasm';
import { defaultOptions as webpDefaults } from '@jsquash/webp/meta.js';
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

const decoded = (image: Pixels | null): Pixels => {
  if (!image) throw new Error('Decoding error');
  return image;
};

/** The RGBA pixels of an upload; throws when the bytes do not decode. */
export async function decodeImage(format: DecodableFormat, bytes: ArrayBuffer): Promise<Pixels> {
  switch (format) {
    case 'jpeg':
      return decoded((await initEmscriptenModule(mozjpegDecoder, jpegDecoder)).decode(bytes, false));
    case 'webp':
      return decoded((await initEmscriptenModule(libwebpDecoder, webpDecoder)).decode(bytes));
    case 'png':
      // wasm-bindgen keeps one instance per isolate (init is a no-op after the first).
      await (initPng as unknown as Init)(pngCodec);
      return decodePngWith(bytes);
  }
}

/** An encoder for one upload's copies: WebP at quality 80 (libwebp's default is 75; 80 keeps text in photos legible). */
export async function webpEncoder(): Promise<(pixels: Pixels) => ArrayBuffer> {
  const module = await initEmscriptenModule(libwebpEncoder, webpEncoderWasm);
  return (pixels) => {
    const result = module.encode(pixels.data, pixels.width, pixels.height, { ...webpDefaults, quality: 80 });
    if (!result) throw new Error('Encoding error');
    return result.buffer as ArrayBuffer;
  };
}
