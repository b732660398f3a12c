// Clean-up passes over pasted HTML (after paste-word.ts) that leave only what a GFM body can say:
// structure, bold/italic (also from inline styles), safe links, web images, tables with a header row.
import type { Element, ElementContent, Root, RootContent } from 'hast';
import { isElement, textOf, walkElements, walkParents, type Parent } from './paste-parse.ts';

type Child = RootContent | ElementContent;

/** Elements whose content is never body text (head matter, scripts, forms, embeds). */
const DROPPED = new Set(['head', 'title', 'style', 'script', 'noscript', 'template', 'meta', 'link', 'base', 'iframe', 'object', 'embed',
  'svg', 'math', 'canvas', 'video', 'audio', 'button', 'input', 'select', 'textarea', 'xml']);
const HEADINGS = ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'];
const INLINE_STYLED = new Set(['span', 'font', 'a', 'u', 'sub', 'sup', 'small', 'big', 'mark', 'label']);
/** Lists and quotes nested deeper than this are unwrapped: Markdown bodies allow 20 containers on a line (markdown-limits.ts). */
export const MAX_CONTAINER_DEPTH = 8;

const span = (children: ElementContent[]): Element => ({ type: 'element', tagName: 'span', properties: {}, children });
const wrap = (tagName: string, node: Element) => { node.children = [{ type: 'element', tagName, properties: {}, children: node.children }]; };

/** The declarations of a style attribute that say something (Word's `mso-*` ones are its own bookkeeping). */
function declarations(node: Element): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of String(node.properties['style'] ?? '').split(';')) {
    const colon = part.indexOf(':');
    const name = part.slice(0, colon).trim().toLowerCase();
    if (colon > 0 && !name.startsWith('mso-')) out.set(name, part.slice(colon + 1).trim().toLowerCase());
  }
  return out;
}

function weightOf(style: Map<string, string>): 'bold' | 'normal' | undefined {
  const value = style.get('font-weight');
  if (value === undefined) return undefined;
  if (value === 'bold' || value === 'bolder') return 'bold';
  const n = Number(value);
  if (Number.isFinite(n) && value !== '') return n >= 600 ? 'bold' : 'normal';
  return value === 'normal' || value === 'lighter' ? 'normal' : undefined;
}

function slantOf(style: Map<string, string>): 'italic' | 'normal' | undefined {
  const value = style.get('font-style');
  if (value === undefined) return undefined;
  return value.startsWith('italic') || value.startsWith('oblique') ? 'italic' : value === 'normal' ? 'normal' : undefined;
}

