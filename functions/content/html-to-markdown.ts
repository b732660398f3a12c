// HTML to GFM Markdown, for pasting into the body editor (from Word, LibreOffice, Google Docs, web pages) and for imports.
// Pure and synchronous: no DOM, so it runs in workerd (the admin's paste endpoint) and in Node (issue 14's import).
import type { Nodes as MdastNodes, Root as MdastRoot } from 'mdast';
import rehypeRemark from 'rehype-remark';
import remarkGfm from 'remark-gfm';
import remarkStringify from 'remark-stringify';
import { unified } from 'unified';
import { cleanPastedHtml } from './paste-cleanup.ts';
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

export interface HtmlToMarkdownOptions {
  /** Defaults to MAX_HTML_CHARS. */
  maxChars?: number;
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

/** Converts pasted or imported HTML to Markdown; throws HtmlTooLarge over the limit. */
export function htmlToMarkdown(html: string, options: HtmlToMarkdownOptions = {}): HtmlToMarkdownResult {
  const limit = options.maxChars ?? MAX_HTML_CHARS;
  if (html.length > limit) throw new HtmlTooLarge(html.length, limit);
  const tree = parsePastedHtml(html);
  cleanWordMarkup(tree);
  const skippedImages = cleanPastedHtml(tree);
  const mdast = processor.runSync(tree);
  tightLists(mdast);
  const markdown = processor.stringify(mdast);
  return { markdown: tidy(markdown), skippedImages };
}

/**
 * Pasted list items are one paragraph each (LibreOffice and Docs wrap them in <p>, which would make
 * every list "loose", a blank line between items): a list is tight unless an item holds more than
 * one paragraph or other block.
 */
function tightLists(root: MdastRoot): void {
  const stack: MdastNodes[] = [root];
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (node.type === 'list') {
      const simple = node.children.every((item) => item.children.filter((c) => c.type !== 'list').length <= 1);
      if (simple) {
        node.spread = false;
        for (const item of node.children) item.spread = false;
      }
    }
    if ('children' in node) stack.push(...(node.children as MdastNodes[]));
  }
}

/** NFC (Vietnamese typed or pasted in decomposed form compares and searches as one), no trailing spaces, no runs of blank lines. */
function tidy(markdown: string): string {
  return markdown
    .normalize('NFC')
    .replace(/[ \t]+$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
