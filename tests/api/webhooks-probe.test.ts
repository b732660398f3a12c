// The red team's probes of the webhooks surfaces (issue 15) that found something, or that guard a boundary
// the other files do not reach: concurrent registrations against the per-site limit, pathological bodies,
// and what a receiver can do to a sender. Real Worker, real local D1, a real receiver on 127.0.0.1.
import { env, exports } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { webhooks } from '../../schema/tables.ts';
import { database } from '../../functions/data/db.ts';
import { createSite } from '../../functions/data/sites.ts';
import { createToken } from '../../functions/data/tokens.ts';
import { MAX_WEBHOOKS_PER_SITE } from '../../functions/data/webhooks.ts';
import { reloadRegistry } from '../../functions/sites/registry.ts';
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
