// Sign-in attempts, limited atomically: one Durable Object per account and one per client address
// (keyed by salted hashes, never the raw e-mail or IP), each holding budgets ("buckets": the account's
// untrusted clients, each device cookie, the address). An attempt is RESERVED before its password is
// checked, so however many arrive at once no bucket ever has more than its limit checked per window.
import { DurableObject } from 'cloudflare:workers';

export const FAILURE_WINDOW_MS = 15 * 60_000;

export type Reservation = { ok: true; id: number } | { ok: false; retryAt: number };

export interface Failure {
  /** When the bucket frees a place again, if it is full now. */
  retryAt: number | null;
  /** True when this failure filled the bucket with failures: a new lock, to be logged once. */
  locked: boolean;
}

export class LoginLimiter extends DurableObject<Env> {
  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    // `failures` held the previous design's rows (failures only, one budget per object).
    ctx.storage.sql.exec(`DROP TABLE IF EXISTS failures;
      CREATE TABLE IF NOT EXISTS attempts (
        id INTEGER PRIMARY KEY, bucket TEXT NOT NULL, at INTEGER NOT NULL, max INTEGER NOT NULL, failed INTEGER NOT NULL DEFAULT 0);
      CREATE INDEX IF NOT EXISTS attempts_bucket ON attempts (bucket, at)`);
  }

  private prune(now: number): void {
    this.ctx.storage.sql.exec('DELETE FROM attempts WHERE at <= ?', now - FAILURE_WINDOW_MS);
  }

  /** When `bucket` frees a place if it holds `max` attempts (pending or failed) in the window, else null. */
  private retryAt(bucket: string, max: number): number | null {
    const rows = this.ctx.storage.sql.exec<{ at: number }>('SELECT at FROM attempts WHERE bucket = ? ORDER BY at', bucket).toArray();
    return rows.length < max ? null : rows[rows.length - max]!.at + FAILURE_WINDOW_MS;
  }

  /**
   * Checks the bucket and records a pending attempt in one synchronous step (no await: no other
   * call can run in between), so the place is taken before the password is verified.
   */
  reserve(bucket: string, max: number, now: number): Reservation {
    this.prune(now);
    const retryAt = this.retryAt(bucket, max);
    if (retryAt !== null) return { ok: false, retryAt };
    const [row] = this.ctx.storage.sql
      .exec<{ id: number }>('INSERT INTO attempts (bucket, at, max) VALUES (?, ?, ?) RETURNING id', bucket, now, max)
      .toArray();
    return { ok: true, id: row!.id };
  }

  /** The reserved attempt failed: it keeps its place until the window has passed. */
  fail(id: number, now: number): Failure {
    const [row] = this.ctx.storage.sql
      .exec<{ bucket: string; max: number }>('UPDATE attempts SET failed = 1 WHERE id = ? AND failed = 0 RETURNING bucket, max', id)
      .toArray();
    if (!row) return { retryAt: null, locked: false };
    this.prune(now);
    const failures = this.ctx.storage.sql
      .exec<{ n: number }>('SELECT count(*) AS n FROM attempts WHERE bucket = ? AND failed = 1', row.bucket)
      .one().n;
    return { retryAt: this.retryAt(row.bucket, row.max), locked: failures === row.max };
  }

  /**
   * The reserved attempt succeeded (or was never checked): its place is given back. `clearBucket`
   * also forgets the bucket's failures (a device that proved itself), never others' pending places.
   */
  release(id: number, clearBucket = false): void {
    const [row] = this.ctx.storage.sql.exec<{ bucket: string }>('DELETE FROM attempts WHERE id = ? RETURNING bucket', id).toArray();
    if (row && clearBucket) this.ctx.storage.sql.exec('DELETE FROM attempts WHERE bucket = ? AND failed = 1', row.bucket);
  }

  /** An admin lifted the lock: the bucket's failures are forgotten. */
  clear(bucket: string): void {
    this.ctx.storage.sql.exec('DELETE FROM attempts WHERE bucket = ? AND failed = 1', bucket);
  }

  /** Failed and pending attempts per bucket in the window (what the admin's locks page shows). */
  attempts(now: number): { bucket: string; failed: number; pending: number }[] {
    this.prune(now);
    return this.ctx.storage.sql
      .exec<{ bucket: string; failed: number; pending: number }>(
        'SELECT bucket, sum(failed) AS failed, sum(1 - failed) AS pending FROM attempts GROUP BY bucket ORDER BY bucket',
      )
      .toArray();
  }
}
