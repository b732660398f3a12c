// The webhooks API's bodies and answers (admin scope), for validation and the OpenAPI document (functions/routes.ts).
import { z } from 'zod';
import { WEBHOOK_DELIVERY_STATES, WEBHOOK_EVENTS, WEBHOOK_KINDS } from '../../schema/tables.ts';
import { MAX_WEBHOOK_URL_LENGTH } from '../webhooks/url-guard.ts';
import { MAX_WEBHOOK_DESCRIPTION } from '../webhooks/manage.ts';

const Url = z.string().min(1).max(MAX_WEBHOOK_URL_LENGTH)
  .meta({ description: 'Where deliveries are POSTed: https, a public address (private, loopback and link-local addresses and internal names are refused, 422).', example: 'https://hooks.example.com/bientap' });
const Event = z.enum(WEBHOOK_EVENTS).meta({ id: 'WebhookEvent', description: '<kind>.<action>: article, document or page; published (became visible, or its scheduled time came), updated, unpublished, deleted.' });
const Events = z.array(Event).min(1).max(WEBHOOK_EVENTS.length)
  .refine((events) => new Set(events).size === events.length, 'An event is named twice.')
  .meta({ description: 'The events it receives: at least one, each once.' });
const Description = z.string().max(MAX_WEBHOOK_DESCRIPTION).meta({ description: 'What it is for, for the site\'s admins.' });

export const WebhookCreate = z.strictObject({ url: Url, events: Events, description: Description.optional() }).meta({ id: 'WebhookCreate' });

export const WebhookPatch = z.strictObject({
  url: Url.optional(),
  events: Events.optional(),
  description: Description.optional(),
  active: z.boolean().optional().meta({ description: 'false pauses it: no new deliveries, its waiting ones cancelled; true resumes.' }),
}).refine((o) => Object.keys(o).length > 0, 'Send at least one field to change.').meta({ id: 'WebhookPatch' });

const Instant = z.string().meta({ description: 'ISO 8601, UTC', example: '2026-11-30T07:00:00.000Z' });

const WebhookFields = {
  id: z.number().int(),
  url: z.string(),
  events: z.array(Event),
  description: z.string(),
  active: z.boolean(),
  createdAt: Instant,
  updatedAt: Instant,
};

const State = z.enum(WEBHOOK_DELIVERY_STATES).meta({ id: 'WebhookDeliveryState' });

export const WebhookOut = z.object(WebhookFields).meta({ id: 'Webhook' });

export const WebhookCreatedOut = z.object({
  ...WebhookFields,
  secret: z.string().meta({ description: 'The signing secret ("whsec_" + base64): answered here only, never again. Verify each delivery\'s webhook-signature with it (Standard Webhooks).' }),
}).meta({ id: 'WebhookCreated' });

export const WebhookSummaryOut = z.object({
  ...WebhookFields,
  pending: z.number().int().meta({ description: 'Deliveries waiting to be sent (or retried).' }),
  failed: z.number().int().meta({ description: 'Deliveries given up after the last retry.' }),
  last: z.object({ state: State, status: z.number().int().nullable(), at: Instant }).nullable()
    .meta({ description: 'The latest delivery attempted: its state, the receiver\'s HTTP status (null: none), when.' }),
}).meta({ id: 'WebhookSummary' });

export const WebhookListOut = z.object({ items: z.array(WebhookSummaryOut) }).meta({ id: 'WebhookList' });

const DeliveryFields = {
  id: z.number().int(),
  messageId: z.string().meta({ description: 'The webhook-id header, the same on every attempt: deduplicate by it.' }),
  eventType: Event,
  itemKind: z.enum(WEBHOOK_KINDS),
  itemId: z.number().int(),
  state: State,
  attempts: z.number().int(),
  nextAttemptAt: Instant.nullable(),
  lastAttemptAt: Instant.nullable(),
  lastStatus: z.number().int().nullable(),
  lastError: z.string(),
  deliveredAt: Instant.nullable(),
  createdAt: Instant,
};

export const DeliverySummaryOut = z.object(DeliveryFields).meta({ id: 'WebhookDeliverySummary' });

export const WebhookDetailOut = z.object({ ...WebhookFields, deliveries: z.array(DeliverySummaryOut).meta({ description: 'The latest 50, newest first.' }) })
  .meta({ id: 'WebhookDetail' });

export const DeliveryOut = z.object({
  ...DeliveryFields,
  payload: z.string().meta({ description: 'The JSON body exactly as sent (and signed).' }),
  tries: z.array(z.object({ attemptedAt: Instant, status: z.number().int().nullable(), error: z.string(), durationMs: z.number().int() }))
    .meta({ description: 'Each attempt, oldest first.' }),
}).meta({ id: 'WebhookDelivery' });

export const RedeliverOut = z.object({ id: z.number().int(), state: z.literal('pending') }).meta({ id: 'WebhookRedelivery' });
