// Webhooks end to end, as a third party sees them: the built Worker under wrangler dev (one server for
// the file, retries after 1, 1 and 2 s), webhooks registered through the API with an admin-scope token,
// and real receivers (node:http on 127.0.0.1) that check each request as a receiver must, with the
// reference library (`standardwebhooks`). Publishing, retries with one webhook-id, forged and replayed
// requests, a scheduled article announced at its time, and an unreachable or hanging receiver that
// never slows or fails the editor's save. Prints the figures (publish to delivery, attempts, save latency).
import { createServer } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { WebhookPayload } from '../../functions/webhooks/payload.ts';
import { runCli } from '../support/cli.ts';
import { apiWrite, serve, type Served } from '../support/served.ts';
import { startReceiver, type Received, type Receiver } from '../support/webhook-receiver.ts';
import { until } from '../support/until.ts';

const CATEGORY = 'kinh-te';
let served: Served;
let receiver: Receiver;
let admin: string;
const figures: string[] = [];

beforeAll(async () => {
  receiver = await startReceiver();
  served = await serve({ vars: { WEBHOOK_RETRY_SECONDS: '1,1,2' } });
  const minted = await runCli('token', served.persistTo, ['create', '--name', 'webhooks-e2e', '--scopes', 'read,write,admin']);
  expect(minted.code, minted.stderr).toBe(0);
  admin = minted.stdout.trim();
});

afterAll(async () => {
  await served?.stop();
  await receiver?.close();
  if (figures.length) console.log(`webhooks e2e figures:\n  ${figures.join('\n  ')}`);
});

interface Delivery {
  id: number; messageId: string; eventType: string; itemId: number; state: string; attempts: number;
  nextAttemptAt: string | null; lastStatus: number | null; lastError: string; deliveredAt: string | null;
}

const asAdmin = (path: string, init: RequestInit = {}) =>
  served.fetch(path, { ...init, headers: { Authorization: `Bearer ${admin}`, 'Content-Type': 'application/json', ...(init.headers ?? {}) } });

async function register(url: string, events: string[]): Promise<{ id: number; secret: string }> {
  const response = await asAdmin('/api/v1/webhooks', { method: 'POST', body: JSON.stringify({ url, events, description: 'thử nghiệm' }) });
  expect(response.status, await response.clone().text()).toBe(201);
  return response.json();
}

async function deliveries(webhookId: number): Promise<Delivery[]> {
  const response = await asAdmin(`/api/v1/webhooks/${webhookId}`);
  expect(response.status).toBe(200);
  return ((await response.json()) as { deliveries: Delivery[] }).deliveries;
}

interface Article { id: number; slug: string; url: string; version: number; status: string }

async function createArticle(title: string, extra: Record<string, unknown> = {}): Promise<{ article: Article; ms: number; status: number }> {
  const started = performance.now();
  const response = await apiWrite(served, 'POST', '/api/v1/articles', { title, category: CATEGORY, body: `Nội dung của **${title}**.`, status: 'published', ...extra });
  const ms = performance.now() - started;
  expect(response.status, await response.clone().text()).toBe(201);
  return { article: await response.json(), ms, status: response.status };
}

async function patchArticle(slug: string, change: Record<string, unknown>): Promise<number> {
  const read = await served.fetch(`/api/v1/articles/${slug}`, { headers: { Authorization: `Bearer ${served.token}` } });
  const started = performance.now();
  const response = await apiWrite(served, 'PATCH', `/api/v1/articles/${slug}`, change, { 'If-Match': read.headers.get('ETag')! });
  const ms = performance.now() - started;
  expect(response.status, await response.clone().text()).toBe(200);
  return ms;
}

/** What a receiver does with a request: verify it (throws when forged or stale), then parse it. */
const verified = (secret: string, got: Pick<Received, 'body' | 'headers'>) => new Webhook(secret).verify(got.body, got.headers) as WebhookPayload;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

let published: { secret: string; got: Received; article: Article };

