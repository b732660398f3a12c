// POST /api/v1/import/visits (functions/import/visits.ts): the old portal's total raises the site's
// starting total so "Tổng truy cập" is at least it, never lowers it, and the stats answer shows it at once.
import { env, exports } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { sites } from '../../schema/tables.ts';
import { database } from '../../functions/data/db.ts';
import { createSite } from '../../functions/data/sites.ts';
import { createToken } from '../../functions/data/tokens.ts';
import { expectProblem } from '../support/api.ts';

const db = database(env.DB);
const U = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
const HOST = `tc-${U}.test`;
let siteId = 0;
let token = '';

const post = (body: unknown) => exports.default.fetch(new Request(`http://${HOST}/api/v1/import/visits`, {
  method: 'POST', body: JSON.stringify(body), headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
}));
const shown = async () => ((await (await exports.default.fetch(new Request(`http://${HOST}/api/v1/stats`))).json()) as { totalVisits: number }).totalVisits;

beforeAll(async () => {
  siteId = (await createSite(db, { name: `Trang truy cập ${U}`, hosts: [HOST], visitOffset: 1_000 })).id;
  token = (await createToken(db, siteId, 'tc', ['import'])).token;
});

it('raises the starting total to the old portal\'s, shown by the stats at once', async () => {
  const res = await post({ total: 3_557_924 });
  expect(res.status).toBe(200);
  expect(await res.json()).toEqual({ total: 3_557_924, raised: true });
  expect(await shown()).toBe(3_557_924);
  const [row] = await db.select({ offset: sites.visitOffset }).from(sites).where(eq(sites.id, siteId));
  expect(row!.offset).toBe(3_557_924);
});

it('never lowers it: a lower or equal total answers raised false with the total as it is', async () => {
  expect(await (await post({ total: 5 })).json()).toEqual({ total: 3_557_924, raised: false });
  expect(await (await post({ total: 3_557_924 })).json()).toEqual({ total: 3_557_924, raised: false });
  expect(await shown()).toBe(3_557_924);
});

it('refuses a total that is not a whole number of 0 or more (422)', async () => {
  for (const total of [-1, 1.5, '12', null]) await expectProblem(await post({ total }), 422);
  await expectProblem(await post({}), 422);
});
