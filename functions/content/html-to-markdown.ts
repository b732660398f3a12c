// HTML to GFM Markdown, for pasting into the body editor (from Word, LibreOffice, Google Docs, web pages) and for imports.
// Pure and synchronous: no DOM, so it runs in workerd (the admin's paste endpoint) and in Node (issue 14's import).
import type { Nodes as MdastNodes, Root as MdastRoot } from 'mdast';
import rehypeRemark from 'rehype-remark';
import remarkGfm from 'remark-gfm';
import remarkStringify from 'remark-stringify';
import { unified } from 'unified';
import { cleanPastedHtml } from './paste-cleanup.ts';
import { spacesOutsideMarks } from './paste-marks.ts';
import { parsePastedHtml } from './paste-parse.ts';
import { cleanWordMarkup } from './paste-word.ts';

/** The longest HTML taken: a clipboard of a 50-page Word document with its styles is about 1 MB. */
export const MAX_HTML_CHARS = 2_000_000;

/** The HTML is longer than the limit: nothing was parsed (the paste endpoint answers 413). */
export class HtmlTooLarge extends Error {
  readonly length: number;
  readonly limit: number;
  constructor(length: number, limit: number) {
    super(`HTML of ${length} characters is over the limit of ${limit}`);
    this.name = 'HtmlTooLarge';
    this.length = length;
    this.limit = limit;
  }
}

/**
 * The most start tags taken. Conversion costs about 20-50 µs per element (parse5, hast-util-to-mdast and
 * mdast-util-to-markdown; measured in Node on this 2-core machine under load), so this bounds one paste to
 * a second or two. A 1 MB Word capture has 15,900; a 1.9 MB table of figures (33,000 rows, 130,000 tags)
 * is refused: its 100,000 cells could not be saved either (MARKDOWN_LIMITS.tableCells is 50,000).
 */
export const MAX_HTML_TAGS = 40_000;

/** The HTML has more elements than the limit: nothing was parsed (the paste endpoint answers 422). */
export class HtmlTooComplex extends Error {
  readonly tags: number;
  readonly limit: number;
  constructor(tags: number, limit: number) {
    super(`HTML with ${tags} tags is over the limit of ${limit}`);
    this.name = 'HtmlTooComplex';
    this.tags = tags;
    this.limit = limit;
  }
}

/** Start tags (`<` and a letter), counted on the text before parsing: an upper bound of the elements parse5 makes, plus Word's few in comments. */
function countTags(html: string): number {
  let count = 0;
  for (let i = html.indexOf('<'); i !== -1; i = html.indexOf('<', i + 1)) {
    const c = html.charCodeAt(i + 1) | 0x20;
    if (c >= 0x61 && c <= 0x7a) count++;
  }
  return count;
}

export interface HtmlToMarkdownResult {
  markdown: string;
  /** Images dropped because their source cannot be fetched (data:, file:, blob:, cid:, …). */
  skippedImages: number;
}

// Plain GFM, as an editor types it: `-` bullets, `1.` numbers, `**bold**`, `*italic*`, ATX headings, fenced code.
const processor = unified()
  .use(rehypeRemark)
  .use(remarkGfm)
  .use(remarkStringify, { bullet: '-', bulletOrdered: '.', emphasis: '*', strong: '*', fence: '`', fences: true, rule: '-', listItemIndent: 'one', setext: false, incrementListMarker: true })
  .freeze();

/** Converts pasted or imported HTML to Markdown; throws HtmlTooLarge or HtmlTooComplex over the limits. */
export function htmlToMarkdown(html: string): HtmlToMarkdownResult {
  if (html.length > MAX_HTML_CHARS) throw new HtmlTooLarge(html.length, MAX_HTML_CHARS);
  const tags = countTags(html);
  if (tags > MAX_HTML_TAGS) throw new HtmlTooComplex(tags, MAX_HTML_TAGS);
  const tree = parsePastedHtml(html);
  cleanWordMarkup(tree);
  const skippedImages = cleanPastedHtml(tree);
  const mdast = processor.runSync(tree);
  tidyTree(mdast);
  spacesOutsideMarks(mdast);
  const markdown = processor.stringify(mdast);
  return { markdown: tidy(markdown), skippedImages };
}

/**
 * Tabs in text become spaces. Pasted list items are one paragraph each (LibreOffice and Docs wrap them in <p>, which would make
 * every list "loose", a blank line between items): a list is tight unless an item holds more than
 * one paragraph or other block.
 */
function tidyTree(root: MdastRoot): void {
  const stack: MdastNodes[] = [root];
  for (let node = stack.pop(); node; node = stack.pop()) {
    // A table inside a table cell arrives as its text with tabs between cells: spaces read the same.
    if (node.type === 'text') node.value = node.value.replace(/\t/g, ' ');
    if (node.type === 'list') {
      const simple = node.children.every((item) => item.children.filter((c) => c.type !== 'list').length <= 1);
      if (simple) {
        node.spread = false;
        for (const item of node.children) item.spread = false;
      }
    }
    // One push per child: spreading a list of 400,000 paragraphs as arguments overflows the stack.
    if ('children' in node) for (const child of node.children as MdastNodes[]) stack.push(child);
  }
}

/** NFC (Vietnamese typed or pasted in decomposed form compares and searches as one), no trailing spaces, no runs of blank lines. */
function tidy(markdown: string): string {
  return trimLineEnds(markdown.normalize('NFC'))
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/**
 * Spaces and tabs at line ends removed, in one pass from each line's end: the regex /[ \t]+$/gm retries
 * from every space of a run that ends in text, so a <pre> of 40,000 spaces took 5 s and 2 MB hours.
 */
function trimLineEnds(text: string): string {
  return text.split('\n').map((line) => {
    let end = line.length;
    while (end > 0 && (line.charCodeAt(end - 1) === 0x20 || line.charCodeAt(end - 1) === 0x09)) end--;
    return end === line.length ? line : line.slice(0, end);
  }).join('\n');
}
