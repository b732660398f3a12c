// POST /api/v1/document-files: upload one file (multipart/form-data, field "file") for a document not yet
// saved or being edited; the answer's id goes into the document's `files` when it is written. Refused
// files (not a document by their bytes, empty, cut off, too big) store nothing. A PDF's text is read
// after the answer has left (text.ts).
import { paths, siteOf } from '../../http/origin.ts';
import { HttpError } from '../../http/problem.ts';
import { sendWrite } from '../../http/respond.ts';
import type { WriteHandler } from '../../http/auth.ts';
import { indexPdfText } from './text.ts';
import { MAX_DOCUMENT_FILE_BYTES, storeDocumentFile, type FileProblem } from './upload.ts';
import type { DocumentFile } from '../../data/document-files.ts';

/** The multipart envelope around the file (boundaries, headers): generous. */
const ENVELOPE_BYTES = 64 * 1024;

const STATUS: Record<FileProblem, { status: number; type: string; detail: string }> = {
  'not-document': { status: 415, type: 'unsupported-file-type', detail: 'The file is not a PDF, DOC, DOCX, ODT, XLS, XLSX, ODS or ZIP by its content (its name does not count).' },
  empty: { status: 422, type: 'empty-file', detail: 'The file is empty.' },
  truncated: { status: 422, type: 'truncated-file', detail: 'The file is cut off or damaged: its structure ends early.' },
  'too-big': { status: 413, type: 'file-too-large', detail: `The file is larger than ${MAX_DOCUMENT_FILE_BYTES / (1024 * 1024)} MB.` },
};

/** The public shape of an uploaded file (as documents list their files, plus the id to attach it by). */
export function documentFileJson(file: DocumentFile, origin: string) {
  return { id: file.id, url: origin + paths.documentFile(file.id, file.name), name: file.name, size: file.size, contentType: file.contentType, downloads: file.downloads };
}

export const uploadDocumentFile: WriteHandler = async (request, env, ctx, token) => {
  const now = new Date();
  const site = siteOf(request, env);
  if (Number(request.headers.get('Content-Length') ?? '0') > MAX_DOCUMENT_FILE_BYTES + ENVELOPE_BYTES) {
    const { status, type, detail } = STATUS['too-big'];
    throw new HttpError(status, type, detail);
  }
  if (!(request.headers.get('Content-Type') ?? '').toLowerCase().startsWith('multipart/form-data')) {
    throw new HttpError(415, 'unsupported-media-type', 'Send the file as multipart/form-data in the field "file".');
  }
  const form = await request.formData().catch(() => null);
  const upload = form?.get('file');
  if (!upload || typeof upload === 'string') {
    throw new HttpError(422, 'validation-failed', 'The form has no file in the field "file".', { errors: [{ field: 'file', message: 'Required: one file.' }] });
  }
  const stored = await storeDocumentFile(env, site.id, upload, `token:${token.id}`, now);
  if (!stored.ok) {
    const { status, type, detail } = STATUS[stored.problem];
    // The Vietnamese message is the one editors read in the admin: clients may show it as it is.
    throw new HttpError(status, type, detail, { errors: [{ field: 'file', message: stored.message }] });
  }
  ctx.waitUntil(indexPdfText(env, stored.file, stored.bytes, now));
  const json = documentFileJson(stored.file, site.origin);
  return sendWrite(json, 201, { Location: json.url });
};
