// The documents registry's reader pages (/van-ban, /van-ban/{slug}, its print view, the home box): what
// they show, read through the one data layer (functions/data/documents-read.ts, the API's own queries,
// so the site and the API find the same documents), shaped for the components.
import type { Document, DocumentFileRef, DocumentSummary, TermRef as DataTermRef } from '../../functions/data/document-types.ts';
import type { LegalStatus } from '../../functions/documents/status.ts';
import { LEGAL_STATUS_SLUGS, legalStatusOfSlug } from '../../functions/documents/status.ts';
import { paths } from '../../functions/http/origin.ts';
import { InvalidCursor } from '../../functions/articles/errors.ts';
import { listDocumentTerms } from '../../functions/data/document-terms.ts';
import { documentYears } from '../../functions/data/document-years.ts';
import { listDocuments, listNewDocuments, readPublishedDocument } from '../../functions/data/documents-read.ts';
import { DOCUMENT_PAGE_SIZE, DOCUMENT_RELATION_LABEL, DOCUMENT_UI, HOME_DOCUMENTS_SIZE, PARAM, SEARCH_MAX_LENGTH } from '../consts.ts';
import { legislationJsonLd } from './document-json-ld.ts';
import type { FeedLink } from './feeds.ts';
import { formatFileSize } from './file-size.ts';
import type { SiteContext } from './site.ts';

export type TermRef = Pick<DataTermRef, 'slug' | 'name'>;

export interface DocumentFileView {
  /** The file route's path (a download); add INLINE_VIEW for the inline view of a PDF. */
  url: string;
  name: string;
  size: number;
  sizeText: string;
  contentType: string;
  /** "PDF", "DOCX", ...: what the table's download link says. */
  kindLabel: string;
  isPdf: boolean;
}

export interface DocumentRowView {
  slug: string;
  path: string;
  number: string;
  /** "YYYY-MM-DD" and "dd/mm/yyyy". */
  issuedOn: string;
  issuedOnText: string;
  summary: string;
  type: TermRef;
  status: LegalStatus;
  files: DocumentFileView[];
}

export type RelationKind = keyof typeof DOCUMENT_RELATION_LABEL;

export interface RelationView {
  kind: RelationKind;
  /** outgoing: this document replaces / amends / is guided by the other; incoming: the reverse. */
  direction: 'outgoing' | 'incoming';
  label: string;
  number: string;
  summary: string;
  path: string;
}

export interface DocumentView extends DocumentRowView {
  issuer: TermRef;
  field: TermRef | null;
  signer: string;
  effectiveOn: string | null;
  effectiveOnText: string | null;
  expiresOn: string | null;
  expiresOnText: string | null;
  bodyHtml: string;
  relations: RelationView[];
}

/** The query parameter of the file route that asks for the inline view (Content-Disposition: inline). */
export const INLINE_VIEW = 'xem=1';

/** "2024-03-08" -> "08/03/2024", as Vietnamese documents write dates. */
export function formatDay(day: string): string {
  const [y, m, d] = day.split('-');
  return `${d}/${m}/${y}`;
}

const FILE_KINDS: Record<string, string> = {
  'application/pdf': 'PDF',
  'application/msword': 'DOC',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'DOCX',
  'application/vnd.ms-excel': 'XLS',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'XLSX',
  'application/vnd.oasis.opendocument.text': 'ODT',
  'application/vnd.oasis.opendocument.spreadsheet': 'ODS',
  'application/zip': 'ZIP',
};

export function fileView(file: { url: string; name: string; size: number; contentType: string }): DocumentFileView {
  return {
    url: file.url,
    name: file.name,
    size: file.size,
    sizeText: formatFileSize(file.size),
    contentType: file.contentType,
    kindLabel: FILE_KINDS[file.contentType] ?? (/\.([a-z0-9]{1,5})$/i.exec(file.name)?.[1]?.toUpperCase() ?? 'Tệp'),
    isPdf: file.contentType === 'application/pdf',
  };
}

