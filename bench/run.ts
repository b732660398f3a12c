// `npm run bench`: read throughput and latency of our Worker against a hello-world Worker, both served
// by `wrangler dev` started the same way, one at a time, measured by the same load generator in the
// same run; every figure is also given as a ratio to hello world. Never part of `npm test`.
//
//   BENCH_DURATION=10 BENCH_WARMUP=2 BENCH_CONNECTIONS=50 npm run bench
import autocannon from 'autocannon';
import { eq } from 'drizzle-orm';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { articles } from '../schema/tables.ts';
import { database } from '../functions/data/db.ts';
import { demoArticles } from '../scripts/demo-content.ts';
import { ensureDevVars, freePort, startDevServer, waitUntilReady, type DevServer } from '../scripts/dev-server.ts';
import { applyLocalMigrations, ROOT, withLocalEnv } from '../scripts/local-db.ts';
import { describeSeed, seedIfEmpty } from '../scripts/seed.ts';

const intEnv = (name: string, fallback: number, max: number) => {
  const n = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new Error(`${name} must be a whole number from 1 to ${max}`);
  return n;
};
const DURATION = intEnv('BENCH_DURATION', 10, 60);
const WARMUP = intEnv('BENCH_WARMUP', 2, 30);
const CONNECTIONS = intEnv('BENCH_CONNECTIONS', 50, 500);
/** Hard stop for the whole run, whatever happens. */
const DEADLINE_MS = 240_000;

const STATE = 'bench/.state';
const HELLO_CONFIG = join(ROOT, 'bench', 'hello', 'wrangler.toml');
const MAIN_CONFIG = join(ROOT, 'wrangler.toml');

const log = (line: string) => process.stderr.write(`bench: ${line}\n`);

interface Measurement {
  name: string;
  path: string;
  requestsPerSec: number;
  latencyMs: { p50: number; p99: number; mean: number };
  requests: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  bytesPerRequest: number;
}

let current: DevServer | null = null;

async function stopCurrent(): Promise<void> {
  const server = current;
  current = null;
  if (server) await server.stop();
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    log(`${signal}: stopping the server under test`);
    void stopCurrent().finally(() => process.exit(130));
  });
}
setTimeout(() => {
  log(`gave up after ${DEADLINE_MS / 1000} s`);
  void stopCurrent().finally(() => process.exit(1));
}, DEADLINE_MS).unref();

/** Share of CPU time not idle over the next ms milliseconds, all cores together (0-1). */
async function cpuBusy(ms: number): Promise<number> {
  const sample = () => cpus().reduce((a, c) => {
    const t = c.times;
    return { idle: a.idle + t.idle, total: a.total + t.user + t.nice + t.sys + t.idle + t.irq };
  }, { idle: 0, total: 0 });
  const before = sample();
  await new Promise((r) => setTimeout(r, ms));
  const after = sample();
  const total = after.total - before.total;
  return total > 0 ? 1 - (after.idle - before.idle) / total : 0;
}

function compatibilityDate(config: string): string {
  const match = /^compatibility_date\s*=\s*"([^"]+)"/m.exec(readFileSync(config, 'utf8'));
  if (!match?.[1]) throw new Error(`no compatibility_date in ${config}`);
  return match[1];
}

