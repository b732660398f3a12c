ALTER TABLE `document_revisions` ADD `note` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `documents` ADD `review_note` text DEFAULT '' NOT NULL;