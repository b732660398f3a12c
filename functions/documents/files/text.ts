// The text layer of uploaded PDFs for the documents' search (documents_fts.files). Read in the Worker
// with unpdf (pdf.js's serverless build) after the upload has answered (ctx.waitUntil), within caps that
// keep it inside Workers' limits: PDFs up to PDF_TEXT_MAX_BYTES, the first PDF_TEXT_MAX_PAGES pages, at
// most FILE_TEXT_MAX_CHARS characters. Measured here (README): a warm isolate reads a page in about 8 ms;
// 50 pages of dense text in about 0.4 s; the first use in an isolate loads pdf.js (about 1-2 s). The text
// waits in R2 next to the file (<key>.txt), so D1 rows stay small, until the file's document is indexed.
import { getDocumentProxy } from 'unpdf';
import { foldVietnamese } from '../../content/fold.ts';
import { markTextIndexed } from '../../data/document-files.ts';
import { database } from '../../data/db.ts';
import { siteChanged } from '../../articles/service.ts';
import { refreshDocumentFilesText } from './search-text.ts';

/** Bigger PDFs are scans (no text layer worth the CPU) or books: not read. */
export const PDF_TEXT_MAX_BYTES = 10 * 1024 * 1024;
export const PDF_TEXT_MAX_PAGES = 50;
/** Per file and per document (the FTS row's files column): 100 KB of folded text is ~15,000 words. */
export const FILE_TEXT_MAX_CHARS = 100_000;

export const textKeyOf = (fileKey: string) => `${fileKey}.txt`;

/** The folded text of the PDF's first pages, capped; '' for a PDF without a text layer. */
export async function pdfText(bytes: Uint8Array): Promise<string> {
  // pdf.js takes ownership of (detaches) the buffer it is given: hand it a copy.
  const pdf = await getDocumentProxy(bytes.slice());
  try {
    const pages: string[] = [];
    let length = 0;
    for (let n = 1; n <= Math.min(pdf.numPages, PDF_TEXT_MAX_PAGES) && length < FILE_TEXT_MAX_CHARS; n++) {
      const page = await pdf.getPage(n);
      const content = await page.getTextContent();
      const text = foldVietnamese(content.items.map((item) => ('str' in item ? item.str : ' ')).join(' '));
      pages.push(text);
      length += text.length + 1;
    }
    return pages.join(' ').slice(0, FILE_TEXT_MAX_CHARS);
  } finally {
    await pdf.loadingTask.destroy();
  }
}

/**
 * Reads an uploaded PDF's text into its sidecar, marks the file indexed, and refreshes its document's
 * search row if it is attached already (the admin's form uploads and saves in one request; otherwise the
 * write that attaches it refreshes, functions/documents/service.ts). Run after the upload answered; a
 * failure is logged and the file simply has no text in the search.
 */
export async function indexPdfText(env: Env, file: { id: number; siteId: number; key: string; size: number; contentType: string }, bytes: Uint8Array, now: Date): Promise<void> {
  if (file.contentType !== 'application/pdf' || file.size > PDF_TEXT_MAX_BYTES) return;
  try {
    const text = await pdfText(bytes);
    await env.MEDIA.put(textKeyOf(file.key), text, { httpMetadata: { contentType: 'text/plain; charset=utf-8' } });
    const documentId = await markTextIndexed(database(env.DB), file.id, now);
    // Text that reaches a saved document changes what its site's searches find: the site's cached
    // answers move on through the write door, as after any write.
    if (documentId !== null && (await refreshDocumentFilesText(env, documentId)) === 'written') await siteChanged(env, file.siteId, now);
  } catch (error) {
    console.error(`document file ${file.id}: PDF text not read:`, (error as Error).message);
  }
}
