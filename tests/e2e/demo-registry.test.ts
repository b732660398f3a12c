// The demo's documents as `npm start` serves them (the seed every e2e server starts from: scripts/seed.ts,
// seed-documents.ts), through the built Worker on each demo site's host: every published document and
// only those (no draft, nothing scheduled ahead), on its own site; their legal statuses from today's
// Vietnam date; numbers found however typed and a word found only in a PDF's text; links shown both
// ways; each file downloads as the PDF it was made from, under its Vietnamese name.
import { request as httpRequest } from 'node:http';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { vietnamDay } from '../../functions/content/dates.ts';
import { legalStatusOn } from '../../functions/documents/status.ts';
import { demoDocuments, publishAtOf, type DemoDocument, type DemoDocumentSite } from '../../scripts/demo-documents.ts';
import { serve, type Served } from '../support/served.ts';

let served: Served;
let port: string;
beforeAll(async () => {
  served = await serve();
  port = new URL(served.url).port;
});
afterAll(async () => {
  await served?.stop();
});

const HOSTS: Record<DemoDocumentSite, string> = { dongy: 'dongy.localhost', province: 'thainguyen.localhost', tancuong: 'tancuong.localhost' };

/** A GET to the server under a site's hostname (Node's fetch would send its own Host). */
function get(site: DemoDocumentSite, path: string): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, headers: { Host: `${HOSTS[site]}:${port}` }, setHost: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

interface ApiDocument {
  slug: string; number: string; status: string; state: string; summary: string;
  files: { url: string; name: string; size: number; contentType: string }[];
  relations?: { kind: string; direction: string; number: string }[];
}

async function list(site: DemoDocumentSite, query = ''): Promise<ApiDocument[]> {
  const res = await get(site, `/api/v1/documents?limit=100${query}`);
  expect(res.status, res.body.toString()).toBe(200);
  return (JSON.parse(res.body.toString()) as { items: ApiDocument[] }).items;
}

const visible = (d: DemoDocument, now: Date) => d.state === 'published' && Date.parse(publishAtOf(d)) <= now.getTime();

it('serves every published demo document on its own site, and no draft or scheduled one', async () => {
  const now = new Date();
  for (const site of Object.keys(HOSTS) as DemoDocumentSite[]) {
    const expected = demoDocuments.filter((d) => d.site === site && visible(d, now)).map((d) => d.number);
    const items = await list(site);
    expect(items.map((d) => d.number).sort(), site).toEqual([...expected].sort());
    expect(items.every((d) => d.state === 'published')).toBe(true);
  }
  const hidden = demoDocuments.filter((d) => !visible(d, now));
  expect(hidden.length).toBeGreaterThanOrEqual(2); // the drafts (and the scheduled one until its day)
});

it('gives each document the legal status of its dates on today\'s Vietnam day', async () => {
  const today = vietnamDay(new Date());
  const items = await list('province');
  for (const item of items) {
    const d = demoDocuments.find((x) => x.site === 'province' && x.number === item.number)!;
    expect(item.status, d.number).toBe(legalStatusOn({ issuedOn: d.issuedOn, effectiveOn: d.effectiveOn ?? null, expiresOn: d.expiresOn ?? null }, today));
  }
});

it('finds a number however typed, and a word that only a PDF holds (its annex)', async () => {
  for (const q of ['1542/QĐ-UBND', '1542 qd ubnd', 'qđ-ubnd 1542', '1542/2026/QD-UBND']) {
    expect((await list('province', `&q=${encodeURIComponent(q)}`)).map((d) => d.number), q).toEqual(['1542/QĐ-UBND']);
  }
  // "trợ lý ảo" is in the annex of 215/KH-UBND only: not in any summary or body.
  expect(demoDocuments.some((d) => `${d.summary} ${d.body ?? ''}`.toLowerCase().includes('trợ lý ảo'))).toBe(false);
  expect((await list('province', `&q=${encodeURIComponent('tro ly ao')}`)).map((d) => d.number)).toEqual(['215/KH-UBND']);
  // Words of a summary without diacritics (the report 112/BC-UBND names the week in its PDF), only on their own site.
  expect((await list('tancuong', `&q=${encodeURIComponent('tuan le van hoa tra')}`)).map((d) => d.number)).toEqual(['52/KH-UBND', '112/BC-UBND', '45/KH-UBND']);
  const elsewhere = (await list('province', `&q=${encodeURIComponent('tuan le van hoa tra')}`)).map((d) => d.number);
  expect(elsewhere).not.toContain('45/KH-UBND');
  expect(elsewhere).not.toContain('52/KH-UBND');
});

it('shows the links both ways: 28/2026 replaces 12/2025 and is amended by 41/2026', async () => {
  // The number is also in 41/2026's summary (it amends it): both are found, sorted by date of issue.
  const found = await list('province', `&q=${encodeURIComponent('28/2026/QĐ-UBND')}`);
  expect(found.map((d) => d.number)).toEqual(['41/2026/QĐ-UBND', '28/2026/QĐ-UBND']);
  const res = await get('province', `/api/v1/documents/${found[1]!.slug}`);
  expect(res.status).toBe(200);
  const doc = JSON.parse(res.body.toString()) as ApiDocument;
  expect(doc.relations).toEqual(expect.arrayContaining([
    expect.objectContaining({ kind: 'replaces', direction: 'outgoing', number: '12/2025/QĐ-UBND' }),
    expect.objectContaining({ kind: 'amends', direction: 'incoming', number: '41/2026/QĐ-UBND' }),
  ]));
  expect(doc.files.map((f) => f.name)).toEqual(['Quyết định 28-2026-QĐ-UBND.pdf', 'Quy định kèm theo Quyết định 28-2026-QĐ-UBND.pdf']);
});

it('downloads each file of a document as its PDF, under its Vietnamese name', async () => {
  const item = (await list('tancuong', `&q=${encodeURIComponent('45/KH-UBND')}`)).find((d) => d.number === '45/KH-UBND');
  expect(item!.files).toHaveLength(2);
  for (const file of item!.files) {
    const res = await get('tancuong', new URL(file.url).pathname);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.body.length).toBe(file.size);
    expect(String(res.headers['content-disposition'])).toContain(`filename*=UTF-8''${encodeURIComponent(file.name)}`);
    const { text } = await extractText(await getDocumentProxy(new Uint8Array(res.body)), { mergePages: true });
    expect(text.replace(/\s+/g, ' ')).toContain('Số: 45/KH-UBND');
  }
});
