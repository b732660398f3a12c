// The export core, table-driven: every table of the database, how its rows belong to a site, which of its
// columns are secrets, and one keyset page of its rows. Export endpoints, the backup cron and the CLIs use it.
import { is } from 'drizzle-orm';
import { getTableConfig, SQLiteTable } from 'drizzle-orm/sqlite-core';
import * as schema from '../../schema/tables.ts';

/**
 * How a table's rows belong to a site: its own column holding the site id (`site`); through a parent row
 * (`parent`: the column names a row of `parent`, whose own ownership decides); or the whole deployment
 * (`deployment`: accounts, exported only in an export of everything).
 */
export type Ownership =
  | { kind: 'site'; column: string }
  | { kind: 'parent'; column: string; parent: string }
  | { kind: 'deployment' };

export interface ExportTable {
  name: string;
  /** The SQL column names, in schema order (for the FTS tables: rowid first). */
  columns: string[];
  /** The keyset order: the primary key's columns (rowid for tables without one). */
  key: string[];
  owner: Ownership;
  /** Columns exported as null unless the export is made with secrets (restore makes them unusable). */
  secrets: string[];
  /** Every row is a secret (a TOTP seed, recovery codes): the whole table is left out without secrets. */
  secretRows?: boolean;
  /** An FTS5 table: not in the drizzle schema; the data layer writes it in each write's batch (no trigger). */
  virtual?: boolean;
  /** Rows per page at most, for tables whose rows may each hold a whole body (below MAX_PAGE_ROWS). */
  maxPageRows?: number;
}

export interface SkippedTable {
  name: string;
  skipped: string;
}

const EPHEMERAL = 'ephemeral: sessions, links and attempts expire within hours; a restored deployment starts without them';

/** Tables left out of every export, and why. */
export const SKIPPED_TABLES: SkippedTable[] = [
  { name: 'sessions', skipped: `${EPHEMERAL} (everyone signs in again)` },
  { name: 'password_resets', skipped: `${EPHEMERAL} (an admin issues a new link)` },
  { name: 'pending_sign_ins', skipped: `${EPHEMERAL} (the password is asked again)` },
  { name: 'idempotency_keys', skipped: `${EPHEMERAL} (kept 24 h for retries of one request)` },
  // Restored, a pending delivery would be sent again to receivers that already had it.
  { name: 'webhook_deliveries', skipped: 'delivery log: a restored deployment sends no past event again' },
  { name: 'webhook_attempts', skipped: 'delivery log: a restored deployment sends no past event again' },
];

/**
 * A body may be 500,000 characters of Markdown plus its HTML, and a revision's snapshot holds one too:
 * 20 such rows are at most about 60 MB in a Worker's 128 MB, where 500 would not fit.
 */
export const BODY_PAGE_ROWS = 20;

const site = (column = 'site_id'): Ownership => ({ kind: 'site', column });
const parent = (column: string, parentTable: string): Ownership => ({ kind: 'parent', column, parent: parentTable });
const DEPLOYMENT: Ownership = { kind: 'deployment' };

/**
 * Per drizzle table: its ownership and secrets. Keyed by SQL name; a drizzle table missing here makes
 * EXPORT_TABLES throw at load (and tests/api/export-tables.test.ts fail), so a new table cannot be forgotten.
 */
const RULES: Record<string, { owner: Ownership; secrets?: string[]; secretRows?: boolean; bodies?: boolean }> = {
  sites: { owner: site('id') },
  site_hosts: { owner: site() },
  categories: { owner: site() },
  category_slug_history: { owner: site() },
  articles: { owner: site(), bodies: true },
  article_slug_history: { owner: site() },
  tags: { owner: site() },
  tag_slug_history: { owner: site() },
  article_tags: { owner: parent('article_id', 'articles') },
  article_revisions: { owner: parent('article_id', 'articles'), bodies: true },
  users: { owner: DEPLOYMENT, secrets: ['password_hash'] },
  site_roles: { owner: site() },
  role_changes: { owner: site() },
  api_tokens: { owner: site(), secrets: ['token_hash'] },
  totp_credentials: { owner: DEPLOYMENT, secretRows: true },
  recovery_codes: { owner: DEPLOYMENT, secretRows: true },
  settings: { owner: site() },
  content_changes: { owner: site('id') },
  featured_articles: { owner: site() },
  article_related: { owner: parent('article_id', 'articles') },
  article_images: { owner: parent('article_id', 'articles') },
  document_terms: { owner: site() },
  documents: { owner: site(), bodies: true },
  document_files: { owner: site() },
  document_relations: { owner: parent('document_id', 'documents') },
  document_revisions: { owner: parent('document_id', 'documents'), bodies: true },
  pages: { owner: site(), bodies: true },
  page_revisions: { owner: parent('page_id', 'pages'), bodies: true },
  page_slug_history: { owner: site() },
  menu_items: { owner: site() },
  audit_log: { owner: site() },
  media: { owner: site() },
  import_sources: { owner: site() },
  redirects: { owner: site() },
  webhooks: { owner: site(), secrets: ['secret_sealed'] },
};

