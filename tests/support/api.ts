// Test fixtures against the real Worker and real local D1: calls through the Worker's own fetch,
// a fresh category per test (so tests never depend on each other), tokens made by the data layer.
import { env, exports } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { vi } from 'vitest';
import { articleRevisions, articles, categories } from '../../schema/tables.ts';
import { createCategory } from '../../functions/data/categories.ts';
import { database } from '../../functions/data/db.ts';
import { createToken } from '../../functions/data/tokens.ts';
import { loadRegistry } from '../../functions/sites/registry.ts';
import type { Site } from '../../functions/sites/resolve.ts';

export const ORIGIN = 'http://cms.test';
/** The site the tests' ORIGIN serves: the platform's first site (SITE_URL, no hostnames of its own). */
export const FIRST_SITE_ID = 1;

/** One request through the Worker; redirects are returned as sent (301 + Location), not followed. */
export function call(path: string, init: RequestInit = {}): Promise<Response> {
  return exports.default.fetch(new Request(ORIGIN + path, { redirect: 'manual', ...init }));
}

/** The first site as the Worker resolves it at ORIGIN: what an admin page working on it gets as Astro.locals.site. */
export async function firstSite(): Promise<Site> {
  const registry = await loadRegistry(database(env.DB));
  return { ...registry.byId.get(FIRST_SITE_ID)!, origin: ORIGIN };
}

let counter = 0;
export function unique(prefix: string): string {
  counter += 1;
  return `${prefix}-${Date.now().toString(36)}-${counter}`;
}

export async function freshCategory(name = 'Chuyên mục thử', siteId = FIRST_SITE_ID): Promise<string> {
  const slug = unique('cm');
  await createCategory(database(env.DB), siteId, { slug, name, description: `Mô tả ${name}`, position: counter });
  return slug;
}

export async function writeToken(siteId = FIRST_SITE_ID): Promise<string> {
  return (await createToken(database(env.DB), siteId, unique('writer'), ['read', 'write'])).token;
}

export async function readToken(siteId = FIRST_SITE_ID): Promise<string> {
  return (await createToken(database(env.DB), siteId, unique('reader'), ['read'])).token;
}

