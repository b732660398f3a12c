// Managing a site's webhooks, for the admin pages and the admin-scope API alike: register (the URL through
// the SSRF guard, the secret made, sealed and answered once), change, pause or resume, rotate the secret,
// delete, redeliver. Each change is one D1 batch with its audit entry. Webhooks are not content: nothing
// here moves the site's generation (no reader page shows them). Domain errors only; the callers word them.
import { sql } from 'drizzle-orm';
import { WEBHOOK_EVENTS, webhooks, type WebhookEvent } from '../../schema/tables.ts';
import { assertWritable, type SiteRef } from '../articles/service.ts';
import { domainErrorOfD1, InvalidFields, NotFound } from '../articles/errors.ts';
import { auditByAccount, auditStatement } from '../audit/log.ts';
import type { AuditAction } from '../audit/actions.ts';
import { database, type Db } from '../data/db.ts';
import {
  cancelPending, countWebhooks, deleteWebhookStatements, insertWebhook, MAX_WEBHOOKS_PER_SITE, redeliverStatement, updateWebhook, webhookById,
  deliveryById, type Webhook,
} from '../data/webhooks.ts';
import { kickWebhooks } from './kick.ts';
import { newWebhookSecret, sealWebhookSecret } from './secret.ts';
import { checkWebhookUrl, type UrlRefusal } from './url-guard.ts';

export const MAX_WEBHOOK_DESCRIPTION = 200;

/** Who manages: an admin account (null: a command-line tool) or an admin-scope token. */
export type Manager = { userId: number | null } | { token: { id: number; name: string } };

/** Why a registration or change is refused: the guard's reasons for the URL, and the rules of the rest. */
export type WebhookProblem =
  | UrlRefusal | 'events-empty' | 'events-unknown' | 'events-duplicate' | 'description-too-long' | 'limit' | 'not-redeliverable' | 'paused';

export class WebhookRefused extends InvalidFields {
  readonly problem: WebhookProblem;
  readonly field: 'url' | 'events' | 'description' | 'state';
  constructor(problem: WebhookProblem, field: WebhookRefused['field'], message: string) {
    super([{ field, message }]);
    this.problem = problem;
    this.field = field;
  }
}

export interface WebhookInput {
  url: string;
  events: readonly string[];
  description?: string;
}

export type WebhookChange = Partial<WebhookInput> & { active?: boolean };

type Env_ = Pick<Env, 'DB' | 'TOTP_ENCRYPTION_KEY' | 'WEBHOOK_LOOPBACK' | 'WEBHOOK_DNS_RESOLVER' | 'WEBHOOKS'>;

async function checkedUrl(env: Env_, raw: string): Promise<string> {
  const checked = await checkWebhookUrl(raw, env);
  if (!checked.ok) throw new WebhookRefused(checked.code, 'url', `The URL is refused: ${checked.detail}.`);
  return checked.url.href;
}

/** The events as stored: known names, no repeats, in the canonical order. */
export function checkedEvents(events: readonly string[]): WebhookEvent[] {
  if (events.length === 0) throw new WebhookRefused('events-empty', 'events', 'Name at least one event.');
  const unknown = events.filter((e) => !(WEBHOOK_EVENTS as readonly string[]).includes(e));
  if (unknown.length) throw new WebhookRefused('events-unknown', 'events', `Unknown event: ${unknown.join(', ')}. Known: ${WEBHOOK_EVENTS.join(', ')}.`);
  if (new Set(events).size !== events.length) throw new WebhookRefused('events-duplicate', 'events', 'An event is named twice.');
  return WEBHOOK_EVENTS.filter((e) => events.includes(e));
}

function checkedDescription(description: string): string {
  if (description.length > MAX_WEBHOOK_DESCRIPTION) {
    throw new WebhookRefused('description-too-long', 'description', `At most ${MAX_WEBHOOK_DESCRIPTION} characters.`);
  }
  return description.normalize('NFC');
}

function audit(db: Db, siteId: number, who: Manager, action: AuditAction, subject: string | ReturnType<typeof sql>, detail: Record<string, unknown>, at: Date) {
  return 'token' in who
    ? auditStatement(db, { siteId, actorId: null, actorLabel: `token:${who.token.name}`, action, subject, detail, at })
    : auditByAccount(db, { siteId, userId: who.userId, action, subject, detail, at });
}

/**
 * The audit entry of a change whose statement just before it must have changed one row: when a concurrent
 * request got there first (deleted the webhook, settled the delivery) its subject is NULL and the whole
 * batch fails, so no entry records a change that did not happen; `lost` says so to the caller.
 */
function auditOfOneRow(db: Db, siteId: number, who: Manager, action: AuditAction, subject: string, detail: Record<string, unknown>, at: Date) {
  return audit(db, siteId, who, action, sql`case when changes() = 1 then ${subject} end`, detail, at);
}

/** The batch failed because the row an auditOfOneRow entry guards was changed meanwhile: `lost()` instead. */
const unlessLost = (lost: () => Error) => (error: unknown): never => {
  if (/NOT NULL constraint failed: audit_log\.subject/.test(String((error as Error)?.message ?? error))) throw lost();
  return domainErrorOfD1(error);
};

const gone = (id: number) => new NotFound(`This site has no webhook ${id}.`);

async function existing(db: Db, siteId: number, id: number): Promise<Webhook> {
  const row = await webhookById(db, siteId, id);
  if (!row) throw gone(id);
  return row;
}

