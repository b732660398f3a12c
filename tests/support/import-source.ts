// Reading an import source whole in tests (the sources' own tests run in Node: tests/e2e/import-*.test.ts).
import type { ImportSource, SourceEntry, SourceItem, SourceProblem } from '../../scripts/import/item.ts';

/** Every entry the source yields, in order. */
export async function readAll(source: ImportSource): Promise<SourceEntry[]> {
  const entries: SourceEntry[] = [];
  for await (const entry of source.entries()) entries.push(entry);
  return entries;
}

export const itemsOf = (entries: SourceEntry[]) => entries.filter((e): e is SourceItem => e.kind === 'article' || e.kind === 'page');
export const problemsOf = (entries: SourceEntry[]) => entries.filter((e): e is SourceProblem => e.kind === 'problem');
