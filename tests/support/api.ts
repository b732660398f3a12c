// Test fixtures against the real Worker and real local D1: calls through the Worker's own fetch,
// a fresh category per test (so tests never depend on each other), tokens made by the data layer.
import { env, exports } from 'cloudflare:workers';
import { createCategory } from '../../functions/data/categories.ts';
import { database } from '../../functions/data/db.ts';
import { createToken } from '../../functions/data/tokens.ts';

export const ORIGIN = 'http://cms.test';

export function call(path: string, init: RequestInit = {}): Promise<Response> {
  return exports.default.fetch(new Request(ORIGIN + path, init));
}

let counter = 0;
export function unique(prefix: string): string {
  counter += 1;
  return `${prefix}-${Date.now().toString(36)}-${counter}`;
}

export async function freshCategory(name = 'Chuyên mục thử'): Promise<string> {
  const slug = unique('cm');
  await createCategory(database(env.DB), { slug, name, description: `Mô tả ${name}`, position: counter });
  return slug;
}

export async function writeToken(): Promise<string> {
  return (await createToken(database(env.DB), unique('writer'), ['read', 'write'])).token;
}

export async function readToken(): Promise<string> {
  return (await createToken(database(env.DB), unique('reader'), ['read'])).token;
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
