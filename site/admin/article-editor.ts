// What the edit page does, apart from HTML: load the form, and handle a submitted form (upload the
// cover, validate, check the role, create or update through the write service, guarded by the version).
// Every failure re-renders the form with what the editor typed; a lost version race shows both versions.
import { createArticle, updateArticle, type ArticleInput } from '../../functions/articles/service.ts';
import { renderMarkdown } from '../../functions/content/markdown.ts';
import { measureMarkdown } from '../../functions/content/markdown-limits.ts';
import { formatVietnamDateTime } from '../../functions/content/dates.ts';
import { readArticleById, revisionStamps, type EditorArticle, type RevisionStamp } from '../../functions/data/admin-articles.ts';
import { listCategories } from '../../functions/data/categories.ts';
import type { Db } from '../../functions/data/db.ts';
import type { User } from '../../functions/data/users.ts';
import type { Site } from '../../functions/sites/resolve.ts';
import { mediaExists } from '../../functions/media/exists.ts';
import { registerKey } from '../../functions/media/library.ts';
import { storeImage } from '../../functions/media/upload.ts';
import { previewPath, previewToken } from '../../functions/auth/preview-token.ts';
import {
  emptyValues, formFieldOf, readArticleForm, validateArticleForm, valuesOf,
  type ArticleFormValues, type FieldErrors, type ValidatedArticle,
} from './article-form.ts';
import { formRefusalOf } from './article-errors.ts';
import { actorId, actorOf, canDelete, editActions, isEditor, NOTICE_OF, type EditAction } from './permissions.ts';
import { markdownTooComplexMessage, TEXT } from './strings.ts';

export interface CategoryOption {
  id: number;
  slug: string;
  name: string;
}

export interface Conflict {
  /** The article as saved by someone else meanwhile. */
  theirs: ArticleFormValues;
  theirsStatus: string;
  lastChange: RevisionStamp | null;
}

export interface EditorState {
  article: EditorArticle | null;
  values: ArticleFormValues;
  errors: FieldErrors;
  actions: EditAction[];
  canDelete: boolean;
  readOnly: boolean;
  categories: CategoryOption[];
  notice: string | null;
  /** A problem not tied to one field (forbidden action, in the trash). */
  problem: string | null;
  previewHtml: string | null;
  previewUrl: string | null;
  conflict: Conflict | null;
}

export type SubmitResult =
  | { kind: 'redirect'; location: string }
  | { kind: 'render'; status: number; state: EditorState }
  | { kind: 'not-found' };

export const editPath = (id: number) => `/admin/bai-viet/${id}`;

async function categoryOptions(db: Db, siteId: number, now: Date): Promise<CategoryOption[]> {
  return (await listCategories(db, siteId, now)).map((c) => ({ id: c.id, slug: c.slug, name: c.name }));
}

async function withOwner(db: Db, article: EditorArticle) {
  const stamps = (await revisionStamps(db, [article.id])).get(article.id);
  return { owner: stamps?.first?.actor ?? null, lastChange: stamps?.last ?? null };
}

/** The preview link, on the article's own site's host (the admin is served on the first site's host only). */
async function previewUrlOf(site: Site, article: EditorArticle | null, now: Date, secret: string | undefined): Promise<string | null> {
  if (!article || article.deletedAt || !secret) return null;
  return site.origin + previewPath(await previewToken(secret, site.id, article, now));
}

function baseState(user: User, article: EditorArticle | null, owner: string | null, categories: CategoryOption[]): EditorState {
  const access = article ? { status: article.status, owner, deleted: article.deletedAt !== null } : null;
  const actions = editActions(user, access);
  return {
    article,
    values: article ? valuesOf(article) : emptyValues(categories[0]?.slug ?? ''),
    errors: {},
    actions,
    canDelete: access ? canDelete(user, access) : false,
    readOnly: !actions.includes('save'),
    categories,
    notice: null,
    problem: null,
    previewHtml: null,
    previewUrl: null,
    conflict: null,
  };
}

/** The form as a GET shows it; null if there is no such article. */
export async function loadEditor(env: Env, db: Db, site: Site, user: User, id: number | null, now: Date): Promise<EditorState | null> {
  const categories = await categoryOptions(db, site.id, now);
  if (id === null) return baseState(user, null, null, categories);
  const article = await readArticleById(db, site.id, id, now, { withDeleted: isEditor(user) });
  if (!article) return null;
  const { owner } = await withOwner(db, article);
  const state = baseState(user, article, owner, categories);
  state.previewUrl = await previewUrlOf(site, article, now, env.PREVIEW_SECRET);
  if (state.readOnly && !article.deletedAt) state.problem = TEXT.readOnly;
  return state;
}

/** The fields that differ from the stored article, plus the status change the action asks for. */
function patchOf(current: EditorArticle, data: ValidatedArticle, categoryId: number, action: EditAction): Partial<ArticleInput> {
  const patch: Partial<ArticleInput> = {};
  if (data.title !== current.title) patch.title = data.title;
  if (data.slug !== undefined && data.slug !== current.slug) patch.slug = data.slug;
  if (data.summary !== current.summary) patch.summary = data.summary;
  if (data.body !== current.bodyMarkdown) patch.body = data.body;
  if (categoryId !== current.category.id) patch.categoryId = categoryId;
  const tagKey = (names: string[]) => names.map((n) => n.normalize('NFC').toLowerCase()).sort().join('\u0000');
  if (tagKey(data.tags) !== tagKey(current.tags.map((t) => t.name))) patch.tags = data.tags;
  if (data.byline !== current.byline) patch.byline = data.byline;
  const a = data.cover;
  const b = current.cover;
  if (!(a === b || (a && b && a.key === b.key && a.caption === b.caption && a.alt === b.alt))) patch.cover = a;
  if (action !== 'save') patch.status = data.status;
  if (action === 'schedule') patch.publishAt = data.publishAt;
  return patch;
}

