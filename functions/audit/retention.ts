// How long the audit log is kept: the setting "audit_retention_days" of each site (default 365, 30 to
// 3650 days, changed by its admins on /admin/nhat-ky), and the cron's pruning of older entries, in
// bounded batches. Entries of no site (sign-ins) are kept as long as the longest of any site's.
import { sql } from 'drizzle-orm';
import { auditLog, settings } from '../../schema/tables.ts';
import type { Db } from '../data/db.ts';
import { readSetting, writeSetting } from '../data/settings.ts';

export const AUDIT_RETENTION = 'audit_retention_days';
export const RETENTION_DEFAULT_DAYS = 365;
export const RETENTION_MIN_DAYS = 30;
export const RETENTION_MAX_DAYS = 3650;
const DAY_MS = 86_400_000;

/** Entries deleted per cron run (one statement; the next run carries on). */
export const PRUNE_BATCH = 500;

export async function readRetentionDays(db: Db, siteId: number): Promise<number> {
  const value = Number(await readSetting(db, siteId, AUDIT_RETENTION));
  return Number.isInteger(value) && value >= RETENTION_MIN_DAYS && value <= RETENTION_MAX_DAYS ? value : RETENTION_DEFAULT_DAYS;
}

/** The days as typed, if they are a whole number in range; null otherwise (the page says why). */
export function parseRetentionDays(typed: string): number | null {
  if (!/^\s*\d{1,5}\s*$/.test(typed)) return null;
  const days = Number(typed);
  return days >= RETENTION_MIN_DAYS && days <= RETENTION_MAX_DAYS ? days : null;
}

export const writeRetentionDays = (db: Db, siteId: number, days: number, by: number, now: Date) =>
  writeSetting(db, siteId, AUDIT_RETENTION, String(days), by, now);

/**
 * Deletes up to `limit` entries older than their site's retention, oldest first. Only entries older
 * than the shortest possible retention are looked at (the created_at index), each against its site's
 * setting; returns how many went.
 */
export async function pruneAuditLog(db: Db, at: Date, limit = PRUNE_BATCH): Promise<number> {
  const now = at.getTime();
  const days = sql`coalesce((select cast(${settings.value} as integer) from ${settings} where ${settings.siteId} = a.site_id and ${settings.key} = ${AUDIT_RETENTION}), ${RETENTION_DEFAULT_DAYS})`;
  const longest = sql`max(${RETENTION_DEFAULT_DAYS}, coalesce((select max(cast(${settings.value} as integer)) from ${settings} where ${settings.key} = ${AUDIT_RETENTION}), 0))`;
  const rows = await db.all<{ id: number }>(sql`delete from ${auditLog} where id in (
    select a.id from ${auditLog} a
    where a.created_at < ${now - RETENTION_MIN_DAYS * DAY_MS}
      and a.created_at < ${now} - (case when a.site_id is null then ${longest} else ${days} end) * ${DAY_MS}
    order by a.created_at limit ${limit}) returning id`);
  return rows.length;
}
