// The admin's gate: every /admin page needs a live session (else to the sign-in page), every write
// from a session passes the CSRF check, and no admin answer is ever cached.
import { defineMiddleware } from 'astro:middleware';
import { env } from 'cloudflare:workers';
import { csrfProblem, currentSession } from '../functions/auth/current.ts';

const PUBLIC_ADMIN = new Set(['/admin/login']);

export const onRequest = defineMiddleware(async (context, next) => {
  const { pathname, search } = context.url;
  if (pathname !== '/admin' && !pathname.startsWith('/admin/')) return next();
  const session = await currentSession(context.request, env, new Date());
  context.locals.session = session;
  if (!session && !PUBLIC_ADMIN.has(pathname)) {
    return context.redirect(`/admin/login?next=${encodeURIComponent(pathname + search)}`, 303);
  }
  if (session && context.request.method !== 'GET' && context.request.method !== 'HEAD') {
    const problem = await csrfProblem(context.request, session);
    if (problem) {
      return new Response(problem, { status: 403, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'private, no-store' } });
    }
  }
  const response = await next();
  response.headers.set('Cache-Control', 'private, no-store');
  return response;
});
