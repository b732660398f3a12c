// Writing the audit log: a statement to append to a write's own batch (the entry commits or fails with
// the change it records), and a plain insert for what happens outside one (a sign-in, the cron's purge).
// Who is a user id and a readable label kept as it was; the client comes from the request being served.
import { sql, type SQL } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { auditLog, users } from '../../schema/tables.ts';
import type { Db } from '../data/db.ts';
import type { AuditAction } from './actions.ts';
import { currentClient } from './client.ts';

export interface AuditEntry {
  siteId: number | null;
  actorId: number | null;
  /** The email, "token:<name>", "cron": whatever says who it was, as it was then. */
  actorLabel: string;
  action: AuditAction;
  /** "article:12", "user:3" (an SQL expression for a row created in the same batch). */
  subject?: string | SQL;
  detail?: Record<string, unknown>;
  at: Date;
}

/** Revisions' actor ("user:7" / "token:3") as the audit log's person: a user's id, or none for a token. */
export function auditActor(actor: { id: string; name: string }): { actorId: number | null; actorLabel: string } {
  const user = /^user:(\d+)$/.exec(actor.id);
  if (user) return { actorId: Number(user[1]), actorLabel: actor.name };
  return { actorId: null, actorLabel: actor.id.startsWith('token:') ? `token:${actor.name}` : actor.name || actor.id };
}

export function auditStatement(db: Db, entry: AuditEntry): BatchItem<'sqlite'> {
  const client = currentClient();
  return db.insert(auditLog).values({
    siteId: entry.siteId,
    // The account as it exists (NULL if not: a revision's actor may name none), so the entry never fails the write's batch.
    actorId: entry.actorId === null ? null : sql<number>`(select ${users.id} from ${users} where ${users.id} = ${entry.actorId})`,
    actorLabel: entry.actorLabel,
    action: entry.action,
    subject: entry.subject ?? '',
    detail: JSON.stringify(entry.detail ?? {}),
    clientIp: client.ip,
    userAgent: client.userAgent,
    createdAt: entry.at,
  });
}

/** A subject naming a row created in the same batch: "article:" and the id its subquery finds. */
export const subjectOf = (kind: string, id: number | SQL): string | SQL =>
  typeof id === 'number' ? `${kind}:${id}` : sql`${`${kind}:`} || ${id}`;

/**
 * An entry for an event outside any write's batch (sign-in, sign-out, the cron's purge). A failure to
 * record is logged and swallowed: the sign-in it describes has happened and must not fail for it.
 */
export async function recordAudit(db: Db, entry: AuditEntry): Promise<void> {
  try {
    await auditStatement(db, entry);
  } catch (error) {
    console.error(`audit: could not record ${entry.action}`, error);
  }
}

/**
 * An entry whose person is known only by account id (null: a command-line tool on the server, "cli"):
 * their email is read in the statement itself, as it is when the entry is written.
 */
export function auditByAccount(
  db: Db, entry: { siteId: number | null; userId: number | null; action: AuditAction; subject: string | SQL; detail?: Record<string, unknown>; at: Date },
): BatchItem<'sqlite'> {
  const client = currentClient();
  const account = sql`(select ${users.id} from ${users} where ${users.id} = ${entry.userId})`;
  const label = sql`coalesce((select ${users.email} from ${users} where ${users.id} = ${entry.userId}), 'cli')`;
  // Columns in table order: id, site_id, actor_id, actor_label, action, subject, detail, client_ip, user_agent, created_at.
  return db.insert(auditLog).select(sql`select null, ${entry.siteId}, ${account}, ${label}, ${entry.action}, ${entry.subject},
    ${JSON.stringify(entry.detail ?? {})}, ${client.ip}, ${client.userAgent}, ${entry.at.getTime()}`);
}
