// An editor's redirects: check an old URL and its target, then create, change or delete the row through the
// write door (commitSiteChange) with its audit entry in the same batch, so the site's generation moves and
// a cached 301 or 404 of the old path gives way at once. Domain errors only; the admin words them.
import { commitSiteChange, type SiteRef } from '../articles/service.ts';
import { domainErrorOfD1 } from '../articles/errors.ts';
import { auditByAccount } from '../audit/log.ts';
import { database, type Db } from '../data/db.ts';
import {
  deleteRedirect, insertRedirect, MAX_REDIRECT_PATH, oldPathOf, redirectByFrom, redirectById, updateRedirect, type RedirectRow,
} from '../data/redirects.ts';
import { sql } from 'drizzle-orm';

/** Why an editor's redirect is refused (site/admin/strings.ts words each one). */
export type RedirectProblem =
  | 'from-invalid' | 'from-reserved' | 'to-invalid' | 'to-scheme' | 'self' | 'loop' | 'taken' | 'not-found';

export class RedirectRefused extends Error {
  readonly problem: RedirectProblem;
  readonly field: 'from' | 'to' | null;
  constructor(problem: RedirectProblem, field: 'from' | 'to' | null) {
    super(`redirect refused: ${problem}`);
    this.problem = problem;
    this.field = field;
  }
}

export interface RedirectInput {
  /** An old path or full old URL (of any host: the portal may have had another domain before). */
  from: string;
  /** A path of the site or an absolute http(s) URL. */
  to: string;
}

/** The checked pair as stored; `live`: the old path is a page of the site now, so the redirect waits until it goes. */
export interface CheckedRedirect {
  fromPath: string;
  toPath: string;
  live: boolean;
}

/** Paths the lookup never consults (admin, API): a redirect there would never answer. */
const RESERVED = /^\/(?:admin|api)(?:[/?]|$)/;

/** The target as stored: a path in oldPathOf's spelling, or an absolute http(s) URL as the URL parser writes it. */
export function targetOf(to: string): string {
  const raw = to.trim();
  if (raw.startsWith('/') && !raw.startsWith('//')) {
    const path = oldPathOf(raw);
    if (!path) throw new RedirectRefused('to-invalid', 'to');
    return path;
  }
  if (/^[a-z][a-z0-9+.-]*:/i.test(raw) && !/^https?:/i.test(raw)) throw new RedirectRefused('to-scheme', 'to');
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new RedirectRefused('to-invalid', 'to');
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !url.hostname) throw new RedirectRefused('to-scheme', 'to');
  url.hash = '';
  if (url.href.length > MAX_REDIRECT_PATH) throw new RedirectRefused('to-invalid', 'to');
  return url.href;
}

/** Whether the old path (its query aside) is a live page of the site: home, a published article, page or a category. */
async function isLivePage(db: Db, siteId: number, fromPath: string): Promise<boolean> {
  const path = fromPath.replace(/\?.*$/, '');
  if (path === '/' && !fromPath.includes('?')) return true;
  const m = /^\/(bai-viet|trang|chuyen-muc)\/([^/?]+)$/.exec(path);
  if (!m) return false;
  let slug: string;
  try { slug = decodeURIComponent(m[2]!); } catch { return false; }
  const table = m[1] === 'bai-viet' ? 'articles' : m[1] === 'trang' ? 'pages' : 'categories';
  const live = table === 'categories' ? sql`` : sql` and status = 'published' and deleted_at is null`;
  const row = await db.get<{ n: number } | undefined>(sql`select 1 as n from ${sql.identifier(table)} where site_id = ${siteId} and slug = ${slug}${live} limit 1`);
  return row !== undefined;
}

/**
 * Checks an editor's pair: a readable old path (not admin or API), a target that is a path or an http(s)
 * URL, not the old path itself (on the site's own origin either), not the start of a two-step loop.
 */
export async function checkRedirect(db: Db, site: SiteRef & { origin: string }, input: RedirectInput, editingId: number | null = null): Promise<CheckedRedirect> {
  const fromPath = oldPathOf(input.from);
  if (!fromPath) throw new RedirectRefused('from-invalid', 'from');
  if (RESERVED.test(fromPath)) throw new RedirectRefused('from-reserved', 'from');
  const toPath = targetOf(input.to);
  const ownPath = toPath.startsWith(`${site.origin}/`) ? toPath.slice(site.origin.length) : toPath;
  if (ownPath === fromPath) throw new RedirectRefused('self', 'to');
  const back = ownPath.startsWith('/') ? await redirectByFrom(db, site.id, ownPath) : null;
  if (back && back.id !== editingId && (back.toPath === fromPath || back.toPath === `${site.origin}${fromPath}`)) throw new RedirectRefused('loop', 'to');
  const existing = await redirectByFrom(db, site.id, fromPath);
  if (existing && existing.id !== editingId) throw new RedirectRefused('taken', 'from');
  return { fromPath, toPath, live: await isLivePage(db, site.id, fromPath) };
}

/** A second row for the same old path (two editors at once): the unique index refused it. */
function takenOrDomain(error: unknown): never {
  const e = error as Error & { cause?: Error };
  if (/UNIQUE constraint failed: redirects\.site_id, redirects\.from_path/.test(`${e?.message ?? ''} ${e?.cause?.message ?? ''}`)) throw new RedirectRefused('taken', 'from');
  return domainErrorOfD1(error);
}

export async function createRedirect(env: Env, site: SiteRef & { origin: string }, input: RedirectInput, userId: number | null, now: Date): Promise<CheckedRedirect> {
  const db = database(env.DB);
  const checked = await checkRedirect(db, site, input);
  await commitSiteChange(env, site, now, [
    insertRedirect(db, site.id, checked.fromPath, checked.toPath, userId, now),
    auditByAccount(db, {
      siteId: site.id, userId, action: 'redirect.created', at: now, detail: { from: checked.fromPath, to: checked.toPath },
      subject: sql`${'redirect:'} || (select id from redirects where site_id = ${site.id} and from_path = ${checked.fromPath})`,
    }),
  ], takenOrDomain);
  return checked;
}

export async function changeRedirect(env: Env, site: SiteRef & { origin: string }, id: number, input: RedirectInput, userId: number | null, now: Date): Promise<CheckedRedirect> {
  const db = database(env.DB);
  const row = await redirectById(db, site.id, id);
  if (!row) throw new RedirectRefused('not-found', null);
  const checked = await checkRedirect(db, site, input, id);
  const [changed] = await commitSiteChange(env, site, now, [
    updateRedirect(db, site.id, id, checked.fromPath, checked.toPath, now),
    auditByAccount(db, { siteId: site.id, userId, action: 'redirect.changed', subject: `redirect:${id}`, at: now, detail: { from: checked.fromPath, to: checked.toPath, before: { from: row.fromPath, to: row.toPath } } }),
  ], takenOrDomain);
  if (((changed as D1Result).meta?.changes ?? 1) === 0) throw new RedirectRefused('not-found', null);
  return checked;
}

export async function removeRedirect(env: Env, site: SiteRef, id: number, userId: number | null, now: Date): Promise<RedirectRow> {
  const db = database(env.DB);
  const row = await redirectById(db, site.id, id);
  if (!row) throw new RedirectRefused('not-found', null);
  await commitSiteChange(env, site, now, [
    deleteRedirect(db, site.id, id),
    auditByAccount(db, { siteId: site.id, userId, action: 'redirect.deleted', subject: `redirect:${id}`, at: now, detail: { from: row.fromPath, to: row.toPath } }),
  ]);
  return row;
}
