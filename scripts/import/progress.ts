// The import's progress on stderr: done/total, outcomes, items/s and an estimate; one redrawn line on a terminal, else a line every 5 s or 10%.

export interface Counts {
  done: number;
  created: number;
  unchanged: number;
  failed: number;
}

export interface ProgressOut {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

const WIDTH = 24;
const LINE_EVERY_MS = 5000;

function duration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

/** One progress line (pure, for the tests and both modes). */
export function progressLine(counts: Counts, total: number | null, elapsedMs: number, dryRun: boolean): string {
  const rate = elapsedMs > 0 ? counts.done / (elapsedMs / 1000) : 0;
  const of = total === null ? `${counts.done}` : `${counts.done}/${total}`;
  const filled = total ? Math.min(WIDTH, Math.floor((counts.done / total) * WIDTH)) : 0;
  const bar = total ? `[${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}] ` : '';
  const created = dryRun ? 'would create' : 'created';
  const eta = total && rate > 0 && counts.done < total ? ` ETA ${duration((total - counts.done) / rate)}` : '';
  return `${bar}${of} ${created} ${counts.created}, unchanged ${counts.unchanged}, failed ${counts.failed}, ${rate.toFixed(1)} items/s${eta}`;
}

export class Progress {
  private readonly out: ProgressOut;
  private readonly now: () => number;
  private readonly dryRun: boolean;
  private total: number | null = null;
  private started = 0;
  private lastLineAt = 0;
  private lastDecile = 0;
  /** done as of the last line written (not a TTY): the closing line is not written twice. */
  private lastPrinted = -1;
  private counts: Counts = { done: 0, created: 0, unchanged: 0, failed: 0 };

  constructor(out: ProgressOut, options: { now?: () => number; dryRun?: boolean } = {}) {
    this.out = out;
    this.now = options.now ?? Date.now;
    this.dryRun = options.dryRun ?? false;
  }

  start(label: string, total: number | null): void {
    this.total = total;
    this.started = this.now();
    this.lastLineAt = this.started;
    this.out.write(`import: ${label}${total === null ? '' : `, ${total} items`}\n`);
  }

  /** The line now; the total is dropped once the count passes the source's estimate (a source that could not count exactly). */
  private line(): string {
    const total = this.total !== null && this.counts.done > this.total ? null : this.total;
    return progressLine(this.counts, total, this.now() - this.started, this.dryRun);
  }

  update(counts: Counts): void {
    this.counts = { ...counts };
    if (this.out.isTTY) {
      const width = (this.out.columns ?? 100) - 1;
      this.out.write(`\r${this.line().slice(0, width)}\x1b[K`);
      return;
    }
    const at = this.now();
    const decile = this.total ? Math.floor((counts.done / this.total) * 10) : 0;
    if (at - this.lastLineAt >= LINE_EVERY_MS || decile > this.lastDecile) {
      this.lastLineAt = at;
      this.lastDecile = decile;
      this.lastPrinted = counts.done;
      this.out.write(`${this.line()}\n`);
    }
  }

  /**
   * The closing line. `readAll`: the whole source was read, so the total becomes what was read (a source's count is an
   * estimate: a list page counted that yielded a problem instead of an item must not leave "5/6"); a run stopped early keeps it.
   */
  finish(counts: Counts = this.counts, { readAll = true }: { readAll?: boolean } = {}): void {
    this.counts = { ...counts };
    if (readAll) this.total = counts.done;
    const line = this.line();
    if (this.out.isTTY) this.out.write(`\r${line}\x1b[K\n`);
    else if (this.counts.done !== this.lastPrinted) this.out.write(`${line}\n`);
  }
}
