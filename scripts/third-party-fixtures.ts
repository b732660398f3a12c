// `npm test`'s pretest: the third-party fixture packages under tests/third-party (each with its own lockfile
// and node_modules, as a third party has them: a generated API client, an Astro site using the loader) are
// installed when missing or out of date, so `npm test` on a fresh clone runs their e2e tests as CI does
// (.ci/run installs them first; then this finds them current and does nothing).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ROOT } from './local-db.ts';

const FIXTURES = join(ROOT, 'tests', 'third-party');

/** Why the fixture needs `npm ci`, or null when its node_modules matches its lockfile and its file: copies. */
export function staleness(fixture: string): string | null {
  const hidden = join(fixture, 'node_modules', '.package-lock.json'); // npm writes it at every install
  if (!existsSync(hidden)) return 'not installed';
  if (statSync(hidden).mtimeMs < statSync(join(fixture, 'package-lock.json')).mtimeMs) return 'lockfile changed';
  // A file: dependency installed as a copy (install-links) goes stale when its source changes (tools/astro-loader).
  const { dependencies = {} } = JSON.parse(readFileSync(join(fixture, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
  for (const [name, spec] of Object.entries(dependencies)) {
    if (!spec.startsWith('file:')) continue;
    const source = resolve(fixture, spec.slice('file:'.length));
    for (const file of readdirSync(source, { withFileTypes: true })) {
      if (!file.isFile()) continue;
      const copy = join(fixture, 'node_modules', name, file.name);
      if (!existsSync(copy) || !readFileSync(copy).equals(readFileSync(join(source, file.name)))) return `${name} changed`;
    }
  }
  return null;
}

/** Runs `npm ci` in each stale fixture; false when one failed (its output says why). */
export function installFixtures(root = FIXTURES): boolean {
  for (const entry of readdirSync(root, { withFileTypes: true })) {
    const fixture = join(root, entry.name);
    if (!entry.isDirectory() || !existsSync(join(fixture, 'package-lock.json'))) continue;
    const why = staleness(fixture);
    if (!why) continue;
    process.stderr.write(`tests/third-party/${entry.name}: ${why}; npm ci\n`);
    const done = spawnSync('npm', ['ci', '--no-audit', '--no-fund', '--prefix', fixture], { stdio: ['ignore', 'inherit', 'inherit'] });
    if (done.status !== 0) {
      process.stderr.write(`tests/third-party/${entry.name}: npm ci failed (exit ${done.status ?? done.signal})\n`);
      return false;
    }
  }
  return true;
}

if (import.meta.main && !installFixtures()) process.exit(1);
