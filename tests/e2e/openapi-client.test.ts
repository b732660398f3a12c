// A third party's typed client, with the tools third parties use, against a served CMS: its
// /api/v1/openapi.json through openapi-typescript (types), tsc (client.ts type-checks, a misspelt field
// does not), redocly lint (recommended-strict), then client.ts (openapi-fetch) reading and writing. The
// tools are the fixture package's own (tests/third-party/openapi-client, its lockfile), run offline.
import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../../scripts/local-db.ts';
import { serve, type Served } from '../support/served.ts';

const FIXTURE = join(ROOT, 'tests', 'third-party', 'openapi-client');

interface Run {
  code: number | null;
  out: string;
  ms: number;
}

let served: Served;
let dir: string;
let proxy: Server;
/** Every request a tool tried to send beyond this machine's loopback (the proxy refuses them all). */
const outbound: string[] = [];
let offlineEnv: NodeJS.ProcessEnv;

/** A fixture tool (node_modules/.bin/NAME) or script, with the project's Node, in the fixture's folder. */
function run(args: string[]): Promise<Run> {
  const started = performance.now();
  return new Promise<Run>((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: FIXTURE, env: offlineEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (b: Buffer) => (out += b));
    child.stderr.on('data', (b: Buffer) => (out += b));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out, ms: Math.round(performance.now() - started) }));
  });
}
const tool = (name: string, ...args: string[]) => run([join(FIXTURE, 'node_modules', '.bin', name), ...args]);

const times: Record<string, number> = {};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bientap-openapi-client-'));
  // Node's own proxy support (NODE_USE_ENV_PROXY) sends every http(s) request and fetch through this one,
  // except to loopback (NO_PROXY): an update check, telemetry or a remote $ref would be recorded here.
  proxy = createServer((req, res) => {
    outbound.push(`${req.method} ${req.url}`);
    res.writeHead(502).end();
  });
  proxy.on('connect', (req, socket) => {
    outbound.push(`CONNECT ${req.url}`);
    socket.end('HTTP/1.1 502 Bad Gateway\r\n\r\n');
  });
  await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
  const proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
  offlineEnv = {
    ...process.env,
    REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_UPDATE_NOTIFIER: '1',
    NODE_USE_ENV_PROXY: '1', HTTP_PROXY: proxyUrl, HTTPS_PROXY: proxyUrl, http_proxy: proxyUrl, https_proxy: proxyUrl,
    NO_PROXY: '127.0.0.1,localhost', no_proxy: '127.0.0.1,localhost',
  };
  served = await serve();
  const res = await served.fetch('/api/v1/openapi.json');
  expect(res.status).toBe(200);
  await writeFile(join(dir, 'openapi.json'), await res.text());
});

afterAll(async () => {
  console.log(`openapi-client tool times (ms): ${JSON.stringify(times)}`);
  await served?.stop();
  await new Promise((r) => proxy?.close(r));
  await rm(dir, { recursive: true, force: true });
});

