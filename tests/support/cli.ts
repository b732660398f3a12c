// The command-line tools (scripts/*.ts) run as a person runs them, with the project's Node, over a
// store of their own (--persist-to): what they print, and how they exit.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { quietEnv, ROOT } from '../../scripts/local-db.ts';

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `node scripts/<script>.ts ...args --persist-to store` and collects its output. */
export function runCli(script: string, store: string, args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(join(ROOT, 'node_modules', '.bin', 'node'), [`scripts/${script}.ts`, ...args, '--persist-to', store], {
      cwd: ROOT, env: quietEnv(env), stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => (stdout += b));
    child.stderr.on('data', (b: Buffer) => (stderr += b));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
