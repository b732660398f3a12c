// The import's report: what each item became, the images not stored and the source's problems, as a JSON file and a short summary.
import { writeFile } from 'node:fs/promises';
import type { Problem } from './client.ts';

export type Outcome = 'created' | 'unchanged' | 'failed' | 'duplicate' | 'would-create';

export interface ItemReport {
  kind: 'article' | 'page';
  sourceKey: string;
  sourceUrl: string | null;
  title: string;
  outcome: Outcome;
  id: number | null;
  url: string | null;
  warnings: string[];
  problem: Problem | null;
}

export interface ImageReport {
  url: string;
  /** The sourceKey of the (first) item that used it. */
  item: string;
  reason: string;
}

export interface ImportReport {
  source: { type: string; path: string; label: string };
  target: { url: string; site: string | null; dryRun: boolean };
  startedAt: string;
  finishedAt: string;
  /** What the runner could not do (no server in a dry run: duplicates were not checked). */
  notes: string[];
  counts: { items: number; created: number; unchanged: number; failed: number; duplicate: number; wouldCreate: number; warnings: number; imagesStored: number; imagesReused: number; imagesNotStored: number; sourceProblems: number };
  /** Where the time went, in seconds: reading the source, converting bodies, reading images, waiting for the server. */
  timings: { total: number; source: number; convert: number; images: number; server: number };
  visits: { sourceTotal: number; siteTotal: number | null; raised: boolean } | null;
  items: ItemReport[];
  imagesNotStored: ImageReport[];
  sourceProblems: { where: string; message: string }[];
}

export function defaultReportPath(now: Date): string {
  return `import-report-${now.toISOString().slice(0, 19).replace(/:/g, '-')}Z.json`;
}

export async function writeReport(path: string, report: ImportReport): Promise<void> {
  await writeFile(path, JSON.stringify(report, null, 2) + '\n');
}

/** The one stdout line: the counts a script can read. */
export function summaryLine(report: ImportReport): string {
  const c = report.counts;
  const made = report.target.dryRun ? `${c.wouldCreate} would be created` : `${c.created} created`;
  return `${made}, ${c.unchanged} unchanged, ${c.failed} failed, ${c.duplicate} duplicate, ${c.imagesNotStored} images not stored, ${c.sourceProblems} source problems`;
}

/** A few lines for a person on stderr: the problems, at most ten of each kind, and where the rest are. */
export function humanSummary(report: ImportReport, reportPath: string): string {
  const lines: string[] = [];
  const list = <T>(title: string, rows: T[], show: (row: T) => string) => {
    if (rows.length === 0) return;
    lines.push(`${title} (${rows.length}):`);
    for (const row of rows.slice(0, 10)) lines.push(`  ${show(row)}`);
    if (rows.length > 10) lines.push(`  … ${rows.length - 10} more in the report`);
  };
  for (const note of report.notes) lines.push(`note: ${note}`);
  list('failed', report.items.filter((i) => i.outcome === 'failed'), (i) => `${i.sourceUrl ?? i.sourceKey}: ${i.problem?.title ?? ''}${i.problem?.detail ? `: ${i.problem.detail}` : ''}`);
  list('duplicates (imported once)', report.items.filter((i) => i.outcome === 'duplicate'), (i) => i.sourceUrl ?? i.sourceKey);
  list('warnings', report.items.filter((i) => i.warnings.length > 0), (i) => `${i.sourceUrl ?? i.sourceKey}: ${i.warnings.join('; ')}`);
  list('images not stored', report.imagesNotStored, (i) => `${i.url}: ${i.reason}`);
  list('source problems', report.sourceProblems, (p) => `${p.where}: ${p.message}`);
  const t = report.timings;
  lines.push(`time: ${t.total.toFixed(1)} s (source ${t.source.toFixed(1)} s, conversion ${t.convert.toFixed(1)} s, images ${t.images.toFixed(1)} s, server ${t.server.toFixed(1)} s)`);
  lines.push(`report: ${reportPath}`);
  return lines.join('\n') + '\n';
}