/** Links a body may keep: the web, mail, and paths of the site itself. Anything else (javascript:, file:, Word's #_Toc anchors) keeps its text only. */
function safeHref(href: string): string | undefined {
  const value = href.trim();
  if (/^https?:\/\//i.test(value) || /^mailto:/i.test(value)) return value;
  if (value.startsWith('//')) return `https:${value}`;
  if (value.startsWith('/')) return value;
  return undefined;
}

/** Images a body may keep: on the web or on the site. Word's clip_image files, data:, blob: and cid: images cannot be fetched. */
const isWebImage = (src: string) => /^https?:\/\//i.test(src) || (src.startsWith('/') && !src.startsWith('//'));

const isBold = (n: Element) => n.tagName === 'strong' || n.tagName === 'b';
const isItalic = (n: Element) => n.tagName === 'em' || n.tagName === 'i';

/** Removes comments, head matter and scripts; unwraps Google Docs' `<b id="docs-internal-guid-…">` (not bold). */
function dropNonContent(root: Parent): void {
  walkParents(root, (parent) => {
    parent.children = parent.children.flatMap((child): Child[] => {
      if (child.type === 'comment' || child.type === 'doctype') return [];
      if (!isElement(child)) return [child];
      if (DROPPED.has(child.tagName)) return [];
      if (String(child.properties['id'] ?? '').startsWith('docs-internal-guid')) return child.children;
      return [child];
    }) as typeof parent.children;
  });
}

/** Google Docs nests a list directly inside its parent list: it belongs to the item before it. */
function nestListsInItems(root: Parent): void {
  walkParents(root, (parent) => {
    if (!isElement(parent, 'ul', 'ol')) return;
    const out: ElementContent[] = [];
    for (const child of parent.children) {
      const previous = out.findLast((c) => isElement(c));
      if (isElement(child, 'ul', 'ol')) {
        if (isElement(previous, 'li')) previous.children.push(child);
        else out.push({ type: 'element', tagName: 'li', properties: {}, children: [child] });
      } else out.push(child);
    }
    parent.children = out;
  });
}

/** Bold and italic from tags and inline styles; no emphasis inside headings or header cells, nor bold inside bold. */
function emphasis(root: Parent): void {
  walkElements(root, (node, ancestors) => {
    const style = declarations(node);
    const inHeading = ancestors.some((a) => HEADINGS.includes(a.tagName) || a.tagName === 'th') || HEADINGS.includes(node.tagName);
    const bold = ancestors.some(isBold);
    const italic = ancestors.some(isItalic);
    if (isBold(node) && (weightOf(style) === 'normal' || bold || inHeading)) node.tagName = 'span';
    else if (isItalic(node) && (slantOf(style) === 'normal' || italic)) node.tagName = 'span';
    else if (INLINE_STYLED.has(node.tagName)) {
      // The inner wrapper is visited next, so a styled span inside it sees it as an ancestor.
      if (slantOf(style) === 'italic' && !italic) wrap('em', node);
      if (weightOf(style) === 'bold' && !bold && !inHeading) wrap('strong', node);
    }
  });
}

/** An h1 in a body would compete with the page's title: every heading moves one level down, keeping their order. */
function demoteHeadings(root: Root): void {
  let hasH1 = false;
  walkElements(root, (node) => { hasH1 ||= node.tagName === 'h1'; });
  if (!hasH1) return;
  walkElements(root, (node) => {
    const level = HEADINGS.indexOf(node.tagName);
    if (level >= 0) node.tagName = `h${Math.min(level + 2, 6)}`;
  });
}

/** Safe links stay; others keep their text. Web images stay (a figure's caption as the title); others are dropped and counted. */
function linksAndImages(root: Parent): number {
  let skipped = 0;
  walkParents(root, (parent) => {
    parent.children = parent.children.flatMap((child): Child[] => {
      if (!isElement(child)) return [child];
      if (child.tagName === 'a') {
        const href = safeHref(String(child.properties['href'] ?? ''));
        if (href === undefined) return [span(child.children)];
        child.properties = { href, ...(child.properties['title'] ? { title: child.properties['title'] } : {}) };
      } else if (child.tagName === 'img') {
        const src = String(child.properties['src'] ?? '').trim();
        if (!isWebImage(src)) {
          skipped++;
          return [];
        }
        child.properties = { src, alt: String(child.properties['alt'] ?? '').trim(), ...(child.properties['title'] ? { title: child.properties['title'] } : {}) };
      } else if (child.tagName === 'figure') {
        return figure(child);
      }
      return [child];
    }) as typeof parent.children;
  });
  return skipped;
}

/** `<figure><img><figcaption>` is `![alt](src "caption")` alone in its paragraph; the caption's text stays even without a usable image. */
function figure(node: Element): Child[] {
  let image: Element | undefined;
  let caption = '';
  walkElements(node, (child) => {
    if (child.tagName === 'img' && !image) image = child;
    if (child.tagName === 'figcaption') caption = textOf(child).replace(/\s+/g, ' ').trim();
  });
  // Without a usable image the caption stays as text (the image is dropped and counted by the caller's walk).
  if (!image || !isWebImage(String(image.properties['src'] ?? '').trim())) {
    node.tagName = 'div';
    walkElements(node, (child) => { if (child.tagName === 'figcaption') child.tagName = 'p'; });
    return [node];
  }
  const kept: Element = image;
  const rest = node.children.filter((c) => c.type !== 'element' || (c.tagName !== 'figcaption' && !containsNode(c, kept)));
  if (caption) {
    image.properties['title'] = caption;
    if (!image.properties['alt']) image.properties['alt'] = caption;
  }
  // The image itself is checked by the caller's walk over the paragraph.
  return [{ type: 'element', tagName: 'p', properties: {}, children: [kept] }, ...rest];
}

function containsNode(node: Child, target: Element): boolean {
  if (node.type !== 'element') return false;
  let found = node === target;
  walkElements(node, (c) => { found ||= c === target; });
  return found;
}

/** The table's rows in order (thead, tbody, tfoot or bare), not those of tables inside it. */
function rowsOf(table: Element): Element[] {
  const rows: Element[] = [];
  for (const c of table.children) {
    if (c.type !== 'element') continue;
    if (c.tagName === 'tr') rows.push(c);
    else if (['thead', 'tbody', 'tfoot'].includes(c.tagName)) for (const r of c.children) if (isElement(r, 'tr')) rows.push(r);
  }
  return rows;
}

/** Whether all of a cell's text is bold: how Word and Google Docs users mark a header row. */
function allBold(cell: Element): boolean {
  let text = 0;
  let plain = false;
  const stack: [Element, boolean][] = [[cell, false]];
  for (let item = stack.pop(); item; item = stack.pop()) {
    const [node, bold] = item;
    for (const child of node.children) {
      if (child.type === 'text' && child.value.trim() !== '') {
        text++;
        plain ||= !bold;
      } else if (isElement(child)) stack.push([child, bold || isBold(child)]);
    }
  }
  return text > 0 && !plain;
}

/**
 * GFM tables always have a header row. The first row is one when its cells are <th>, it is in <thead>,
 * or every one of its cells is bold. Otherwise hast-util-to-mdast adds an EMPTY header row, so the
 * first row of figures stays data (promoting it would make a reader read figures as column titles).
 */
function headerRows(root: Parent): void {
  walkElements(root, (table) => {
    if (table.tagName !== 'table') return;
    if (table.children.some((c) => isElement(c, 'thead'))) return;
    const first = rowsOf(table)[0];
    const cells = first?.children.filter((c): c is Element => isElement(c, 'td', 'th')) ?? [];
    if (cells.length === 0 || cells.some((c) => c.tagName === 'th') || !cells.every(allBold)) return;
    for (const cell of cells) {
      cell.tagName = 'th';
      // A header cell is bold already: `**` inside it would only be noise.
      walkElements(cell, (n) => { if (isBold(n)) n.tagName = 'span'; });
    }
  });
}

/** Lists and quotes deeper than MAX_CONTAINER_DEPTH give their content to the level above. */
function boundContainers(root: Parent): void {
  walkElements(root, (node, ancestors) => {
    const depth = ancestors.filter((a) => isElement(a, 'ul', 'ol', 'blockquote')).length;
    if (depth >= MAX_CONTAINER_DEPTH && isElement(node, 'ul', 'ol', 'blockquote', 'li')) node.tagName = 'div';
  });
}

/** No-break spaces (Word's indentation, Docs' between words) are spaces in Markdown; zero-width marks are dropped. */
function plainSpaces(root: Parent): void {
  walkParents(root, (parent) => {
    for (const child of parent.children) if (child.type === 'text') child.value = child.value.replace(/\u00a0/g, ' ').replace(/[\u200b\ufeff]/g, '');
  });
}

/** Every pass in order; returns how many images were dropped because they cannot be fetched. */
export function cleanPastedHtml(root: Root): number {
  dropNonContent(root);
  nestListsInItems(root);
  emphasis(root);
  demoteHeadings(root);
  const skippedImages = linksAndImages(root);
  headerRows(root);
  boundContainers(root);
  plainSpaces(root);
  return skippedImages;
}
