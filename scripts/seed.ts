// Loads the demo into an empty local database through the same data layer as the API, so bodies are
// rendered and sanitized, slugs derived and revisions recorded exactly as for an editor: Đồng Hỷ's
// portal into the first site (dongy.localhost), then the province of Thái Nguyên and two of its
// communes (scripts/demo-sites.ts) with their articles and the province's featured commune article, then
// the demo documents with their PDFs (scripts/seed-documents.ts; also into a store that had the demo's
// articles from before documents). `npm run seed [-- --persist-to DIR]` applies the migrations first and
// needs DejaVu Sans (fonts-dejavu-core, or DEMO_FONT_DIR) for the PDFs; `npm start`, the
// benchmark and the e2e servers (tests/support/served.ts) call seedIfEmpty.
import { count } from 'drizzle-orm';
import { parseArgs } from 'node:util';
import { articles } from '../schema/tables.ts';
import { importArticle, type Actor, type ArticleInput } from '../functions/articles/service.ts';
import { NotFound } from '../functions/articles/errors.ts';
import { categoryIdOf, createCategory } from '../functions/data/categories.ts';
import { database, type Db } from '../functions/data/db.ts';
import { planFeature } from '../functions/data/rollup.ts';
import { createSite, DEFAULT_CATEGORIES, setHosts, siteIdOfHost, updateSite } from '../functions/data/sites.ts';
import { ArticleCreate } from '../functions/api/schemas.ts';
import { validate } from '../functions/http/body.ts';
import { demoArticles, demoCategories, type DemoArticle } from './demo-content.ts';
import { DONGY, demoSites, type DemoSite } from './demo-sites.ts';
import { applyLocalMigrations, withLocalEnv, type LocalEnv } from './local-db.ts';
import { FontMissing, loadDemoFonts } from './demo-pdf.ts';
import { prepareDemoFiles, seedDocuments, type DocumentSeedResult } from './seed-documents.ts';
import { seedDemoMenus } from './demo-menu.ts';
import { seedDemoPages } from './demo-pages.ts';
import { seedDemoGalleries } from './demo-photos.ts';

export const SEED_ACTOR: Actor = { id: 'seed', name: 'Dữ liệu mẫu' };

export interface SeedResult {
  seeded: boolean;
  /** Articles in the database before seeding (seeding only happens when it is 0). */
  existing: number;
  categories: number;
  articles: number;
  byStatus: Record<string, number>;
  /** Every demo site: its id, canonical hostname and name (empty: SITE_NAME) and how many articles it got. */
  sites: { key: DemoSite['key'] | 'dongy'; id: number; host: string; name: string; articles: number }[];
  /** The demo documents (loaded when the database has none and the demo sites are there). */
  documents: DocumentSeedResult;
}

/**
 * The status and the clock to create a demo article with. Published and draft articles are created
 * "at" their date, so created/updated times and the revision look like the real history; a
 * scheduled article whose date has passed by the time the demo is loaded is simply published.
 */
function publication(a: DemoArticle, now: Date): { fields: { status: ArticleInput['status']; publishAt?: string }; at: Date } {
  const date = new Date(a.publishedAt);
  if (Number.isNaN(date.getTime())) throw new Error(`Demo article "${a.title}": invalid publishedAt ${a.publishedAt}`);
  const past = date.getTime() <= now.getTime();
  switch (a.status) {
    case 'draft':
      return { fields: { status: 'draft' }, at: past ? date : now };
    case 'published':
    case 'scheduled':
      return past
        ? { fields: { status: 'published', publishAt: a.publishedAt }, at: date }
        : { fields: { status: 'scheduled', publishAt: a.publishedAt }, at: now };
  }
}

async function articleCount(db: Db): Promise<number> {
  const [row] = await db.select({ n: count() }).from(articles);
  return row?.n ?? 0;
}

/** The Đồng Hỷ demo content goes into the platform's first site (the one a one-site database became). */
const DEMO_SITE_ID = 1;

/**
 * Creates the demo categories, sites and articles if the articles table is empty (otherwise leaves them
 * alone), then the demo documents if there is none.
 */
export async function seedIfEmpty(env: Pick<LocalEnv, 'DB' | 'MEDIA'>, now = new Date()): Promise<SeedResult> {
  const db = database(env.DB);
  const existing = await articleCount(db);
  const noDocuments = { seeded: false, existing: 0, documents: 0, files: 0, byState: {} };
  // The documents' PDFs need the font: without it, say so before anything is written. They are made
  // (CPU here) while the articles are written (waits on the local store); a failure surfaces below.
  const prepared = existing === 0 ? prepareDemoFiles(await loadDemoFonts()) : undefined;
  prepared?.catch(() => undefined);
  const result: SeedResult = { seeded: false, existing, categories: 0, articles: 0, byStatus: {}, sites: [], documents: noDocuments };
  if (existing > 0) {
    result.documents = await seedDocuments(env, now);
    // Pages and menus came later (issue 12): a demo database from before gets them once.
    await seedDemoPages(env.DB, now);
    await seedDemoMenus(env.DB, now);
    return result;
  }

  const categoryIds = new Map<string, number>();
  for (const c of demoCategories) {
    // A category may survive an interrupted earlier seed: reuse it rather than fail on its unique slug.
    let id = await categoryIdOf(db, DEMO_SITE_ID, c.slug);
    if (id === null) {
      id = await createCategory(db, DEMO_SITE_ID, { slug: c.slug, name: c.name, description: c.description, position: c.position });
      result.categories++;
    }
    categoryIds.set(c.slug, id);
  }

  // Oldest first, so when two titles share a slug the older article keeps the plain one, as it would have.
  const ordered = [...demoArticles].sort((a, b) => Date.parse(a.publishedAt) - Date.parse(b.publishedAt));
  for (const a of ordered) {
    const categoryId = categoryIds.get(a.categorySlug);
    if (categoryId === undefined) throw new Error(`Demo article "${a.title}": unknown category ${a.categorySlug}`);
    const { fields, at } = publication(a, now);
    // The very body a client would POST, validated and normalized by the API's own schema.
    const { category: _, ...input } = validate(ArticleCreate, {
      title: a.title, summary: a.summary, body: a.body, category: a.categorySlug,
      tags: a.tags, byline: a.byline, ...fields,
    }, 'body');
    await importArticle(env.DB, DEMO_SITE_ID, { ...input, categoryId }, SEED_ACTOR, at);
    result.articles++;
    result.byStatus[fields.status] = (result.byStatus[fields.status] ?? 0) + 1;
  }
  result.sites.push({ key: 'dongy', id: DEMO_SITE_ID, host: DONGY.host, name: '', articles: result.articles });
  await seedDemoGalleries(env, DEMO_SITE_ID, now);
  await seedSites(env, db, result, now);
  result.documents = await seedDocuments(env, now, prepared);
  await seedDemoPages(env.DB, now);
  await seedDemoMenus(env.DB, now);
  result.seeded = true;
  return result;
}

