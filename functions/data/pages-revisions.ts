// A page's history for editors: its revisions (who, when, what), the content each recorded, and the
// edit that brings a revision's content back (committed by the pages' write service as "restored").
import { and, desc, eq } from 'drizzle-orm';
import { pageRevisions, pages } from '../../schema/tables.ts';
import type { Db } from './db.ts';
import type { SitePage } from './pages-read.ts';
import { pageContentOf, type PageContent, type PageInput } from './pages-write.ts';
import type { Revision } from './revisions.ts';

/** An article revision's fields, about a page. */
export type PageRevision = Omit<Revision, 'articleId'> & { pageId: number };

const columns = {
  id: pageRevisions.id,
  pageId: pageRevisions.pageId,
  version: pageRevisions.version,
  action: pageRevisions.action,
  changedFields: pageRevisions.changedFields,
  actor: pageRevisions.actor,
  actorName: pageRevisions.actorName,
  createdAt: pageRevisions.createdAt,
};

const parse = <T>(json: string, fallback: T): T => {
  try {
    return JSON.parse(json) as T;
  } catch {
    return fallback;
  }
};

const EMPTY: PageContent = { title: '', summary: '', body: '', slugEn: null, titleEn: '', summaryEn: '', bodyEn: '' };

const ofSitePage = (siteId: number, pageId: number) => and(eq(pageRevisions.pageId, pageId), eq(pages.siteId, siteId));

export async function listPageRevisions(db: Db, siteId: number, pageId: number): Promise<PageRevision[]> {
  const rows = await db.select(columns).from(pageRevisions).innerJoin(pages, eq(pages.id, pageRevisions.pageId))
    .where(ofSitePage(siteId, pageId)).orderBy(desc(pageRevisions.version));
  return rows.map((r) => ({ ...r, changedFields: parse<string[]>(r.changedFields, []) }));
}

export async function readPageRevision(db: Db, siteId: number, pageId: number, revisionId: number): Promise<(PageRevision & { content: PageContent | null }) | null> {
  const [row] = await db.select({ ...columns, snapshot: pageRevisions.snapshot }).from(pageRevisions)
    .innerJoin(pages, eq(pages.id, pageRevisions.pageId))
    .where(and(ofSitePage(siteId, pageId), eq(pageRevisions.id, revisionId)));
  if (!row) return null;
  const snap = parse<Partial<PageContent>>(row.snapshot, {});
  const content = typeof snap.title === 'string' && typeof snap.body === 'string' ? { ...EMPTY, ...snap } as PageContent : null;
  const { snapshot: _, ...rest } = row;
  return { ...rest, changedFields: parse<string[]>(row.changedFields, []), content };
}

/**
 * The edit that brings the page's content (both languages) back to a revision's. The Vietnamese slug and
 * the state stay as they are: restoring old text must not move the URL or publish anything.
 */
export function pageRestorePatch(current: SitePage, content: PageContent): Partial<PageInput> {
  const now = pageContentOf(current);
  const patch: Partial<PageInput> = {};
  for (const key of ['title', 'summary', 'body', 'slugEn', 'titleEn', 'summaryEn', 'bodyEn'] as const) {
    if (content[key] !== undefined && content[key] !== now[key]) (patch as Record<string, unknown>)[key] = content[key];
  }
  return patch;
}
