// The import runner: reads a source's entries, skips what the server already has, converts bodies to Markdown, has their images
// stored (images.ts) and their links rewritten (body.ts), then sends items in batches of at most 25 (D1's per-request limits) through the bulk API.
// Every item commits with its import_sources row in one batch on the server, so a killed run resumed later imports each item once.
import { htmlToMarkdown, HtmlTooComplex, HtmlTooLarge } from '../../functions/content/html-to-markdown.ts';
import { MAX_BODY_BYTES } from '../../functions/http/body.ts';
import { bodyImages, bodyTree, oldHostsOf, oldSiteLinkEdits } from './body.ts';
import { MAX_BATCH_ITEMS, type ImportArticle, type ImportClient, type ImportPage, type ItemOut, type KnownEntry, type Problem } from './client.ts';
import { ImageStore, MAX_KEY_CHARS, type BodyInProgress } from './images.ts';
import type { ImportSource, SourceCategory, SourceItem } from './item.ts';
import type { Counts, Progress } from './progress.ts';
import type { ImportReport, ItemReport } from './report.ts';

export interface RunOptions {
  source: ImportSource;
  /** null: a dry run with no server reachable (nothing asked, duplicates on the server not checked). */
  client: ImportClient | null;
  dryRun: boolean;
  progress: Progress;
  /** Image reads and uploads at once; default 4. */
  imagesInFlight?: number;
  /** Item batches being prepared or sent at once; default 2. */
  batchesInFlight?: number;
  /** Items per bulk request; default and most 25. */
  batchSize?: number;
}

export type RunResult = Pick<ImportReport, 'notes' | 'counts' | 'visits' | 'items' | 'imagesNotStored' | 'sourceProblems'> & {
  timings: Omit<ImportReport['timings'], 'total'>;
  /** Why the run stopped before the end (the server went away, the token was refused); null when it read the whole source. */
  aborted: string | null;
};

/** An item on its way: its report row, its body converted and its images and old-site links found. */
interface Prepared extends BodyInProgress {
  report: ItemReport;
}

/**
 * The items split into requests the server takes: at most `maxItems` each and at most MAX_BODY_BYTES (1 MB) of JSON, since a
 * batch of 25 long Vietnamese bodies (2-3 bytes a letter in UTF-8) can pass it. An item too big alone is returned apart.
 */
export function requestGroups<T>(items: T[], maxItems: number, maxBytes = MAX_BODY_BYTES): { groups: number[][]; tooBig: { index: number; bytes: number }[] } {
  const utf8 = new TextEncoder();
  const envelope = utf8.encode('{"items":[]}').length;
  const groups: number[][] = [];
  const tooBig: { index: number; bytes: number }[] = [];
  let group: number[] = [];
  let bytes = envelope;
  items.forEach((item, index) => {
    const size = utf8.encode(JSON.stringify(item)).length;
    if (envelope + size > maxBytes) {
      tooBig.push({ index, bytes: size });
      return;
    }
    const added = size + (group.length ? 1 : 0);
    if (group.length >= maxItems || bytes + added > maxBytes) {
      groups.push(group);
      group = [];
      bytes = envelope;
    }
    bytes += size + (group.length ? 1 : 0);
    group.push(index);
  });
  if (group.length) groups.push(group);
  return { groups, tooBig };
}

