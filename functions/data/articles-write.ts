// Article writes as plans: the statements of a create, edit or delete, which the write service
// (functions/articles/service.ts) commits as one D1 batch (one transaction) with the revision it
// records; edits are guarded by the version the caller read, so two writers never overwrite each other.
// Every plan is for one site: its slugs, its former slugs, its tags, and only its own categories.
import { and, eq, isNull, sql, type SQL } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { articleRevisions, articles, articleSlugHistory, articleTags, categories, tags, type StoredStatus } from '../../schema/tables.ts';
import { renderBody } from '../content/markdown.ts';
import { randomSuffix, slugify, withSuffix } from '../content/slug.ts';
import { invalidField as invalid, SlugTaken } from '../articles/errors.ts';
import { publicStatus, type Article, type ArticleStatus, type Cover } from './article-types.ts';
import type { Db } from './db.ts';
import { guardedVersion } from './guarded-version.ts';
import { indexArticle, reindexArticle, searchFields } from './search.ts';
import { changedFrom, itemStateOf, type ItemTransition } from '../webhooks/events.ts';

export interface ArticleInput {
  title: string;
  slug?: string | undefined;
  summary: string;
  body: string;
  categoryId: number;
  tags: string[];
  byline: string;
  cover: Cover | null;
  status: ArticleStatus;
  publishAt?: Date | undefined;
}

/** Who made a change, as recorded in revisions: "token:3" / "user:7" and a readable name. */
export interface Actor {
  id: string;
  name: string;
}

export type Batch = [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]];

/** A write not yet committed: its statements, and the article they concern. */
export interface WritePlan {
  /** The article's id, or for a create the subquery that finds it (its id exists only in the batch). */
  articleId: number | SQL;
  statements: Batch;
  /** What the write does to the article, for the audit log (the service adds its entry to the batch). */
  step: RevisionAction;
  title: string;
  actor: Actor;
  /** The article before and after, for the webhook events the service writes in the same batch. */
  transition: ItemTransition;
}

/**
 * What a revision calls a change, in an editor's words. submitted: sent for review by its writer;
 * returned: sent back from review to draft by an editor, with the reason in the revision's note.
 */
export type RevisionAction =
  | 'created' | 'updated' | 'published' | 'unpublished' | 'scheduled' | 'archived' | 'deleted' | 'restored' | 'submitted' | 'returned';

/** Maps the requested status to what is stored, and decides the publish instant. */
export function resolvePublication(
  status: ArticleStatus,
  publishAt: Date | undefined,
  previous: Date | null,
  now: Date,
): { stored: StoredStatus; publishedAt: Date | null } {
  switch (status) {
    case 'scheduled':
      if (!publishAt) throw invalid('publishAt', 'A scheduled article needs publishAt.');
      if (publishAt.getTime() <= now.getTime()) throw invalid('publishAt', 'publishAt must be in the future to schedule.');
      return { stored: 'published', publishedAt: publishAt };
    case 'published': {
      if (publishAt && publishAt.getTime() > now.getTime() + 60_000) {
        throw invalid('publishAt', 'publishAt is in the future: use status "scheduled" to publish later.');
      }
      // Re-publishing keeps the original date; a never-published or future-dated article goes live now.
      const kept = previous && previous.getTime() <= now.getTime() ? previous : now;
      return { stored: 'published', publishedAt: publishAt ?? kept };
    }
    default:
      return { stored: status, publishedAt: publishAt ?? previous };
  }
}

function tagSlugs(names: string[]): { slug: string; name: string }[] {
  const bySlug = new Map<string, string>();
  names.forEach((name, i) => {
    const slug = slugify(name);
    if (!slug) throw invalid(`tags.${i}`, 'A tag needs at least one letter or digit.');
    if (!bySlug.has(slug)) bySlug.set(slug, name);
  });
  return [...bySlug].map(([slug, name]) => ({ slug, name }));
}

/** How many numbered slugs (base, base-2 ... base-N) are tried before a random suffix. */
const NUMBERED_CANDIDATES = 50;

/** Which of these slugs an article of the site uses or a redirect remembers: one query per table, two bound parameters. */
async function takenAmong(db: Db, siteId: number, candidates: string[]): Promise<Set<string>> {
  const list = JSON.stringify(candidates);
  const among = (col: typeof articles.slug | typeof articleSlugHistory.slug) => sql`${col} in (select value from json_each(${list}))`;
  const [a, h] = await db.batch([
    db.select({ slug: articles.slug }).from(articles).where(and(eq(articles.siteId, siteId), among(articles.slug))),
    db.select({ slug: articleSlugHistory.slug }).from(articleSlugHistory).where(and(eq(articleSlugHistory.siteId, siteId), among(articleSlugHistory.slug))),
  ]);
  return new Set([...a, ...h].map((r) => r.slug));
}

