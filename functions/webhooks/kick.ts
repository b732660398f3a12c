// Asks a site's webhook dispatcher to send what is due now: called by a writer after its batch committed
// and by the cron. Only sets the object's alarm (the sending happens there), so the editor never waits for
// a receiver; a failure is logged, never thrown: the rows are in the outbox and the cron kicks again.
export const dispatcherName = (siteId: number) => `site:${siteId}`;

export function webhookDispatcher(env: Pick<Env, 'WEBHOOKS'>, siteId: number) {
  return env.WEBHOOKS.get(env.WEBHOOKS.idFromName(dispatcherName(siteId)));
}

export async function kickWebhooks(env: Pick<Env, 'WEBHOOKS'>, siteId: number): Promise<void> {
  try {
    await webhookDispatcher(env, siteId).kick(siteId);
  } catch (error) {
    console.error(`webhooks: kicking the dispatcher of site ${siteId} failed (the cron retries)`, error);
  }
}
