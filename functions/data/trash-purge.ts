// The statements that remove an article, a document or a page for good, once it has been in the trash
// longer than TRASH_DAYS: every row that names it (revisions, tag links, slug history, related and
// featured references, gallery rows, files rows, menu items, search rows), then the row itself, in the
// order D1's enforced foreign keys need. The cron commits each item's statements as one batch (with its
// audit entry), so an item is either gone entirely or still whole in the trash.
import { and, asc, eq, inArray, isNotNull, lt, or, sql, type SQL } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import {
  articleImages, articleRelated, articleRevisions, articles, articleSlugHistory, articleTags, documentFiles, documentRelations,
  documentRevisions, documents, featuredArticles, menuItems, pageRevisions, pages, pageSlugHistory,
} from '../../schema/tables.ts';
import type { Db } from './db.ts';
import { documentsFts } from './documents-read.ts';
import { articlesFts } from './search.ts';

export type PurgeKind = 'article' | 'document' | 'page';

export interface ExpiredItem {
  kind: PurgeKind;
  id: number;
  siteId: number;
  /** Title (article, page) or số ký hiệu (document), for the audit entry. */
  name: string;
  deletedAt: Date;
}

/**
 * The items of every site deleted before `before`, oldest first, at most `limit` of each kind. Once a
 * minute is plenty: nothing can be restored from the trash after 30 days (planRestore answers Gone), so
 * an item found here can no longer change under the purge.
 */
export async function expiredItems(db: Db, before: Date, limit: number): Promise<ExpiredItem[]> {
  const [a, d, p] = await db.batch([
    db.select({ id: articles.id, siteId: articles.siteId, name: articles.title, deletedAt: articles.deletedAt }).from(articles)
      .where(and(isNotNull(articles.deletedAt), lt(articles.deletedAt, before))).orderBy(asc(articles.deletedAt), asc(articles.id)).limit(limit),
    db.select({ id: documents.id, siteId: documents.siteId, name: documents.number, deletedAt: documents.deletedAt }).from(documents)
      .where(and(isNotNull(documents.deletedAt), lt(documents.deletedAt, before))).orderBy(asc(documents.deletedAt), asc(documents.id)).limit(limit),
    db.select({ id: pages.id, siteId: pages.siteId, name: pages.title, deletedAt: pages.deletedAt }).from(pages)
      .where(and(isNotNull(pages.deletedAt), lt(pages.deletedAt, before))).orderBy(asc(pages.deletedAt), asc(pages.id)).limit(limit),
  ]);
  const of = (kind: PurgeKind) => (r: { id: number; siteId: number; name: string; deletedAt: Date | null }): ExpiredItem => ({ kind, ...r, deletedAt: r.deletedAt! });
  return [...a.map(of('article')), ...d.map(of('document')), ...p.map(of('page'))]
    .sort((x, y) => x.deletedAt.getTime() - y.deletedAt.getTime()).slice(0, limit);
}

/**
 * The purge's audit subject ("article:12"), or NULL once the item is no longer in the trash since `before`
 * (restored after the cron listed it): the entry goes first in the item's batch, so its NOT NULL subject
 * fails the whole batch (see purgeRefusedAsRestored) and nothing of a restored item is deleted.
 */
export function purgeSubject(kind: PurgeKind, id: number, before: Date): SQL {
  const table = { article: articles, document: documents, page: pages }[kind];
  return sql`(select ${`${kind}:${id}`} where exists (select 1 from ${table} where ${table.id} = ${id} and ${table.deletedAt} is not null and ${table.deletedAt} < ${before.getTime()}))`;
}

/** The batch failed on purgeSubject's guard: the item left the trash meanwhile. */
export function purgeRefusedAsRestored(error: unknown): boolean {
  const e = error as Error & { cause?: Error };
  return /NOT NULL constraint failed: audit_log\.subject/.test(`${e?.message ?? ''} ${e?.cause?.message ?? ''}`);
}

