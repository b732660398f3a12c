// Per-site settings an admin changes in the admin, one row per site and key.
import { and, eq } from 'drizzle-orm';
import { settings } from '../../schema/tables.ts';
import type { Db } from './db.ts';

/** "on" when the site's admins and editors must sign in with a second factor (and enrol before anything else). */
export const TWO_FACTOR_REQUIRED = 'two_factor_required';

export async function readSetting(db: Db, siteId: number, key: string): Promise<string | null> {
  const [row] = await db.select({ value: settings.value }).from(settings).where(and(eq(settings.siteId, siteId), eq(settings.key, key)));
  return row?.value ?? null;
}

export async function writeSetting(db: Db, siteId: number, key: string, value: string, by: number, now: Date): Promise<void> {
  await db.insert(settings).values({ siteId, key, value, updatedBy: by, updatedAt: now })
    .onConflictDoUpdate({ target: [settings.siteId, settings.key], set: { value, updatedBy: by, updatedAt: now } });
}
