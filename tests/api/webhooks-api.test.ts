// The webhooks API (auth 'admin': a token with the admin scope, of the host's site) through the Worker
// against real local D1: registering answers the secret once (stored sealed, opening to it), refusals are
// 422 naming the field, another site's webhooks are not found, pausing cancels waiting deliveries, deleting
// takes deliveries and attempts with it, the secret rotates, a failed delivery is sent again with the same
// message id, an archived site refuses writes (409), and every change is in the audit log.
// Receivers are public literal addresses: registration under production settings never needs DNS for them.
import { env, exports } from 'cloudflare:workers';
import { and, desc, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditLog, webhookAttempts, webhookDeliveries, webhooks } from '../../schema/tables.ts';
import { database } from '../../functions/data/db.ts';
import { archiveSite, createSite } from '../../functions/data/sites.ts';
import { createToken } from '../../functions/data/tokens.ts';
import { reloadRegistry } from '../../functions/sites/registry.ts';
import { NotFound } from '../../functions/articles/errors.ts';
import { changeWebhook, deleteWebhook, redeliver, rotateWebhookSecret } from '../../functions/webhooks/manage.ts';
import { openWebhookSecret } from '../../functions/webhooks/secret.ts';
import { expectProblem, unique } from '../support/api.ts';

const db = database(env.DB);
const HOOK = 'https://93.184.216.34/bientap';
let site = 0;
let host = '';
let admin = '';
let adminName = '';

const request = (path: string, method = 'GET', body?: unknown, token: string | null = admin, on = host) =>
  exports.default.fetch(new Request(`http://${on}/api/v1/webhooks${path}`, {
    method,
    headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  }));

async function register(body: Record<string, unknown> = {}, on = host, token = admin) {
  const res = await request('', 'POST', { url: HOOK, events: ['article.published'], ...body }, token, on);
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()) as { id: number; url: string; events: string[]; description: string; active: boolean; createdAt: string; secret: string };
}

/**
 * A registered webhook the dispatcher never sends out of this machine: a redelivery kicks it, and its URL
 * (a public address, as registration requires) is changed in D1 to a name the send guard refuses first.
 */
async function offline(hook: { id: number }) {
  await db.update(webhooks).set({ url: 'https://receiver.internal/hook' }).where(eq(webhooks.id, hook.id));
  return hook;
}

async function newSite(prefix: string) {
  const h = `${unique(prefix)}.test`;
  const created = await createSite(db, { name: `Trang ${h}`, hosts: [h] });
  const name = unique('quan-tri');
  return { id: created.id, host: h, token: (await createToken(db, created.id, name, ['admin'])).token, name };
}

let seq = 0;
/** An outbox row as the write service leaves it, in the state a test needs. */
async function delivery(webhookId: number, siteId: number, state: 'pending' | 'delivered' | 'failed', attempts = 0) {
  seq += 1;
  const [row] = await db.insert(webhookDeliveries).values({
    siteId, webhookId, messageId: `msg_${unique('api')}`, eventType: 'article.published', itemKind: 'article', itemId: seq,
    payload: JSON.stringify({ type: 'article.published', seq }), state, attempts, nextAttemptAt: state === 'pending' ? new Date(Date.now() + 3_600_000) : null,
    lastStatus: state === 'failed' ? 500 : state === 'delivered' ? 200 : null, lastError: state === 'failed' ? 'HTTP 500' : '',
    lastAttemptAt: attempts ? new Date(Date.now() - 60_000) : null,
  }).returning();
  if (attempts) {
    await db.insert(webhookAttempts).values({ deliveryId: row!.id, attemptedAt: new Date(Date.now() - 60_000), status: row!.lastStatus, error: row!.lastError, durationMs: 12 });
  }
  return row!;
}

const auditOf = (subject: string) => db.select().from(auditLog).where(eq(auditLog.subject, subject)).orderBy(desc(auditLog.id));

beforeAll(async () => {
  ({ id: site, host, token: admin, name: adminName } = await newSite('webhook'));
  await reloadRegistry(env);
});

