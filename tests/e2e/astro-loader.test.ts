// A third party's Astro site (tests/third-party/astro-site, its own node_modules with astro and
// @bientap/astro-loader installed as a copy) built against a served CMS: every published article, document
// and page gets its page and nothing else does; a rebuild with nothing changed reads no item (every list
// answers 304) and writes the same files; after an edit, an unpublish and a publish, exactly those change.
import { spawn } from 'node:child_process';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { apiWrite, serve, type Served } from '../support/served.ts';

const SITE = resolve('tests/third-party/astro-site');
const ASTRO = join(SITE, 'node_modules/astro/bin/astro.mjs');
/** A category of the first demo site with more than one page of 5 articles (the fixture pages it by 5). */
const CATEGORY = 'kinh-te';

let served: Served;
let work: string;
const buildTimes: Record<string, number> = {};
/** The loader's lines of each build, printed at the end (the figures of the report). */
const loaderLines: string[] = [];

/** The fixture installs the loader as a copy (.npmrc install-links): one older than tools/astro-loader would test the past. */
async function assertLoaderInstalled() {
  const source = resolve('tools/astro-loader');
  const { files: shipped } = JSON.parse(await readFile(join(source, 'package.json'), 'utf8')) as { files: string[] };
  for (const name of shipped.filter((n) => n.endsWith('.js'))) {
    const installed = await readFile(join(SITE, 'node_modules/@bientap/astro-loader', name), 'utf8').catch(() => null);
    if (installed !== (await readFile(join(source, name), 'utf8'))) {
      throw new Error(`tests/third-party/astro-site has another copy of tools/astro-loader/${name}: run npm ci --prefix tests/third-party/astro-site`);
    }
  }
}

beforeAll(async () => {
  await assertLoaderInstalled();
  served = await serve();
  work = await mkdtemp(join(tmpdir(), 'bientap-astro-site-'));
});
afterAll(async () => {
  await served?.stop();
  if (work) await rm(work, { recursive: true, force: true });
  console.info(`astro-loader builds (ms): ${JSON.stringify(buildTimes)}\n${loaderLines.join('\n')}`);
});

interface Build { code: number | null; log: string }

