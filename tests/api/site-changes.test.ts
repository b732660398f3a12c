// A change of the site itself (name, look, archived) reaches its cached answers within the freshness
// bound, like a content write: siteChanged (functions/articles/service.ts) moves the site's generation and
// its province's roll-up. Without it an edited name stays in cached feeds and pages for EDGE_TTL_SECONDS.
import { env, exports } from 'cloudflare:workers';
import { beforeAll, expect, it } from 'vitest';
import { siteChanged } from '../../functions/articles/service.ts';
import { database } from '../../functions/data/db.ts';
import { createSite, updateSite } from '../../functions/data/sites.ts';

const db = database(env.DB);
const U = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
const PROVINCE_HOST = `tinh-${U}.test`;
const COMMUNE_HOST = `xa-${U}.test`;
let province = 0;
let commune = 0;

const get = (host: string, path: string) => exports.default.fetch(new Request(`http://${host}${path}`));
const feedTitle = async (host: string, path = '/feed.json') => ((await (await get(host, path)).json()) as { title: string }).title;

beforeAll(async () => {
  province = (await createSite(db, { name: `Tỉnh thử ${U}`, hosts: [PROVINCE_HOST] })).id;
  commune = (await createSite(db, { name: `Xã cũ ${U}`, hosts: [COMMUNE_HOST], parentId: province })).id;
});

it('a renamed site shows its new name in answers cached before, once siteChanged ran', async () => {
  expect(await feedTitle(COMMUNE_HOST)).toContain(`Xã cũ ${U}`);
  // Behind the cache, the row alone changes nothing yet: the answer is still the cached one.
  await updateSite(db, commune, { name: `Xã mới ${U}` });
  expect(await feedTitle(COMMUNE_HOST)).toContain(`Xã cũ ${U}`);
  await siteChanged(env, commune, new Date());
  expect(await feedTitle(COMMUNE_HOST)).toContain(`Xã mới ${U}`);
});

it("moves the province's roll-up too (it names its communes), and leaves its other answers cached", async () => {
  const rollup = await get(PROVINCE_HOST, '/tin-tu-co-so/feed.json');
  expect(rollup.status).toBe(200);
  const rollupBefore = await rollup.text();
  expect(await feedTitle(PROVINCE_HOST)).toContain(`Tỉnh thử ${U}`);
  await updateSite(db, province, { name: `Tỉnh đổi ${U}` });
  await siteChanged(env, commune, new Date());
  // The province's own feed was not touched by the commune's change: still its cached answer.
  expect(await feedTitle(PROVINCE_HOST)).toContain(`Tỉnh thử ${U}`);
  // Its roll-up feed was recomputed (a new key): it names the province as it is now.
  const rollupAfter = await (await get(PROVINCE_HOST, '/tin-tu-co-so/feed.json')).text();
  expect(rollupAfter).not.toBe(rollupBefore);
  expect(rollupAfter).toContain(`Tỉnh đổi ${U}`);
});
