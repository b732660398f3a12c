// `npm run export -- --out FILE [--site HOST | --from-backup ID|latest] [--remote URL --token T] [--with-secrets]`:
// the whole deployment (or one site, or one of its kept daily backups) into an archive
// (scripts/archive/format.ts), read over HTTP from the CMS that `npm start` serves (or a remote one)
// through /api/v1/export/*. Locally it mints an all-sites token for the run and revokes it at the end.
// Progress on stderr; stdout: FILE.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ARCHIVE_FORMAT, ARCHIVE_VERSION, OBJECTS_FILE, VISITS_FILE, mediaFile, tableFile, type Manifest, type ManifestTable, type ObjectMeta, type Visits } from './archive/format.ts';
import { ArchiveExists, createArchive, type ArchiveWriter } from './archive/write.ts';
import { Api } from './archive/export-api.ts';
import { CommandError, runCli, UsageError } from './cli.ts';
import { exportFromBackup } from './archive/from-backup.ts';
import { mintRunToken } from './run-token.ts';

const USAGE = `Usage: npm run export -- --out FILE [--site HOST | --from-backup ID|latest] [--remote URL --token TOKEN] [--with-secrets]

Writes every site of the deployment (or the one site HOST names) into FILE (.tar.gz): each table as
NDJSON, the media and document files, the visit figures, and a manifest. Never overwrites FILE.

Options:
  --out FILE        the archive to write (must not exist)
  --site HOST       only this site (any of its hostnames); default every site, accounts included
  --from-backup ID  one of the deployment's kept daily backups instead of its data now ("latest": the
                    newest); its media as they are now (one deleted since is listed as missing).
                    Needs an all-sites token; secrets are in it only if the backup has them
  --remote URL      a deployed CMS (https://cms.example.vn) instead of the local one on PORT (8787)
  --token TOKEN     a token with the import scope (all-sites for every site or --with-secrets);
                    locally one is made for this run
  --with-secrets    include password and token hashes, TOTP seeds and recovery codes (keep the file safe);
                    without it restored accounts must have their password reset, tokens made again
  --persist-to DIR  local state directory of the local CMS (default: .wrangler/state), for the token
  -h, --help        show this help
`;

interface ExportCommand {
  out: string;
  site: string | null;
  /** A backup's id or "latest". */
  fromBackup: string | null;
  remote: string | null;
  token: string | null;
  withSecrets: boolean;
  persistTo: string | undefined;
}

function parse(argv: string[]): ExportCommand | 'help' {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      options: {
        out: { type: 'string' }, site: { type: 'string' }, 'from-backup': { type: 'string' }, remote: { type: 'string' }, token: { type: 'string' },
        'with-secrets': { type: 'boolean' }, 'persist-to': { type: 'string' }, help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.help) return 'help';
  if (!values.out) throw new UsageError('--out FILE is required, e.g. --out portal.tar.gz');
  if (values.remote !== undefined && !/^https?:\/\/[^/]+\/?$/.test(values.remote)) throw new UsageError('--remote takes an origin: https://cms.example.vn');
  if (values.remote !== undefined && values.token === undefined) throw new UsageError('--remote needs --token (a token with the import scope).');
  const fromBackup = values['from-backup']?.trim() ?? null;
  if (fromBackup !== null) {
    if (values.site !== undefined || values['with-secrets']) throw new UsageError('--from-backup takes the backup as it is: every site, secrets if it has them (not --site nor --with-secrets).');
    if (!/^(latest|\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}Z)$/.test(fromBackup)) throw new UsageError('--from-backup takes a backup id (2026-11-30T19-00-00Z, as /admin/sao-luu lists them) or latest.');
  }
  return {
    out: resolve(values.out),
    site: values.site?.trim().toLowerCase() || null,
    fromBackup,
    remote: values.remote?.replace(/\/$/, '') ?? null,
    token: values.token ?? null,
    withSecrets: values['with-secrets'] ?? false,
    persistTo: values['persist-to'],
  };
}

interface ManifestIn {
  createdAt: string;
  schema: string;
  scope: Manifest['scope'];
  withSecrets: boolean;
  sites: Manifest['sites'];
  tables: { name: string; columns?: string[]; skipped?: string }[];
}

const say = (line: string) => process.stderr.write(`${line}\n`);

