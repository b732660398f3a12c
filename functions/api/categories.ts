// /api/v1/categories: the category list (menu order) and one category.
import { database } from '../data/db.ts';
import { listCategories, readCategory } from '../data/categories.ts';
import { siteOrigin } from '../http/origin.ts';
import { notFound } from '../http/problem.ts';
import { slugParam, type Handler } from '../http/request.ts';
import { sendJson } from '../http/respond.ts';
import { categoryJson } from './serialize.ts';

export const browse: Handler = async (request, env) => {
  const origin = siteOrigin(request, env);
  const list = await listCategories(database(env.DB), new Date());
  return sendJson(request, { items: list.map((c) => categoryJson(c, origin)) });
};

export const read: Handler = async (request, env) => {
  const slug = slugParam(request, 'category');
  const category = await readCategory(database(env.DB), slug, new Date());
  if (!category) throw notFound(`No category has the slug "${slug}".`);
  return sendJson(request, categoryJson(category, siteOrigin(request, env)));
};
