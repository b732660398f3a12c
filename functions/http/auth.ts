// Bearer API tokens on the content API: who is calling, and may they write or import. The router applies
// requireScope to every route the table declares `write`, requireImport to every `import` route and
// requireAdmin to every `admin` route (functions/router.ts), before its handler. A token belongs to one site: on another site's host it is
// refused exactly like an unknown one; an all-sites token is accepted on every host.
import type { IRequest } from 'itty-router';
import type { TokenScope } from '../../schema/tables.ts';
import { database } from '../data/db.ts';
import { findToken, type TokenIdentity } from '../data/tokens.ts';
import { resolveRequest, type Site } from '../sites/resolve.ts';
import { heldRegistry } from '../sites/registry.ts';
import { siteOf, unknownHost } from './origin.ts';
import { HttpError } from './problem.ts';

/** A handler of a `write` route: it runs only after the router checked the token, and gets its identity. */
export type WriteHandler = (request: IRequest, env: Env, ctx: ExecutionContext, caller: TokenIdentity) => Promise<Response>;

/** Who calls an `import` route, and the site it works on: the host's, or ?site=HOST's for an all-sites token. */
export interface ImportCaller extends TokenIdentity {
  site: Site;
}

/** A handler of an `import` route: it runs only after the router checked the token and picked the site. */
export type ImportHandler = (request: IRequest, env: Env, ctx: ExecutionContext, caller: ImportCaller) => Promise<Response>;

/** Who calls an `admin` route (the site's settings for third parties): a token with the admin scope, and the host's site. */
export interface AdminCaller extends TokenIdentity {
  site: Site;
}

/** A handler of an `admin` route: it runs only after the router checked the token's admin scope. */
export type AdminHandler = (request: IRequest, env: Env, ctx: ExecutionContext, caller: AdminCaller) => Promise<Response>;

const CHALLENGE = { 'WWW-Authenticate': 'Bearer realm="bientap-cms"' };

/** The token's identity, null without an Authorization header; a bad token is an error, not anonymity. */
export async function callerOf(request: Request, env: Env, now: Date): Promise<TokenIdentity | null> {
  const header = request.headers.get('Authorization');
  if (!header) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  const identity = match ? await findToken(database(env.DB), siteOf(request, env).id, match[1]!, now) : null;
  if (!identity) {
    throw new HttpError(401, 'invalid-token', 'The API token is unknown, revoked or malformed.', { headers: CHALLENGE });
  }
  return identity;
}

export async function requireScope(request: Request, env: Env, scope: TokenScope, now: Date): Promise<TokenIdentity> {
  const identity = await callerOf(request, env, now);
  if (!identity) {
    throw new HttpError(401, 'unauthenticated', `This request needs an API token with the "${scope}" scope: Authorization: Bearer <token>.`, { headers: CHALLENGE });
  }
  if (!identity.scopes.includes(scope)) {
    throw new HttpError(403, 'insufficient-scope', `The token "${identity.name}" lacks the "${scope}" scope.`);
  }
  return identity;
}

/**
 * The import scope, and the site an import works on: the request host's, or the one `?site=HOST` names
 * (any of its hostnames), which only an all-sites token may ask for (403 otherwise; an unknown host 404).
 */
export async function requireImport(request: Request, env: Env, now: Date): Promise<ImportCaller> {
  const identity = await requireScope(request, env, 'import', now);
  const url = new URL(request.url);
  const asked = url.searchParams.get('site');
  if (asked === null) return { ...identity, site: siteOf(request, env) };
  if (!identity.allSites) {
    throw new HttpError(403, 'site-not-allowed', `The token "${identity.name}" is one site's: ?site needs a token made for all sites (--all-sites).`);
  }
  return { ...identity, site: siteOfHost(url, asked.trim().toLowerCase(), env) };
}

/**
 * The admin scope, on the request host's site only: an admin route changes that site's settings, and a
 * token of another site is unknown here (401) as everywhere.
 */
export async function requireAdmin(request: Request, env: Env, now: Date): Promise<AdminCaller> {
  const identity = await requireScope(request, env, 'admin', now);
  return { ...identity, site: siteOf(request, env) };
}

/** The site a hostname names, as a request to it would resolve (a secondary hostname: its site). */
function siteOfHost(requestUrl: URL, host: string, env: Env): Site {
  const there = new URL(requestUrl);
  try {
    there.host = host;
  } catch {
    throw unknownHost();
  }
  if (there.host !== host && there.hostname !== host) throw unknownHost(); // the URL parser refused or rewrote it
  // In local development (SITE_URL empty) any *.localhost name no site has is served as the first site:
  // as ?site that is a typo (`--site dongi.localhost`), and the import would land in the wrong portal.
  if (there.hostname.endsWith('.localhost') && !heldRegistry().byHost.has(there.hostname)) throw unknownHost();
  const resolution = resolveRequest(there, env);
  if (resolution.kind === 'site') return resolution.site;
  if (resolution.kind === 'redirect') {
    const canonical = resolveRequest(new URL(resolution.origin + '/'), env);
    if (canonical.kind === 'site') return canonical.site;
  }
  throw unknownHost();
}
