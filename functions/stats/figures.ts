// The Worker's side of the statistics: route views to their site's shards and store them after the
// response in batches (group commit), sum a site's shards into exact figures, and show pages the
// isolate's last reading of that site. Every site has its own shard objects, figures and offset.
import { heldRegistry, visitOffset, type SiteRecord } from '../sites/registry.ts';
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

/** The site whose counters a call reads or writes: its id names its objects, its offset starts its total. */
export type StatsSite = Pick<SiteRecord, 'id' | 'visitOffset'>;

/**
 * The name of one of a site's counter objects. Site 1 keeps the one-site deployment's names
 * (`shard-N`), so an upgraded deployment keeps every figure; the others are `site-<id>:shard-<N>`.
 */
export function shardName(siteId: number, index: number): string {
  return siteId === 1 ? `shard-${index}` : `site-${siteId}:shard-${index}`;
}

export function shard(env: Env, siteId: number, index: number) {
  return env.VISITS.getByName(shardName(siteId, index));
}

/** A reader always lands on the same shard, so "online now" sums distinct readers exactly. */
export function shardOfReader(reader: string, shards: number): number {
  return Number.parseInt(reader.slice(0, 8), 16) % shards;
}

function sum(env: Env, site: StatsSite, parts: ShardFigures[]): Figures {
  // The registry's visit_offset; STATS_TOTAL_OFFSET only for the first site when it has none.
  const offset = visitOffset(site, heldRegistry(), env);
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

/**
 * The open batch of each counter object, by object name: one per (site, shard), and the same batch
 * whatever the shard count a test's Env gives.
 */
const open = new Map<string, Batch>();
/**
 * Every batch not yet stored, open or sent (settled, never rejecting), by site: a live read of a site
 * waits for that site's batches only, so a slow counter of one site never holds up another's figures.
 */
const unsettled = new Map<number, Set<Promise<void>>>();

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function enqueue(env: Env, siteId: number, index: number, view: ViewInput): Promise<void> {
  const name = shardName(siteId, index);
  let batch = open.get(name);
  if (!batch) {
    const views: ViewInput[] = [];
    const send = async (): Promise<void> => {
      await wait(BATCH_WINDOW_MS);
      // Closed before the call: views arriving from now on start the next batch.
      if (open.get(name)?.views === views) open.delete(name);
      return env.VISITS.getByName(name).recordViews(views);
    };
    batch = { views, stored: send() };
    open.set(name, batch);
    const settled = batch.stored.then(() => undefined, () => undefined);
    let pending = unsettled.get(siteId);
    if (!pending) unsettled.set(siteId, (pending = new Set()));
    pending.add(settled);
    void settled.then(() => {
      pending.delete(settled);
      if (pending.size === 0 && unsettled.get(siteId) === pending) unsettled.delete(siteId);
    });
  }
  batch.views.push(view);
  return batch.stored;
}

/**
 * Counts one reader's page view (and its article's, if any) on the site's shard that owns the reader:
 * one entry in one batch. Resolves once it is stored; give it to ctx.waitUntil and never make a page
 * wait for it: pages show the isolate's reading instead. A reader who visits two sites makes a visit on
 * each (the same hash, counted by each site's own objects).
 */
export async function recordView(env: Env, site: StatsSite, view: { reader: string; articleId?: number | undefined }, now: Date): Promise<void> {
  await enqueue(env, site.id, shardOfReader(view.reader, shardCount(env)), { reader: view.reader, articleId: view.articleId, now: now.getTime() });
}

/** Resolves when every batch this isolate has opened so far for the site is stored (or failed). */
export async function flushViews(site: StatsSite): Promise<void> {
  for (let pending = unsettled.get(site.id); pending && pending.size > 0; pending = unsettled.get(site.id)) await Promise.all(pending);
}

// ---- The isolate's reading of every site's shards ----

/**
 * How old the figures a page shows may be. Within it a page makes no counter call at all; after it,
 * one refresh per isolate and site reads the site's every shard, however many pages wait for it.
 */
export const FIGURES_MAX_AGE_MS = 1000;

class Reading {
  readonly siteId: number;
  at = Number.NEGATIVE_INFINITY;
  parts: (ShardFigures | undefined)[];
  /** When each part was read: a slow answer never overwrites a newer one. */
  readAt: number[];
  refreshing: Promise<void> | undefined;

  constructor(siteId: number, shards: number) {
    this.siteId = siteId;
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
      const figures = await Promise.all(this.parts.map((_, i) => shard(env, this.siteId, i).figures(t)));
      figures.forEach((f, i) => this.update(i, f, t));
      this.at = Math.max(this.at, t);
    })();
    const guarded: Promise<void> = run.finally(() => {
      if (this.refreshing === guarded) this.refreshing = undefined;
    });
    this.refreshing = guarded;
    return guarded;
  }

  /** The offset is the site's as the caller knows it now (an admin may have changed it), not a copy. */
  figures(env: Env, site: StatsSite): Figures {
    return sum(env, site, this.parts as ShardFigures[]);
  }

  /** The figures of the last complete reading, however old: what pages show while the counters fail. */
  known(env: Env, site: StatsSite): Figures | null {
    return this.parts.includes(undefined) ? null : this.figures(env, site);
  }
}

