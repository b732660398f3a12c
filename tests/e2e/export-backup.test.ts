// A kept daily backup, restored end to end: a served CMS with the demo seed, a cover photo and a visit;
// a platform admin's "Sao lưu ngay" (/admin/sao-luu) run to completion by the deployment's BackupRunner;
// then more writes, `npm run export -- --from-backup latest`, `npm run restore` into a new store, that
// store served, and its answers compared with the source's at the backup (API list and items, feeds,
// cover page, visit total). The export's own token is revoked at the end, also when it fails.
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccounts, pngImage, signIn } from '../support/admin.ts';
import { READER_UA, launchBrowser } from '../support/browser.ts';
import { runCli } from '../support/cli.ts';
import { database } from '../../functions/data/db.ts';
import { createToken } from '../../functions/data/tokens.ts';
import { withLocalEnv } from '../../scripts/local-db.ts';
import { openArchive } from '../../scripts/archive/read.ts';
import { apiWrite, serve, type Served } from '../support/served.ts';
import { IDLE_PORT, allPages, getOn, text, totalOf, withoutViews } from '../support/served-answers.ts';

const COMMUNE = 'tancuong.localhost';
const HOSTS = [null, COMMUNE];
const PATHS = ['/feed.json', '/rss.xml', '/sitemap.xml', '/api/v1/documents?limit=100', '/api/v1/pages', '/api/v1/categories'];

let source: Served;
let restored: Served;
let dir: string;
let archive: string;
let backupId = '';
let exportRun: { code: number | null; stderr: string };
/** The source's answers when the backup was made. */
const before = { totals: [] as number[], lists: [] as unknown[][], items: new Map<string, unknown>(), paths: new Map<string, string>(), cover: '' };
let articleSlug = '';

const runsTokens = (served: Served) => withLocalEnv(async (env) =>
  (await env.DB.prepare("SELECT name, revoked_at FROM api_tokens WHERE name LIKE 'export %'").all<{ name: string; revoked_at: number | null }>()).results, { persistTo: served.persistTo, quiet: true });

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bientap-backup-export-'));
  source = await serve();
  const platform = await withLocalEnv(async (env) => (await createToken(database(env.DB), 1, 'sao-luu', ['import'], null, { allSites: true })).token, { persistTo: source.persistTo, quiet: true });
  const auth = { Authorization: `Bearer ${platform}` };
  // A cover photo with its copies (their sizes in its R2 metadata, which the backup's media.ndjson now carries).
  const form = new FormData();
  form.set('file', new Blob([new Uint8Array(pngImage(900, 600))], { type: 'image/png' }), 'bia-sao-luu.png');
  form.set('sourceUrl', 'https://cu.example.vn/bia-sao-luu.png');
  const photo = await source.fetch('/api/v1/import/media', { method: 'POST', headers: auth, body: form });
  expect(photo.status).toBe(201);
  const created = await apiWrite(source, 'POST', '/api/v1/articles', {
    title: 'Sao lưu hằng ngày: bài thử', body: 'Nội dung của bài **sao lưu**.', category: 'tin-tuc-su-kien', status: 'published',
    cover: { key: ((await photo.json()) as { key: string }).key, alt: 'Ảnh bìa sao lưu' },
  });
  expect(created.status).toBe(201);
  articleSlug = ((await created.json()) as { slug: string }).slug;
  await getOn(source, null, `/bai-viet/${articleSlug}`, { 'User-Agent': READER_UA });

  for (const host of HOSTS) {
    before.totals.push(await totalOf(source, host));
    const list = await allPages(source, host, '/api/v1/articles?limit=50');
    before.lists.push(list);
    for (const item of list as { slug: string }[]) before.items.set(`${host}:${item.slug}`, withoutViews(await text(source, host, `/api/v1/articles/${item.slug}`)));
    for (const path of PATHS) before.paths.set(`${host}:${path}`, await text(source, host, path));
  }

  // "Sao lưu ngay" as a platform admin does it; the runner's alarms follow one another at once (pause 0).
  const [admin] = await createAccounts(source, [{ role: 'admin', name: 'Quản Trị Sao Lưu', platformAdmin: true }]);
  const browser = await launchBrowser();
  try {
    const page = await (await browser.newContext()).newPage();
    await signIn(page, source, admin!);
    await page.goto(`${source.url}/admin/sao-luu`);
    await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.getByRole('button', { name: 'Sao lưu ngay' }).click()]);
    await page.getByText('Đã bắt đầu sao lưu.', { exact: false }).first().waitFor();
  } finally {
    await browser.close();
  }
  // Polled through the backups endpoint (each answer a round trip, no timer) until the backup is complete.
  for (let tries = 0; !backupId; tries++) {
    expect(tries, 'the backup never completed').toBeLessThan(5000);
    const { backups } = (await (await source.fetch('/api/v1/export/backups', { headers: auth })).json()) as { backups: { id: string }[] };
    backupId = backups[0]?.id ?? '';
  }

  // After the backup: an article the archive must not have.
  expect((await apiWrite(source, 'POST', '/api/v1/articles', { title: 'Viết sau bản sao lưu', category: 'tin-tuc-su-kien', status: 'published', body: 'Sau.' })).status).toBe(201);

  archive = join(dir, 'tu-sao-luu.tar.gz');
  exportRun = await runCli('export', source.persistTo, ['--out', archive, '--from-backup', 'latest'], { PORT: new URL(source.url).port });
  expect(exportRun.code, exportRun.stderr).toBe(0);
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

