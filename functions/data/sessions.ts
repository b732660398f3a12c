// Editors' sessions: 256-bit random ids kept only as SHA-256 hashes, with idle and absolute expiry, and
// the site each session works on (the admin's site switcher), resolved against the account's roles.
import { and, asc, eq, gt, or, sql } from 'drizzle-orm';
import { sessions, siteRoles, sites, users, type Role } from '../../schema/tables.ts';
import { isUrlToken, randomUrlToken } from '../auth/random.ts';
import type { Db } from './db.ts';
import { sha256Hex } from './tokens.ts';
import { firstSiteId, toUser, type SiteRole, type User } from './users.ts';

/** Signed out after this long without a request... */
export const SESSION_IDLE_MS = 2 * 60 * 60_000;
/** ...and in any case this long after signing in. */
export const SESSION_ABSOLUTE_MS = 12 * 60 * 60_000;
/** lastSeenAt is rewritten at most this often: a write per request would be waste. */
const TOUCH_EVERY_MS = 5 * 60_000;

export interface Session {
  idHash: string;
  csrfToken: string;
  /** The account, with its role on the working site (platform admins: admin). */
  user: User & { role: Role };
  /**
   * The site the admin works on: the one chosen in the switcher while the account may still work on it,
   * else the first site it holds a role on (platform admins: the platform's first site).
   */
  siteId: number;
  /**
   * The sites the account may work on, with its role there, by site id: its roles on active sites, and
   * on archived ones only where it is admin (archived sites are read-only and closed to editors).
   * Platform admins may work on every site besides these.
   */
  roles: SiteRole[];
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

/** Which site a session works on, and as what; null when the account may work on no site (its roles were taken, its sites archived). */
export function workingSite(
  account: { platformAdmin: boolean; chosen: number | null; firstSite: number },
  roles: SiteRole[],
): { siteId: number; role: Role } | null {
  if (account.platformAdmin) return { siteId: account.chosen ?? account.firstSite, role: 'admin' };
  const pick = roles.find((r) => r.siteId === account.chosen) ?? roles[0];
  return pick ? { siteId: pick.siteId, role: pick.role } : null;
}

/**
 * The live session behind a cookie value, or null (unknown, expired, idle too long, user disabled, or
 * no site left to work on). One batch: the session with its account, and the account's usable roles.
 */
export async function readSession(db: Db, id: string, now: Date): Promise<Session | null> {
  if (!isUrlToken(id)) return null;
  const idHash = await sha256Hex(id);
  const sessionUser = sql<number>`(select ${sessions.userId} from ${sessions} where ${sessions.idHash} = ${idHash})`;
  const [[row], roles] = await db.batch([
    db.select({
      csrfToken: sessions.csrfToken, lastSeenAt: sessions.lastSeenAt, chosen: sessions.siteId, firstSite: firstSiteId,
      id: users.id, email: users.email, name: users.name, platformAdmin: users.platformAdmin, disabledAt: users.disabledAt, createdAt: users.createdAt,
    })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .where(and(eq(sessions.idHash, idHash), gt(sessions.expiresAt, now))),
    db.select({ siteId: siteRoles.siteId, role: siteRoles.role })
      .from(siteRoles).innerJoin(sites, eq(sites.id, siteRoles.siteId))
      .where(and(sql`${siteRoles.userId} = ${sessionUser}`, or(eq(sites.status, 'active'), eq(siteRoles.role, 'admin'))))
      .orderBy(asc(siteRoles.siteId)),
  ]);
  if (!row || row.disabledAt || now.getTime() - row.lastSeenAt.getTime() > SESSION_IDLE_MS) return null;
  const working = workingSite(row, roles);
  if (!working) return null;
  if (now.getTime() - row.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
    await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.idHash, idHash));
  }
  return {
    idHash,
    csrfToken: row.csrfToken,
    user: { ...toUser(row, working.role), role: working.role },
    siteId: working.siteId,
    roles,
  };
}

/** The switcher's choice; the caller has checked the account may work on the site. */
export async function setWorkingSite(db: Db, idHash: string, siteId: number): Promise<void> {
  await db.update(sessions).set({ siteId }).where(eq(sessions.idHash, idHash));
}

export async function deleteSession(db: Db, idHash: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.idHash, idHash));
}
