// Writes of an article's gallery (photos with captions, functions/data/article-images.ts): add uploaded
// images, change a caption or alt text, move one up/down, remove one. Each is a content change of the
// site through the one door (commitSiteChange), so the cached article page shows it within the
// freshness bound, and a change of the article: in the same batch its updated_at moves (not its version:
// the editor's open form holds that) and, when readers see it, `article.updated` goes to the site's
// webhooks. Alt text is required: a photo without it says nothing to a screen reader.
import type { BatchItem } from 'drizzle-orm/batch';
import { database, type Db } from '../data/db.ts';
import {
  listGallery, planAppend, planCaption, planMove, planRemove, planTouch, readGalleryOwner, type NewGalleryImage,
} from '../data/article-images.ts';
import { isVisible, itemStateOf } from '../webhooks/events.ts';
import { kickIfWrote } from '../webhooks/kick.ts';
import { outboxOfWrite, type Outbox } from '../webhooks/outbox.ts';
import { domainErrorOfD1, invalidField, NotFound, VersionConflict } from './errors.ts';
import type { Direction } from './reading-lists.ts';
import { assertWritable, commitSiteChange, type SiteRef, type Target } from './service.ts';

/** Caption and alt lengths (a caption is a sentence or two; alt text a short description). */
export const CAPTION_MAX = 500;
export const ALT_MAX = 250;

/**
 * Tries of one gallery change when an edit of the article commits between the read of its state and the
 * batch (the guard in planTouch fails it): each try reads again. Three lost races in a row mean the
 * article is being edited right now: VersionConflict.
 */
const ATTEMPTS = 3;

type Statements = [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]];

const NO_OUTBOX: Outbox = { statements: [], wrote: () => false };

function assertText(text: { caption: string; alt: string }, field: string): void {
  if (text.alt.trim() === '') throw invalidField(`${field}.alt`, 'Alt text is required.');
  if (text.alt.length > ALT_MAX) throw invalidField(`${field}.alt`, `At most ${ALT_MAX} characters.`);
  if (text.caption.length > CAPTION_MAX) throw invalidField(`${field}.caption`, `At most ${CAPTION_MAX} characters.`);
}

/** planTouch's guard: the article's version moved between the read and the batch. */
function articleMovedOrDomainError(error: unknown): never {
  if (/NOT NULL constraint failed: articles\.version/.test(String((error as Error)?.message ?? error))) throw new VersionConflict();
  return domainErrorOfD1(error);
}

/**
 * Commits the gallery statements `plan` makes (null: nothing to do, false) with the article's touch and its
 * announcement: the article unchanged but for `images`, so a visible one is `article.updated` with its
 * current version (events.ts), a draft, scheduled or trashed one nothing. Kicks the dispatcher after the
 * commit when a row was written, like the write services.
 */
async function commitGalleryChange(
  env: Target, site: SiteRef, articleId: number, now: Date, plan: (db: Db) => Promise<Statements | null>, { liveOnly = false } = {},
): Promise<boolean> {
  assertWritable(site);
  const db = database(env.DB);
  for (let attempt = 1; ; attempt++) {
    const owner = await readGalleryOwner(db, site.id, articleId);
    // Photos are added only to an article out of the trash (the editor may still fix a trashed one's captions).
    if (!owner || (liveOnly && owner.deletedAt !== null)) throw new NotFound('No article of this site has that id.');
    const statements = await plan(db);
    if (!statements) return false;
    const state = itemStateOf(owner);
    // Only what readers see changed; a scheduled article's waiting "published" stays as it is (events.ts
    // would cancel and rewrite it for the same instant).
    const outbox = isVisible(state, now) ? outboxOfWrite(db, site, 'article', articleId, { before: state, after: state }, now) : NO_OUTBOX;
    const head: Statements = [...statements, planTouch(db, articleId, owner.version, now)];
    try {
      const results = await commitSiteChange(env, site, now, [...head, ...outbox.statements], articleMovedOrDomainError);
      await kickIfWrote(env, site.id, outbox.wrote(results, head.length));
      return true;
    } catch (error) {
      if (!(error instanceof VersionConflict) || attempt === ATTEMPTS) throw error;
    }
  }
}

export async function addGalleryImages(env: Target, site: SiteRef, articleId: number, images: NewGalleryImage[], now: Date): Promise<void> {
  assertWritable(site);
  images.forEach((image, i) => assertText(image, `images.${i}`));
  await commitGalleryChange(env, site, articleId, now, async (db) => {
    const [first, ...rest] = await planAppend(db, articleId, images);
    return first ? [first, ...rest] : null;
  }, { liveOnly: true });
}

/** The image must be in this article's gallery, of this site. */
async function galleryWith(db: Db, site: SiteRef, articleId: number, imageId: number) {
  const gallery = await listGallery(db, site.id, articleId);
  if (!gallery.some((g) => g.id === imageId)) throw new NotFound('No image of this article has that id.');
  return gallery;
}

export async function updateGalleryImage(env: Env, site: SiteRef, articleId: number, imageId: number, text: { caption: string; alt: string }, now: Date): Promise<void> {
  assertWritable(site);
  assertText(text, 'image');
  await commitGalleryChange(env, site, articleId, now, async (db) => {
    await galleryWith(db, site, articleId, imageId);
    return [planCaption(db, articleId, imageId, text)];
  });
}

/** One place up or down; false when it is already first (last): nothing written. */
export async function moveGalleryImage(env: Env, site: SiteRef, articleId: number, imageId: number, direction: Direction, now: Date): Promise<boolean> {
  assertWritable(site);
  return commitGalleryChange(env, site, articleId, now, async (db) => {
    const [first, ...rest] = planMove(db, await galleryWith(db, site, articleId, imageId), imageId, direction) ?? [];
    return first ? [first, ...rest] : null;
  });
}

/** Takes the image out of the gallery; the file stays in R2 until the orphan sweep finds nothing using it. */
export async function removeGalleryImage(env: Env, site: SiteRef, articleId: number, imageId: number, now: Date): Promise<void> {
  assertWritable(site);
  await commitGalleryChange(env, site, articleId, now, async (db) => {
    await galleryWith(db, site, articleId, imageId);
    return [planRemove(db, articleId, imageId)];
  });
}
