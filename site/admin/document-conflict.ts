// Two versions of the document form side by side (the saved one and the editor's), for the conflict page.
import { formatVietnamDateTime } from '../../functions/content/dates.ts';
import type { RevisionStamp } from '../../functions/data/admin-articles.ts';
import type { CompareRow } from './conflict.ts';
import type { DocumentFormValues } from './document-form.ts';
import { DOCUMENTS, TEXT } from './strings.ts';

export function compareDocumentValues(theirs: DocumentFormValues, yours: DocumentFormValues, termName: (id: string) => string): CompareRow[] {
  const L = DOCUMENTS.label;
  const relations = (v: DocumentFormValues) => [...v.relations].sort().join(', ');
  const rows: [string, string, string][] = [
    [L.number, theirs.number, yours.number],
    [L.type, termName(theirs.type), termName(yours.type)],
    [L.issuer, termName(theirs.issuer), termName(yours.issuer)],
    [L.field, termName(theirs.field), termName(yours.field)],
    [L.signer, theirs.signer, yours.signer],
    [L.issuedOn, theirs.issuedOn, yours.issuedOn],
    [L.effectiveOn, theirs.effectiveOn, yours.effectiveOn],
    [L.expiresOn, theirs.expiresOn, yours.expiresOn],
    [L.summary, theirs.summary, yours.summary],
    [L.relations, relations(theirs), relations(yours)],
    [L.publishAt, theirs.publishAt, yours.publishAt],
  ];
  return rows.map(([label, t, y]) => ({ label, theirs: t, yours: y, changed: t.trim() !== y.trim() }));
}

export const describeDocumentChange = (stamp: RevisionStamp | null) =>
  stamp ? TEXT.conflictBy(stamp.name, formatVietnamDateTime(stamp.at)) : '';
