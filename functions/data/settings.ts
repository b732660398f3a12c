// Site-wide settings an admin changes in the admin, one row per key.
import { eq } from 'drizzle-orm';
import { settings } from '../../schema/tables.ts';
import type { Db } from './db.ts';

/** "on" when admins and editors must sign in with a second factor (and enrol before anything else). */
export const TWO_FACTOR_REQUIRED = 'two_factor_required';

export async function readSetting(db: Db, key: string): Promise<string | null> {
  const [row] = await db.select({ value: settings.value }).from(settings).where(eq(settings.key, key));
  return row?.value ?? null;
}

export async function writeSetting(db: Db, key: string, value: string, by: number, now: Date): Promise<void> {
  await db.insert(settings).values({ key, value, updatedBy: by, updatedAt: now })
    .onConflictDoUpdate({ target: settings.key, set: { value, updatedBy: by, updatedAt: now } });
}
