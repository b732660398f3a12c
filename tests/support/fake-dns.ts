// A DNS-over-HTTPS server in its JSON form (as cloudflare-dns.com answers ?name=&type=A|AAAA with
// Accept: application/dns-json), node:http on 127.0.0.1, with a fixed zone: the webhook URL guard's
// resolver step is tested against it over real HTTP. GET /asked lists the names asked, in order.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

type Record_ = { type: 1 | 5 | 28; data: string };

/** name -> its records, or a failure the resolver must refuse on. */
export const ZONE: Record<string, Record_[] | 'nxdomain' | 'servfail' | 'http-500' | 'not-json'> = {
  'public.example.com': [{ type: 1, data: '93.184.216.34' }],
  'v6.example.com': [{ type: 28, data: '2606:2800:220:1:248:1893:25c8:1946' }],
  'private.example.com': [{ type: 1, data: '10.0.0.5' }],
  'mixed.example.com': [{ type: 1, data: '93.184.216.34' }, { type: 28, data: 'fd00::5' }],
  'alias.example.com': [{ type: 5, data: 'private.example.com.' }, { type: 1, data: '192.168.1.20' }],
  'loopback.example.com': [{ type: 1, data: '127.0.0.1' }],
  'metadata.example.com': [{ type: 1, data: '169.254.169.254' }],
  'mapped.example.com': [{ type: 28, data: '::ffff:10.1.2.3' }],
  'empty.example.com': [],
  'gone.example.com': 'nxdomain',
  'servfail.example.com': 'servfail',
  'broken.example.com': 'http-500',
  'garbled.example.com': 'not-json',
};

export interface FakeDns {
  origin: string;
  close(): Promise<void>;
}

export async function startFakeDns(): Promise<FakeDns> {
  const asked: string[] = [];
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://dns');
    if (url.pathname === '/asked') {
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(asked));
      return;
    }
    const name = (url.searchParams.get('name') ?? '').replace(/\.$/, '').toLowerCase();
    const type = url.searchParams.get('type');
    if (url.pathname !== '/dns-query' || request.headers.accept !== 'application/dns-json' || (type !== 'A' && type !== 'AAAA')) {
      response.writeHead(400).end('bad query');
      return;
    }
    asked.push(name);
    const entry = ZONE[name] ?? 'nxdomain';
    if (entry === 'http-500') return void response.writeHead(500).end('resolver down');
    if (entry === 'not-json') return void response.writeHead(200, { 'content-type': 'application/dns-json' }).end('<html>');
    const wanted = type === 'A' ? 1 : 28;
    const body = typeof entry === 'string'
      ? { Status: entry === 'nxdomain' ? 3 : 2, Question: [{ name, type: wanted }] }
      // A CNAME is answered with the chain, as real resolvers do: the records of other types come along.
      : { Status: 0, Question: [{ name, type: wanted }], Answer: entry.filter((r) => r.type === wanted || r.type === 5).map((r) => ({ name, TTL: 60, ...r })) };
    response.writeHead(200, { 'content-type': 'application/dns-json' }).end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
