// The Worker's side of the statistics: route views to shards and store them after the response in
// batches (group commit), sum the shards into exact figures, and show pages the isolate's last reading.
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

function sum(env: Env, parts: ShardFigures[]): Figures {
  const offset = Number(env.STATS_TOTAL_OFFSET) || 0;
  return {
    onlineNow: parts.reduce((n, p) => n + p.online, 0),
    totalVisits: offset + parts.reduce((n, p) => n + p.visits, 0),
    visitsToday: parts.reduce((n, p) => n + p.visitsToday, 0),
    pageViews: parts.reduce((n, p) => n + p.views, 0),
  };
}

// ---- Group commit: a page never waits for its own view to be stored ----

/**
 * How long a batch stays open. Views that reach one isolate within this window go to their shard in
 * one call, after their responses have left (waitUntil). A kill -9 of the isolate loses at most the
 * views of the batches open or in flight at that moment.
 */
export const BATCH_WINDOW_MS = 5;

interface Batch {
  views: ViewInput[];
  stored: Promise<void>;
}

/** The open batch of each shard, by shard name (the same object whatever the shard count in a test). */
const open = new Map<number, Batch>();
/** Every batch not yet stored, open or sent (settled, never rejecting): a live read waits for them. */
const unsettled = new Set<Promise<void>>();

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function enqueue(env: Env, index: number, view: ViewInput): Promise<void> {
  let batch = open.get(index);
  if (!batch) {
    const views: ViewInput[] = [];
    const send = async (): Promise<void> => {
      await wait(BATCH_WINDOW_MS);
      // Closed before the call: views arriving from now on start the next batch.
      if (open.get(index)?.views === views) open.delete(index);
      return shard(env, index).recordViews(views);
    };
    batch = { views, stored: send() };
    open.set(index, batch);
    const settled = batch.stored.then(() => undefined, () => undefined);
    unsettled.add(settled);
    void settled.then(() => unsettled.delete(settled));
  }
  batch.views.push(view);
  return batch.stored;
}

/**
 * Counts one reader's page view (and its article's, if any) on the shard that owns the reader: one
 * entry in one batch. Resolves once it is stored; give it to ctx.waitUntil and never make a page wait
 * for it: pages show the isolate's reading instead.
 */
export async function recordView(env: Env, view: { reader: string; articleId?: number | undefined }, now: Date): Promise<void> {
  await enqueue(env, shardOfReader(view.reader, shardCount(env)), { reader: view.reader, articleId: view.articleId, now: now.getTime() });
}

/** Resolves when every batch this isolate has opened so far is stored (or failed). */
export async function flushViews(): Promise<void> {
  while (unsettled.size > 0) await Promise.all(unsettled);
}

// ---- The isolate's reading of every shard ----

/**
 * How old the figures a page shows may be. Within it a page makes no counter call at all; after it,
 * one refresh per isolate reads every shard, however many pages wait for it.
 */
export const FIGURES_MAX_AGE_MS = 1000;

class Reading {
  at = Number.NEGATIVE_INFINITY;
  parts: (ShardFigures | undefined)[];
  /** When each part was read: a slow answer never overwrites a newer one. */
  readAt: number[];
  refreshing: Promise<void> | undefined;

  constructor(shards: number) {
    this.parts = new Array(shards).fill(undefined);
    this.readAt = new Array(shards).fill(Number.NEGATIVE_INFINITY);
  }

  update(i: number, figures: ShardFigures, at: number): void {
    const known = this.parts[i];
    if (known && at < this.readAt[i]!) {
      // Counts only grow: an older answer may still carry views the newer one was read before.
      this.parts[i] = { ...known, visits: Math.max(known.visits, figures.visits), views: Math.max(known.views, figures.views) };
      return;
    }
    this.parts[i] = figures;
    this.readAt[i] = at;
  }

  fresh(t: number): boolean {
    return t >= this.at && t - this.at <= FIGURES_MAX_AGE_MS && !this.parts.includes(undefined);
  }

  /** One refresh at a time per isolate; `live` starts a new one whatever is under way. */
  refresh(env: Env, t: number, live = false): Promise<void> {
    if (this.refreshing && !live) return this.refreshing;
    const run = (async () => {
      const figures = await Promise.all(this.parts.map((_, i) => shard(env, i).figures(t)));
      figures.forEach((f, i) => this.update(i, f, t));
      this.at = Math.max(this.at, t);
    })();
    const guarded: Promise<void> = run.finally(() => {
      if (this.refreshing === guarded) this.refreshing = undefined;
    });
    this.refreshing = guarded;
    return guarded;
  }

  figures(env: Env): Figures {
    return sum(env, this.parts as ShardFigures[]);
  }
}

const readings = new Map<string, Reading>();

function readingFor(env: Env, shards: number): Reading {
  const key = `${env.STATS_TOTAL_OFFSET}/${shards}`;
  let reading = readings.get(key);
  if (!reading) {
    reading = new Reading(shards);
    readings.set(key, reading);
  }
  return reading;
}

/** The figures for a page: the isolate's reading, refreshed first if older than FIGURES_MAX_AGE_MS. */
export async function pageFigures(env: Env, now: Date): Promise<Figures> {
  const reading = readingFor(env, shardCount(env));
  const t = now.getTime();
  if (!reading.fresh(t)) await reading.refresh(env, t);
  return reading.figures(env);
}

/** Every shard, read now, after this isolate's pending views are stored: the stats API and the dashboard. */
export async function readFigures(env: Env, now: Date): Promise<Figures> {
  await flushViews();
  const reading = readingFor(env, shardCount(env));
  await reading.refresh(env, now.getTime(), true);
  return reading.figures(env);
}

/** Page views per article: summed over every shard, since each view is counted where its reader lives. */
export async function articleViews(env: Env, ids: number[]): Promise<Map<number, number>> {
  await flushViews();
  const out = new Map<number, number>();
  if (ids.length === 0) return out;
  const results = await Promise.all(Array.from({ length: shardCount(env) }, (_, i) => shard(env, i).articleViews(ids)));
  for (const r of results) for (const [id, n] of Object.entries(r)) out.set(Number(id), (out.get(Number(id)) ?? 0) + n);
  return out;
}

export async function dailySeries(env: Env): Promise<{ day: string; visits: number; views: number }[]> {
  await flushViews();
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

/**
 * The figures for a page: the isolate's reading while it is fresh (no counter call, no timer), else a
 * refresh bounded in time; on failure, the last figures this isolate saw (or null: a placeholder).
 */
export async function figuresForPage(env: Env, now: Date): Promise<Figures | null> {
  const reading = readingFor(env, shardCount(env));
  if (reading.fresh(now.getTime())) return (lastKnown = reading.figures(env));
  const figures = await bounded(pageFigures(env, now), () => lastKnown, 'page figures');
  if (figures) lastKnown = figures;
  return figures;
}
