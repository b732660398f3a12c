CREATE TABLE `document_files` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`site_id` integer NOT NULL,
	`document_id` integer,
	`key` text NOT NULL,
	`name` text NOT NULL,
	`size` integer NOT NULL,
	`content_type` text NOT NULL,
	`position` integer DEFAULT 0 NOT NULL,
	`downloads` integer DEFAULT 0 NOT NULL,
	`text_indexed_at` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`document_id`) REFERENCES `documents`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `document_files_key_unique` ON `document_files` (`key`);--> statement-breakpoint
CREATE INDEX `document_files_document` ON `document_files` (`document_id`,`position`);--> statement-breakpoint
CREATE TABLE `document_relations` (
	`document_id` integer NOT NULL,
	`related_id` integer NOT NULL,
	`kind` text NOT NULL,
	PRIMARY KEY(`document_id`, `related_id`, `kind`),
	FOREIGN KEY (`document_id`) REFERENCES `documents`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`related_id`) REFERENCES `documents`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `document_relations_related` ON `document_relations` (`related_id`,`document_id`);--> statement-breakpoint
CREATE TABLE `document_revisions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`document_id` integer NOT NULL,
	`version` integer NOT NULL,
	`action` text NOT NULL,
	`changed_fields` text DEFAULT '[]' NOT NULL,
	`snapshot` text NOT NULL,
	`actor` text NOT NULL,
	`actor_name` text DEFAULT '' NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`document_id`) REFERENCES `documents`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `document_revisions_document_version` ON `document_revisions` (`document_id`,`version`);--> statement-breakpoint
CREATE TABLE `document_terms` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`site_id` integer NOT NULL,
	`kind` text NOT NULL,
	`slug` text NOT NULL,
	`name` text NOT NULL,
	`abbreviation` text DEFAULT '' NOT NULL,
	`position` integer DEFAULT 0 NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `document_terms_site_kind_slug` ON `document_terms` (`site_id`,`kind`,`slug`);--> statement-breakpoint
CREATE INDEX `document_terms_site_kind_position` ON `document_terms` (`site_id`,`kind`,`position`,`id`);--> statement-breakpoint
CREATE TABLE `documents` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`site_id` integer NOT NULL,
	`slug` text NOT NULL,
	`number` text NOT NULL,
	`number_key` text NOT NULL,
	`type_id` integer NOT NULL,
	`issuer_id` integer NOT NULL,
	`field_id` integer,
	`signer` text DEFAULT '' NOT NULL,
	`issued_on` text NOT NULL,
	`issued_year` integer NOT NULL,
	`effective_on` text,
	`expires_on` text,
	`summary` text NOT NULL,
	`body_markdown` text DEFAULT '' NOT NULL,
	`body_html` text DEFAULT '' NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`published_at` integer,
	`version` integer DEFAULT 1 NOT NULL,
	`deleted_at` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`type_id`) REFERENCES `document_terms`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`issuer_id`) REFERENCES `document_terms`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`field_id`) REFERENCES `document_terms`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `documents_site_slug` ON `documents` (`site_id`,`slug`);--> statement-breakpoint
CREATE UNIQUE INDEX `documents_site_issuer_year_number` ON `documents` (`site_id`,`issuer_id`,`issued_year`,`number_key`);--> statement-breakpoint
CREATE INDEX `documents_site_status_issued` ON `documents` (`site_id`,`status`,`issued_on`,`id`);--> statement-breakpoint
CREATE INDEX `documents_site_type_issued` ON `documents` (`site_id`,`type_id`,`issued_on`,`id`);--> statement-breakpoint
CREATE INDEX `documents_site_status_published` ON `documents` (`site_id`,`status`,`published_at`,`id`);