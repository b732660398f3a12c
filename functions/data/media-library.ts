// Queries on the media library (the `media` table): register a stored image, list and search a site's
// items newest first with a keyset cursor, read one, change its alt text and caption, repoint it to a
// replacement file, delete it. Every query names the site: an id or key of another site finds nothing.
import { and, desc, eq, lt, or, sql } from 'drizzle-orm';
import { media } from '../../schema/tables.ts';
import { foldVietnamese } from '../content/fold.ts';
import type { Db } from './db.ts';
import { referencesQuery } from './media-references.ts';

export type MediaRow = typeof media.$inferSelect;

export interface NewMedia {
  key: string;
  contentType: string;
  bytes: number;
  width: number | null;
  height: number | null;
  widths: string;
  filename?: string;
  alt?: string;
  caption?: string;
  createdBy?: number | null;
  sourceUrl?: string | null;
  createdAt: Date;
}

/** Items per page of the library and of the picker's search. */
export const MEDIA_PAGE = 20;

/**
 * The longest search the library runs, in folded characters. Matching uses instr() on the folded text,
 * not LIKE (D1 caps a LIKE pattern at 50 bytes), so the bound only keeps the query small: one instr()
 * per word, at most MAX_WORDS words.
 */
export const MAX_QUERY_CHARS = 100;
const MAX_WORDS = 8;

/** What the library's search matches: file name, alt text and caption, folded. */
export const searchTextOf = (item: { filename: string; alt: string; caption: string }): string =>
  foldVietnamese(`${item.filename.replace(/\.[A-Za-z0-9]{1,5}$/, '')} ${item.alt} ${item.caption}`);

/** The words of a search, folded and bounded ("Đồng Hỷ" -> ["dong", "hy"]). */
export function searchWords(q: string): string[] {
  return foldVietnamese(q.slice(0, MAX_QUERY_CHARS * 2)).slice(0, MAX_QUERY_CHARS).split(' ').filter(Boolean).slice(0, MAX_WORDS);
}

/**
 * Registers a stored object; a key the site has already registered keeps its row (the first register
 * wins: a second call for the same object, e.g. the sweep meeting an upload just registered, changes nothing).
 * Returns the row.
 */
export async function registerMedia(db: Db, siteId: number, item: NewMedia): Promise<MediaRow> {
  const filename = (item.filename ?? '').slice(0, 255);
  const alt = item.alt ?? '';
  const caption = item.caption ?? '';
  await db.insert(media).values({
    siteId, key: item.key, kind: 'image', contentType: item.contentType, bytes: item.bytes, width: item.width, height: item.height,
    widths: item.widths, filename, alt, caption, searchText: searchTextOf({ filename, alt, caption }),
    sourceUrl: item.sourceUrl ?? null, createdBy: item.createdBy ?? null, createdAt: item.createdAt, updatedAt: item.createdAt,
  }).onConflictDoNothing({ target: [media.siteId, media.key] });
  return (await mediaByKey(db, siteId, item.key))!;
}

export async function mediaById(db: Db, siteId: number, id: number): Promise<MediaRow | null> {
  return (await db.select().from(media).where(and(eq(media.siteId, siteId), eq(media.id, id))).get()) ?? null;
}

export async function mediaByKey(db: Db, siteId: number, key: string): Promise<MediaRow | null> {
  return (await db.select().from(media).where(and(eq(media.siteId, siteId), eq(media.key, key))).get()) ?? null;
}

