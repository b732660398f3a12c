// Fills the "Thống kê truy cập" numbers into a page's HTML as it streams, on cache hits and misses alike.
import type { Figures } from './figures.ts';

/** A page's language as its <html lang> says: English pages write numbers the English way (3,557,924). */
export type NumberLang = 'vi' | 'en';
const numbers: Record<NumberLang, Intl.NumberFormat> = { vi: new Intl.NumberFormat('vi-VN'), en: new Intl.NumberFormat('en-US') };
/** Shown when the counters are unavailable and nothing is known yet. */
export const PLACEHOLDER = '—';

export function formatCount(n: number | undefined, lang: NumberLang = 'vi'): string {
  return n === undefined ? PLACEHOLDER : numbers[lang].format(n);
}

/**
 * Reads the page's language from <html lang> (it streams before the body), for the handlers that follow
 * on the same rewriter: the stored page says its language, whether it came from the cache or not.
 */
export function pageLanguage(rewriter: HTMLRewriter): () => NumberLang {
  let lang: NumberLang = 'vi';
  rewriter.on('html', { element(el) { lang = /^en\b/i.test(el.getAttribute('lang') ?? '') ? 'en' : 'vi'; } });
  return () => lang;
}

/** The figures' handlers, on a rewriter the page's other fillings may share (one pass over the HTML). */
export function figureHandlers(rewriter: HTMLRewriter, figures: Figures | null, lang: () => NumberLang): HTMLRewriter {
  const value = (name: string | null): string | undefined => {
    const n = name === 'online' ? figures?.onlineNow : name === 'total' ? figures?.totalVisits : name === 'today' ? figures?.visitsToday : null;
    return n === null ? undefined : formatCount(n, lang());
  };
  return rewriter.on('[data-stat]', {
    element(el) {
      const text = value(el.getAttribute('data-stat'));
      if (text !== undefined) el.setInnerContent(text);
    },
  });
}

export function injectFigures(response: Response, figures: Figures | null): Response {
  const rewriter = new HTMLRewriter();
  return figureHandlers(rewriter, figures, pageLanguage(rewriter)).transform(response);
}
