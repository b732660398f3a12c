// Helpers for the visitor-statistics tests: page views as distinct readers, and the figures.
import { env } from 'cloudflare:workers';
import { call } from './api.ts';

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

export function view(path: string, reader: number, init: RequestInit & { headers?: Record<string, string> } = {}): Promise<Response> {
  return call(path, {
    ...init,
    headers: { 'CF-Connecting-IP': ipOf(reader), 'User-Agent': BROWSER_UA, Accept: 'text/html', ...init.headers },
  });
}

export async function stats(): Promise<StatsJson> {
  const res = await call('/api/v1/stats');
  if (res.status !== 200) throw new Error(`stats ${res.status}: ${await res.text()}`);
  return (await res.json()) as StatsJson;
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
