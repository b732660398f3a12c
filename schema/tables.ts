// The data model: the one definition of every table. Migrations in schema/migrations are
// generated from this file by drizzle-kit (`npm run db:generate`); nothing else creates tables.
import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex, type AnySQLiteColumn } from 'drizzle-orm/sqlite-core';

const createdAt = () =>
  integer('created_at', { mode: 'timestamp_ms' }).notNull().default(sql`(unixepoch('subsec') * 1000)`);
const updatedAt = () =>
  integer('updated_at', { mode: 'timestamp_ms' }).notNull().default(sql`(unixepoch('subsec') * 1000)`);

/**
 * The portals this deployment serves (a province, its communes, a department): every row of content,
 * every token, role, setting, cache generation and visitor counter belongs to one site. Site 1 is the
 * platform's first site: the admin is served on its host, and a one-site database upgrades into it.
 */
export const SITE_STATUSES = ['active', 'archived'] as const;
export type SiteStatus = (typeof SITE_STATUSES)[number];

export const sites = sqliteTable('sites', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  /** The portal's name; empty only for a site upgraded from one-site data, which shows SITE_NAME. */
  name: text('name').notNull().default(''),
  /** The "Cơ quan chủ quản" line under the name. */
  subtitle: text('subtitle').notNull().default(''),
  /** A commune's province: its newest articles roll up into the parent's "Tin từ cơ sở". */
  parentId: integer('parent_id').references((): AnySQLiteColumn => sites.id),
  /** archived: read-only, pages carry the "Trang lưu trữ" notice, only admins may sign in to it. */
  status: text('status', { enum: SITE_STATUSES }).notNull().default('active'),
  /** The historic visit total the counter starts from; null takes STATS_TOTAL_OFFSET (one-site upgrade). */
  visitOffset: integer('visit_offset'),
  /** The header logo: a media key of this site (null: the national emblem). */
  logoKey: text('logo_key'),
  /** The primary colour, "#rrggbb" (null: the default red). */
  primaryColor: text('primary_color'),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
}, (t) => [index('sites_parent').on(t.parentId)]);

/**
 * The hostnames a site answers on (lowercase, no port). Position 0 is the canonical one every link uses;
 * the others answer 301 to it. A site with no row here is served on SITE_URL / SITE_HOSTS (one-site
 * deployments) or, locally, on loopback hosts.
 */
export const siteHosts = sqliteTable('site_hosts', {
  host: text('host').primaryKey(),
  siteId: integer('site_id').notNull().references(() => sites.id),
  position: integer('position').notNull().default(0),
}, (t) => [uniqueIndex('site_hosts_site_position').on(t.siteId, t.position)]);

export const categories = sqliteTable('categories', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  siteId: integer('site_id').notNull().references(() => sites.id),
  /** Two levels only: a child's parent has no parent. A parent's page lists its children's articles too. */
  parentId: integer('parent_id').references((): AnySQLiteColumn => categories.id),
  slug: text('slug').notNull(),
  name: text('name').notNull(),
  description: text('description').notNull().default(''),
  position: integer('position').notNull().default(0),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
}, (t) => [
  uniqueIndex('categories_site_slug').on(t.siteId, t.slug),
  index('categories_site_position').on(t.siteId, t.position, t.id),
  index('categories_parent').on(t.parentId),
]);

/** Slugs a category had before it was renamed: the old URL answers 301 to the new one. */
export const categorySlugHistory = sqliteTable('category_slug_history', {
  siteId: integer('site_id').notNull().references(() => sites.id),
  slug: text('slug').notNull(),
  categoryId: integer('category_id').notNull().references(() => categories.id),
  createdAt: createdAt(),
}, (t) => [primaryKey({ columns: [t.siteId, t.slug] })]);

/**
 * Stored states. "scheduled" is not stored: it is a published article whose publish time is
 * still ahead, so readers' queries are one index range (status, published_at) and an article
 * goes live at its exact second even if the cron runs late.
 */
export const STORED_STATUSES = ['draft', 'review', 'published', 'archived'] as const;
export type StoredStatus = (typeof STORED_STATUSES)[number];

