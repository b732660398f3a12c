// The cron's part in webhooks (every minute): wake the dispatcher of every site with a delivery due (a
// scheduled item's announcement, a retry whose alarm was lost, a kick that failed), and forget settled
// deliveries (delivered, failed, cancelled) with their attempts after 30 days, a bounded batch per run.
import { database } from '../data/db.ts';
import { pruneDeliveries, sitesWithDueDeliveries } from '../data/webhook-dispatch.ts';
import { kickWebhooks } from './kick.ts';

/** Settled deliveries deleted per run at most (about 288,000 a day: far more than a portal makes). */
export const PRUNE_PER_RUN = 200;

export interface WebhookHousekeeping {
  /** The sites whose dispatcher was kicked. */
  kicked: number[];
  /** Settled deliveries deleted. */
  pruned: number;
}

export async function webhookHousekeeping(env: Env, at: Date): Promise<WebhookHousekeeping> {
  const db = database(env.DB);
  const kicked = await sitesWithDueDeliveries(db, at);
  await Promise.all(kicked.map((siteId) => kickWebhooks(env, siteId)));
  const pruned = await pruneDeliveries(db, at, PRUNE_PER_RUN);
  return { kicked, pruned };
}
