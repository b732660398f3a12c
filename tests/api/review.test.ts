// Review (issue 12): a contributor submits, an editor returns with a required reason or publishes; the
// reason is kept on the article and in its history until resubmission clears it; contributors can never
// publish or return; the queue and its count per site; each step recorded with who and when, and in the
// audit log. Through the admin's own functions against real D1 (the pages: tests/pages/review-audit.test.ts).
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { desc, eq } from 'drizzle-orm';
import { auditLog } from '../../schema/tables.ts';
import { returnArticle } from '../../functions/articles/service.ts';
import { InvalidFields, VersionConflict } from '../../functions/articles/errors.ts';
import { listEditorArticles, readArticleById } from '../../functions/data/admin-articles.ts';
import { database } from '../../functions/data/db.ts';
import { countReviewQueue, listReviewQueue } from '../../functions/data/review-queue.ts';
import { listRevisions } from '../../functions/data/revisions.ts';
import { createSite } from '../../functions/data/sites.ts';
import { importArticle } from '../../functions/articles/service.ts';
import { categoryIdOf } from '../../functions/data/categories.ts';
import { createUser, readUser, type User } from '../../functions/data/users.ts';
import type { Role } from '../../schema/tables.ts';
import { loadEditor, submitArticle, type SubmitResult } from '../../site/admin/article-editor.ts';
import { returnFromForm } from '../../site/admin/review.ts';
import { editActions } from '../../site/admin/permissions.ts';
import { expectProblem, freshCategory, unique, firstSite, FIRST_SITE_ID, patchArticle, postArticle, readAsWriter, writeToken } from '../support/api.ts';
import { documentBody, freshIssuer, postDocument } from '../support/documents.ts';
import { updateDocument } from '../../functions/documents/service.ts';
import { readDocumentById } from '../../functions/data/documents-read.ts';

const SITE = await firstSite();
const db = database(env.DB);

async function user(role: Role): Promise<User> {
  const id = await createUser(db, { email: `${unique(role)}@dongy.gov.vn`, name: `Người ${role} ${unique('n')}`, role, password: 'mat-khau-thu-nghiem' });
  return (await readUser(db, id))!;
}

function form(fields: Record<string, string>): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  return f;
}

const fields = (category: string, version = '') => ({
  title: `Bài cộng tác ${unique('t')}`, slug: '', summary: 'Tóm tắt', category, tags: '', body: 'Nội dung bài.', cover_key: '',
  cover_caption: '', cover_alt: '', byline: 'Cộng tác viên', publish_at: '', version,
});

const idFrom = (result: SubmitResult) => {
  if (result.kind !== 'redirect') throw new Error(`expected a redirect, got ${JSON.stringify(result).slice(0, 300)}`);
  return Number(/\/admin\/bai-viet\/(\d+)/.exec(result.location)![1]);
};

/** A contributor's article, submitted for review at `at`. */
async function submitted(contributor: User, at = new Date()) {
  const category = await freshCategory();
  const typed = fields(category);
  const id = idFrom(await submitArticle(env, db, SITE, contributor, form({ ...typed, action: 'review' }), null, at));
  return { id, category, typed, article: (await readArticleById(db, SITE.id, id, at))! };
}

const auditOf = (subject: string) => db.select().from(auditLog).where(eq(auditLog.subject, subject)).orderBy(desc(auditLog.id));

