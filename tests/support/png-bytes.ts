// Real PNGs made with the platform's own deflate (CompressionStream), for tests in the `pages` project,
// which cannot load the codecs' Emscripten glue (tests/support/photos.ts): a gradient of any size, and a
// PNG whose header claims a size its data does not have (what the upload checks read before decoding).

const CRC = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

const be32 = (n: number) => [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];

function chunk(type: string, data: Uint8Array): number[] {
  const body = new Uint8Array([...[...type].map((c) => c.charCodeAt(0)), ...data]);
  return [...be32(data.length), ...body, ...be32(crc32(body))];
}

async function deflate(raw: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([raw]).stream().pipeThrough(new CompressionStream('deflate'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

async function png(width: number, height: number, rows: { width: number; height: number }): Promise<Uint8Array> {
  const raw = new Uint8Array(rows.height * (1 + rows.width * 3));
  for (let y = 0; y < rows.height; y++) {
    for (let x = 0; x < rows.width; x++) {
      const i = y * (1 + rows.width * 3) + 1 + x * 3;
      raw[i] = (x * 255) / rows.width;
      raw[i + 1] = (y * 255) / rows.height;
      raw[i + 2] = 120;
    }
  }
  const header = new Uint8Array([...be32(width), ...be32(height), 8, 2, 0, 0, 0]);
  return new Uint8Array([
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a,
    ...chunk('IHDR', header), ...chunk('IDAT', await deflate(raw)), ...chunk('IEND', new Uint8Array()),
  ]);
}

/** A real RGB PNG of that size. */
export const gradientPng = (width: number, height: number) => png(width, height, { width, height });

/** A PNG whose header says width x height over a few rows of data. */
export const pngClaiming = (width: number, height: number) => png(width, height, { width: 4, height: 4 });
