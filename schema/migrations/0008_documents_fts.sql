-- Full-text search over documents with SQLite FTS5 (hand-written: drizzle-kit cannot describe a virtual
-- table). One row per document, rowid = documents.id, kept in step by the data layer inside each write's
-- batch (functions/data/), like articles_fts. Every column holds text folded by foldVietnamese (lowercase,
-- no diacritics, đ -> d):
--  - number: the số ký hiệu's tokens and the year of issue ("125 qd ubnd 2024"), so "125/QĐ-UBND",
--    "125 qd ubnd", "qd-ubnd 125" and "125/2024/QĐ-UBND" all match (tokens in any order);
--  - summary: the trích yếu; body: the plain text of the body;
--  - files: the text layer of the attached PDFs, capped (functions/documents/), so rows stay small.
CREATE VIRTUAL TABLE `documents_fts` USING fts5(number, summary, body, files, tokenize = 'unicode61 remove_diacritics 2');
