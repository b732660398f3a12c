// An article's gallery (article_images): the photos in their order with caption and alt text, and the
// widths of the copies made at upload (functions/media/copies.ts), so pages write srcset without R2.
// Reads, and the statements the gallery service (functions/articles/gallery.ts) commits.
import { and, asc, eq, max } from 'drizzle-orm';
import { articleImages, articles } from '../../schema/tables.ts';
import { formatWidths, parseWidths } from '../media/copy-keys.ts';
import type { Db } from './db.ts';
import { guardedVersion } from './guarded-version.ts';
import { steppedOrder } from './list-order.ts';

export interface GalleryImage {
  id: number;
  key: string;
  caption: string;
  alt: string;
  width: number | null;
  height: number | null;
  /** The widths of the WebP copies that exist, ascending (none for GIF, AVIF, small or undecodable uploads). */
  widths: number[];
  position: number;
}

export interface NewGalleryImage {
  key: string;
  alt: string;
  caption: string;
  width: number;
  height: number;
  widths: number[];
}

const COLUMNS = {
  id: articleImages.id, key: articleImages.key, caption: articleImages.caption, alt: articleImages.alt,
  width: articleImages.width, height: articleImages.height, widths: articleImages.widths, position: articleImages.position,
};

type Row = Pick<typeof articleImages.$inferSelect, keyof typeof COLUMNS>;
const toImage = (row: Row): GalleryImage => ({ ...row, widths: parseWidths(row.widths) });

/** The gallery of an article of the site, in order (empty for another site's article). */
export async function listGallery(db: Db, siteId: number, articleId: number): Promise<GalleryImage[]> {
  return galleryOf(await galleryRead(db, siteId, articleId));
}

/** The query of listGallery, for a page's own D1 batch (site/lib/article-page.ts); galleryOf reads its rows. */
export function galleryRead(db: Db, siteId: number, articleId: number) {
  return db.select(COLUMNS).from(articleImages)
    .innerJoin(articles, eq(articles.id, articleImages.articleId))
    .where(and(eq(articleImages.articleId, articleId), eq(articles.siteId, siteId)))
    .orderBy(asc(articleImages.position), asc(articleImages.id));
}

export const galleryOf = (rows: Row[]): GalleryImage[] => rows.map(toImage);

/** Statements appending images after the last one. */
export async function planAppend(db: Db, articleId: number, images: NewGalleryImage[]) {
  const [last] = await db.select({ position: max(articleImages.position) }).from(articleImages).where(eq(articleImages.articleId, articleId));
  const start = (last?.position ?? -1) + 1;
  return images.map((image, i) => db.insert(articleImages).values({
    articleId, key: image.key, alt: image.alt, caption: image.caption, width: image.width, height: image.height,
    widths: formatWidths(image.widths), position: start + i,
  }));
}

export const planCaption = (db: Db, articleId: number, imageId: number, text: { caption: string; alt: string }) =>
  db.update(articleImages).set(text).where(and(eq(articleImages.id, imageId), eq(articleImages.articleId, articleId)));

export const planRemove = (db: Db, articleId: number, imageId: number) =>
  db.delete(articleImages).where(and(eq(articleImages.id, imageId), eq(articleImages.articleId, articleId)));

/** Swaps the image with its neighbour (positions renumbered 0..n-1 on the way); null when it is already at that end. */
export function planMove(db: Db, gallery: GalleryImage[], imageId: number, direction: 'up' | 'down') {
  const order = steppedOrder(gallery.map((g) => g.id), imageId, direction);
  return order?.map((id, position) => db.update(articleImages).set({ position }).where(eq(articleImages.id, id))) ?? null;
}

/** The article a gallery belongs to, as its webhook events need it (null: not this site's). */
export async function readGalleryOwner(db: Db, siteId: number, articleId: number) {
  const [row] = await db.select({
    status: articles.status, publishedAt: articles.publishedAt, deletedAt: articles.deletedAt, slug: articles.slug, version: articles.version,
  }).from(articles).where(and(eq(articles.id, articleId), eq(articles.siteId, siteId)));
  return row ?? null;
}

/**
 * A gallery change is a change of the article (its `images`): its updated_at moves (feeds, sitemaps, the API
 * list's summary) but not its version, so the editor's open form, which holds the version, saves without a
 * conflict. The version is set to itself only while it is still `version` (read with the announcement's
 * state); an article edit committed meanwhile makes it NULL and fails the batch (NOT NULL), so no stale
 * announcement is written.
 */
export const planTouch = (db: Db, articleId: number, version: number, now: Date) =>
  db.update(articles).set({ updatedAt: now, version: guardedVersion(articles, articleId, version) }).where(eq(articles.id, articleId));