/** The media keys an article names (cover, gallery, media/ links in its body and in its revisions): candidates to delete after it. */
export async function articleMediaKeys(db: Db, id: number): Promise<string[]> {
  const [[row], images, revisions] = await db.batch([
    db.select({ cover: articles.coverKey, body: articles.bodyMarkdown }).from(articles).where(eq(articles.id, id)),
    db.select({ key: articleImages.key }).from(articleImages).where(eq(articleImages.articleId, id)),
    db.select({ snapshot: articleRevisions.snapshot }).from(articleRevisions)
      .where(and(eq(articleRevisions.articleId, id), sql`instr(${articleRevisions.snapshot}, 'media/') > 0 or instr(${articleRevisions.snapshot}, '"cover":{') > 0`)),
  ]);
  const keys = new Set<string>();
  if (row?.cover) keys.add(row.cover);
  for (const image of images) keys.add(image.key);
  const texts = [row?.body ?? '', ...revisions.map((r) => r.snapshot)];
  for (const text of texts) for (const m of text.matchAll(/media\/([A-Za-z0-9._\/-]+)/g)) keys.add(m[1]!);
  for (const r of revisions) {
    try {
      const cover = (JSON.parse(r.snapshot) as { cover?: { key?: unknown } }).cover?.key;
      if (typeof cover === 'string') keys.add(cover);
    } catch { /* a snapshot that is not JSON names no cover */ }
  }
  return [...keys];
}

export function purgeArticleStatements(db: Db, id: number): [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]] {
  return [
    db.delete(articleTags).where(eq(articleTags.articleId, id)),
    db.delete(articleRevisions).where(eq(articleRevisions.articleId, id)),
    db.delete(articleSlugHistory).where(eq(articleSlugHistory.articleId, id)),
    db.delete(articleRelated).where(or(eq(articleRelated.articleId, id), eq(articleRelated.relatedId, id))),
    db.delete(featuredArticles).where(eq(featuredArticles.articleId, id)),
    db.delete(articleImages).where(eq(articleImages.articleId, id)),
    db.delete(articlesFts).where(eq(articlesFts.rowid, id)),
    db.delete(articles).where(and(eq(articles.id, id), isNotNull(articles.deletedAt))),
  ];
}

/** The R2 keys of a document's files (the cron deletes them, and their text sidecars, after the rows). */
export async function documentFileKeys(db: Db, id: number): Promise<string[]> {
  return (await db.select({ key: documentFiles.key }).from(documentFiles).where(eq(documentFiles.documentId, id))).map((r) => r.key);
}

export function purgeDocumentStatements(db: Db, id: number): [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]] {
  return [
    db.delete(documentFiles).where(eq(documentFiles.documentId, id)),
    db.delete(documentRelations).where(or(eq(documentRelations.documentId, id), eq(documentRelations.relatedId, id))),
    db.delete(documentRevisions).where(eq(documentRevisions.documentId, id)),
    db.delete(documentsFts).where(eq(documentsFts.rowid, id)),
    db.delete(documents).where(and(eq(documents.id, id), isNotNull(documents.deletedAt))),
  ];
}

export function purgePageStatements(db: Db, id: number): [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]] {
  const itemsOfPage = db.select({ id: menuItems.id }).from(menuItems).where(eq(menuItems.pageId, id));
  return [
    // A menu entry of the page goes with it, and so do the entries under it (two levels only).
    db.delete(menuItems).where(inArray(menuItems.parentId, itemsOfPage)),
    db.delete(menuItems).where(eq(menuItems.pageId, id)),
    db.delete(pageRevisions).where(eq(pageRevisions.pageId, id)),
    db.delete(pageSlugHistory).where(eq(pageSlugHistory.pageId, id)),
    db.delete(pages).where(and(eq(pages.id, id), isNotNull(pages.deletedAt))),
  ];
}
