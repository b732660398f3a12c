// The red team's reproduction, from outside: `wrangler dev` of the built Worker with the default
// configuration (SITE_URL empty, so only loopback hosts are served), raw HTTP with a forged Host,
// an absolute-form request target and X-Forwarded-Host; then what the next normal reader gets.
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { serve, type Served } from '../support/served.ts';

let served: Served;

beforeAll(async () => {
  served = await serve();
});
afterAll(async () => {
  await served?.stop();
});

/** One raw request to the server: any Host header, any request target (absolute-form too). */
function raw(target: string, headers: Record<string, string>): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  const { hostname, port } = new URL(served.url);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: hostname, port, method: 'GET', path: target, headers: { 'User-Agent': 'Mozilla/5.0', Accept: 'text/html', ...headers }, setHost: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end();
  });
}

const SURFACES = ['/', '/feed.json', '/rss.xml', '/sitemap.xml', '/robots.txt', '/api/v1/articles?limit=1', '/api/v1/openapi.json', '/chuyen-muc/cai-cach-hanh-chinh', '/chuyen-muc/cai-cach-hanh-chinh/feed.json', '/admin/login'];

it('a forged Host or absolute-form target gets 404 naming no host; X-Forwarded-Host changes no link', async () => {
  const ours = new URL(served.url).host;
  for (const path of SURFACES) {
    const forged = await raw(path, { Host: 'attacker.example' });
    expect(forged.status, path).toBe(404);
    expect(forged.body, path).not.toContain('attacker');
    const absolute = await raw(`http://attacker.example${path}`, { Host: ours });
    expect(absolute.body, `absolute ${path}`).not.toContain('attacker');
    // wrangler dev (like Cloudflare's edge) takes the host from the Host header: served, and ours.
    expect(absolute.status, `absolute ${path}`).toBe(200);
    const xfh = await raw(path, { Host: ours, 'X-Forwarded-Host': 'attacker.example', 'X-Forwarded-Proto': 'https' });
    expect(xfh.status, path).toBe(200);
    expect(xfh.body + JSON.stringify(xfh.headers), path).not.toContain('attacker');
  }
});

it('after forged requests, the next normal reader gets links to the server itself on every surface', async () => {
  for (const path of SURFACES) {
    await raw(path, { Host: 'attacker.example' });
    await raw(`http://attacker.example${path}`, { Host: new URL(served.url).host });
    await raw(path, { Host: new URL(served.url).host, 'X-Forwarded-Host': 'attacker.example' });
  }
  for (const path of SURFACES) {
    const res = await served.fetch(path, { headers: { Accept: 'text/html' } });
    const text = await res.text();
    expect(res.status, path).toBe(200);
    expect(text, path).not.toContain('attacker');
    expect([...res.headers].join(' '), path).not.toContain('attacker');
  }
  const feed = (await (await served.fetch('/feed.json')).json()) as { feed_url: string; home_page_url: string; next_url?: string };
  expect([feed.feed_url, feed.home_page_url]).toEqual([`${served.url}/feed.json`, `${served.url}/`]);
  expect(await (await served.fetch('/sitemap.xml')).text()).toContain(`<loc>${served.url}/</loc>`);
  expect(await (await served.fetch('/robots.txt')).text()).toContain(`Sitemap: ${served.url}/sitemap.xml`);
  const list = await served.fetch('/api/v1/articles?limit=1');
  expect(list.headers.get('Link')).toMatch(new RegExp(`^<${served.url}/api/v1/articles\\?limit=1&cursor=`));
  expect(((await list.json()) as { items: { url: string }[] }).items[0]!.url.startsWith(`${served.url}/bai-viet/`)).toBe(true);
  const openapi = (await (await served.fetch('/api/v1/openapi.json')).json()) as { servers: { url: string }[] };
  expect(openapi.servers).toEqual([{ url: served.url }]);
  const home = await (await served.fetch('/')).text();
  expect(home).toContain(`<link rel="canonical" href="${served.url}/"`);
  expect(home).toContain(`<meta property="og:url" content="${served.url}/"`);
  expect(home).toContain(`href="${served.url}/feed.json"`);
});
