// The site registry as this isolate holds it: every site and hostname, read from D1 in one query and
// kept in memory, so resolving a request's site (functions/sites/resolve.ts) touches no storage. It is
// refreshed when older than CACHE_GENERATION_MAX_AGE_MS (the freshness bound readers are promised for
// content, 1 s): in the background while a snapshot exists (a hit never waits on D1), before answering
// only when the isolate has none yet or the bound is 0 (tests). A change made through this isolate
// (the admin, the CLI's D1 writes are seen within the bound) replaces the snapshot at once.
import { asc } from 'drizzle-orm';
import { siteHosts, sites, type SiteStatus } from '../../schema/tables.ts';
import { generationMaxAge } from '../cache/generation-memo.ts';
import { database, type Db } from '../data/db.ts';

/** A site as the registry knows it (no request involved: see resolve.ts for the origin of one). */
export interface SiteRecord {
  id: number;
  /** Empty only for a site upgraded from one-site data: it shows SITE_NAME (see siteName). */
  name: string;
  /** The "Cơ quan chủ quản" line. */
  subtitle: string;
  /** The province of a commune; null for a top-level site. */
  parentId: number | null;
  status: SiteStatus;
  /** The historic visit total its counter starts from (null: STATS_TOTAL_OFFSET, first site only; see visitOffset). */
  visitOffset: number | null;
  /** A media key of this site for the header logo; null: the national emblem. */
  logoKey: string | null;
  /** "#rrggbb", lower case; null: the default red. */
  primaryColor: string | null;
  /** Registry hostnames, canonical first; empty: served on SITE_URL / SITE_HOSTS / loopback (first site only). */
  hosts: string[];
  /** Sites whose parent is this one (a province's communes), by id. */
  childIds: number[];
}

export interface Registry {
  /** In id order; the first is the platform's site (the admin's host). Never empty after migration 0005. */
  sites: SiteRecord[];
  byId: Map<number, SiteRecord>;
  /** hostname -> site and whether it is the canonical one. */
  byHost: Map<string, { site: SiteRecord; canonical: boolean }>;
  /** Increases with every snapshot this isolate takes: memo keys of anything derived from it. */
  serial: number;
}

let serial = 0;

/** Builds a registry from rows (also used by tests and the CLIs). */
export function buildRegistry(rows: Omit<SiteRecord, 'hosts' | 'childIds'>[], hosts: { host: string; siteId: number; position: number }[]): Registry {
  const records = rows.map((r) => ({ ...r, hosts: [] as string[], childIds: [] as number[] })).sort((a, b) => a.id - b.id);
  const byId = new Map(records.map((s) => [s.id, s]));
  for (const s of records) if (s.parentId !== null) byId.get(s.parentId)?.childIds.push(s.id);
  const byHost = new Map<string, { site: SiteRecord; canonical: boolean }>();
  for (const h of [...hosts].sort((a, b) => a.position - b.position)) {
    const site = byId.get(h.siteId);
    if (!site) continue;
    byHost.set(h.host, { site, canonical: site.hosts.length === 0 });
    site.hosts.push(h.host);
  }
  return { sites: records, byId, byHost, serial: ++serial };
}

export async function loadRegistry(db: Db): Promise<Registry> {
  const [rows, hosts] = await db.batch([
    db.select({
      id: sites.id, name: sites.name, subtitle: sites.subtitle, parentId: sites.parentId, status: sites.status,
      visitOffset: sites.visitOffset, logoKey: sites.logoKey, primaryColor: sites.primaryColor,
    }).from(sites).orderBy(asc(sites.id)),
    db.select({ host: siteHosts.host, siteId: siteHosts.siteId, position: siteHosts.position }).from(siteHosts),
  ]);
  return buildRegistry(rows, hosts);
}

interface Held {
  registry: Registry;
  /** When the read that produced it started (ms, the caller's clock): its age is counted from there. */
  at: number;
  /** The order in which reads started in this isolate: a read never replaces one that started after it. */
  ticket: number;
}

let held: Held | null = null;
let reading: Promise<Held> | null = null;
let tickets = 0;

/** Reads the registry and keeps it unless a read that started later (a reload after a change) is held already. */
async function take(env: Env, now: number): Promise<Held> {
  const ticket = ++tickets;
  const registry = await loadRegistry(database(env.DB));
  // By start order, not by clock: a clock that moved back (or a test's controlled time) never freezes it.
  if (!held || held.ticket < ticket) held = { registry, at: now, ticket };
  return held;
}

function refresh(env: Env, now: number): Promise<Held> {
  reading ??= take(env, now).finally(() => { reading = null; });
  return reading;
}

/**
 * The registry for this request. Waits for D1 only when the isolate holds none yet or the bound is 0;
 * otherwise a stale snapshot is used and replaced in the background (ctx.waitUntil).
 */
export async function currentRegistry(env: Env, ctx?: Pick<ExecutionContext, 'waitUntil'>, now = Date.now()): Promise<Registry> {
  const maxAge = generationMaxAge(env);
  if (held && now >= held.at && now - held.at <= maxAge) return held.registry;
  if (held && maxAge > 0 && ctx) {
    ctx.waitUntil(refresh(env, now).then(() => undefined, () => undefined));
    return held.registry;
  }
  return (await refresh(env, now)).registry;
}

/** The snapshot last taken (sync, for code that runs after the Worker entry awaited currentRegistry). */
export function heldRegistry(): Registry {
  if (!held) throw new Error('The site registry is read by the Worker entry before any handler runs (currentRegistry).');
  return held.registry;
}

/** After this isolate changed the registry: take a new snapshot now, so its next request sees the change. */
export async function reloadRegistry(env: Env): Promise<Registry> {
  return (await take(env, Date.now())).registry;
}

/** The portal's name: the registry's, or SITE_NAME for a site upgraded from one-site data. */
export const siteName = (site: Pick<SiteRecord, 'name'>, env: Pick<Env, 'SITE_NAME'>): string => site.name || env.SITE_NAME;

/** The historic total the site's counter starts from: the registry's, or STATS_TOTAL_OFFSET for the first site. */
export function visitOffset(site: Pick<SiteRecord, 'id' | 'visitOffset'>, registry: Registry, env: Pick<Env, 'STATS_TOTAL_OFFSET'>): number {
  if (site.visitOffset !== null) return site.visitOffset;
  if (site.id !== registry.sites[0]?.id) return 0;
  const n = Number(env.STATS_TOTAL_OFFSET ?? 0);
  return Number.isSafeInteger(n) && n >= 0 ? n : 0;
}