/** `astro build` of the fixture with the project's Node (astro 7 needs Node >= 22), into `dirs`. */
function build(name: string, dirs: { out: string; cache: string }, env: Record<string, string> = {}): Promise<Build> {
  const started = performance.now();
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [ASTRO, 'build'], {
      cwd: SITE,
      env: {
        ...process.env, CMS_URL: served.url, CMS_CATEGORY: CATEGORY, OUT_DIR: dirs.out, CACHE_DIR: dirs.cache,
        ASTRO_TELEMETRY_DISABLED: '1', ASTRO_DISABLE_UPDATE_CHECK: 'true', NO_COLOR: '1', FORCE_COLOR: '0', ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let log = '';
    child.stdout.on('data', (chunk: Buffer) => (log += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (log += chunk.toString()));
    child.on('error', fail);
    child.on('close', (code) => {
      buildTimes[name] = Math.round(performance.now() - started);
      loaderLines.push(...log.split('\n').filter((line) => / fetched, \d+ unchanged/.test(line)).map((line) => `${name}: ${line.trim()}`));
      done({ code, log });
    });
  });
}

/** The loader's line for a collection: "articles: 2 fetched, 84 unchanged, 1 removed (5 requests)". */
function counts(log: string, collection: string) {
  const match = new RegExp(`${collection}: (\\d+) fetched, (\\d+) unchanged, (\\d+) removed \\((\\d+) requests?(; list not modified)?\\)`).exec(log);
  if (!match) throw new Error(`no line for ${collection} in the build's log:\n${log}`);
  const [fetched, unchanged, removed, requests] = match.slice(1, 5).map(Number);
  return { fetched, unchanged, removed, requests, notModified: match[5] !== undefined };
}

/** Every file of a build, by its path in the output. */
async function files(out: string): Promise<Map<string, string>> {
  const names = (await readdir(out, { recursive: true, withFileTypes: true })).filter((d) => d.isFile());
  const all = await Promise.all(names.map(async (d) => {
    const path = join(d.parentPath, d.name);
    return [path.slice(out.length + 1), await readFile(path, 'utf8')] as const;
  }));
  return new Map(all.sort(([a], [b]) => a.localeCompare(b)));
}

/** The slugs a section of the output has a page for (`bai-viet/<slug>/index.html`). */
function pagesUnder(output: Map<string, string>, section: string): string[] {
  return [...output.keys()].flatMap((p) => {
    const match = new RegExp(`^${section}/([^/]+)/index\\.html$`).exec(p);
    return match ? [match[1]!] : [];
  }).sort();
}

const decode = (html: string) => html.replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&quot;', '"').replaceAll('&#39;', "'").replaceAll('&#x27;', "'").replaceAll('&amp;', '&');
const heading = (html: string | undefined) => decode(/<h1>(.*?)<\/h1>/s.exec(html ?? '')?.[1] ?? '');

/** Every item of a list answer, following nextUrl, as a reader sees it (no token). */
async function walk<T extends { slug: string }>(path: string): Promise<T[]> {
  const items: T[] = [];
  for (let url: string | null = served.url + path; url; ) {
    const response = await fetch(url);
    expect(response.status, url).toBe(200);
    const page = (await response.json()) as { items: T[]; nextUrl?: string | null };
    items.push(...page.items);
    url = page.nextUrl ?? null;
  }
  return items;
}

interface ApiArticle { slug: string; title: string; html: string; category: { slug: string } }

async function createArticle(title: string, extra: Record<string, unknown>): Promise<ApiArticle> {
  const response = await apiWrite(served, 'POST', '/api/v1/articles', { title, category: CATEGORY, body: `Nội dung của **${title}**.`, ...extra });
  expect(response.status, await response.clone().text()).toBe(201);
  return (await response.json()) as ApiArticle;
}

async function patchArticle(slug: string, change: Record<string, unknown>): Promise<void> {
  const read = await served.fetch(`/api/v1/articles/${slug}`, { headers: { Authorization: `Bearer ${served.token}` } });
  const response = await apiWrite(served, 'PATCH', `/api/v1/articles/${slug}`, change, { 'If-Match': read.headers.get('ETag')! });
  expect(response.status, await response.clone().text()).toBe(200);
}

/** What the site must show: the API's published items, walked as a reader. */
async function published() {
  return {
    articles: await walk<ApiArticle>('/api/v1/articles?limit=100'),
    category: await walk<ApiArticle>(`/api/v1/articles?limit=100&category=${CATEGORY}`),
    documents: await walk<{ slug: string; number: string }>('/api/v1/documents?limit=100'),
    pages: await walk<{ slug: string; title: string }>('/api/v1/pages'),
  };
}

function expectSiteShows(output: Map<string, string>, expected: Awaited<ReturnType<typeof published>>) {
  expect(pagesUnder(output, 'bai-viet')).toEqual(expected.articles.map((a) => a.slug).sort());
  for (const a of expected.articles) expect(heading(output.get(`bai-viet/${a.slug}/index.html`)), a.slug).toBe(a.title);
  expect(pagesUnder(output, 'van-ban')).toEqual(expected.documents.map((d) => d.slug).sort());
  for (const d of expected.documents) expect(heading(output.get(`van-ban/${d.slug}/index.html`)), d.slug).toBe(d.number);
  expect(pagesUnder(output, 'trang')).toEqual(expected.pages.map((p) => p.slug).sort());
  for (const p of expected.pages) expect(heading(output.get(`trang/${p.slug}/index.html`)), p.slug).toBe(p.title);
  const listed = [...(output.get('chuyen-muc/index.html') ?? '').matchAll(/data-slug="([^"]+)" data-category="([^"]+)"/g)];
  expect(listed.map((m) => m[1]).sort()).toEqual(expected.category.map((a) => a.slug).sort());
  expect(new Set(listed.map((m) => m[2]))).toEqual(new Set([CATEGORY]));
  const index = output.get('index.html') ?? '';
  expect([...index.matchAll(/data-slug="([^"]+)"/g)].map((m) => m[1]).sort()).toEqual(expected.articles.map((a) => a.slug).sort());
}

it('builds the published content, rebuilds with nothing fetched, then fetches exactly what changed', async () => {
  const draft = await createArticle('Bài nháp cho trang ngoài', { status: 'draft' });
  const scheduled = await createArticle('Bài hẹn giờ cho trang ngoài', { status: 'scheduled', publishAt: new Date(Date.now() + 30 * 86_400_000).toISOString() });
  const dirs = { out: join(work, 'out'), cache: join(work, 'cache') };

  const first = await build('cold', dirs);
  expect(first.code, first.log).toBe(0);
  const before = await published();
  expect(before.category.length, 'the category spans more than one page of 5').toBeGreaterThan(5);
  const output = await files(dirs.out);
  expectSiteShows(output, before);
  expect(output.has(`bai-viet/${draft.slug}/index.html`)).toBe(false);
  expect(output.has(`bai-viet/${scheduled.slug}/index.html`)).toBe(false);
  // The body is the API's sanitized HTML as is.
  const [sample] = before.articles;
  const sampleHtml = ((await (await served.fetch(`/api/v1/articles/${sample!.slug}`)).json()) as ApiArticle).html;
  expect(output.get(`bai-viet/${sample!.slug}/index.html`)).toContain(sampleHtml);
  expect(counts(first.log, 'articles')).toMatchObject({ fetched: before.articles.length, unchanged: 0, removed: 0, requests: 1 + before.articles.length });
  expect(counts(first.log, 'category')).toMatchObject({ fetched: before.category.length, unchanged: 0, removed: 0 });
  expect(counts(first.log, 'documents')).toMatchObject({ fetched: before.documents.length, unchanged: 0, removed: 0 });
  expect(before.documents.length, 'the documents span more than one page of 5').toBeGreaterThan(5);
  expect(counts(first.log, 'pages')).toMatchObject({ fetched: before.pages.length, unchanged: 0, removed: 0, requests: 1 + before.pages.length });

  // Nothing changed: each list page answers 304, no item is read, the same files come out.
  const second = await build('unchanged', dirs);
  expect(second.code, second.log).toBe(0);
  // The lists answer limit + 1 rows' worth of knowledge: no empty last page.
  const pagesOf5 = (n: number) => Math.max(1, Math.ceil(n / 5));
  expect(counts(second.log, 'articles')).toEqual({ fetched: 0, unchanged: before.articles.length, removed: 0, requests: 1, notModified: true });
  expect(counts(second.log, 'category')).toEqual({ fetched: 0, unchanged: before.category.length, removed: 0, requests: pagesOf5(before.category.length), notModified: true });
  expect(counts(second.log, 'documents')).toEqual({ fetched: 0, unchanged: before.documents.length, removed: 0, requests: pagesOf5(before.documents.length), notModified: true });
  expect(counts(second.log, 'pages')).toEqual({ fetched: 0, unchanged: before.pages.length, removed: 0, requests: 1, notModified: true });
  expect(await files(dirs.out)).toEqual(output);

  // An edit, an unpublish and a publish (all in the category): exactly those are read again or removed.
  // A new document replacing an old one: the old one is read again too (its page lists the new one, its
  // list summary does not change).
  const [edited, unpublished] = before.category.slice(1, 3);
  await patchArticle(edited!.slug, { title: `${edited!.title} (đã sửa)`, body: 'Nội dung **mới** sau khi sửa.' });
  await patchArticle(unpublished!.slug, { status: 'draft' });
  await patchArticle(draft.slug, { status: 'published' });
  const replaced = before.documents.at(-1)!;
  const replacing = await apiWrite(served, 'POST', '/api/v1/documents', {
    number: `${900 + Math.floor(Math.random() * 99)}/QĐ-UBND`, type: 'quyet-dinh', issuer: 'ubnd', issuedOn: '2025-06-20',
    summary: 'Quyết định thay thế (trang ngoài)', status: 'published', relations: [{ kind: 'replaces', slug: replaced.slug }],
  });
  expect(replacing.status, await replacing.clone().text()).toBe(201);
  const replacement = (await replacing.json()) as { slug: string; number: string };
  const third = await build('changed', dirs);
  expect(third.code, third.log).toBe(0);
  const after = await published();
  expect(after.articles.length).toBe(before.articles.length);
  expect(counts(third.log, 'articles')).toMatchObject({ fetched: 2, unchanged: before.articles.length - 2, removed: 1 });
  expect(counts(third.log, 'category')).toMatchObject({ fetched: 2, unchanged: before.category.length - 2, removed: 1 });
  expect(counts(third.log, 'documents')).toMatchObject({ fetched: 2, unchanged: before.documents.length - 1, removed: 0 });
  expect(counts(third.log, 'pages')).toMatchObject({ fetched: 0, removed: 0, notModified: true });
  const changed = await files(dirs.out);
  expectSiteShows(changed, after);
  expect(heading(changed.get(`bai-viet/${edited!.slug}/index.html`))).toBe(`${edited!.title} (đã sửa)`);
  expect(changed.get(`bai-viet/${edited!.slug}/index.html`)).toContain('<strong>mới</strong>');
  expect(changed.has(`bai-viet/${unpublished!.slug}/index.html`)).toBe(false);
  expect(heading(changed.get(`bai-viet/${draft.slug}/index.html`))).toBe(draft.title);
  expect(changed.has(`bai-viet/${scheduled.slug}/index.html`)).toBe(false);
  expect(changed.get(`van-ban/${replaced.slug}/index.html`)).toContain(`<li data-kind="replaces" data-direction="incoming"><a href="/van-ban/${replacement.slug}/">${replacement.number}</a></li>`);
}, 240_000);

it('fails the build naming the URL when the category does not exist', async () => {
  const dirs = { out: join(work, 'out-404'), cache: join(work, 'cache-404') };
  const result = await build('unknown category', dirs, { CMS_CATEGORY: 'khong-co-chuyen-muc-nay' });
  expect(result.code).not.toBe(0);
  expect(result.log).toContain(`GET ${served.url}/api/v1/articles?category=khong-co-chuyen-muc-nay&limit=5 answered 404`);
  expect(result.log).toContain('No category has the slug "khong-co-chuyen-muc-nay"');
}, 120_000);

type Trouble = { status: number; headers?: Record<string, string>; body?: string } | 'hang' | null;

/**
 * A CMS in trouble: a real HTTP server on 127.0.0.1 in front of the served one; `trouble` answers a request
 * itself (the nth of its path and query, from 1) or passes it on (null). Counts every request by path.
 */
async function troubled(trouble: (request: IncomingMessage, nth: number) => Trouble) {
  const seen = new Map<string, number>();
  const server = createServer(async (request, response) => {
    const path = request.url ?? '/';
    const nth = (seen.get(path) ?? 0) + 1;
    seen.set(path, nth);
    const answer = trouble(request, nth);
    if (answer === 'hang') return;
    if (answer) {
      response.writeHead(answer.status, answer.headers ?? {}).end(answer.body ?? '');
      return;
    }
    const inner = await fetch(served.url + path, { headers: request.headers['if-none-match'] ? { 'if-none-match': request.headers['if-none-match'] } : {} });
    const headers: Record<string, string> = {};
    for (const name of ['content-type', 'etag', 'link']) {
      const value = inner.headers.get(name);
      if (value) headers[name] = value;
    }
    response.writeHead(inner.status, headers).end(Buffer.from(await inner.arrayBuffer()));
  });
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    seen,
    close: () => new Promise<void>((closed) => {
      server.closeAllConnections();
      server.close(() => closed());
    }),
  };
}

/** A failing build against a troubled CMS (in fresh folders: its store is not the main test's). */
async function buildAgainst(name: string, trouble: (request: IncomingMessage, nth: number) => Trouble, env: Record<string, string> = {}) {
  const cms = await troubled(trouble);
  try {
    const dirs = { out: join(work, `out-${name}`), cache: join(work, `cache-${name}`) };
    return { cms, ...(await build(name, dirs, { CMS_URL: cms.url, ...env })) };
  } finally {
    await cms.close();
  }
}

it('retries a 429 and a 503 (Retry-After: 0) of a list, then builds it whole', async () => {
  const list = '/api/v1/articles?limit=100';
  const { cms, code, log } = await buildAgainst('retried', (request, nth) => {
    if (request.url !== list || nth > 2) return null;
    return { status: nth === 1 ? 429 : 503, headers: { 'retry-after': '0', 'content-type': 'application/problem+json' }, body: '{"detail":"busy"}' };
  });
  expect(code, log).toBe(0);
  expect(cms.seen.get(list)).toBe(3);
  const total = (await walk('/api/v1/articles?limit=100')).length;
  expect(counts(log, 'articles')).toMatchObject({ fetched: total, unchanged: 0, removed: 0, requests: total + 3 });
}, 120_000);

it('fails the build naming the URL when the CMS asks to wait longer than a build should (Retry-After)', async () => {
  const { cms, code, log } = await buildAgainst('retry-after', (request) => (request.url === '/api/v1/pages' ? { status: 503, headers: { 'retry-after': '3600' } } : null));
  expect(code).not.toBe(0);
  expect(log).toContain(`GET ${cms.url}/api/v1/pages answered 503 and asks to wait 3600 s (Retry-After)`);
  expect(cms.seen.get('/api/v1/pages')).toBe(1);
}, 120_000);

it('fails the build naming the URL after four 5xx answers', async () => {
  const { cms, code, log } = await buildAgainst('5xx', (request) => (request.url === '/api/v1/pages' ? { status: 502, headers: { 'retry-after': '0' }, body: 'Bad Gateway' } : null));
  expect(code).not.toBe(0);
  expect(log).toContain(`GET ${cms.url}/api/v1/pages answered 502: Bad Gateway`);
  expect(cms.seen.get('/api/v1/pages')).toBe(4);
}, 120_000);

it('fails the build naming the URL when an answer is not JSON', async () => {
  const { cms, code, log } = await buildAgainst('not-json', (request) => (request.url === '/api/v1/pages' ? { status: 200, headers: { 'content-type': 'text/html' }, body: '<!doctype html><p>Trang chủ</p>' } : null));
  expect(code).not.toBe(0);
  expect(log).toContain(`GET ${cms.url}/api/v1/pages answered 200 with a body that is not JSON`);
}, 120_000);

it('fails the build naming the URL when the CMS does not answer in time', async () => {
  const { cms, code, log } = await buildAgainst('hang', (request) => (request.url === '/api/v1/pages' ? 'hang' : null), { CMS_TIMEOUT: '1' });
  expect(code).not.toBe(0);
  expect(log).toContain(`GET ${cms.url}/api/v1/pages: no answer within 1 s.`);
}, 120_000);

it('fails the build naming the URL when nothing listens there', async () => {
  const closed = await troubled(() => null);
  await closed.close();
  const dirs = { out: join(work, 'out-refused'), cache: join(work, 'cache-refused') };
  const result = await build('refused', dirs, { CMS_URL: closed.url });
  expect(result.code).not.toBe(0);
  expect(result.log).toMatch(new RegExp(`GET ${closed.url}/api/v1/\\S+ failed 4 times \\(last: ECONNREFUSED\\)`));
}, 120_000);

it('fails the build when the url is not http(s)', async () => {
  const dirs = { out: join(work, 'out-ftp'), cache: join(work, 'cache-ftp') };
  const result = await build('not http', dirs, { CMS_URL: 'ftp://127.0.0.1/' });
  expect(result.code).not.toBe(0);
  expect(result.log).toContain('url "ftp://127.0.0.1/" is not http(s)');
}, 120_000);
