// The daily backup (functions/backup/backup-runner.ts) against real local D1, R2 and its Durable Object:
// alarms run one at a time with runDurableObjectAlarm until none is left. The files equal what the export
// core reads, a table larger than a part goes up as a multipart upload fed across chunks, a failing chunk
// is retried and K failures give the backup up, the newest N are kept, and nothing is ever served or swept.
import { env } from 'cloudflare:workers';
import { runDurableObjectAlarm, runInDurableObject } from 'cloudflare:test';
import { beforeEach, describe, expect, it } from 'vitest';
import { BACKUP_PREFIX, MIN_PART_SIZE, backupId, backupKey, type BackupOptions } from '../../functions/backup/backup-options.ts';
import { backupTables, type BackupRunner } from '../../functions/backup/backup-runner.ts';
import type { BackupManifest, BackupTableEntry } from '../../functions/backup/backup-manifest.ts';
import { backupRunner } from '../../functions/backup/backup-schedule.ts';
import { EXPORT_TABLES, SKIPPED_TABLES, readTablePage, rowsToNdjson, type Cursor, type ExportTable } from '../../functions/backup/tables.ts';
import { sweepOrphanMedia } from '../../functions/media/sweep.ts';
import { call, freshCategory, postArticle, writeToken } from '../support/api.ts';
import { putImage } from './media-images.ts';

const DAY = 24 * 60 * 60 * 1000;
/** A whole backup is some fifty alarms: well within this on a busy machine. */
const SLOW = 120_000;
/**
 * Small pages and R2's least part, so every table takes its own chunk, big ones several, and 11 MiB three
 * parts; a day between chunks, so only the test runs the alarms (runDurableObjectAlarm ignores the time).
 */
const SMALL: Partial<BackupOptions> = { partSize: MIN_PART_SIZE, rowsPerPage: 2, pagesPerChunk: 2, mediaPerChunk: 1, pauseMs: DAY };

/**
 * The deployment has one runner (backupRunner); each test gets an object of its own, since Durable Object
 * storage and alarms outlive a test here, and backups of its own instant.
 */
let current = backupRunner(env);
let AT = Date.UTC(2026, 10, 1, 19, 0, 0);
beforeEach(() => {
  current = env.BACKUPS.get(env.BACKUPS.idFromName(crypto.randomUUID()));
  AT += 10 * DAY;
});
const runner = () => current;

/** The error a call rejects with (an RPC promise is no plain promise for expect().rejects). */
async function errorOf(call: () => Promise<unknown>): Promise<Error> {
  try {
    await call();
  } catch (error) {
    return error as Error;
  }
  throw new Error('no error');
}

const lines = (text: string): unknown[] => text.split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as unknown);

/** Runs the object's alarms until none is set; how many ran. */
async function drain(max = 2000): Promise<number> {
  let ran = 0;
  while (await runDurableObjectAlarm(runner())) {
    ran += 1;
    if (ran > max) throw new Error('the backup never ended');
  }
  return ran;
}

/** Runs alarms until the running backup is at that table (its first chunk not yet done). */
async function runUntilTable(name: string): Promise<void> {
  for (let i = 0; i < 2000; i++) {
    if ((await runner().status()).running?.table === name) return;
    if (!(await runDurableObjectAlarm(runner()))) break;
  }
  throw new Error(`the backup never reached ${name}`);
}

async function textOf(key: string): Promise<string> {
  const object = await env.MEDIA.get(key);
  if (!object) throw new Error(`no object ${key}`);
  return object.text();
}

async function manifestOf(id: string): Promise<BackupManifest> {
  return JSON.parse(await textOf(backupKey(id, 'manifest.json'))) as BackupManifest;
}

/** Every row of a table as the export core pages it, as NDJSON. */
async function exportedNdjson(table: ExportTable, withSecrets = false): Promise<string> {
  let text = '';
  let after: Cursor = null;
  do {
    const page = await readTablePage(env.DB, table, 'all', after, 500, { withSecrets });
    text += rowsToNdjson(page.rows);
    after = page.next;
  } while (after);
  return text;
}

/** Audit entries of 1 MiB each: the table outgrows a multipart part (5 MiB, R2's least). */
async function bigAuditRows(n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    await env.DB.prepare("INSERT INTO audit_log (action, detail, created_at) VALUES ('backup.test', hex(zeroblob(524288)), ?)").bind(AT - i).run();
  }
}

