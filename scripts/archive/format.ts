// The export archive's layout (a .tar.gz): manifest.json, tables/<table>.ndjson, media/<siteId>/<key>,
// objects.ndjson (the objects' R2 metadata), visits.json. The one description of it that the writer, the reader, export and restore share.

export const ARCHIVE_FORMAT = 'bientap-export';
export const ARCHIVE_VERSION = 1;

export type ManifestTable =
  | { name: string; file: string; rows: number; columns: string[] }
  | { name: string; skipped: string };

export interface Manifest {
  format: typeof ARCHIVE_FORMAT;
  version: number;
  /** ISO instant the export started. */
  createdAt: string;
  /** The last migration's tag the exported database had (schema/migrations/meta/_journal.json). */
  schema: string;
  scope: { sites: number[] } | 'all';
  withSecrets: boolean;
  sites: { id: number; name: string; hosts: string[] }[];
  tables: ManifestTable[];
  /**
   * index: the objects' R2 metadata, one line each (ObjectMeta); absent in archives without it. missing:
   * objects a backup named that were deleted before the archive was made from it (not in the archive).
   */
  media: { count: number; bytes: number; index?: string; missing?: { siteId: number; key: string }[] };
  visits: string;
  /** The daily backup the archive was made from (npm run export -- --from-backup). */
  backup?: { id: string };
}

/** Each site's visitor figures as the counters held them: the total shown, and visits per Vietnam day. */
export type Visits = Record<string, { total: number; days: { day: string; visits: number }[] }>;

/** An R2 object's metadata as stored, so a restored image keeps its type, size and copies list. */
export interface ObjectMeta {
  siteId: number;
  key: string;
  contentType: string | null;
  cacheControl: string | null;
  customMetadata: Record<string, string>;
}

export const MANIFEST_FILE = 'manifest.json';
export const OBJECTS_FILE = 'objects.ndjson';
export const VISITS_FILE = 'visits.json';

export const tableFile = (name: string): string => `tables/${name}.ndjson`;
export const mediaFile = (siteId: number, key: string): string => `media/${siteId}/${key}`;

const TABLE_ENTRY = /^tables\/[a-z][a-z0-9_]{0,62}\.ndjson$/;
/** A media key as /media/<key> serves it (and its copies): segments of safe characters, never "." or "..". */
const MEDIA_ENTRY = /^media\/[1-9]\d{0,9}\/(?:[A-Za-z0-9_-][A-Za-z0-9._-]{0,199}\/){0,4}[A-Za-z0-9_-][A-Za-z0-9._-]{0,199}$/;

/** Whether a name may be an entry of an archive (so extracting can never write outside its folder). */
export function isArchiveEntry(name: string): boolean {
  return name === MANIFEST_FILE || name === VISITS_FILE || name === OBJECTS_FILE || TABLE_ENTRY.test(name) || (MEDIA_ENTRY.test(name) && !name.includes('..'));
}