/** Which of these keys the site has registered (the sweep registers the others). */
export async function registeredKeys(db: Db, siteId: number, keys: string[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const rows = await db.all<{ key: string }>(sql`
    select m.key as key from ${media} m where m.site_id = ${siteId} and m.key in (select value from json_each(${JSON.stringify(keys)}))`);
  return new Set(rows.map((r) => r.key));
}

export interface MediaPosition {
  createdAt: number;
  id: number;
}

/** A page of the site's images, newest first, matching every word of `q` (folded) if given. */
export async function listMedia(db: Db, siteId: number, options: { q?: string; after?: MediaPosition | null; limit?: number } = {}): Promise<{ items: MediaRow[]; next: MediaPosition | null }> {
  const limit = options.limit ?? MEDIA_PAGE;
  const words = searchWords(options.q ?? '');
  const after = options.after;
  const rows = await db.select().from(media).where(and(
    eq(media.siteId, siteId),
    eq(media.kind, 'image'),
    ...words.map((w) => sql`instr(${media.searchText}, ${w}) > 0`),
    after ? or(lt(media.createdAt, new Date(after.createdAt)), and(eq(media.createdAt, new Date(after.createdAt)), lt(media.id, after.id))) : undefined,
  )).orderBy(desc(media.createdAt), desc(media.id)).limit(limit + 1).all();
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, next: rows.length > limit && last ? { createdAt: last.createdAt.getTime(), id: last.id } : null };
}

/** Changes alt text and caption (and the search text with them). False if the item is not the site's. */
export async function updateMediaText(db: Db, siteId: number, id: number, text: { alt: string; caption: string }, now: Date): Promise<boolean> {
  const row = await mediaById(db, siteId, id);
  if (!row) return false;
  await db.update(media).set({ alt: text.alt, caption: text.caption, searchText: searchTextOf({ filename: row.filename, alt: text.alt, caption: text.caption }), updatedAt: now })
    .where(and(eq(media.siteId, siteId), eq(media.id, id))).run();
  return true;
}

/** The item now stands for a new file (a replacement): new key, type, size, pixels and copies. */
export async function repointMedia(db: Db, siteId: number, id: number, file: Pick<NewMedia, 'key' | 'contentType' | 'bytes' | 'width' | 'height' | 'widths' | 'filename'>, now: Date): Promise<void> {
  const row = await mediaById(db, siteId, id);
  if (!row) return;
  const filename = (file.filename ?? row.filename).slice(0, 255);
  await db.update(media).set({
    key: file.key, contentType: file.contentType, bytes: file.bytes, width: file.width, height: file.height, widths: file.widths,
    filename, searchText: searchTextOf({ filename, alt: row.alt, caption: row.caption }), updatedAt: now,
  }).where(and(eq(media.siteId, siteId), eq(media.id, id))).run();
}

export async function deleteMediaRow(db: Db, siteId: number, id: number): Promise<void> {
  await db.delete(media).where(and(eq(media.siteId, siteId), eq(media.id, id))).run();
}

/** Alt text and caption some content already gives the key (a cover, a gallery photo), for an object registered late. */
export async function knownTextOf(db: Db, siteId: number, key: string): Promise<{ alt: string; caption: string }> {
  const row = await db.get<{ alt: string; caption: string } | undefined>(sql`
    select a.cover_alt as alt, a.cover_caption as caption from articles a where a.site_id = ${siteId} and a.cover_key = ${key} and a.cover_alt <> ''
    union all
    select i.alt, i.caption from article_images i join articles a on a.id = i.article_id where a.site_id = ${siteId} and i.key = ${key} and i.alt <> ''
    limit 1`);
  return row ?? { alt: '', caption: '' };
}

/**
 * Deletes the row only if nothing references its key (revisions and trashed items count) — the check and
 * the delete in ONE statement, which D1 runs alone: an article saved with the key a moment before is seen,
 * and one saved after finds the row gone. False, with nothing deleted, if something references it.
 */
export async function deleteMediaIfUnused(db: Db, siteId: number, id: number, key: string): Promise<boolean> {
  const result = await db.run(sql`
    delete from ${media} where site_id = ${siteId} and id = ${id}
      and not exists (select 1 from (${referencesQuery(siteId, [key], { library: false })}))`);
  return (result.meta.changes ?? 0) > 0;
}
