// Writes through /api/v1/articles against real local D1: tokens and scopes, slugs, If-Match
// concurrency, publish / unpublish / schedule / archive, delete, revisions and safe HTML.
import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { database } from '../../functions/data/db.ts';
import { createToken } from '../../functions/data/tokens.ts';
import { apiTokens } from '../../schema/tables.ts';
import { createUser, readUser } from '../../functions/data/users.ts';
import { submitArticle } from '../../site/admin/article-editor.ts';
import { isValidSlug, MAX_SLUG_LENGTH } from '../../functions/content/slug.ts';
import {
  atTime, auth, call, deleteArticle, expectProblem, freshCategory, getJson, isoIn, jsonInit, ORIGIN, patchArticle,
  postArticle, readAsWriter, readToken, revisionsOf, storedArticlesOf, unique, writeToken, writeTokenWithId,
  type ArticleJson, type ListPage, firstSite } from '../support/api.ts';

/** The platform's first site, which the tests' ORIGIN (http://cms.test) serves. */
const SITE = await firstSite();

/** An ASCII word no other test uses, so derived slugs are predictable. */
const word = () => unique('w').replaceAll('-', '');

async function listedIds(category: string): Promise<number[]> {
  const { body } = await getJson<ListPage>(`/api/v1/articles?category=${category}&limit=100`);
  return body.items.map((a) => a.id);
}

const anonymousStatus = async (slug: string) => (await call(`/api/v1/articles/${slug}`)).status;

describe('who may write', () => {
  it('refuses a POST without a token (401) and creates nothing', async () => {
    const category = await freshCategory();
    const res = await call('/api/v1/articles', jsonInit('POST', null, { title: 'Không có thẻ', category }));
    await expectProblem(res.clone(), 401);
    expect(res.headers.get('WWW-Authenticate')).toMatch(/^Bearer/);
    expect(await storedArticlesOf(category)).toEqual([]);
  });

  it('refuses unknown, malformed and revoked tokens with 401', async () => {
    const category = await freshCategory();
    const revoked = await createToken(database(env.DB), SITE.id, unique('revoked'), ['read', 'write']);
    await database(env.DB).update(apiTokens).set({ revokedAt: new Date() }).where(eq(apiTokens.id, revoked.id));
    const lookalike = `bt_${'A'.repeat(43)}`;
    for (const header of [`Bearer ${revoked.token}`, `Bearer ${lookalike}`, 'Bearer nonsense', 'Basic dXNlcjpwYXNz', `Bearer ${revoked.token} extra`]) {
      const res = await call('/api/v1/articles', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: header },
        body: JSON.stringify({ title: 'Thẻ hỏng', category }),
      });
      await expectProblem(res, 401);
    }
    expect(await storedArticlesOf(category)).toEqual([]);
  });

  it('refuses a read-only token with 403 on POST, PATCH and DELETE, changing nothing', async () => {
    const category = await freshCategory();
    const reader = await readToken();
    const writer = await writeToken();
    await expectProblem(await call('/api/v1/articles', jsonInit('POST', reader, { title: 'Chỉ đọc', category })), 403);
    const { article, etag } = await postArticle(writer, { title: 'Của người viết', category, status: 'published' });
    await expectProblem(await patchArticle(reader, article.slug, etag, { title: 'Bị sửa' }), 403);
    await expectProblem(await deleteArticle(reader, article.slug, etag), 403);
    const after = await readAsWriter(writer, article.slug);
    expect(after.etag).toBe(etag);
    expect(after.article.title).toBe('Của người viết');
    expect((await storedArticlesOf(category)).length).toBe(1);
  });
});

