// Who may have a password checked, and whose failure counts where. Budgets per 15-minute window:
// - a client with a valid device cookie for the account: 5 failures of its own (then that device
//   waits, not the account), not counted against the client's address;
// - every other client: the account's shared "untrusted" budget of 5, AND its address's budget of 100
//   (an office behind one address is never locked by one person; spraying many accounts from one
//   address still is). Places are reserved before the password is checked (see login-limiter.ts).
import { sha256Hex } from '../data/tokens.ts';
import type { LockKind } from './login-locks.ts';

export const ACCOUNT_MAX_FAILURES = 5;
export const DEVICE_MAX_FAILURES = 5;
export const CLIENT_MAX_FAILURES = 100;
export const UNTRUSTED = 'untrusted';
export const CLIENT = 'client';
export const deviceBucket = (device: string) => `device:${device}`;

export interface LimiterKeys {
  account: string;
  client: string;
}

/**
 * Limiter keys are salted hashes: neither the e-mail nor the IP is stored in the objects. The salt
 * (LOGIN_LIMITER_SALT) serves nothing else: rotating it only starts every budget and lock afresh.
 */
export async function limiterKeys(env: Env, email: string, ip: string): Promise<LimiterKeys> {
  const salt = env.LOGIN_LIMITER_SALT ?? '';
  const [account, client] = await Promise.all([sha256Hex(`${salt}|login|${email.trim().toLowerCase()}`), sha256Hex(`${salt}|login|${ip}`)]);
  return { account: `account:${account}`, client: `client:${client}` };
}

interface Place {
  kind: LockKind;
  key: string;
  bucket: string;
  id: number;
}

export type Gate =
  | { ok: false; retryAt: number }
  | {
      ok: true;
      /** Records the failure; the time the caller must wait, if a budget is now full. */
      failed(userId: number | null): Promise<number | null>;
      /** Gives the places back (and forgets a proven device's failures). */
      succeeded(): Promise<void>;
    };

/** Reserves the attempt's places; throws if a limiter object fails (the caller answers 503). */
export async function enterSignIn(env: Env, keys: LimiterKeys, device: string | null, now: number): Promise<Gate> {
  const limiter = (key: string) => env.LOGIN_LIMITER.getByName(key);
  const wanted: Omit<Place, 'id'>[] = device
    ? [{ kind: 'device', key: keys.account, bucket: deviceBucket(device) }]
    : [{ kind: 'account', key: keys.account, bucket: UNTRUSTED }, { kind: 'client', key: keys.client, bucket: CLIENT }];
  const max = (kind: LockKind) => (kind === 'client' ? CLIENT_MAX_FAILURES : kind === 'device' ? DEVICE_MAX_FAILURES : ACCOUNT_MAX_FAILURES);

  // One after the other: a refusal by the account's budget must not take a place of the address's.
  const places: Place[] = [];
  for (const w of wanted) {
    let reservation;
    try {
      reservation = await limiter(w.key).reserve(w.bucket, max(w.kind), now);
    } catch (error) {
      await Promise.allSettled(places.map((p) => limiter(p.key).release(p.id)));
      throw error;
    }
    if (!reservation.ok) {
      await Promise.all(places.map((p) => limiter(p.key).release(p.id)));
      return { ok: false, retryAt: reservation.retryAt };
    }
    places.push({ ...w, id: reservation.id });
  }

  return {
    ok: true,
    async failed(userId) {
      const results = await Promise.all(places.map((p) => limiter(p.key).fail(p.id, now)));
      await Promise.all(results.map((r, i) => (r.locked && r.retryAt !== null ? recordLock(env, places[i]!, userId, now, r.retryAt) : null)));
      const waits = results.flatMap((r) => (r.retryAt !== null ? [r.retryAt] : []));
      return waits.length ? Math.max(...waits) : null;
    },
    async succeeded() {
      await Promise.all(places.map((p) => limiter(p.key).release(p.id, p.kind === 'device')));
    },
  };
}

/** Logs a new lock (the Worker's log: kinds and hash prefixes, never an e-mail or IP) and lists it for admins. */
async function recordLock(env: Env, place: Place, userId: number | null, now: number, until: number): Promise<void> {
  const ref = place.key.slice(place.key.indexOf(':') + 1, place.key.indexOf(':') + 13);
  console.warn(`sign-in lock: ${place.kind} ${ref}${place.kind === 'device' ? ` device ${place.bucket.slice(7, 15)}` : ''}` +
    `${userId !== null ? ` user ${userId}` : ''} until ${new Date(until).toISOString()}`);
  try {
    await env.LOGIN_LOCKS.getByName('all').record({ kind: place.kind, limiterKey: place.key, bucket: place.bucket, userId, since: now, until });
  } catch (error) {
    // The lock itself holds (it lives in the limiter); only the admins' list missed it.
    console.error('sign-in lock not listed for admins:', error);
  }
}
