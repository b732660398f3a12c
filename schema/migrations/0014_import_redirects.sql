CREATE TABLE `import_sources` (
	`site_id` integer NOT NULL,
	`kind` text NOT NULL,
	`source_key` text NOT NULL,
	`target_id` integer NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	PRIMARY KEY(`site_id`, `kind`, `source_key`),
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `import_sources_target` ON `import_sources` (`kind`,`target_id`);--> statement-breakpoint
CREATE TABLE `redirects` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`site_id` integer NOT NULL,
	`from_path` text NOT NULL,
	`to_path` text NOT NULL,
	`origin` text DEFAULT 'admin' NOT NULL,
	`hits` integer DEFAULT 0 NOT NULL,
	`created_by` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `redirects_site_from` ON `redirects` (`site_id`,`from_path`);--> statement-breakpoint
CREATE INDEX `redirects_site_created` ON `redirects` (`site_id`,`created_at`);--> statement-breakpoint
ALTER TABLE `api_tokens` ADD `all_sites` integer DEFAULT false NOT NULL;