// The editors' view of a site's articles: one by id in any state (trash included), the admin list
// (status filter, title search, pages) and, from the revisions, who created each article and who last
// changed it. An article of another site is not found, whatever its id.
import { and, asc, count, desc, eq, gt, isNotNull, isNull, lte, sql, type Column, type SQL } from 'drizzle-orm';
import { articleRevisions, articles, articleTags, categories, tags } from '../../schema/tables.ts';
import type { Article, ArticleStatus, ArticleSummary } from './article-types.ts';
import { summaryColumns, tagsOf, toSummary } from './articles-read.ts';
import type { Db } from './db.ts';
import { articlesFts, matchExpression } from './search.ts';

/** Deleted articles stay restorable this long; older ones are no longer listed or restorable. */
export const TRASH_DAYS = 30;
export const TRASH_MS = TRASH_DAYS * 24 * 60 * 60_000;

export const ADMIN_PAGE_SIZE = 20;

export type ListFilter = ArticleStatus | 'trash' | 'all';

export interface EditorArticle extends Article {
  deletedAt: Date | null;
  /** Why an editor returned it from review ('' unless it is a returned draft not yet resubmitted). */
  reviewNote: string;
}

export interface RevisionStamp {
  /** "user:7" / "token:3". */
  actor: string;
  name: string;
  at: Date;
}

export interface ListedArticle extends ArticleSummary {
  deletedAt: Date | null;
  lastChange: RevisionStamp | null;
  /** Who created it (the first revision's actor), e.g. "user:7". */
  owner: string | null;
  /** Returned from review and not yet resubmitted (its writer sees it in the list). */
  returned: boolean;
}

export interface ArticleListPage {
  items: ListedArticle[];
  total: number;
  page: number;
  pageCount: number;
}

const editorColumns = {
  ...summaryColumns, bodyMarkdown: articles.bodyMarkdown, bodyHtml: articles.bodyHtml, deletedAt: articles.deletedAt, reviewNote: articles.reviewNote,
};

/**
 * The two reads that give an article as editors see it, by id or by an SQL expression of it. The write
 * service puts them at the end of a write's batch, so what it returns is exactly what was committed.
 */
export function articleReads(db: Db, id: number | SQL) {
  return [
    db.select(editorColumns).from(articles).innerJoin(categories, eq(categories.id, articles.categoryId)).where(sql`${articles.id} = ${id}`),
    db.select({ slug: tags.slug, name: tags.name }).from(articleTags).innerJoin(tags, eq(tags.id, articleTags.tagId))
      .where(sql`${articleTags.articleId} = ${id}`).orderBy(tags.name),
  ] as const;
}

type EditorRow = Awaited<ReturnType<typeof articleReads>[0]>[number];

export function editorArticleOf(row: EditorRow, tagList: { slug: string; name: string }[], now: Date): EditorArticle {
  return { ...toSummary(row, tagList, now), bodyMarkdown: row.bodyMarkdown, bodyHtml: row.bodyHtml, deletedAt: row.deletedAt, reviewNote: row.reviewNote };
}

export async function readArticleById(db: Db, siteId: number, id: number, now: Date, options: { withDeleted?: boolean } = {}): Promise<EditorArticle | null> {
  const conditions = [eq(articles.id, id), eq(articles.siteId, siteId)];
  if (!options.withDeleted) conditions.push(isNull(articles.deletedAt));
  const [row] = await db
    .select(editorColumns)
    .from(articles)
    .innerJoin(categories, eq(categories.id, articles.categoryId))
    .where(and(...conditions));
  if (!row) return null;
  return editorArticleOf(row, (await tagsOf(db, [id])).get(id) ?? [], now);
}

/** The columns an admin list filters on: articles and documents share their state model (stored status + publishedAt + soft delete). */
export interface StateColumns { deletedAt: Column; status: Column; publishedAt: Column }

