// Builds the itty-router from the route table, enforcing what each row declares (auth, edge cache),
// adds HEAD, CORS preflight, 405, and the fallback to static files and the Astro pages; every thrown
// error becomes problem+json here (see http/problem.ts).
import { Router, type IRequest } from 'itty-router';
import { HttpError, problemResponse } from './http/problem.ts';
import { CORS_READ_HEADERS } from './http/cors.ts';
import { requireAdmin, requireImport, requireScope, type AdminHandler, type ImportHandler, type WriteHandler } from './http/auth.ts';
import { edgeCached } from './cache/edge-cache.ts';
import { requireSession } from './backup/restore-session.ts';
import type { Handler } from './http/request.ts';
import { routes, type Route } from './routes.ts';
import { renderPage } from './pages.ts';
import { countedRedirect, pageOrRedirect } from './redirects/lookup.ts';
import { siteOf } from './http/origin.ts';

type Args = [Env, ExecutionContext];

const patterns = routes.map((r) => ({
  method: r.method,
  regex: new RegExp(`^${r.path.replace(/:(\w+)/g, '(?<$1>[^/]+)')}$`),
}));

function allowedMethods(pathname: string): string[] {
  const methods = new Set<string>(patterns.filter((p) => p.regex.test(pathname)).map((p) => p.method));
  if (methods.has('GET')) methods.add('HEAD');
  return methods.size ? [...methods, 'OPTIONS'] : [];
}

async function fallback(request: IRequest, env: Env, ctx: ExecutionContext): Promise<Response> {
  const { pathname } = new URL(request.url);
  const allowed = allowedMethods(pathname);
  if (allowed.length) {
    throw new HttpError(405, 'method-not-allowed', `${request.method} is not allowed here. Allowed: ${allowed.join(', ')}.`, {
      headers: { Allow: allowed.join(', ') },
    });
  }
  if (pathname === '/api' || pathname.startsWith('/api/')) throw new HttpError(404, 'not-found', `Nothing is at ${pathname}.`);
  // Static files never get here: the platform serves them without running the Worker (run_worker_first
  // in wrangler.toml), so a page request goes straight to the edge cache and Astro.
  // An old URL of the site (functions/redirects/) answers 301 where the page would be a 404.
  // The site is resolved inside the compute: a cache hit (most reader requests) needs none of it.
  if (request.method === 'GET' || request.method === 'HEAD') {
    return countedRedirect(await edgeCached(request, env, () => pageOrRedirect(request, env, siteOf(request, env), () => renderPage(request, env, ctx))), env, ctx);
  }
  return renderPage(request, env, ctx);
}

/** Reads are open to every origin; writes get no CORS headers, so browsers keep them same-origin. */
function preflight(request: IRequest): Response {
  const allowed = allowedMethods(new URL(request.url).pathname);
  return new Response(null, { status: 204, headers: { ...CORS_READ_HEADERS, Allow: allowed.join(', ') || 'OPTIONS' } });
}

export const router = Router<IRequest, Args>({
  catch: (error, request) => problemResponse(error, request),
});

router.options('*', preflight);
const withEdgeCache = (handler: Handler): Handler => (request, env, ctx) =>
  edgeCached(request, env, () => handler(request, env, ctx));

/** What a `write` row declares, enforced: no token 401, a token without the write scope 403. */
const withWriteToken = (handler: WriteHandler): Handler => async (request, env, ctx) =>
  handler(request, env, ctx, await requireScope(request, env, 'write', new Date()));

/** What an `import` row declares: the import scope (401 / 403), and the site (?site=HOST for an all-sites token). */
const withImportToken = (handler: ImportHandler): Handler => async (request, env, ctx) =>
  handler(request, env, ctx, await requireImport(request, env, new Date()));

/** What an `admin` row declares: the admin scope (401 / 403), on the host's site. */
const withAdminToken = (handler: AdminHandler): Handler => async (request, env, ctx) =>
  handler(request, env, ctx, await requireAdmin(request, env, new Date()));

/** What a `restore` row declares: the Restore-Key of the remote restore in progress (401 otherwise). */
const withRestoreKey = (handler: Handler): Handler => async (request, env, ctx) => {
  await requireSession(request, env.MEDIA, new Date());
  return handler(request, env, ctx);
};

const handlerOf = (route: Route): Handler => {
  const handler = route.auth === 'write' ? withWriteToken(route.handler)
    : route.auth === 'import' ? withImportToken(route.handler)
      : route.auth === 'admin' ? withAdminToken(route.handler)
        : route.auth === 'restore' ? withRestoreKey(route.handler) : route.handler;
  return route.cache === 'edge' ? withEdgeCache(handler) : handler;
};

for (const route of routes) {
  const method = route.method.toLowerCase() as 'get' | 'post' | 'patch' | 'delete';
  const handler = handlerOf(route);
  router[method](route.path, handler);
  if (route.method === 'GET') router.head(route.path, handler);
}
router.all('*', fallback);
