// The registry an isolate holds (functions/sites/registry.ts): refreshed by age, replaced only by a read
// that started later, whatever the clock says.
import { env } from 'cloudflare:workers';
import { expect, it } from 'vitest';
import { database } from '../../functions/data/db.ts';
import { createSite } from '../../functions/data/sites.ts';
import { currentRegistry, heldRegistry } from '../../functions/sites/registry.ts';

const U = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;

it('a snapshot taken at a later instant (a clock that went back, a test in the future) does not freeze the registry', async () => {
  const later = Date.now() + 3_600_000;
  await currentRegistry(env, undefined, later);
  const site = await createSite(database(env.DB), { name: `Xã ${U}`, hosts: [`xa-${U}.test`] });
  // Back to the real clock: the snapshot from "the future" is stale, and the new read replaces it.
  const registry = await currentRegistry(env, undefined, Date.now());
  expect(registry.byId.has(site.id)).toBe(true);
  expect(heldRegistry().byHost.get(`xa-${U}.test`)?.site.id).toBe(site.id);
});