async function conflictState(db: Db, siteId: number, user: User, id: number, yours: ArticleFormValues, now: Date, categories: CategoryOption[]): Promise<SubmitResult> {
  const current = await readArticleById(db, siteId, id, now);
  if (!current) return { kind: 'not-found' };
  const { owner, lastChange } = await withOwner(db, current);
  const state = baseState(user, current, owner, categories);
  // Yours stays in the form, now against the version in the database: saving again keeps yours.
  state.values = { ...yours, version: String(current.version) };
  state.conflict = { theirs: valuesOf(current), theirsStatus: current.status, lastChange };
  return { kind: 'render', status: 409, state };
}

/**
 * Handles a POST of the edit form (id null: the new-article form). The caller has already checked
 * the session and CSRF (site/middleware.ts).
 */
export async function submitArticle(
  env: Env, db: Db, site: Site, user: User, form: FormData, id: number | null, now: Date,
): Promise<SubmitResult> {
  const submitted = readArticleForm(form);
  const { values, file } = submitted;
  const action = submitted.action ?? 'save';
  const categories = await categoryOptions(db, site.id, now);
  const current = id === null ? null : await readArticleById(db, site.id, id, now, { withDeleted: true });
  if (id !== null && !current) return { kind: 'not-found' };
  const { owner } = current ? await withOwner(db, current) : { owner: null };
  const state = baseState(user, current, owner, categories);
  state.values = values;
  const render = (status: number): SubmitResult => ({ kind: 'render', status, state });

  if (!state.actions.includes(action)) {
    state.problem = current?.deletedAt ? TEXT.inTrash : TEXT.forbidden;
    return render(403);
  }
  if (action === 'preview') {
    const excess = measureMarkdown(values.body.normalize('NFC')).excess;
    if (excess) {
      state.errors.body = markdownTooComplexMessage(excess);
      return render(422);
    }
    state.previewHtml = await renderMarkdown(values.body);
    state.previewUrl = await previewUrlOf(site, current, now, env.PREVIEW_SECRET);
    return render(200);
  }

  // The image first: once stored, its key rides in the form, so a later error never asks for it again.
  if (submitted.removeCover) {
    values.coverKey = '';
    values.coverCaption = '';
    values.coverAlt = '';
  }
  let uploaded: string | null = null;
  if (file) {
    const stored = await storeImage(env.MEDIA, site.id, file, actorId(user), now);
    if (stored.ok) values.coverKey = uploaded = stored.key;
    else state.errors.coverFile = stored.message;
  }
  const validated = validateArticleForm(values, action, current ? 'update' : 'create', now);
  if (!validated.ok) Object.assign(state.errors, validated.errors);
  // The hidden cover_key comes back from the browser: it must name an image we store, as in the API.
  const keptKey = values.coverKey && values.coverKey !== uploaded && values.coverKey !== current?.cover?.key ? values.coverKey : null;
  if (keptKey && !state.errors.coverFile && !(await mediaExists(env.MEDIA, site.id, keptKey))) {
    state.errors.coverFile = 'Không tìm thấy ảnh bìa này trong kho ảnh. Vui lòng tải ảnh lại.';
  }
  const categoryId = categories.find((c) => c.slug === values.category)?.id;
  if (validated.ok && categoryId === undefined) state.errors.category = 'Vui lòng chọn chuyên mục.';
  if (!validated.ok || categoryId === undefined || Object.keys(state.errors).length > 0) return render(422);
  const data = validated.data;
  // A cover becomes a library item once an article uses it (a refused form's upload stays an orphan the sweep removes).
  const registerCover = () => values.coverKey && values.coverKey !== current?.cover?.key
    ? registerKey(env, site.id, values.coverKey, { alt: values.coverAlt.trim(), caption: values.coverCaption.trim() }, actorId(user), now) : null;

  try {
    if (!current) {
      const { category: _slug, ...fields } = data;
      const created = await createArticle(env, site, { ...fields, categoryId }, actorOf(user), now);
      await registerCover();
      return { kind: 'redirect', location: `${editPath(created.id)}?thong-bao=${NOTICE_OF[action as Exclude<EditAction, 'preview'>]}` };
    }
    if (values.version !== String(current.version)) return conflictState(db, site.id, user, current.id, values, now, categories);
    const patch = patchOf(current, data, categoryId, action);
    if (Object.keys(patch).length === 0) return { kind: 'redirect', location: `${editPath(current.id)}?thong-bao=khong-doi` };
    await updateArticle(env, site, current, patch, actorOf(user), now);
    await registerCover();
    return { kind: 'redirect', location: `${editPath(current.id)}?thong-bao=${NOTICE_OF[action as Exclude<EditAction, 'preview'>]}` };
  } catch (error) {
    const refusal = formRefusalOf(error);
    if (refusal.code === 'version-conflict' && current) return conflictState(db, site.id, user, current.id, values, now, categories);
    if (refusal.code === 'site-archived') {
      state.problem = refusal.message;
      return render(refusal.status);
    }
    if (Object.keys(refusal.fields).length === 0) throw error;
    Object.assign(state.errors, refusal.fields);
    return render(refusal.status);
  }
}

export const describeChange = (stamp: RevisionStamp | null) =>
  stamp ? TEXT.conflictBy(stamp.name, formatVietnamDateTime(stamp.at)) : '';