export const articles = sqliteTable('articles', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  siteId: integer('site_id').notNull().references(() => sites.id),
  slug: text('slug').notNull(),
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
  /**
   * Why an editor returned it from review to its contributor (shown on the article until it is
   * submitted again); '' when it was not returned.
   */
  reviewNote: text('review_note').notNull().default(''),
  /** The instant it goes (or went) live; null until first scheduled or published. */
  publishedAt: integer('published_at', { mode: 'timestamp_ms' }),
  version: integer('version').notNull().default(1),
  /** Soft delete: hidden everywhere, recoverable by an editor for 30 days. */
  deletedAt: integer('deleted_at', { mode: 'timestamp_ms' }),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
}, (t) => [
  uniqueIndex('articles_site_slug').on(t.siteId, t.slug),
  // Home list, feeds and sitemap: WHERE site_id = ? AND status = 'published' AND published_at <= now ORDER BY published_at DESC, id DESC.
  index('articles_site_status_published').on(t.siteId, t.status, t.publishedAt, t.id),
  // A province's roll-up of its communes (site_id IN (...)), newest first across sites.
  index('articles_status_published').on(t.status, t.publishedAt, t.id),
  // Category lists and per-category feeds.
  index('articles_category_status_published').on(t.categoryId, t.status, t.publishedAt, t.id),
  // The cron's trash purge: the deleted ones, oldest first (partial: the live rows are not in it).
  index('articles_trash').on(t.deletedAt, t.id).where(sql`${t.deletedAt} is not null`),
]);

/** Slugs an article had before an editor changed it: old URLs answer 301 to the new one. */
export const articleSlugHistory = sqliteTable('article_slug_history', {
  siteId: integer('site_id').notNull().references(() => sites.id),
  slug: text('slug').notNull(),
  articleId: integer('article_id').notNull().references(() => articles.id),
  createdAt: createdAt(),
}, (t) => [primaryKey({ columns: [t.siteId, t.slug] })]);

export const tags = sqliteTable('tags', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  siteId: integer('site_id').notNull().references(() => sites.id),
  slug: text('slug').notNull(),
  name: text('name').notNull(),
  createdAt: createdAt(),
}, (t) => [uniqueIndex('tags_site_slug').on(t.siteId, t.slug)]);

/** Slugs a tag had before it was renamed or merged into another: the old URL answers 301 to the tag now. */
export const tagSlugHistory = sqliteTable('tag_slug_history', {
  siteId: integer('site_id').notNull().references(() => sites.id),
  slug: text('slug').notNull(),
  tagId: integer('tag_id').notNull().references(() => tags.id),
  createdAt: createdAt(),
}, (t) => [primaryKey({ columns: [t.siteId, t.slug] })]);

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
  /** A reason given with the step (returned from review: why); '' if none. */
  note: text('note').notNull().default(''),
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
  /** Manages sites and assigns their administrators; acts as an admin on every site. */
  platformAdmin: integer('platform_admin', { mode: 'boolean' }).notNull().default(false),
  /** "pbkdf2-sha256$<iterations>$<salt b64>$<hash b64>": the parameters travel with the hash. */
  passwordHash: text('password_hash').notNull(),
  disabledAt: integer('disabled_at', { mode: 'timestamp_ms' }),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

/** A user's role on one site: admin of the province, editor of one commune, contributor on another. */
export const siteRoles = sqliteTable('site_roles', {
  userId: integer('user_id').notNull().references(() => users.id),
  siteId: integer('site_id').notNull().references(() => sites.id),
  role: text('role', { enum: ROLES }).notNull(),
  createdAt: createdAt(),
}, (t) => [primaryKey({ columns: [t.userId, t.siteId] }), index('site_roles_site').on(t.siteId, t.userId)]);

/** Every change of who holds which role where (and of the platform-admin flag, siteId null): kept, never edited. */
export const roleChanges = sqliteTable('role_changes', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  /** Who changed it (null: a command-line tool on the server). */
  actorId: integer('actor_id').references(() => users.id),
  userId: integer('user_id').notNull().references(() => users.id),
  siteId: integer('site_id').references(() => sites.id),
  /** The role before and after ("platform-admin" for the flag; null: none). */
  before: text('before'),
  after: text('after'),
  createdAt: createdAt(),
}, (t) => [index('role_changes_site').on(t.siteId, t.createdAt), index('role_changes_user').on(t.userId, t.createdAt)]);

