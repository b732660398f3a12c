// RSS 2.0 with full content (content:encoded), built by the `feed` library, of the host's site: the whole
// site, a category or a tag, named after the site.
import { Feed } from 'feed';
import { lastModified } from '../data/article-types.ts';
import { paths, siteOf } from '../http/origin.ts';
import { siteName } from '../sites/registry.ts';
import type { Handler } from '../http/request.ts';
import { sendRead } from '../http/respond.ts';
import { feedPage, movedFeed, type FeedScope } from './feed-page.ts';
import { absoluteBodyHtml } from '../content/absolute-urls.ts';

function rssHandler(scope: FeedScope): Handler {
  return async (request, env) => {
    const answer = await feedPage(request, env, scope);
    if ('movedTo' in answer) return movedFeed(request, env, answer);
    const { source, page } = answer;
    const site = siteOf(request, env);
    const origin = site.origin;
    const name = siteName(site, env);
    const home = origin + source.homePath;
    const feed = new Feed({
      title: source.name ? `${source.name} – ${name}` : name,
      description: source.description || `Tin bài mới nhất của ${name}`,
      id: home,
      link: home,
      language: 'vi',
      generator: 'bientap-cms',
      copyright: `© ${name}`,
      updated: page.items.reduce((max, a) => (lastModified(a) > max ? lastModified(a) : max), new Date(0)),
      feedLinks: { rss: origin + source.rssPath, json: origin + source.jsonPath },
    });
    for (const a of page.items) {
      feed.addItem({
        title: a.title,
        id: `${origin}/bai-viet/id/${a.id}`,
        link: origin + paths.article(a.slug),
        description: a.summary,
        content: absoluteBodyHtml(a.bodyHtml ?? '', origin),
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