/** One demo article into a site, validated by the API's own schema, as of its date. */
async function importDemoArticle(env: Pick<LocalEnv, 'DB'>, db: Db, siteId: number, a: DemoArticle, now: Date, result: SeedResult) {
  const categoryId = await categoryIdOf(db, siteId, a.categorySlug);
  if (categoryId === null) throw new Error(`Demo article "${a.title}": site ${siteId} has no category ${a.categorySlug}`);
  const { fields, at } = publication(a, now);
  const { category: _, ...input } = validate(ArticleCreate, {
    title: a.title, summary: a.summary, body: a.body, category: a.categorySlug, tags: a.tags, byline: a.byline, ...fields,
  }, 'body');
  const article = await importArticle(env.DB, siteId, { ...input, categoryId }, SEED_ACTOR, at);
  result.articles++;
  result.byStatus[fields.status] = (result.byStatus[fields.status] ?? 0) + 1;
  return article;
}

/**
 * The province and its communes (each with the default categories and its articles), Đồng Hỷ given its
 * hostname and the province as parent, and the province's featured commune articles. A site that
 * survived an interrupted earlier seed (its hostname exists) is reused.
 */
async function seedSites(env: Pick<LocalEnv, 'DB'>, db: Db, result: SeedResult, now: Date): Promise<void> {
  const ids = new Map<DemoSite['key'], number>();
  const articleIds = new Map<string, number>();
  for (const demo of demoSites) {
    const parentId = demo.parent ? ids.get(demo.parent)! : null;
    let id = await siteIdOfHost(db, demo.host);
    if (id === null) {
      id = (await createSite(db, { name: demo.name, subtitle: demo.subtitle, hosts: [demo.host], parentId, primaryColor: demo.primaryColor, visitOffset: demo.visitOffset })).id;
      result.categories += DEFAULT_CATEGORIES.length;
    }
    ids.set(demo.key, id);
    const ordered = [...demo.articles].sort((a, b) => Date.parse(a.publishedAt) - Date.parse(b.publishedAt));
    for (const a of ordered) articleIds.set(a.title, (await importDemoArticle(env, db, id, a, now, result)).id);
    result.sites.push({ key: demo.key, id, host: demo.host, name: demo.name, articles: demo.articles.length });
  }
  const provinceId = ids.get('province')!;
  await updateSite(db, DEMO_SITE_ID, { subtitle: DONGY.subtitle, parentId: provinceId });
  await setHosts(db, DEMO_SITE_ID, [DONGY.host]);
  for (const demo of demoSites) {
    for (const title of demo.features ?? []) {
      const articleId = articleIds.get(title);
      if (articleId === undefined) throw new Error(`Demo feature "${title}": no demo article has that title`);
      try {
        await (await planFeature(db, ids.get(demo.key)!, articleId, true, null, now)).statement;
      } catch (error) {
        // Not yet visible (the machine's clock is before its date): nothing to feature.
        if (!(error instanceof NotFound)) throw error;
      }
    }
  }
}

export function describeSeed(r: SeedResult): string {
  const d = r.documents;
  const documents = d.seeded
    ? ` Loaded ${d.documents} demo documents (${Object.entries(d.byState).map(([s, n]) => `${n} ${s}`).join(', ')}) with ${d.files} PDF files.`
    : d.existing > 0 ? ` The database has ${d.existing} document(s).` : '';
  if (!r.seeded) return `seed: the database already has ${r.existing} article(s); demo content not loaded.${documents}`;
  const statuses = Object.entries(r.byStatus).map(([s, n]) => `${n} ${s}`).join(', ');
  return `seed: loaded ${r.categories} categories, ${r.sites.length} sites and ${r.articles} demo articles (${statuses}).${documents}`;
}

if (import.meta.main) {
  try {
    // --persist-to DIR: another local store, as for wrangler dev (default .wrangler/state).
    const { values } = parseArgs({ options: { 'persist-to': { type: 'string' } }, strict: true });
    const persistTo = values['persist-to'];
    await applyLocalMigrations({ persistTo, quiet: true });
    const result = await withLocalEnv((env) => seedIfEmpty(env), { persistTo, quiet: true });
    process.stderr.write(describeSeed(result) + '\n');
  } catch (error) {
    // A missing font is the machine's setup, not a bug: its message says what to install.
    const text = error instanceof FontMissing ? error.message : error instanceof Error ? error.stack ?? error.message : String(error);
    process.stderr.write(`seed: ${text}\n`);
    process.exitCode = 1;
  }
}
