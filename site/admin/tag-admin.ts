// The tags page's writes (/admin/the, admins and editors of the working site): rename a tag (a new slug
// keeps the old /the/{slug} answering 301) and merge one tag into another (its articles get the other,
// its slugs answer 301 to it, it is removed). One batch each through the write service, so the tag
// pages, the /the index and the articles show the change within the freshness bound.
import { commitSiteChange, type SiteRef } from '../../functions/articles/service.ts';
import { isValidSlug, MAX_SLUG_LENGTH } from '../../functions/content/slug.ts';
import { foreignKeyFailed, type Db } from '../../functions/data/db.ts';
import { planMergeTag, planRenameTag, tagIdBySlug, tagOf, tagSlugTaken } from '../../functions/data/tags.ts';
import type { User } from '../../functions/data/users.ts';
import { formRefusalOf } from './article-errors.ts';
import { canManageTaxonomy } from './permissions.ts';
import { formText } from './request-body.ts';
import { rowId } from './row-id.ts';
import { PEOPLE, TAGS, TEXT } from './strings.ts';

export const TAG_NAME_MAX = 100;

export type TagField = 'rename' | 'merge';

export type TagResult =
  | { ok: true; message: string }
  | { ok: false; status: number; message: string; field?: TagField; id?: number };

const refuse = (status: number, message: string, field?: TagField, id?: number): TagResult =>
  ({ ok: false, status, message, ...(field ? { field } : {}), ...(id !== undefined ? { id } : {}) });

export async function tagAction(env: Env, db: Db, site: SiteRef, me: User, form: FormData, now: Date): Promise<TagResult> {
  if (!canManageTaxonomy(me)) return refuse(403, TEXT.forbidden);
  const action = formText(form, 'action');
  let statements;
  let message: string;
  let id: number | undefined;
  if (action === 'rename') {
    const tagId = rowId(formText(form, 'id'));
    // Another site's tag (a forged id) is not found here.
    const tag = tagId === null ? null : await tagOf(db, site.id, tagId);
    if (!tag) return refuse(404, TAGS.notFound);
    id = tag.id;
    const name = formText(form, 'name').trim();
    if (!name) return refuse(422, TAGS.nameRequired, 'rename', id);
    if (name.length > TAG_NAME_MAX) return refuse(422, TAGS.nameTooLong, 'rename', id);
    const slug = formText(form, 'slug').trim() || tag.slug;
    if (!isValidSlug(slug) || slug.length > MAX_SLUG_LENGTH) return refuse(422, TAGS.slugInvalid, 'rename', id);
    if (slug !== tag.slug && (await tagIdBySlug(db, site.id, slug)) !== null) return refuse(422, TAGS.slugTaken, 'rename', id);
    statements = planRenameTag(db, site.id, tag, name, slug, now);
    message = TAGS.renamed(name);
  } else if (action === 'merge') {
    const [fromId, intoId] = [rowId(formText(form, 'from')), rowId(formText(form, 'into'))];
    const [from, into] = await Promise.all([fromId === null ? null : tagOf(db, site.id, fromId), intoId === null ? null : tagOf(db, site.id, intoId)]);
    if (!from || !into) return refuse(422, TAGS.notFound, 'merge');
    if (from.id === into.id) return refuse(422, TAGS.sameTag, 'merge');
    statements = planMergeTag(db, site.id, from, into, now);
    message = TAGS.merged(from.name, into.name);
  } else {
    return refuse(400, PEOPLE.invalidAction);
  }
  let results: unknown[];
  try {
    results = await commitSiteChange(env, site, now, statements);
  } catch (error) {
    if (tagSlugTaken(error)) return refuse(422, TAGS.slugTaken, 'rename', id);
    // Merging into a tag another editor merged away at the same moment.
    if (foreignKeyFailed(error)) return refuse(404, TAGS.notFound, action === 'merge' ? 'merge' : 'rename', id);
    const refusal = formRefusalOf(error);
    return refuse(refusal.status, refusal.message, undefined, id);
  }
  // The last statement returns the tag it changed: none when it went meanwhile.
  if ((results.at(-1) as unknown[]).length === 0) return refuse(404, TAGS.notFound);
  return { ok: true, message };
}
