// POST /admin/chuyen-noi-dung-dan: the body editor's paste converter. The clipboard's text/html (from Word,
// LibreOffice, Google Docs, a web page) comes with the X-CSRF-Token header (checked by the middleware,
// as the preview's); the answer is the Markdown to insert and how many images could not come along.
import type { APIRoute } from 'astro';
import { HtmlTooComplex, htmlToMarkdown, MAX_HTML_CHARS } from '../../../functions/content/html-to-markdown.ts';
import { PASTE_CONVERT } from '../../admin/strings.ts';
import { jsonAnswer } from '../../admin/json-answer.ts';

/**
 * Bytes of clipboard HTML taken (the contract's 2 MB). UTF-8 never decodes to more UTF-16 units than it has
 * bytes, so what passes here is within htmlToMarkdown's character bound: its HtmlTooLarge cannot happen.
 */
const MAX_BYTES = MAX_HTML_CHARS;

/** The body as text, or null once it passes MAX_BYTES: read in chunks, so a body without Content-Length is bounded too. */
async function readUpTo(request: Request, max: number): Promise<string | null> {
  if (!request.body) return '';
  const reader = request.body.getReader();
  const decoder = new TextDecoder();
  let bytes = 0;
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return text + decoder.decode();
    bytes += value.byteLength;
    if (bytes > max) {
      await reader.cancel();
      return null;
    }
    text += decoder.decode(value, { stream: true });
  }
}

export const POST: APIRoute = async ({ request }) => {
  if (Number(request.headers.get('Content-Length') ?? 0) > MAX_BYTES) return jsonAnswer(413, { error: PASTE_CONVERT.tooLarge });
  const html = await readUpTo(request, MAX_BYTES);
  if (html === null) return jsonAnswer(413, { error: PASTE_CONVERT.tooLarge });
  try {
    return jsonAnswer(200, htmlToMarkdown(html));
  } catch (error) {
    if (error instanceof HtmlTooComplex) return jsonAnswer(422, { error: PASTE_CONVERT.tooComplex(error.tags, error.limit) });
    // Whatever else a converter step throws on some input the editor falls back to plain text: a 4xx, logged.
    console.error('paste conversion failed', error);
    return jsonAnswer(422, { error: PASTE_CONVERT.failed });
  }
};
