// Writes of an article's gallery (photos with captions, functions/data/article-images.ts): add uploaded
// images, change a caption or alt text, move one up/down, remove one. Each is a content change of the
// site through the one door (commitSiteChange), so the cached article page shows it within the
// freshness bound. Alt text is required: a photo without it says nothing to a screen reader.
import { database } from '../data/db.ts';
import { listGallery, planAppend, planCaption, planMove, planRemove, type NewGalleryImage } from '../data/article-images.ts';
import { invalidField, NotFound } from './errors.ts';
import { assertArticleOf, type Direction } from './reading-lists.ts';
import { assertWritable, commitSiteChange, type SiteRef, type Target } from './service.ts';

/** Caption and alt lengths (a caption is a sentence or two; alt text a short description). */
export const CAPTION_MAX = 500;
export const ALT_MAX = 250;

function assertText(text: { caption: string; alt: string }, field: string): void {
  if (text.alt.trim() === '') throw invalidField(`${field}.alt`, 'Alt text is required.');
  if (text.alt.length > ALT_MAX) throw invalidField(`${field}.alt`, `At most ${ALT_MAX} characters.`);
  if (text.caption.length > CAPTION_MAX) throw invalidField(`${field}.caption`, `At most ${CAPTION_MAX} characters.`);
}

export async function addGalleryImages(env: Target, site: SiteRef, articleId: number, images: NewGalleryImage[], now: Date): Promise<void> {
  assertWritable(site);
  images.forEach((image, i) => assertText(image, `images.${i}`));
  const db = database(env.DB);
  await assertArticleOf(db, site.id, articleId);
  const [first, ...rest] = await planAppend(db, articleId, images);
  if (first) await commitSiteChange(env, site, now, [first, ...rest]);
}

/** The image must be in this article's gallery, of this site. */
async function galleryWith(env: Env, site: SiteRef, articleId: number, imageId: number) {
  const gallery = await listGallery(database(env.DB), site.id, articleId);
  if (!gallery.some((g) => g.id === imageId)) throw new NotFound('No image of this article has that id.');
  return gallery;
}

export async function updateGalleryImage(env: Env, site: SiteRef, articleId: number, imageId: number, text: { caption: string; alt: string }, now: Date): Promise<void> {
  assertWritable(site);
  assertText(text, 'image');
  await galleryWith(env, site, articleId, imageId);
  await commitSiteChange(env, site, now, [planCaption(database(env.DB), articleId, imageId, text)]);
}

/** One place up or down; false when it is already first (last): nothing written. */
export async function moveGalleryImage(env: Env, site: SiteRef, articleId: number, imageId: number, direction: Direction, now: Date): Promise<boolean> {
  assertWritable(site);
  const gallery = await galleryWith(env, site, articleId, imageId);
  const statements = planMove(database(env.DB), gallery, imageId, direction);
  if (!statements) return false;
  const [first, ...rest] = statements;
  await commitSiteChange(env, site, now, [first!, ...rest]);
  return true;
}

/** Takes the image out of the gallery; the file stays in R2 until the orphan sweep finds nothing using it. */
export async function removeGalleryImage(env: Env, site: SiteRef, articleId: number, imageId: number, now: Date): Promise<void> {
  assertWritable(site);
  await galleryWith(env, site, articleId, imageId);
  await commitSiteChange(env, site, now, [planRemove(database(env.DB), articleId, imageId)]);
}