export const sessions = sqliteTable('sessions', {
  /** SHA-256 of the session id; the id itself lives only in the reader's cookie. */
  idHash: text('id_hash').primaryKey(),
  userId: integer('user_id').notNull().references(() => users.id),
  csrfToken: text('csrf_token').notNull(),
  /** The site the admin is working on (the site switcher); null: the first site the user has a role on. */
  siteId: integer('site_id').references(() => sites.id),
  createdAt: createdAt(),
  lastSeenAt: integer('last_seen_at', { mode: 'timestamp_ms' }).notNull(),
  expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
}, (t) => [index('sessions_user').on(t.userId)]);

/**
 * import: the bulk import and export endpoints (/api/v1/import/*, /api/v1/export/*, /api/v1/restore/*);
 * admin: the site's settings for third parties (/api/v1/webhooks).
 */
export const TOKEN_SCOPES = ['read', 'write', 'import', 'admin'] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

export const apiTokens = sqliteTable('api_tokens', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  /** A token reads and writes one site only (the site it was made on, for an all-sites token). */
  siteId: integer('site_id').notNull().references(() => sites.id),
  /**
   * A platform administrator's token for the whole deployment: accepted on every site's host, and by the
   * import/export endpoints for any site (?site=HOST) or all of them. Made only by a platform admin or the CLI.
   */
  allSites: integer('all_sites', { mode: 'boolean' }).notNull().default(false),
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

/** Per-site settings an admin changes in the admin (e.g. "two_factor_required"). */
export const settings = sqliteTable('settings', {
  siteId: integer('site_id').notNull().references(() => sites.id),
  key: text('key').notNull(),
  value: text('value').notNull(),
  updatedBy: integer('updated_by').references(() => users.id),
  updatedAt: updatedAt(),
}, (t) => [primaryKey({ columns: [t.siteId, t.key] })]);

/**
 * The durable record of content changes: one row, whose `seq` every write's batch (functions/articles/)
 * increases in the same transaction as the content, with the next scheduled publication computed there
 * too. Each ContentVersion replica remembers the last seq it moved for, so a replica whose move failed
 * is found behind (seq lower) and caught up by the retry alarm, the cron or the next write: never lost.
 */
export const contentChanges = sqliteTable('content_changes', {
  /** The site's id: one record per site, so a write on one site moves only its own generation. */
  id: integer('id').primaryKey(),
  seq: integer('seq').notNull(),
  /** For a province: increases with every change of one of its communes (pages showing their news). */
  rollupSeq: integer('rollup_seq').notNull().default(0),
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

/**
 * "Tin nổi bật": an article an editor pinned on a site's home page, ordered, until an optional expiry.
 * The article is the site's own or, for a province, one of its communes'. A reference (the article's
 * own title, summary and canonical link are read at render time), never a copy that drifts.
 */
export const featuredArticles = sqliteTable('featured_articles', {
  /** The site whose home page shows it. */
  siteId: integer('site_id').notNull().references(() => sites.id),
  articleId: integer('article_id').notNull().references(() => articles.id),
  position: integer('position').notNull().default(0),
  /** The instant it leaves the home page by itself (null: until unpinned). */
  expiresAt: integer('expires_at', { mode: 'timestamp_ms' }),
  createdBy: integer('created_by').references(() => users.id),
  createdAt: createdAt(),
}, (t) => [primaryKey({ columns: [t.siteId, t.articleId] })]);

/** "Tin liên quan" chosen by an editor for one article, in order: when present it replaces the computed list. */
export const articleRelated = sqliteTable('article_related', {
  articleId: integer('article_id').notNull().references(() => articles.id),
  relatedId: integer('related_id').notNull().references(() => articles.id),
  position: integer('position').notNull().default(0),
}, (t) => [primaryKey({ columns: [t.articleId, t.relatedId] })]);

/**
 * The photos of an article's gallery (the seed's "(ảnh)"), in order, each with its caption. The image is a
 * media key of the article's site; `widths` lists the resized copies made once at upload ("320,640,1024"),
 * so a page writes its srcset without touching R2.
 */
export const articleImages = sqliteTable('article_images', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  articleId: integer('article_id').notNull().references(() => articles.id),
  key: text('key').notNull(),
  caption: text('caption').notNull().default(''),
  alt: text('alt').notNull().default(''),
  width: integer('width'),
  height: integer('height'),
  widths: text('widths').notNull().default(''),
  position: integer('position').notNull().default(0),
}, (t) => [index('article_images_article').on(t.articleId, t.position)]);

/**
 * The managed lists of the documents registry (Decree 42/2022: loại văn bản, cơ quan ban hành, lĩnh vực),
 * per site, edited by its admins: a document names one entry of each kind (lĩnh vực optional).
 */
export const DOCUMENT_TERM_KINDS = ['type', 'issuer', 'field'] as const;
export type DocumentTermKind = (typeof DOCUMENT_TERM_KINDS)[number];

export const documentTerms = sqliteTable('document_terms', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  siteId: integer('site_id').notNull().references(() => sites.id),
  kind: text('kind', { enum: DOCUMENT_TERM_KINDS }).notNull(),
  slug: text('slug').notNull(),
  name: text('name').notNull(),
  /** For a type: the short form in numbers ("QĐ" for Quyết định), shown in lists; '' if none. */
  abbreviation: text('abbreviation').notNull().default(''),
  position: integer('position').notNull().default(0),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
}, (t) => [
  uniqueIndex('document_terms_site_kind_slug').on(t.siteId, t.kind, t.slug),
  index('document_terms_site_kind_position').on(t.siteId, t.kind, t.position, t.id),
]);

/**
 * An official document (văn bản) a portal publishes. Stored states like articles' (draft, review,
 * published with a publish time that may be ahead = scheduled, archived), with revisions and a trash.
 * Its legal status (chưa có hiệu lực / còn hiệu lực / hết hiệu lực) is never stored: it follows from
 * the dates and today's date in Vietnam, so it changes at midnight without a write.
 */
export const documents = sqliteTable('documents', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  siteId: integer('site_id').notNull().references(() => sites.id),
  slug: text('slug').notNull(),
  /** Số ký hiệu as the authority wrote it: "125/QĐ-UBND", "12/2024/QĐ-UBND". */
  number: text('number').notNull(),
  /**
   * The number's folded tokens in order ("125 qd ubnd"): numbers restart every year, so it is unique
   * per site, issuer and year of issue; search matches the tokens in any order.
   */
  numberKey: text('number_key').notNull(),
  typeId: integer('type_id').notNull().references(() => documentTerms.id),
  issuerId: integer('issuer_id').notNull().references(() => documentTerms.id),
  fieldId: integer('field_id').references(() => documentTerms.id),
  /** Người ký: "Nguyễn Văn A (Chủ tịch)". */
  signer: text('signer').notNull().default(''),
  /** Calendar dates in Vietnam, "YYYY-MM-DD". */
  issuedOn: text('issued_on').notNull(),
  /** The year of issuedOn, for the number's uniqueness and the year filter. */
  issuedYear: integer('issued_year').notNull(),
  effectiveOn: text('effective_on'),
  expiresOn: text('expires_on'),
  /** Trích yếu. */
  summary: text('summary').notNull(),
  bodyMarkdown: text('body_markdown').notNull().default(''),
  /** Sanitized HTML rendered from bodyMarkdown when saved, as for articles. */
  bodyHtml: text('body_html').notNull().default(''),
  status: text('status', { enum: STORED_STATUSES }).notNull().default('draft'),
  /** Why an editor returned it from review to its writer (shown until it is submitted again); '' if not returned. */
  reviewNote: text('review_note').notNull().default(''),
  publishedAt: integer('published_at', { mode: 'timestamp_ms' }),
  version: integer('version').notNull().default(1),
  deletedAt: integer('deleted_at', { mode: 'timestamp_ms' }),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
}, (t) => [
  uniqueIndex('documents_site_slug').on(t.siteId, t.slug),
  uniqueIndex('documents_site_issuer_year_number').on(t.siteId, t.issuerId, t.issuedYear, t.numberKey),
  // The reader list: WHERE site_id = ? AND status = 'published' AND published_at <= now ORDER BY issued_on DESC, id DESC.
  index('documents_site_status_issued').on(t.siteId, t.status, t.issuedOn, t.id),
  index('documents_site_type_issued').on(t.siteId, t.typeId, t.issuedOn, t.id),
  // The feeds and the home box: newest published first.
  index('documents_site_status_published').on(t.siteId, t.status, t.publishedAt, t.id),
  index('documents_trash').on(t.deletedAt, t.id).where(sql`${t.deletedAt} is not null`),
]);

