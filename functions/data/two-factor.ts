// Accounts' second factor: the TOTP credential (secret sealed at rest, enrolment confirmed by a code,
// the last accepted step against replays), single-use recovery codes kept as SHA-256, the per-account
// budget of second-factor attempts, and whether a site's setting requires a second factor of an account.
import { and, count, eq, inArray, isNotNull, isNull, lt, or, sql } from 'drizzle-orm';
import { pendingSignIns, recoveryCodes, settings, siteRoles, totpCredentials, users, type Role } from '../../schema/tables.ts';
import { open, seal } from '../auth/secret-box.ts';
import { newTotpSecret } from '../auth/totp.ts';
import type { Db } from './db.ts';
import { readSetting, TWO_FACTOR_REQUIRED } from './settings.ts';
import { sha256Hex } from './tokens.ts';

export const RECOVERY_CODE_COUNT = 10;
/** Wrong second-factor codes an account may send per window (any number of sign-ins, any concurrency). */
export const SECOND_FACTOR_MAX_ATTEMPTS = 5;
export const SECOND_FACTOR_WINDOW_MS = 15 * 60_000;
/** Roles a site's "require two-factor" applies to: those who can publish. */
export const TWO_FACTOR_ROLES: readonly Role[] = ['admin', 'editor'];

export interface TotpState {
  enrolled: boolean;
  /** Enrolment started (secret shown) but not yet confirmed by a code. */
  pending: boolean;
}

export async function totpState(db: Db, userId: number): Promise<TotpState> {
  const [row] = await db.select({ confirmedAt: totpCredentials.confirmedAt }).from(totpCredentials).where(eq(totpCredentials.userId, userId));
  return { enrolled: !!row?.confirmedAt, pending: !!row && !row.confirmedAt };
}

/** The account's secret (base32), confirmed or not; null without a credential or when it cannot be opened. */
export async function totpSecret(db: Db, key: string, userId: number): Promise<{ secret: string; confirmed: boolean } | null> {
  const [row] = await db.select().from(totpCredentials).where(eq(totpCredentials.userId, userId));
  if (!row) return null;
  const secret = await open(key, userId, row.secretSealed);
  return secret ? { secret, confirmed: row.confirmedAt !== null } : null;
}

/** Starts (or restarts) an enrolment with a fresh secret; refused (null) while a confirmed one exists. */
export async function startEnrolment(db: Db, key: string, userId: number, now: Date): Promise<string | null> {
  const secret = newTotpSecret();
  const secretSealed = await seal(key, userId, secret);
  const rows = await db.insert(totpCredentials)
    .values({ userId, secretSealed, createdAt: now })
    .onConflictDoUpdate({ target: totpCredentials.userId, set: { secretSealed, lastStep: 0, createdAt: now }, setWhere: isNull(totpCredentials.confirmedAt) })
    .returning({ userId: totpCredentials.userId });
  return rows.length === 1 ? secret : null;
}

const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz023456789'; // 32 symbols: no i, l, o, 1
const recoveryHash = (userId: number, code: string) => sha256Hex(`${userId}:${code}`);

/** "abcd-efgh-jkmn-pqrs": 80 random bits, readable aloud, typed with or without dashes and in any case. */
function newRecoveryCode(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  const chars = [...bytes].map((b) => RECOVERY_ALPHABET[b & 31]).join('');
  return chars.match(/.{4}/g)!.join('-');
}

/** What a person typed as a recovery code, in stored form, or null if it cannot be one. */
export function normalizeRecoveryCode(typed: string): string | null {
  const plain = typed.toLowerCase().replace(/[\s-]/g, '');
  return /^[abcdefghjkmnpqrstuvwxyz023456789]{16}$/.test(plain) ? plain.match(/.{4}/g)!.join('-') : null;
}

async function recoveryRows(userId: number, now: Date) {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  const rows = await Promise.all(codes.map(async (code) => ({ userId, codeHash: await recoveryHash(userId, code), createdAt: now })));
  return { codes, rows };
}

/**
 * Turns the second factor on once a code proved the app holds the secret: the code's step becomes the
 * last used one, and a fresh set of recovery codes (returned, to be shown once) replaces any old set.
 */
export async function confirmEnrolment(db: Db, userId: number, step: number, now: Date): Promise<string[] | null> {
  const confirmed = await db.update(totpCredentials).set({ confirmedAt: now, lastStep: step, attempts: 0, attemptWindowStart: null })
    .where(and(eq(totpCredentials.userId, userId), isNull(totpCredentials.confirmedAt))).returning({ userId: totpCredentials.userId });
  // Confirmed meanwhile by another request: that one shows its codes.
  if (confirmed.length !== 1) return null;
  return replaceRecoveryCodes(db, userId, now);
}

/** A new set of recovery codes; every older code stops working. */
export async function replaceRecoveryCodes(db: Db, userId: number, now: Date): Promise<string[]> {
  const { codes, rows } = await recoveryRows(userId, now);
  await db.batch([db.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId)), db.insert(recoveryCodes).values(rows)]);
  return codes;
}

/** Marks the code used if it is one of the account's unused codes (atomic: one use, however many race). */
export async function useRecoveryCode(db: Db, userId: number, code: string, now: Date): Promise<boolean> {
  const used = await db.update(recoveryCodes).set({ usedAt: now })
    .where(and(eq(recoveryCodes.userId, userId), eq(recoveryCodes.codeHash, await recoveryHash(userId, code)), isNull(recoveryCodes.usedAt)))
    .returning({ userId: recoveryCodes.userId });
  return used.length === 1;
}

