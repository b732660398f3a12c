// `npm run --silent site`, the real CLI in Node over a fresh temporary store (--persist-to): create a
// province and a commune under it (stdout: only the URL), refusals with a message and exit 1 (a taken
// hostname, an unknown parent) that write nothing, and the list. Each run migrates and opens the local
// store, about 4 s, so the calls are few.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runCli } from '../support/cli.ts';


let store: string;
beforeAll(async () => {
  store = await mkdtemp(join(tmpdir(), 'bientap-site-cli-'));
});
afterAll(async () => {
  await rm(store, { recursive: true, force: true });
});

const site = (...args: string[]) => runCli('site', store, args, { PORT: '8787' });

it('creates a province and a commune, refuses an unknown parent, a taken hostname and a port (exit 1, nothing written), and lists them', async () => {
  const province = await site('create', '--name', 'Cổng thông tin điện tử tỉnh Thái Nguyên', '--host', 'thainguyen.localhost', '--host', 'www.thainguyen.localhost', '--subtitle', 'Cơ quan chủ quản: UBND tỉnh Thái Nguyên');
  expect(province).toMatchObject({ code: 0, stdout: 'http://thainguyen.localhost:8787/\n' });

  const commune = await site('create', '--name', 'Xã Đại Phúc', '--host', 'xa-dai-phuc.thainguyen.gov.vn', '--parent', 'www.thainguyen.localhost');
  expect(commune).toMatchObject({ code: 0, stdout: 'https://xa-dai-phuc.thainguyen.gov.vn/\n' });

  const taken = await site('create', '--name', 'Xã trùng', '--host', 'xa-moi.localhost', '--host', 'THAINGUYEN.localhost', '--parent', 'no-such.localhost');
  expect(taken.code).toBe(1);
  expect(taken.stdout).toBe('');
  expect(taken.stderr).toContain('no site has the hostname "no-such.localhost"');

  const bad = await site('create', '--name', 'Xã lỗi', '--host', 'thainguyen.localhost', '--host', 'xa-loi.localhost:8787');
  expect(bad.code).toBe(1);
  expect(bad.stdout).toBe('');
  expect(bad.stderr).toContain('"thainguyen.localhost" already belongs to site 2.');
  expect(bad.stderr).toContain('a hostname has no port');

  const list = await site('list');
  expect(list.code).toBe(0);
  const rows = list.stdout.trim().split('\n').map((line) => line.split('\t'));
  expect(rows).toEqual([
    ['id', 'name', 'hosts', 'parent', 'status'],
    ['1', '(SITE_NAME)', '-', '-', 'active'],
    ['2', 'Cổng thông tin điện tử tỉnh Thái Nguyên', 'thainguyen.localhost,www.thainguyen.localhost', '-', 'active'],
    ['3', 'Xã Đại Phúc', 'xa-dai-phuc.thainguyen.gov.vn', 'thainguyen.localhost', 'active'],
  ]);
}, 180_000);

