// Bodies over the rendering bounds (functions/content/markdown-limits.ts) through the API and the
// admin form: 422 on `body` with a message naming the limit, nothing stored, never a 500.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { database } from '../../functions/data/db.ts';
import { createUser, readUser } from '../../functions/data/users.ts';
import { submitArticle } from '../../site/admin/article-editor.ts';
import { call, expectProblem, freshCategory, jsonInit, postArticle, storedArticlesOf, unique, writeToken, firstSite } from '../support/api.ts';
import { PATHOLOGICAL } from '../unit/markdown-corpus.ts';

/** The platform's first site, which the tests' ORIGIN (http://cms.test) serves. */
const SITE = await firstSite();

const shape = (name: string) => PATHOLOGICAL.find((s) => s.name === name)!.body;

const REFUSED: [string, string, RegExp][] = [
  ['5,000 ">" then text (was a stack overflow, 500)', '>'.repeat(5000) + ' văn bản', /nests 5000 .*at most 20/],
  ['emphasis closers with no openers', shape('many emph closers with no openers'), /inline markup.*blank lines/],
  ['strikethrough closers', shape('strikethrough closers with no openers'), /inline markup/],
  ['deeply nested lists', shape('deeply nested lists'), /nests \d+ block quotes, lists/],
  ['a table of 312 million cells', shape('table with many columns and rows'), /cells \(at most 50000\)/],
  // 20 KB of one-letter setext headings took 5 s and 100 KB two minutes, stalling every request.
  ['5,000 setext headings (20 KB)', 'a\n=\n'.repeat(5000), /5000 heading underlines/],
  // 100,000 one-line headings (400 KB) took 6 s: linear, but 30-90 µs per line or block.
  ['20,000 one-line headings (80 KB)', '# a\n'.repeat(20_000), /40001 lines, blocks, table cells and hard line breaks \(at most 26000\)/],
];

describe('POST /api/v1/articles with a body over the rendering bounds', () => {
  for (const [name, body, message] of REFUSED) {
    it(`${name}: 422 problem+json on body, nothing stored`, async () => {
      const category = await freshCategory();
      const token = await writeToken();
      const res = await call('/api/v1/articles', jsonInit('POST', token, { title: 'Bài quá phức tạp', category, body }));
      const problem = await expectProblem(res, 422);
      expect(problem.errors).toEqual([{ field: 'body', message: expect.stringMatching(message) }]);
      expect(await storedArticlesOf(category)).toEqual([]);
    });
  }

  it('refuses the same on PATCH, leaving the article as it was', async () => {
    const category = await freshCategory();
    const token = await writeToken();
    const { article, etag } = await postArticle(token, { title: 'Bài bình thường', category, body: 'Nội dung **đậm**.' });
    const res = await call(`/api/v1/articles/${article.slug}`, jsonInit('PATCH', token, { body: 'a_ '.repeat(20_000) }, { 'If-Match': etag }));
    const problem = await expectProblem(res, 422);
    expect(problem.errors?.[0]?.field).toBe('body');
    const [stored] = await storedArticlesOf(category);
    expect(stored?.bodyMarkdown).toBe('Nội dung **đậm**.');
  });
});

describe('the admin form with a body over the rendering bounds', () => {
  const db = database(env.DB);
  const form = (fields: Record<string, string>) => {
    const f = new FormData();
    for (const [k, v] of Object.entries(fields)) f.set(k, v);
    return f;
  };

  for (const action of ['save', 'preview']) {
    it(`${action}: the form comes back (422) with a Vietnamese message on the body, nothing stored`, async () => {
      const category = await freshCategory();
      const id = await createUser(db, { email: `${unique('editor')}@dongy.gov.vn`, name: 'Biên tập', role: 'editor', password: 'mat-khau-thu-nghiem' });
      const editor = (await readUser(db, id))!;
      const body = '>'.repeat(5000) + ' văn bản';
      const result = await submitArticle(env, db, SITE, editor, form({
        title: 'Bài quá phức tạp', slug: '', summary: '', category, tags: '', body, cover_key: '', cover_caption: '',
        cover_alt: '', byline: '', publish_at: '', version: '', action,
      }), null, new Date());
      if (result.kind !== 'render') throw new Error(`expected the form again, got ${result.kind}`);
      expect(result.status).toBe(422);
      expect(result.state.errors.body).toMatch(/^Nội dung lồng quá sâu ở dòng 1: 5\.000 tầng .*tối đa 20/);
      expect(result.state.values.body).toBe(body);
      expect(result.state.previewHtml).toBeNull();
      expect(await storedArticlesOf(category)).toEqual([]);
    });
  }
  it('too many lines and blocks: the Vietnamese message names the count and the bound', async () => {
    const category = await freshCategory();
    const id = await createUser(db, { email: `${unique('editor')}@dongy.gov.vn`, name: 'Biên tập', role: 'editor', password: 'mat-khau-thu-nghiem' });
    const editor = (await readUser(db, id))!;
    const result = await submitArticle(env, db, SITE, editor, form({
      title: 'Bài nhiều dòng', slug: '', summary: '', category, tags: '', body: 'a  \n'.repeat(20_000), cover_key: '', cover_caption: '',
      cover_alt: '', byline: '', publish_at: '', version: '', action: 'save',
    }), null, new Date());
    if (result.kind !== 'render') throw new Error(`expected the form again, got ${result.kind}`);
    expect(result.status).toBe(422);
    expect(result.state.errors.body).toMatch(/^Nội dung có quá nhiều dòng ngắn, .*: 40\.002 \(tối đa 26\.000\)/);
    expect(await storedArticlesOf(category)).toEqual([]);
  });
});
