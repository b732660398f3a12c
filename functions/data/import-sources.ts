// What an import brought in, by its source's identity (the `import_sources` table): which keys a site
// knows already (a rerun skips them), and the row a create adds to its own batch (never one without the other).
import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { articles, importSources, media, pages, type ImportKind } from '../../schema/tables.ts';
import type { Db } from './db.ts';

/** The longest source key stored (a URL of an old page, a WordPress GUID). */
export const SOURCE_KEY_MAX = 2000;

/** An item imported before: its id, and its slug now (null if it has since been purged from the trash). */
export interface KnownItem {
  id: number;
  slug: string | null;
}

const among = (column: typeof importSources.sourceKey | typeof media.sourceUrl, keys: string[]) =>
  sql`${column} in (select value from json_each(${JSON.stringify(keys)}))`;

/** The items of these keys the site has imported already, by key (keys it has not are absent). One query. */
export async function knownSources(db: Db, siteId: number, kind: ImportKind, keys: string[]): Promise<Map<string, KnownItem>> {
  if (keys.length === 0) return new Map();
  const target = kind === 'article' ? articles : pages;
  const rows = await db.select({ key: importSources.sourceKey, id: importSources.targetId, slug: target.slug }).from(importSources)
    .leftJoin(target, and(eq(target.id, importSources.targetId), eq(target.siteId, siteId)))
    .where(and(eq(importSources.siteId, siteId), eq(importSources.kind, kind), among(importSources.sourceKey, keys)));
  return new Map(rows.map((r) => [r.key, { id: r.id, slug: r.slug }]));
}

/** The site's library items taken from these source URLs, by URL (the first item of each if a race made two). */
export async function knownMedia(db: Db, siteId: number, sourceUrls: string[]): Promise<Map<string, { id: number; key: string }>> {
  if (sourceUrls.length === 0) return new Map();
  const rows = await db.select({ url: media.sourceUrl, id: media.id, key: media.key }).from(media)
    .where(and(eq(media.siteId, siteId), among(media.sourceUrl, sourceUrls))).orderBy(media.id);
  const found = new Map<string, { id: number; key: string }>();
  for (const r of rows) if (r.url !== null && !found.has(r.url)) found.set(r.url, { id: r.id, key: r.key });
  return found;
}

/**
 * The row that records an item as imported, for the item's own create batch (`targetId` is the subquery
 * of a new row's id there). A second run racing the first fails on the primary key: the item is not
 * created twice.
 */
export function importSourceRow(db: Db, siteId: number, kind: ImportKind, sourceKey: string, targetId: number | SQL): BatchItem<'sqlite'> {
  return db.insert(importSources).values({ siteId, kind, sourceKey, targetId: sql`${targetId}` });
}
