// POST /admin/xem-truoc-noi-dung: the live preview's renderer. The body (Markdown, as text) comes from
// /admin/editor.js with the X-CSRF-Token header (checked by the middleware); the answer is the same
// sanitized HTML a save would store, as JSON, never cached.
import type { APIRoute } from 'astro';
import { renderMarkdown } from '../../../functions/content/markdown.ts';
import { measureMarkdown } from '../../../functions/content/markdown-limits.ts';
import { adminMediaPaths } from '../../admin/media-admin.ts';
import { markdownTooComplexMessage } from '../../../site/admin/strings.ts';

/** As the API's body limit (ArticleCreate: 500,000 characters, up to 4 bytes each in UTF-8). */
const MAX_BYTES = 2_000_000;

export const POST: APIRoute = async ({ request }) => {
  const headers = { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'private, no-store' };
  if (Number(request.headers.get('Content-Length') ?? 0) > MAX_BYTES) {
    return new Response(JSON.stringify({ error: 'Nội dung quá dài để xem trước.' }), { status: 413, headers });
  }
  const markdown = await request.text();
  if (markdown.length > 500_000) return new Response(JSON.stringify({ error: 'Nội dung quá dài để xem trước.' }), { status: 413, headers });
  // Bounded like a save: a body over the rendering limits is refused before it is parsed.
  const { excess } = measureMarkdown(markdown.normalize('NFC'));
  if (excess) return new Response(JSON.stringify({ error: markdownTooComplexMessage(excess) }), { status: 422, headers });
  return new Response(JSON.stringify({ html: adminMediaPaths(await renderMarkdown(markdown)) }), { headers });
};
