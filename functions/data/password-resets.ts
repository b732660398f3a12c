// One-time password reset links: issued by an admin, valid for RESET_LINK_TTL_MS, used once, stored
// as SHA-256 only; a new link for an account revokes the account's earlier ones. Using a link sets the
// password and ends every session of the account in one transaction.
import { and, eq, exists, gt, isNull } from 'drizzle-orm';
import { passwordResets, sessions, users } from '../../schema/tables.ts';
import { hashPassword } from '../auth/password.ts';
import { isUrlToken, randomUrlToken } from '../auth/random.ts';
import type { Db } from './db.ts';
import { sha256Hex } from './tokens.ts';

/** One hour: long enough to pass the link on by phone or chat, short enough that a stale one is dead. */
export const RESET_LINK_TTL_MS = 60 * 60_000;

export async function issuePasswordReset(db: Db, userId: number, issuedBy: number, now: Date): Promise<{ token: string; expiresAt: Date }> {
  const token = randomUrlToken();
  const expiresAt = new Date(now.getTime() + RESET_LINK_TTL_MS);
  await db.batch([
    db.update(passwordResets).set({ revokedAt: now })
      .where(and(eq(passwordResets.userId, userId), isNull(passwordResets.usedAt), isNull(passwordResets.revokedAt))),
    db.insert(passwordResets).values({ tokenHash: await sha256Hex(token), userId, issuedBy, createdAt: now, expiresAt }),
  ]);
  return { token, expiresAt };
}

export type ResetLinkState =
  | { state: 'valid'; userId: number; email: string; expiresAt: Date }
  | { state: 'unknown' | 'used' | 'revoked' | 'expired' };

/** What a link is worth right now (the page says why a dead link no longer works). */
export async function inspectPasswordReset(db: Db, token: string, now: Date): Promise<ResetLinkState> {
  if (!isUrlToken(token)) return { state: 'unknown' };
  const [row] = await db
    .select({ userId: passwordResets.userId, expiresAt: passwordResets.expiresAt, usedAt: passwordResets.usedAt, revokedAt: passwordResets.revokedAt, email: users.email, disabledAt: users.disabledAt })
    .from(passwordResets)
    .innerJoin(users, eq(users.id, passwordResets.userId))
    .where(eq(passwordResets.tokenHash, await sha256Hex(token)));
  if (!row || row.disabledAt) return { state: 'unknown' };
  if (row.usedAt) return { state: 'used' };
  if (row.revokedAt) return { state: 'revoked' };
  if (row.expiresAt.getTime() <= now.getTime()) return { state: 'expired' };
  return { state: 'valid', userId: row.userId, email: row.email, expiresAt: row.expiresAt };
}

/**
 * Sets the new password if the link is still live, marks it used and ends every session of the
 * account, all in one batch (a transaction): of two submissions of one link, exactly one wins.
 * False when the link was no longer live.
 */
export async function redeemPasswordReset(db: Db, token: string, userId: number, password: string, now: Date): Promise<boolean> {
  const tokenHash = await sha256Hex(token);
  const passwordHash = await hashPassword(password);
  const live = and(
    eq(passwordResets.tokenHash, tokenHash), eq(passwordResets.userId, userId),
    isNull(passwordResets.usedAt), isNull(passwordResets.revokedAt), gt(passwordResets.expiresAt, now),
    // An account disabled since the link was issued cannot be taken back through it.
    exists(db.select({ id: users.id }).from(users).where(and(eq(users.id, userId), isNull(users.disabledAt)))),
  );
  const stillLive = exists(db.select({ one: passwordResets.tokenHash }).from(passwordResets).where(live));
  const [, , claimed] = await db.batch([
    db.update(users).set({ passwordHash, updatedAt: now }).where(and(eq(users.id, userId), stillLive)),
    db.delete(sessions).where(and(eq(sessions.userId, userId), stillLive)),
    db.update(passwordResets).set({ usedAt: now }).where(live).returning({ userId: passwordResets.userId }),
  ]);
  return claimed.length === 1;
}
