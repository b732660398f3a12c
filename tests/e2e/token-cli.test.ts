// `npm run --silent token`, the real CLI in Node over a fresh temporary store (--persist-to): a token of
// the first site by default and of the site --site names, stdout only the token, stored only as its
// SHA-256 with its site; an unknown host is refused with a message and exit 1, and nothing is stored.
// Each run migrates and opens the local store (about 4 s), so the calls are few.
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runCli } from '../support/cli.ts';
import { database } from '../../functions/data/db.ts';
import { createSite } from '../../functions/data/sites.ts';
import { applyLocalMigrations, withLocalEnv } from '../../scripts/local-db.ts';

let store: string;
beforeAll(async () => {
  store = await mkdtemp(join(tmpdir(), 'bientap-token-cli-'));
});
afterAll(async () => {
  await rm(store, { recursive: true, force: true });
});

const token = (...args: string[]) => runCli('token', store, args);

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

it('creates a token of the first site by default and of the --site host\'s site, and refuses an unknown host (exit 1, nothing stored)', async () => {
  await applyLocalMigrations({ persistTo: store, quiet: true });
  const commune = await withLocalEnv((env) => createSite(database(env.DB), { name: 'Xã Đại Phúc', hosts: ['xa-dai-phuc.localhost'] }), { persistTo: store, quiet: true });

  const first = await token('create', '--name', 'ci');
  expect(first.code).toBe(0);
  expect(first.stdout).toMatch(/^bt_[A-Za-z0-9_-]{43}\n$/);
  const own = await token('create', '--name', 'xa', '--site', 'XA-DAI-PHUC.localhost');
  expect(own.code).toBe(0);
  expect(own.stdout).toMatch(/^bt_[A-Za-z0-9_-]{43}\n$/);
  expect(own.stderr).toContain(`of site ${commune.id}`);

  const unknown = await token('create', '--name', 'lac', '--site', 'khong-co.localhost');
  expect(unknown.code).toBe(1);
  expect(unknown.stdout).toBe('');
  expect(unknown.stderr).toContain('no site has the hostname "khong-co.localhost"');

  const rows = await withLocalEnv(async (env) => (await env.DB.prepare('SELECT name, site_id, token_hash FROM api_tokens ORDER BY id').all<{ name: string; site_id: number; token_hash: string }>()).results, { persistTo: store, quiet: true });
  expect(rows).toEqual([
    { name: 'ci', site_id: 1, token_hash: sha256(first.stdout.trim()) },
    { name: 'xa', site_id: commune.id, token_hash: sha256(own.stdout.trim()) },
  ]);
}, 180_000);
