// Export and restore end to end: a served CMS with the demo seed, a few writes and counted visits,
// `npm run export`, `npm run restore` into a new store, that store served, and every public answer
// compared (the API's lists and items, feeds, sitemap, an article page, the visit total). Plus what the
// CLIs refuse, that an export without secrets holds no password hash, and that with them accounts sign in.
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccounts, pngImage, signIn } from '../support/admin.ts';
import { READER_UA, launchBrowser } from '../support/browser.ts';
import { runCli } from '../support/cli.ts';
import { database } from '../../functions/data/db.ts';
import { createToken } from '../../functions/data/tokens.ts';
import { withLocalEnv } from '../../scripts/local-db.ts';
import { apiWrite, serve, type Served } from '../support/served.ts';
import { IDLE_PORT, allPages, getOn, text, totalOf, withoutViews } from '../support/served-answers.ts';
import { openArchive } from '../../scripts/archive/read.ts';

/**
 * Tests that start (and restore into) a wrangler dev server of their own inside the test: a cold start of a
 * seeded store is 5-10 s on a quiet machine, 40 s and more on a loaded 2-core one (CI once timed out at 60 s).
 */
const SERVER_INSIDE_MS = 180_000;

const COMMUNE = 'tancuong.localhost';

/** An article page without the live figures (data-stat) and "Xem nhiều nhất" counts the counters fill in. */
const withoutCounters = (html: string) => html.replace(/(<[^>]*data-stat[^>]*>)[^<]*/g, '$1').replace(/(<[^>]*data-views[^>]*>)[^<]*/g, '$1');

let source: Served;
let restored: Served;
let dir: string;
let archive: string;
let sourceTotals: { first: number; commune: number };
let articleSlug: string;
let account: { email: string; password: string } | undefined;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bientap-export-'));
  source = await serve();
  // A few writes: a published article with tags, a draft.
  // A photo through the import's media endpoint (stored with its copies and their sizes in its R2 metadata), as a cover.
  const importToken = await withLocalEnv(async (env) => (await createToken(database(env.DB), 1, 'anh', ['import'])).token, { persistTo: source.persistTo, quiet: true });
  const form = new FormData();
  form.set('file', new Blob([new Uint8Array(pngImage(900, 600))], { type: 'image/png' }), 'anh-bia.png');
  form.set('sourceUrl', 'https://cu.example.vn/anh-bia.png');
  const photo = await source.fetch('/api/v1/import/media', { method: 'POST', headers: { Authorization: `Bearer ${importToken}` }, body: form });
  expect(photo.status).toBe(201);
  const cover = { key: ((await photo.json()) as { key: string }).key, alt: 'Ảnh bìa thử' };
  const created = await apiWrite(source, 'POST', '/api/v1/articles', {
    title: 'Xuất và khôi phục: bài thử', body: 'Nội dung **đậm** của bài thử.\n\n- một\n- hai', category: 'tin-tuc-su-kien', tags: ['Sao lưu', 'Khôi phục'], status: 'published', summary: 'Tóm tắt', cover,
  });
  expect(created.status).toBe(201);
  articleSlug = ((await created.json()) as { slug: string }).slug;
  expect((await apiWrite(source, 'POST', '/api/v1/articles', { title: 'Bản nháp xuất', category: 'tin-tuc-su-kien' })).status).toBe(201);
  // An account, so the archive has one to keep (its password hash only with --with-secrets).
  [account] = await createAccounts(source, [{ role: 'editor', name: 'Biên tập sao lưu' }]);
  // Two readers' visits, on the first site and on a commune.
  await getOn(source, null, `/bai-viet/${articleSlug}`, { 'User-Agent': READER_UA });
  await getOn(source, COMMUNE, '/', { 'User-Agent': `${READER_UA} khac` });
  sourceTotals = { first: await totalOf(source, null), commune: await totalOf(source, COMMUNE) };

  archive = join(dir, 'portal.tar.gz');
  const exported = await runCli('export', source.persistTo, ['--out', archive], { PORT: new URL(source.url).port });
  expect(exported.stderr).toMatch(/export: articles: \d+ rows/);
  expect(exported.code, exported.stderr).toBe(0);
  expect(exported.stdout.trim()).toBe(archive);

  const store = join(dir, 'restored');
  const done = await runCli('restore', store, [archive], { PORT: IDLE_PORT });
  expect(done.code, done.stderr).toBe(0);
  restored = await serve({ store });
}, 300_000);

