// Domain errors of content writes: what went wrong in the product's words, with no HTTP in them. The
// API maps them to problem+json once (functions/http/problem.ts), the admin to form messages once
// (site/admin/article-errors.ts). D1 reports constraint failures only as text: read in one place here.

/** A field and what is wrong with it: "title", "tags.2", "cover.key". */
export interface FieldError {
  field: string;
  message: string;
}

export abstract class DomainError extends Error {
  abstract readonly code: 'not-found' | 'version-conflict' | 'slug-taken' | 'invalid-fields' | 'gone' | 'invalid-cursor' | 'site-archived';
}

/** The article (or what the write targets) does not exist, or not where it was looked for. */
export class NotFound extends DomainError {
  readonly code = 'not-found';
}

/** Someone else changed the article since the writer read it: nothing was written. */
export class VersionConflict extends DomainError {
  readonly code = 'version-conflict';
  constructor(message = 'The article was changed by someone else meanwhile. Read it again and reapply your change.') {
    super(message);
  }
}

/** The slug is used by another article (or remembered as its former slug). */
export class SlugTaken extends DomainError {
  readonly code = 'slug-taken';
  readonly errors: FieldError[] = [{ field: 'slug', message: 'Already used by another article.' }];
  readonly slug: string | null;
  constructor(slug: string | null, message: string) {
    super(message);
    this.slug = slug;
  }
}

/** Input the schema accepted but the content rules refuse (a past schedule, a tag without letters). */
export class InvalidFields extends DomainError {
  readonly code = 'invalid-fields';
  readonly errors: FieldError[];
  constructor(errors: FieldError[]) {
    super(`Invalid body: ${errors.map((e) => `${e.field}: ${e.message}`).join('; ')}`);
    this.errors = errors;
  }
}

export const invalidField = (field: string, message: string) => new InvalidFields([{ field, message }]);

/** It existed but can no longer be reached: an article deleted longer ago than the trash keeps. */
export class Gone extends DomainError {
  readonly code = 'gone';
  readonly reason: 'trash-expired';
  constructor(reason: 'trash-expired', message: string) {
    super(message);
    this.reason = reason;
  }
}

/** The site is archived: read-only, its content can no longer be changed by anyone. */
export class SiteArchived extends DomainError {
  readonly code = 'site-archived';
  constructor(message = 'This site is archived: its content is read-only.') {
    super(message);
  }
}

/** A list cursor this API did not produce (reads, not writes; a domain error so it is mapped with the rest). */
export class InvalidCursor extends DomainError {
  readonly code = 'invalid-cursor';
  readonly errors: FieldError[] = [{ field: 'cursor', message: 'Invalid cursor.' }];
  constructor() {
    super('The cursor is not one this API produced. Start again from the first page.');
  }
}

/**
 * A create's Idempotency-Key claim was given up as abandoned (its request ran past the bound) and taken
 * by a retry, so this create committed nothing; the retry answers for the key. Not a content error.
 */
export class IdempotencyClaimLost extends Error {
  constructor() {
    super('The Idempotency-Key was taken over by a retry of this request; nothing was created by this one.');
  }
}

/**
 * The one place a D1 failure becomes a domain error. D1 gives no constraint name or SQLite extended
 * code to its callers, only the message, so the constraint is recognised by the name SQLite puts in
 * it (table.column), never by wording elsewhere. Anything else is rethrown as it is (a 500, logged).
 */
export function domainErrorOfD1(error: unknown): never {
  const message = String((error as Error)?.message ?? error);
  // The revision's (article_id, version) unique index, and its NOT NULL version: both mean the guarded
  // update matched no row because the version moved on (see articles-write.ts).
  if (/constraint failed: .*article_revisions\.version/.test(message)) throw new VersionConflict();
  // Slugs are unique per site: the index is (site_id, slug).
  if (/UNIQUE constraint failed: articles\.site_id, articles\.slug\b/.test(message)) throw new SlugTaken(null, 'That slug was taken meanwhile. Choose another one.');
  // The site's change record refuses an archived site (recordChange with activeOnly, content-changes.ts).
  if (/NOT NULL constraint failed: content_changes\.seq/.test(message)) throw new SiteArchived();
  // A category id that is not the site's own is stored as NULL (categoryOfSite, articles-write.ts).
  if (/NOT NULL constraint failed: articles\.category_id/.test(message)) {
    throw new InvalidFields([{ field: 'category', message: 'No category of this site has this id.' }]);
  }
  // The Idempotency-Key claim's guard in a create's batch (claimInBatch): the claim is no longer this request's.
  if (/NOT NULL constraint failed: idempotency_keys\.request_hash/.test(message)) throw new IdempotencyClaimLost();
  throw error;
}
