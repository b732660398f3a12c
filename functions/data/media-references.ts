// Which of a site's media keys its saved content still references, and where: an article's cover, a
// media/... URL in the body of an article, a page (both languages) or a document, the same in every
// revision's snapshot (restoring a revision brings its cover and body back), the photos of its articles'
// galleries (article_images), the site's own logo (sites.logo_key), and the media library's own rows
// (an item in the library is kept until an editor deletes it there). Keys are per site (each site's
// objects have their own prefix in R2), so only that site's content counts. Used by the orphan sweep
// (functions/media/sweep.ts) and the trash purge before they delete anything, and by the library's
// "Dùng ở" list and delete check (mediaUses).
import { sql, type SQL } from 'drizzle-orm';
import { articleImages, articleRevisions, articles, documentRevisions, documents, media, pageRevisions, pages, sites } from '../../schema/tables.ts';
import type { Db } from './db.ts';

export interface ReferenceScope {
  /** Count revisions' snapshots (default true): false asks what the CURRENT content uses. */
  revisions?: boolean;
  /** Count the library's rows as references (default true): the library keeps its items. */
  library?: boolean;
}

/**
 * The subset of keys that some article, page or document (soft-deleted ones included: the trash can
 * restore them), some revision, gallery, logo or library row references. One pass over the text whatever
 * the number of keys: every "media/" in a body or snapshot is cut out once (a recursive CTE,
 * materialized), then each key is compared with those few spots. A plain text test on the spots, so a
 * key that is a prefix of a referenced one is kept too: erring towards keeping is the safe side.
 */
export async function referencedMediaKeys(db: Db, siteId: number, keys: string[], scope: ReferenceScope = {}): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const rows = await db.all<{ key: string }>(referencesQuery(siteId, keys, scope));
  return new Set(rows.map((r) => r.key));
}

/** The query behind referencedMediaKeys (a subquery too: the library's delete runs it in its own statement). */
export function referencesQuery(siteId: number, keys: string[], scope: ReferenceScope = {}): SQL {
  const revisions = scope.revisions ?? true;
  const library = scope.library ?? true;
  const none = sql`select null where 0`;
  return sql`
    with recursive
      mine(id) as materialized (select a.id from ${articles} a where a.site_id = ${siteId}),
      -- D1 allows at most 5 terms in a compound SELECT: the current texts and the revisions' are two CTEs.
      current(t) as (
        select a.body_markdown from ${articles} a where a.site_id = ${siteId} and instr(a.body_markdown, 'media/') > 0
        union all
        select p.body_markdown || ' ' || p.body_markdown_en from ${pages} p where p.site_id = ${siteId} and instr(p.body_markdown || p.body_markdown_en, 'media/') > 0
        union all
        select d.body_markdown from ${documents} d where d.site_id = ${siteId} and instr(d.body_markdown, 'media/') > 0
      ),
      old(t) as (
        ${revisions ? sql`select r.snapshot from ${articleRevisions} r where r.article_id in (select id from mine) and instr(r.snapshot, 'media/') > 0
        union all
        select r.snapshot from ${pageRevisions} r where r.page_id in (select id from ${pages} where site_id = ${siteId}) and instr(r.snapshot, 'media/') > 0
        union all
        select r.snapshot from ${documentRevisions} r where r.document_id in (select id from ${documents} where site_id = ${siteId}) and instr(r.snapshot, 'media/') > 0` : none}
      ),
      spots(rest) as (
        select substr(t, instr(t, 'media/') + 6) from current
        union all
        select substr(t, instr(t, 'media/') + 6) from old
        union all
        select substr(rest, instr(rest, 'media/') + 6) from spots where instr(rest, 'media/') > 0
      ),
      near(head) as materialized (select substr(rest, 1, 200) from spots),
      covers(key) as materialized (
        select a.cover_key from ${articles} a where a.site_id = ${siteId} and a.cover_key is not null
        union
        ${revisions ? sql`select json_extract(r.snapshot, '$.cover.key') from ${articleRevisions} r where r.article_id in (select id from mine) and instr(r.snapshot, '"cover":{') > 0` : none}
        union
        select i.key from ${articleImages} i where i.article_id in (select id from mine)
        union
        select s.logo_key from ${sites} s where s.id = ${siteId} and s.logo_key is not null
        union
        ${library ? sql`select m.key from ${media} m where m.site_id = ${siteId}` : none}
      )
    select k.value as key from json_each(${JSON.stringify(keys)}) k
    where k.value in (select key from covers)
       or exists (select 1 from near where substr(near.head, 1, length(k.value)) = k.value)`;
}

