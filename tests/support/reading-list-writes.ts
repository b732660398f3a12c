// Articles for the reading-list tests of the worker project, written through the write service at chosen
// instants (the built Worker's page tests write through the API instead: the service's modules load only here).
import { env } from 'cloudflare:workers';
import { createArticle, updateArticle } from '../../functions/articles/service.ts';
import { readArticleById } from '../../functions/data/admin-articles.ts';
import { database } from '../../functions/data/db.ts';
import type { TestSite } from './reading-lists.ts';

const ACTOR = { id: 'user:1', name: 'Biên tập thử' };

/** An article of the site written through the write service at `at` (published by default: published at `at`). */
export async function write(site: TestSite, title: string, at: Date, options: { tags?: string[]; category?: number; status?: 'published' | 'draft' } = {}) {
  const input = {
    title, summary: '', body: `Nội dung ${title}.`, categoryId: options.category ?? site.categories[0]!, tags: options.tags ?? [],
    byline: '', cover: null, status: options.status ?? 'published',
  } as const;
  return createArticle(env, site, { ...input, tags: [...input.tags] }, ACTOR, at);
}

/** Takes an article off the site (back to draft) through the write service. */
export async function unpublish(site: TestSite, id: number, at: Date): Promise<void> {
  const current = (await readArticleById(database(env.DB), site.id, id, at))!;
  await updateArticle(env, site, current, { status: 'draft' }, ACTOR, at);
}