describe('slugs', () => {
  it('derives the slug from a Vietnamese title, NFC or NFD alike, and stores the title as NFC', async () => {
    const category = await freshCategory();
    const token = await writeToken();
    const w = word();
    const title = `Ủy ban nhân dân huyện Đồng Hỷ họp thường kỳ ${w}`;
    const { article } = await postArticle(token, { title, category });
    expect(article.slug).toBe(`uy-ban-nhan-dan-huyen-dong-hy-hop-thuong-ky-${w}`);
    const w2 = word();
    const { article: nfd } = await postArticle(token, { title: `Đường Đại Từ mở rộng ${w2}`.normalize('NFD'), category });
    expect(nfd.slug).toBe(`duong-dai-tu-mo-rong-${w2}`);
    expect(nfd.title).toBe(`Đường Đại Từ mở rộng ${w2}`.normalize('NFC'));
  });

  it('adds -2, -3 when the derived slug is taken', async () => {
    const category = await freshCategory();
    const token = await writeToken();
    const w = word();
    const slugs = [];
    for (let i = 0; i < 3; i++) slugs.push((await postArticle(token, { title: `Trùng tên ${w}`, category })).article.slug);
    expect(slugs).toEqual([`trung-ten-${w}`, `trung-ten-${w}-2`, `trung-ten-${w}-3`]);
  });

  it('gives simultaneous POSTs of one title distinct slugs instead of a 409', async () => {
    // The client never chose the slug, so a collision is ours to resolve, even under concurrency.
    const category = await freshCategory();
    const token = await writeToken();
    const w = word();
    const responses = await Promise.all([0, 1, 2].map(() => call('/api/v1/articles', jsonInit('POST', token, { title: `Đồng thời ${w}`, category }))));
    const statuses = await Promise.all(responses.map(async (r) => `${r.status} ${r.status === 201 ? '' : await r.text()}`));
    expect(statuses.map((s) => s.slice(0, 3)), statuses.join('\n')).toEqual(['201', '201', '201']);
    // The winner of the race gets the plain slug; the others a suffix no other racer can pick too.
    const slugs = (await storedArticlesOf(category)).map((a) => a.slug);
    expect(slugs).toContain(`dong-thoi-${w}`);
    expect(new Set(slugs).size).toBe(3);
    for (const slug of slugs) expect(slug).toMatch(new RegExp(`^dong-thoi-${w}(-[a-z0-9]+)?$`));
  });

  it('gives 20 simultaneous POSTs of one title 20 distinct, valid, readable slugs', async () => {
    // Before the fix: 6 created and 14 x 409 slug-taken, since every racer computed the same next number.
    const category = await freshCategory();
    const token = await writeToken();
    const w = word();
    const responses = await Promise.all(
      Array.from({ length: 20 }, () => call('/api/v1/articles', jsonInit('POST', token, { title: `Cùng một tiêu đề ${w}`, category }))),
    );
    const bodies = await Promise.all(responses.map(async (r) => ({ status: r.status, text: await r.text() })));
    expect(bodies.filter((b) => b.status !== 201), JSON.stringify(bodies.filter((b) => b.status !== 201))).toEqual([]);
    const slugs = bodies.map((b) => (JSON.parse(b.text) as ArticleJson).slug);
    expect(new Set(slugs).size).toBe(20);
    for (const slug of slugs) {
      expect(isValidSlug(slug), slug).toBe(true);
      expect(slug.startsWith(`cung-mot-tieu-de-${w}`), slug).toBe(true);
      expect((await readAsWriter(token, slug)).article.slug).toBe(slug);
    }
    expect((await storedArticlesOf(category)).length).toBe(20);
  });

  it('makes room for the suffix in an 80-character slug, so the second article stays reachable', async () => {
    const category = await freshCategory();
    const token = await writeToken();
    // A 20-letter unique word, then words of 9 letters: the derived slug is exactly 80 characters (20 + 6 x 10).
    const title = `${word().padEnd(20, 'z')} ${'abcdefghi '.repeat(20)}`;
    const first = (await postArticle(token, { title, category })).article.slug;
    expect(first.length).toBe(MAX_SLUG_LENGTH);
    const second = (await postArticle(token, { title, category })).article.slug;
    expect(second.length).toBeLessThanOrEqual(MAX_SLUG_LENGTH);
    expect(isValidSlug(second)).toBe(true);
    expect(second).not.toBe(first);
    expect(second).toMatch(/-abcdefghi-2$/);
    expect((await readAsWriter(token, second)).article.slug).toBe(second);
    expect((await call(`/api/v1/articles/${second}`, { headers: auth(token) })).status).toBe(200);
  });

  it('gives the admin form the same: 10 simultaneous creates of one long title all saved, slugs within 80', async () => {
    const db = database(env.DB);
    const editorId = await createUser(db, { email: `${unique('editor')}@dongy.gov.vn`, name: 'Biên tập', role: 'editor', password: 'mat-khau-thu-nghiem' });
    const editor = (await readUser(db, editorId))!;
    const category = await freshCategory();
    const title = `${word().padEnd(20, 'z')} ${'abcdefghi '.repeat(20)}`;
    const form = () => {
      const f = new FormData();
      for (const [k, v] of Object.entries({ title, slug: '', summary: '', category, tags: '', body: 'Nội dung', byline: '', action: 'save' })) f.set(k, v);
      return f;
    };
    const results = await Promise.all(Array.from({ length: 10 }, () => submitArticle(env, db, SITE, editor, form(), null, new Date())));
    expect(results.map((r) => r.kind)).toEqual(Array(10).fill('redirect'));
    const slugs = (await storedArticlesOf(category)).map((a) => a.slug);
    expect(new Set(slugs).size).toBe(10);
    for (const slug of slugs) {
      expect(isValidSlug(slug), slug).toBe(true);
      expect((await call(`/api/v1/articles/${slug}`, { headers: auth(await writeToken()) })).status).toBe(200);
    }
  });

  it('answers 409 for an explicit slug that is taken, creating nothing', async () => {
    const category = await freshCategory();
    const token = await writeToken();
    const { article } = await postArticle(token, { title: `Có chủ ${word()}`, category });
    const problem = await expectProblem(await call('/api/v1/articles', jsonInit('POST', token, { title: 'Khác', slug: article.slug, category })), 409);
    expect(problem.errors?.map((e) => e.field)).toEqual(['slug']);
    expect((await storedArticlesOf(category)).length).toBe(1);
  });

  it('treats a former slug as taken: 409 when asked for, a suffix when derived', async () => {
    const category = await freshCategory();
    const token = await writeToken();
    const w = word();
    const { article, etag } = await postArticle(token, { title: `Tên đầu ${w}`, category, status: 'published' });
    expect((await patchArticle(token, article.slug, etag, { slug: unique('ten-sau') })).status).toBe(200);
    await expectProblem(await call('/api/v1/articles', jsonInit('POST', token, { title: 'Chiếm', slug: article.slug, category })), 409);
    const { article: again } = await postArticle(token, { title: `Tên đầu ${w}`, category });
    expect(again.slug).toBe(`${article.slug}-2`);
    // The old URL still leads to the renamed article.
    const moved = await call(`/api/v1/articles/${article.slug}`);
    expect(moved.status).toBe(301);
  });

  it('keeps the slug of a published article when its title is edited', async () => {
    const category = await freshCategory();
    const token = await writeToken();
    const { article, etag } = await postArticle(token, { title: `Tiêu đề ban đầu ${word()}`, category, status: 'published' });
    const res = await patchArticle(token, article.slug, etag, { title: 'Tiêu đề đã sửa hoàn toàn khác' });
    expect(res.status).toBe(200);
    const edited = (await res.json()) as ArticleJson;
    expect(edited.slug).toBe(article.slug);
    expect(edited.title).toBe('Tiêu đề đã sửa hoàn toàn khác');
    expect((await getJson<ArticleJson>(`/api/v1/articles/${article.slug}`)).body.title).toBe('Tiêu đề đã sửa hoàn toàn khác');
  });

  it('can rename an article back to its former slug', async () => {
    const category = await freshCategory();
    const token = await writeToken();
    const { article, etag } = await postArticle(token, { title: `Đi rồi về ${word()}`, category, status: 'published' });
    const other = unique('tam-thoi');
    const first = await patchArticle(token, article.slug, etag, { slug: other });
    expect(first.status).toBe(200);
    const back = await patchArticle(token, other, first.headers.get('ETag'), { slug: article.slug });
    expect(back.status, await back.clone().text()).toBe(200);
    expect((await getJson<ArticleJson>(`/api/v1/articles/${article.slug}`)).body.id).toBe(article.id);
    const moved = await call(`/api/v1/articles/${other}`);
    expect(moved.status).toBe(301);
    expect(moved.headers.get('Location')).toBe(`${ORIGIN}/api/v1/articles/${article.slug}`);
  });
});

