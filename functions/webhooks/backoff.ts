// When a failed webhook delivery is tried again: the waits of WEBHOOK_RETRY_SECONDS after each failed
// attempt (the n-th failure waits the n-th), and no more attempts past the list (the delivery is failed).
export const DEFAULT_RETRY_SECONDS = [5, 30, 120, 600, 1800, 3600, 7200, 14400, 28800, 28800];

/** The waits in seconds; an unset, empty or malformed var falls back to the default schedule (logged), never to "no retries". */
export function retrySchedule(env: { WEBHOOK_RETRY_SECONDS?: string }): number[] {
  const raw = env.WEBHOOK_RETRY_SECONDS?.trim();
  if (!raw) return DEFAULT_RETRY_SECONDS;
  const waits = raw.split(',').map((part) => Number(part.trim()));
  if (waits.some((s) => !Number.isFinite(s) || s < 0)) {
    console.error(`webhooks: WEBHOOK_RETRY_SECONDS "${raw}" is not a list of seconds; the default schedule applies`);
    return DEFAULT_RETRY_SECONDS;
  }
  return waits;
}

/** After failed attempt number `attempts` (1 = the first), the instant of the next one, or null: give up. */
export function nextAttemptAt(attempts: number, now: number, waits: number[]): number | null {
  const wait = waits[attempts - 1];
  return wait === undefined ? null : now + wait * 1000;
}
