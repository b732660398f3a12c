// Fills the "Xem nhiều nhất" lists into a page's HTML as it streams (cached or not), like the statistics box.
// The page's markup (site/components/MostRead.astro) says which window each list shows, how many items,
// and its own words for "views" and for an empty list, so no reader string lives in the Worker.
import { paths } from '../http/origin.ts';
import { formatCount, pageLanguage, type NumberLang } from './inject.ts';
import { MOST_READ_MAX, MOST_READ_WINDOWS, type MostRead, type MostReadWindow } from './most-read.ts';

/** Set by pages that show the lists, so the step reads them only then; never sent to the client. */
export const MOST_READ_HEADER = 'X-Cms-Most-Read';

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The lists' handlers, on a rewriter the page's other fillings may share (one pass over the HTML). */
export function mostReadHandlers(rewriter: HTMLRewriter, lists: MostRead, lang: () => NumberLang): HTMLRewriter {
  return rewriter.on('ol[data-most-read]', {
    element(el) {
      const window = el.getAttribute('data-most-read') as MostReadWindow;
      if (!MOST_READ_WINDOWS.includes(window)) return;
      const limit = Math.min(Number(el.getAttribute('data-limit')) || 5, MOST_READ_MAX);
      const unit = el.getAttribute('data-unit') ?? '';
      const items = lists[window].slice(0, limit);
      el.setInnerContent(items.length === 0
        ? `<li class="meta">${escapeHtml(el.getAttribute('data-empty') ?? '')}</li>`
        : items.map((a) => `<li><a href="${escapeHtml(paths.article(a.slug))}">${escapeHtml(a.title)}</a> <span class="meta">${formatCount(a.views, lang())} ${escapeHtml(unit)}</span></li>`).join(''),
      { html: true });
    },
  });
}

/** `lists` null: the counters did not answer in time; the page keeps its placeholder. */
export function injectMostRead(response: Response, lists: MostRead | null): Response {
  if (!lists) return response;
  const rewriter = new HTMLRewriter();
  return mostReadHandlers(rewriter, lists, pageLanguage(rewriter)).transform(response);
}
