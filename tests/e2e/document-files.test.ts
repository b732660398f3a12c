// A document's file downloaded by real Chromium from the served Worker: the file Chromium saves has the
// original Vietnamese name (Content-Disposition filename* decoded by the browser, not the ASCII fallback)
// and the same bytes; the download is counted once; the PDF opens inline on ?xem=1 as the browser's
// viewer asks for it (no download). The document and its file are made through the API, as a client would.
import { readFile } from 'node:fs/promises';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchBrowser, newReader } from '../support/browser.ts';
import { serve, type Served } from '../support/served.ts';
import { zip } from '../support/document-files.ts';

const NAME = 'Quyết định số 125-QĐ-UBND về chuyển đổi số (Phụ lục Ⅱ) – bản ký số.docx';
let server: Served;
let browser: Browser;
let url: string;
let bytes: Uint8Array;

/** A DOCX as Word writes its skeleton ([Content_Types].xml, _rels, word/document.xml). */
function docx(): Uint8Array {
  return zip([
    ['[Content_Types].xml', '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'],
    ['_rels/.rels', '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>'],
    ['word/document.xml', '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Phụ lục</w:t></w:r></w:p></w:body></w:document>'],
  ]);
}

async function downloadsOf(slug: string): Promise<number> {
  const res = await server.fetch(`/api/v1/documents/${slug}`, { headers: { Authorization: `Bearer ${server.token}` } });
  const body = (await res.json()) as { files: { downloads: number }[] };
  return body.files[0]!.downloads;
}

let slug: string;

beforeAll(async () => {
  server = await serve();
  browser = await launchBrowser();
  bytes = docx();
  const form = new FormData();
  form.append('file', new Blob([bytes]), NAME);
  const uploaded = await server.fetch('/api/v1/document-files', { method: 'POST', headers: { Authorization: `Bearer ${server.token}` }, body: form });
  expect(uploaded.status).toBe(201);
  const file = (await uploaded.json()) as { id: number; url: string };
  const created = await server.fetch('/api/v1/documents', {
    method: 'POST',
    headers: { Authorization: `Bearer ${server.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ number: '9125/QĐ-UBND', type: 'quyet-dinh', issuer: 'ubnd', issuedOn: '2026-11-20', summary: 'Về việc ban hành kế hoạch chuyển đổi số (tệp đính kèm)', status: 'published', files: [file.id] }),
  });
  const document = (await created.json()) as { slug: string; files: { url: string }[] };
  expect(created.status, JSON.stringify(document)).toBe(201);
  slug = document.slug;
  url = document.files[0]!.url;
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

it('saves the file under its Vietnamese name, with its bytes, and counts the download once', async () => {
  const context = await newReader(browser, { acceptDownloads: true });
  const page = await context.newPage();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    // An attachment never becomes a page: the navigation is aborted as the download starts.
    page.goto(url).catch(() => null),
  ]);
  expect(download.suggestedFilename()).toBe(NAME);
  expect(new Uint8Array(await readFile((await download.path())!))).toEqual(bytes);
  await context.close();
  // Counted after the answer has left (waitUntil): wait for it, then it is exactly one.
  await expect.poll(() => downloadsOf(slug), { timeout: 10_000 }).toBe(1);
});
