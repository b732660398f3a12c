// Pages of no known layout: Mozilla's Readability (Firefox Reader View) finds the article's title and
// body; the date, byline and section come from the page's metadata, else its Vietnamese text.
import { collectImages, removeWidgets, textOf } from './pages-body.ts';
import { parsePageDate } from './pages-dates.ts';
import { isProbablyReaderable, readabilityArticle, type PageDocument, type PageElement } from './pages-dom.ts';
import { EMPTY_BODY, NO_DATE, type PageReading } from './pages-extract.ts';

// Share bars, print links and ads: Readability keeps some of them when they sit inside the article.
const WIDGETS = ['[class*="share" i]', '[class*="social" i]', '[class*="print" i]', '.ads', '.advertisement', '.tags', 'form', 'button'];

function meta(doc: PageDocument, names: string[]): string {
  for (const name of names) {
    const value = doc.querySelector(`meta[property="${name}" i], meta[name="${name}" i], meta[itemprop="${name}" i]`)?.getAttribute('content');
    if (value?.trim()) return value.trim();
  }
  return '';
}

/** The publish date: metadata first, then elements that look like a date line, then the article's text. */
function dateOf(doc: PageDocument, publishedTime: string | null | undefined, articleText: string): Date | null {
  const candidates = [
    meta(doc, ['article:published_time', 'datePublished', 'pubdate', 'publishdate', 'dc.date']),
    publishedTime ?? '',
    doc.querySelector('time[datetime]')?.getAttribute('datetime') ?? '',
    ...[...doc.querySelectorAll('[class*="date" i], [class*="time" i], [itemprop="datePublished"]')].map((el) => textOf(el)),
    articleText.slice(0, 2000),
  ];
  for (const candidate of candidates) {
    const date = parsePageDate(candidate);
    if (date) return date;
  }
  return null;
}

/** Reads a page of no known layout; a page Readability finds no article in is a problem. */
export function readGeneric(doc: PageDocument): PageReading {
  if (!isProbablyReaderable(doc)) return { article: null, problem: 'not an article: no article text found (Readability)', visitTotal: null };
  // Readability takes the document apart: it works on a copy, the metadata is read from the original.
  const copy = doc.cloneNode(true);
  for (const selector of WIDGETS) for (const el of copy.querySelectorAll(`body ${selector}`)) el.remove();
  const parsed = readabilityArticle(copy);
  // Readability wraps the article in <div id="readability-page-1"><div>…: the innermost lone wrapper is the body.
  let body: PageElement | null | undefined = parsed?.content;
  while (body && body.children.length === 1 && body.firstElementChild?.tagName === 'DIV' && textOf(body) === textOf(body.firstElementChild)) body = body.firstElementChild;
  if (!parsed || !body || body.nodeType !== 1) {
    return { article: null, problem: 'not an article: no article text found (Readability)', visitTotal: null };
  }
  const title = meta(doc, ['og:title']) || textOf(doc.querySelector('h1')) || (parsed.title ?? '').trim();
  if (title === '') return { article: null, problem: 'not an article: no title', visitTotal: null };
  // Readability may keep the heading inside the body; the title has its own field.
  for (const h of body.querySelectorAll('h1')) if (textOf(h) === title) h.remove();
  removeWidgets(body, WIDGETS);
  const warnings: string[] = [];
  const publishedAt = dateOf(doc, parsed.publishedTime, parsed.textContent ?? '');
  if (publishedAt === null) warnings.push(NO_DATE);
  const images = collectImages(body);
  if (textOf(body) === '' && images.length === 0) warnings.push(EMPTY_BODY);
  const section = meta(doc, ['article:section']);
  const article = {
    title,
    publishedAt,
    bodyHtml: body.innerHTML.trim(),
    summary: meta(doc, ['description', 'og:description']),
    byline: meta(doc, ['author', 'article:author']) || (parsed.byline ?? '').trim(),
    category: section ? { slug: null, name: section, parentSlug: null } : null,
    images,
    warnings,
  };
  return { article, problem: null, visitTotal: null };
}
