// The shapes the data layer hands out for documents; the API, feeds and pages map these to their outputs.
import type { DocumentRelationKind } from '../../schema/tables.ts';
import type { LegalStatus } from '../documents/status.ts';
import type { ArticleStatus } from './article-types.ts';

/** An entry of a managed list as a document names it. */
export interface TermRef {
  id: number;
  slug: string;
  name: string;
  abbreviation: string;
}

/** A file attached to a document (FILES serves it at paths.documentFile(id, name)). */
export interface DocumentFileRef {
  id: number;
  name: string;
  size: number;
  contentType: string;
  downloads: number;
}

/**
 * A link to another document: `outgoing` as this document states it ("replaces 12/QĐ-UBND"),
 * `incoming` as the other states it about this one (shown as "replaced by ...").
 */
export interface DocumentRelation {
  kind: DocumentRelationKind;
  direction: 'outgoing' | 'incoming';
  id: number;
  slug: string;
  number: string;
  summary: string;
}

export interface DocumentSummary {
  id: number;
  slug: string;
  number: string;
  type: TermRef;
  issuer: TermRef;
  field: TermRef | null;
  signer: string;
  issuedOn: string;
  effectiveOn: string | null;
  expiresOn: string | null;
  summary: string;
  /** Computed from the dates and the Vietnam day of the read. */
  legalStatus: LegalStatus;
  /** The publication state, as articles call theirs ("scheduled": published with a future publishedAt). */
  state: ArticleStatus;
  publishedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
  files: DocumentFileRef[];
}

export interface Document extends DocumentSummary {
  bodyMarkdown: string;
  bodyHtml: string;
  /** Why an editor returned it from review (shown to its writer until submitted again); '' if not returned. */
  reviewNote: string;
  relations: DocumentRelation[];
  deletedAt: Date | null;
}
