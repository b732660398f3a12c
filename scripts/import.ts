// `npm run import -- wxr FILE | pages DIR_OR_WARC | archive FILE [--dry-run] [--site HOST] [--remote URL --token T] [--report FILE]`:
// reads a source and writes it through the running CMS's bulk import API (never into the SQLite files under it); resumable.
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { ImportSource } from './import/item.ts';
import { CommandError, runCli } from './cli.ts';
import { parseImportArgs, USAGE, type ImportCommand } from './import/args.ts';
import { mintRunToken } from './run-token.ts';
import { ApiRefused, ImportClient, serverAnswers } from './import/client.ts';
import { Progress } from './import/progress.ts';
import { defaultReportPath, humanSummary, summaryLine, writeReport, type ImportReport } from './import/report.ts';
import { runImport } from './import/run.ts';

/** The sources, loaded only when asked for (the WXR reader's XML parser is not needed to import an archive). */
async function openSource(command: ImportCommand): Promise<ImportSource> {
  const path = resolve(command.path);
  try {
    await stat(path);
  } catch {
    throw new CommandError(`${command.path}: no such file or folder.`);
  }
  try {
    return await openKind(command, path);
  } catch (error) {
    if (error instanceof CommandError) throw error;
    throw new CommandError(`${command.path}: ${(error as Error).message}`);
  }
}

async function openKind(command: ImportCommand, path: string): Promise<ImportSource> {
  switch (command.source) {
    case 'wxr': {
      const { wxrSource } = await import('./import/sources/wxr.ts');
      return wxrSource(path, command.mediaDir ? { mediaDir: resolve(command.mediaDir) } : {});
    }
    case 'pages': {
      const { pagesSource } = await import('./import/sources/pages.ts');
      return pagesSource(path, command.profile ? { profile: command.profile } : {});
    }
    case 'archive': {
      const { archiveSource } = await import('./import/sources/archive.ts');
      return archiveSource(path, { site: command.site });
    }
  }
}

interface Target {
  base: string;
  /** null: a dry run with no server answering. */
  client: ImportClient | null;
  /** The token was made for this run (no --token): it is revoked at the end. */
  minted: boolean;
}

/** The client for the target, or null for a dry run with no server answering. */
async function connect(command: ImportCommand, notes: string[]): Promise<Target> {
  const base = command.remote ?? `http://127.0.0.1:${process.env['PORT'] || 8787}`;
  if (!(await serverAnswers(base))) {
    if (command.dryRun) {
      notes.push(`no CMS answered at ${base}`);
      return { base, client: null, minted: false };
    }
    throw new CommandError(command.remote ? `no CMS answers at ${base} (GET /api/v1/openapi.json failed).` : `no CMS answers at ${base}: start the CMS first: npm start`);
  }
  const token = command.token ?? (await mintRunToken(command.persistTo, `import ${new Date().toISOString()} pid ${process.pid}`));
  return { base, client: new ImportClient({ base, token, site: command.site }), minted: command.token === null };
}

async function run(command: ImportCommand): Promise<number> {
  const notes: string[] = [];
  const target = await connect(command, notes);
  try {
    return await importInto(command, target, notes);
  } finally {
    // The token made for this run ends with it, whatever happened (a failed revoke is said, not fatal).
    if (target.minted && target.client) {
      await target.client.revokeToken().catch((error: Error) =>
        process.stderr.write(`import: the token made for this run could not be revoked (${error.message}); revoke it in the admin (Mã truy cập).\n`));
    }
  }
}

async function importInto(command: ImportCommand, target: Target, notes: string[]): Promise<number> {
  const startedAt = new Date();
  const source = await openSource(command);
  const progress = new Progress(process.stderr, { dryRun: command.dryRun });
  let result;
  try {
    result = await runImport({ source, client: target.client, dryRun: command.dryRun, progress });
  } finally {
    await source.close?.();
  }
  const finishedAt = new Date();
  const report: ImportReport = {
    source: { type: command.source, path: resolve(command.path), label: source.label },
    target: { url: target.base, site: command.site, dryRun: command.dryRun },
    startedAt: startedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
    notes: [...notes, ...result.notes, ...(result.aborted ? [`stopped before the end: ${result.aborted} (run the same command again to go on)`] : [])],
    counts: result.counts,
    timings: { total: (finishedAt.getTime() - startedAt.getTime()) / 1000, ...result.timings },
    visits: result.visits,
    items: result.items,
    imagesNotStored: result.imagesNotStored,
    sourceProblems: result.sourceProblems,
  };
  const reportPath = command.report ?? defaultReportPath(startedAt);
  await writeReport(reportPath, report);
  process.stderr.write(humanSummary(report, reportPath));
  process.stdout.write(`${command.dryRun ? 'dry run: ' : ''}${summaryLine(report)}\n`);
  return result.aborted ? 1 : 0;
}

if (import.meta.main) {
  process.exitCode = await runCli({
    name: 'import',
    usage: USAGE,
    parse: parseImportArgs,
    run,
    // A refusal (a revoked token, another site) says all there is; a bug shows where it is.
    unexpected: (error) => (error instanceof ApiRefused ? error.message : error instanceof Error ? error.stack ?? error.message : String(error)),
  });
}