/** Registers a webhook: answers it with its secret, which is never shown again. */
export async function createWebhook(env: Env_, site: SiteRef, input: WebhookInput, who: Manager, now: Date): Promise<{ webhook: Webhook; secret: string }> {
  assertWritable(site);
  const db = database(env.DB);
  const events = checkedEvents(input.events);
  const description = checkedDescription(input.description ?? '');
  const url = await checkedUrl(env, input.url);
  const full = () => new WebhookRefused('limit', 'url', `A site has at most ${MAX_WEBHOOKS_PER_SITE} webhooks: delete one first.`);
  // Read first to refuse without sealing; the insert itself holds the limit under concurrency.
  if (await countWebhooks(db, site.id) >= MAX_WEBHOOKS_PER_SITE) throw full();
  const secret = newWebhookSecret();
  const secretSealed = await sealWebhookSecret(env, site.id, secret);
  const [[created]] = await db.batch([
    insertWebhook(db, site.id, {
      url, events, description, secretSealed, createdBy: 'token' in who ? null : who.userId, createdByToken: 'token' in who ? who.token.id : null,
    }, now),
    // The sealed secret is unique (a random nonce): it finds the row this batch made. When the insert found
    // the site full (a concurrent registration took the last place) the subject is NULL and the batch fails.
    audit(db, site.id, who, 'webhook.created', sql`${'webhook:'} || (select ${webhooks.id} from ${webhooks} where ${webhooks.secretSealed} = ${secretSealed})`,
      { url, events }, now),
  ]).catch(async (error: unknown) => {
    if (await countWebhooks(db, site.id) >= MAX_WEBHOOKS_PER_SITE) throw full();
    return domainErrorOfD1(error);
  });
  if (!created) throw full();
  return { webhook: await existing(db, site.id, created.id), secret };
}

/** Changes what is given; pausing (active false) cancels its waiting deliveries. */
export async function changeWebhook(env: Env_, site: SiteRef, id: number, change: WebhookChange, who: Manager, now: Date): Promise<Webhook> {
  assertWritable(site);
  const db = database(env.DB);
  const before = await existing(db, site.id, id);
  const values = {
    ...(change.events !== undefined ? { events: checkedEvents(change.events) } : {}),
    ...(change.description !== undefined ? { description: checkedDescription(change.description) } : {}),
    ...(change.url !== undefined ? { url: await checkedUrl(env, change.url) } : {}),
    ...(change.active !== undefined ? { active: change.active } : {}),
  };
  const pausing = change.active === false && before.active;
  const changed = Object.fromEntries(Object.entries(values).filter(([key, value]) => JSON.stringify(value) !== JSON.stringify(before[key as keyof Webhook])));
  await db.batch([
    updateWebhook(db, site.id, id, values, now),
    auditOfOneRow(db, site.id, who, 'webhook.changed', `webhook:${id}`, { ...changed, url: values.url ?? before.url }, now),
    ...(pausing ? [cancelPending(db, site.id, id, 'webhook paused')] : []),
  ]).catch(unlessLost(() => gone(id)));
  return existing(db, site.id, id);
}

/** A new secret in place of the old one (which stops verifying at once): answered once. */
export async function rotateWebhookSecret(env: Env_, site: SiteRef, id: number, who: Manager, now: Date): Promise<{ webhook: Webhook; secret: string }> {
  assertWritable(site);
  const db = database(env.DB);
  const before = await existing(db, site.id, id);
  const secret = newWebhookSecret();
  await db.batch([
    updateWebhook(db, site.id, id, { secretSealed: await sealWebhookSecret(env, site.id, secret) }, now),
    auditOfOneRow(db, site.id, who, 'webhook.changed', `webhook:${id}`, { url: before.url, secret: 'rotated' }, now),
  ]).catch(unlessLost(() => gone(id)));
  return { webhook: await existing(db, site.id, id), secret };
}

/** Deletes a webhook with its deliveries and their attempts, in one batch. */
export async function deleteWebhook(env: Env_, site: SiteRef, id: number, who: Manager, now: Date): Promise<Webhook> {
  assertWritable(site);
  const db = database(env.DB);
  const before = await existing(db, site.id, id);
  const [attempts, deliveries, removed] = deleteWebhookStatements(db, site.id, id);
  await db.batch([attempts, deliveries, removed, auditOfOneRow(db, site.id, who, 'webhook.deleted', `webhook:${id}`, { url: before.url, events: before.events }, now)])
    .catch(unlessLost(() => gone(id)));
  return before;
}

/** A failed or delivered delivery sent again now (same message id), then the dispatcher asked to run. */
export async function redeliver(env: Env_, site: SiteRef, webhookId: number, deliveryId: number, who: Manager, now: Date): Promise<void> {
  assertWritable(site);
  const db = database(env.DB);
  const hook = await existing(db, site.id, webhookId);
  const delivery = await deliveryById(db, site.id, webhookId, deliveryId);
  if (!delivery) throw new NotFound(`Webhook ${webhookId} has no delivery ${deliveryId}.`);
  if (!hook.active) throw new WebhookRefused('paused', 'state', 'The webhook is paused: resume it first.');
  if (delivery.state !== 'failed' && delivery.state !== 'delivered') {
    throw new WebhookRefused('not-redeliverable', 'state', `The delivery is ${delivery.state}: only a failed or delivered one is sent again.`);
  }
  // Settled meanwhile into another state (a concurrent "send again", the dispatcher): nothing to send or record.
  await db.batch([
    redeliverStatement(db, site.id, webhookId, deliveryId, now),
    auditOfOneRow(db, site.id, who, 'webhook.redelivered', `webhook:${webhookId}`, { delivery: deliveryId, messageId: delivery.messageId, event: delivery.eventType }, now),
  ]).catch(unlessLost(() => new WebhookRefused('not-redeliverable', 'state', 'The delivery changed meanwhile; reload it.')));
  await kickWebhooks(env, site.id);
}
