// One shard of the visitor statistics: a SQLite-backed Durable Object with RPC methods.
// Every method is synchronous SQL with no await inside, so each call (a whole batch of views included)
// is atomic (input/output gates): concurrent views can never lose or double an increment.
import { DurableObject } from 'cloudflare:workers';
import { vietnamDay } from '../content/dates.ts';
import { DAYS_KEPT, ONLINE_WINDOW_MS, VISIT_COUNTER_SCHEMA, VISIT_GAP_MS } from './visit-counter-schema.ts';

export interface ShardFigures {
  visits: number;
  views: number;
  online: number;
  visitsToday: number;
}

/** A span of Vietnam days, both ends included (YYYY-MM-DD). */
export interface DayRange {
  from: string;
  to: string;
}

export interface ViewInput {
  /** The reader whose visit this shard owns (readers are routed by hash), if any. */
  reader?: string | undefined;
  /** The article whose page views this shard owns, if any. */
  articleId?: number | undefined;
  now: number;
}

const PRUNE_EVERY_MS = 10 * 60_000;

export class VisitCounter extends DurableObject<Env> {
  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    ctx.storage.sql.exec(VISIT_COUNTER_SCHEMA);
  }

  private get sql() {
    return this.ctx.storage.sql;
  }

  /**
   * Counts a batch of page views in arrival order (each a visit if its reader was away 30 minutes):
   * one call for all the views an isolate gathered in a few ms. The totals, days and article counts
   * of the whole batch are added in one statement each. It returns nothing: reading the figures
   * (a count over every online reader) is left to the isolates' once-a-second refresh.
   */
  recordViews(inputs: ViewInput[]): void {
    let visits = 0;
    let views = 0;
    let latest = 0;
    const days = new Map<string, { visits: number; views: number }>();
    const articleViews = new Map<number, number>();
    /** An article's views per day ("Xem nhiều nhất"), keyed `day article`: the same views as article_views. */
    const articleDays = new Map<string, { day: string; articleId: number; views: number }>();
    for (const { reader, articleId, now } of inputs) {
      const day = vietnamDay(new Date(now));
      if (reader !== undefined) {
        const visit = this.seeReader(reader, now) ? 1 : 0;
        visits += visit;
        views += 1;
        const d = days.get(day) ?? { visits: 0, views: 0 };
        d.visits += visit;
        d.views += 1;
        days.set(day, d);
        latest = Math.max(latest, now);
      }
      if (articleId !== undefined) {
        articleViews.set(articleId, (articleViews.get(articleId) ?? 0) + 1);
        const key = `${day} ${articleId}`;
        const d = articleDays.get(key) ?? { day, articleId, views: 0 };
        d.views += 1;
        articleDays.set(key, d);
      }
    }
    if (views > 0) {
      this.sql.exec('UPDATE totals SET visits = visits + ?, views = views + ? WHERE id = 1', visits, views);
      for (const [day, d] of days) {
        this.sql.exec(
          'INSERT INTO days (day, visits, views) VALUES (?, ?, ?) ON CONFLICT (day) DO UPDATE SET visits = visits + excluded.visits, views = views + excluded.views',
          day, d.visits, d.views,
        );
      }
      this.ensureAlarm(latest);
    }
    for (const [articleId, n] of articleViews) {
      this.sql.exec(
        'INSERT INTO article_views (article_id, views) VALUES (?, ?) ON CONFLICT (article_id) DO UPDATE SET views = views + excluded.views',
        articleId, n,
      );
    }
    for (const { day, articleId, views: n } of articleDays.values()) {
      this.sql.exec(
        'INSERT INTO article_days (day, article_id, views) VALUES (?, ?, ?) ON CONFLICT (day, article_id) DO UPDATE SET views = views + excluded.views',
        day, articleId, n,
      );
    }
  }

  /** Marks the reader as seen at `now`; true if this starts a visit (first view, or 30 minutes away). */
  private seeReader(reader: string, now: number): boolean {
    const seen = this.sql.exec<{ last_seen: number }>('SELECT last_seen FROM readers WHERE reader = ?', reader).toArray()[0];
    // max(): a late-arriving older view never moves a reader back in time.
    this.sql.exec(
      'INSERT INTO readers (reader, last_seen) VALUES (?, ?) ON CONFLICT (reader) DO UPDATE SET last_seen = max(last_seen, excluded.last_seen)',
      reader, now,
    );
    return !seen || now - seen.last_seen >= VISIT_GAP_MS;
  }

  figures(now: number): ShardFigures {
    const totals = this.sql.exec<{ visits: number; views: number }>('SELECT visits, views FROM totals WHERE id = 1').one();
    const online = this.sql.exec<{ n: number }>('SELECT count(*) AS n FROM readers WHERE last_seen > ?', now - ONLINE_WINDOW_MS).one().n;
    const today = this.sql.exec<{ visits: number }>('SELECT visits FROM days WHERE day = ?', vietnamDay(new Date(now))).toArray()[0];
    return { visits: totals.visits, views: totals.views, online, visitsToday: today?.visits ?? 0 };
  }

  articleViews(articleIds: number[]): Record<number, number> {
    const out: Record<number, number> = {};
    if (articleIds.length === 0) return out;
    const rows = this.sql.exec<{ article_id: number; views: number }>(
      'SELECT article_id, views FROM article_views WHERE article_id IN (SELECT value FROM json_each(?))',
      JSON.stringify(articleIds),
    );
    for (const r of rows) out[r.article_id] = r.views;
    return out;
  }

  /**
   * Each article's views on this shard summed over each range of days, one map per range in order
   * (every article with a view: the Worker sums the shards before it ranks, so no top-N is cut here).
   */
  articleViewSums(ranges: DayRange[]): Record<number, number>[] {
    return ranges.map(({ from, to }) => {
      const out: Record<number, number> = {};
      const rows = this.sql.exec<{ article_id: number; views: number }>(
        'SELECT article_id, sum(views) AS views FROM article_days WHERE day BETWEEN ? AND ? GROUP BY article_id', from, to,
      );
      for (const r of rows) out[r.article_id] = r.views;
      return out;
    });
  }

  daily(): { day: string; visits: number; views: number }[] {
    return this.sql.exec<{ day: string; visits: number; views: number }>('SELECT day, visits, views FROM days ORDER BY day').toArray();
  }

  private alarmPlanned = false;

  /** One pending alarm is enough; after an eviction, setting it again only moves the next prune. */
  private ensureAlarm(now: number): void {
    if (this.alarmPlanned) return;
    this.alarmPlanned = true;
    void this.ctx.storage.setAlarm(now + PRUNE_EVERY_MS);
  }

  /** Drops readers who can no longer be online or continue a visit, and days past the kept window. Idempotent. */
  override alarm(): void {
    this.alarmPlanned = false;
    this.prune(Date.now());
  }

  prune(now: number): void {
    this.sql.exec('DELETE FROM readers WHERE last_seen <= ?', now - VISIT_GAP_MS);
    const oldest = vietnamDay(new Date(now - DAYS_KEPT * 86_400_000));
    this.sql.exec('DELETE FROM days WHERE day < ?', oldest);
    this.sql.exec('DELETE FROM article_days WHERE day < ?', oldest);
    const left = this.sql.exec<{ n: number }>('SELECT count(*) AS n FROM readers').one().n;
    if (left > 0) this.ensureAlarm(now);
  }
}
