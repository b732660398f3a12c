// `npm run --silent user`, the real CLI in Node over a fresh temporary store (--persist-to): an account
// with a role on the site of --site HOST (default: the platform's first site), a platform admin with
// --role platform-admin (and no --site), an unknown host refused with a clear message and exit 1 that
// writes nothing; and npm start's demo admin, a platform admin made on an empty database only. Each run
// migrates and opens the local store (about 4 s), so the calls are few.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runCli } from '../support/cli.ts';
import { database } from '../../functions/data/db.ts';
import { createSite } from '../../functions/data/sites.ts';
import { userForSignIn } from '../../functions/data/users.ts';
import { applyLocalMigrations, withLocalEnv } from '../../scripts/local-db.ts';
import { createDemoAdmin, DEMO_ADMIN_EMAIL } from '../../scripts/user.ts';

let store: string;
let commune: number;
beforeAll(async () => {
  store = await mkdtemp(join(tmpdir(), 'bientap-user-cli-'));
  await applyLocalMigrations({ persistTo: store, quiet: true });
  commune = await withLocalEnv(async (env) => (await createSite(database(env.DB), { name: 'Xã Tân Cương', hosts: ['tancuong.localhost'] })).id, { persistTo: store, quiet: true });
}, 120_000);
afterAll(async () => {
  await rm(store, { recursive: true, force: true });
});

const user = (...args: string[]) => runCli('user', store, args);

const account = (email: string) => withLocalEnv((env) => userForSignIn(database(env.DB), email), { persistTo: store, quiet: true });

it('gives the role on the site of --site (default the first), makes platform admins, and refuses an unknown host (exit 1, nothing written)', async () => {
  const editor = await user('create', '--email', 'bientap@tancuong.gov.vn', '--role', 'editor', '--site', 'TANCUONG.localhost');
  expect(editor.code).toBe(0);
  expect(editor.stdout).toMatch(/^[A-Za-z0-9]{20}\n$/);
  expect(editor.stderr).toContain('created editor bientap@tancuong.gov.vn on tancuong.localhost');

  const first = await user('create', '--email', 'quantri@dongy.gov.vn', '--role', 'admin');
  expect(first.code).toBe(0);

  const platform = await user('create', '--email', 'nentang@thainguyen.gov.vn', '--role', 'platform-admin');
  expect(platform.code).toBe(0);
  expect(platform.stderr).toContain('of every site');

  const unknown = await user('create', '--email', 'lac@dongy.gov.vn', '--role', 'editor', '--site', 'khong-co.localhost');
  expect(unknown).toMatchObject({ code: 1, stdout: '' });
  expect(unknown.stderr).toContain('no site has the hostname "khong-co.localhost"');

  const both = await user('create', '--email', 'x@dongy.gov.vn', '--role', 'platform-admin', '--site', 'tancuong.localhost');
  expect(both).toMatchObject({ code: 2, stdout: '' });
  expect(both.stderr).toContain('leave out --site');

  expect(await account('bientap@tancuong.gov.vn')).toMatchObject({ user: { platformAdmin: false }, roles: [{ siteId: commune, role: 'editor', status: 'active' }] });
  expect(await account('quantri@dongy.gov.vn')).toMatchObject({ user: { platformAdmin: false }, roles: [{ siteId: 1, role: 'admin' }] });
  expect(await account('nentang@thainguyen.gov.vn')).toMatchObject({ user: { platformAdmin: true }, roles: [] });
  expect(await account('lac@dongy.gov.vn')).toBeNull();
  expect(await account('x@dongy.gov.vn')).toBeNull();
}, 180_000);

it('npm start\'s demo admin is a platform admin, made on an empty database only', async () => {
  const empty = await mkdtemp(join(tmpdir(), 'bientap-demo-admin-'));
  try {
    await applyLocalMigrations({ persistTo: empty, quiet: true });
    const made = await withLocalEnv((env) => createDemoAdmin(env), { persistTo: empty, quiet: true });
    expect(made).toMatchObject({ email: DEMO_ADMIN_EMAIL, password: expect.stringMatching(/^[A-Za-z0-9]{20}$/) });
    const demo = await withLocalEnv((env) => userForSignIn(database(env.DB), DEMO_ADMIN_EMAIL), { persistTo: empty, quiet: true });
    expect(demo).toMatchObject({ user: { platformAdmin: true }, roles: [{ siteId: 1, role: 'admin' }] });
    expect(await withLocalEnv((env) => createDemoAdmin(env), { persistTo: empty, quiet: true })).toBeNull();
  } finally {
    await rm(empty, { recursive: true, force: true });
  }
}, 120_000);