export async function runImport(options: RunOptions): Promise<RunResult> {
  const { source, client, dryRun, progress } = options;
  const batchSize = Math.min(options.batchSize ?? MAX_BATCH_ITEMS, MAX_BATCH_ITEMS);
  const batchesInFlight = options.batchesInFlight ?? 2;
  const timings = { source: 0, convert: 0, images: 0, server: 0 };
  const result: RunResult = {
    notes: [],
    counts: { items: 0, created: 0, unchanged: 0, failed: 0, duplicate: 0, wouldCreate: 0, warnings: 0, imagesStored: 0, imagesReused: 0, imagesNotStored: 0, sourceProblems: 0 },
    timings,
    visits: null,
    items: [],
    imagesNotStored: [],
    sourceProblems: [],
    aborted: null,
  };
  if (dryRun && !client) result.notes.push('no server answered: the check for items already imported (duplicates on the server) was skipped');
  const counts: Counts = { done: 0, created: 0, unchanged: 0, failed: 0 };
  const categories = new Map<string, Promise<string | null>>();
  const seen = new Set<string>();
  let position = 0;
  let visitTotal: number | null = null;

  /** Each item's place in the source, so the report lists items in source order whatever order the batches finished in. */
  const order = new Map<string, number>();
  const placed: { at: number; report: ItemReport }[] = [];
  const settle = (report: ItemReport, at = order.get(`${report.kind}\n${report.sourceKey}`) ?? placed.length) => {
    placed.push({ at, report });
    counts.done++;
    if (report.outcome === 'created' || report.outcome === 'would-create') counts.created++;
    else if (report.outcome === 'unchanged') counts.unchanged++;
    else if (report.outcome === 'failed') counts.failed++;
  };
  const images = new ImageStore({
    source, client, dryRun, timings, inFlight: options.imagesInFlight ?? 4,
    notStored: (row) => result.imagesNotStored.push(row),
  });

  /** The slug to send for a source category (created on the server if new); one request per batch for the new ones. */
  const categorySlugs = async (wanted: SourceCategory[]): Promise<void> => {
    if (!client || dryRun) return;
    const keyOf = (c: SourceCategory) => c.slug ?? `name:${c.name}`;
    const fresh = [...new Map(wanted.filter((c) => !categories.has(keyOf(c))).map((c) => [keyOf(c), c])).values()];
    if (fresh.length === 0) {
      await Promise.all(wanted.map((c) => categories.get(keyOf(c))));
      return;
    }
    // Parents before their children, so the server finds the parent's slug.
    fresh.sort((a, b) => Number(a.parentSlug !== null) - Number(b.parentSlug !== null));
    const request = client.categories(fresh);
    fresh.forEach((c, i) => {
      const slug = request.then((out) => out[i]?.slug ?? null);
      // A refusal (a revoked token, another site's) is thrown by `await request` below; unobserved, each
      // of these would also reject unhandled and kill the process with a stack trace after the message.
      slug.catch(() => {});
      categories.set(keyOf(c), slug);
    });
    await request;
    await Promise.all(wanted.map((c) => categories.get(keyOf(c))));
  };
  const categorySlug = async (c: SourceCategory | null): Promise<string | null> =>
    c === null || !client || dryRun ? null : (await categories.get(c.slug ?? `name:${c.name}`)) ?? null;

  /** Converts one item's body; null (and the item failed) when it cannot be converted. */
  const convert = (item: SourceItem, report: ItemReport): string | null => {
    const started = performance.now();
    try {
      if (item.bodyHtml === null) return item.bodyMarkdown ?? '';
      const { markdown, skippedImages } = htmlToMarkdown(item.bodyHtml);
      if (skippedImages > 0) report.warnings.push(`${skippedImages} image(s) with a source that cannot be fetched (data:, file:, …) left out`);
      return markdown;
    } catch (error) {
      if (error instanceof HtmlTooLarge) report.problem = { status: 413, title: 'Body too large', detail: error.message };
      else if (error instanceof HtmlTooComplex) report.problem = { status: 422, title: 'Body too complex', detail: error.message };
      else throw error;
      report.outcome = 'failed';
      return null;
    } finally {
      timings.convert += (performance.now() - started) / 1000;
    }
  };

  const requestItem = async (p: Prepared, body: string, cover: ImportArticle['cover']): Promise<ImportArticle | ImportPage> => {
    const { item, report } = p;
    let status = item.status;
    // The policy's warnings, worded as the sources word them (a source may have said it already).
    const warn = (w: string) => {
      if (!report.warnings.includes(w)) report.warnings.push(w);
    };
    if ((status === 'published' || status === 'scheduled') && item.publishedAt === null) {
      status = 'draft';
      warn('no date');
    }
    if (body.trim() === '') {
      status = 'draft';
      warn('empty body');
    }
    const common = {
      sourceKey: item.sourceKey, oldPaths: item.oldPaths, title: item.title, slug: item.slug, body, summary: item.summary, status,
      publishedAt: item.publishedAt ? item.publishedAt.toISOString() : null,
    };
    if (item.kind === 'page') return common;
    return { ...common, categorySlug: await categorySlug(item.category), tags: item.tags, byline: item.byline, cover };
  };

  const processBatch = async (kind: 'article' | 'page', batch: SourceItem[]): Promise<void> => {
    const known = client ? await client.known(kind, batch.map((i) => i.sourceKey).filter((k) => k.length <= MAX_KEY_CHARS)) : new Map<string, KnownEntry>();
    const prepared: Prepared[] = [];
    for (const item of batch) {
      const report: ItemReport = { kind, sourceKey: item.sourceKey, sourceUrl: item.sourceUrl, title: item.title, outcome: 'failed', id: null, url: null, warnings: [...item.warnings], problem: null };
      const k = known.get(item.sourceKey);
      // Already imported: nothing to send, no image to read (a rerun does almost no work). Its redirects committed in the same
      // server batch as the item, so a killed run cannot have left them out.
      if (k) {
        settle({ ...report, outcome: 'unchanged', id: k.id, url: k.url ?? null });
        continue;
      }
      if (item.sourceKey.length > MAX_KEY_CHARS) {
        settle({ ...report, problem: { status: 422, title: 'Source key too long', detail: `the source's key of the item is ${item.sourceKey.length} characters, at most ${MAX_KEY_CHARS}` } });
        continue;
      }
      const markdown = convert(item, report);
      if (markdown === null) settle(report);
      else {
        const started = performance.now();
        const tree = bodyTree(markdown);
        const oldHosts = oldHostsOf(item);
        prepared.push({ item, report, markdown, found: bodyImages(tree, item), edits: oldSiteLinkEdits(markdown, tree, oldHosts), oldHosts });
        timings.convert += (performance.now() - started) / 1000;
      }
    }
    const urls = new Set<string>();
    for (const p of prepared) {
      if (p.item.cover) urls.add(p.item.cover.url);
      for (const b of p.found) if (b.meta) urls.add(b.meta.url);
    }
    const unasked = [...urls].filter((u) => !images.has(u) && u.length <= MAX_KEY_CHARS);
    const knownMedia = client && unasked.length ? await client.known('media', unasked) : new Map<string, KnownEntry>();
    if (kind === 'article' && !dryRun) await categorySlugs(prepared.flatMap((p) => (p.item.category ? [p.item.category] : [])));
    const requests = await Promise.all(prepared.map(async (p) => {
      const { body, cover } = await images.body(p, knownMedia);
      return requestItem(p, body, cover);
    }));
    const answers: (ItemOut | undefined)[] = prepared.map((p) => (client ? undefined : { sourceKey: p.item.sourceKey, outcome: 'would-create' as const }));
    const { groups, tooBig } = requestGroups(requests, batchSize);
    for (const { index, bytes } of tooBig) {
      answers[index] = { sourceKey: prepared[index]!.item.sourceKey, outcome: 'failed', problem: { status: 413, title: 'Item too large', detail: `the item is ${bytes} bytes as JSON; a request to the server is at most ${MAX_BODY_BYTES} bytes` } };
    }
    if (client) {
      for (const group of groups) {
        const out = await client.items(kind, group.map((i) => requests[i]!), dryRun);
        group.forEach((i, j) => (answers[i] = out[j]));
      }
    }
    prepared.forEach((p, i) => {
      const a = answers[i];
      const problem: Problem | null = a?.problem ?? (a ? null : { status: 0, title: 'No answer for this item' });
      settle({ ...p.report, outcome: a?.outcome ?? 'failed', id: a?.id ?? null, url: a?.url ?? null, problem });
    });
    progress.update(counts);
  };

  const inFlight = new Set<Promise<void>>();
  const launch = async (kind: 'article' | 'page', batch: SourceItem[]) => {
    while (inFlight.size >= batchesInFlight) await Promise.race(inFlight);
    if (result.aborted) return;
    const task: Promise<void> = processBatch(kind, batch)
      .catch((error: unknown) => {
        result.aborted ??= error instanceof Error ? error.message : String(error);
      })
      .finally(() => inFlight.delete(task));
    inFlight.add(task);
  };
  const buffers: Record<'article' | 'page', SourceItem[]> = { article: [], page: [] };

  progress.start(source.label, await source.count());
  // A source that declares its categories (the WordPress export's tree, parents first) has them created before any
  // item: an item names only its parent's slug, and a parent no item is filed under directly has no name otherwise.
  const declared = 'categories' in source && typeof source.categories === 'function' ? await (source.categories as () => Promise<SourceCategory[]>)() : [];
  for (let i = 0; i < declared.length && client && !dryRun; i += 100) await categorySlugs(declared.slice(i, i + 100));
  const entries = source.entries()[Symbol.asyncIterator]();
  try {
    for (;;) {
      if (result.aborted) break;
      const started = performance.now();
      const next = await entries.next();
      timings.source += (performance.now() - started) / 1000;
      if (next.done) break;
      const entry = next.value;
      if (entry.kind === 'problem') {
        result.sourceProblems.push({ where: entry.where, message: entry.message });
        continue;
      }
      if (entry.kind === 'facts') {
        if (entry.visitTotal !== undefined) visitTotal = Math.max(visitTotal ?? 0, entry.visitTotal);
        continue;
      }
      const identity = `${entry.kind}\n${entry.sourceKey}`;
      if (seen.has(identity)) {
        settle({ kind: entry.kind, sourceKey: entry.sourceKey, sourceUrl: entry.sourceUrl, title: entry.title, outcome: 'duplicate', id: null, url: null, warnings: ['duplicate: the same source key appeared earlier in the source; imported once'], problem: null }, position++);
        continue;
      }
      seen.add(identity);
      order.set(identity, position++);
      const buffer = buffers[entry.kind];
      buffer.push(entry);
      if (buffer.length >= batchSize) await launch(entry.kind, buffer.splice(0));
    }
    for (const kind of ['article', 'page'] as const) if (buffers[kind].length && !result.aborted) await launch(kind, buffers[kind].splice(0));
    await Promise.all(inFlight);
  } finally {
    await entries.return?.();
  }

  if (visitTotal !== null) {
    if (client && !dryRun && !result.aborted) {
      const v = await client.visits(visitTotal).catch((error: unknown) => {
        result.notes.push(`the visit total was not sent: ${(error as Error).message}`);
        return null;
      });
      result.visits = { sourceTotal: visitTotal, siteTotal: v?.total ?? null, raised: v?.raised ?? false };
    } else {
      result.visits = { sourceTotal: visitTotal, siteTotal: null, raised: false };
    }
  }
  progress.finish(counts, { readAll: !result.aborted });
  result.items = placed.sort((x, y) => x.at - y.at).map((p) => p.report);
  timings.server = client?.serverSeconds ?? 0;
  const c = result.counts;
  c.items = result.items.length;
  for (const i of result.items) {
    if (i.outcome === 'created') c.created++;
    else if (i.outcome === 'unchanged') c.unchanged++;
    else if (i.outcome === 'failed') c.failed++;
    else if (i.outcome === 'duplicate') c.duplicate++;
    else c.wouldCreate++;
    if (i.warnings.length) c.warnings++;
  }
  await images.tally(c);
  c.imagesNotStored = result.imagesNotStored.length;
  c.sourceProblems = result.sourceProblems.length;
  return result;
}