/**
 * The first free slug of base, base-2, base-3 ... (each within the length limit, so a long base is cut
 * differently per suffix: the candidates are listed, not a prefix range); past those, a random suffix.
 */
export async function freeSlug(db: Db, siteId: number, base: string): Promise<string> {
  const candidates = [base];
  for (let n = 2; n <= NUMBERED_CANDIDATES; n++) candidates.push(withSuffix(base, n));
  const taken = await takenAmong(db, siteId, candidates);
  return candidates.find((c) => !taken.has(c)) ?? withSuffix(base, randomSuffix());
}

/** Slugs are unique per site: another site's article may have the same one. */
export async function assertSlugFree(db: Db, siteId: number, slug: string, ownerId?: number): Promise<void> {
  const [a, h] = await db.batch([
    db.select({ id: articles.id }).from(articles).where(and(eq(articles.siteId, siteId), eq(articles.slug, slug))),
    db.select({ id: articleSlugHistory.articleId }).from(articleSlugHistory).where(and(eq(articleSlugHistory.siteId, siteId), eq(articleSlugHistory.slug, slug))),
  ]);
  const owner = a[0]?.id ?? h[0]?.id;
  if (owner !== undefined && owner !== ownerId) {
    throw new SlugTaken(slug, `The slug "${slug}" is already used by another article.`);
  }
}

/**
 * D1 refuses a row over 2,000,000 bytes (in production only: the local simulation stores it). An article's
 * row holds the Markdown and its HTML together, so their sum is what must fit, with room for the rest.
 */
export const MAX_BODY_ROW_BYTES = 1_900_000;
const utf8 = new TextEncoder();

/** What is derived from the text when it is saved: the HTML, and the folded fields of the search index. */
export async function rendered(title: string, summary: string, body: string) {
  const { html: bodyHtml, text } = await renderBody(body);
  const bytes = utf8.encode(body).byteLength + utf8.encode(bodyHtml).byteLength;
  if (bytes > MAX_BODY_ROW_BYTES) {
    throw invalid('body', `Too long to store: the text and its HTML take ${bytes.toLocaleString('en')} bytes; at most ${MAX_BODY_ROW_BYTES.toLocaleString('en')} fit in one row. Split the article or shorten it.`);
  }
  return { bodyHtml, search: searchFields(title, summary, text) };
}

export type RenderedText = Awaited<ReturnType<typeof rendered>>;

/**
 * The site's tags (new ones created) linked to the article. The list goes in as one JSON parameter, not
 * two per tag: D1 allows 100 bound parameters per statement, and imports are not held to the API's 20 tags.
 */
function linkTags(db: Db, siteId: number, articleId: number | ReturnType<typeof sql>, list: { slug: string; name: string }[]): BatchItem<'sqlite'>[] {
  if (list.length === 0) return [];
  return [
    // Every column, in table order, as drizzle's insert-select requires: the id from the table, the
    // creation time as its default computes it.
    db.insert(tags).select(
      db.select({
        id: sql<number>`null`.as('id'),
        siteId: sql<number>`${siteId}`.as('site_id'),
        slug: sql<string>`json_extract(value, '$.slug')`.as('slug'),
        name: sql<string>`json_extract(value, '$.name')`.as('name'),
        createdAt: sql<Date>`(unixepoch('subsec') * 1000)`.as('created_at'),
      }).from(sql`json_each(${JSON.stringify(list)})`).where(sql`true`),
    ).onConflictDoNothing({ target: [tags.siteId, tags.slug] }),
    db.insert(articleTags).select(
      db.select({ articleId: sql<number>`${articleId}`.as('article_id'), tagId: tags.id })
        .from(tags)
        .where(and(eq(tags.siteId, siteId), sql`${tags.slug} in (select value from json_each(${JSON.stringify(list.map((t) => t.slug))}))`)),
    ),
  ];
}

/**
 * The category id as stored: the category only if it is the site's own, else NULL, which fails the
 * batch (NOT NULL on articles.category_id, read as InvalidFields on `category` in errors.ts). The API
 * looks categories up by slug within the site already; this also holds for an admin form's posted id.
 */
const categoryOfSite = (siteId: number, categoryId: number) =>
  sql<number>`(select ${categories.id} from ${categories} where ${categories.id} = ${categoryId} and ${categories.siteId} = ${siteId})`;

