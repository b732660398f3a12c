// The bounds on rendering cost: every pathological shape (100 KB each) is refused by the linear
// pre-scan with the limit that applies, or accepted with its work measures under the bounds; ordinary
// articles up to the body size limit pass. Work is asserted, never time.
import { describe, expect, it } from 'vitest';
import { MARKDOWN_LIMITS, MarkdownTooComplex, measureMarkdown } from '../../functions/content/markdown-limits.ts';
import { markdownToPlainText, renderMarkdown } from '../../functions/content/markdown.ts';
import { PATHOLOGICAL, SIZE, atTheBound, ordinaryArticle } from './markdown-corpus.ts';

/** The limit each shape must hit at 100 KB; shapes not listed are accepted. */
const EXPECTED: Record<string, string> = {
  'nested strong emph': 'inline-work',
  'many emph closers with no openers': 'inline-work',
  'many emph openers with no closers': 'inline-work',
  'many link closers with no openers': 'inline-work',
  'many link openers with no closers': 'inline-work',
  'mismatched openers and closers': 'inline-work',
  'openers and closers multiple of 3': 'inline-work',
  'link openers and emph closers': 'inline-work',
  'pattern [ (]( repeated': 'inline-work',
  'pattern ![[]() repeated': 'inline-work',
  'hard link/emph case': 'inline-work',
  'nested brackets': 'inline-work',
  'nested block quotes': 'depth',
  'deeply nested lists': 'depth',
  'backticks': 'inline-work',
  'unclosed links A': 'inline-work',
  'unclosed links B': 'inline-work',
  'unclosed <!--': 'inline-work',
  'many references': 'inline-work',
  'emphasis run *a*a*a': 'inline-work',
  'emphasis run _a _a': 'inline-work',
  'mixed **_~~ openers': 'inline-work',
  'mixed **_~~ closers': 'inline-work',
  'strikethrough closers with no openers': 'inline-work',
  'emphasis across many lines': 'inline-work',
  'nested block quotes without spaces': 'depth',
  'nested lists on one line': 'depth',
  'nested ordered lists': 'depth',
  'quotes and lists interleaved': 'depth',
  'nested images': 'inline-work',
  'nested links': 'inline-work',
  'CDATA openers': 'inline-work',
  'processing instruction openers': 'inline-work',
  'autolink literal flood': 'inline-work',
  'email literal flood': 'inline-work',
  'footnote references': 'inline-work',
  'table with many columns and rows': 'table-cells',
  'one long reference used many times': 'inline-work',
  'reference collisions': 'reference-lookups',
  'setext headings': 'setext-work',
  'setext headings in a block quote': 'setext-work',
  'setext headings, blank line between': 'setext-work',
  'tables (cmark-gfm)': 'elements',
  'one-line headings': 'elements',
  'hard line breaks': 'elements',
  'small tables': 'elements',
};

const accepts = (markdown: string) => measureMarkdown(markdown.normalize('NFC')).excess === null;

function withinBounds(markdown: string) {
  const { cost } = measureMarkdown(markdown.normalize('NFC'));
  expect(cost.maxDepth).toBeLessThanOrEqual(MARKDOWN_LIMITS.depth);
  expect(cost.elements).toBeLessThanOrEqual(MARKDOWN_LIMITS.elements);
  expect(cost.containerWork).toBeLessThanOrEqual(MARKDOWN_LIMITS.containerWork);
  expect(cost.setextWork).toBeLessThanOrEqual(MARKDOWN_LIMITS.setextWork);
  expect(cost.inlineWork).toBeLessThanOrEqual(MARKDOWN_LIMITS.inlineWork);
  expect(cost.maxTableCells).toBeLessThanOrEqual(MARKDOWN_LIMITS.tableCells);
  expect(cost.referenceExpansion).toBeLessThanOrEqual(MARKDOWN_LIMITS.referenceExpansion);
  expect(cost.referenceLookups).toBeLessThanOrEqual(MARKDOWN_LIMITS.referenceLookups);
  expect(cost.footnoteReferences).toBeLessThanOrEqual(MARKDOWN_LIMITS.footnoteReferences);
}

