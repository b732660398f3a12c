// The webhooks pages' writes (/admin/webhook, admins of the working site): add, save, pause, resume, rotate
// the secret, delete and redeliver through functions/webhooks/manage.ts, each refusal worded for its field;
// the event checkboxes grouped by kind, and where a delivery's item is edited.
import { DomainError, NotFound } from '../../functions/articles/errors.ts';
import type { SiteRef } from '../../functions/articles/service.ts';
import type { User } from '../../functions/data/users.ts';
import {
  changeWebhook, createWebhook, deleteWebhook, redeliver, rotateWebhookSecret, WebhookRefused, type Manager,
} from '../../functions/webhooks/manage.ts';
import { WEBHOOK_ACTIONS, WEBHOOK_KINDS, type WebhookKind } from '../../schema/tables.ts';
import { formRefusalOf } from './article-errors.ts';
import { isAdmin } from './permissions.ts';
import { formText } from './request-body.ts';
import { rowId } from './row-id.ts';
import { PEOPLE, TEXT, WEBHOOKS } from './strings.ts';

/** Admins of the site only: a webhook sends the site's changes to another system. */
export const canManageWebhooks = (user: User) => isAdmin(user);

export type WebhookField = 'url' | 'events' | 'description';

export type WebhookResult =
  | { ok: true; message: string; secret: string | null; webhookId: number | null; deleted: boolean }
  | { ok: false; status: number; message: string; field: WebhookField | null };

/** The event checkboxes: one group per kind, its four actions. */
export const EVENT_GROUPS = WEBHOOK_KINDS.map((kind) => ({
  kind,
  legend: WEBHOOKS.kinds[kind],
  events: WEBHOOK_ACTIONS.map((action) => ({ name: `${kind}.${action}`, label: WEBHOOKS.actions[action] })),
}));

/** "Đăng (bài viết)": an event as the lists show it. */
export function eventLabel(event: string): string {
  const [kind, action] = event.split('.') as [WebhookKind, (typeof WEBHOOK_ACTIONS)[number]];
  return WEBHOOKS.eventLabel(WEBHOOKS.kinds[kind] ?? kind, WEBHOOKS.actions[action] ?? action);
}

/** The admin page where a delivery's item is edited. */
export const itemAdminPath = (kind: WebhookKind, id: number) =>
  `${kind === 'article' ? '/admin/bai-viet' : kind === 'document' ? '/admin/van-ban' : '/admin/trang'}/${id}`;

/** The slug a delivery's payload names (what the list shows for its item), or null for a body it cannot read. */
export function payloadSlug(payload: string): string | null {
  try {
    const slug = (JSON.parse(payload) as { data?: { slug?: unknown } }).data?.slug;
    return typeof slug === 'string' ? slug : null;
  } catch {
    return null;
  }
}

const refuse = (status: number, message: string, field: WebhookField | null = null): WebhookResult => ({ ok: false, status, message, field });
const done = (message: string, extra: Partial<Extract<WebhookResult, { ok: true }>> = {}): WebhookResult =>
  ({ ok: true, message, secret: null, webhookId: null, deleted: false, ...extra });

function refusalOf(error: unknown): WebhookResult {
  if (error instanceof WebhookRefused) {
    return refuse(422, WEBHOOKS.problem[error.problem], error.field === 'state' ? null : error.field);
  }
  if (error instanceof NotFound) return refuse(404, WEBHOOKS.problem['not-found']);
  if (!(error instanceof DomainError)) throw error;
  const refusal = formRefusalOf(error);
  return refuse(refusal.status, refusal.message);
}

/** What the form typed, as the service takes it (the URL without surrounding spaces). */
export const typedOf = (form: FormData) => ({
  url: formText(form, 'url').trim(),
  events: form.getAll('events').filter((v): v is string => typeof v === 'string'),
  description: formText(form, 'description').trim(),
});

/**
 * add (url, events, description), or for the webhook `id`: save, pause, resume, rotate, delete, and
 * redeliver (delivery), for the working site.
 */
export async function webhookAction(env: Env, site: SiteRef, me: User, form: FormData, now: Date): Promise<WebhookResult> {
  if (!canManageWebhooks(me)) return refuse(403, TEXT.forbidden);
  const who: Manager = { userId: me.id };
  const action = formText(form, 'action');
  try {
    if (action === 'add') {
      const { webhook, secret } = await createWebhook(env, site, typedOf(form), who, now);
      return done(WEBHOOKS.added, { secret, webhookId: webhook.id });
    }
    const id = rowId(formText(form, 'id'));
    if (id === null) return refuse(404, WEBHOOKS.problem['not-found']);
    switch (action) {
      case 'save':
        await changeWebhook(env, site, id, typedOf(form), who, now);
        return done(WEBHOOKS.saved, { webhookId: id });
      case 'pause':
      case 'resume':
        await changeWebhook(env, site, id, { active: action === 'resume' }, who, now);
        return done(action === 'pause' ? WEBHOOKS.paused : WEBHOOKS.resumed, { webhookId: id });
      case 'rotate': {
        const { secret } = await rotateWebhookSecret(env, site, id, who, now);
        return done(WEBHOOKS.rotated, { secret, webhookId: id });
      }
      case 'delete':
        await deleteWebhook(env, site, id, who, now);
        return done(WEBHOOKS.deletedNotice, { deleted: true });
      case 'redeliver': {
        const delivery = rowId(formText(form, 'delivery'));
        if (delivery === null) return refuse(404, WEBHOOKS.problem['delivery-not-found']);
        await redeliver(env, site, id, delivery, who, now);
        return done(WEBHOOKS.redelivered, { webhookId: id });
      }
    }
  } catch (error) {
    // A delivery that is not this webhook's (or the site's) is worded as such, not as the webhook missing.
    if (error instanceof NotFound && action === 'redeliver' && /delivery/.test(error.message)) return refuse(404, WEBHOOKS.problem['delivery-not-found']);
    return refusalOf(error);
  }
  return refuse(400, PEOPLE.invalidAction);
}
