// Article bodies: editors write Markdown (GFM); readers get HTML that is safe to inline in our pages.
import type { Element, ElementContent, Root as HastRoot, RootContent as HastContent } from 'hast';
import type { Nodes as MdastNodes } from 'mdast';
import rehypeSanitize, { defaultSchema, type Options as SanitizeSchema } from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';

// GitHub's schema plus what our figures need. URL schemes are narrowed to what an article
// legitimately links to, so javascript:, data:, vbscript: and other schemes lose their href/src.
const schema: SanitizeSchema = {
  ...defaultSchema,
  tagNames: [...(defaultSchema.tagNames ?? []), 'figure', 'figcaption'],
  attributes: {
    ...defaultSchema.attributes,
    img: [
      ...(defaultSchema.attributes?.['img'] ?? []),
      ['loading', 'lazy', 'eager'],
      ['decoding', 'async', 'sync', 'auto'],
      'width',
      'height',
    ],
  },
  protocols: {
    ...defaultSchema.protocols,
    href: ['http', 'https', 'mailto'],
    src: ['http', 'https'],
  },
  // remark-rehype already prefixes every id it derives from user text (footnote labels) with
  // 'user-content-', and raw HTML never gets this far; prefixing again here would give ids like
  // 'user-content-user-content-fn-1' that the footnote links no longer reach.
  clobberPrefix: '',
};

function isElement(node: HastContent | ElementContent, tagName: string): node is Element {
  return node.type === 'element' && node.tagName === tagName;
}

function isBlankText(node: ElementContent): boolean {
  return node.type === 'text' && node.value.trim() === '';
}

// `![alt](src "caption")` alone in a paragraph is how editors write a captioned photo.
function toFigure(paragraph: Element): Element | undefined {
  const content = paragraph.children.filter((c) => !isBlankText(c));
  const img = content[0];
  if (content.length !== 1 || img === undefined || !isElement(img, 'img')) return undefined;
  const caption = img.properties['title'];
  if (typeof caption !== 'string' || caption.trim() === '') return undefined;
  const { title: _title, ...imgProps } = img.properties;
  return {
    type: 'element',
    tagName: 'figure',
    properties: {},
    children: [
      { ...img, properties: imgProps },
      { type: 'element', tagName: 'figcaption', properties: {}, children: [{ type: 'text', value: caption }] },
    ],
  };
}

function rewriteImages(parent: HastRoot | Element): void {
  parent.children = parent.children.map((child) => {
    if (child.type !== 'element') return child;
    const replaced = isElement(child, 'p') ? (toFigure(child) ?? child) : child;
    if (isElement(replaced, 'img')) {
      // Article pages are long and photo-heavy; off-screen images must not delay first paint.
      replaced.properties['loading'] = 'lazy';
      replaced.properties['decoding'] = 'async';
    }
    rewriteImages(replaced);
    return replaced;
  }) as typeof parent.children;
}

function rehypeFigures() {
  return (tree: HastRoot) => {
    rewriteImages(tree);
  };
}

// Runs after sanitizing, so it only ever adds a fixed value to hrefs that already passed.
function markExternalLinks(parent: HastRoot | Element): void {
  for (const child of parent.children) {
    if (child.type !== 'element') continue;
    const href = child.properties['href'];
    if (child.tagName === 'a' && typeof href === 'string' && /^https?:\/\//i.test(href)) {
      child.properties['rel'] = ['noopener', 'noreferrer'];
    }
    markExternalLinks(child);
  }
}

function rehypeExternalLinks() {
  return (tree: HastRoot) => {
    markExternalLinks(tree);
  };
}

// Built once per isolate: constructing the processor costs more than rendering a short article.
const htmlPipeline = unified()
  .use(remarkParse)
  .use(remarkGfm)
  .use(remarkRehype, {
    footnoteLabel: 'Chú thích',
    footnoteBackLabel: (reference, rereference) =>
      `Quay lại chỗ trích dẫn ${reference + 1}${rereference > 1 ? `-${rereference}` : ''}`,
  })
  .use(rehypeFigures)
  .use(rehypeSanitize, schema)
  .use(rehypeExternalLinks)
  .use(rehypeStringify)
  .freeze();

const mdastParser = unified().use(remarkParse).use(remarkGfm).freeze();

// NFC first: text pasted from macOS or some IMEs arrives decomposed and would otherwise
// render, search and compare differently from the same words typed elsewhere.
export async function renderMarkdown(markdown: string): Promise<string> {
  const file = await htmlPipeline.process(markdown.normalize('NFC'));
  return String(file);
}

// Inline containers: a space after them would split words like "**Hà**Nội".
const INLINE_PARENTS = new Set(['emphasis', 'strong', 'delete', 'link', 'linkReference']);

function collectText(node: MdastNodes, out: string[]): void {
  switch (node.type) {
    case 'text':
    case 'inlineCode':
    case 'code':
      out.push(node.value);
      return;
    case 'image':
      if (node.alt) out.push(node.alt);
      return;
    case 'html':
      // Raw HTML never reaches readers, so it must not reach search or summaries either.
      return;
    case 'break':
      out.push(' ');
      return;
  }
  if ('children' in node) {
    for (const child of node.children) collectText(child, out);
    // Block boundaries become spaces so words of adjacent paragraphs/cells do not fuse.
    if (!INLINE_PARENTS.has(node.type)) out.push(' ');
  }
}

export function markdownToPlainText(markdown: string): string {
  const tree = mdastParser.parse(markdown.normalize('NFC'));
  const out: string[] = [];
  collectText(tree, out);
  return out.join('').replace(/\s+/g, ' ').trim();
}
