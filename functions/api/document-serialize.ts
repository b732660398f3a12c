// Document -> public JSON, field by field (internal columns cannot leak): the API's, the feeds' source.
import type { z } from 'zod';
import type { Document, DocumentSummary, TermRef } from '../data/document-types.ts';
import { paths } from '../http/origin.ts';
import type { DocumentOut, DocumentSummaryOut } from './document-schemas.ts';
import { absoluteBodyHtml } from '../content/absolute-urls.ts';

const term = (t: TermRef) => ({ slug: t.slug, name: t.name, abbreviation: t.abbreviation });

export function documentSummaryJson(d: DocumentSummary, origin: string): z.infer<typeof DocumentSummaryOut> {
  return {
    id: d.id,
    slug: d.slug,
    url: origin + paths.document(d.slug),
    apiUrl: origin + paths.apiDocument(d.slug),
    number: d.number,
    type: term(d.type),
    issuer: term(d.issuer),
    field: d.field ? term(d.field) : null,
    signer: d.signer,
    issuedOn: d.issuedOn,
    effectiveOn: d.effectiveOn,
    expiresOn: d.expiresOn,
    summary: d.summary,
    status: d.legalStatus,
    state: d.state,
    publishedAt: d.publishedAt?.toISOString() ?? null,
    createdAt: d.createdAt.toISOString(),
    updatedAt: d.updatedAt.toISOString(),
    version: d.version,
    files: d.files.map((f) => ({ url: origin + paths.documentFile(f.id, f.name), name: f.name, size: f.size, contentType: f.contentType, downloads: f.downloads })),
  };
}

export function documentJson(d: Document, origin: string): z.infer<typeof DocumentOut> {
  return {
    ...documentSummaryJson(d, origin),
    body: d.bodyMarkdown,
    html: absoluteBodyHtml(d.bodyHtml, origin),
    relations: d.relations.map((r) => ({ kind: r.kind, direction: r.direction, number: r.number, slug: r.slug, summary: r.summary, url: origin + paths.document(r.slug) })),
  };
}

/** What the ETag is computed from: the representation without download counts, which change with every download, not with a write. */
export function documentEtagSource(json: z.infer<typeof DocumentOut>): string {
  return JSON.stringify({ ...json, files: json.files.map(({ downloads: _, ...f }) => f) });
}
