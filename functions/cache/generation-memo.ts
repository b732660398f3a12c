// The content generations as this isolate last read them (per site and replica), kept for a short bound
// so that a cache hit makes no Durable Object call at all: a reader sees a write from another isolate
// within the bound, and the isolate that wrote sees it at once (the write notes the new generation here).
import type { Version } from './content-version.ts';

/** The longest the bound may be: the freshness promise made to readers (README, "The edge cache"). */
export const MAX_GENERATION_AGE_MS = 1000;

/** The bound from the `CACHE_GENERATION_MAX_AGE_MS` var: 0 (always ask) to 1,000 ms; 1,000 if unset. */
export function generationMaxAge(env: Env): number {
  const raw = env.CACHE_GENERATION_MAX_AGE_MS;
  if (raw === parsed.raw) return parsed.value;
  const n = raw === undefined || raw === '' ? MAX_GENERATION_AGE_MS : Number(raw);
  const value = Number.isFinite(n) ? Math.min(Math.max(Math.floor(n), 0), MAX_GENERATION_AGE_MS) : MAX_GENERATION_AGE_MS;
  parsed = { raw, value };
  return value;
}
/** Every cached read asks for the bound: parse the var once, not per request. */
let parsed: { raw: string | undefined; value: number } = { raw: undefined, value: MAX_GENERATION_AGE_MS };

interface Known {
  version: Version;
  /** When it was read or written here (ms). */
  at: number;
}

/** Which replica of which site: "<site id>:<replica>" (see replicaKey in generation.ts). */
export type ReplicaKey = string;

/** One per isolate (module state); tests make more to play several isolates. */
export class GenerationMemo {
  private readonly known = new Map<ReplicaKey, Known>();
  /** One read per replica at a time, however many requests find the memo stale together. */
  private readonly reading = new Map<ReplicaKey, { version: Promise<Version>; startedAt: number }>();

  async read(replica: ReplicaKey, maxAgeMs: number, now: number, fetch: () => Promise<Version>): Promise<Version> {
    const known = this.known.get(replica);
    // A clock that went back (now < at) counts as stale: never trust an entry from the future.
    if (known && now >= known.at && now - known.at <= maxAgeMs) return known.version;
    let pending = this.reading.get(replica);
    // A read that started too long before this request may miss a write this request must see: start another.
    if (!pending || now < pending.startedAt || now - pending.startedAt > maxAgeMs) {
      const started = { version: fetch(), startedAt: now };
      void started.version.finally(() => {
        if (this.reading.get(replica) === started) this.reading.delete(replica);
      }).catch(() => undefined);
      this.reading.set(replica, started);
      pending = started;
    }
    const version = await pending.version;
    // Known as of when the read started, not when it answered: a slow object cannot stretch the bound.
    this.note(replica, version, pending.startedAt);
    // Never older than what this isolate already knew (a write it made may have noted a newer one).
    return this.known.get(replica)!.version;
  }

  /**
   * A generation read or written now; never moves this isolate back to an older one. The site's
   * generation and the roll-up move apart (a write here, a commune's there), so each part keeps the
   * newer of what was known and what comes in.
   */
  note(replica: ReplicaKey, version: Version, now: number): void {
    const known = this.known.get(replica);
    if (!known) {
      this.known.set(replica, { version, at: now });
      return;
    }
    const k = known.version;
    const newer = version.generation > k.generation || version.rollup > k.rollup;
    const older = version.generation < k.generation || version.rollup < k.rollup;
    if (!newer) {
      // The same (a read confirming it refreshes its time) or older: never go back.
      if (!older && known.at <= now) this.known.set(replica, { version, at: now });
      return;
    }
    if (!older) {
      this.known.set(replica, { version, at: now });
      return;
    }
    // Newer in one part, older in the other: keep the newer of each, known as of the earlier time.
    const own = version.generation > k.generation ? version : k;
    const rollup = version.rollup > k.rollup ? version : k;
    this.known.set(replica, {
      version: { generation: own.generation, nextScheduledAt: own.nextScheduledAt, rollup: rollup.rollup, rollupNextScheduledAt: rollup.rollupNextScheduledAt },
      at: Math.min(known.at, now),
    });
  }
}

/** This isolate's memo. */
export const isolateMemo = new GenerationMemo();
