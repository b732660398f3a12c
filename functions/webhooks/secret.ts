// A webhook's signing secret: made once ("whsec_" + base64 of 32 random bytes, the Standard Webhooks
// form the reference libraries accept), shown to its creator once, stored sealed for its site only.
import { open, seal } from '../auth/secret-box.ts';

const owner = (siteId: number) => `webhook-site:${siteId}`;

export function newWebhookSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return `whsec_${btoa(String.fromCharCode(...bytes))}`;
}

export const sealWebhookSecret = (env: Pick<Env, 'TOTP_ENCRYPTION_KEY'>, siteId: number, secret: string): Promise<string> =>
  seal(env.TOTP_ENCRYPTION_KEY, owner(siteId), secret);

/** The secret, or null when the sealed value does not open (another site's, another key's, damaged). */
export const openWebhookSecret = (env: Pick<Env, 'TOTP_ENCRYPTION_KEY'>, siteId: number, sealed: string): Promise<string | null> =>
  open(env.TOTP_ENCRYPTION_KEY, owner(siteId), sealed);
