// What the page admin does, apart from HTML: load the form, handle a submitted form (validate, create
// or update through the pages' write service, guarded by the version: a lost race shows both versions
// and keeps what was typed), preview, delete, restore from the trash and restore a revision. Admins and
// editors only (contributors write articles, not the portal's pages).
import { DomainError } from '../../functions/articles/errors.ts';
import { renderMarkdown } from '../../functions/content/markdown.ts';
import type { RevisionStamp } from '../../functions/data/admin-articles.ts';
import type { Db } from '../../functions/data/db.ts';
import { readPageById, type SitePage } from '../../functions/data/pages-read.ts';
import { listPageRevisions, readPageRevision } from '../../functions/data/pages-revisions.ts';
import type { PageInput } from '../../functions/data/pages-write.ts';
import type { User } from '../../functions/data/users.ts';
import type { ArticleStatus } from '../../functions/data/article-types.ts';
import { createPage, deletePage, restorePage, restorePageRevision, updatePage } from '../../functions/site-pages/service.ts';
import type { Site } from '../../functions/sites/resolve.ts';
import { SITE_ARCHIVED } from './article-errors.ts';
import { emptyPageValues, pageValuesOf, readPageForm, validatePageForm, type PageErrors, type PageFormValues, type ValidatedPage } from './page-form.ts';
import { actorOf, editActions, isEditor, NOTICE_OF, type EditAction } from './permissions.ts';
import { PAGES } from './strings.ts';

export const pageEditPath = (id: number) => `/admin/trang/${id}`;

export interface PageEditorState {
  page: { id: number; slug: string; slugEn: string | null; title: string; status: ArticleStatus; version: number; deletedAt: Date | null } | null;
  values: PageFormValues;
  errors: PageErrors;
  actions: EditAction[];
  problem: string | null;
  previewHtml: string | null;
  previewHtmlEn: string | null;
  conflict: { theirs: PageFormValues; theirsStatus: ArticleStatus; lastChange: RevisionStamp | null } | null;
}

export type PageSubmitResult =
  | { kind: 'redirect'; location: string }
  | { kind: 'render'; status: number; state: PageEditorState }
  | { kind: 'not-found' }
  | { kind: 'forbidden' };

const STATUS_OF: Partial<Record<EditAction, ArticleStatus>> = { schedule: 'scheduled', publish: 'published', unpublish: 'draft', archive: 'archived' };

/** What a page editor may do: an editor's actions on an article, without review (pages are editors' own). */
const pageActions = (user: User, page: SitePage | null): EditAction[] =>
  editActions(user, page ? { status: page.state, owner: null, deleted: page.deletedAt !== null } : null).filter((a) => a !== 'review');

function baseState(user: User, page: SitePage | null): PageEditorState {
  return {
    page: page ? { id: page.id, slug: page.slug, slugEn: page.slugEn, title: page.title, status: page.state, version: page.version, deletedAt: page.deletedAt } : null,
    values: page ? pageValuesOf(page) : emptyPageValues(),
    errors: {},
    actions: pageActions(user, page),
    problem: page?.deletedAt ? PAGES.inTrash : null,
    previewHtml: null,
    previewHtmlEn: null,
    conflict: null,
  };
}

/** The form as a GET shows it; null if the site has no such page. */
export async function loadPageEditor(db: Db, site: Site, user: User, id: number | null, now: Date): Promise<PageEditorState | null> {
  if (id === null) return baseState(user, null);
  const page = await readPageById(db, site.id, id, now, { withDeleted: true });
  return page ? baseState(user, page) : null;
}