describe('returning an article from review', () => {
  it('goes submitted -> returned with a reason -> resubmitted (reason cleared) -> published, each step in the history with who and when', async () => {
    const contributor = await user('contributor');
    const editor = await user('editor');
    const t0 = new Date('2026-11-20T01:00:00Z');
    const { id, category, typed, article } = await submitted(contributor, t0);
    expect(article.status).toBe('review');

    // No reason: a message at the field, nothing changed.
    const empty = await returnFromForm(env, db, SITE, editor, id, form({ reason: '   ', version: String(article.version) }), new Date('2026-11-20T02:00:00Z'));
    expect(empty).toMatchObject({ kind: 'refused', status: 422, fieldError: 'Vui lòng ghi lý do trả lại để người viết biết cần sửa gì.' });
    expect((await readArticleById(db, SITE.id, id, new Date()))!).toMatchObject({ status: 'review', version: article.version, reviewNote: '' });

    const reason = 'Thiếu nguồn ảnh.\nVui lòng ghi rõ tác giả.';
    const t1 = new Date('2026-11-20T03:00:00Z');
    expect(await returnFromForm(env, db, SITE, editor, id, form({ reason: `  ${reason} `, version: String(article.version) }), t1))
      .toEqual({ kind: 'redirect', location: `/admin/bai-viet/${id}?thong-bao=da-tra-lai` });
    const returned = (await readArticleById(db, SITE.id, id, t1))!;
    expect(returned).toMatchObject({ status: 'draft', reviewNote: reason });

    // The contributor sees it on the article and may save and resubmit, never publish.
    const state = (await loadEditor(env, db, SITE, contributor, id, t1))!;
    expect(state.article!.reviewNote).toBe(reason);
    expect(state.actions).toEqual(['save', 'review', 'preview']);
    idFrom(await submitArticle(env, db, SITE, contributor, form({ ...typed, body: 'Đã sửa.', version: String(returned.version), action: 'save' }), id, new Date('2026-11-20T04:00:00Z')));
    const saved = (await readArticleById(db, SITE.id, id, new Date()))!;
    expect(saved.reviewNote, 'a plain save keeps the reason on screen').toBe(reason);
    const listed = async () => (await listEditorArticles(db, SITE.id, { filter: 'draft', page: 1, pageSize: 200, now: new Date() })).items.find((i) => i.id === id);
    expect((await listed())?.returned, 'marked in the list until resubmitted').toBe(true);
    idFrom(await submitArticle(env, db, SITE, contributor, form({ ...typed, body: 'Đã sửa.', version: String(saved.version), action: 'review' }), id, new Date('2026-11-20T05:00:00Z')));
    const resubmitted = (await readArticleById(db, SITE.id, id, new Date()))!;
    expect(resubmitted).toMatchObject({ status: 'review', reviewNote: '' });
    expect((await listEditorArticles(db, SITE.id, { filter: 'review', page: 1, pageSize: 200, now: new Date() })).items.find((i) => i.id === id)?.returned).toBe(false);

    idFrom(await submitArticle(env, db, SITE, editor, form({ ...typed, body: 'Đã sửa.', category, version: String(resubmitted.version), action: 'publish' }), id, new Date('2026-11-20T06:00:00Z')));
    expect((await readArticleById(db, SITE.id, id, new Date()))!.status).toBe('published');

    const history = (await listRevisions(db, SITE.id, id)).reverse();
    expect(history.map((r) => [r.action, r.actorName, r.note, r.createdAt.toISOString()])).toEqual([
      ['submitted', contributor.name, '', '2026-11-20T01:00:00.000Z'],
      ['returned', editor.name, reason, '2026-11-20T03:00:00.000Z'],
      ['updated', contributor.name, '', '2026-11-20T04:00:00.000Z'],
      ['submitted', contributor.name, '', '2026-11-20T05:00:00.000Z'],
      ['published', editor.name, '', '2026-11-20T06:00:00.000Z'],
    ]);
    const entries = await auditOf(`article:${id}`);
    expect(entries.map((e) => [e.action, e.actorId, e.actorLabel])).toEqual([
      ['article.published', editor.id, editor.name],
      ['article.submitted', contributor.id, contributor.name],
      ['article.returned', editor.id, editor.name],
      ['article.submitted', contributor.id, contributor.name],
    ]);
    expect(JSON.parse(entries[2]!.detail)).toEqual({ title: typed.title });
  });

  it('never lets a contributor return or publish, and refuses an article not in review or a stale version', async () => {
    const contributor = await user('contributor');
    const other = await user('contributor');
    const editor = await user('editor');
    const { id, category, typed, article } = await submitted(contributor);

    const byContributor = await returnFromForm(env, db, SITE, other, id, form({ reason: 'Tôi muốn trả lại', version: String(article.version) }), new Date());
    expect(byContributor).toMatchObject({ kind: 'refused', status: 403, problem: 'Chỉ biên tập viên và quản trị viên mới được trả lại bài viết.' });
    const own = await returnFromForm(env, db, SITE, contributor, id, form({ reason: 'Tự trả lại', version: String(article.version) }), new Date());
    expect(own).toMatchObject({ kind: 'refused', status: 403 });
    expect(editActions(contributor, { status: 'review', owner: `user:${contributor.id}` })).not.toContain('publish');
    const publish = await submitArticle(env, db, SITE, contributor, form({ ...typed, category, version: String(article.version), action: 'publish' }), id, new Date());
    expect(publish).toMatchObject({ kind: 'render', status: 403 });

    const stale = await returnFromForm(env, db, SITE, editor, id, form({ reason: 'Lý do', version: String(article.version - 1) }), new Date());
    expect(stale).toMatchObject({ kind: 'refused', status: 409 });
    const tooLong = await returnFromForm(env, db, SITE, editor, id, form({ reason: 'x'.repeat(2001), version: String(article.version) }), new Date());
    expect(tooLong).toMatchObject({ kind: 'refused', status: 422, fieldError: 'Lý do dài tối đa 2.000 ký tự.', reason: 'x'.repeat(2001) });
    expect((await readArticleById(db, SITE.id, id, new Date()))!).toMatchObject({ status: 'review', version: article.version });

    // A draft is not in review: nothing to return.
    const draftId = idFrom(await submitArticle(env, db, SITE, contributor, form({ ...fields(category), action: 'save' }), null, new Date()));
    const draft = (await readArticleById(db, SITE.id, draftId, new Date()))!;
    expect(await returnFromForm(env, db, SITE, editor, draftId, form({ reason: 'Lý do', version: String(draft.version) }), new Date()))
      .toMatchObject({ kind: 'refused', status: 409, problem: 'Chỉ trả lại được bài viết đang chờ duyệt.' });
    expect(await returnFromForm(env, db, SITE, editor, 999_999_999, form({ reason: 'Lý do', version: '1' }), new Date())).toEqual({ kind: 'not-found' });
  });

  it('the service itself refuses a blank reason, a non-review article, and a version that moved on', async () => {
    const contributor = await user('contributor');
    const { article } = await submitted(contributor);
    const actor = { id: 'user:1', name: 'Biên tập' };
    await expect(returnArticle(env, SITE, article, ' \n ', actor, new Date())).rejects.toBeInstanceOf(InvalidFields);
    await expect(returnArticle(env, SITE, { ...article, status: 'draft' }, 'Lý do', actor, new Date())).rejects.toBeInstanceOf(InvalidFields);
    await expect(returnArticle(env, SITE, { ...article, version: article.version + 5 }, 'Lý do', actor, new Date())).rejects.toBeInstanceOf(VersionConflict);
    expect((await readArticleById(db, SITE.id, article.id, new Date()))!.status).toBe('review');
  });
});