function snapshot(a: {
  title: string; slug: string; summary: string; body: string; categoryId: number; tags: string[];
  byline: string; cover: Cover | null; status: string; publishedAt: Date | null;
}): string {
  return JSON.stringify({ ...a, publishedAt: a.publishedAt?.toISOString() ?? null });
}

/** The default slug base of a title (the service picks a free one from it). */
export const slugBase = (title: string) => slugify(title) || 'bai-viet';

export function planCreate(db: Db, siteId: number, input: ArticleInput, text: RenderedText, slug: string, actor: Actor, now: Date): WritePlan {
  const tagList = tagSlugs(input.tags);
  const { stored, publishedAt } = resolvePublication(input.status, input.publishAt, null, now);
  const { bodyHtml, search } = text;
  const idOf = sql`(select ${articles.id} from ${articles} where ${articles.siteId} = ${siteId} and ${articles.slug} = ${slug})`;
  const statements: Batch = [
    db.insert(articles).values({
      siteId, slug, title: input.title, summary: input.summary, bodyMarkdown: input.body, bodyHtml,
      coverKey: input.cover?.key ?? null, coverCaption: input.cover?.caption ?? '', coverAlt: input.cover?.alt ?? '',
      byline: input.byline, categoryId: categoryOfSite(siteId, input.categoryId), status: stored, publishedAt,
      version: 1, createdAt: now, updatedAt: now,
    }),
    // In the same batch: an article is searchable exactly when it exists.
    indexArticle(db, idOf, search),
    ...linkTags(db, siteId, idOf, tagList),
    db.insert(articleRevisions).values({
      articleId: idOf, version: 1, action: input.status === 'review' ? 'submitted' : 'created',
      changedFields: JSON.stringify(Object.keys(input)),
      snapshot: snapshot({ ...input, slug, tags: tagList.map((t) => t.name), status: stored, publishedAt }),
      actor: actor.id, actorName: actor.name, createdAt: now,
    }),
  ];
  const step = input.status === 'review' ? 'submitted' : actionOf('draft', publicStatus(stored, publishedAt, now));
  const after = { status: stored, publishedAt, deletedAt: null, slug, version: 1 };
  return { articleId: idOf, statements, step: step === 'updated' ? 'created' : step, title: input.title, actor, transition: { before: null, after } };
}

/** What a status change did, for the revision lists of articles, documents and pages (one wording for all three). */
export type StatusAction = 'updated' | 'published' | 'unpublished' | 'scheduled' | 'archived' | 'restored';

export function statusActionOf(before: ArticleStatus, after: ArticleStatus): StatusAction {
  if (before === after) return 'updated';
  if (after === 'published' || after === 'scheduled' || after === 'archived') return after;
  return before === 'published' ? 'unpublished' : 'updated';
}

/** What a change did to an article: as for every content, plus review (only articles are reviewed). */
function actionOf(before: ArticleStatus, after: ArticleStatus): RevisionAction {
  return before !== after && after === 'review' ? 'submitted' : statusActionOf(before, after);
}

