// `npm run --silent token -- create --scopes import --all-sites`, the real CLI in Node over a fresh store:
// the import scope and the all-sites flag are stored with the token (a platform token for imports of any site).
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { apiTokens } from '../../schema/tables.ts';
import { database } from '../../functions/data/db.ts';
import { withLocalEnv } from '../../scripts/local-db.ts';
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
