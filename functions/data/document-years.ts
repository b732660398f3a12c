// The years of issue of a site's published documents, newest first: the registry's year filter offers
// only years that find something. (Added by the reader pages' helper beside CORE's documents-read.ts.)
import { desc } from 'drizzle-orm';
import { documents } from '../../schema/tables.ts';
import type { Db } from './db.ts';
import { visibleDocuments } from './documents-read.ts';

export async function documentYears(db: Db, siteId: number, now: Date): Promise<number[]> {
  const rows = await db.selectDistinct({ year: documents.issuedYear }).from(documents)
    .where(visibleDocuments(siteId, now)).orderBy(desc(documents.issuedYear));
  return rows.map((r) => r.year);
}
