// The actions of /admin/bai-viet/{id}/anh: upload several photos at once (each checked and resized by
// storeImage), change one's caption and alt text, move one up/down, remove one; through the gallery
// service, refusals as Vietnamese messages (the upload problems are storeImage's own messages).
import { InvalidFields, NotFound, SiteArchived, VersionConflict } from '../../functions/articles/errors.ts';
import { addGalleryImages, ALT_MAX, CAPTION_MAX, moveGalleryImage, removeGalleryImage, updateGalleryImage } from '../../functions/articles/gallery.ts';
import type { SiteRef } from '../../functions/articles/service.ts';
import { storeAndRegister } from '../../functions/media/library.ts';
import type { AccountResult } from './accounts.ts';
import { formText } from './request-body.ts';
import { rowId } from './row-id.ts';
import { GALLERY, SITES } from './strings.ts';

/** Photos per upload: each is decoded for its copies, and a request has its CPU and memory limits. */
export const FILES_MAX = 6;

const ACTIONS = ['upload', 'save', 'remove', 'up', 'down'] as const;
type GalleryAction = (typeof ACTIONS)[number];

/** The form's files: the inputs a browser sends even when none is chosen (an empty, unnamed part) are not files. */
const filesOf = (form: FormData): File[] =>
  form.getAll('files').filter((f): f is File => typeof f !== 'string' && (f.size > 0 || f.name !== ''));

function textProblem(alt: string, caption: string): Extract<AccountResult, { ok: false }> | null {
  if (alt === '') return { ok: false, status: 422, message: GALLERY.altRequired, field: 'alt' };
  if (alt.length > ALT_MAX) return { ok: false, status: 422, message: GALLERY.altTooLong(ALT_MAX), field: 'alt' };
  if (caption.length > CAPTION_MAX) return { ok: false, status: 422, message: GALLERY.captionTooLong(CAPTION_MAX), field: 'caption' };
  return null;
}

async function upload(env: Env, site: SiteRef, articleId: number, form: FormData, uploadedBy: string, now: Date): Promise<AccountResult> {
  const files = filesOf(form);
  const alt = formText(form, 'alt').trim();
  const caption = formText(form, 'caption').trim();
  if (files.length === 0) return { ok: false, status: 422, message: GALLERY.noFiles, field: 'files' };
  if (files.length > FILES_MAX) return { ok: false, status: 422, message: GALLERY.tooMany(FILES_MAX), field: 'files' };
  // The text first: nothing is stored for a form that is refused anyway.
  const refused = textProblem(alt, caption);
  if (refused) return refused;
  const images = [];
  for (const file of files) {
    const stored = await storeAndRegister(env, site.id, file, uploadedBy, now, { alt, caption });
    // One bad file refuses the whole form: the editor fixes it and sends the set again (stored ones are swept).
    if (!stored.ok) return { ok: false, status: stored.problem === 'too-big' ? 413 : 422, message: `${file.name}: ${stored.message}`, field: 'files' };
    images.push({ key: stored.key, alt, caption, width: stored.image.width, height: stored.image.height, widths: stored.widths, large: stored.tooLargeForCopies });
  }
  await addGalleryImages(env, site, articleId, images.map(({ large: _large, ...image }) => image), now);
  // Sent without the page's script (or it could not shrink them): kept, and the editor told why phones get the big file.
  const kept = images.some((image) => image.large);
  return { ok: true, message: kept ? `${GALLERY.added(images.length)} ${GALLERY.keptLarge}` : GALLERY.added(images.length) };
}

export async function galleryAction(env: Env, site: SiteRef, articleId: number, form: FormData, uploadedBy: string, now: Date): Promise<AccountResult> {
  const action = formText(form, 'action') as GalleryAction;
  if (!ACTIONS.includes(action)) return { ok: false, status: 400, message: GALLERY.badRequest };
  try {
    if (action === 'upload') return await upload(env, site, articleId, form, uploadedBy, now);
    const id = rowId(formText(form, 'id'));
    if (id === null) return { ok: false, status: 400, message: GALLERY.badRequest };
    switch (action) {
      case 'save': {
        const alt = formText(form, 'alt').trim();
        const caption = formText(form, 'caption').trim();
        const refused = textProblem(alt, caption);
        if (refused) return { ...refused, field: `${refused.field}-${id}` };
        await updateGalleryImage(env, site, articleId, id, { alt, caption }, now);
        return { ok: true, message: GALLERY.saved };
      }
      case 'remove':
        await removeGalleryImage(env, site, articleId, id, now);
        return { ok: true, message: GALLERY.removed };
      case 'up':
      case 'down':
        return { ok: true, message: (await moveGalleryImage(env, site, articleId, id, action, now)) ? GALLERY.moved : GALLERY.notMoved };
    }
  } catch (error) {
    if (error instanceof NotFound) return { ok: false, status: 404, message: GALLERY.gone };
    if (error instanceof InvalidFields) return { ok: false, status: 422, message: GALLERY.altRequired };
    if (error instanceof SiteArchived) return { ok: false, status: 409, message: SITES.archivedNotice };
    // The article was saved again during each of the gallery change's tries (functions/articles/gallery.ts).
    if (error instanceof VersionConflict) return { ok: false, status: 409, message: GALLERY.busy };
    throw error;
  }
}
