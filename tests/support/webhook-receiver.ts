// A real webhook receiver (node:http on 127.0.0.1, port 0) for the tests: each POST /hook/<name> is
// recorded with its headers and exact body, and answered by the script in its query: ?answers=500,500,200
// answers the n-th request with the n-th status (the last one after), "redirect" with a 302 ("redirect-long":
// a 16 kB Location), "hang" never (until the server closes, or POST /release/<name> answers <name>'s hanging
// ones with a 503), "huge" with a 500 and a 5 MB page. GET /received/<name> lists what <name> got; GET
// /open/<name> gives { open, most }: its requests unanswered now and the most at once (a sender's concurrency).
// The Worker project reads it over the network (its globalSetup, tests/setup/webhook-receiver-global.ts),
// the e2e tests in-process.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string;
  /** When it arrived (ms since epoch), for the figures. */
  at: number;
}

export interface Receiver {
  origin: string;
  received(name: string): Received[];
  close(): Promise<void>;
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function startReceiver(): Promise<Receiver> {
  const log = new Map<string, Received[]>();
  const hanging = new Map<ServerResponse, string>();
  const open = new Map<string, { open: number; most: number }>();
  const server: Server = createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://receiver');
    const [, kind, name = ''] = url.pathname.split('/');
    if (request.method === 'GET' && kind === 'received') {
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(log.get(name) ?? []));
      return;
    }
    if (request.method === 'GET' && kind === 'open') {
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(open.get(name) ?? { open: 0, most: 0 }));
      return;
    }
    if (request.method === 'POST' && kind === 'release') {
      let released = 0;
      for (const [held, of] of hanging) {
        if (of !== name) continue;
        hanging.delete(held);
        held.writeHead(503, { 'content-type': 'text/plain' }).end('released');
        released++;
      }
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ released }));
      return;
    }
    if (kind !== 'hook') {
      response.writeHead(404).end();
      return;
    }
    // Counted from arrival until the answer ends or the connection drops (a sender's timeout).
    const count = open.get(name) ?? { open: 0, most: 0 };
    open.set(name, count);
    count.open++;
    count.most = Math.max(count.most, count.open);
    response.once('close', () => { count.open--; });
    const body = await readBody(request);
    const headers = Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : v ?? '']));
    const list = log.get(name) ?? [];
    list.push({ method: request.method ?? '', path: url.pathname, headers, body, at: Date.now() });
    log.set(name, list);
    const answers = (url.searchParams.get('answers') ?? '200').split(',');
    const answer = answers[Math.min(list.length, answers.length) - 1]!;
    if (answer === 'hang') {
      hanging.set(response, name);
      response.once('close', () => hanging.delete(response));
      return;
    }
    if (answer === 'redirect') {
      response.writeHead(302, { location: `/hook/${name}-moved` }).end();
      return;
    }
    if (answer === 'redirect-long') {
      // A redirect whose Location is 16 kB: the sender keeps an excerpt of it, as of a refusal page.
      response.writeHead(302, { location: `/hook/${name}-${'x'.repeat(16 * 1024)}` }).end();
      return;
    }
    if (answer === 'huge') {
      // A refusal with a 5 MB page: the sender must keep only an excerpt.
      response.writeHead(500, { 'content-type': 'text/html' }).end(`<h1>Lỗi máy chủ</h1>${'x'.repeat(5 * 1024 * 1024)}`);
      return;
    }
    response.writeHead(Number(answer), { 'content-type': 'text/plain' }).end(Number(answer) >= 400 ? `receiver says no (${name})` : 'ok');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    received: (name) => log.get(name) ?? [],
    close: () => new Promise<void>((resolve) => {
      for (const response of hanging.keys()) response.destroy();
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
