// JSON Feed 1.1 and RSS 2.0 of the site's newest published documents (văn bản mới), the whole registry
// or one type (/van-ban/loai/{type}/...), newest publication first.
import { Feed } from 'feed';
import type { IRequest } from 'itty-router';
import { formatVietnamDate } from '../content/dates.ts';
import { database } from '../data/db.ts';
import type { DocumentSummary } from '../data/document-types.ts';
import { documentTypeBySlug, listNewDocuments } from '../data/documents-read.ts';
import { LEGAL_STATUS_LABELS } from '../documents/status.ts';
import { paths, siteOf } from '../http/origin.ts';
import { notFound } from '../http/problem.ts';
import { slugParam, type Handler } from '../http/request.ts';
import { sendJson, sendRead } from '../http/respond.ts';
import { siteName } from '../sites/registry.ts';

export const DOCUMENT_FEED_SIZE = 20;

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const day = (d: string) => formatVietnamDate(new Date(`${d}T12:00:00+07:00`));

/** "Quyết định 125/QĐ-UBND": how a portal names a document in a list. */
export const documentTitle = (d: DocumentSummary) => `${d.type.name} ${d.number}`;

/** The item's HTML: the trích yếu and the fields a reader looks for first. */
function contentHtml(d: DocumentSummary): string {
  const rows: [string, string][] = [
    ['Số ký hiệu', d.number], ['Cơ quan ban hành', d.issuer.name], ['Ngày ban hành', day(d.issuedOn)],
    ['Ngày có hiệu lực', day(d.effectiveOn ?? d.issuedOn)], ['Tình trạng', LEGAL_STATUS_LABELS[d.legalStatus]],
  ];
  return `<p>${escape(d.summary)}</p><ul>${rows.map(([k, v]) => `<li>${k}: ${escape(v)}</li>`).join('')}</ul>`;
}

async function documentFeed(request: IRequest, env: Env, perType: boolean) {
  const now = new Date();
  const db = database(env.DB);
  const site = siteOf(request, env);
  let source = { name: 'Văn bản', homePath: paths.documents(), jsonPath: paths.documentsFeed(), rssPath: paths.documentsRss() };
  let type: string | undefined;
  if (perType) {
    type = slugParam(request, 'document type');
    const term = await documentTypeBySlug(db, site.id, type);
    if (!term) throw notFound(`No document type has the slug "${type}".`);
    source = { name: term.name, homePath: `${paths.documents()}?type=${type}`, jsonPath: paths.documentTypeFeed(type), rssPath: paths.documentTypeRss(type) };
  }
  const items = await listNewDocuments(db, site.id, { limit: DOCUMENT_FEED_SIZE, type, now });
  return { site, name: siteName(site, env), source, items };
}

const itemId = (origin: string, d: DocumentSummary) => `${origin}/van-ban/id/${d.id}`;

function jsonFeedHandler(perType: boolean): Handler {
  return async (request, env) => {
    const { site, name, source, items } = await documentFeed(request, env, perType);
    const origin = site.origin;
    return sendJson(request, {
      version: 'https://jsonfeed.org/version/1.1',
      title: `${source.name} – ${name}`,
      home_page_url: origin + source.homePath,
      feed_url: origin + source.jsonPath,
      language: 'vi',
      authors: [{ name, url: origin + '/' }],
      items: items.map((d) => ({
        // The numeric id survives a slug change.
        id: itemId(origin, d),
        url: origin + paths.document(d.slug),
        title: documentTitle(d),
        summary: d.summary,
        content_html: contentHtml(d),
        date_published: d.publishedAt!.toISOString(),
        date_modified: (d.updatedAt > d.publishedAt! ? d.updatedAt : d.publishedAt!).toISOString(),
        tags: [d.type.name, ...(d.field ? [d.field.name] : [])],
        ...(d.files.length ? { attachments: d.files.map((f) => ({ url: origin + paths.documentFile(f.id, f.name), mime_type: f.contentType, title: f.name, size_in_bytes: f.size })) } : {}),
        language: 'vi',
      })),
    }, { contentType: 'application/feed+json; charset=utf-8' });
  };
}

function rssHandler(perType: boolean): Handler {
  return async (request, env) => {
    const { site, name, source, items } = await documentFeed(request, env, perType);
    const origin = site.origin;
    const feed = new Feed({
      title: `${source.name} – ${name}`,
      description: `Văn bản mới của ${name}`,
      id: origin + source.homePath,
      link: origin + source.homePath,
      language: 'vi',
      generator: 'bientap-cms',
      copyright: `© ${name}`,
      updated: items.reduce((max, d) => (d.publishedAt! > max ? d.publishedAt! : max), new Date(0)),
      feedLinks: { rss: origin + source.rssPath, json: origin + source.jsonPath },
    });
    for (const d of items) {
      feed.addItem({
        title: documentTitle(d),
        id: itemId(origin, d),
        link: origin + paths.document(d.slug),
        description: d.summary,
        content: contentHtml(d),
        date: d.publishedAt!,
        category: [{ name: d.type.name }, ...(d.field ? [{ name: d.field.name }] : [])],
      });
    }
    return sendRead(request, feed.rss2(), { contentType: 'application/rss+xml; charset=utf-8' });
  };
}

export const documentsJsonFeed = jsonFeedHandler(false);
export const documentsRss = rssHandler(false);
export const documentTypeJsonFeed = jsonFeedHandler(true);
export const documentTypeRss = rssHandler(true);