it('announces a published article once, signed, with the addresses and version the API serves', async () => {
  const hook = await register(`${receiver.origin}/hook/published`, ['article.published']);
  const before = Date.now();
  const { article } = await createArticle('Tin phát hành có webhook');
  const [got] = await until('the article.published request', () => receiver.received('published')[0] && receiver.received('published'));
  figures.push(`publish -> delivery (local): ${got!.at - before} ms from the POST's start`);
  expect(got!.method).toBe('POST');
  expect(got!.headers['user-agent']).toBe('bientap-cms-webhooks/1');
  const payload = verified(hook.secret, got!);
  expect(payload.type).toBe('article.published');
  expect(payload.data).toEqual({
    id: article.id, slug: article.slug, previousSlug: null, url: article.url,
    apiUrl: `${served.url}/api/v1/articles/${article.slug}`, version: article.version,
  });
  const api = await fetch(payload.data.apiUrl);
  expect(api.status).toBe(200);
  expect(await api.json()).toMatchObject({ id: article.id, slug: article.slug, status: 'published' });
  // Recorded delivered after one attempt, and sent once.
  const [delivery] = await until('the delivery recorded', async () => (await deliveries(hook.id)).find((d) => d.state === 'delivered') && deliveries(hook.id));
  expect(delivery).toMatchObject({ messageId: got!.headers['webhook-id'], eventType: 'article.published', itemId: article.id, state: 'delivered', attempts: 1, lastStatus: 200 });
  expect(receiver.received('published')).toHaveLength(1);
  published = { secret: hook.secret, got: got!, article };
});

it('retries a refusing receiver with the same webhook-id until it accepts (500, 500, 200), each attempt recorded', async () => {
  const hook = await register(`${receiver.origin}/hook/flaky?answers=500,500,200`, ['article.updated']);
  await patchArticle(published.article.slug, { title: 'Tin phát hành có webhook (sửa)' });
  const got = await until('three attempts', () => (receiver.received('flaky').length >= 3 ? receiver.received('flaky') : null));
  const ids = new Set(got.map((g) => g.headers['webhook-id']));
  expect(ids.size).toBe(1);
  for (const g of got) expect(verified(hook.secret, g).type).toBe('article.updated');
  const [delivery] = await until('delivered after 3 attempts', async () => {
    const list = await deliveries(hook.id);
    return list[0]?.state === 'delivered' ? list : null;
  });
  expect(delivery).toMatchObject({ state: 'delivered', attempts: 3, lastStatus: 200, lastError: '', messageId: [...ids][0] });
  const detail = await (await asAdmin(`/api/v1/webhooks/${hook.id}/deliveries/${delivery!.id}`)).json() as { tries: { attemptedAt: string; status: number; error: string; durationMs: number }[] };
  expect(detail.tries.map((t) => t.status)).toEqual([500, 500, 200]);
  expect(detail.tries[0]!.error).toMatch(/^HTTP 500/);
  figures.push(`500,500,200 receiver: arrivals at +0, +${got[1]!.at - got[0]!.at}, +${got[2]!.at - got[0]!.at} ms (schedule 1 s, 1 s); attempts table: ${detail.tries.map((t) => `${t.status} ${t.durationMs} ms`).join(' | ')}`);
  // Pausing it keeps later updates (the latency runs below) from reaching it.
  expect((await asAdmin(`/api/v1/webhooks/${hook.id}`, { method: 'DELETE' })).status).toBe(204);
  expect(receiver.received('flaky')).toHaveLength(3);
});

it('lets a receiver reject a forged body, a forged signature and a replay with an old timestamp', () => {
  const { secret, got } = published;
  expect(() => verified(secret, got)).not.toThrow();
  expect(() => verified(secret, { ...got, body: got.body.replace('"version":', '"version":9') })).toThrow(/signature/i);
  expect(() => verified(secret, { ...got, headers: { ...got.headers, 'webhook-signature': `v1,${Buffer.alloc(32, 7).toString('base64')}` } })).toThrow(/signature/i);
  // A replay of the real message signed (by whoever holds the secret) six minutes ago: outside the tolerance.
  const old = new Date(Date.now() - 6 * 60_000);
  const replay = { ...got.headers, 'webhook-timestamp': String(Math.floor(old.getTime() / 1000)), 'webhook-signature': new Webhook(secret).sign(got.headers['webhook-id']!, old, got.body) };
  expect(() => verified(secret, { body: got.body, headers: replay })).toThrow(/timestamp/i);
  expect(() => verified('whsec_' + Buffer.alloc(32, 1).toString('base64'), got)).toThrow(/signature/i);
});

