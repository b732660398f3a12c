// The body of a legacy page made ready for the runner: widgets removed, links and images absolute,
// captioned photos as <figure> (the converter turns it into ![alt](src "caption")), images listed.
import type { SourceImage } from '../item.ts';
import type { PageDocument, PageElement } from './pages-dom.ts';

/** An element's text with whitespace collapsed, as a reader sees it. */
export function textOf(el: PageElement | null | undefined): string {
  return (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

// Lazy-loading themes keep the real address in data-src and a placeholder (or nothing) in src.
const LAZY_SOURCES = ['data-src', 'data-original', 'data-lazy-src'];

function imageSource(img: PageElement): string | null {
  const src = img.getAttribute('src')?.trim() ?? '';
  if (src !== '' && !src.startsWith('data:')) return src;
  for (const name of LAZY_SOURCES) {
    const lazy = img.getAttribute(name)?.trim();
    if (lazy) return lazy;
  }
  return null;
}

/**
 * Makes every image and link of the document absolute against `base` (the page's URL), before any
 * extraction, so both extractors see final addresses. `onImage` sees each image's written and absolute
 * address: the folder source uses it to remember a photo saved beside the page ("Page_files/a.jpg").
 */
export function resolveUrls(doc: PageDocument, base: string, onImage?: (written: string, absolute: string) => void): void {
  for (const img of doc.querySelectorAll('img')) {
    const written = imageSource(img);
    let absolute: string | null = null;
    try {
      absolute = written === null ? null : new URL(written, base).href;
    } catch {
      absolute = null;
    }
    if (absolute === null) {
      img.remove();
      continue;
    }
    img.setAttribute('src', absolute);
    for (const name of [...LAZY_SOURCES, 'srcset', 'data-srcset']) img.removeAttribute(name);
    onImage?.(written ?? '', absolute);
  }
  for (const a of doc.querySelectorAll('a[href]')) {
    const href = a.getAttribute('href') ?? '';
    if (/^\s*javascript:/i.test(href)) {
      a.removeAttribute('href');
      continue;
    }
    try {
      a.setAttribute('href', new URL(href, base).href);
    } catch {
      a.removeAttribute('href');
    }
  }
}

/** Removes widgets (share, print, related) and anything that is not content from a body. */
export function removeWidgets(body: PageElement, selectors: readonly string[]): void {
  for (const selector of ['script', 'style', 'noscript', 'template', ...selectors]) {
    for (const el of body.querySelectorAll(selector)) el.remove();
  }
}

const MAX_CAPTION_CHARS = 300;

/** The block (paragraph, div) that holds only this image, if any: its caption may follow it. */
function soleImageBlock(img: PageElement, body: PageElement): PageElement | null {
  const block = img.parentElement?.closest('p, div, center');
  if (!block || block === body || !body.contains(block)) return null;
  return block.querySelectorAll('img').length === 1 && textOf(block) === '' ? block : null;
}

/**
 * The body's images in order (absolute URL, alt, caption). A caption is a <figure>'s <figcaption>, or,
 * when `captionSelector` is given, the element right after the image's block that matches it (the
 * portal's centred italic line): that pair becomes a <figure> so the caption stays with its photo.
 */
export function collectImages(body: PageElement, imageSelector = 'img', captionSelector?: string): SourceImage[] {
  const images: SourceImage[] = [];
  for (const img of body.querySelectorAll(imageSelector)) {
    if (img.tagName !== 'IMG') continue;
    const url = img.getAttribute('src') ?? '';
    const alt = (img.getAttribute('alt') ?? '').replace(/\s+/g, ' ').trim();
    let caption = textOf(img.closest('figure')?.querySelector('figcaption'));
    const block = caption === '' && captionSelector ? soleImageBlock(img, body) : null;
    const next = block?.nextElementSibling;
    if (block && next && next.matches(captionSelector ?? '') && next.querySelector('img') === null) {
      const text = textOf(next);
      if (text !== '' && text.length <= MAX_CAPTION_CHARS) {
        caption = text;
        const doc = body.ownerDocument;
        const figure = doc.createElement('figure');
        const figcaption = doc.createElement('figcaption');
        figcaption.textContent = text;
        figure.appendChild(img);
        figure.appendChild(figcaption);
        block.replaceWith(figure);
        next.remove();
      }
    }
    images.push({ url, alt, caption });
  }
  return images;
}
