// `PERSIST_TO=DIR npm start` (or --persist-to DIR) serves the local state in DIR, e.g. a database `npm run restore -- FILE
// --persist-to DIR` restored there: before, npm start served .wrangler/state only. The real script, its build skipped
// (--no-build: dist/ is built already), on a free port in its own process group.
import { spawn } from 'node:child_process';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { freePort } from '../../scripts/dev-server.ts';
import { quietEnv, ROOT } from '../../scripts/local-db.ts';
import { runCli } from '../support/cli.ts';
import { serve, uniqueWord } from '../support/served.ts';

/** A GET under a site's hostname (Node's fetch sends its own Host). */
function getOnHost(port: number, host: string, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers: { Host: `${host}:${port}`, Accept: 'text/html' }, setHost: false }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bientap-start-persist-'));
  // A seeded store (the e2e template, so npm start loads no demo) of our own, then a site only it has.
  const served = await serve();
  try {
    await cp(served.persistTo, join(dir, 'state'), { recursive: true });
  } finally {
    await served.stop();
  }
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

it('serves the state in PERSIST_TO: a site only that folder has answers, and the listing names the folder', async () => {
  const store = join(dir, 'state');
  const host = `${uniqueWord('rieng')}.localhost`;
  const made = await runCli('site', store, ['create', '--name', 'Cổng thông tin điện tử xã Riêng', '--host', host]);
  expect(made.code, made.stderr).toBe(0);
  const port = await freePort();
  const child = spawn(join(ROOT, 'node_modules', '.bin', 'node'), ['scripts/start.ts', '--no-build'], {
    cwd: ROOT, env: quietEnv({ PORT: String(port), PERSIST_TO: store }), stdio: ['ignore', 'pipe', 'pipe'], detached: true,
  });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (b: Buffer) => (stderr += b));
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  try {
    // The listing is printed once the server answers.
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (b: Buffer) => {
        stdout += b;
        if (stdout.includes('Stop with Ctrl+C')) resolve();
      });
      void exited.then((code) => reject(new Error(`npm start exited (${code}) before it served:\n${stderr}`)));
    });
    expect(stdout).toContain(`http://${host}:${port}/`);
    expect(stdout).toContain(`Data persists in ${store}.`);
    const page = await getOnHost(port, host, '/');
    expect(page.status).toBe(200);
    expect(page.body).toContain('xã Riêng');
  } finally {
    process.kill(-child.pid!, 'SIGTERM');
    await exited;
  }
});
