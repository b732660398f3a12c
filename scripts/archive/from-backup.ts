// `npm run export -- --from-backup ID|latest`: one of the deployment's kept daily backups (_backups/<id>/
// in the MEDIA bucket: tables, media.ndjson naming the objects, visits.json, manifest.json) turned into an
// ordinary archive that `npm run restore` loads. The files come through /api/v1/export/backups/*, each
// object the backup names through the export's object endpoint; an object deleted since is listed as
// missing (on stderr and in the manifest) and the export goes on.
import { ARCHIVE_FORMAT, ARCHIVE_VERSION, OBJECTS_FILE, VISITS_FILE, mediaFile, tableFile, type Manifest, type ManifestTable, type ObjectMeta, type Visits } from './format.ts';
import type { ArchiveWriter } from './write.ts';
import { CommandError } from '../cli.ts';
import { ndjsonLines, textChunks, type Api } from './export-api.ts';

interface BackupListed {
  id: string;
  startedAt: string;
  size: number;
  tables: number;
  rows: number;
}

/** What a backup's manifest.json holds (functions/backup/backup-manifest.ts). */
interface BackupManifestIn {
  createdAt: string;
  schema: string;
  withSecrets: boolean;
  sites: Manifest['sites'];
  tables: ({ name: string; file: string; rows: number; columns: string[] } | { name: string; skipped: string })[];
  media: { count: number; bytes: number; list: string };
}

/** A line of media.ndjson; backups made before issue 14's last change name the object by key and size only. */
type Listed = Pick<ObjectMeta, 'siteId' | 'key'> & Partial<ObjectMeta> & { size: number };

/** The backup asked for: "latest" is the newest complete one. */
async function pick(api: Api, wanted: string): Promise<BackupListed> {
  const { backups } = (await (await api.get('/api/v1/export/backups')).json()) as { backups: BackupListed[] };
  if (backups.length === 0) throw new CommandError('the deployment has no complete backup yet (/admin/sao-luu: "Sao lưu ngay", or wait for the daily one).');
  const found = wanted === 'latest' ? backups[0] : backups.find((b) => b.id === wanted);
  if (!found) throw new CommandError(`no complete backup is called ${wanted}; the deployment has: ${backups.map((b) => b.id).join(', ')}.`);
  return found;
}

export async function exportFromBackup(api: Api, archive: ArchiveWriter, wanted: string, say: (line: string) => void): Promise<{ manifest: Manifest; missing: number }> {
  const backup = await pick(api, wanted);
  const base = `/api/v1/export/backups/${backup.id}`;
  say(`export: backup ${backup.id} (${backup.rows} rows in ${backup.tables} tables)`);
  const m = (await (await api.get(`${base}/manifest.json`)).json()) as BackupManifestIn;

  const tables: ManifestTable[] = [];
  for (const t of m.tables) {
    if (!('file' in t)) {
      tables.push(t);
      continue;
    }
    await archive.put(tableFile(t.name), '');
    for await (const text of textChunks(await api.get(`${base}/tables/${t.name}.ndjson`))) await archive.append(tableFile(t.name), text);
    tables.push({ name: t.name, file: tableFile(t.name), rows: t.rows, columns: t.columns });
    say(`export: ${t.name}: ${t.rows} rows`);
  }

  let count = 0;
  let bytes = 0;
  const missing: { siteId: number; key: string }[] = [];
  await archive.put(OBJECTS_FILE, '');
  const fetchOne = async (o: Listed): Promise<ObjectMeta | null> => {
    // The object as it is now, through the export (scope all): the backup named it, it did not copy it.
    const res = await api.getOrNull('/api/v1/export/media/object', { 'site-id': String(o.siteId), key: o.key });
    if (!res) {
      missing.push({ siteId: o.siteId, key: o.key });
      say(`export: missing: site ${o.siteId} ${o.key} (deleted since the backup)`);
      return null;
    }
    const body = new Uint8Array(await res.arrayBuffer());
    const meta: ObjectMeta = {
      siteId: o.siteId, key: o.key, contentType: o.contentType ?? res.headers.get('Content-Type'), cacheControl: o.cacheControl ?? null, customMetadata: o.customMetadata ?? {},
    };
    await archive.put(mediaFile(o.siteId, o.key), body);
    count += 1;
    bytes += body.byteLength;
    return meta;
  };
  let batch: Listed[] = [];
  // A few objects at a time, as the live export fetches them; their metadata lines appended in one write.
  const flush = async () => {
    const metas = (await Promise.all(batch.map(fetchOne))).filter((meta) => meta !== null);
    await archive.append(OBJECTS_FILE, metas.map((meta) => `${JSON.stringify(meta)}\n`).join(''));
    batch = [];
  };
  for await (const line of ndjsonLines(await api.get(`${base}/${m.media.list}`), m.media.list)) {
    batch.push(line as unknown as Listed);
    if (batch.length === 4) await flush();
  }
  await flush();
  say(`export: media: ${count} objects, ${bytes} bytes${missing.length ? `, ${missing.length} missing` : ''}`);

  const figures = (await (await api.get(`${base}/visits.json`)).json()) as Record<string, { total: number; days: { day: string; visits: number }[] }>;
  const visits: Visits = {};
  for (const [id, v] of Object.entries(figures)) visits[id] = { total: v.total, days: v.days };
  await archive.put(VISITS_FILE, `${JSON.stringify(visits)}\n`);

  return {
    manifest: {
      format: ARCHIVE_FORMAT, version: ARCHIVE_VERSION, createdAt: m.createdAt, schema: m.schema, scope: 'all', withSecrets: m.withSecrets,
      sites: m.sites, tables, media: { count, bytes, index: OBJECTS_FILE, ...(missing.length ? { missing } : {}) }, visits: VISITS_FILE, backup: { id: backup.id },
    },
    missing: missing.length,
  };
}
