// What the document edit page shows (the shapes the form component renders), apart from how they are
// loaded: the stored document's admin view, the site's managed lists, chosen relations and files.
import type { DocumentRelationKind, DocumentTermKind } from '../../schema/tables.ts';
import type { ArticleStatus } from '../../functions/data/article-types.ts';
import type { RevisionStamp } from '../../functions/data/admin-articles.ts';
import type { DocumentErrors, DocumentFormValues } from './document-form.ts';
import type { EditAction } from './permissions.ts';

export interface TermOption {
  id: number;
  kind: DocumentTermKind;
  name: string;
  abbreviation: string;
}

/** A document as a line of a list or a relation: enough to recognise it. */
export interface DocumentRef {
  id: number;
  number: string;
  summary: string;
  issuedOn: string;
}

export interface ChosenRelation extends DocumentRef {
  kind: DocumentRelationKind;
  /** "replaces:12", the value the form carries. */
  value: string;
}

export interface FileRow {
  id: number;
  name: string;
  size: number;
  contentType: string;
}

/** The stored document, as the page needs it (status as articles show theirs: scheduled computed). */
export interface StoredDocument {
  id: number;
  slug: string;
  number: string;
  status: ArticleStatus;
  version: number;
  deletedAt: Date | null;
  /** Why an editor returned it from review ('' if not returned, or submitted again since). */
  reviewNote: string;
}

export interface DocumentConflict {
  theirs: DocumentFormValues;
  theirsStatus: ArticleStatus;
  lastChange: RevisionStamp | null;
}

export interface DocumentEditorState {
  document: StoredDocument | null;
  values: DocumentFormValues;
  errors: DocumentErrors;
  actions: EditAction[];
  canDelete: boolean;
  readOnly: boolean;
  terms: TermOption[];
  relations: ChosenRelation[];
  /** The files of the form: saved ones and those uploaded for it. */
  files: FileRow[];
  /** Results of the related-documents search (null: no search made). */
  found: DocumentRef[] | null;
  notice: string | null;
  /** A problem not tied to one field (forbidden action, in the trash, files to choose again). */
  problem: string | null;
  previewHtml: string | null;
  conflict: DocumentConflict | null;
}

export const documentEditPath = (id: number) => `/admin/van-ban/${id}`;
