// A delivery's reason (last_error, an attempt's error) in Vietnamese for the admin: the dispatcher stores it in
// English for the API and the logs; the receiver's own words (an HTTP answer's excerpt) are shown as they came.
import { CANCELLED_BY_LATER_CHANGE } from '../../functions/webhooks/outbox.ts';
import { WEBHOOKS } from './strings.ts';

const R = WEBHOOKS.reason;

/** The Vietnamese words for a stored reason; an unknown one (a newer wording) is shown as stored. */
export function reasonText(stored: string): string {
  if (stored === '') return '';
  if (stored === CANCELLED_BY_LATER_CHANGE) return R.replaced;
  // Pausing (manage.ts) and the dispatcher's settling of a row left pending by a paused or deleted webhook.
  if (stored === 'webhook paused' || stored === 'the webhook is paused') return R.paused;
  if (stored === 'the webhook was deleted') return R.deleted;
  if (stored.startsWith('the signing secret does not open')) return R.secret;
  let m = /^no answer within (\d+) s$/.exec(stored);
  if (m) return R.timeout(Number(m[1]));
  m = /^network error: ([\s\S]*)$/.exec(stored);
  if (m) return R.network(m[1]!);
  // The address check before the send: "refused: <code>: <detail>" (sendGuard), or the check itself failing.
  m = /^refused: the address check failed: ([\s\S]*)$/.exec(stored);
  if (m) return R.checkFailed(m[1]!);
  m = /^refused: ([a-z-]+): [\s\S]*$/.exec(stored);
  if (m && m[1]! in WEBHOOKS.problem) return R.refused(WEBHOOKS.problem[m[1] as keyof typeof WEBHOOKS.problem]);
  m = /^HTTP (\d+): redirect to ([\s\S]*) not followed$/.exec(stored);
  if (m) return R.redirect(Number(m[1]), m[2]!);
  return stored;
}
