// Import throughput: N generated WordPress posts (scripts/import/fixtures/make-wxr.ts, default 5,000) imported by the runner into a
// fresh served CMS (migrated and seeded store, the built Worker under wrangler dev) through the bulk API, 25 items per request
// (D1's per-request limits); articles/s and where the time goes (reading the WXR, HTML to Markdown, the server), the reading and
// converting also measured alone. `npm run bench` runs it last; alone: `node bench/import.ts [N] [CONFIG]` (needs a build: npm exec astro build).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { htmlToMarkdown } from '../functions/content/html-to-markdown.ts';
import { database } from '../functions/data/db.ts';
import { createToken } from '../functions/data/tokens.ts';
import { withLocalEnv } from '../scripts/local-db.ts';
import { ImportClient, MAX_BATCH_ITEMS } from '../scripts/import/client.ts';
import { makeWxr } from '../scripts/import/fixtures/make-wxr.ts';
import { Progress } from '../scripts/import/progress.ts';
import { runImport } from '../scripts/import/run.ts';
import { wxrSource } from '../scripts/import/sources/wxr.ts';
import { startBenchStore } from './served-store.ts';

export interface ImportBenchResult {
  articles: number;
  created: number;
  failed: number;
  seconds: number;
  articlesPerSecond: number;
  /** Item requests sent, each at most MAX_BATCH_ITEMS items. */
  itemRequests: number;
  itemsPerRequestMax: number;
  wxrBytes: number;
  /** Summed inside the run (server waits overlap: two batches in flight). */
  inRun: { sourceSeconds: number; convertSeconds: number; serverSeconds: number };
  /** Reading the WXR and converting every body alone, no server: the client side's cost. */
  alone: { readSeconds: number; convertSeconds: number; convertMsPerArticle: number };
  rerunSeconds: number;
}

export async function importBench(options: { config?: string; n?: number; log: (line: string) => void }): Promise<ImportBenchResult> {
  const n = options.n ?? 5000;
  const { log } = options;
  const dir = await mkdtemp(join(tmpdir(), 'bientap-import-bench-'));
  let stop: (() => Promise<unknown>) | null = null;
  try {
    const store = await startBenchStore(options, dir, 120_000);
    stop = store.stop;
    const { base, persistTo } = store;
    const token = await withLocalEnv(async (env) => (await createToken(database(env.DB), 1, 'bench', ['import'], null, { allSites: true })).token, { persistTo, config: options.config, quiet: true });
    const file = join(dir, 'posts.xml');
    const wxr = makeWxr(n, 'https://bench.example.vn');
    await writeFile(file, wxr);

    // The client side alone: read every entry, convert every body.
    let started = performance.now();
    const bodies: string[] = [];
    for await (const e of wxrSource(file).entries()) if (e.kind === 'article' && e.bodyHtml) bodies.push(e.bodyHtml);
    const readSeconds = (performance.now() - started) / 1000;
    started = performance.now();
    for (const html of bodies) htmlToMarkdown(html);
    const convertSeconds = (performance.now() - started) / 1000;
    log(`import: ${n} posts (${(wxr.length / 1e6).toFixed(1)} MB of WXR) read in ${readSeconds.toFixed(1)} s, bodies converted in ${convertSeconds.toFixed(1)} s, no server`);

    let requests = 0;
    const client = new ImportClient({ base: base, token, site: null });
    const items = client.items.bind(client);
    client.items = (kind, batch, dryRun) => {
      requests++;
      if (batch.length > MAX_BATCH_ITEMS) throw new Error(`a request of ${batch.length} items`);
      return items(kind, batch, dryRun);
    };
    log(`import: ${n} posts into a fresh served CMS (${base})`);
    started = performance.now();
    const result = await runImport({ source: wxrSource(file), client, dryRun: false, progress: new Progress(process.stderr) });
    const seconds = (performance.now() - started) / 1000;
    if (result.aborted) throw new Error(`the import stopped: ${result.aborted}`);
    started = performance.now();
    const rerun = await runImport({ source: wxrSource(file), client: new ImportClient({ base: base, token, site: null }), dryRun: false, progress: new Progress({ write: () => true }) });
    const rerunSeconds = (performance.now() - started) / 1000;
    if (rerun.counts.unchanged !== result.counts.created) throw new Error(`the rerun found ${rerun.counts.unchanged} of ${result.counts.created} known`);
    return {
      articles: n,
      created: result.counts.created,
      failed: result.counts.failed,
      seconds: Number(seconds.toFixed(1)),
      articlesPerSecond: Number((result.counts.created / seconds).toFixed(1)),
      itemRequests: requests,
      itemsPerRequestMax: MAX_BATCH_ITEMS,
      wxrBytes: wxr.length,
      inRun: { sourceSeconds: Number(result.timings.source.toFixed(1)), convertSeconds: Number(result.timings.convert.toFixed(1)), serverSeconds: Number(result.timings.server.toFixed(1)) },
      alone: { readSeconds: Number(readSeconds.toFixed(1)), convertSeconds: Number(convertSeconds.toFixed(1)), convertMsPerArticle: Number(((convertSeconds * 1000) / Math.max(1, bodies.length)).toFixed(2)) },
      rerunSeconds: Number(rerunSeconds.toFixed(1)),
    };
  } finally {
    await stop?.();
    await rm(dir, { recursive: true, force: true });
  }
}

export function importBenchLine(r: ImportBenchResult): string {
  return `import: ${r.created} of ${r.articles} articles in ${r.seconds} s = ${r.articlesPerSecond} articles/s (${r.itemRequests} requests of at most ${r.itemsPerRequestMax} items; in the run: source ${r.inRun.sourceSeconds} s, conversion ${r.inRun.convertSeconds} s, server ${r.inRun.serverSeconds} s summed over 2 batches in flight; alone: read ${r.alone.readSeconds} s, convert ${r.alone.convertSeconds} s = ${r.alone.convertMsPerArticle} ms/article); rerun ${r.rerunSeconds} s`;
}

if (import.meta.main) {
  // node bench/import.ts [N] [CONFIG]: CONFIG a built Worker's wrangler.json served as it is (what npm run bench passes).
  const n = Number(process.argv[2] ?? 5000);
  const config = process.argv[3] ? resolve(process.argv[3]) : undefined;
  const result = await importBench({ n, ...(config ? { config } : {}), log: (line) => process.stderr.write(`bench: ${line}\n`) });
  process.stdout.write(`${importBenchLine(result)}\n${JSON.stringify(result, null, 2)}\n`);
}
