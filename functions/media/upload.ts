// Image uploads into R2 (MEDIA): size and type checks (magic bytes, never the name or the browser's
// claim), a server-made key (2026/11/<random>.<ext>) under the site's prefix, the pixel size kept in the
// object's metadata, and smaller WebP copies made once (copies.ts) for srcset. A photo over 6 MP is kept
// as uploaded without copies (decoding it would not fit in a Worker's memory).
import type { DecodableFormat } from './codecs.ts';
import { copyKey, DECODABLE_FORMATS, formatWidths, overCopyLimit } from './copy-keys.ts';
import { makeCopies } from './copies.ts';
import { mediaObjectKey } from './object-key.ts';
import { mediaKey } from './upload-key.ts';
import { MAX_PIXELS, MAX_SIDE, sniffImage, type ImageInfo } from './sniff.ts';

export { mediaKey };

export const MAX_IMAGE_BYTES = 10 * 1024 * 1024;

export type UploadProblem = 'empty' | 'too-big' | 'not-image' | 'truncated' | 'too-many-pixels';

export type ImageCheck = { ok: true; image: ImageInfo } | { ok: false; problem: UploadProblem; message: string };

const megabytes = (bytes: number) =>
  `${(bytes / (1024 * 1024)).toLocaleString('vi-VN', { maximumFractionDigits: 1 })} MB`;

/** What the editor reads next to the upload field. */
export function uploadMessage(problem: UploadProblem, file: { name?: string; size: number }, pixels?: { width: number; height: number }): string {
  const n = (x: number) => x.toLocaleString('vi-VN');
  switch (problem) {
    case 'too-many-pixels': {
      const size = pixels ? ` (${n(pixels.width)} × ${n(pixels.height)} điểm ảnh)` : '';
      return `Ảnh có kích thước quá lớn${size}. Tối đa ${n(MAX_PIXELS / 1_000_000)} megapixel và ${n(MAX_SIDE)} điểm ảnh mỗi chiều: hãy thu nhỏ ảnh rồi tải lại.`;
    }
    case 'empty':
      return 'Tệp ảnh trống (0 byte). Vui lòng chọn lại ảnh.';
    case 'too-big':
      return `Ảnh quá lớn (${megabytes(file.size)}). Dung lượng tối đa là 10 MB: hãy thu nhỏ ảnh rồi tải lại.`;
    case 'truncated':
      return 'Tệp ảnh bị hỏng hoặc chưa được tải lên trọn vẹn. Vui lòng chọn lại ảnh.';
    case 'not-image': {
      const ext = /\.([A-Za-z0-9]{1,5})$/.exec(file.name ?? '')?.[1];
      const named = ext ? ` (dù tên tệp có đuôi .${ext.toLowerCase()})` : '';
      return `Tệp này không phải ảnh JPEG, PNG, WebP, AVIF hoặc GIF${named}. Vui lòng chọn đúng tệp ảnh.`;
    }
  }
}

/** Checks the bytes of an upload; the size is checked before anything is read. */
export async function checkImage(file: Blob & { name?: string }): Promise<ImageCheck> {
  const fail = (problem: UploadProblem): ImageCheck => ({ ok: false, problem, message: uploadMessage(problem, file) });
  if (file.size === 0) return fail('empty');
  if (file.size > MAX_IMAGE_BYTES) return fail('too-big');
  const sniffed = sniffImage(new Uint8Array(await file.arrayBuffer()));
  if (sniffed.ok) return { ok: true, image: sniffed.image };
  if (sniffed.reason === 'too-large') {
    return { ok: false, problem: 'too-many-pixels', message: uploadMessage('too-many-pixels', file, sniffed) };
  }
  return fail(sniffed.reason === 'empty' ? 'empty' : sniffed.reason === 'truncated' ? 'truncated' : 'not-image');
}

/** `tooLargeForCopies`: a JPEG/PNG/WebP over 6 MP, kept as uploaded without copies (pages use the original). */
export type StoredImage =
  | { ok: true; key: string; image: ImageInfo; widths: number[]; tooLargeForCopies: boolean }
  | { ok: false; problem: UploadProblem; message: string };

/** Checks the upload and, if it is a good image, stores it for the site under a fresh key (returned: the key its content uses). */
export async function storeImage(bucket: R2Bucket, siteId: number, file: Blob & { name?: string }, uploadedBy: string, now: Date): Promise<StoredImage> {
  const checked = await checkImage(file);
  if (!checked.ok) return checked;
  const { image } = checked;
  const key = mediaKey(image, now);
  const bytes = await file.arrayBuffer();
  const uploadedAt = now.toISOString();
  const decodable = DECODABLE_FORMATS.includes(image.format);
  // Decided from the header's size: the pixels of a photo this large are never read here (copy-keys.ts).
  const tooLargeForCopies = decodable && overCopyLimit(image);
  if (tooLargeForCopies) {
    console.info(`media: a ${image.format} upload of ${image.width}x${image.height} (over 6 MP) kept without copies, by ${uploadedBy}`);
  }
  const widths = decodable && !tooLargeForCopies
    ? await makeCopies({ bucket, objectKey: (width) => mediaObjectKey(siteId, copyKey(key, width)), uploadedAt }, image.format as DecodableFormat, bytes, image)
    : [];
  // The original last, so its metadata lists exactly the copies that exist.
  await bucket.put(mediaObjectKey(siteId, key), bytes, {
    httpMetadata: { contentType: image.mime, cacheControl: 'public, max-age=31536000, immutable' },
    customMetadata: {
      width: String(image.width), height: String(image.height), widths: formatWidths(widths), uploadedBy, uploadedAt,
      ...(tooLargeForCopies ? { copies: 'none: over 6 MP' } : {}),
    },
  });
  return { ok: true, key, image, widths, tooLargeForCopies };
}
