// Document fixtures against the real Worker and local D1: a fresh issuer per test (numbers restart per
// issuer and year, so tests never collide), documents created and changed through the API.
import { env } from 'cloudflare:workers';
import { documentTerms } from '../../schema/tables.ts';
import { database } from '../../functions/data/db.ts';
import { auth, call, FIRST_SITE_ID, getJson, jsonInit, unique } from './api.ts';

export interface DocumentJson {
  id: number;
  slug: string;
  url: string;
  number: string;
  type: { slug: string; name: string; abbreviation: string };
  issuer: { slug: string; name: string };
  field: { slug: string; name: string } | null;
  issuedOn: string;
  effectiveOn: string | null;
  expiresOn: string | null;
  summary: string;
  status: string;
  state: string;
  files: { url: string; name: string; size: number; contentType: string; downloads: number }[];
  relations: { kind: string; direction: string; number: string; slug: string; url: string }[];
  [k: string]: unknown;
}

/** A new issuing authority of the site (cơ quan ban hành), its slug. */
export async function freshIssuer(siteId = FIRST_SITE_ID, name = 'Ủy ban nhân dân xã thử'): Promise<string> {
  const slug = unique('cq');
  await database(env.DB).insert(documentTerms).values({ siteId, kind: 'issuer', slug, name, abbreviation: 'UBND' });
  return slug;
}

/** A body of a valid published document; `over` changes any field. */
export const documentBody = (issuer: string, over: Record<string, unknown> = {}) => ({
  number: '125/QĐ-UBND', type: 'quyet-dinh', issuer, field: 'hanh-chinh', signer: 'Nguyễn Văn An (Chủ tịch)',
  issuedOn: '2024-03-01', effectiveOn: '2024-03-15', summary: 'Về việc ban hành quy chế tiếp công dân', status: 'published', ...over,
});

export async function postDocument(token: string, body: Record<string, unknown>, origin = ''): Promise<{ document: DocumentJson; etag: string }> {
  const res = origin ? await fetchAt(origin + '/api/v1/documents', jsonInit('POST', token, body)) : await call('/api/v1/documents', jsonInit('POST', token, body));
  if (res.status !== 201) throw new Error(`POST document failed ${res.status}: ${await res.text()}`);
  return { document: (await res.json()) as DocumentJson, etag: res.headers.get('ETag')! };
}

const fetchAt = (url: string, init: RequestInit) => import('cloudflare:workers').then(({ exports }) => exports.default.fetch(new Request(url, { redirect: 'manual', ...init })));

export function patchDocument(token: string, slug: string, ifMatch: string | null, body: unknown): Promise<Response> {
  return call(`/api/v1/documents/${slug}`, jsonInit('PATCH', token, body, ifMatch ? { 'If-Match': ifMatch } : {}));
}

export async function readDocumentAsWriter(token: string, slug: string): Promise<{ document: DocumentJson; etag: string }> {
  const { res, body } = await getJson<DocumentJson>(`/api/v1/documents/${slug}`, auth(token));
  return { document: body, etag: res.headers.get('ETag')! };
}

/** The slugs a list answers, in order. */
export async function listedSlugs(query: string, headers: Record<string, string> = {}): Promise<string[]> {
  const { body } = await getJson<{ items: DocumentJson[] }>(`/api/v1/documents?${query}`, headers);
  return body.items.map((d) => d.slug);
}
