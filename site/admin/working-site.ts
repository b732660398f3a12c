// Where the admin is served and which site it works on. The admin lives on the platform's first site's
// host only (one sign-in, one cookie, for every site a person has a role on); any other host redirects
// there. A session works on one site at a time, chosen with the site switcher (sessions.site_id).
import type { Session } from '../../functions/data/sessions.ts';
import { siteName, type Registry, type SiteRecord } from '../../functions/sites/registry.ts';
import { adminOrigin, originOf, type Site } from '../../functions/sites/resolve.ts';

type SiteConfig = Pick<Env, 'SITE_URL' | 'SITE_HOSTS'>;


/** Where a request for /admin on another site's host goes: the same path and query on the admin's origin. */
export function adminRedirect(requestUrl: URL, method: string, env: SiteConfig, registry: Registry): Response {
  const origin = adminOrigin(requestUrl, env, registry);
  const headers = { 'Cache-Control': 'private, no-store', 'Content-Type': 'text/plain; charset=utf-8' };
  if (!origin) return new Response('Trang quản trị không được phục vụ ở địa chỉ này.', { status: 404, headers });
  // 303 turns a GET into a GET of the same page; other methods keep theirs (307), and the CSRF check
  // on the admin's host then refuses them, since they come from another origin.
  const status = method === 'GET' || method === 'HEAD' ? 303 : 307;
  return new Response(null, { status, headers: { ...headers, Location: origin + requestUrl.pathname + requestUrl.search } });
}

/** Whether the session may work on the site: any site for platform admins, else a site it holds a usable role on. */
export function mayWorkOn(session: Session, siteId: number, registry: Registry): boolean {
  if (!registry.byId.has(siteId)) return false;
  return session.user.platformAdmin || session.roles.some((r) => r.siteId === siteId);
}

/**
 * The site an admin page works on (Astro.locals.site), with the origin its links use. The site this
 * request resolved to (the first site, on the admin's host) keeps its resolution, so its links stay on
 * the host the admin reached it by (as its reader pages there do); any other site links to its
 * canonical host.
 */
export function workingSiteOf(session: Session, requested: Site, requestUrl: URL, env: SiteConfig, registry: Registry): Site | null {
  const record = registry.byId.get(session.siteId);
  if (!record) return null;
  if (record.id === requested.id) return { ...record, origin: requested.origin };
  return { ...record, origin: originOf(record, requestUrl, env, registry) ?? requestUrl.origin };
}

export interface SwitcherEntry {
  id: number;
  name: string;
  archived: boolean;
}

/** The switcher's list: only the sites the session may work on (every site for platform admins), in id order. */
export function switcherSites(session: Session, registry: Registry, env: Pick<Env, 'SITE_NAME'>): SwitcherEntry[] {
  const mine = new Set(session.roles.map((r) => r.siteId));
  return registry.sites
    .filter((s: SiteRecord) => session.user.platformAdmin || mine.has(s.id))
    .map((s) => ({ id: s.id, name: siteName(s, env), archived: s.status === 'archived' }));
}
