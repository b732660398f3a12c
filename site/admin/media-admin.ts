// The admin side of the media library: refusals as Vietnamese messages, an item as the editor's photo
// script reads it (JSON), the library's keyset cursor, and who may change an item.
import { InvalidCursor } from '../../functions/articles/errors.ts';
import { decodeCursor, encodeCursor } from '../../functions/data/cursor.ts';
import type { MediaPosition, MediaRow } from '../../functions/data/media-library.ts';
import { MEDIA_ALT_MAX, MEDIA_CAPTION_MAX, type LibraryUpload } from '../../functions/media/library.ts';
import { copyKey, parseWidths } from '../../functions/media/copy-keys.ts';
import { actorId, isEditor, type Editor } from './permissions.ts';
import { MEDIA } from './strings.ts';

export const mediaUrl = (key: string) => `/media/${key}`;

/** Where the admin's own pages show an image of the working site (the admin's host is the first site's: /media there is that site's). */
export const adminMediaUrl = (key: string) => `/admin/thu-vien/anh/${key}`;

/** An image path in rendered HTML (/media/<key>, from the renderer) as the admin shows it. */
export const adminMediaPaths = (html: string) => html.replace(/(\s(?:src|srcset)=")([^"]*)"/g, (_, attr: string, value: string) => `${attr}${value.replace(/(^|,\s*)\/media\//g, '$1/admin/thu-vien/anh/')}"`);

/** The smallest WebP copy when there is one, else the original. */
export const thumbUrlOf = (item: Pick<MediaRow, 'key' | 'widths'>) => {
  const smallest = parseWidths(item.widths)[0];
  return adminMediaUrl(smallest ? copyKey(item.key, smallest) : item.key);
};

/** The line an editor pastes into a body: the renderer makes it a figure with its caption. */
export function markdownLineOf(item: Pick<MediaRow, 'key' | 'alt' | 'caption'>): string {
  const alt = item.alt.replace(/[[\]\\]/g, '\\$&').replace(/\s+/g, ' ');
  const caption = item.caption.replace(/["\\]/g, '\\$&').replace(/\s+/g, ' ');
  return `![${alt}](${mediaUrl(item.key)}${caption ? ` "${caption}"` : ''})`;
}

export const itemJson = (item: MediaRow) => ({
  id: item.id, key: item.key, url: mediaUrl(item.key), thumbUrl: thumbUrlOf(item), alt: item.alt, caption: item.caption,
  width: item.width, height: item.height, filename: item.filename,
});

/** The refusal of an upload: its status and message. */
export function uploadRefusal(result: Extract<LibraryUpload, { ok: false }>): { status: number; message: string } {
  switch (result.problem) {
    case 'no-file': return { status: 422, message: MEDIA.noFile };
    case 'alt-required': return { status: 422, message: MEDIA.altRequired };
    case 'alt-too-long': return { status: 422, message: MEDIA.altTooLong(MEDIA_ALT_MAX) };
    case 'caption-too-long': return { status: 422, message: MEDIA.captionTooLong(MEDIA_CAPTION_MAX) };
    case 'too-big': return { status: 413, message: result.message! };
    default: return { status: 422, message: result.message ?? MEDIA.badRequest };
  }
}

export const encodeMediaCursor = (p: MediaPosition) => encodeCursor({ publishedAt: p.createdAt, id: p.id });

/** null for no cursor; 'bad' for one the library did not make. */
export function decodeMediaCursor(raw: string | null): MediaPosition | null | 'bad' {
  if (!raw) return null;
  try {
    const c = decodeCursor(raw);
    return { createdAt: c.publishedAt, id: c.id };
  } catch (error) {
    if (error instanceof InvalidCursor) return 'bad';
    throw error;
  }
}

/** Alt text, caption and delete: editors and admins on every item, a contributor on the items they uploaded. */
export const canChangeItem = (user: Editor, item: Pick<MediaRow, 'createdBy'>) =>
  isEditor(user) || (user.role === 'contributor' && actorId(user) === `user:${item.createdBy}`);

/** Replace moves other people's articles to the new file: editors and admins only. */
export const canReplaceItem = (user: Editor) => isEditor(user);

/** Anyone with a role on the working site may browse, upload and pick (contributors write bodies too). */
export const canUseLibrary = (user: Editor) => user.role !== null || user.platformAdmin === true;
