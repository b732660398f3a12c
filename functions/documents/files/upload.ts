// Document file uploads: size and type checks on the bytes (sniff.ts), a server-made R2 key under the
// site's space that is never reused, then the unattached row in D1 (functions/data/document-files.ts).
// Nothing is stored for a refused file; a row that cannot be written takes its object with it.
import { vietnamDay } from '../../content/dates.ts';
import { createDocumentFile, type DocumentFile } from '../../data/document-files.ts';
import { database } from '../../data/db.ts';
import { sniffDocument, type DocumentFileKind } from './sniff.ts';

/**
 * 20 MB per file. The Worker holds the file in memory to check its bytes and, for a PDF, to read its
 * text (pdf.js needs a few times the file), within an isolate's 128 MB; Workers accept request bodies
 * up to 100 MB (Free and Pro plans), so a form with several files fits too. A signed decision with its
 * annexes is a few MB; larger scans belong in several files or a ZIP.
 */
export const MAX_DOCUMENT_FILE_BYTES = 20 * 1024 * 1024;

/** The longest original name kept (file systems stop at 255 bytes; Vietnamese letters take 2-3 each). */
export const MAX_FILE_NAME_LENGTH = 200;

export type FileProblem = 'empty' | 'too-big' | 'not-document' | 'truncated';

export type FileCheck = { ok: true; kind: DocumentFileKind; bytes: Uint8Array } | { ok: false; problem: FileProblem; message: string };

const megabytes = (bytes: number) => `${(bytes / (1024 * 1024)).toLocaleString('vi-VN', { maximumFractionDigits: 1 })} MB`;

/** What the admin reads next to the upload field (the API's problem carries it as its detail too). */
export function fileMessage(problem: FileProblem, file: { name?: string; size: number }): string {
  const name = file.name ? `"${file.name}"` : 'Tệp';
  switch (problem) {
    case 'empty':
      return `Tệp ${name} trống (0 byte). Vui lòng chọn lại tệp.`;
    case 'too-big':
      return `Tệp ${name} quá lớn (${megabytes(file.size)}). Dung lượng tối đa mỗi tệp là 20 MB: hãy chia nhỏ hoặc nén tệp rồi tải lại.`;
    case 'truncated':
      return `Tệp ${name} bị hỏng hoặc chưa được tải lên trọn vẹn. Vui lòng chọn lại tệp.`;
    case 'not-document': {
      const ext = /\.([A-Za-z0-9]{1,5})$/.exec(file.name ?? '')?.[1];
      const named = ext ? ` (dù tên tệp có đuôi .${ext.toLowerCase()})` : '';
      return `Tệp ${name} không phải văn bản PDF, Word (DOC, DOCX, ODT), bảng tính (XLS, XLSX, ODS) hoặc tệp nén ZIP${named}. Vui lòng chọn đúng tệp văn bản.`;
    }
  }
}

/** Checks an upload by its bytes; the size is checked before anything is read. */
export async function checkDocumentFile(file: Blob & { name?: string }): Promise<FileCheck> {
  const fail = (problem: FileProblem): FileCheck => ({ ok: false, problem, message: fileMessage(problem, file) });
  if (file.size === 0) return fail('empty');
  if (file.size > MAX_DOCUMENT_FILE_BYTES) return fail('too-big');
  const bytes = new Uint8Array(await file.arrayBuffer());
  const sniffed = await sniffDocument(bytes);
  if (sniffed.ok) return { ok: true, kind: sniffed.kind, bytes };
  return fail(sniffed.reason === 'unknown' ? 'not-document' : sniffed.reason);
}

/** The R2 key: documents/<site>/<Vietnam year>/<month>/<128 random bits>.<ext of the real type>. */
export function documentFileKey(siteId: number, kind: Pick<DocumentFileKind, 'ext'>, now: Date): string {
  const [year, month] = vietnamDay(now).split('-');
  const random = [...crypto.getRandomValues(new Uint8Array(16))].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `documents/${siteId}/${year}/${month}/${random}.${kind.ext}`;
}

/**
 * The name kept and shown: the uploader's base name (a browser may send a path), without control
 * characters, at most MAX_FILE_NAME_LENGTH characters with its extension kept; the real type's
 * extension when it had none.
 */
export function cleanFileName(name: string | undefined, kind: Pick<DocumentFileKind, 'ext'>): string {
  // Browsers escape a quote in a multipart file name as %22 (HTML's form encoding): the name had a quote.
  const base = (name ?? '').replaceAll('%22', '"').normalize('NFC').split(/[\\/]/).pop()!.replace(/[\p{Cc}\p{Cf}]/gu, '').trim();
  const fallback = `tep.${kind.ext}`;
  if (base === '' || base === '.' || base === '..') return fallback;
  const named = /\.[A-Za-z0-9]{1,5}$/.test(base) ? base : `${base}.${kind.ext}`;
  if (named.length <= MAX_FILE_NAME_LENGTH) return named;
  const ext = /\.[A-Za-z0-9]{1,5}$/.exec(named)![0];
  return named.slice(0, MAX_FILE_NAME_LENGTH - ext.length).trimEnd() + ext;
}

export type StoredFile = { ok: true; file: DocumentFile; bytes: Uint8Array } | { ok: false; problem: FileProblem; message: string };

/** Checks the upload and, if it is a document, stores it unattached for the site (bytes returned for the PDF text reader). */
export async function storeDocumentFile(env: Env, siteId: number, upload: Blob & { name?: string }, uploadedBy: string, now: Date): Promise<StoredFile> {
  const checked = await checkDocumentFile(upload);
  if (!checked.ok) return checked;
  const { kind, bytes } = checked;
  const key = documentFileKey(siteId, kind, now);
  const name = cleanFileName(upload.name, kind);
  await env.MEDIA.put(key, bytes, {
    httpMetadata: { contentType: kind.mime, cacheControl: 'public, max-age=31536000, immutable' },
    customMetadata: { uploadedBy, uploadedAt: now.toISOString() },
  });
  try {
    const file = await createDocumentFile(database(env.DB), { siteId, key, name, size: bytes.length, contentType: kind.mime }, now);
    return { ok: true, file, bytes };
  } catch (error) {
    await env.MEDIA.delete(key);
    throw error;
  }
}