describe('registering a webhook', () => {
  it('answers 201 with the secret once; the list and the webhook never show it; it is stored sealed for the site', async () => {
    const created = await register({ events: ['page.deleted', 'article.published', 'document.updated'], description: 'Ứng dụng di động' });
    expect(created).toMatchObject({ url: HOOK, active: true, description: 'Ứng dụng di động', events: ['article.published', 'document.updated', 'page.deleted'] });
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const [row] = await db.select().from(webhooks).where(eq(webhooks.id, created.id));
    expect(row!.secretSealed).not.toContain(created.secret.slice(6));
    expect(await openWebhookSecret(env, site, row!.secretSealed)).toBe(created.secret);

    const list = await request('');
    expect(list.status).toBe(200);
    expect(list.headers.get('Cache-Control')).toBe('private, no-store');
    const text = await list.text();
    expect(text).not.toContain(created.secret);
    expect(JSON.parse(text).items).toContainEqual(expect.objectContaining({ id: created.id, url: HOOK, pending: 0, failed: 0, last: null }));
    const one = await request(`/${created.id}`);
    const body = await one.text();
    expect(body).not.toContain(created.secret);
    expect(JSON.parse(body)).toMatchObject({ id: created.id, deliveries: [] });

    const [entry] = await auditOf(`webhook:${created.id}`);
    expect(entry).toMatchObject({ action: 'webhook.created', actorLabel: `token:${adminName}`, siteId: site });
    expect(entry!.detail).not.toContain(created.secret);
  });

  it.each([
    [{ url: 'https://10.0.0.1/x' }, 'url', 'private'],
    [{ url: 'https://169.254.169.254/latest/meta-data/' }, 'url', 'link-local'],
    [{ url: 'http://93.184.216.34/x' }, 'url', 'https'],
    [{ url: 'http://127.0.0.1:9000/x' }, 'url', 'loopback'],
    [{ url: 'https://[::1]/x' }, 'url', 'loopback'],
    [{ url: 'https://intranet/x' }, 'url', 'internal'],
    [{ url: 'https://u:p@93.184.216.34/' }, 'url', 'user name'],
    [{ url: 'not a url' }, 'url', ''],
    [{ events: [] }, 'events', ''],
    [{ events: ['article.exploded'] }, 'events.0', ''],
    [{ events: ['article.published', 'article.published'] }, 'events', 'twice'],
    [{ description: 'x'.repeat(201) }, 'description', ''],
    [{ secret: 'whsec_mine' }, 'secret', 'Unknown'],
  ])('refuses %j with 422 naming %s', async (change, field, words) => {
    const before = (await db.select().from(webhooks).where(eq(webhooks.siteId, site))).length;
    const res = await request('', 'POST', { url: HOOK, events: ['article.published'], ...change });
    const problem = await expectProblem(res, 422);
    expect(problem.errors?.map((e) => e.field)).toContain(field);
    expect(problem.errors?.find((e) => e.field === field)?.message).toContain(words);
    expect((await db.select().from(webhooks).where(eq(webhooks.siteId, site))).length).toBe(before);
  });

  it('refuses a malformed body (400) and a body that is not JSON (415)', async () => {
    const bad = await exports.default.fetch(new Request(`http://${host}/api/v1/webhooks`, { method: 'POST', headers: { Authorization: `Bearer ${admin}`, 'Content-Type': 'application/json' }, body: '{' }));
    await expectProblem(bad, 400);
    const form = await exports.default.fetch(new Request(`http://${host}/api/v1/webhooks`, { method: 'POST', headers: { Authorization: `Bearer ${admin}` }, body: 'url=x' }));
    await expectProblem(form, 415);
  });

  it('allows at most 20 webhooks per site (the 21st is 422)', async () => {
    const full = await newSite('day');
    await reloadRegistry(env);
    for (let i = 0; i < 20; i += 1) await register({ description: `#${i}` }, full.host, full.token);
    const res = await request('', 'POST', { url: HOOK, events: ['page.published'] }, full.token, full.host);
    expect((await expectProblem(res, 422)).detail).toContain('at most 20');
    // Another site is not counted against it.
    await register();
  });
});

