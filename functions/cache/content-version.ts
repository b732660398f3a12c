// The content generation: a number every write changes. Edge-cache keys include it, so after a write
// no cached list, page or feed can be served again, in any location. Replicated (CACHE_VERSION_REPLICAS)
// because every cached read asks for it and one object takes about 1,000 requests/s. One more object
// of this class, "catch-up", only runs the retry alarm of moves that failed (functions/articles/generation-move.ts).
import { DurableObject } from 'cloudflare:workers';
import { catchUpReplicas } from '../articles/generation-move.ts';

export interface Version {
  generation: number;
  /** The next instant a scheduled article goes live (ms), or null: cached entries must not outlive it. */
  nextScheduledAt: number | null;
}

/** Retry delays of the catch-up alarm: 1 s, doubling, at most 30 s, for as long as a replica fails. */
export const CATCH_UP_FIRST_MS = 1000;
export const CATCH_UP_MAX_MS = 30_000;

export class ContentVersion extends DurableObject<Env> {
  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    ctx.storage.sql.exec(`
      CREATE TABLE IF NOT EXISTS version (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        generation INTEGER NOT NULL,
        next_scheduled_at INTEGER,
        seq INTEGER NOT NULL DEFAULT 0
      );
      INSERT OR IGNORE INTO version (id, generation, next_scheduled_at) VALUES (1, 1, NULL);
    `);
    // Objects created before the change record existed: give them its column (seq 0 = behind any change).
    const columns = ctx.storage.sql.exec<{ name: string }>(`SELECT name FROM pragma_table_info('version')`).toArray();
    if (columns.length > 0 && !columns.some((c) => c.name === 'seq')) {
      ctx.storage.sql.exec('ALTER TABLE version ADD COLUMN seq INTEGER NOT NULL DEFAULT 0');
    }
  }

  current(): Version {
    const row = this.ctx.storage.sql.exec<{ generation: number; next_scheduled_at: number | null }>(
      'SELECT generation, next_scheduled_at FROM version WHERE id = 1',
    ).one();
    return { generation: row.generation, nextScheduledAt: row.next_scheduled_at };
  }

  /**
   * Moves the generation for the committed change `seq`, unless this replica already moved for it or a
   * later one (a retry, or a writer whose move arrives after a later writer's: that later move covered
   * it, since changes commit in seq order). Every move strictly increases the generation.
   */
  advance(seq: number, nextScheduledAt: number | null): Version {
    this.ctx.storage.sql.exec(
      'UPDATE version SET generation = generation + 1, next_scheduled_at = ?, seq = ? WHERE id = 1 AND seq < ?',
      nextScheduledAt, seq, seq,
    );
    return this.current();
  }

  /** The last committed change this replica moved for. */
  recordedSeq(): number {
    return this.ctx.storage.sql.exec<{ seq: number }>('SELECT seq FROM version WHERE id = 1').one().seq;
  }

  /**
   * The database went back (a Time Travel restore, a wiped local D1) and its change record is now behind
   * this replica, so `advance` would ignore every write until the record climbed past it again. Moves the
   * generation and takes the record's seq, only if this replica still holds `from` (compare-and-set: a
   * write that moved it meanwhile wins).
   */
  rebase(from: number, seq: number, nextScheduledAt: number | null): Version {
    this.ctx.storage.sql.exec(
      'UPDATE version SET generation = generation + 1, next_scheduled_at = ?, seq = ? WHERE id = 1 AND seq = ?',
      nextScheduledAt, seq, from,
    );
    return this.current();
  }

  /** Asks for a catch-up soon (a move failed); an alarm already set stays as it is. */
  async scheduleCatchUp(): Promise<void> {
    if ((await this.ctx.storage.getAlarm()) === null) {
      await this.ctx.storage.put('attempt', 0);
      await this.ctx.storage.setAlarm(Date.now() + CATCH_UP_FIRST_MS);
    }
  }

  /** Catches every replica up with the durable record; again later, with backoff, while one fails. */
  override async alarm(): Promise<void> {
    const failed = await catchUpReplicas(this.env, new Date());
    if (failed.length === 0) {
      await this.ctx.storage.delete('attempt');
      return;
    }
    const attempt = ((await this.ctx.storage.get<number>('attempt')) ?? 0) + 1;
    await this.ctx.storage.put('attempt', attempt);
    await this.ctx.storage.setAlarm(Date.now() + Math.min(CATCH_UP_FIRST_MS * 2 ** attempt, CATCH_UP_MAX_MS));
    console.error(`content generation: replicas ${failed.join(', ')} still behind after catch-up attempt ${attempt}`);
  }
}
