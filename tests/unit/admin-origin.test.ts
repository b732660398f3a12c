// Where a request for /admin on another site's host is sent (site/admin/working-site.ts): the platform's
// first site's origin, in production and in local development, never back to the asking host itself;
// and the origin an admin page's working site links from.
import { expect, it } from 'vitest';
import { buildRegistry } from '../../functions/sites/registry.ts';
import { resolveSite } from '../../functions/sites/resolve.ts';
import type { Session } from '../../functions/data/sessions.ts';
import { adminOrigin } from '../../functions/sites/resolve.ts';
import { adminRedirect, workingSiteOf } from '../../site/admin/working-site.ts';

const site = (id: number) => ({ id, name: `Trang ${id}`, subtitle: '', parentId: null, status: 'active' as const, visitOffset: null, logoKey: null, primaryColor: null });
/** The first site upgraded from one-site data (no hostnames), a commune with its own. */
const UPGRADED = buildRegistry([site(1), site(2)], [{ host: 'xa-a.localhost', siteId: 2, position: 0 }, { host: 'xa-a.example.vn', siteId: 2, position: 1 }]);
/** Every site on hostnames of its own (npm start's demo: dongy.localhost). */
const HOSTED = buildRegistry([site(1), site(2)], [{ host: 'dongy.localhost', siteId: 1, position: 0 }, { host: 'xa-a.localhost', siteId: 2, position: 0 }]);

const PROD = { SITE_URL: 'https://dongy.example.vn', SITE_HOSTS: '' };
const DEV = { SITE_URL: '', SITE_HOSTS: '' };

it.each([
  [PROD, UPGRADED, 'https://xa-a.localhost/admin', 'https://dongy.example.vn'],
  [DEV, HOSTED, 'http://xa-a.localhost:8787/admin', 'http://dongy.localhost:8787'],
  // Local development, the first site on no name of its own: a loopback name the registry does not hold.
  [DEV, UPGRADED, 'http://xa-a.localhost:8787/admin/bai-viet', 'http://localhost:8787'],
  [DEV, buildRegistry([site(1), site(2)], [{ host: 'localhost', siteId: 2, position: 0 }]), 'http://localhost:8787/admin', 'http://127.0.0.1:8787'],
  [{ SITE_URL: '', SITE_HOSTS: 'dongy.example.vn' }, UPGRADED, 'https://xa-a.example.vn/admin', null],
])('%j: %s -> %s', (env, registry, url, origin) => {
  expect(adminOrigin(new URL(url), env, registry)).toBe(origin);
  // Where it sends is the first site's, not the asking site's.
  if (origin) expect(resolveSite(`${origin}/admin`, env, registry)?.id).toBe(1);
});

it('answers 303 for GET and HEAD, 307 for other methods, with the path and query kept and nothing cached', () => {
  const url = new URL('http://xa-a.localhost:8787/admin/bai-viet?trang=2');
  const got = adminRedirect(url, 'GET', DEV, HOSTED);
  expect([got.status, got.headers.get('Location'), got.headers.get('Cache-Control')]).toEqual([303, 'http://dongy.localhost:8787/admin/bai-viet?trang=2', 'private, no-store']);
  expect(adminRedirect(url, 'HEAD', DEV, HOSTED).status).toBe(303);
  expect(adminRedirect(url, 'POST', DEV, HOSTED).status).toBe(307);
  expect(adminRedirect(new URL('https://xa-a.example.vn/admin'), 'GET', { SITE_URL: '', SITE_HOSTS: 'dongy.example.vn' }, UPGRADED).status).toBe(404);
});

it('an admin page\'s site links from the host the admin reached when it works on that site, else from the site\'s canonical host', () => {
  const session = (siteId: number) => ({ siteId, roles: [], user: { platformAdmin: true } }) as unknown as Session;
  const url = new URL('http://127.0.0.1:8787/admin/bai-viet/3');
  const requested = resolveSite(url, DEV, HOSTED)!;
  expect(requested).toMatchObject({ id: 1, origin: 'http://127.0.0.1:8787' });
  expect(workingSiteOf(session(1), requested, url, DEV, HOSTED)).toMatchObject({ id: 1, origin: 'http://127.0.0.1:8787' });
  expect(workingSiteOf(session(2), requested, url, DEV, HOSTED)).toMatchObject({ id: 2, origin: 'http://xa-a.localhost:8787' });
  expect(workingSiteOf(session(2), resolveSite('https://dongy.example.vn/admin', PROD, UPGRADED)!, new URL('https://dongy.example.vn/admin'), PROD, UPGRADED))
    .toMatchObject({ id: 2, origin: 'https://xa-a.localhost' });
  expect(workingSiteOf(session(9), requested, url, DEV, HOSTED)).toBeNull();
});
