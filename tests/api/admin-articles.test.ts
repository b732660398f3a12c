// The editors' data in real D1: the admin list (status filters, title search, paging, last editor),
// the trash (restore within 30 days, as a revision, guarded by version) and revisions (list, snapshot,
// restore as a new revision, slug and status untouched).
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { listEditorArticles, ownerOf, readArticleById, TRASH_MS } from '../../functions/data/admin-articles.ts';
import { DomainError } from '../../functions/articles/errors.ts';
import {
  createArticle, deleteArticle, restoreFromTrash as restoreArticle, restoreRevision, updateArticle, type Actor, type ArticleInput,
} from '../../functions/articles/service.ts';
import { categoryIdOf } from '../../functions/data/categories.ts';
import { database } from '../../functions/data/db.ts';
import { listRevisions, readRevision, restorePatch, snapshotOf } from '../../functions/data/revisions.ts';
import { freshCategory, unique, firstSite } from '../support/api.ts';

/** The platform's first site, which the tests' ORIGIN (http://cms.test) serves. */
const SITE = await firstSite();

const db = database(env.DB);
const ALICE: Actor = { id: 'user:9001', name: 'Chị Lan' };
const BINH: Actor = { id: 'user:9002', name: 'Anh Bình' };
const DAY = 24 * 60 * 60_000;

async function category(): Promise<number> {
  return (await categoryIdOf(db, SITE.id, await freshCategory()))!;
}

async function article(categoryId: number, fields: Partial<ArticleInput> = {}, actor = ALICE, now = new Date()) {
  const created = await createArticle(env, SITE, {
    title: `Bài ${unique('t')}`, summary: 'Tóm tắt', body: 'Dòng một\nDòng hai', categoryId, tags: ['Giao thông'],
    byline: 'Phóng viên', cover: null, status: 'draft', ...fields,
  }, actor, now);
  // What the service answers is what a fresh read finds.
  expect(created).toEqual(await readArticleById(db, SITE.id, created.id, now, { withDeleted: true }));
  return created;
}

const titlesOf = async (filter: Parameters<typeof listEditorArticles>[2]['filter'], categoryId: number, q?: string) => {
  const page = await listEditorArticles(db, SITE.id, { filter, q, page: 1, pageSize: 100, now: new Date() });
  return page.items.filter((a) => a.category.id === categoryId).map((a) => a.title).sort();
};

describe('the admin list', () => {
  it('filters by every status, keeps deleted articles out except in the trash', async () => {
    const c = await category();
    const w = unique('f').replaceAll('-', '');
    const now = new Date();
    await article(c, { title: `${w} A nháp`, status: 'draft' });
    await article(c, { title: `${w} B chờ duyệt`, status: 'review' });
    await article(c, { title: `${w} C đã đăng`, status: 'published' });
    await article(c, { title: `${w} D hẹn giờ`, status: 'scheduled', publishAt: new Date(now.getTime() + DAY) });
    await article(c, { title: `${w} E lưu trữ`, status: 'archived' });
    const gone = await article(c, { title: `${w} F đã xóa`, status: 'published' });
    await deleteArticle(env, SITE, gone, ALICE, now);

    const titles = async (filter: Parameters<typeof titlesOf>[0]) => (await titlesOf(filter, c, w)).map((t) => t.slice(w.length + 1));
    expect(await titles('all')).toEqual(['A nháp', 'B chờ duyệt', 'C đã đăng', 'D hẹn giờ', 'E lưu trữ']);
    expect(await titles('draft')).toEqual(['A nháp']);
    expect(await titles('review')).toEqual(['B chờ duyệt']);
    expect(await titles('published')).toEqual(['C đã đăng']);
    expect(await titles('scheduled')).toEqual(['D hẹn giờ']);
    expect(await titles('archived')).toEqual(['E lưu trữ']);
    expect(await titles('trash')).toEqual(['F đã xóa']);
  });

  it('searches titles only, diacritics ignored both ways, the last word as a prefix', async () => {
    const c = await category();
    const word = unique('x').replaceAll('-', '');
    await article(c, { title: `Đồng Hỷ ra quân làm đường ${word}` });
    await article(c, { title: `Hội nghị ${word}`, body: 'Đồng Hỷ ra quân' });
    expect(await titlesOf('all', c, `dong hy ${word}`)).toEqual([`Đồng Hỷ ra quân làm đường ${word}`]);
    expect(await titlesOf('all', c, `ĐỒNG HỶ RA QU`)).toEqual([`Đồng Hỷ ra quân làm đường ${word}`]);
    expect(await titlesOf('all', c, word)).toHaveLength(2);
    expect(await titlesOf('all', c, '"* OR NOT')).toEqual([]);
  });

  it('pages by 20 with the total, newest change first, and clamps a page beyond the end', async () => {
    const c = await category();
    const word = unique('p').replaceAll('-', '');
    const start = Date.now();
    for (let i = 0; i < 23; i++) await article(c, { title: `${word} số ${i}` }, ALICE, new Date(start + i * 1000));
    const first = await listEditorArticles(db, SITE.id, { filter: 'all', q: word, page: 1, now: new Date() });
    expect(first.total).toBe(23);
    expect(first.pageCount).toBe(2);
    expect(first.items).toHaveLength(20);
    expect(first.items[0]!.title).toBe(`${word} số 22`);
    const second = await listEditorArticles(db, SITE.id, { filter: 'all', q: word, page: 2, now: new Date() });
    expect(second.items.map((a) => a.title)).toEqual([`${word} số 2`, `${word} số 1`, `${word} số 0`]);
    expect((await listEditorArticles(db, SITE.id, { filter: 'all', q: word, page: 99, now: new Date() })).page).toBe(2);
  });

  it('shows who changed each article last and when, and who created it', async () => {
    const c = await category();
    const w = unique('e').replaceAll('-', '');
    const created = new Date('2026-11-01T01:00:00Z');
    const a = await article(c, { title: `${w} có người sửa` }, ALICE, created);
    const edited = new Date('2026-11-02T02:00:00Z');
    await updateArticle(env, SITE, a, { title: `${w} có người sửa lại` }, BINH, edited);
    const [item] = (await listEditorArticles(db, SITE.id, { filter: 'all', q: w, page: 1, now: new Date() })).items;
    expect(item!.id).toBe(a.id);
    expect(item!.lastChange).toEqual({ actor: BINH.id, name: BINH.name, at: edited });
    expect(item!.owner).toBe(ALICE.id);
    expect(await ownerOf(db, SITE.id, a.id)).toBe(ALICE.id);
  });
});

