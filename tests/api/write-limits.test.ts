// D1's per-statement limits (100 bound parameters, 100 KB of SQL) against the write service's largest
// writes: many tags (imports are not held to the API's 20) and the longest body the API accepts.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { createArticle, importArticle, updateArticle } from '../../functions/articles/service.ts';
import { categoryIdOf } from '../../functions/data/categories.ts';
import { database } from '../../functions/data/db.ts';
import { call, freshCategory, jsonInit, readAsWriter, unique, writeToken } from '../support/api.ts';

const actor = { id: 'import', name: 'Nhập bài' };

async function input(tagCount: number) {
  const categoryId = (await categoryIdOf(database(env.DB), await freshCategory()))!;
  const tags = Array.from({ length: tagCount }, (_, i) => `Từ khóa số ${i + 1} ${unique('k')}`);
  return { title: `Nhiều từ khóa ${unique('t')}`, summary: '', body: 'Nội dung.', categoryId, tags, byline: '', cover: null, status: 'published' as const };
}

describe('the write service under D1 statement limits', () => {
  it('creates (in the Worker and as an import) and edits an article with 60 new tags', async () => {
    const now = new Date();
    const viaWorker = await createArticle(env, await input(60), actor, now);
    expect(viaWorker.tags).toHaveLength(60);
    const imported = await importArticle(env.DB, await input(60), actor, now);
    expect(imported.tags).toHaveLength(60);
    const edited = await updateArticle(env, viaWorker, { tags: (await input(60)).tags }, actor, new Date());
    expect(edited.tags).toHaveLength(60);
    expect(edited.version).toBe(2);
  });

  it('stores the longest body the API accepts (about 1 MB of Vietnamese) and reads it back', async () => {
    const token = await writeToken();
    const category = await freshCategory();
    // Paragraphs of three-byte letters, up to the 1 MB request cap (the JSON itself takes a few bytes),
    // so the row holds about 1 MB of Markdown and as much again of HTML.
    const paragraph = `${'ệễẫửữựờởỡ '.repeat(100)}\n\n`;
    const body = paragraph.repeat(Math.floor((1024 * 1024 - 2000) / new TextEncoder().encode(paragraph).byteLength));
    expect(new TextEncoder().encode(body).byteLength).toBeGreaterThan(1_000_000);
    expect(body.length).toBeLessThanOrEqual(500_000);
    const title = `Bài rất dài ${unique('t')}`;
    const res = await call('/api/v1/articles', jsonInit('POST', token, { title, category, body }));
    expect(res.status, await res.clone().text()).toBe(201);
    const { slug } = (await res.json()) as { slug: string };
    const { article } = await readAsWriter(token, slug);
    expect(article.bodyMarkdown).toBe(body);
  });
});
