// The webhook URL guard (functions/webhooks/url-guard.ts) in workerd, whose URL parser is the one that
// normalizes what a registrant types: every spelling of an internal address is refused, in production
// ("refuse") and locally ("allow", which admits only loopback receivers and http to them).
import { describe, expect, inject, it } from 'vitest';
import { checkWebhookUrl, type Resolver } from '../../functions/webhooks/url-guard.ts';

const production = { WEBHOOK_LOOPBACK: 'refuse' };
const local = { WEBHOOK_LOOPBACK: 'allow' };
// Literal addresses never reach the resolver; a name that would reach it here fails the test loudly.
const noDns: Resolver = async (name) => {
  throw new Error(`unexpected DNS lookup of ${name}`);
};

const refusedEverywhere: Array<[string, string]> = [
  ['https://169.254.169.254/latest/meta-data/', 'link-local'],
  ['https://100.100.100.200/', 'private'],
  ['https://[fd00::1]/', 'private'],
  ['https://10.0.0.1/', 'private'],
  ['https://192.168.1.1/', 'private'],
  ['https://172.16.0.1/', 'private'],
  ['https://172.31.255.255/', 'private'],
  ['https://0.0.0.0/', 'unspecified'],
  ['https://0/', 'unspecified'],
  ['https://[::]/', 'unspecified'],
  ['https://224.0.0.1/', 'multicast'],
  ['https://255.255.255.255/', 'multicast'],
  ['https://[ff02::1]/', 'multicast'],
  ['https://[fe80::1]/', 'link-local'],
  ['https://[::ffff:10.0.0.1]/', 'private'],
  ['https://[::ffff:169.254.169.254]/', 'link-local'],
  ['https://[64:ff9b::a9fe:a9fe]/', 'link-local'],
  ['https://[2002:c0a8:101::1]/', 'private'],
  ['https://[2001:db8::1]/', 'reserved'],
  ['https://0x0a000001/', 'private'],
  ['https://012.0.0.1/', 'private'],
  ['https://192.0.2.10/', 'reserved'],
  ['https://\uff11\uff10.0.0.1/', 'private'],
  ['http://user:pw@example.com/', 'userinfo'],
  ['https://user:pw@example.com/', 'userinfo'],
  ['https://user@example.com/', 'userinfo'],
  ['javascript:alert(1)', 'scheme'],
  ['ftp://example.com/x', 'scheme'],
  ['file:///etc/passwd', 'scheme'],
  ['https://exa\r\nmple.com/', 'control-characters'],
  ['https://example.com/a\tb', 'control-characters'],
  [' https://example.com/', 'control-characters'],
  [`https://example.com/${'a'.repeat(3000)}`, 'too-long'],
  ['https://[fe80::1%25eth0]/', 'invalid-url'],
  ['/relative/path', 'invalid-url'],
  ['https://metadata.google.internal/', 'internal-name'],
  ['https://printer.local/', 'internal-name'],
  ['https://router.home.arpa/', 'internal-name'],
  ['https://intranet/', 'internal-name'],
  ['https://intranet./', 'internal-name'],
  ['https://1.0.0.127.in-addr.arpa/', 'internal-name'],
];

const loopbacks = [
  'http://127.0.0.1:9000/hook', 'http://127.1/', 'http://2130706433/', 'http://0x7f000001/', 'http://017700000001/',
  'http://[::1]/', 'http://[::ffff:127.0.0.1]/', 'http://[::ffff:7f00:1]/', 'http://localhost/', 'http://hooks.localhost:8787/',
  'http://LOCALHOST./', 'http://\u24db\u24de\u24d2\u24d0\u24db\u24d7\u24de\u24e2\u24e3/', 'http://\uff11\uff12\uff17.0.0.1/',
];

