// The data model: the one definition of every table. Migrations in schema/migrations are
// generated from this file by drizzle-kit (`npm run db:generate`); nothing else creates tables.
import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

const createdAt = () =>
  integer('created_at', { mode: 'timestamp_ms' }).notNull().default(sql`(unixepoch('subsec') * 1000)`);
const updatedAt = () =>
  integer('updated_at', { mode: 'timestamp_ms' }).notNull().default(sql`(unixepoch('subsec') * 1000)`);

export const categories = sqliteTable('categories', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  description: text('description').notNull().default(''),
  position: integer('position').notNull().default(0),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
}, (t) => [index('categories_position').on(t.position, t.id)]);

/**
 * Stored states. "scheduled" is not stored: it is a published article whose publish time is
 * still ahead, so readers' queries are one index range (status, published_at) and an article
 * goes live at its exact second even if the cron runs late.
 */
export const STORED_STATUSES = ['draft', 'review', 'published', 'archived'] as const;
export type StoredStatus = (typeof STORED_STATUSES)[number];

export const articles = sqliteTable('articles', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  slug: text('slug').notNull().unique(),
  title: text('title').notNull(),
  summary: text('summary').notNull().default(''),
  bodyMarkdown: text('body_markdown').notNull().default(''),
  /** Sanitized HTML rendered from bodyMarkdown when the article is saved, never per read. */
  bodyHtml: text('body_html').notNull().default(''),
  coverKey: text('cover_key'),
  coverCaption: text('cover_caption').notNull().default(''),
  coverAlt: text('cover_alt').notNull().default(''),
  /** Author / source line as printed under the article, e.g. "Lê Nguyệt (Trung tâm ...)". */
  byline: text('byline').notNull().default(''),
  categoryId: integer('category_id').notNull().references(() => categories.id),
  status: text('status', { enum: STORED_STATUSES }).notNull().default('draft'),
  /** The instant it goes (or went) live; null until first scheduled or published. */
  publishedAt: integer('published_at', { mode: 'timestamp_ms' }),
  version: integer('version').notNull().default(1),
  /** Soft delete: hidden everywhere, recoverable by an editor for 30 days. */
  deletedAt: integer('deleted_at', { mode: 'timestamp_ms' }),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
}, (t) => [
  // Home list, feeds and sitemap: WHERE status = 'published' AND published_at <= now ORDER BY published_at DESC, id DESC.
  index('articles_status_published').on(t.status, t.publishedAt, t.id),
  // Category lists and per-category feeds.
  index('articles_category_status_published').on(t.categoryId, t.status, t.publishedAt, t.id),
]);

/** Slugs an article had before an editor changed it: old URLs answer 301 to the new one. */
export const articleSlugHistory = sqliteTable('article_slug_history', {
  slug: text('slug').primaryKey(),
  articleId: integer('article_id').notNull().references(() => articles.id),
  createdAt: createdAt(),
});

export const tags = sqliteTable('tags', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  createdAt: createdAt(),
});

export const articleTags = sqliteTable('article_tags', {
  articleId: integer('article_id').notNull().references(() => articles.id),
  tagId: integer('tag_id').notNull().references(() => tags.id),
}, (t) => [
  primaryKey({ columns: [t.articleId, t.tagId] }),
  // Tag lists: from a tag to its articles.
  index('article_tags_tag').on(t.tagId, t.articleId),
]);

export const articleRevisions = sqliteTable('article_revisions', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  articleId: integer('article_id').notNull().references(() => articles.id),
  /** The article's version after this change. */
  version: integer('version').notNull(),
  /** What happened: created, updated, published, unpublished, scheduled, archived, deleted. */
  action: text('action').notNull(),
  /** JSON array of the names of the fields this change touched. */
  changedFields: text('changed_fields').notNull().default('[]'),
  /** JSON snapshot of the editable fields after the change, for diff and restore. */
  snapshot: text('snapshot').notNull(),
  /** Who: "user:<id>" or "token:<id>", with a readable name kept beside it. */
  actor: text('actor').notNull(),
  actorName: text('actor_name').notNull().default(''),
  createdAt: createdAt(),
}, (t) => [
  // Unique: a write that lost an optimistic-concurrency race cannot record a revision (its batch fails).
  uniqueIndex('article_revisions_article_version').on(t.articleId, t.version),
]);

export const ROLES = ['admin', 'editor', 'contributor'] as const;
export type Role = (typeof ROLES)[number];

export const users = sqliteTable('users', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  email: text('email').notNull().unique(),
  name: text('name').notNull().default(''),
  role: text('role', { enum: ROLES }).notNull().default('contributor'),
  /** "pbkdf2-sha256$<iterations>$<salt b64>$<hash b64>": the parameters travel with the hash. */
  passwordHash: text('password_hash').notNull(),
  disabledAt: integer('disabled_at', { mode: 'timestamp_ms' }),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const sessions = sqliteTable('sessions', {
  /** SHA-256 of the session id; the id itself lives only in the reader's cookie. */
  idHash: text('id_hash').primaryKey(),
  userId: integer('user_id').notNull().references(() => users.id),
  csrfToken: text('csrf_token').notNull(),
  createdAt: createdAt(),
  lastSeenAt: integer('last_seen_at', { mode: 'timestamp_ms' }).notNull(),
  expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
}, (t) => [index('sessions_user').on(t.userId)]);

export const TOKEN_SCOPES = ['read', 'write'] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

export const apiTokens = sqliteTable('api_tokens', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull(),
  /** SHA-256 of the token; the token itself is shown once, when created. */
  tokenHash: text('token_hash').notNull().unique(),
  /** Space-separated scopes, e.g. "read write". */
  scopes: text('scopes').notNull().default('read'),
  createdBy: integer('created_by').references(() => users.id),
  createdAt: createdAt(),
  lastUsedAt: integer('last_used_at', { mode: 'timestamp_ms' }),
  revokedAt: integer('revoked_at', { mode: 'timestamp_ms' }),
});