/** A file attached to a document (the signed PDF, an annex): immutable in R2, counted when downloaded. */
export const documentFiles = sqliteTable('document_files', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  siteId: integer('site_id').notNull().references(() => sites.id),
  /** Null while uploaded but not yet saved with a document (swept like orphan media). */
  documentId: integer('document_id').references(() => documents.id),
  /** The R2 object key (never reused). */
  key: text('key').notNull().unique(),
  /** The original file name, as the uploader's computer had it (Vietnamese kept). */
  name: text('name').notNull(),
  size: integer('size').notNull(),
  /** From the bytes, never the name: application/pdf, ...wordprocessingml.document, ... */
  contentType: text('content_type').notNull(),
  position: integer('position').notNull().default(0),
  /** Full downloads (GET answered 200 to a counted reader). */
  downloads: integer('downloads').notNull().default(0),
  /** The PDF's text layer was read into the search index (null: not a PDF, not yet, or none). */
  textIndexedAt: integer('text_indexed_at', { mode: 'timestamp_ms' }),
  createdAt: createdAt(),
}, (t) => [index('document_files_document').on(t.documentId, t.position)]);

/** How a document relates to another: it replaces, amends, or is guided by (hướng dẫn) it. */
export const DOCUMENT_RELATIONS = ['replaces', 'amends', 'guided-by'] as const;
export type DocumentRelationKind = (typeof DOCUMENT_RELATIONS)[number];

