// The local database that `wrangler dev` uses (.wrangler/state/v3 unless told otherwise), for the
// CLIs: apply the migrations with wrangler itself, and open the bindings from Node with
// getPlatformProxy. Nothing here writes to stdout: the CLIs keep stdout for their one result.
import { spawn } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const WRANGLER = join(ROOT, 'node_modules', '.bin', 'wrangler');

/** Offline and non-interactive: no metrics, no cf fetch, no prompts, no colours in piped logs. */
export function quietEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    WRANGLER_SEND_METRICS: 'false',
    CLOUDFLARE_CF_FETCH_ENABLED: 'false',
    ASTRO_TELEMETRY_DISABLED: '1',
    ASTRO_DISABLE_UPDATE_CHECK: 'true',
    // wrangler skips its confirmation prompts when CI is set (and when stdin is not a TTY).
    CI: 'true',
    // No banner, and so no update check against the npm registry on every run.
    WRANGLER_HIDE_BANNER: 'true',
    ...extra,
  };
}

// The variables must be in place before wrangler's modules load, so set them for this process too.
Object.assign(process.env, {
  WRANGLER_SEND_METRICS: 'false',
  CLOUDFLARE_CF_FETCH_ENABLED: 'false',
});

export interface LocalOptions {
  /** Directory holding the local state, as `wrangler dev --persist-to`; default .wrangler/state. */
  persistTo?: string | undefined;
  /** wrangler.toml to use; default the project's. */
  config?: string | undefined;
}

/** The directory given to `wrangler dev --persist-to` (wrangler keeps its data in its v3/ folder). */
export function persistRoot(options: LocalOptions = {}): string {
  return resolve(ROOT, options.persistTo ?? '.wrangler/state');
}

/**
 * Runs `wrangler d1 migrations apply DB --local` (never prompts: CI=true, stdin closed). Its output
 * goes to our stderr, never stdout; with `quiet` it is kept back and shown only if the command fails.
 */
export function applyLocalMigrations(options: LocalOptions & { quiet?: boolean } = {}): Promise<void> {
  const args = ['d1', 'migrations', 'apply', 'DB', '--local', '--persist-to', persistRoot(options)];
  if (options.config) args.push('--config', options.config);
  return new Promise((resolvePromise, reject) => {
    const output = options.quiet ? 'pipe' : process.stderr;
    const child = spawn(WRANGLER, args, { cwd: ROOT, env: quietEnv(), stdio: ['ignore', output, output] });
    const kept: Buffer[] = [];
    child.stdout?.on('data', (b: Buffer) => kept.push(b));
    child.stderr?.on('data', (b: Buffer) => kept.push(b));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (code === 0) return resolvePromise();
      for (const b of kept) process.stderr.write(b);
      reject(new Error(`wrangler d1 migrations apply failed (${signal ?? `exit code ${code}`})`));
    });
  });
}

/** The bindings the CLIs use; the Worker's full Env is in functions/worker-configuration.d.ts. */
export interface LocalEnv {
  DB: D1Database;
  MEDIA: R2Bucket;
}

/**
 * Opens the local bindings (the same store `wrangler dev` persists to), runs fn, then disposes.
 * workerd's own log lines are routed to stderr while this runs, so stdout stays the caller's.
 */
export async function withLocalEnv<T>(
  fn: (env: LocalEnv) => Promise<T>,
  options: LocalOptions & { quiet?: boolean } = {},
): Promise<T> {
  const restore = stdoutToStderr(options.quiet ? PROXY_NOISE : []);
  // Quiet: wrangler's warnings about bindings the proxy does not need (Durable Objects, secrets) are noise here.
  const logLevel = process.env['WRANGLER_LOG'];
  if (options.quiet && logLevel === undefined) process.env['WRANGLER_LOG'] = 'error';
  try {
    const { getPlatformProxy } = await import('wrangler');
    const proxy = await getPlatformProxy<LocalEnv>({
      configPath: options.config ?? join(ROOT, 'wrangler.toml'),
      // Absolute, so the store is the same whatever the working directory (wrangler adds v3/ itself).
      persist: { path: join(persistRoot(options), 'v3') },
      remoteBindings: false,
    });
    try {
      return await fn(proxy.env);
    } finally {
      await proxy.dispose();
    }
  } finally {
    if (logLevel === undefined) delete process.env['WRANGLER_LOG'];
    restore();
  }
}

/**
 * What workerd always says when the proxy starts, because the proxy runs none of the Worker's code
 * (so no Durable Object class): true, and irrelevant to the D1 work the CLIs do.
 */
const PROXY_NOISE = [/A DurableObjectNamespace in the config referenced the class/];

/**
 * Until the returned function is called, anything written to process.stdout (wrangler's and
 * workerd's log lines) goes to stderr instead; writes matching `drop` are discarded.
 */
export function stdoutToStderr(drop: RegExp[] = []): () => void {
  const stdoutWrite = process.stdout.write;
  const stderrWrite = process.stderr.write;
  const forward = stderrWrite.bind(process.stderr) as (...a: unknown[]) => boolean;
  const filtered = (chunk: unknown, ...rest: unknown[]) => {
    if (drop.length && drop.some((re) => re.test(String(chunk)))) {
      const done = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
      done?.();
      return true;
    }
    return forward(chunk, ...rest);
  };
  process.stdout.write = filtered as typeof process.stdout.write;
  if (drop.length) process.stderr.write = filtered as typeof process.stderr.write;
  return () => {
    process.stdout.write = stdoutWrite;
    process.stderr.write = stderrWrite;
  };
}
