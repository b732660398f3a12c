// `npm run bench`: throughput and latency of our Worker against a hello-world Worker, all served by
// `wrangler dev` started the same way, one at a time, measured by the same load generator in the
// same run; every figure is also given as a ratio to hello world. Never part of `npm test`.
//
// Measured: Markdown rendering of the pathological corpus against an ordinary article (bench/markdown.ts); the content API and feed,
// on the first site and on a commune of a province-sized registry (about a hundred sites, by Host header); the documents API (list
// and item, beside the articles': issue 11) and the documents' reader list /van-ban; the reader page `/` with visitor statistics on (8 shards, the
// default), on with 1 shard, and off (`--var STATS_COUNTING:off`), loaded as many distinct browser
// readers; raw counter RPCs (the real VisitCounter, bench/counter/) on 1 shard and on 8; and, last, 5,000 generated WordPress
// posts imported through the bulk import API into a fresh store (bench/import.ts: articles/s and where the time goes); then an
// editor's save with no webhook, 3 on a fast receiver and 3 on a hanging one, and webhook delivery throughput (bench/webhooks.ts).
//
//   BENCH_DURATION=10 BENCH_WARMUP=2 BENCH_CONNECTIONS=50 npm run bench
import autocannon from 'autocannon';
import { and, desc, eq, isNull, lte } from 'drizzle-orm';
import { spawn } from 'node:child_process';
import { get as httpGet } from 'node:http';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { articles, documents } from '../schema/tables.ts';
import { database } from '../functions/data/db.ts';
import { createSite, getSite, listSites, siteIdOfHost } from '../functions/data/sites.ts';
import { demoArticles } from '../scripts/demo-content.ts';
import { ensureDevVars, freePort, startDevServer, waitUntilReady, type DevServer } from '../scripts/dev-server.ts';
import { applyLocalMigrations, quietEnv, ROOT, withLocalEnv } from '../scripts/local-db.ts';
import { describeSeed, seedIfEmpty } from '../scripts/seed.ts';
import { markdownBench, markdownCostTable } from './markdown.ts';
import { importBench, importBenchLine } from './import.ts';
import { WARMUP_SAVES, WEBHOOKS_BENCH_MS, webhooksBench, webhooksBenchLine, webhooksBenchTable } from './webhooks.ts';

const intEnv = (name: string, fallback: number, max: number) => {
  const n = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new Error(`${name} must be a whole number from 1 to ${max}`);
  return n;
};
const DURATION = intEnv('BENCH_DURATION', 10, 60);
const WARMUP = intEnv('BENCH_WARMUP', 2, 30);
const CONNECTIONS = intEnv('BENCH_CONNECTIONS', 50, 500);
/** At most this long at the start for other processes to leave the CPUs alone. */
const QUIET_WAIT_S = 30;
/** At most this long for the import of 5,000 articles with its fresh store (about 2.5 min on this 2-core machine under load). */
const IMPORT_MS = 420_000;
/** Hard stop for the whole run, whatever happens (sixteen targets, six server starts, the extra sites, the quiet wait, the import). */
const DEADLINE_MS = Math.max(360_000, 16 * (WARMUP + DURATION) * 1000 + 180_000 + QUIET_WAIT_S * 1000) + IMPORT_MS + WEBHOOKS_BENCH_MS;

const STATE = 'bench/.state';
const HELLO_CONFIG = join(ROOT, 'bench', 'hello', 'wrangler.toml');
const COUNTER_CONFIG = join(ROOT, 'bench', 'counter', 'wrangler.toml');
const MAIN_CONFIG = join(ROOT, 'wrangler.toml');
/** Where the benchmark builds our Worker when it has Astro pages (its own copy: dist/ is the team's). */
const BUILD_DIR = join(ROOT, 'bench', '.build');
/** Shards of the counter RPC runs (the reader page runs take theirs from STATS_SHARDS). */
const MANY_SHARDS = 8;

const log = (line: string) => process.stderr.write(`bench: ${line}\n`);

type Group = 'floor' | 'api' | 'page' | 'rpc';

interface Measurement {
  name: string;
  group: Group;
  path: string;
  requestsPerSec: number;
  latencyMs: { p50: number; p99: number; mean: number };
  requests: number;
  /** 2xx answers in the warm-up and the measured run together (what the counters should have seen). */
  ok2xxIncludingWarmup: number;
  /** Distinct reader addresses handed out (probe, warm-up, run): requests cut off in flight at the end are in here, not in the 2xx. */
  readersIssued: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  bytesPerRequest: number;
  /** Share of both cores used by processes other than the server under test and this one while measuring (0-1): others' load. */
  otherCpuShare: number;
}

