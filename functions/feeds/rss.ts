// RSS 2.0 with full content (content:encoded), built by the `feed` library: the site, a category or a tag.
import { Feed } from 'feed';
import { lastModified } from '../data/article-types.ts';
import { paths, siteOrigin } from '../http/origin.ts';
import type { Handler } from '../http/request.ts';
import { sendRead } from '../http/respond.ts';
import { feedPage, type FeedScope } from './feed-page.ts';

function rssHandler(scope: FeedScope): Handler {
  return async (request, env) => {
    const { source, page } = await feedPage(request, env, scope);
    const origin = siteOrigin(request, env);
    const home = origin + source.homePath;
    const feed = new Feed({
      title: source.name ? `${source.name} – ${env.SITE_NAME}` : env.SITE_NAME,
      description: source.description || `Tin bài mới nhất của ${env.SITE_NAME}`,
      id: home,
      link: home,
      language: 'vi',
      generator: 'bientap-cms',
      copyright: `© ${env.SITE_NAME}`,
      updated: page.items.reduce((max, a) => (lastModified(a) > max ? lastModified(a) : max), new Date(0)),
      feedLinks: { rss: origin + source.rssPath, json: origin + source.jsonPath },
    });
    for (const a of page.items) {
      feed.addItem({
        title: a.title,
        id: `${origin}/bai-viet/id/${a.id}`,
        link: origin + paths.article(a.slug),
        description: a.summary,
        content: a.bodyHtml ?? '',
        date: a.publishedAt!,
        // RSS <author> must be an e-mail address; a byline is a name: Dublin Core's creator.
        ...(a.byline ? { extensions: [{ name: 'dc:creator', objects: { _text: a.byline } }] } : {}),
        category: [{ name: a.category.name }, ...a.tags.map((t) => ({ name: t.name }))],
      });
    }
    return sendRead(request, feed.rss2(), { contentType: 'application/rss+xml; charset=utf-8' });
  };
}

export const siteRss = rssHandler('site');
export const categoryRss = rssHandler('category');
export const tagRss = rssHandler('tag');
