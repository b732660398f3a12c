// The statistics step every HTML page passes through: count the view on the host's site if it is a
// reader's (stored after the response, in a batch), then write the isolate's figures of that site (at
// most 1 s old) into the page. Pages stay fast and up even when the counters are not.
import { readerId, isCountedView } from './reader.ts';
import { bounded, figuresForPage, recordView } from './figures.ts';
import { figureHandlers, pageLanguage } from './inject.ts';
import { mostReadHandlers, MOST_READ_HEADER } from './most-read-inject.ts';
import { mostReadDigest, mostReadForPage, type MostRead } from './most-read.ts';
import { readVersion } from '../cache/generation.ts';
import { noneMatch } from '../http/etag.ts';
import { siteOf } from '../http/origin.ts';

/** Set by the page renderer on article pages so the view is attributed; never sent to the client. */
export const ARTICLE_ID_HEADER = 'X-Cms-Article-Id';

/** The admin and draft previews show no public figures and must keep their own no-store headers. */
const NO_FIGURES = /^\/(?:admin|xem-truoc)(?:\/|$)/;

export async function withVisitorStats(request: Request, env: Env, ctx: ExecutionContext, response: Response): Promise<Response> {
  // The cheap test first: most answers (API, feeds, media) are not HTML and pass untouched.
  if (!(response.headers.get('Content-Type') ?? '').startsWith('text/html')) return response;
  if (env.STATS_COUNTING === 'off' || NO_FIGURES.test(new URL(request.url).pathname)) return response;
  // The Worker entry refused unknown hosts; archived sites are still read, so they still count.
  const site = siteOf(request, env);
  const now = new Date();
  const articleId = Number(response.headers.get(ARTICLE_ID_HEADER)) || undefined;
  if (isCountedView(request, response)) {
    if (env.STATS_SALT) {
      const view = { reader: await readerId(request, env.STATS_SALT, now), articleId };
      // Stored after the response has left; a failure is logged, never shown to the reader.
      ctx.waitUntil(recordView(env, site, view, now).catch((error: unknown) => console.error('page view not counted:', (error as Error).message)));
    } else console.error('STATS_SALT is not set: page views are not counted');
  }
  const [figures, mostRead] = await Promise.all([
    figuresForPage(env, site, now),
    response.headers.has(MOST_READ_HEADER) ? mostReadOf(request, env, site, now) : null,
  ]);
  const page = new Response(response.body, response);
  page.headers.delete(ARTICLE_ID_HEADER);
  page.headers.delete(MOST_READ_HEADER);
  page.headers.delete('Content-Length');
  // Browsers must revalidate (the numbers are live); the validator is the stored page's plus the
  // figures written into it, so an unchanged page with unchanged numbers answers 304.
  page.headers.set('Cache-Control', 'private, no-cache');
  const stored = response.headers.get('ETag');
  page.headers.delete('ETag');
  if (stored && figures) {
    const lists = mostRead ? `.${mostReadDigest(mostRead)}` : '';
    const etag = `W/"${stored.replace(/^W\//, '').replaceAll('"', '')}.${figures.onlineNow}.${figures.totalVisits}.${figures.visitsToday}${lists}"`;
    page.headers.set('ETag', etag);
    if (response.status === 200 && noneMatch(request, etag)) {
      page.headers.delete('Content-Type');
      return new Response(null, { status: 304, headers: page.headers });
    }
  }
  // One HTMLRewriter pass for the figures and the lists: a second pass over the page cost about a
  // tenth of the home page's throughput with counting on (measured with wrangler dev, issue 12).
  const rewriter = new HTMLRewriter();
  const lang = pageLanguage(rewriter);
  figureHandlers(rewriter, figures, lang);
  if (mostRead) mostReadHandlers(rewriter, mostRead, lang);
  return rewriter.transform(page);
}

/**
 * "Xem nhiều nhất" for a page that shows it, bounded in time like the figures: null (the page keeps its
 * placeholder) when the counters or the generation do not answer. Keyed by the site's generation, so an
 * article unpublished a moment ago is gone from the lists with the write, not a minute later.
 */
async function mostReadOf(request: Request, env: Env, site: ReturnType<typeof siteOf>, now: Date): Promise<MostRead | null> {
  const lists = (async () => {
    const version = await readVersion(env, site.id, request.headers.get('CF-Connecting-IP') ?? '', now.getTime());
    return mostReadForPage(env, site, `${version.generation}`, now);
  })();
  return bounded(lists, () => null, 'most read');
}