/** The domain error's status, message and fields on this form; anything else is rethrown. */
function refusalOf(error: unknown): { code: string; status: number; message: string; fields: PageErrors } {
  if (!(error instanceof DomainError)) throw error;
  const M = PAGES.messages;
  switch (error.code) {
    case 'version-conflict': return { code: error.code, status: 409, message: M.conflict, fields: {} };
    case 'gone': return { code: error.code, status: 410, message: M.gone, fields: {} };
    case 'not-found': return { code: error.code, status: 404, message: M.notInTrash, fields: {} };
    case 'site-archived': return { code: error.code, status: 409, message: SITE_ARCHIVED, fields: {} };
    case 'slug-taken': return { code: error.code, status: 409, message: M.invalid, fields: { slug: M.slugTaken } };
    case 'invalid-cursor': return { code: error.code, status: 422, message: M.invalid, fields: {} };
    case 'invalid-fields': {
      const fields: PageErrors = {};
      for (const e of 'errors' in error ? (error.errors as { field: string; message: string }[]) : []) {
        const f = e.field.split('.')[0];
        if (f === 'slug') fields.slug ??= /already used/i.test(e.message) ? M.slugTaken : M.slugInvalid;
        else if (f === 'slugEn') fields.slugEn ??= /already uses/i.test(e.message) ? M.slugEnTaken : M.slugEnInvalid;
        else if (f === 'titleEn') fields.titleEn ??= M.titleEnRequired;
        else if (f === 'bodyEn') fields.bodyEn ??= M.bodyEnRequired;
        else if (f === 'title') fields.title ??= M.titleRequired;
        else if (f === 'publishAt') fields.publishAt ??= M.publishAtPast;
        else fields.body ??= M.bodyTooLong(500_000);
      }
      return { code: error.code, status: 422, message: M.invalid, fields };
    }
  }
}

/** The fields that differ from the stored page, plus the status change the action asks for. */
function changesOf(current: SitePage, data: ValidatedPage, action: EditAction): Partial<PageInput> {
  const before = pageValuesOf(current);
  const patch: Partial<PageInput> = {};
  if (data.title !== current.title) patch.title = data.title;
  if (data.slug !== null && data.slug !== current.slug) patch.slug = data.slug;
  if (data.summary !== current.summary) patch.summary = data.summary;
  if (data.body !== before.body) patch.body = data.body;
  if (data.slugEn !== current.slugEn) patch.slugEn = data.slugEn;
  if (data.titleEn !== before.titleEn) patch.titleEn = data.titleEn;
  if (data.summaryEn !== before.summaryEn) patch.summaryEn = data.summaryEn;
  if (data.bodyEn !== before.bodyEn) patch.bodyEn = data.bodyEn;
  const status = STATUS_OF[action];
  if (status) patch.status = status;
  if (action === 'schedule' && data.publishAt) patch.publishAt = data.publishAt;
  return patch;
}

async function conflictState(db: Db, site: Site, user: User, id: number, yours: PageFormValues, now: Date): Promise<PageSubmitResult> {
  const current = await readPageById(db, site.id, id, now);
  if (!current) return { kind: 'not-found' };
  const [last] = await listPageRevisions(db, site.id, id);
  const state = baseState(user, current);
  // Yours stays in the form, now against the version in the database: saving again keeps yours.
  state.values = { ...yours, version: String(current.version) };
  state.conflict = { theirs: pageValuesOf(current), theirsStatus: current.state, lastChange: last ? { actor: last.actor, name: last.actorName, at: last.createdAt } : null };
  return { kind: 'render', status: 409, state };
}

