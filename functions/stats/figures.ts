// The Worker's side of the statistics: route views to shards, sum the shards into exact figures,
// and never let a slow or failing counter hold a page back.
import type { ShardFigures, ViewInput } from './visit-counter.ts';

export interface Figures {
  onlineNow: number;
  totalVisits: number;
  visitsToday: number;
  pageViews: number;
}

/** How long a page waits for the counters before it is served with the last known figures. */
export const STATS_TIMEOUT_MS = 300;

export function shardCount(env: Env): number {
  const n = Number(env.STATS_SHARDS);
  return Number.isInteger(n) && n >= 1 && n <= 256 ? n : 8;
}

export function shard(env: Env, index: number) {
  return env.VISITS.getByName(`shard-${index}`);
}

/** A reader always lands on the same shard, so "online now" sums distinct readers exactly. */
export function shardOfReader(reader: string, shards: number): number {
  return Number.parseInt(reader.slice(0, 8), 16) % shards;
}

export function shardOfArticle(articleId: number, shards: number): number {
  return articleId % shards;
}

function sum(env: Env, parts: ShardFigures[]): Figures {
  const offset = Number(env.STATS_TOTAL_OFFSET) || 0;
  return {
    onlineNow: parts.reduce((n, p) => n + p.online, 0),
    totalVisits: offset + parts.reduce((n, p) => n + p.visits, 0),
    visitsToday: parts.reduce((n, p) => n + p.visitsToday, 0),
    pageViews: parts.reduce((n, p) => n + p.views, 0),
  };
}

/** Counts one view on the shards that own its reader and article, and reads every shard's figures, in parallel. */
export async function recordAndRead(env: Env, view: { reader?: string | undefined; articleId?: number | undefined }, now: Date): Promise<Figures> {
  const shards = shardCount(env);
  const readerShard = view.reader !== undefined ? shardOfReader(view.reader, shards) : -1;
  const articleShard = view.articleId !== undefined ? shardOfArticle(view.articleId, shards) : -1;
  const parts = await Promise.all(
    Array.from({ length: shards }, (_, i) => {
      const input: ViewInput = {
        reader: i === readerShard ? view.reader : undefined,
        articleId: i === articleShard ? view.articleId : undefined,
        now: now.getTime(),
      };
      const stub = shard(env, i);
      return input.reader !== undefined || input.articleId !== undefined ? stub.recordView(input) : stub.figures(input.now);
    }),
  );
  return sum(env, parts);
}

export function readFigures(env: Env, now: Date): Promise<Figures> {
  return recordAndRead(env, {}, now);
}

export async function articleViews(env: Env, ids: number[]): Promise<Map<number, number>> {
  const shards = shardCount(env);
  const byShard = new Map<number, number[]>();
  for (const id of ids) {
    const s = shardOfArticle(id, shards);
    byShard.set(s, [...(byShard.get(s) ?? []), id]);
  }
  const results = await Promise.all([...byShard].map(([s, list]) => shard(env, s).articleViews(list)));
  const out = new Map<number, number>();
  for (const r of results) for (const [id, n] of Object.entries(r)) out.set(Number(id), n);
  return out;
}

export async function dailySeries(env: Env): Promise<{ day: string; visits: number; views: number }[]> {
  const parts = await Promise.all(Array.from({ length: shardCount(env) }, (_, i) => shard(env, i).daily()));
  const days = new Map<string, { visits: number; views: number }>();
  for (const rows of parts) {
    for (const r of rows) {
      const d = days.get(r.day) ?? { visits: 0, views: 0 };
      d.visits += r.visits;
      d.views += r.views;
      days.set(r.day, d);
    }
  }
  return [...days].sort(([a], [b]) => a.localeCompare(b)).map(([day, d]) => ({ day, ...d }));
}

/** A counter answer bounded in time: on failure or timeout, the fallback and a log line, never an error. */
export async function bounded<T, F>(promise: Promise<T>, fallback: () => F, what: string): Promise<T | F> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`did not answer within ${STATS_TIMEOUT_MS} ms`)), STATS_TIMEOUT_MS);
  });
  try {
    return await Promise.race([promise, timeout]);
  } catch (error) {
    console.error(`visitor statistics unavailable (${what}):`, (error as Error).message);
    return fallback();
  } finally {
    if (timer !== undefined) clearTimeout(timer);
  }
}

let lastKnown: Figures | null = null;

/** The figures for a page: on failure, the last figures this isolate saw (or null: a placeholder). */
export async function figuresForPage(promise: Promise<Figures>): Promise<Figures | null> {
  const figures = await bounded(promise, () => lastKnown, 'page figures');
  if (figures) lastKnown = figures;
  return figures;
}
