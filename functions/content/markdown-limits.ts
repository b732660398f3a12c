// Bounds on what one Markdown body may cost to render, checked by one linear pass before any parsing.
//
// Why a pre-scan and not another renderer: micromark (remark-parse, remark-gfm) is the CommonMark
// parser the rest of the pipeline (mdast, hast, rehype-sanitize, search text) is built on, and its
// quadratic paths are few and known: an emphasis / strikethrough closer and a `]` walk back over every
// earlier event of their paragraph when nothing matches, `<!--` and backtick runs scan forward to
// the end of the paragraph, nested containers are re-checked on every line, and a few constructs
// expand a short input into a huge output (a table pads every row to the header's width, a
// reference repeats its definition, a footnote reference adds a back link). So the pass bounds:
//  - `depth`: containers (`>`, list items, indentation) opened on one line;
//  - `inline-work`: per paragraph (lines between blank lines: never smaller than what micromark
//    resolves together), markup characters x length, summed over the body: the steps those walks
//    and scans can take at most;
//  - `container-work`: block quotes and lists closed, times the containers all lines pass through;
//  - `setext-work`: heading underlines (`===` / `---` under a line), times the block events before
//    each: micromark turns a paragraph into a setext heading by rebuilding the whole list of block
//    events so far (EditMap.consume copies it), so 5,000 headings written `a\n=` took 5 s per 20 KB;
//  - `elements`: lines, block starts (paragraphs, headings, list items, `>`, fences, breaks),
//    table cells `|` and hard line breaks: linear, but micromark spends 30-90 µs on each (its events,
//    the mdast and hast nodes, sanitizing), 10-20 times what a character of prose costs, so 100,000
//    one-line headings (400 KB) took 6 s where an ordinary 400 KB article takes 1.5 s;
//  - `table-cells`, `reference-expansion`, `footnote-references`: the output the expanding
//    constructs can produce; `reference-lookups`: definitions x labels (micromark finds a label
//    among the defined ones by a linear search).
// Ordinary prose stays far below every bound: a 500 KB article of headings, lists, tables, links and
// emphasis passes (tests/unit/markdown-limits.test.ts), so the body size limit stays what it was.

export const MARKDOWN_LIMITS = {
  /** Containers opened on one line: block quotes, list items, and nesting by indentation. */
  depth: 20,
  /** Sum over paragraphs of (markup characters x characters). */
  inlineWork: 20_000_000,
  /** Cells of one table, counted as the header's columns x rows (every row is padded to the header). */
  tableCells: 50_000,
  /** Characters that reference links can copy in (uses x the longest definition). */
  referenceExpansion: 2_000_000,
  /**
   * Containers closed x containers passed by all lines: micromark rebuilds its whole list of
   * document events each time block quotes or lists close before new content, so many separate
   * quotes or lists cost their number times the document's length. An ordinary 500 KB article (a list and a quote
   * every 20 lines) measures about 17 million; a bound on it, not a cure (see README).
   */
  containerWork: 25_000_000,
  /**
   * Sum over setext heading underlines of the block events before them, counted as lines (plus
   * their containers) and table cell dividers `|`: each underline copies that list (micromark starts
   * a new list at some container boundaries; not counting those keeps this an upper bound). At the
   * bound, `a\n=\n` x 1,700 (7 KB) costs what the corpus's worst accepted shapes do; an ordinary
   * 500 KB article with an underlined heading every other section (190) measures 2.3 million.
   */
  setextWork: 3_000_000,
  /**
   * Lines (blank ones too) + block starts (a paragraph, an ATX heading, a fence or thematic break,
   * each `>` and list item) + table cell dividers `|` + hard line breaks (a line ending in two spaces
   * or `\`). Each costs micromark 25-35 µs, so at the bound 13,000 `# a` lines (52 KB), 13,000 `a  `
   * lines, 1,860 small tables or 26,000 `a` lines render in 0.6-0.9 s, what the corpus's worst accepted
   * shapes take. An ordinary 500 KB article measures 21,600; a poem of 4-line stanzas 14,600 per
   * 300 KB (24,100 at 495 KB), 22,900 per 300 KB with a hard break on every line (pasted poetry: it
   * passes up to about 340 KB).
   */
  elements: 26_000,
  /** Definitions x `]`: micromark looks each label up in a list of the defined labels, one by one. */
  referenceLookups: 20_000_000,
  /** Footnote references (`[^…]`): each adds a link and a back link. */
  footnoteReferences: 2_000,
} as const;

