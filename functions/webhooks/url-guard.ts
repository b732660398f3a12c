// The SSRF guard of webhook URLs: which addresses a webhook may be sent to, checked when one is registered
// and again before every send (a name's DNS answer may have changed since).
//
// Literal addresses are classified after the WHATWG URL parser normalized them (127.1, 2130706433,
// 0x7f000001, 017700000001 and full-width digits all become 127.0.0.1; IPv6 is compressed), so every
// spelling meets one check. IPv4 and IPv6 are allowed only in public unicast space; an IPv6 address that
// carries an IPv4 one (mapped, compatible, NAT64, 6to4) is judged by the IPv4 it carries.
// WEBHOOK_LOOPBACK "allow" (local development and the e2e servers, passed by scripts/dev-server.ts) also
// accepts http and loopback receivers; anything else, the production default included, refuses them.
// The guard cannot pin the address the later fetch connects to (Workers resolve names themselves), so a
// name that changes its answer between the check and the send is the residual risk; checking before every
// send keeps that window to one request.

export type UrlCheck = { ok: true; url: URL } | { ok: false; code: UrlRefusal; detail: string };

/** Why a URL was refused: the admin turns each into its Vietnamese message. */
export type UrlRefusal =
  | 'invalid-url' | 'too-long' | 'control-characters' | 'scheme' | 'https-required' | 'userinfo'
  | 'internal-name' | 'loopback' | 'private' | 'link-local' | 'unspecified' | 'multicast' | 'reserved'
  | 'unresolvable' | 'dns-failed';

/** The addresses a name resolves to (A and AAAA); throws DnsFailure when the resolver gave no usable answer. */
export type Resolver = (hostname: string) => Promise<string[]>;

export class DnsFailure extends Error {}

export interface GuardEnv {
  WEBHOOK_LOOPBACK?: string;
  WEBHOOK_DNS_RESOLVER?: string;
}

export const MAX_WEBHOOK_URL_LENGTH = 2000;
const DEFAULT_RESOLVER = 'https://cloudflare-dns.com/dns-query';
const DNS_TIMEOUT_MS = 5000;

type AddressClass = 'public' | 'loopback' | 'private' | 'link-local' | 'unspecified' | 'multicast' | 'reserved';

const describe: Record<Exclude<AddressClass, 'public'>, string> = {
  loopback: 'a loopback address',
  private: 'a private network address',
  'link-local': 'a link-local address',
  unspecified: 'the unspecified address',
  multicast: 'a multicast or broadcast address',
  reserved: 'a reserved address',
};

// Names that only mean something inside a network (RFC 6761, 6762, 8375 and the common private suffixes).
const INTERNAL_SUFFIXES = ['.localhost', '.local', '.internal', '.home.arpa', '.localdomain', '.lan', '.intranet', '.arpa'];

