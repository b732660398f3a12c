// Waiting for something a background task does (a webhook delivered, a page showing it): the probe asked
// again every 50 ms until it answers, bounded by `ms` (a limit on a broken run, never a wait that passes).
import { setTimeout as pause } from 'node:timers/promises';

/** Asks `probe` until it returns something other than null/undefined; fails naming `what` after `ms`. */
export async function until<T>(what: string, probe: () => Promise<T | null | undefined> | T | null | undefined, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== null && value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what} after ${ms} ms`);
    await pause(50);
  }
}
