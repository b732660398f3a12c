// A WordPress post_content as the old site showed it: paragraphs by wpautop (WordPress's own JS port,
// @wordpress/autop), [caption] shortcodes as <figure>, other shortcodes unwrapped; and the images it names.
import { autop } from '@wordpress/autop';
import { parseFragment } from 'parse5';
import type { SourceImage } from '../item.ts';

type Node = { nodeName: string; value?: string; attrs?: { name: string; value: string }[]; childNodes?: Node[]; content?: Node };

const CAPTION = /\[(?:wp_)?caption\b([^\]]*)\]([\s\S]*?)\[\/(?:wp_)?caption\]/g;
const IMAGE_FIRST = /^\s*((?:<a\b[^>]*>\s*)?<img\b[^>]*>(?:\s*<\/a>)?)([\s\S]*)$/i;
// Registered shortcodes are lowercase ASCII names: "[Video] Lễ hội" or "[ảnh]" in a sentence stays text.
const SHORTCODE = /\[\/?[a-z][a-z0-9_-]*(?:\s[^\]]*)?\/?\]/g;

function attrOf(attrs: string, name: string): string {
  const m = new RegExp(`\\b${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`, 'i').exec(attrs);
  return m ? (m[1] ?? m[2] ?? '') : '';
}

/** [caption ...]<img> text[/caption] -> <figure><img><figcaption>text</figcaption></figure> (img_caption_shortcode). */
function captionsToFigures(html: string): string {
  const replaced = html.replace(CAPTION, (whole, attrs: string, inner: string) => {
    const m = IMAGE_FIRST.exec(inner);
    if (!m) return inner;
    const caption = m[2]!.replace(/^(\s|<br\s*\/?>)+|(\s|<br\s*\/?>)+$/gi, '') || attrOf(attrs, 'caption');
    return `<figure>${m[1]}${caption ? `<figcaption>${caption}</figcaption>` : ''}</figure>`;
  });
  // shortcode_unautop: a figure that was a paragraph of its own is not inside a <p> any more.
  return replaced.replace(/<p>\s*(<figure>[\s\S]*?<\/figure>)\s*<\/p>/g, '$1');
}

/** Other shortcodes lose their brackets and keep their inner text; only text between tags is touched. */
function unwrapShortcodes(html: string): string {
  return html.split(/(<[^>]*>)/).map((part, i) => (i % 2 === 1 ? part : part.replace(SHORTCODE, ''))).join('')
    .replace(/<p>\s*<\/p>\n?/g, '');
}

/** The HTML the old site rendered from post_content. Block-editor content has no autop (WordPress skips it too). */
export function wxrBodyHtml(content: string): string {
  if (!content.trim()) return '';
  const paragraphs = content.includes('<!-- wp:') ? content : autop(content);
  return unwrapShortcodes(captionsToFigures(paragraphs)).trim();
}

function attr(node: Node, name: string): string | undefined {
  return node.attrs?.find((a) => a.name === name)?.value;
}

function textOfNode(node: Node): string {
  if (node.nodeName === '#text') return node.value ?? '';
  if (node.nodeName === 'br') return ' ';
  return (node.childNodes ?? []).map(textOfNode).join('');
}

/** Text of an HTML fragment (an excerpt, a title): tags dropped, entities decoded, spaces collapsed. */
export function textOf(html: string): string {
  if (!/[<&]/.test(html)) return html.replace(/\s+/g, ' ').trim();
  return textOfNode(parseFragment(html) as unknown as Node).replace(/\s+/g, ' ').trim();
}

/**
 * Every <img src> of the body once, absolute against the old site (srcset ignored), with its alt and the
 * caption of the figure it is in (`known` gives an attachment's alt/caption when the tag has none); and the
 * body with each src written as that same absolute URL, so the runner finds it verbatim after conversion.
 */
export function bodyImages(html: string, base: string, known: (url: string) => SourceImage | undefined): { html: string; images: SourceImage[] } {
  const found = new Map<string, SourceImage>();
  const walk = (node: Node, caption: string) => {
    if (node.nodeName === 'figure') {
      const figcaption = (node.childNodes ?? []).find((c) => c.nodeName === 'figcaption');
      caption = figcaption ? textOfNode(figcaption).replace(/\s+/g, ' ').trim() : '';
    }
    const src = node.nodeName === 'img' ? attr(node, 'src')?.trim() : undefined;
    const url = src ? absoluteUrl(src, base) : null;
    if (src && url && !found.has(src)) {
      const attachment = known(url);
      found.set(src, { url, alt: (attr(node, 'alt') ?? '').trim() || attachment?.alt || '', caption: caption || attachment?.caption || '' });
    }
    for (const child of node.childNodes ?? []) walk(child, caption);
    if (node.content) walk(node.content, caption);
  };
  if (!/<img\b/i.test(html)) return { html, images: [] };
  walk(parseFragment(html) as unknown as Node, '');
  const rewritten = html.replace(/<img\b[^>]*>/gi, (tag) => {
    const img = (parseFragment(tag) as unknown as Node).childNodes?.[0];
    const src = img ? attr(img, 'src')?.trim() : undefined;
    const image = src === undefined ? undefined : found.get(src);
    if (!image) return tag;
    const withSrc = tag.replace(/(\ssrc\s*=\s*)(?:"[^"]*"|'[^']*'|[^\s>]+)/i, (_, lead: string) => `${lead}"${escapeAttr(image.url)}"`);
    // An image with no alt of its own gets its attachment's, which the Markdown then carries.
    const attachmentAlt = known(image.url)?.alt;
    if (!attachmentAlt || (attr(img!, 'alt') ?? '').trim()) return withSrc;
    const alt = `alt="${escapeAttr(attachmentAlt)}"`;
    return /\salt\s*=\s*(?:""|'')/i.test(withSrc) ? withSrc.replace(/(\s)alt\s*=\s*(?:""|'')/i, `$1${alt}`) : withSrc.replace(/^<img\b/i, `<img ${alt}`);
  });
  return { html: rewritten, images: [...found.values()] };
}

const escapeAttr = (text: string) => text.replaceAll('&', '&amp;').replaceAll('"', '&quot;');

/** An http(s) URL against the old site's link; null for data:, javascript: and junk. */
export function absoluteUrl(src: string, base: string): string | null {
  try {
    const url = new URL(src, base || undefined);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}
