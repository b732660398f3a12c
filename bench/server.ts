// The benchmark's servers: `wrangler dev` started exactly as scripts/dev-server.ts starts it (same
// flags, same environment, own process group), plus `--var NAME:value` overrides, which the shared
// starter has no option for. Keep the argument list in step with startDevServer().
import { spawn } from 'node:child_process';
import { dirname } from 'node:path';
import { freePort, type DevServer } from '../scripts/dev-server.ts';
import { WRANGLER, persistRoot, quietEnv } from '../scripts/local-db.ts';

export interface BenchServerOptions {
  config: string;
  port: number;
  persistTo: string;
  /** Overrides of wrangler.toml [vars], as `wrangler dev --var NAME:value`. */
  vars?: Record<string, string>;
}

export async function startBenchServer(options: BenchServerOptions): Promise<DevServer> {
  const inspectorPort = await freePort();
  const args = [
    'dev',
    '--config', options.config,
    '--local',
    '--ip', '127.0.0.1',
    '--port', String(options.port),
    '--inspector-port', String(inspectorPort),
    '--persist-to', persistRoot({ persistTo: options.persistTo }),
    '--log-level', 'warn',
    '--show-interactive-dev-session=false',
  ];
  for (const [name, value] of Object.entries(options.vars ?? {})) args.push('--var', `${name}:${value}`);
  const child = spawn(WRANGLER, args, {
    cwd: dirname(options.config),
    env: quietEnv(),
    stdio: ['ignore', 'pipe', 'pipe'],
    // setsid: its own process group, stopped as a whole by stop().
    detached: true,
  });
  const exited = new Promise<number>((resolve) => {
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 128 + 15 : 1)));
    child.on('error', () => resolve(1));
  });
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      // the group is gone
    }
  };
  const stop = async (graceMs = 5000) => {
    if (child.exitCode === null && child.signalCode === null) {
      signalGroup('SIGTERM');
      const timer = setTimeout(() => signalGroup('SIGKILL'), graceMs);
      const code = await exited;
      clearTimeout(timer);
      // wrangler may exit before its workerd child: make sure nothing of the group stays behind.
      signalGroup('SIGKILL');
      return code;
    }
    return exited;
  };
  return { child, url: `http://127.0.0.1:${options.port}`, exited, stop };
}
