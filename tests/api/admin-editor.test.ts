// The edit form's server side against real D1, R2 and Durable Objects (the Astro pages themselves
// are exercised by the browser tests): validation that loses nothing, roles, uploads, scheduling in
// Vietnam time, the version guard and its conflict view, and the other admin writes.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { readArticleById } from '../../functions/data/admin-articles.ts';
import { categoryIdOf } from '../../functions/data/categories.ts';
import { database } from '../../functions/data/db.ts';
import { listRevisions } from '../../functions/data/revisions.ts';
import { createUser, readUser, type User } from '../../functions/data/users.ts';
import type { Role } from '../../schema/tables.ts';
import { loadEditor, submitArticle, type EditorState, type SubmitResult } from '../../site/admin/article-editor.ts';
import { deleteFromForm, restoreFromTrash, restoreRevisionFromForm } from '../../site/admin/article-lifecycle.ts';
import { readArticleForm, validateArticleForm, emptyValues } from '../../site/admin/article-form.ts';
import { editActions } from '../../site/admin/permissions.ts';
import { fromDatetimeLocal, toDatetimeLocal } from '../../site/admin/vietnam-time.ts';
import { call, freshCategory, unique, firstSite } from '../support/api.ts';
import { bytesOf } from './media-images.ts';

/** The platform's first site, which the tests' ORIGIN (http://cms.test) serves. */
const SITE = await firstSite();

const db = database(env.DB);

async function user(role: Role): Promise<User> {
  const id = await createUser(db, { email: `${unique(role)}@dongy.gov.vn`, name: `Người ${role}`, role, password: 'mat-khau-thu-nghiem' });
  return (await readUser(db, id))!;
}

function form(fields: Record<string, string>, file?: File): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  if (file) f.set('cover_file', file);
  return f;
}

const base = (category: string, extra: Record<string, string> = {}) => ({
  title: 'Đồng Hỷ ra quân làm đường', slug: '', summary: 'Tóm tắt ngắn', category, tags: 'Giao thông, Nông thôn mới',
  body: '# Tiêu đề\r\n\r\nNội dung **đậm**.', cover_key: '', cover_caption: '', cover_alt: '', byline: 'Lê Nguyệt', publish_at: '', version: '', ...extra,
});

const idFrom = (result: SubmitResult) => {
  if (result.kind !== 'redirect') throw new Error(`expected a redirect, got ${JSON.stringify(result).slice(0, 400)}`);
  return Number(/\/admin\/bai-viet\/(\d+)/.exec(result.location)![1]);
};
const rendered = (result: SubmitResult): { status: number; state: EditorState } => {
  if (result.kind !== 'render') throw new Error(`expected a form, got ${JSON.stringify(result)}`);
  return result;
};
/** The form as a browser would send it back after loading the edit page. */
const formOf = (state: EditorState) => ({
  title: state.values.title, slug: state.values.slug, summary: state.values.summary, category: state.values.category,
  tags: state.values.tags, body: state.values.body, cover_key: state.values.coverKey, cover_caption: state.values.coverCaption,
  cover_alt: state.values.coverAlt, byline: state.values.byline, publish_at: state.values.publishAt, version: state.values.version,
});

