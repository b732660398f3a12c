// The admin's gate: /admin is served on the platform's first site's host only (any other host is
// redirected there), every /admin page needs a live session (else to the sign-in page) and works on the
// session's working site (Astro.locals.site), every write carries a body its page can read (a form, or
// text for the preview: else 415/400 before any page calls formData()), every write from a session
// passes the CSRF check, and no admin answer is cached.
import { defineMiddleware } from 'astro:middleware';
import { env } from 'cloudflare:workers';
import { csrfProblem, currentSession } from '../functions/auth/current.ts';
import { database } from '../functions/data/db.ts';
import { siteOf } from '../functions/http/origin.ts';
import { heldRegistry, reloadRegistry } from '../functions/sites/registry.ts';
import { isAdminPath } from '../functions/sites/resolve.ts';
import { twoFactorGate } from './admin/two-factor-gate.ts';
import { readAdminBody } from './admin/request-body.ts';
import { adminRedirect, workingSiteOf } from './admin/working-site.ts';

const PUBLIC_ADMIN = new Set(['/admin/login']);
/** Reset links are opened by someone who cannot sign in: the token in the path is their credential. */
const isPublicAdmin = (pathname: string) => PUBLIC_ADMIN.has(pathname) || pathname.startsWith('/admin/dat-lai-mat-khau/');

const refused = (status: number, message: string) =>
  new Response(message, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'private, no-store' } });

export const onRequest = defineMiddleware(async (context, next) => {
  const { pathname, search } = context.url;
  context.locals.site = siteOf(context.request, env);
  if (!isAdminPath(pathname)) return next();
  let registry = heldRegistry();
  if (context.locals.site.id !== registry.sites[0]?.id) return adminRedirect(context.url, context.request.method, env, registry);
  let session = await currentSession(context.request, env, new Date());
  // A site created through another isolate within the registry's freshness bound: read it now (rare).
  if (session && !registry.byId.has(session.siteId)) registry = await reloadRegistry(env);
  const working = session ? workingSiteOf(session, context.locals.site, context.url, env, registry) : null;
  if (working) context.locals.site = working;
  else session = null;
  context.locals.session = session;
  if (!session && !isPublicAdmin(pathname)) {
    return context.redirect(`/admin/login?next=${encodeURIComponent(pathname + search)}`, 303);
  }
  const enrolFirst = session ? await twoFactorGate(database(env.DB), session, pathname) : null;
  if (enrolFirst) return context.redirect(enrolFirst, 303);
  if (context.request.method !== 'GET' && context.request.method !== 'HEAD') {
    const body = await readAdminBody(context.request, pathname);
    if (!body.ok) return refused(body.status, body.message);
    const problem = session ? await csrfProblem(context.request, session, body.form) : null;
    if (problem) return refused(403, problem);
  }
  const response = await next();
  response.headers.set('Cache-Control', 'private, no-store');
  return response;
});
