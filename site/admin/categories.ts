// The categories page's writes (/admin/chuyen-muc, admins and editors of the working site): create a
// category at the end of the menu (slug from the name unless given; unique per site), rename one (a new
// slug keeps the old one answering 301), give it a parent (two levels: only a top-level category can be
// a parent, one with children cannot get one) and move it up or down among its siblings. Through the
// write service, so the site's pages show the change within the freshness bound, and an archived site
// refuses it. Refusals are Vietnamese messages next to the field.
import { changeCategories, type SiteRef } from '../../functions/articles/service.ts';
import { isValidSlug, MAX_SLUG_LENGTH, slugify } from '../../functions/content/slug.ts';
import {
  categoryShape, categorySlugExists, categorySlugTaken, isCategoryOf, planCategoryShape, planCreateCategory, planRenameCategory, planResettleCategorySlug,
} from '../../functions/data/category-admin.ts';
import { moved, reparented, shapeOf, type MoveRefusal, type TwoLevelShape } from '../../functions/data/two-levels.ts';
import type { Db } from '../../functions/data/db.ts';
import type { User } from '../../functions/data/users.ts';
import { formRefusalOf } from './article-errors.ts';
import { canManageTaxonomy } from './permissions.ts';
import { formText } from './request-body.ts';
import { rowId } from './row-id.ts';
import { CATEGORIES, PEOPLE, TEXT } from './strings.ts';

export const CATEGORY_NAME_MAX = 100;
export const CATEGORY_DESCRIPTION_MAX = 500;

export type CategoryField = 'name' | 'slug' | 'description' | 'rename' | 'parent' | 'move';

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
  if (!canManageTaxonomy(me)) return refuse(403, TEXT.forbidden);
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
  if (action === 'rename' || action === 'parent' || action === 'move') {
    const id = rowId(formText(form, 'id'));
    // Another site's category (a forged id) is not found here.
    if (id === null || !(await isCategoryOf(db, site.id, id))) return refuse(404, CATEGORIES.notFound);
    if (action === 'rename') return rename(env, db, site, id, form, now);
    return reshape(env, db, site, id, action, form, now);
  }
  return refuse(400, PEOPLE.invalidAction);
}

async function rename(env: Env, db: Db, site: SiteRef, id: number, form: FormData, now: Date): Promise<CategoryResult> {
  const name = formText(form, 'name').trim();
  const problem = nameProblem(name);
  if (problem) return refuse(422, problem, 'rename', id);
  const current = (await categoryShape(db, site.id)).find((c) => c.id === id)!;
  const slug = formText(form, 'slug').trim() || current.slug;
  if (!isValidSlug(slug) || slug.length > MAX_SLUG_LENGTH) return refuse(422, CATEGORIES.slugInvalid, 'rename', id);
  if (slug !== current.slug && (await categorySlugExists(db, site.id, slug))) return refuse(422, CATEGORIES.slugTaken, 'rename', id);
  const moves = slug === current.slug ? [] : planResettleCategorySlug(db, site.id, id, current.slug, slug, now);
  let results: unknown[];
  try {
    results = await changeCategories(env, site, [...moves, planRenameCategory(db, site.id, id, name, now)] as Parameters<typeof changeCategories>[2], now);
  } catch (error) {
    if (categorySlugTaken(error)) return refuse(422, CATEGORIES.slugTaken, 'rename', id);
    return serviceRefusal(error, 'rename', id);
  }
  if ((results.at(-1) as { id: number }[]).length === 0) return refuse(404, CATEGORIES.notFound);
  return { ok: true, message: CATEGORIES.renamed(name) };
}

const MOVE_MESSAGE: Record<MoveRefusal, string> = { 'too-deep': CATEGORIES.tooDeep, nowhere: CATEGORIES.nowhere };

/** A new parent (or none), or a step up or down among its siblings: the whole order is stored again. */
async function reshape(env: Env, db: Db, site: SiteRef, id: number, action: 'parent' | 'move', form: FormData, now: Date): Promise<CategoryResult> {
  const rows = await categoryShape(db, site.id);
  const shape = shapeOf(rows);
  let next: TwoLevelShape | MoveRefusal;
  if (action === 'parent') {
    const raw = formText(form, 'parent');
    const parentId = raw === '' ? null : rowId(raw) ?? -1;
    if (parentId !== null && !shape.some((t) => t.id === parentId || t.children.includes(parentId))) {
      return refuse(422, CATEGORIES.notFound, 'parent', id);
    }
    next = reparented(shape, id, parentId);
  } else {
    const direction = formText(form, 'direction');
    if (direction !== 'up' && direction !== 'down') return refuse(400, PEOPLE.invalidAction);
    next = moved(shape, id, direction);
  }
  if (typeof next === 'string') return refuse(422, MOVE_MESSAGE[next], action, id);
  const [first, ...rest] = planCategoryShape(db, site.id, next, now);
  try {
    await changeCategories(env, site, [first!, ...rest], now);
  } catch (error) {
    return serviceRefusal(error, action, id);
  }
  return { ok: true, message: action === 'move' ? CATEGORIES.moved : CATEGORIES.parentSet(rows.find((r) => r.id === id)!.name) };
}
