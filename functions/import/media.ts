// POST /api/v1/import/media: one image of the source (multipart: file, sourceUrl, alt, caption, filename)
// into the site's media library, checked by its bytes like any upload (415 / 413 / 422, nothing kept).
// A source URL the site has already is answered with its item (200, created false), so reruns and
// parallel runs store each image once.
import { assertWritable } from '../articles/service.ts';
import { database } from '../data/db.ts';
import { knownMedia } from '../data/import-sources.ts';
import { deleteMediaRow, mediaById } from '../data/media-library.ts';
import type { ImportHandler } from '../http/auth.ts';
import { paths } from '../http/origin.ts';
import { HttpError } from '../http/problem.ts';
import { sendWrite } from '../http/respond.ts';
import { copyKey } from '../media/copy-keys.ts';
import { MEDIA_ALT_MAX, MEDIA_CAPTION_MAX, storeAndRegister } from '../media/library.ts';
import { mediaObjectKey } from '../media/object-key.ts';
import { MAX_IMAGE_BYTES, type UploadProblem } from '../media/upload.ts';
import { SOURCE_URL_MAX } from './schemas.ts';

/** The multipart envelope and the text fields around the file. */
const ENVELOPE_BYTES = 64 * 1024;

const REFUSAL: Record<UploadProblem, { status: number; type: string; detail: string }> = {
  'not-image': { status: 415, type: 'unsupported-image-type', detail: 'The file is not a JPEG, PNG, WebP, AVIF or GIF image by its content (an HTML page or error message saved as an image is refused).' },
  'too-big': { status: 413, type: 'image-too-large', detail: `The image is larger than ${MAX_IMAGE_BYTES / (1024 * 1024)} MB.` },
  empty: { status: 422, type: 'empty-image', detail: 'The file is empty.' },
  truncated: { status: 422, type: 'truncated-image', detail: 'The image is cut off or damaged: its data ends early.' },
  'too-many-pixels': { status: 422, type: 'image-too-many-pixels', detail: 'The image has too many pixels to store.' },
};

const invalid = (field: string, message: string) =>
  new HttpError(422, 'validation-failed', `Invalid form: ${field}: ${message}`, { errors: [{ field, message }] });

function textField(form: FormData, name: string, max: number): string {
  const value = form.get(name);
  if (value === null) return '';
  if (typeof value !== 'string') throw invalid(name, 'Send text, not a file.');
  const text = value.normalize('NFC').trim();
  if (text.length > max) throw invalid(name, `At most ${max} characters.`);
  return text;
}

export const importMedia: ImportHandler = async (request, env, _ctx, caller) => {
  const { site } = caller;
  assertWritable(site);
  if (Number(request.headers.get('Content-Length') ?? '0') > MAX_IMAGE_BYTES + ENVELOPE_BYTES) {
    const { status, type, detail } = REFUSAL['too-big'];
    throw new HttpError(status, type, detail);
  }
  if (!(request.headers.get('Content-Type') ?? '').toLowerCase().startsWith('multipart/form-data')) {
    throw new HttpError(415, 'unsupported-media-type', 'Send the image as multipart/form-data: file, sourceUrl, and optionally alt, caption, filename.');
  }
  const form = await request.formData().catch(() => null);
  if (!form) throw new HttpError(400, 'malformed-form', 'The body is not a readable multipart/form-data form.');
  const sourceUrl = textField(form, 'sourceUrl', SOURCE_URL_MAX);
  if (!sourceUrl) throw invalid('sourceUrl', 'Required: where the image was taken from (its URL or source id).');
  const alt = textField(form, 'alt', MEDIA_ALT_MAX);
  const caption = textField(form, 'caption', MEDIA_CAPTION_MAX);
  const upload = form.get('file');
  if (!upload || typeof upload === 'string') throw invalid('file', 'Required: one file.');
  const db = database(env.DB);
  const answer = async (id: number, created: boolean) => {
    const item = (await mediaById(db, site.id, id))!;
    return sendWrite({ id: item.id, key: item.key, url: paths.media(item.key), width: item.width, height: item.height, created }, created ? 201 : 200);
  };
  const had = (await knownMedia(db, site.id, [sourceUrl])).get(sourceUrl);
  if (had) return answer(had.id, false);
  const filename = textField(form, 'filename', 255) || upload.name;
  const file = new File([upload], filename, { type: upload.type });
  const now = new Date();
  const stored = await storeAndRegister(env, site.id, file, `token:${caller.id}`, now, { alt, caption, sourceUrl });
  if (!stored.ok) {
    const { status, type, detail } = REFUSAL[stored.problem];
    throw new HttpError(status, type, detail, { errors: [{ field: 'file', message: stored.message }] });
  }
  const winner = await settleSource(env, site.id, sourceUrl, { id: stored.item!.id, key: stored.key, widths: stored.widths });
  return answer(winner, winner === stored.item!.id);
};

/**
 * The re-check after a store: posts of the same URL that passed the first check together each stored
 * theirs; the first row wins, the others remove their row and objects (before the orphan sweep could
 * register them again). Returns the winner's id.
 */
export async function settleSource(env: { DB: D1Database; MEDIA: R2Bucket }, siteId: number, sourceUrl: string, mine: { id: number; key: string; widths: number[] }): Promise<number> {
  const db = database(env.DB);
  const winner = (await knownMedia(db, siteId, [sourceUrl])).get(sourceUrl)!;
  if (winner.id === mine.id) return mine.id;
  await deleteMediaRow(db, siteId, mine.id);
  await env.MEDIA.delete([mine.key, ...mine.widths.map((w) => copyKey(mine.key, w))].map((k) => mediaObjectKey(siteId, k)));
  return winner.id;
}
