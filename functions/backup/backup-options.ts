// What a backup run is allowed to do per chunk and how many backups are kept: the vars of wrangler.toml
// (BACKUP_KEEP, BACKUP_WITH_SECRETS) with the object's defaults, and smaller limits a test may pass.
import { MAX_PAGE_ROWS } from './tables.ts';

/** Where backups live in the MEDIA bucket: no media key (year/month/file) or document key starts so. */
export const BACKUP_PREFIX = '_backups/';

/** R2's multipart rule: every part but the last at least 5 MiB, all of one size, the last no larger. */
export const MIN_PART_SIZE = 5 * 1024 * 1024;

export interface BackupOptions {
  /** Bytes of each multipart part (the last one of a file may be smaller). */
  partSize: number;
  /** Rows read per D1 query. */
  rowsPerPage: number;
  /** D1 queries per chunk at most (a chunk also stops once it has a part's worth of bytes). */
  pagesPerChunk: number;
  /** R2 objects listed per chunk of the media listing. */
  mediaPerChunk: number;
  /** Consecutive failures of one chunk before the backup is given up. */
  maxFailures: number;
  /** Complete backups kept; older ones are deleted. */
  keep: number;
  /** How long the object waits between chunks (0: the next alarm at once); tests pause a day and run alarms themselves. */
  pauseMs: number;
  /** Password and token hashes and the two-factor tables too (BACKUP_WITH_SECRETS = "on"). */
  withSecrets: boolean;
}

/**
 * Defaults: 200 rows a query and 8 queries a chunk (at most 1,600 rows, a few MB: far inside a Worker's
 * 128 MB, 30 s of CPU and 1,000 subrequests), parts of 8 MiB, a day's listing of 100,000 objects in 100 chunks.
 */
const DEFAULTS: Omit<BackupOptions, 'keep' | 'withSecrets'> = {
  partSize: 8 * 1024 * 1024,
  rowsPerPage: 200,
  pagesPerChunk: 8,
  mediaPerChunk: 1000,
  maxFailures: 5,
  pauseMs: 0,
};

const BOUNDS: Record<keyof Omit<BackupOptions, 'withSecrets'>, [number, number]> = {
  partSize: [MIN_PART_SIZE, 64 * 1024 * 1024],
  rowsPerPage: [1, MAX_PAGE_ROWS],
  // One D1 query per page; the chunk stays far below the 50 queries a run of the alarm may make.
  pagesPerChunk: [1, 40],
  mediaPerChunk: [1, 1000],
  maxFailures: [1, 20],
  keep: [1, 366],
  pauseMs: [0, 24 * 60 * 60 * 1000],
};

/** The options of a run: env's vars, then what the caller gives; a RangeError names a value out of bounds. */
export function backupOptions(env: Pick<Env, 'BACKUP_KEEP' | 'BACKUP_WITH_SECRETS'>, given: Partial<BackupOptions> = {}): BackupOptions {
  const secrets = env.BACKUP_WITH_SECRETS ?? 'off';
  if (secrets !== 'on' && secrets !== 'off') throw new RangeError(`BACKUP_WITH_SECRETS is "on" or "off", not ${JSON.stringify(secrets)}`);
  const options: BackupOptions = { ...DEFAULTS, keep: Number(env.BACKUP_KEEP ?? '7'), withSecrets: secrets === 'on', ...given };
  for (const [name, [min, max]] of Object.entries(BOUNDS)) {
    const value = options[name as keyof typeof BOUNDS];
    if (!Number.isInteger(value) || value < min || value > max) throw new RangeError(`backup option ${name} is a whole number from ${min} to ${max}, not ${value}`);
  }
  return options;
}

/** A backup's folder name: its start instant to the second, safe in an R2 key ("2026-11-30T19-00-00Z"). */
export const backupId = (at: Date): string => at.toISOString().slice(0, 19).replaceAll(':', '-') + 'Z';

/** What backupId gives, and nothing else (a name asked for in a URL is checked against it). */
export const BACKUP_ID = /^\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}Z$/;

/** The R2 key of a file of a backup ("manifest.json", "tables/articles.ndjson"). */
export const backupKey = (id: string, file: string): string => `${BACKUP_PREFIX}${id}/${file}`;
