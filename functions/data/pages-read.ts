// Static pages of one site (Giới thiệu, Cơ cấu tổ chức, Liên hệ...): what readers see (published, time
// come, not deleted) by Vietnamese or English slug, a former slug's new address, the published list for
// the API, sitemap and footer, and what editors see (any state, the trash, pages of 20).
import { and, asc, count, desc, eq, getTableColumns, isNull, lte, sql, type SQL } from 'drizzle-orm';
import { pageRevisions, pages, pageSlugHistory } from '../../schema/tables.ts';
import { ADMIN_PAGE_SIZE, stateCondition, type ListFilter, type RevisionStamp } from './admin-articles.ts';
import { publicStatus, type ArticleStatus } from './article-types.ts';
import type { Db } from './db.ts';

export interface SitePage {
  id: number;
  siteId: number;
  slug: string;
  title: string;
  summary: string;
  bodyMarkdown: string;
  bodyHtml: string;
  /** The English version's slug; null when the page has no English version. */
  slugEn: string | null;
  titleEn: string;
  summaryEn: string;
  bodyMarkdownEn: string;
  bodyHtmlEn: string;
  state: ArticleStatus;
  publishedAt: Date | null;
  version: number;
  deletedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/** A published page as lists show it (API, sitemap, footer). */
export type PageRef = Pick<SitePage, 'id' | 'slug' | 'title' | 'slugEn' | 'titleEn' | 'publishedAt' | 'updatedAt'>;

type Row = typeof pages.$inferSelect;

export function pageOf(row: Row, now: Date): SitePage {
  const { status, ...rest } = row;
  return { ...rest, state: publicStatus(status, row.publishedAt, now) };
}

/** Readers see a page of this site only when published, its time come, and not deleted. */
export function visiblePages(siteId: number, now: Date): SQL {
  return and(eq(pages.siteId, siteId), eq(pages.status, 'published'), lte(pages.publishedAt, now), isNull(pages.deletedAt))!;
}

/** The page readers find at /trang/{slug} (lang vi) or /en/{slug} (lang en); null for a draft, another site's or none. */
export async function readPublishedPage(db: Db, siteId: number, lang: 'vi' | 'en', slug: string, now: Date): Promise<SitePage | null> {
  const [row] = await db.select().from(pages).where(and(visiblePages(siteId, now), eq(lang === 'vi' ? pages.slug : pages.slugEn, slug)));
  return row ? pageOf(row, now) : null;
}

/** Where a former Vietnamese slug of a visible page now is (its current slug), or null. */
export async function pageMovedTo(db: Db, siteId: number, slug: string, now: Date): Promise<string | null> {
  const [row] = await db.select({ slug: pages.slug }).from(pageSlugHistory)
    .innerJoin(pages, eq(pages.id, pageSlugHistory.pageId))
    .where(and(eq(pageSlugHistory.siteId, siteId), eq(pageSlugHistory.slug, slug), visiblePages(siteId, now)));
  return row && row.slug !== slug ? row.slug : null;
}

/** Every published page of the site, by title (Vietnamese collation is the reader's; this is stable). */
export async function listPublishedPages(db: Db, siteId: number, now: Date): Promise<PageRef[]> {
  return publishedPagesRead(db, siteId, now);
}

/** The query of listPublishedPages, for a D1 batch (the reader pages read it with the menu: site/lib/menu.ts). */
export function publishedPagesRead(db: Db, siteId: number, now: Date) {
  return db.select({
    id: pages.id, slug: pages.slug, title: pages.title, slugEn: pages.slugEn, titleEn: pages.titleEn,
    publishedAt: pages.publishedAt, updatedAt: pages.updatedAt,
  }).from(pages).where(visiblePages(siteId, now)).orderBy(asc(pages.id));
}

/** A page of the site in any state (editors; the API with a token); the trash only when asked. */
export async function readPageById(db: Db, siteId: number, id: number, now: Date, options: { withDeleted?: boolean } = {}): Promise<SitePage | null> {
  const [row] = await db.select().from(pages)
    .where(and(eq(pages.id, id), eq(pages.siteId, siteId), options.withDeleted ? undefined : isNull(pages.deletedAt)));
  return row ? pageOf(row, now) : null;
}

/** A page of the site by its Vietnamese slug in any state but the trash (the API with a token). */
export async function readPageBySlug(db: Db, siteId: number, slug: string, now: Date): Promise<SitePage | null> {
  const [row] = await db.select().from(pages).where(and(eq(pages.siteId, siteId), eq(pages.slug, slug), isNull(pages.deletedAt)));
  return row ? pageOf(row, now) : null;
}

export interface ListedPage extends Omit<SitePage, 'bodyMarkdown' | 'bodyHtml' | 'bodyMarkdownEn' | 'bodyHtmlEn'> {
  lastChange: RevisionStamp | null;
}

export interface PageListPage {
  items: ListedPage[];
  total: number;
  page: number;
  pageCount: number;
}

/** The editors' list of the site's pages in one state (or the trash), newest change first, pages of 20. */
export async function listEditorPages(db: Db, siteId: number, options: { filter: ListFilter; page: number; now: Date }): Promise<PageListPage> {
  const where = and(eq(pages.siteId, siteId), stateCondition(pages, options.filter, options.now));
  const [totalRow] = await db.select({ n: count() }).from(pages).where(where);
  const total = totalRow?.n ?? 0;
  const pageCount = Math.max(1, Math.ceil(total / ADMIN_PAGE_SIZE));
  const page = Number.isSafeInteger(options.page) && options.page >= 1 ? Math.min(options.page, pageCount) : 1;
  const { bodyMarkdown: _a, bodyHtml: _b, bodyMarkdownEn: _c, bodyHtmlEn: _d, ...columns } = getTableColumns(pages);
  const rows = await db.select({
    ...columns,
    lastActor: sql<string | null>`(select r.actor_name from ${pageRevisions} r where r.page_id = ${pages.id} order by r.version desc limit 1)`,
    lastAt: sql<number | null>`(select r.created_at from ${pageRevisions} r where r.page_id = ${pages.id} order by r.version desc limit 1)`,
  }).from(pages).where(where).orderBy(desc(pages.updatedAt), desc(pages.id)).limit(ADMIN_PAGE_SIZE).offset((page - 1) * ADMIN_PAGE_SIZE);
  const items = rows.map(({ lastActor, lastAt, status, ...r }) => ({
    ...r, state: publicStatus(status, r.publishedAt, options.now),
    lastChange: lastAt === null ? null : { actor: '', name: lastActor ?? '', at: new Date(lastAt) },
  }));
  return { items, total, page, pageCount };
}
