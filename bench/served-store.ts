// The server the import and webhooks benchmarks measure: a fresh migrated and seeded store under the built
// Worker, from the bench's own build (config) or, run alone, a snapshot of dist/ (tests/support/served.ts).
import { join } from 'node:path';
import { ensureDevVars, freePort, startDevServer, waitUntilReady } from '../scripts/dev-server.ts';
import { applyLocalMigrations, withLocalEnv } from '../scripts/local-db.ts';
import { seedIfEmpty } from '../scripts/seed.ts';
import { serve } from '../tests/support/served.ts';

export interface BenchStore {
  base: string;
  persistTo: string;
  stop: () => Promise<unknown>;
}

/** `dir` holds the store when `config` is given; `readyMs` bounds the wait for the first answer. */
export async function startBenchStore(options: { config?: string | undefined }, dir: string, readyMs: number): Promise<BenchStore> {
  if (!options.config) {
    const served = await serve();
    return { base: served.url, persistTo: served.persistTo, stop: () => served.stop() };
  }
  const persistTo = join(dir, 'state');
  await ensureDevVars(options.config);
  await applyLocalMigrations({ persistTo, config: options.config, quiet: true });
  await withLocalEnv((env) => seedIfEmpty(env), { persistTo, config: options.config, quiet: true });
  const server = await startDevServer({ config: options.config, port: await freePort(), persistTo, detached: true, stdio: ['ignore', 'ignore', 'ignore'] });
  try {
    await waitUntilReady(server, '/api/v1/openapi.json', readyMs);
  } catch (error) {
    await server.stop();
    throw error;
  }
  return { base: server.url, persistTo, stop: () => server.stop() };
}