/**
 * One-time password reset links an admin issues for an account (there is no mail service: the admin
 * passes the link on). Single use, short-lived; a newer link for the same account revokes this one.
 */
export const passwordResets = sqliteTable('password_resets', {
  /** SHA-256 of the token in the link; the link itself is shown once, to the admin who issued it. */
  tokenHash: text('token_hash').primaryKey(),
  userId: integer('user_id').notNull().references(() => users.id),
  issuedBy: integer('issued_by').references(() => users.id),
  createdAt: createdAt(),
  expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
  usedAt: integer('used_at', { mode: 'timestamp_ms' }),
  /** Set when a newer link was issued for the account (kept, so the page can say why it no longer works). */
  revokedAt: integer('revoked_at', { mode: 'timestamp_ms' }),
}, (t) => [index('password_resets_user').on(t.userId)]);

/** An account's TOTP authenticator (RFC 6238). A row without confirmedAt is an enrolment in progress. */
export const totpCredentials = sqliteTable('totp_credentials', {
  userId: integer('user_id').primaryKey().references(() => users.id),
  /** The shared secret, AES-GCM encrypted with a key from the TOTP_ENCRYPTION_KEY secret ("v1.<iv>.<data>"). */
  secretSealed: text('secret_sealed').notNull(),
  /** Null until a code from the app has proved the secret was stored; only then is the second step on. */
  confirmedAt: integer('confirmed_at', { mode: 'timestamp_ms' }),
  /** The last 30-second step whose code was accepted: a code is never accepted twice (RFC 6238 §5.2). */
  lastStep: integer('last_step').notNull().default(0),
  /** Second-factor attempts in the current window, reserved before each check (so concurrency cannot exceed the limit). */
  attempts: integer('attempts').notNull().default(0),
  attemptWindowStart: integer('attempt_window_start', { mode: 'timestamp_ms' }),
  createdAt: createdAt(),
});

/** Single-use recovery codes for an account with TOTP on, shown once; stored only as SHA-256. */
export const recoveryCodes = sqliteTable('recovery_codes', {
  userId: integer('user_id').notNull().references(() => users.id),
  /** SHA-256 of "<user id>:<code>". */
  codeHash: text('code_hash').notNull(),
  usedAt: integer('used_at', { mode: 'timestamp_ms' }),
  createdAt: createdAt(),
}, (t) => [primaryKey({ columns: [t.userId, t.codeHash] })]);

/** A sign-in whose password was right and that waits for its second factor (a code or a recovery code). */
export const pendingSignIns = sqliteTable('pending_sign_ins', {
  /** SHA-256 of the token carried by the code form. */
  tokenHash: text('token_hash').primaryKey(),
  userId: integer('user_id').notNull().references(() => users.id),
  /** Codes tried for this sign-in; at the limit the password has to be entered again. */
  attempts: integer('attempts').notNull().default(0),
  createdAt: createdAt(),
  expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
}, (t) => [index('pending_sign_ins_expires').on(t.expiresAt)]);

/** Site-wide settings an admin changes in the admin (e.g. "two_factor_required"). */
export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  updatedBy: integer('updated_by').references(() => users.id),
  updatedAt: updatedAt(),
});

/**
 * The durable record of content changes: one row, whose `seq` every write's batch (functions/articles/)
 * increases in the same transaction as the content, with the next scheduled publication computed there
 * too. Each ContentVersion replica remembers the last seq it moved for, so a replica whose move failed
 * is found behind (seq lower) and caught up by the retry alarm, the cron or the next write: never lost.
 */
export const contentChanges = sqliteTable('content_changes', {
  id: integer('id').primaryKey(),
  seq: integer('seq').notNull(),
  /** The next instant a scheduled article goes live (ms), as of this change; null if none. */
  nextScheduledAt: integer('next_scheduled_at'),
});

/**
 * Idempotency-Key of POST /api/v1/articles (draft-ietf-httpapi-idempotency-key-header): one row per
 * token and key, kept 24 h. `articleId` is set in the creating batch itself, so a create that committed
 * is never repeated, even if its worker died before storing the answer.
 */
export const idempotencyKeys = sqliteTable('idempotency_keys', {
  tokenId: integer('token_id').notNull(),
  key: text('key').notNull(),
  /** SHA-256 of the request body's JSON value: the same key with another body is refused (422). */
  requestHash: text('request_hash').notNull(),
  articleId: integer('article_id'),
  /** The 201 answer as sent (JSON body, Location, ETag); null while the request is in progress. */
  response: text('response'),
  createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
}, (t) => [
  primaryKey({ columns: [t.tokenId, t.key] }),
  // The cron's pruning of keys older than 24 h.
  index('idempotency_keys_created').on(t.createdAt),
]);
