// Editors' sessions: 256-bit random ids kept only as SHA-256 hashes, with idle and absolute expiry.
import { and, eq, gt } from 'drizzle-orm';
import { sessions, users } from '../../schema/tables.ts';
import { isUrlToken, randomUrlToken } from '../auth/random.ts';
import type { Db } from './db.ts';
import { sha256Hex } from './tokens.ts';
import type { User } from './users.ts';

/** Signed out after this long without a request... */
export const SESSION_IDLE_MS = 2 * 60 * 60_000;
/** ...and in any case this long after signing in. */
export const SESSION_ABSOLUTE_MS = 12 * 60 * 60_000;
/** lastSeenAt is rewritten at most this often: a write per request would be waste. */
const TOUCH_EVERY_MS = 5 * 60_000;

export interface Session {
  idHash: string;
  csrfToken: string;
  user: User;
}

export async function createSession(db: Db, userId: number, now: Date): Promise<{ id: string; csrfToken: string }> {
  const id = randomUrlToken();
  const csrfToken = randomUrlToken();
  await db.insert(sessions).values({
    idHash: await sha256Hex(id), userId, csrfToken, createdAt: now, lastSeenAt: now,
    expiresAt: new Date(now.getTime() + SESSION_ABSOLUTE_MS),
  });
  return { id, csrfToken };
}

/** The live session behind a cookie value, or null (unknown, expired, idle too long, user disabled). */
export async function readSession(db: Db, id: string, now: Date): Promise<Session | null> {
  if (!isUrlToken(id)) return null;
  const idHash = await sha256Hex(id);
  const [row] = await db
    .select({
      csrfToken: sessions.csrfToken, lastSeenAt: sessions.lastSeenAt,
      userId: users.id, email: users.email, name: users.name, role: users.role, disabledAt: users.disabledAt, createdAt: users.createdAt,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.idHash, idHash), gt(sessions.expiresAt, now)));
  if (!row || row.disabledAt || now.getTime() - row.lastSeenAt.getTime() > SESSION_IDLE_MS) return null;
  if (now.getTime() - row.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
    await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.idHash, idHash));
  }
  return {
    idHash,
    csrfToken: row.csrfToken,
    user: { id: row.userId, email: row.email, name: row.name, role: row.role, disabled: false, createdAt: row.createdAt },
  };
}

export async function deleteSession(db: Db, idHash: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.idHash, idHash));
}
