// Pasted HTML to a hast tree whose depth is bounded, so the recursive unified utilities after it cannot overflow the stack.
import type { Element, Nodes, Root, RootContent } from 'hast';
import { fromParse5 } from 'hast-util-from-parse5';
import { parseFragment, type DefaultTreeAdapterTypes } from 'parse5';

type P5Parent = DefaultTreeAdapterTypes.ParentNode;
type P5Child = DefaultTreeAdapterTypes.ChildNode;

/**
 * Elements nested deeper than this are unwrapped (their content kept, in order, at this depth).
 * parse5 builds any depth without recursion, but hast-util-from-parse5, hast-util-to-mdast and
 * mdast-util-to-markdown recurse once or more per level: in Node, 2,000 nested <div>s already
 * overflowed the stack in rehype-parse alone (measured). Word, LibreOffice and Google Docs nest
 * 10-20 levels (a table cell's paragraph's span's bold); 48 leaves a wide margin both ways.
 */
export const MAX_ELEMENT_DEPTH = 48;

const isParent = (node: P5Child): node is P5Child & P5Parent => 'childNodes' in node;

/** Moves every descendant that is not an element (text, comments) up to `node`, in document order. */
function flattenInto(node: P5Parent): void {
  const out: P5Child[] = [];
  // An explicit stack in reverse so the order of the text is kept.
  const stack: P5Child[] = [...node.childNodes].reverse();
  for (let child = stack.pop(); child; child = stack.pop()) {
    if (isParent(child)) {
      // A deep <img> or <br> would be lost as an element: keep them, they carry no children.
      if (child.nodeName === 'img' || child.nodeName === 'br') out.push({ ...child, childNodes: [] });
      else for (let i = child.childNodes.length - 1; i >= 0; i--) stack.push(child.childNodes[i]!);
    } else {
      out.push(child);
    }
  }
  for (const child of out) child.parentNode = node as never;
  node.childNodes = out;
}

/** Parses an HTML fragment (what a clipboard holds: often a whole document) into hast, at most MAX_ELEMENT_DEPTH deep. */
export function parsePastedHtml(html: string): Root {
  const fragment = parseFragment(html);
  const stack: [P5Parent, number][] = [[fragment, 0]];
  for (let item = stack.pop(); item; item = stack.pop()) {
    const [node, depth] = item;
    // <template> content is never shown; from-parse5 would convert it too.
    if (node.nodeName === 'template') (node as DefaultTreeAdapterTypes.Template).content.childNodes = [];
    if (depth >= MAX_ELEMENT_DEPTH) {
      flattenInto(node);
      continue;
    }
    for (const child of node.childNodes) if (isParent(child)) stack.push([child, depth + 1]);
  }
  return fromParse5(fragment) as Root;
}

export type Parent = Root | Element;

export const isElement = (node: Nodes | RootContent | undefined, ...names: string[]): node is Element =>
  node?.type === 'element' && (names.length === 0 || names.includes(node.tagName));

/**
 * Visits every element once, parents before children, without recursion. `visit` may replace the
 * children of the element it is given (the new ones are then visited); it returns false to skip them.
 */
export function walkElements(root: Parent, visit: (element: Element, ancestors: readonly Element[]) => boolean | void): void {
  const stack: [Parent, Element[]][] = [[root, []]];
  for (let item = stack.pop(); item; item = stack.pop()) {
    const [parent, ancestors] = item;
    for (const child of parent.children) {
      if (child.type !== 'element') continue;
      if (visit(child, ancestors) === false) continue;
      stack.push([child, [...ancestors, child]]);
    }
  }
}

/** Every parent (root included), parents before children, without recursion; `each` may rewrite `parent.children`. */
export function walkParents(root: Parent, each: (parent: Parent) => void): void {
  const stack: Parent[] = [root];
  for (let parent = stack.pop(); parent; parent = stack.pop()) {
    each(parent);
    for (const child of parent.children) if (child.type === 'element') stack.push(child);
  }
}

/** The text of a node and its descendants, in order, without recursion. */
export function textOf(node: Nodes): string {
  let text = '';
  const stack: Nodes[] = [node];
  for (let n = stack.pop(); n; n = stack.pop()) {
    if (n.type === 'text') text += n.value;
    else if (n.type === 'element' || n.type === 'root') for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]!);
  }
  return text;
}
