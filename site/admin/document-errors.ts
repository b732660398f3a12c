// The one mapping of the write service's domain errors to what the documents admin shows: a status, a
// Vietnamese message, and the messages next to the fields they concern. Anything else is rethrown.
import { DomainError } from '../../functions/articles/errors.ts';
import { NUMBER_TAKEN } from '../../functions/documents/errors.ts';
import { SITE_ARCHIVED } from './article-errors.ts';
import type { DocumentErrors, DocumentField } from './document-form.ts';
import { DOCUMENTS } from './strings.ts';

export interface DocumentRefusal {
  code: DomainError['code'];
  status: number;
  message: string;
  fields: DocumentErrors;
}

const M = DOCUMENTS.messages;

/** Where an error's field path ("number", "relations.0.id", "fileIds.1") lands on the form, with its message. */
function fieldOf(path: string, message: string): [DocumentField, string] {
  const head = path.split('.')[0] ?? '';
  switch (head) {
    case 'number':
      return ['number', message === NUMBER_TAKEN ? M.numberTaken : M.numberNoDigits];
    case 'type': case 'typeId':
      return ['type', M.termMissing];
    case 'issuer': case 'issuerId':
      return ['issuer', M.termMissing];
    case 'field': case 'fieldId':
      return ['field', M.termMissing];
    case 'effectiveOn':
      return ['effectiveOn', M.effectiveBeforeIssued];
    case 'expiresOn':
      return ['expiresOn', M.expiresBeforeEffective];
    case 'issuedOn':
      return ['issuedOn', M.dayInvalid];
    case 'relations':
      return ['relations', M.relationMissing];
    case 'files': case 'fileIds':
      return ['files', M.fileMissing];
    case 'publishAt':
      return ['publishAt', M.publishAtPast];
    case 'summary':
      return ['summary', M.summaryRequired];
    case 'body':
      return ['body', M.bodyTooLong(500_000)];
    default:
      return ['number', M.invalid];
  }
}

export function documentRefusalOf(error: unknown): DocumentRefusal {
  if (!(error instanceof DomainError)) throw error;
  switch (error.code) {
    case 'version-conflict':
      return { code: error.code, status: 409, message: M.conflict, fields: {} };
    case 'gone':
      return { code: error.code, status: 410, message: M.gone, fields: {} };
    case 'not-found':
      return { code: error.code, status: 404, message: M.notInTrash, fields: {} };
    case 'site-archived':
      return { code: error.code, status: 409, message: SITE_ARCHIVED, fields: {} };
    case 'slug-taken': // slugs are derived from the number; a lost race is retried by the service
    case 'invalid-cursor':
      return { code: error.code, status: 422, message: M.invalid, fields: {} };
    case 'invalid-fields': {
      const fields: DocumentErrors = {};
      for (const e of 'errors' in error ? (error.errors as { field: string; message: string }[]) : []) {
        const [field, message] = fieldOf(e.field, e.message);
        fields[field] ??= message;
      }
      return { code: error.code, status: 422, message: M.invalid, fields };
    }
  }
}