describe('the pathological corpus', () => {
  it('has at least 20 shapes of about 100 KB, the CommonMark reference tests among them', () => {
    expect(PATHOLOGICAL.length).toBeGreaterThanOrEqual(20);
    for (const shape of PATHOLOGICAL) expect(shape.body.length, shape.name).toBeGreaterThan(SIZE * 0.4);
    for (const name of ['nested strong emph', 'many emph closers with no openers', 'nested block quotes', 'deeply nested lists', 'U+0000 in input', 'backticks', 'unclosed links A', 'tables (cmark-gfm)']) {
      expect(PATHOLOGICAL.map((s) => s.name)).toContain(name);
    }
  });

  for (const shape of PATHOLOGICAL) {
    const limit = EXPECTED[shape.name];
    it(`${shape.name}: ${limit ? `refused (${limit})` : 'accepted within the bounds'}`, async () => {
      const { excess } = measureMarkdown(shape.body.normalize('NFC'));
      if (limit) {
        expect(excess?.limit).toBe(limit);
        expect(excess!.found).toBeGreaterThan(excess!.max);
        await expect(renderMarkdown(shape.body)).rejects.toBeInstanceOf(MarkdownTooComplex);
        expect(() => markdownToPlainText(shape.body)).toThrow(MarkdownTooComplex);
      } else {
        expect(excess).toBeNull();
        withinBounds(shape.body);
        const html = await renderMarkdown(shape.body);
        // Output linear in the input: no construct of an accepted body multiplies it.
        expect(html.length).toBeLessThan(shape.body.length * 20);
      }
    }, 60_000);
  }

  // What the bounds let through of the worst shapes renders, and its measures stay under the bounds.
  for (const name of ['many emph closers with no openers', 'nested block quotes', 'deeply nested lists', 'table with many columns and rows', 'one long reference used many times', 'reference collisions', 'setext headings', 'one-line headings', 'hard line breaks', 'small tables']) {
    it(`${name}, cut to the bound: renders, within the bounds, nesting capped`, async () => {
      const body = atTheBound(PATHOLOGICAL.find((s) => s.name === name)!.body, accepts);
      expect(body.length).toBeGreaterThan(0);
      withinBounds(body);
      const html = await renderMarkdown(body);
      expect(html.length).toBeLessThan(body.length * 20);
      expect((html.match(/<blockquote>/g) ?? []).length / Math.max(1, body.split('\n\n').length)).toBeLessThanOrEqual(MARKDOWN_LIMITS.depth);
    }, 60_000);
  }
});

describe('ordinary articles', () => {
  it('a 500 KB article with headings, lists, tables, links and emphasis renders (the size limit is unchanged)', async () => {
    const body = ordinaryArticle(495_000);
    expect(body.length).toBeLessThanOrEqual(500_000);
    expect(measureMarkdown(body).excess).toBeNull();
    const html = await renderMarkdown(body);
    expect(html).toContain('<table>');
    expect(html).toContain('<blockquote>');
    expect(html).toContain('<strong>quan trọng</strong>');
    expect(markdownToPlainText(body)).toContain('Hóa Thượng');
  }, 120_000);
});

