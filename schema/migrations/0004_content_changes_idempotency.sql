-- Issue 9: the durable record of content changes (the write service moves the content generation from
-- it, and retries read it), Idempotency-Key records of article creates, and articles.search_text
-- dropped: FTS5 (0002) replaced it and nothing reads it any more.
CREATE TABLE `content_changes` (
	`id` integer PRIMARY KEY NOT NULL,
	`seq` integer NOT NULL,
	`next_scheduled_at` integer
);
--> statement-breakpoint
CREATE TABLE `idempotency_keys` (
	`token_id` integer NOT NULL,
	`key` text NOT NULL,
	`request_hash` text NOT NULL,
	`article_id` integer,
	`response` text,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`token_id`, `key`)
);
--> statement-breakpoint
CREATE INDEX `idempotency_keys_created` ON `idempotency_keys` (`created_at`);--> statement-breakpoint
ALTER TABLE `articles` DROP COLUMN `search_text`;