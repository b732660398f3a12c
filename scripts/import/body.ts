// An imported body's Markdown tree, for the runner: the images it shows (matched to the source's images), its links to the old
// site (made site-relative, so the redirect table sends readers on), and the rewrite of both in place by source position.
import type { Image as MdImage, Link as MdLink, Root as MdRoot } from 'mdast';
import { parseMarkdown } from '../../functions/content/markdown.ts';
import type { SourceImage, SourceItem } from './item.ts';

/** An image node of the body and the source's image it stands for (null: not one the source lists). */
export interface BodyImage {
  node: MdImage;
  meta: SourceImage | null;
}

/** A stretch of the Markdown text [start, end) and what replaces it. */
export interface Edit {
  start: number;
  end: number;
  text: string;
}

type AnyNode = { type: string; children?: AnyNode[]; position?: MdImage['position'] };

/** Every node of the tree, in document order. */
function* walk(tree: MdRoot): Generator<AnyNode> {
  const stack: AnyNode[] = [tree as AnyNode];
  for (let node = stack.pop(); node; node = stack.pop()) {
    yield node;
    if (node.children) for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
  }
}

/** The body parsed once (the image and link steps share it). */
export const bodyTree = (markdown: string): MdRoot => parseMarkdown(markdown);

/**
 * The image nodes of a Markdown body with the source image each stands for: matched by the URL as written, else resolved against
 * the item's page URL (a relative src), so both forms find the stored copy. `meta` null: the source does not list it (a hotlinked
 * image of another site, a data: URL): left as written (or made site-relative when on the old site: oldSiteUrl).
 */
export function bodyImages(markdown: string | MdRoot, item: Pick<SourceItem, 'images' | 'sourceUrl'>): BodyImage[] {
  const listed = new Map(item.images.map((i) => [i.url, i]));
  const found: BodyImage[] = [];
  for (const node of walk(typeof markdown === 'string' ? bodyTree(markdown) : markdown)) {
    if (node.type !== 'image') continue;
    const image = node as unknown as MdImage;
    let meta = listed.get(image.url) ?? null;
    if (!meta) {
      try {
        meta = listed.get(new URL(image.url, item.sourceUrl ?? undefined).href) ?? null;
      } catch {
        // relative with no page URL, or junk: not one of the source's images
      }
    }
    found.push({ node: image, meta });
  }
  return found;
}

/** A host as the old site's ("www." aside: an old portal answered both). */
const hostKey = (host: string): string => host.toLowerCase().replace(/^www\./, '').replace(/\.$/, '');

/** The old site's hosts of an item: its own URL's, and the site address the source names (a WXR channel's <link>). */
export function oldHostsOf(item: Pick<SourceItem, 'sourceUrl' | 'siteUrl'>): Set<string> {
  const hosts = new Set<string>();
  for (const url of [item.sourceUrl, item.siteUrl]) {
    if (!url) continue;
    try {
      const u = new URL(url);
      if (u.protocol === 'http:' || u.protocol === 'https:') hosts.add(hostKey(u.hostname));
    } catch {
      // no URL, no host
    }
  }
  return hosts;
}

/** An absolute http(s) URL on one of the old hosts as a site-relative "/path?query#fragment"; null for any other URL. */
export function oldSiteUrl(url: string, hosts: Set<string>): string | null {
  if (hosts.size === 0 || !/^(?:https?:)?\/\//i.test(url.trim())) return null;
  let u: URL;
  try {
    u = new URL(url.trim().startsWith('//') ? `http:${url.trim()}` : url.trim());
  } catch {
    return null;
  }
  if ((u.protocol !== 'http:' && u.protocol !== 'https:') || !hosts.has(hostKey(u.hostname))) return null;
  return `${u.pathname}${u.search}${u.hash}`;
}

/** A Markdown link destination: bare, or in <> when it has spaces or parentheses. */
export function destination(url: string): string {
  return /[\s()<>]/.test(url) ? `<${url.replace(/[<>]/g, encodeURIComponent)}>` : url;
}

/** Markdown of an image node with another URL (its alt and title kept). */
export function imageMarkdown(node: MdImage, url: string): string {
  const alt = node.alt ? node.alt.replace(/[\\[\]]/g, '\\$&') : '';
  const title = node.title ? ` "${node.title.replace(/["\\]/g, '\\$&')}"` : '';
  return `![${alt}](${destination(url)}${title})`;
}

/** Plain text of an alt kept in place of an image left out: Markdown's punctuation escaped so it stays text. */
export function plainText(text: string): string {
  return text.replace(/[\\`*_[\]<>#!|~]/g, '\\$&');
}

/**
 * The edits that make the body's links to the old site site-relative ("https://www.old.vn/tin/a.html?id=3" -> "/tin/a.html?id=3"):
 * in `[text](url "title")` only the destination changes; an autolink (`<url>`, a bare URL) becomes `[url](path)`, its text kept.
 * Another host's link, a relative one, mailto: and the like are left alone. Images are the image step's (oldSiteUrl).
 */
export function oldSiteLinkEdits(markdown: string, tree: MdRoot, hosts: Set<string>): Edit[] {
  const edits: Edit[] = [];
  if (hosts.size === 0) return edits;
  for (const node of walk(tree)) {
    if (node.type !== 'link') continue;
    const link = node as unknown as MdLink;
    const path = oldSiteUrl(link.url, hosts);
    const start = link.position?.start.offset;
    const end = link.position?.end.offset;
    if (path === null || start === undefined || end === undefined) continue;
    const last = link.children.at(-1)?.position?.end.offset ?? start + 1; // "[](url)": right after the "["
    const tail = markdown.slice(last, end);
    const dest = /^\]\(\s*(<(?:[^<>\\\n]|\\.)*>|(?:[^\s()\\]|\\.|\((?:[^\s()\\]|\\.)*\))+)/.exec(tail);
    if (dest) {
      const at = last + dest[0].length - dest[1]!.length;
      edits.push({ start: at, end: at + dest[1]!.length, text: destination(path) });
    } else if (!tail.startsWith(']')) {
      // An autolink: its text is the old URL itself.
      const text = markdown.slice(start, end).replace(/^<|>$/g, '');
      edits.push({ start, end, text: `[${plainText(text)}](${destination(path)})` });
    }
    // A reference link ("[text][ref]") keeps its definition's URL.
  }
  return edits;
}

/** The text with each edit applied (edits do not overlap: a link's destination lies after the images inside its text). */
export function applyEdits(markdown: string, edits: Edit[]): string {
  let out = markdown;
  for (const e of [...edits].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

/** The body with each image node replaced: by /media/<key> when stored, by its alt as plain text when left out. */
export function rewriteBody(markdown: string, images: { node: MdImage; replacement: string }[]): string {
  return applyEdits(markdown, images.flatMap(({ node, replacement }) => {
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    return start === undefined || end === undefined ? [] : [{ start, end, text: replacement }];
  }));
}
