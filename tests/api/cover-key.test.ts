// A cover names stored media or nothing (issue 8, item 10): through the API (POST and PATCH, 422 on
// `cover.key`) and through the admin form's hidden cover_key, against real local R2 and D1.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { database } from '../../functions/data/db.ts';
import { createUser, readUser } from '../../functions/data/users.ts';
import { submitArticle } from '../../site/admin/article-editor.ts';
import { call, expectProblem, freshCategory, jsonInit, patchArticle, postArticle, storedArticlesOf, unique, writeToken, firstSite } from '../support/api.ts';
import { putImage } from './media-images.ts';

/** The platform's first site, which the tests' ORIGIN (http://cms.test) serves. */
const SITE = await firstSite();

const missingKey = () => `2026/11/${crypto.randomUUID().replaceAll('-', '')}.jpg`;
const BAD_SHAPES = ['a/../../admin/logout', '../secret.jpg', '2026/11/../../admin', '/2026/11/a.jpg', '2026/11/a.jpg?x=1', 'https://evil.example/a.jpg', '2026/11/sub/a.jpg', 'a.jpg'];

describe('the API', () => {
  it.each(BAD_SHAPES)('refuses the cover key %j with 422 on cover.key, storing nothing', async (key) => {
    const category = await freshCategory();
    const token = await writeToken();
    const res = await call('/api/v1/articles', jsonInit('POST', token, { title: 'Ảnh giả', category, cover: { key, alt: 'Ảnh' } }));
    const problem = await expectProblem(res, 422);
    expect(problem.errors?.map((e) => e.field)).toEqual(['cover.key']);
    expect(await storedArticlesOf(category)).toEqual([]);
  });

  it('refuses a well-shaped key of an image that does not exist (422 on cover.key), on POST and on PATCH', async () => {
    const category = await freshCategory();
    const token = await writeToken();
    const problem = await expectProblem(
      await call('/api/v1/articles', jsonInit('POST', token, { title: 'Ảnh không có', category, cover: { key: missingKey(), alt: 'Ảnh' } })), 422,
    );
    expect(problem.errors).toEqual([{ field: 'cover.key', message: 'No uploaded image has this key.' }]);
    expect(await storedArticlesOf(category)).toEqual([]);

    const { article, etag } = await postArticle(token, { title: 'Bài có ảnh', category });
    const patched = await expectProblem(await patchArticle(token, article.slug, etag, { cover: { key: missingKey(), alt: 'Ảnh' } }), 422);
    expect(patched.errors?.map((e) => e.field)).toEqual(['cover.key']);
    expect((await storedArticlesOf(category))[0]?.coverKey).toBeNull();
  });

  it('accepts the key of a stored image, and keeps it through later edits', async () => {
    const category = await freshCategory();
    const token = await writeToken();
    const key = await putImage(missingKey());
    const { article, etag } = await postArticle(token, { title: 'Bài có ảnh thật', category, cover: { key, alt: 'Ảnh thật' } });
    expect(article['cover']).toMatchObject({ key, url: expect.stringMatching(new RegExp(`/media/${key}$`)) });
    // An edit that sends the article's own cover back is not asked about it again.
    const res = await patchArticle(token, article.slug, etag, { title: 'Sửa tiêu đề', cover: { key, alt: 'Ảnh thật, mô tả mới' } });
    expect(res.status, await res.clone().text()).toBe(200);
  });
});

describe('the admin form', () => {
  const form = (category: string, coverKey: string) => {
    const f = new FormData();
    const fields = { title: `Ảnh giả ${unique('t')}`, slug: '', summary: '', category, tags: '', body: 'Nội dung', byline: '', cover_key: coverKey, cover_caption: '', cover_alt: 'Ảnh', action: 'save' };
    for (const [k, v] of Object.entries(fields)) f.set(k, v);
    return f;
  };

  it.each([['a path escape', 'a/../../admin/logout'], ['an image that does not exist', missingKey()]])(
    'refuses a cover_key that is %s, with a message at the cover field, saving nothing',
    async (_what, key) => {
      const db = database(env.DB);
      const editor = (await readUser(db, await createUser(db, { email: `${unique('editor')}@dongy.gov.vn`, name: 'Biên tập', role: 'editor', password: 'mat-khau-thu-nghiem' })))!;
      const category = await freshCategory();
      const result = await submitArticle(env, db, SITE, editor, form(category, key), null, new Date());
      expect(result).toMatchObject({ kind: 'render', status: 422 });
      if (result.kind !== 'render') return;
      expect(result.state.errors.coverFile).toMatch(/ảnh/i);
      expect(await storedArticlesOf(category)).toEqual([]);
    },
  );

  it('accepts a cover_key of a stored image (the key a refused form carried back)', async () => {
    const db = database(env.DB);
    const editor = (await readUser(db, await createUser(db, { email: `${unique('editor')}@dongy.gov.vn`, name: 'Biên tập', role: 'editor', password: 'mat-khau-thu-nghiem' })))!;
    const category = await freshCategory();
    const key = await putImage(missingKey());
    expect(await submitArticle(env, db, SITE, editor, form(category, key), null, new Date())).toMatchObject({ kind: 'redirect' });
    expect((await storedArticlesOf(category))[0]?.coverKey).toBe(key);
  });
});
