// The red team's probes of the webhooks surfaces (issue 15) that found something, or that guard a boundary
// the other files do not reach: concurrent registrations against the per-site limit, pathological bodies,
// and what a receiver can do to a sender. Real Worker, real local D1, a real receiver on 127.0.0.1.
import { env, exports } from 'cloudflare:workers';
import { runDurableObjectAlarm, runInDurableObject } from 'cloudflare:test';
import { asc, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { webhookAttempts, webhookDeliveries, webhooks } from '../../schema/tables.ts';
import { database } from '../../functions/data/db.ts';
import { createSite } from '../../functions/data/sites.ts';
import { createToken } from '../../functions/data/tokens.ts';
import { MAX_WEBHOOKS_PER_SITE } from '../../functions/data/webhooks.ts';
import { reloadRegistry } from '../../functions/sites/registry.ts';
import { DELIVERIES_PER_ALARM, sendGuard, type WebhookDispatcher } from '../../functions/webhooks/dispatcher.ts';
import { kickWebhooks, webhookDispatcher } from '../../functions/webhooks/kick.ts';
import { newWebhookSecret, sealWebhookSecret } from '../../functions/webhooks/secret.ts';
import { checkWebhookUrl } from '../../functions/webhooks/url-guard.ts';
import type { Received } from '../support/webhook-receiver.ts';
import { expectProblem, unique } from '../support/api.ts';

const db = database(env.DB);
const HOOK = 'https://93.184.216.34/bientap';

async function newSite(prefix: string) {
  const host = `${unique(prefix)}.test`;
  const created = await createSite(db, { name: `Trang ${host}`, hosts: [host] });
  const token = (await createToken(db, created.id, unique('quan-tri'), ['admin'])).token;
  await reloadRegistry(env);
  return { id: created.id, host, token };
}

const post = (site: { host: string; token: string }, body: string) =>
  exports.default.fetch(new Request(`http://${site.host}/api/v1/webhooks`, {
    method: 'POST', headers: { Authorization: `Bearer ${site.token}`, 'Content-Type': 'application/json' }, body,
  }));

const count = async (siteId: number) => (await db.select({ id: webhooks.id }).from(webhooks).where(eq(webhooks.siteId, siteId))).length;

describe('registrations under load', () => {
  // Found: the count was read before the batch, so all 20 passed it together (25 webhooks on the site).
  it(`20 concurrent registrations on a site with 5 webhooks: 15 accepted, 5 refused, the limit of ${MAX_WEBHOOKS_PER_SITE} holds`, async () => {
    const site = await newSite('dong-thoi');
    for (let i = 0; i < 5; i += 1) {
      expect((await post(site, JSON.stringify({ url: HOOK, events: ['article.published'] }))).status).toBe(201);
    }
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) =>
      post(site, JSON.stringify({ url: `${HOOK}/${i}`, events: ['article.published'] }))));
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(15);
    const refused = answers.filter((r) => r.status === 422);
    expect(refused).toHaveLength(5);
    for (const answer of refused) expect((await expectProblem(answer, 422)).detail).toContain(`at most ${MAX_WEBHOOKS_PER_SITE}`);
    expect(await count(site.id)).toBe(MAX_WEBHOOKS_PER_SITE);
  });
});

