// A backup's manifest.json: the export archive's (scripts/archive/format.ts), with each table file's bytes,
// and the media named in media.ndjson rather than copied (they are in the same bucket already).
import type { Registry } from '../sites/registry.ts';
import { manifestSites, manifestTables } from './export-manifest.ts';

export interface BackupTableEntry {
  name: string;
  file: string;
  rows: number;
  columns: string[];
  bytes: number;
}

export interface BackupManifest {
  format: 'bientap-export';
  version: 1;
  createdAt: string;
  schema: string;
  scope: 'all';
  withSecrets: boolean;
  sites: { id: number; name: string; hosts: string[] }[];
  tables: (BackupTableEntry | { name: string; skipped: string })[];
  /** The R2 objects of every site: their count and bytes, listed (siteId, key, size per line) in `list`, not copied. */
  media: { count: number; bytes: number; copied: false; list: string };
  visits: 'visits.json';
  backup: { id: string };
}

export function backupManifest(input: {
  id: string; createdAt: Date; schema: string; registry: Registry; env: Env; withSecrets: boolean;
  tables: BackupTableEntry[]; media: { count: number; bytes: number; list: string };
}): BackupManifest {
  const written = new Map(input.tables.map((t) => [t.name, t]));
  return {
    format: 'bientap-export',
    version: 1,
    createdAt: input.createdAt.toISOString(),
    schema: input.schema,
    scope: 'all',
    withSecrets: input.withSecrets,
    sites: manifestSites(input.registry, 'all', input.env),
    // In the export's order; a table the backup wrote has its file, the others say why not.
    tables: manifestTables('all', input.withSecrets).map((t) => written.get(t.name) ?? { name: t.name, skipped: t.skipped ?? 'not written' }),
    media: { ...input.media, copied: false },
    visits: 'visits.json',
    backup: { id: input.id },
  };
}
