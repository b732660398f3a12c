// A site's starting visit total (sites.visit_offset) raised by an import: only ever upwards, in one
// conditional statement, so two imports racing cannot lower what the other set.
import { and, eq, sql } from 'drizzle-orm';
import { sites } from '../../schema/tables.ts';
import type { Db } from './db.ts';

/** Sets the offset to `offset` if the site's (null: `effective`, the deployment's default) is lower; true if it did. */
export async function raiseVisitOffset(db: Db, siteId: number, effective: number, offset: number, now: Date): Promise<boolean> {
  const done = await db.update(sites).set({ visitOffset: offset, updatedAt: now })
    .where(and(eq(sites.id, siteId), sql`coalesce(${sites.visitOffset}, ${effective}) < ${offset}`))
    .returning({ id: sites.id });
  return done.length > 0;
}
