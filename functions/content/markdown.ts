// Article bodies: editors write Markdown (GFM); readers get HTML that is safe to inline in our pages.
import type { Element, ElementContent, Root as HastRoot, RootContent as HastContent } from 'hast';
import type { Nodes as MdastNodes, Root as MdastRoot } from 'mdast';
import rehypeSanitize, { defaultSchema, type Options as SanitizeSchema } from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { assertRenderable } from './markdown-limits.ts';

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

// The trees are walked with an explicit stack, not recursion: however deep a body nests, a walk
// cannot overflow the call stack (the limits in markdown-limits.ts bound the depth as well).
function rewriteImages(root: HastRoot): void {
  const stack: (HastRoot | Element)[] = [root];
  for (let parent = stack.pop(); parent; parent = stack.pop()) {
    parent.children = parent.children.map((child) => {
      if (child.type !== 'element') return child;
      const replaced = isElement(child, 'p') ? (toFigure(child) ?? child) : child;
      if (isElement(replaced, 'img')) {
        // Article pages are long and photo-heavy; off-screen images must not delay first paint.
        replaced.properties['loading'] = 'lazy';
        replaced.properties['decoding'] = 'async';
      }
      stack.push(replaced);
      return replaced;
    }) as typeof parent.children;
  }
}

function rehypeFigures() {
  return (tree: HastRoot) => {
    rewriteImages(tree);
  };
}

// Schemes are case-insensitive, but the sanitizer compares them exactly, so `HTTPS://…` would lose
// its href. Only the schemes we allow are lower-cased; any other (`JAVASCRIPT:`) is left for the
// sanitizer to drop as before.
const ALLOWED_SCHEME = /^(?:https?|mailto):/i;
const URL_PROPERTIES = ['href', 'src'] as const;

function lowerCaseSchemes(root: HastRoot): void {
  const stack: (HastRoot | Element)[] = [root];
  for (let parent = stack.pop(); parent; parent = stack.pop()) {
    for (const child of parent.children) {
      if (child.type !== 'element') continue;
      for (const name of URL_PROPERTIES) {
        const url = child.properties[name];
        if (typeof url !== 'string') continue;
        const scheme = ALLOWED_SCHEME.exec(url)?.[0];
        if (scheme !== undefined) child.properties[name] = scheme.toLowerCase() + url.slice(scheme.length);
      }
      stack.push(child);
    }
  }
}

function rehypeLowerCaseSchemes() {
  return (tree: HastRoot) => {
    lowerCaseSchemes(tree);
  };
}

/** http(s) and protocol-relative (`//host/…`) links leave the site; everything else the sanitizer keeps stays on it. */
const EXTERNAL_HREF = /^(?:https?:)?\/\//i;

// Runs after sanitizing, so it only ever adds a fixed value to hrefs that already passed.
function markExternalLinks(root: HastRoot): void {
  const stack: (HastRoot | Element)[] = [root];
  for (let parent = stack.pop(); parent; parent = stack.pop()) {
    for (const child of parent.children) {
      if (child.type !== 'element') continue;
      const href = child.properties['href'];
      if (child.tagName === 'a' && typeof href === 'string' && EXTERNAL_HREF.test(href)) {
        child.properties['rel'] = ['noopener', 'noreferrer'];
      }
      stack.push(child);
    }
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
  .use(rehypeLowerCaseSchemes)
  .use(rehypeSanitize, schema)
  .use(rehypeExternalLinks)
  .use(rehypeStringify)
  .freeze();

/** The body's Markdown tree exactly as the renderer parses it (GFM), for readers of its structure (body-images.ts). Unbounded: callers check measureMarkdown first. */
export function parseMarkdown(markdown: string): MdastRoot {
  return htmlPipeline.parse(markdown) as MdastRoot;
}

// NFC first: text pasted from macOS or some IMEs arrives decomposed and would otherwise
// render, search and compare differently from the same words typed elsewhere.
/** Throws MarkdownTooComplex (markdown-limits.ts) for a body over the rendering bounds, before parsing it. */
export async function renderMarkdown(markdown: string): Promise<string> {
  const text = markdown.normalize('NFC');
  assertRenderable(text);
  const file = await htmlPipeline.process(text);
  return String(file);
}

/**
 * What a save derives from a body, from one bounds check and one parse: the HTML (as renderMarkdown)
 * and the plain text (as markdownToPlainText). Throws MarkdownTooComplex like them.
 */
export async function renderBody(markdown: string): Promise<{ html: string; text: string }> {
  const source = markdown.normalize('NFC');
  assertRenderable(source);
  const tree = htmlPipeline.parse(source);
  // Read before the HTML transforms run on the tree.
  const text = plainTextOf(tree);
  const html = htmlPipeline.stringify(await htmlPipeline.run(tree, source), source);
  return { html, text };
}

// Inline containers: a space after them would split words like "**Hà**Nội".
const INLINE_PARENTS = new Set(['emphasis', 'strong', 'delete', 'link', 'linkReference']);

function collectText(root: MdastNodes, out: string[]): void {
  // Depth first, left to right, without recursion: a node's children go on the stack in reverse,
  // after the space that closes a block (pushed first, so popped after its children).
  const stack: (MdastNodes | ' ')[] = [root];
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    if (node === ' ') {
      out.push(' ');
      continue;
    }
    switch (node.type) {
      case 'text':
      case 'inlineCode':
      case 'code':
        out.push(node.value);
        continue;
      case 'image':
        if (node.alt) out.push(node.alt);
        continue;
      case 'html':
        // Raw HTML never reaches readers, so it must not reach search or summaries either.
        continue;
      case 'break':
        out.push(' ');
        continue;
    }
    if ('children' in node) {
      // Block boundaries become spaces so words of adjacent paragraphs/cells do not fuse.
      if (!INLINE_PARENTS.has(node.type)) stack.push(' ');
      for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
    }
  }
}

/** Bounded like renderMarkdown: throws MarkdownTooComplex before parsing a body over the limits. */
export function markdownToPlainText(markdown: string): string {
  const text = markdown.normalize('NFC');
  assertRenderable(text);
  return plainTextOf(htmlPipeline.parse(text));
}

function plainTextOf(tree: MdastNodes): string {
  const out: string[] = [];
  collectText(tree, out);
  return out.join('').replace(/\s+/g, ' ').trim();
}
