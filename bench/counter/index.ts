// Bench only: one counter RPC per request, nothing else. The reader is a hash of CF-Connecting-IP and
// User-Agent (as the Worker's reader id, without salt or day), routed to shard `hash % N` exactly as
// functions/stats/figures.ts routes readers; N comes from ?shards=N or the SHARDS var.
import { shardOfReader } from '../../functions/stats/figures.ts';
import type { VisitCounter } from '../../functions/stats/visit-counter.ts';

export { VisitCounter } from '../../functions/stats/visit-counter.ts';

interface CounterEnv {
  VISITS: DurableObjectNamespace<VisitCounter>;
  SHARDS?: string;
}

async function readerOf(request: Request): Promise<string> {
  const key = `${request.headers.get('CF-Connecting-IP') ?? ''}\u0000${request.headers.get('User-Agent') ?? ''}`;
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(key)));
  return [...digest.subarray(0, 16)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    if (url.pathname !== '/') return new Response('Not found\n', { status: 404 });
    const shards = Number(url.searchParams.get('shards') ?? env.SHARDS ?? 1);
    if (!Number.isInteger(shards) || shards < 1 || shards > 256) return new Response('shards: 1 to 256\n', { status: 400 });
    const reader = await readerOf(request);
    await env.VISITS.getByName(`shard-${shardOfReader(reader, shards)}`).recordViews([{ reader, now: Date.now() }]);
    return new Response('counted\n', { headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
  },
} satisfies ExportedHandler<CounterEnv>;
