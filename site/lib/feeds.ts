// Feeds a page offers besides the site-wide ones (/feed.json, /rss.xml): its category's, or its tag's list.
import { paths } from '../../functions/http/origin.ts';
import { UI } from '../consts.ts';

export interface FeedLink {
  title: string;
  json: string;
  rss: string;
}

export function categoryFeeds(category: { slug: string; name: string }): FeedLink {
  return { title: category.name, json: paths.categoryFeed(category.slug), rss: paths.categoryRss(category.slug) };
}

export function tagFeeds(tag: { slug: string; name: string }): FeedLink {
  return { title: UI.tagHeading(tag.name), json: paths.tagFeed(tag.slug), rss: paths.tagRss(tag.slug) };
}
