// The Worker entry: the content API, feeds, static files and Astro pages through one router; then the
// visitor-statistics step that counts page views and fills the live figures into every HTML page
// (after the edge cache, so cached pages show live numbers too). Also the cron trigger.
import { router } from './router.ts';
import { runScheduled } from './scheduled.ts';
import { withVisitorStats } from './stats/page-view.ts';
import { withSecurityHeaders } from './http/security-headers.ts';
import { unknownHost } from './http/origin.ts';
import { problemResponse } from './http/problem.ts';
import { currentRegistry } from './sites/registry.ts';
import { resolveRequest } from './sites/resolve.ts';

export { LoginLimiter } from './auth/login-limiter.ts';
export { LoginLocks } from './auth/login-locks.ts';
export { ContentVersion } from './cache/content-version.ts';
export { VisitCounter } from './stats/visit-counter.ts';

export default {
  async fetch(request, env, ctx) {
    // Before anything else, so no surface (API, feeds, pages, admin, static files, media) ever answers
    // for, links to, or caches under a host this deployment does not serve. The registry is in memory:
    // D1 is read only by an isolate's first request (or in the background, once per freshness bound).
    const resolution = resolveRequest(request.url, env, await currentRegistry(env, ctx));
    if (resolution.kind === 'unknown') return withSecurityHeaders(request, problemResponse(unknownHost(), request));
    if (resolution.kind === 'redirect') {
      const url = new URL(request.url);
      return withSecurityHeaders(request, new Response(null, { status: 301, headers: { Location: resolution.origin + url.pathname + url.search, 'Cache-Control': 'public, max-age=3600' } }));
    }
    const response: Response = await router.fetch(request, env, ctx);
    return withSecurityHeaders(request, await withVisitorStats(request, env, ctx, response));
  },
  scheduled(controller, env, ctx) {
    ctx.waitUntil(runScheduled(env, new Date(controller.scheduledTime)));
  },
} satisfies ExportedHandler<Env>;
