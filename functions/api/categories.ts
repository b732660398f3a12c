// /api/v1/categories: the host's site's category list (menu order) and one category.
import { database } from '../data/db.ts';
import { listCategories, readCategory } from '../data/categories.ts';
import { siteOf } from '../http/origin.ts';
import { notFound } from '../http/problem.ts';
import { slugParam, type Handler } from '../http/request.ts';
import { sendJson } from '../http/respond.ts';
import { categoryJson } from './serialize.ts';

export const browse: Handler = async (request, env) => {
  const site = siteOf(request, env);
  const list = await listCategories(database(env.DB), site.id, new Date());
  const slugOf = new Map(list.map((c) => [c.id, c.slug]));
  return sendJson(request, { items: list.map((c) => categoryJson(c, site.origin, c.parentId === null ? null : slugOf.get(c.parentId) ?? null)) });
};

export const read: Handler = async (request, env) => {
  const site = siteOf(request, env);
  const slug = slugParam(request, 'category');
  const category = await readCategory(database(env.DB), site.id, slug, new Date());
  if (!category) throw notFound(`No category has the slug "${slug}".`);
  return sendJson(request, categoryJson(category, site.origin, category.parentSlug));
};