export const documentRelations = sqliteTable('document_relations', {
  documentId: integer('document_id').notNull().references(() => documents.id),
  relatedId: integer('related_id').notNull().references(() => documents.id),
  kind: text('kind', { enum: DOCUMENT_RELATIONS }).notNull(),
}, (t) => [
  primaryKey({ columns: [t.documentId, t.relatedId, t.kind] }),
  // The reverse links ("replaced by", "amended by", "guides") shown on the other document.
  index('document_relations_related').on(t.relatedId, t.documentId),
]);

export const documentRevisions = sqliteTable('document_revisions', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  documentId: integer('document_id').notNull().references(() => documents.id),
  version: integer('version').notNull(),
  action: text('action').notNull(),
  changedFields: text('changed_fields').notNull().default('[]'),
  snapshot: text('snapshot').notNull(),
  actor: text('actor').notNull(),
  actorName: text('actor_name').notNull().default(''),
  /** A reason given with the step (returned from review: why); '' if none. */
  note: text('note').notNull().default(''),
  createdAt: createdAt(),
}, (t) => [uniqueIndex('document_revisions_document_version').on(t.documentId, t.version)]);

/**
 * Static pages (Giới thiệu, Cơ cấu tổ chức, Liên hệ, Sơ đồ cổng thông tin), written like articles, each
 * optionally with an English version (Decree 42/2022 Art. 7: English for the organisation structure and
 * officials' contacts). The English version exists when slugEn is set; its URL is /en/<slugEn>.
 */
export const pages = sqliteTable('pages', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  siteId: integer('site_id').notNull().references(() => sites.id),
  slug: text('slug').notNull(),
  title: text('title').notNull(),
  summary: text('summary').notNull().default(''),
  bodyMarkdown: text('body_markdown').notNull().default(''),
  /** Sanitized HTML rendered from bodyMarkdown when saved, as for articles. */
  bodyHtml: text('body_html').notNull().default(''),
  slugEn: text('slug_en'),
  titleEn: text('title_en').notNull().default(''),
  summaryEn: text('summary_en').notNull().default(''),
  bodyMarkdownEn: text('body_markdown_en').notNull().default(''),
  bodyHtmlEn: text('body_html_en').notNull().default(''),
  status: text('status', { enum: STORED_STATUSES }).notNull().default('draft'),
  publishedAt: integer('published_at', { mode: 'timestamp_ms' }),
  version: integer('version').notNull().default(1),
  deletedAt: integer('deleted_at', { mode: 'timestamp_ms' }),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
}, (t) => [
  uniqueIndex('pages_site_slug').on(t.siteId, t.slug),
  uniqueIndex('pages_site_slug_en').on(t.siteId, t.slugEn),
  index('pages_site_status').on(t.siteId, t.status, t.publishedAt, t.id),
  index('pages_trash').on(t.deletedAt, t.id).where(sql`${t.deletedAt} is not null`),
]);

