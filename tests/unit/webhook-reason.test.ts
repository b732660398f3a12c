// The admin shows why a delivery ended as it did in Vietnamese: each reason is produced by the real code that
// stores it (sendAttempt against the real receiver, the production address guard, the outbox's cancel), then
// worded by reasonText; the receiver's own words pass through as they came.
import { env } from 'cloudflare:workers';
import { inject, describe, expect, it } from 'vitest';
import { reasonText } from '../../site/admin/webhook-reason.ts';
import { WEBHOOKS } from '../../site/admin/strings.ts';
import { CANCELLED_BY_LATER_CHANGE } from '../../functions/webhooks/outbox.ts';
import { sendGuard } from '../../functions/webhooks/dispatcher.ts';
import { newWebhookSecret } from '../../functions/webhooks/secret.ts';
import { SEND_TIMEOUT_MS, sendAttempt, type UrlGuard } from '../../functions/webhooks/send.ts';

const receiver = inject('webhookReceiver');
const allow: UrlGuard = async () => null;
const out = (url: string, secret: string | null = newWebhookSecret()) => ({ url, messageId: 'msg_reason', payload: '{}', secret });
const ENGLISH = /\b(the|is|was|error|refused|Cancelled|redirect|answer|within|paused|deleted|network)\b/;

describe('reasonText: the stored English reasons in Vietnamese', () => {
  it('words the cancel of an announcement replaced by a later change', () => {
    expect(reasonText(CANCELLED_BY_LATER_CHANGE)).toBe(WEBHOOKS.reason.replaced);
  });

  it('words a refusal of the production address guard with the form message of its code', async () => {
    const { error } = await sendAttempt(out('https://10.0.0.5/hook'), sendGuard({ ...env, WEBHOOK_LOOPBACK: 'refuse' }));
    expect(error).toMatch(/^refused: private: /);
    expect(reasonText(error)).toBe(`Không gửi: ${WEBHOOKS.problem.private}`);
    // Plain http to the same address: the address is the reason, not the scheme.
    const plain = await sendAttempt(out('http://10.0.0.5/hook'), sendGuard({ ...env, WEBHOOK_LOOPBACK: 'refuse' }));
    expect(reasonText(plain.error)).toBe(`Không gửi: ${WEBHOOKS.problem.private}`);
  });

  it('words an address check that could not run', async () => {
    const { error } = await sendAttempt(out('https://example.com/hook'), async () => { throw new Error('resolver down'); });
    expect(reasonText(error)).toBe(WEBHOOKS.reason.checkFailed('resolver down'));
  });

  it('words a secret that does not open', async () => {
    const { error } = await sendAttempt(out(`${receiver}/hook/reason-secret`, null), allow);
    expect(reasonText(error)).toBe(WEBHOOKS.reason.secret);
  });

  it('words a network error, keeping the platform detail', async () => {
    const { error, status } = await sendAttempt(out('http://127.0.0.1:9/hook'), allow);
    expect(status).toBeNull();
    const detail = /^network error: (.*)$/s.exec(error)?.[1];
    expect(detail).toBeTruthy();
    expect(reasonText(error)).toBe(WEBHOOKS.reason.network(detail!));
  });

  it('words a redirect that is not followed, keeping where it pointed', async () => {
    const { error, status } = await sendAttempt(out(`${receiver}/hook/reason-redirect?answers=redirect`), allow);
    expect(status).toBe(302);
    const text = reasonText(error);
    expect(text).toMatch(/^HTTP 302: chuyển hướng tới \S+ \(không đi theo chuyển hướng/);
    expect(text).not.toMatch(/not followed/);
  });

  it('words the cancels of a paused or deleted webhook and a timeout', () => {
    expect(reasonText('webhook paused')).toBe(WEBHOOKS.reason.paused);
    expect(reasonText('the webhook is paused')).toBe(WEBHOOKS.reason.paused);
    expect(reasonText('the webhook was deleted')).toBe(WEBHOOKS.reason.deleted);
    expect(reasonText(`no answer within ${SEND_TIMEOUT_MS / 1000} s`)).toBe(WEBHOOKS.reason.timeout(SEND_TIMEOUT_MS / 1000));
  });

  it('leaves a receiver answer (HTTP status and its excerpt) and nothing as they are', async () => {
    const { error } = await sendAttempt(out(`${receiver}/hook/reason-500?answers=500`), allow);
    expect(error).toMatch(/^HTTP 500/);
    expect(reasonText(error)).toBe(error);
    expect(reasonText('')).toBe('');
  });

  it('has no English left in the Vietnamese wordings', () => {
    for (const text of [WEBHOOKS.reason.replaced, WEBHOOKS.reason.paused, WEBHOOKS.reason.deleted, WEBHOOKS.reason.secret,
      WEBHOOKS.reason.timeout(10), WEBHOOKS.reason.network(''), WEBHOOKS.reason.checkFailed('')]) expect(text).not.toMatch(ENGLISH);
  });
});