/** Starts one Worker in its own process group, its output kept back unless it fails. */
async function serve(config: string): Promise<DevServer> {
  const port = await freePort();
  const server = await startDevServer({ config, port, persistTo: STATE, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  const keep = (b: Buffer) => {
    output.push(b.toString());
    if (output.length > 200) output.shift();
  };
  server.child.stdout?.on('data', keep);
  server.child.stderr?.on('data', keep);
  current = server;
  try {
    await waitUntilReady(server, '/', 90_000);
  } catch (error) {
    process.stderr.write(output.join(''));
    await stopCurrent();
    throw error;
  }
  return server;
}

async function load(url: string, duration: number): Promise<autocannon.Result> {
  return autocannon({ url, connections: CONNECTIONS, duration, timeout: 10, pipelining: 1 });
}

async function measure(server: DevServer, name: string, path: string): Promise<Measurement> {
  const url = server.url + path;
  const probe = await fetch(url);
  await probe.arrayBuffer();
  if (probe.status !== 200) throw new Error(`${name}: GET ${path} answered ${probe.status}, not 200`);
  log(`${name}: warm-up ${WARMUP} s, then ${DURATION} s at ${CONNECTIONS} connections (${path})`);
  await load(url, WARMUP);
  const r = await load(url, DURATION);
  return {
    name,
    path,
    requestsPerSec: r.requests.average,
    latencyMs: { p50: r.latency.p50, p99: r.latency.p99, mean: r.latency.average },
    requests: r.requests.total,
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
    bytesPerRequest: r.requests.total ? Math.round(r.throughput.total / r.requests.total) : 0,
  };
}

/** The slug of the district-portal article (the first demo article), as the seed created it. */
async function seedArticleSlug(): Promise<string> {
  const title = demoArticles[0]!.title.normalize('NFC').trim();
  return withLocalEnv(async (env) => {
    const [row] = await database(env.DB).select({ slug: articles.slug }).from(articles).where(eq(articles.title, title));
    if (!row) throw new Error(`the benchmark database has no article titled "${title}"`);
    return row.slug;
  }, { persistTo: STATE, quiet: true });
}

const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const ratio = (n: number, base: number) => (base > 0 ? n / base : NaN);

interface Floor {
  requestsPerSec: number;
  p50: number;
  p99: number;
}

function table(results: Measurement[], floor: Floor): string {
  const rows = results.map((m) => [
    `${m.name}`,
    fmt(m.requestsPerSec),
    `${ratio(m.requestsPerSec, floor.requestsPerSec).toFixed(2)}x`,
    fmt(m.latencyMs.p50),
    `${ratio(m.latencyMs.p50, floor.p50).toFixed(2)}x`,
    fmt(m.latencyMs.p99),
    `${ratio(m.latencyMs.p99, floor.p99).toFixed(2)}x`,
    fmt(m.non2xx + m.errors),
  ]);
  const head = ['target', 'req/s', 'vs hello', 'p50 ms', 'vs hello', 'p99 ms', 'vs hello', 'errors/non-2xx'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => '| ' + cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ') + ' |';
  const rule = '|' + widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : '-'.repeat(w + 1) + ':')).join('|') + '|';
  return [line(head), rule, ...rows.map(line)].join('\n');
}

async function main(): Promise<void> {
  const started = Date.now();
  const busyAtStart = await cpuBusy(1000);
  if (busyAtStart > 0.25) {
    log(`the CPUs are ${Math.round(busyAtStart * 100)}% busy before we start: figures will be low and noisy (ratios stay comparable within this run)`);
  }
  const date = compatibilityDate(MAIN_CONFIG);
  if (compatibilityDate(HELLO_CONFIG) !== date) {
    throw new Error(`bench/hello/wrangler.toml must use compatibility_date ${date}, like wrangler.toml`);
  }

  log(`preparing the benchmark database in ${STATE} (the dev data is not touched)`);
  await ensureDevVars();
  await applyLocalMigrations({ persistTo: STATE, quiet: true });
  log(describeSeed(await withLocalEnv((env) => seedIfEmpty(env), { persistTo: STATE, quiet: true })));
  const slug = await seedArticleSlug();

  // Hello world before and after ours: their mean is the floor, their gap shows how steady the machine was.
  const results: Measurement[] = [];
  log('starting the hello-world Worker');
  await serve(HELLO_CONFIG);
  results.push(await measure(current!, 'hello world (before)', '/'));
  await stopCurrent();

  log('starting our Worker');
  const cms = await serve(MAIN_CONFIG);
  results.push(await measure(cms, 'GET /api/v1/articles', '/api/v1/articles'));
  results.push(await measure(cms, 'GET /api/v1/articles/{slug}', `/api/v1/articles/${slug}`));
  results.push(await measure(cms, 'GET /feed.json', '/feed.json'));
  await stopCurrent();

  log('starting the hello-world Worker again');
  await serve(HELLO_CONFIG);
  results.push(await measure(current!, 'hello world (after)', '/'));
  await stopCurrent();

  const helloRuns = results.filter((m) => m.name.startsWith('hello'));
  const mean = (f: (m: Measurement) => number) => helloRuns.reduce((a, m) => a + f(m), 0) / helloRuns.length;
  const floor = { requestsPerSec: mean((m) => m.requestsPerSec), p50: mean((m) => m.latencyMs.p50), p99: mean((m) => m.latencyMs.p99) };
  const drift = Math.abs(helloRuns[0]!.requestsPerSec - helloRuns[1]!.requestsPerSec) / floor.requestsPerSec;
  if (drift > 0.15) {
    log(`hello world moved ${Math.round(drift * 100)}% between its two runs: something else used the CPUs; treat the figures as rough`);
  }

  const when = new Date();
  const stamp = when.toISOString().slice(0, 16).replace(':', '-') + 'Z';
  const environment = {
    node: process.version,
    wrangler: JSON.parse(readFileSync(join(ROOT, 'node_modules', 'wrangler', 'package.json'), 'utf8')).version as string,
    autocannon: JSON.parse(readFileSync(join(ROOT, 'node_modules', 'autocannon', 'package.json'), 'utf8')).version as string,
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    cpuBusyBeforeStart: Number(busyAtStart.toFixed(2)),
    loadAverageAtEnd: loadavg().map((n) => Number(n.toFixed(2))),
  };
  const settings = {
    order: 'hello world, then our Worker (three paths), then hello world again; one server at a time',
    server: `wrangler dev --local --ip 127.0.0.1 --log-level warn (one server at a time), compatibility_date ${date}`,
    loadGenerator: `autocannon, ${CONNECTIONS} connections, keep-alive, no pipelining, ${WARMUP} s warm-up then ${DURATION} s per target`,
    articleSlug: slug,
  };
  const json = {
    date: when.toISOString(),
    settings,
    environment,
    helloFloor: { ...floor, driftBetweenRuns: Number(drift.toFixed(3)) },
    results: results.map((m) => ({
      ...m,
      ratioToHello: {
        requestsPerSec: Number(ratio(m.requestsPerSec, floor.requestsPerSec).toFixed(3)),
        p50: Number(ratio(m.latencyMs.p50, floor.p50).toFixed(3)),
        p99: Number(ratio(m.latencyMs.p99, floor.p99).toFixed(3)),
      },
    })),
  };
  const text = table(results, floor);
  const md = [
    `# Benchmark ${when.toISOString()}`,
    '',
    `Server: ${settings.server}.  `,
    `Load: ${settings.loadGenerator}.  `,
    `Machine: ${environment.cpus} CPU(s), ${environment.cpuModel}; Node ${environment.node}; wrangler ${environment.wrangler}.  `,
    `Article: \`${slug}\`. Ratios are to the hello-world Worker measured in this run, before and after ours (the mean of both; they differed by ${Math.round(drift * 100)}%). req/s: higher is better; latency: lower is better.`,
    '',
    text,
    '',
  ].join('\n');
  const dir = join(ROOT, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${stamp}.json`), JSON.stringify(json, null, 2) + '\n');
  writeFileSync(join(dir, `${stamp}.md`), md);
  process.stdout.write(`\n${text}\n\n`);
  log(`wrote bench/results/${stamp}.json and .md (${Math.round((Date.now() - started) / 1000)} s)`);
  const failed = results.filter((m) => m.non2xx + m.errors > 0);
  if (failed.length) {
    log(`errors or non-2xx answers in: ${failed.map((m) => m.name).join(', ')}`);
    process.exitCode = 1;
  }
}

try {
  await main();
} catch (error) {
  log(error instanceof Error ? error.stack ?? error.message : String(error));
  await stopCurrent();
  process.exitCode = 1;
}
