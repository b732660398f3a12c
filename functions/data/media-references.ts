// Which media keys saved content still references: an article's cover, a /media/... URL (or any
// mention) in its body, and anything in a revision's snapshot, since restoring a revision brings its
// cover and body back. Used by the orphan sweep (functions/media/sweep.ts) before it deletes.
import { sql } from 'drizzle-orm';
import { articleRevisions, articles } from '../../schema/tables.ts';
import type { Db } from './db.ts';

/**
 * The subset of keys that some article (soft-deleted ones included: the trash can restore them) or
 * some revision mentions. A plain substring test: a key is 30-50 random characters, so a mention
 * is a reference, and erring towards keeping is the safe side. Cost: one pass over the articles' and
 * revisions' text per key, which is why the sweep checks a bounded batch per run.
 */
export async function referencedMediaKeys(db: Db, keys: string[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const rows = await db.all<{ key: string }>(sql`
    select k.value as key from json_each(${JSON.stringify(keys)}) k
    where exists (select 1 from ${articles} a where a.cover_key = k.value)
       or exists (select 1 from ${articles} a where instr(a.body_markdown, k.value) > 0)
       or exists (select 1 from ${articleRevisions} r where instr(r.snapshot, k.value) > 0)`);
  return new Set(rows.map((r) => r.key));
}
