// /api/v1/documents: browse (filters, search, keyset paging), read, add, edit, destroy, for the host's
// site and its tokens only. HTTP only: the list is the reader page's (data/documents-read.ts), the
// writes go through the documents' write service.
import type { z } from 'zod';
import type { DocumentTermKind } from '../../schema/tables.ts';
import { database } from '../data/db.ts';
import { listDocumentTerms } from '../data/document-terms.ts';
import type { Document } from '../data/document-types.ts';
import { documentIdsBySlug, listDocuments, readDocumentById, readDocumentBySlug, readPublishedDocument } from '../data/documents-read.ts';
import type { DocumentInput } from '../data/documents-write.ts';
import { createDocument, deleteDocument, updateDocument } from '../documents/service.ts';
import { callerOf, type WriteHandler } from '../http/auth.ts';
import { readJson, validate } from '../http/body.ts';
import { strongEtag } from '../http/etag.ts';
import { paths, siteOf } from '../http/origin.ts';
import { HttpError, notFound } from '../http/problem.ts';
import { queryOf, slugParam, type Handler } from '../http/request.ts';
import { PRIVATE_CACHE, sendJson, sendWrite } from '../http/respond.ts';
import { DocumentCreate, DocumentListQuery, DocumentPatch } from './document-schemas.ts';
import { documentEtagSource, documentJson, documentSummaryJson } from './document-serialize.ts';
import { actorOf, assertIfMatch, createWithKey, nextPageUrl, pageOptions, reply } from './handler-parts.ts';

export const DEFAULT_LIMIT = 20;
const PAGE_PARAMS = ['limit', 'type', 'issuer', 'field', 'year', 'status', 'q'] as const;

export const browse: Handler = async (request, env) => {
  const now = new Date();
  const site = siteOf(request, env);
  // A presented token is checked even here: a bad one is an error, a good one makes the answer private.
  const caller = await callerOf(request, env, now);
  const query = validate(DocumentListQuery, queryOf(request), 'query');
  const page = await listDocuments(database(env.DB), site.id, { ...query, limit: query.limit ?? DEFAULT_LIMIT, now });
  const nextUrl = page.nextCursor ? nextPageUrl(request, site.origin, query, PAGE_PARAMS, page.nextCursor) : null;
  return sendJson(request, { items: page.items.map((d) => documentSummaryJson(d, site.origin)), next: page.nextCursor, nextUrl }, pageOptions(nextUrl, caller !== null));
};

export const read: Handler = async (request, env) => {
  const now = new Date();
  const slug = slugParam(request, 'document');
  const site = siteOf(request, env);
  // A token of this site may see its drafts; without one, a draft is indistinguishable from nothing.
  const caller = await callerOf(request, env, now);
  const db = database(env.DB);
  const document = caller ? await readDocumentBySlug(db, site.id, slug, now) : await readPublishedDocument(db, site.id, slug, now);
  if (!document) throw notFound(`No document has the slug "${slug}".`);
  const json = documentJson(document, site.origin);
  return sendJson(request, json, {
    etagSource: documentEtagSource(json),
    ...(caller !== null || document.state !== 'published' ? { cacheControl: PRIVATE_CACHE } : {}),
  });
};

type Body = z.output<typeof DocumentCreate> | z.output<typeof DocumentPatch>;

/** The body's slugs (lists, related documents) as the site's ids; an unknown one is a 422 on its field. */
async function documentInput(env: Env, siteId: number, body: Body): Promise<Partial<DocumentInput>> {
  const db = database(env.DB);
  const { type, issuer, field, relations, files, ...rest } = body;
  const terms = await listDocumentTerms(db, siteId);
  const errors: { field: string; message: string }[] = [];
  const idOf = (kind: DocumentTermKind, slug: string) => {
    const found = terms.find((t) => t.kind === kind && t.slug === slug);
    if (!found) errors.push({ field: kind, message: `No ${kind} of this site has the slug "${slug}".` });
    return found?.id ?? 0;
  };
  const input: Partial<DocumentInput> = { ...rest };
  if (type !== undefined) input.typeId = idOf('type', type);
  if (issuer !== undefined) input.issuerId = idOf('issuer', issuer);
  if (field !== undefined) input.fieldId = field === null ? null : idOf('field', field);
  if (files !== undefined) input.fileIds = files;
  if (relations !== undefined) {
    const ids = await documentIdsBySlug(db, siteId, relations.map((r) => r.slug));
    input.relations = [];
    relations.forEach((r, i) => {
      const relatedId = ids.get(r.slug);
      if (relatedId === undefined) errors.push({ field: `relations.${i}`, message: `No document of this site has the slug "${r.slug}".` });
      else input.relations!.push({ kind: r.kind, relatedId });
    });
  }
  if (errors.length) {
    throw new HttpError(422, 'validation-failed', `Invalid body: ${errors.map((e) => `${e.field}: ${e.message}`).join('; ')}`, { errors });
  }
  return input;
}

async function written(request: Request, env: Env, document: Document, status: number, extra: Record<string, string> = {}) {
  const json = documentJson(document, siteOf(request, env).origin);
  return { status, value: json, headers: { ETag: await strongEtag(documentEtagSource(json)), ...extra } };
}

export const add: WriteHandler = async (request, env, _ctx, token) => {
  const now = new Date();
  const site = siteOf(request, env);
  return createWithKey(request, env, token, now, {
    input: async () => (await documentInput(env, site.id, await readJson(request, DocumentCreate))) as DocumentInput,
    create: (input, also) => createDocument(env, site, input, actorOf(token), now, also),
    answer: (d: Document) => written(request, env, d, 201, { Location: site.origin + paths.apiDocument(d.slug) }),
    committed: async (id) => (await readDocumentById(database(env.DB), site.id, id, now, { withDeleted: true }))!,
  });
};

/** The site's document a write targets, with If-Match enforced against its current ETag. */
async function writeTarget(request: Parameters<Handler>[0], env: Env, now: Date): Promise<Document> {
  const slug = slugParam(request, 'document');
  const site = siteOf(request, env);
  const document = await readDocumentBySlug(database(env.DB), site.id, slug, now);
  if (!document) throw notFound(`No document has the slug "${slug}".`);
  await assertIfMatch(request, () => strongEtag(documentEtagSource(documentJson(document, site.origin))), 'document');
  return document;
}

export const edit: WriteHandler = async (request, env, _ctx, token) => {
  const now = new Date();
  const site = siteOf(request, env);
  const current = await writeTarget(request, env, now);
  const patch = await documentInput(env, site.id, await readJson(request, DocumentPatch));
  return reply(await written(request, env, await updateDocument(env, site, current, patch, actorOf(token), now), 200));
};

export const destroy: WriteHandler = async (request, env, _ctx, token) => {
  const now = new Date();
  const current = await writeTarget(request, env, now);
  await deleteDocument(env, siteOf(request, env), current, actorOf(token), now);
  return sendWrite(null, 204);
};
