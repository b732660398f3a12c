// POST /api/v1/import/pages[?dry-run=1]: up to 25 pages of a source (Giới thiệu, Cơ cấu tổ chức...),
// Vietnamese only, each created through the pages' write service (createPage) with its import_sources row
// and redirects in its batch (items.ts); the same status policy as articles (policy.ts).
import { invalidField } from '../articles/errors.ts';
import { randomSuffix, withSuffix } from '../content/slug.ts';
import { resolvePublication } from '../data/articles-write.ts';
import { readPageBySlug } from '../data/pages-read.ts';
import { freePageSlug, pageSlugBase } from '../data/pages-write.ts';
import { createPage, type PageInput } from '../site-pages/service.ts';
import { actorOf } from '../api/handler-parts.ts';
import type { ImportHandler } from '../http/auth.ts';
import { paths } from '../http/origin.ts';
import { importItems, type ItemKind } from './items.ts';
import { statusOf } from './policy.ts';
import { ImportPage, type ImportPageInput } from './schemas.ts';

function inputOf(item: ImportPageInput, slug: string): PageInput {
  return { title: item.title, slug, summary: item.summary, body: item.body, slugEn: null, titleEn: '', summaryEn: '', bodyEn: '', ...statusOf(item) };
}

const sitePages: ItemKind<ImportPageInput> = {
  kind: 'page',
  schema: ImportPage,
  pathOf: paths.page,
  chosenSlug: (item) => item.slug !== null,
  async check(run, item) {
    const { status, publishAt } = statusOf(item);
    resolvePublication(status, publishAt, null, run.now);
    if (item.slug && (await readPageBySlug(run.db, run.site.id, item.slug, run.now))) throw invalidField('slug', 'Already used by another page of this site.');
  },
  async slugFor(run, item, attempt) {
    if (item.slug) return item.slug;
    const base = pageSlugBase(item.title);
    return attempt === 1 ? freePageSlug(run.db, run.site.id, base) : withSuffix(base, randomSuffix());
  },
  async create(run, item, slug, also) {
    const page = await createPage(run.target, run.site, inputOf(item, slug), actorOf(run.caller), run.now, also);
    return { id: page.id, slug: page.slug };
  },
};

export const importPages: ImportHandler = (request, env, _ctx, caller) => importItems(request, env, caller, sitePages);