describe('creating from the form', () => {
  it('creates a draft, normalizes CRLF, and redirects to its edit page with a notice', async () => {
    const editor = await user('editor');
    const category = await freshCategory();
    const result = await submitArticle(env, db, SITE, editor, form({ ...base(category), action: 'save' }), null, new Date());
    expect(result).toMatchObject({ kind: 'redirect', location: expect.stringMatching(/^\/admin\/bai-viet\/\d+\?thong-bao=da-luu$/) });
    const article = (await readArticleById(db, SITE.id, idFrom(result), new Date()))!;
    expect(article).toMatchObject({ title: 'Đồng Hỷ ra quân làm đường', slug: 'dong-hy-ra-quan-lam-duong', status: 'draft', byline: 'Lê Nguyệt' });
    expect(article.bodyMarkdown).toBe('# Tiêu đề\n\nNội dung **đậm**.');
    expect(article.tags.map((t) => t.name).sort()).toEqual(['Giao thông', 'Nông thôn mới']);
    expect((await listRevisions(db, SITE.id, article.id))[0]).toMatchObject({ action: 'created', actor: `user:${editor.id}`, actorName: editor.name });
  });

  it('re-renders a refused form with every message next to its field and everything typed kept (422)', async () => {
    const editor = await user('editor');
    const category = await freshCategory();
    const typed = base(category, {
      title: '   ', slug: 'Sai Đường Dẫn', summary: 'x'.repeat(2001), tags: 'hợp lệ, ' + 'y'.repeat(61), body: 'Nội dung <script>alert(1)</script> giữ nguyên',
      byline: 'Tác giả', cover_caption: 'Chú thích giữ lại',
    });
    const { status, state } = rendered(await submitArticle(env, db, SITE, editor, form({ ...typed, action: 'save' }), null, new Date()));
    expect(status).toBe(422);
    expect(state.errors).toEqual({
      title: 'Vui lòng nhập tiêu đề.',
      slug: expect.stringMatching(/^Đường dẫn chỉ gồm chữ thường không dấu/),
      summary: 'Tóm tắt dài tối đa 2.000 ký tự.',
      tags: 'Mỗi từ khóa dài tối đa 60 ký tự và cần có chữ hoặc số.',
    });
    expect(state.values).toMatchObject({ title: '   ', slug: 'Sai Đường Dẫn', summary: 'x'.repeat(2001), body: typed.body, coverCaption: 'Chú thích giữ lại', byline: 'Tác giả' });
  });

  it('requires the alt text once an image is set, keeping the uploaded image for the next try', async () => {
    const editor = await user('editor');
    const category = await freshCategory();
    const jpeg = new File([bytesOf('jpeg')], 'anh.jpg', { type: 'image/jpeg' });
    const first = rendered(await submitArticle(env, db, SITE, editor, form({ ...base(category), cover_caption: 'Chú thích', action: 'save' }, jpeg), null, new Date()));
    expect(first.status).toBe(422);
    expect(first.state.errors).toEqual({ coverAlt: 'Vui lòng mô tả ảnh (bắt buộc khi có ảnh bìa).' });
    const key = first.state.values.coverKey;
    expect(key).toMatch(/^\d{4}\/\d{2}\/[0-9a-f]{32}\.jpg$/);
    expect((await env.MEDIA.head(key))?.httpMetadata?.contentType).toBe('image/jpeg');

    // The next submit carries the key in the hidden field: no file needed again.
    const second = await submitArticle(env, db, SITE, editor, form({ ...base(category), cover_key: key, cover_caption: 'Chú thích', cover_alt: 'Người dân làm đường', action: 'save' }), null, new Date());
    const article = (await readArticleById(db, SITE.id, idFrom(second), new Date()))!;
    expect(article.cover).toEqual({ key, caption: 'Chú thích', alt: 'Người dân làm đường' });
  });

  it('puts a bad upload\'s message on the image field and stores nothing', async () => {
    const editor = await user('editor');
    const category = await freshCategory();
    const before = (await env.MEDIA.list()).objects.length;
    const fake = new File([new TextEncoder().encode('<svg onload=alert(1)>')], 'anh.png', { type: 'image/png' });
    const { status, state } = rendered(await submitArticle(env, db, SITE, editor, form({ ...base(category), cover_alt: 'x', action: 'save' }, fake), null, new Date()));
    expect(status).toBe(422);
    expect(state.errors.coverFile).toBe('Tệp này không phải ảnh JPEG, PNG, WebP, AVIF hoặc GIF (dù tên tệp có đuôi .png). Vui lòng chọn đúng tệp ảnh.');
    expect(state.values.coverKey).toBe('');
    expect((await env.MEDIA.list()).objects.length).toBe(before);
  });

  it('refuses an unknown category and a slug used by another article, next to the fields', async () => {
    const editor = await user('editor');
    const category = await freshCategory();
    const unknown = rendered(await submitArticle(env, db, SITE, editor, form({ ...base(`khong-co-${unique('c')}`), action: 'save' }), null, new Date()));
    expect(unknown.state.errors).toEqual({ category: 'Vui lòng chọn chuyên mục.' });
    const slug = unique('trung');
    idFrom(await submitArticle(env, db, SITE, editor, form({ ...base(category), slug, action: 'save' }), null, new Date()));
    const taken = rendered(await submitArticle(env, db, SITE, editor, form({ ...base(category), slug, action: 'save' }), null, new Date()));
    expect(taken.state.errors).toEqual({ slug: 'Đường dẫn này đã được bài viết khác dùng. Vui lòng chọn đường dẫn khác.' });
  });

  it('schedules in Vietnam time: 08:30 in Hà Nội is 01:30 UTC', async () => {
    const editor = await user('editor');
    const category = await freshCategory();
    const now = new Date('2026-11-20T00:00:00Z');
    const result = await submitArticle(env, db, SITE, editor, form({ ...base(category), publish_at: '2026-12-01T08:30', action: 'schedule' }), null, now);
    const article = (await readArticleById(db, SITE.id, idFrom(result), now))!;
    expect(article.status).toBe('scheduled');
    expect(article.publishedAt?.toISOString()).toBe('2026-12-01T01:30:00.000Z');
    const state = (await loadEditor(env, db, SITE, editor, article.id, now))!;
    expect(state.values.publishAt).toBe('2026-12-01T08:30');
  });

  it('refuses to schedule without a time, with an impossible one, or in the past', async () => {
    const editor = await user('editor');
    const category = await freshCategory();
    const now = new Date('2026-11-20T05:00:00Z'); // 12:00 in Vietnam
    const errorFor = async (publishAt: string) =>
      rendered(await submitArticle(env, db, SITE, editor, form({ ...base(category), publish_at: publishAt, action: 'schedule' }), null, now)).state.errors.publishAt;
    expect(await errorFor('')).toBe('Vui lòng chọn ngày và giờ đăng để đặt lịch.');
    expect(await errorFor('2026-02-30T08:00')).toBe('Vui lòng chọn ngày và giờ đăng hợp lệ.');
    expect(await errorFor('2026-11-20T11:59')).toBe('Thời điểm đăng phải sau thời điểm hiện tại.');
  });
});

