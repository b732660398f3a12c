// Fixtures for "Tin nổi bật", "Xem nhiều nhất" and "Tin liên quan": a fresh site of its own per test
// (so its lists hold only what the test put there) and readers that land on a chosen counter shard.
// Articles: reading-list-writes.ts (the write service, worker project) or the API (pages project).
import { env } from 'cloudflare:workers';
import type { SiteRef } from '../../functions/articles/service.ts';
import { database } from '../../functions/data/db.ts';
import { createSite } from '../../functions/data/sites.ts';
import type { StatsSite } from '../../functions/stats/figures.ts';

export interface TestSite extends SiteRef, StatsSite {
  host: string;
  origin: string;
  categories: number[];
  /** The same categories' slugs (the API names a category by slug). */
  categorySlugs: string[];
}

let made = 0;

export async function freshSite(label: string): Promise<TestSite> {
  made += 1;
  const u = `${label}-${Date.now().toString(36)}-${made}`;
  const db = database(env.DB);
  const site = await createSite(db, { name: `Trang thử ${u}`, hosts: [`${u}.test`] });
  const rows = await env.DB.prepare('SELECT id, slug FROM categories WHERE site_id = ? ORDER BY position').bind(site.id).all<{ id: number; slug: string }>();
  return {
    id: site.id, status: 'active', visitOffset: 0, host: `${u}.test`, origin: `http://${u}.test`,
    categories: rows.results.map((r) => r.id), categorySlugs: rows.results.map((r) => r.slug),
  };
}

/** A reader id (32 hex) that the counters route to shard `index` of `shards`, distinct per `n`. */
export function readerOnShard(index: number, shards: number, n: number): string {
  // shardOfReader reads the first 8 hex digits modulo the shard count.
  const head = (index + shards * n).toString(16).padStart(8, '0');
  return head + n.toString(16).padStart(24, 'e');
}
