// /api/v1/articles: browse, read, add, edit, destroy, for the host's site (and its tokens) only. HTTP
// only; queries live in functions/data.
import { database } from '../data/db.ts';
import { readArticleBySlug, listPublishedArticles, readPublishedArticle } from '../data/articles-read.ts';
import { readArticleById } from '../data/admin-articles.ts';
import { listGallery } from '../data/article-images.ts';
import { createArticle, deleteArticle, returnArticle, updateArticle, type ArticleInput, type EditorArticle } from '../articles/service.ts';
import { invalidField } from '../articles/errors.ts';
import { categoryIdOf } from '../data/categories.ts';
import { decodeCursor } from '../data/cursor.ts';
import type { Article } from '../data/article-types.ts';
import { articleViews, bounded } from '../stats/figures.ts';
import { assertCoverExists } from '../media/exists.ts';
import { callerOf, type WriteHandler } from '../http/auth.ts';
import { readJson, validate } from '../http/body.ts';
import { strongEtag } from '../http/etag.ts';
import { paths, siteOf } from '../http/origin.ts';
import { HttpError, notFound } from '../http/problem.ts';
import { queryOf, slugParam, type Handler } from '../http/request.ts';
import { PRIVATE_CACHE, sendJson, sendWrite } from '../http/respond.ts';
import { actorOf, assertIfMatch, createWithKey, nextPageUrl, pageOptions, reply } from './handler-parts.ts';
import { ArticleCreate, ArticlePatch, ListQuery } from './schemas.ts';
import { articleJson, articleSummaryJson } from './serialize.ts';

export const DEFAULT_LIMIT = 20;

export const browse: Handler = async (request, env) => {
  const now = new Date();
  const site = siteOf(request, env);
  // A presented token is checked even here: a bad one is an error, a good one makes the answer private.
  const caller = await callerOf(request, env, now);
  const query = validate(ListQuery, queryOf(request), 'query');
  const db = database(env.DB);
  const categoryId = query.category ? await categoryIdOf(db, site.id, query.category) : undefined;
  if (categoryId === null) throw notFound(`No category has the slug "${query.category}".`);
  const page = await listPublishedArticles(db, site.id, {
    limit: query.limit ?? DEFAULT_LIMIT,
    cursor: query.cursor ? decodeCursor(query.cursor) : undefined,
    categoryId,
    tagSlug: query.tag,
    q: query.q,
    now,
  });
  const origin = site.origin;
  const nextUrl = page.nextCursor ? nextPageUrl(request, origin, query, PAGE_PARAMS, page.nextCursor) : null;
  return sendJson(request, { items: page.items.map((a) => articleSummaryJson(a, origin)), next: page.nextCursor, nextUrl }, pageOptions(nextUrl, caller !== null));
};

/** What a next link carries besides the cursor. */
const PAGE_PARAMS = ['limit', 'category', 'tag', 'q'] as const;

/** The article's JSON with its gallery: what GET returns, a write answers and If-Match is checked against (one ETag). */
async function representation(env: Env, siteId: number, article: Article, origin: string) {
  return articleJson(article, origin, await listGallery(database(env.DB), siteId, article.id));
}

/** The representation a writer must echo back in If-Match. */
async function currentEtag(env: Env, siteId: number, article: Article, origin: string): Promise<string> {
  return strongEtag(JSON.stringify(await representation(env, siteId, article, origin)));
}

export const read: Handler = async (request, env) => {
  const now = new Date();
  const slug = slugParam(request, 'article');
  const site = siteOf(request, env);
  // A token of this site (another site's is refused as unknown, 401) may see this site's drafts.
  const caller = await callerOf(request, env, now);
  const db = database(env.DB);
  // Without credentials only published articles exist: drafts are indistinguishable from nothing.
  const result = caller ? await readArticleBySlug(db, site.id, slug, now) : await readPublishedArticle(db, site.id, slug, now);
  if (!result) throw notFound(`No article has the slug "${slug}".`);
  const origin = site.origin;
  if ('movedTo' in result) {
    return new Response(null, {
      status: 301,
      headers: { Location: origin + paths.apiArticle(result.movedTo), 'Cache-Control': 'public, max-age=300', 'Access-Control-Allow-Origin': '*' },
    });
  }
  const privateView = caller !== null || result.article.status !== 'published';
  const json = await representation(env, site.id, result.article, origin);
  const id = result.article.id;
  const views = await bounded(articleViews(env, site, [id]).then((m) => m.get(id) ?? 0), () => null, 'article views');
  return sendJson(request, { ...json, views }, {
    etagSource: JSON.stringify(json),
    ...(privateView ? { cacheControl: PRIVATE_CACHE } : {}),
  });
};