async function objectsUnder(id: string): Promise<string[]> {
  return (await env.MEDIA.list({ prefix: `${BACKUP_PREFIX}${id}/` })).objects.map((o) => o.key);
}

async function someContent(): Promise<string> {
  const token = await writeToken();
  const category = await freshCategory();
  for (const title of ['Sao lưu một', 'Sao lưu hai', 'Sao lưu ba']) await postArticle(token, { title, category, body: `Nội dung **${title}**` });
  return putImage(`2026/11/backup${crypto.randomUUID().replaceAll('-', '')}.jpg`);
}

describe('a backup, chunk by chunk', () => {
  it('writes every exported table as the export core reads it, in many chunks; a big table through a multipart upload fed across chunks', async () => {
    const image = await someContent();
    await bigAuditRows(11);
    const started = await runner().start(AT, SMALL);
    expect(started).toEqual({ started: true, id: backupId(new Date(AT)) });
    const id = started.id;
    expect(id).toMatch(/^\d{4}-\d{2}-\d{2}T19-00-00Z$/);

    const alarms = await drain();
    // One chunk per table at least, several for the tables of more than four rows, the listing, the end.
    const tables = backupTables(false);
    expect(alarms).toBeGreaterThan(tables.length + 5);

    const manifest = await manifestOf(id);
    expect(manifest).toMatchObject({ format: 'bientap-export', version: 1, createdAt: new Date(AT).toISOString(), scope: 'all', withSecrets: false, visits: 'visits.json', backup: { id } });
    expect(manifest.schema).toMatch(/^\d{4}_/);
    expect(manifest.sites.map((s) => s.id)).toContain(1);
    // Every table of the export core is listed: written, or skipped with the reason (secrets, ephemeral).
    expect(manifest.tables.map((t) => t.name).sort()).toEqual([...EXPORT_TABLES, ...SKIPPED_TABLES].map((t) => t.name).sort());
    const written = manifest.tables.filter((t): t is BackupTableEntry => 'file' in t);
    expect(written.map((t) => t.name)).toEqual(tables.map((t) => t.name));
    expect(manifest.tables.find((t) => t.name === 'totp_credentials')).toMatchObject({ skipped: expect.stringContaining('secret') });
    expect(manifest.tables.find((t) => t.name === 'sessions')).toMatchObject({ skipped: expect.stringContaining('ephemeral') });

    for (const table of tables) {
      const entry = written.find((t) => t.name === table.name)!;
      const text = await textOf(backupKey(id, entry.file));
      expect(text === (await exportedNdjson(table)), table.name).toBe(true);
      expect(entry.rows, table.name).toBe(text === '' ? 0 : text.trimEnd().split('\n').length);
      expect(entry.columns).toEqual(table.columns);
      expect(entry.bytes).toBe(new TextEncoder().encode(text).length);
    }
    // Token hashes are null without BACKUP_WITH_SECRETS=on.
    const tokens = lines(await textOf(backupKey(id, 'tables/api_tokens.ndjson'))) as { token_hash: unknown }[];
    expect(tokens.length).toBeGreaterThan(0);
    for (const t of tokens) expect(t.token_hash).toBeNull();

    // 11 MiB of audit entries: three parts (5 + 5 + 1 MiB), so the multipart ETag ends in -3.
    const audit = await env.MEDIA.head(backupKey(id, 'tables/audit_log.ndjson'));
    expect(audit!.size).toBeGreaterThan(2 * MIN_PART_SIZE);
    expect(audit!.etag).toMatch(/-3$/);

    // The media are named, not copied: the image is listed with its size, and no copy of it is under the backup.
    expect(manifest.media).toMatchObject({ copied: false, list: 'media.ndjson' });
    const listed = lines(await textOf(backupKey(id, 'media.ndjson'))) as { siteId: number; key: string; size: number }[];
    // With the object's type and metadata, so an archive made from the backup restores it as it was.
    const head = (await env.MEDIA.head(image))!;
    expect(listed).toContainEqual({ siteId: 1, key: image, size: head.size, contentType: head.httpMetadata?.contentType ?? null, cacheControl: head.httpMetadata?.cacheControl ?? null, customMetadata: head.customMetadata ?? {} });
    expect(manifest.media.count).toBe(listed.length);
    expect((await objectsUnder(id)).some((k) => k.includes(image))).toBe(false);

    const visits = JSON.parse(await textOf(backupKey(id, 'visits.json'))) as Record<string, { total: number }>;
    expect(typeof visits['1']!.total).toBe('number');

    const status = await runner().status();
    expect(status.running).toBeNull();
    expect(status.backups).toEqual([expect.objectContaining({ id, status: 'complete', tables: tables.length, error: null })]);
    expect(status.backups[0]!.bytes).toBeGreaterThan(audit!.size);
    expect(status.backups[0]!.rows).toBe(written.reduce((n, t) => n + t.rows, 0));
  }, SLOW);

  it('with secrets (BACKUP_WITH_SECRETS=on) holds the token hashes and the two-factor tables', async () => {
    await writeToken();
    const { id } = await runner().start(AT, { pauseMs: DAY, withSecrets: true });
    await drain();
    const manifest = await manifestOf(id);
    expect(manifest.withSecrets).toBe(true);
    expect(manifest.tables.find((t) => t.name === 'totp_credentials')).toMatchObject({ file: 'tables/totp_credentials.ndjson' });
    const tokens = lines(await textOf(backupKey(id, 'tables/api_tokens.ndjson'))) as { token_hash: unknown }[];
    expect(tokens.length).toBeGreaterThan(0);
    for (const t of tokens) expect(typeof t.token_hash).toBe('string');
    expect(await textOf(backupKey(id, 'tables/api_tokens.ndjson'))).toBe(await exportedNdjson(EXPORT_TABLES.find((t) => t.name === 'api_tokens')!, true));
  }, SLOW);

  it('a second start while one runs starts nothing; the same instant once done is not made again', async () => {
    const first = await runner().start(AT, SMALL);
    expect(first.started).toBe(true);
    await runDurableObjectAlarm(runner());
    expect(await runner().start(AT + DAY, SMALL)).toEqual({ started: false, id: first.id, reason: 'running' });
    await drain();
    expect(await runner().status()).toMatchObject({ running: null, backups: [{ id: first.id, status: 'complete' }] });
    expect(await runner().start(AT, SMALL)).toEqual({ started: false, id: first.id, reason: 'exists' });
    expect(await runDurableObjectAlarm(runner())).toBe(false);
  }, SLOW);

  it('refuses limits R2 or a Worker cannot take (a part under 5 MiB, 41 queries a chunk) and starts nothing', async () => {
    expect((await errorOf(() => runner().start(AT, { partSize: MIN_PART_SIZE - 1 }))).message).toMatch(/partSize is a whole number from 5242880/);
    expect((await errorOf(() => runner().start(AT, { pagesPerChunk: 41 }))).message).toMatch(/pagesPerChunk is a whole number from 1 to 40/);
    expect(await runner().status()).toEqual({ running: null, backups: [] });
    expect(await runDurableObjectAlarm(runner())).toBe(false);
  }, SLOW);
});

