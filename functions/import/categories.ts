// POST /api/v1/import/categories: the source's categories on the site, in order: an existing one is
// reused (same slug, else same name without diacritics), the others are created in one write (two levels).
import { changeCategories } from '../articles/service.ts';
import { categorySlugTaken } from '../data/category-admin.ts';
import { database } from '../data/db.ts';
import { categoryIds, matchCategories, planImportedCategory, UnknownParent } from '../data/import-categories.ts';
import type { ImportHandler } from '../http/auth.ts';
import { readJson } from '../http/body.ts';
import { HttpError } from '../http/problem.ts';
import { sendWrite } from '../http/respond.ts';
import { CategoriesIn } from './schemas.ts';

export const importCategories: ImportHandler = async (request, env, _ctx, { site }) => {
  const { items } = await readJson(request, CategoriesIn);
  const db = database(env.DB);
  const now = new Date();
  for (let attempt = 1; ; attempt++) {
    let matches;
    try {
      matches = await matchCategories(db, site.id, items);
    } catch (error) {
      if (!(error instanceof UnknownParent)) throw error;
      throw new HttpError(422, 'validation-failed', `Invalid body: ${error.message}`, { errors: [{ field: `items.${error.index}.parentSlug`, message: 'Unknown parent category.' }] });
    }
    const [first, ...rest] = matches.filter((m) => m.created).map((m) => planImportedCategory(db, site.id, m));
    try {
      if (first) await changeCategories(env, site, [first, ...rest], now);
    } catch (error) {
      // Another import created one of them meanwhile: match again, it is the site's now.
      if (attempt < 2 && categorySlugTaken(error)) continue;
      throw error;
    }
    const ids = await categoryIds(db, site.id, matches.map((m) => m.slug));
    return sendWrite({ items: matches.map((m) => ({ slug: m.slug, id: ids.get(m.slug)!, created: m.created })) }, 200);
  }
};
