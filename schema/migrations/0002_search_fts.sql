-- Full-text search over articles with SQLite FTS5 (available in D1). Hand-written (drizzle-kit
-- generate --custom): drizzle-kit cannot describe a virtual table. Its one user is functions/data/search.ts.
--
-- One row per article, rowid = articles.id, kept in step by the data layer inside each write's batch.
-- The columns hold text folded by foldVietnamese (lowercase, no diacritics, đ -> d): unicode61 alone
-- cannot match "dong" to "Đồng", because đ is a letter of its own, not d with a combining mark.
-- remove_diacritics 2 changes nothing for folded text; it is there for the backfill below, which
-- SQL can only fold part of the way (it has no Unicode case or diacritic folding of its own).
CREATE VIRTUAL TABLE `articles_fts` USING fts5(title, summary, body, tokenize = 'unicode61 remove_diacritics 2');
--> statement-breakpoint
-- Backfill the articles that exist already (deleted ones too: every article has its row, so a
-- restored one is found again). The tokenizer lowercases and strips diacritics, NFD text included;
-- only đ/Đ must be replaced here. search_text (folded title, summary and plain body) stands in for
-- the body (the Markdown where it is empty): title words count twice for these rows until the
-- article is next saved.
INSERT INTO `articles_fts` (rowid, title, summary, body)
SELECT `id`,
  replace(replace(`title`, 'đ', 'd'), 'Đ', 'D'),
  replace(replace(`summary`, 'đ', 'd'), 'Đ', 'D'),
  CASE WHEN `search_text` = '' THEN replace(replace(`body_markdown`, 'đ', 'd'), 'Đ', 'D') ELSE `search_text` END
FROM `articles`
WHERE `id` NOT IN (SELECT rowid FROM `articles_fts`);