async function articleInput(
  env: Env, siteId: number, body: { category?: string | undefined } & Partial<Omit<ArticleInput, 'categoryId'>>, current?: Article,
): Promise<Partial<ArticleInput>> {
  await assertCoverExists(env.MEDIA, siteId, body.cover, current?.cover?.key);
  const { category, ...rest } = body;
  if (category === undefined) return rest;
  const categoryId = await categoryIdOf(database(env.DB), siteId, category);
  if (categoryId === null) {
    throw new HttpError(422, 'validation-failed', `Invalid body: category: no category has the slug "${category}".`, {
      errors: [{ field: 'category', message: `Unknown category "${category}".` }],
    });
  }
  return { ...rest, categoryId };
}

/** A write's answer from the article the write service committed: no second read. */
async function written(request: Request, env: Env, article: Article, status: number, extra: Record<string, string> = {}) {
  const site = siteOf(request, env);
  const json = await representation(env, site.id, article, site.origin);
  return { status, value: { ...json, views: null }, headers: { ETag: await strongEtag(JSON.stringify(json)), ...extra } };
}

export const add: WriteHandler = async (request, env, _ctx, token) => {
  const now = new Date();
  const site = siteOf(request, env);
  return createWithKey(request, env, token, now, {
    input: async () => (await articleInput(env, site.id, await readJson(request, ArticleCreate))) as ArticleInput,
    create: (input, also) => createArticle(env, site, input, actorOf(token), now, also),
    answer: (article: EditorArticle) => written(request, env, article, 201, { Location: site.origin + paths.apiArticle(article.slug) }),
    committed: async (id) => (await readArticleById(database(env.DB), site.id, id, now, { withDeleted: true }))!,
  });
};

/** Loads the site's article a write targets and enforces If-Match against its current ETag. */
async function writeTarget(request: Request, env: Env, slug: string, now: Date): Promise<Article> {
  const site = siteOf(request, env);
  const result = await readArticleBySlug(database(env.DB), site.id, slug, now);
  if (!result || !('article' in result)) throw notFound(`No article has the slug "${slug}".`);
  await assertIfMatch(request, () => currentEtag(env, site.id, result.article, site.origin), 'article');
  return result.article;
}

export const edit: WriteHandler = async (request, env, _ctx, token) => {
  const now = new Date();
  const site = siteOf(request, env);
  const current = await writeTarget(request, env, slugParam(request, 'article'), now);
  const { reviewNote, ...fields } = await readJson(request, ArticlePatch);
  // The admin's rule for tokens too: an article under review goes back to draft only with a reason.
  const returning = current.status === 'review' && fields.status === 'draft';
  if (returning && !reviewNote?.trim()) throw invalidField('reviewNote', 'Returning an article under review to draft needs a reason: send reviewNote.');
  if (reviewNote !== undefined && !returning) throw invalidField('reviewNote', 'reviewNote goes only with "status": "draft" on an article under review.');
  if (returning && Object.keys(fields).length > 1) throw invalidField('reviewNote', 'Return an article with "status" and "reviewNote" only; send other changes separately.');
  if (returning) return reply(await written(request, env, await returnArticle(env, site, current, reviewNote!, actorOf(token), now), 200));
  const patch = await articleInput(env, site.id, fields, current);
  return reply(await written(request, env, await updateArticle(env, site, current, patch, actorOf(token), now), 200));
};

export const destroy: WriteHandler = async (request, env, _ctx, token) => {
  const now = new Date();
  const current = await writeTarget(request, env, slugParam(request, 'article'), now);
  await deleteArticle(env, siteOf(request, env), current, actorOf(token), now);
  return sendWrite(null, 204);
};
