// Minting a token writes the SQLite file the running server writes too: while the server commits (an
// import of another site running), the file is locked and the write fails with SQLITE_BUSY.

/**
 * The error SQLite gives when another connection holds the write lock; a read through local D1 says "Failed to get session commit
 * token" instead (workerd logs the SQLITE_BUSY behind it).
 */
export const isBusy = (error: unknown): boolean => /SQLITE_BUSY|database is locked|Failed to get session commit token/.test(String((error as Error | null)?.message ?? error));

export interface BusyOptions {
  tries?: number;
  pauseMs?: number;
  /** How to wait between tries (tests pass their own). */
  pause?: (ms: number) => Promise<void>;
  /** Told before each pause (the CLI says once that it waits, so a person, or a test, knows). */
  onBusy?: (attempt: number) => void;
}

/** `write()` again while the database is locked (a server commit takes milliseconds), at most `tries` times. */
export async function whileBusy<T>(write: () => Promise<T>, options: BusyOptions = {}): Promise<T> {
  const { tries = 40, pauseMs = 250, pause = (ms) => new Promise((done) => setTimeout(done, ms)), onBusy } = options;
  for (let attempt = 1; ; attempt++) {
    try {
      return await write();
    } catch (error) {
      if (!isBusy(error) || attempt >= tries) throw error;
      onBusy?.(attempt);
      await pause(pauseMs);
    }
  }
}

/**
 * Applies the migrations only when the local database lacks one (a fresh store, or one older than the code): applying takes the
 * write lock even with nothing to do, and fails outright while a running server commits, so a CLI that mints beside a running
 * server (its migrations applied at start) must not ask for it.
 */
export async function migrateIfPending(options: { persistTo: string | undefined } & BusyOptions): Promise<void> {
  const { readdir } = await import('node:fs/promises');
  const { join } = await import('node:path');
  const { applyLocalMigrations, ROOT, withLocalEnv } = await import('../local-db.ts');
  const files = (await readdir(join(ROOT, 'schema', 'migrations'))).filter((f) => f.endsWith('.sql'));
  const pending = await withLocalEnv((env) => whileBusy(async () => {
    try {
      const { results } = await env.DB.prepare('SELECT name FROM d1_migrations').all<{ name: string }>();
      const done = new Set(results.map((r) => r.name));
      return files.some((f) => !done.has(f));
    } catch (error) {
      if (isBusy(error)) throw error; // even a read waits for the server's commit here
      return true; // no migrations table yet: a fresh store
    }
  }, options), { persistTo: options.persistTo, quiet: true });
  if (pending) await applyLocalMigrations({ persistTo: options.persistTo, quiet: true });
}
