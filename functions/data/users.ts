// Editors' accounts: creation, lookup, roles, disabling, password changes. Password hashes never
// leave this module except to the sign-in check.
import { and, asc, eq, isNull, ne } from 'drizzle-orm';
import { sessions, users, type Role } from '../../schema/tables.ts';
import { hashPassword } from '../auth/password.ts';
import type { Db } from './db.ts';

export interface User {
  id: number;
  email: string;
  name: string;
  role: Role;
  disabled: boolean;
  createdAt: Date;
}

const publicColumns = {
  id: users.id,
  email: users.email,
  name: users.name,
  role: users.role,
  disabledAt: users.disabledAt,
  createdAt: users.createdAt,
};

function toUser(row: { id: number; email: string; name: string; role: Role; disabledAt: Date | null; createdAt: Date }): User {
  return { id: row.id, email: row.email, name: row.name, role: row.role, disabled: row.disabledAt !== null, createdAt: row.createdAt };
}

/** E-mail addresses are compared case-insensitively and without surrounding spaces. */
export const normalizeEmail = (email: string) => email.trim().toLowerCase();

export async function createUser(db: Db, input: { email: string; name: string; role: Role; password: string }): Promise<number> {
  const [row] = await db
    .insert(users)
    .values({ email: normalizeEmail(input.email), name: input.name, role: input.role, passwordHash: await hashPassword(input.password) })
    .returning({ id: users.id });
  return row!.id;
}

export async function countUsers(db: Db): Promise<number> {
  return (await db.select({ id: users.id }).from(users).limit(1)).length;
}

/** For the sign-in check only: the account with its hash, if it exists and is not disabled. */
export async function userForSignIn(db: Db, email: string) {
  const [row] = await db
    .select({ ...publicColumns, passwordHash: users.passwordHash })
    .from(users)
    .where(and(eq(users.email, normalizeEmail(email)), isNull(users.disabledAt)));
  return row ? { user: toUser(row), passwordHash: row.passwordHash } : null;
}

export async function readUser(db: Db, id: number): Promise<User | null> {
  const [row] = await db.select(publicColumns).from(users).where(eq(users.id, id));
  return row ? toUser(row) : null;
}

export async function listUsers(db: Db): Promise<User[]> {
  return (await db.select(publicColumns).from(users).orderBy(asc(users.email))).map(toUser);
}

export async function setRole(db: Db, id: number, role: Role): Promise<void> {
  await db.update(users).set({ role, updatedAt: new Date() }).where(eq(users.id, id));
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
