// The export core: every table of the real migrated database is exported or skipped with a reason (so a
// table added later cannot be forgotten), and readTablePage pages by key, keeps to a scope, hides secrets.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { BODY_PAGE_ROWS, EXPORT_TABLES, MAX_PAGE_ROWS, SKIPPED_TABLES, exportTable, readTablePage, rowsToNdjson, tableSkip, type Cursor, type ExportScope, type ExportTable } from '../../functions/backup/tables.ts';
import { createSite } from '../../functions/data/sites.ts';
import { database } from '../../functions/data/db.ts';
import { unique } from '../support/api.ts';

const INTERNAL = /^(sqlite_|_cf_|d1_migrations$)/;
const FTS_SHADOW = /_(data|idx|content|docsize|config)$/;

const table = (name: string): ExportTable => exportTable(name)!;

async function everyRow(t: ExportTable, scope: ExportScope, limit: number, withSecrets = false) {
  const rows: Record<string, unknown>[] = [];
  let after: Cursor = null;
  let pages = 0;
  do {
    const page = await readTablePage(env.DB, t, scope, after, limit, { withSecrets });
    rows.push(...page.rows);
    after = page.next;
    pages += 1;
  } while (after);
  return { rows, pages };
}

describe('which tables an export holds', () => {
  it('every table in sqlite_master is exported or skipped with a reason; nothing listed is missing from the database', async () => {
    const { results } = await env.DB.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table'").all<{ name: string; sql: string }>();
    const virtual = new Set(results.filter((r) => /^CREATE VIRTUAL TABLE/i.test(r.sql)).map((r) => r.name));
    const listed = new Set([...EXPORT_TABLES.map((t) => t.name), ...SKIPPED_TABLES.map((t) => t.name)]);
    const forgotten = results
      .map((r) => r.name)
      .filter((n) => !INTERNAL.test(n) && !listed.has(n))
      // An FTS5 table's shadow tables are SQLite's storage of the exported virtual table.
      .filter((n) => ![...virtual].some((v) => FTS_SHADOW.test(n) && n.startsWith(`${v}_`)));
    expect(forgotten).toEqual([]);
    const inDb = new Set(results.map((r) => r.name));
    expect([...listed].filter((n) => !inDb.has(n))).toEqual([]);
    // The virtual tables are exactly the ones exported as such, and each skip says why.
    expect([...virtual].sort()).toEqual(EXPORT_TABLES.filter((t) => t.virtual).map((t) => t.name).sort());
    for (const s of SKIPPED_TABLES) expect(s.skipped.length).toBeGreaterThan(10);
  });

  it('no trigger fills the FTS indexes (the data layer does, in each batch), so their rows are exported, not rebuilt', async () => {
    const { results } = await env.DB.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger'").all();
    expect(results).toEqual([]);
    expect(table('articles_fts').owner).toEqual({ kind: 'parent', column: 'rowid', parent: 'articles' });
  });

  it('each exported table has exactly the columns the database has, and its key is among them', async () => {
    for (const t of EXPORT_TABLES) {
      if (t.virtual) continue;
      const { results } = await env.DB.prepare(`SELECT name FROM pragma_table_info('${t.name}')`).all<{ name: string }>();
      // As sets: a column added by ALTER TABLE sits last in the database, where the schema declares it.
      expect([...t.columns].sort(), t.name).toEqual(results.map((r) => r.name).sort());
      for (const k of t.key) if (k !== 'rowid') expect(t.columns, t.name).toContain(k);
    }
  });

  it('every table comes after the tables its foreign keys and its ownership name (the order restore inserts in)', async () => {
    const position = new Map(EXPORT_TABLES.map((t, i) => [t.name, i]));
    for (const t of EXPORT_TABLES) {
      if (t.owner.kind === 'parent') expect(position.get(t.owner.parent)!, t.name).toBeLessThan(position.get(t.name)!);
      if (t.virtual) continue;
      const { results } = await env.DB.prepare(`SELECT DISTINCT "table" AS target FROM pragma_foreign_key_list('${t.name}')`).all<{ target: string }>();
      for (const { target } of results) if (target !== t.name) expect(position.get(target)!, `${t.name} -> ${target}`).toBeLessThan(position.get(t.name)!);
    }
  });

  it('secrets: password and token hashes are columns hidden without secrets; TOTP seeds and recovery codes whole tables', () => {
    expect(table('users').secrets).toEqual(['password_hash']);
    expect(table('api_tokens').secrets).toEqual(['token_hash']);
    expect(tableSkip(table('totp_credentials'), 'all', false)).toMatch(/secret/);
    expect(tableSkip(table('recovery_codes'), 'all', true)).toBeNull();
    expect(tableSkip(table('users'), { sites: [1] }, true)).toMatch(/deployment-wide/);
    expect(tableSkip(table('articles'), { sites: [1] }, false)).toBeNull();
  });
});