describe('failures', () => {
  it('a chunk that throws is done again at the next alarm, and the backup ends complete with every row', async () => {
    await someContent();
    await env.DB.prepare("INSERT INTO redirects (site_id, from_path, to_path, origin) VALUES (1, '/cu/a.html', '/tin/a', 'import'), (1, '/cu/b.html', '/tin/b', 'import'), (1, '/cu/c.html', '/tin/c', 'import')").run();
    const { id } = await runner().start(AT, SMALL);
    await runUntilTable('redirects');
    // The table is away for one chunk: that chunk fails, its position is not moved.
    await env.DB.exec('ALTER TABLE redirects RENAME TO redirects_away');
    try {
      expect(await runDurableObjectAlarm(runner())).toBe(true);
      const running = (await runner().status()).running!;
      expect(running).toMatchObject({ table: 'redirects', failures: 1 });
      expect(running.lastError).toMatch(/no such table: redirects/);
    } finally {
      await env.DB.exec('ALTER TABLE redirects_away RENAME TO redirects');
    }
    await drain();
    const manifest = await manifestOf(id);
    const redirects = manifest.tables.find((t) => t.name === 'redirects') as BackupTableEntry;
    expect(redirects.rows).toBe(3);
    expect(await textOf(backupKey(id, redirects.file))).toBe(await exportedNdjson(EXPORT_TABLES.find((t) => t.name === 'redirects')!));
    expect((await runner().status()).backups[0]).toMatchObject({ id, status: 'complete', error: null });
  }, SLOW);

  it('after maxFailures in a row the backup is given up: its multipart upload aborted, its objects deleted, the failure kept', async () => {
    await bigAuditRows(11);
    const { id } = await runner().start(AT, { ...SMALL, maxFailures: 2 });
    await runUntilTable('audit_log');
    // Two chunks of four 1 MiB rows: the second fills the first part and opens the upload.
    await runDurableObjectAlarm(runner());
    await runDurableObjectAlarm(runner());
    const job = await runInDurableObject(runner(), (_: BackupRunner, state) =>
      JSON.parse(state.storage.sql.exec<{ state: string }>('SELECT state FROM job').one().state) as { file: { key: string; uploadId: string | null; parts: unknown[] } });
    expect(job.file.uploadId).not.toBeNull();
    expect(job.file.parts).toHaveLength(1);
    expect(await objectsUnder(id)).not.toEqual([]);

    await env.DB.exec('ALTER TABLE audit_log RENAME TO audit_log_away');
    try {
      await runDurableObjectAlarm(runner());
      expect((await runner().status()).running).toMatchObject({ table: 'audit_log', failures: 1 });
      await runDurableObjectAlarm(runner());
    } finally {
      await env.DB.exec('ALTER TABLE audit_log_away RENAME TO audit_log');
    }
    await drain();
    const status = await runner().status();
    expect(status.running).toBeNull();
    expect(status.backups).toEqual([expect.objectContaining({ id, status: 'failed', error: expect.stringMatching(/^tables: .*no such table: audit_log/) })]);
    expect(await objectsUnder(id)).toEqual([]);
    // The upload is gone: completing it now is refused.
    const upload = env.MEDIA.resumeMultipartUpload(job.file.key, job.file.uploadId!);
    await expect(upload.complete(job.file.parts as R2UploadedPart[])).rejects.toThrow();
    // A new backup may start.
    expect((await runner().start(AT + DAY, SMALL)).started).toBe(true);
    await drain();
    expect((await runner().status()).backups.map((b) => b.status)).toEqual(['complete', 'failed']);
  }, SLOW);
});

