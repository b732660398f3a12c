-- Many sites in one deployment (hand-edited from drizzle-kit's output). A one-site database becomes
-- site 1 with every row kept: ids are copied, so revisions, slug redirects, tags, the search index
-- (rowid = article id), idempotency keys and the content_changes record (its id is the site's id) stay
-- valid, and each AUTOINCREMENT counter carries over (an id is never handed out twice). Site 1 has no
-- host rows and an empty name: it keeps being served on SITE_URL / SITE_HOSTS and named SITE_NAME, and
-- its visit total keeps STATS_TOTAL_OFFSET (visit_offset null), until an admin sets them.
--
-- D1 enforces foreign keys and ignores `PRAGMA foreign_keys=OFF` (cloudflare/workers-sdk#8512), and
-- SQLite cannot ADD a REFERENCES column with a non-null default. So the tables that gain site_id are
-- rebuilt (create new, copy, drop old, rename), and so are the tables that reference them: every copy
-- is made while the old tables still exist, then the old ones are dropped children first, so no drop
-- ever leaves a row pointing at nothing: each copy references the other copies, and the renames at the
-- end rewrite those references to the final names (deferring the checks does not help: a parent table dropped
-- under its children counts violations that the renamed copy does not clear; probed on local D1).
CREATE TABLE `sites` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text DEFAULT '' NOT NULL,
	`subtitle` text DEFAULT '' NOT NULL,
	`parent_id` integer,
	`status` text DEFAULT 'active' NOT NULL,
	`visit_offset` integer,
	`logo_key` text,
	`primary_color` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`parent_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE no action
);--> statement-breakpoint
CREATE INDEX `sites_parent` ON `sites` (`parent_id`);--> statement-breakpoint
INSERT INTO `sites` (`id`, `name`) VALUES (1, '');--> statement-breakpoint
CREATE TABLE `featured_articles` (
	`site_id` integer NOT NULL,
	`article_id` integer NOT NULL,
	`position` integer DEFAULT 0 NOT NULL,
	`created_by` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	PRIMARY KEY(`site_id`, `article_id`),
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`article_id`) REFERENCES `articles`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);--> statement-breakpoint
CREATE TABLE `role_changes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`actor_id` integer,
	`user_id` integer NOT NULL,
	`site_id` integer,
	`before` text,
	`after` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`actor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE no action
);--> statement-breakpoint
CREATE INDEX `role_changes_site` ON `role_changes` (`site_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `role_changes_user` ON `role_changes` (`user_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `site_hosts` (
	`host` text PRIMARY KEY NOT NULL,
	`site_id` integer NOT NULL,
	`position` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE no action
);--> statement-breakpoint
CREATE UNIQUE INDEX `site_hosts_site_position` ON `site_hosts` (`site_id`,`position`);--> statement-breakpoint
CREATE TABLE `site_roles` (
	`user_id` integer NOT NULL,
	`site_id` integer NOT NULL,
	`role` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	PRIMARY KEY(`user_id`, `site_id`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE no action
);--> statement-breakpoint
CREATE INDEX `site_roles_site` ON `site_roles` (`site_id`,`user_id`);--> statement-breakpoint
CREATE TABLE `__new_categories` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`site_id` integer NOT NULL,
	`slug` text NOT NULL,
	`name` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`position` integer DEFAULT 0 NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE no action
);--> statement-breakpoint
INSERT INTO `__new_categories`("site_id", "id", "slug", "name", "description", "position", "created_at", "updated_at") SELECT 1, "id", "slug", "name", "description", "position", "created_at", "updated_at" FROM `categories`;--> statement-breakpoint
UPDATE sqlite_sequence SET seq = (SELECT max(seq) FROM sqlite_sequence WHERE name IN ('categories', '__new_categories')) WHERE name = '__new_categories';--> statement-breakpoint
INSERT INTO sqlite_sequence (name, seq) SELECT '__new_categories', seq FROM sqlite_sequence WHERE name = 'categories' AND NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = '__new_categories');--> statement-breakpoint
CREATE TABLE `__new_articles` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`site_id` integer NOT NULL,
	`slug` text NOT NULL,
	`title` text NOT NULL,
	`summary` text DEFAULT '' NOT NULL,
	`body_markdown` text DEFAULT '' NOT NULL,
	`body_html` text DEFAULT '' NOT NULL,
	`cover_key` text,
	`cover_caption` text DEFAULT '' NOT NULL,
	`cover_alt` text DEFAULT '' NOT NULL,
	`byline` text DEFAULT '' NOT NULL,
	`category_id` integer NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`published_at` integer,
	`version` integer DEFAULT 1 NOT NULL,
	`deleted_at` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`category_id`) REFERENCES `__new_categories`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE no action
);--> statement-breakpoint
INSERT INTO `__new_articles`("site_id", "id", "slug", "title", "summary", "body_markdown", "body_html", "cover_key", "cover_caption", "cover_alt", "byline", "category_id", "status", "published_at", "version", "deleted_at", "created_at", "updated_at") SELECT 1, "id", "slug", "title", "summary", "body_markdown", "body_html", "cover_key", "cover_caption", "cover_alt", "byline", "category_id", "status", "published_at", "version", "deleted_at", "created_at", "updated_at" FROM `articles`;--> statement-breakpoint
UPDATE sqlite_sequence SET seq = (SELECT max(seq) FROM sqlite_sequence WHERE name IN ('articles', '__new_articles')) WHERE name = '__new_articles';--> statement-breakpoint
INSERT INTO sqlite_sequence (name, seq) SELECT '__new_articles', seq FROM sqlite_sequence WHERE name = 'articles' AND NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = '__new_articles');--> statement-breakpoint
CREATE TABLE `__new_tags` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`site_id` integer NOT NULL,
	`slug` text NOT NULL,
	`name` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE no action
);--> statement-breakpoint
INSERT INTO `__new_tags`("site_id", "id", "slug", "name", "created_at") SELECT 1, "id", "slug", "name", "created_at" FROM `tags`;--> statement-breakpoint
UPDATE sqlite_sequence SET seq = (SELECT max(seq) FROM sqlite_sequence WHERE name IN ('tags', '__new_tags')) WHERE name = '__new_tags';--> statement-breakpoint
INSERT INTO sqlite_sequence (name, seq) SELECT '__new_tags', seq FROM sqlite_sequence WHERE name = 'tags' AND NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = '__new_tags');--> statement-breakpoint
CREATE TABLE `__new_api_tokens` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`site_id` integer NOT NULL,
	`name` text NOT NULL,
	`token_hash` text NOT NULL,
	`scopes` text DEFAULT 'read' NOT NULL,
	`created_by` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`last_used_at` integer,
	`revoked_at` integer,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE no action
);--> statement-breakpoint
INSERT INTO `__new_api_tokens`("site_id", "id", "name", "token_hash", "scopes", "created_by", "created_at", "last_used_at", "revoked_at") SELECT 1, "id", "name", "token_hash", "scopes", "created_by", "created_at", "last_used_at", "revoked_at" FROM `api_tokens`;--> statement-breakpoint
UPDATE sqlite_sequence SET seq = (SELECT max(seq) FROM sqlite_sequence WHERE name IN ('api_tokens', '__new_api_tokens')) WHERE name = '__new_api_tokens';--> statement-breakpoint
INSERT INTO sqlite_sequence (name, seq) SELECT '__new_api_tokens', seq FROM sqlite_sequence WHERE name = 'api_tokens' AND NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = '__new_api_tokens');--> statement-breakpoint
CREATE TABLE `__new_article_tags` (
	`article_id` integer NOT NULL,
	`tag_id` integer NOT NULL,
	PRIMARY KEY(`article_id`, `tag_id`),
	FOREIGN KEY (`article_id`) REFERENCES `__new_articles`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`tag_id`) REFERENCES `__new_tags`(`id`) ON UPDATE no action ON DELETE no action
);--> statement-breakpoint
INSERT INTO `__new_article_tags`("article_id", "tag_id") SELECT "article_id", "tag_id" FROM `article_tags`;--> statement-breakpoint
CREATE TABLE `__new_article_revisions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`article_id` integer NOT NULL,
	`version` integer NOT NULL,
	`action` text NOT NULL,
	`changed_fields` text DEFAULT '[]' NOT NULL,
	`snapshot` text NOT NULL,
	`actor` text NOT NULL,
	`actor_name` text DEFAULT '' NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`article_id`) REFERENCES `__new_articles`(`id`) ON UPDATE no action ON DELETE no action
);--> statement-breakpoint
INSERT INTO `__new_article_revisions`("id", "article_id", "version", "action", "changed_fields", "snapshot", "actor", "actor_name", "created_at") SELECT "id", "article_id", "version", "action", "changed_fields", "snapshot", "actor", "actor_name", "created_at" FROM `article_revisions`;--> statement-breakpoint
UPDATE sqlite_sequence SET seq = (SELECT max(seq) FROM sqlite_sequence WHERE name IN ('article_revisions', '__new_article_revisions')) WHERE name = '__new_article_revisions';--> statement-breakpoint
INSERT INTO sqlite_sequence (name, seq) SELECT '__new_article_revisions', seq FROM sqlite_sequence WHERE name = 'article_revisions' AND NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = '__new_article_revisions');--> statement-breakpoint
CREATE TABLE `__new_article_slug_history` (
	`site_id` integer NOT NULL,
	`slug` text NOT NULL,
	`article_id` integer NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	PRIMARY KEY(`site_id`, `slug`),
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`article_id`) REFERENCES `__new_articles`(`id`) ON UPDATE no action ON DELETE no action
);--> statement-breakpoint
INSERT INTO `__new_article_slug_history`("site_id", "slug", "article_id", "created_at") SELECT 1, "slug", "article_id", "created_at" FROM `article_slug_history`;--> statement-breakpoint
CREATE TABLE `__new_settings` (
	`site_id` integer NOT NULL,
	`key` text NOT NULL,
	`value` text NOT NULL,
	`updated_by` integer,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	PRIMARY KEY(`site_id`, `key`),
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);--> statement-breakpoint
INSERT INTO `__new_settings`("site_id", "key", "value", "updated_by", "updated_at") SELECT 1, "key", "value", "updated_by", "updated_at" FROM `settings`;--> statement-breakpoint
DROP TABLE `article_tags`;--> statement-breakpoint
DROP TABLE `article_revisions`;--> statement-breakpoint
DROP TABLE `article_slug_history`;--> statement-breakpoint
DROP TABLE `articles`;--> statement-breakpoint
DROP TABLE `tags`;--> statement-breakpoint
DROP TABLE `categories`;--> statement-breakpoint
DROP TABLE `api_tokens`;--> statement-breakpoint
DROP TABLE `settings`;--> statement-breakpoint
ALTER TABLE `__new_categories` RENAME TO `categories`;--> statement-breakpoint
ALTER TABLE `__new_articles` RENAME TO `articles`;--> statement-breakpoint
ALTER TABLE `__new_tags` RENAME TO `tags`;--> statement-breakpoint
ALTER TABLE `__new_api_tokens` RENAME TO `api_tokens`;--> statement-breakpoint
ALTER TABLE `__new_article_tags` RENAME TO `article_tags`;--> statement-breakpoint
ALTER TABLE `__new_article_revisions` RENAME TO `article_revisions`;--> statement-breakpoint
ALTER TABLE `__new_article_slug_history` RENAME TO `article_slug_history`;--> statement-breakpoint
ALTER TABLE `__new_settings` RENAME TO `settings`;--> statement-breakpoint
CREATE UNIQUE INDEX `categories_site_slug` ON `categories` (`site_id`,`slug`);--> statement-breakpoint
CREATE INDEX `categories_site_position` ON `categories` (`site_id`,`position`,`id`);--> statement-breakpoint
CREATE UNIQUE INDEX `articles_site_slug` ON `articles` (`site_id`,`slug`);--> statement-breakpoint
CREATE INDEX `articles_site_status_published` ON `articles` (`site_id`,`status`,`published_at`,`id`);--> statement-breakpoint
CREATE INDEX `articles_status_published` ON `articles` (`status`,`published_at`,`id`);--> statement-breakpoint
CREATE INDEX `articles_category_status_published` ON `articles` (`category_id`,`status`,`published_at`,`id`);--> statement-breakpoint
CREATE UNIQUE INDEX `tags_site_slug` ON `tags` (`site_id`,`slug`);--> statement-breakpoint
CREATE UNIQUE INDEX `api_tokens_token_hash_unique` ON `api_tokens` (`token_hash`);--> statement-breakpoint
CREATE INDEX `article_tags_tag` ON `article_tags` (`tag_id`,`article_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `article_revisions_article_version` ON `article_revisions` (`article_id`,`version`);--> statement-breakpoint
ALTER TABLE `content_changes` ADD `rollup_seq` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `sessions` ADD `site_id` integer REFERENCES sites(id);--> statement-breakpoint
ALTER TABLE `users` ADD `platform_admin` integer DEFAULT false NOT NULL;--> statement-breakpoint
-- The one site's roles carry over; its admins were the platform's admins, and stay so.
INSERT INTO `site_roles` (`user_id`, `site_id`, `role`, `created_at`) SELECT `id`, 1, `role`, `created_at` FROM `users`;--> statement-breakpoint
UPDATE `users` SET `platform_admin` = 1 WHERE `role` = 'admin';
