// The parts of an export that describe it: the database's schema tag, the sites it holds, each table
// (columns and key, or why it is left out), and each site's visitor figures from its counter objects.
import type { Registry } from '../sites/registry.ts';
import { siteName, visitOffset } from '../sites/registry.ts';
import { dailySeries, readFigures } from '../stats/figures.ts';
import { EXPORT_TABLES, SKIPPED_TABLES, tableSkip, type ExportScope } from './tables.ts';
import { inScope } from './export-scope.ts';

/** The last migration applied to the database ("0014_import_redirects"), as wrangler records it. */
export async function schemaTag(db: D1Database): Promise<string> {
  const row = await db.prepare('SELECT name FROM d1_migrations ORDER BY id DESC LIMIT 1').first<{ name: string }>();
  return (row?.name ?? '').replace(/\.sql$/, '');
}

export interface ManifestTableOut {
  name: string;
  columns?: string[];
  key?: string[];
  skipped?: string;
}

export function manifestTables(scope: ExportScope, withSecrets: boolean): ManifestTableOut[] {
  return [
    ...EXPORT_TABLES.map((t) => {
      const skipped = tableSkip(t, scope, withSecrets);
      return skipped ? { name: t.name, skipped } : { name: t.name, columns: t.columns, key: t.key };
    }),
    ...SKIPPED_TABLES,
  ];
}

export function manifestSites(registry: Registry, scope: ExportScope, env: Env): { id: number; name: string; hosts: string[] }[] {
  return registry.sites.filter((s) => inScope(scope, s.id)).map((s) => ({ id: s.id, name: siteName(s, env), hosts: s.hosts }));
}

/**
 * Each site's total as its pages show it (offset + counted) and its visits per day: a restore makes the
 * total its starting offset, so the restored portal goes on from the same figure.
 */
export async function siteVisits(env: Env, registry: Registry, scope: ExportScope, now: Date): Promise<Record<string, { total: number; offset: number; days: { day: string; visits: number }[] }>> {
  const out: Record<string, { total: number; offset: number; days: { day: string; visits: number }[] }> = {};
  for (const site of registry.sites.filter((s) => inScope(scope, s.id))) {
    const figures = await readFigures(env, site, now);
    const days = await dailySeries(env, site);
    out[String(site.id)] = { total: figures.totalVisits, offset: visitOffset(site, registry, env), days: days.map((d) => ({ day: d.day, visits: d.visits })) };
  }
  return out;
}
