// Data of a province's "Tin từ cơ sở": the home section (featured commune articles first, then the
// newest) and the keyset-paged /tin-tu-co-so page; every item links to its commune's canonical URL.
import { env } from 'cloudflare:workers';
import { listFeatured, listRollup, rollupPreviousCursor, type RollupArticle } from '../../functions/data/rollup.ts';
import { communeFinder, withCommunes, type Commune } from '../../functions/feeds/rollup.ts';
import { paths } from '../../functions/http/origin.ts';
import { LIST_PAGE_SIZE, ROLLUP_HOME_SIZE } from '../consts.ts';
import { cursorFrom, pageHref } from './paging.ts';
import type { SiteContext } from './site.ts';

/** "Cổng thông tin điện tử xã Tân Cương" -> "Xã Tân Cương": the place, as a list item's label. */
export function placeName(siteName: string): string {
  const place = /^cổng thông tin(?: điện tử)?\s+(.+)$/iu.exec(siteName.trim())?.[1];
  return place ? place.charAt(0).toLocaleUpperCase('vi') + place.slice(1) : siteName;
}

export interface RollupEntry {
  article: RollupArticle;
  commune: Commune;
  /** The commune's place name for the item's label. */
  place: string;
  /** The article's canonical URL, on its commune's host. */
  url: string;
  featured: boolean;
}

function entries(items: RollupArticle[], site: SiteContext, url: URL, featured: boolean): RollupEntry[] {
  return withCommunes(items, communeFinder(url, env)).map(({ article, commune }) => ({
    article, commune, place: placeName(commune.name), url: commune.origin + paths.article(article.slug), featured,
  }));
}

/** The home page's section of a province (null for a site without communes): featured first, then the newest. */
export async function loadRollupSection(site: SiteContext, url: URL): Promise<RollupEntry[] | null> {
  if (site.childIds.length === 0) return null;
  const [featured, newest] = await Promise.all([
    listFeatured(site.db, site.id, site.now),
    listRollup(site.db, site.id, { limit: ROLLUP_HOME_SIZE, now: site.now }),
  ]);
  const shown = new Set(featured.map((a) => a.id));
  return [...entries(featured, site, url, true), ...entries(newest.items.filter((a) => !shown.has(a.id)), site, url, false)];
}

export interface RollupPage {
  entries: RollupEntry[];
  continued: boolean;
  newerHref: string | null;
  olderHref: string | null;
}

/** One page of /tin-tu-co-so; null when the site has no communes or the cursor is not ours (404). */
export async function loadRollupPage(site: SiteContext, url: URL): Promise<RollupPage | null> {
  if (site.childIds.length === 0) return null;
  const cursor = cursorFrom(url);
  if (cursor === null) return null;
  const page = await listRollup(site.db, site.id, { limit: LIST_PAGE_SIZE, cursor, now: site.now });
  const first = page.items[0];
  let newerHref: string | null = null;
  if (cursor && first) {
    const previous = await rollupPreviousCursor(site.db, site.id, first, LIST_PAGE_SIZE, site.now);
    newerHref = previous ? pageHref(url.pathname, previous.cursor) : null;
  } else if (cursor) {
    newerHref = url.pathname;
  }
  return {
    entries: entries(page.items, site, url, false),
    continued: Boolean(cursor),
    newerHref,
    olderHref: page.nextCursor ? pageHref(url.pathname, page.nextCursor) : null,
  };
}