export const pageRevisions = sqliteTable('page_revisions', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  pageId: integer('page_id').notNull().references(() => pages.id),
  version: integer('version').notNull(),
  action: text('action').notNull(),
  changedFields: text('changed_fields').notNull().default('[]'),
  snapshot: text('snapshot').notNull(),
  actor: text('actor').notNull(),
  actorName: text('actor_name').notNull().default(''),
  createdAt: createdAt(),
}, (t) => [uniqueIndex('page_revisions_page_version').on(t.pageId, t.version)]);

/** Slugs a page had before it was renamed: the old URL answers 301 to the new one. */
export const pageSlugHistory = sqliteTable('page_slug_history', {
  siteId: integer('site_id').notNull().references(() => sites.id),
  slug: text('slug').notNull(),
  pageId: integer('page_id').notNull().references(() => pages.id),
  createdAt: createdAt(),
}, (t) => [primaryKey({ columns: [t.siteId, t.slug] })]);

/**
 * The header menu of a site, edited in the admin: categories, pages and external links, two levels
 * (an item with a parent is in its parent's submenu), ordered by position. A site with no items shows
 * its categories, as before menus existed.
 */
export const MENU_ITEM_KINDS = ['category', 'page', 'link'] as const;
export type MenuItemKind = (typeof MENU_ITEM_KINDS)[number];

export const menuItems = sqliteTable('menu_items', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  siteId: integer('site_id').notNull().references(() => sites.id),
  parentId: integer('parent_id').references((): AnySQLiteColumn => menuItems.id),
  position: integer('position').notNull().default(0),
  kind: text('kind', { enum: MENU_ITEM_KINDS }).notNull(),
  categoryId: integer('category_id').references(() => categories.id),
  pageId: integer('page_id').references(() => pages.id),
  /** For a link: an absolute http(s) URL or a path of the site. */
  url: text('url').notNull().default(''),
  /** Shown instead of the category's or page's own name ('' = its name); required for a link. */
  label: text('label').notNull().default(''),
  /** The label on English pages ('' = the page's English title, else the Vietnamese label). */
  labelEn: text('label_en').notNull().default(''),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
}, (t) => [index('menu_items_site_parent_position').on(t.siteId, t.parentId, t.position, t.id)]);

/**
 * What people did (sign-in, failed sign-in, publication, deletion, purge, role change, token creation),
 * who, when and from which client, shown to admins and kept for a configurable time (setting
 * "audit_retention_days"; the cron prunes older rows). Never edited.
 */
export const auditLog = sqliteTable('audit_log', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  /** The site it happened on (null: platform-wide, e.g. a sign-in). */
  siteId: integer('site_id').references(() => sites.id),
  /** The person (null: a failed sign-in of an unknown email, a token, the cron or a command-line tool). */
  actorId: integer('actor_id').references(() => users.id),
  /** A readable who, kept as it was: the email tried, "token:<name>", "cron". */
  actorLabel: text('actor_label').notNull().default(''),
  /** e.g. sign-in, sign-in-failed, article.published, article.deleted, trash.purged, role.changed, token.created. */
  action: text('action').notNull(),
  /** What it was done to: "article:12", "user:3", "token:5" ('' if nothing). */
  subject: text('subject').notNull().default(''),
  /** JSON details (titles, roles before/after, counts). */
  detail: text('detail').notNull().default('{}'),
  /** The client: IP address and User-Agent as the request carried them. */
  clientIp: text('client_ip').notNull().default(''),
  userAgent: text('user_agent').notNull().default(''),
  createdAt: createdAt(),
}, (t) => [
  index('audit_log_site_created').on(t.siteId, t.createdAt),
  index('audit_log_created').on(t.createdAt),
  index('audit_log_action_created').on(t.action, t.createdAt),
]);

/**
 * The media library: every image a site stores in R2 (covers, body photos, gallery photos, logos) is one
 * item, browsed and searched in /admin/thu-vien, reused by key in any content, and deleted only when no
 * content references its key (functions/data/media-references.ts). Replacing the file gives the item a
 * new key (objects are served immutable) and moves every current reference to it through the write
 * services; revisions keep the old key, and the orphan sweep keeps the old object while they do.
 */
