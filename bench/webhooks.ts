// Webhooks never block the editor: an editor's save (PATCH with If-Match, sequential) on a site with no webhook, with 3 on a
// receiver answering 200 at once, and with 3 on a receiver that never answers (the dispatcher's 10 s timeout), interleaved, each
// as a ratio to the first; and delivery throughput: N articles published as fast as the API takes them, one webhook on a fast receiver.
// One wrangler dev of the built Worker over a fresh seeded store, a node:http receiver, all on 127.0.0.1; bounded (~2 min).
// `npm run bench` runs it after the import; alone: `node bench/webhooks.ts [SAVES] [N] [CONFIG]` (needs a build: npm exec astro build).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { database } from '../functions/data/db.ts';
import { createToken } from '../functions/data/tokens.ts';
import { withLocalEnv } from '../scripts/local-db.ts';
import { startBenchStore } from './served-store.ts';

/** The whole part, server start included, stops by itself after this long (what is measured by then is reported). */
export const WEBHOOKS_BENCH_MS = 150_000;
/** Saves before each measured variant (not counted). */
export const WARMUP_SAVES = 10;
/** Rounds of the three save variants, interleaved; and the unmeasured saves at the start of each block. */
const ROUNDS = 10;
const BLOCK_WARMUP = 2;
/** Webhooks per variant (b) and (c). */
const HOOKS = 3;
/** Articles created at once in the throughput run ("as fast as the API takes them" on two cores). */
const CREATE_IN_FLIGHT = 4;

export interface LatencyFigures { medianMs: number; p95Ms: number; meanMs: number; saves: number }
export interface SaveVariant extends LatencyFigures {
  name: string;
  /** To variant (a), the site with no webhook, measured in the same run. */
  ratio: { median: number; p95: number };
  /** Requests the receiver got during the variant's blocks, from their first save on (the dispatcher was really sending). */
  receiverRequestsDuring: number;
  /** Most sends the hanging receiver held unanswered at the end of a block (the dispatcher's alarm was waiting on them). */
  unansweredAtEnd: number;
}
export interface WebhooksBenchResult {
  saves: SaveVariant[];
  throughput: {
    articles: number;
    received: number;
    /** First POST sent to the last of the N deliveries received. */
    seconds: number;
    deliveriesPerSecond: number;
    /** The creates alone: first POST sent to the last answered. */
    createSeconds: number;
    /** From the last create answered to the last delivery received: what the dispatcher still had to send. */
    drainMs: number;
    createsPerSecond: number;
    /** From the payload's timestamp (the commit's instant) to its arrival at the receiver, same machine clock. */
    publishToArrival: { medianMs: number; p95Ms: number; maxMs: number };
    timedOut: boolean;
  };
  seconds: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
const round = (n: number, digits = 1) => Number(n.toFixed(digits));

function figures(samples: number[]): LatencyFigures {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    medianMs: round(percentile(sorted, 50)),
    p95Ms: round(percentile(sorted, 95)),
    meanMs: round(sorted.reduce((a, b) => a + b, 0) / Math.max(1, sorted.length)),
    saves: sorted.length,
  };
}

/** The receiver: /fast/* answers 204 at once and records the payload; /hang/* reads the body and never answers. */
interface Arrival { at: number; timestamp: string; slug: string; type: string; path: string }
class Receiver {
  server: Server;
  arrivals: Arrival[] = [];
  hanging = new Set<ServerResponse>();
  requests = 0;
  hangs = 0;
  url = '';

  constructor() {
    this.server = createServer((req: IncomingMessage, res: ServerResponse) => {
      this.requests++;
      const chunks: Buffer[] = [];
      req.on('data', (b: Buffer) => chunks.push(b));
      req.on('end', () => {
        const at = Date.now();
        if (req.url?.startsWith('/hang/')) {
          this.hangs++;
          this.hanging.add(res);
          res.on('close', () => this.hanging.delete(res));
          return;
        }
        try {
          const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { type: string; timestamp: string; data: { slug: string } };
          this.arrivals.push({ at, timestamp: body.timestamp, slug: body.data.slug, type: body.type, path: req.url ?? '' });
        } catch {
          // not ours: counted in requests only
        }
        res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      });
    });
  }

