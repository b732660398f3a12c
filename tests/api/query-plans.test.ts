// EXPLAIN QUERY PLAN of every statement the read paths send to D1: no full scan of a content table.
// Full-text search scans its FTS5 virtual table, as it must (the MATCH is answered by FTS5's own
// index, which EXPLAIN shows as "SCAN articles_fts VIRTUAL TABLE"); that scan must run once per query,
// driven by MATCH, never once per article.
//
// The SQL is not reproduced by hand (it would drift from the data layer): each read URL is served by
// the real router with a D1 binding that only *records* the statements it is given and passes them
// on unchanged to the real local D1, so the Worker still answers from the database. Each recorded
// statement is then explained with its real parameters.
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { listPublishedArticles, listPublishedSlugs } from '../../functions/data/articles-read.ts';
import { categoryIdOf, movedCategorySlug } from '../../functions/data/categories.ts';
import { readNav } from '../../functions/data/menus.ts';
import { movedTagSlug, readerTags } from '../../functions/data/tags.ts';
import { database, type Db } from '../../functions/data/db.ts';
import { searchArticles } from '../../functions/data/search.ts';
import { listDocumentTerms } from '../../functions/data/document-terms.ts';
import { listDocuments, readDocumentById, readDocumentBySlug } from '../../functions/data/documents-read.ts';
import { documentBody, freshIssuer, postDocument } from '../support/documents.ts';
import { router } from '../../functions/router.ts';
import { freshCategory, getJson, ORIGIN, pathOf, patchArticle, postArticle, unique, writeToken, firstSite } from '../support/api.ts';
import { recordingD1, type Recorded } from '../support/recording-d1.ts';

/** The platform's first site, which the tests' ORIGIN (http://cms.test) serves. */
const SITE = await firstSite();

/** Serves `path` through the real router and returns the statements it ran with their plans. */
async function statementsOf(path: string, headers: Record<string, string> = {}): Promise<{ sql: string; plan: string[] }[]> {
  const recorded: Recorded[] = [];
  const ctx = createExecutionContext();
  const res = await router.fetch(new Request(ORIGIN + path, { headers, redirect: 'manual' }), { ...env, DB: recordingD1(recorded) }, ctx);
  await waitOnExecutionContext(ctx);
  expect(res.status, `${path}: ${await res.clone().text()}`).toBeLessThan(400);
  expect(recorded.length, `${path} reads from D1`).toBeGreaterThan(0);
  return explain(recorded);
}

/** The statements a data-layer call runs (for reads no URL of the API serves, such as the search page). */
async function statementsOfCall(run: (db: Db) => Promise<unknown>): Promise<{ sql: string; plan: string[] }[]> {
  const recorded: Recorded[] = [];
  await run(database(recordingD1(recorded)));
  expect(recorded.length, 'the call reads from D1').toBeGreaterThan(0);
  return explain(recorded);
}

async function explain(recorded: Recorded[]): Promise<{ sql: string; plan: string[] }[]> {
  const out = [];
  for (const { sql, params } of recorded) {
    const { results } = await env.DB.prepare(`EXPLAIN QUERY PLAN ${sql}`).bind(...params).all<{ detail: string }>();
    out.push({ sql, plan: results.map((r) => r.detail) });
  }
  return out;
}

const CONTENT_TABLES = 'articles|categories|article_tags|tags|article_slug_history|api_tokens';
/** A full table scan: SCAN of a table without an index. */
const FULL_SCAN = new RegExp(`^SCAN (${CONTENT_TABLES})\\b(?!.*\\bUSING\\b)`);

interface Fixture { category: string; token: string; slug: string; formerSlug: string; tag: string; cursorPath: string; searchCursorPath: string }

/** Enough rows that every read path has something to return, including tags and a former slug. */
async function planFixture(): Promise<Fixture> {
  const category = await freshCategory();
  const token = await writeToken();
  const tagName = `Kế hoạch ${unique('t')}`;
  for (let i = 0; i < 3; i++) await postArticle(token, { title: `Kế hoạch số ${i}`, category, status: 'published', tags: [tagName, 'Chung'] });
  const { article, etag } = await postArticle(token, { title: `Đổi tên ${unique('x')}`, category, status: 'published', tags: [tagName] });
  const renamed = unique('da-doi');
  expect((await patchArticle(token, article.slug, etag, { slug: renamed })).status).toBe(200);
  const { body } = await getJson<{ nextUrl: string }>(`/api/v1/articles?category=${category}&limit=2`);
  const { body: search } = await getJson<{ nextUrl: string }>(`/api/v1/articles?category=${category}&q=ke+hoach&limit=2`);
  return {
    category, token, slug: renamed, formerSlug: article.slug, tag: article.tags[0]!.slug,
    cursorPath: pathOf(body.nextUrl), searchCursorPath: pathOf(search.nextUrl),
  };
}