describe('roles', () => {
  it('lets a contributor save drafts and submit for review only', async () => {
    const contributor = await user('contributor');
    const category = await freshCategory();
    for (const action of ['publish', 'schedule']) {
      const r = rendered(await submitArticle(env, db, SITE, contributor, form({ ...base(category), publish_at: '2099-01-01T08:00', action }), null, new Date()));
      expect(r.status, action).toBe(403);
      expect(r.state.problem).toBe('Bạn không có quyền thực hiện thao tác này.');
      expect(r.state.values.title).toBe('Đồng Hỷ ra quân làm đường');
    }
    const id = idFrom(await submitArticle(env, db, SITE, contributor, form({ ...base(category), action: 'review' }), null, new Date()));
    const article = (await readArticleById(db, SITE.id, id, new Date()))!;
    expect(article.status).toBe('review');
    // Still theirs while awaiting review: they may save it again, not publish it.
    const state = (await loadEditor(env, db, SITE, contributor, id, new Date()))!;
    expect(state.actions).toEqual(['save', 'preview']);
    expect(state.readOnly).toBe(false);
    expect(rendered(await submitArticle(env, db, SITE, contributor, form({ ...formOf(state), action: 'publish' }), id, new Date())).status).toBe(403);
    expect(await submitArticle(env, db, SITE, contributor, form({ ...formOf(state), title: 'Sửa lại', action: 'save' }), id, new Date())).toMatchObject({ kind: 'redirect' });
  });

  it('shows a contributor other people\'s articles read-only and refuses their writes', async () => {
    const editor = await user('editor');
    const contributor = await user('contributor');
    const category = await freshCategory();
    const id = idFrom(await submitArticle(env, db, SITE, editor, form({ ...base(category), action: 'save' }), null, new Date()));
    const state = (await loadEditor(env, db, SITE, contributor, id, new Date()))!;
    expect(state.readOnly).toBe(true);
    expect(state.actions).toEqual(['preview']);
    expect(state.problem).toMatch(/^Bạn chỉ xem được bài này/);
    const r = rendered(await submitArticle(env, db, SITE, contributor, form({ ...formOf(state), title: 'Chiếm quyền', action: 'save' }), id, new Date()));
    expect(r.status).toBe(403);
    expect((await readArticleById(db, SITE.id, id, new Date()))!.title).toBe('Đồng Hỷ ra quân làm đường');
    expect(await deleteFromForm(env, db, SITE, contributor, id, form({ version: state.values.version }), new Date())).toMatchObject({ kind: 'refused', status: 403 });
  });

  it('offers editors every action that fits the status', () => {
    const editor = { id: 1, role: 'editor' as const };
    const admin = { id: 2, role: 'admin' as const };
    const contributor = { id: 3, role: 'contributor' as const };
    expect(editActions(editor, null)).toEqual(['save', 'review', 'schedule', 'publish', 'preview']);
    expect(editActions(admin, { status: 'draft', owner: 'user:9' })).toEqual(['save', 'review', 'schedule', 'publish', 'archive', 'preview']);
    expect(editActions(editor, { status: 'published', owner: null })).toEqual(['save', 'schedule', 'unpublish', 'archive', 'preview']);
    expect(editActions(editor, { status: 'scheduled', owner: null })).toEqual(['save', 'schedule', 'publish', 'unpublish', 'archive', 'preview']);
    expect(editActions(editor, { status: 'archived', owner: null })).toEqual(['save', 'schedule', 'publish', 'preview']);
    expect(editActions(editor, { status: 'draft', owner: null, deleted: true })).toEqual(['preview']);
    expect(editActions(contributor, null)).toEqual(['save', 'review', 'preview']);
    expect(editActions(contributor, { status: 'draft', owner: 'user:3' })).toEqual(['save', 'review', 'preview']);
    expect(editActions(contributor, { status: 'published', owner: 'user:3' })).toEqual(['preview']);
    expect(editActions(contributor, { status: 'draft', owner: 'user:4' })).toEqual(['preview']);
  });
});