export type MarkdownLimit = 'depth' | 'elements' | 'container-work' | 'setext-work' | 'inline-work' | 'table-cells' | 'reference-expansion' | 'reference-lookups' | 'footnote-references';

export interface MarkdownExcess {
  limit: MarkdownLimit;
  /** 1-based line where the excess was found (the paragraph's or table's first line). */
  line: number;
  /** What was counted, and the bound it went over. */
  found: number;
  max: number;
  /** In English, for the API: which limit, where, and how to fix it. */
  message: string;
}

/** What the pass counted: the measures the tests assert on, whatever the verdict. */
export interface MarkdownCost {
  maxDepth: number;
  /** Lines + block starts + table `|` + hard line breaks. */
  elements: number;
  /** Block quotes and lists closed, times the containers all lines pass through. */
  containerWork: number;
  /** Heading underlines, each times the block events (lines, containers, `|`) before it. */
  setextWork: number;
  inlineWork: number;
  /** Markup characters of the paragraph that has the most. */
  maxParagraphMarks: number;
  maxTableCells: number;
  referenceExpansion: number;
  /** Lines holding a definition (`]:`) x `]` characters. */
  referenceLookups: number;
  footnoteReferences: number;
}

export class MarkdownTooComplex extends Error {
  readonly excess: MarkdownExcess;
  constructor(excess: MarkdownExcess) {
    super(excess.message);
    this.name = 'MarkdownTooComplex';
    this.excess = excess;
  }
}

const SPACE = 32;
const TAB = 9;

/** Characters that open or close inline constructs whose resolution walks the paragraph. */
function isMark(c: number): boolean {
  // * _ ~ ` [ ] < 
  return c === 42 || c === 95 || c === 126 || c === 96 || c === 91 || c === 93 || c === 60;
}

/**
 * Containers opened at the start of `line` (`>` and list markers, plus one per 4 columns of
 * indentation), the same counting one per 2 columns (the narrowest list nesting: an upper bound),
 * and where its content starts.
 */
function containersOf(line: string): { depth: number; nesting: number; content: number } {
  let i = 0;
  let depth = 0;
  let columns = 0;
  for (;;) {
    while (i < line.length && (line.charCodeAt(i) === SPACE || line.charCodeAt(i) === TAB)) {
      columns += line.charCodeAt(i) === TAB ? 4 : 1;
      i++;
    }
    const c = line.charCodeAt(i);
    if (c === 62 /* > */) {
      depth++;
      i++;
      // The one space after a marker belongs to the marker, not to indentation.
      if (line.charCodeAt(i) === SPACE) i++;
      continue;
    }
    let j = i;
    if (c === 45 || c === 42 || c === 43 /* - * + */) j = i + 1;
    else {
      while (j < line.length && j - i < 9 && line.charCodeAt(j) >= 48 && line.charCodeAt(j) <= 57) j++;
      if (j > i && (line.charCodeAt(j) === 46 || line.charCodeAt(j) === 41 /* . ) */)) j++;
      else j = i;
    }
    const after = line.charCodeAt(j);
    if (j > i && (j === line.length || after === SPACE || after === TAB)) {
      depth++;
      i = after === SPACE ? j + 1 : j;
      continue;
    }
    break;
  }
  return { depth: depth + Math.floor(columns / 4), nesting: depth + Math.floor(columns / 2), content: i };
}

/** A line of only `=` or only `-` (after any `>`): a setext heading underline when text precedes it. */
const SETEXT_UNDERLINE = /^[ \t>]*(?:=+|-+)[ \t]*$/;

