// Sign-ins past the password and waiting for the second factor: a random token (stored as SHA-256)
// carried by the code form, valid PENDING_SIGN_IN_TTL_MS, good for at most PENDING_MAX_ATTEMPTS codes.
import { and, eq, gt, lt, lte, sql } from 'drizzle-orm';
import { pendingSignIns } from '../../schema/tables.ts';
import { isUrlToken, randomUrlToken } from '../auth/random.ts';
import type { Db } from './db.ts';
import { sha256Hex } from './tokens.ts';

export const PENDING_SIGN_IN_TTL_MS = 5 * 60_000;
export const PENDING_MAX_ATTEMPTS = 5;

export async function createPendingSignIn(db: Db, userId: number, now: Date): Promise<string> {
  const token = randomUrlToken();
  await db.batch([
    // Expired ones are swept here, where new ones are made: the table stays as small as its live rows.
    db.delete(pendingSignIns).where(lte(pendingSignIns.expiresAt, now)),
    db.insert(pendingSignIns).values({ tokenHash: await sha256Hex(token), userId, createdAt: now, expiresAt: new Date(now.getTime() + PENDING_SIGN_IN_TTL_MS) }),
  ]);
  return token;
}

/**
 * Takes one attempt of a live pending sign-in (atomic: concurrent codes cannot exceed the limit) and
 * returns its account, or null when the token is unknown, expired or out of attempts.
 */
export async function reservePendingAttempt(db: Db, token: string, now: Date): Promise<{ userId: number; attemptsLeft: number } | null> {
  if (!isUrlToken(token)) return null;
  const [row] = await db.update(pendingSignIns).set({ attempts: sql`${pendingSignIns.attempts} + 1` })
    .where(and(eq(pendingSignIns.tokenHash, await sha256Hex(token)), gt(pendingSignIns.expiresAt, now), lt(pendingSignIns.attempts, PENDING_MAX_ATTEMPTS)))
    .returning({ userId: pendingSignIns.userId, attempts: pendingSignIns.attempts });
  return row ? { userId: row.userId, attemptsLeft: PENDING_MAX_ATTEMPTS - row.attempts } : null;
}

export async function finishPendingSignIn(db: Db, token: string): Promise<void> {
  await db.delete(pendingSignIns).where(eq(pendingSignIns.tokenHash, await sha256Hex(token)));
}