/** An edit; `action` names it in the revision when it is not told by the status (a restored revision). */
export async function planUpdate(
  db: Db, siteId: number, current: Article, patch: Partial<ArticleInput>, actor: Actor, now: Date, action?: RevisionAction,
): Promise<WritePlan> {
  const next = {
    title: patch.title ?? current.title,
    slug: patch.slug ?? current.slug,
    summary: patch.summary ?? current.summary,
    body: patch.body ?? current.bodyMarkdown,
    categoryId: patch.categoryId ?? current.category.id,
    byline: patch.byline ?? current.byline,
    cover: patch.cover !== undefined ? patch.cover : current.cover,
  };
  const tagList = patch.tags ? tagSlugs(patch.tags) : current.tags;
  if (next.slug !== current.slug) await assertSlugFree(db, siteId, next.slug, current.id);
  const status = patch.status ?? current.status;
  const statusOrDateChanged = patch.status !== undefined || patch.publishAt !== undefined;
  const { stored, publishedAt } = statusOrDateChanged
    ? resolvePublication(status, patch.publishAt, current.publishedAt, now)
    : { stored: current.status === 'scheduled' ? 'published' as const : current.status, publishedAt: current.publishedAt };
  const textChanged = patch.title !== undefined || patch.summary !== undefined || patch.body !== undefined;
  const { bodyHtml, search } = textChanged
    ? await rendered(next.title, next.summary, next.body)
    : { bodyHtml: current.bodyHtml, search: undefined };
  const version = current.version + 1;
  const step = actionOf(current.status, publicStatus(stored, publishedAt, now));

  const statements: Batch = [
    db.update(articles).set({
      title: next.title, slug: next.slug, summary: next.summary, bodyMarkdown: next.body, bodyHtml,
      coverKey: next.cover?.key ?? null, coverCaption: next.cover?.caption ?? '', coverAlt: next.cover?.alt ?? '',
      byline: next.byline, categoryId: patch.categoryId !== undefined ? categoryOfSite(siteId, next.categoryId) : next.categoryId,
      status: stored, publishedAt, version, updatedAt: now,
      // A return's reason stays with the article until its status moves on (resubmitted, published).
      ...(statusOrDateChanged ? { reviewNote: '' } : {}),
    }).where(and(eq(articles.id, current.id), eq(articles.siteId, siteId), eq(articles.version, current.version), isNull(articles.deletedAt))),
    // NULL (and so a failed batch) unless the guarded update above really happened.
    db.insert(articleRevisions).values({
      articleId: current.id,
      version: guardedVersion(articles, current.id, version),
      action: action ?? step,
      changedFields: JSON.stringify(Object.keys(patch)),
      snapshot: snapshot({ ...next, tags: tagList.map((t) => t.name), status: stored, publishedAt }),
      actor: actor.id, actorName: actor.name, createdAt: now,
    }),
  ];
  if (next.slug !== current.slug) {
    statements.push(
      db.delete(articleSlugHistory).where(and(eq(articleSlugHistory.siteId, siteId), eq(articleSlugHistory.slug, next.slug))),
      db.insert(articleSlugHistory).values({ siteId, slug: current.slug, articleId: current.id, createdAt: now })
        .onConflictDoUpdate({ target: [articleSlugHistory.siteId, articleSlugHistory.slug], set: { articleId: current.id } }),
    );
  }
  // The new text is searchable with the same commit; a lost version race rolls this back with the rest.
  if (search) statements.push(...reindexArticle(db, current.id, search));
  if (patch.tags) {
    statements.push(db.delete(articleTags).where(eq(articleTags.articleId, current.id)), ...linkTags(db, siteId, current.id, tagList));
  }
  const after = { status: stored, publishedAt, deletedAt: null, slug: next.slug, version };
  return { articleId: current.id, statements, step, title: next.title, actor, transition: { before: itemStateOf(current), after } };
}

/**
 * Soft delete: the article disappears from every read path and can be restored for 30 days. Its
 * search row stays (searches only return what readers may see), so a restored article is found again.
 */
export function planDelete(db: Db, siteId: number, current: Article, actor: Actor, now: Date): WritePlan {
  const version = current.version + 1;
  return { articleId: current.id, statements: [
    db.update(articles).set({ deletedAt: now, version, updatedAt: now })
      .where(and(eq(articles.id, current.id), eq(articles.siteId, siteId), eq(articles.version, current.version), isNull(articles.deletedAt))),
    db.insert(articleRevisions).values({
      articleId: current.id,
      version: guardedVersion(articles, current.id, version),
      action: 'deleted', changedFields: '[]', snapshot: '{}', actor: actor.id, actorName: actor.name, createdAt: now,
    }),
  ], step: 'deleted', title: current.title, actor, transition: changedFrom(current, { deletedAt: now, version }) };
}

/**
 * An editor sends an article under review back to its writer as a draft, with the reason (required: the
 * service checks it is not blank), kept on the article (shown to the writer until they submit it again)
 * and in the revision's note. Guarded by the version and by the status still being "review".
 */
export function planReturn(db: Db, siteId: number, current: Article, note: string, actor: Actor, now: Date): WritePlan {
  const version = current.version + 1;
  return { articleId: current.id, statements: [
    db.update(articles).set({ status: 'draft', reviewNote: note, version, updatedAt: now })
      .where(and(eq(articles.id, current.id), eq(articles.siteId, siteId), eq(articles.version, current.version), eq(articles.status, 'review'), isNull(articles.deletedAt))),
    db.insert(articleRevisions).values({
      articleId: current.id,
      version: guardedVersion(articles, current.id, version),
      action: 'returned', changedFields: '["status"]',
      snapshot: snapshot({
        title: current.title, slug: current.slug, summary: current.summary, body: current.bodyMarkdown, categoryId: current.category.id,
        tags: current.tags.map((t) => t.name), byline: current.byline, cover: current.cover, status: 'draft', publishedAt: current.publishedAt,
      }),
      actor: actor.id, actorName: actor.name, note, createdAt: now,
    }),
  ], step: 'returned', title: current.title, actor, transition: changedFrom(current, { status: 'draft', version }) };
}