export const MEDIA_KINDS = ['image', 'file'] as const;
export type MediaKind = (typeof MEDIA_KINDS)[number];

export const media = sqliteTable('media', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  siteId: integer('site_id').notNull().references(() => sites.id),
  /** The key as /media/{key} serves it (2026/11/<random>.jpg, without the site's R2 prefix). */
  key: text('key').notNull(),
  kind: text('kind', { enum: MEDIA_KINDS }).notNull().default('image'),
  /** From the bytes, never the name. */
  contentType: text('content_type').notNull(),
  bytes: integer('bytes').notNull(),
  width: integer('width'),
  height: integer('height'),
  /** Widths of the WebP copies made for srcset ('' if none), as article_images.widths. */
  widths: text('widths').notNull().default(''),
  /** The file name on the uploader's computer (Vietnamese kept), for search. */
  filename: text('filename').notNull().default(''),
  /** What the image shows, for readers who cannot see it: suggested wherever the item is inserted. */
  alt: text('alt').notNull().default(''),
  caption: text('caption').notNull().default(''),
  /** Folded (no diacritics, lower case) filename + alt + caption: what the library's search matches. */
  searchText: text('search_text').notNull().default(''),
  /** Where an import took it from (an URL or a source id): a second run of the import reuses the item. */
  sourceUrl: text('source_url'),
  createdBy: integer('created_by').references(() => users.id),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
}, (t) => [
  uniqueIndex('media_site_key').on(t.siteId, t.key),
  index('media_site_created').on(t.siteId, t.createdAt),
  index('media_site_source').on(t.siteId, t.sourceUrl),
]);

/**
 * What an import brought in, by its source's own identity (a WordPress GUID, an old page's URL, an
 * exported row's origin and id): a second run of the same import finds the item here and changes nothing,
 * and an interrupted run resumes without duplicates. The row is written in the item's own create batch.
 */
export const IMPORT_KINDS = ['article', 'page'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export const importSources = sqliteTable('import_sources', {
  siteId: integer('site_id').notNull().references(() => sites.id),
  kind: text('kind', { enum: IMPORT_KINDS }).notNull(),
  /** The source's identity of the item, at most 2,000 characters. */
  sourceKey: text('source_key').notNull(),
  /** The article's or page's id. */
  targetId: integer('target_id').notNull(),
  createdAt: createdAt(),
}, (t) => [primaryKey({ columns: [t.siteId, t.kind, t.sourceKey] }), index('import_sources_target').on(t.kind, t.targetId)]);

/**
 * Old URLs of a site that answer 301 to a new place (consulted before the 404 page): every imported
 * item's old path, and whatever editors add in the admin (/admin/chuyen-huong).
 */
export const REDIRECT_ORIGINS = ['import', 'admin'] as const;
export type RedirectOrigin = (typeof REDIRECT_ORIGINS)[number];

export const redirects = sqliteTable('redirects', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  siteId: integer('site_id').notNull().references(() => sites.id),
  /** The old path as requested on the site's host, with its query string if the old URL had one ("/?p=12"). */
  fromPath: text('from_path').notNull(),
  /** Where it goes: a path of the same site ("/bai-viet/slug") or an absolute http(s) URL. */
  toPath: text('to_path').notNull(),
  origin: text('origin', { enum: REDIRECT_ORIGINS }).notNull().default('admin'),
  /** How many times it answered (approximate; for editors deciding what to keep). */
  hits: integer('hits').notNull().default(0),
  createdBy: integer('created_by').references(() => users.id),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
}, (t) => [uniqueIndex('redirects_site_from').on(t.siteId, t.fromPath), index('redirects_site_created').on(t.siteId, t.createdAt)]);

/**
 * What a webhook may subscribe to: a kind of content and what happened to it as the public API sees it
 * (published: it became visible, at once or when its scheduled time came; updated: a visible item changed;
 * unpublished: it left the public; deleted: a visible item went to the trash).
 */
