// What an uploaded file really is, from its first bytes (never from its name or the browser's claimed
// type), and its pixel size from the header: JPEG, PNG, WebP, AVIF and GIF, within a pixel limit. Nothing is decoded.

export type ImageFormat = 'jpeg' | 'png' | 'webp' | 'avif' | 'gif';

export interface ImageInfo {
  format: ImageFormat;
  mime: string;
  ext: string;
  width: number;
  height: number;
}

/**
 * Decompression bombs: a few bytes can claim 4294967295 x 4294967295 pixels, which any later decode
 * (a browser, a thumbnailer) would try to allocate. 50 megapixels is more than a full-frame camera
 * (45 MP) and 16,384 px a side covers wide panoramas (WebP itself stops at 16,383); one RGBA frame
 * at the limit is 200 MB decoded.
 */
export const MAX_PIXELS = 50_000_000;
export const MAX_SIDE = 16_384;

export type SniffResult =
  | { ok: true; image: ImageInfo }
  /** empty: no bytes; unknown: not one of the five formats; truncated: the header ends before the size. */
  | { ok: false; reason: 'empty' | 'unknown' | 'truncated' }
  /** too-large: the header claims more pixels than MAX_PIXELS or a side over MAX_SIDE. */
  | { ok: false; reason: 'too-large'; width: number; height: number };

export const FORMATS: Record<ImageFormat, { mime: string; ext: string }> = {
  jpeg: { mime: 'image/jpeg', ext: 'jpg' },
  png: { mime: 'image/png', ext: 'png' },
  webp: { mime: 'image/webp', ext: 'webp' },
  avif: { mime: 'image/avif', ext: 'avif' },
  gif: { mime: 'image/gif', ext: 'gif' },
};

/** Thrown by the readers below when the bytes end early; caught once, in sniffImage. */
class Truncated extends Error {}

class Bytes {
  readonly b: Uint8Array;
  constructor(b: Uint8Array) {
    this.b = b;
  }
  get length() {
    return this.b.length;
  }
  need(end: number): void {
    if (end > this.b.length) throw new Truncated();
  }
  u8(i: number): number {
    this.need(i + 1);
    return this.b[i]!;
  }
  be16(i: number): number {
    this.need(i + 2);
    return (this.b[i]! << 8) | this.b[i + 1]!;
  }
  le16(i: number): number {
    this.need(i + 2);
    return this.b[i]! | (this.b[i + 1]! << 8);
  }
  le24(i: number): number {
    this.need(i + 3);
    return this.b[i]! | (this.b[i + 1]! << 8) | (this.b[i + 2]! << 16);
  }
  be32(i: number): number {
    this.need(i + 4);
    return ((this.b[i]! << 24) >>> 0) + ((this.b[i + 1]! << 16) | (this.b[i + 2]! << 8) | this.b[i + 3]!);
  }
  le32(i: number): number {
    this.need(i + 4);
    return (this.b[i]! | (this.b[i + 1]! << 8) | (this.b[i + 2]! << 16)) + ((this.b[i + 3]! << 24) >>> 0);
  }
  ascii(i: number, n: number): string {
    this.need(i + n);
    return String.fromCharCode(...this.b.subarray(i, i + n));
  }
  /** Whether the bytes at i equal sig, as far as the file goes (a prefix counts: it is truncated, not foreign). */
  startsWith(sig: readonly number[], i = 0): 'yes' | 'no' | 'prefix' {
    for (let k = 0; k < sig.length; k++) {
      if (i + k >= this.b.length) return 'prefix';
      if (this.b[i + k] !== sig[k]) return 'no';
    }
    return 'yes';
  }
}

type Size = { width: number; height: number };