  async listen(): Promise<void> {
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    const address = this.server.address();
    if (typeof address !== 'object' || !address) throw new Error('the receiver has no port');
    this.url = `http://127.0.0.1:${address.port}`;
  }

  /** Drops the connections held unanswered: each of those sends fails at once (a network error) and the alarm's run ends. */
  releaseHanging(): void {
    for (const res of this.hanging) res.socket?.destroy();
    this.hanging.clear();
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((r) => this.server.close(() => r()));
  }
}

/** A bounded JSON call to the served API with the bench's token. */
async function api(base: string, token: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(base + path, {
    method,
    headers: { Authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    signal: AbortSignal.timeout(30_000),
  });
}

async function expectStatus(response: Response, status: number, what: string): Promise<Response> {
  if (response.status !== status) throw new Error(`${what}: ${response.status}, not ${status}: ${(await response.text()).slice(0, 300)}`);
  return response;
}

export async function webhooksBench(options: { config?: string; saves?: number; articles?: number; log: (line: string) => void }): Promise<WebhooksBenchResult> {
  const saves = options.saves ?? 100;
  const n = options.articles ?? 300;
  const { log } = options;
  const started = performance.now();
  const deadline = Date.now() + WEBHOOKS_BENCH_MS;
  const timeLeft = () => deadline - Date.now();
  const dir = await mkdtemp(join(tmpdir(), 'bientap-webhooks-bench-'));
  const receiver = new Receiver();
  let stop: (() => Promise<unknown>) | null = null;
  // The hard bound: whatever is running when it passes fails the part (the finally stops the server).
  let giveUp: ReturnType<typeof setTimeout> | undefined;
  const bounded = new Promise<never>((_, reject) => {
    giveUp = setTimeout(() => reject(new Error(`webhooks: gave up after ${WEBHOOKS_BENCH_MS / 1000} s`)), WEBHOOKS_BENCH_MS);
  });
  const work = async (): Promise<WebhooksBenchResult> => {
    await receiver.listen();
    const store = await startBenchStore(options, dir, 90_000);
    stop = store.stop;
    const { base, persistTo } = store;
    const token = await withLocalEnv(async (env) => (await createToken(database(env.DB), 1, 'bench-webhooks', ['read', 'write', 'admin'])).token, { persistTo, config: options.config, quiet: true });
    log(`webhooks: served at ${base} (ready after ${((performance.now() - started) / 1000).toFixed(0)} s), receiver at ${receiver.url}`);

    const categories = (await (await expectStatus(await api(base, token, 'GET', '/api/v1/categories'), 200, 'GET categories')).json()) as { items: { slug: string }[] };
    const category = categories.items[0]?.slug;
    if (!category) throw new Error('the seeded first site has no category');
    const created = await expectStatus(await api(base, token, 'POST', '/api/v1/articles', { title: 'Bài đo thời gian lưu của biên tập viên', category, status: 'published', body: 'Nội dung bài đo.' }), 201, 'POST article');
    const article = (await created.json()) as { slug: string };
    let etag = created.headers.get('ETag')!;
    let saveNo = 0;
    const save = async (): Promise<number> => {
      saveNo++;
      const t0 = performance.now();
      const response = await api(base, token, 'PATCH', `/api/v1/articles/${article.slug}`, { summary: `Bản lưu số ${saveNo} của biên tập viên.` }, { 'If-Match': etag });
      await expectStatus(response, 200, `save ${saveNo}`);
      await response.arrayBuffer();
      const ms = performance.now() - t0;
      etag = response.headers.get('ETag')!;
      return ms;
    };
    const hooks: number[] = [];
    const register = async (path: string, events: string[]) => {
      const response = await expectStatus(await api(base, token, 'POST', '/api/v1/webhooks', { url: receiver.url + path, events, description: 'bench' }), 201, `POST webhook ${path}`);
      hooks.push(((await response.json()) as { id: number }).id);
    };
    const removeHooks = async () => {
      for (const id of hooks.splice(0)) await expectStatus(await api(base, token, 'DELETE', `/api/v1/webhooks/${id}`), 204, `DELETE webhook ${id}`);
    };
    // Throughput: N articles published, one webhook; the time until the receiver has all N.
    await register('/fast/publish', ['article.published']);
    const arrivalsBefore = receiver.arrivals.length;
    const t0 = Date.now();
    let next = 0;
    let lastAnswered = t0;
    const creator = async () => {
      while (next < n) {
        const i = next++;
        const response = await api(base, token, 'POST', '/api/v1/articles', { title: `Bài đo giao webhook số ${i + 1}`, category, status: 'published', body: `Bài số ${i + 1}.` });
        await expectStatus(response, 201, `POST article ${i + 1}`);
        await response.arrayBuffer();
        lastAnswered = Date.now();
      }
    };
    await Promise.all(Array.from({ length: CREATE_IN_FLIGHT }, creator));
    const published = () => receiver.arrivals.slice(arrivalsBefore).filter((x) => x.path === '/fast/publish');
    // Leave room for the saves: the throughput run waits at most until 40 s before the bound.
    let timedOut = false;
    while (published().length < n) {
      if (timeLeft() < 40_000) {
        timedOut = true;
        break;
      }
      await sleep(50);
    }
    const got = published();
    const lastArrival = got.length ? Math.max(...got.map((x) => x.at)) : Date.now();
    const delays = got.map((x) => x.at - Date.parse(x.timestamp)).sort((p, q) => p - q);
    const seconds = (lastArrival - t0) / 1000;
    const throughput = {
      articles: n,
      received: got.length,
      seconds: round(seconds),
      deliveriesPerSecond: round(got.length / seconds),
      createSeconds: round((lastAnswered - t0) / 1000),
      drainMs: lastArrival - lastAnswered,
      createsPerSecond: round(n / ((lastAnswered - t0) / 1000)),
      publishToArrival: { medianMs: Math.round(percentile(delays, 50)), p95Ms: Math.round(percentile(delays, 95)), maxMs: Math.round(delays.at(-1) ?? NaN) },
      timedOut,
    };
    log(`webhooks: throughput: ${got.length} of ${n} deliveries in ${throughput.seconds} s = ${throughput.deliveriesPerSecond}/s (creates ${throughput.createsPerSecond}/s); publish to arrival median ${throughput.publishToArrival.medianMs} ms, p95 ${throughput.publishToArrival.p95Ms} ms`);
    await removeHooks();

    // The variants interleaved in ROUNDS rounds of (a), (b), (c), so a change in the machine's load (it is shared) falls on all
    // three alike; each block starts with BLOCK_WARMUP unmeasured saves (the first kick of a block, the switch of webhooks).
    interface Tally { samples: number[]; requests: number; unansweredAtEnd: number }
    const variants = [
      // (a) no webhook: the writer writes no outbox row and makes no Durable Object call.
      { name: '(a) no webhook', path: null },
      // (b) 3 rows per save and a kick; the receiver answers at once, so the dispatcher sends while the editor saves.
      { name: `(b) ${HOOKS} webhooks, receiver answers 200 at once`, path: '/fast/save' },
      // (c) the dispatcher's sends never end (10 s timeout; at most 2 in flight per webhook) while the editor saves and kicks.
      { name: `(c) ${HOOKS} webhooks, receiver never answers (10 s timeout)`, path: '/hang/save' },
    ];
    const tallies: Tally[] = variants.map(() => ({ samples: [], requests: 0, unansweredAtEnd: 0 }));
    for (let i = 0; i < WARMUP_SAVES; i++) await save();
    const perBlock = Math.ceil(saves / ROUNDS);
    for (let round = 0; round < ROUNDS; round++) {
      for (const [v, variant] of variants.entries()) {
        if (variant.path) for (let h = 0; h < HOOKS; h++) await register(`${variant.path}-${h}`, ['article.updated']);
        const requestsBefore = receiver.requests;
        for (let i = 0; i < BLOCK_WARMUP; i++) await save();
        for (let i = 0; i < perBlock; i++) tallies[v]!.samples.push(await save());
        tallies[v]!.requests += receiver.requests - requestsBefore;
        tallies[v]!.unansweredAtEnd = Math.max(tallies[v]!.unansweredAtEnd, receiver.hanging.size);
        await removeHooks();
        // The next blocks start with free lanes: (c)'s 3 hanging webhooks hold 2 sends each, so all 5 of the run's lanes
        // until the 10 s timeout, and (b)'s deliveries would wait for one (fewer hanging webhooks would leave lanes free).
        receiver.releaseHanging();
      }
    }
    const measured = variants.map((variant, v) => {
      const f = figures(tallies[v]!.samples);
      log(`webhooks: ${variant.name}: median ${f.medianMs} ms, p95 ${f.p95Ms} ms over ${f.saves} saves`);
      return { name: variant.name, ...f, receiverRequestsDuring: tallies[v]!.requests, unansweredAtEnd: tallies[v]!.unansweredAtEnd };
    });
    const a = measured[0]!;

    const withRatio = (v: Omit<SaveVariant, 'ratio'>): SaveVariant => ({ ...v, ratio: { median: round(v.medianMs / a.medianMs, 2), p95: round(v.p95Ms / a.p95Ms, 2) } });
    return { saves: measured.map(withRatio), throughput, seconds: round((performance.now() - started) / 1000) };
  };
  try {
    return await Promise.race([work(), bounded]);
  } finally {
    clearTimeout(giveUp);
    await receiver.close();
    await (stop as (() => Promise<unknown>) | null)?.();
    await rm(dir, { recursive: true, force: true });
  }
}

export function webhooksBenchLine(r: WebhooksBenchResult): string {
  const [a, b, c] = r.saves;
  const t = r.throughput;
  return `webhooks: a save with ${HOOKS} webhooks on a fast receiver ${b!.ratio.median}x (p95 ${b!.ratio.p95}x), on a hanging receiver ${c!.ratio.median}x (p95 ${c!.ratio.p95}x) of no webhook (median ${a!.medianMs} ms, p95 ${a!.p95Ms} ms); ${t.received} of ${t.articles} publications delivered in ${t.seconds} s = ${t.deliveriesPerSecond}/s, publish to arrival median ${t.publishToArrival.medianMs} ms, p95 ${t.publishToArrival.p95Ms} ms${t.timedOut ? ' (stopped at the time bound)' : ''}`;
}

export function webhooksBenchTable(r: WebhooksBenchResult): string {
  const rows = [
    '| editor save (PATCH, If-Match, sequential) | median / (a) | p95 / (a) | median ms | p95 ms | saves | receiver requests meanwhile | sends left hanging at the end |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
    ...r.saves.map((v) => `| ${v.name} | ${v.ratio.median.toFixed(2)}x | ${v.ratio.p95.toFixed(2)}x | ${v.medianMs} | ${v.p95Ms} | ${v.saves} | ${v.receiverRequestsDuring} | ${v.unansweredAtEnd} |`),
  ];
  const t = r.throughput;
  return [
    ...rows,
    '',
    '| delivery throughput (1 webhook, fast receiver) | deliveries/s | received | seconds | creates/s | last create to last arrival ms | publish to arrival median ms | p95 ms | max ms |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
    `| ${t.articles} articles published, ${CREATE_IN_FLIGHT} POSTs in flight | ${t.deliveriesPerSecond} | ${t.received} of ${t.articles}${t.timedOut ? ' (time bound)' : ''} | ${t.seconds} | ${t.createsPerSecond} | ${t.drainMs} | ${t.publishToArrival.medianMs} | ${t.publishToArrival.p95Ms} | ${t.publishToArrival.maxMs} |`,
  ].join('\n');
}

if (import.meta.main) {
  // node bench/webhooks.ts [SAVES] [N] [CONFIG]: CONFIG a built Worker's wrangler.json served as it is (what npm run bench passes).
  const saves = Number(process.argv[2] ?? 100);
  const articles = Number(process.argv[3] ?? 300);
  const config = process.argv[4] ? resolve(process.argv[4]) : undefined;
  const result = await webhooksBench({ saves, articles, ...(config ? { config } : {}), log: (line) => process.stderr.write(`bench: ${line}\n`) });
  process.stdout.write(`${webhooksBenchLine(result)}\n\n${webhooksBenchTable(result)}\n\n${JSON.stringify(result, null, 2)}\n`);
}