describe('editing, publishing and the version guard', () => {
  it('publishes, unpublishes and archives, refreshing the public API at once', async () => {
    const editor = await user('editor');
    const category = await freshCategory();
    const id = idFrom(await submitArticle(env, db, SITE, editor, form({ ...base(category, { title: `Đăng ngay ${unique('p')}` }), action: 'save' }), null, new Date()));
    const slug = (await readArticleById(db, SITE.id, id, new Date()))!.slug;
    expect((await call(`/api/v1/articles/${slug}`)).status).toBe(404);
    const step = async (action: string) => {
      const state = (await loadEditor(env, db, SITE, editor, id, new Date()))!;
      const result = await submitArticle(env, db, SITE, editor, form({ ...formOf(state), action }), id, new Date());
      expect(result.kind, action).toBe('redirect');
      return (await readArticleById(db, SITE.id, id, new Date()))!.status;
    };
    expect(await step('publish')).toBe('published');
    const live = await call(`/api/v1/articles/${slug}`);
    expect(live.status).toBe(200);
    await live.arrayBuffer();
    expect(await step('unpublish')).toBe('draft');
    expect((await call(`/api/v1/articles/${slug}`)).status).toBe(404);
    expect(await step('archive')).toBe('archived');
  });

  it('writes nothing when nothing changed, and records only the fields that did', async () => {
    const editor = await user('editor');
    const category = await freshCategory();
    const id = idFrom(await submitArticle(env, db, SITE, editor, form({ ...base(category), action: 'save' }), null, new Date()));
    let state = (await loadEditor(env, db, SITE, editor, id, new Date()))!;
    expect(await submitArticle(env, db, SITE, editor, form({ ...formOf(state), action: 'save' }), id, new Date()))
      .toEqual({ kind: 'redirect', location: `/admin/bai-viet/${id}?thong-bao=khong-doi` });
    expect((await listRevisions(db, SITE.id, id))).toHaveLength(1);
    state = (await loadEditor(env, db, SITE, editor, id, new Date()))!;
    await submitArticle(env, db, SITE, editor, form({ ...formOf(state), summary: 'Tóm tắt mới', action: 'save' }), id, new Date());
    expect((await listRevisions(db, SITE.id, id))[0]!.changedFields).toEqual(['summary']);
  });

  it('shows both versions when someone saved meanwhile, and loses nothing: saving again keeps yours', async () => {
    const lan = await user('editor');
    const binh = await user('editor');
    const category = await freshCategory();
    const id = idFrom(await submitArticle(env, db, SITE, lan, form({ ...base(category), action: 'save' }), null, new Date()));
    const lanForm = formOf((await loadEditor(env, db, SITE, lan, id, new Date()))!);
    const binhForm = formOf((await loadEditor(env, db, SITE, binh, id, new Date()))!);

    expect((await submitArticle(env, db, SITE, binh, form({ ...binhForm, title: 'Tiêu đề của Bình', action: 'save' }), id, new Date())).kind).toBe('redirect');
    const mine = { ...lanForm, title: 'Tiêu đề của Lan', body: `${lanForm.body}\nĐoạn Lan viết thêm`, action: 'publish' };
    const conflict = rendered(await submitArticle(env, db, SITE, lan, form(mine), id, new Date()));
    expect(conflict.status).toBe(409);
    expect(conflict.state.conflict?.theirs.title).toBe('Tiêu đề của Bình');
    expect(conflict.state.conflict?.lastChange).toMatchObject({ actor: `user:${binh.id}`, name: binh.name });
    expect(conflict.state.values).toMatchObject({ title: 'Tiêu đề của Lan', body: mine.body, version: '2' });
    const stored = (await readArticleById(db, SITE.id, id, new Date()))!;
    expect(stored).toMatchObject({ title: 'Tiêu đề của Bình', status: 'draft', version: 2 });

    // Lan keeps hers: the form now carries version 2.
    const again = await submitArticle(env, db, SITE, lan, form({ ...formOf(conflict.state), action: 'publish' }), id, new Date());
    expect(again.kind).toBe('redirect');
    expect((await readArticleById(db, SITE.id, id, new Date()))).toMatchObject({ title: 'Tiêu đề của Lan', status: 'published', version: 3 });
  });

  it('renders the body preview without saving ("Xem trước" without JavaScript), sanitized', async () => {
    const editor = await user('editor');
    const category = await freshCategory();
    const { status, state } = rendered(await submitArticle(env, db, SITE, editor, form({
      ...base(category), body: '**đậm** <img src=x onerror=alert(1)> [x](javascript:alert(1))', action: 'preview',
    }), null, new Date()));
    expect(status).toBe(200);
    expect(state.previewHtml).toContain('<strong>đậm</strong>');
    expect(state.previewHtml).not.toMatch(/onerror|javascript:|<img/);
    expect(state.values.body).toContain('<img src=x onerror=alert(1)>');
  });

  it('gives saved articles a preview link that shows exactly the current version, and only it', async () => {
    const { loadPreview } = await import('../../site/admin/preview-page.ts');
    const editor = await user('editor');
    const category = await freshCategory();
    const id = idFrom(await submitArticle(env, db, SITE, editor, form({ ...base(category), action: 'save' }), null, new Date()));
    const state = (await loadEditor(env, db, SITE, editor, id, new Date()))!;
    // On the article's site's own host (the admin is served on the first site's only): here, the first site's.
    expect(state.previewUrl).toMatch(new RegExp(`^http://cms\\.test/xem-truoc/${SITE.id}-${id}-1-[0-9a-z]+-[0-9a-f]{32}$`));
    const token = state.previewUrl!.replace('http://cms.test/xem-truoc/', '');
    expect((await loadPreview(env, db, SITE.id, token, new Date()))?.article.title).toBe('Đồng Hỷ ra quân làm đường');
    await submitArticle(env, db, SITE, editor, form({ ...formOf(state), title: 'Đã sửa', action: 'save' }), id, new Date());
    expect(await loadPreview(env, db, SITE.id, token, new Date())).toBeNull();
  });
});

