// `node bench/restart-loss.ts`: how many counted page views a restart loses now that views are stored
// after the response, in batches (functions/stats/figures.ts). Readers load pages (distinct addresses,
// 50 at a time); mid-stream the server is stopped gracefully (SIGTERM) or killed (SIGKILL to its
// process group), then started again on the same store; the views answered 200 before the stop are
// compared with what /api/v1/stats counts after. Requests cut off by the stop may have been counted too,
// so "lost" is a lower bound; "at most" adds every request cut off. Needs a build (npm exec astro build).
import { serve, type Served } from '../tests/support/served.ts';

const UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36';
const TOTAL = 1200;
const STOP_AFTER = 600;
const CONCURRENCY = 50;

async function totalVisits(served: Served): Promise<number> {
  const res = await served.fetch('/api/v1/stats');
  return ((await res.json()) as { totalVisits: number }).totalVisits;
}

async function run(kind: 'graceful' | 'kill -9', base: number): Promise<{ answered: number; counted: number; cutOff: number }> {
  const served = await serve();
  try {
    const before = await totalVisits(served);
    let answered = 0;
    let cutOff = 0;
    let next = 0;
    let stopping: Promise<void> | null = null;
    const worker = async () => {
      while (next < TOTAL && !stopping) {
        const n = base + next++;
        try {
          const res = await served.fetch('/', { headers: { 'User-Agent': UA, 'CF-Connecting-IP': `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`, Accept: 'text/html' } });
          await res.arrayBuffer();
          if (res.status === 200) answered += 1;
          else cutOff += 1;
        } catch {
          cutOff += 1; // cut off by the stop
        }
        if (answered >= STOP_AFTER && !stopping) stopping = kind === 'graceful' ? served.restart() : served.crash();
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    await stopping;
    const counted = (await totalVisits(served)) - before;
    return { answered, counted, cutOff };
  } finally {
    await served.stop();
  }
}

for (const kind of ['graceful', 'kill -9'] as const) {
  const rounds = [];
  for (let round = 0; round < 3; round++) rounds.push(await run(kind, 100_000 * (round + 1) + (kind === 'graceful' ? 0 : 50_000)));
  for (const r of rounds) {
    const lost = Math.max(0, r.answered - r.counted);
    console.log(`${kind}: ${r.answered} views answered 200, ${r.cutOff} cut off, ${r.counted} counted after the restart: ${lost} lost at least, ${Math.min(r.answered, lost + r.cutOff)} at most`);
  }
}