const PNG_SIG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG_SIG = [0xff, 0xd8, 0xff];
const GIF87 = [...'GIF87a'].map((c) => c.charCodeAt(0));
const GIF89 = [...'GIF89a'].map((c) => c.charCodeAt(0));
const RIFF = [...'RIFF'].map((c) => c.charCodeAt(0));
const WEBP = [...'WEBP'].map((c) => c.charCodeAt(0));
const FTYP = [...'ftyp'].map((c) => c.charCodeAt(0));

function png(b: Bytes): Size {
  // The first chunk must be IHDR: width and height, big-endian, right after its type.
  if (b.ascii(12, 4) !== 'IHDR') throw new Truncated();
  return { width: b.be32(16), height: b.be32(20) };
}

function gif(b: Bytes): Size {
  return { width: b.le16(6), height: b.le16(8) };
}

/** Start-of-frame markers carry the size; C4 (DHT), C8 (JPG) and CC (DAC) share the range but do not. */
const isSof = (m: number) => m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc;

function jpeg(b: Bytes): Size {
  let i = 2;
  for (;;) {
    if (b.u8(i) !== 0xff) throw new Truncated(); // lost in the segment chain: corrupt or cut
    let marker = b.u8(i + 1);
    while (marker === 0xff) marker = b.u8(++i + 1); // fill bytes
    if (isSof(marker)) return { height: b.be16(i + 5), width: b.be16(i + 7) };
    if (marker === 0xd9 || marker === 0xda) throw new Truncated(); // image data or end before any frame header
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      i += 2; // standalone markers have no length
      continue;
    }
    i += 2 + b.be16(i + 2);
  }
}

function webp(b: Bytes): Size {
  const chunk = b.ascii(12, 4);
  if (chunk === 'VP8 ') {
    // Lossy: a key frame starts with the start code 9D 01 2A, then 14-bit width and height.
    if (b.u8(23) !== 0x9d || b.u8(24) !== 0x01 || b.u8(25) !== 0x2a) throw new Truncated();
    return { width: b.le16(26) & 0x3fff, height: b.le16(28) & 0x3fff };
  }
  if (chunk === 'VP8L') {
    if (b.u8(20) !== 0x2f) throw new Truncated();
    const bits = b.le32(21);
    return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
  }
  if (chunk === 'VP8X') return { width: b.le24(24) + 1, height: b.le24(27) + 1 };
  throw new Truncated();
}

interface Box {
  type: string;
  /** Where the box's content starts (after its header) and where the box ends. */
  start: number;
  end: number;
}

/** The boxes (ISO BMFF) between from and to. */
function boxes(b: Bytes, from: number, to: number): Box[] {
  const out: Box[] = [];
  let i = from;
  while (i + 8 <= to) {
    let size = b.be32(i);
    const type = b.ascii(i + 4, 4);
    let header = 8;
    if (size === 1) {
      // 64-bit size; anything beyond 2^32 is beyond an upload anyway.
      if (b.be32(i + 8) !== 0) throw new Truncated();
      size = b.be32(i + 12);
      header = 16;
    } else if (size === 0) {
      size = to - i;
    }
    if (size < header) throw new Truncated();
    const end = i + size;
    if (end > to) throw new Truncated();
    out.push({ type, start: i + header, end });
    i = end;
  }
  return out;
}

function avifBrands(b: Bytes): boolean {
  const size = b.be32(0);
  if (size < 16) return false;
  b.need(size);
  const brands = [b.ascii(8, 4)]; // the major brand; then the minor version (skipped), then compatible brands
  for (let i = 16; i + 4 <= size; i += 4) brands.push(b.ascii(i, 4));
  return brands.some((brand) => brand === 'avif' || brand === 'avis');
}

/**
 * AVIF: the size is the `ispe` property of the primary item (meta > pitm, iprp > ipco + ipma).
 * Without pitm/ipma the first ispe is taken.
 */
