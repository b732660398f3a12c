// Small request helpers shared by handlers: query parameters as a plain object, the route's slug.
import type { IRequest } from 'itty-router';
import { isValidSlug } from '../content/slug.ts';
import { notFound } from './problem.ts';

export type Handler = (request: IRequest, env: Env, ctx: ExecutionContext) => Promise<Response>;

/** First value of each query parameter; repeated keys do not turn into arrays. */
export function queryOf(request: Request): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of new URL(request.url).searchParams) if (!(k in out)) out[k] = v;
  return out;
}

/** A slug from the path; anything that could never be a slug is simply not found. */
export function slugParam(request: IRequest, what: string): string {
  let slug: string;
  try {
    slug = decodeURIComponent(request.params.slug ?? '');
  } catch {
    slug = request.params.slug ?? ''; // a broken %-escape is just another slug that does not exist
  }
  if (!isValidSlug(slug)) throw notFound(`No ${what} has the slug "${slug.slice(0, 100)}".`);
  return slug;
}