describe('delete, trash and revisions from the admin', () => {
  it('deletes to the trash (editors, current version only) and restores from it', async () => {
    const editor = await user('editor');
    const category = await freshCategory();
    const id = idFrom(await submitArticle(env, db, SITE, editor, form({ ...base(category), action: 'publish' }), null, new Date()));
    expect(await deleteFromForm(env, db, SITE, editor, id, form({ version: '0' }), new Date())).toMatchObject({ kind: 'refused', status: 409 });
    expect(await deleteFromForm(env, db, SITE, editor, id, form({ version: '1' }), new Date())).toEqual({ kind: 'redirect', location: '/admin/bai-viet?thong-bao=da-xoa' });
    expect(await readArticleById(db, SITE.id, id, new Date())).toBeNull();
    const contributor = await user('contributor');
    expect(await restoreFromTrash(env, db, SITE, contributor, id, form({ version: '2' }), new Date())).toMatchObject({ kind: 'refused', status: 403 });
    expect(await restoreFromTrash(env, db, SITE, editor, id, form({ version: '2' }), new Date())).toEqual({ kind: 'redirect', location: `/admin/bai-viet/${id}?thong-bao=da-khoi-phuc` });
    expect((await readArticleById(db, SITE.id, id, new Date()))?.status).toBe('published');
  });

  it('restores a revision from the diff page, as a new revision', async () => {
    const editor = await user('editor');
    const category = await freshCategory();
    const id = idFrom(await submitArticle(env, db, SITE, editor, form({ ...base(category), action: 'save' }), null, new Date()));
    const state = (await loadEditor(env, db, SITE, editor, id, new Date()))!;
    await submitArticle(env, db, SITE, editor, form({ ...formOf(state), title: 'Bản sửa sai', action: 'save' }), id, new Date());
    const first = (await listRevisions(db, SITE.id, id)).at(-1)!;
    expect(await restoreRevisionFromForm(env, db, SITE, editor, id, first.id, form({ version: '1' }), new Date())).toMatchObject({ kind: 'refused', status: 409 });
    expect(await restoreRevisionFromForm(env, db, SITE, editor, id, first.id, form({ version: '2' }), new Date()))
      .toEqual({ kind: 'redirect', location: `/admin/bai-viet/${id}?thong-bao=da-khoi-phuc-phien-ban` });
    expect((await readArticleById(db, SITE.id, id, new Date()))).toMatchObject({ title: 'Đồng Hỷ ra quân làm đường', version: 3 });
    expect((await listRevisions(db, SITE.id, id))[0]!.action).toBe('restored');
  });
});