describe('another site', () => {
  it('never sees, changes, rotates, deletes or redelivers this site\'s webhooks (404), and its list leaves them out', async () => {
    const mine = await register();
    const d = await delivery(mine.id, site, 'failed', 1);
    const other = await newSite('khac');
    await reloadRegistry(env);
    const as = (path: string, method = 'GET', body?: unknown) => request(path, method, body, other.token, other.host);
    for (const [path, method, body] of [
      [`/${mine.id}`, 'GET'], [`/${mine.id}`, 'PATCH', { active: false }], [`/${mine.id}/secret`, 'POST'], [`/${mine.id}`, 'DELETE'],
      [`/${mine.id}/deliveries/${d.id}`, 'GET'], [`/${mine.id}/deliveries/${d.id}/redeliver`, 'POST'],
    ] as [string, string, unknown?][]) {
      const problem = await expectProblem(await as(path, method, body), 404);
      expect(problem.detail, `${method} ${path}`).not.toContain(HOOK);
    }
    const list = await (await as('')).json() as { items: unknown[] };
    expect(list.items).toEqual([]);
    const [row] = await db.select().from(webhooks).where(eq(webhooks.id, mine.id));
    expect(row).toMatchObject({ active: true, url: HOOK });
  });

  it('a path id that names no row is 404', async () => {
    for (const path of ['/0', '/01', '/abc', '/99999999999']) await expectProblem(await request(path), 404);
  });
});

describe('changing a webhook', () => {
  it('changes url, events and description; pausing cancels its waiting deliveries and resuming sends new ones only', async () => {
    const hook = await register();
    const waiting = await delivery(hook.id, site, 'pending');
    const done = await delivery(hook.id, site, 'delivered', 1);
    const res = await request(`/${hook.id}`, 'PATCH', { url: 'https://93.184.216.35/moi', events: ['document.published'], description: 'Mới' });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id: hook.id, url: 'https://93.184.216.35/moi', events: ['document.published'], description: 'Mới', active: true });

    const paused = await request(`/${hook.id}`, 'PATCH', { active: false });
    expect(await paused.json()).toMatchObject({ active: false });
    const rows = await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.webhookId, hook.id));
    expect(rows.find((r) => r.id === waiting.id)).toMatchObject({ state: 'cancelled', lastError: 'webhook paused', nextAttemptAt: null });
    expect(rows.find((r) => r.id === done.id)).toMatchObject({ state: 'delivered' });
    expect(await (await request(`/${hook.id}`, 'PATCH', { active: true })).json()).toMatchObject({ active: true });
    expect((await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, waiting.id)))[0]!.state).toBe('cancelled');

    const actions = (await auditOf(`webhook:${hook.id}`)).map((e) => [e.action, JSON.parse(e.detail)]);
    expect(actions.slice(0, 3)).toEqual([
      ['webhook.changed', { active: true, url: 'https://93.184.216.35/moi' }],
      ['webhook.changed', { active: false, url: 'https://93.184.216.35/moi' }],
      ['webhook.changed', { url: 'https://93.184.216.35/moi', events: ['document.published'], description: 'Mới' }],
    ]);
  });

  it('refuses a private URL, an empty change and an unknown field (422), changing nothing', async () => {
    const hook = await register();
    for (const body of [{ url: 'https://192.168.1.1/' }, {}, { secret: 'x' }, { events: [] }]) {
      await expectProblem(await request(`/${hook.id}`, 'PATCH', body), 422);
    }
    expect((await db.select().from(webhooks).where(eq(webhooks.id, hook.id)))[0]).toMatchObject({ url: HOOK, events: '["article.published"]' });
  });

  it('rotates the secret: answered once, the stored one opens to the new secret only', async () => {
    const hook = await register();
    const res = await request(`/${hook.id}/secret`, 'POST');
    expect(res.status).toBe(200);
    const { secret } = (await res.json()) as { secret: string };
    expect(secret).toMatch(/^whsec_/);
    expect(secret).not.toBe(hook.secret);
    const [row] = await db.select().from(webhooks).where(eq(webhooks.id, hook.id));
    expect(await openWebhookSecret(env, site, row!.secretSealed)).toBe(secret);
    expect((await auditOf(`webhook:${hook.id}`))[0]).toMatchObject({ action: 'webhook.changed' });
    expect(JSON.parse((await auditOf(`webhook:${hook.id}`))[0]!.detail)).toMatchObject({ secret: 'rotated' });
  });

  it('deletes it with its deliveries and their attempts (204), then it is 404', async () => {
    const hook = await register();
    const d = await delivery(hook.id, site, 'failed', 1);
    const res = await request(`/${hook.id}`, 'DELETE');
    expect(res.status).toBe(204);
    expect(await db.select().from(webhooks).where(eq(webhooks.id, hook.id))).toEqual([]);
    expect(await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.webhookId, hook.id))).toEqual([]);
    expect(await db.select().from(webhookAttempts).where(eq(webhookAttempts.deliveryId, d.id))).toEqual([]);
    await expectProblem(await request(`/${hook.id}`), 404);
    await expectProblem(await request(`/${hook.id}`, 'DELETE'), 404);
    expect((await auditOf(`webhook:${hook.id}`))[0]).toMatchObject({ action: 'webhook.deleted' });
  });
});

