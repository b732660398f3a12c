// The Worker's side of the statistics: route views to shards, sum the shards into exact figures,
// call only the shards a view touches, and never let a slow or failing counter hold a page back.
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

/**
 * How long an isolate may reuse the figures of shards a view did not touch. Without this every page
 * view would call every shard, so each shard would take 100% of the traffic and sharding would not
 * raise capacity at all. The shards a view touches are always read live, so within one isolate the
 * figures are exact; views counted by other isolates show up within this window.
 */
export const OTHER_SHARDS_TTL_MS = 1000;

interface ShardCache {
  at: number;
  parts: (ShardFigures | undefined)[];
  /** One refresh at a time per isolate, however many views arrive together. */
  refreshing: Promise<void> | undefined;
}

const shardCaches = new Map<string, ShardCache>();

function cacheFor(env: Env, shards: number): ShardCache {
  const key = `${env.STATS_TOTAL_OFFSET}/${shards}`;
  let cache = shardCaches.get(key);
  if (!cache) {
    cache = { at: Number.NEGATIVE_INFINITY, parts: new Array(shards).fill(undefined), refreshing: undefined };
    shardCaches.set(key, cache);
  }
  return cache;
}

type View = { reader?: string | undefined; articleId?: number | undefined };

/**
 * Counts one view on the shards that own its reader and article (live), and returns the figures:
 * touched shards live, the others from this isolate's cache (refreshed after OTHER_SHARDS_TTL_MS).
 * `live: true` reads every shard now (the stats API).
 */
export async function recordAndRead(env: Env, view: View, now: Date, options: { live?: boolean } = {}): Promise<Figures> {
  const shards = shardCount(env);
  const t = now.getTime();
  const readerShard = view.reader !== undefined ? shardOfReader(view.reader, shards) : -1;
  const articleShard = view.articleId !== undefined ? shardOfArticle(view.articleId, shards) : -1;
  const cache = cacheFor(env, shards);
  const stale = options.live || t < cache.at || t - cache.at > OTHER_SHARDS_TTL_MS || cache.parts.includes(undefined);

  const touched = [...new Set([readerShard, articleShard].filter((i) => i >= 0))];
  const mine = new Map<number, ShardFigures>();
  const calls = touched.map(async (i) => {
    const input: ViewInput = { reader: i === readerShard ? view.reader : undefined, articleId: i === articleShard ? view.articleId : undefined, now: t };
    mine.set(i, await shard(env, i).recordView(input));
  });
  if (stale) {
    const refresh = cache.refreshing && !options.live
      ? cache.refreshing
      : (cache.refreshing = (async () => {
          const others = Array.from({ length: shards }, (_, i) => i).filter((i) => !touched.includes(i));
          const figures = await Promise.all(others.map((i) => shard(env, i).figures(t)));
          others.forEach((i, k) => { cache.parts[i] = figures[k]; });
          cache.at = t;
        })().finally(() => { cache.refreshing = undefined; }));
    calls.push(refresh);
  }
  await Promise.all(calls);
  // Applied last, so a refresh that raced with this view cannot hide the view's own count.
  for (const [i, figures] of mine) cache.parts[i] = figures;
  return sum(env, cache.parts as ShardFigures[]);
}

/** Every shard, read now: the stats API and the admin dashboard. */
export function readFigures(env: Env, now: Date): Promise<Figures> {
  return recordAndRead(env, {}, now, { live: true });
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
