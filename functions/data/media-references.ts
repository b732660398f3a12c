// Which of a site's media keys its saved content still references: an article's cover, a media/... URL in
// its body, and the same in every revision's snapshot, since restoring a revision brings its cover and
// body back; the photos of its articles' galleries (article_images); and the site's own logo (sites.logo_key, set in the admin's sites pages). Keys are per site (each site's objects have their own prefix in R2), so only that site's
// articles count. Used by the orphan sweep (functions/media/sweep.ts) before it deletes anything.
import { sql } from 'drizzle-orm';
import { articleImages, articleRevisions, articles, sites } from '../../schema/tables.ts';
import type { Db } from './db.ts';

/**
 * The subset of keys that some article (soft-deleted ones included: the trash can restore them) or
 * some revision references. One pass over the text whatever the number of keys: every "media/" in a
 * body or snapshot is cut out once (a recursive CTE, materialized), then each key is compared with
 * those few spots; covers are one indexed-free pass each. A plain text test on the spots, so a key
 * that is a prefix of a referenced one is kept too: erring towards keeping is the safe side.
 */
export async function referencedMediaKeys(db: Db, siteId: number, keys: string[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const rows = await db.all<{ key: string }>(sql`
    with recursive
      mine(id) as materialized (select a.id from ${articles} a where a.site_id = ${siteId}),
      texts(t) as (
        select a.body_markdown from ${articles} a where a.site_id = ${siteId} and instr(a.body_markdown, 'media/') > 0
        union all
        select r.snapshot from ${articleRevisions} r where r.article_id in (select id from mine) and instr(r.snapshot, 'media/') > 0
      ),
      spots(rest) as (
        select substr(t, instr(t, 'media/') + 6) from texts
        union all
        select substr(rest, instr(rest, 'media/') + 6) from spots where instr(rest, 'media/') > 0
      ),
      near(head) as materialized (select substr(rest, 1, 200) from spots),
      covers(key) as materialized (
        select a.cover_key from ${articles} a where a.site_id = ${siteId} and a.cover_key is not null
        union
        select json_extract(r.snapshot, '$.cover.key') from ${articleRevisions} r where r.article_id in (select id from mine) and instr(r.snapshot, '"cover":{') > 0
        union
        select i.key from ${articleImages} i where i.article_id in (select id from mine)
        union
        select s.logo_key from ${sites} s where s.id = ${siteId} and s.logo_key is not null
      )
    select k.value as key from json_each(${JSON.stringify(keys)}) k
    where k.value in (select key from covers)
       or exists (select 1 from near where substr(near.head, 1, length(k.value)) = k.value)`);
  return new Set(rows.map((r) => r.key));
}
