// POST /api/v1/import/articles[?dry-run=1]: up to 25 articles of a source, each created through the
// write service (createArticle) with its import_sources row and redirects in its batch (items.ts).
// Policy: a published or scheduled article without a date, or with an empty body, comes in as a draft.
import { createArticle, type ArticleInput } from '../articles/service.ts';
import { invalidField } from '../articles/errors.ts';
import { assertSlugFree, freeSlug, resolvePublication, slugBase } from '../data/articles-write.ts';
import { categoryIdOf } from '../data/categories.ts';
import { categoryShape } from '../data/category-admin.ts';
import { randomSuffix, withSuffix } from '../content/slug.ts';
import type { ImportHandler } from '../http/auth.ts';
import { paths } from '../http/origin.ts';
import { actorOf } from '../api/handler-parts.ts';
import { assertCoverExists } from '../media/exists.ts';
import { importItems, type ImportRun, type ItemKind } from './items.ts';
import { statusOf } from './policy.ts';
import { ImportArticle, type ImportArticleInput } from './schemas.ts';

/** The category's id on the site (null slug: the site's first top-level category), looked up once per request. */
async function categoryOf(run: ImportRun, slug: string | null): Promise<number> {
  const memoKey = `category:${slug ?? ''}`;
  if (!run.memo.has(memoKey)) {
    const id = slug === null
      ? (await categoryShape(run.db, run.site.id)).find((c) => c.parentId === null)?.id ?? null
      : await categoryIdOf(run.db, run.site.id, slug);
    run.memo.set(memoKey, id);
  }
  const id = run.memo.get(memoKey) as number | null;
  if (id === null) throw invalidField('categorySlug', slug === null ? 'The site has no category yet.' : `No category of this site has the slug "${slug}" (create it with /import/categories first).`);
  return id;
}

function inputOf(item: ImportArticleInput, categoryId: number, slug?: string): ArticleInput {
  const { status, publishAt } = statusOf(item);
  return {
    title: item.title, ...(slug ? { slug } : {}), summary: item.summary, body: item.body, categoryId, tags: item.tags, byline: item.byline,
    cover: item.cover ? { key: item.cover.key, alt: item.cover.alt || item.title, caption: item.cover.caption } : null,
    status, publishAt,
  };
}

const articles: ItemKind<ImportArticleInput> = {
  kind: 'article',
  schema: ImportArticle,
  pathOf: paths.article,
  chosenSlug: (item) => item.slug !== null,
  async check(run, item) {
    const input = inputOf(item, await categoryOf(run, item.categorySlug));
    resolvePublication(input.status, input.publishAt, null, run.now);
    await assertCoverExists(run.env.MEDIA, run.site.id, item.cover);
    if (item.slug) await assertSlugFree(run.db, run.site.id, item.slug);
  },
  async slugFor(run, item, attempt) {
    if (item.slug) return item.slug;
    const base = slugBase(item.title);
    return attempt === 1 ? freeSlug(run.db, run.site.id, base) : withSuffix(base, randomSuffix());
  },
  async create(run, item, slug, also) {
    const article = await createArticle(run.target, run.site, inputOf(item, await categoryOf(run, item.categorySlug), slug), actorOf(run.caller), run.now, also);
    return { id: article.id, slug: article.slug };
  },
};

export const importArticles: ImportHandler = (request, env, _ctx, caller) => importItems(request, env, caller, articles);