/** One reading per site (and shard count, which a test's Env may change); a few thousand sites at most. */
const readings = new Map<string, Reading>();

function readingFor(env: Env, site: StatsSite): Reading {
  const shards = shardCount(env);
  const key = `${site.id}/${shards}`;
  let reading = readings.get(key);
  if (!reading) {
    reading = new Reading(site.id, shards);
    readings.set(key, reading);
  }
  return reading;
}

/** The figures for a site's page: the isolate's reading, refreshed first if older than FIGURES_MAX_AGE_MS. */
export async function pageFigures(env: Env, site: StatsSite, now: Date): Promise<Figures> {
  const reading = readingFor(env, site);
  const t = now.getTime();
  if (!reading.fresh(t)) await reading.refresh(env, t);
  return reading.figures(env, site);
}

/** Every shard of the site, read now, after this isolate's pending views of it are stored: the stats API and the dashboard. */
export async function readFigures(env: Env, site: StatsSite, now: Date): Promise<Figures> {
  await flushViews(site);
  const reading = readingFor(env, site);
  await reading.refresh(env, now.getTime(), true);
  return reading.figures(env, site);
}

/** Page views per article: summed over the site's every shard, since each view is counted where its reader lives. */
export async function articleViews(env: Env, site: StatsSite, ids: number[]): Promise<Map<number, number>> {
  await flushViews(site);
  const out = new Map<number, number>();
  if (ids.length === 0) return out;
  const results = await Promise.all(Array.from({ length: shardCount(env) }, (_, i) => shard(env, site.id, i).articleViews(ids)));
  for (const r of results) for (const [id, n] of Object.entries(r)) out.set(Number(id), (out.get(Number(id)) ?? 0) + n);
  return out;
}

export async function dailySeries(env: Env, site: StatsSite): Promise<{ day: string; visits: number; views: number }[]> {
  await flushViews(site);
  const parts = await Promise.all(Array.from({ length: shardCount(env) }, (_, i) => shard(env, site.id, i).daily()));
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

/**
 * The figures for a site's page: the isolate's reading while it is fresh (no counter call, no timer),
 * else a refresh bounded in time; on failure, the last figures this isolate read for the site (a
 * failed refresh changes no part), or null (a placeholder) if it never read them all.
 */
export async function figuresForPage(env: Env, site: StatsSite, now: Date): Promise<Figures | null> {
  const reading = readingFor(env, site);
  if (reading.fresh(now.getTime())) return reading.figures(env, site);
  return bounded(pageFigures(env, site, now), () => reading.known(env, site), 'page figures');
}
