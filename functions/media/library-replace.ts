// Replacing a library item's file: objects are served immutable, so the new file gets a new key, and
// every CURRENT use moves to it through the write services (articles' cover, body and gallery; pages in
// both languages; documents; the site's logo), each a new revision; revisions keep the old key, and the
// orphan sweep keeps the old object while they reference it. A save racing the move (VersionConflict)
// is retried on the fresh version: the move is a pure text change, so it applies to whatever was saved.
import { and, eq, inArray } from 'drizzle-orm';
import { articleImages, articles } from '../../schema/tables.ts';
import { VersionConflict } from '../articles/errors.ts';
import { commitSiteChange, siteChanged, updateArticle, type SiteRef } from '../articles/service.ts';
import { recordAudit } from '../audit/log.ts';
import type { Actor } from '../data/articles-write.ts';
import { readArticleById } from '../data/admin-articles.ts';
import { database } from '../data/db.ts';
import { readDocumentById } from '../data/documents-read.ts';
import { repointMedia, type MediaRow } from '../data/media-library.ts';
import { mediaUses } from '../data/media-references.ts';
import { readPageById } from '../data/pages-read.ts';
import { updateSite } from '../data/sites.ts';
import { updateDocument } from '../documents/service.ts';
import { updatePage } from '../site-pages/service.ts';
import { formatWidths } from './copy-keys.ts';
import type { LibraryUpload } from './library.ts';
import { storeImage } from './upload.ts';

export type Replacement =
  | { ok: true; key: string; moved: number; conflicts: number }
  | Extract<LibraryUpload, { ok: false }>;

const ATTEMPTS = 3;

/** `media/<old>` -> `media/<new>` in a Markdown body (the copies' URLs of the old key move too, to the new original). */
export const movedText = (text: string, from: string, to: string) =>
  text.replaceAll(`media/${from}.w`, `media/${to}.w`).replace(/media\/[^\s)"']+\.w\d+\.webp/g, (m) => (m.startsWith(`media/${to}.w`) ? `media/${to}` : m)).replaceAll(`media/${from}`, `media/${to}`);

/** Runs one item's move, re-reading and retrying when another save got in first; false if it kept losing. */
async function withRetry(move: () => Promise<boolean>): Promise<boolean> {
  for (let i = 0; i < ATTEMPTS; i++) {
    try {
      await move();
      return true;
    } catch (error) {
      if (!(error instanceof VersionConflict)) throw error;
    }
  }
  return false;
}

export async function replaceItem(env: Env, site: SiteRef, item: MediaRow, file: File | null, actor: Actor, uploadedBy: string, now: Date): Promise<Replacement> {
  if (!file) return { ok: false, problem: 'no-file' };
  const stored = await storeImage(env.MEDIA, site.id, file, uploadedBy, now);
  if (!stored.ok) return { ok: false, problem: stored.problem, message: stored.message };
  const db = database(env.DB);
  const from = item.key;
  const to = stored.key;
  const uses = (await mediaUses(db, site.id, from)).filter((u) => !u.kind.endsWith('-revision') && !u.deleted);
  let moved = 0;
  let conflicts = 0;
  const count = (ok: boolean) => (ok ? (moved += 1) : (conflicts += 1));
  const articleIds = [...new Set(uses.filter((u) => u.kind === 'article-cover' || u.kind === 'article-body').map((u) => u.id))];
  for (const id of articleIds) {
    count(await withRetry(async () => {
      const current = await readArticleById(db, site.id, id, now);
      if (!current) return false;
      const patch = {
        ...(current.cover?.key === from ? { cover: { ...current.cover, key: to } } : {}),
        ...(current.bodyMarkdown.includes(`media/${from}`) ? { body: movedText(current.bodyMarkdown, from, to) } : {}),
      };
      if (Object.keys(patch).length) await updateArticle(env, site, current, patch, actor, now);
      return true;
    }));
  }
  const galleryArticles = uses.filter((u) => u.kind === 'article-gallery').map((u) => u.id);
  if (galleryArticles.length) {
    await commitSiteChange(env, site, now, [db.update(articleImages)
      .set({ key: to, width: stored.image.width, height: stored.image.height, widths: formatWidths(stored.widths) })
      .where(and(eq(articleImages.key, from), inArray(articleImages.articleId, db.select({ id: articles.id }).from(articles).where(and(eq(articles.siteId, site.id), inArray(articles.id, galleryArticles))))))]);
    moved += galleryArticles.length;
  }
  for (const use of uses.filter((u) => u.kind === 'page-body')) {
    count(await withRetry(async () => {
      const current = await readPageById(db, site.id, use.id, now);
      if (!current) return false;
      await updatePage(env, site, current, { body: movedText(current.bodyMarkdown, from, to), bodyEn: movedText(current.bodyMarkdownEn, from, to) }, actor, now);
      return true;
    }));
  }
  for (const use of uses.filter((u) => u.kind === 'document-body')) {
    count(await withRetry(async () => {
      const current = await readDocumentById(db, site.id, use.id, now);
      if (!current) return false;
      await updateDocument(env, site, current, { body: movedText(current.bodyMarkdown, from, to) }, actor, now);
      return true;
    }));
  }
  if (uses.some((u) => u.kind === 'site-logo')) {
    await updateSite(db, site.id, { logoKey: to }, now);
    await siteChanged(env, site.id, now);
    moved += 1;
  }
  await repointMedia(db, site.id, item.id, { key: to, contentType: stored.image.mime, bytes: file.size, width: stored.image.width, height: stored.image.height, widths: formatWidths(stored.widths), filename: file.name || item.filename }, now);
  const userId = /^user:(\d+)$/.exec(uploadedBy)?.[1];
  await recordAudit(db, { siteId: site.id, actorId: userId ? Number(userId) : null, actorLabel: actor.name, action: 'media.replaced', subject: `media:${item.id}`, detail: { from, to, moved, conflicts }, at: now });
  return { ok: true, key: to, moved, conflicts };
}
