// Which site a request is for, from its Host alone, and the origin every URL built for it starts with.
// The one place that decides it; the Worker entry refuses any other host before anything else runs.
// Sites and their hostnames come from the registry (functions/sites/registry.ts), held in memory.
//
// Why the Host is never trusted for links: it is chosen by the client, and answers are shared through
// the edge cache, so one request with `Host: attacker.example` would put the attacker's host into the
// feeds, sitemap and pages everyone else is served. So:
//  - a registry hostname serves its site; the canonical one (position 0) is every link's host, the
//    others answer 301 to it;
//  - the first site (the platform's, id order) when it has no hostnames of its own, which is how a
//    one-site deployment upgraded: `SITE_URL` is its canonical origin and `SITE_HOSTS` (comma-separated
//    `host[:port]`) further hosts served, still linking to `SITE_URL`;
//  - with SITE_URL and SITE_HOSTS empty (local development), loopback hosts that name no site
//    (127.0.0.0/8, localhost, [::1], unregistered *.localhost) serve the first site, linking to the
//    request's own loopback origin: nobody else can reach them. A production deploy that forgot
//    SITE_URL and registered no host therefore answers 404 everywhere, visibly.
//  - registry hosts link over https, except loopback names (*.localhost: local development, which keeps
//    the request's scheme and port) and when SITE_URL says http (tests).
// X-Forwarded-Host and similar headers are never read: behind Cloudflare the Host is the request URL.
import { heldRegistry, type Registry, type SiteRecord } from './registry.ts';

export interface Site extends SiteRecord {
  /** The origin of every URL built for this site: scheme://host[:port], no trailing slash. */
  origin: string;
}

export type Resolution =
  | { kind: 'site'; site: Site }
  /** A secondary hostname of a site: answer 301 to this origin (same path and query). */
  | { kind: 'redirect'; origin: string }
  | { kind: 'unknown' };

type SiteConfig = Pick<Env, 'SITE_URL' | 'SITE_HOSTS'>;

const LOOPBACK_V4 = /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/;

export function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname.endsWith('.localhost') || hostname === '[::1]' || LOOPBACK_V4.test(hostname);
}

function canonicalOf(env: SiteConfig): URL | null {
  if (!env.SITE_URL) return null;
  // A SITE_URL that is not an absolute http(s) URL is a deployment mistake: fail loudly, do not guess.
  const url = URL.parse(env.SITE_URL);
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) throw new Error(`SITE_URL is not an http(s) origin: ${JSON.stringify(env.SITE_URL)}`);
  return url;
}

function extraHosts(env: SiteConfig): string[] {
  return (env.SITE_HOSTS ?? '').split(',').map((h) => h.trim().toLowerCase()).filter(Boolean);
}

/** Answers by registry snapshot, configuration and origin: every request asks, and the answer depends on nothing else. */
const known = new Map<string, Resolution>();
let knownSerial = -1;
/** Forged hosts are endless: past this many origins the memo starts over rather than grow. */
const KNOWN_MAX = 256;

/** Where a request URL goes: its site, a redirect to the site's canonical host, or nowhere. */
export function resolveRequest(requestUrl: string | URL, env: SiteConfig, registry: Registry = heldRegistry()): Resolution {
  const text = String(requestUrl);
  const pathAt = text.indexOf('/', text.indexOf('//') + 2);
  if (registry.serial !== knownSerial) {
    known.clear();
    knownSerial = registry.serial;
  }
  const key = `${env.SITE_URL ?? ''}\n${env.SITE_HOSTS ?? ''}\n${pathAt < 0 ? text : text.slice(0, pathAt)}`;
  let resolution = known.get(key);
  if (resolution === undefined) {
    resolution = resolveUncached(new URL(text), env, registry);
    if (known.size >= KNOWN_MAX) known.clear();
    known.set(key, resolution);
  }
  return resolution;
}

/** The site a request URL is for, or null when this deployment does not serve it there (unknown or a redirect). */
export function resolveSite(requestUrl: string | URL, env: SiteConfig, registry?: Registry): Site | null {
  const resolution = resolveRequest(requestUrl, env, registry);
  return resolution.kind === 'site' ? resolution.site : null;
}

/** The canonical origin of a site, as seen from a request URL (its scheme and, for loopback names, its port). */
export function originOf(site: SiteRecord, requestUrl: URL, env: SiteConfig, registry: Registry): string | null {
  const host = site.hosts[0];
  if (host) {
    if (isLoopback(host)) return `${requestUrl.protocol}//${host}${requestUrl.port ? `:${requestUrl.port}` : ''}`;
    const scheme = canonicalOf(env)?.protocol === 'http:' ? 'http:' : 'https:';
    return `${scheme}//${host}`;
  }
  if (site.id !== registry.sites[0]?.id) return null; // a site without hostnames is not served
  const canonical = canonicalOf(env);
  if (canonical) return canonical.origin;
  if (extraHosts(env).length) return null;
  return isLoopback(requestUrl.hostname) ? requestUrl.origin : `${requestUrl.protocol}//localhost${requestUrl.port ? `:${requestUrl.port}` : ''}`;
}

function resolveUncached(url: URL, env: SiteConfig, registry: Registry): Resolution {
  const entry = registry.byHost.get(url.hostname);
  if (entry) {
    const origin = originOf(entry.site, url, env, registry)!;
    return entry.canonical ? { kind: 'site', site: { ...entry.site, origin } } : { kind: 'redirect', origin };
  }
  const first = registry.sites[0];
  if (!first || first.hosts.length) {
    // The first site has hostnames of its own: only loopback development still reaches it without them.
    return first && !canonicalOf(env) && !extraHosts(env).length && isLoopback(url.hostname)
      ? { kind: 'site', site: { ...first, origin: url.origin } }
      : { kind: 'unknown' };
  }
  const canonical = canonicalOf(env);
  const hosts = extraHosts(env);
  // url.host is lowercased and carries the port unless it is the scheme's default.
  const served = url.host === canonical?.host || hosts.includes(url.host) || (!canonical && !hosts.length && isLoopback(url.hostname));
  if (!served) return { kind: 'unknown' };
  return { kind: 'site', site: { ...first, origin: canonical ? canonical.origin : url.origin } };
}

/** Where the admin is served (the platform's first site's host): the admin's pages and nothing else live under it. */
export const isAdminPath = (path: string): boolean => path === '/admin' || path.startsWith('/admin/');

/** The admin's origin: the platform's first site's, or null when it cannot be told (first site with no host and SITE_HOSTS only). */
export function adminOrigin(requestUrl: URL, env: SiteConfig, registry: Registry): string | null {
  const first = registry.sites[0];
  if (!first) return null;
  const origin = originOf(first, requestUrl, env, registry);
  // Local development with a first site that has no hostname of its own: originOf answers with the
  // request's own loopback origin, which for a request on another site's *.localhost name is that
  // site's (a redirect to itself). Any loopback name the registry does not hold serves the first site.
  if (origin === requestUrl.origin && first.hosts.length === 0 && registry.byHost.has(requestUrl.hostname)) {
    const free = ['localhost', '127.0.0.1'].find((h) => !registry.byHost.has(h));
    return free ? `${requestUrl.protocol}//${free}${requestUrl.port ? `:${requestUrl.port}` : ''}` : null;
  }
  return origin;
}