/**
 * The FTS5 indexes (schema/migrations/0002, 0008): one row per article / document, rowid = its id. No
 * trigger fills them (the data layer writes them in the item's batch) and documents_fts holds the PDFs'
 * text, so they are exported like tables rather than rebuilt. Their shadow tables are SQLite's own.
 */
const VIRTUAL_TABLES: ExportTable[] = [
  { name: 'articles_fts', columns: ['rowid', 'title', 'summary', 'body'], key: ['rowid'], owner: parent('rowid', 'articles'), secrets: [], virtual: true, maxPageRows: BODY_PAGE_ROWS },
  { name: 'documents_fts', columns: ['rowid', 'number', 'summary', 'body', 'files'], key: ['rowid'], owner: parent('rowid', 'documents'), secrets: [], virtual: true, maxPageRows: BODY_PAGE_ROWS },
];

/** A drizzle table's rule applied, with the tables its foreign keys name (itself left out). */
function drizzleTables(): { table: ExportTable; references: string[] }[] {
  const out: { table: ExportTable; references: string[] }[] = [];
  for (const value of Object.values(schema)) {
    if (!is(value, SQLiteTable)) continue;
    const config = getTableConfig(value);
    if (SKIPPED_TABLES.some((t) => t.name === config.name)) continue;
    const rule = RULES[config.name];
    if (!rule) throw new Error(`functions/backup/tables.ts: table ${config.name} has no export rule (ownership, secrets)`);
    const columns = config.columns.map((c) => c.name);
    const single = config.columns.filter((c) => c.primary).map((c) => c.name);
    const composite = config.primaryKeys[0]?.columns.map((c) => c.name) ?? [];
    const key = single.length ? single : composite.length ? composite : ['rowid'];
    const references = config.foreignKeys.map((fk) => getTableConfig(fk.reference().foreignTable).name).filter((n) => n !== config.name);
    out.push({
      table: { name: config.name, columns, key, owner: rule.owner, secrets: rule.secrets ?? [], ...(rule.secretRows ? { secretRows: true } : {}), ...(rule.bodies ? { maxPageRows: BODY_PAGE_ROWS } : {}) },
      references,
    });
  }
  return out;
}

/**
 * Tables ordered so that every table comes after the tables its foreign keys and its ownership name (the
 * order restore inserts in); ties by name, so the order is the same in Node and in the Worker.
 */
function dependencyOrder(entries: { table: ExportTable; references: string[] }[]): ExportTable[] {
  const pending = new Map(entries.map((e) => [e.table.name, new Set([...e.references, ...(e.table.owner.kind === 'parent' ? [e.table.owner.parent] : [])])]));
  const tables = new Map(entries.map((e) => [e.table.name, e.table]));
  const out: ExportTable[] = [];
  while (pending.size) {
    const ready = [...pending].filter(([, deps]) => [...deps].every((d) => !pending.has(d))).map(([n]) => n).sort();
    if (ready.length === 0) throw new Error(`functions/backup/tables.ts: foreign keys form a cycle among ${[...pending.keys()].join(', ')}`);
    for (const n of ready) {
      out.push(tables.get(n)!);
      pending.delete(n);
    }
  }
  return out;
}

/** Every exported table, parents before the rows that reference them. */
export const EXPORT_TABLES: ExportTable[] = dependencyOrder([
  ...drizzleTables(),
  ...VIRTUAL_TABLES.map((table) => ({ table, references: [] })),
]);

const byName = new Map(EXPORT_TABLES.map((t) => [t.name, t]));

export function exportTable(name: string): ExportTable | undefined {
  return byName.get(name);
}

/** Which sites an export holds: some sites, or the whole deployment (accounts included). */
export type ExportScope = { sites: number[] } | 'all';