describe('returning through the API (a write token acts as an editor: the same rule)', () => {
  it('needs a reason to send an article under review back to draft, and takes it alone', async () => {
    const token = await writeToken();
    const { article, etag } = await postArticle(token, { title: `Bài API chờ duyệt ${unique('a')}`, body: 'x', category: await freshCategory(), status: 'review' });
    const none = await expectProblem(await patchArticle(token, article.slug, etag, { status: 'draft' }), 422);
    expect(none.errors).toEqual([{ field: 'reviewNote', message: 'Returning an article under review to draft needs a reason: send reviewNote.' }]);
    const blank = await expectProblem(await patchArticle(token, article.slug, etag, { status: 'draft', reviewNote: '  ' }), 422);
    expect(blank.errors![0]!.field).toBe('reviewNote');
    const mixed = await expectProblem(await patchArticle(token, article.slug, etag, { status: 'draft', reviewNote: 'Lý do', title: 'Đổi tên' }), 422);
    expect(mixed.errors![0]!.field).toBe('reviewNote');
    const wrongStep = await expectProblem(await patchArticle(token, article.slug, etag, { status: 'published', reviewNote: 'Lý do' }), 422);
    expect(wrongStep.errors).toEqual([{ field: 'reviewNote', message: 'reviewNote goes only with "status": "draft" on an article under review.' }]);
    const tooLong = await expectProblem(await patchArticle(token, article.slug, etag, { status: 'draft', reviewNote: 'x'.repeat(2001) }), 422);
    expect(tooLong.errors![0]!.field).toBe('reviewNote');

    const done = await patchArticle(token, article.slug, etag, { status: 'draft', reviewNote: 'Thiếu ảnh.' });
    expect(done.status).toBe(200);
    expect(((await done.json()) as { status: string }).status).toBe('draft');
    const stored = (await readArticleById(db, FIRST_SITE_ID, article.id, new Date()))!;
    expect(stored.reviewNote).toBe('Thiếu ảnh.');
    expect((await listRevisions(db, FIRST_SITE_ID, article.id))[0]).toMatchObject({ action: 'returned', note: 'Thiếu ảnh.', actor: expect.stringMatching(/^token:\d+$/) });
    const [entry] = await auditOf(`article:${article.id}`);
    expect(entry).toMatchObject({ action: 'article.returned', actorId: null, actorLabel: expect.stringMatching(/^token:writer-/) });
    // Not in review any more: a reason is refused.
    const { etag: now } = await readAsWriter(token, article.slug);
    expect((await expectProblem(await patchArticle(token, article.slug, now, { status: 'draft', reviewNote: 'Lần nữa' }), 422)).errors![0]!.field).toBe('reviewNote');
  });
});