export function jsonInit(method: string, token: string | null, body: unknown, headers: Record<string, string> = {}): RequestInit {
  return {
    method,
    headers: {
      'Content-Type': 'application/json',
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      ...headers,
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  };
}

export interface ArticleJson {
  id: number;
  slug: string;
  title: string;
  status: string;
  html: string;
  publishedAt: string | null;
  category: { slug: string; name: string };
  tags: { slug: string; name: string }[];
  [k: string]: unknown;
}

/** Creates an article through the API and returns its JSON and ETag. */
export async function postArticle(token: string, body: Record<string, unknown>): Promise<{ article: ArticleJson; etag: string }> {
  const res = await call('/api/v1/articles', jsonInit('POST', token, body));
  if (res.status !== 201) throw new Error(`POST failed ${res.status}: ${await res.text()}`);
  return { article: (await res.json()) as ArticleJson, etag: res.headers.get('ETag')! };
}

export async function expectProblem(res: Response, status: number): Promise<{ type: string; title: string; status: number; detail: string; errors?: { field: string; message: string }[] }> {
  const text = await res.text();
  if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${text}`);
  if (!res.headers.get('Content-Type')?.startsWith('application/problem+json')) {
    throw new Error(`expected problem+json, got ${res.headers.get('Content-Type')}: ${text}`);
  }
  const body = JSON.parse(text);
  for (const key of ['type', 'title', 'status', 'detail']) if (!(key in body)) throw new Error(`problem lacks ${key}: ${text}`);
  if (body.status !== status) throw new Error(`problem status ${body.status} != ${status}`);
  return body;
}

// ---- more fixtures for the API suites ----

/** A write token together with its row id, for asserting revisions' actor "token:<id>". */
export async function writeTokenWithId(siteId = FIRST_SITE_ID): Promise<{ token: string; id: number }> {
  return createToken(database(env.DB), siteId, unique('writer'), ['read', 'write']);
}

export const auth = (token: string): Record<string, string> => ({ Authorization: `Bearer ${token}` });

/** The path and query of an absolute URL the API handed out, to call it through the Worker again. */
export function pathOf(url: string): string {
  const u = new URL(url);
  if (u.origin !== ORIGIN) throw new Error(`${url} is not on ${ORIGIN}`);
  return u.pathname + u.search;
}

export async function getJson<T = any>(path: string, headers: Record<string, string> = {}): Promise<{ res: Response; body: T }> {
  const res = await call(path, { headers });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`GET ${path} -> ${res.status}: ${text.slice(0, 500)}`);
  return { res, body: JSON.parse(text) as T };
}

export interface ListPage {
  items: ArticleJson[];
  next: string | null;
  nextUrl: string | null;
}

/** Follows nextUrl from the first page to the last; returns every page in order. */
export async function allPages(firstPath: string, maxPages = 200): Promise<ListPage[]> {
  const pages: ListPage[] = [];
  let path: string | null = firstPath;
  while (path) {
    if (pages.length >= maxPages) throw new Error(`more than ${maxPages} pages from ${firstPath}`);
    const { body }: { body: ListPage } = await getJson<ListPage>(path);
    pages.push(body);
    path = body.nextUrl ? pathOf(body.nextUrl) : null;
  }
  return pages;
}

/** A PATCH through the API with the given If-Match (null: none sent). */
export function patchArticle(token: string, slug: string, ifMatch: string | null, body: unknown): Promise<Response> {
  return call(`/api/v1/articles/${slug}`, jsonInit('PATCH', token, body, ifMatch ? { 'If-Match': ifMatch } : {}));
}

export function deleteArticle(token: string, slug: string, ifMatch: string | null): Promise<Response> {
  return call(`/api/v1/articles/${slug}`, { method: 'DELETE', headers: { ...auth(token), ...(ifMatch ? { 'If-Match': ifMatch } : {}) } });
}

/** The current representation and ETag as a writer sees it (drafts included). */
export async function readAsWriter(token: string, slug: string): Promise<{ article: ArticleJson; etag: string }> {
  const { res, body } = await getJson<ArticleJson>(`/api/v1/articles/${slug}`, auth(token));
  return { article: body, etag: res.headers.get('ETag')! };
}

/** Every article row of a category straight from D1, drafts and soft-deleted ones included. */
export async function storedArticlesOf(categorySlug: string) {
  const db = database(env.DB);
  const [category] = await db.select({ id: categories.id }).from(categories).where(eq(categories.slug, categorySlug));
  if (!category) throw new Error(`no category ${categorySlug}`);
  return db.select().from(articles).where(eq(articles.categoryId, category.id)).orderBy(articles.id);
}

/** The revisions recorded for one article, oldest first. */
export function revisionsOf(articleId: number) {
  return database(env.DB).select().from(articleRevisions).where(eq(articleRevisions.articleId, articleId)).orderBy(articleRevisions.id);
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** An instant `seconds` from now (negative: in the past), as the ISO string clients send. */
export const isoIn = (seconds: number) => new Date(Date.now() + seconds * 1000).toISOString();

/**
 * Runs `fn` with this isolate's clock (Date only; timers stay real) stopped at `at`. The Worker and
 * its Durable Objects run in the test's isolate, so every `new Date()` in a request sees `at`: a
 * test moves past a scheduled time instead of waiting for it.
 */
export async function atTime<T>(at: Date | number | string, fn: () => Promise<T>): Promise<T> {
  vi.useFakeTimers({ toFake: ['Date'], now: new Date(at) });
  try {
    return await fn();
  } finally {
    vi.useRealTimers();
  }
}
