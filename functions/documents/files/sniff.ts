// What an uploaded document file really is, from its bytes (never its name or the browser's claim):
// PDF, Word (DOC, DOCX, ODT), spreadsheet (XLS, XLSX, ODS) or a ZIP archive. file-type (a well-kept
// detector) tells the ZIP-based formats apart by their parts ([Content_Types].xml and word/ or xl/ for
// OOXML, the first entry `mimetype` for OpenDocument); OLE2 files are told apart by their streams
// (ole2.ts). A file must also be whole: a PDF ends with %%EOF, a ZIP with its central directory.
import { fileTypeFromBuffer } from 'file-type';
import { ole2EntryNames, Ole2Truncated, OLE2_SIGNATURE } from './ole2.ts';

export type DocumentFormat = 'pdf' | 'doc' | 'docx' | 'odt' | 'xls' | 'xlsx' | 'ods' | 'zip';

export interface DocumentFileKind {
  format: DocumentFormat;
  /** The type the file is served with. */
  mime: string;
  /** The extension of its R2 key (and of the name shown when the original had none). */
  ext: DocumentFormat;
}

export const DOCUMENT_FORMATS: Record<DocumentFormat, string> = {
  pdf: 'application/pdf',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  odt: 'application/vnd.oasis.opendocument.text',
  xls: 'application/vnd.ms-excel',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  ods: 'application/vnd.oasis.opendocument.spreadsheet',
  zip: 'application/zip',
};

export type DocumentSniff =
  | { ok: true; kind: DocumentFileKind }
  /** empty: no bytes; unknown: none of the formats (an executable, HTML, an image...); truncated: cut off. */
  | { ok: false; reason: 'empty' | 'unknown' | 'truncated'; detected?: string };

const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));
const PDF = ascii('%PDF-');
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const SIGNATURES = [PDF, ZIP, [...OLE2_SIGNATURE]];

/** The file is shorter than a signature it starts like: a cut-off document, not a foreign file. */
function isSignaturePrefix(bytes: Uint8Array): boolean {
  return bytes.length < 8 && SIGNATURES.some((sig) => bytes.length < sig.length && bytes.every((b, i) => b === sig[i]));
}

function lastIndexOf(bytes: Uint8Array, needle: number[], from: number): number {
  for (let i = bytes.length - needle.length; i >= from; i--) {
    if (needle.every((b, k) => bytes[i + k] === b)) return i;
  }
  return -1;
}

/** A PDF's last bytes hold %%EOF (the spec puts it at the end; writers add at most a line break or some padding). */
const pdfIsWhole = (bytes: Uint8Array) => lastIndexOf(bytes, ascii('%%EOF'), Math.max(0, bytes.length - 1024)) >= 0;

/**
 * A ZIP ends with its end-of-central-directory record (22 bytes and a comment of at most 64 KiB), whose
 * central directory lies before it: an upload cut anywhere after the first entries fails one of the two.
 */
function zipIsWhole(bytes: Uint8Array): boolean {
  const at = lastIndexOf(bytes, [0x50, 0x4b, 0x05, 0x06], Math.max(0, bytes.length - 22 - 0xffff));
  if (at < 0 || at + 22 > bytes.length) return false;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const size = view.getUint32(at + 12, true);
  const offset = view.getUint32(at + 16, true);
  if (size === 0xffffffff || offset === 0xffffffff) return true; // ZIP64: past any upload we accept
  return offset + size <= at && view.getUint32(offset, true) === 0x02014b50;
}

function ole2Kind(bytes: Uint8Array): DocumentSniff {
  try {
    const names = new Set(ole2EntryNames(bytes));
    if (names.has('WordDocument')) return known('doc');
    if (names.has('Workbook') || names.has('Book')) return known('xls');
    return { ok: false, reason: 'unknown', detected: 'cfb' };
  } catch (error) {
    return { ok: false, reason: error instanceof Ole2Truncated ? 'truncated' : 'unknown', detected: 'cfb' };
  }
}

const known = (format: DocumentFormat): DocumentSniff => ({ ok: true, kind: { format, mime: DOCUMENT_FORMATS[format], ext: format } });

const ZIP_BASED = new Set<string>(['docx', 'xlsx', 'odt', 'ods', 'zip']);

export async function sniffDocument(bytes: Uint8Array): Promise<DocumentSniff> {
  if (bytes.length === 0) return { ok: false, reason: 'empty' };
  if (isSignaturePrefix(bytes)) return { ok: false, reason: 'truncated' };
  const detected = await fileTypeFromBuffer(bytes);
  if (!detected) return { ok: false, reason: 'unknown' };
  if (detected.ext === 'pdf') return pdfIsWhole(bytes) ? known('pdf') : { ok: false, reason: 'truncated', detected: 'pdf' };
  if (detected.ext === 'cfb') return ole2Kind(bytes);
  if (ZIP_BASED.has(detected.ext)) {
    return zipIsWhole(bytes) ? known(detected.ext as DocumentFormat) : { ok: false, reason: 'truncated', detected: detected.ext };
  }
  return { ok: false, reason: 'unknown', detected: detected.ext };
}
