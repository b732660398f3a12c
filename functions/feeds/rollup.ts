// "Tin từ cơ sở" as feeds: a province's JSON Feed 1.1 and RSS 2.0 of its communes' newest articles,
// each item linking to the article's canonical URL on its commune's own host (the `feed` library for
// RSS, as the site's own feeds; RSS <source> names the commune). Only a site with communes has them.
import { Feed } from 'feed';
import { lastModified } from '../data/article-types.ts';
import { decodeCursor } from '../data/cursor.ts';
import { database } from '../data/db.ts';
import { listRollup, type RollupArticle } from '../data/rollup.ts';
import { paths, siteOf } from '../http/origin.ts';
import { notFound } from '../http/problem.ts';
import { queryOf, type Handler } from '../http/request.ts';
import { sendJson, sendRead } from '../http/respond.ts';
import { heldRegistry, siteName, type Registry } from '../sites/registry.ts';
import { originOf, type Site } from '../sites/resolve.ts';
import { ROLLUP_PATH } from '../sites/rollup.ts';
import { FEED_PAGE_SIZE } from './feed-page.ts';
import { absoluteBodyHtml } from '../content/absolute-urls.ts';

export const ROLLUP_TITLE = 'Tin từ cơ sở';
export const ROLLUP_FEEDS = { json: `${ROLLUP_PATH}/feed.json`, rss: `${ROLLUP_PATH}/rss.xml` } as const;

/** The commune an item comes from: its name and canonical origin (null when it is served nowhere). */
export interface Commune {
  name: string;
  origin: string;
}

/** Finds each item's commune in the registry; the origin follows the request's scheme and local port. */
export function communeFinder(requestUrl: URL, env: Env, registry: Registry = heldRegistry()): (siteId: number) => Commune | null {
  return (siteId) => {
    const site = registry.byId.get(siteId);
    const origin = site ? originOf(site, requestUrl, env, registry) : null;
    return site && origin ? { name: siteName(site, env), origin } : null;
  };
}

/** The items with their communes; an item whose commune has no hostname (so no URL) is left out. */
export function withCommunes(items: RollupArticle[], find: (siteId: number) => Commune | null): { article: RollupArticle; commune: Commune }[] {
  return items.flatMap((article) => {
    const commune = find(article.siteId);
    return commune ? [{ article, commune }] : [];
  });
}

async function rollupFeedPage(request: Request, env: Env) {
  const province: Site = siteOf(request, env);
  if (province.childIds.length === 0) throw notFound('This site has no communes, so no "Tin từ cơ sở".');
  const { cursor } = queryOf(request);
  const page = await listRollup(database(env.DB), province.id, {
    limit: FEED_PAGE_SIZE, cursor: cursor ? decodeCursor(cursor) : undefined, withBody: true, now: new Date(),
  });
  const items = withCommunes(page.items, communeFinder(new URL(request.url), env));
  return { province, name: siteName(province, env), page, items };
}

export const rollupJsonFeed: Handler = async (request, env) => {
  const { province, name, page, items } = await rollupFeedPage(request, env);
  const origin = province.origin;
  const feed = {
    version: 'https://jsonfeed.org/version/1.1',
    title: `${ROLLUP_TITLE} – ${name}`,
    home_page_url: origin + ROLLUP_PATH,
    feed_url: origin + ROLLUP_FEEDS.json,
    description: `Tin bài mới nhất của các xã, phường trực thuộc, tổng hợp trên ${name}.`,
    language: 'vi',
    authors: [{ name, url: origin + '/' }],
    ...(page.nextCursor ? { next_url: `${origin}${ROLLUP_FEEDS.json}?cursor=${page.nextCursor}` } : {}),
    items: items.map(({ article: a, commune }) => ({
      // The commune's own feed item id: an aggregator that reads both sees one item.
      id: `${commune.origin}/bai-viet/id/${a.id}`,
      url: commune.origin + paths.article(a.slug),
      title: a.title,
      content_html: absoluteBodyHtml(a.bodyHtml ?? '', commune.origin),
      ...(a.summary ? { summary: a.summary } : {}),
      ...(a.cover ? { image: commune.origin + paths.media(a.cover.key) } : {}),
      date_published: a.publishedAt!.toISOString(),
      date_modified: lastModified(a).toISOString(),
      authors: [{ name: a.byline || commune.name, url: commune.origin + '/' }],
      tags: [commune.name, ...a.tags.map((t) => t.name)],
      language: 'vi',
    })),
  };
  return sendJson(request, feed, { contentType: 'application/feed+json; charset=utf-8' });
};

export const rollupRss: Handler = async (request, env) => {
  const { province, name, page, items } = await rollupFeedPage(request, env);
  const origin = province.origin;
  const feed = new Feed({
    title: `${ROLLUP_TITLE} – ${name}`,
    description: `Tin bài mới nhất của các xã, phường trực thuộc, tổng hợp trên ${name}.`,
    id: origin + ROLLUP_PATH,
    link: origin + ROLLUP_PATH,
    language: 'vi',
    generator: 'bientap-cms',
    copyright: `© ${name}`,
    updated: page.items.reduce((max, a) => (lastModified(a) > max ? lastModified(a) : max), new Date(0)),
    feedLinks: { rss: origin + ROLLUP_FEEDS.rss, json: origin + ROLLUP_FEEDS.json },
  });
  for (const { article: a, commune } of items) {
    feed.addItem({
      title: a.title,
      id: `${commune.origin}/bai-viet/id/${a.id}`,
      link: commune.origin + paths.article(a.slug),
      description: a.summary,
      content: absoluteBodyHtml(a.bodyHtml ?? '', commune.origin),
      date: a.publishedAt!,
      extensions: [
        // RSS 2.0 <source>: the channel the item came from, the commune's own RSS.
        { name: 'source', objects: { _attributes: { url: commune.origin + '/rss.xml' }, _text: commune.name } },
        ...(a.byline ? [{ name: 'dc:creator', objects: { _text: a.byline } }] : []),
      ],
      category: [{ name: a.category.name }, ...a.tags.map((t) => ({ name: t.name }))],
    });
  }
  return sendRead(request, feed.rss2(), { contentType: 'application/rss+xml; charset=utf-8' });
};
