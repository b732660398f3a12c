// GET /admin/thu-vien/anh/<key>: an image of the session's working site, for the admin's own pages. The admin
// lives on the platform's first host, where /media/<key> is the first site's: a commune editor's photos
// (preview, library, dialogs, cover) would not be found there. Readers keep /media/<key> on the site's host.
import type { APIRoute } from 'astro';
import { env } from 'cloudflare:workers';
import { mediaObjectKey } from '../../../../../functions/media/object-key.ts';
import { isMediaKey } from '../../../../../functions/media/serve.ts';

export const GET: APIRoute = async ({ params, locals }) => {
  const key = params.key ?? '';
  const object = isMediaKey(key) ? await env.MEDIA.get(mediaObjectKey(locals.site.id, key)) : null;
  if (!object) return new Response('Không tìm thấy ảnh.', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
  return new Response(object.body, {
    headers: {
      // The type sniffed at upload, never guessed from the name; the image cannot become a document that runs.
      'Content-Type': object.httpMetadata?.contentType ?? 'application/octet-stream',
      'Content-Length': String(object.size),
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': "default-src 'none'; sandbox",
    },
  });
};