describe('pathological bodies', () => {
  let site: { id: number; host: string; token: string };
  beforeAll(async () => {
    site = await newSite('la');
  });

  it.each([
    ['a 10,000-name events array', JSON.stringify({ url: HOOK, events: Array.from({ length: 10_000 }, () => 'article.published') }), 422],
    ['an events string instead of an array', JSON.stringify({ url: HOOK, events: 'article.published' }), 422],
    ['a 500 kB description', JSON.stringify({ url: HOOK, events: ['article.published'], description: 'x'.repeat(500_000) }), 422],
    ['a 100 kB URL', JSON.stringify({ url: `https://example.com/${'a'.repeat(100_000)}`, events: ['article.published'] }), 422],
    ['a URL that is a number', JSON.stringify({ url: 2130706433, events: ['article.published'] }), 422],
    ['a 2 MB body', JSON.stringify({ url: HOOK, events: ['article.published'], description: 'x'.repeat(2_000_000) }), 413],
    ['a __proto__ key', '{"url":"https://93.184.216.34/p","events":["article.published"],"__proto__":{"active":false}}', 422],
    ['an array body', '[]', 422],
    ['null', 'null', 422],
  ])('refuses %s (%s) and stores nothing', async (_what, body, status) => {
    const before = await count(site.id);
    await expectProblem(await post(site, body), status);
    expect(await count(site.id)).toBe(before);
  });

  it('JSON with a duplicate key: the URL that is checked is the URL that is stored (the last one), a private one refused', async () => {
    const refused = await post(site, `{"url":"${HOOK}","events":["article.published"],"url":"https://10.0.0.1/x"}`);
    expect((await expectProblem(refused, 422)).errors?.[0]?.field).toBe('url');
    const accepted = await post(site, `{"url":"https://10.0.0.1/x","events":["article.published"],"url":"${HOOK}/dup"}`);
    expect(accepted.status).toBe(201);
    expect(((await accepted.json()) as { url: string }).url).toBe(`${HOOK}/dup`);
  });
});

describe('the OpenAPI document on two sites', () => {
  it('is the same document on another site\'s host, with that site\'s origin as its server (the edge cache keeps them apart)', async () => {
    const other = await newSite('openapi');
    const get = async (host: string) => {
      const res = await exports.default.fetch(new Request(`http://${host}/api/v1/openapi.json`));
      expect(res.status).toBe(200);
      return (await res.json()) as { servers: Array<{ url: string }>; info: { contact: { url: string } }; paths: Record<string, Record<string, { security?: unknown; responses: Record<string, unknown> }>> };
    };
    const first = await get('cms.test');
    const again = await get('cms.test'); // from the edge cache now
    const second = await get(other.host);
    expect(first.servers).toEqual([{ url: 'http://cms.test' }]);
    expect(again.servers).toEqual(first.servers);
    expect(second.servers).toEqual([{ url: `http://${other.host}` }]);
    expect(second.info.contact.url).toBe(`http://${other.host}/`);
    const strip = (doc: typeof first) => ({ ...doc, servers: null, info: { ...doc.info, contact: null } });
    expect(strip(second)).toEqual(strip(first));
    // The webhooks routes are in it, each behind a bearer token, answering 401 without one and 403 without the admin scope.
    const hooks = Object.entries(first.paths).filter(([path]) => path.startsWith('/api/v1/webhooks'));
    expect(hooks.map(([path]) => path).sort()).toEqual([
      '/api/v1/webhooks', '/api/v1/webhooks/{id}', '/api/v1/webhooks/{id}/deliveries/{deliveryId}',
      '/api/v1/webhooks/{id}/deliveries/{deliveryId}/redeliver', '/api/v1/webhooks/{id}/secret',
    ]);
    for (const [path, ops] of hooks) for (const [method, op] of Object.entries(ops)) {
      expect(op.security, `${method} ${path}`).toEqual([{ bearer: [] }]);
      expect(Object.keys(op.responses), `${method} ${path}`).toEqual(expect.arrayContaining(['401', '403']));
    }
  });
});