describe('form details', () => {
  it('reads a form with no file chosen as no file, and the remove-cover box', () => {
    const f = form({ title: 'x', action: 'save', cover_remove: '1' });
    f.set('cover_file', new File([], ''));
    expect(readArticleForm(f)).toMatchObject({ file: null, removeCover: true, action: 'save' });
    expect(readArticleForm(form({ action: 'drop-tables' })).action).toBeNull();
  });

  it('validates the form with the API\'s own schema', () => {
    const values = { ...emptyValues('tin-tuc'), title: 'Tiêu đề', tags: 'a,, b ;c', coverKey: '2026/11/a.jpg', coverAlt: '  ' };
    expect(validateArticleForm(values, 'save', 'create', new Date())).toEqual({ ok: false, errors: { coverAlt: 'Vui lòng mô tả ảnh (bắt buộc khi có ảnh bìa).' } });
    const ok = validateArticleForm({ ...values, coverAlt: 'Mô tả' }, 'save', 'create', new Date());
    expect(ok).toMatchObject({ ok: true, data: { tags: ['a', 'b', 'c'], status: 'draft', cover: { key: '2026/11/a.jpg', alt: 'Mô tả' } } });
  });

  it('converts datetime-local values from and to Vietnam time', () => {
    expect(fromDatetimeLocal('2026-01-01T00:00')?.toISOString()).toBe('2025-12-31T17:00:00.000Z');
    expect(fromDatetimeLocal('2026-11-20T23:59:30')?.toISOString()).toBe('2026-11-20T16:59:30.000Z');
    for (const bad of ['', '2026-11-20', '2026-13-01T08:00', '2026-02-29T08:00', '2026-11-20T24:00', 'hôm nay']) expect(fromDatetimeLocal(bad), bad).toBeNull();
    expect(toDatetimeLocal(new Date('2026-11-30T20:15:00Z'))).toBe('2026-12-01T03:15');
    expect(toDatetimeLocal(null)).toBe('');
  });
});

describe('a missing article', () => {
  it('is not found, for loading and for posting', async () => {
    const editor = await user('editor');
    expect(await loadEditor(env, db, SITE, editor, 987_654_321, new Date())).toBeNull();
    expect(await submitArticle(env, db, SITE, editor, form({ action: 'save' }), 987_654_321, new Date())).toEqual({ kind: 'not-found' });
  });

  it('uses the category the form names (not the first one) when creating', async () => {
    const editor = await user('editor');
    const category = await freshCategory('Chuyên mục đích');
    const id = idFrom(await submitArticle(env, db, SITE, editor, form({ ...base(category), action: 'save' }), null, new Date()));
    expect((await readArticleById(db, SITE.id, id, new Date()))!.category.id).toBe(await categoryIdOf(db, SITE.id, category));
  });
});
