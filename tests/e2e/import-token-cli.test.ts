// `npm run --silent token -- create --scopes import --all-sites`, the real CLI in Node over a fresh store:
// the import scope and the all-sites flag are stored with the token (a platform token for imports of any site).
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { apiTokens } from '../../schema/tables.ts';
import { database } from '../../functions/data/db.ts';
import { createToken } from '../../functions/data/tokens.ts';
import { isBusy, whileBusy } from '../../scripts/import/busy.ts';
import { quietEnv, ROOT, withLocalEnv } from '../../scripts/local-db.ts';
import { runCli } from '../support/cli.ts';

let store: string;
beforeAll(async () => {
  store = await mkdtemp(join(tmpdir(), 'bientap-import-token-'));
});
afterAll(async () => {
  await rm(store, { recursive: true, force: true });
});

it('stores an --all-sites token with the import scope, and a token without the flag as one site\'s', async () => {
  const platform = await runCli('token', store, ['create', '--name', 'chuyen-doi', '--scopes', 'import', '--all-sites']);
  expect(platform.code, platform.stderr).toBe(0);
  expect(platform.stderr).toContain('accepted on every site');
  const plain = await runCli('token', store, ['create', '--name', 'mot-trang', '--scopes', 'read,import']);
  expect(plain.code, plain.stderr).toBe(0);
  const hash = (out: string) => createHash('sha256').update(out.trim()).digest('hex');
  const rows = await withLocalEnv(async (env) => database(env.DB).select({ hash: apiTokens.tokenHash, scopes: apiTokens.scopes, allSites: apiTokens.allSites }).from(apiTokens)
    .where(eq(apiTokens.siteId, 1)), { persistTo: store, quiet: true });
  expect(rows.find((r) => r.hash === hash(platform.stdout))).toEqual({ hash: hash(platform.stdout), scopes: 'import', allSites: true });
  expect(rows.find((r) => r.hash === hash(plain.stdout))).toEqual({ hash: hash(plain.stdout), scopes: 'read import', allSites: false });
});

// npm run import mints its token in the SQLite file the running server writes: while the server commits
// (an import of another site under way), the write lock is taken and SQLITE_BUSY came back as a stack trace.
it('mints the import run\'s token through a write lock another connection holds for a moment', async () => {
  await runCli('token', store, ['create', '--name', 'tao-csdl', '--scopes', 'read']);
  const dir = join(store, 'v3', 'd1', 'miniflare-D1DatabaseObject');
  const file = (await readdir(dir)).find((f) => f.endsWith('.sqlite') && f !== 'metadata.sqlite')!;
  const server = new DatabaseSync(join(dir, file));
  server.exec('BEGIN IMMEDIATE');
  let locked = true;
  let pauses = 0;
  try {
    await withLocalEnv(async (env) => {
      const db = database(env.DB);
      const mint = () => createToken(db, 1, 'nhap', ['import'], null, { allSites: true });
      // Without trying again: the lock is the error.
      await expect(mint()).rejects.toSatisfy(isBusy);
      // Tried again, the second attempt finds the lock released (the server's commit ended).
      const { token } = await whileBusy(mint, {
        pause: async () => {
          pauses++;
          if (locked) server.exec('COMMIT');
          locked = false;
        },
      });
      expect(token).toMatch(/\S{20,}/);
      // Another error is not tried again.
      let calls = 0;
      await expect(whileBusy(async () => {
        calls++;
        throw new Error('UNIQUE constraint failed');
      }, { pause: async () => {} })).rejects.toThrow('UNIQUE');
      expect(calls).toBe(1);
      // A lock that stays: given up after the tries, the busy error kept for the message.
      await expect(whileBusy(async () => {
        throw new Error('D1_ERROR: database is locked: SQLITE_BUSY');
      }, { tries: 3, pause: async () => { pauses++; } })).rejects.toSatisfy(isBusy);
    }, { persistTo: store, quiet: true });
  } finally {
    if (locked) server.exec('COMMIT');
    server.close();
  }
  expect(pauses).toBe(3);
});

// `npm run token` while an import commits (the server holding the write lock for a moment): it waits and mints, no D1_ERROR trace.
it('npm run token mints through a write lock held for a moment: says it waits, then prints the token', async () => {
  const dir = join(store, 'v3', 'd1', 'miniflare-D1DatabaseObject');
  const file = (await readdir(dir)).find((f) => f.endsWith('.sqlite') && f !== 'metadata.sqlite')!;
  const server = new DatabaseSync(join(dir, file));
  server.exec('BEGIN IMMEDIATE');
  let locked = true;
  try {
    const child = spawn(join(ROOT, 'node_modules', '.bin', 'node'), ['scripts/token.ts', 'create', '--name', 'trong-khi-nhap', '--scopes', 'read', '--persist-to', store], {
      cwd: ROOT, env: quietEnv(), stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => (stdout += b));
    // The lock is released once the CLI says it met it (its retry then finds the database free).
    child.stderr.on('data', (b: Buffer) => {
      stderr += b;
      if (locked && stderr.includes('the local database is locked')) {
        server.exec('COMMIT');
        locked = false;
      }
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).toContain('trying again');
    expect(stderr).not.toMatch(/D1_ERROR|at file:/);
    expect(code, stderr).toBe(0);
    expect(stdout.trim()).toMatch(/^\S{20,}$/);
  } finally {
    if (locked) server.exec('COMMIT');
    server.close();
  }
});
