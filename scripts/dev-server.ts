// Starting `wrangler dev` the one way both `npm start` and the benchmark use: local only, on
// 127.0.0.1, --log-level warn, an explicit persistence directory and a free inspector port.
import { spawn, type ChildProcess, type StdioOptions } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, appendFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { ROOT, WRANGLER, persistRoot, quietEnv, stdoutToStderr } from './local-db.ts';

export interface DevServerOptions {
  /** wrangler.toml of the Worker; default the project's. */
  config?: string | undefined;
  port: number;
  /** As `wrangler dev --persist-to`; default .wrangler/state (the store the CLIs use). */
  persistTo?: string | undefined;
  /** In its own process group (setsid), to be stopped with stop(); default false (the caller's group). */
  detached?: boolean;
  /** Default: stdin ignored, output inherited. */
  stdio?: StdioOptions;
  /** Overrides of the config's [vars], as `wrangler dev --var NAME:value` (the benchmark's variants). */
  vars?: Record<string, string>;
}

export interface DevServer {
  child: ChildProcess;
  url: string;
  /** Resolves with the exit code once the process has exited. */
  exited: Promise<number>;
  /** SIGTERM to the process (group, if detached), SIGKILL after graceMs; resolves when it has exited. */
  stop(graceMs?: number): Promise<number>;
}

/** A TCP port nobody listens on right now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Whether we could listen on 127.0.0.1:port (wrangler would otherwise pick or ask for another). */
export function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

export async function startDevServer(options: DevServerOptions): Promise<DevServer> {
  const config = options.config ?? join(ROOT, 'wrangler.toml');
  const inspectorPort = await freePort();
  const args = [
    'dev',
    '--config', config,
    '--local',
    '--ip', '127.0.0.1',
    '--port', String(options.port),
    '--inspector-port', String(inspectorPort),
    '--persist-to', persistRoot({ persistTo: options.persistTo }),
    '--log-level', 'warn',
    '--show-interactive-dev-session=false',
  ];
  // Local receivers (a webhook to a server on 127.0.0.1) are allowed on every local server; production refuses them.
  args.push('--var', 'WEBHOOK_LOOPBACK:allow');
  for (const [name, value] of Object.entries(options.vars ?? {})) args.push('--var', `${name}:${value}`);
  const child = spawn(WRANGLER, args, {
    cwd: dirname(config),
    env: quietEnv(),
    stdio: options.stdio ?? ['ignore', 'inherit', 'inherit'],
    detached: options.detached ?? false,
  });
  const exited = new Promise<number>((resolve) => {
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 128 + 15 : 1)));
    child.on('error', () => resolve(1));
  });
  const signalTarget = () => (options.detached ? -child.pid! : child.pid!);
  const stop = async (graceMs = 5000) => {
    if (child.exitCode === null && child.signalCode === null) {
      try {
        process.kill(signalTarget(), 'SIGTERM');
      } catch {
        // already gone
      }
      const timer = setTimeout(() => {
        try {
          process.kill(signalTarget(), 'SIGKILL');
        } catch {
          // already gone
        }
      }, graceMs);
      const code = await exited;
      clearTimeout(timer);
      // wrangler may exit before its workerd child: make sure nothing of the group stays behind.
      if (options.detached) {
        try {
          process.kill(-child.pid!, 'SIGKILL');
        } catch {
          // the whole group is gone
        }
      }
      return code;
    }
    return exited;
  };
  return { child, url: `http://127.0.0.1:${options.port}`, exited, stop };
}

/**
 * Waits until the server answers `path` with any HTTP response; throws if the process exits first
 * or timeoutMs passes.
 */
export async function waitUntilReady(server: DevServer, path = '/', timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let gone = false;
  void server.exited.then(() => (gone = true));
  while (Date.now() < deadline) {
    if (gone) throw new Error(`wrangler dev exited (code ${await server.exited}) before it answered`);
    try {
      const response = await fetch(server.url + path, { signal: AbortSignal.timeout(5000) });
      await response.arrayBuffer();
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  throw new Error(`wrangler dev did not answer at ${server.url}${path} within ${timeoutMs / 1000} s`);
}

/**
 * Local secrets: wrangler dev reads .dev.vars. Every secret wrangler.toml lists as required and that
 * is neither there nor in the environment gets a random value, so a fresh clone starts with no
 * manual step (production secrets are set with `wrangler secret put`).
 */
export async function ensureDevVars(config = join(ROOT, 'wrangler.toml')): Promise<string[]> {
  const { unstable_readConfig } = await import('wrangler');
  const restore = stdoutToStderr();
  let required: string[];
  try {
    required = unstable_readConfig({ config }).secrets?.required ?? [];
  } finally {
    restore();
  }
  const file = join(dirname(config), '.dev.vars');
  const current = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const defined = new Set([...current.matchAll(/^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=/gm)].map((m) => m[1]));
  const missing = required.filter((name) => !defined.has(name) && process.env[name] === undefined);
  if (missing.length === 0) return [];
  const lines = missing.map((name) => `${name}=${randomBytes(32).toString('hex')}`);
  const prefix = current === '' ? '# Local secrets for wrangler dev (made by npm start; never commit).\n'
    : current.endsWith('\n') ? '' : '\n';
  appendFileSync(file, prefix + lines.join('\n') + '\n', { mode: 0o600 });
  return missing;
}
