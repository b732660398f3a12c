// Queries on a site's redirects (old URLs answering 301): the one spelling of an old path (oldPathOf),
// the import's upsert, the lookup before the 404 page, and the admin's list, search, create, edit, delete.
// Every query names the site: a row of another site is never found, changed or counted.
import type { BatchItem } from 'drizzle-orm/batch';
import { and, desc, eq, inArray, lt, or, sql } from 'drizzle-orm';
import { redirects, type RedirectOrigin } from '../../schema/tables.ts';
import type { Db } from './db.ts';

export type RedirectRow = typeof redirects.$inferSelect;

/** The longest old path kept (an old URL longer than this is junk for a redirect). */
export const MAX_REDIRECT_PATH = 2000;

/** Rows per page of the admin's list. */
export const REDIRECT_PAGE = 50;

const HEX = '0123456789ABCDEF';
const hexByte = (b: number): string => `%${HEX[b >> 4]}${HEX[b & 15]}`;
/** RFC 3986 unreserved: a percent-encoded one means the same as the character itself (section 6.2.2.2). */
const UNRESERVED = /^[A-Za-z0-9\-._~]$/;
/** ASCII kept as written in a path or query (reserved characters keep their meaning, raw or encoded: not equivalent). */
const KEPT = /^[A-Za-z0-9\-._~!$&'()*+,;=:@/?]$/;
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
const encoder = new TextEncoder();

/**
 * One spelling of a path and query: an encoded unreserved character decoded, every other escape in upper
 * case, non-ASCII (raw or encoded; NFC when it is UTF-8) as upper-case UTF-8 escapes, a stray "%" as "%25".
 * So "/tin-tức", "/tin-t%e1%bb%a9c" and the decomposed spelling of "ứ" all become "/tin-t%E1%BB%A9c",
 * while "%2F" stays an encoded slash (not the same path as "/").
 */
function normalizeEncoding(s: string): string {
  let out = '';
  // A run of letters (unreserved ASCII and non-ASCII, raw or encoded) as bytes: NFC composes across both
  // ("u" + combining horn + acute is "ứ").
  let bytes: number[] = [];
  const byteOut = (b: number): string => (b < 0x80 ? String.fromCharCode(b) : hexByte(b));
  const flush = () => {
    if (bytes.length === 0) return;
    let text: string | null = null;
    try { text = utf8.decode(new Uint8Array(bytes)); } catch { text = null; }
    const normalized = text === null ? bytes : [...encoder.encode(text.normalize('NFC'))];
    out += normalized.map(byteOut).join('');
    bytes = [];
  };
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (ch === '%' && /^[0-9A-Fa-f]{2}$/.test(s.slice(i + 1, i + 3))) {
      const b = parseInt(s.slice(i + 1, i + 3), 16);
      i += 2;
      if (b >= 0x80 || UNRESERVED.test(String.fromCharCode(b))) { bytes.push(b); continue; }
      flush();
      out += hexByte(b);
      continue;
    }
    const code = ch.codePointAt(0)!;
    if (code >= 0x80 || UNRESERVED.test(ch)) {
      const full = String.fromCodePoint(code);
      bytes.push(...encoder.encode(full));
      if (full.length === 2) i++;
      continue;
    }
    flush();
    out += ch === '%' ? '%25' : KEPT.test(ch) ? ch : hexByte(code);
  }
  flush();
  return out;
}

/** A site's old origins as bare hostnames, "www." aside (an old portal served both). */
const hostKey = (host: string): string => host.toLowerCase().replace(/^www\./, '').replace(/\.$/, '');

