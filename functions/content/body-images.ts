// The images of a Markdown body, in reading order, with their alt text: read from the mdast (what the renderer sees), for the admin's save-time alt check.
import type { Definition, Nodes as MdastNodes, Root } from 'mdast';
import { parseMarkdown } from './markdown.ts';

export interface BodyImage {
  /** 1-based position among the body's images, as an editor counts them. */
  position: number;
  /** The URL as written (a reference image gets its definition's URL; '' when the definition is missing). */
  url: string;
  alt: string;
}

/**
 * Every `![alt](url)` and `![alt][ref]` of the body. Callers check the body against the rendering
 * bounds first (measureMarkdown): this parses it. Raw HTML <img> never reaches readers (the renderer
 * drops raw HTML), so it is not an image of the body.
 */
export function bodyImages(markdown: string): BodyImage[] {
  const tree: Root = parseMarkdown(markdown.normalize('NFC'));
  const definitions = new Map<string, Definition>();
  const found: { url: string | null; label: string; alt: string }[] = [];
  // Depth first, left to right, without recursion (as markdown.ts walks): children go on in reverse.
  const stack: MdastNodes[] = [tree];
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    // CommonMark: the first definition of a label wins.
    if (node.type === 'definition') { if (!definitions.has(node.identifier)) definitions.set(node.identifier, node); }
    else if (node.type === 'image') found.push({ url: node.url, label: '', alt: node.alt ?? '' });
    else if (node.type === 'imageReference') found.push({ url: null, label: node.identifier, alt: node.alt ?? '' });
    if ('children' in node) for (let i = node.children.length - 1; i >= 0; i -= 1) stack.push(node.children[i]!);
  }
  return found.map((image, i) => ({
    position: i + 1,
    url: image.url ?? definitions.get(image.label)?.url ?? '',
    alt: image.alt,
  }));
}

/** The first image whose alt text is empty or only spaces, or null when every image is described. */
export function firstImageWithoutAlt(markdown: string): BodyImage | null {
  return bodyImages(markdown).find((image) => image.alt.trim() === '') ?? null;
}

/** How a message names an image: its file name after "…/" (a key like 2026/11/0f3c….jpg means little), the URL if it has no path. */
export function shortImageName(url: string): string {
  const path = url.split(/[?#]/)[0] ?? '';
  const name = path.slice(path.lastIndexOf('/') + 1);
  if (!name) return url;
  return path.includes('/') ? `…/${name}` : name;
}