export async function unusedRecoveryCodes(db: Db, userId: number): Promise<number> {
  const [row] = await db.select({ n: count() }).from(recoveryCodes).where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)));
  return row?.n ?? 0;
}

/** Records that the code of `step` was used; false if that step or a later one was used already (a replay). */
export async function claimTotpStep(db: Db, userId: number, step: number): Promise<boolean> {
  const claimed = await db.update(totpCredentials).set({ lastStep: step })
    .where(and(eq(totpCredentials.userId, userId), isNotNull(totpCredentials.confirmedAt), lt(totpCredentials.lastStep, step)))
    .returning({ userId: totpCredentials.userId });
  return claimed.length === 1;
}

/**
 * Reserves one second-factor attempt of the account's budget before a code is checked, in one
 * statement, so concurrent attempts cannot pass the limit. `{ ok: false, retryAt }` once spent.
 */
export async function reserveSecondFactorAttempt(db: Db, userId: number, now: Date): Promise<{ ok: true } | { ok: false; retryAt: number }> {
  const cut = now.getTime() - SECOND_FACTOR_WINDOW_MS;
  const fresh = sql`(${totpCredentials.attemptWindowStart} IS NULL OR ${totpCredentials.attemptWindowStart} <= ${cut})`;
  const reserved = await db.update(totpCredentials)
    .set({
      attempts: sql`CASE WHEN ${fresh} THEN 1 ELSE ${totpCredentials.attempts} + 1 END`,
      attemptWindowStart: sql`CASE WHEN ${fresh} THEN ${now.getTime()} ELSE ${totpCredentials.attemptWindowStart} END`,
    })
    .where(and(eq(totpCredentials.userId, userId), or(fresh, lt(totpCredentials.attempts, SECOND_FACTOR_MAX_ATTEMPTS))))
    .returning({ attempts: totpCredentials.attempts });
  if (reserved.length === 1) return { ok: true };
  const [row] = await db.select({ start: totpCredentials.attemptWindowStart }).from(totpCredentials).where(eq(totpCredentials.userId, userId));
  return { ok: false, retryAt: (row?.start?.getTime() ?? now.getTime()) + SECOND_FACTOR_WINDOW_MS };
}

/** A right code gives the budget back: only wrong codes count against the account. */
export async function clearSecondFactorAttempts(db: Db, userId: number): Promise<void> {
  await db.update(totpCredentials).set({ attempts: 0, attemptWindowStart: null }).where(eq(totpCredentials.userId, userId));
}

/** Turns the second factor off (the person's choice, or an admin's reset): secret, codes and pending sign-ins go. */
export async function removeTwoFactor(db: Db, userId: number): Promise<boolean> {
  const [removed] = await db.batch([
    db.delete(totpCredentials).where(eq(totpCredentials.userId, userId)).returning({ userId: totpCredentials.userId }),
    db.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId)),
    db.delete(pendingSignIns).where(eq(pendingSignIns.userId, userId)),
  ]);
  return removed.length === 1;
}

/** The ids of accounts with a confirmed second factor (for the users page). */
export async function accountsWithTwoFactor(db: Db): Promise<Set<number>> {
  const rows = await db.select({ userId: totpCredentials.userId }).from(totpCredentials).where(isNotNull(totpCredentials.confirmedAt));
  return new Set(rows.map((r) => r.userId));
}

/** Whether the site requires a second factor of its admins and editors. */
export async function twoFactorRequired(db: Db, siteId: number): Promise<boolean> {
  return (await readSetting(db, siteId, TWO_FACTOR_REQUIRED)) === 'on';
}

/**
 * Required of the account when ANY site requires it where the account holds a TWO_FACTOR_ROLES role
 * (one sign-in covers every site, so the strictest of its sites applies), and of platform admins when any
 * site requires it (they act as admin on every site). Its confirmed credential comes in the same query.
 */
async function twoFactorOf(db: Db, userId: number): Promise<{ required: boolean; enrolled: boolean }> {
  const rolesRequiring = db.select({ siteId: siteRoles.siteId }).from(siteRoles)
    .where(and(eq(siteRoles.userId, users.id), inArray(siteRoles.role, [...TWO_FACTOR_ROLES])));
  const [row] = await db
    .select({
      required: sql<number>`exists (select 1 from ${settings} where ${settings.key} = ${TWO_FACTOR_REQUIRED} and ${settings.value} = 'on'
        and (${users.platformAdmin} or ${settings.siteId} in ${rolesRequiring}))`,
      enrolled: sql<number>`exists (select 1 from ${totpCredentials} where ${totpCredentials.userId} = ${users.id} and ${totpCredentials.confirmedAt} is not null)`,
    })
    .from(users)
    .where(eq(users.id, userId));
  return { required: !!row?.required, enrolled: !!row?.enrolled };
}

/** Whether some site requires a second factor of the account (it then cannot turn its own off). */
export async function twoFactorRequiredOf(db: Db, userId: number): Promise<boolean> {
  return (await twoFactorOf(db, userId)).required;
}

/**
 * Whether the account must enrol before using the admin: required of it and it has none. Asked on every
 * admin request (site/middleware.ts), so one query.
 */
export async function mustEnrolTwoFactor(db: Db, user: { id: number }): Promise<boolean> {
  const { required, enrolled } = await twoFactorOf(db, user.id);
  return required && !enrolled;
}
