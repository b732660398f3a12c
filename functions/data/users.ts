// Accounts (global: one sign-in covers every site) and their roles per site (site_roles). Every change
// of a role or of the platform-admin flag is written to role_changes in the same D1 batch as the change
// itself. Password hashes never leave this module except to the sign-in check.
import { and, asc, desc, eq, isNull, ne, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { auditLog, roleChanges, sessions, siteRoles, sites, users, type Role, type SiteStatus } from '../../schema/tables.ts';
import { currentClient } from '../audit/client.ts';
import { hashPassword } from '../auth/password.ts';
import type { Db } from './db.ts';

/** The value role_changes records for the platform-admin flag (its siteId is null). */
export const PLATFORM_ADMIN = 'platform-admin';

export interface SiteRole {
  siteId: number;
  role: Role;
}

export interface User {
  id: number;
  email: string;
  name: string;
  /** The role on the site the account was read for; platform admins act as admin on every site. Null: none there. */
  role: Role | null;
  /** Manages sites and assigns their administrators; admin on every site. */
  platformAdmin: boolean;
  disabled: boolean;
  createdAt: Date;
}

/** The platform's first site (lowest id): the default of callers that name no site (CLIs, one-site tests). */
export const firstSiteId: SQL<number> = sql<number>`(select min(${sites.id}) from ${sites})`;

/** The account's role on a site, as SQL: platform admins are admin everywhere. */
const roleOn = (siteId: number | SQL<number>) => sql<Role | null>`case when ${users.platformAdmin} then 'admin' else (
  select ${siteRoles.role} from ${siteRoles} where ${siteRoles.userId} = ${users.id} and ${siteRoles.siteId} = ${siteId}) end`;

const accountColumns = {
  id: users.id,
  email: users.email,
  name: users.name,
  platformAdmin: users.platformAdmin,
  disabledAt: users.disabledAt,
  createdAt: users.createdAt,
};

type AccountRow = { id: number; email: string; name: string; platformAdmin: boolean; disabledAt: Date | null; createdAt: Date };

export function toUser(row: AccountRow, role: Role | null): User {
  return {
    id: row.id, email: row.email, name: row.name, role, platformAdmin: row.platformAdmin,
    disabled: row.disabledAt !== null, createdAt: row.createdAt,
  };
}

/** E-mail addresses are compared case-insensitively and without surrounding spaces. */
export const normalizeEmail = (email: string) => email.trim().toLowerCase();

/** The statement that logs a role change, reading "before" inside the batch (so it is what the change replaced). */
function logSiteRole(db: Db, input: { actorId: number | null; userId: number | SQL<number>; siteId: number | SQL<number>; role: Role | null; now: Date }) {
  const before = sql`(select ${siteRoles.role} from ${siteRoles} where ${siteRoles.userId} = ${input.userId} and ${siteRoles.siteId} = ${input.siteId})`;
  // Columns in table order: id, actor_id, user_id, site_id, before, after, created_at.
  return db.insert(roleChanges).select(
    sql`select null, ${input.actorId}, ${input.userId}, ${input.siteId}, ${before}, ${input.role}, ${input.now.getTime()} where ${before} is not ${input.role}`,
  );
}

/**
 * The audit entry of the same change (role_changes keeps the history the users page shows; the audit log
 * shows it with who, from which client, among every other event), written only when the role changes.
 */
function auditSiteRole(db: Db, input: { actorId: number | null; userId: number | SQL<number>; siteId: number | SQL<number>; role: Role | null; now: Date }) {
  const before = sql`(select ${siteRoles.role} from ${siteRoles} where ${siteRoles.userId} = ${input.userId} and ${siteRoles.siteId} = ${input.siteId})`;
  const client = currentClient();
  const actorLabel = sql`coalesce((select ${users.email} from ${users} where ${users.id} = ${input.actorId}), 'cli')`;
  // Columns in table order: id, site_id, actor_id, actor_label, action, subject, detail, client_ip, user_agent, created_at.
  return db.insert(auditLog).select(sql`select null, ${input.siteId}, (select ${users.id} from ${users} where ${users.id} = ${input.actorId}), ${actorLabel},
    'role.changed', ${typeof input.userId === 'number' ? `user:${input.userId}` : sql`'user:' || ${input.userId}`}, json_object('before', ${before}, 'after', ${input.role}), ${client.ip}, ${client.userAgent}, ${input.now.getTime()}
    where ${before} is not ${input.role}`);
}

/** The statement that gives the role (or takes it away: null). */
function writeSiteRole(db: Db, input: { userId: number | SQL<number>; siteId: number | SQL<number>; role: Role | null; now: Date }) {
  if (input.role === null) return db.delete(siteRoles).where(sql`${siteRoles.userId} = ${input.userId} and ${siteRoles.siteId} = ${input.siteId}`);
  // Columns in table order: user_id, site_id, role, created_at.
  return db.insert(siteRoles).select(sql`select ${input.userId}, ${input.siteId}, ${input.role}, ${input.now.getTime()}`)
    .onConflictDoUpdate({ target: [siteRoles.userId, siteRoles.siteId], set: { role: input.role } });
}

/** The statement that logs the platform-admin flag of the account(s) `where` selects, when it changes to `on`. */
function logPlatformAdmin(db: Db, input: { actorId: number | null; on: boolean; now: Date }, where: SQL) {
  const before = sql`case when ${users.platformAdmin} then ${PLATFORM_ADMIN} else null end`;
  return db.insert(roleChanges).select(
    sql`select null, ${input.actorId}, ${users.id}, null, ${before}, ${input.on ? PLATFORM_ADMIN : null}, ${input.now.getTime()} from ${users} where ${where} and ${users.platformAdmin} <> ${input.on ? 1 : 0}`,
  );
}

/**
 * A new account, in one batch with its role on a site (default: the platform's first site) and/or the
 * platform-admin flag, each logged with `actorId` (null: a command-line tool).
 */
export async function createUser(
  db: Db,
  input: { email: string; name: string; password: string; role?: Role | null; siteId?: number; platformAdmin?: boolean; actorId?: number | null },
  now = new Date(),
): Promise<number> {
  const email = normalizeEmail(input.email);
  const userId = sql<number>`(select ${users.id} from ${users} where ${users.email} = ${email})`;
  const siteId = input.siteId ?? firstSiteId;
  const actorId = input.actorId ?? null;
  const role = input.role ?? null;
  const passwordHash = await hashPassword(input.password);
  const [[row]] = await db.batch([
    db.insert(users).values({ email, name: input.name, passwordHash, createdAt: now, updatedAt: now }).returning({ id: users.id }),
    ...(role ? [
      logSiteRole(db, { actorId, userId, siteId, role, now }), auditSiteRole(db, { actorId, userId, siteId, role, now }), writeSiteRole(db, { userId, siteId, role, now }),
    ] : []),
    ...(input.platformAdmin
      ? [logPlatformAdmin(db, { actorId, on: true, now }, sql`${users.email} = ${email}`), db.update(users).set({ platformAdmin: true }).where(eq(users.email, email))]
      : []),
  ]);
  return row!.id;
}

export async function countUsers(db: Db): Promise<number> {
  return (await db.select({ id: users.id }).from(users).limit(1)).length;
}

export interface SignInAccount {
  user: User;
  passwordHash: string;
  /** Every role the account holds, with the status of its site: who may sign in is decided from these. */
  roles: (SiteRole & { status: SiteStatus })[];
}

/** For the sign-in check only: the account with its hash and roles, if it exists and is not disabled. */
export async function userForSignIn(db: Db, email: string): Promise<SignInAccount | null> {
  const address = normalizeEmail(email);
  const [[row], roles] = await db.batch([
    db.select({ ...accountColumns, passwordHash: users.passwordHash }).from(users).where(and(eq(users.email, address), isNull(users.disabledAt))),
    db.select({ siteId: siteRoles.siteId, role: siteRoles.role, status: sites.status })
      .from(siteRoles).innerJoin(users, eq(users.id, siteRoles.userId)).innerJoin(sites, eq(sites.id, siteRoles.siteId))
      .where(eq(users.email, address)).orderBy(asc(siteRoles.siteId)),
  ]);
  return row ? { user: toUser(row, null), passwordHash: row.passwordHash, roles } : null;
}

/** The account with its role on `siteId` (default: the platform's first site). */
export async function readUser(db: Db, id: number, siteId?: number): Promise<User | null> {
  const [row] = await db.select({ ...accountColumns, role: roleOn(siteId ?? firstSiteId) }).from(users).where(eq(users.id, id));
  return row ? toUser(row, row.role) : null;
}

export async function readUserByEmail(db: Db, email: string, siteId: number): Promise<User | null> {
  const [row] = await db.select({ ...accountColumns, role: roleOn(siteId) }).from(users).where(eq(users.email, normalizeEmail(email)));
  return row ? toUser(row, row.role) : null;
}

/** The people holding a role on the site, with that role (platform admins are marked, their site role kept as given). */
export async function listUsers(db: Db, siteId: number): Promise<User[]> {
  const rows = await db.select({ ...accountColumns, role: siteRoles.role })
    .from(siteRoles).innerJoin(users, eq(users.id, siteRoles.userId))
    .where(eq(siteRoles.siteId, siteId)).orderBy(asc(users.email));
  return rows.map((r) => toUser(r, r.role));
}

/** Every account (platform admins assign site administrators from it), with no site role. */
export async function listAccounts(db: Db): Promise<User[]> {
  return (await db.select(accountColumns).from(users).orderBy(asc(users.email))).map((r) => toUser(r, null));
}

/** The account (no site role) with every role it holds: for decisions that concern the whole account. */
export async function readAccount(db: Db, id: number): Promise<{ user: User; roles: SiteRole[] } | null> {
  const [[row], roles] = await db.batch([
    db.select(accountColumns).from(users).where(eq(users.id, id)),
    db.select({ siteId: siteRoles.siteId, role: siteRoles.role }).from(siteRoles).where(eq(siteRoles.userId, id)).orderBy(asc(siteRoles.siteId)),
  ]);
  return row ? { user: toUser(row, null), roles } : null;
}

/** Every role the account holds, by site id. */
export async function rolesOf(db: Db, userId: number): Promise<SiteRole[]> {
  return db.select({ siteId: siteRoles.siteId, role: siteRoles.role }).from(siteRoles).where(eq(siteRoles.userId, userId)).orderBy(asc(siteRoles.siteId));
}

/**
 * Gives the account a role on the site, changes it, or takes it away (null), logged in the same batch
 * with what it was before. Nothing is logged when the role does not change.
 */
export async function setSiteRole(db: Db, input: { actorId: number | null; userId: number; siteId: number; role: Role | null; now: Date }): Promise<void> {
  await db.batch([logSiteRole(db, input), auditSiteRole(db, input), writeSiteRole(db, input)]);
}

/** Sets or clears the platform-admin flag, logged in the same batch (site null) when it changes. */
export async function setPlatformAdmin(db: Db, input: { actorId: number | null; userId: number; on: boolean; now: Date }): Promise<void> {
  const client = currentClient();
  const actorLabel = sql`coalesce((select ${users.email} from ${users} where ${users.id} = ${input.actorId}), 'cli')`;
  await db.batch([
    logPlatformAdmin(db, input, sql`${users.id} = ${input.userId}`),
    db.insert(auditLog).select(sql`select null, null, (select ${users.id} from ${users} where ${users.id} = ${input.actorId}), ${actorLabel},
      'role.changed', 'user:' || ${users.id}, json_object('before', case when ${users.platformAdmin} then 'platform-admin' else null end, 'after', ${input.on ? 'platform-admin' : null}),
      ${client.ip}, ${client.userAgent}, ${input.now.getTime()} from ${users} where ${users.id} = ${input.userId} and ${users.platformAdmin} <> ${input.on ? 1 : 0}`),
    db.update(users).set({ platformAdmin: input.on, updatedAt: input.now }).where(eq(users.id, input.userId)),
  ]);
}

export interface RoleChange {
  id: number;
  at: Date;
  /** The e-mail of who made it (null: a command-line tool). */
  actor: string | null;
  user: string;
  siteId: number | null;
  before: string | null;
  after: string | null;
}

/** The newest role changes on a site (with `platform`: also the platform-admin flag's), newest first. */
export async function listRoleChanges(db: Db, siteId: number, options: { platform?: boolean; limit?: number } = {}): Promise<RoleChange[]> {
  const actor = alias(users, 'actor');
  const where = options.platform ? or(eq(roleChanges.siteId, siteId), isNull(roleChanges.siteId)) : eq(roleChanges.siteId, siteId);
  const rows = await db.select({
    id: roleChanges.id, at: roleChanges.createdAt, actor: actor.email, user: users.email,
    siteId: roleChanges.siteId, before: roleChanges.before, after: roleChanges.after,
  }).from(roleChanges).innerJoin(users, eq(users.id, roleChanges.userId)).leftJoin(actor, eq(actor.id, roleChanges.actorId))
    .where(where).orderBy(desc(roleChanges.createdAt), desc(roleChanges.id)).limit(options.limit ?? 20);
  return rows;
}

/** Disabling ends every session of the account at once. */
export async function setDisabled(db: Db, id: number, disabled: boolean, now: Date): Promise<void> {
  await db.batch([
    db.update(users).set({ disabledAt: disabled ? now : null, updatedAt: now }).where(eq(users.id, id)),
    ...(disabled ? [db.delete(sessions).where(eq(sessions.userId, id))] : []),
  ]);
}

/** A new password ends the account's other sessions (keepSession: the one making the change). */
export async function changePassword(db: Db, id: number, password: string, keepSessionHash: string | null, now: Date): Promise<void> {
  const passwordHash = await hashPassword(password);
  await db.batch([
    db.update(users).set({ passwordHash, updatedAt: now }).where(eq(users.id, id)),
    db.delete(sessions).where(keepSessionHash ? and(eq(sessions.userId, id), ne(sessions.idHash, keepSessionHash)) : eq(sessions.userId, id)),
  ]);
}

/** Quietly upgrades a hash made with older parameters, after a successful sign-in. */
export async function storePasswordHash(db: Db, id: number, passwordHash: string): Promise<void> {
  await db.update(users).set({ passwordHash }).where(eq(users.id, id));
}