const readPaths: [string, (f: Fixture) => string, ((f: Fixture) => Record<string, string>)?][] = [
  ['list, newest first', () => '/api/v1/articles'],
  ['list by category', (f) => `/api/v1/articles?category=${f.category}`],
  ['list by tag', (f) => `/api/v1/articles?tag=${f.tag}`],
  ['list by search words', () => '/api/v1/articles?q=ke+hoach'],
  ['list by search words in a category', (f) => `/api/v1/articles?category=${f.category}&q=${encodeURIComponent('Kế hoạch số')}`],
  ['list by search words, a later page', (f) => `${f.searchCursorPath}`],
  ['list, a later page', (f) => f.cursorPath],
  ['article by slug', (f) => `/api/v1/articles/${f.slug}`],
  ['article by slug with a token', (f) => `/api/v1/articles/${f.slug}`, (f) => ({ Authorization: `Bearer ${f.token}` })],
  ['article by former slug', (f) => `/api/v1/articles/${f.formerSlug}`],
  ['category list with counts', () => '/api/v1/categories'],
  ['one category with its count', (f) => `/api/v1/categories/${f.category}`],
  ['site JSON feed', () => '/feed.json'],
  ['site RSS', () => '/rss.xml'],
  ['category JSON feed', (f) => `/chuyen-muc/${f.category}/feed.json`],
  ['category RSS', (f) => `/chuyen-muc/${f.category}/rss.xml`],
  ['sitemap', () => '/sitemap.xml'],
];

