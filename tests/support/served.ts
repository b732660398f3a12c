// The Worker as readers get it, for the browser tests: the already built Worker (dist/, made by
// `astro build` in npm's pretest) under `wrangler dev` on a free 127.0.0.1 port, over a fresh
// temporary store (migrations + demo content), with a write token. Each server runs in its own
// process group and is stopped with it; its temporary directory is removed on stop().
import { createHash } from 'node:crypto';
import { cp, mkdtemp, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createToken } from '../../functions/data/tokens.ts';
import { database } from '../../functions/data/db.ts';
import { BUILT_CONFIG } from '../../scripts/build-site.ts';
import { ensureDevVars, freePort, startDevServer, waitUntilReady, type DevServer } from '../../scripts/dev-server.ts';
import { applyLocalMigrations, ROOT, withLocalEnv } from '../../scripts/local-db.ts';
import { seedIfEmpty } from '../../scripts/seed.ts';

export interface Served {
  /** http://127.0.0.1:PORT, no trailing slash. */
  url: string;
  /** The store (`wrangler dev --persist-to`), kept across restart(). */
  persistTo: string;
  /** A bearer token with the read and write scopes. */
  token: string;
  /** fetch() against the server; redirects are returned as sent. */
  fetch(path: string, init?: RequestInit): Promise<Response>;
  /** Stops the server (SIGTERM, as Ctrl-C would) and starts it again on the same store and port. */
  restart(): Promise<void>;
  /** Kills the server at once (SIGKILL to its process group: a crash) and starts it again on the same store and port. */
  crash(): Promise<void>;
  /** Stops the server (its whole process group) and removes the store. */
  stop(): Promise<void>;
}

