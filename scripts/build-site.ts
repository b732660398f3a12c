// `astro build`: bundles the Worker (functions/index.ts) with the Astro pages into dist/, and writes
// dist/server/wrangler.json, the configuration that `wrangler dev` and `wrangler deploy` then use.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { quietEnv, ROOT } from './local-db.ts';

export const BUILT_CONFIG = join(ROOT, 'dist', 'server', 'wrangler.json');

/** Runs the build with its output on stderr (stdout stays for the CLIs' one result). */
export function buildSite(): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(join(ROOT, 'node_modules', '.bin', 'astro'), ['build'], {
      cwd: ROOT,
      env: quietEnv(),
      stdio: ['ignore', process.stderr, process.stderr],
    });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`astro build failed (exit ${code})`))));
  });
}
