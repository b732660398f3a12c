// Our Standard Webhooks signing checked by the reference library (`standardwebhooks`, what receivers use):
// a real signature verifies; a forged body or signature, another secret, and a replay outside the
// library's 5-minute tolerance are rejected.
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { newWebhookSecret } from '../../functions/webhooks/secret.ts';
import { webhookHeaders, webhookSignature } from '../../functions/webhooks/sign.ts';

const body = JSON.stringify({ type: 'article.published', timestamp: '2026-11-30T06:00:00.000Z', data: { id: 7, slug: 'tin-moi', previousSlug: null, url: 'https://dongy.example.vn/tin/tin-moi', apiUrl: 'https://dongy.example.vn/api/v1/articles/tin-moi', version: 3 } });

describe('webhook signing', () => {
  it('is accepted by the reference library, which returns the payload', async () => {
    const secret = newWebhookSecret();
    const headers = await webhookHeaders(secret, 'msg_abc123', Date.now(), body);
    expect(headers['content-type']).toBe('application/json');
    expect(headers['user-agent']).toBe('bientap-cms-webhooks/1');
    expect(headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]{43}=$/);
    expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body));
  });

  it('matches the library own signature for the same id, timestamp and body', async () => {
    const secret = newWebhookSecret();
    const at = new Date('2026-11-30T06:00:00Z');
    expect(await webhookSignature(secret, 'msg_x', at.getTime() / 1000, body)).toBe(new Webhook(secret).sign('msg_x', at, body));
  });

  it('is rejected for a forged body, a forged signature, another secret and an old timestamp', async () => {
    const secret = newWebhookSecret();
    const headers = await webhookHeaders(secret, 'msg_abc123', Date.now(), body);
    const hook = new Webhook(secret);
    expect(() => hook.verify(body.replace('"id":7', '"id":8'), headers)).toThrow(/signature/i);
    expect(() => hook.verify(body, { ...headers, 'webhook-signature': `v1,${btoa('x'.repeat(32))}` })).toThrow(/signature/i);
    expect(() => new Webhook(newWebhookSecret()).verify(body, headers)).toThrow(/signature/i);
    // A replay: correctly signed, but six minutes old (the tolerance is five).
    const old = await webhookHeaders(secret, 'msg_abc123', Date.now() - 6 * 60_000, body);
    expect(() => hook.verify(body, old)).toThrow(/timestamp/i);
  });
});
