// The admin forms' save-time check that every photo in a body has alt text (articles, pages, documents): one message, naming the photo.
import { firstImageWithoutAlt, shortImageName } from '../../functions/content/body-images.ts';
import { BODY_PHOTOS } from './strings.ts';

/** The message for the first body image without alt text, or null. Call on a body within the rendering bounds. */
export function bodyAltProblem(body: string): string | null {
  const image = firstImageWithoutAlt(body);
  return image ? BODY_PHOTOS.noAlt(image.position, shortImageName(image.url)) : null;
}