describe('what is kept, and where backups can never be reached', () => {
  it('keeps the newest N complete backups and deletes the objects of older ones', async () => {
    const ids: string[] = [];
    for (let day = 0; day < 3; day++) {
      const started = await runner().start(AT + day * DAY, { pauseMs: DAY, keep: 2 });
      expect(started.started).toBe(true);
      ids.push(started.id);
      await drain();
    }
    expect((await runner().status()).backups.map((b) => [b.id, b.status])).toEqual([[ids[2], 'complete'], [ids[1], 'complete']]);
    expect(await objectsUnder(ids[0]!)).toEqual([]);
    for (const id of ids.slice(1)) {
      expect(await objectsUnder(id)).toContain(backupKey(id, 'manifest.json'));
      expect(await objectsUnder(id)).toContain(backupKey(id, 'tables/articles.ndjson'));
    }
  }, SLOW);

  it('no backup object is served by /media/, and the orphan sweep neither deletes nor registers one', async () => {
    await someContent();
    const { id } = await runner().start(AT, { pauseMs: DAY });
    await drain();
    const keys = await objectsUnder(id);
    expect(keys).toContain(backupKey(id, 'manifest.json'));
    for (const path of [`/media/${backupKey(id, 'manifest.json')}`, `/media/${id}/tables/users.ndjson`, '/media/_backups/x/y', `/media/..%2F${backupKey(id, 'manifest.json')}`]) {
      const res = await call(path);
      expect(res.status, path).toBe(404);
      expect(await res.text()).not.toContain('bientap-export');
    }
    // A sweep two days later walks the whole bucket: the backup's objects are no candidates.
    let wrapped = false;
    for (let i = 0; i < 50 && !wrapped; i++) {
      const sweep = await sweepOrphanMedia(env, new Date(Date.now() + 2 * DAY));
      expect(sweep.deleted.filter((k) => k.startsWith(BACKUP_PREFIX))).toEqual([]);
      expect(sweep.registered.filter((r) => r.key.includes(id))).toEqual([]);
      wrapped = sweep.wrapped;
    }
    expect(wrapped).toBe(true);
    expect(await objectsUnder(id)).toEqual(keys);
  }, SLOW);
});