/** What starts a block even right under a paragraph line: an ATX heading, a code fence, a thematic break. */
const BLOCK_START = /^(?:#{1,6}(?:[ \t]|$)|`{3}|~{3}|(?:[-*_][ \t]*){3,}$)/;

/** A hard line break: two spaces or a backslash before the line ending. */
const HARD_BREAK = /(?: {2}|\\)$/;

const DELIMITER_ROW = /^[ \t]*\|?[ \t]*:?-+:?[ \t]*(\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$/;

function count(line: string, code: number): number {
  let n = 0;
  for (let i = line.indexOf(String.fromCharCode(code)); i >= 0; i = line.indexOf(String.fromCharCode(code), i + 1)) n++;
  return n;
}

/** One linear pass over the body: what rendering it can cost at most. */
export function measureMarkdown(markdown: string): { cost: MarkdownCost; excess: MarkdownExcess | null } {
  const L = MARKDOWN_LIMITS;
  const lines = markdown.split(/\r\n|\r|\n/);
  const cost: MarkdownCost = { maxDepth: 0, elements: 0, containerWork: 0, setextWork: 0, inlineWork: 0, maxParagraphMarks: 0, maxTableCells: 0, referenceExpansion: 0, referenceLookups: 0, footnoteReferences: 0 };
  let excess: MarkdownExcess | null = null;
  const exceed = (limit: MarkdownLimit, line: number, found: number, max: number, message: string) => {
    excess ??= { limit, line, found, max, message };
  };

  // The paragraph being counted (lines since the last blank line).
  let start = 0;
  let marks = 0;
  let length = 0;
  let runOf = -1; // the mark character whose run continues at the next character (* _ ~ ` count once per run)
  // Tables: the header's columns, once a delimiter row followed a line.
  let columns = 0;
  let rows = 0;
  let tableStart = 0;
  // References: the longest paragraph holding a definition, and the `]` that may use one.
  // A definition (`[label]: url "title"`) may start on the line before its `]:` and its title run
  // on until the next definition, so the longest one is at most two adjacent segments of its
  // paragraph cut before each line holding `]:`.
  let longestDefinition = 0;
  let definitions = false;
  let previousSegment = 0;
  let segment = 0;
  let closers = 0;
  let definitionLines = 0;
  // Containers closed (the drop in nesting from one line to the next; blank lines have none), and
  // the containers each line passes through (what every rebuild of the document's events walks).
  let previousNesting = 0;
  let closes = 0;
  let passes = 0;
  // Setext underlines: how many, and the block events before the whole list is copied by each.
  let underlines = 0;
  let blockEvents = 0;
  let previousBlank = true;

  // The paragraph with the most inline work: the one the message names.
  let heaviest = { line: 1, marks: 0, length: 0, work: -1 };

  const endParagraph = (lineNo: number) => {
    const work = marks * length;
    cost.inlineWork += work;
    cost.maxParagraphMarks = Math.max(cost.maxParagraphMarks, marks);
    if (work > heaviest.work) heaviest = { line: start + 1, marks, length, work };
    if (columns > 0) {
      const cells = columns * rows;
      cost.maxTableCells = Math.max(cost.maxTableCells, cells);
      if (cells > L.tableCells) {
        exceed('table-cells', tableStart + 1, cells, L.tableCells,
          `The table at line ${tableStart + 1} has ${columns} columns x ${rows} rows = ${cells} cells (at most ${L.tableCells}). Split it into smaller tables.`);
      }
    }
    if (definitions) longestDefinition = Math.max(longestDefinition, previousSegment + segment);
    start = lineNo + 1;
    marks = 0;
    length = 0;
    columns = 0;
    rows = 0;
    definitions = false;
    previousSegment = 0;
    segment = 0;
  };

  for (let n = 0; n < lines.length; n++) {
    const line = lines[n]!;
    // Blank for CommonMark: spaces and tabs only (a no-break space does not end a paragraph).
    if (/^[ \t]*$/.test(line)) {
      closes += previousNesting;
      previousNesting = 0;
      passes++;
      blockEvents++;
      cost.elements++;
      previousBlank = true;
      endParagraph(n);
      runOf = -1;
      continue;
    }
    // An underline can only follow a non-blank line; counting every such `=`/`-` line (even a
    // thematic break or list marker micromark reads otherwise) keeps the measure an upper bound.
    if (!previousBlank && SETEXT_UNDERLINE.test(line)) {
      underlines++;
      cost.setextWork += blockEvents;
    }
    const startsBlock = previousBlank;
    previousBlank = false;
    const { depth, nesting, content } = containersOf(line);
    if (nesting < previousNesting) closes += previousNesting - nesting;
    previousNesting = nesting;
    passes += nesting + 1;
    const cells = count(line, 124 /* | */);
    // Every line, the containers it opens, a block it starts (after a blank line, anything does),
    // its table cells and a hard break: what micromark makes events and nodes of.
    cost.elements += 1 + depth + (startsBlock || BLOCK_START.test(line.slice(content)) ? 1 : 0) + cells + (HARD_BREAK.test(line) ? 1 : 0);
    blockEvents += nesting + 1 + cells;
    cost.maxDepth = Math.max(cost.maxDepth, depth);
    if (depth > L.depth) {
      exceed('depth', n + 1, depth, L.depth,
        `Line ${n + 1} nests ${depth} block quotes, lists or indentation levels (at most ${L.depth}). Remove some ">" or list markers, or indent less.`);
    }
    if (columns > 0) rows++;
    else if (n > start && DELIMITER_ROW.test(line.slice(content))) {
      columns = count(line, 124 /* | */) + 1;
      rows = 1;
      tableStart = n - 1;
    }
    if (line.includes(']:')) {
      definitionLines++;
      if (definitions) longestDefinition = Math.max(longestDefinition, previousSegment + segment);
      definitions = true;
      previousSegment = segment;
      segment = 0;
    }
    segment += line.length + 1;
    runOf = -1;
    for (let i = 0; i < line.length; i++) {
      const c = line.charCodeAt(i);
      // GFM autolink literals: every www. / http / @ starts a scan that can run to the paragraph's end.
      if (c === 64 || ((c | 32) === 119 && /^www\./i.test(line.slice(i, i + 4))) || ((c | 32) === 104 && /^http/i.test(line.slice(i, i + 4)))) {
        marks++;
        runOf = -1;
        continue;
      }
      if (!isMark(c)) {
        runOf = -1;
        continue;
      }
      if (c === 93) closers++;
      if (c === 91 && line.charCodeAt(i + 1) === 94 /* [^ */) cost.footnoteReferences++;
      // A run of one delimiter character is one delimiter; brackets and < count one each.
      if (c === runOf) continue;
      marks++;
      runOf = c === 91 || c === 93 || c === 60 ? -1 : c;
    }
    length += line.length + 1;
  }
  endParagraph(lines.length);
  if (cost.inlineWork > L.inlineWork) {
    exceed('inline-work', heaviest.line, cost.inlineWork, L.inlineWork,
      `The Markdown has too much inline markup for the length of its paragraphs (the paragraph at line ${heaviest.line} has ${heaviest.marks} of the characters * _ ~ \` [ ] < in ${heaviest.length} characters). ` +
      'Split long paragraphs with blank lines, or escape characters meant literally with a backslash (\\*).');
  }

  cost.containerWork = closes * passes;
  if (cost.containerWork > L.containerWork) {
    exceed('container-work', 1, cost.containerWork, L.containerWork,
      `The Markdown closes ${closes} block quotes or lists in ${lines.length} lines (${cost.containerWork} steps, at most ${L.containerWork}). ` +
      'Merge consecutive quotes or lists, or split the article into shorter ones.');
  }
  if (cost.setextWork > L.setextWork) {
    exceed('setext-work', 1, cost.setextWork, L.setextWork,
      `The Markdown has ${underlines} heading underlines (a line of = or - under text) in ${lines.length} lines (${cost.setextWork} steps, at most ${L.setextWork}). ` +
      'Write headings with # instead (## Heading), or escape a line of - or = meant literally (\\-).');
  }
  cost.referenceExpansion = longestDefinition * closers;
  if (cost.referenceExpansion > L.referenceExpansion) {
    exceed('reference-expansion', 1, cost.referenceExpansion, L.referenceExpansion,
      `Reference-style links could copy their definitions ${closers} times (up to ${longestDefinition} characters each; at most ${L.referenceExpansion} characters in all). ` +
      'Use inline links [text](url), or shorten the paragraph holding the definitions ([label]: url).');
  }
  cost.referenceLookups = definitionLines * closers;
  if (cost.referenceLookups > L.referenceLookups) {
    exceed('reference-lookups', 1, cost.referenceLookups, L.referenceLookups,
      `The Markdown has ${definitionLines} reference definitions ([label]: url) and ${closers} "]" that may use them (at most ${L.referenceLookups} for their product). ` +
      'Use inline links [text](url) instead of most definitions.');
  }
  if (cost.footnoteReferences > L.footnoteReferences) {
    exceed('footnote-references', 1, cost.footnoteReferences, L.footnoteReferences,
      `The Markdown has ${cost.footnoteReferences} footnote references [^…] (at most ${L.footnoteReferences}).`);
  }
  // Last: a body over a more specific bound is told that one (its fix is more precise).
  if (cost.elements > L.elements) {
    exceed('elements', 1, cost.elements, L.elements,
      `The Markdown has ${cost.elements} lines, blocks, table cells and hard line breaks (at most ${L.elements}): a line of a few characters costs as much to render as a paragraph of prose. ` +
      'Join short lines into paragraphs, or split the article into shorter ones.');
  }
  return { cost, excess };
}

/** Throws MarkdownTooComplex when the body is over a bound; cheap (one pass), so call it before any parse. */
export function assertRenderable(markdown: string): void {
  const { excess } = measureMarkdown(markdown);
  if (excess) throw new MarkdownTooComplex(excess);
}
