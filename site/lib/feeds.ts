// Feeds a page offers besides the site-wide ones (/feed.json, /rss.xml): its category's, or its tag's list.
import { paths } from '../../functions/http/origin.ts';
import { UI } from '../consts.ts';
import { sitePaths } from './urls.ts';

export interface FeedLink {
  title: string;
  json: string;
  /** Omitted when the list has no RSS. */
  rss?: string;
  /** Media type of `json`: a JSON Feed, or a plain JSON list (the API) where no feed exists. */
  jsonType?: 'application/feed+json' | 'application/json';
}

export function categoryFeeds(category: { slug: string; name: string }): FeedLink {
  return { title: category.name, json: paths.categoryFeed(category.slug), rss: sitePaths.categoryRss(category.slug) };
}

/** Tags have no JSON Feed route (yet): their list comes from the content API, which is JSON too. */
export function tagFeeds(tag: { slug: string; name: string }): FeedLink {
  return { title: UI.tagHeading(tag.name), json: `/api/v1/articles?tag=${encodeURIComponent(tag.slug)}`, jsonType: 'application/json' };
}
