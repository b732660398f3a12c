// An import killed (SIGKILL) after its first created items and started again finishes with every item exactly once, and a
// third run changes nothing: the real CLI on a generated 100-post WXR file against a served CMS.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { database } from '../../functions/data/db.ts';
import { createToken } from '../../functions/data/tokens.ts';
import { quietEnv, ROOT, withLocalEnv } from '../../scripts/local-db.ts';
import { ImportClient } from '../../scripts/import/client.ts';
import { makeWxr } from '../../scripts/import/fixtures/make-wxr.ts';
import type { ImportReport } from '../../scripts/import/report.ts';
import { serve, type Served } from '../support/served.ts';

const N = 100;
const ORIGIN = 'https://resume.example.vn';

let served: Served;
let dir: string;
let token: string;
let file: string;

beforeAll(async () => {
  served = await serve();
  dir = await mkdtemp(join(tmpdir(), 'bientap-import-resume-'));
  token = await withLocalEnv(async (env) => (await createToken(database(env.DB), 1, 'resume', ['import'], null, { allSites: true })).token, { persistTo: served.persistTo, quiet: true });
  file = join(dir, 'posts.xml');
  await writeFile(file, makeWxr(N, ORIGIN));
});
afterAll(async () => {
  await served?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** Starts the import; with killWhen, SIGKILLs it as soon as its progress output matches. */
function importRun(report: string, killWhen?: RegExp): Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(join(ROOT, 'node_modules', '.bin', 'node'), ['scripts/import.ts', 'wxr', file, '--remote', served.url, '--token', token, '--report', report], {
      cwd: ROOT, env: quietEnv(), stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => (stdout += b));
    child.stderr.on('data', (b: Buffer) => {
      stderr += b;
      if (killWhen?.test(stderr)) child.kill('SIGKILL');
    });
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

/** Every published article's title on the site (the list API, page by page). */
async function allTitles(): Promise<string[]> {
  const titles: string[] = [];
  for (let cursor: string | null = ''; cursor !== null;) {
    const res = await served.fetch(`/api/v1/articles?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    const page = (await res.json()) as { items: { title: string }[]; next: string | null };
    titles.push(...page.items.map((i) => i.title));
    cursor = page.next;
  }
  return titles;
}

it('killed after its first created items, run again: every item exactly once; a third run changes nothing', async () => {
  const killed = await importRun(join(dir, 'killed.json'), /created [1-9]/);
  expect(killed.signal).toBe('SIGKILL');
  const resumed = await importRun(join(dir, 'resumed.json'));
  expect(resumed.code, resumed.stderr).toBe(0);
  const report = JSON.parse(await readFile(join(dir, 'resumed.json'), 'utf8')) as ImportReport;
  // The kill left the import unfinished (some items there, not all); the rerun made only the rest.
  expect(report.counts).toMatchObject({ items: N, failed: 0, duplicate: 0 });
  expect(report.counts.unchanged).toBeGreaterThan(0);
  expect(report.counts.created).toBeGreaterThan(0);
  expect(report.counts.created + report.counts.unchanged).toBe(N);

  const keys = report.items.map((i) => i.sourceKey);
  const client = new ImportClient({ base: served.url, token, site: null });
  const after = await client.known('article', keys);
  expect(after.size).toBe(N);
  expect(new Set([...after.values()].map((k) => k.id)).size).toBe(N);
  // Each generated post (titled "… (số n)") exactly once on the site.
  const numbers = (await allTitles()).flatMap((t) => /\(số (\d+)\)$/.exec(t)?.[1] ?? []).map(Number).sort((a, b) => a - b);
  expect(numbers).toEqual(Array.from({ length: N }, (_, i) => i + 1));

  const third = await importRun(join(dir, 'third.json'));
  expect(third.code).toBe(0);
  expect(third.stdout).toMatch(new RegExp(`^0 created, ${N} unchanged, 0 failed`));
});
