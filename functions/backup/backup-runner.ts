// The daily backup of the whole deployment to R2, in the export archive's layout unpacked under
// _backups/<id>/ (tables/<table>.ndjson, media.ndjson, visits.json, then manifest.json last: a folder
// with a manifest is complete). One object for the deployment; each alarm does one bounded chunk (a few
// pages of one table, or a page of the media listing) and sets the next alarm at once. A chunk's
// position is saved only after its bytes are in R2, so a chunk that throws is done again whole at the
// next alarm; after `maxFailures` in a row the backup is given up (its upload aborted, its objects deleted).
import { DurableObject } from 'cloudflare:workers';
import { reloadRegistry } from '../sites/registry.ts';
import { backupId, backupKey, backupOptions, type BackupOptions } from './backup-options.ts';
import { abortFile, newFile, writePending, writeToFile, type FileState, type PendingChange } from './backup-file.ts';
import { backupManifest, type BackupTableEntry } from './backup-manifest.ts';
import { deleteBatch, forgetOldFailures, nextToDelete, type BackupRow } from './backup-retention.ts';
import { BACKUP_RUNNER_SCHEMA } from './backup-runner-schema.ts';
import { listExportObjects, type MediaCursor } from './export-media.ts';
import { schemaTag, siteVisits } from './export-manifest.ts';
import { EXPORT_TABLES, readTablePage, rowsToNdjson, tableSkip, type Cursor, type ExportTable } from './tables.ts';

type Phase = 'tables' | 'media' | 'finish' | 'prune';

/** The running backup's position: everything the next alarm needs. */
interface Job {
  id: string;
  /** Moves with every saved change: a chunk whose job changed meanwhile (another run of the alarm) is dropped. */
  seq: number;
  startedAt: number;
  options: BackupOptions;
  phase: Phase;
  /** In the tables phase: which table, and the key after which its next page starts. */
  tableIndex: number;
  cursor: Cursor;
  /** In the media phase: the sites listed and where the listing stands. */
  siteIds: number[] | null;
  mediaCursor: MediaCursor | null;
  /** The file being written, and its rows so far. */
  file: FileState | null;
  fileRows: number;
  tables: BackupTableEntry[];
  /** The objects listed (their count and bytes) and the bytes of media.ndjson. */
  media: { count: number; bytes: number; listBytes: number };
  failures: number;
  lastError: string | null;
}

/** What a chunk did: the job after it (null: nothing left) and the change to the pending bytes. */
interface Step {
  job: Job | null;
  pending?: PendingChange;
  commit?: () => void;
}

export interface StartResult {
  started: boolean;
  id: string;
  /** Why not: one is running (or deleting old ones), or the backup of that instant exists. */
  reason?: 'running' | 'exists';
}

export interface BackupSummary {
  id: string;
  startedAt: string;
  finishedAt: string | null;
  status: BackupRow['status'];
  bytes: number;
  tables: number;
  rows: number;
  error: string | null;
}

export interface BackupStatus {
  running: { id: string; phase: Phase; table: string | null; failures: number; lastError: string | null } | null;
  /** Newest first. */
  backups: BackupSummary[];
}

/** The tables a backup holds (the secret ones only with secrets; skipped ones are named in the manifest). */
export const backupTables = (withSecrets: boolean): ExportTable[] => EXPORT_TABLES.filter((t) => !tableSkip(t, 'all', withSecrets));

export const MEDIA_LIST_FILE = 'media.ndjson';

/** After a failed chunk: 30 s, doubling, at most 15 minutes. */
export const retryDelay = (failures: number): number => Math.min(30_000 * 2 ** (failures - 1), 15 * 60_000);

const encoder = new TextEncoder();

