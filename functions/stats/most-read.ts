// "Xem nhiều nhất" (most read today, this week, this month): the counted page views of each article, summed
// over every shard of the site (an article's views lie where its readers do, so every shard's sums are
// added before ranking: exact, never a merge of per-shard tops), ranked, then kept to the articles readers
// may see now. It changes with views, not writes, so pages get it filled in per request (page-view.ts);
// each isolate reuses a reading for at most MOST_READ_MAX_AGE_MS and never across a content change.
import { vietnamDay } from '../content/dates.ts';
import { database } from '../data/db.ts';
import { readableArticles, VISIBLE_CHUNK, type ReadableArticle } from '../data/most-read.ts';
import { flushViews, shard, shardCount, type StatsSite } from './figures.ts';
import type { DayRange } from './visit-counter.ts';

export const MOST_READ_WINDOWS = ['today', 'week', 'month'] as const;
export type MostReadWindow = (typeof MOST_READ_WINDOWS)[number];
/** Days in each window, today included (Vietnam days). */
const WINDOW_DAYS: Record<MostReadWindow, number> = { today: 1, week: 7, month: 30 };
/** The longest list a page may ask for. */
export const MOST_READ_MAX = 10;
/** How long an isolate may show a reading (the bound for lists that change with views). */
export const MOST_READ_MAX_AGE_MS = 60_000;

export interface MostReadItem extends ReadableArticle {
  views: number;
}
export type MostRead = Record<MostReadWindow, MostReadItem[]>;

const DAY_MS = 86_400_000;

/** Each window's days, ending today in Vietnam (no daylight saving: a day is always 24 hours there). */
export function windowRanges(now: Date): DayRange[] {
  const to = vietnamDay(now);
  return MOST_READ_WINDOWS.map((w) => ({ from: vietnamDay(new Date(now.getTime() - (WINDOW_DAYS[w] - 1) * DAY_MS)), to }));
}

/**
 * Each window's views per article over all of the site's shards, summed. `flush` first stores this
 * isolate's pending views of the site (tests and exact reads); pages do not wait for that.
 */
export async function viewSums(env: Env, site: StatsSite, now: Date, options: { flush?: boolean } = {}): Promise<Map<number, number>[]> {
  if (options.flush) await flushViews(site);
  const ranges = windowRanges(now);
  const parts = await Promise.all(Array.from({ length: shardCount(env) }, (_, i) => shard(env, site.id, i).articleViewSums(ranges)));
  return ranges.map((_, w) => {
    const sums = new Map<number, number>();
    for (const part of parts) for (const [id, n] of Object.entries(part[w]!)) sums.set(Number(id), (sums.get(Number(id)) ?? 0) + n);
    return sums;
  });
}

/** Most views first; a tie goes to the newer article (the higher id), so the order is stable. */
export function ranked(sums: Map<number, number>): [number, number][] {
  return [...sums].sort((a, b) => b[1] - a[1] || b[0] - a[0]);
}

/**
 * The top `limit` readable articles of each window: candidates are checked against D1 in rank order, a
 * chunk at a time, until each window has its `limit` or no candidate is left (so an unpublished article
 * at the top costs one more look, never a shorter list than there are readable articles).
 */
export async function mostRead(env: Env, site: StatsSite, now: Date, options: { limit?: number; flush?: boolean } = {}): Promise<MostRead> {
  const limit = Math.min(options.limit ?? MOST_READ_MAX, MOST_READ_MAX);
  const lists = (await viewSums(env, site, now, options)).map(ranked);
  const db = database(env.DB);
  const known = new Map<number, ReadableArticle | null>();
  const out = lists.map(() => [] as MostReadItem[]);
  const cursor = lists.map(() => 0);
  for (;;) {
    // Walk each window as far as the articles already known allow.
    const wanted: number[] = [];
    lists.forEach((list, w) => {
      while (out[w]!.length < limit && cursor[w]! < list.length) {
        const [id, views] = list[cursor[w]!]!;
        if (!known.has(id)) break;
        const article = known.get(id);
        if (article) out[w]!.push({ ...article, views });
        cursor[w] = cursor[w]! + 1;
      }
      for (let k = cursor[w]!; out[w]!.length < limit && k < list.length && k < cursor[w]! + limit * 2; k++) {
        const id = list[k]![0];
        if (!known.has(id) && !wanted.includes(id)) wanted.push(id);
      }
    });
    if (wanted.length === 0) break;
    const ids = wanted.slice(0, VISIBLE_CHUNK);
    const found = await readableArticles(db, site.id, ids, now);
    for (const id of ids) known.set(id, found.get(id) ?? null);
  }
  return Object.fromEntries(MOST_READ_WINDOWS.map((w, i) => [w, out[i]!])) as MostRead;
}

/** A short digest of the lists, for the page's validator: a change of ranking or counts is a new ETag. */
export function mostReadDigest(lists: MostRead): string {
  let h = 0x811c9dc5;
  const text = MOST_READ_WINDOWS.map((w) => lists[w].map((a) => `${a.id}:${a.views}`).join(',')).join('|');
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(36);
}

// ---- The isolate's reading, per site and content generation ----

interface Reading {
  at: number;
  lists: Promise<MostRead>;
}
const readings = new Map<string, Reading>();
const READINGS_MAX = 1024;

/**
 * The lists for a site's page: this isolate's reading while it is at most MOST_READ_MAX_AGE_MS old and of
 * the site's current content generation (a write, an unpublication say, starts a new reading at once),
 * else a new one that every page waiting for it shares. A failed reading is not kept.
 */
export function mostReadForPage(env: Env, site: StatsSite, generation: string, now: Date): Promise<MostRead> {
  const key = `${site.id}/${generation}/${shardCount(env)}`;
  const t = now.getTime();
  const known = readings.get(key);
  if (known && t >= known.at && t - known.at < MOST_READ_MAX_AGE_MS) return known.lists;
  const lists = mostRead(env, site, now);
  const reading = { at: t, lists };
  if (readings.size >= READINGS_MAX) readings.clear();
  readings.set(key, reading);
  lists.catch(() => {
    if (readings.get(key) === reading) readings.delete(key);
  });
  return lists;
}
