// Page writes as plans: the statements of a create, edit, delete or restore from the trash, which the
// pages' write service (functions/site-pages/service.ts) commits as one D1 batch with the revision it
// records. Edits are guarded by the version the caller read; a new Vietnamese slug remembers the old
// one (page_slug_history), so its URL answers 301. Both languages' Markdown is rendered and sanitized here.
import { and, eq, isNotNull, isNull, ne, sql, type SQL } from 'drizzle-orm';
import { pageRevisions, pages, pageSlugHistory, type StoredStatus } from '../../schema/tables.ts';
import { InvalidFields, type FieldError } from '../articles/errors.ts';
import { renderBody } from '../content/markdown.ts';
import { isValidSlug, slugify } from '../content/slug.ts';
import { publicStatus, type ArticleStatus } from './article-types.ts';
import { MAX_BODY_ROW_BYTES, resolvePublication, statusActionOf, type Actor, type Batch, type StatusAction } from './articles-write.ts';
import type { Db } from './db.ts';
import { guardedVersion } from './guarded-version.ts';
import { readPageById, type SitePage } from './pages-read.ts';
import { assertRestorable } from './trash.ts';
import { changedFrom, itemStateOf, type ItemTransition } from '../webhooks/events.ts';

export const PAGE_CHANGED = 'The page was changed by someone else meanwhile. Read it again and reapply your change.';
export const SLUG_EN_TAKEN = 'Another page of this site already uses this English slug.';

/** What a page is made of; the English fields count only with a slugEn (then titleEn and bodyEn are required). */
export interface PageInput {
  title: string;
  /** Derived from the title when omitted. */
  slug?: string | undefined;
  summary: string;
  body: string;
  slugEn: string | null;
  titleEn: string;
  summaryEn: string;
  bodyEn: string;
  status: ArticleStatus;
  publishAt?: Date | undefined;
}

/** The content of a page (what a revision records and restores). */
export type PageContent = Omit<PageInput, 'status' | 'publishAt' | 'slug'>;

export interface PagePlan {
  /** The page's id, or for a create the subquery that finds it. */
  pageId: number | SQL;
  statements: Batch;
  /** The page before and after, for the webhook events the service writes in the same batch. */
  transition: ItemTransition;
}

export const pageSlugBase = (title: string) => slugify(title) || 'trang';

/** The content rules both doors share, every problem named at once. */
export function checkPageContent(next: PageContent, slug: string | undefined): void {
  const problems: FieldError[] = [];
  if (!next.title.trim()) problems.push({ field: 'title', message: 'A page needs a title.' });
  if (slug !== undefined && !isValidSlug(slug)) problems.push({ field: 'slug', message: 'Use lowercase ASCII letters, digits and single hyphens (at most 80).' });
  if (next.slugEn !== null) {
    if (!isValidSlug(next.slugEn)) problems.push({ field: 'slugEn', message: 'Use lowercase ASCII letters, digits and single hyphens (at most 80).' });
    if (!next.titleEn.trim()) problems.push({ field: 'titleEn', message: 'An English version needs an English title.' });
    if (!next.bodyEn.trim()) problems.push({ field: 'bodyEn', message: 'An English version needs an English body.' });
  }
  if (problems.length) throw new InvalidFields(problems);
}

const utf8 = new TextEncoder();

/** Both bodies' sanitized HTML, within what one D1 row holds. */
async function renderedBodies(body: string, bodyEn: string): Promise<{ html: string; htmlEn: string }> {
  const [vi, en] = await Promise.all([renderBody(body), bodyEn ? renderBody(bodyEn) : { html: '' }]);
  const bytes = [body, vi.html, bodyEn, en.html].reduce((n, s) => n + utf8.encode(s).byteLength, 0);
  if (bytes > MAX_BODY_ROW_BYTES) throw new InvalidFields([{ field: 'body', message: `Too long to store: ${bytes} bytes with the HTML; at most ${MAX_BODY_ROW_BYTES} fit.` }]);
  return { html: vi.html, htmlEn: en.html };
}