describe('readTablePage', () => {
  it('pages a composite key in order without losing or repeating a row, and keeps to the scope through parents', async () => {
    const db = database(env.DB);
    const other = await createSite(db, { name: `Xã xuất ${unique('x')}`, hosts: [`${unique('xuat')}.test`] });
    const category = await env.DB.prepare("INSERT INTO categories (site_id, slug, name) VALUES (?, ?, 'CM') RETURNING id").bind(other.id, unique('cm')).first<{ id: number }>();
    const articleIds: number[] = [];
    for (let i = 0; i < 3; i += 1) {
      const a = await env.DB.prepare("INSERT INTO articles (site_id, slug, title, category_id) VALUES (?, ?, 'Bài', ?) RETURNING id").bind(other.id, unique('bv'), category!.id).first<{ id: number }>();
      articleIds.push(a!.id);
    }
    const tagIds: number[] = [];
    for (let i = 0; i < 4; i += 1) {
      const t = await env.DB.prepare("INSERT INTO tags (site_id, slug, name) VALUES (?, ?, 'Thẻ') RETURNING id").bind(other.id, unique('the')).first<{ id: number }>();
      tagIds.push(t!.id);
    }
    for (const a of articleIds) for (const t of tagIds) await env.DB.prepare('INSERT INTO article_tags (article_id, tag_id) VALUES (?, ?)').bind(a, t).run();

    const { rows, pages } = await everyRow(table('article_tags'), { sites: [other.id] }, 5);
    expect(rows).toHaveLength(12);
    expect(pages).toBe(3);
    const pairs = rows.map((r) => `${r['article_id']}/${r['tag_id']}`);
    expect(new Set(pairs).size).toBe(12);
    expect(pairs).toEqual(articleIds.flatMap((a) => tagIds.map((t) => `${a}/${t}`)));
    // Another site's scope sees none of them; the whole deployment sees them all.
    const first = await everyRow(table('article_tags'), { sites: [1] }, 100);
    expect(first.rows.filter((r) => articleIds.includes(r['article_id'] as number))).toEqual([]);
    const all = await everyRow(table('article_tags'), 'all', 7);
    expect(all.rows.filter((r) => articleIds.includes(r['article_id'] as number))).toHaveLength(12);
    // The site row itself belongs to the site by its id.
    const sites = await everyRow(table('sites'), { sites: [other.id] }, 10);
    expect(sites.rows.map((r) => r['id'])).toEqual([other.id]);
  });

  it('hides secret columns unless asked, and leaves the secret tables and deployment tables out', async () => {
    const email = `${unique('u')}@xuat.test`;
    const user = await env.DB.prepare("INSERT INTO users (email, password_hash) VALUES (?, 'pbkdf2-sha256$1$c2FsdA==$aGFzaA==') RETURNING id").bind(email).first<{ id: number }>();
    await env.DB.prepare("INSERT INTO totp_credentials (user_id, secret_sealed) VALUES (?, 'v1.x.y')").bind(user!.id).run();
    const mine = (rows: Record<string, unknown>[]) => rows.filter((r) => r['email'] === email);

    const hidden = await everyRow(table('users'), 'all', 100);
    expect(mine(hidden.rows)).toEqual([expect.objectContaining({ email, password_hash: null })]);
    const shown = await everyRow(table('users'), 'all', 100, true);
    expect(mine(shown.rows)[0]!['password_hash']).toBe('pbkdf2-sha256$1$c2FsdA==$aGFzaA==');
    expect((await everyRow(table('totp_credentials'), 'all', 100)).rows).toEqual([]);
    expect((await everyRow(table('totp_credentials'), 'all', 100, true)).rows.map((r) => r['user_id'])).toContain(user!.id);
    expect((await everyRow(table('users'), { sites: [1] }, 100, true)).rows).toEqual([]);
  });

  it('pages of tables with bodies stay at BODY_PAGE_ROWS rows whatever the limit, and still reach every row', async () => {
    const db = database(env.DB);
    const other = await createSite(db, { name: `Xã dài ${unique('x')}`, hosts: [`${unique('dai')}.test`] });
    const category = await env.DB.prepare("INSERT INTO categories (site_id, slug, name) VALUES (?, ?, 'CM') RETURNING id").bind(other.id, unique('cm')).first<{ id: number }>();
    const body = 'Đoạn dài. '.repeat(1000);
    for (let i = 0; i < BODY_PAGE_ROWS + 5; i += 1) {
      await env.DB.prepare("INSERT INTO articles (site_id, slug, title, category_id, body_markdown) VALUES (?, ?, 'Bài', ?, ?)").bind(other.id, unique('bv'), category!.id, body).run();
    }
    const first = await readTablePage(env.DB, table('articles'), { sites: [other.id] }, null, MAX_PAGE_ROWS);
    expect(first.rows).toHaveLength(BODY_PAGE_ROWS);
    expect(first.next).not.toBeNull();
    const { rows, pages } = await everyRow(table('articles'), { sites: [other.id] }, MAX_PAGE_ROWS);
    expect(rows).toHaveLength(BODY_PAGE_ROWS + 5);
    expect(pages).toBe(2);
    for (const name of ['articles', 'article_revisions', 'documents', 'document_revisions', 'pages', 'page_revisions', 'articles_fts', 'documents_fts']) {
      expect(table(name).maxPageRows, name).toBe(BODY_PAGE_ROWS);
    }
    expect(table('tags').maxPageRows).toBeUndefined();
  });

  it('refuses a cursor of the wrong shape', async () => {
    await expect(readTablePage(env.DB, table('article_tags'), 'all', [1], 10)).rejects.toThrow(/cursor/);
  });

  it('writes NDJSON: one object per line, values as stored', () => {
    expect(rowsToNdjson([{ id: 1, title: 'Tin "mới"\nhai dòng' }, { id: 2, title: null }])).toBe('{"id":1,"title":"Tin \\"mới\\"\\nhai dòng"}\n{"id":2,"title":null}\n');
    expect(rowsToNdjson([])).toBe('');
  });
});