afterAll(async () => {
  await restored?.stop();
  await source?.stop();
  await rm(dir, { recursive: true, force: true });
});

describe('a restored deployment answers as the exported one did', () => {
  it('the visit totals carry over (before anyone visits the restored one)', async () => {
    expect(sourceTotals.first).toBeGreaterThan(0);
    expect(await totalOf(restored, null)).toBe(sourceTotals.first);
    expect(await totalOf(restored, COMMUNE)).toBe(sourceTotals.commune);
  });

  it('the articles API, every page and every item, on the first site and a commune', async () => {
    for (const host of [null, COMMUNE]) {
      const before = await allPages(source, host, '/api/v1/articles?limit=7');
      const after = await allPages(restored, host, '/api/v1/articles?limit=7');
      expect(after).toEqual(before);
      expect(before.length).toBeGreaterThan(3);
      for (const item of before as { slug: string }[]) {
        expect(withoutViews(await text(restored, host, `/api/v1/articles/${item.slug}`)), item.slug).toEqual(withoutViews(await text(source, host, `/api/v1/articles/${item.slug}`)));
      }
    }
  });

  it('feeds, sitemap, documents, pages and search', async () => {
    for (const path of ['/feed.json', '/rss.xml', '/sitemap.xml', '/api/v1/documents?limit=100', '/api/v1/pages', '/api/v1/categories', `/api/v1/documents?q=${encodeURIComponent('quyết định')}`, `/api/v1/articles?q=${encodeURIComponent('khôi phục')}`]) {
      for (const host of [null, COMMUNE]) expect(await text(restored, host, path), `${host ?? ''}${path}`).toBe(await text(source, host, path));
    }
  });

  it('an article page with its cover (whose srcset comes from the R2 metadata), minus the live counters', async () => {
    const path = `/bai-viet/${articleSlug}`;
    // Split at tags, so a difference shows as the one element that differs.
    const tags = (html: string) => withoutCounters(html).split('><');
    const before = tags(await text(source, null, path));
    expect(before.some((t) => /srcset="[^"]*\.w640\.webp 640w/.test(t))).toBe(true);
    expect(tags(await text(restored, null, path))).toEqual(before);
  });

  it('the media and the documents\' files', async () => {
    const a = await openArchive(archive);
    try {
      let checked = 0;
      for await (const o of a.objects()) {
        if (checked >= 3) break;
        if (!/^\d{4}\//.test(o.key)) continue;
        const host = o.siteId === 1 ? null : COMMUNE;
        if (host === COMMUNE) continue;
        const before = await getOn(source, host, `/media/${o.key}`);
        const after = await getOn(restored, host, `/media/${o.key}`);
        expect(after.status).toBe(200);
        expect(after.body).toBe(before.body);
        checked += 1;
      }
      expect(checked).toBeGreaterThan(0);
      expect(a.manifest.media.count).toBeGreaterThan(0);
    } finally {
      await a.close();
    }
    const docs = JSON.parse(await text(source, null, '/api/v1/documents?limit=1')) as { items: { slug: string }[] };
    const doc = JSON.parse(await text(source, null, `/api/v1/documents/${docs.items[0]!.slug}`)) as { files: { url: string }[] };
    const file = doc.files[0]!.url.replace(/^https?:\/\/[^/]+/, '');
    const [before, after] = [await getOn(source, null, file), await getOn(restored, null, file)];
    expect(after.status).toBe(200);
    expect(after.body).toBe(before.body);
  });
});