export type MediaUseKind = 'article-cover' | 'article-body' | 'article-gallery' | 'article-revision' | 'page-body' | 'page-revision' | 'document-body' | 'document-revision' | 'site-logo';

export interface MediaUse {
  kind: MediaUseKind;
  /** The article, page or document (a revision: its owner); the site for a logo. */
  id: number;
  title: string;
  /** In the trash: it can be restored, so it still counts. */
  deleted: boolean;
  /** Revisions of that item that reference the key (only for *-revision). */
  versions?: number[];
}

/** Where the key is used on the site: every reference, current and in revisions, with what to link to. */
export async function mediaUses(db: Db, siteId: number, key: string): Promise<MediaUse[]> {
  const spot = `media/${key}`;
  const has = (column: SQL) => sql`instr(${column}, ${spot}) > 0`;
  type Row = { kind: MediaUseKind; id: number; title: string; deleted: number; version: number | null };
  // Two queries: D1 allows at most 5 terms in a compound SELECT.
  const [articleRows, otherRows] = await Promise.all([db.all<Row>(sql`
    select 'article-cover' as kind, a.id, a.title, a.deleted_at is not null as deleted, null as version from ${articles} a where a.site_id = ${siteId} and a.cover_key = ${key}
    union all
    select 'article-body', a.id, a.title, a.deleted_at is not null, null from ${articles} a where a.site_id = ${siteId} and ${has(sql`a.body_markdown`)}
    union all
    select distinct 'article-gallery', a.id, a.title, a.deleted_at is not null, null from ${articleImages} i join ${articles} a on a.id = i.article_id where a.site_id = ${siteId} and i.key = ${key}
    union all
    select 'article-revision', a.id, a.title, a.deleted_at is not null, r.version from ${articleRevisions} r join ${articles} a on a.id = r.article_id
      where a.site_id = ${siteId} and (${has(sql`r.snapshot`)} or json_extract(r.snapshot, '$.cover.key') = ${key})`), db.all<Row>(sql`
    select 'page-body' as kind, p.id as id, p.title as title, p.deleted_at is not null as deleted, null as version from ${pages} p where p.site_id = ${siteId} and (${has(sql`p.body_markdown`)} or ${has(sql`p.body_markdown_en`)})
    union all
    select 'page-revision', p.id, p.title, p.deleted_at is not null, r.version from ${pageRevisions} r join ${pages} p on p.id = r.page_id where p.site_id = ${siteId} and ${has(sql`r.snapshot`)}
    union all
    select 'document-body', d.id, d.number, d.deleted_at is not null, null from ${documents} d where d.site_id = ${siteId} and ${has(sql`d.body_markdown`)}
    union all
    select 'document-revision', d.id, d.number, d.deleted_at is not null, r.version from ${documentRevisions} r join ${documents} d on d.id = r.document_id where d.site_id = ${siteId} and ${has(sql`r.snapshot`)}
    union all
    select 'site-logo', s.id, s.name, 0, null from ${sites} s where s.id = ${siteId} and s.logo_key = ${key}`)]);
  const rows = [...articleRows, ...otherRows];
  const uses: MediaUse[] = [];
  for (const row of rows) {
    const revision = row.kind.endsWith('-revision');
    const same = revision ? uses.find((u) => u.kind === row.kind && u.id === row.id) : undefined;
    if (same) {
      same.versions!.push(row.version!);
      continue;
    }
    uses.push({ kind: row.kind, id: row.id, title: row.title, deleted: Boolean(row.deleted), ...(revision ? { versions: row.version === null ? [] : [row.version] } : {}) });
  }
  return uses;
}
