// What a webhook delivery carries: the body receivers parse (Standard Webhooks: the headers webhook-id,
// webhook-timestamp and webhook-signature sign exactly this JSON), shared by the outbox that writes it in
// the change's batch and the dispatcher that sends it.
import type { WebhookEvent, WebhookKind } from '../../schema/tables.ts';

export type { WebhookEvent, WebhookKind };

export interface WebhookPayload {
  /** "article.published", "document.deleted", ... */
  type: WebhookEvent;
  /** ISO 8601 UTC: when it happened (a scheduled item's go-live time for its "published"). */
  timestamp: string;
  data: {
    id: number;
    slug: string;
    /** The slug before this change renamed it; null when it kept its slug. */
    previousSlug: string | null;
    /** The reader page, absolute (on the site's canonical origin). */
    url: string;
    /** The item in the content API, absolute (GET it for the content; a deleted item answers 404). */
    apiUrl: string;
    /**
     * The item's version after the change: the content API's `version` field (not its ETag, a content hash).
     * Not unique per event: a gallery change of an article is an `article.updated` with the version kept (the
     * open editor form holds it), so receivers deduplicate by the webhook-id header and never skip an event
     * because its version was seen before.
     */
    version: number;
  };
}