/** A free Vietnamese slug from the base ("gioi-thieu", "gioi-thieu-2"...). */
export async function freePageSlug(db: Db, siteId: number, base: string): Promise<string> {
  const rows = await db.select({ slug: pages.slug }).from(pages).where(and(eq(pages.siteId, siteId), sql`(${pages.slug} = ${base} or ${pages.slug} like ${`${base}-%`})`));
  const taken = new Set(rows.map((r) => r.slug));
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? base : `${base}-${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/** The slug (Vietnamese) and slugEn are free on the site for this page; SlugTaken / InvalidFields otherwise. */
async function checkSlugsFree(db: Db, siteId: number, slug: string | null, slugEn: string | null, selfId: number | null): Promise<void> {
  const problems: FieldError[] = [];
  const self = selfId === null ? undefined : ne(pages.id, selfId);
  const [bySlug, byEn] = await db.batch([
    db.select({ id: pages.id }).from(pages).where(and(eq(pages.siteId, siteId), eq(pages.slug, slug ?? ''), self)),
    db.select({ id: pages.id }).from(pages).where(and(eq(pages.siteId, siteId), eq(pages.slugEn, slugEn ?? ''), self)),
  ]);
  if (slug !== null && bySlug[0]) problems.push({ field: 'slug', message: 'Already used by another page of this site.' });
  if (slugEn !== null && byEn[0]) problems.push({ field: 'slugEn', message: SLUG_EN_TAKEN });
  if (problems.length) throw new InvalidFields(problems);
}

function snapshot(next: PageContent, slug: string, status: StoredStatus, publishedAt: Date | null): string {
  return JSON.stringify({ ...next, slug, status, publishedAt: publishedAt?.toISOString() ?? null });
}

const stored = (input: PageContent) => ({
  title: input.title, summary: input.summary, bodyMarkdown: input.body,
  slugEn: input.slugEn, titleEn: input.slugEn === null ? '' : input.titleEn,
  summaryEn: input.slugEn === null ? '' : input.summaryEn, bodyMarkdownEn: input.slugEn === null ? '' : input.bodyEn,
});

/** The content an input keeps: without slugEn the English fields are dropped (no half translation stored). */
export function contentOf(input: PageContent): PageContent {
  const english = input.slugEn !== null;
  return {
    title: input.title, summary: input.summary, body: input.body, slugEn: input.slugEn,
    titleEn: english ? input.titleEn : '', summaryEn: english ? input.summaryEn : '', bodyEn: english ? input.bodyEn : '',
  };
}

export async function planCreatePage(db: Db, siteId: number, input: PageInput, actor: Actor, now: Date, slug: string): Promise<PagePlan> {
  const content = contentOf(input);
  checkPageContent(content, slug);
  await checkSlugsFree(db, siteId, input.slug ? slug : null, content.slugEn, null);
  const { stored: status, publishedAt } = resolvePublication(input.status, input.publishAt, null, now);
  const { html, htmlEn } = await renderedBodies(content.body, content.bodyEn);
  const idOf = sql`(select ${pages.id} from ${pages} where ${pages.siteId} = ${siteId} and ${pages.slug} = ${slug})`;
  return {
    pageId: idOf,
    statements: [
      db.insert(pages).values({ siteId, slug, ...stored(content), bodyHtml: html, bodyHtmlEn: htmlEn, status, publishedAt, version: 1, createdAt: now, updatedAt: now }),
      // A new page may take a slug another page had before: that old address now means this page.
      db.delete(pageSlugHistory).where(and(eq(pageSlugHistory.siteId, siteId), eq(pageSlugHistory.slug, slug))),
      db.insert(pageRevisions).values({
        pageId: idOf, version: 1, action: 'created', changedFields: JSON.stringify(Object.keys(input)),
        snapshot: snapshot(content, slug, status, publishedAt), actor: actor.id, actorName: actor.name, createdAt: now,
      }),
    ],
    transition: { before: null, after: { status, publishedAt, deletedAt: null, slug, version: 1 } },
  };
}

/** The editable content of a stored page. */
export function pageContentOf(p: SitePage): PageContent {
  return {
    title: p.title, summary: p.summary, body: p.bodyMarkdown,
    slugEn: p.slugEn, titleEn: p.titleEn, summaryEn: p.summaryEn, bodyEn: p.bodyMarkdownEn,
  };
}

export async function planUpdatePage(
  db: Db, siteId: number, current: SitePage, patch: Partial<PageInput>, actor: Actor, now: Date, action?: StatusAction,
): Promise<PagePlan> {
  const defined = Object.fromEntries(Object.entries(patch).filter(([k, v]) => v !== undefined && k !== 'status' && k !== 'publishAt' && k !== 'slug'));
  const next = contentOf({ ...pageContentOf(current), ...defined } as PageContent);
  const slug = patch.slug ?? current.slug;
  checkPageContent(next, slug === current.slug ? undefined : slug);
  await checkSlugsFree(db, siteId, slug === current.slug ? null : slug, next.slugEn === current.slugEn ? null : next.slugEn, current.id);
  const { stored: status, publishedAt } = patch.status !== undefined || patch.publishAt !== undefined
    ? resolvePublication(patch.status ?? current.state, patch.publishAt, current.publishedAt, now)
    : { stored: current.state === 'scheduled' ? 'published' as const : current.state, publishedAt: current.publishedAt };
  const { html, htmlEn } = await renderedBodies(next.body, next.bodyEn);
  const version = current.version + 1;
  const statements: Batch = [
    db.update(pages).set({ slug, ...stored(next), bodyHtml: html, bodyHtmlEn: htmlEn, status, publishedAt, version, updatedAt: now })
      .where(and(eq(pages.id, current.id), eq(pages.siteId, siteId), eq(pages.version, current.version), isNull(pages.deletedAt))),
    db.insert(pageRevisions).values({
      pageId: current.id, version: guardedVersion(pages, current.id, version),
      action: action ?? statusActionOf(current.state, publicStatus(status, publishedAt, now)),
      changedFields: JSON.stringify(Object.keys(patch)), snapshot: snapshot(next, slug, status, publishedAt),
      actor: actor.id, actorName: actor.name, createdAt: now,
    }),
  ];
  if (slug !== current.slug) {
    statements.push(
      // The new slug is no longer a former one (of this page or another); the old one now leads here.
      db.delete(pageSlugHistory).where(and(eq(pageSlugHistory.siteId, siteId), eq(pageSlugHistory.slug, slug))),
      db.insert(pageSlugHistory).values({ siteId, slug: current.slug, pageId: current.id, createdAt: now })
        .onConflictDoUpdate({ target: [pageSlugHistory.siteId, pageSlugHistory.slug], set: { pageId: current.id, createdAt: now } }),
    );
  }
  return { pageId: current.id, statements, transition: { before: itemStateOf(current), after: { status, publishedAt, deletedAt: null, slug, version } } };
}

/** Soft delete: gone from every read path, restorable for 30 days; its slugs stay taken meanwhile. */
export function planDeletePage(db: Db, siteId: number, current: SitePage, actor: Actor, now: Date): PagePlan {
  const version = current.version + 1;
  return { pageId: current.id, statements: [
    db.update(pages).set({ deletedAt: now, version, updatedAt: now })
      .where(and(eq(pages.id, current.id), eq(pages.siteId, siteId), eq(pages.version, current.version), isNull(pages.deletedAt))),
    db.insert(pageRevisions).values({
      pageId: current.id, version: guardedVersion(pages, current.id, version), action: 'deleted', changedFields: '[]', snapshot: '{}',
      actor: actor.id, actorName: actor.name, createdAt: now,
    }),
  ], transition: changedFrom(current, { deletedAt: now, version }) };
}

/** Out of the trash with the state it had; NotFound, Gone (older than 30 days) or VersionConflict otherwise. */
export async function planRestorePage(db: Db, siteId: number, id: number, expectedVersion: number, actor: Actor, now: Date): Promise<PagePlan> {
  const current = await readPageById(db, siteId, id, now, { withDeleted: true });
  assertRestorable(current, 'page', expectedVersion, PAGE_CHANGED, now);
  const version = current.version + 1;
  const status = current.state === 'scheduled' ? 'published' : current.state;
  return { pageId: id, statements: [
    db.update(pages).set({ deletedAt: null, version, updatedAt: now })
      .where(and(eq(pages.id, id), eq(pages.siteId, siteId), eq(pages.version, current.version), isNotNull(pages.deletedAt))),
    db.insert(pageRevisions).values({
      pageId: id, version: guardedVersion(pages, id, version), action: 'restored', changedFields: '[]',
      snapshot: snapshot(pageContentOf(current), current.slug, status, current.publishedAt), actor: actor.id, actorName: actor.name, createdAt: now,
    }),
  ], transition: changedFrom(current, { deletedAt: null, version }) };
}
