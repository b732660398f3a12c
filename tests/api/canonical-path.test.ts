// Other spellings of a page are redirected by the Worker entry before anything answers them: the admin
// is not reachable outside its gate as /admin.html, and a province's home is not cached without its
// roll-up as /index.html (tests/unit/canonical-path.test.ts lists the spellings).
import { env, exports } from 'cloudflare:workers';
import { beforeAll, expect, it } from 'vitest';
import { database } from '../../functions/data/db.ts';
import { createSite } from '../../functions/data/sites.ts';

const U = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
const COMMUNE = `xa-${U}.test`;
const PAGE = { Accept: 'text/html' };
const call = (url: string, init: RequestInit = {}) => exports.default.fetch(new Request(url, { redirect: 'manual', ...init }));

beforeAll(async () => {
  await createSite(database(env.DB), { name: `Xã ${U}`, hosts: [COMMUNE] });
});

it('answers other spellings with 301 to the canonical path, query kept, before any page runs', async () => {
  for (const [path, canonical] of [['/admin.html?x=1', '/admin?x=1'], ['/index.html', '/'], ['/%74in-tu-co-so', '/tin-tu-co-so'], ['/feed.json/', '/feed.json'], ['//robots.txt', '/robots.txt']] as const) {
    const res = await call(`http://cms.test${path}`, { headers: PAGE });
    expect(res.status, path).toBe(301);
    // Relative: the host asked, which is served.
    expect(res.headers.get('Location'), path).toBe(canonical);
    expect(await res.text(), path).toBe('');
  }
});

it("sends another site's admin spellings straight to the admin's host", async () => {
  const res = await call(`http://${COMMUNE}/admin.html`, { headers: PAGE });
  expect(res.status).toBe(301);
  expect(res.headers.get('Location')).toBe('http://cms.test/admin');
  const own = await call(`http://${COMMUNE}/%74in-tu-co-so`, { headers: PAGE });
  expect(own.headers.get('Location')).toBe('/tin-tu-co-so');
});

it('keeps the method of a write (308), so the target judges it: nothing is done at the other spelling', async () => {
  const res = await call('http://cms.test/admin.html', { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'action=x' });
  expect(res.status).toBe(308);
  expect(res.headers.get('Location')).toBe('/admin');
});
