// Which hosts a configuration serves and which origin their links use (functions/sites/resolve.ts).
import { expect, it } from 'vitest';
import { buildRegistry } from '../../functions/sites/registry.ts';
import { resolveSite } from '../../functions/sites/resolve.ts';

/** A one-site registry as migration 0005 leaves an upgraded database: site 1, no hostnames. */
const ONE = buildRegistry([{ id: 1, name: '', subtitle: '', parentId: null, status: 'active', visitOffset: null, logoKey: null, primaryColor: null }], []);

const PROD = { SITE_URL: 'https://dongy.example.vn/', SITE_HOSTS: 'www.dongy.example.vn, OLD.example.vn:8443' };
const DEV = { SITE_URL: '', SITE_HOSTS: '' };

it.each([
  // production: the canonical host and the listed ones, whatever scheme; links always SITE_URL's origin
  [PROD, 'https://dongy.example.vn/feed.json', 'https://dongy.example.vn'],
  [PROD, 'http://DONGY.example.vn/', 'https://dongy.example.vn'],
  [PROD, 'https://www.dongy.example.vn/a?b=1', 'https://dongy.example.vn'],
  [PROD, 'https://old.example.vn:8443/', 'https://dongy.example.vn'],
  [PROD, 'https://old.example.vn/', null], // listed with a port: only that port
  [PROD, 'https://dongy.example.vn:8443/', null],
  [PROD, 'https://dongy.example.vn.attacker.example/', null],
  [PROD, 'https://attacker.example/', null],
  [PROD, 'http://127.0.0.1:8787/', null], // loopback only when nothing is configured
  [PROD, 'http://localhost/', null],
  // development: loopback only, linking to itself
  [DEV, 'http://127.0.0.1:8787/', 'http://127.0.0.1:8787'],
  [DEV, 'http://127.8.9.10/', 'http://127.8.9.10'],
  [DEV, 'http://localhost:4321/x', 'http://localhost:4321'],
  [DEV, 'http://cms.localhost/', 'http://cms.localhost'],
  [DEV, 'http://[::1]:8787/', 'http://[::1]:8787'],
  [DEV, 'http://attacker.example/', null],
  [DEV, 'http://localhost.attacker.example/', null],
  [DEV, 'http://127.0.0.1.nip.io/', null],
  [DEV, 'http://0.0.0.0:8787/', null],
  // hosts listed without SITE_URL: served, linking to themselves; loopback then is not
  [{ SITE_URL: '', SITE_HOSTS: 'a.example' }, 'https://a.example/', 'https://a.example'],
  [{ SITE_URL: '', SITE_HOSTS: 'a.example' }, 'http://127.0.0.1/', null],
])('%j: %s -> %s', (env, url, origin) => {
  expect(resolveSite(url, env, ONE)?.origin ?? null).toBe(origin);
});

it('a SITE_URL that is not an http(s) URL is a deployment error, not a guess', () => {
  expect(() => resolveSite('https://dongy.example.vn/', { SITE_URL: 'dongy.example.vn', SITE_HOSTS: '' }, ONE)).toThrow(/SITE_URL/);
  expect(() => resolveSite('https://dongy.example.vn/', { SITE_URL: 'ftp://dongy.example.vn', SITE_HOSTS: '' }, ONE)).toThrow(/SITE_URL/);
});
