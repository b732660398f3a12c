// The Worker entry: the content API, feeds and static assets through one router; the cron trigger.
import { router } from './router.ts';
import { runScheduled } from './scheduled.ts';

export { ContentVersion } from './cache/content-version.ts';
export { VisitCounter } from './stats/visit-counter.ts';

export default {
  fetch: (request, env, ctx) => router.fetch(request, env, ctx),
  scheduled: (controller, env, ctx) => {
    ctx.waitUntil(runScheduled(env, new Date(controller.scheduledTime)));
  },
} satisfies ExportedHandler<Env>;
