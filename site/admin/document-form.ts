// The document form (/admin/van-ban/...): what the editor typed, kept verbatim so a refused form loses
// nothing (uploaded files ride along by id, chosen relations as "kind:id"), and its checks with
// Vietnamese messages at the fields. The write service checks again (number taken, a list entry of
// another site); this module only reads and validates what the browser sent.
import { measureMarkdown } from '../../functions/content/markdown-limits.ts';
import type { DocumentInput } from '../../functions/data/documents-write.ts';
import { DOCUMENT_RELATIONS, type DocumentRelationKind } from '../../schema/tables.ts';
import type { EditAction } from './permissions.ts';
import { DOCUMENTS, markdownTooComplexMessage } from './strings.ts';
import { bodyAltProblem } from './body-alt.ts';
import { fromDatetimeLocal } from './vietnam-time.ts';
import { rowId } from './row-id.ts';

export interface DocumentFormValues {
  number: string;
  /** Term ids as the selects send them ('' = none chosen). */
  type: string;
  issuer: string;
  field: string;
  signer: string;
  /** "YYYY-MM-DD" (Vietnam calendar days, as <input type="date"> sends them). */
  issuedOn: string;
  effectiveOn: string;
  expiresOn: string;
  summary: string;
  body: string;
  /** datetime-local, Vietnam time: when a scheduled document goes live. */
  publishAt: string;
  /** The version the form was loaded at ('' for a new document). */
  version: string;
  /** Chosen relations, "replaces:12" each, in the order chosen. */
  relations: string[];
  /** Files uploaded and kept for this form (document_files ids), in order. */
  fileIds: number[];
  /** The related-documents search box, as typed. */
  relationQuery: string;
  /** The kind the next relation found will be added with. */
  relationKind: DocumentRelationKind;
}

export type DocumentField =
  | 'number' | 'type' | 'issuer' | 'field' | 'signer' | 'issuedOn' | 'effectiveOn' | 'expiresOn'
  | 'summary' | 'body' | 'relations' | 'files' | 'publishAt';
export type DocumentErrors = Partial<Record<DocumentField, string>>;

/** Field order on the page: the first error in this order gets the focus. */
export const DOCUMENT_FIELD_ORDER: DocumentField[] = [
  'number', 'type', 'issuer', 'field', 'signer', 'issuedOn', 'effectiveOn', 'expiresOn', 'summary', 'body', 'relations', 'files', 'publishAt',
];

/** The form's input names. */
export const DOC_INPUT = {
  number: 'number',
  type: 'type',
  issuer: 'issuer',
  field: 'field',
  signer: 'signer',
  issuedOn: 'issued_on',
  effectiveOn: 'effective_on',
  expiresOn: 'expires_on',
  summary: 'summary',
  body: 'body',
  publishAt: 'publish_at',
  version: 'version',
  relation: 'relation',
  relationQuery: 'relation_q',
  relationKind: 'relation_kind',
  relationAdd: 'relation_add',
  relationDrop: 'relation_drop',
  fileId: 'file_id',
  fileRemove: 'file_remove',
  files: 'files',
} as const;