describe('query plans of the read paths', () => {
  it('records the very SQL the data layer builds (the recorder sees what D1 runs)', async () => {
    await planFixture();
    const expected = listPublishedSlugs(database(env.DB), SITE.id, new Date()).toSQL().sql;
    const statements = await statementsOf('/sitemap.xml');
    expect(statements.map((s) => s.sql)).toContain(expected);
  });

  it.each(readPaths)(
    '%s: no full table scan, and articles only ever searched through an index',
    async (_name, path, headers) => {
      const f = await planFixture();
      for (const { sql, plan } of await statementsOf(path(f), headers?.(f))) {
        const context = `${sql}\n  ${plan.join('\n  ')}`;
        expect(plan.filter((line) => FULL_SCAN.test(line)), context).toEqual([]);
        // articles is the table that grows: even a walk over a whole index of it is a scan in disguise.
        expect(plan.filter((line) => /^SCAN articles\b/.test(line)), context).toEqual([]);
        // The category list reads every category on purpose (the menu, tens of rows, in index order);
        // any other statement must reach categories by key.
        if (!/left join \(select "category_id", count\(\*\)/i.test(sql)) {
          expect(plan.filter((line) => /^SCAN categories\b/.test(line)), context).toEqual([]);
        } else {
          expect(plan.filter((line) => /^SCAN categories\b/.test(line)).every((l) => /USING (COVERING )?INDEX categories_position/.test(l)), context).toBe(true);
        }
        // Newest-first lists must come out of the index in order, not be sorted after reading them all.
        // (A search's q keeps this: its matches are one LIST SUBQUERY, probed while walking the index.)
        if (/order by "articles"\."published_at" desc/.test(sql)) {
          expect(plan.filter((line) => /TEMP B-TREE FOR ORDER BY/.test(line)), context).toEqual([]);
        }
        expectFtsScannedOnce(sql, plan, context);
      }
    },
  );
});

/**
 * The FTS5 table is only ever reached through MATCH, evaluated once: "SCAN articles_fts VIRTUAL
 * TABLE INDEX 0:M3" (M: a MATCH on all 3 columns). "=M" would mean a rowid probe per article of the
 * outer loop, a scan of articles in disguise.
 */
function expectFtsScannedOnce(sql: string, plan: string[], context: string) {
  const fts = plan.filter((line) => /\barticles_fts\b/.test(line));
  if (sql.includes('"articles_fts"')) expect(fts, context).not.toEqual([]);
  expect(fts.filter((line) => !/^SCAN articles_fts VIRTUAL TABLE INDEX \d+:M\d+$/.test(line)), context).toEqual([]);
}

describe('query plans of the search page (searchArticles)', () => {
  const cases: [string, (f: Fixture, categoryId: number) => Parameters<typeof searchArticles>[3]][] = [
    ['first page', () => ({ now: new Date() })],
    ['a later page in a category', (_f, categoryId) => ({ now: new Date(), page: 2, pageSize: 1, categoryId })],
  ];

  it.each(cases)('%s: the matches drive, articles are reached by key, only the ranking is sorted', async (_name, options) => {
    const f = await planFixture();
    const categoryId = (await categoryIdOf(database(env.DB), SITE.id, f.category))!;
    const statements = await statementsOfCall((db) => searchArticles(db, SITE.id, 'kế hoạch', options(f, categoryId)));
    const ranked = statements.filter(({ sql }) => /\bbm25\(/.test(sql));
    const counted = statements.filter(({ sql }) => /^select count\(\*\) from "articles_fts"/.test(sql));
    expect([ranked.length, counted.length]).toEqual([1, 1]);
    for (const { sql, plan } of statements) {
      const context = `${sql}\n  ${plan.join('\n  ')}`;
      expect(plan.filter((line) => FULL_SCAN.test(line)), context).toEqual([]);
      expect(plan.filter((line) => /^SCAN articles\b/.test(line)), context).toEqual([]);
      expect(plan.filter((line) => /^SCAN categories\b/.test(line)), context).toEqual([]);
      expectFtsScannedOnce(sql, plan, context);
    }
    for (const { sql, plan } of [...ranked, ...counted]) {
      const context = `${sql}\n  ${plan.join('\n  ')}`;
      // The FTS5 scan is expected and is the outer loop: it yields only the matching rowids.
      expect(plan[0], context).toMatch(/^SCAN articles_fts VIRTUAL TABLE INDEX \d+:M\d+$/);
      expect(plan, context).toContain('SEARCH articles USING INTEGER PRIMARY KEY (rowid=?)');
    }
    // Ranking by bm25 sorts the matches (no index can hold a score): a temp b-tree, and only there.
    expect(ranked[0]!.plan, ranked[0]!.sql).toContain('USE TEMP B-TREE FOR ORDER BY');
  });
});

// ---- the documents registry ----

interface DocumentFixture { token: string; slug: string; issuer: string; cursorPath: string }

/** Documents with every kind of row a read joins: terms, relations both ways, several pages. */
async function documentFixture(): Promise<DocumentFixture> {
  const token = await writeToken();
  const issuer = await freshIssuer();
  const first = await postDocument(token, documentBody(issuer, { number: '1/QĐ-UBND', issuedOn: '2023-01-05' }));
  await postDocument(token, documentBody(issuer, { number: '2/KH-UBND', type: 'ke-hoach', issuedOn: '2024-02-05' }));
  const { document } = await postDocument(token, documentBody(issuer, {
    number: '125/QĐ-UBND', issuedOn: '2024-03-05', relations: [{ kind: 'replaces', slug: first.document.slug }],
  }));
  const { body } = await getJson<{ nextUrl: string }>(`/api/v1/documents?issuer=${issuer}&limit=1`);
  return { token, slug: document.slug, issuer, cursorPath: pathOf(body.nextUrl) };
}

const DOCUMENT_TABLES = /^SCAN (documents|document_terms|document_files|document_relations|document_revisions)\b/;

const documentPaths: [string, (f: DocumentFixture) => string, ((f: DocumentFixture) => Record<string, string>)?][] = [
  ['documents, newest date of issue first', () => '/api/v1/documents'],
  ['documents of a type', () => '/api/v1/documents?type=quyet-dinh'],
  ['documents of an issuer', (f) => `/api/v1/documents?issuer=${f.issuer}`],
  ['documents of a field', () => '/api/v1/documents?field=hanh-chinh'],
  ['documents of a year', () => '/api/v1/documents?year=2024'],
  ['documents in effect', () => '/api/v1/documents?status=in-effect'],
  ['documents by number', () => `/api/v1/documents?q=${encodeURIComponent('qd-ubnd 125')}`],
  ['documents by words, of a type and year', () => `/api/v1/documents?type=quyet-dinh&year=2024&q=${encodeURIComponent('quy chế')}`],
  ['documents, a later page', (f) => f.cursorPath],
  ['document by slug', (f) => `/api/v1/documents/${f.slug}`],
  ['document by slug with a token', (f) => `/api/v1/documents/${f.slug}`, (f) => ({ Authorization: `Bearer ${f.token}` })],
  ['documents JSON feed', () => '/van-ban/feed.json'],
  ['documents RSS of a type', () => '/van-ban/loai/quyet-dinh/rss.xml'],
  ['sitemap with documents', () => '/sitemap.xml'],
];

/** documents_fts is reached only through MATCH, once (never a rowid probe per document). */
function expectDocumentsFtsOnce(sql: string, plan: string[], context: string) {
  const fts = plan.filter((line) => /\bdocuments_fts\b/.test(line));
  if (sql.includes('"documents_fts"')) expect(fts, context).not.toEqual([]);
  expect(fts.filter((line) => !/^(SCAN|LIST SUBQUERY \d+ )?.*documents_fts VIRTUAL TABLE INDEX \d+:M\d*/.test(line) || /INDEX \d+:=/.test(line)), context).toEqual([]);
}

function expectDocumentPlan(sql: string, plan: string[]) {
  const context = `${sql}\n  ${plan.join('\n  ')}`;
  // No table of the registry is walked whole, not even through an index (the lists are ranges of the site's).
  expect(plan.filter((line) => DOCUMENT_TABLES.test(line)), context).toEqual([]);
  expect(plan.filter((line) => FULL_SCAN.test(line)), context).toEqual([]);
  // The registry's order comes out of the index, not from sorting what was read.
  if (/order by "documents"\."issued_on" desc/.test(sql) && /"documents"\."status" = \?/.test(sql)) {
    expect(plan.filter((line) => /TEMP B-TREE FOR ORDER BY/.test(line)), context).toEqual([]);
  }
  expectDocumentsFtsOnce(sql, plan, context);
}

describe('query plans of the documents registry', () => {
  it.each(documentPaths)('%s: every table of the registry reached through an index', async (_name, path, headers) => {
    const f = await documentFixture();
    const statements = await statementsOf(path(f), headers?.(f));
    expect(statements.some(({ sql }) => /"documents"/.test(sql)), 'reads documents').toBe(true);
    for (const { sql, plan } of statements) expectDocumentPlan(sql, plan);
  });

  it('one document by id (editors\') and the managed lists, too', async () => {
    const f = await documentFixture();
    const id = (await readDocumentBySlug(database(env.DB), SITE.id, f.slug, new Date()))!.id;
    const calls: ((db: Db) => Promise<unknown>)[] = [
      (db) => listDocuments(db, SITE.id, { q: '125/QĐ-UBND', issuer: f.issuer, status: 'in-effect', limit: 20, now: new Date() }),
      (db) => readDocumentById(db, SITE.id, id, new Date(), { withDeleted: true }),
      (db) => listDocumentTerms(db, SITE.id, 'type'),
    ];
    for (const run of calls) for (const { sql, plan } of await statementsOfCall(run)) expectDocumentPlan(sql, plan);
  });
});

// ---- menus, two-level categories and tags (issue 12) ----

describe('query plans of the menu, a parent category\'s list and feed, the tag index and former slugs', () => {
  /** A parent category with a child, an article in each, a menu item; the first site, as ORIGIN serves. */
  async function familyFixture() {
    const db = database(env.DB);
    const [parent, child] = [await freshCategory('Cha'), await freshCategory('Con')];
    const [parentId, childId] = [(await categoryIdOf(db, SITE.id, parent))!, (await categoryIdOf(db, SITE.id, child))!];
    await env.DB.prepare('UPDATE categories SET parent_id = ? WHERE id = ?').bind(parentId, childId).run();
    const token = await writeToken();
    for (const category of [parent, child]) await postArticle(token, { title: `Bài ${unique('c')}`, category, status: 'published', tags: ['Chung'] });
    return { parent, parentId, childId };
  }

  const TAXONOMY_TABLES = /^SCAN (articles|categories|article_tags|tags|menu_items|pages|category_slug_history|tag_slug_history)\b(?!.*\bUSING\b)/;

  it('reach every table through an index, and a parent\'s list comes out of the index in order', async () => {
    const f = await familyFixture();
    const now = new Date();
    const statements = [
      ...(await statementsOf(`/chuyen-muc/${f.parent}/feed.json`)),
      ...(await statementsOfCall((db) => listPublishedArticles(db, SITE.id, { limit: 12, categoryFamily: f.parentId, now }))),
      ...(await statementsOfCall((db) => readNav(db, SITE.id, now))),
      ...(await statementsOfCall((db) => readerTags(db, SITE.id, now))),
      ...(await statementsOfCall((db) => movedCategorySlug(db, SITE.id, 'khong-co'))),
      ...(await statementsOfCall((db) => movedTagSlug(db, SITE.id, 'khong-co'))),
    ];
    for (const { sql, plan } of statements) {
      const context = `${sql}\n  ${plan.join('\n  ')}`;
      expect(plan.filter((line) => TAXONOMY_TABLES.test(line)), context).toEqual([]);
      expect(plan.filter((line) => /^SCAN articles\b/.test(line)), context).toEqual([]);
      if (/order by "articles"\."published_at" desc/.test(sql)) {
        expect(plan.filter((line) => /TEMP B-TREE FOR ORDER BY/.test(line)), context).toEqual([]);
      }
    }
  });
});