describe('setext headings', () => {
  it('the work is the underlines times the block events before each (lines, containers, table cells)', () => {
    // Underline i has 2i + 1 lines before it: the sum is 100².
    expect(measureMarkdown('a\n=\n'.repeat(100)).cost.setextWork).toBe(100 * 100);
    expect(measureMarkdown('a\n=\n'.repeat(2000)).excess?.limit).toBe('setext-work');
    // A paragraph line and its underline are two lines; a table's `|` add to what follows.
    expect(measureMarkdown('|a|b|\n|-|-|\n\nx\n---\n').cost.setextWork).toBe((1 + 3) + (1 + 3) + 1 + 1);
    // A line of - or = after a blank line is no underline (a thematic break or text).
    expect(measureMarkdown('a\n\n---\n\n===\n').cost.setextWork).toBe(0);
  });

  it('an ordinary 500 KB article with an underlined heading every other section passes', () => {
    let k = 0;
    const body = ordinaryArticle(495_000).replace(/^## (.*)$/gm, (line, title: string) => (k++ % 2 ? line : `${title}\n---`));
    expect(k).toBeGreaterThan(300);
    const { cost, excess } = measureMarkdown(body);
    expect(excess).toBeNull();
    expect(cost.setextWork).toBeGreaterThan(MARKDOWN_LIMITS.setextWork / 2);
  });

  it('the message names the underlines and the fix', () => {
    const { excess } = measureMarkdown('a\n=\n'.repeat(5000));
    expect(excess?.message).toMatch(/5000 heading underlines .* in 10001 lines .*Write headings with #/);
  });
});

describe('lines and blocks', () => {
  const stanza = 'Chiều chiều ra đứng ngõ sau\nTrông về quê mẹ ruột đau chín chiều\nThân em như tấm lụa đào\nPhất phơ giữa chợ biết vào tay ai\n\n';
  const poem = (unit: string, size: number) => unit.repeat(Math.floor(size / unit.length));

  it('counts every line, the block each starts, its containers, table cells and hard breaks', () => {
    const elements = (markdown: string) => measureMarkdown(markdown).cost.elements;
    // A paragraph: its lines, one block; a heading right under it starts a block of its own.
    expect(elements('a\nb\n# c')).toBe(3 + 2);
    // A blank line is a line; after it anything starts a block.
    expect(elements('a\n\nb')).toBe(3 + 2);
    // A list item and a quote marker are containers opened on their line.
    expect(elements('- a\n> b')).toBe(2 + 1 + 2);
    // A table: 3 lines, one block, 9 dividers.
    expect(elements('|a|b|\n|-|-|\n|c|d|')).toBe(3 + 1 + 9);
    // Hard breaks: two spaces or a backslash at the end of a line; a fence and a break start blocks.
    expect(elements('a  \nb\\\nc')).toBe(3 + 1 + 2);
    expect(elements('a\n```\nx\n```\n***')).toBe(5 + 1 + 3);
    // 12,999 headings: 2 each, and the empty line after the last newline.
    expect(measureMarkdown('# a\n'.repeat(12_999)).cost.elements).toBe(25_999);
    expect(measureMarkdown('# a\n'.repeat(12_999)).excess).toBeNull();
    expect(measureMarkdown('# a\n'.repeat(13_000)).excess?.limit).toBe('elements');
  });

  it('an ordinary 500 KB article and a 500 KB poem pass, as does a 300 KB poem with a hard break on every line', () => {
    const article = measureMarkdown(ordinaryArticle(495_000));
    expect(article.excess).toBeNull();
    expect(article.cost.elements).toBeGreaterThan(MARKDOWN_LIMITS.elements * 0.8);
    const lines = measureMarkdown(poem(stanza, 495_000));
    expect(lines.excess).toBeNull();
    expect(lines.cost.elements).toBeGreaterThan(MARKDOWN_LIMITS.elements * 0.9);
    expect(measureMarkdown(poem(stanza.replace(/([^\n])\n/g, '$1  \n'), 300_000)).excess).toBeNull();
    // The same poem of 500 KB, a break on every line, is over: about 38,000.
    expect(measureMarkdown(poem(stanza.replace(/([^\n])\n/g, '$1  \n'), 495_000)).excess?.limit).toBe('elements');
  });

  it('a body over a more specific bound is told that one', () => {
    expect(measureMarkdown('a\n=\n'.repeat(20_000)).excess?.limit).toBe('setext-work');
  });

  it('the message names the count, the bound and the fix', () => {
    const { excess } = measureMarkdown('a  \n'.repeat(20_000));
    expect(excess?.message).toMatch(/40002 lines, blocks, table cells and hard line breaks \(at most 26000\).*Join short lines/);
  });
});

describe('messages', () => {
  it('name the limit, the line and the fix', () => {
    const deep = measureMarkdown('Mở đầu\n\n' + '>'.repeat(5000) + ' a').excess!;
    expect(deep.limit).toBe('depth');
    expect(deep.line).toBe(3);
    expect(deep.message).toMatch(/Line 3 nests 5000 .*at most 20/);
    const inline = measureMarkdown('a_ '.repeat(20_000)).excess!;
    expect(inline.limit).toBe('inline-work');
    expect(inline.message).toMatch(/line 1 has 20000 .*blank lines/);
  });

  it('5,000 ">" then text is refused before parsing, not a stack overflow', async () => {
    await expect(renderMarkdown('>'.repeat(5000) + ' văn bản')).rejects.toThrow(/nests 5000/);
  });
});