describe('If-Match', () => {
  it('requires If-Match on PATCH and DELETE (428), changing nothing', async () => {
    const category = await freshCategory();
    const token = await writeToken();
    const { article, etag } = await postArticle(token, { title: 'Cần If-Match', category, status: 'published' });
    await expectProblem(await patchArticle(token, article.slug, null, { title: 'Sửa mù' }), 428);
    await expectProblem(await deleteArticle(token, article.slug, null), 428);
    const after = await readAsWriter(token, article.slug);
    expect(after.etag).toBe(etag);
    expect(after.article.title).toBe('Cần If-Match');
    expect(after.article.version).toBe(1);
    expect(await revisionsOf(article.id)).toHaveLength(1);
  });

  it('refuses a stale ETag with 412 on PATCH and DELETE, changing nothing', async () => {
    const category = await freshCategory();
    const token = await writeToken();
    const { article, etag: stale } = await postArticle(token, { title: 'Bản đầu', category, status: 'published' });
    const res = await patchArticle(token, article.slug, stale, { summary: 'Bản hai' });
    expect(res.status).toBe(200);
    const current = res.headers.get('ETag')!;
    expect(current).not.toBe(stale);

    await expectProblem(await patchArticle(token, article.slug, stale, { title: 'Ghi đè', summary: 'Ghi đè' }), 412);
    await expectProblem(await patchArticle(token, article.slug, `W/${current}`, { title: 'Yếu' }), 412);
    await expectProblem(await patchArticle(token, article.slug, '"rubbish"', { title: 'Bịa' }), 412);
    await expectProblem(await deleteArticle(token, article.slug, stale), 412);

    const after = await readAsWriter(token, article.slug);
    expect(after.etag).toBe(current);
    expect(after.article).toMatchObject({ title: 'Bản đầu', summary: 'Bản hai', version: 2 });
    expect(await listedIds(category)).toEqual([article.id]);
    expect(await revisionsOf(article.id)).toHaveLength(2);
  });

  it('never lets the second of two writers silently overwrite the first', async () => {
    const category = await freshCategory();
    const token = await writeToken();
    const { article } = await postArticle(token, { title: 'Hai người sửa', category, status: 'published' });
    const alice = await readAsWriter(token, article.slug);
    const bob = await readAsWriter(token, article.slug);
    expect(alice.etag).toBe(bob.etag);
    expect((await patchArticle(token, article.slug, alice.etag, { title: 'Alice sửa' })).status).toBe(200);
    await expectProblem(await patchArticle(token, article.slug, bob.etag, { title: 'Bob sửa' }), 412);
    expect((await readAsWriter(token, article.slug)).article.title).toBe('Alice sửa');
  });

  it('lets exactly one of two simultaneous PATCHes with the same ETag win', async () => {
    const category = await freshCategory();
    const token = await writeToken();
    const { article, etag } = await postArticle(token, { title: 'Cùng lúc', category, status: 'published' });
    const [a, b] = await Promise.all([
      patchArticle(token, article.slug, etag, { title: 'Người A', tags: ['A'] }),
      patchArticle(token, article.slug, etag, { title: 'Người B', tags: ['B'] }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 412]);
    const winner = (await (a.status === 200 ? a : b).json()) as ArticleJson;
    const after = await readAsWriter(token, article.slug);
    expect(after.article).toMatchObject({ title: winner.title, version: 2 });
    expect(after.article.tags.map((t) => t.name)).toEqual(winner.tags.map((t) => t.name));
    expect((await revisionsOf(article.id)).map((r) => r.version)).toEqual([1, 2]);
  });

  it('accepts the ETag returned by a write as the next If-Match', async () => {
    const category = await freshCategory();
    const token = await writeToken();
    const { article, etag } = await postArticle(token, { title: 'Chuỗi sửa', category });
    expect((await readAsWriter(token, article.slug)).etag).toBe(etag);
    const one = await patchArticle(token, article.slug, etag, { summary: 'một' });
    expect(one.status).toBe(200);
    const two = await patchArticle(token, article.slug, one.headers.get('ETag'), { summary: 'hai' });
    expect(two.status).toBe(200);
    expect(((await two.json()) as ArticleJson).version).toBe(3);
    expect((await readAsWriter(token, article.slug)).etag).toBe(two.headers.get('ETag'));
  });
});

describe('publication state', () => {
  it('publishes a draft, unpublishes it, and re-publishing keeps the first publish date', async () => {
    const category = await freshCategory();
    const token = await writeToken();
    const { article, etag } = await postArticle(token, { title: 'Vòng đời', category });
    expect(article.status).toBe('draft');
    expect(article.publishedAt).toBeNull();
    expect(await anonymousStatus(article.slug)).toBe(404);

    const before = Date.now();
    const pub = await patchArticle(token, article.slug, etag, { status: 'published' });
    const published = (await pub.json()) as ArticleJson;
    expect(published.status).toBe('published');
    expect(Date.parse(published.publishedAt!)).toBeGreaterThanOrEqual(before - 1000);
    expect(await anonymousStatus(article.slug)).toBe(200);
    expect(await listedIds(category)).toEqual([article.id]);

    const unpub = await patchArticle(token, article.slug, pub.headers.get('ETag'), { status: 'draft' });
    expect(((await unpub.json()) as ArticleJson).status).toBe('draft');
    expect(await anonymousStatus(article.slug)).toBe(404);
    expect(await listedIds(category)).toEqual([]);

    const again = await patchArticle(token, article.slug, unpub.headers.get('ETag'), { status: 'published' });
    expect(((await again.json()) as ArticleJson).publishedAt).toBe(published.publishedAt);
    expect(await listedIds(category)).toEqual([article.id]);
  });

  it('hides a scheduled article from readers until its time', async () => {
    const category = await freshCategory();
    const token = await writeToken();
    const at = isoIn(3600);
    const { article } = await postArticle(token, { title: 'Hẹn giờ một tiếng', category, status: 'scheduled', publishAt: at });
    expect(article.status).toBe('scheduled');
    expect(article.publishedAt).toBe(at);
    expect(await anonymousStatus(article.slug)).toBe(404);
    expect(await listedIds(category)).toEqual([]);
    expect((await readAsWriter(token, article.slug)).article.status).toBe('scheduled');
  });

  it('shows a scheduled article from its second on, with no cron run (controlled clock)', async () => {
    const category = await freshCategory();
    const token = await writeToken();
    const at = isoIn(3600);
    const { article } = await postArticle(token, { title: 'Hẹn giờ một tiếng nữa', category, status: 'scheduled', publishAt: at });
    // Read (and so cached) before its time, then again one second before it: still hidden.
    expect(await anonymousStatus(article.slug)).toBe(404);
    expect(await listedIds(category)).toEqual([]);
    await atTime(Date.parse(at) - 1000, async () => {
      expect(await anonymousStatus(article.slug)).toBe(404);
      expect(await listedIds(category)).toEqual([]);
    });
    await atTime(at, async () => {
      const { body } = await getJson<ArticleJson>(`/api/v1/articles/${article.slug}`);
      expect(body.status).toBe('published');
      expect(await listedIds(category)).toEqual([article.id]);
    });
  });

  it('schedules an existing draft through PATCH, and publishing it now overrides the schedule', async () => {
    const category = await freshCategory();
    const token = await writeToken();
    const { article, etag } = await postArticle(token, { title: 'Nháp rồi hẹn', category });
    const scheduled = await patchArticle(token, article.slug, etag, { status: 'scheduled', publishAt: isoIn(3600) });
    expect(((await scheduled.json()) as ArticleJson).status).toBe('scheduled');
    expect(await anonymousStatus(article.slug)).toBe(404);
    const now = await patchArticle(token, article.slug, scheduled.headers.get('ETag'), { status: 'published' });
    const body = (await now.json()) as ArticleJson;
    expect(body.status).toBe('published');
    expect(Date.parse(body.publishedAt!)).toBeLessThanOrEqual(Date.now());
    expect(await anonymousStatus(article.slug)).toBe(200);
  });

  it('archives: the article leaves every public list but a writer still reads it', async () => {
    const category = await freshCategory();
    const token = await writeToken();
    const { article, etag } = await postArticle(token, { title: 'Lưu trữ', category, status: 'published' });
    const res = await patchArticle(token, article.slug, etag, { status: 'archived' });
    expect(((await res.json()) as ArticleJson).status).toBe('archived');
    expect(await anonymousStatus(article.slug)).toBe(404);
    expect(await listedIds(category)).toEqual([]);
    expect((await readAsWriter(token, article.slug)).article.status).toBe('archived');
  });
});

describe('DELETE', () => {
  it('answers 204 and the article is then gone everywhere', async () => {
    const category = await freshCategory();
    const token = await writeToken();
    const { article, etag } = await postArticle(token, { title: 'Sắp bị xóa', category, status: 'published', body: 'Nội dung' });
    const res = await deleteArticle(token, article.slug, etag);
    expect(res.status).toBe(204);
    expect(await res.text()).toBe('');

    await expectProblem(await call(`/api/v1/articles/${article.slug}`), 404);
    await expectProblem(await call(`/api/v1/articles/${article.slug}`, { headers: auth(token) }), 404);
    expect(await listedIds(category)).toEqual([]);
    const feed = (await getJson<{ items: { url: string }[] }>(`/chuyen-muc/${category}/feed.json`)).body;
    expect(feed.items).toEqual([]);
    expect(await (await call(`/chuyen-muc/${category}/rss.xml`)).text()).not.toContain(article.slug);
    expect(await (await call('/sitemap.xml')).text()).not.toContain(`/bai-viet/${article.slug}<`);
    expect((await getJson(`/api/v1/categories/${category}`)).body.articleCount).toBe(0);

    await expectProblem(await deleteArticle(token, article.slug, etag), 404);
    await expectProblem(await patchArticle(token, article.slug, etag, { title: 'Hồi sinh?' }), 404);
  });
});

describe('revisions', () => {
  it('records one revision per write, by the token, with increasing versions', async () => {
    const category = await freshCategory();
    const { token, id } = await writeTokenWithId();
    const { article, etag } = await postArticle(token, { title: 'Có lịch sử', category });
    const edit = await patchArticle(token, article.slug, etag, { title: 'Có lịch sử (sửa)' });
    const pub = await patchArticle(token, article.slug, edit.headers.get('ETag'), { status: 'published' });
    expect((await deleteArticle(token, article.slug, pub.headers.get('ETag'))).status).toBe(204);

    const revisions = await revisionsOf(article.id);
    expect(revisions.map((r) => r.version)).toEqual([1, 2, 3, 4]);
    expect(revisions.map((r) => r.action)).toEqual(['created', 'updated', 'published', 'deleted']);
    for (const r of revisions) {
      expect(r.actor).toBe(`token:${id}`);
      expect(r.actorName).toMatch(/^writer-/);
    }
    expect(JSON.parse(revisions[1]!.changedFields)).toEqual(['title']);
    expect(JSON.parse(revisions[1]!.snapshot)).toMatchObject({ title: 'Có lịch sử (sửa)' });
    const [row] = (await storedArticlesOf(category));
    expect(row!.version).toBe(4);
  });

  it('records nothing for refused writes', async () => {
    const category = await freshCategory();
    const token = await writeToken();
    const { article, etag } = await postArticle(token, { title: 'Không đổi', category });
    await expectProblem(await patchArticle(token, article.slug, '"cu"', { title: 'x' }), 412);
    await expectProblem(await patchArticle(token, article.slug, etag, { title: 5 }), 422);
    await expectProblem(await patchArticle(token, article.slug, etag, { category: unique('khong-co') }), 422);
    expect(await revisionsOf(article.id)).toHaveLength(1);
  });
});

describe('rendered HTML', () => {
  const hostile = [
    'Mở đầu.',
    '<script>alert(1)</script>',
    '[x](javascript:alert(1)) [y](JAVASCRIPT:alert(2)) [z](  javascript:alert(3))',
    '<a href="javascript:alert(4)">a</a> <img src=x onerror=alert(5)> <iframe src="https://evil.example"></iframe>',
    '![ảnh](data:image/png;base64,iVBORw0KGgo=) [tải](data:text/html;base64,PHNjcmlwdD4=)',
    '<div style="background:url(javascript:alert(6))" onclick="alert(7)">khối</div>',
  ].join('\n\n');

  const expectSafe = (html: string) => {
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/javascript:/i);
    expect(html).not.toMatch(/\bon[a-z]+\s*=/i);
    expect(html).not.toMatch(/data:/i);
    expect(html).not.toMatch(/<iframe|<style|style=/i);
  };

  it('drops scripts, javascript: and data: links and event handlers, on create and on edit', async () => {
    const category = await freshCategory();
    const token = await writeToken();
    const { article, etag } = await postArticle(token, { title: 'Nội dung độc', category, status: 'published', body: hostile });
    expect(article.html).toContain('<p>Mở đầu.</p>');
    expectSafe(article.html);
    const { body } = await getJson<ArticleJson>(`/api/v1/articles/${article.slug}`);
    expectSafe(body.html);
    expect(body.bodyMarkdown).toBe(hostile);

    const res = await patchArticle(token, article.slug, etag, { body: `Sửa.\n\n${hostile}` });
    const edited = (await res.json()) as ArticleJson;
    expect(edited.html).toContain('<p>Sửa.</p>');
    expectSafe(edited.html);
  });
});
