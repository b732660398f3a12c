CREATE INDEX `articles_trash` ON `articles` (`deleted_at`,`id`) WHERE "articles"."deleted_at" is not null;--> statement-breakpoint
CREATE INDEX `documents_trash` ON `documents` (`deleted_at`,`id`) WHERE "documents"."deleted_at" is not null;--> statement-breakpoint
CREATE INDEX `pages_trash` ON `pages` (`deleted_at`,`id`) WHERE "pages"."deleted_at" is not null;