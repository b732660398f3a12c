// A site's content generation: a number every write on the site changes. Edge-cache keys include it, so
// after a write no cached list, page or feed of that site can be served again, in any location, while
// other sites' entries stay. A province's replicas also hold its roll-up generation, moved by every
// write of one of its communes: the keys of the pages that show the communes' news carry it too.
// Replicated per site (CACHE_VERSION_REPLICAS) because every cached read asks for it and one object
// takes about 1,000 requests/s. One more object of this class, "catch-up", only runs the retry alarm of
// moves that failed, for every site (functions/articles/generation-move.ts).
import { DurableObject } from 'cloudflare:workers';
import { catchUpReplicas } from '../articles/generation-move.ts';

export interface Version {
  generation: number;
  /** The next instant a scheduled article goes live (ms), or null: cached entries must not outlive it. */
  nextScheduledAt: number | null;
  /** A province's roll-up generation: moves with every change of one of its communes (0 for others). */
  rollup: number;
  /** The next instant a scheduled article of one of its communes goes live (ms), or null. */
  rollupNextScheduledAt: number | null;
}

/** The last committed changes a replica moved for: its site's, and its communes' (the roll-up). */
export interface Recorded {
  seq: number;
  rollupSeq: number;
}

/** Columns added after the first version of the table: objects made before get them, behind every change. */
const LATER_COLUMNS: [string, string][] = [
  ['seq', 'seq INTEGER NOT NULL DEFAULT 0'],
  ['rollup', 'rollup INTEGER NOT NULL DEFAULT 0'],
  ['rollup_seq', 'rollup_seq INTEGER NOT NULL DEFAULT 0'],
  ['rollup_next_scheduled_at', 'rollup_next_scheduled_at INTEGER'],
];

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
        seq INTEGER NOT NULL DEFAULT 0,
        rollup INTEGER NOT NULL DEFAULT 0,
        rollup_seq INTEGER NOT NULL DEFAULT 0,
        rollup_next_scheduled_at INTEGER
      );
      INSERT OR IGNORE INTO version (id, generation, next_scheduled_at) VALUES (1, 1, NULL);
    `);
    // Objects created before the change record (seq) or the roll-up existed: give them the columns, with
    // seq 0 = behind any change, and keep their generation.
    const columns = new Set(ctx.storage.sql.exec<{ name: string }>(`SELECT name FROM pragma_table_info('version')`).toArray().map((c) => c.name));
    if (columns.size > 0) {
      for (const [name, definition] of LATER_COLUMNS) if (!columns.has(name)) ctx.storage.sql.exec(`ALTER TABLE version ADD COLUMN ${definition}`);
    }
  }

  current(): Version {
    const row = this.ctx.storage.sql.exec<{ generation: number; next_scheduled_at: number | null; rollup: number; rollup_next_scheduled_at: number | null }>(
      'SELECT generation, next_scheduled_at, rollup, rollup_next_scheduled_at FROM version WHERE id = 1',
    ).one();
    return { generation: row.generation, nextScheduledAt: row.next_scheduled_at, rollup: row.rollup, rollupNextScheduledAt: row.rollup_next_scheduled_at };
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

  /**
   * Moves the roll-up generation for the committed roll-up change `rollupSeq` of the province's record
   * (a commune's write), unless this replica moved for it or a later one already, like `advance`.
   */
  advanceRollup(rollupSeq: number, nextScheduledAt: number | null): Version {
    this.ctx.storage.sql.exec(
      'UPDATE version SET rollup = rollup + 1, rollup_next_scheduled_at = ?, rollup_seq = ? WHERE id = 1 AND rollup_seq < ?',
      nextScheduledAt, rollupSeq, rollupSeq,
    );
    return this.current();
  }

  /** The last committed change this replica moved for. */
  recordedSeq(): number {
    return this.recorded().seq;
  }

  /** The last committed changes this replica moved for: the site's own, and its communes'. */
  recorded(): Recorded {
    const row = this.ctx.storage.sql.exec<{ seq: number; rollup_seq: number }>('SELECT seq, rollup_seq FROM version WHERE id = 1').one();
    return { seq: row.seq, rollupSeq: row.rollup_seq };
  }

  /**
   * The catch-up's one call per replica: moves for the record's changes where this replica is behind,
   * and answers what it holds then (ahead of the record means the database went back: see rebase).
   */
  catchUpTo(seq: number, nextScheduledAt: number | null, rollupSeq: number, rollupNextScheduledAt: number | null): Recorded {
    this.advance(seq, nextScheduledAt);
    if (rollupSeq > 0) this.advanceRollup(rollupSeq, rollupNextScheduledAt);
    return this.recorded();
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

  /** The same for the roll-up: takes the record's roll-up seq, if this replica still holds `from`. */
  rebaseRollup(from: number, rollupSeq: number, nextScheduledAt: number | null): Version {
    this.ctx.storage.sql.exec(
      'UPDATE version SET rollup = rollup + 1, rollup_next_scheduled_at = ?, rollup_seq = ? WHERE id = 1 AND rollup_seq = ?',
      nextScheduledAt, rollupSeq, from,
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

  /** Catches every site's replicas up with the durable record; again later, with backoff, while one fails. */
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
