// GET /admin/thu-vien/tim?q=&cursor=: the library's search for the editor's "Ảnh từ thư viện" picker:
// the site's images newest first, 20 a page, q matched without diacritics on file name, alt and caption.
import type { APIRoute } from 'astro';
import { env } from 'cloudflare:workers';
import { database } from '../../../../functions/data/db.ts';
import { listMedia } from '../../../../functions/data/media-library.ts';
import { canUseLibrary, decodeMediaCursor, encodeMediaCursor, itemJson } from '../../../admin/media-admin.ts';
import { MEDIA } from '../../../admin/strings.ts';
import { jsonAnswer } from '../../../admin/json-answer.ts';

export const GET: APIRoute = async ({ url, locals }) => {
  if (!canUseLibrary(locals.session!.user)) return jsonAnswer(403, { error: MEDIA.noRole });
  const after = decodeMediaCursor(url.searchParams.get('cursor'));
  if (after === 'bad') return jsonAnswer(400, { error: MEDIA.badCursor });
  const page = await listMedia(database(env.DB), locals.site.id, { q: url.searchParams.get('q') ?? '', after });
  return jsonAnswer(200, { items: page.items.map(itemJson), next: page.next ? encodeMediaCursor(page.next) : null });
};