describe('a backlog', () => {
  it('1,000 pending deliveries of one site: each alarm run sends at most its bound, and every one goes out exactly once', async () => {
    const site = await newSite('ton-dong');
    const name = unique('ton');
    const [hook] = await db.insert(webhooks).values({
      siteId: site.id, url: `${inject('webhookReceiver')}/hook/${name}`, events: JSON.stringify(['article.published']),
      secretSealed: await sealWebhookSecret(env, site.id, newWebhookSecret()),
    }).returning();
    const due = new Date(Date.now() - 60_000);
    const rows = Array.from({ length: 1000 }, (_, i) => ({
      siteId: site.id, webhookId: hook!.id, messageId: `msg_${name}_${i}`, eventType: 'article.published' as const, itemKind: 'article' as const,
      itemId: i + 1, payload: JSON.stringify({ type: 'article.published', n: i }), nextAttemptAt: due,
    }));
    // D1 binds at most 100 variables per statement: 8 rows of 11 at a time, one batch.
    await db.batch(Array.from({ length: Math.ceil(rows.length / 8) }, (_, i) => db.insert(webhookDeliveries).values(rows.slice(i * 8, i * 8 + 8))) as [never, ...never[]]);
    const stub = webhookDispatcher(env, site.id);
    await kickWebhooks(env, site.id);
    // The receiver is on loopback: the object's guard gets the local setting (as npm start has).
    await runInDurableObject(stub, (object: WebhookDispatcher) => {
      object.guard = sendGuard({ ...env, WEBHOOK_LOOPBACK: 'allow' });
    });
    let runs = 0;
    const states = async () => {
      const all = await db.select({ state: webhookDeliveries.state, attempts: webhookDeliveries.attempts }).from(webhookDeliveries).where(eq(webhookDeliveries.webhookId, hook!.id));
      return { delivered: all.filter((r) => r.state === 'delivered').length, attempts: all.reduce((n, r) => n + r.attempts, 0) };
    };
    let before = 0;
    while (await runDurableObjectAlarm(stub)) {
      runs += 1;
      const now = await states();
      // One alarm run: at most DELIVERIES_PER_ALARM more delivered.
      expect(now.delivered - before).toBeLessThanOrEqual(DELIVERIES_PER_ALARM);
      before = now.delivered;
      if (runs > 100) break;
    }
    expect(await states()).toEqual({ delivered: 1000, attempts: 1000 });
    expect(runs).toBeGreaterThanOrEqual(1000 / DELIVERIES_PER_ALARM - 1);
    const got: Received[] = await (await fetch(`${inject('webhookReceiver')}/received/${name}`)).json();
    const ids = got.map((r) => r.headers['webhook-id']);
    expect(ids).toHaveLength(1000);
    expect(new Set(ids).size).toBe(1000);
  }, 120_000);
});

describe('more spellings of an internal address', () => {
  const noDns = async (name: string): Promise<string[]> => {
    throw new Error(`unexpected DNS lookup of ${name}`);
  };
  it.each([
    'https://127.0.0.1%2e/', 'https://%31%32%37.0.0.1/', 'https://0177.0.0.1/', 'https://0x7f.1/', 'https://0x7f.0x0.0x0.0x1/',
    'https://127.0.0.1\\.example.com/', 'https://[0:0:0:0:0:0:0:1]/', 'https://[::ffff:a9fe:a9fe]/', 'https://[::127.0.0.1]/',
    'https://[fec0::1]/', 'https://[fc00::]/', 'https://[::ffff:0:a00:1]/', 'https://[64:ff9b:1::a00:1]/', 'https://100.64.0.1/', 'https://198.18.0.1/',
    'https://169.254.169.254./', 'https://2852039166/', 'https://0xa9fea9fe/', 'https://\u216Cocalhost/', 'https://metadata.google.internal./',
    'https://instance-data/', 'https://localhost%00.example.com/', 'https://LOCALHOST/', 'https://[::ffff:7f00:1]:443/',
    'https:\\\\127.0.0.1/', 'https:127.0.0.1/', 'https:/\\10.0.0.1/',
  ])('refuses %s in production and locally', async (raw) => {
    for (const env of [{ WEBHOOK_LOOPBACK: 'refuse' }, { WEBHOOK_LOOPBACK: 'allow' }]) {
      const result = await checkWebhookUrl(raw, env, { resolve: noDns });
      if (env.WEBHOOK_LOOPBACK === 'allow' && result.ok) {
        // Locally only a loopback receiver passes, and only as itself.
        expect(['127.0.0.1', 'localhost', '[::1]', '[::ffff:7f00:1]', '[::7f00:1]']).toContain(result.url.hostname);
        continue;
      }
      expect(result.ok, `${raw} ${env.WEBHOOK_LOOPBACK}`).toBe(false);
    }
  });

  it('a backslash after a public address is a path: the URL stored and fetched is the public one', async () => {
    const result = await checkWebhookUrl('https://93.184.216.34\\@127.0.0.1/', { WEBHOOK_LOOPBACK: 'refuse' }, { resolve: noDns });
    expect(result.ok && result.url.href).toBe('https://93.184.216.34/@127.0.0.1/');
  });
});