export function relationLabel(kind: RelationKind, direction: 'outgoing' | 'incoming'): string {
  return DOCUMENT_RELATION_LABEL[kind][direction];
}

// ---- the list's address ----

export interface DocumentListRequest {
  q: string;
  /** Slugs of the managed lists' entries; '' = any. */
  type: string;
  issuer: string;
  field: string;
  year: number | null;
  status: LegalStatus | null;
  /** `?sau=`: the page starts after this document (keyset, as the API's `cursor`); undefined on the first page. */
  after: string | undefined;
}

const SLUG = /^[a-z0-9-]{1,100}$/;
const slugParam = (url: URL, name: string) => {
  const value = (url.searchParams.get(name) ?? '').trim();
  return SLUG.test(value) ? value : '';
};

/** The filters as typed in the address: anything malformed is no filter (never an error page). */
export function documentListRequest(url: URL): DocumentListRequest {
  const q = (url.searchParams.get(PARAM.query) ?? '').normalize('NFC').replace(/\s+/g, ' ').trim().slice(0, SEARCH_MAX_LENGTH);
  const year = url.searchParams.get(PARAM.documentYear) ?? '';
  return {
    q,
    type: slugParam(url, PARAM.documentType),
    issuer: slugParam(url, PARAM.documentIssuer),
    field: slugParam(url, PARAM.documentField),
    year: /^\d{4}$/.test(year) ? Number(year) : null,
    status: legalStatusOfSlug(url.searchParams.get(PARAM.documentStatus) ?? ''),
    after: url.searchParams.get(PARAM.after) ?? undefined,
  };
}

export const isFiltered = (r: DocumentListRequest) => Boolean(r.q || r.type || r.issuer || r.field || r.year !== null || r.status);

/** The parameters that choose what the list shows, in a fixed order (canonical and paging links). */
export function documentListParams(r: DocumentListRequest, after?: string): URLSearchParams {
  const params = new URLSearchParams();
  if (r.q) params.set(PARAM.query, r.q);
  if (r.type) params.set(PARAM.documentType, r.type);
  if (r.issuer) params.set(PARAM.documentIssuer, r.issuer);
  if (r.field) params.set(PARAM.documentField, r.field);
  if (r.year !== null) params.set(PARAM.documentYear, String(r.year));
  if (r.status) params.set(PARAM.documentStatus, LEGAL_STATUS_SLUGS[r.status]);
  if (after) params.set(PARAM.after, after);
  return params;
}

/** The list with these filters, from its first page or after a document. */
export function documentListHref(r: DocumentListRequest, after?: string): string {
  const query = documentListParams(r, after).toString();
  return paths.documents() + (query ? `?${query}` : '');
}

// ---- from the data layer's shapes ----

export function fileViews(files: DocumentFileRef[]): DocumentFileView[] {
  return files.map((f) => fileView({ url: paths.documentFile(f.id, f.name), name: f.name, size: f.size, contentType: f.contentType }));
}

export function rowView(d: DocumentSummary): DocumentRowView {
  return {
    slug: d.slug,
    path: paths.document(d.slug),
    number: d.number,
    issuedOn: d.issuedOn,
    issuedOnText: formatDay(d.issuedOn),
    summary: d.summary,
    type: { slug: d.type.slug, name: d.type.name },
    status: d.legalStatus,
    files: fileViews(d.files),
  };
}

