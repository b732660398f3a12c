// An article's history for editors: its revisions (who, when, what), the snapshot each one recorded,
// and what restoring one changes (the write service commits it as a guarded edit recorded "restored",
// so it is itself a new revision and can be undone).
import { and, desc, eq } from 'drizzle-orm';
import { articleRevisions, articles } from '../../schema/tables.ts';
import type { Article, Cover } from './article-types.ts';
import type { ArticleInput } from './articles-write.ts';
import type { Db } from './db.ts';

/** The editable fields as a revision records them (see snapshot() in articles-write.ts). */
export interface Snapshot {
  title: string;
  slug: string;
  summary: string;
  body: string;
  categoryId: number;
  tags: string[];
  byline: string;
  cover: Cover | null;
  /** The stored status: a scheduled article is "published" with a future publishedAt. */
  status: string;
  publishedAt: string | null;
}

export interface Revision {
  id: number;
  articleId: number;
  version: number;
  action: string;
  changedFields: string[];
  actor: string;
  actorName: string;
  /** The reason given with the step (a return from review), '' if none. */
  note?: string;
  createdAt: Date;
}

export interface RevisionWithSnapshot extends Revision {
  /** Null for revisions that record no content (a deletion). */
  snapshot: Snapshot | null;
}

const columns = {
  id: articleRevisions.id,
  articleId: articleRevisions.articleId,
  version: articleRevisions.version,
  action: articleRevisions.action,
  changedFields: articleRevisions.changedFields,
  actor: articleRevisions.actor,
  actorName: articleRevisions.actorName,
  note: articleRevisions.note,
  createdAt: articleRevisions.createdAt,
};

function parseList(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}

const str = (v: unknown) => (typeof v === 'string' ? v : '');

export function parseSnapshot(json: string): Snapshot | null {
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(json) as Record<string, unknown>;
  } catch {
    return null;
  }
  if (!raw || typeof raw !== 'object' || typeof raw['title'] !== 'string' || typeof raw['categoryId'] !== 'number') return null;
  const cover = raw['cover'] as Record<string, unknown> | null | undefined;
  return {
    title: str(raw['title']),
    slug: str(raw['slug']),
    summary: str(raw['summary']),
    body: str(raw['body']),
    categoryId: raw['categoryId'] as number,
    tags: Array.isArray(raw['tags']) ? raw['tags'].filter((t): t is string => typeof t === 'string') : [],
    byline: str(raw['byline']),
    cover: cover && typeof cover['key'] === 'string' ? { key: cover['key'], caption: str(cover['caption']), alt: str(cover['alt']) } : null,
    status: str(raw['status']),
    publishedAt: typeof raw['publishedAt'] === 'string' ? raw['publishedAt'] : null,
  };
}

/** The article as it is now, in the same shape as a revision's snapshot. */
export function snapshotOf(article: Article): Snapshot {
  return {
    title: article.title,
    slug: article.slug,
    summary: article.summary,
    body: article.bodyMarkdown,
    categoryId: article.category.id,
    tags: article.tags.map((t) => t.name),
    byline: article.byline,
    cover: article.cover,
    status: article.status === 'scheduled' ? 'published' : article.status,
    publishedAt: article.publishedAt?.toISOString() ?? null,
  };
}

/** Revisions belong to an article, and through it to a site: another site's article has none here. */
const ofSiteArticle = (siteId: number, articleId: number) =>
  and(eq(articleRevisions.articleId, articleId), eq(articles.siteId, siteId));

export async function listRevisions(db: Db, siteId: number, articleId: number): Promise<Revision[]> {
  const rows = await db.select(columns).from(articleRevisions)
    .innerJoin(articles, eq(articles.id, articleRevisions.articleId))
    .where(ofSiteArticle(siteId, articleId))
    .orderBy(desc(articleRevisions.version));
  return rows.map((r) => ({ ...r, changedFields: parseList(r.changedFields) }));
}

export async function readRevision(db: Db, siteId: number, articleId: number, revisionId: number): Promise<RevisionWithSnapshot | null> {
  const [row] = await db.select({ ...columns, snapshot: articleRevisions.snapshot }).from(articleRevisions)
    .innerJoin(articles, eq(articles.id, articleRevisions.articleId))
    .where(and(ofSiteArticle(siteId, articleId), eq(articleRevisions.id, revisionId)));
  if (!row) return null;
  return { ...row, changedFields: parseList(row.changedFields), snapshot: parseSnapshot(row.snapshot) };
}

const sameCover = (a: Cover | null, b: Cover | null) =>
  a === b || (a !== null && b !== null && a.key === b.key && a.caption === b.caption && a.alt === b.alt);

/**
 * The edit that brings the article's content back to the snapshot: title, summary, body, category,
 * tags, byline and cover. The slug and the publication state stay as they are now: restoring old
 * text must neither move a live URL nor publish or unpublish anything.
 */
export function restorePatch(current: Article, snapshot: Snapshot): Partial<ArticleInput> {
  const now = snapshotOf(current);
  const patch: Partial<ArticleInput> = {};
  if (snapshot.title !== now.title) patch.title = snapshot.title;
  if (snapshot.summary !== now.summary) patch.summary = snapshot.summary;
  if (snapshot.body !== now.body) patch.body = snapshot.body;
  if (snapshot.categoryId !== now.categoryId) patch.categoryId = snapshot.categoryId;
  const tagKey = (tags: string[]) => [...tags].sort().join('\u0000');
  if (tagKey(snapshot.tags) !== tagKey(now.tags)) patch.tags = snapshot.tags;
  if (snapshot.byline !== now.byline) patch.byline = snapshot.byline;
  if (!sameCover(snapshot.cover, now.cover)) patch.cover = snapshot.cover;
  return patch;
}
