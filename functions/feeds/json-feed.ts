// JSON Feed 1.1 (https://jsonfeed.org/version/1.1) of the host's site: the whole site, one category or one
// tag, paged by next_url, named after the site.
import { lastModified, type ArticleSummary } from '../data/article-types.ts';
import { paths, siteOf } from '../http/origin.ts';
import { siteName } from '../sites/registry.ts';
import type { Handler } from '../http/request.ts';
import { sendJson } from '../http/respond.ts';
import { feedPage, movedFeed, type FeedScope } from './feed-page.ts';
import { absoluteBodyHtml } from '../content/absolute-urls.ts';

/** The JSON Feed 1.1 item fields we publish. */
interface JsonFeedItem {
  id: string;
  url: string;
  title: string;
  content_html: string;
  summary?: string;
  image?: string;
  date_published: string;
  date_modified: string;
  authors?: { name: string }[];
  tags?: string[];
  language: 'vi';
}

function item(a: ArticleSummary, origin: string): JsonFeedItem {
  const url = origin + paths.article(a.slug);
  return {
    // The id must never change: the numeric id survives slug edits, the URL would not.
    id: `${origin}/bai-viet/id/${a.id}`,
    url,
    title: a.title,
    content_html: absoluteBodyHtml(a.bodyHtml ?? '', origin),
    ...(a.summary ? { summary: a.summary } : {}),
    ...(a.cover ? { image: origin + paths.media(a.cover.key) } : {}),
    date_published: a.publishedAt!.toISOString(),
    date_modified: lastModified(a).toISOString(),
    ...(a.byline ? { authors: [{ name: a.byline }] } : {}),
    ...(a.tags.length ? { tags: a.tags.map((t) => t.name) } : {}),
    language: 'vi',
  };
}

function jsonFeedHandler(scope: FeedScope): Handler {
  return async (request, env) => {
    const answer = await feedPage(request, env, scope);
    if ('movedTo' in answer) return movedFeed(request, env, answer);
    const { source, page } = answer;
    const site = siteOf(request, env);
    const origin = site.origin;
    const name = siteName(site, env);
    const feed = {
      version: 'https://jsonfeed.org/version/1.1',
      title: source.name ? `${source.name} – ${name}` : name,
      home_page_url: origin + source.homePath,
      feed_url: origin + source.jsonPath,
      ...(source.description ? { description: source.description } : {}),
      language: 'vi',
      authors: [{ name, url: origin + '/' }],
      ...(page.nextCursor ? { next_url: `${origin}${source.jsonPath}?cursor=${page.nextCursor}` } : {}),
      items: page.items.map((a) => item(a, origin)),
    };
    return sendJson(request, feed, { contentType: 'application/feed+json; charset=utf-8' });
  };
}

export const siteJsonFeed = jsonFeedHandler('site');
export const categoryJsonFeed = jsonFeedHandler('category');
export const tagJsonFeed = jsonFeedHandler('tag');
