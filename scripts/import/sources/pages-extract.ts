// What one legacy page holds, read with a layout profile (CSS selectors) or, for a page of no known
// layout, with Readability (pages-readability.ts). Pure over a DOM: the sources feed it pages.
import type { SourceCategory, SourceImage } from '../item.ts';
import type { PageProfile } from '../profiles/profile.ts';
import type { PageDocument, PageElement } from './pages-dom.ts';
import { collectImages, removeWidgets, textOf } from './pages-body.ts';
import { parsePageDate } from './pages-dates.ts';

/** The article a page holds, before it becomes a SourceItem (which adds identity and old paths). */
export interface PageArticle {
  title: string;
  publishedAt: Date | null;
  bodyHtml: string;
  summary: string;
  byline: string;
  category: SourceCategory | null;
  images: SourceImage[];
  warnings: string[];
}

/** A page's reading: its article or why it has none, plus the visit total its stats box shows. */
export interface PageReading {
  article: PageArticle | null;
  /** Why the page is not an article (a list page, no title); null when it is one. */
  problem: string | null;
  visitTotal: number | null;
}

export const NO_DATE = 'no date';
export const EMPTY_BODY = 'empty body';

// The number after "Tổng truy cập" (dots, commas or spaces as thousands separators).
const VISIT_TOTAL = /Tổng\s+(?:số\s+)?(?:lượt\s+)?truy\s+cập\s*:?\s*(\d[\d.,\s]*)/iu;

/** "Tổng truy cập: 3.557.924" in the profile's stats box -> 3557924; null when the page has none. */
export function visitTotalOf(doc: PageDocument, selector: string | undefined): number | null {
  if (selector === undefined) return null;
  let best: number | null = null;
  for (const box of doc.querySelectorAll(selector)) {
    const text = textOf(box);
    const digits = (VISIT_TOTAL.exec(text)?.[1] ?? (/^[\d.,\s]+$/.test(text) ? text : '')).replace(/\D/g, '');
    const total = digits === '' ? NaN : Number(digits);
    if (Number.isSafeInteger(total) && (best === null || total > best)) best = total;
  }
  return best;
}

function isHomeCrumb(a: PageElement): boolean {
  const href = a.getAttribute('href') ?? '';
  let path = '';
  try {
    path = new URL(href).pathname;
  } catch {
    path = href;
  }
  return /^\/?(?:trang-chu|home|index\.\w+)?\/?$/i.test(path) || /^(?:trang chủ|home)$/iu.test(textOf(a));
}

/** The breadcrumb's last crumb (not home, not the article itself) as the item's category. */
function categoryOf(doc: PageDocument, selector: string | undefined, title: string): SourceCategory | null {
  if (selector === undefined) return null;
  const crumbs = [...doc.querySelectorAll(selector)].filter((a) => textOf(a) !== '' && !isHomeCrumb(a) && textOf(a) !== title);
  const last = crumbs.at(-1);
  return last ? { slug: null, name: textOf(last), parentSlug: null } : null;
}

function dateOf(doc: PageDocument, profile: PageProfile): Date | null {
  const el = doc.querySelector(profile.date);
  if (!el) return null;
  const attribute = el.getAttribute('datetime') ?? el.getAttribute('content');
  return (attribute ? parsePageDate(attribute) : null) ?? parsePageDate(textOf(el), profile.dateFormat);
}

/** The byline element (last non-empty match, checked against the pattern) and its text; it leaves the page. */
function takeByline(doc: PageDocument, profile: PageProfile): string {
  if (!profile.byline) return '';
  const candidates = [...doc.querySelectorAll(profile.byline.selector)].filter((el) => textOf(el) !== '');
  const last = candidates.at(-1);
  const text = textOf(last);
  if (!last || (profile.byline.pattern !== undefined && !new RegExp(profile.byline.pattern, 'u').test(text))) return '';
  last.remove();
  return text;
}

function hasContent(body: PageElement): boolean {
  return textOf(body) !== '' || body.querySelector('img, table, iframe, video') !== null;
}

/** Reads a page laid out as `profile` says. */
export function readWithProfile(doc: PageDocument, profile: PageProfile): PageReading {
  const visitTotal = visitTotalOf(doc, profile.visits);
  const body = doc.querySelector(profile.body);
  const title = textOf(doc.querySelector(profile.title));
  if (!body) return { article: null, problem: `not an article: no body (${profile.body}); a list page?`, visitTotal };
  if (title === '') return { article: null, problem: `not an article: no title (${profile.title})`, visitTotal };
  const warnings: string[] = [];
  const publishedAt = dateOf(doc, profile);
  if (publishedAt === null) warnings.push(NO_DATE);
  const category = categoryOf(doc, profile.category, title);
  removeWidgets(body, profile.remove ?? []);
  const byline = takeByline(doc, profile);
  const images = collectImages(body, profile.images?.selector, profile.images?.caption);
  if (!hasContent(body)) warnings.push(EMPTY_BODY);
  const article = { title, publishedAt, bodyHtml: body.innerHTML.trim(), summary: '', byline, category, images, warnings };
  return { article, problem: null, visitTotal };
}