/** The element id of a field's input (the file input for 'files', the search box for 'relations'). */
export const docFieldId = (field: DocumentField) => `d-${field.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
export const docErrorId = (field: DocumentField) => `${docFieldId(field)}-loi`;

/** Actions of this form: the article's, plus finding and choosing related documents (no write). */
export type DocumentAction = EditAction | 'find-related' | 'add-related' | 'drop-related';
const ACTIONS: DocumentAction[] = ['save', 'review', 'schedule', 'publish', 'unpublish', 'archive', 'preview', 'find-related', 'add-related', 'drop-related'];

export interface SubmittedDocument {
  values: DocumentFormValues;
  action: DocumentAction | null;
  /** Chosen in the file input (empty parts dropped). */
  files: File[];
  /** Saved files the editor ticked to remove. */
  removeFileIds: number[];
  /** add-related: the document id whose button was pressed; drop-related: the "kind:id" to drop. */
  target: string;
}

/** Browsers send a textarea's newlines as CRLF; stored text uses LF. */
const text = (form: FormData, name: string) => {
  const v = form.get(name);
  return typeof v === 'string' ? v.replace(/\r\n?/g, '\n') : '';
};
const ids = (form: FormData, name: string) =>
  [...new Set(form.getAll(name).filter((v): v is string => typeof v === 'string' && /^[1-9]\d{0,9}$/.test(v)).map(Number))];

const RELATION = /^(replaces|amends|guided-by):([1-9]\d{0,9})$/;
export const relationOf = (value: string): { kind: DocumentRelationKind; id: number } | null => {
  const m = RELATION.exec(value);
  return m ? { kind: m[1] as DocumentRelationKind, id: Number(m[2]) } : null;
};
const isKind = (k: string): k is DocumentRelationKind => (DOCUMENT_RELATIONS as readonly string[]).includes(k);

export function readDocumentForm(form: FormData): SubmittedDocument {
  const n = DOC_INPUT;
  const kind = text(form, n.relationKind);
  const values: DocumentFormValues = {
    number: text(form, n.number),
    type: text(form, n.type),
    issuer: text(form, n.issuer),
    field: text(form, n.field),
    signer: text(form, n.signer),
    issuedOn: text(form, n.issuedOn),
    effectiveOn: text(form, n.effectiveOn),
    expiresOn: text(form, n.expiresOn),
    summary: text(form, n.summary),
    body: text(form, n.body),
    publishAt: text(form, n.publishAt),
    version: text(form, n.version),
    relations: [...new Set(form.getAll(n.relation).filter((v): v is string => typeof v === 'string' && relationOf(v) !== null))],
    fileIds: ids(form, n.fileId),
    relationQuery: text(form, n.relationQuery).slice(0, 120),
    relationKind: isKind(kind) ? kind : 'replaces',
  };
  let action = text(form, 'action');
  let target = '';
  // The per-result "add" and per-relation "remove" buttons carry their target in their own name.
  if (typeof form.get(n.relationAdd) === 'string') {
    action = 'add-related';
    target = text(form, n.relationAdd);
  } else if (typeof form.get(n.relationDrop) === 'string') {
    action = 'drop-related';
    target = text(form, n.relationDrop);
  }
  // A form posted with no file chosen still carries an empty, nameless part.
  const files = form.getAll(n.files).filter((f): f is File => typeof f === 'object' && f !== null && (f.size > 0 || f.name !== ''));
  return {
    values,
    action: (ACTIONS as string[]).includes(action) ? (action as DocumentAction) : null,
    files,
    removeFileIds: ids(form, n.fileRemove),
    target,
  };
}

export function emptyDocumentValues(): DocumentFormValues {
  return {
    number: '', type: '', issuer: '', field: '', signer: '', issuedOn: '', effectiveOn: '', expiresOn: '', summary: '', body: '',
    publishAt: '', version: '', relations: [], fileIds: [], relationQuery: '', relationKind: 'replaces',
  };
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
/** A real calendar day "YYYY-MM-DD" (31/02 refused, not rolled over). */
export function isCalendarDay(value: string): boolean {
  const m = DAY.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const at = new Date(Date.UTC(y, mo - 1, d));
  return y >= 1945 && y <= 2200 && at.getUTCFullYear() === y && at.getUTCMonth() === mo - 1 && at.getUTCDate() === d;
}

export const LIMITS = { number: 100, signer: 200, summary: 2000, body: 500_000 } as const;

/** What validation gives the editor: the checked fields, ready for the write service. */
export type ValidatedDocument = Pick<DocumentInput,
  'number' | 'typeId' | 'issuerId' | 'fieldId' | 'signer' | 'issuedOn' | 'effectiveOn' | 'expiresOn' | 'summary' | 'body'> & {
  relations: { kind: DocumentRelationKind; id: number }[];
  /** For schedule: the instant. */
  publishAt: Date | null;
};

export type DocumentValidation = { ok: true; data: ValidatedDocument } | { ok: false; errors: DocumentErrors };

/**
 * Checks the typed fields for an action. Which list entries exist is the caller's (it has the
 * site's lists); dates must be real days in order: issued <= effective <= expires.
 */
export function validateDocumentForm(values: DocumentFormValues, action: DocumentAction, now: Date): DocumentValidation {
  const M = DOCUMENTS.messages;
  const errors: DocumentErrors = {};
  const number = values.number.normalize('NFC').trim();
  if (!number) errors.number = M.numberRequired;
  else if (number.length > LIMITS.number) errors.number = M.numberTooLong(LIMITS.number);
  else if (!/[\p{L}\p{N}]/u.test(number)) errors.number = M.numberNoDigits;
  const typeId = rowId(values.type);
  const issuerId = rowId(values.issuer);
  const fieldId = values.field === '' ? null : rowId(values.field);
  if (typeId === null) errors.type = M.typeRequired;
  if (issuerId === null) errors.issuer = M.issuerRequired;
  if (values.field !== '' && fieldId === null) errors.field = M.termMissing;
  const signer = values.signer.normalize('NFC').trim();
  if (signer.length > LIMITS.signer) errors.signer = M.signerTooLong(LIMITS.signer);
  const day = (v: string) => v.trim();
  const issuedOn = day(values.issuedOn);
  const effectiveOn = day(values.effectiveOn) || null;
  const expiresOn = day(values.expiresOn) || null;
  if (!issuedOn) errors.issuedOn = M.issuedRequired;
  else if (!isCalendarDay(issuedOn)) errors.issuedOn = M.dayInvalid;
  if (effectiveOn && !isCalendarDay(effectiveOn)) errors.effectiveOn = M.dayInvalid;
  if (expiresOn && !isCalendarDay(expiresOn)) errors.expiresOn = M.dayInvalid;
  // "YYYY-MM-DD" strings compare as the days they name.
  if (!errors.issuedOn && !errors.effectiveOn && effectiveOn && effectiveOn < issuedOn) errors.effectiveOn = M.effectiveBeforeIssued;
  if (!errors.expiresOn && expiresOn) {
    if (!errors.effectiveOn && effectiveOn && expiresOn <= effectiveOn) errors.expiresOn = M.expiresBeforeEffective;
    else if (!errors.issuedOn && expiresOn <= issuedOn) errors.expiresOn = M.expiresBeforeIssued;
  }
  const summary = values.summary.normalize('NFC').trim();
  if (!summary) errors.summary = M.summaryRequired;
  else if (summary.length > LIMITS.summary) errors.summary = M.summaryTooLong(LIMITS.summary);
  const body = values.body.normalize('NFC');
  if (body.length > LIMITS.body) errors.body = M.bodyTooLong(LIMITS.body);
  else {
    const excess = measureMarkdown(body).excess;
    const problem = excess ? markdownTooComplexMessage(excess) : bodyAltProblem(body);
    if (problem) errors.body = problem;
  }
  let publishAt: Date | null = null;
  if (action === 'schedule') {
    const at = fromDatetimeLocal(values.publishAt);
    if (!values.publishAt.trim()) errors.publishAt = M.publishAtRequired;
    else if (!at) errors.publishAt = M.publishAtInvalid;
    else if (at.getTime() <= now.getTime()) errors.publishAt = M.publishAtPast;
    else publishAt = at;
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    data: {
      number, typeId: typeId!, issuerId: issuerId!, fieldId, signer, issuedOn, effectiveOn, expiresOn, summary, body,
      relations: values.relations.map(relationOf).filter((r) => r !== null), publishAt,
    },
  };
}

/** The first field with an error, in page order: it gets the focus. */
export function firstDocumentError(errors: DocumentErrors): DocumentField | null {
  return DOCUMENT_FIELD_ORDER.find((f) => errors[f]) ?? null;
}