describe('an archive made from the latest backup', () => {
  it('is the backup\'s: its id in the manifest, every site, the writes after it absent', async () => {
    expect(exportRun.stderr).toContain(`export: backup ${backupId}`);
    const a = await openArchive(archive);
    try {
      expect(a.manifest).toMatchObject({ format: 'bientap-export', scope: 'all', backup: { id: backupId } });
      expect(a.manifest.media.missing).toBeUndefined();
      expect(a.manifest.media.count).toBeGreaterThan(0);
    } finally {
      await a.close();
    }
    const titles = (await allPages(restored, null, '/api/v1/articles?limit=50') as { title: string }[]).map((i) => i.title);
    expect(titles).toContain('Sao lưu hằng ngày: bài thử');
    expect(titles).not.toContain('Viết sau bản sao lưu');
  });

  it('restored, answers as the source did at the backup: lists, items, feeds, pages, visit totals', async () => {
    for (const [i, host] of HOSTS.entries()) {
      expect(await totalOf(restored, host), `${host} total`).toBe(before.totals[i]);
      expect(await allPages(restored, host, '/api/v1/articles?limit=50')).toEqual(before.lists[i]);
      for (const item of before.lists[i] as { slug: string }[]) {
        expect(withoutViews(await text(restored, host, `/api/v1/articles/${item.slug}`)), item.slug).toEqual(before.items.get(`${host}:${item.slug}`));
      }
      for (const path of PATHS) expect(await text(restored, host, path), `${host ?? ''}${path}`).toBe(before.paths.get(`${host}:${path}`));
    }
    expect(before.lists[0]!.length).toBeGreaterThan(3);
  });

  it('keeps the cover\'s R2 metadata: the restored article page has its srcset', async () => {
    const page = await text(restored, null, `/bai-viet/${articleSlug}`);
    expect(page).toMatch(/srcset="[^"]*\.w640\.webp 640w/);
  });

  it('revokes the token the run made, and the one of a run that fails (an unknown backup: exit 1, no file)', async () => {
    const file = join(dir, 'khong-co.tar.gz');
    const failed = await runCli('export', source.persistTo, ['--out', file, '--from-backup', '2000-01-01T00-00-00Z'], { PORT: new URL(source.url).port });
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain(`no complete backup is called 2000-01-01T00-00-00Z; the deployment has: ${backupId}`);
    await expect(stat(file)).rejects.toThrow(/ENOENT/);
    const tokens = await runsTokens(source);
    expect(tokens).toHaveLength(2);
    for (const t of tokens) {
      expect(t.name).toMatch(/^export \d{4}-\d{2}-\d{2}T[\d:.]+Z pid \d+$/);
      expect(t.revoked_at, t.name).not.toBeNull();
    }
  });

  it('refuses --from-backup with --site or a malformed id (usage, exit 2)', async () => {
    for (const args of [['--from-backup', 'latest', '--site', COMMUNE], ['--from-backup', 'hom-qua']]) {
      const res = await runCli('export', source.persistTo, ['--out', join(dir, 'x.tar.gz'), ...args], { PORT: new URL(source.url).port });
      expect(res.code, args.join(' ')).toBe(2);
    }
  });
});
