// Storage of one VisitCounter shard (SQLite in the Durable Object). Readers are hashes, never IPs.
export const VISIT_COUNTER_SCHEMA = `
CREATE TABLE IF NOT EXISTS readers (
  reader TEXT PRIMARY KEY,          -- salted daily hash of IP + User-Agent
  last_seen INTEGER NOT NULL        -- ms of the reader's last counted page view
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS readers_last_seen ON readers (last_seen);
CREATE TABLE IF NOT EXISTS totals (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  visits INTEGER NOT NULL,
  views INTEGER NOT NULL
);
INSERT OR IGNORE INTO totals (id, visits, views) VALUES (1, 0, 0);
CREATE TABLE IF NOT EXISTS days (
  day TEXT PRIMARY KEY,             -- calendar day in Vietnam, YYYY-MM-DD
  visits INTEGER NOT NULL DEFAULT 0,
  views INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS article_views (
  article_id INTEGER PRIMARY KEY,
  views INTEGER NOT NULL
);
-- "Xem nhiều nhất": an article's counted views per Vietnam day (its readers on this shard), kept DAYS_KEPT days.
CREATE TABLE IF NOT EXISTS article_days (
  article_id INTEGER NOT NULL,
  day TEXT NOT NULL,                -- calendar day in Vietnam, YYYY-MM-DD
  views INTEGER NOT NULL,
  PRIMARY KEY (day, article_id)
) WITHOUT ROWID;
`;

/** A new visit starts after this much inactivity (or with the first view). */
export const VISIT_GAP_MS = 30 * 60_000;
/** "Đang truy cập": readers seen within this window. */
export const ONLINE_WINDOW_MS = 5 * 60_000;
/** Daily figures kept for the admin chart and the API. */
export const DAYS_KEPT = 90;
