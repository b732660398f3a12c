// Minting a token writes the SQLite file the running server writes too: while the server commits (an
// import of another site running), the file is locked and the write fails with SQLITE_BUSY.

/** The error SQLite gives when another connection holds the write lock. */
export const isBusy = (error: unknown): boolean => /SQLITE_BUSY|database is locked/.test(String((error as Error | null)?.message ?? error));

export interface BusyOptions {
  tries?: number;
  pauseMs?: number;
  /** How to wait between tries (tests pass their own). */
  pause?: (ms: number) => Promise<void>;
}

/** `write()` again while the database is locked (a server commit takes milliseconds), at most `tries` times. */
export async function whileBusy<T>(write: () => Promise<T>, options: BusyOptions = {}): Promise<T> {
  const { tries = 40, pauseMs = 250, pause = (ms) => new Promise((done) => setTimeout(done, ms)) } = options;
  for (let attempt = 1; ; attempt++) {
    try {
      return await write();
    } catch (error) {
      if (!isBusy(error) || attempt >= tries) throw error;
      await pause(pauseMs);
    }
  }
}