let current: DevServer | null = null;
/** The running server's recent output (kept back unless it fails), and its count of counter fallbacks. */
let output: string[] = [];
let statsFallbacks = 0;

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

/** CPU ticks from /proc (Linux): the machine's busy and total, and those of one process group plus this process. */
function cpuTicks(group: number | undefined): { busy: number; total: number; ours: number } | null {
  try {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
    const [user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0] = fields;
    const busy = user + nice + system + irq + softirq + steal;
    let ours = 0;
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      let stat: string;
      try {
        stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      } catch {
        continue; // gone meanwhile
      }
      // After the command name in parentheses: state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime
      const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(entry) === process.pid || (group !== undefined && Number(rest[2]) === group)) ours += Number(rest[11]) + Number(rest[12]);
    }
    return { busy, total: busy + idle + iowait, ours };
  } catch {
    return null;
  }
}

function compatibilityDate(config: string): string {
  const text = readFileSync(config, 'utf8');
  const date = config.endsWith('.json')
    ? (JSON.parse(text) as { compatibility_date?: string }).compatibility_date
    : /^compatibility_date\s*=\s*"([^"]+)"/m.exec(text)?.[1];
  if (!date) throw new Error(`no compatibility_date in ${config}`);
  return date;
}

/** `astro build` of our Worker: wall time and the peak of the summed resident memory of its process group. */
const build = { seconds: 0, peakRssMb: 0 };

function groupRssMb(group: number): number {
  let kb = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]) !== group) continue;
      kb += Number(/^VmRSS:\s+(\d+)/m.exec(readFileSync(`/proc/${entry}/status`, 'utf8'))?.[1] ?? 0);
    } catch {
      // the process ended meanwhile
    }
  }
  return kb / 1024;
}

/**
 * The configuration to serve our Worker from. With Astro pages (an astro.config.* at the root) the
 * Worker only exists once built: `astro build` into bench/.build, served from the wrangler.json the
 * Cloudflare adapter writes there; without, wrangler.toml as it is.
 */
async function ourWorkerConfig(): Promise<string> {
  if (!['mjs', 'js', 'ts', 'mts'].some((ext) => existsSync(join(ROOT, `astro.config.${ext}`)))) return MAIN_CONFIG;
  log('building our Worker with its Astro pages (astro build --outDir bench/.build)');
  rmSync(BUILD_DIR, { recursive: true, force: true });
  const buildStarted = Date.now();
  let sampler: ReturnType<typeof setInterval> | undefined;
  await new Promise<void>((resolve, reject) => {
    const child = spawn(join(ROOT, 'node_modules', '.bin', 'astro'), ['build', '--outDir', BUILD_DIR], {
      cwd: ROOT,
      env: quietEnv(),
      detached: true, // its own process group, so its memory can be summed over all its processes
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const kept: Buffer[] = [];
    child.stdout?.on('data', (b: Buffer) => kept.push(b));
    child.stderr?.on('data', (b: Buffer) => kept.push(b));
    sampler = setInterval(() => {
      build.peakRssMb = Math.max(build.peakRssMb, groupRssMb(child.pid!));
    }, 100);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (code === 0) return resolve();
      for (const b of kept) process.stderr.write(b);
      reject(new Error(`astro build failed (${signal ?? `exit code ${code}`})`));
    });
  });
  clearInterval(sampler);
  build.seconds = (Date.now() - buildStarted) / 1000;
  log(`astro build: ${build.seconds.toFixed(1)} s, peak memory ${Math.round(build.peakRssMb)} MB (all its processes)`);
  const config = join(BUILD_DIR, 'server', 'wrangler.json');
  if (!existsSync(config)) throw new Error(`astro build wrote no ${config}`);
  return config;
}

/**
 * The counters of the benchmark store start empty for every server that counts, so each shard
 * configuration is measured from the same point (the run itself adds thousands of online readers).
 */
function resetCounters(): void {
  for (const worker of ['bientap-cms', 'bench-counter']) {
    rmSync(join(ROOT, STATE, 'v3', 'do', `${worker}-VisitCounter`), { recursive: true, force: true });
  }
}

