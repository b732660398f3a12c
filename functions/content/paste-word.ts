// Microsoft Word's clipboard HTML made plain: its lists (paragraphs, not <ul>/<ol>) rebuilt, its
// conditional markup, tracked changes and comments removed.
import type { Element, ElementContent, RootContent } from 'hast';
import { isElement, textOf, walkElements, walkParents, type Parent } from './paste-parse.ts';

type Child = RootContent | ElementContent;

const styleOf = (node: Element): string => String(node.properties['style'] ?? '');
const classesOf = (node: Element): string[] => (node.properties['className'] as string[] | undefined) ?? [];

/** `mso-list:l0 level2 lfo1`: which list (l0) and how deep (2); `Ignore` marks the bullet's own span. */
const MSO_LIST = /mso-list:\s*(l\d+)\s+level(\d+)/i;
/** "1." "a)" "iv." "(2)": a numbered item; anything else Word puts there (·, o, §, ▪, –) is a bullet. */
const ORDERED_MARKER = /^\(?(?:\d+|[a-z]|[ivxlcdm]+)[.)]$/i;

/**
 * rehype's parser keeps `<![if !supportLists]>` and `<![endif]>` as comments; what lies between them
 * (siblings) is Word's drawn bullet or number. Returns the marker text of each paragraph and removes it,
 * with the spans Word marks `mso-list:Ignore` (the same marker without the conditional comments).
 */
function takeMarker(paragraph: Element): string {
  let marker = '';
  walkParents(paragraph, (parent) => {
    const kept: Child[] = [];
    let inside = false;
    for (const child of parent.children) {
      if (child.type === 'comment' && /^\[if !supportLists\]/i.test(child.value.trim())) inside = true;
      else if (child.type === 'comment' && inside && /^\[endif\]/i.test(child.value.trim())) inside = false;
      else if (inside) marker += child.type === 'element' || child.type === 'text' ? textOf(child) : '';
      else if (isElement(child) && /mso-list:\s*ignore/i.test(styleOf(child))) marker += textOf(child);
      else kept.push(child);
    }
    parent.children = kept as typeof parent.children;
  });
  return marker.replace(/\s+/g, ' ').trim();
}

interface OpenList { level: number; list: Element; lastItem: Element | undefined }

const element = (tagName: string, children: ElementContent[] = []): Element => ({ type: 'element', tagName, properties: {}, children });

/** Consecutive `mso-list` paragraphs of one parent become nested <ul>/<ol>; a new list id starts a new list. */
function rebuildLists(parent: Parent): void {
  const out: Child[] = [];
  let open: OpenList[] = [];
  let listId: string | undefined;
  for (const child of parent.children) {
    const match = isElement(child, 'p') ? MSO_LIST.exec(styleOf(child)) : null;
    if (!isElement(child) || !match) {
      // Whitespace between Word's paragraphs does not end a list.
      if (child.type === 'text' && child.value.trim() === '' && open.length > 0) continue;
      open = [];
      listId = undefined;
      out.push(child);
      continue;
    }
    const level = Math.max(1, Number(match[2]));
    if (match[1] !== listId) open = [];
    listId = match[1];
    const ordered = ORDERED_MARKER.test(takeMarker(child));
    while (open.length > 0 && open[open.length - 1]!.level > level) open.pop();
    let top = open[open.length - 1];
    if (!top || top.level < level) {
      const list = element(ordered ? 'ol' : 'ul');
      if (top?.lastItem) top.lastItem.children.push(list);
      else if (top) top.list.children.push(element('li', [list]));
      else out.push(list);
      top = { level, list, lastItem: undefined };
      open.push(top);
    }
    const item = element('li', [element('p', child.children)]);
    top.list.children.push(item);
    top.lastItem = item;
  }
  parent.children = out as typeof parent.children;
}

/** Word's quote styles (MsoQuote, MsoIntenseQuote) are block quotes. */
function quoteParagraphs(parent: Parent): void {
  parent.children = parent.children.map((child) =>
    isElement(child, 'p') && classesOf(child).some((c) => /^MsoIntenseQuote$|^MsoQuote$/i.test(c))
      ? element('blockquote', [element('p', child.children)])
      : child) as typeof parent.children;
}

/** A Word comment's anchor or reference (`#_msocom_1`, `mso-comment-reference`) or the list of comments at the end. */
function isWordComment(node: Element): boolean {
  const href = String(node.properties['href'] ?? '');
  const style = styleOf(node);
  return /^#_msocom_/i.test(href) || /mso-comment-reference|mso-element:\s*comment-list|mso-special-character:\s*comment/i.test(style)
    || classesOf(node).some((c) => /^(?:msocomoff|msocomtxt|MsoCommentReference)$/i.test(c));
}

/** Word's markup for lists, quotes, tracked changes and comments made plain, in place. */
export function cleanWordMarkup(root: Parent): void {
  walkParents(root, (parent) => {
    rebuildLists(parent);
    quoteParagraphs(parent);
    // Tracked changes: what was deleted goes, what was inserted stays as text.
    parent.children = (parent.children as Child[]).flatMap((child): Child[] => {
      if (!isElement(child)) return [child];
      if (child.tagName === 'del' || isWordComment(child)) return [];
      if (child.tagName === 'ins') return child.children;
      return [child];
    }) as typeof parent.children;
  });
  // Word's own elements (<o:p>, <w:Sdt>, <v:shape>, <xml>) carry nothing a body shows.
  walkElements(root, (node) => {
    node.children = node.children.filter((c) => !(isElement(c) && /^(?:[ovwm]:|xml$)/i.test(c.tagName)));
  });
}
