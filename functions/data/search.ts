// Full-text search over articles: the FTS5 table articles_fts, safe MATCH expressions built from what
// readers type, the statements that keep the index in step inside each write's batch, and the ranked,
// paged search of the site's search page. Diacritics never matter: both sides are folded alike. One
// index serves every site; each search keeps only its own site's articles (joined, like the status).
import { and, count, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { articles, categories } from '../../schema/tables.ts';
import { foldVietnamese } from '../content/fold.ts';
import type { ArticleSummary } from './article-types.ts';
import { summaryColumns, tagsOf, toSummary, visibleToReaders } from './articles-read.ts';
import type { Db } from './db.ts';

/**
 * The FTS5 virtual table (rowid = articles.id), created by schema/migrations/0002_search_fts.sql.
 * Declared here, not in schema/tables.ts, only so queries are typed: drizzle-kit cannot express a
 * virtual table and would generate a plain table for it.
 */
export const articlesFts = sqliteTable('articles_fts', {
  rowid: integer('rowid').notNull(),
  title: text('title').notNull(),
  summary: text('summary').notNull(),
  body: text('body').notNull(),
});

/** bm25 weights of title, summary, body: a word in the title says most about what an article is. */
const WEIGHTS = sql.raw('8.0, 3.0, 1.0');
const MAX_WORDS = 8;
export const DEFAULT_PAGE_SIZE = 10;
export const MAX_PAGE_SIZE = 50;
/** Far past any real result list; keeps OFFSET an integer SQLite accepts whatever page is asked for. */
const MAX_PAGE = 1_000_000;

/** Search words, folded like the index (lowercase, no diacritics, đ -> d), distinct, at most 8. */
export function searchWords(q: string): string[] {
  return [...new Set(foldVietnamese(q).split(' ').filter(Boolean))].slice(0, MAX_WORDS);
}

/**
 * The FTS5 MATCH expression for what a reader typed, or null when it has no letter or digit.
 * Every word is an FTS5 string ("..." with " doubled), so nothing typed can be read as syntax
 * (OR, NOT, NEAR, *, ^, -, column filters); words are ANDed; the last word matches as a prefix,
 * for a query cut short ("dong h"). Only the last: Vietnamese syllables are short, and "an*" on
 * every word would also match anh, ang, an toan... and blur the AND.
 */
export function matchExpression(q: string): string | null {
  const words = searchWords(q);
  if (words.length === 0) return null;
  const quoted = words.map((w) => `"${w.replaceAll('"', '""')}"`);
  quoted[quoted.length - 1] += '*';
  return quoted.join(' AND ');
}

/**
 * `articles.id IN (the articles matching q)`, for filtering an article query that already names its
 * site (the index holds every site's text); null: nothing to search for.
 */
export function matchingArticles(q: string): SQL | null {
  const match = matchExpression(q);
  if (match === null) return null;
  return sql`${articles.id} in (select ${articlesFts.rowid} from ${articlesFts} where ${articlesFts} match ${match})`;
}

// ---- keeping the index in step: statements for the writer's own batch (one transaction) ----

export interface SearchFields {
  title: string;
  summary: string;
  body: string;
}

/** The indexed text of an article: each field folded; the body as plain text, without Markdown. */
export function searchFields(title: string, summary: string, bodyPlainText: string): SearchFields {
  return { title: foldVietnamese(title), summary: foldVietnamese(summary), body: foldVietnamese(bodyPlainText) };
}

/** Indexes a new article; its id may be an SQL expression, since the batch creates the row. */
export function indexArticle(db: Db, articleId: number | SQL, fields: SearchFields): BatchItem<'sqlite'> {
  return db.insert(articlesFts).values({ rowid: articleId, ...fields });
}

/**
 * Replaces an article's indexed text. Delete then insert: FTS5 has no UPSERT, and this also heals
 * an article that somehow lacked its row. Soft deletes and status changes leave the row alone:
 * every search joins articles and keeps only what readers may see.
 */
export function reindexArticle(db: Db, articleId: number, fields: SearchFields): BatchItem<'sqlite'>[] {
  return [db.delete(articlesFts).where(eq(articlesFts.rowid, articleId)), indexArticle(db, articleId, fields)];
}

// ---- the search page ----

export interface SearchOptions {
  /** 1-based; a page after the last one is empty (its total still right). */
  page?: number | undefined;
  /** Default 10, at most 50. */
  pageSize?: number | undefined;
  now: Date;
  categoryId?: number | undefined;
}

export interface SearchResult {
  items: ArticleSummary[];
  total: number;
  page: number;
  pageCount: number;
}

const wholeAtLeast = (n: number | undefined, min: number, fallback: number) =>
  n !== undefined && Number.isFinite(n) ? Math.max(min, Math.trunc(n)) : fallback;

/** Articles readers may see that contain every word, best match first (ties: newest first), one page. */
export async function searchArticles(db: Db, siteId: number, q: string, options: SearchOptions): Promise<SearchResult> {
  const page = Math.min(MAX_PAGE, wholeAtLeast(options.page, 1, 1));
  const pageSize = Math.min(MAX_PAGE_SIZE, wholeAtLeast(options.pageSize, 1, DEFAULT_PAGE_SIZE));
  const match = matchExpression(q);
  if (match === null) return { items: [], total: 0, page, pageCount: 0 };

  const where = and(
    sql`${articlesFts} match ${match}`,
    eq(articles.id, articlesFts.rowid),
    visibleToReaders(siteId, options.now),
    options.categoryId !== undefined ? eq(articles.categoryId, options.categoryId) : undefined,
  );
  // CROSS JOIN keeps articles_fts the outer loop (SQLite never reorders it): the matches drive and each
  // is looked up by key. Left to itself the planner may walk every visible article instead, probing
  // the index once per article, which costs what the whole table costs whatever the words.
  const [rows, counted] = await db.batch([
    db.select(summaryColumns)
      .from(articlesFts)
      .crossJoin(articles)
      .innerJoin(categories, eq(categories.id, articles.categoryId))
      .where(where)
      .orderBy(sql`bm25(${articlesFts}, ${WEIGHTS})`, desc(articles.publishedAt), desc(articles.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ total: count() }).from(articlesFts).crossJoin(articles).where(where),
  ]);
  const total = counted[0]?.total ?? 0;
  const tagMap = await tagsOf(db, rows.map((r) => r.id));
  return {
    items: rows.map((row) => toSummary(row, tagMap.get(row.id) ?? [], options.now)),
    total,
    page,
    pageCount: Math.ceil(total / pageSize),
  };
}
