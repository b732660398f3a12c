// Helpers for the visitor-statistics tests: page views as distinct readers, and the figures.
import { env, exports } from 'cloudflare:workers';
import { currentRegistry, type SiteRecord } from '../../functions/sites/registry.ts';
import { ORIGIN } from './api.ts';

export interface StatsJson {
  onlineNow: number;
  totalVisits: number;
  visitsToday: number;
  pageViews: number;
  days: { day: string; visits: number; views: number }[];
}

export const BROWSER_UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36';

/** A documentation-range IPv4 address per reader number (RFC 5737 blocks, then 10.x for more). */
export function ipOf(n: number): string {
  return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
}

/** One request through the Worker to a site's origin (site 1 is http://cms.test); redirects not followed. */
function callAt(origin: string, path: string, init: RequestInit = {}): Promise<Response> {
  return exports.default.fetch(new Request(origin + path, { redirect: 'manual', ...init }));
}

export function view(path: string, reader: number, init: RequestInit & { headers?: Record<string, string> } = {}, origin = ORIGIN): Promise<Response> {
  return callAt(origin, path, {
    ...init,
    headers: { 'CF-Connecting-IP': ipOf(reader), 'User-Agent': BROWSER_UA, Accept: 'text/html', ...init.headers },
  });
}

/** /api/v1/stats of the site at `origin`. */
export async function stats(origin = ORIGIN): Promise<StatsJson> {
  const res = await callAt(origin, '/api/v1/stats');
  if (res.status !== 200) throw new Error(`stats ${res.status}: ${await res.text()}`);
  return (await res.json()) as StatsJson;
}

/**
 * The first site, from a registry snapshot this test module now holds: the figures functions called
 * directly by a test read the offset through it, as the Worker's do through the entry's snapshot.
 */
export async function firstSite(): Promise<SiteRecord> {
  return (await currentRegistry(env)).sites[0]!;
}

/**
 * The same Env with some variables changed, for this call only. A Proxy, because assigning through
 * Object.create(env) reaches the runtime's own env object and would change it for every later test.
 */
export function envWith(vars: Partial<Record<keyof Env, string>>): Env {
  return new Proxy(env, { get: (target, key) => (key in vars ? vars[key as keyof Env] : Reflect.get(target, key)) });
}

/** The same Env with another shard count: the shard layout is configuration, not code. */
export function envWithShards(shards: number): Env {
  return envWith({ STATS_SHARDS: String(shards) });
}

/** The figures a page shows in its "Thống kê truy cập" box, parsed back to numbers. */
export function shownFigures(html: string): { online: number; total: number } {
  const pick = (name: string) => {
    const m = new RegExp(`data-stat="${name}"[^>]*>([^<]*)<`).exec(html);
    if (!m) throw new Error(`no data-stat="${name}" in page`);
    return Number(m[1]!.replaceAll('.', ''));
  };
  return { online: pick('online'), total: pick('total') };
}
