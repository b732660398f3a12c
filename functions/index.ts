// The Worker entry: the content API, feeds, static files and Astro pages through one router; then the
// visitor-statistics step that counts page views and fills the live figures into every HTML page
// (after the edge cache, so cached pages show live numbers too). Also the cron trigger.
import { withClient } from './audit/client.ts';
import { router } from './router.ts';
import { runScheduled } from './scheduled.ts';
import { withVisitorStats } from './stats/page-view.ts';
import { withSecurityHeaders } from './http/security-headers.ts';
import { unknownHost } from './http/origin.ts';
import { problemResponse } from './http/problem.ts';
import { currentRegistry, heldRegistry } from './sites/registry.ts';
import { adminOrigin, isAdminPath, resolveRequest } from './sites/resolve.ts';
import { canonicalPath, pathOf } from './http/canonical-path.ts';
import { countedRedirect, oldUrlRedirect } from './redirects/lookup.ts';

export { BackupRunner } from './backup/backup-runner.ts';
export { LoginLimiter } from './auth/login-limiter.ts';
export { LoginLocks } from './auth/login-locks.ts';
export { ContentVersion } from './cache/content-version.ts';
export { VisitCounter } from './stats/visit-counter.ts';
export { WebhookDispatcher } from './webhooks/dispatcher.ts';

/**
 * A secondary hostname: 301 whatever the method (a write there does nothing; clients turn it into a GET).
 * Another spelling of a path: 301 for reads, 308 for writes, which keeps the method, so the canonical
 * path's own checks (the admin's gate and CSRF check) judge the write.
 */
function redirect(location: string, status: 301 | 308): Response {
  return new Response(null, { status, headers: { Location: location, 'Cache-Control': 'public, max-age=3600' } });
}

export default {
  async fetch(request, env, ctx) {
    // Before anything else, so no surface (API, feeds, pages, admin, static files, media) ever answers
    // for, links to, or caches under a host this deployment does not serve. The registry is in memory:
    // D1 is read only by an isolate's first request (or in the background, once per freshness bound).
    const resolution = resolveRequest(request.url, env, await currentRegistry(env, ctx));
    if (resolution.kind === 'unknown') return withSecurityHeaders(request, problemResponse(unknownHost(), request));
    const { path, query } = pathOf(request.url);
    if (resolution.kind === 'redirect') return withSecurityHeaders(request, redirect(resolution.origin + path + query, 301));
    const canonical = canonicalPath(path);
    if (canonical !== null) {
      // An old URL of the site spelled so (".html", a trailing slash) goes to its new page in one hop.
      if ((request.method === 'GET' || request.method === 'HEAD') && !isAdminPath(canonical)) {
        const moved = await oldUrlRedirect(request, env, resolution.site);
        if (moved) return withSecurityHeaders(request, countedRedirect(moved, env, ctx));
      }
      // Straight to the admin's host for an admin page (the gate there is where it is served).
      // Relative (the host asked, which is served), except an admin page of another site's host: straight
      // to the admin's host, where its gate is.
      const first = resolution.site.id === heldRegistry().sites[0]?.id;
      const origin = isAdminPath(canonical) && !first ? adminOrigin(new URL(request.url), env, heldRegistry()) ?? '' : '';
      return withSecurityHeaders(request, redirect(origin + canonical + query, request.method === 'GET' || request.method === 'HEAD' ? 301 : 308));
    }
    // The client is known to every audit entry the handling writes (functions/audit/client.ts).
    const response: Response = await withClient(request, () => router.fetch(request, env, ctx));
    return withSecurityHeaders(request, await withVisitorStats(request, env, ctx, response));
  },
  scheduled(controller, env, ctx) {
    ctx.waitUntil(runScheduled(env, new Date(controller.scheduledTime)));
  },
} satisfies ExportedHandler<Env>;
