// The published articles a feed shows: one page, newest first, optionally one category.
import { listPublishedArticles } from '../data/articles-read.ts';
import { readCategory, type Category } from '../data/categories.ts';
import { decodeCursor } from '../data/cursor.ts';
import { database } from '../data/db.ts';
import { notFound } from '../http/problem.ts';
import { queryOf, slugParam } from '../http/request.ts';
import type { IRequest } from 'itty-router';

export const FEED_PAGE_SIZE = 20;

export async function feedPage(request: IRequest, env: Env, options: { perCategory: boolean; withBody: boolean }) {
  const now = new Date();
  const db = database(env.DB);
  let category: Category | null = null;
  if (options.perCategory) {
    const slug = slugParam(request, 'category');
    category = await readCategory(db, slug, now);
    if (!category) throw notFound(`No category has the slug "${slug}".`);
  }
  const { cursor } = queryOf(request);
  const page = await listPublishedArticles(db, {
    limit: FEED_PAGE_SIZE,
    cursor: cursor ? decodeCursor(cursor) : undefined,
    categoryId: category?.id,
    withBody: options.withBody,
    now,
  });
  return { category, page };
}