/** A webhook of a fresh site to the test receiver, with one delivery due; its dispatcher runs once with the local guard. */
async function sendOnce(answers: string, { url, guard = { WEBHOOK_LOOPBACK: 'allow' } }: { url?: string; guard?: Record<string, string> } = {}) {
  const site = await newSite('nhan');
  const name = unique('nhan');
  const [hook] = await db.insert(webhooks).values({
    siteId: site.id, url: url ?? `${inject('webhookReceiver')}/hook/${name}?answers=${answers}`, events: JSON.stringify(['article.published']),
    secretSealed: await sealWebhookSecret(env, site.id, newWebhookSecret()),
  }).returning();
  const [row] = await db.insert(webhookDeliveries).values({
    siteId: site.id, webhookId: hook!.id, messageId: `msg_${name}`, eventType: 'article.published', itemKind: 'article', itemId: 1,
    payload: '{"type":"article.published"}', nextAttemptAt: new Date(Date.now() - 1000),
  }).returning();
  await kickWebhooks(env, site.id);
  await runInDurableObject(webhookDispatcher(env, site.id), async (object: WebhookDispatcher, state) => {
    await state.storage.deleteAlarm();
    object.guard = sendGuard({ ...env, ...guard });
    await object.dispatch(Date.now());
    await state.storage.deleteAlarm();
  });
  const [after] = await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, row!.id));
  const attempts = await db.select().from(webhookAttempts).where(eq(webhookAttempts.deliveryId, row!.id)).orderBy(asc(webhookAttempts.id));
  return { name, delivery: after!, attempts };
}

describe('what a receiver answers', () => {
  // Found: the Location was kept whole, so a receiver could make every attempt store 16 kB (or more) of its text.
  it('a redirect with a 16 kB Location: not followed, and only an excerpt of where it pointed is kept', async () => {
    const { name, delivery, attempts } = await sendOnce('redirect-long');
    expect(delivery).toMatchObject({ state: 'pending', attempts: 1, lastStatus: 302 });
    expect(delivery.lastError).toMatch(new RegExp(`^HTTP 302: redirect to /hook/${name}-x+… not followed$`));
    expect(delivery.lastError.length).toBeLessThanOrEqual(400);
    expect(attempts.map((a) => a.error)).toEqual([delivery.lastError]);
  });
});

describe('a name whose answer changed after registration (DNS rebinding)', () => {
  it('is checked again before the send: a name now answering 10.0.0.5 is a refused attempt, nothing sent', async () => {
    // Registered while it answered a public address (what the guard then accepted); at send time the
    // resolver (a real DNS-over-HTTPS server in Node) answers a private one.
    const resolver = `${inject('fakeDns')}/dns-query`;
    expect((await checkWebhookUrl('https://public.example.com/hook', { WEBHOOK_LOOPBACK: 'refuse', WEBHOOK_DNS_RESOLVER: resolver })).ok).toBe(true);
    const { delivery, attempts } = await sendOnce('', { url: 'https://private.example.com/hook', guard: { WEBHOOK_LOOPBACK: 'refuse', WEBHOOK_DNS_RESOLVER: resolver } });
    expect(delivery).toMatchObject({ state: 'pending', attempts: 1, lastStatus: null });
    expect(delivery.lastError).toMatch(/^refused: private: private\.example\.com resolves to 10\.0\.0\.5/);
    expect(attempts).toHaveLength(1);
    // Locally too: a private answer is refused whatever WEBHOOK_LOOPBACK says.
    const local = await sendOnce('', { url: 'https://metadata.example.com/hook', guard: { WEBHOOK_LOOPBACK: 'allow', WEBHOOK_DNS_RESOLVER: resolver } });
    expect(local.delivery.lastError).toMatch(/^refused: link-local: .*169\.254\.169\.254/);
  });
});