export const WEBHOOK_KINDS = ['article', 'document', 'page'] as const;
export type WebhookKind = (typeof WEBHOOK_KINDS)[number];
export const WEBHOOK_ACTIONS = ['published', 'updated', 'unpublished', 'deleted'] as const;
export const WEBHOOK_EVENTS = [
  'article.published', 'article.updated', 'article.unpublished', 'article.deleted',
  'document.published', 'document.updated', 'document.unpublished', 'document.deleted',
  'page.published', 'page.updated', 'page.unpublished', 'page.deleted',
] as const satisfies readonly `${WebhookKind}.${(typeof WEBHOOK_ACTIONS)[number]}`[];
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/** A receiver of a site's content events (Standard Webhooks), registered by an admin or an admin-scope token. */
export const webhooks = sqliteTable('webhooks', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  siteId: integer('site_id').notNull().references(() => sites.id),
  /** https in production; never a private, loopback or link-local address there (checked at registration and at each send). */
  url: text('url').notNull(),
  /** JSON array of WEBHOOK_EVENTS names it receives. */
  events: text('events').notNull(),
  /** The signing secret ("whsec_" + base64), sealed with functions/auth/secret-box.ts; shown once, when created. */
  secretSealed: text('secret_sealed').notNull(),
  description: text('description').notNull().default(''),
  /** A paused webhook gets no new deliveries (its pending ones are cancelled). */
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
  createdBy: integer('created_by').references(() => users.id),
  createdByToken: integer('created_by_token').references(() => apiTokens.id),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
}, (t) => [index('webhooks_site').on(t.siteId, t.id)]);

export const WEBHOOK_DELIVERY_STATES = ['pending', 'delivered', 'failed', 'cancelled'] as const;
export type WebhookDeliveryState = (typeof WEBHOOK_DELIVERY_STATES)[number];

/**
 * One event for one webhook: written in the same D1 batch as the change it reports (an outbox: never
 * lost, never invented), then sent by the site's WebhookDispatcher and retried with backoff for a day.
 */
export const webhookDeliveries = sqliteTable('webhook_deliveries', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  siteId: integer('site_id').notNull().references(() => sites.id),
  webhookId: integer('webhook_id').notNull().references(() => webhooks.id),
  /** The Standard Webhooks message id (header webhook-id), the same on every attempt: receivers deduplicate by it. */
  messageId: text('message_id').notNull().unique(),
  eventType: text('event_type', { enum: WEBHOOK_EVENTS }).notNull(),
  itemKind: text('item_kind', { enum: WEBHOOK_KINDS }).notNull(),
  itemId: integer('item_id').notNull(),
  /** The JSON body exactly as sent: { type, timestamp, data: { id, slug, previousSlug, url, apiUrl, version } }. */
  payload: text('payload').notNull(),
  state: text('state', { enum: WEBHOOK_DELIVERY_STATES }).notNull().default('pending'),
  attempts: integer('attempts').notNull().default(0),
  /** When a pending delivery is next due: the change's instant, a scheduled item's go-live time, or the backoff's. */
  nextAttemptAt: integer('next_attempt_at', { mode: 'timestamp_ms' }),
  lastAttemptAt: integer('last_attempt_at', { mode: 'timestamp_ms' }),
  /** The receiver's HTTP status at the last attempt; null when it gave none (refused, timed out, blocked). */
  lastStatus: integer('last_status'),
  lastError: text('last_error').notNull().default(''),
  deliveredAt: integer('delivered_at', { mode: 'timestamp_ms' }),
  createdAt: createdAt(),
}, (t) => [
  // The dispatcher's and the cron's question: which are due now.
  index('webhook_deliveries_due').on(t.state, t.nextAttemptAt),
  // The admin's list of a webhook's deliveries, newest first.
  index('webhook_deliveries_webhook').on(t.webhookId, t.id),
  // A later change of the item cancels its announcement still waiting for a scheduled time.
  index('webhook_deliveries_item').on(t.siteId, t.itemKind, t.itemId, t.state),
  // The cron's pruning of settled deliveries past 30 days, oldest first: it reads only the old ones.
  index('webhook_deliveries_created').on(t.createdAt, t.id),
]);

/** Each attempt of a delivery, for the admin: when, the answer (or why none), how long it took. */
export const webhookAttempts = sqliteTable('webhook_attempts', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  deliveryId: integer('delivery_id').notNull().references(() => webhookDeliveries.id),
  attemptedAt: integer('attempted_at', { mode: 'timestamp_ms' }).notNull(),
  status: integer('status'),
  error: text('error').notNull().default(''),
  durationMs: integer('duration_ms').notNull(),
}, (t) => [index('webhook_attempts_delivery').on(t.deliveryId, t.id)]);