export function documentView(d: Document): DocumentView {
  const order = (r: { kind: RelationKind; direction: string }) => Object.keys(DOCUMENT_RELATION_LABEL).indexOf(r.kind) * 2 + (r.direction === 'outgoing' ? 0 : 1);
  return {
    ...rowView(d),
    issuer: { slug: d.issuer.slug, name: d.issuer.name },
    field: d.field ? { slug: d.field.slug, name: d.field.name } : null,
    signer: d.signer,
    effectiveOn: d.effectiveOn,
    effectiveOnText: d.effectiveOn ? formatDay(d.effectiveOn) : null,
    expiresOn: d.expiresOn,
    expiresOnText: d.expiresOn ? formatDay(d.expiresOn) : null,
    bodyHtml: d.bodyHtml,
    relations: [...d.relations].sort((a, b) => order(a) - order(b)).map((r) => ({
      kind: r.kind,
      direction: r.direction,
      label: relationLabel(r.kind, r.direction),
      number: r.number,
      summary: r.summary,
      path: paths.document(r.slug),
    })),
  };
}

// ---- the pages' data ----

export interface DocumentFilterOptions {
  types: TermRef[];
  issuers: TermRef[];
  fields: TermRef[];
  years: number[];
}

export interface DocumentList {
  options: DocumentFilterOptions;
  rows: DocumentRowView[];
  /** Whether this page came after a cursor (a later page). */
  continued: boolean;
  firstHref: string | null;
  olderHref: string | null;
}

/**
 * One page of the registry with these filters: listDocuments, the very function of GET /api/v1/documents,
 * so the site and the API find the same documents in the same order. Null: a cursor we never made (404).
 */
export async function loadDocumentList(site: SiteContext, request: DocumentListRequest): Promise<DocumentList | null> {
  const filter = {
    q: request.q || undefined,
    type: request.type || undefined,
    issuer: request.issuer || undefined,
    field: request.field || undefined,
    year: request.year ?? undefined,
    status: request.status ?? undefined,
  };
  const listing = listDocuments(site.db, site.id, { ...filter, limit: DOCUMENT_PAGE_SIZE, cursor: request.after, now: site.now })
    .catch((error: unknown) => {
      if (error instanceof InvalidCursor) return null;
      throw error;
    });
  const [page, terms, years] = await Promise.all([listing, listDocumentTerms(site.db, site.id), documentYears(site.db, site.id, site.now)]);
  if (!page) return null;
  const of = (kind: string) => terms.filter((t) => t.kind === kind).map((t) => ({ slug: t.slug, name: t.name }));
  return {
    options: { types: of('type'), issuers: of('issuer'), fields: of('field'), years },
    rows: page.items.map(rowView),
    continued: request.after !== undefined,
    firstHref: request.after !== undefined ? documentListHref(request) : null,
    olderHref: page.nextCursor ? documentListHref(request, page.nextCursor) : null,
  };
}

export interface DocumentPage {
  doc: DocumentView;
  canonical: string;
  modifiedAt: Date;
  jsonLd: string;
}

/** A document readers may see (published, its time come, not deleted), or null (404). */
export async function loadDocumentPage(site: SiteContext, slug: string): Promise<DocumentPage | null> {
  if (!/^[a-z0-9-]{1,200}$/.test(slug)) return null;
  const found = await readPublishedDocument(site.db, site.id, slug, site.now);
  if (!found) return null;
  const doc = documentView(found);
  const canonical = site.origin + paths.document(found.slug);
  return { doc, canonical, modifiedAt: found.updatedAt, jsonLd: legislationJsonLd(doc, site, canonical) };
}

/** The home page's "Văn bản mới": the newest published documents. */
export async function loadLatestDocuments(site: SiteContext): Promise<DocumentRowView[]> {
  return (await listNewDocuments(site.db, site.id, { limit: HOME_DOCUMENTS_SIZE, now: site.now })).map(rowView);
}

/** The registry's feeds (new documents), and a type's own when the list is filtered by one. */
export function documentFeeds(type?: TermRef | null): FeedLink[] {
  const all = { title: DOCUMENT_UI.latest, json: paths.documentsFeed(), rss: paths.documentsRss() };
  return type ? [all, { title: `${DOCUMENT_UI.latest}: ${type.name}`, json: paths.documentTypeFeed(type.slug), rss: paths.documentTypeRss(type.slug) }] : [all];
}