export async function checkWebhookUrl(raw: string, env: GuardEnv, options: { resolve?: Resolver } = {}): Promise<UrlCheck> {
  const allowLoopback = env.WEBHOOK_LOOPBACK === 'allow';
  if (raw.length > MAX_WEBHOOK_URL_LENGTH) return refuse('too-long', `at most ${MAX_WEBHOOK_URL_LENGTH} characters`);
  // The URL parser silently drops tabs and newlines; a URL that carries them is refused, not repaired.
  if (/[\u0000-\u0020\u007f]/.test(raw)) return refuse('control-characters', 'must not contain spaces or control characters');
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return refuse('invalid-url', 'not an absolute URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return refuse('scheme', 'must be an http(s) URL');
  if (url.username !== '' || url.password !== '') return refuse('userinfo', 'must not contain a user name or password');
  const host = url.hostname.replace(/\.+$/, '');
  if (host === '') return refuse('invalid-url', 'has no host');

  const literal = literalClass(host);
  const loopbackName = literal === null && (host === 'localhost' || host.endsWith('.localhost'));
  const loopback = literal === 'loopback' || loopbackName;
  // What the host is, before the scheme: http://10.0.0.1/ is refused as a private address (https would not
  // make it acceptable), so the reason names the real problem. A name's DNS answer comes after the scheme:
  // an http URL is refused without asking a resolver.
  if (loopback && !allowLoopback) return refuse('loopback', literal ? `${host} is ${describe.loopback}` : `${host} names this machine`);
  if (literal !== null && literal !== 'public' && literal !== 'loopback') return refuse(literal, `${host} is ${describe[literal]}`);
  if (literal === null && !loopbackName && (!host.includes('.') || INTERNAL_SUFFIXES.some((suffix) => host.endsWith(suffix)))) {
    return refuse('internal-name', `${host} is an internal name`);
  }
  if (url.protocol === 'http:' && !(allowLoopback && loopback)) {
    return refuse('https-required', allowLoopback ? 'must be https (http only to a loopback receiver)' : 'must be https');
  }
  if (literal !== null || loopbackName) return { ok: true, url };

  const resolve = options.resolve ?? dohResolver(env.WEBHOOK_DNS_RESOLVER || DEFAULT_RESOLVER);
  let addresses: string[];
  try {
    addresses = await resolve(host);
  } catch (error) {
    return refuse('dns-failed', `${host} could not be resolved: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (addresses.length === 0) return refuse('unresolvable', `${host} has no address`);
  for (const address of addresses) {
    const found = literalClass(address.includes(':') ? `[${address}]` : address);
    if (found === null) return refuse('dns-failed', `${host} resolved to something not an address`);
    // A public name answering loopback is refused even locally: loopback receivers are named as such.
    if (found !== 'public') return refuse(found, `${host} resolves to ${address}, ${describe[found]}`);
  }
  return { ok: true, url };
}

const refuse = (code: UrlRefusal, detail: string): UrlCheck => ({ ok: false, code, detail });

/** DNS over HTTPS, JSON form (Cloudflare, Google): the A and AAAA answers of a name. */
export function dohResolver(resolverUrl: string, fetcher: (request: Request) => Promise<Response> = (request) => fetch(request)): Resolver {
  const ask = async (name: string, type: 'A' | 'AAAA'): Promise<string[]> => {
    const url = new URL(resolverUrl);
    url.searchParams.set('name', name);
    url.searchParams.set('type', type);
    let response: Response;
    try {
      response = await fetcher(new Request(url, { headers: { accept: 'application/dns-json' }, signal: AbortSignal.timeout(DNS_TIMEOUT_MS) }));
    } catch (error) {
      throw new DnsFailure(`resolver unreachable (${error instanceof Error ? error.name : 'error'})`);
    }
    if (!response.ok) throw new DnsFailure(`resolver answered ${response.status}`);
    let body: { Status?: unknown; Answer?: unknown };
    try {
      body = await response.json();
    } catch {
      throw new DnsFailure('resolver answer is not JSON');
    }
    // 3 = NXDOMAIN: no such name, an empty answer; any other non-zero status is a failure to answer.
    if (body.Status === 3) return [];
    if (body.Status !== 0) throw new DnsFailure(`resolver status ${String(body.Status)}`);
    const wanted = type === 'A' ? 1 : 28;
    return (Array.isArray(body.Answer) ? body.Answer : [])
      .filter((record): record is { type: number; data: string } => record?.type === wanted && typeof record.data === 'string')
      .map((record) => record.data);
  };
  return async (name) => (await Promise.all([ask(name, 'A'), ask(name, 'AAAA')])).flat();
}

/** The class of a literal address (an IPv4 dotted quad or a bracketed IPv6, as URL normalizes them), or null for a name. */
function literalClass(host: string): AddressClass | null {
  if (host.startsWith('[') && host.endsWith(']')) {
    const words = ipv6Words(host.slice(1, -1));
    return words === null ? 'reserved' : ipv6Class(words);
  }
  const v4 = ipv4Value(host);
  return v4 === null ? null : ipv4Class(v4);
}

function ipv4Value(host: string): number | null {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  if (!match) return null;
  const [a = 0, b = 0, c = 0, d = 0] = match.slice(1).map(Number);
  if (a > 255 || b > 255 || c > 255 || d > 255) return null;
  return ((a << 24) | (b << 16) | (c << 8) | d) >>> 0;
}

const inV4 = (value: number, base: string, bits: number): boolean => {
  const start = ipv4Value(base) as number;
  const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
  return ((value & mask) >>> 0) === start;
};

// The IANA special-purpose registry, by what a receiver there would be.
const V4_RANGES: Array<[string, number, Exclude<AddressClass, 'public'>]> = [
  ['0.0.0.0', 32, 'unspecified'],
  ['0.0.0.0', 8, 'reserved'],
  ['10.0.0.0', 8, 'private'],
  ['100.64.0.0', 10, 'private'],
  ['127.0.0.0', 8, 'loopback'],
  ['169.254.0.0', 16, 'link-local'],
  ['172.16.0.0', 12, 'private'],
  ['192.0.0.0', 24, 'reserved'],
  ['192.0.2.0', 24, 'reserved'],
  ['192.88.99.0', 24, 'reserved'],
  ['192.168.0.0', 16, 'private'],
  ['198.18.0.0', 15, 'reserved'],
  ['198.51.100.0', 24, 'reserved'],
  ['203.0.113.0', 24, 'reserved'],
  ['255.255.255.255', 32, 'multicast'],
  ['224.0.0.0', 4, 'multicast'],
  ['240.0.0.0', 4, 'reserved'],
];

function ipv4Class(value: number): AddressClass {
  for (const [base, bits, kind] of V4_RANGES) if (inV4(value, base, bits)) return kind;
  return 'public';
}

type Words = [number, number, number, number, number, number, number, number];

/** Eight 16-bit words of an IPv6 address in URL's serialization (compressed, lower-case hex, no zone), or null. */
function ipv6Words(text: string): Words | null {
  let head = text;
  let tail: [number, number] | null = null;
  const dotted = /^(.*:)(\d{1,3}(?:\.\d{1,3}){3})$/.exec(text);
  if (dotted) {
    const v4 = ipv4Value(dotted[2] ?? '');
    if (v4 === null) return null;
    head = `${dotted[1] ?? ''}0:0`;
    tail = [v4 >>> 16, v4 & 0xffff];
  }
  const halves = head.split('::');
  if (halves.length > 2) return null;
  const parse = (part: string) => (part === '' ? [] : part.split(':').map((word) => (/^[0-9a-f]{1,4}$/i.test(word) ? parseInt(word, 16) : NaN)));
  const left = parse(halves[0] ?? '');
  const right = halves.length === 2 ? parse(halves[1] ?? '') : [];
  const fill = 8 - left.length - right.length;
  if (fill < 0 || (halves.length === 1 && fill !== 0)) return null;
  const words: number[] = [...left, ...new Array<number>(halves.length === 2 ? fill : 0).fill(0), ...right];
  if (words.length !== 8 || words.some(Number.isNaN)) return null;
  if (tail) words.splice(6, 2, ...tail);
  return words as Words;
}

function ipv6Class(w: Words): AddressClass {
  const [w0, w1, w2, w3, w4, w5, w6, w7] = w;
  const embedded = (hi: number, lo: number) => ipv4Class(((hi << 16) | lo) >>> 0);
  const zeroUpTo = (n: number) => w.slice(0, n).every((word) => word === 0);
  if (zeroUpTo(8)) return 'unspecified';
  if (zeroUpTo(7) && w7 === 1) return 'loopback';
  // ::ffff:a.b.c.d (mapped), ::a.b.c.d (compatible, deprecated), ::ffff:0:a.b.c.d (translated).
  if (zeroUpTo(5) && (w5 === 0xffff || w5 === 0)) return embedded(w6, w7);
  if (zeroUpTo(4) && w4 === 0xffff && w5 === 0) return embedded(w6, w7);
  if (w0 === 0x64 && w1 === 0xff9b && w2 === 0 && w3 === 0 && w4 === 0 && w5 === 0) return embedded(w6, w7);
  if (w0 === 0x2002) return embedded(w1, w2);
  if ((w0 & 0xfe00) === 0xfc00) return 'private';
  if ((w0 & 0xffc0) === 0xfe80) return 'link-local';
  if ((w0 & 0xffc0) === 0xfec0) return 'private';
  if ((w0 & 0xff00) === 0xff00) return 'multicast';
  // Documentation, Teredo, ORCHID, NAT64 local use, discard-only: not a receiver's address.
  if (w0 === 0x2001 && (w1 === 0x0db8 || w1 === 0 || (w1 & 0xfff0) === 0x0010 || (w1 & 0xfff0) === 0x0020)) return 'reserved';
  if (w0 === 0x64 && w1 === 0xff9b) return 'reserved';
  if (w0 === 0x3fff && (w1 & 0xf000) === 0) return 'reserved';
  // Only global unicast (2000::/3) is public; everything else is unassigned or special.
  return (w0 & 0xe000) === 0x2000 ? 'public' : 'reserved';
}
