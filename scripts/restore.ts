// `npm run restore -- FILE [--persist-to DIR] [--force]`: an export archive of every site into the local
// database, with no server running: migrations, then each table's rows in foreign-key order in batches
// within D1's limits, the media and document files into the local R2, each site's visit total as its offset.
import { readFile } from 'node:fs/promises';
import { createConnection } from 'node:net';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { EXPORT_TABLES, SKIPPED_TABLES, unusableSecret, type ExportTable } from '../functions/backup/tables.ts';
import { objectKeyOf } from '../functions/backup/export-media.ts';
import { BadArchive, openArchive, type Archive } from './archive/read.ts';
import { ROOT, applyLocalMigrations, withLocalEnv, type LocalEnv } from './local-db.ts';

const USAGE = `Usage: npm run restore -- FILE [--persist-to DIR] [--force]

Loads an archive made by \`npm run export\` (every site) into the local database, which must be new:
stop the CMS first (npm start serves it). Accounts exported without --with-secrets come back with no
usable password (reset it in the admin or with npm run user) and tokens come back unusable.

Options:
  --persist-to DIR  local state directory (default: .wrangler/state)
  --force           replace what the database holds (it is refused when it has content)
  -h, --help        show this help
`;

class UsageError extends Error {}
class CommandError extends Error {}

interface RestoreCommand {
  file: string;
  persistTo: string | undefined;
  force: boolean;
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
  if (values.remote !== undefined) throw new UsageError('--remote is not available yet: restore into a local database, then deploy it (README, "Export, backup and restore").');
  if (positionals.length !== 1) throw new UsageError('Give one archive: npm run restore -- portal.tar.gz');
  return { file: resolve(positionals[0]!), persistTo: values['persist-to'], force: values.force ?? false };
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

/** Tables whose rows mean the database holds someone's content (a fresh migration leaves them empty). */
const CONTENT_TABLES = ['articles', 'documents', 'pages', 'categories', 'users', 'media', 'api_tokens'];

async function contentFound(db: D1Database): Promise<string[]> {
  const found: string[] = [];
  for (const t of CONTENT_TABLES) {
    const row = await db.prepare(`SELECT count(*) AS n FROM "${t}"`).first<{ n: number }>();
    if (row && row.n > 0) found.push(`${row.n} ${t}`);
  }
  const sites = await db.prepare('SELECT count(*) AS n FROM sites').first<{ n: number }>();
  if (sites && sites.n > 1) found.push(`${sites.n} sites`);
  return found;
}

/** D1 binds at most 100 parameters per statement; a batch is one transaction. */
const MAX_PARAMS = 100;
const STATEMENTS_PER_BATCH = 50;

async function columnsOf(db: D1Database, table: ExportTable): Promise<Set<string>> {
  const { results } = await db.prepare(`SELECT name FROM pragma_table_info('${table.name}')`).all<{ name: string }>();
  const names = new Set(results.map((r) => r.name));
  if (table.virtual) names.add('rowid');
  return names;
}

function fillSecrets(table: ExportTable, row: Record<string, unknown>): Record<string, unknown> {
  for (const c of table.secrets) {
    // Left out of the archive: a value nothing matches, so the account resets its password, the token is made again.
    if (row[c] === null || row[c] === undefined) row[c] = unusableSecret(table.name, c, table.key.map((k) => String(row[k])).join(','));
  }
  return row;
}

async function restoreTable(db: D1Database, archive: Archive, table: ExportTable): Promise<number> {
  const present = await columnsOf(db, table);
  const entry = archive.manifest.tables.find((t) => t.name === table.name);
  if (!entry || !('file' in entry)) return 0;
  // Columns the archive has and the database has: a column added since the export takes its default.
  const columns = entry.columns.filter((c) => present.has(c));
  const perStatement = Math.max(1, Math.floor(MAX_PARAMS / columns.length));
  const head = `INSERT INTO "${table.name}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES `;
  const one = `(${columns.map(() => '?').join(', ')})`;
  let statements: D1PreparedStatement[] = [];
  let rows: Record<string, unknown>[] = [];
  let count = 0;
  const flushRows = () => {
    if (rows.length === 0) return;
    statements.push(db.prepare(head + rows.map(() => one).join(', ')).bind(...rows.flatMap((r) => columns.map((c) => r[c] ?? null))));
    rows = [];
  };
  const flushBatch = async () => {
    flushRows();
    if (statements.length === 0) return;
    // Deferred: a row may name a parent of its own table with a higher id (a category moved under a newer one).
    await db.batch([db.prepare('PRAGMA defer_foreign_keys = on'), ...statements]);
    statements = [];
  };
  for await (const row of archive.rows(table.name)) {
    rows.push(fillSecrets(table, row));
    count += 1;
    if (rows.length === perStatement) flushRows();
    if (statements.length === STATEMENTS_PER_BATCH) await flushBatch();
  }
  await flushBatch();
  return count;
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
  for (const t of [...EXPORT_TABLES].reverse()) await db.prepare(`DELETE FROM "${t.name}"`).run();
  for (const t of SKIPPED_TABLES) await db.prepare(`DELETE FROM "${t.name}"`).run();
  for (const t of EXPORT_TABLES) {
    const n = await restoreTable(db, archive, t);
    if (n) say(`restore: ${t.name}: ${n} rows`);
  }
  let objects = 0;
  for await (const { siteId, key } of archive.objects()) {
    const bytes = await archive.media(siteId, key);
    if (!bytes) continue;
    const ext = /\.([a-z0-9]+)$/i.exec(key)?.[1]?.toLowerCase() ?? '';
    await env.MEDIA.put(objectKeyOf(siteId, key), bytes, { httpMetadata: { contentType: CONTENT_TYPES[ext] ?? 'application/octet-stream' } });
    objects += 1;
  }
  say(`restore: media: ${objects} objects`);
  // The counters start at zero here: the total the old deployment showed becomes the starting offset.
  const visits = await archive.visits();
  for (const [id, v] of Object.entries(visits)) await db.prepare('UPDATE sites SET visit_offset = ? WHERE id = ?').bind(v.total, Number(id)).run();
}

async function run(command: RestoreCommand): Promise<string> {
  const port = Number(process.env['PORT'] || 8787);
  if (await portInUse(port)) throw new CommandError(`something answers on 127.0.0.1:${port} (npm start?): stop it first, restore writes the database files directly.`);
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
    await applyLocalMigrations({ persistTo: command.persistTo, quiet: true });
    await withLocalEnv((env) => restore(command, archive, env), { persistTo: command.persistTo, quiet: true });
    return `${m.sites.length} site(s) from ${command.file}`;
  } finally {
    await archive.close();
  }
}

async function main(argv: string[]): Promise<number> {
  let command: RestoreCommand | 'help';
  try {
    command = parse(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`restore: ${error.message}\n\n${USAGE}`);
    return 2;
  }
  if (command === 'help') {
    process.stdout.write(USAGE);
    return 0;
  }
  try {
    process.stdout.write(`restored ${await run(command)}\n`);
    return 0;
  } catch (error) {
    if (error instanceof CommandError) {
      process.stderr.write(`restore: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

process.exitCode = await main(process.argv.slice(2));
