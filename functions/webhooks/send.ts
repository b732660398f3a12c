// One attempt of one delivery: POST the stored body, signed, to the receiver. 2xx is delivered; any other
// status (a 3xx too: redirects are not followed, the receiver must give its final URL), a timeout or a
// network error is a failed attempt with a short reason for the admin. Never throws.
import { webhookHeaders } from './sign.ts';

export const SEND_TIMEOUT_MS = 10_000;
/** How much of a refusing receiver's answer is kept (for last_error); the rest is not read. */
const EXCERPT_BYTES = 2048;
const EXCERPT_CHARS = 300;

export interface AttemptResult {
  delivered: boolean;
  /** The receiver's status; null when it gave none (refused, timed out, blocked, no secret). */
  status: number | null;
  error: string;
  durationMs: number;
}

export interface Outgoing {
  url: string;
  messageId: string;
  payload: string;
  /** The signing secret, or null when it would not open (the attempt fails with that reason). */
  secret: string | null;
}

/** Why a URL may not be sent to now (the SSRF guard), or null when it may. */
export type UrlGuard = (url: string) => Promise<string | null>;

/** The first bytes of a body as text (for the reason of a refusal); the rest is cancelled unread. */
async function excerpt(response: Response): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  let size = 0;
  try {
    while (size < EXCERPT_BYTES) {
      const { done, value } = await reader.read();
      if (done) break;
      text += decoder.decode(value.subarray(0, EXCERPT_BYTES - size), { stream: true });
      size += value.byteLength;
    }
  } catch {
    // A body cut off midway: what arrived is enough.
  } finally {
    reader.cancel().catch(() => {});
  }
  return text.replace(/\s+/g, ' ').trim().slice(0, EXCERPT_CHARS);
}

const describe = (error: unknown): string => {
  const e = error as Error;
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError') return `no answer within ${SEND_TIMEOUT_MS / 1000} s`;
  return `network error: ${e?.message ?? String(error)}`.slice(0, EXCERPT_CHARS);
};

export async function sendAttempt(out: Outgoing, guard: UrlGuard, now: () => number = Date.now): Promise<AttemptResult> {
  const started = now();
  const failed = (status: number | null, error: string): AttemptResult => ({ delivered: false, status, error, durationMs: Math.max(0, now() - started) });
  if (out.secret === null) return failed(null, 'the signing secret does not open (TOTP_ENCRYPTION_KEY changed?); rotate the secret');
  const refused = await guard(out.url).catch((error: unknown) => `the address check failed: ${(error as Error)?.message ?? error}`);
  if (refused) return failed(null, `refused: ${refused}`);
  let response: Response;
  try {
    response = await fetch(out.url, {
      method: 'POST',
      headers: await webhookHeaders(out.secret, out.messageId, started, out.payload),
      body: out.payload,
      redirect: 'manual',
      signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
    });
  } catch (error) {
    return failed(null, describe(error));
  }
  if (response.status >= 200 && response.status < 300) {
    response.body?.cancel().catch(() => {});
    return { delivered: true, status: response.status, error: '', durationMs: Math.max(0, now() - started) };
  }
  const location = response.status >= 300 && response.status < 400 ? response.headers.get('location') : null;
  // The Location is the receiver's text too: an excerpt, like a refusal page's, is what each attempt keeps.
  const where = location !== null && location.length > EXCERPT_CHARS ? `${location.slice(0, EXCERPT_CHARS)}…` : location;
  const text = where !== null ? `redirect to ${where} not followed` : await excerpt(response);
  if (location !== null) response.body?.cancel().catch(() => {});
  return failed(response.status, `HTTP ${response.status}${text ? `: ${text}` : ''}`);
}
