// Standard Webhooks v1 signing (https://www.standardwebhooks.com): HMAC-SHA256 over
// "<webhook-id>.<webhook-timestamp>.<body>" keyed by the secret's bytes (the base64 after "whsec_"),
// sent as "v1,<base64>"; receivers check it with any reference library (tests use `standardwebhooks`).
const encoder = new TextEncoder();
const PREFIX = 'whsec_';

/** The HMAC key of a "whsec_..." secret; throws on a secret that is not base64 (a damaged row). */
async function hmacKey(secret: string): Promise<CryptoKey> {
  const encoded = secret.startsWith(PREFIX) ? secret.slice(PREFIX.length) : secret;
  const bytes = Uint8Array.from(atob(encoded), (c) => c.charCodeAt(0));
  return crypto.subtle.importKey('raw', bytes, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
}

export async function webhookSignature(secret: string, messageId: string, timestampSeconds: number, body: string): Promise<string> {
  const mac = await crypto.subtle.sign('HMAC', await hmacKey(secret), encoder.encode(`${messageId}.${timestampSeconds}.${body}`));
  return `v1,${btoa(String.fromCharCode(...new Uint8Array(mac)))}`;
}

export const WEBHOOK_USER_AGENT = 'bientap-cms-webhooks/1';

/** Every header of one attempt: the same webhook-id on each, the attempt's own timestamp and signature. */
export async function webhookHeaders(secret: string, messageId: string, now: number, body: string): Promise<Record<string, string>> {
  const timestamp = Math.floor(now / 1000);
  return {
    'content-type': 'application/json',
    'user-agent': WEBHOOK_USER_AGENT,
    'webhook-id': messageId,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': await webhookSignature(secret, messageId, timestamp, body),
  };
}
