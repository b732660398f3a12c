// Asks a site's webhook dispatcher to send what is due now: called by a writer after its batch committed
// and by the cron. Only sets the object's alarm (the sending happens there), so the editor never waits for
// a receiver; a failure is logged, never thrown: the rows are in the outbox and the cron kicks again.
import type { Target } from '../articles/service.ts';

export const dispatcherName = (siteId: number) => `site:${siteId}`;

export function webhookDispatcher(env: Pick<Env, 'WEBHOOKS'>, siteId: number) {
  return env.WEBHOOKS.get(env.WEBHOOKS.idFromName(dispatcherName(siteId)));
}

/**
 * After a write's batch committed: when it wrote deliveries, the site's dispatcher is kicked (in the Worker)
 * or the offline caller told (the import API kicks once per request; the demo loaders pass nothing).
 */
export async function kickIfWrote(env: Target, siteId: number, wrote: boolean): Promise<void> {
  if (!wrote) return;
  if ('offline' in env) env.deliveriesWritten?.();
  else await kickWebhooks(env, siteId);
}

export async function kickWebhooks(env: Pick<Env, 'WEBHOOKS'>, siteId: number): Promise<void> {
  try {
    await webhookDispatcher(env, siteId).kick(siteId);
  } catch (error) {
    console.error(`webhooks: kicking the dispatcher of site ${siteId} failed (the cron retries)`, error);
  }
}
