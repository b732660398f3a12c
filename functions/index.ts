// The Worker entry: the content API, feeds, static files and Astro pages through one router; then the
// visitor-statistics step that counts page views and fills the live figures into every HTML page
// (after the edge cache, so cached pages show live numbers too). Also the cron trigger.
import { router } from './router.ts';
import { runScheduled } from './scheduled.ts';
import { withVisitorStats } from './stats/page-view.ts';
import { withSecurityHeaders } from './http/security-headers.ts';

export { LoginLimiter } from './auth/login-limiter.ts';
export { ContentVersion } from './cache/content-version.ts';
export { VisitCounter } from './stats/visit-counter.ts';

export default {
  async fetch(request, env, ctx) {
    const response: Response = await router.fetch(request, env, ctx);
    return withSecurityHeaders(request, await withVisitorStats(request, env, ctx, response));
  },
  scheduled(controller, env, ctx) {
    ctx.waitUntil(runScheduled(env, new Date(controller.scheduledTime)));
  },
} satisfies ExportedHandler<Env>;