async function run(command: ExportCommand): Promise<void> {
  const base = command.remote ?? `http://127.0.0.1:${process.env['PORT'] || 8787}`;
  const archive = await createArchive(command.out);
  let minted: Api | null = null;
  try {
    const answers = await fetch(`${base}/api/v1/openapi.json`).then((r) => r.ok, () => false);
    if (!answers) throw new CommandError(command.remote ? `no CMS answers at ${base}.` : `no CMS answers at ${base}: start it first (npm start).`);
    const runName = `export ${new Date().toISOString()} pid ${process.pid}`;
    const token = command.token ?? (await mintRunToken(command.persistTo, runName));
    // A site's token on its own host needs no ?site (only an all-sites token may name a site).
    const sameHost = command.site !== null && command.remote !== null && new URL(command.remote).hostname === command.site;
    const query: Record<string, string> = command.site === null ? { scope: 'all' } : sameHost ? {} : { site: command.site };
    if (command.withSecrets) query['secrets'] = '1';
    const api = new Api(base, token, query);
    if (command.token === null) minted = api;

    const { manifest, missing } = command.fromBackup ? await exportFromBackup(api, archive, command.fromBackup, say) : { manifest: await exportLive(api, archive), missing: 0 };
    const size = await archive.finish(manifest);
    say(`export: ${manifest.sites.length} site(s), ${manifest.tables.filter((t) => 'file' in t).length} tables, ${manifest.media.count} media objects${missing ? ` (${missing} missing)` : ''} -> ${command.out} (${size} bytes)`);
  } catch (error) {
    await archive.abort();
    throw error;
  } finally {
    // The token made for this run ends with it, whatever happened (a failed revoke is said, not fatal).
    if (minted) {
      await minted.revokeToken().catch((error: Error) => say(`export: the token made for this run could not be revoked (${error.message}); revoke it in the admin (Mã truy cập).`));
    }
  }
}

/** The deployment (or one site) as it is now: the manifest, each table a page at a time, the objects, the visits. */
async function exportLive(api: Api, archive: ArchiveWriter): Promise<Manifest> {
  const m = (await (await api.get('/api/v1/export/manifest')).json()) as ManifestIn;
  const tables: ManifestTable[] = [];
  for (const t of m.tables) {
    if (!t.columns) {
      tables.push({ name: t.name, skipped: t.skipped ?? 'left out' });
      continue;
    }
    let rows = 0;
    let cursor: string | null = null;
    await archive.put(tableFile(t.name), '');
    do {
      const res = await api.get(`/api/v1/export/tables/${t.name}`, { limit: '500', ...(cursor ? { cursor } : {}) });
      await archive.append(tableFile(t.name), await res.text());
      rows += Number(res.headers.get('Export-Rows') ?? 0);
      cursor = res.headers.get('Export-Next-Cursor');
    } while (cursor);
    tables.push({ name: t.name, file: tableFile(t.name), rows, columns: t.columns });
    say(`export: ${t.name}: ${rows} rows`);
  }

  let count = 0;
  let bytes = 0;
  let cursor: string | null = null;
  await archive.put(OBJECTS_FILE, '');
  do {
    const page = (await (await api.get('/api/v1/export/media', cursor ? { cursor } : {})).json()) as { objects: (ObjectMeta & { size: number })[]; next: string | null };
    await archive.append(OBJECTS_FILE, page.objects.map((o) => `${JSON.stringify({ siteId: o.siteId, key: o.key, contentType: o.contentType, cacheControl: o.cacheControl, customMetadata: o.customMetadata })}\n`).join(''));
    // A few objects at a time: the server serves them from R2, and the archive's writes stay ordered per file.
    for (let i = 0; i < page.objects.length; i += 4) {
      await Promise.all(page.objects.slice(i, i + 4).map(async (o) => {
        const body = new Uint8Array(await (await api.get('/api/v1/export/media/object', { 'site-id': String(o.siteId), key: o.key })).arrayBuffer());
        await archive.put(mediaFile(o.siteId, o.key), body);
        count += 1;
        bytes += body.byteLength;
      }));
    }
    if (page.objects.length) say(`export: media: ${count} objects, ${bytes} bytes`);
    cursor = page.next;
  } while (cursor);

  const figures = (await (await api.get('/api/v1/export/visits')).json()) as Record<string, { total: number; days: { day: string; visits: number }[] }>;
  const visits: Visits = {};
  for (const [id, v] of Object.entries(figures)) visits[id] = { total: v.total, days: v.days };
  await archive.put(VISITS_FILE, `${JSON.stringify(visits)}\n`);

  return {
    format: ARCHIVE_FORMAT, version: ARCHIVE_VERSION, createdAt: m.createdAt, schema: m.schema, scope: m.scope,
    withSecrets: m.withSecrets, sites: m.sites, tables, media: { count, bytes, index: OBJECTS_FILE }, visits: VISITS_FILE,
  };
}

if (import.meta.main) {
  process.exitCode = await runCli({
    name: 'export',
    usage: USAGE,
    parse,
    run: async (command) => {
      await run(command);
      process.stdout.write(`${command.out}\n`);
    },
    // An existing FILE is for the person to fix; a bug shows where it is.
    unexpected: (error) => (error instanceof ArchiveExists ? error.message : error instanceof Error ? error.stack ?? error.message : String(error)),
  });
}
