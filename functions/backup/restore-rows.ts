// Putting an archive's rows back into a database, for `npm run restore` (local D1 through the platform
// proxy) and the restore endpoints (remote): what counts as content, emptying, and batched inserts within
// D1's limits (100 bound parameters per statement), foreign keys deferred to each batch's end.
import { EXPORT_TABLES, SKIPPED_TABLES, unusableSecret, type ExportTable } from './tables.ts';

/** Tables whose rows mean the database holds someone's content (a fresh migration leaves them empty). */
const CONTENT_TABLES = ['articles', 'documents', 'pages', 'categories', 'users', 'media', 'api_tokens'];

/** Accounts and tokens: a new deployment restored from afar has its administrator and the restoring token. */
const ACCOUNT_TABLES = ['users', 'api_tokens'];

/**
 * What the database holds ("12 articles", "3 sites"), empty for a new one (only site 1 and its defaults).
 * `accounts: false` leaves accounts and tokens out of it (a remote deployment is restored by its admin's token).
 */
export async function contentFound(db: D1Database, options: { accounts?: boolean } = {}): Promise<string[]> {
  const tables = options.accounts === false ? CONTENT_TABLES.filter((t) => !ACCOUNT_TABLES.includes(t)) : CONTENT_TABLES;
  const counts = await db.batch<{ n: number }>([
    ...tables.map((t) => db.prepare(`SELECT count(*) AS n FROM "${t}"`)),
    db.prepare('SELECT count(*) AS n FROM sites'),
  ]);
  const found = tables.map((t, i) => ({ t, n: counts[i]!.results[0]?.n ?? 0 })).filter((c) => c.n > 0).map((c) => `${c.n} ${c.t}`);
  const sites = counts[tables.length]!.results[0]?.n ?? 0;
  if (sites > 1) found.push(`${sites} sites`);
  return found;
}

/**
 * Tables a remote restore replaces row by row instead of emptying first: the Worker resolves every
 * request's host through them, so the restore's own requests must keep reaching it while it runs.
 */
export const REPLACED_IN_PLACE = ['sites', 'site_hosts'];

/** Empties every table, children before parents (`keep`: tables left as they are). */
export async function emptyAll(db: D1Database, keep: string[] = []): Promise<void> {
  const names = [...[...EXPORT_TABLES].reverse().map((t) => t.name), ...SKIPPED_TABLES.map((t) => t.name)].filter((n) => !keep.includes(n));
  await db.batch([db.prepare('PRAGMA defer_foreign_keys = on'), ...names.map((n) => db.prepare(`DELETE FROM "${n}"`))]);
}

/** The table's columns in this database (an FTS table's rowid included). */
export async function columnsOf(db: D1Database, table: ExportTable): Promise<Set<string>> {
  const { results } = await db.prepare(`SELECT name FROM pragma_table_info('${table.name}')`).all<{ name: string }>();
  const names = new Set(results.map((r) => r.name));
  if (table.virtual) names.add('rowid');
  return names;
}

/** A secret left out of the archive becomes a value nothing matches: the password is reset, the token made again. */
function fillSecrets(table: ExportTable, row: Record<string, unknown>): Record<string, unknown> {
  for (const c of table.secrets) {
    if (row[c] === null || row[c] === undefined) row[c] = unusableSecret(table.name, c, table.key.map((k) => String(row[k])).join(','));
  }
  return row;
}

const MAX_PARAMS = 100;
const STATEMENTS_PER_BATCH = 50;

/**
 * Inserts rows of one table: the columns the archive and the database both have (a column added since
 * takes its default), as many rows per statement as 100 parameters allow, 50 statements per batch.
 * `replace`: INSERT OR REPLACE (a row of the same key is replaced: sites and hosts during a remote restore).
 */
export async function insertRows(
  db: D1Database, table: ExportTable, archiveColumns: string[], present: Set<string>, rows: AsyncIterable<Record<string, unknown>> | Iterable<Record<string, unknown>>,
  options: { replace?: boolean } = {},
): Promise<number> {
  const columns = archiveColumns.filter((c) => present.has(c));
  if (columns.length === 0) return 0;
  const perStatement = Math.max(1, Math.floor(MAX_PARAMS / columns.length));
  const head = `INSERT${options.replace ? ' OR REPLACE' : ''} INTO "${table.name}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES `;
  const one = `(${columns.map(() => '?').join(', ')})`;
  let statements: D1PreparedStatement[] = [];
  let pending: Record<string, unknown>[] = [];
  let count = 0;
  const flushRows = () => {
    if (pending.length === 0) return;
    statements.push(db.prepare(head + pending.map(() => one).join(', ')).bind(...pending.flatMap((r) => columns.map((c) => r[c] ?? null))));
    pending = [];
  };
  const flushBatch = async () => {
    flushRows();
    if (statements.length === 0) return;
    // Deferred: a row may name a parent of its own table with a higher id (a category moved under a newer one).
    await db.batch([db.prepare('PRAGMA defer_foreign_keys = on'), ...statements]);
    statements = [];
  };
  for await (const row of rows) {
    pending.push(fillSecrets(table, { ...row }));
    count += 1;
    if (pending.length === perStatement) flushRows();
    if (statements.length === STATEMENTS_PER_BATCH) await flushBatch();
  }
  await flushBatch();
  return count;
}

/** A migration tag's number ("0014_import_redirects" -> 14), NaN for anything else. */
export const migrationNumber = (tag: string): number => (/^(\d{4})_/.test(tag) ? Number(tag.slice(0, 4)) : Number.NaN);

/**
 * The end of a restore: sites and hostnames the archive does not have go (their content went when the
 * tables were emptied), and each site's visit total as the old deployment showed it becomes its starting
 * offset (the counters begin at zero here). One batch, foreign keys deferred to its end.
 */
export async function settleSites(db: D1Database, sites: { id: number; hosts: string[] }[], visitTotals: Record<string, number>): Promise<void> {
  await db.batch([
    db.prepare('PRAGMA defer_foreign_keys = on'),
    db.prepare('DELETE FROM site_hosts WHERE host NOT IN (SELECT value FROM json_each(?))').bind(JSON.stringify(sites.flatMap((s) => s.hosts))),
    db.prepare('DELETE FROM sites WHERE id NOT IN (SELECT value FROM json_each(?))').bind(JSON.stringify(sites.map((s) => s.id))),
    ...Object.entries(visitTotals).map(([id, total]) => db.prepare('UPDATE sites SET visit_offset = ? WHERE id = ?').bind(total, Number(id))),
  ]);
}
