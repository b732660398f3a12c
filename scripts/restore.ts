// `npm run restore -- FILE [--persist-to DIR] [--force] [--remote URL --token T]`: an export archive of
// every site into the local database, with no server running: migrations, then each table's rows in
// foreign-key order in batches within D1's limits, the media and document files into the local R2, each
// site's visit total as its offset. Or into a deployed CMS through its /api/v1/restore/* endpoints.
import { readFile } from 'node:fs/promises';
import { createConnection } from 'node:net';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { EXPORT_TABLES, type ExportTable } from '../functions/backup/tables.ts';
import { columnsOf, contentFound, emptyAll, insertRows } from '../functions/backup/restore-rows.ts';
import { objectKeyOf } from '../functions/backup/export-media.ts';
import { BadArchive, openArchive, type Archive } from './archive/read.ts';
import { refusal } from './archive/export-api.ts';
import { CommandError, runCli, UsageError } from './cli.ts';
import { ROOT, applyLocalMigrations, withLocalEnv, type LocalEnv } from './local-db.ts';

const USAGE = `Usage: npm run restore -- FILE [--persist-to DIR] [--force] [--remote URL --token TOKEN]

Loads an archive made by \`npm run export\` (every site) into the local database, which must be new:
stop the CMS first (npm start serves it). Accounts exported without --with-secrets come back with no
usable password (reset it in the admin or with npm run user) and tokens come back unusable.

Options:
  --persist-to DIR  local state directory (default: .wrangler/state)
  --force           replace what the database holds (it is refused when it has content)
  --remote URL      a deployed CMS instead (its migrations applied: npm run deploy), through its restore
                    endpoints; with --token, an all-sites token with the import scope of that deployment
  -h, --help        show this help
`;

interface RestoreCommand {
  file: string;
  persistTo: string | undefined;
  force: boolean;
  /** A deployed CMS (https://cms.example.vn) and an all-sites import token of it, instead of the local database. */
  remote: { base: string; token: string } | null;
}

function parse(argv: string[]): RestoreCommand | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv, allowPositionals: true, strict: true,
      options: { 'persist-to': { type: 'string' }, force: { type: 'boolean' }, remote: { type: 'string' }, token: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) return 'help';
  if (positionals.length !== 1) throw new UsageError('Give one archive: npm run restore -- portal.tar.gz');
  if (values.remote !== undefined && !/^https?:\/\/[^/]+\/?$/.test(values.remote)) throw new UsageError('--remote takes an origin: https://cms.example.vn');
  if ((values.remote === undefined) !== (values.token === undefined)) throw new UsageError('--remote and --token go together (an all-sites token with the import scope).');
  const remote = values.remote !== undefined && values.token !== undefined ? { base: values.remote.replace(/\/$/, ''), token: values.token } : null;
  return { file: resolve(positionals[0]!), persistTo: values['persist-to'], force: values.force ?? false, remote };
}

const say = (line: string) => process.stderr.write(`${line}\n`);

/** The migrations this program knows, oldest first (the archive's schema must be one of them). */
async function knownMigrations(): Promise<string[]> {
  const journal = JSON.parse(await readFile(join(ROOT, 'schema/migrations/meta/_journal.json'), 'utf8')) as { entries: { tag: string }[] };
  return journal.entries.map((e) => e.tag);
}

/** Whether something listens on 127.0.0.1:port (a running `npm start` holds the database). */
function portInUse(port: number): Promise<boolean> {
  return new Promise((resolvePromise) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => { socket.destroy(); resolvePromise(true); });
    socket.once('error', () => resolvePromise(false));
  });
}

async function restoreTable(db: D1Database, archive: Archive, table: ExportTable): Promise<number> {
  const entry = archive.manifest.tables.find((t) => t.name === table.name);
  if (!entry || !('file' in entry)) return 0;
  return insertRows(db, table, entry.columns, await columnsOf(db, table), archive.rows(table.name));
}

const CONTENT_TYPES: Record<string, string> = {
  jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp', avif: 'image/avif', gif: 'image/gif', svg: 'image/svg+xml',
  pdf: 'application/pdf', txt: 'text/plain; charset=utf-8', doc: 'application/msword', xls: 'application/vnd.ms-excel', zip: 'application/zip',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  odt: 'application/vnd.oasis.opendocument.text', ods: 'application/vnd.oasis.opendocument.spreadsheet',
};

async function restore(command: RestoreCommand, archive: Archive, env: LocalEnv): Promise<void> {
  const db = env.DB;
  const found = await contentFound(db);
  if (found.length && !command.force) throw new CommandError(`the database has content already (${found.join(', ')}); restore goes into a new one (--persist-to DIR), or --force replaces it.`);
  // Empty every table first, children before parents: what the migrations put in (site 1, the default
  // document lists) is in the archive too, and --force replaces everything.
  await emptyAll(db);
  for (const t of EXPORT_TABLES) {
    const n = await restoreTable(db, archive, t);
    if (n) say(`restore: ${t.name}: ${n} rows`);
  }
  let objects = 0;
  const metadata = await archive.objectMeta();
  for await (const { siteId, key } of archive.objects()) {
    const bytes = await archive.media(siteId, key);
    if (!bytes) continue;
    // As stored: pages read an image's size and copies from its metadata, the sweep its upload time.
    const meta = metadata.get(`${siteId}/${key}`);
    const ext = /\.([a-z0-9]+)$/i.exec(key)?.[1]?.toLowerCase() ?? '';
    const contentType = meta?.contentType ?? CONTENT_TYPES[ext] ?? 'application/octet-stream';
    await env.MEDIA.put(objectKeyOf(siteId, key), bytes, {
      httpMetadata: { contentType, ...(meta?.cacheControl ? { cacheControl: meta.cacheControl } : {}) },
      customMetadata: meta?.customMetadata ?? {},
    });
    objects += 1;
  }
  say(`restore: media: ${objects} objects`);
  // The counters start at zero here: the total the old deployment showed becomes the starting offset.
  const visits = await archive.visits();
  for (const [id, v] of Object.entries(visits)) await db.prepare('UPDATE sites SET visit_offset = ? WHERE id = ?').bind(v.total, Number(id)).run();
}

