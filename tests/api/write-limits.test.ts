// D1's per-statement limits (100 bound parameters, 100 KB of SQL) against the write service's largest
// writes: many tags (imports are not held to the API's 20) and the longest body the API accepts.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { createArticle, importArticle, updateArticle } from '../../functions/articles/service.ts';
import { categoryIdOf } from '../../functions/data/categories.ts';
import { database } from '../../functions/data/db.ts';
import { call, expectProblem, freshCategory, jsonInit, readAsWriter, unique, writeToken, firstSite } from '../support/api.ts';

/** The platform's first site, which the tests' ORIGIN (http://cms.test) serves. */
const SITE = await firstSite();

const actor = { id: 'import', name: 'Nhập bài' };

async function input(tagCount: number) {
  const categoryId = (await categoryIdOf(database(env.DB), SITE.id, await freshCategory()))!;
  const tags = Array.from({ length: tagCount }, (_, i) => `Từ khóa số ${i + 1} ${unique('k')}`);
  return { title: `Nhiều từ khóa ${unique('t')}`, summary: '', body: 'Nội dung.', categoryId, tags, byline: '', cover: null, status: 'published' as const };
}

describe('the write service under D1 statement limits', () => {
  it('creates (in the Worker and as an import) and edits an article with 60 new tags', async () => {
    const now = new Date();
    const viaWorker = await createArticle(env, SITE, await input(60), actor, now);
    expect(viaWorker.tags).toHaveLength(60);
    const imported = await importArticle(env.DB, SITE.id, await input(60), actor, now);
    expect(imported.tags).toHaveLength(60);
    const edited = await updateArticle(env, SITE, viaWorker, { tags: (await input(60)).tags }, actor, new Date());
    expect(edited.tags).toHaveLength(60);
    expect(edited.version).toBe(2);
  });

  it('stores a body whose row fits D1 (Markdown + HTML under 1.9 MB) and refuses a longer one with 422, storing nothing', async () => {
    const token = await writeToken();
    const category = await freshCategory();
    // Paragraphs of three-byte letters: the HTML is about as long as the Markdown, so the row is about twice it.
    const paragraph = `${'ệễẫửữựờởỡ '.repeat(100)}\n\n`;
    const bytes = new TextEncoder().encode(paragraph).byteLength;
    const fits = paragraph.repeat(Math.floor(900_000 / bytes));
    const title = `Bài rất dài ${unique('t')}`;
    const res = await call('/api/v1/articles', jsonInit('POST', token, { title, category, body: fits }));
    expect(res.status, await res.clone().text()).toBe(201);
    const { slug } = (await res.json()) as { slug: string };
    const { article } = await readAsWriter(token, slug);
    expect(article.bodyMarkdown).toBe(fits);
    // Within the request and character limits, but the row would pass D1's 2,000,000 bytes in production.
    const tooLong = paragraph.repeat(Math.floor((1024 * 1024 - 2000) / bytes));
    expect(tooLong.length).toBeLessThanOrEqual(500_000);
    const otherTitle = `Bài quá dài ${unique('t')}`;
    const problem = await expectProblem(await call('/api/v1/articles', jsonInit('POST', token, { title: otherTitle, category, body: tooLong })), 422);
    expect(problem.errors?.[0]?.field).toBe('body');
    expect(problem.errors?.[0]?.message).toMatch(/at most 1,900,000 fit in one row/);
    expect(await env.DB.prepare('SELECT count(*) AS n FROM articles WHERE title = ?').bind(otherTitle).first('n')).toBe(0);
  });

});

it('the admin shows the row limit as a Vietnamese message at the body field', async () => {
  const { formRefusalOf } = await import('../../site/admin/article-errors.ts');
  const { rendered } = await import('../../functions/data/articles-write.ts');
  const paragraph = `${'ệễẫửữựờởỡ '.repeat(100)}\n\n`;
  const tooLong = paragraph.repeat(Math.floor((1024 * 1024 - 2000) / new TextEncoder().encode(paragraph).byteLength));
  const error = await rendered('Tiêu đề', '', tooLong).then(() => null, (e: unknown) => e);
  const refusal = formRefusalOf(error);
  expect(refusal.status).toBe(422);
  expect(refusal.fields.body).toMatch(/quá dài để lưu/);
});