/** Starts one Worker in its own process group, its output kept back unless it fails. */
async function serve(config: string, vars: Record<string, string> = {}, readyPath = '/'): Promise<DevServer> {
  const port = await freePort();
  const server = await startDevServer({ config, port, persistTo: STATE, vars, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  output = [];
  statsFallbacks = 0;
  const keep = (b: Buffer) => {
    const text = b.toString();
    statsFallbacks += text.match(/visitor statistics unavailable/g)?.length ?? 0;
    output.push(text);
    if (output.length > 200) output.shift();
  };
  server.child.stdout?.on('data', keep);
  server.child.stderr?.on('data', keep);
  current = server;
  // wrangler dev stays up, answering nothing, when the Worker fails to build: stop waiting at once.
  let watch: ReturnType<typeof setInterval> | undefined;
  const buildFailed = new Promise<never>((_, reject) => {
    watch = setInterval(() => {
      if (output.some((text) => /Build failed/.test(text))) reject(new Error(`${config}: the Worker did not build`));
    }, 250);
  });
  try {
    await Promise.race([waitUntilReady(server, readyPath, 90_000), buildFailed]);
  } catch (error) {
    process.stderr.write(output.join(''));
    await stopCurrent();
    throw error;
  } finally {
    clearInterval(watch);
  }
  return server;
}

/** What a browser sends for a page; the bench gives each request its own reader address. */
const BROWSER_HEADERS = {
  'User-Agent': 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  Accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
  'Accept-Language': 'vi-VN,vi;q=0.9,en;q=0.8',
};
/** Distinct readers across the whole run: 10.x.y.z from one counter, never reused. */
let readerSeq = 0;
function nextReaderIp(): string {
  const n = ++readerSeq;
  return `10.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
}
const asDistinctReader: autocannon.Request['setupRequest'] = (request) => ({
  ...request,
  headers: { ...request.headers, ...BROWSER_HEADERS, 'CF-Connecting-IP': nextReaderIp() },
});

async function load(url: string, duration: number, readers: boolean, headers: Record<string, string> = {}): Promise<autocannon.Result> {
  return autocannon({
    url,
    headers,
    connections: CONNECTIONS,
    duration,
    timeout: 10,
    pipelining: 1,
    ...(readers ? { requests: [{ setupRequest: asDistinctReader }] } : {}),
  });
}

/**
 * One GET before the load, to make sure the target answers 200. Through node:http, because a site is
 * chosen by its Host header and Node's fetch will not send another Host than the URL's (autocannon does).
 */
function probeStatus(url: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolvePromise, reject) => {
    const req = httpGet(url, { headers }, (res) => {
      res.resume();
      res.on('end', () => resolvePromise(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.setTimeout(30_000, () => req.destroy(new Error(`GET ${url}: no answer in 30 s`)));
  });
}

async function measure(server: DevServer, name: string, group: Group, path: string, readers = false, headers: Record<string, string> = {}): Promise<Measurement> {
  const url = server.url + path;
  const status = await probeStatus(url, { ...headers, ...(readers ? { ...BROWSER_HEADERS, 'CF-Connecting-IP': nextReaderIp() } : {}) });
  if (status !== 200) throw new Error(`${name}: GET ${path}${headers.host ? ` (Host ${headers.host})` : ''} answered ${status}, not 200`);
  const firstReader = readerSeq;
  log(`${name}: warm-up ${WARMUP} s, then ${DURATION} s at ${CONNECTIONS} connections (${path}${readers ? ', distinct readers' : ''})`);
  const warm = await load(url, WARMUP, readers, headers);
  const before = cpuTicks(server.child.pid);
  const r = await load(url, DURATION, readers, headers);
  const after = cpuTicks(server.child.pid);
  const otherCpuShare = before && after && after.total > before.total
    ? Math.max(0, (after.busy - before.busy - (after.ours - before.ours)) / (after.total - before.total))
    : NaN;
  if (otherCpuShare > 0.1) log(`${name}: other processes used ${Math.round(otherCpuShare * 100)}% of the CPUs meanwhile: this figure is low`);
  return {
    name,
    group,
    path,
    requestsPerSec: r.requests.average,
    latencyMs: { p50: r.latency.p50, p99: r.latency.p99, mean: r.latency.average },
    requests: r.requests.total,
    ok2xxIncludingWarmup: warm['2xx'] + r['2xx'] + (readers ? 1 : 0),
    readersIssued: readerSeq - firstReader + (readers ? 1 : 0),
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
    bytesPerRequest: r.requests.total ? Math.round(r.throughput.total / r.requests.total) : 0,
    otherCpuShare: Number(otherCpuShare.toFixed(3)),
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

/**
 * The first site's most recently issued published document (the demo's Đồng Hỷ documents,
 * scripts/demo-documents.ts), measured beside the article of that site.
 */
async function seedDocumentSlug(): Promise<string> {
  return withLocalEnv(async (env) => {
    const [row] = await database(env.DB).select({ slug: documents.slug }).from(documents)
      .where(and(eq(documents.siteId, 1), eq(documents.status, 'published'), isNull(documents.deletedAt), lte(documents.publishedAt, new Date())))
      .orderBy(desc(documents.issuedOn)).limit(1);
    if (!row) throw new Error('the benchmark database has no published document on the first site (scripts/seed-documents.ts)');
    return row.slug;
  }, { persistTo: STATE, quiet: true });
}

/** Registry rows the benchmark adds beside the demo's four sites: a province-sized deployment. */
const EXTRA_SITES = 100;
/** The demo commune whose cached reads are measured against the first site's (scripts/demo-sites.ts). */
const COMMUNE_HOST = 'tancuong.localhost';

/**
 * Makes the benchmark's deployment province-sized: EXTRA_SITES communes of the demo province, each with
 * its hostname (so the registry every isolate holds has about a hundred sites and hostnames), and
 * returns a published article of the demo commune measured below.
 */
async function multiSiteTarget(): Promise<{ host: string; slug: string; sites: number }> {
  return withLocalEnv(async (env) => {
    const db = database(env.DB);
    const communeId = await siteIdOfHost(db, COMMUNE_HOST);
    const provinceId = communeId === null ? null : (await getSite(db, communeId))?.parentId ?? null;
    if (communeId === null || provinceId === null) throw new Error(`the benchmark database has no demo commune ${COMMUNE_HOST} under a province`);
    for (let i = 1; i <= EXTRA_SITES; i++) {
      const host = `bench-xa-${i}.localhost`;
      if (await siteIdOfHost(db, host) === null) await createSite(db, { name: `Cổng thông tin điện tử xã thử ${i}`, hosts: [host], parentId: provinceId });
    }
    const [row] = await db.select({ slug: articles.slug }).from(articles)
      .where(and(eq(articles.siteId, communeId), eq(articles.status, 'published'), isNull(articles.deletedAt), lte(articles.publishedAt, new Date())))
      .orderBy(desc(articles.publishedAt)).limit(1);
    if (!row) throw new Error(`the demo commune ${COMMUNE_HOST} has no published article`);
    return { host: COMMUNE_HOST, slug: row.slug, sites: (await listSites(db)).length };
  }, { persistTo: STATE, quiet: true });
}

interface StatsFigures {
  totalVisits: number;
  onlineNow: number;
  pageViews: number;
}

async function statsOf(server: DevServer): Promise<StatsFigures> {
  const response = await fetch(`${server.url}/api/v1/stats`);
  if (response.status !== 200) throw new Error(`GET /api/v1/stats answered ${response.status}`);
  const body = (await response.json()) as StatsFigures;
  return { totalVisits: body.totalVisits, onlineNow: body.onlineNow, pageViews: body.pageViews };
}

interface CountingCheck {
  target: string;
  totalVisitsBefore: number;
  totalVisitsAfter: number;
  totalVisitsRise: number;
  onlineNowAfter: number;
  pageViewsRise: number;
  /** 2xx page answers received by distinct readers (probe, warm-up and run): the least the rise may be. */
  readerPagesServed: number;
  /** Reader addresses handed out: the most the rise may be (the load generator drops answers still in flight when it stops). */
  readersIssued: number;
  /** readerPagesServed <= totalVisitsRise <= readersIssued. */
  consistent: boolean;
  /** Page views served with last known figures because the counters answered too late or failed. */
  counterFallbacksLogged: number;
}

/** The reader page with counting on: checks through /api/v1/stats that the views were really counted. */
async function measureCounted(server: DevServer, name: string, path = '/'): Promise<{ m: Measurement; check: CountingCheck }> {
  const before = await statsOf(server);
  const m = await measure(server, name, 'page', path, true);
  // Counts finish in waitUntil after a page stops waiting (300 ms): let the last ones land.
  let after = await statsOf(server);
  for (let i = 0; i < 20 && after.totalVisits - before.totalVisits < m.ok2xxIncludingWarmup; i++) {
    await new Promise((r) => setTimeout(r, 250));
    after = await statsOf(server);
  }
  const check: CountingCheck = {
    target: name,
    totalVisitsBefore: before.totalVisits,
    totalVisitsAfter: after.totalVisits,
    totalVisitsRise: after.totalVisits - before.totalVisits,
    onlineNowAfter: after.onlineNow,
    pageViewsRise: after.pageViews - before.pageViews,
    readerPagesServed: m.ok2xxIncludingWarmup,
    readersIssued: m.readersIssued,
    consistent: after.totalVisits - before.totalVisits >= m.ok2xxIncludingWarmup && after.totalVisits - before.totalVisits <= m.readersIssued,
    counterFallbacksLogged: statsFallbacks,
  };
  log(`${name}: totalVisits ${fmt(before.totalVisits)} -> ${fmt(after.totalVisits)} (+${fmt(check.totalVisitsRise)}: ${fmt(check.readerPagesServed)} pages answered, ${fmt(check.readersIssued)} requested by distinct readers; online now ${fmt(after.onlineNow)}; ${fmt(statsFallbacks)} pages served with fallback figures)`);
  if (check.totalVisitsRise <= 0) throw new Error(`${name}: totalVisits did not rise: the counting path did not run`);
  if (!check.consistent) log(`${name}: the rise is outside [pages answered, pages requested]: views lost or counted twice?`);
  return { m, check };
}

const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const ratio = (n: number, base: number) => (base > 0 ? n / base : NaN);
const x = (n: number) => `${n.toFixed(2)}x`;

interface Floor {
  requestsPerSec: number;
  p50: number;
  p99: number;
}

function markdownTable(head: string[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => '| ' + cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ') + ' |';
  const rule = '|' + widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : '-'.repeat(w + 1) + ':')).join('|') + '|';
  return [line(head), rule, ...rows.map(line)].join('\n');
}

function table(results: Measurement[], floor: Floor): string {
  const rows = results.map((m) => [
    m.name,
    fmt(m.requestsPerSec),
    x(ratio(m.requestsPerSec, floor.requestsPerSec)),
    fmt(m.latencyMs.p50),
    x(ratio(m.latencyMs.p50, floor.p50)),
    fmt(m.latencyMs.p99),
    x(ratio(m.latencyMs.p99, floor.p99)),
    fmt(m.non2xx + m.errors),
    Number.isNaN(m.otherCpuShare) ? '?' : `${Math.round(m.otherCpuShare * 100)}%`,
  ]);
  return markdownTable(['target', 'req/s', 'vs hello', 'p50 ms', 'vs hello', 'p99 ms', 'vs hello', 'errors/non-2xx', 'others\' CPU'], rows);
}

interface Comparison {
  name: string;
  of: string;
  to: string;
  requestsPerSec: number;
  p50: number;
  p99: number;
}

function compare(name: string, a: Measurement, b: Measurement): Comparison {
  return {
    name,
    of: a.name,
    to: b.name,
    requestsPerSec: Number(ratio(a.requestsPerSec, b.requestsPerSec).toFixed(3)),
    p50: Number(ratio(a.latencyMs.p50, b.latencyMs.p50).toFixed(3)),
    p99: Number(ratio(a.latencyMs.p99, b.latencyMs.p99).toFixed(3)),
  };
}

function comparisonTable(comparisons: Comparison[]): string {
  return markdownTable(
    ['comparison', 'req/s ratio', 'p50 ratio', 'p99 ratio'],
    comparisons.map((c) => [c.name, x(c.requestsPerSec), x(c.p50), x(c.p99)]),
  );
}

function checkTable(checks: CountingCheck[]): string {
  return markdownTable(
    ['counting check', 'totalVisits before', 'after', 'rise', 'pages answered', 'pages requested', 'online now after', 'fallbacks logged'],
    checks.map((c) => [c.target, fmt(c.totalVisitsBefore), fmt(c.totalVisitsAfter), `+${fmt(c.totalVisitsRise)}`, fmt(c.readerPagesServed), fmt(c.readersIssued), fmt(c.onlineNowAfter), fmt(c.counterFallbacksLogged)]),
  );
}

async function main(): Promise<void> {
  const started = Date.now();
  let busyAtStart = await cpuBusy(1000);
  // Others share these cores: wait a little (bounded) for a quiet moment.
  for (let waited = 0; busyAtStart > 0.25 && waited < QUIET_WAIT_S; waited += 5) {
    if (waited === 0) log(`the CPUs are ${Math.round(busyAtStart * 100)}% busy: waiting up to ${QUIET_WAIT_S} s for a quiet moment`);
    await new Promise((r) => setTimeout(r, 4000));
    busyAtStart = await cpuBusy(1000);
  }
  if (busyAtStart > 0.25) {
    log(`the CPUs are ${Math.round(busyAtStart * 100)}% busy before we start: figures will be low and noisy (ratios stay comparable within this run)`);
  }
  // Rendering cost of Markdown bodies, in this process, before any server runs (no load generator either).
  log('markdown: the pathological corpus against an ordinary article of the same size');
  const markdown = await markdownBench(log);
  const date = compatibilityDate(MAIN_CONFIG);
  for (const config of [HELLO_CONFIG, COUNTER_CONFIG]) {
    if (compatibilityDate(config) !== date) throw new Error(`${config} must use compatibility_date ${date}, like wrangler.toml`);
  }

  log(`preparing the benchmark database in ${STATE} (the dev data is not touched)`);
  await ensureDevVars();
  const ours = await ourWorkerConfig();
  if (compatibilityDate(ours) !== date) throw new Error(`${ours} must use compatibility_date ${date}, like wrangler.toml`);
  // A fresh store every run: every run measures the same deployment (the demo's sites and articles, the
  // extra communes), whatever an earlier run or an older schema left there.
  rmSync(join(ROOT, STATE), { recursive: true, force: true });
  await applyLocalMigrations({ persistTo: STATE, quiet: true });
  log(describeSeed(await withLocalEnv((env) => seedIfEmpty(env), { persistTo: STATE, quiet: true })));
  const slug = await seedArticleSlug();
  const documentSlug = await seedDocumentSlug();
  const commune = await multiSiteTarget();
  log(`the deployment serves ${commune.sites} sites; the commune measured: ${commune.host}`);
  // wrangler dev keeps a local trace of every request here: only this run's is worth its disk.
  rmSync(join(ROOT, STATE, 'v3', 'observability'), { recursive: true, force: true });

  // Hello world before and after ours: their mean is the floor, their gap shows how steady the machine was.
  const results: Measurement[] = [];
  const checks: CountingCheck[] = [];
  log('starting the hello-world Worker');
  await serve(HELLO_CONFIG);
  results.push(await measure(current!, 'hello world (before)', 'floor', '/'));
  await stopCurrent();

  resetCounters();
  log('starting our Worker (default vars: counting on, 8 shards)');
  const cms = await serve(ours, {}, '/api/v1/stats');
  results.push(await measure(cms, 'GET /api/v1/articles', 'api', '/api/v1/articles'));
  results.push(await measure(cms, 'GET /api/v1/articles/{slug}', 'api', `/api/v1/articles/${slug}`));
  results.push(await measure(cms, 'GET /feed.json', 'api', '/feed.json'));
  // The documents registry's cached reads on the same site (issue 11: the same ratios as articles).
  const documentList = await measure(cms, 'GET /api/v1/documents', 'api', '/api/v1/documents');
  results.push(documentList);
  const documentItem = await measure(cms, 'GET /api/v1/documents/{slug}', 'api', `/api/v1/documents/${documentSlug}`);
  results.push(documentItem);
  // The same cached reads on a commune of the province-sized registry (Host header; autocannon sends it).
  const communeHost = { host: `${commune.host}:${new URL(cms.url).port}` };
  const communeList = await measure(cms, 'commune: GET /api/v1/articles', 'api', '/api/v1/articles', false, communeHost);
  results.push(communeList);
  const communeItem = await measure(cms, 'commune: GET /api/v1/articles/{slug}', 'api', `/api/v1/articles/${commune.slug}`, false, communeHost);
  results.push(communeItem);
  const communeFeed = await measure(cms, 'commune: GET /feed.json', 'api', '/feed.json', false, communeHost);
  results.push(communeFeed);
  const on8 = await measureCounted(cms, 'page / counting on, 8 shards');
  results.push(on8.m);
  checks.push(on8.check);
  const article = await measureCounted(cms, 'article page (edge-cached), counting on', `/bai-viet/${slug}`);
  results.push(article.m);
  checks.push(article.check);
  await stopCurrent();

  resetCounters();
  log('starting our Worker with --var STATS_SHARDS:1');
  const one = await serve(ours, { STATS_SHARDS: '1' }, '/api/v1/stats');
  const on1 = await measureCounted(one, 'page / counting on, 1 shard');
  results.push(on1.m);
  checks.push(on1.check);
  await stopCurrent();

  log('starting our Worker with --var STATS_COUNTING:off');
  const off = await serve(ours, { STATS_COUNTING: 'off' }, '/api/v1/stats');
  const offRun = await measure(off, 'page / counting off', 'page', '/', true);
  results.push(offRun);
  const articleOff = await measure(off, 'article page (edge-cached), counting off', 'page', `/bai-viet/${slug}`, true);
  results.push(articleOff);
  const documentPage = await measure(off, 'documents list page /van-ban (edge-cached), counting off', 'page', '/van-ban', true);
  results.push(documentPage);
  // An editor's session cookie bypasses the edge cache: every request renders the page in Astro.
  const uncached = await measure(off, 'article page, uncached render (counting off)', 'page', `/bai-viet/${slug}`, true, { Cookie: 'bt_session=bench' });
  results.push(uncached);
  await stopCurrent();

  resetCounters();
  log('starting the counter Worker (bench/counter: the real VisitCounter, one RPC per request)');
  const counter = await serve(COUNTER_CONFIG, {}, '/?shards=1');
  const rpc1 = await measure(counter, 'counter RPC, 1 shard', 'rpc', '/?shards=1', true);
  results.push(rpc1);
  const rpcMany = await measure(counter, `counter RPC, ${MANY_SHARDS} shards`, 'rpc', `/?shards=${MANY_SHARDS}`, true);
  results.push(rpcMany);
  await stopCurrent();

  log('starting the hello-world Worker again');
  await serve(HELLO_CONFIG);
  results.push(await measure(current!, 'hello world (after)', 'floor', '/'));
  await stopCurrent();

  // Last, on a fresh store of its own: 5,000 generated WordPress posts through the bulk import API (bench/import.ts).
  log('import: 5,000 generated WordPress posts into a fresh store (bench/import.ts)');
  const imported = await importBench({ config: ours, log });
  // After it, on a fresh store of its own, bounded by WEBHOOKS_BENCH_MS: saves with and without webhooks, delivery throughput.
  log('webhooks: an editor\'s saves with no webhook, 3 on a fast receiver, 3 on a hanging one; then 300 publications delivered (bench/webhooks.ts)');
  const webhooks = await webhooksBench({ config: ours, log });
  log(webhooksBenchLine(webhooks));

  const helloRuns = results.filter((m) => m.group === 'floor');
  const mean = (f: (m: Measurement) => number) => helloRuns.reduce((a, m) => a + f(m), 0) / helloRuns.length;
  const floor = { requestsPerSec: mean((m) => m.requestsPerSec), p50: mean((m) => m.latencyMs.p50), p99: mean((m) => m.latencyMs.p99) };
  const drift = Math.abs(helloRuns[0]!.requestsPerSec - helloRuns[1]!.requestsPerSec) / floor.requestsPerSec;
  if (drift > 0.15) {
    log(`hello world moved ${Math.round(drift * 100)}% between its two runs: something else used the CPUs; treat the figures as rough`);
  }
  const firstSite = (name: string) => results.find((m) => m.name === name)!;
  const comparisons = [
    compare('commune / first site: API list', communeList, firstSite('GET /api/v1/articles')),
    compare('commune / first site: API item', communeItem, firstSite('GET /api/v1/articles/{slug}')),
    compare('commune / first site: feed', communeFeed, firstSite('GET /feed.json')),
    compare('documents / articles: API list', documentList, firstSite('GET /api/v1/articles')),
    compare('documents / articles: API item', documentItem, firstSite('GET /api/v1/articles/{slug}')),
    compare('documents list page / article page (edge-cached, counting off)', documentPage, articleOff),
    compare('page: counting on (8 shards) / off', on8.m, offRun),
    compare('page: counting on (1 shard) / off', on1.m, offRun),
    compare('page: 8 shards / 1 shard', on8.m, on1.m),
    compare('article: edge-cached, counting on / off', article.m, articleOff),
    compare('article: edge-cached (counting on) / uncached render (off)', article.m, uncached),
    compare(`counter RPC: ${MANY_SHARDS} shards / 1 shard`, rpcMany, rpc1),
  ];

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
    sites: `${commune.sites} sites in the registry (the demo's four plus ${EXTRA_SITES} communes with their hostnames); the commune targets send Host: ${commune.host}`,
    order: 'hello world; our Worker (default vars: API, feed, documents API list and item, the articles API and feed on a commune host, page / counting on with 8 shards); ours with STATS_SHARDS:1 (page /); ours with STATS_COUNTING:off (page /, article page edge-cached, documents list page /van-ban edge-cached, article page uncached); the counter Worker (1 shard, then 8); hello world again. One server at a time; the visit counters start empty for each server that counts.',
    ourWorker: ours === MAIN_CONFIG ? 'wrangler.toml' : `${ours.slice(ROOT.length + 1)} (astro build --outDir bench/.build, then served from the adapter's wrangler.json)`,
    server: `wrangler dev --local --ip 127.0.0.1 --log-level warn (one server at a time), compatibility_date ${date}`,
    loadGenerator: `autocannon, ${CONNECTIONS} connections, keep-alive, no pipelining, ${WARMUP} s warm-up then ${DURATION} s per target`,
    readers: `page and counter targets: every request a distinct reader (CF-Connecting-IP 10.x.y.z from one counter for the whole run), a desktop Chrome User-Agent, Accept: text/html; the hello-world and API targets: plain GETs`,
    counterWorker: 'bench/counter: the real VisitCounter (SQLite Durable Object), one recordViews([{ reader, now }]) RPC per request on shard hash(reader) % N, N from ?shards=',
    articleSlug: slug,
    documentSlug,
  };
  const json = {
    date: when.toISOString(),
    settings,
    environment,
    helloFloor: { ...floor, driftBetweenRuns: Number(drift.toFixed(3)) },
    astroBuild: { seconds: Number(build.seconds.toFixed(1)), peakRssMb: Math.round(build.peakRssMb) },
    results: results.map((m) => ({
      ...m,
      ratioToHello: {
        requestsPerSec: Number(ratio(m.requestsPerSec, floor.requestsPerSec).toFixed(3)),
        p50: Number(ratio(m.latencyMs.p50, floor.p50).toFixed(3)),
        p99: Number(ratio(m.latencyMs.p99, floor.p99).toFixed(3)),
      },
    })),
    comparisons,
    countingChecks: checks,
    markdown,
    import: imported,
    webhooks,
  };
  const markdownLine = `markdown: worst of the corpus ${markdown.worst.ms} ms (${markdown.worst.shape}, ${markdown.worst.variant}, ${markdown.worst.chars} characters) = ${markdown.worst.ratioToOrdinary}x an ordinary ${markdown.ordinaryChars}-character article (${markdown.ordinaryMs} ms)`;
  const text = [table(results, floor), comparisonTable(comparisons), checkTable(checks), `astro build: ${build.seconds.toFixed(1)} s, peak ${Math.round(build.peakRssMb)} MB`, markdownLine, importBenchLine(imported), webhooksBenchTable(webhooks)].join('\n\n');
  const md = [
    `# Benchmark ${when.toISOString()}`,
    '',
    `Server: ${settings.server}; our Worker from ${settings.ourWorker}.  `,
    `Load: ${settings.loadGenerator}.  `,
    `Readers: ${settings.readers}.  `,
    `Counter RPCs: ${settings.counterWorker}.  `,
    `Order: ${settings.order}  `,
    `Machine: ${environment.cpus} CPU(s), ${environment.cpuModel}; Node ${environment.node}; wrangler ${environment.wrangler}.  `,
    `Article: \`${slug}\`; document: \`${documentSlug}\` (both of the first site). Ratios are to the hello-world Worker measured in this run, before and after ours (the mean of both; they differed by ${Math.round(drift * 100)}%). req/s: higher is better; latency: lower is better. "others' CPU": the share of both cores that processes other than the server under test and the load generator used while the row was measured (the machine is shared); above about 10% that row is low.`,
    '',
    table(results, floor),
    '',
    'Ratios between targets of this run:',
    '',
    comparisonTable(comparisons),
    '',
    'The counting path really ran (GET /api/v1/stats before and after each counted page run; every request is a new reader, so the rise in total visits must lie between the pages answered and the pages requested, the load generator dropping the answers still in flight when it stops; "fallbacks" are pages served with last known figures because the counters answered after 300 ms or failed):',
    '',
    checkTable(checks),
    '',
    `astro build of our Worker with its pages: ${build.seconds.toFixed(1)} s, peak resident memory ${Math.round(build.peakRssMb)} MB (summed over its processes, sampled every 100 ms).`,
    '',
    `Markdown rendering (in Node, before the servers; best of 3 per row; a save's work: the bounds check, then HTML and search text if accepted). The pathological corpus as sent (about ${markdown.ordinaryChars} characters each) and cut to the most the bounds let through; ${markdownLine}.`,
    '',
    markdownCostTable(markdown),
    '',
    `Import (bench/import.ts; a fresh migrated and seeded store under our Worker, generated WXR of ${imported.articles} posts, ${(imported.wxrBytes / 1e6).toFixed(1)} MB, read and sent by the runner with at most ${imported.itemsPerRequestMax} items per request and two requests in flight): ${importBenchLine(imported)}.`,
    '',
    `Webhooks (bench/webhooks.ts; a fresh seeded store under our Worker, a node:http receiver on 127.0.0.1; sequential PATCH saves of one published article with If-Match after ${WARMUP_SAVES} warm-up saves, the three variants interleaved in rounds of blocks (webhooks registered before a block, deleted after it), so the machine's load falls on all alike; ratios are to (a) of this run; publish to arrival is from the payload's timestamp, the commit's instant, to the receiver's clock, the same machine's): ${webhooksBenchLine(webhooks)}.`,
    '',
    webhooksBenchTable(webhooks),
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
