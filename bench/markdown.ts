// Markdown rendering cost: the pathological corpus (tests/unit/markdown-corpus.ts) against an ordinary
// article of the same size, rendered in this process by the real renderer (functions/content/markdown.ts).
// For each shape: the 100 KB body as sent (refused ones cost only the pre-scan), and the most of it the
// bounds let through. Part of `npm run bench`; alone: `node bench/markdown.ts`.
import { measureMarkdown } from '../functions/content/markdown-limits.ts';
import { markdownToPlainText, renderMarkdown } from '../functions/content/markdown.ts';
import { PATHOLOGICAL, SIZE, atTheBound, ordinaryArticle } from '../tests/unit/markdown-corpus.ts';

export interface MarkdownRow {
  shape: string;
  variant: 'as sent' | 'at the bound';
  chars: number;
  refused: string | null;
  /** Pre-scan, then (if accepted) HTML and plain text, as a save does. */
  ms: number;
  ratioToOrdinary: number;
}

export interface MarkdownBench {
  ordinaryChars: number;
  ordinaryMs: number;
  worst: MarkdownRow;
  rows: MarkdownRow[];
}

const accepts = (markdown: string) => measureMarkdown(markdown.normalize('NFC')).excess === null;

/** What saving `markdown` costs: the check, and the HTML and search text if it passes. The best of `runs`. */
async function saveCost(markdown: string, runs = 3): Promise<{ ms: number; refused: string | null }> {
  let best = Infinity;
  let refused: string | null = null;
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const { excess } = measureMarkdown(markdown.normalize('NFC'));
    refused = excess?.limit ?? null;
    if (!excess) {
      await renderMarkdown(markdown);
      markdownToPlainText(markdown);
    }
    best = Math.min(best, performance.now() - started);
  }
  return { ms: best, refused };
}

export async function markdownBench(log: (line: string) => void = () => {}): Promise<MarkdownBench> {
  const ordinary = ordinaryArticle(SIZE);
  await saveCost(ordinary, 1); // warm the JIT
  const ordinaryMs = (await saveCost(ordinary)).ms;
  log(`markdown: ordinary article of ${ordinary.length} characters: ${ordinaryMs.toFixed(0)} ms`);
  const rows: MarkdownRow[] = [];
  for (const { name, body } of PATHOLOGICAL) {
    for (const [variant, text] of [['as sent', body], ['at the bound', accepts(body) ? null : atTheBound(body, accepts)]] as const) {
      if (text === null) continue;
      const { ms, refused } = await saveCost(text);
      rows.push({ shape: name, variant, chars: text.length, refused, ms: Number(ms.toFixed(1)), ratioToOrdinary: Number((ms / ordinaryMs).toFixed(2)) });
    }
  }
  const worst = rows.reduce((a, b) => (b.ms > a.ms ? b : a));
  log(`markdown: worst of the corpus: ${worst.shape} (${worst.variant}, ${worst.chars} characters) ${worst.ms} ms, ${worst.ratioToOrdinary}x the ordinary article`);
  return { ordinaryChars: ordinary.length, ordinaryMs: Number(ordinaryMs.toFixed(1)), worst, rows };
}

export function markdownCostTable(result: MarkdownBench): string {
  const lines = [
    `| shape | variant | characters | refused by | ms (check + HTML + text) | x ordinary ${result.ordinaryChars}-character article (${result.ordinaryMs} ms) |`,
    '|---|---|---:|---|---:|---:|',
    ...result.rows.map((r) => `| ${r.shape.replaceAll('|', '\\|')} | ${r.variant} | ${r.chars} | ${r.refused ?? ''} | ${r.ms} | ${r.ratioToOrdinary} |`),
  ];
  return lines.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await markdownBench((line) => process.stderr.write(`bench: ${line}\n`));
  process.stdout.write(markdownCostTable(result) + '\n');
}
