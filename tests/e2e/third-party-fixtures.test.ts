// `npm test`'s pretest installs the third-party fixture packages (tests/third-party/*) when they are missing
// or stale, so the README's `npm test` runs their e2e tests on a fresh clone: what counts as stale.
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { installFixtures, staleness } from '../../scripts/third-party-fixtures.ts';

const dir = mkdtempSync(join(tmpdir(), 'bientap-fixtures-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('third-party fixture packages', () => {
  it('are stale when not installed, when the lockfile is newer than the install, or when a file: copy differs from its source', () => {
    const source = join(dir, 'lib');
    const fixture = join(dir, 'site');
    mkdirSync(source);
    mkdirSync(join(fixture, 'node_modules', 'lib'), { recursive: true });
    writeFileSync(join(source, 'index.js'), 'export const a = 1;\n');
    writeFileSync(join(fixture, 'package.json'), JSON.stringify({ dependencies: { lib: 'file:../lib', other: '1.0.0' } }));
    writeFileSync(join(fixture, 'package-lock.json'), '{}');
    expect(staleness(fixture)).toBe('not installed');

    const hidden = join(fixture, 'node_modules', '.package-lock.json');
    writeFileSync(hidden, '{}');
    writeFileSync(join(fixture, 'node_modules', 'lib', 'index.js'), 'export const a = 1;\n');
    const later = new Date(Date.now() + 60_000);
    utimesSync(hidden, later, later);
    expect(staleness(fixture)).toBeNull();

    writeFileSync(join(source, 'index.js'), 'export const a = 2;\n');
    expect(staleness(fixture)).toBe('lib changed');
    writeFileSync(join(fixture, 'node_modules', 'lib', 'index.js'), 'export const a = 2;\n');
    expect(staleness(fixture)).toBeNull();

    const evenLater = new Date(Date.now() + 120_000);
    utimesSync(join(fixture, 'package-lock.json'), evenLater, evenLater);
    expect(staleness(fixture)).toBe('lockfile changed');
  });

  it('the repository\'s own fixtures are installed and current after the pretest (nothing left to install)', () => {
    expect(installFixtures()).toBe(true);
    for (const name of ['openapi-client', 'astro-site']) expect(staleness(join(import.meta.dirname, '..', 'third-party', name))).toBeNull();
  });
});