describe('deliveries', () => {
  it('lists the latest with the figures, shows one with its payload and attempts, and redelivers a failed one with the same message id', async () => {
    const hook = await offline(await register());
    const failed = await delivery(hook.id, site, 'failed', 1);
    const waiting = await delivery(hook.id, site, 'pending');
    const list = (await (await request('')).json()) as { items: { id: number; pending: number; failed: number; last: unknown }[] };
    expect(list.items.find((w) => w.id === hook.id)).toMatchObject({ pending: 1, failed: 1, last: { state: 'failed', status: 500 } });

    const detail = (await (await request(`/${hook.id}`)).json()) as { deliveries: { id: number; messageId: string }[] };
    expect(detail.deliveries.map((d) => d.id)).toEqual([waiting.id, failed.id]);
    expect(detail.deliveries[1]).toMatchObject({ messageId: failed.messageId, state: 'failed', attempts: 1, lastStatus: 500, lastError: 'HTTP 500', eventType: 'article.published', itemKind: 'article' });

    const one = (await (await request(`/${hook.id}/deliveries/${failed.id}`)).json()) as { payload: string; tries: unknown[] };
    expect(one.payload).toBe(failed.payload);
    expect(one.tries).toEqual([expect.objectContaining({ status: 500, error: 'HTTP 500', durationMs: 12 })]);
    await expectProblem(await request(`/${hook.id}/deliveries/${failed.id + 1000}`), 404);

    const before = Date.now();
    const again = await request(`/${hook.id}/deliveries/${failed.id}/redeliver`, 'POST');
    expect(again.status).toBe(202);
    expect(await again.json()).toEqual({ id: failed.id, state: 'pending' });
    const [row] = await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, failed.id));
    // The dispatcher may have tried it already (kicked at once): it is never the same row twice, and keeps its id.
    expect(row!.messageId).toBe(failed.messageId);
    expect(row!.attempts).toBeGreaterThanOrEqual(1);
    expect(row!.state === 'pending' ? row!.nextAttemptAt!.getTime() : row!.lastAttemptAt!.getTime()).toBeGreaterThanOrEqual(before);
    const [entry] = await db.select().from(auditLog).where(and(eq(auditLog.subject, `webhook:${hook.id}`), eq(auditLog.action, 'webhook.redelivered')));
    expect(JSON.parse(entry!.detail)).toMatchObject({ delivery: failed.id, messageId: failed.messageId });
  });

  it('does not redeliver a pending delivery, nor one of a paused webhook (422)', async () => {
    const hook = await register();
    const waiting = await delivery(hook.id, site, 'pending');
    expect((await expectProblem(await request(`/${hook.id}/deliveries/${waiting.id}/redeliver`, 'POST'), 422)).errors).toEqual([
      expect.objectContaining({ field: 'state' }),
    ]);
    const failed = await delivery(hook.id, site, 'failed', 2);
    await request(`/${hook.id}`, 'PATCH', { active: false });
    await expectProblem(await request(`/${hook.id}/deliveries/${failed.id}/redeliver`, 'POST'), 422);
    expect((await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, failed.id)))[0]).toMatchObject({ state: 'failed', attempts: 2 });
  });
});