/** Handles a POST of the page form (id null: a new page). The middleware has checked the session and CSRF. */
export async function submitPage(env: Env, db: Db, site: Site, user: User, form: FormData, id: number | null, now: Date): Promise<PageSubmitResult> {
  if (!isEditor(user)) return { kind: 'forbidden' };
  const { values, action: asked } = readPageForm(form);
  const action = asked ?? 'save';
  const current = id === null ? null : await readPageById(db, site.id, id, now, { withDeleted: true });
  if (id !== null && !current) return { kind: 'not-found' };
  const state = baseState(user, current);
  state.values = values;
  const render = (status: number): PageSubmitResult => ({ kind: 'render', status, state });
  if (!state.actions.includes(action)) return render(403);
  const validated = validatePageForm(values, action === 'preview' ? 'save' : action, now);
  if (action === 'preview') {
    if (!validated.ok) state.errors = validated.errors;
    [state.previewHtml, state.previewHtmlEn] = await Promise.all([renderMarkdown(values.body), values.bodyEn.trim() ? renderMarkdown(values.bodyEn) : Promise.resolve(null)]);
    return render(validated.ok ? 200 : 422);
  }
  if (!validated.ok) {
    state.errors = validated.errors;
    return render(422);
  }
  const data = validated.data;
  const notice = NOTICE_OF[action as Exclude<EditAction, 'preview'>];
  try {
    if (!current) {
      const { slug, publishAt, ...fields } = data;
      const created = await createPage(env, site, { ...fields, ...(slug ? { slug } : {}), status: STATUS_OF[action] ?? 'draft', ...(publishAt ? { publishAt } : {}) }, actorOf(user), now);
      return { kind: 'redirect', location: `${pageEditPath(created.id)}?thong-bao=${notice}` };
    }
    if (values.version !== String(current.version)) return conflictState(db, site, user, current.id, values, now);
    const changes = changesOf(current, data, action);
    if (Object.keys(changes).length === 0) return { kind: 'redirect', location: `${pageEditPath(current.id)}?thong-bao=khong-doi` };
    await updatePage(env, site, current, changes, actorOf(user), now);
    return { kind: 'redirect', location: `${pageEditPath(current.id)}?thong-bao=${notice}` };
  } catch (error) {
    const refusal = refusalOf(error);
    if (refusal.code === 'version-conflict' && current) return conflictState(db, site, user, current.id, values, now);
    Object.assign(state.errors, refusal.fields);
    if (Object.keys(refusal.fields).length === 0) state.problem = refusal.message;
    return render(refusal.status);
  }
}

export type PageLifecycleResult = { kind: 'redirect'; location: string } | { kind: 'refused'; status: number; message: string };

const versionOf = (form: FormData) => Number(form.get('version'));
const refused = (error: unknown): PageLifecycleResult => {
  const { status, message } = refusalOf(error);
  return { kind: 'refused', status, message };
};

export async function deletePageFromForm(env: Env, db: Db, site: Site, user: User, id: number, form: FormData, now: Date): Promise<PageLifecycleResult> {
  if (!isEditor(user)) return { kind: 'refused', status: 403, message: PAGES.forbidden };
  const current = await readPageById(db, site.id, id, now);
  if (!current) return { kind: 'refused', status: 404, message: PAGES.notFound };
  if (versionOf(form) !== current.version) return { kind: 'refused', status: 409, message: PAGES.messages.conflict };
  try {
    await deletePage(env, site, current, actorOf(user), now);
  } catch (error) {
    return refused(error);
  }
  return { kind: 'redirect', location: '/admin/trang?thong-bao=da-xoa' };
}

export async function restorePageFromForm(env: Env, site: Site, user: User, id: number, form: FormData, now: Date): Promise<PageLifecycleResult> {
  if (!isEditor(user)) return { kind: 'refused', status: 403, message: PAGES.forbidden };
  try {
    await restorePage(env, site, id, versionOf(form), actorOf(user), now);
  } catch (error) {
    return refused(error);
  }
  return { kind: 'redirect', location: `${pageEditPath(id)}?thong-bao=da-khoi-phuc` };
}

export async function restorePageRevisionFromForm(env: Env, db: Db, site: Site, user: User, id: number, form: FormData, now: Date): Promise<PageLifecycleResult> {
  if (!isEditor(user)) return { kind: 'refused', status: 403, message: PAGES.forbidden };
  const revisionId = Number(form.get('revision'));
  const current = await readPageById(db, site.id, id, now);
  const revision = current && Number.isSafeInteger(revisionId) && revisionId > 0 ? await readPageRevision(db, site.id, id, revisionId) : null;
  if (!current || !revision) return { kind: 'refused', status: 404, message: PAGES.messages.revisionNotFound };
  if (!revision.content) return { kind: 'refused', status: 422, message: PAGES.messages.noSnapshot };
  if (versionOf(form) !== current.version) return { kind: 'refused', status: 409, message: PAGES.messages.conflict };
  let changed: boolean;
  try {
    changed = (await restorePageRevision(env, site, current, revision.content, actorOf(user), now)) !== null;
  } catch (error) {
    return refused(error);
  }
  return { kind: 'redirect', location: `${pageEditPath(id)}?thong-bao=${changed ? 'da-khoi-phuc-phien-ban' : 'khong-doi'}` };
}