export class BackupRunner extends DurableObject<Env> {
  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    ctx.storage.sql.exec(BACKUP_RUNNER_SCHEMA);
  }

  private get sql() {
    return this.ctx.storage.sql;
  }

  private job(): Job | null {
    const row = this.sql.exec<{ state: string }>('SELECT state FROM job WHERE id = 1').toArray()[0];
    return row ? (JSON.parse(row.state) as Job) : null;
  }

  /** Whether the stored job is still the one a chunk began from. */
  private unchanged(job: Job): boolean {
    return this.job()?.seq === job.seq;
  }

  private save(job: Job | null): void {
    if (job) this.sql.exec('INSERT INTO job (id, state) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET state = excluded.state', JSON.stringify(job));
    else this.sql.exec('DELETE FROM job');
  }

  /**
   * Begins the backup of instant `at` unless one is running (or deleting old ones) or that instant's
   * exists already (a repeated cron run). `given` narrows the limits (tests); a bad value is a RangeError.
   */
  async start(at: number, given: Partial<BackupOptions> = {}): Promise<StartResult> {
    const running = this.job();
    if (running) return { started: false, id: running.id, reason: 'running' };
    const id = backupId(new Date(at));
    if (this.sql.exec('SELECT 1 FROM backups WHERE id = ?', id).toArray().length > 0) return { started: false, id, reason: 'exists' };
    const options = backupOptions(this.env, given);
    const job: Job = {
      id, seq: 0, startedAt: at, options, phase: 'tables', tableIndex: 0, cursor: null, siteIds: null, mediaCursor: null,
      file: null, fileRows: 0, tables: [], media: { count: 0, bytes: 0, listBytes: 0 }, failures: 0, lastError: null,
    };
    this.ctx.storage.transactionSync(() => {
      this.sql.exec(`INSERT INTO backups (id, started_at, status) VALUES (?, ?, 'running')`, id, at);
      writePending(this.sql, { replace: new Uint8Array(0) });
      this.save(job);
    });
    await this.ctx.storage.setAlarm(Date.now() + options.pauseMs);
    return { started: true, id };
  }

  /** The backups kept (newest first) and the running one's position. */
  status(): BackupStatus {
    const job = this.job();
    const rows = this.sql.exec<BackupRow>('SELECT * FROM backups ORDER BY started_at DESC').toArray();
    return {
      running: job && {
        id: job.id, phase: job.phase, failures: job.failures, lastError: job.lastError,
        table: job.phase === 'tables' ? backupTables(job.options.withSecrets)[job.tableIndex]?.name ?? null : null,
      },
      backups: rows.map((r) => ({
        id: r.id, startedAt: new Date(r.started_at).toISOString(), finishedAt: r.finished_at === null ? null : new Date(r.finished_at).toISOString(),
        status: r.status, bytes: r.bytes, tables: r.tables, rows: r.rows, error: r.error,
      })),
    };
  }

  override async alarm(): Promise<void> {
    const job = this.job();
    if (!job) return;
    let step: Step;
    try {
      step = await this.step(job);
    } catch (error) {
      await this.chunkFailed(job, error);
      return;
    }
    // The platform runs one alarm at a time, but a test's runDurableObjectAlarm may overlap a scheduled
    // one: the later of two chunks from the same position is dropped (it wrote the same bytes; an upload it
    // opened is never completed, and R2 aborts it after 7 days).
    const committed = this.ctx.storage.transactionSync(() => {
      if (!this.unchanged(job)) return false;
      step.commit?.();
      if (step.pending) writePending(this.sql, step.pending);
      this.save(step.job && { ...step.job, seq: job.seq + 1 });
      return true;
    });
    if (committed && step.job) await this.ctx.storage.setAlarm(Date.now() + step.job.options.pauseMs);
  }

  private step(job: Job): Promise<Step> {
    switch (job.phase) {
      case 'tables': return this.tableChunk(job);
      case 'media': return this.mediaChunk(job);
      case 'finish': return this.finish(job);
      case 'prune': return this.prune(job);
    }
  }

  /** A few pages of the current table, appended to its file; the file ends with the table. */
  private async tableChunk(job: Job): Promise<Step> {
    const { partSize, rowsPerPage, pagesPerChunk, withSecrets } = job.options;
    const tables = backupTables(withSecrets);
    const table = tables[job.tableIndex]!;
    let cursor = job.cursor;
    let text = '';
    let rows = 0;
    // Stops at a part's worth of text (counted in UTF-16 units, never more than its UTF-8 bytes: memory stays about two parts).
    for (let pages = 0; pages < pagesPerChunk && text.length < partSize; pages++) {
      const page = await readTablePage(this.env.DB, table, 'all', cursor, rowsPerPage, { withSecrets });
      text += rowsToNdjson(page.rows);
      rows += page.rows.length;
      cursor = page.next;
      if (cursor === null) break;
    }
    const end = cursor === null;
    const written = await writeToFile(this.env.MEDIA, this.sql, job.file ?? newFile(backupKey(job.id, `tables/${table.name}.ndjson`)), encoder.encode(text), partSize, end);
    const fileRows = job.fileRows + rows;
    if (!end) return { job: { ...job, cursor, file: written.file, fileRows, failures: 0, lastError: null }, pending: written.pending };
    const entry: BackupTableEntry = { name: table.name, file: `tables/${table.name}.ndjson`, rows: fileRows, columns: table.columns, bytes: written.file.bytes };
    const tableIndex = job.tableIndex + 1;
    return {
      job: { ...job, phase: tableIndex < tables.length ? 'tables' : 'media', tableIndex, cursor: null, file: null, fileRows: 0, tables: [...job.tables, entry], failures: 0, lastError: null },
      pending: written.pending,
    };
  }

  /**
   * A page of the R2 objects of every site (media with copies, document files), listed by key and size
   * in media.ndjson: they are in the bucket already, so the backup names them instead of copying them;
   * with their type and metadata, so an archive made from the backup restores them as they were.
   */
  private async mediaChunk(job: Job): Promise<Step> {
    const siteIds = job.siteIds ?? (await reloadRegistry(this.env)).sites.map((s) => s.id);
    const page = await listExportObjects(this.env.MEDIA, siteIds, job.mediaCursor, job.options.mediaPerChunk);
    const text = page.objects.map((o) => `${JSON.stringify({ siteId: o.siteId, key: o.key, size: o.size, contentType: o.contentType, cacheControl: o.cacheControl, customMetadata: o.customMetadata })}\n`).join('');
    const end = page.next === null;
    const written = await writeToFile(this.env.MEDIA, this.sql, job.file ?? newFile(backupKey(job.id, MEDIA_LIST_FILE)), encoder.encode(text), job.options.partSize, end);
    const media = { count: job.media.count + page.objects.length, bytes: job.media.bytes + page.objects.reduce((n, o) => n + o.size, 0), listBytes: written.file.bytes };
    const next: Job = end
      ? { ...job, phase: 'finish', siteIds, mediaCursor: null, file: null, media, failures: 0, lastError: null }
      : { ...job, siteIds, mediaCursor: page.next, file: written.file, media, failures: 0, lastError: null };
    return { job: next, pending: written.pending };
  }

  /** visits.json, then the manifest: its presence is what makes the folder a complete backup. */
  private async finish(job: Job): Promise<Step> {
    const registry = await reloadRegistry(this.env);
    const visits = JSON.stringify(await siteVisits(this.env, registry, 'all', new Date(job.startedAt)));
    await this.env.MEDIA.put(backupKey(job.id, 'visits.json'), visits, { httpMetadata: { contentType: 'application/json; charset=utf-8' } });
    const manifest = JSON.stringify(backupManifest({
      id: job.id, createdAt: new Date(job.startedAt), schema: await schemaTag(this.env.DB), registry, env: this.env,
      withSecrets: job.options.withSecrets, tables: job.tables, media: { count: job.media.count, bytes: job.media.bytes, list: MEDIA_LIST_FILE },
    }), null, 2);
    await this.env.MEDIA.put(backupKey(job.id, 'manifest.json'), manifest, { httpMetadata: { contentType: 'application/json; charset=utf-8' } });
    const bytes = job.tables.reduce((n, t) => n + t.bytes, 0) + job.media.listBytes + encoder.encode(visits).length + encoder.encode(manifest).length;
    const rows = job.tables.reduce((n, t) => n + t.rows, 0);
    return {
      job: { ...job, phase: 'prune', failures: 0, lastError: null },
      commit: () => this.sql.exec(`UPDATE backups SET status = 'complete', finished_at = ?, bytes = ?, tables = ?, rows = ? WHERE id = ?`, Date.now(), bytes, job.tables.length, rows, job.id),
    };
  }

  /** One batch of the objects of a backup that goes; the job ends when none is left to delete. */
  private async prune(job: Job): Promise<Step> {
    const row = nextToDelete(this.sql, job.options.keep);
    if (!row) return { job: null, commit: () => forgetOldFailures(this.sql, job.options.keep) };
    await deleteBatch(this.env.MEDIA, this.sql, row);
    return { job: { ...job, failures: 0, lastError: null } };
  }

  private async chunkFailed(job: Job, error: unknown): Promise<void> {
    const failures = job.failures + 1;
    const message = error instanceof Error ? error.message : String(error);
    console.error(`backup ${job.id}: a ${job.phase} chunk failed (${failures} of ${job.options.maxFailures})`, error);
    if (!this.unchanged(job)) return;
    if (failures < job.options.maxFailures) {
      this.save({ ...job, seq: job.seq + 1, failures, lastError: message });
      await this.ctx.storage.setAlarm(Date.now() + Math.max(job.options.pauseMs, retryDelay(failures)));
      return;
    }
    if (job.phase === 'prune') {
      // The backup itself is made: the next run's deletion carries on where this one stopped.
      this.save(null);
      return;
    }
    if (job.file) await abortFile(this.env.MEDIA, job.file);
    this.ctx.storage.transactionSync(() => {
      this.sql.exec(`UPDATE backups SET status = 'failed', finished_at = ?, error = ? WHERE id = ?`, Date.now(), `${job.phase}: ${message}`, job.id);
      writePending(this.sql, { replace: new Uint8Array(0) });
      // Deleting what it stored (and older backups due to go) is the prune phase's work.
      this.save({ ...job, seq: job.seq + 1, phase: 'prune', file: null, failures: 0, lastError: null });
    });
    await this.ctx.storage.setAlarm(Date.now() + job.options.pauseMs);
  }
}
