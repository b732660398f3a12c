// The review queue of a site: its articles and documents awaiting an editor ("review", not in the trash),
// the longest-waiting first, each with who put it there and when (its latest revision: the submission,
// or an edit made since); and their count for the admin header, one indexed query per admin page.
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { articleRevisions, articles, documentRevisions, documents } from '../../schema/tables.ts';
import type { Db } from './db.ts';

export interface QueuedItem {
  kind: 'article' | 'document';
  id: number;
  /** The article's title; the document's number and summary. */
  name: string;
  submittedBy: string;
  submittedAt: Date;
}

/** At most this many are listed (a queue longer than this is a problem the count already shows). */
export const QUEUE_LIMIT = 200;

/**
 * Articles and documents of the site awaiting review: two reads in one round trip, merged oldest first.
 * Their latest revision (the row whose version is the item's) is found through the unique index on
 * (item, version).
 */
export async function listReviewQueue(db: Db, siteId: number): Promise<QueuedItem[]> {
  const [a, d] = await db.batch([
    db.select({ id: articles.id, name: articles.title, by: articleRevisions.actorName, actor: articleRevisions.actor, at: articleRevisions.createdAt })
      .from(articles)
      .innerJoin(articleRevisions, and(eq(articleRevisions.articleId, articles.id), eq(articleRevisions.version, articles.version)))
      .where(and(eq(articles.siteId, siteId), eq(articles.status, 'review'), isNull(articles.deletedAt)))
      .orderBy(asc(articleRevisions.createdAt), asc(articles.id)).limit(QUEUE_LIMIT),
    db.select({ id: documents.id, name: sql<string>`${documents.number} || ' – ' || ${documents.summary}`, by: documentRevisions.actorName, actor: documentRevisions.actor, at: documentRevisions.createdAt })
      .from(documents)
      .innerJoin(documentRevisions, and(eq(documentRevisions.documentId, documents.id), eq(documentRevisions.version, documents.version)))
      .where(and(eq(documents.siteId, siteId), eq(documents.status, 'review'), isNull(documents.deletedAt)))
      .orderBy(asc(documentRevisions.createdAt), asc(documents.id)).limit(QUEUE_LIMIT),
  ]);
  const items: QueuedItem[] = [
    ...a.map((r) => ({ kind: 'article' as const, id: r.id, name: r.name, submittedBy: r.by || r.actor, submittedAt: r.at })),
    ...d.map((r) => ({ kind: 'document' as const, id: r.id, name: r.name, submittedBy: r.by || r.actor, submittedAt: r.at })),
  ];
  return items.sort((x, y) => x.submittedAt.getTime() - y.submittedAt.getTime() || x.id - y.id).slice(0, QUEUE_LIMIT);
}

/**
 * How many wait, for the header badge: one statement, each half on its table's (site_id, status, ...)
 * index; deleted_at is read only for the rows in review.
 */
export async function countReviewQueue(db: Db, siteId: number): Promise<number> {
  const [row] = await db.all<{ n: number }>(sql`select
    (select count(*) from ${articles} where ${articles.siteId} = ${siteId} and ${articles.status} = 'review' and ${articles.deletedAt} is null)
    + (select count(*) from ${documents} where ${documents.siteId} = ${siteId} and ${documents.status} = 'review' and ${documents.deletedAt} is null) as n`);
  return row?.n ?? 0;
}
