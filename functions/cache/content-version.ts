// The content generation: a number every write changes. Edge-cache keys include it, so after a write
// no cached list, page or feed can be served again, in any location. Replicated (CACHE_VERSION_REPLICAS)
// because every cached read asks for it and one object takes about 1,000 requests/s.
import { DurableObject } from 'cloudflare:workers';

export interface Version {
  generation: number;
  /** The next instant a scheduled article goes live (ms), or null: cached entries must not outlive it. */
  nextScheduledAt: number | null;
}

export class ContentVersion extends DurableObject<Env> {
  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    ctx.storage.sql.exec(`
      CREATE TABLE IF NOT EXISTS version (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        generation INTEGER NOT NULL,
        next_scheduled_at INTEGER
      );
      INSERT OR IGNORE INTO version (id, generation, next_scheduled_at) VALUES (1, 1, NULL);
    `);
  }

  current(): Version {
    const row = this.ctx.storage.sql.exec<{ generation: number; next_scheduled_at: number | null }>(
      'SELECT generation, next_scheduled_at FROM version WHERE id = 1',
    ).one();
    return { generation: row.generation, nextScheduledAt: row.next_scheduled_at };
  }

  /** Every bump strictly increases this replica's generation, whatever other writers do. */
  bump(nextScheduledAt: number | null): Version {
    this.ctx.storage.sql.exec(
      'UPDATE version SET generation = generation + 1, next_scheduled_at = ? WHERE id = 1',
      nextScheduledAt,
    );
    return this.current();
  }
}
