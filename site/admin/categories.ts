// The categories page's writes (/admin/chuyen-muc, admins of the working site): create a category at
// the end of the menu (slug from the name unless given; unique per site) and rename one (its slug stays,
// so links keep working). Through the write service, so the site's pages show the change within the
// freshness bound, and an archived site refuses it. Refusals are Vietnamese messages next to the field.
import { changeCategories, type SiteRef } from '../../functions/articles/service.ts';
import { isValidSlug, MAX_SLUG_LENGTH, slugify } from '../../functions/content/slug.ts';
import { categorySlugExists, categorySlugTaken, isCategoryOf, planCreateCategory, planRenameCategory } from '../../functions/data/category-admin.ts';
import type { Db } from '../../functions/data/db.ts';
import type { User } from '../../functions/data/users.ts';
import { formRefusalOf } from './article-errors.ts';
import { isAdmin } from './permissions.ts';
import { formText } from './request-body.ts';
import { CATEGORIES, PEOPLE, TEXT } from './strings.ts';

export const CATEGORY_NAME_MAX = 100;
export const CATEGORY_DESCRIPTION_MAX = 500;

export type CategoryField = 'name' | 'slug' | 'description' | 'rename';

export type CategoryResult =
  | { ok: true; message: string }
  /** `id`: the category a refused rename was for (its row shows the message). */
  | { ok: false; status: number; message: string; field?: CategoryField; id?: number };

const refuse = (status: number, message: string, field?: CategoryField, id?: number): CategoryResult =>
  ({ ok: false, status, message, ...(field ? { field } : {}), ...(id !== undefined ? { id } : {}) });

function nameProblem(name: string): string | null {
  if (!name) return CATEGORIES.nameRequired;
  if (name.length > CATEGORY_NAME_MAX) return CATEGORIES.nameTooLong;
  return null;
}

/** A refusal of the write service (the site was archived meanwhile), or rethrown. */
function serviceRefusal(error: unknown, field?: CategoryField, id?: number): CategoryResult {
  const refusal = formRefusalOf(error);
  return refuse(refusal.status, refusal.message, field, id);
}

export async function categoriesAction(env: Env, db: Db, site: SiteRef, me: User, form: FormData, now: Date): Promise<CategoryResult> {
  if (!isAdmin(me)) return refuse(403, TEXT.forbidden);
  const action = formText(form, 'action');
  if (action === 'create') {
    const name = formText(form, 'name').trim();
    const description = formText(form, 'description').trim();
    const typedSlug = formText(form, 'slug').trim();
    const problem = nameProblem(name);
    if (problem) return refuse(422, problem, 'name');
    const slug = typedSlug || slugify(name);
    if (!isValidSlug(slug) || slug.length > MAX_SLUG_LENGTH) return refuse(422, CATEGORIES.slugInvalid, typedSlug ? 'slug' : 'name');
    if (description.length > CATEGORY_DESCRIPTION_MAX) return refuse(422, CATEGORIES.descriptionTooLong, 'description');
    if (await categorySlugExists(db, site.id, slug)) return refuse(422, CATEGORIES.slugTaken, 'slug');
    try {
      await changeCategories(env, site, [planCreateCategory(db, site.id, { slug, name, description })], now);
    } catch (error) {
      if (categorySlugTaken(error)) return refuse(422, CATEGORIES.slugTaken, 'slug');
      return serviceRefusal(error);
    }
    return { ok: true, message: CATEGORIES.created(name) };
  }
  if (action === 'rename') {
    const id = Number(formText(form, 'id'));
    // Another site's category (a forged id) is not found here.
    if (!Number.isSafeInteger(id) || id < 1 || !(await isCategoryOf(db, site.id, id))) return refuse(404, CATEGORIES.notFound);
    const name = formText(form, 'name').trim();
    const problem = nameProblem(name);
    if (problem) return refuse(422, problem, 'rename', id);
    let renamed: { id: number }[];
    try {
      [renamed] = (await changeCategories(env, site, [planRenameCategory(db, site.id, id, name, now)], now)) as [{ id: number }[]];
    } catch (error) {
      return serviceRefusal(error, 'rename', id);
    }
    if (renamed.length === 0) return refuse(404, CATEGORIES.notFound);
    return { ok: true, message: CATEGORIES.renamed(name) };
  }
  return refuse(400, PEOPLE.invalidAction);
}
