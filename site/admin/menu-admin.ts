// The menu page's writes (/admin/menu, admins and editors of the working site): add an item (one of the
// site's categories or pages, or a link with its label), change a label (and a link's address), move an
// item up, down, into the submenu of the item above or back out (two levels, never deeper), remove it,
// or store a whole order at once (what the drag-and-drop script posts). Every write is one batch through
// the write service, so cached pages show the new menu within the freshness bound.
import { commitSiteChange, type SiteRef } from '../../functions/articles/service.ts';
import { foreignKeyFailed, type Db } from '../../functions/data/db.ts';
import {
  listMenuItems, MENU_LABEL_MAX, planAddMenuItem, planDeleteMenuItem, planLabelMenuItem, planShape, targetIsOfSite, validLinkUrl,
  type NewMenuItem,
} from '../../functions/data/menus.ts';
import { isShapeOf, moved, shapeOf, type MoveRefusal, type TwoLevelShape } from '../../functions/data/two-levels.ts';
import type { User } from '../../functions/data/users.ts';
import { formRefusalOf } from './article-errors.ts';
import { canManageTaxonomy } from './permissions.ts';
import { formText } from './request-body.ts';
import { rowId } from './row-id.ts';
import { MENU, PEOPLE, TEXT } from './strings.ts';

export type MenuField = 'category' | 'page' | 'link-label' | 'link-url' | 'label' | 'label-en' | 'url' | 'move' | 'order';

export type MenuResult =
  | { ok: true; message: string }
  /** `id`: the item a refusal is about (its row shows the message). */
  | { ok: false; status: number; message: string; field?: MenuField; id?: number };

const refuse = (status: number, message: string, field?: MenuField, id?: number): MenuResult =>
  ({ ok: false, status, message, ...(field ? { field } : {}), ...(id !== undefined ? { id } : {}) });

const MOVE_MESSAGE: Record<MoveRefusal, string> = { 'too-deep': MENU.tooDeep, nowhere: MENU.nowhere };

/** The item to add as the form describes it, or the refusal. */
async function newItem(db: Db, siteId: number, form: FormData): Promise<NewMenuItem | MenuResult> {
  const kind = formText(form, 'kind');
  const label = formText(form, 'label').trim();
  if (label.length > MENU_LABEL_MAX) return refuse(422, MENU.labelTooLong, kind === 'link' ? 'link-label' : (kind as MenuField));
  let item: NewMenuItem;
  if (kind === 'link') {
    if (!label) return refuse(422, MENU.labelRequired, 'link-label');
    const url = validLinkUrl(formText(form, 'url'));
    if (!url) return refuse(422, MENU.urlInvalid, 'link-url');
    return { kind, url, label };
  }
  if (kind === 'category' || kind === 'page') {
    const id = rowId(formText(form, kind === 'category' ? 'categoryId' : 'pageId'));
    if (id === null) return refuse(422, MENU.targetMissing, kind);
    item = kind === 'category' ? { kind, categoryId: id, label } : { kind, pageId: id, label };
    // A forged id of another site's category or page is refused like a missing one.
    return (await targetIsOfSite(db, siteId, item)) ? item : refuse(422, MENU.targetMissing, kind);
  }
  return refuse(400, PEOPLE.invalidAction);
}

/** A posted order ('[{"id":3,"children":[5]},…]') as a shape, or null when it is not one. */
function postedShape(raw: string): TwoLevelShape | null {
  try {
    const value: unknown = JSON.parse(raw);
    if (!Array.isArray(value)) return null;
    const shape: TwoLevelShape = [];
    for (const top of value) {
      if (typeof top !== 'object' || top === null) return null;
      const { id, children = [] } = top as { id?: unknown; children?: unknown };
      if (!Number.isSafeInteger(id) || !Array.isArray(children) || !children.every((c) => Number.isSafeInteger(c))) return null;
      shape.push({ id: id as number, children: children as number[] });
    }
    return shape;
  } catch {
    return null;
  }
}

export async function menuAction(env: Env, db: Db, site: SiteRef, me: User, form: FormData, now: Date): Promise<MenuResult> {
  if (!canManageTaxonomy(me)) return refuse(403, TEXT.forbidden);
  const action = formText(form, 'action');
  const items = await listMenuItems(db, site.id, now);
  let statements;
  let message: string;
  let id: number | undefined;
  if (action === 'add') {
    const item = await newItem(db, site.id, form);
    if ('ok' in item) return item;
    statements = [planAddMenuItem(db, site.id, item, now)];
    message = MENU.added;
  } else if (action === 'order') {
    const shape = postedShape(formText(form, 'order'));
    // Exactly the site's items, each once, two levels (a child never has children of its own in this form).
    if (!shape || !isShapeOf(shape, items.map((i) => i.id))) return refuse(422, MENU.orderInvalid, 'order');
    if (shape.length === 0) return { ok: true, message: MENU.movedText };
    statements = planShape(db, site.id, shape, now);
    message = MENU.movedText;
  } else {
    id = rowId(formText(form, 'id')) ?? undefined;
    // Another site's item (a forged id) is not found here.
    const item = items.find((i) => i.id === id);
    if (!item || id === undefined) return refuse(404, MENU.notFound);
    if (action === 'label') {
      const label = formText(form, 'label').trim();
      // Every item has an English label for English pages ('' = the page's English title or the Vietnamese).
      const labelEn = formText(form, 'labelEn').trim();
      if (label.length > MENU_LABEL_MAX) return refuse(422, MENU.labelTooLong, 'label', id);
      if (labelEn.length > MENU_LABEL_MAX) return refuse(422, MENU.labelTooLong, 'label-en', id);
      if (item.kind === 'link') {
        if (!label) return refuse(422, MENU.labelRequired, 'label', id);
        const url = validLinkUrl(formText(form, 'url'));
        if (!url) return refuse(422, MENU.urlInvalid, 'url', id);
        statements = [planLabelMenuItem(db, site.id, id, { label, labelEn, url }, now)];
      } else {
        statements = [planLabelMenuItem(db, site.id, id, { label, labelEn }, now)];
      }
      message = MENU.saved;
    } else if (action === 'move') {
      const direction = formText(form, 'direction');
      if (direction !== 'up' && direction !== 'down' && direction !== 'indent' && direction !== 'outdent') return refuse(400, PEOPLE.invalidAction);
      const next = moved(shapeOf(items), id, direction);
      if (typeof next === 'string') return refuse(422, MOVE_MESSAGE[next], 'move', id);
      statements = planShape(db, site.id, next, now);
      message = MENU.movedText;
    } else if (action === 'remove') {
      if (items.some((i) => i.parentId === id)) return refuse(422, MENU.hasChildren, 'move', id);
      statements = [planDeleteMenuItem(db, site.id, id)];
      message = MENU.removed;
    } else {
      return refuse(400, PEOPLE.invalidAction);
    }
  }
  const [first, ...rest] = statements;
  try {
    await commitSiteChange(env, site, now, [first!, ...rest]);
  } catch (error) {
    // An item removed while another editor moved one under it (or the reverse): nothing was written.
    if (foreignKeyFailed(error)) return refuse(409, MENU.changedMeanwhile, undefined, id);
    const refusal = formRefusalOf(error);
    return refuse(refusal.status, refusal.message, undefined, id);
  }
  return { ok: true, message };
}
