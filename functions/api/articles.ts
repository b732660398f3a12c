// /api/v1/articles: browse, read, add, edit, destroy. HTTP only; queries live in functions/data.
import { database } from '../data/db.ts';
import { readArticleBySlug, listPublishedArticles, readPublishedArticle } from '../data/articles-read.ts';
import { createArticle, deleteArticle, updateArticle, type Actor, type ArticleInput } from '../data/articles-write.ts';
import { categoryIdOf } from '../data/categories.ts';
import { decodeCursor } from '../data/cursor.ts';
import type { Article } from '../data/article-types.ts';
import type { TokenIdentity } from '../data/tokens.ts';
import { articleViews, bounded } from '../stats/figures.ts';
import { bumpVersion } from '../cache/generation.ts';
import { assertCoverExists } from '../media/exists.ts';
import { callerOf, requireScope } from '../http/auth.ts';
import { readJson, validate } from '../http/body.ts';
import { ifMatches, strongEtag } from '../http/etag.ts';
import { paths, siteOrigin } from '../http/origin.ts';
import { HttpError, notFound } from '../http/problem.ts';
import { queryOf, slugParam, type Handler } from '../http/request.ts';
import { PRIVATE_CACHE, sendJson, sendWrite } from '../http/respond.ts';
import { ArticleCreate, ArticlePatch, ListQuery } from './schemas.ts';
import { articleJson, articleSummaryJson } from './serialize.ts';

export const DEFAULT_LIMIT = 20;

export const browse: Handler = async (request, env) => {
  const now = new Date();
  // A presented token is checked even here: a bad one is an error, a good one makes the answer private.
  const caller = await callerOf(request, env, now);
  const query = validate(ListQuery, queryOf(request), 'query');
  const db = database(env.DB);
  const categoryId = query.category ? await categoryIdOf(db, query.category) : undefined;
  if (categoryId === null) throw notFound(`No category has the slug "${query.category}".`);
  const page = await listPublishedArticles(db, {
    limit: query.limit ?? DEFAULT_LIMIT,
    cursor: query.cursor ? decodeCursor(query.cursor) : undefined,
    categoryId,
    tagSlug: query.tag,
    q: query.q,
    now,
  });
  const origin = siteOrigin(request, env);
  let nextUrl: string | null = null;
  if (page.nextCursor) {
    const next = new URL(request.url);
    next.searchParams.set('cursor', page.nextCursor);
    nextUrl = origin + next.pathname + next.search;
  }
  return sendJson(
    request,
    { items: page.items.map((a) => articleSummaryJson(a, origin)), next: page.nextCursor, nextUrl },
    {
      ...(nextUrl ? { headers: { Link: `<${nextUrl}>; rel="next"` } } : {}),
      ...(caller ? { cacheControl: PRIVATE_CACHE } : {}),
    },
  );
};

/** The representation a writer must echo back in If-Match. */
async function currentEtag(article: Article, origin: string): Promise<string> {
  return strongEtag(JSON.stringify(articleJson(article, origin)));
}

export const read: Handler = async (request, env) => {
  const now = new Date();
  const slug = slugParam(request, 'article');
  const caller = await callerOf(request, env, now);
  const db = database(env.DB);
  // Without credentials only published articles exist: drafts are indistinguishable from nothing.
  const result = caller ? await readArticleBySlug(db, slug, now) : await readPublishedArticle(db, slug, now);
  if (!result) throw notFound(`No article has the slug "${slug}".`);
  const origin = siteOrigin(request, env);
  if ('movedTo' in result) {
    return new Response(null, {
      status: 301,
      headers: { Location: origin + paths.apiArticle(result.movedTo), 'Cache-Control': 'public, max-age=300', 'Access-Control-Allow-Origin': '*' },
    });
  }
  const privateView = caller !== null || result.article.status !== 'published';
  const json = articleJson(result.article, origin);
  const id = result.article.id;
  const views = await bounded(articleViews(env, [id]).then((m) => m.get(id) ?? 0), () => null, 'article views');
  return sendJson(request, { ...json, views }, {
    etagSource: JSON.stringify(json),
    ...(privateView ? { cacheControl: PRIVATE_CACHE } : {}),
  });
};

async function articleInput(
  env: Env, body: { category?: string | undefined } & Partial<Omit<ArticleInput, 'categoryId'>>, current?: Article,
): Promise<Partial<ArticleInput>> {
  await assertCoverExists(env.MEDIA, body.cover, current?.cover?.key);
  const { category, ...rest } = body;
  if (category === undefined) return rest;
  const categoryId = await categoryIdOf(database(env.DB), category);
  if (categoryId === null) {
    throw new HttpError(422, 'validation-failed', `Invalid body: category: no category has the slug "${category}".`, {
      errors: [{ field: 'category', message: `Unknown category "${category}".` }],
    });
  }
  return { ...rest, categoryId };
}

const actorOf = (token: TokenIdentity): Actor => ({ id: `token:${token.id}`, name: token.name });

async function sendArticle(env: Env, request: Request, slug: string, status: number, extra: Record<string, string> = {}) {
  const origin = siteOrigin(request, env);
  const result = await readArticleBySlug(database(env.DB), slug, new Date());
  if (!result || !('article' in result)) throw new Error(`article ${slug} vanished after a write`);
  const json = articleJson(result.article, origin);
  return sendWrite({ ...json, views: null }, status, { ETag: await strongEtag(JSON.stringify(json)), ...extra });
}

export const add: Handler = async (request, env) => {
  const now = new Date();
  const token = await requireScope(request, env, 'write', now);
  const input = (await articleInput(env, await readJson(request, ArticleCreate))) as ArticleInput;
  const slug = await createArticle(database(env.DB), input, actorOf(token), now);
  await bumpVersion(env, database(env.DB), now);
  return sendArticle(env, request, slug, 201, { Location: siteOrigin(request, env) + paths.apiArticle(slug) });
};

/** Loads the article a write targets and enforces If-Match against its current ETag. */
async function writeTarget(request: Request, env: Env, slug: string, now: Date): Promise<Article> {
  const result = await readArticleBySlug(database(env.DB), slug, now);
  if (!result || !('article' in result)) throw notFound(`No article has the slug "${slug}".`);
  const ifMatch = request.headers.get('If-Match');
  if (!ifMatch) {
    throw new HttpError(428, 'if-match-required', 'Send If-Match with the ETag you last read, so a concurrent change is never overwritten.');
  }
  if (!ifMatches(ifMatch, await currentEtag(result.article, siteOrigin(request, env)))) {
    throw new HttpError(412, 'version-conflict', 'The article changed since you read it (If-Match does not match its current ETag). Read it again and reapply your change.');
  }
  return result.article;
}

export const edit: Handler = async (request, env) => {
  const now = new Date();
  const token = await requireScope(request, env, 'write', now);
  const current = await writeTarget(request, env, slugParam(request, 'article'), now);
  const patch = await articleInput(env, await readJson(request, ArticlePatch), current);
  const slug = await updateArticle(database(env.DB), current, patch, actorOf(token), now);
  await bumpVersion(env, database(env.DB), now);
  return sendArticle(env, request, slug, 200);
};

export const destroy: Handler = async (request, env) => {
  const now = new Date();
  const token = await requireScope(request, env, 'write', now);
  const current = await writeTarget(request, env, slugParam(request, 'article'), now);
  await deleteArticle(database(env.DB), current, actorOf(token), now);
  await bumpVersion(env, database(env.DB), now);
  return sendWrite(null, 204);
};