it('announces a scheduled article at its publish time, not at its save', async () => {
  const before = receiver.received('published').length;
  const publishAt = new Date(Math.ceil((Date.now() + 3000) / 1000) * 1000);
  const { article } = await createArticle('Tin hẹn giờ có webhook', { status: 'scheduled', publishAt: publishAt.toISOString() });
  const hookId = (await (await asAdmin('/api/v1/webhooks')).json() as { items: { id: number; url: string }[] }).items.find((w) => w.url.endsWith('/hook/published'))!.id;
  const waiting = (await deliveries(hookId)).find((d) => d.itemId === article.id);
  expect(waiting, 'the announcement is in the outbox at save').toMatchObject({ state: 'pending', attempts: 0, nextAttemptAt: publishAt.toISOString() });
  expect(receiver.received('published')).toHaveLength(before);
  const got = await until('the scheduled article.published', () => receiver.received('published')[before]);
  expect(got.at).toBeGreaterThanOrEqual(publishAt.getTime());
  const payload = verified(published.secret, got);
  expect(payload).toMatchObject({ type: 'article.published', timestamp: publishAt.toISOString(), data: { id: article.id, slug: article.slug } });
  expect((await fetch(payload.data.apiUrl)).status).toBe(200);
  figures.push(`scheduled article: delivered ${got.at - publishAt.getTime()} ms after its publish time (alarm set by the save's kick, no cron run)`);
});

it('records an unreachable receiver as failed attempts, and neither it nor a hanging one slows or fails the save', async () => {
  const closed = await new Promise<number>((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
  const unreachable = await register(`http://127.0.0.1:${closed}/hook/nobody`, ['article.published']);
  const { article, status } = await createArticle('Tin gửi tới nơi không nghe');
  expect(status).toBe(201);
  const delivery = await until('the delivery failed for good', async () => (await deliveries(unreachable.id)).find((d) => d.itemId === article.id && d.state === 'failed'));
  expect(delivery).toMatchObject({ attempts: 4, lastStatus: null });
  expect(delivery.lastError).toMatch(/^network error/);
  const detail = await (await asAdmin(`/api/v1/webhooks/${unreachable.id}/deliveries/${delivery.id}`)).json() as { tries: { attemptedAt: string; status: number | null; error: string }[] };
  expect(detail.tries).toHaveLength(4);
  for (const t of detail.tries) expect(t).toMatchObject({ status: null, error: expect.stringMatching(/^network error/) });
  const gaps = detail.tries.slice(1).map((t, i) => Date.parse(t.attemptedAt) - Date.parse(detail.tries[i]!.attemptedAt));
  figures.push(`closed port: 4 attempts then failed, gaps ${gaps.join(', ')} ms (schedule 1, 1, 2 s); last error "${delivery.lastError}"`);

  // The save's latency with no receiver for article.updated, then with one that never answers (10 s timeout).
  const { article: edited } = await createArticle('Tin sửa nhiều lần');
  const without: number[] = [];
  for (let i = 0; i < 5; i++) without.push(await patchArticle(edited.slug, { title: `Tin sửa nhiều lần ${i}` }));
  await register(`${receiver.origin}/hook/hangs?answers=hang`, ['article.updated']);
  const withHanging: number[] = [];
  for (let i = 0; i < 5; i++) withHanging.push(await patchArticle(edited.slug, { title: `Tin sửa nhiều lần (treo) ${i}` }));
  await until('the hanging receiver reached', () => receiver.received('hangs')[0]);
  figures.push(`save (PATCH) latency, median of 5: ${median(without).toFixed(0)} ms without webhooks, ${median(withHanging).toFixed(0)} ms with a receiver that hangs 10 s [${withHanging.map((m) => m.toFixed(0)).join(', ')}]`);
});
