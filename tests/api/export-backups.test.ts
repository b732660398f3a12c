// GET /api/v1/export/backups[/:id/...] (functions/api/export-backups.ts): the deployment's complete backups
// newest first and their files streamed as the runner wrote them, to an all-sites import token only; a
// running backup, an unknown id and a file a backup never has are 404.
import { env } from 'cloudflare:workers';
import { runDurableObjectAlarm } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { backupKey, type BackupOptions } from '../../functions/backup/backup-options.ts';
import { backupRunner } from '../../functions/backup/backup-schedule.ts';
import { database } from '../../functions/data/db.ts';
import { createToken } from '../../functions/data/tokens.ts';
import { FIRST_SITE_ID, call, expectProblem, freshCategory, postArticle, unique, writeToken } from '../support/api.ts';
import { putImage } from './media-images.ts';

const DAY = 24 * 60 * 60 * 1000;
/** A day between chunks: only the test runs the alarms. */
const OPTIONS: Partial<BackupOptions> = { pauseMs: DAY };
const FIRST = Date.UTC(2026, 10, 1, 19, 0, 0);
const SECOND = FIRST + DAY;

const importToken = async (allSites: boolean) => (await createToken(database(env.DB), FIRST_SITE_ID, unique('backups'), ['import'], null, { allSites })).token;
const get = (path: string, token: string | null) => call(path, { headers: token ? { Authorization: `Bearer ${token}` } : {} });

async function drain(): Promise<void> {
  for (let i = 0; await runDurableObjectAlarm(backupRunner(env)); i++) if (i > 500) throw new Error('the backup never ended');
}

let token = '';
let image = '';
beforeAll(async () => {
  await postArticle(await writeToken(), { title: 'Bài trong bản sao lưu', category: await freshCategory(), body: 'Nội dung.' });
  image = await putImage(`2026/11/${unique('sao-luu')}.jpg`);
  token = await importToken(true);
  for (const at of [FIRST, SECOND]) {
    expect((await backupRunner(env).start(at, OPTIONS)).started).toBe(true);
    await drain();
  }
});

describe('GET /api/v1/export/backups', () => {
  it('lists the complete backups newest first with their size, tables and rows', async () => {
    const res = await get('/api/v1/export/backups', token);
    expect(res.status).toBe(200);
    const { backups } = (await res.json()) as { backups: { id: string; size: number; tables: number; rows: number; startedAt: string }[] };
    expect(backups.map((b) => b.id)).toEqual(['2026-11-02T19-00-00Z', '2026-11-01T19-00-00Z']);
    expect(backups[0]).toMatchObject({ startedAt: new Date(SECOND).toISOString() });
    expect(backups[0]!.size).toBeGreaterThan(0);
    expect(backups[0]!.tables).toBeGreaterThan(10);
    expect(backups[0]!.rows).toBeGreaterThan(0);
  });

  it('leaves out a running backup, whose files are also 404', async () => {
    const running = await backupRunner(env).start(SECOND + DAY, OPTIONS);
    try {
      const { backups } = (await (await get('/api/v1/export/backups', token)).json()) as { backups: { id: string }[] };
      expect(backups.map((b) => b.id)).not.toContain(running.id);
      await expectProblem(await get(`/api/v1/export/backups/${running.id}/manifest.json`, token), 404);
    } finally {
      await drain();
    }
  });

  it('refuses without a token (401) and to a one-site import token (403)', async () => {
    await expectProblem(await get('/api/v1/export/backups', null), 401);
    const site = await importToken(false);
    expect((await expectProblem(await get('/api/v1/export/backups', site), 403)).detail).toContain('all sites');
    await expectProblem(await get('/api/v1/export/backups/2026-11-01T19-00-00Z/manifest.json', site), 403);
    await expectProblem(await get('/api/v1/export/backups/2026-11-01T19-00-00Z/tables/articles.ndjson', site), 403);
  });
});

describe('GET /api/v1/export/backups/:id/...', () => {
  const id = '2026-11-01T19-00-00Z';

  it('streams manifest.json, visits.json, media.ndjson and a table as stored', async () => {
    for (const file of ['manifest.json', 'visits.json', 'media.ndjson', 'tables/articles.ndjson']) {
      const res = await get(`/api/v1/export/backups/${id}/${file}`, token);
      expect(res.status, file).toBe(200);
      expect(res.headers.get('Cache-Control')).toBe('private, no-store');
      expect(await res.text(), file).toBe(await (await env.MEDIA.get(backupKey(id, file)))!.text());
    }
    const manifest = (await (await get(`/api/v1/export/backups/${id}/manifest.json`, token)).json()) as { backup: { id: string } };
    expect(manifest.backup).toEqual({ id });
    const media = await (await get(`/api/v1/export/backups/${id}/media.ndjson`, token)).text();
    expect(media).toContain(JSON.stringify(image));
    const articles = await (await get(`/api/v1/export/backups/${id}/tables/articles.ndjson`, token)).text();
    expect(articles).toContain('Bài trong bản sao lưu');
  });

  it('404 for an unknown or malformed id, a file a backup never has, and a table it did not write', async () => {
    for (const path of [
      '2026-01-01T00-00-00Z/manifest.json', 'latest/manifest.json', `${id}/secret.json`, `${id}/tables/..%2Fmanifest.json`,
      `${id}/tables/Articles.ndjson`, `${id}/tables/sessions.ndjson`,
    ]) {
      await expectProblem(await get(`/api/v1/export/backups/${path}`, token), 404);
    }
  });
});