describe('checkWebhookUrl', () => {
  it.each(refusedEverywhere)('refuses %s (%s) in production and locally', async (raw, code) => {
    for (const env of [production, local]) {
      const result = await checkWebhookUrl(raw, env, { resolve: noDns });
      expect(result, `${raw} with ${env.WEBHOOK_LOOPBACK}`).toMatchObject({ ok: false, code });
    }
  });

  // The address is judged before the scheme: plain http to a refused address names the address, not https.
  it.each(refusedEverywhere.filter(([raw]) => raw.startsWith('https://')).map(([raw, code]) => [raw.replace(/^https:/, 'http:'), code]))(
    'refuses %s as %s too, in production and locally (not only as plain http)', async (raw, code) => {
      for (const env of [production, local]) {
        const result = await checkWebhookUrl(raw, env, { resolve: noDns });
        expect(result, `${raw} with ${env.WEBHOOK_LOOPBACK}`).toMatchObject({ ok: false, code });
      }
    });

  it('gives http://10.0.0.1/ in production the private-address reason https://10.0.0.1/ gets', async () => {
    expect(await checkWebhookUrl('http://10.0.0.1/', production, { resolve: noDns }))
      .toEqual(await checkWebhookUrl('https://10.0.0.1/', production, { resolve: noDns }));
    expect(await checkWebhookUrl('http://10.0.0.1/', production, { resolve: noDns })).toEqual({ ok: false, code: 'private', detail: '10.0.0.1 is a private network address' });
  });

  it.each(loopbacks)('refuses the loopback %s in production, accepts it locally', async (raw) => {
    const refused = await checkWebhookUrl(raw, production, { resolve: noDns });
    expect(refused).toMatchObject({ ok: false, code: 'loopback' });
    const https = await checkWebhookUrl(raw.replace(/^http:/, 'https:'), production, { resolve: noDns });
    expect(https).toMatchObject({ ok: false, code: 'loopback' });
    const accepted = await checkWebhookUrl(raw, local, { resolve: noDns });
    expect(accepted.ok).toBe(true);
  });

  it('treats an unknown or missing WEBHOOK_LOOPBACK as production', async () => {
    for (const env of [{}, { WEBHOOK_LOOPBACK: 'yes' }, { WEBHOOK_LOOPBACK: 'ALLOW' }]) {
      expect(await checkWebhookUrl('http://127.0.0.1/', env, { resolve: noDns })).toMatchObject({ ok: false });
    }
  });

  it('accepts a public https address and returns the normalized URL', async () => {
    const result = await checkWebhookUrl('https://93.184.216.34:8443/hook?x=1', production, { resolve: noDns });
    expect(result.ok && result.url.href).toBe('https://93.184.216.34:8443/hook?x=1');
    const v6 = await checkWebhookUrl('https://[2606:4700:4700::1111]/h', production, { resolve: noDns });
    expect(v6.ok).toBe(true);
  });

  it('requires https in production, even to a public address; locally http only to loopback', async () => {
    expect(await checkWebhookUrl('http://93.184.216.34/', production, { resolve: noDns })).toMatchObject({ ok: false, code: 'https-required' });
    expect(await checkWebhookUrl('http://93.184.216.34/', local, { resolve: noDns })).toMatchObject({ ok: false, code: 'https-required' });
  });

  it('accepts a URL of exactly 2,000 characters', async () => {
    const base = 'https://93.184.216.34/';
    const raw = base + 'a'.repeat(2000 - base.length);
    expect((await checkWebhookUrl(raw, production, { resolve: noDns })).ok).toBe(true);
  });
});

describe('checkWebhookUrl resolving a name (DNS over HTTPS, JSON)', () => {
  const dns = inject('fakeDns');
  const resolverOf = (env: { WEBHOOK_LOOPBACK: string }) => ({ ...env, WEBHOOK_DNS_RESOLVER: `${dns}/dns-query` });
  const asked = async (): Promise<string[]> => (await fetch(`${dns}/asked`)).json();

  it('accepts a name answering only public addresses (A or AAAA)', async () => {
    for (const env of [production, local]) {
      const ok = await checkWebhookUrl('https://public.example.com/hook', resolverOf(env));
      expect(ok.ok && ok.url.href).toBe('https://public.example.com/hook');
      expect((await checkWebhookUrl('https://v6.example.com/hook', resolverOf(env))).ok).toBe(true);
    }
  });

  it.each([
    ['private.example.com', 'private', '10.0.0.5'],
    ['mixed.example.com', 'private', 'fd00::5'],
    ['alias.example.com', 'private', '192.168.1.20'],
    ['metadata.example.com', 'link-local', '169.254.169.254'],
    ['mapped.example.com', 'private', '::ffff:10.1.2.3'],
    ['loopback.example.com', 'loopback', '127.0.0.1'],
  ])('refuses %s, which answers a %s address, in production and locally', async (name, code, address) => {
    for (const env of [production, local]) {
      const result = await checkWebhookUrl(`https://${name}/hook`, resolverOf(env));
      expect(result).toMatchObject({ ok: false, code });
      expect(result.ok ? '' : result.detail).toContain(address);
    }
  });

  it.each([
    ['gone.example.com', 'unresolvable'],
    ['empty.example.com', 'unresolvable'],
    ['nobody.example.com', 'unresolvable'],
    ['servfail.example.com', 'dns-failed'],
    ['broken.example.com', 'dns-failed'],
    ['garbled.example.com', 'dns-failed'],
  ])('refuses %s, for which the resolver gives no address (%s)', async (name, code) => {
    expect(await checkWebhookUrl(`https://${name}/`, resolverOf(production))).toMatchObject({ ok: false, code });
  });

  it('refuses when the resolver itself cannot be reached', async () => {
    const unreachable = { WEBHOOK_LOOPBACK: 'refuse', WEBHOOK_DNS_RESOLVER: 'http://127.0.0.1:1/dns-query' };
    expect(await checkWebhookUrl('https://public.example.com/', unreachable)).toMatchObject({ ok: false, code: 'dns-failed' });
  });

  it('asks about names only: never about a literal address, a loopback name locally or a refused name', async () => {
    const before = (await asked()).length;
    await checkWebhookUrl('https://93.184.216.34/', resolverOf(production));
    await checkWebhookUrl('http://hooks.localhost/', resolverOf(local));
    await checkWebhookUrl('https://printer.local/', resolverOf(production));
    await checkWebhookUrl('http://public.example.com/', resolverOf(production));
    expect((await asked()).slice(before)).toEqual([]);
    await checkWebhookUrl('https://public.example.com/', resolverOf(production));
    expect((await asked()).slice(before).sort()).toEqual(['public.example.com', 'public.example.com']);
  });
});
