// Documents for the file tests, written straight into the real local D1 (the terms they need, the row,
// its search row, its files attached), in whatever state a test needs: published, draft, scheduled,
// in the trash. Files are uploaded through the Worker (POST /api/v1/document-files) like a client does.
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { eq, inArray, sql } from 'drizzle-orm';
import { documentFiles, documents, documentTerms } from '../../schema/tables.ts';
import { database } from '../../functions/data/db.ts';
import worker from '../../functions/index.ts';
import { ORIGIN } from './api.ts';

let n = 0;
const U = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;

export interface UploadedFile {
  id: number;
  url: string;
  name: string;
  size: number;
  contentType: string;
  downloads: number;
}

/** One request through the Worker, waiting for its work after the answer (waitUntil) too. */
export async function fetchAll(request: Request): Promise<Response> {
  const ctx = createExecutionContext();
  const res = await worker.fetch(request as Parameters<typeof worker.fetch>[0], env, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

export function uploadRequest(bytes: Uint8Array, name: string, token: string, origin = ORIGIN, type = 'application/octet-stream'): Request {
  const form = new FormData();
  form.append('file', new File([bytes], name, { type }));
  return new Request(`${origin}/api/v1/document-files`, { method: 'POST', headers: { Authorization: `Bearer ${token}` }, body: form });
}

/** Uploads through the API (the PDF text reader done too); throws unless 201. */
export async function upload(bytes: Uint8Array, name: string, token: string, origin = ORIGIN): Promise<UploadedFile> {
  const res = await fetchAll(uploadRequest(bytes, name, token, origin));
  if (res.status !== 201) throw new Error(`upload failed ${res.status}: ${await res.text()}`);
  return (await res.json()) as UploadedFile;
}

export interface DocumentState {
  status?: 'draft' | 'published' | 'review' | 'archived';
  publishedAt?: Date | null;
  deletedAt?: Date | null;
  summary?: string;
}

/** A document of the site in the given state with the files attached in order; returns its id. */
export async function documentWith(siteId: number, fileIds: number[], state: DocumentState = {}): Promise<number> {
  const db = database(env.DB);
  n += 1;
  const [type] = await db.insert(documentTerms).values({ siteId, kind: 'type', slug: `loai-${U}-${n}`, name: 'Quyết định', abbreviation: 'QĐ' }).returning();
  const [issuer] = await db.insert(documentTerms).values({ siteId, kind: 'issuer', slug: `cq-${U}-${n}`, name: 'Ủy ban nhân dân xã' }).returning();
  const status = state.status ?? 'published';
  const [doc] = await db.insert(documents).values({
    siteId, slug: `vb-${U}-${n}`, number: `${n}/QĐ-UBND`, numberKey: `${n} qd ubnd`, typeId: type!.id, issuerId: issuer!.id,
    issuedOn: '2024-03-15', issuedYear: 2024, summary: state.summary ?? `Về việc thử tệp đính kèm ${n}`, status,
    publishedAt: state.publishedAt !== undefined ? state.publishedAt : status === 'published' ? new Date(Date.now() - 60_000) : null,
    deletedAt: state.deletedAt ?? null,
  }).returning();
  const id = doc!.id;
  await db.run(sql`insert into documents_fts (rowid, number, summary, body, files) values (${id}, ${`${n} qd ubnd 2024`}, ${'ve viec thu tep'}, '', '')`);
  for (const [position, fileId] of fileIds.entries()) {
    await db.update(documentFiles).set({ documentId: id, position }).where(eq(documentFiles.id, fileId));
  }
  return id;
}

export async function fileRows(ids: number[]) {
  return ids.length ? database(env.DB).select().from(documentFiles).where(inArray(documentFiles.id, ids)) : [];
}

/** Every R2 key under the site's document space. */
export async function storedKeys(siteId: number): Promise<string[]> {
  const keys: string[] = [];
  let cursor: string | undefined;
  do {
    const listed = await env.MEDIA.list({ prefix: `documents/${siteId}/`, ...(cursor ? { cursor } : {}) });
    keys.push(...listed.objects.map((o) => o.key));
    cursor = listed.truncated ? listed.cursor : undefined;
  } while (cursor);
  return keys;
}

export async function fileCount(siteId: number): Promise<number> {
  const row = await env.DB.prepare('SELECT count(*) AS n FROM document_files WHERE site_id = ?').bind(siteId).first<{ n: number }>();
  return row!.n;
}
