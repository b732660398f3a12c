// `npm run seed` (scripts/seed.ts), the demo loader `npm start` runs, in Node over a fresh store of its own:
// without the font the demo PDFs embed it says what to install and writes nothing (no stack trace: the
// machine's setup, not a bug); with it, it loads the articles and the documents with their files once,
// and a second run adds nothing. Each run migrates and opens the store, so the runs are few.
import { count } from 'drizzle-orm';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { articles, documentFiles, documents } from '../../schema/tables.ts';
import { database } from '../../functions/data/db.ts';
import { demoDocumentFiles, demoDocuments } from '../../scripts/demo-documents.ts';
import { withLocalEnv } from '../../scripts/local-db.ts';
import { runCli } from '../support/cli.ts';

let store: string;
beforeAll(async () => {
  store = await mkdtemp(join(tmpdir(), 'bientap-seed-cli-'));
});
afterAll(async () => {
  await rm(store, { recursive: true, force: true });
});

const counts = () => withLocalEnv(async (env) => {
  const db = database(env.DB);
  const n = async (table: typeof articles | typeof documents | typeof documentFiles) => (await db.select({ n: count() }).from(table))[0]!.n;
  return { articles: await n(articles), documents: await n(documents), files: await n(documentFiles) };
}, { persistTo: store, quiet: true });

it('without the font says what to install and writes nothing; with it loads the documents once', async () => {
  const missing = await runCli('seed', store, [], { DEMO_FONT_DIR: '/nonexistent-fonts' });
  expect(missing.code).toBe(1);
  expect(missing.stderr).toContain(
    "seed: the demo PDFs embed DejaVu Sans, but /nonexistent-fonts/DejaVuSans.ttf is missing: install Debian's fonts-dejavu-core (apt-get install fonts-dejavu-core)",
  );
  expect(missing.stderr).not.toMatch(/\n\s+at /);
  expect(await counts()).toEqual({ articles: 0, documents: 0, files: 0 });

  const files = demoDocuments.reduce((n, d) => n + demoDocumentFiles(d).length, 0);
  const first = await runCli('seed', store, []);
  expect(first.code, first.stderr).toBe(0);
  expect(first.stderr).toMatch(new RegExp(`Loaded ${demoDocuments.length} demo documents \\(.*2 draft.*\\) with ${files} PDF files\\.`));
  const seeded = await counts();
  expect(seeded).toMatchObject({ documents: demoDocuments.length, files });
  expect(seeded.articles).toBeGreaterThan(0);

  const again = await runCli('seed', store, []);
  expect(again.code).toBe(0);
  expect(again.stderr).toContain(`demo content not loaded. The database has ${demoDocuments.length} document(s).`);
  expect(await counts()).toEqual(seeded);
}, 300_000);