/** Rows per request to a remote deployment, and their bytes at most (the endpoint takes 8 MB). */
const REMOTE_ROWS = 500;
const REMOTE_BYTES = 4 * 1024 * 1024;

async function remoteCall(base: string, path: string, init: RequestInit): Promise<Response> {
  const res = await fetch(`${base}${path}`, init).catch((error: Error) => {
    throw new CommandError(`no CMS answers at ${base} (${error.message}).`);
  });
  if (!res.ok) throw await refusal(path, res);
  return res;
}

/** The archive into a deployed CMS: begin (emptiness and schema checked there), tables, objects, finish. */
async function restoreRemote(command: RestoreCommand, archive: Archive, remote: { base: string; token: string }): Promise<void> {
  const m = archive.manifest;
  const begun = (await (await remoteCall(remote.base, '/api/v1/restore/begin', {
    method: 'POST', headers: { Authorization: `Bearer ${remote.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ schema: m.schema, force: command.force }),
  })).json()) as { key: string };
  const headers = { 'Restore-Key': begun.key };
  for (const t of EXPORT_TABLES) {
    let lines: string[] = [];
    let bytes = 0;
    let sent = 0;
    const send = async () => {
      if (lines.length === 0) return;
      await remoteCall(remote.base, `/api/v1/restore/tables/${t.name}`, { method: 'POST', headers: { ...headers, 'Content-Type': 'application/x-ndjson' }, body: lines.join('') });
      sent += lines.length;
      lines = [];
      bytes = 0;
    };
    for await (const row of archive.rows(t.name)) {
      const line = `${JSON.stringify(row)}\n`;
      if (lines.length === REMOTE_ROWS || bytes + line.length > REMOTE_BYTES) await send();
      lines.push(line);
      bytes += line.length;
    }
    await send();
    if (sent) say(`restore: ${t.name}: ${sent} rows`);
  }
  const metadata = await archive.objectMeta();
  let objects = 0;
  for await (const { siteId, key } of archive.objects()) {
    const body = await archive.media(siteId, key);
    if (!body) continue;
    const meta = metadata.get(`${siteId}/${key}`);
    const ext = /\.([a-z0-9]+)$/i.exec(key)?.[1]?.toLowerCase() ?? '';
    await remoteCall(remote.base, `/api/v1/restore/media?${new URLSearchParams({ 'site-id': String(siteId), key })}`, {
      method: 'POST',
      headers: {
        ...headers, 'Content-Type': meta?.contentType ?? CONTENT_TYPES[ext] ?? 'application/octet-stream', 'Object-Metadata': JSON.stringify(meta?.customMetadata ?? {}),
        ...(meta?.cacheControl ? { 'Object-Cache-Control': meta.cacheControl } : {}),
      },
      body,
    });
    objects += 1;
  }
  say(`restore: media: ${objects} objects`);
  const visits = await archive.visits();
  await remoteCall(remote.base, '/api/v1/restore/finish', {
    method: 'POST', headers: { ...headers, 'Content-Type': 'application/json' },
    body: JSON.stringify({ sites: m.sites.map((s) => ({ id: s.id, hosts: s.hosts })), visits: Object.fromEntries(Object.entries(visits).map(([id, v]) => [id, v.total])) }),
  });
}

async function run(command: RestoreCommand): Promise<string> {
  const port = Number(process.env['PORT'] || 8787);
  if (!command.remote && (await portInUse(port))) throw new CommandError(`something answers on 127.0.0.1:${port} (npm start?): stop it first, restore writes the database files directly.`);
  let archive: Archive;
  try {
    archive = await openArchive(command.file);
  } catch (error) {
    if (error instanceof BadArchive || (error as NodeJS.ErrnoException).code === 'ENOENT') throw new CommandError((error as Error).message);
    throw error;
  }
  try {
    const m = archive.manifest;
    if (m.scope !== 'all') throw new CommandError(`${command.file} holds one site (${m.sites.map((s) => s.hosts[0] ?? s.name).join(', ')}), not a whole deployment: bring it in with npm run import -- archive ${command.file}`);
    const known = await knownMigrations();
    if (!known.includes(m.schema)) throw new CommandError(`${command.file} was exported from a database at migration ${m.schema}, which this version does not know (newest here: ${known.at(-1)}): update this program first.`);
    if (command.remote) {
      await restoreRemote(command, archive, command.remote);
      return `${m.sites.length} site(s) from ${command.file} into ${command.remote.base}`;
    }
    await applyLocalMigrations({ persistTo: command.persistTo, quiet: true });
    await withLocalEnv((env) => restore(command, archive, env), { persistTo: command.persistTo, quiet: true });
    return `${m.sites.length} site(s) from ${command.file}`;
  } finally {
    await archive.close();
  }
}

if (import.meta.main) {
  process.exitCode = await runCli({
    name: 'restore',
    usage: USAGE,
    parse,
    run: async (command) => {
      process.stdout.write(`restored ${await run(command)}\n`);
    },
    // A bug shows where it is.
    unexpected: (error) => (error instanceof Error ? error.stack ?? error.message : String(error)),
  });
}