describe('a typed client from /api/v1/openapi.json, as a third party makes one', () => {
  it('openapi-typescript generates the types (no circular pointer)', async () => {
    const r = await tool('openapi-typescript', join(dir, 'openapi.json'), '-o', join(FIXTURE, 'schema.d.ts'));
    times.openapiTypescript = r.ms;
    expect(r.code, r.out).toBe(0);
    expect(r.out).not.toMatch(/circular|error/i);
    // With its default options (defaultNonNullable): a request field the API fills in stays optional.
    const types = await readFile(join(FIXTURE, 'schema.d.ts'), 'utf8');
    const create = types.match(/\n {8}ArticleCreate: \{\n[\s\S]*?\n {8}\};/)?.[0] ?? '';
    expect(create).toMatch(/\n {12}title: string;/);
    expect(create).toMatch(/\n {12}status\?: /);
    const document = types.match(/\n {8}DocumentCreate: \{\n[\s\S]*?\n {8}\};/)?.[0] ?? '';
    for (const name of ['field', 'signer', 'effectiveOn', 'expiresOn', 'body', 'status', 'relations', 'files']) {
      expect(document, name).toMatch(new RegExp(`\\n {12}${name}\\?: `));
    }
  });

  it('tsc --noEmit type-checks client.ts against them (strict)', async () => {
    const r = await tool('tsc', '--noEmit', '-p', 'tsconfig.json');
    times.tsc = r.ms;
    expect(r.code, r.out).toBe(0);
  });

  it('a misspelt field (item.titel) fails the same check, which names it', async () => {
    const r = await tool('tsc', '--noEmit', '-p', 'tsconfig.wrong.json');
    times.tscWrong = r.ms;
    expect(r.code).not.toBe(0);
    expect(r.out).toMatch(/wrong-use\.ts.*Property 'titel' does not exist/);
    expect(r.out.match(/error TS/g)).toHaveLength(1); // only the mistake: the rest of the file is typed
  });

  it('redocly lint (recommended-strict: every warning an error) finds no problem', async () => {
    const r = await tool('redocly', 'lint', join(dir, 'openapi.json'), '--config', join(FIXTURE, 'redocly.yaml'), '--format', 'stylish');
    times.redoclyLint = r.ms;
    expect(r.code, r.out).toBe(0);
    expect(r.out).toMatch(/Your API description is valid/);
    expect(r.out).not.toMatch(/warning/i);
  });

  it('client.ts (openapi-fetch) lists, follows next, reads one, reads the stats and creates drafts with only the required fields', async () => {
    const r = await run(['client.ts', served.url, served.token]);
    times.client = r.ms;
    expect(r.code, r.out).toBe(0);
    const summary = JSON.parse(r.out.trim().split('\n').at(-1)!) as {
      pages: string[][]; read: { slug: string; title: string; version: number; category: string };
      stats: Record<string, number>; draft: { slug: string; status: string; location: string };
      document: { slug: string; state: string; files: number; relations: number; field: unknown };
    };
    const slugs = async (path: string) => ((await (await served.fetch(path)).json()) as { items: { slug: string }[] }).items.map((a) => a.slug);
    const firstPage = await (await served.fetch('/api/v1/articles?limit=3')).json() as { items: { slug: string }[]; next: string };
    expect(summary.pages[0]).toEqual(firstPage.items.map((a) => a.slug));
    expect(summary.pages[1]).toEqual(await slugs(`/api/v1/articles?limit=3&cursor=${encodeURIComponent(firstPage.next)}`));
    expect(summary.pages[1]).toHaveLength(3);

    const read = await (await served.fetch(`/api/v1/articles/${summary.read.slug}`)).json() as { title: string; version: number; category: { slug: string } };
    expect(summary.read).toMatchObject({ slug: summary.pages[0]![0], title: read.title, version: read.version, category: read.category.slug });

    for (const [name, value] of Object.entries(summary.stats)) expect(Number.isInteger(value), `${name} = ${value}`).toBe(true);

    expect(summary.draft.status).toBe('draft');
    expect(summary.draft.location).toBe(`${served.url}/api/v1/articles/${summary.draft.slug}`);
    const asWriter = await served.fetch(`/api/v1/articles/${summary.draft.slug}`, { headers: { Authorization: `Bearer ${served.token}` } });
    expect(asWriter.status).toBe(200);
    expect(await asWriter.json()).toMatchObject({ status: 'draft', category: { slug: summary.read.category } });
    expect((await served.fetch(`/api/v1/articles/${summary.draft.slug}`)).status).toBe(404);
    expect(await slugs('/api/v1/articles?limit=100')).not.toContain(summary.draft.slug);

    // The document sent without its defaulted fields got the defaults, as a draft nobody else reads.
    expect(summary.document).toMatchObject({ state: 'draft', files: 0, relations: 0, field: null });
    const documentAsWriter = await served.fetch(`/api/v1/documents/${summary.document.slug}`, { headers: { Authorization: `Bearer ${served.token}` } });
    expect(documentAsWriter.status).toBe(200);
    expect(await documentAsWriter.json()).toMatchObject({ state: 'draft', signer: '', body: '', effectiveOn: null, expiresOn: null, files: [], relations: [] });
    expect((await served.fetch(`/api/v1/documents/${summary.document.slug}`)).status).toBe(404);
  });

  it('no tool tried the network (and the proxy would have seen it if one had)', async () => {
    expect(outbound).toEqual([]);
    const probe = await run(['--input-type=module', '-e', 'await fetch("https://registry.npmjs.org/openapi-fetch").catch(() => {})']);
    expect(probe.code, probe.out).toBe(0);
    expect(outbound).toEqual(['CONNECT registry.npmjs.org:443']);
  });
});