describe('two "send again" of one delivery at once', () => {
  it('records the one that sent it again; the batch of the one that lost commits nothing (422, no audit entry)', async () => {
    const hook = await offline(await register());
    const failed = await delivery(hook.id, site, 'failed', 1);
    const ref = { id: site, status: 'active' as const };
    const who = { token: { id: 0, name: adminName } };
    // The loser read the delivery as failed; the winner commits between that read and the loser's batch.
    let won: Promise<void> | null = null;
    const racing = {
      prepare: (sql: string) => env.DB.prepare(sql),
      batch: async (statements: D1PreparedStatement[]) => {
        won ??= redeliver(env, ref, hook.id, failed.id, who, new Date());
        await won;
        return env.DB.batch(statements);
      },
    } as unknown as D1Database;
    await expect(redeliver({ ...env, DB: racing }, ref, hook.id, failed.id, who, new Date())).rejects.toMatchObject({ problem: 'not-redeliverable' });
    const entries = (await auditOf(`webhook:${hook.id}`)).filter((e) => e.action === 'webhook.redelivered');
    expect(entries).toHaveLength(1);
  });
});

describe('a change that loses to a concurrent delete', () => {
  it('answers 404 and records nothing: change, pause, rotate, delete each read the webhook, then it was deleted', async () => {
    const ref = { id: site, status: 'active' as const };
    const who = { token: { id: 0, name: adminName } };
    const cases = [
      (e: Env, id: number) => changeWebhook(e, ref, id, { description: 'Đổi' }, who, new Date()),
      (e: Env, id: number) => changeWebhook(e, ref, id, { active: false }, who, new Date()),
      (e: Env, id: number) => rotateWebhookSecret(e, ref, id, who, new Date()),
      (e: Env, id: number) => deleteWebhook(e, ref, id, who, new Date()),
    ];
    for (const act of cases) {
      const hook = await register();
      // The other request's delete commits between this one's read and its batch.
      const racing = {
        prepare: (sql: string) => env.DB.prepare(sql),
        batch: async (statements: D1PreparedStatement[]) => {
          await deleteWebhook(env, ref, hook.id, who, new Date());
          return env.DB.batch(statements);
        },
      } as unknown as D1Database;
      await expect(act({ ...env, DB: racing }, hook.id)).rejects.toBeInstanceOf(NotFound);
      expect((await auditOf(`webhook:${hook.id}`)).map((e) => e.action)).toEqual(['webhook.deleted', 'webhook.created']);
    }
  });
});

describe('an archived site', () => {
  it('still lists its webhooks but refuses every change (409)', async () => {
    const archived = await newSite('luu-tru');
    await reloadRegistry(env);
    const hook = await register({}, archived.host, archived.token);
    await archiveSite(db, archived.id);
    await reloadRegistry(env);
    const as = (path: string, method = 'GET', body?: unknown) => request(path, method, body, archived.token, archived.host);
    expect((await as('')).status).toBe(200);
    await expectProblem(await as('', 'POST', { url: HOOK, events: ['article.published'] }), 409);
    await expectProblem(await as(`/${hook.id}`, 'PATCH', { active: false }), 409);
    await expectProblem(await as(`/${hook.id}/secret`, 'POST'), 409);
    await expectProblem(await as(`/${hook.id}`, 'DELETE'), 409);
    expect((await db.select().from(webhooks).where(eq(webhooks.id, hook.id)))[0]).toMatchObject({ active: true });
  });
});