describe('what the archive holds, and what the CLIs refuse', () => {
  it('without --with-secrets: no password or token hash anywhere in the archive, accounts still there', async () => {
    const tarText = gunzipSync(await readFile(archive)).toString('latin1');
    expect(tarText).not.toMatch(/pbkdf2-sha256\$/);
    const a = await openArchive(archive);
    try {
      expect(a.manifest).toMatchObject({ format: 'bientap-export', version: 1, scope: 'all', withSecrets: false });
      expect(a.manifest.schema).toMatch(/^\d{4}_/);
      const users = [];
      for await (const u of a.rows('users')) users.push(u);
      expect(users.length).toBeGreaterThan(0);
      expect(users.every((u) => u['password_hash'] === null)).toBe(true);
      for await (const t of a.rows('api_tokens')) expect(t['token_hash']).toBeNull();
      expect(a.manifest.tables.find((t) => t.name === 'sessions')).toEqual({ name: 'sessions', skipped: expect.stringMatching(/ephemeral/) });
    } finally {
      await a.close();
    }
  });

  it('--site HOST: one site\'s archive, without the accounts, every row and object of that site only', async () => {
    const file = join(dir, 'commune.tar.gz');
    const exported = await runCli('export', source.persistTo, ['--out', file, '--site', COMMUNE], { PORT: new URL(source.url).port });
    expect(exported.code, exported.stderr).toBe(0);
    const a = await openArchive(file);
    try {
      const [site] = a.manifest.sites;
      expect(a.manifest.sites).toHaveLength(1);
      expect(site!.hosts).toContain(COMMUNE);
      expect(a.manifest.scope).toEqual({ sites: [site!.id] });
      expect(a.manifest.tables.find((t) => t.name === 'users')).toEqual({ name: 'users', skipped: expect.stringMatching(/deployment-wide/) });
      let articles = 0;
      for await (const row of a.rows('articles')) {
        expect(row['site_id']).toBe(site!.id);
        articles += 1;
      }
      expect(articles).toBeGreaterThan(0);
      for await (const o of a.objects()) expect(o.siteId).toBe(site!.id);
      expect(Object.keys(await a.visits())).toEqual([String(site!.id)]);
    } finally {
      await a.close();
    }
  });

  it('export refuses to overwrite its file; restore refuses a database with content, and a running server', async () => {
    const size = (await stat(archive)).size;
    const again = await runCli('export', source.persistTo, ['--out', archive], { PORT: new URL(source.url).port });
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/exists already/);
    expect((await stat(archive)).size).toBe(size);

    const full = await runCli('restore', join(dir, 'restored'), [archive], { PORT: IDLE_PORT });
    expect(full.code).toBe(1);
    expect(full.stderr).toMatch(/has content already \(\d+ articles, .*\)/);
    // --force replaces it: the same archive again gives the same rows, not twice as many.
    const forced = await runCli('restore', join(dir, 'restored'), [archive, '--force'], { PORT: IDLE_PORT });
    expect(forced.code, forced.stderr).toBe(0);
    const articleRows = (stderr: string) => /restore: articles: (\d+) rows/.exec(stderr)?.[1];
    expect(articleRows(forced.stderr)).toBeDefined();
    const count = await withLocalEnv(async (env) => (await env.DB.prepare('SELECT count(*) AS n FROM articles').first<{ n: number }>())!.n, { persistTo: join(dir, 'restored'), quiet: true });
    expect(String(count)).toBe(articleRows(forced.stderr));

    const busy = await runCli('restore', join(dir, 'other'), [archive], { PORT: new URL(source.url).port });
    expect(busy.code).toBe(1);
    expect(busy.stderr).toMatch(/stop it first/);
  });

  it('with --with-secrets an account signs in on the restored deployment', async () => {
    const file = join(dir, 'secrets.tar.gz');
    const exported = await runCli('export', source.persistTo, ['--out', file, '--with-secrets'], { PORT: new URL(source.url).port });
    expect(exported.code, exported.stderr).toBe(0);
    expect(gunzipSync(await readFile(file)).toString('latin1')).toMatch(/pbkdf2-sha256\$/);
    const store = join(dir, 'with-secrets');
    const done = await runCli('restore', store, [file], { PORT: IDLE_PORT });
    expect(done.code, done.stderr).toBe(0);
    const served = await serve({ store });
    const browser = await launchBrowser();
    try {
      const page = await (await browser.newContext()).newPage();
      await signIn(page, served, account!);
      // Restored without secrets, the same account's password matches nothing: it stays on the sign-in form.
      const refused = await (await browser.newContext()).newPage();
      await refused.goto(`${restored.url}/admin/login`);
      await refused.getByLabel('Email', { exact: true }).fill(account!.email);
      await refused.getByLabel('Mật khẩu', { exact: true }).fill(account!.password);
      await Promise.all([refused.waitForLoadState('load'), refused.getByRole('button', { name: 'Đăng nhập' }).click()]);
      await refused.getByRole('alert').first().waitFor();
      expect(new URL(refused.url()).pathname).toBe('/admin/login');
    } finally {
      await browser.close();
      await served.stop();
    }
  }, SERVER_INSIDE_MS);
});

