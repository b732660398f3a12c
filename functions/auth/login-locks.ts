// The list of current sign-in locks, for the admin's locks page: one Durable Object (`all`) that the
// sign-in records each new lock in. Limiter objects cannot be enumerated, so this is how admins find
// them; it holds the limiter key and bucket (salted hashes), the account's id if known, never an e-mail or IP.
import { DurableObject } from 'cloudflare:workers';

export type LockKind = 'account' | 'device' | 'client';

export interface Lock {
  id: number;
  kind: LockKind;
  /** The LoginLimiter object's name and the bucket in it. */
  limiterKey: string;
  bucket: string;
  userId: number | null;
  since: number;
  until: number;
}

type Row = {
  id: number;
  kind: LockKind;
  limiter_key: string;
  bucket: string;
  user_id: number | null;
  since: number;
  until: number;
};

const toLock = (r: Row): Lock => ({ id: r.id, kind: r.kind, limiterKey: r.limiter_key, bucket: r.bucket, userId: r.user_id, since: r.since, until: r.until });

export class LoginLocks extends DurableObject<Env> {
  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    ctx.storage.sql.exec(`CREATE TABLE IF NOT EXISTS locks (
      id INTEGER PRIMARY KEY, kind TEXT NOT NULL, limiter_key TEXT NOT NULL, bucket TEXT NOT NULL,
      user_id INTEGER, since INTEGER NOT NULL, until INTEGER NOT NULL, UNIQUE (limiter_key, bucket))`);
  }

  record(lock: Omit<Lock, 'id'>): void {
    this.ctx.storage.sql.exec(
      `INSERT INTO locks (kind, limiter_key, bucket, user_id, since, until) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (limiter_key, bucket) DO UPDATE SET kind = excluded.kind, user_id = excluded.user_id, since = excluded.since, until = excluded.until`,
      lock.kind, lock.limiterKey, lock.bucket, lock.userId, lock.since, lock.until,
    );
  }

  /** Locks still in force, the latest first (expired ones are forgotten). */
  list(now: number): Lock[] {
    this.ctx.storage.sql.exec('DELETE FROM locks WHERE until <= ?', now);
    return this.ctx.storage.sql.exec<Row>('SELECT * FROM locks ORDER BY since DESC, id DESC').toArray().map(toLock);
  }

  /** Removes a lock from the list and returns it (the caller clears it in its limiter). */
  take(id: number): Lock | null {
    const [row] = this.ctx.storage.sql.exec<Row>('DELETE FROM locks WHERE id = ? RETURNING *', id).toArray();
    return row ? toLock(row) : null;
  }
}
