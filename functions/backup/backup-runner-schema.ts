// Storage of the BackupRunner (SQLite in its Durable Object): the backups made, the running one's position,
// and the bytes of the file being written that do not yet fill a multipart part.
export const BACKUP_RUNNER_SCHEMA = `
CREATE TABLE IF NOT EXISTS backups (
  id TEXT PRIMARY KEY,              -- its folder under _backups/ ("2026-11-30T19-00-00Z")
  started_at INTEGER NOT NULL,      -- ms
  finished_at INTEGER,              -- ms, when complete or failed
  status TEXT NOT NULL,             -- running | complete | failed
  bytes INTEGER NOT NULL DEFAULT 0, -- the bytes of its objects in R2
  tables INTEGER NOT NULL DEFAULT 0,
  rows INTEGER NOT NULL DEFAULT 0,
  error TEXT,                       -- why it failed
  purged INTEGER NOT NULL DEFAULT 0 -- a failed backup's objects were deleted (the row stays to be seen)
);
-- The running backup's position (one row, JSON): what the next alarm does.
CREATE TABLE IF NOT EXISTS job (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  state TEXT NOT NULL
);
-- The current file's bytes not yet sent as a part, in slices (a stored value holds at most 2 MB).
CREATE TABLE IF NOT EXISTS pending (
  seq INTEGER PRIMARY KEY,
  data BLOB NOT NULL
);
`;