describe('restore into a deployed CMS (--remote), through its restore endpoints', () => {
  it('refuses a deployment with content, replaces it with --force, and then answers as the exported one did', async () => {
    const target = await serve();
    try {
      const token = await withLocalEnv(async (env) => (await createToken(database(env.DB), 1, 'restore', ['import'], null, { allSites: true })).token, { persistTo: target.persistTo, quiet: true });
      // A site's token may not begin a restore; nothing goes in without a begun restore's key.
      const siteToken = await withLocalEnv(async (env) => (await createToken(database(env.DB), 1, 'mot-trang', ['import'])).token, { persistTo: target.persistTo, quiet: true });
      const refusedBegin = await target.fetch('/api/v1/restore/begin', { method: 'POST', headers: { Authorization: `Bearer ${siteToken}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ schema: '0001_x' }) });
      expect(refusedBegin.status).toBe(403);
      const noKey = await target.fetch('/api/v1/restore/tables/articles', { method: 'POST', headers: { 'Restore-Key': 'rk_nope' }, body: '{}' });
      expect(noKey.status).toBe(401);

      const refused = await runCli('restore', join(dir, 'unused'), [archive, '--remote', target.url, '--token', token], { PORT: IDLE_PORT });
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(/409 The deployment has content already \(\d+ articles/);

      const done = await runCli('restore', join(dir, 'unused'), [archive, '--remote', target.url, '--token', token, '--force'], { PORT: IDLE_PORT });
      expect(done.code, done.stderr).toBe(0);
      expect(done.stdout).toMatch(/into http:\/\/127\.0\.0\.1:/);
      expect(await totalOf(target, null)).toBe(sourceTotals.first);
      for (const host of [null, COMMUNE]) {
        expect(await allPages(target, host, '/api/v1/articles?limit=50')).toEqual(await allPages(source, host, '/api/v1/articles?limit=50'));
        for (const path of ['/feed.json', '/sitemap.xml', '/api/v1/documents?limit=100', '/api/v1/pages']) expect(await text(target, host, path), path).toBe(await text(source, host, path));
      }
      // The token that began it was replaced with the archive's accounts and tokens (hashes left out): it is gone.
      const after = await target.fetch('/api/v1/export/manifest', { headers: { Authorization: `Bearer ${token}` } });
      expect(after.status).toBe(401);
    } finally {
      await target.stop();
    }
  }, SERVER_INSIDE_MS);
});