/** Every server still running, so a test process that dies does not leave one behind. */
const running = new Set<DevServer>();
process.once('exit', () => {
  for (const server of running) {
    try {
      process.kill(-server.child.pid!, 'SIGKILL');
    } catch {
      // already gone
    }
  }
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** When the build's key files last changed, or null while one is missing (a build under way). */
async function buildStamp(dist: string): Promise<{ key: string; newest: number } | null> {
  const paths = ['server/wrangler.json', 'server/entry.mjs', 'server/chunks', 'server', 'client'].map((p) => join(dist, p));
  try {
    const times = await Promise.all(paths.map(async (p) => (await stat(p)).mtimeMs));
    return { key: times.join(' '), newest: Math.max(...times) };
  } catch {
    return null;
  }
}

/**
 * A private copy of the built Worker (dist/server and dist/client, a few MB), so a build started
 * meanwhile (`astro build` empties dist/ first) cannot pull the Worker from under a running test;
 * taken only from a build that has settled and did not change while it was copied. The
 * configuration's one path that leads out of dist/ (the D1 migrations) is made absolute.
 */
async function snapshotBuild(into: string): Promise<string> {
  const dist = dirname(dirname(BUILT_CONFIG));
  for (const deadline = Date.now() + 120_000; ; await sleep(500)) {
    if (Date.now() > deadline) {
      throw new Error(`no complete build in ${dist}: build the site first (npm exec astro build; npm test does it in pretest).`);
    }
    const before = await buildStamp(dist);
    if (!before || Date.now() - before.newest < 3000) continue; // missing, or still being written
    await rm(into, { recursive: true, force: true });
    try {
      await cp(join(dist, 'server'), join(into, 'server'), { recursive: true });
      await cp(join(dist, 'client'), join(into, 'client'), { recursive: true });
    } catch {
      continue; // a file vanished under the copy: a build started
    }
    if ((await buildStamp(dist))?.key === before.key) break;
  }
  const config = join(into, 'server', 'wrangler.json');
  const json = JSON.parse(await readFile(config, 'utf8')) as { d1_databases?: { migrations_dir?: string }[] };
  for (const db of json.d1_databases ?? []) {
    db.migrations_dir = resolve(dirname(BUILT_CONFIG), db.migrations_dir ?? 'migrations');
  }
  await writeFile(config, JSON.stringify(json));
  return config;
}

async function launch(port: number, config: string, persistTo: string, vars?: Record<string, string>): Promise<DevServer> {
  const server = await startDevServer({
    port,
    config,
    persistTo,
    vars,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(server);
  // Keep wrangler's output for the error message (and drain the pipes so it never blocks).
  let log = '';
  const keep = (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-8000);
  };
  server.child.stdout?.on('data', keep);
  server.child.stderr?.on('data', keep);
  try {
    await waitUntilReady(server, '/api/v1/openapi.json', 120_000);
  } catch (error) {
    await server.stop();
    running.delete(server);
    throw new Error(`${(error as Error).message}\n--- wrangler dev output ---\n${log}`);
  }
  return server;
}

/**
 * A migrated, seeded store with a write token, made once per build and copied for every file: migrating
 * and seeding take about 9 s, a copy a few milliseconds. Keyed by what its content depends on (the
 * build, the migrations, the seed scripts), so a change to any of them makes a new one.
 */
async function seededTemplate(config: string): Promise<{ store: string; token: string }> {
  const hash = createHash('sha256');
  hash.update((await buildStamp(dirname(dirname(BUILT_CONFIG))))?.key ?? 'no build');
  for (const dir of ['schema/migrations', 'scripts']) {
    for (const name of (await readdir(join(ROOT, dir), { recursive: true })).sort()) {
      const path = join(ROOT, dir, name);
      if ((await stat(path)).isFile()) hash.update(name).update(await readFile(path));
    }
  }
  const root = join(tmpdir(), `bientap-e2e-template-${hash.digest('hex').slice(0, 16)}`);
  try {
    return { store: join(root, 'state'), token: await readFile(join(root, 'token'), 'utf8') };
  } catch {
    // Not made yet: make it beside, then rename into place (atomic, so a reader never sees half of one).
  }
  const making = await mkdtemp(join(tmpdir(), 'bientap-e2e-making-'));
  const persistTo = join(making, 'state');
  await applyLocalMigrations({ persistTo, config, quiet: true });
  const token = await withLocalEnv(async (env) => {
    const seeded = await seedIfEmpty(env);
    if (!seeded.seeded) throw new Error('the fresh store was not empty');
    return (await createToken(database(env.DB), 1, 'e2e', ['read', 'write'])).token;
  }, { persistTo, quiet: true });
  await writeFile(join(making, 'token'), token);
  try {
    await rename(making, root);
  } catch {
    await rm(making, { recursive: true, force: true }); // another run made it meanwhile: use theirs
    return { store: join(root, 'state'), token: await readFile(join(root, 'token'), 'utf8') };
  }
  // Templates of earlier builds are of no more use.
  for (const old of await readdir(tmpdir())) {
    if (old.startsWith('bientap-e2e-template-') && join(tmpdir(), old) !== root) await rm(join(tmpdir(), old), { recursive: true, force: true });
  }
  return { store: join(root, 'state'), token };
}

/**
 * Starts a served Worker over a fresh, seeded store (a copy of the template), or over a copy of `store`
 * (a restored one: then `token` is ''), with `vars` overriding the config's (e.g. a short webhook retry
 * schedule). Call stop() in afterAll.
 */
export async function serve(options: { store?: string; vars?: Record<string, string> } = {}): Promise<Served> {
  const dir = await mkdtemp(join(tmpdir(), 'bientap-e2e-'));
  const persistTo = join(dir, 'state');
  try {
    const config = await snapshotBuild(join(dir, 'build'));
    // The built Worker reads its local secrets (STATS_SALT) from the .dev.vars beside its config; the
    // build copies the project's, but a build made before `npm start` ever ran has none: then the
    // copy gets its own random salt.
    await ensureDevVars(config);
    const template = options.store ? { store: options.store, token: '' } : await seededTemplate(config);
    await cp(template.store, persistTo, { recursive: true });
    const token = template.token;
    const port = await freePort();
    let server = await launch(port, config, persistTo, options.vars);
    const url = server.url;
    const stopServer = async () => {
      await server.stop();
      running.delete(server);
    };
    return {
      url,
      persistTo,
      token,
      fetch: (path, init = {}) => fetch(url + path, { redirect: 'manual', ...init }),
      async restart() {
        await stopServer();
        server = await launch(port, config, persistTo, options.vars);
      },
      async crash() {
        const pid = server.child.pid!;
        process.kill(-pid, 'SIGKILL');
        await server.exited;
        running.delete(server);
        server = await launch(port, config, persistTo, options.vars);
      },
      async stop() {
        try {
          await stopServer();
        } finally {
          await rm(dir, { recursive: true, force: true });
        }
      },
    };
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

/** JSON body + bearer token for the content API's writes. */
export function apiWrite(served: Served, method: string, path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return served.fetch(path, {
    method,
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${served.token}`, ...headers },
    body: JSON.stringify(body),
  });
}

/** Something no seed article contains, to find a test's own article (letters only: search words). */
export function uniqueWord(prefix = 'thu'): string {
  const letters = 'abcdefghiklmnopqrstuvxy';
  let word = prefix;
  for (let i = 0; i < 8; i++) word += letters[Math.floor(Math.random() * letters.length)];
  return word;
}