describe('the review queue', () => {
  it('lists the site\'s articles and documents in review, oldest first, with who sent them; counts them; never another site\'s', async () => {
    const other = await createSite(db, { name: `Xã duyệt ${unique('x')}`, hosts: [`${unique('duyet')}.test`] });
    const before = await countReviewQueue(db, SITE.id);
    const contributor = await user('contributor');
    const late = await submitted(contributor, new Date('2026-11-21T09:00:00Z'));
    const early = await submitted(contributor, new Date('2026-11-21T08:00:00Z'));
    // A document sent for review (documents share the states).
    const { document } = await postDocument(await writeToken(), documentBody(await freshIssuer(), { number: `${Math.floor(Math.random() * 9e5)}/QĐ-UBND`, status: 'draft' }));
    const current = (await readDocumentById(db, SITE.id, document.id, new Date()))!;
    await updateDocument(env, SITE, current, { status: 'review' }, { id: `user:${contributor.id}`, name: contributor.name }, new Date('2026-11-21T08:30:00Z'));
    // Another site's article in review is not this site's business.
    const otherCategory = await freshCategory('Chuyên mục xã', other.id);
    await importArticle(env.DB, other.id, {
      title: 'Bài xã khác chờ duyệt', summary: '', body: 'x', categoryId: (await categoryIdOf(db, other.id, otherCategory))!, tags: [], byline: '', cover: null, status: 'review',
    }, { id: 'user:1', name: 'x' }, new Date());

    expect(await countReviewQueue(db, SITE.id)).toBe(before + 3);
    expect(await countReviewQueue(db, other.id)).toBe(1);
    const mine = (await listReviewQueue(db, SITE.id)).filter((i) => [early.id, late.id].includes(i.id) || (i.kind === 'document' && i.id === document.id));
    expect(mine.map((i) => [i.kind, i.id, i.submittedBy, i.submittedAt.toISOString()])).toEqual([
      ['article', early.id, contributor.name, '2026-11-21T08:00:00.000Z'],
      ['document', document.id, contributor.name, '2026-11-21T08:30:00.000Z'],
      ['article', late.id, contributor.name, '2026-11-21T09:00:00.000Z'],
    ]);
    expect((await listReviewQueue(db, other.id)).map((i) => i.name)).toEqual(['Bài xã khác chờ duyệt']);

    // Returned, it leaves the queue.
    await returnArticle(env, SITE, early.article, 'Sửa lại', { id: 'user:1', name: 'Biên tập' }, new Date());
    expect(await countReviewQueue(db, SITE.id)).toBe(before + 2);
  });
});

describe('the count in the admin header', () => {
  it('is one statement answered from the (site_id, status, ...) indexes, never a scan of a content table', async () => {
    const seen: { sql: string; params: unknown[] }[] = [];
    const recording = {
      prepare: (sql: string) => ({ bind: (...params: unknown[]) => (seen.push({ sql, params }), env.DB.prepare(sql).bind(...params)) }),
    } as unknown as D1Database;
    await countReviewQueue(database(recording), SITE.id);
    expect(seen).toHaveLength(1);
    const plan = (await env.DB.prepare(`EXPLAIN QUERY PLAN ${seen[0]!.sql}`).bind(...seen[0]!.params).all<{ detail: string }>()).results.map((r) => r.detail);
    expect(plan.filter((d) => /^SCAN (articles|documents)\b/.test(d)), plan.join('\n')).toEqual([]);
    expect(plan.some((d) => d.includes('articles USING INDEX articles_site_status_published')), plan.join('\n')).toBe(true);
    expect(plan.some((d) => /documents USING INDEX documents_site_status_/.test(d)), plan.join('\n')).toBe(true);
  });
});
