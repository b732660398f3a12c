// Reading the audit log for /admin/nhat-ky: newest first, keyset-paged (created_at, id), filtered by
// action, by person (the label as recorded: an email, "token:<name>", "cron") and by a range of instants.
// Who sees what: a platform admin everything; a site's admin that site's entries and the sign-in events
// (no site) of the accounts that hold a role on it.
import { and, desc, eq, isNull, lt, or, sql, gte, type SQL } from 'drizzle-orm';
import { auditLog, siteRoles } from '../../schema/tables.ts';
import type { AuditAction } from '../audit/actions.ts';
import type { Db } from './db.ts';

export type AuditRow = typeof auditLog.$inferSelect;

export interface AuditScope {
  siteId: number;
  /** A platform admin: every site's entries and every sign-in. */
  platform: boolean;
}

export interface AuditFilter {
  action?: AuditAction | undefined;
  /** A part of who did it, as recorded (case-insensitive for ASCII). */
  person?: string | undefined;
  /** From this instant (inclusive) to that one (exclusive). */
  from?: Date | undefined;
  until?: Date | undefined;
  /** The page after this entry (the last of the previous page). */
  after?: { at: number; id: number } | undefined;
}

export const AUDIT_PAGE_SIZE = 50;

/** "1732900000000.42": where the next page starts. */
export const auditCursor = (row: Pick<AuditRow, 'createdAt' | 'id'>) => `${row.createdAt.getTime()}.${row.id}`;

export function parseAuditCursor(text: string): { at: number; id: number } | null {
  const m = /^(\d{1,15})\.(\d{1,15})$/.exec(text);
  return m ? { at: Number(m[1]), id: Number(m[2]) } : null;
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

function scopeCondition(scope: AuditScope): SQL | undefined {
  if (scope.platform) return undefined;
  const members = sql`select ${siteRoles.userId} from ${siteRoles} where ${siteRoles.siteId} = ${scope.siteId}`;
  return or(eq(auditLog.siteId, scope.siteId), and(isNull(auditLog.siteId), sql`${auditLog.actorId} in (${members})`));
}

export async function listAuditEntries(db: Db, scope: AuditScope, filter: AuditFilter, limit = AUDIT_PAGE_SIZE): Promise<{ entries: AuditRow[]; next: string | null }> {
  const conditions = [
    scopeCondition(scope),
    filter.action ? eq(auditLog.action, filter.action) : undefined,
    filter.person ? sql`${auditLog.actorLabel} like ${`%${escapeLike(filter.person)}%`} escape '\\'` : undefined,
    filter.from ? gte(auditLog.createdAt, filter.from) : undefined,
    filter.until ? lt(auditLog.createdAt, filter.until) : undefined,
    filter.after
      ? or(lt(auditLog.createdAt, new Date(filter.after.at)), and(eq(auditLog.createdAt, new Date(filter.after.at)), lt(auditLog.id, filter.after.id)))
      : undefined,
  ];
  const rows = await db.select().from(auditLog).where(and(...conditions))
    .orderBy(desc(auditLog.createdAt), desc(auditLog.id)).limit(limit + 1);
  const entries = rows.slice(0, limit);
  return { entries, next: rows.length > limit ? auditCursor(entries.at(-1)!) : null };
}
