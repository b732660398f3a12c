// Documents' D1 constraint failures as domain errors (the articles' shapes: functions/articles/errors.ts),
// recognised by the table.column SQLite names; anything else goes on to the articles' mapper.
import { domainErrorOfD1, InvalidFields, SlugTaken, VersionConflict } from '../articles/errors.ts';

export const DOCUMENT_CHANGED = 'The document was changed by someone else meanwhile. Read it again and reapply your change.';
export const NUMBER_TAKEN = 'Another document of this issuer in this year already has this number (số ký hiệu).';

export function documentErrorOfD1(error: unknown): never {
  const message = String((error as Error)?.message ?? error);
  // The guarded update matched no row (see documents-write.ts): the version moved on.
  if (/constraint failed: .*document_revisions\.version/.test(message)) throw new VersionConflict(DOCUMENT_CHANGED);
  if (/UNIQUE constraint failed: documents\.site_id, documents\.slug\b/.test(message)) throw new SlugTaken(null, 'That slug was taken meanwhile. Choose another one.');
  if (/UNIQUE constraint failed: documents\.site_id, documents\.issuer_id, documents\.issued_year, documents\.number_key/.test(message)) {
    throw new InvalidFields([{ field: 'number', message: NUMBER_TAKEN }]);
  }
  // A term id that is not the site's own entry of that list is stored as NULL (termOfSite in documents-write.ts).
  if (/NOT NULL constraint failed: documents\.type_id/.test(message)) throw new InvalidFields([{ field: 'type', message: 'No type of this site has this id.' }]);
  if (/NOT NULL constraint failed: documents\.issuer_id/.test(message)) throw new InvalidFields([{ field: 'issuer', message: 'No issuer of this site has this id.' }]);
  return domainErrorOfD1(error);
}
