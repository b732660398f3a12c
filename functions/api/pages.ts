// /api/v1/pages: the host's site's published pages (both languages' slugs) and one page; a former slug
// answers 301, a draft 404 unless a token of the site asks. HTTP only: reads are data/pages-read.ts'.
import { database } from '../data/db.ts';
import { listPublishedPages, pageMovedTo, readPageBySlug, readPublishedPage, type PageRef, type SitePage } from '../data/pages-read.ts';
import { callerOf } from '../http/auth.ts';
import { paths, siteOf } from '../http/origin.ts';
import { notFound } from '../http/problem.ts';
import { slugParam, type Handler } from '../http/request.ts';
import { PRIVATE_CACHE, sendJson } from '../http/respond.ts';
import { absoluteBodyHtml } from '../content/absolute-urls.ts';

function refJson(p: PageRef & { state?: string }, origin: string) {
  return {
    slug: p.slug, title: p.title, url: origin + paths.page(p.slug),
    slugEn: p.slugEn, titleEn: p.slugEn === null ? null : p.titleEn, urlEn: p.slugEn === null ? null : origin + paths.pageEn(p.slugEn),
    status: p.state ?? 'published', publishedAt: p.publishedAt?.toISOString() ?? null, updatedAt: p.updatedAt.toISOString(),
  };
}

function pageJson(p: SitePage, origin: string) {
  const en = p.slugEn !== null;
  return {
    ...refJson(p, origin), summary: p.summary, body: p.bodyMarkdown, html: absoluteBodyHtml(p.bodyHtml, origin),
    summaryEn: en ? p.summaryEn : null, bodyEn: en ? p.bodyMarkdownEn : null, htmlEn: en ? absoluteBodyHtml(p.bodyHtmlEn, origin) : null,
  };
}

export const browse: Handler = async (request, env) => {
  const site = siteOf(request, env);
  const list = await listPublishedPages(database(env.DB), site.id, new Date());
  return sendJson(request, { items: list.map((p) => refJson(p, site.origin)) });
};

export const read: Handler = async (request, env) => {
  const now = new Date();
  const slug = slugParam(request, 'page');
  const site = siteOf(request, env);
  // A token of this site may see its drafts; without one, a draft is indistinguishable from nothing.
  const caller = await callerOf(request, env, now);
  const db = database(env.DB);
  const page = caller ? await readPageBySlug(db, site.id, slug, now) : await readPublishedPage(db, site.id, 'vi', slug, now);
  if (!page) {
    const movedTo = await pageMovedTo(db, site.id, slug, now);
    if (movedTo) {
      return new Response(null, { status: 301, headers: { Location: site.origin + paths.apiPage(movedTo), 'Cache-Control': 'public, max-age=300', 'Access-Control-Allow-Origin': '*' } });
    }
    throw notFound(`No page has the slug "${slug}".`);
  }
  return sendJson(request, pageJson(page, site.origin), caller !== null || page.state !== 'published' ? { cacheControl: PRIVATE_CACHE } : {});
};