/** One admin list filter (a public state, the trash, or everything) as a condition on an articles-like table. */
export function stateCondition(t: StateColumns, filter: ListFilter, now: Date): SQL {
  switch (filter) {
    case 'trash':
      return and(isNotNull(t.deletedAt), gt(t.deletedAt, new Date(now.getTime() - TRASH_MS)))!;
    case 'all':
      return isNull(t.deletedAt);
    case 'scheduled':
      return and(isNull(t.deletedAt), eq(t.status, 'published'), gt(t.publishedAt, now))!;
    case 'published':
      return and(isNull(t.deletedAt), eq(t.status, 'published'), lte(t.publishedAt, now))!;
    default:
      return and(isNull(t.deletedAt), eq(t.status, filter))!;
  }
}

/** Title search through the full-text index (diacritics ignored; the last word may be cut short). */
function titleMatches(q: string): SQL | null {
  const match = matchExpression(q);
  if (match === null) return null;
  return sql`${articles.id} in (select ${articlesFts.rowid} from ${articlesFts} where ${articlesFts} match ${`title : (${match})`})`;
}

/** The creating and the latest revision of each article, in one statement (ids from a read of one site). */
export async function revisionStamps(db: Db, ids: number[]): Promise<Map<number, { first: RevisionStamp | null; last: RevisionStamp | null }>> {
  const out = new Map<number, { first: RevisionStamp | null; last: RevisionStamp | null }>();
  if (ids.length === 0) return out;
  const r = articleRevisions;
  const rows = await db
    .select({ articleId: r.articleId, version: r.version, actor: r.actor, name: r.actorName, at: r.createdAt })
    .from(r)
    .where(sql`${r.articleId} in (select value from json_each(${JSON.stringify(ids)}))
      and (${r.version} = (select min(v.version) from ${articleRevisions} v where v.article_id = ${r.articleId})
        or ${r.version} = (select max(v.version) from ${articleRevisions} v where v.article_id = ${r.articleId}))`)
    .orderBy(r.articleId, r.version);
  for (const row of rows) {
    const stamp = { actor: row.actor, name: row.name, at: row.at };
    const entry = out.get(row.articleId) ?? { first: null, last: null };
    entry.first ??= stamp;
    entry.last = stamp;
    out.set(row.articleId, entry);
  }
  return out;
}

/** Who created the site's article ("user:7", "token:3"), or null if its history is gone (or it is another site's). */
export async function ownerOf(db: Db, siteId: number, id: number): Promise<string | null> {
  const [first] = await db.select({ actor: articleRevisions.actor }).from(articleRevisions)
    .innerJoin(articles, eq(articles.id, articleRevisions.articleId))
    .where(and(eq(articleRevisions.articleId, id), eq(articles.siteId, siteId)))
    .orderBy(asc(articleRevisions.version))
    .limit(1);
  return first?.actor ?? null;
}

export async function listEditorArticles(
  db: Db,
  siteId: number,
  options: { filter: ListFilter; q?: string | undefined; page: number; pageSize?: number; now: Date },
): Promise<ArticleListPage> {
  const { filter, now } = options;
  const pageSize = options.pageSize ?? ADMIN_PAGE_SIZE;
  const conditions: SQL[] = [eq(articles.siteId, siteId), stateCondition(articles, filter, now)];
  if (options.q?.trim()) {
    const matching = titleMatches(options.q);
    if (matching === null) return { items: [], total: 0, page: 1, pageCount: 1 };
    conditions.push(matching);
  }
  const where = and(...conditions);
  const [{ total } = { total: 0 }] = await db.select({ total: count() }).from(articles).where(where);
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(Math.max(1, Math.floor(options.page) || 1), pageCount);
  const rows = await db
    .select({ ...summaryColumns, deletedAt: articles.deletedAt, reviewNote: articles.reviewNote })
    .from(articles)
    .innerJoin(categories, eq(categories.id, articles.categoryId))
    .where(where)
    .orderBy(filter === 'trash' ? desc(articles.deletedAt) : desc(articles.updatedAt), desc(articles.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  const ids = rows.map((r) => r.id);
  const [tagMap, stamps] = await Promise.all([tagsOf(db, ids), revisionStamps(db, ids)]);
  const items = rows.map((row) => ({
    ...toSummary(row, tagMap.get(row.id) ?? [], now),
    deletedAt: row.deletedAt,
    lastChange: stamps.get(row.id)?.last ?? null,
    owner: stamps.get(row.id)?.first?.actor ?? null,
    returned: row.reviewNote !== '',
  }));
  return { items, total, page, pageCount };
}
