// The sitemap of a large site in numbered slices: how many published articles and documents it has, and one
// keyset slice of either (the published rows in (published_at, id) order from the slice's first row on,
// SLICE_URLS of them), each one statement: no per-row queries, whatever the site's size.
import { sql, type SQL } from 'drizzle-orm';
import { articles, documents } from '../../schema/tables.ts';
import { visibleToReaders } from './articles-read.ts';
import type { Db } from './db.ts';
import { visibleDocuments } from './documents-read.ts';

export interface SitemapCounts {
  articles: number;
  documents: number;
}

export async function sitemapCounts(db: Db, siteId: number, now: Date): Promise<SitemapCounts> {
  const row = await db.get<{ a: number; d: number }>(sql`
    select (select count(*) from ${articles} where ${visibleToReaders(siteId, now)}) as a,
           (select count(*) from ${documents} where ${visibleDocuments(siteId, now)}) as d`);
  return { articles: row.a, documents: row.d };
}

export interface SliceRow {
  slug: string;
  updatedAt: Date;
  publishedAt: Date | null;
}

/**
 * Rows `index * size` to `(index + 1) * size - 1` (0-based) of the kind's published rows in (published_at,
 * id) order: the window finds the slice's first row (walking the (site_id, status, published_at, id) index,
 * not the rows), the keyset reads from there.
 */
export async function sitemapSlice(db: Db, kind: 'articles' | 'documents', siteId: number, now: Date, index: number, size: number): Promise<SliceRow[]> {
  const [table, visible]: [typeof articles | typeof documents, SQL] = kind === 'articles'
    ? [articles, visibleToReaders(siteId, now)] : [documents, visibleDocuments(siteId, now)];
  const rows = await db.all<{ slug: string; updated_at: number; published_at: number | null }>(sql`
    with first as (
      select published_at as p, id from (
        select published_at, id, row_number() over (order by published_at, id) as n from ${table} where ${visible}
      ) where n = ${index * size + 1}
    )
    select slug, updated_at, published_at from ${table}
    where ${visible} and (published_at, id) >= (select p, id from first)
    order by published_at, id limit ${size}`);
  return rows.map((r) => ({ slug: r.slug, updatedAt: new Date(r.updated_at), publishedAt: r.published_at === null ? null : new Date(r.published_at) }));
}
