// Where a saved page lived on the old site (the browser's "saved from url" mark, rel=canonical, og:url),
// and that URL as an import identity (sourceKey) and as the old path that must redirect.

import type { PageDocument } from './pages-dom.ts';

// Parameters that name no page, so they are neither identity nor old path: the tracking a share link
// adds, and the way back a Liferay asset publisher puts on every article link it lists
// (`.../content/slug?inheritRedirect=false&redirect=<the list page>`): one article is saved or crawled
// under as many URLs as lists showing it, while readers and search engines also use the bare one.
// Dropped, the old path is the bare path, which any of those spellings reaches (the lookup tries the
// path alone when path+query has no row).
const TRACKING = /^(?:utm_[a-z]+|fbclid|gclid|zarsrc|_ga|redirect|inheritRedirect)$/i;

/** An absolute http(s) URL without fragment and tracking parameters; null for anything else. */
export function normalizePageUrl(value: string, base?: string): string | null {
  let url: URL;
  try {
    url = new URL(value.trim(), base);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  url.hash = '';
  for (const name of [...url.searchParams.keys()]) if (TRACKING.test(name)) url.searchParams.delete(name);
  // searchParams rewrites the query's encoding: only touch it when a parameter was dropped.
  return url.href.replace(/\?$/, '');
}

/** "/path?query" of an absolute URL: the old address that must answer 301 on the same host. */
export function oldPathOfUrl(url: string): string {
  const parsed = new URL(url);
  return parsed.pathname + parsed.search;
}

// IE/Edge/Chrome write `<!-- saved from url=(0066)https://... -->` (the mark of the web) near the top.
const SAVED_FROM = /<!--\s*saved from url=\(\d+\)(\S+?)\s*-->/i;

/** The page's URL on the old site, or null when the saved file does not say it. */
export function pageUrlOf(html: string, doc: PageDocument): string | null {
  const saved = SAVED_FROM.exec(html.slice(0, 4096))?.[1];
  const candidates = [
    saved,
    doc.querySelector('link[rel~="canonical" i]')?.getAttribute('href'),
    doc.querySelector('meta[property="og:url" i]')?.getAttribute('content'),
  ];
  for (const candidate of candidates) {
    const url = candidate ? normalizePageUrl(candidate) : null;
    if (url) return url;
  }
  return null;
}
