// What /admin/nhat-ky does apart from HTML: read the filters from the query (each refused with a message
// at its field), list a page of entries within what the admin may see, and save the retention setting
// (recorded in the log itself). Admins of the working site and platform admins only.
import { isAuditAction, type AuditAction } from '../../functions/audit/actions.ts';
import { recordAudit } from '../../functions/audit/log.ts';
import { parseRetentionDays, readRetentionDays, writeRetentionDays } from '../../functions/audit/retention.ts';
import { listAuditEntries, parseAuditCursor, type AuditFilter, type AuditRow } from '../../functions/data/audit-log.ts';
import type { Db } from '../../functions/data/db.ts';
import type { User } from '../../functions/data/users.ts';
import { isAdmin, isPlatformAdmin } from './permissions.ts';
import { formText } from './request-body.ts';
import { AUDIT } from './strings.ts';

export const AUDIT_PATH = '/admin/nhat-ky';

/** The filters as typed (kept in the form), and their messages. */
export interface AuditQuery {
  action: string;
  person: string;
  from: string;
  to: string;
  cursor: string;
}

export type AuditErrors = Partial<Record<keyof AuditQuery, string>>;

export interface AuditView {
  query: AuditQuery;
  errors: AuditErrors;
  entries: AuditRow[];
  next: string | null;
  retentionDays: number;
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
/** The instant a Vietnam day (UTC+7, no daylight saving) begins; null for a day no calendar has. */
function vietnamDayStart(day: string): Date | null {
  const m = DAY.exec(day);
  if (!m) return null;
  const at = new Date(`${day}T00:00:00+07:00`);
  const check = new Date(at.getTime() + 7 * 3_600_000);
  if (Number.isNaN(at.getTime()) || check.getUTCDate() !== Number(m[3]) || check.getUTCMonth() + 1 !== Number(m[2])) return null;
  return at;
}

export function readAuditQuery(url: URL): { query: AuditQuery; filter: AuditFilter; errors: AuditErrors } {
  const get = (name: string) => (url.searchParams.get(name) ?? '').trim().slice(0, 200);
  const query: AuditQuery = { action: get('hanh-dong'), person: get('nguoi'), from: get('tu-ngay'), to: get('den-ngay'), cursor: get('sau') };
  const errors: AuditErrors = {};
  const filter: AuditFilter = {};
  if (query.action) {
    if (isAuditAction(query.action)) filter.action = query.action as AuditAction;
    else errors.action = AUDIT.badAction;
  }
  if (query.person) filter.person = query.person;
  const from = query.from ? vietnamDayStart(query.from) : null;
  const to = query.to ? vietnamDayStart(query.to) : null;
  if (query.from && !from) errors.from = AUDIT.badDay;
  if (query.to && !to) errors.to = AUDIT.badDay;
  if (from) filter.from = from;
  // "Đến ngày" includes that whole day.
  if (to) filter.until = new Date(to.getTime() + 86_400_000);
  if (from && to && from.getTime() > to.getTime()) errors.to = AUDIT.badRange;
  if (query.cursor) {
    const after = parseAuditCursor(query.cursor);
    if (after) filter.after = after;
    else errors.cursor = AUDIT.badCursor;
  }
  return { query, filter, errors };
}

export async function loadAudit(db: Db, user: User, siteId: number, url: URL): Promise<{ status: number; view: AuditView }> {
  const { query, filter, errors } = readAuditQuery(url);
  const retentionDays = await readRetentionDays(db, siteId);
  if (Object.keys(errors).length) return { status: 400, view: { query, errors, entries: [], next: null, retentionDays } };
  const { entries, next } = await listAuditEntries(db, { siteId, platform: isPlatformAdmin(user) }, filter);
  return { status: 200, view: { query, errors, entries, next, retentionDays } };
}

export type RetentionResult = { ok: true; message: string } | { ok: false; status: number; message: string; typed: string };

export async function saveRetention(db: Db, user: User, siteId: number, form: FormData, now: Date): Promise<RetentionResult> {
  const typed = formText(form, 'so-ngay').trim();
  if (!isAdmin(user)) return { ok: false, status: 403, message: AUDIT.adminsOnly, typed };
  const days = parseRetentionDays(typed);
  if (days === null) return { ok: false, status: 422, message: AUDIT.retentionInvalid, typed };
  const before = await readRetentionDays(db, siteId);
  await writeRetentionDays(db, siteId, days, user.id, now);
  await recordAudit(db, { siteId, actorId: user.id, actorLabel: user.email, action: 'audit.retention-changed', subject: `site:${siteId}`, detail: { before, after: days }, at: now });
  return { ok: true, message: AUDIT.retentionSaved(days) };
}

/** A page's link with the same filters, starting after `cursor` (null: the first page). */
export function auditPageLink(query: AuditQuery, cursor: string | null): string {
  const params = new URLSearchParams();
  if (query.action) params.set('hanh-dong', query.action);
  if (query.person) params.set('nguoi', query.person);
  if (query.from) params.set('tu-ngay', query.from);
  if (query.to) params.set('den-ngay', query.to);
  if (cursor) params.set('sau', cursor);
  const text = params.toString();
  return text ? `${AUDIT_PATH}?${text}` : AUDIT_PATH;
}