function avif(b: Bytes): Size {
  const meta = boxes(b, 0, b.length).find((x) => x.type === 'meta');
  if (!meta) throw new Truncated();
  const inMeta = boxes(b, meta.start + 4, meta.end); // meta is a full box: 4 bytes of version and flags
  const iprp = inMeta.find((x) => x.type === 'iprp');
  if (!iprp) throw new Truncated();
  const inIprp = boxes(b, iprp.start, iprp.end);
  const ipco = inIprp.find((x) => x.type === 'ipco');
  if (!ipco) throw new Truncated();
  const properties = boxes(b, ipco.start, ipco.end);
  const ispe = (box: Box | undefined): Size | null =>
    box?.type === 'ispe' ? { width: b.be32(box.start + 4), height: b.be32(box.start + 8) } : null;

  const pitm = inMeta.find((x) => x.type === 'pitm');
  const ipma = inIprp.find((x) => x.type === 'ipma');
  if (pitm && ipma) {
    const primary = b.u8(pitm.start) === 0 ? b.be16(pitm.start + 4) : b.be32(pitm.start + 4);
    const version = b.u8(ipma.start);
    const wide = (b.u8(ipma.start + 3) & 1) === 1;
    let i = ipma.start + 4;
    const entries = b.be32(i);
    i += 4;
    for (let e = 0; e < entries; e++) {
      const item = version < 1 ? b.be16(i) : b.be32(i);
      i += version < 1 ? 2 : 4;
      const count = b.u8(i++);
      for (let a = 0; a < count; a++) {
        const index = wide ? b.be16(i) & 0x7fff : b.u8(i) & 0x7f;
        i += wide ? 2 : 1;
        if (item === primary) {
          const size = ispe(properties[index - 1]);
          if (size) return size;
        }
      }
    }
  }
  const first = ispe(properties.find((x) => x.type === 'ispe'));
  if (!first) throw new Truncated();
  return first;
}

function identify(b: Bytes): ImageFormat | 'prefix' | null {
  const checks: [ImageFormat, () => 'yes' | 'no' | 'prefix'][] = [
    ['png', () => b.startsWith(PNG_SIG)],
    ['jpeg', () => b.startsWith(JPEG_SIG)],
    ['gif', () => {
      const a = b.startsWith(GIF87);
      return a === 'no' ? b.startsWith(GIF89) : a;
    }],
    ['webp', () => {
      const riff = b.startsWith(RIFF);
      return riff === 'yes' ? b.startsWith(WEBP, 8) : riff;
    }],
    ['avif', () => {
      const ftyp = b.startsWith(FTYP, 4);
      if (ftyp !== 'yes') return ftyp;
      try {
        return avifBrands(b) ? 'yes' : 'no';
      } catch {
        return 'prefix';
      }
    }],
  ];
  let prefix = false;
  for (const [format, check] of checks) {
    const verdict = check();
    if (verdict === 'yes') return format;
    if (verdict === 'prefix') prefix = true;
  }
  return prefix ? 'prefix' : null;
}

const SIZE_OF: Record<ImageFormat, (b: Bytes) => Size> = { png, jpeg, gif, webp, avif };

/** What the bytes are, with their pixel size; a file that is not entirely one of the five formats is refused. */
export function sniffImage(bytes: Uint8Array): SniffResult {
  if (bytes.length === 0) return { ok: false, reason: 'empty' };
  const b = new Bytes(bytes);
  const format = identify(b);
  // A file shorter than a signature it starts like is a cut-off image, not a foreign file.
  if (format === 'prefix') return { ok: false, reason: 'truncated' };
  if (format === null) return { ok: false, reason: 'unknown' };
  try {
    const { width, height } = SIZE_OF[format](b);
    if (width < 1 || height < 1) return { ok: false, reason: 'truncated' };
    if (width > MAX_SIDE || height > MAX_SIDE || width * height > MAX_PIXELS) return { ok: false, reason: 'too-large', width, height };
    return { ok: true, image: { format, ...FORMATS[format], width, height } };
  } catch (error) {
    if (error instanceof Truncated) return { ok: false, reason: 'truncated' };
    throw error;
  }
}
