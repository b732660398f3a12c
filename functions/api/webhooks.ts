// The webhooks API (routes of auth 'admin': a token with the admin scope, on the host's site): thin
// handlers over functions/webhooks/manage.ts and functions/data/webhooks.ts. Another site's webhook or
// delivery is not found, exactly like one that does not exist.
import type { IRequest } from 'itty-router';
import { database } from '../data/db.ts';
import { deliveryById, latestDeliveries, listWebhooks, webhookById, type DeliverySummary, type Webhook } from '../data/webhooks.ts';
import type { AdminCaller } from '../http/auth.ts';
import { readJson } from '../http/body.ts';
import { notFound } from '../http/problem.ts';
import { PRIVATE_CACHE, sendJson, sendWrite } from '../http/respond.ts';
import { changeWebhook, createWebhook, deleteWebhook, redeliver, rotateWebhookSecret, type Manager } from '../webhooks/manage.ts';
import { WebhookCreate, WebhookPatch } from './webhook-schemas.ts';

const managerOf = (caller: AdminCaller): Manager => ({ token: { id: caller.id, name: caller.name } });

/** A row id from the path: 1 to 10 digits, no leading zero; anything else names nothing. */
function idParam(request: IRequest, name: string, what: string): number {
  const value = request.params[name] ?? '';
  if (!/^[1-9]\d{0,9}$/.test(value)) throw notFound(`No ${what} ${value.slice(0, 20)} on this site.`);
  return Number(value);
}

const iso = (date: Date | null) => (date === null ? null : date.toISOString());

const webhookOut = (w: Webhook) => ({
  id: w.id, url: w.url, events: w.events, description: w.description, active: w.active, createdAt: iso(w.createdAt), updatedAt: iso(w.updatedAt),
});

/** A delivery's instants as ISO strings, in the list of one webhook and in one delivery alike. */
const deliveryOut = <D extends DeliverySummary>(d: D) => ({
  ...d, nextAttemptAt: iso(d.nextAttemptAt), lastAttemptAt: iso(d.lastAttemptAt), deliveredAt: iso(d.deliveredAt), createdAt: iso(d.createdAt),
});

const read = { cacheControl: PRIVATE_CACHE };

export async function list(request: IRequest, env: Env, _ctx: ExecutionContext, caller: AdminCaller): Promise<Response> {
  const items = await listWebhooks(database(env.DB), caller.site.id);
  return sendJson(request, {
    items: items.map((w) => ({ ...webhookOut(w), pending: w.pending, failed: w.failed, last: w.last && { ...w.last, at: iso(w.last.at) } })),
  }, read);
}

export async function create(request: IRequest, env: Env, _ctx: ExecutionContext, caller: AdminCaller): Promise<Response> {
  const input = await readJson(request, WebhookCreate);
  const { webhook, secret } = await createWebhook(env, caller.site, input, managerOf(caller), new Date());
  return sendWrite({ ...webhookOut(webhook), secret }, 201, { Location: `${caller.site.origin}/api/v1/webhooks/${webhook.id}` });
}

export async function one(request: IRequest, env: Env, _ctx: ExecutionContext, caller: AdminCaller): Promise<Response> {
  const db = database(env.DB);
  const id = idParam(request, 'id', 'webhook');
  const webhook = await webhookById(db, caller.site.id, id);
  if (!webhook) throw notFound(`No webhook ${id} on this site.`);
  const deliveries = await latestDeliveries(db, caller.site.id, id);
  return sendJson(request, {
    ...webhookOut(webhook),
    deliveries: deliveries.map(deliveryOut),
  }, read);
}

export async function edit(request: IRequest, env: Env, _ctx: ExecutionContext, caller: AdminCaller): Promise<Response> {
  const id = idParam(request, 'id', 'webhook');
  const change = await readJson(request, WebhookPatch);
  return sendWrite(webhookOut(await changeWebhook(env, caller.site, id, change, managerOf(caller), new Date())), 200);
}

export async function destroy(request: IRequest, env: Env, _ctx: ExecutionContext, caller: AdminCaller): Promise<Response> {
  await deleteWebhook(env, caller.site, idParam(request, 'id', 'webhook'), managerOf(caller), new Date());
  return sendWrite(null, 204);
}

export async function rotateSecret(request: IRequest, env: Env, _ctx: ExecutionContext, caller: AdminCaller): Promise<Response> {
  const { webhook, secret } = await rotateWebhookSecret(env, caller.site, idParam(request, 'id', 'webhook'), managerOf(caller), new Date());
  return sendWrite({ ...webhookOut(webhook), secret }, 200);
}

export async function delivery(request: IRequest, env: Env, _ctx: ExecutionContext, caller: AdminCaller): Promise<Response> {
  const id = idParam(request, 'id', 'webhook');
  const deliveryId = idParam(request, 'deliveryId', 'delivery');
  const found = await deliveryById(database(env.DB), caller.site.id, id, deliveryId);
  if (!found) throw notFound(`Webhook ${id} has no delivery ${deliveryId} on this site.`);
  return sendJson(request, {
    ...deliveryOut(found),
    tries: found.tries.map((t) => ({ ...t, attemptedAt: iso(t.attemptedAt) })),
  }, read);
}

export async function redeliverOne(request: IRequest, env: Env, _ctx: ExecutionContext, caller: AdminCaller): Promise<Response> {
  const id = idParam(request, 'id', 'webhook');
  const deliveryId = idParam(request, 'deliveryId', 'delivery');
  await redeliver(env, caller.site, id, deliveryId, managerOf(caller), new Date());
  return sendWrite({ id: deliveryId, state: 'pending' }, 202);
}