/** Whether a table is in an export of that scope and secrecy, or why not. */
export function tableSkip(table: ExportTable, scope: ExportScope, withSecrets: boolean): string | null {
  if (table.secretRows && !withSecrets) return 'secret: exported only with secrets (--with-secrets)';
  if (scope !== 'all' && ownerChain(table).kind === 'deployment') return 'deployment-wide: only in an export of every site';
  return null;
}

/** The ownership at the end of the parent chain (a parent table's own). */
function ownerChain(table: ExportTable): Ownership {
  let owner = table.owner;
  for (let t = table; owner.kind === 'parent'; ) {
    t = byName.get(owner.parent)!;
    owner = t.owner;
  }
  return owner;
}

/** The SQL condition (and its parameters) selecting the rows of a table that belong to the scope's sites. */
function scopeCondition(table: ExportTable, sitesJson: string): { sql: string; params: unknown[] } {
  const owner = table.owner;
  if (owner.kind === 'site') return { sql: `"${owner.column}" IN (SELECT value FROM json_each(?))`, params: [sitesJson] };
  if (owner.kind === 'parent') {
    const p = byName.get(owner.parent)!;
    const inner = scopeCondition(p, sitesJson);
    return { sql: `"${owner.column}" IN (SELECT "${p.key[0]}" FROM "${p.name}" WHERE ${inner.sql})`, params: inner.params };
  }
  return { sql: '1', params: [] };
}

/** Where the next page starts: the key values of the last row given (null: from the first row). */
export type Cursor = unknown[] | null;

export interface TablePage {
  rows: Record<string, unknown>[];
  /** null when this was the last page. */
  next: Cursor;
}

/** Rows per page at most: articles carry their Markdown and HTML, so pages stay well within a Worker's memory. */
export const MAX_PAGE_ROWS = 500;

/**
 * One page of a table's rows in key order, after `after`, limited to the scope's sites (at most `limit`,
 * MAX_PAGE_ROWS, and the table's maxPageRows: `next` says whether more follow, never the count); secret columns
 * null (and secret tables empty) unless withSecrets. One statement with a handful of bound parameters
 * whatever the number of sites (their ids travel as one JSON array).
 */
export async function readTablePage(
  db: D1Database,
  table: ExportTable,
  scope: ExportScope,
  after: Cursor,
  limit: number,
  options: { withSecrets?: boolean } = {},
): Promise<TablePage> {
  const withSecrets = options.withSecrets ?? false;
  if (tableSkip(table, scope, withSecrets)) return { rows: [], next: null };
  const n = Math.max(1, Math.min(table.maxPageRows ?? MAX_PAGE_ROWS, Math.trunc(limit)));
  const where: string[] = [];
  const params: unknown[] = [];
  if (scope !== 'all') {
    const c = scopeCondition(table, JSON.stringify(scope.sites));
    where.push(c.sql);
    params.push(...c.params);
  }
  if (after) {
    if (after.length !== table.key.length) throw new RangeError(`cursor of ${table.name} has ${after.length} values, its key ${table.key.length}`);
    // A row value comparison: the keyset order of a composite key in one condition.
    where.push(`(${table.key.map((k) => `"${k}"`).join(', ')}) > (${table.key.map(() => '?').join(', ')})`);
    params.push(...after);
  }
  const columns = table.columns.map((c) => `"${c}"`).join(', ');
  const order = table.key.map((k) => `"${k}"`).join(', ');
  const sql = `SELECT ${columns} FROM "${table.name}"${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY ${order} LIMIT ?`;
  const { results } = await db.prepare(sql).bind(...params, n).all<Record<string, unknown>>();
  const rows = withSecrets || table.secrets.length === 0 ? results : results.map((r) => redact(table, r));
  const last = results[results.length - 1];
  return { rows, next: results.length === n && last ? table.key.map((k) => last[k]) : null };
}

function redact(table: ExportTable, row: Record<string, unknown>): Record<string, unknown> {
  const out = { ...row };
  for (const c of table.secrets) out[c] = null;
  return out;
}

/** Rows as NDJSON: one JSON object per line, each line ending in "\n". */
export function rowsToNdjson(rows: Record<string, unknown>[]): string {
  let out = '';
  for (const r of rows) out += `${JSON.stringify(r)}\n`;
  return out;
}

/**
 * Values that stand in for a secret left out of the archive, on restore: a password hash no password
 * matches (the account must have its password reset) and a token hash no token hashes to.
 */
export function unusableSecret(table: string, column: string, rowKey: string): string {
  return `unusable:${table}.${column}:${rowKey}`;
}
