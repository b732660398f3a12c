DROP INDEX `article_revisions_article`;--> statement-breakpoint
CREATE UNIQUE INDEX `article_revisions_article_version` ON `article_revisions` (`article_id`,`version`);