// POST /admin/thu-vien/tai-len: a body photo from the editor's script (drag and drop, paste, the
// "Chèn ảnh" button): multipart `file`, `alt` (required), `caption`, with the X-CSRF-Token header
// (checked by the middleware). Stored with the cover uploads' checks and registered in the library;
// 201 with the item as JSON, or 4xx with a Vietnamese `error`.
import type { APIRoute } from 'astro';
import { env } from 'cloudflare:workers';
import { libraryUpload } from '../../../../functions/media/library.ts';
import { canUseLibrary, itemJson, uploadRefusal } from '../../../admin/media-admin.ts';
import { actorId } from '../../../admin/permissions.ts';
import { formText } from '../../../admin/request-body.ts';
import { MEDIA } from '../../../admin/strings.ts';
import { jsonAnswer } from '../../../admin/json-answer.ts';

export const POST: APIRoute = async ({ request, locals }) => {
  const user = locals.session!.user;
  if (!canUseLibrary(user)) return jsonAnswer(403, { error: MEDIA.noRole });
  const form = await request.formData();
  const file = form.get('file');
  const result = await libraryUpload(env, locals.site.id, file instanceof File && (file.size > 0 || file.name !== '') ? file : null,
    { alt: formText(form, 'alt'), caption: formText(form, 'caption') }, actorId(user), new Date());
  if (!result.ok) {
    const refusal = uploadRefusal(result);
    return jsonAnswer(refusal.status, { error: refusal.message });
  }
  const { id, key, url, alt, caption, width, height } = itemJson(result.item);
  return jsonAnswer(201, { id, key, url, alt, caption, width, height });
};
