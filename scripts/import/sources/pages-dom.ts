// The DOM the pages source reads with: jsdom (HTML parsed as browsers do, charset sniffed) and Mozilla's
// Readability over it, loaded with require and typed by the few members used. @types/jsdom would pull
// TypeScript's DOM library into the whole project, whose Blob/BufferSource types contradict the Workers'.
import { createRequire } from 'node:module';

export interface PageNodeList extends Iterable<PageElement> {
  readonly length: number;
}

/** The part of a DOM element the extractors use. */
export interface PageElement {
  readonly nodeType: number;
  readonly tagName: string;
  textContent: string | null;
  innerHTML: string;
  readonly parentElement: PageElement | null;
  readonly nextElementSibling: PageElement | null;
  readonly firstElementChild: PageElement | null;
  readonly children: { readonly length: number };
  readonly ownerDocument: PageDocument;
  getAttribute(name: string): string | null;
  setAttribute(name: string, value: string): void;
  removeAttribute(name: string): void;
  querySelector(selector: string): PageElement | null;
  querySelectorAll(selector: string): PageNodeList;
  closest(selector: string): PageElement | null;
  matches(selector: string): boolean;
  contains(other: PageElement): boolean;
  appendChild(child: PageElement): PageElement;
  replaceWith(node: PageElement): void;
  remove(): void;
}

/** The part of a DOM document the extractors use. */
export interface PageDocument {
  readonly baseURI: string;
  querySelector(selector: string): PageElement | null;
  querySelectorAll(selector: string): PageNodeList;
  createElement(tagName: string): PageElement;
  cloneNode(deep: true): PageDocument;
}

interface PageWindow {
  readonly document: PageDocument;
  close(): void;
}

interface ReadabilityArticle {
  title?: string | null;
  content?: PageElement | null;
  textContent?: string | null;
  byline?: string | null;
  publishedTime?: string | null;
}

interface JsdomModule {
  JSDOM: new (html: Uint8Array | string, options?: { url?: string; contentType?: string }) => { readonly window: PageWindow };
}
interface ReadabilityModule {
  Readability: new (doc: PageDocument, options: { serializer: (node: PageElement) => PageElement; keepClasses: boolean }) => { parse(): ReadabilityArticle | null };
  isProbablyReaderable(doc: PageDocument): boolean;
}

const require = createRequire(import.meta.url);
const { JSDOM } = require('jsdom') as JsdomModule;
const readability = require('@mozilla/readability') as ReadabilityModule;

// What jsdom's sniffer finds in the first 1024 bytes: a byte order mark or a <meta> naming the charset.
const DECLARED = /^(?:\xEF\xBB\xBF|\xFE\xFF|\xFF\xFE)|<meta[^>]+charset/i;
const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** `contentType` with charset=utf-8 added when nothing declares one and the bytes are valid UTF-8. */
function withCharset(html: Uint8Array | string, contentType: string): string {
  if (typeof html === 'string' || /;\s*charset=/i.test(contentType)) return contentType;
  if (DECLARED.test(Buffer.from(html.subarray(0, 1024)).toString('latin1'))) return contentType;
  // An undeclared page would be read as windows-1252 (the HTML default): a wget mirror, a page saved
  // "HTML only" or a crawl of a server naming the charset nowhere turns every Vietnamese letter into
  // mojibake ("Lá»… ká»· niá»‡m"). Bytes that are valid UTF-8 are, in practice, UTF-8.
  try {
    strictUtf8.decode(html);
  } catch {
    return contentType;
  }
  return `${contentType}; charset=utf-8`;
}

/** A parsed page; `close()` frees it. `contentType` may name a charset; without one the page's is sniffed. */
export function openPage(html: Uint8Array | string, url?: string, contentType = 'text/html'): PageWindow {
  return new JSDOM(html, { ...(url === undefined ? {} : { url }), contentType: withCharset(html, contentType) }).window;
}

/** Readability's article (its body as an element), or null when it finds none. */
export function readabilityArticle(doc: PageDocument): ReadabilityArticle | null {
  return new readability.Readability(doc, { serializer: (node) => node, keepClasses: false }).parse();
}

export const isProbablyReaderable = (doc: PageDocument): boolean => readability.isProbablyReaderable(doc);