describe('the trash', () => {
  it('restores a deleted article as it was, within 30 days, recording who did it', async () => {
    const c = await category();
    const a = await article(c, { title: 'Xóa rồi khôi phục', status: 'published' });
    const deletedAt = new Date();
    await deleteArticle(env, SITE, a, ALICE, deletedAt);
    const deleted = (await readArticleById(db, SITE.id, a.id, deletedAt, { withDeleted: true }))!;
    expect(deleted.deletedAt).not.toBeNull();
    expect(await readArticleById(db, SITE.id, a.id, deletedAt)).toBeNull();

    const later = new Date(deletedAt.getTime() + 29 * DAY);
    await restoreArticle(env, SITE, a.id, deleted.version, BINH, later);
    const back = (await readArticleById(db, SITE.id, a.id, later))!;
    expect(back.deletedAt).toBeNull();
    expect(back.status).toBe('published');
    expect(back.title).toBe('Xóa rồi khôi phục');
    expect(back.version).toBe(deleted.version + 1);
    const [latest] = await listRevisions(db, SITE.id, a.id);
    expect(latest).toMatchObject({ action: 'restored', actor: BINH.id, actorName: BINH.name, version: back.version });
    expect((await readRevision(db, SITE.id, a.id, latest!.id))!.snapshot).toMatchObject({ title: 'Xóa rồi khôi phục', status: 'published' });
  });

  it('refuses after 30 days (Gone), for a stale version (VersionConflict) and for an article not in the trash (NotFound)', async () => {
    const c = await category();
    const a = await article(c);
    const deletedAt = new Date();
    await deleteArticle(env, SITE, a, ALICE, deletedAt);
    const version = a.version + 1;
    const status = async (promise: Promise<unknown>) => {
      try {
        await promise;
        return 'ok';
      } catch (error) {
        return error instanceof DomainError ? error.code : String(error);
      }
    };
    expect(await status(restoreArticle(env, SITE, a.id, version, BINH, new Date(deletedAt.getTime() + TRASH_MS + 1)))).toBe('gone');
    expect(await status(restoreArticle(env, SITE, a.id, version - 1, BINH, deletedAt))).toBe('version-conflict');
    const live = await article(c);
    expect(await status(restoreArticle(env, SITE, live.id, live.version, BINH, deletedAt))).toBe('not-found');
    expect(await status(restoreArticle(env, SITE, 987_654_321, 1, BINH, deletedAt))).toBe('not-found');
    // Nothing above changed it; the right version still works.
    expect(await status(restoreArticle(env, SITE, a.id, version, BINH, deletedAt))).toBe('ok');
  });

  it('lets only one of two simultaneous restores win', async () => {
    const c = await category();
    const a = await article(c);
    await deleteArticle(env, SITE, a, ALICE, new Date());
    const results = await Promise.allSettled([
      restoreArticle(env, SITE, a.id, a.version + 1, ALICE, new Date()),
      restoreArticle(env, SITE, a.id, a.version + 1, BINH, new Date()),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect((await listRevisions(db, SITE.id, a.id)).filter((r) => r.action === 'restored')).toHaveLength(1);
  });
});

describe('revisions', () => {
  it('lists every change newest first with action, fields, author and time', async () => {
    const c = await category();
    const t0 = new Date('2026-11-10T00:00:00Z');
    const a = await article(c, { title: 'Bản đầu' }, ALICE, t0);
    const a2 = (await readArticleById(db, SITE.id, a.id, t0))!;
    await updateArticle(env, SITE, a2, { title: 'Bản hai', body: 'Dòng một\nDòng hai sửa' }, BINH, new Date('2026-11-11T00:00:00Z'));
    const a3 = (await readArticleById(db, SITE.id, a.id, t0))!;
    await updateArticle(env, SITE, a3, { status: 'published' }, ALICE, new Date('2026-11-12T00:00:00Z'));
    const list = await listRevisions(db, SITE.id, a.id);
    expect(list.map((r) => [r.version, r.action, r.actorName])).toEqual([[3, 'published', 'Chị Lan'], [2, 'updated', 'Anh Bình'], [1, 'created', 'Chị Lan']]);
    expect(list[1]!.changedFields.sort()).toEqual(['body', 'title']);
    expect(list[2]!.createdAt).toEqual(t0);
  });

  it('restores an old revision\'s content as a new revision, keeping slug and status', async () => {
    const c = await category();
    const other = await category();
    const a = await article(c, { title: 'Tiêu đề gốc', body: 'Gốc\nNội dung', tags: ['Một', 'Hai'], byline: 'Tác giả A', cover: { key: '2026/11/a.jpg', caption: 'Chú thích', alt: 'Mô tả' } });
    const [first] = await listRevisions(db, SITE.id, a.id);
    let current = (await readArticleById(db, SITE.id, a.id, new Date()))!;
    await updateArticle(env, SITE, current, {
      title: 'Tiêu đề mới', slug: `${current.slug}-moi`, body: 'Mới', categoryId: other, tags: ['Ba'], byline: 'Tác giả B', cover: null, status: 'published',
    }, BINH, new Date());
    current = (await readArticleById(db, SITE.id, a.id, new Date()))!;
    const revision = (await readRevision(db, SITE.id, a.id, first!.id))!;
    expect(Object.keys(restorePatch(current, revision.snapshot!)).sort()).toEqual(['body', 'byline', 'categoryId', 'cover', 'tags', 'title']);

    const answered = await restoreRevision(env, SITE, current, revision, ALICE, new Date());
    const restored = (await readArticleById(db, SITE.id, a.id, new Date()))!;
    expect(answered).toEqual(restored);
    expect(restored).toMatchObject({
      title: 'Tiêu đề gốc', bodyMarkdown: 'Gốc\nNội dung', byline: 'Tác giả A', category: { id: c },
      cover: { key: '2026/11/a.jpg', caption: 'Chú thích', alt: 'Mô tả' },
      slug: current.slug, status: 'published', version: current.version + 1,
    });
    expect(restored.tags.map((t) => t.name).sort()).toEqual(['Hai', 'Một']);
    expect(restored.bodyHtml).toBe('<p>Gốc\nNội dung</p>');
    const [latest] = await listRevisions(db, SITE.id, a.id);
    expect(latest).toMatchObject({ action: 'restored', actor: ALICE.id, version: restored.version });

    // Restoring what is already there writes nothing.
    expect(await restoreRevision(env, SITE, restored, revision, ALICE, new Date())).toBeNull();
    expect((await readArticleById(db, SITE.id, a.id, new Date()))!.version).toBe(restored.version);
  });

  it('refuses to restore against a stale version (VersionConflict), changing nothing', async () => {
    const c = await category();
    const a = await article(c, { title: 'Trước' });
    const [first] = await listRevisions(db, SITE.id, a.id);
    await updateArticle(env, SITE, a, { title: 'Sau' }, BINH, new Date());
    const stale = { ...a, title: 'Sau' }; // what an editor who loaded version 1 would hold
    await expect(restoreRevision(env, SITE, { ...stale, title: 'Khác' }, (await readRevision(db, SITE.id, a.id, first!.id))!, ALICE, new Date()))
      .rejects.toMatchObject({ code: 'version-conflict' });
    expect((await readArticleById(db, SITE.id, a.id, new Date()))!.title).toBe('Sau');
  });

  it('keeps the snapshot of the current version in the same shape as revisions', async () => {
    const c = await category();
    const a = await article(c, { title: 'Hình dạng', tags: ['B', 'A'] });
    const [first] = await listRevisions(db, SITE.id, a.id);
    const recorded = (await readRevision(db, SITE.id, a.id, first!.id))!.snapshot!;
    const now = snapshotOf(a);
    expect({ ...recorded, tags: [...recorded.tags].sort() }).toEqual({ ...now, tags: [...now.tags].sort() });
  });

  it('has no snapshot for a deletion, and finds no revision of another article', async () => {
    const c = await category();
    const a = await article(c);
    const b = await article(c);
    await deleteArticle(env, SITE, a, ALICE, new Date());
    const [deleted] = await listRevisions(db, SITE.id, a.id);
    expect(deleted!.action).toBe('deleted');
    expect((await readRevision(db, SITE.id, a.id, deleted!.id))!.snapshot).toBeNull();
    expect(await readRevision(db, SITE.id, b.id, deleted!.id)).toBeNull();
  });
});
