// JSON Feed 1.1 (https://jsonfeed.org/version/1.1): the whole site, or one category, paged by next_url.
import { lastModified, type ArticleSummary } from '../data/article-types.ts';
import { paths, siteOrigin } from '../http/origin.ts';
import type { Handler } from '../http/request.ts';
import { sendJson } from '../http/respond.ts';
import { feedPage } from './feed-page.ts';

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
    content_html: a.bodyHtml ?? '',
    ...(a.summary ? { summary: a.summary } : {}),
    ...(a.cover ? { image: origin + paths.media(a.cover.key) } : {}),
    date_published: a.publishedAt!.toISOString(),
    date_modified: lastModified(a).toISOString(),
    ...(a.byline ? { authors: [{ name: a.byline }] } : {}),
    ...(a.tags.length ? { tags: a.tags.map((t) => t.name) } : {}),
    language: 'vi',
  };
}

function jsonFeedHandler(perCategory: boolean): Handler {
  return async (request, env) => {
    const { category, page } = await feedPage(request, env, { perCategory, withBody: true });
    const origin = siteOrigin(request, env);
    const feedPath = category ? paths.categoryFeed(category.slug) : '/feed.json';
    const feed = {
      version: 'https://jsonfeed.org/version/1.1',
      title: category ? `${category.name} – ${env.SITE_NAME}` : env.SITE_NAME,
      home_page_url: origin + (category ? paths.category(category.slug) : '/'),
      feed_url: origin + feedPath,
      ...(category?.description ? { description: category.description } : {}),
      language: 'vi',
      authors: [{ name: env.SITE_NAME, url: origin + '/' }],
      ...(page.nextCursor ? { next_url: `${origin}${feedPath}?cursor=${page.nextCursor}` } : {}),
      items: page.items.map((a) => item(a, origin)),
    };
    return sendJson(request, feed, { contentType: 'application/feed+json; charset=utf-8' });
  };
}

export const siteJsonFeed = jsonFeedHandler(false);
export const categoryJsonFeed = jsonFeedHandler(true);