function hostsOf(siteOrigins: string[]): Set<string> {
  const hosts = new Set<string>();
  for (const o of siteOrigins) {
    try {
      hosts.add(hostKey(/^[a-z][a-z0-9+.-]*:\/\//i.test(o) ? new URL(o).hostname : new URL(`http://${o}`).hostname));
    } catch {
      // an origin that does not parse names no host
    }
  }
  return hosts;
}

/**
 * The old path of an old URL or path: "/path?query", without fragment, encoding normalized (see
 * normalizeEncoding), trailing slash and query kept as given. An absolute URL (or "//host/...") must be
 * http(s) and, when `siteOrigins` is given, on one of those hosts ("www." aside); otherwise null, as for
 * junk: empty, relative ("bai-viet/x"), control characters, another scheme, longer than MAX_REDIRECT_PATH.
 */
export function oldPathOf(input: string, siteOrigins?: string[]): string | null {
  const raw = input.trim();
  if (raw === '' || /[\u0000-\u001f\u007f]/.test(raw)) return null;
  let pathAndQuery: string;
  if (raw.startsWith('/') && !raw.startsWith('//')) {
    pathAndQuery = raw;
  } else {
    let url: URL;
    try {
      url = new URL(raw.startsWith('//') ? `http:${raw}` : raw);
    } catch {
      return null;
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    if (siteOrigins && !hostsOf(siteOrigins).has(hostKey(url.hostname))) return null;
    pathAndQuery = url.pathname + url.search;
  }
  pathAndQuery = pathAndQuery.replace(/#.*$/s, '');
  // "/path?" (an empty query) is the path itself.
  if (pathAndQuery.endsWith('?')) pathAndQuery = pathAndQuery.slice(0, -1);
  const path = normalizeEncoding(pathAndQuery);
  return path.length <= MAX_REDIRECT_PATH ? path : null;
}

/** What the lookup needs of a row: its id (for the hit count) and where it goes. */
export type RedirectTarget = Pick<RedirectRow, 'id' | 'toPath'>;

/**
 * The import's write of an old path: inserts the row; on conflict changes `to_path` (and takes the new
 * origin) only while the existing row's origin is 'import' — an editor's row is never overwritten.
 * For the item's own create batch (a killed import leaves both or neither).
 */
export function upsertRedirect(db: Db, siteId: number, fromPath: string, toPath: string, origin: RedirectOrigin, now = new Date()): BatchItem<'sqlite'> {
  return db.insert(redirects).values({ siteId, fromPath, toPath, origin, createdAt: now, updatedAt: now })
    .onConflictDoUpdate({
      target: [redirects.siteId, redirects.fromPath],
      set: { toPath, origin, updatedAt: now },
      setWhere: sql`${redirects.origin} = 'import'`,
    });
}

/** The path with its trailing slash toggled ("/gioi-thieu" <-> "/gioi-thieu/"); null for "/" (no other spelling). */
export function otherSlashSpelling(path: string): string | null {
  if (path === '/' || path === '') return null;
  return path.endsWith('/') ? path.slice(0, -1) : `${path}/`;
}

/**
 * Where an old path goes: the row for the exact path and query, else (unless `exact`) for the path alone
 * (an old link with tracking parameters added), else for the path with its trailing slash toggled (WordPress
 * answered "/gioi-thieu" and "/gioi-thieu/" alike, so old links use both), else null. One indexed query.
 */
export async function findRedirect(db: Db, siteId: number, pathAndQuery: string, options: { exact?: boolean } = {}): Promise<RedirectTarget | null> {
  const q = pathAndQuery.indexOf('?');
  const path = q < 0 || options.exact ? pathAndQuery : pathAndQuery.slice(0, q);
  const other = options.exact ? null : otherSlashSpelling(q < 0 ? pathAndQuery : pathAndQuery.slice(0, q));
  const candidates = [...new Set([pathAndQuery, path, ...(other === null ? [] : [other])])];
  const row = await db.select({ id: redirects.id, toPath: redirects.toPath }).from(redirects)
    .where(and(eq(redirects.siteId, siteId), inArray(redirects.fromPath, candidates)))
    .orderBy(sql`${redirects.fromPath} = ${pathAndQuery} desc`, sql`${redirects.fromPath} = ${path} desc`).limit(1).get();
  return row ?? null;
}

/** One more answer given (best effort, after the response: the count is for editors, not exact). */
export async function countRedirectHit(db: Db, siteId: number, id: number): Promise<void> {
  await db.update(redirects).set({ hits: sql`${redirects.hits} + 1` }).where(and(eq(redirects.siteId, siteId), eq(redirects.id, id))).run();
}

/**
 * What the site's query-string redirects start with: "<path>?<first key>" ("/?p", "/index.php?option"),
 * at most `limit` of them. A request answered 200 whose path and a query key are among these is looked
 * up (a WordPress "/?p=12" on the home page); any other query string costs no query.
 */
export async function redirectQueryPrefixes(db: Db, siteId: number, limit = 200): Promise<string[]> {
  const rows = await db.all<{ prefix: string }>(sql`
    select distinct substr(q.p, 1, q.k + min(
      case when instr(substr(q.p, q.k + 1), '=') = 0 then length(q.p) else instr(substr(q.p, q.k + 1), '=') - 1 end,
      case when instr(substr(q.p, q.k + 1), '&') = 0 then length(q.p) else instr(substr(q.p, q.k + 1), '&') - 1 end)) as prefix
    from (select from_path as p, instr(from_path, '?') as k from ${redirects} where site_id = ${siteId} and instr(from_path, '?') > 0) q
    limit ${limit}`);
  return rows.map((r) => r.prefix);
}

export async function redirectById(db: Db, siteId: number, id: number): Promise<RedirectRow | null> {
  return (await db.select().from(redirects).where(and(eq(redirects.siteId, siteId), eq(redirects.id, id))).get()) ?? null;
}

export async function redirectByFrom(db: Db, siteId: number, fromPath: string): Promise<RedirectRow | null> {
  return (await db.select().from(redirects).where(and(eq(redirects.siteId, siteId), eq(redirects.fromPath, fromPath))).get()) ?? null;
}

export interface RedirectPosition {
  createdAt: number;
  id: number;
}

/**
 * A page of the site's redirects, newest first, those whose old or new path contains `q` if given
 * (compared in oldPathOf's spelling, so "tin-tức" finds "/tin-t%E1%BB%A9c"; case aside).
 */
export async function listRedirects(db: Db, siteId: number, options: { q?: string; after?: RedirectPosition | null; limit?: number } = {}): Promise<{ items: RedirectRow[]; next: RedirectPosition | null }> {
  const limit = options.limit ?? REDIRECT_PAGE;
  const q = normalizeEncoding((options.q ?? '').trim().slice(0, 200)).toLowerCase();
  const after = options.after;
  const rows = await db.select().from(redirects).where(and(
    eq(redirects.siteId, siteId),
    q ? or(sql`instr(lower(${redirects.fromPath}), ${q}) > 0`, sql`instr(lower(${redirects.toPath}), ${q}) > 0`) : undefined,
    after ? or(lt(redirects.createdAt, new Date(after.createdAt)), and(eq(redirects.createdAt, new Date(after.createdAt)), lt(redirects.id, after.id))) : undefined,
  )).orderBy(desc(redirects.createdAt), desc(redirects.id)).limit(limit + 1).all();
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, next: rows.length > limit && last ? { createdAt: last.createdAt.getTime(), id: last.id } : null };
}

/** An editor's new redirect (the unique index refuses a second row for the same old path). */
export function insertRedirect(db: Db, siteId: number, fromPath: string, toPath: string, createdBy: number | null, now: Date): BatchItem<'sqlite'> {
  return db.insert(redirects).values({ siteId, fromPath, toPath, origin: 'admin', createdBy, createdAt: now, updatedAt: now });
}

/** An editor's change: the row becomes the editor's (a later import run leaves it alone). */
export function updateRedirect(db: Db, siteId: number, id: number, fromPath: string, toPath: string, now: Date): BatchItem<'sqlite'> {
  return db.update(redirects).set({ fromPath, toPath, origin: 'admin', updatedAt: now }).where(and(eq(redirects.siteId, siteId), eq(redirects.id, id)));
}

export function deleteRedirect(db: Db, siteId: number, id: number): BatchItem<'sqlite'> {
  return db.delete(redirects).where(and(eq(redirects.siteId, siteId), eq(redirects.id, id)));
}
