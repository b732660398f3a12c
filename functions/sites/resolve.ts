// Which site a request is for, from its Host alone: the hosts this deployment serves, and the origin
// every URL the CMS builds starts with. The one place that decides it (the multi-site issue grows it
// into a host -> site table); the Worker entry refuses any other host before anything else runs.
//
// Why the Host is never trusted for links: it is chosen by the client, and answers are shared through
// the edge cache, so one request with `Host: attacker.example` would put the attacker's host into the
// feeds, sitemap and pages everyone else is served. So:
//  - `SITE_URL` is the canonical origin: every link uses it, whichever served host was asked;
//  - `SITE_HOSTS` (comma-separated `host[:port]`) are further hosts served (www, an old domain), still
//    linking to `SITE_URL`;
//  - with both empty (local development) only loopback hosts are served (127.0.0.0/8, localhost,
//    *.localhost, [::1]), linking to the request's own loopback origin: nobody else can reach them.
//    A production deploy that forgot SITE_URL therefore answers 404 everywhere, visibly, instead of
//    linking wherever its visitors' Host headers point.
// X-Forwarded-Host and similar headers are never read: behind Cloudflare the Host is the request URL.

export interface Site {
  /** The origin of every URL built for this site: scheme://host[:port], no trailing slash. */
  origin: string;
}

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

/** Answers by configuration and origin: every request asks, and the answer depends on nothing else. */
const known = new Map<string, Site | null>();
/** Forged hosts are endless: past this many origins the memo starts over rather than grow. */
const KNOWN_MAX = 256;

/** The site a request URL is for, or null when this deployment does not serve its host. */
export function resolveSite(requestUrl: string | URL, env: SiteConfig): Site | null {
  const text = String(requestUrl);
  const pathAt = text.indexOf('/', text.indexOf('//') + 2);
  const key = `${env.SITE_URL ?? ''}\n${env.SITE_HOSTS ?? ''}\n${pathAt < 0 ? text : text.slice(0, pathAt)}`;
  let site = known.get(key);
  if (site === undefined) {
    site = resolveUncached(new URL(text), env);
    if (known.size >= KNOWN_MAX) known.clear();
    known.set(key, site);
  }
  return site;
}

function resolveUncached(url: URL, env: SiteConfig): Site | null {
  const canonical = canonicalOf(env);
  const hosts = extraHosts(env);
  // url.host is lowercased and carries the port unless it is the scheme's default.
  const served = url.host === canonical?.host || hosts.includes(url.host) || (!canonical && !hosts.length && isLoopback(url.hostname));
  if (!served) return null;
  return { origin: canonical ? canonical.origin : url.origin };
}
