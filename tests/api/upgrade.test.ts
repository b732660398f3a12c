// The one-site upgrade (migration 0005 onwards) on a copy of real data: a database of the previous schema
// holding the demo content plus edits made through that release (tests/fixtures/one-site-v4.sql) must come
// out as site 1 with every row of every table, every id and every AUTOINCREMENT counter intact.
//
// The fixture was made by running the release before sites (commit 99989f2): `npm start`'s demo content,
// then through its API an article created with tags and an Idempotency-Key, one renamed to a new slug, one
// deleted to the trash and a draft published; a token, an editor and an admin from its CLIs; a setting.
// The rows were then read out of the local D1 file (wrangler d1 export has no --persist-to).
import { applyD1Migrations, env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import fixture from '../fixtures/one-site-v4.sql?raw';
import { DEFAULT_DOCUMENT_TERMS } from '../../functions/data/document-term-defaults.ts';

type Row = Record<string, unknown>;

const FIRST_NEW = '0005';
/** The tables of the previous schema (the search index is checked through search below). */
const OLD_TABLES = [
  'users', 'categories', 'tags', 'articles', 'article_tags', 'article_revisions', 'article_slug_history',
  'api_tokens', 'sessions', 'settings', 'password_resets', 'totp_credentials', 'recovery_codes',
  'pending_sign_ins', 'content_changes', 'idempotency_keys',
] as const;
/** Columns the upgrade removes on purpose, and where their value went. */
const MOVED: Record<string, string[]> = { users: ['role'] };

const db = () => env.UPGRADE_DB;

async function rows(table: string): Promise<Row[]> {
  return (await db().prepare(`select rowid as _rowid, * from "${table}" order by rowid`).all<Row>()).results;
}

async function sequences(): Promise<Record<string, number>> {
  const { results } = await db().prepare(`select name, seq from sqlite_sequence`).all<{ name: string; seq: number }>();
  return Object.fromEntries(results.map((r) => [r.name, r.seq]));
}

const before: Record<string, Row[]> = {};
let seqBefore: Record<string, number> = {};
let ftsBefore: Row[] = [];

beforeAll(async () => {
  const old = env.TEST_MIGRATIONS.filter((m) => m.name < FIRST_NEW);
  expect(old.map((m) => m.name.slice(0, 4))).toEqual(['0000', '0001', '0002', '0003', '0004']);
  await applyD1Migrations(db(), old);
  // One statement per line (the fixture's format); batch() runs them in one transaction.
  const statements = fixture.split('\n').filter((line) => line.startsWith('INSERT') || line.startsWith('UPDATE'));
  for (let i = 0; i < statements.length; i += 50) await db().batch(statements.slice(i, i + 50).map((s) => db().prepare(s)));
  for (const table of OLD_TABLES) before[table] = await rows(table);
  seqBefore = await sequences();
  ftsBefore = (await db().prepare(`select rowid, title, summary, body from articles_fts order by rowid`).all<Row>()).results;
  await applyD1Migrations(db(), env.TEST_MIGRATIONS);
});

describe('a one-site database upgrades into site 1', () => {
  it('runs on a database of its own, beside the Worker\'s', async () => {
    expect(env.UPGRADE_DB).not.toBe(env.DB);
    expect((await env.DB.prepare(`select count(*) as n from sites`).first<{ n: number }>())!.n).toBeGreaterThanOrEqual(1);
  });

  it('the fixture is real data, not an empty shell', () => {
    expect(before.articles!.length).toBe(73);
    expect(before.article_revisions!.length).toBeGreaterThan(73);
    expect(before.article_slug_history!.length).toBe(1);
    expect(before.article_tags!.length).toBeGreaterThan(100);
    expect(before.articles!.filter((a) => a.deleted_at !== null)).toHaveLength(1);
    expect(before.idempotency_keys!).toHaveLength(1);
    expect(before.users!.map((u) => u.role)).toEqual(['editor', 'admin']);
  });

  it.each(OLD_TABLES)('%s keeps every row with its values (site 1 where the table is per site)', async (table) => {
    const after = await rows(table);
    const moved = MOVED[table] ?? [];
    const old = before[table]!;
    expect(after).toHaveLength(old.length);
    const afterByKey = new Map(after.map((r) => [JSON.stringify(keyOf(table, r)), r]));
    for (const row of old) {
      const now = afterByKey.get(JSON.stringify(keyOf(table, row)));
      expect(now, `${table} ${JSON.stringify(keyOf(table, row))}`).toBeDefined();
      for (const [column, value] of Object.entries(row)) {
        if (column === '_rowid' || moved.includes(column)) continue;
        expect(now![column], `${table}.${column}`).toEqual(value);
      }
      if ('site_id' in now!) expect(now!.site_id, `${table}.site_id`).toBe(1);
    }
  });

  it('keeps every AUTOINCREMENT counter, so no id is handed out twice', async () => {
    const after = await sequences();
    for (const [name, seq] of Object.entries(seqBefore)) {
      if (name === 'd1_migrations') continue;
      expect(after[name], name).toBe(seq);
    }
    // One row per table: a rebuilt table must not leave a second counter behind.
    const { results } = await db().prepare(`select name, count(*) as n from sqlite_sequence group by name having n > 1`).all();
    expect(results).toEqual([]);
  });

  it('makes the one site, with no hostnames and no name of its own (SITE_URL and SITE_NAME keep working)', async () => {
    const { results } = await db().prepare(`select id, name, parent_id, status, visit_offset from sites`).all();
    expect(results).toEqual([{ id: 1, name: '', parent_id: null, status: 'active', visit_offset: null }]);
    expect((await db().prepare(`select count(*) as n from site_hosts`).first<{ n: number }>())!.n).toBe(0);
  });

  it('gives site 1 the documents registry\'s default lists (migration 0009), as createSite gives a new site', async () => {
    const { results } = await db().prepare(`select kind, slug, name, abbreviation, position from document_terms where site_id = 1 order by kind, position`).all<Row>();
    const expected = Object.entries(DEFAULT_DOCUMENT_TERMS).flatMap(([kind, list]) => list.map((t, i) => ({ kind, slug: t.slug, name: t.name, abbreviation: t.abbreviation ?? '', position: i + 1 })))
      .sort((a, b) => a.kind.localeCompare(b.kind) || a.position - b.position);
    expect(results).toEqual(expected);
  });

  it("carries each user's role to site 1, and the admins become platform admins", async () => {
    const { results } = await db().prepare(`select u.email, r.site_id, r.role, u.platform_admin from users u join site_roles r on r.user_id = u.id order by u.id`).all();
    expect(results).toEqual(before.users!.map((u) => ({ email: u.email, site_id: 1, role: u.role, platform_admin: u.role === 'admin' ? 1 : 0 })));
  });

  it('leaves the search index as it was, and it still finds articles (rowid = article id)', async () => {
    const after = (await db().prepare(`select rowid, title, summary, body from articles_fts order by rowid`).all<Row>()).results;
    expect(after).toEqual(ftsBefore);
    const { results } = await db().prepare(`select a.slug, a.site_id from articles_fts f join articles a on a.id = f.rowid where articles_fts match 'nang cap sap nhap'`).all();
    expect(results).toEqual([{ slug: 'bai-nang-cap-dong-hy-chuan-bi-sap-nhap', site_id: 1 }]);
  });

  it('keeps foreign keys whole and the slugs unique per site', async () => {
    expect((await db().prepare(`pragma foreign_key_check`).all()).results).toEqual([]);
    await expect(db().prepare(`insert into articles (site_id, slug, title, category_id) select 1, slug, 'x', category_id from articles limit 1`).run()).rejects.toThrow(/UNIQUE/);
    await expect(db().prepare(`insert into articles (site_id, slug, title, category_id) values (99, 'x', 'x', 1)`).run()).rejects.toThrow(/FOREIGN KEY/);
  });
});

/** A row's identity: its primary key (or rowid where the table has only a rowid). */
function keyOf(table: string, row: Row): unknown[] {
  switch (table) {
    case 'article_tags': return [row.article_id, row.tag_id];
    case 'article_slug_history': return [row.slug];
    case 'settings': return [row.key];
    case 'sessions': return [row.id_hash];
    case 'password_resets': case 'pending_sign_ins': return [row.token_hash];
    case 'totp_credentials': return [row.user_id];
    case 'recovery_codes': return [row.user_id, row.code_hash];
    case 'idempotency_keys': return [row.token_id, row.key];
    default: return [row.id];
  }
}
