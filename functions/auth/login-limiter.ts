// Failed sign-ins, limited atomically: one Durable Object per account and one per client (keyed by a
// hash, never the raw e-mail or IP). 5 failures within 15 minutes lock that key until the oldest expires.
import { DurableObject } from 'cloudflare:workers';

export const MAX_FAILURES = 5;
export const FAILURE_WINDOW_MS = 15 * 60_000;

export interface LimitState {
  allowed: boolean;
  /** When the next attempt will be allowed (ms), if locked. */
  retryAt: number | null;
}

export class LoginLimiter extends DurableObject<Env> {
  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    ctx.storage.sql.exec('CREATE TABLE IF NOT EXISTS failures (at INTEGER NOT NULL)');
  }

  private state(now: number): LimitState {
    this.ctx.storage.sql.exec('DELETE FROM failures WHERE at <= ?', now - FAILURE_WINDOW_MS);
    const rows = this.ctx.storage.sql.exec<{ at: number }>('SELECT at FROM failures ORDER BY at').toArray();
    if (rows.length < MAX_FAILURES) return { allowed: true, retryAt: null };
    return { allowed: false, retryAt: rows[rows.length - MAX_FAILURES]!.at + FAILURE_WINDOW_MS };
  }

  check(now: number): LimitState {
    return this.state(now);
  }

  /** Records a failure and returns the state after it (no await in between: atomic). */
  fail(now: number): LimitState {
    this.ctx.storage.sql.exec('INSERT INTO failures (at) VALUES (?)', now);
    return this.state(now);
  }

  /** A successful sign-in clears the account's failures (not the client's). */
  reset(): void {
    this.ctx.storage.sql.exec('DELETE FROM failures');
  }
}
