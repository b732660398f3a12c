// Every URL the Worker answers, one line each, grouped by resource, with who may call it.
// The router and the OpenAPI document are both built from this table.
import type { z } from 'zod';
import * as articles from './api/articles.ts';
import * as categories from './api/categories.ts';
import * as documents from './api/documents.ts';
import * as sitePages from './api/pages.ts';
import { PageListOut, PageOut } from './api/page-schemas.ts';
import { DocumentCreate, DocumentListOut, DocumentListQuery, DocumentOut, DocumentPatch } from './api/document-schemas.ts';
import * as stats from './api/stats.ts';
import * as exporting from './api/export.ts';
import * as restoring from './api/restore.ts';
import { backupFile, backupList, backupTable } from './api/export-backups.ts';
import { ExportBackupsOut, ExportManifestOut, ExportMediaOut, ExportObjectQuery, ExportPageQuery, ExportQuery, ExportVisitsOut } from './api/export-schemas.ts';
import { openapi } from './api/openapi.ts';
import { importArticles } from './import/articles.ts';
import { importCategories } from './import/categories.ts';
import { known } from './import/known.ts';
import { importMedia } from './import/media.ts';
import { importPages } from './import/pages.ts';
import { revokeOwnToken } from './import/token.ts';
import { visits } from './import/visits.ts';
import {
  CategoriesIn, CategoriesOut, ImportArticlesIn, ImportItemsOut, ImportPagesIn, ImportQuery, KnownIn, KnownOut, MediaOut, SiteQuery, VisitsIn, VisitsOut,
} from './import/schemas.ts';
import {
  ArticleCreate, ArticleListOut, ArticleOut, ArticlePatch, CategoryListOut, CategoryOut, ListQuery, StatsOut,
} from './api/schemas.ts';
import { categoryJsonFeed, siteJsonFeed, tagJsonFeed } from './feeds/json-feed.ts';
import { documentsJsonFeed, documentsRss, documentTypeJsonFeed, documentTypeRss } from './feeds/document-feeds.ts';
import { robots } from './feeds/robots.ts';
import { categoryRss, siteRss, tagRss } from './feeds/rss.ts';
import { rollupJsonFeed, rollupRss } from './feeds/rollup.ts';
import { sitemap } from './feeds/sitemap.ts';
import { sitemapSliceHandler } from './feeds/sitemap-index.ts';
import { serveMedia } from './media/serve.ts';
import { uploadDocumentFile } from './documents/files/api.ts';
import { serveDocumentFile } from './documents/files/serve.ts';
import type { AdminHandler, ImportHandler, WriteHandler } from './http/auth.ts';
import * as webhooks from './api/webhooks.ts';
import {
  DeliveryOut, RedeliverOut, WebhookCreate, WebhookCreatedOut, WebhookDetailOut, WebhookListOut, WebhookOut, WebhookPatch,
} from './api/webhook-schemas.ts';
import type { Handler } from './http/request.ts';

export interface RouteDoc {
  summary: string;
  tag: string;
  query?: z.ZodType;
  body?: z.ZodType;
  response?: z.ZodType;
  status?: number;
  contentType?: string;
  /** Request headers the operation reads besides auth and If-Match (documented in the OpenAPI). */
  headers?: { name: string; description: string }[];
  /** A body other than JSON `body` (an upload, NDJSON, bytes): its media type. */
  requestType?: string;
  /**
   * Statuses the handler gives besides those its auth kind, method, body and path imply (openapi.ts):
   * 301 from a former slug, 401 for a bad token a public read checks, a 409 or 416 of its own.
   */
  statuses?: number[];
}

interface RouteBase {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  path: string;
  /** Anonymous GETs are served from the edge cache, keyed by the content generation. */
  cache?: 'edge';
  doc?: RouteDoc;
}

/**
 * public: anyone (reads accept any token, checked by the handler, to see drafts); write: the router
 * refuses the request without a bearer token with the write scope (401 / 403) before the handler
 * runs, and hands the handler the token's identity; import: the same with the import scope, and the
 * handler gets the site too (the host's, or ?site=HOST for an all-sites token); restore: the router
 * refuses the request (401) unless its Restore-Key header names the remote restore in progress; admin:
 * a token with the admin scope (401 / 403), on the host's site only (the site's settings for third parties).
 */
export type Route =
  | (RouteBase & { auth: 'public'; handler: Handler })
  | (RouteBase & { auth: 'write'; handler: WriteHandler })
  | (RouteBase & { auth: 'import'; handler: ImportHandler })
  | (RouteBase & { auth: 'admin'; handler: AdminHandler })
  | (RouteBase & { auth: 'restore'; handler: Handler });

const IDEMPOTENCY_KEY = {
  name: 'Idempotency-Key',
  description: 'Optional, 1-255 visible ASCII characters (e.g. a UUID). The same key and body within 24 h return the first 201 again (header Idempotent-Replayed: true) instead of creating twice; the same key with another body (another JSON value; key order and spacing do not count) is 422; while the first request runs, 409 (a request that stopped before committing frees its key after a minute). Keys are scoped to the token.',
};

const API = '/api/v1';

export const routes: Route[] = [
  // Articles
  { method: 'GET', path: `${API}/articles`, auth: 'public', cache: 'edge', handler: articles.browse, doc: { statuses: [401], tag: 'articles', summary: 'Published articles, newest first, cursor-paged', query: ListQuery, response: ArticleListOut } },
  { method: 'POST', path: `${API}/articles`, auth: 'write', handler: articles.add, doc: { tag: 'articles', summary: 'Create an article', body: ArticleCreate, response: ArticleOut, status: 201, headers: [IDEMPOTENCY_KEY] } },
  { method: 'GET', path: `${API}/articles/:slug`, auth: 'public', cache: 'edge', handler: articles.read, doc: { statuses: [301, 401], tag: 'articles', summary: 'One article (drafts only with a token); 301 from a former slug', response: ArticleOut } },
  { method: 'PATCH', path: `${API}/articles/:slug`, auth: 'write', handler: articles.edit, doc: { tag: 'articles', summary: 'Change an article (If-Match required); publish, unpublish and schedule via status', body: ArticlePatch, response: ArticleOut } },
  { method: 'DELETE', path: `${API}/articles/:slug`, auth: 'write', handler: articles.destroy, doc: { tag: 'articles', summary: 'Delete an article (If-Match required; recoverable for 30 days)', status: 204 } },

  // Documents (văn bản): the registry
  { method: 'GET', path: `${API}/documents`, auth: 'public', cache: 'edge', handler: documents.browse, doc: { statuses: [401], tag: 'documents', summary: 'Published documents, newest date of issue first, cursor-paged; filters type, issuer, field, year, status (legal, today) and q (the number however typed, or words)', query: DocumentListQuery, response: DocumentListOut } },
  { method: 'POST', path: `${API}/documents`, auth: 'write', handler: documents.add, doc: { tag: 'documents', summary: 'Create a document (422 on number when the issuer already has it that year)', body: DocumentCreate, response: DocumentOut, status: 201, headers: [IDEMPOTENCY_KEY] } },
  { method: 'GET', path: `${API}/documents/:slug`, auth: 'public', cache: 'edge', handler: documents.read, doc: { statuses: [401], tag: 'documents', summary: 'One document with its files and relations both ways (drafts only with a token)', response: DocumentOut } },
  { method: 'PATCH', path: `${API}/documents/:slug`, auth: 'write', handler: documents.edit, doc: { tag: 'documents', summary: 'Change a document (If-Match required); publish, unpublish and schedule via status', body: DocumentPatch, response: DocumentOut } },
  { method: 'DELETE', path: `${API}/documents/:slug`, auth: 'write', handler: documents.destroy, doc: { tag: 'documents', summary: 'Delete a document (If-Match required; recoverable for 30 days)', status: 204 } },

  // Pages (Giới thiệu, Cơ cấu tổ chức...), Vietnamese with an optional English version
  { method: 'GET', path: `${API}/pages`, auth: 'public', cache: 'edge', handler: sitePages.browse, doc: { tag: 'pages', summary: 'Published pages, with both languages\' slugs and URLs', response: PageListOut } },
  { method: 'GET', path: `${API}/pages/:slug`, auth: 'public', cache: 'edge', handler: sitePages.read, doc: { statuses: [301, 401], tag: 'pages', summary: 'One page by its Vietnamese slug, both languages (drafts only with a token); 301 from a former slug', response: PageOut } },

  // Categories
  { method: 'GET', path: `${API}/categories`, auth: 'public', cache: 'edge', handler: categories.browse, doc: { tag: 'categories', summary: 'All categories in menu order', response: CategoryListOut } },
  { method: 'GET', path: `${API}/categories/:slug`, auth: 'public', cache: 'edge', handler: categories.read, doc: { tag: 'categories', summary: 'One category', response: CategoryOut } },

  // Visitor statistics
  { method: 'GET', path: `${API}/stats`, auth: 'public', handler: stats.read, doc: { tag: 'stats', summary: 'Online now, total visits, visits today, and visits per day (last 90 days)', response: StatsOut } },

  // API description
  { method: 'GET', path: `${API}/openapi.json`, auth: 'public', cache: 'edge', handler: openapi, doc: { tag: 'meta', summary: 'This OpenAPI 3.1 document' } },

  // Media (uploaded images, from R2; immutable)
  { method: 'GET', path: '/media/:year/:month/:file', auth: 'public', handler: serveMedia, doc: { tag: 'media', summary: 'An uploaded image, cached for a year (immutable); its type was checked by its bytes at upload', contentType: 'image/jpeg, image/png, image/webp, image/avif, image/gif' } },

  // Document files (uploaded into R2, checked by their bytes; immutable): upload, then name the id in a document's files
  { method: 'POST', path: `${API}/document-files`, auth: 'write', handler: uploadDocumentFile, doc: { requestType: 'multipart/form-data', tag: 'documents', summary: 'Upload a file for a document (multipart/form-data, field "file"): PDF, DOC, DOCX, ODT, XLS, XLSX, ODS or ZIP by its content, at most 20 MB; 415 for any other content, 422 empty or cut off, 413 too big; nothing is stored then', status: 201 } },
  { method: 'GET', path: '/van-ban/tep/:id/:name', auth: 'public', handler: serveDocumentFile, doc: { statuses: [401, 416], tag: 'documents', summary: 'A document\'s file (the id decides; the name is cosmetic): attachment with the original name (RFC 6266/8187), ?xem=1 shows a PDF inline; Range (206); a full GET to a reader counts a download; 404 unless its document is published (or a token/editor of the site asks)', contentType: 'application/pdf, application/msword, application/vnd.openxmlformats-officedocument.wordprocessingml.document, application/vnd.oasis.opendocument.text, application/vnd.ms-excel, application/vnd.openxmlformats-officedocument.spreadsheetml.sheet, application/vnd.oasis.opendocument.spreadsheet, application/zip' } },

  // Bulk import (npm run import): a token with the import scope; ?site=HOST picks another site with an all-sites token
  { method: 'POST', path: `${API}/import/known`, auth: 'import', handler: known, doc: { tag: 'import', summary: 'Which of these source keys (media: source URLs) the site has imported already, with their ids and URLs; at most 100', query: SiteQuery, body: KnownIn, response: KnownOut } },
  { method: 'POST', path: `${API}/import/categories`, auth: 'import', handler: importCategories, doc: { tag: 'import', summary: 'The source\'s categories on the site, in order: an existing one reused (same slug, else same name without diacritics), the others created (two levels: a grandchild goes under its grandparent); at most 100', query: SiteQuery, body: CategoriesIn, response: CategoriesOut } },
  { method: 'POST', path: `${API}/import/media`, auth: 'import', handler: importMedia, doc: { requestType: 'multipart/form-data', tag: 'import', summary: 'One image into the media library (multipart/form-data: file, sourceUrl required, alt, caption, filename), checked by its bytes: 201 stored, 200 with created false when the site has that sourceUrl already (nothing stored); 415 not an image, 413 over 10 MB, 422 empty, cut off or too many pixels', query: SiteQuery, response: MediaOut, status: 201 } },
  { method: 'POST', path: `${API}/import/articles`, auth: 'import', handler: importArticles, doc: { tag: 'import', summary: 'Up to 25 articles, each created with its source key and its old paths\' redirects in one transaction, or "unchanged" when imported before (its redirects completed); one bad item fails alone; ?dry-run=1 writes nothing', query: ImportQuery, body: ImportArticlesIn, response: ImportItemsOut } },
  { method: 'POST', path: `${API}/import/pages`, auth: 'import', handler: importPages, doc: { tag: 'import', summary: 'Up to 25 pages (Vietnamese), as articles are imported; ?dry-run=1 writes nothing', query: ImportQuery, body: ImportPagesIn, response: ImportItemsOut } },
  { method: 'POST', path: `${API}/import/visits`, auth: 'import', handler: visits, doc: { tag: 'import', summary: 'The old portal\'s visit total: the site\'s starting total rises so "Tổng truy cập" is at least it; never lowers', query: SiteQuery, body: VisitsIn, response: VisitsOut } },
  { method: 'DELETE', path: `${API}/import/token`, auth: 'import', handler: revokeOwnToken, doc: { tag: 'import', summary: 'Revoke the token presenting this request (the import and export CLIs end their run with it): 204; the token is refused from the next request', query: SiteQuery, status: 204 } },

  // Export (npm run export): a token with the import scope; ?site=HOST another site, ?scope=all every site and ?secrets=1 only with an all-sites token
  { method: 'GET', path: `${API}/export/manifest`, auth: 'import', handler: exporting.manifest, doc: { tag: 'export', summary: 'What an export holds: the schema tag, the sites, each table (columns and key) or why it is left out', query: ExportQuery, response: ExportManifestOut } },
  { method: 'GET', path: `${API}/export/tables/:name`, auth: 'import', handler: exporting.tableRows, doc: { statuses: [409], tag: 'export', summary: 'One page of a table\'s rows in key order as NDJSON (SQL column names, values as stored; secrets null without ?secrets=1); header Export-Next-Cursor while more follow; 409 for a table left out of this export', query: ExportPageQuery, contentType: 'application/x-ndjson' } },
  { method: 'GET', path: `${API}/export/media`, auth: 'import', handler: exporting.mediaList, doc: { tag: 'export', summary: 'The R2 objects of the export\'s sites (media with their copies, document files), a page at a time', query: ExportPageQuery, response: ExportMediaOut } },
  { method: 'GET', path: `${API}/export/media/object`, auth: 'import', handler: exporting.mediaObject, doc: { tag: 'export', summary: 'One object\'s bytes, by the site id and key its listing gave', query: ExportObjectQuery, contentType: 'application/octet-stream' } },
  { method: 'GET', path: `${API}/export/visits`, auth: 'import', handler: exporting.visits, doc: { tag: 'export', summary: 'Each site\'s visit total as shown, its starting offset and visits per day, from its counters', query: ExportQuery, response: ExportVisitsOut } },
  { method: 'GET', path: `${API}/export/backups`, auth: 'import', handler: backupList, doc: { tag: 'export', summary: 'The deployment\'s complete daily backups, newest first: id, start and end, size in bytes, tables and rows (all-sites token)', response: ExportBackupsOut } },
  { method: 'GET', path: `${API}/export/backups/:id/:file`, auth: 'import', handler: backupFile, doc: { tag: 'export', summary: 'A file of a complete backup, streamed: manifest.json, visits.json or media.ndjson (the objects it names, one JSON line each; their bytes through /api/v1/export/media/object?scope=all) (all-sites token)', contentType: 'application/json, application/x-ndjson' } },
  { method: 'GET', path: `${API}/export/backups/:id/tables/:file`, auth: 'import', handler: backupTable, doc: { tag: 'export', summary: 'One table of a complete backup as NDJSON (<table>.ndjson), streamed (all-sites token)', contentType: 'application/x-ndjson' } },

  // Restore from afar (npm run restore -- FILE --remote URL --token T): begun by an all-sites import token, then the Restore-Key it gave (auth restore)
  { method: 'POST', path: `${API}/restore/begin`, auth: 'import', handler: restoring.begin, doc: { statuses: [409], tag: 'export', summary: 'Begin restoring an archive (all-sites token): 409 when the deployment has content (articles, documents, pages, categories, media, sites) unless force; 422 for an archive of a newer schema; empties every table but sites and hostnames and answers a Restore-Key', body: restoring.RestoreBeginIn, response: restoring.RestoreBeginOut } },
  { method: 'POST', path: `${API}/restore/tables/:name`, auth: 'restore', handler: restoring.tableRows, doc: { requestType: 'application/x-ndjson', tag: 'export', summary: 'Rows of one table as NDJSON (at most 8 MB), in foreign-key order, with header Restore-Key; 401 without a restore in progress, 422 rows the database refuses', contentType: 'application/x-ndjson' } },
  { method: 'POST', path: `${API}/restore/media`, auth: 'restore', handler: restoring.mediaObject, doc: { requestType: 'application/octet-stream', tag: 'export', summary: 'One object\'s bytes (?site-id=&key= as the export listed it; Content-Type, Object-Cache-Control, Object-Metadata as stored), with header Restore-Key', status: 201 } },
  { method: 'POST', path: `${API}/restore/finish`, auth: 'restore', handler: restoring.finish, doc: { tag: 'export', summary: 'End the restore: sites and hostnames not in the archive removed, visit totals as offsets, every site\'s generation moved; with header Restore-Key', body: restoring.RestoreFinishIn } },

  // Webhooks: URLs told about the site's content changes (Standard Webhooks); a token with the admin scope, of the host's site
  { method: 'GET', path: `${API}/webhooks`, auth: 'admin', handler: webhooks.list, doc: { tag: 'webhooks', summary: 'The site\'s webhooks, oldest first, each with its pending and failed deliveries and the latest one\'s outcome (never the secret)', response: WebhookListOut } },
  { method: 'POST', path: `${API}/webhooks`, auth: 'admin', handler: webhooks.create, doc: { tag: 'webhooks', summary: 'Register a webhook: its signing secret is in this answer only; 422 for a URL refused (not https, a private, loopback or link-local address, an internal name, a name resolving to one), an unknown or repeated event, or a 21st webhook', body: WebhookCreate, response: WebhookCreatedOut, status: 201 } },
  { method: 'GET', path: `${API}/webhooks/:id`, auth: 'admin', handler: webhooks.one, doc: { tag: 'webhooks', summary: 'One webhook with its latest 50 deliveries, newest first', response: WebhookDetailOut } },
  { method: 'PATCH', path: `${API}/webhooks/:id`, auth: 'admin', handler: webhooks.edit, doc: { tag: 'webhooks', summary: 'Change its URL, events, description; active false pauses it (its waiting deliveries cancelled), true resumes', body: WebhookPatch, response: WebhookOut } },
  { method: 'DELETE', path: `${API}/webhooks/:id`, auth: 'admin', handler: webhooks.destroy, doc: { tag: 'webhooks', summary: 'Delete a webhook with its deliveries and their attempts', status: 204 } },
  { method: 'POST', path: `${API}/webhooks/:id/secret`, auth: 'admin', handler: webhooks.rotateSecret, doc: { tag: 'webhooks', summary: 'A new signing secret (answered once); the old one stops verifying at once', response: WebhookCreatedOut } },
  { method: 'GET', path: `${API}/webhooks/:id/deliveries/:deliveryId`, auth: 'admin', handler: webhooks.delivery, doc: { tag: 'webhooks', summary: 'One delivery: its payload as sent and each attempt', response: DeliveryOut } },
  { method: 'POST', path: `${API}/webhooks/:id/deliveries/:deliveryId/redeliver`, auth: 'admin', handler: webhooks.redeliverOne, doc: { tag: 'webhooks', summary: 'Send a failed or delivered delivery again now, with the same webhook-id (422 while it is pending or cancelled, or the webhook paused)', response: RedeliverOut, status: 202 } },

  // Feeds
  { method: 'GET', path: '/feed.json', auth: 'public', cache: 'edge', handler: siteJsonFeed, doc: { tag: 'feeds', summary: 'JSON Feed 1.1 of the whole site', contentType: 'application/feed+json' } },
  { method: 'GET', path: '/rss.xml', auth: 'public', cache: 'edge', handler: siteRss, doc: { tag: 'feeds', summary: 'RSS 2.0 of the whole site', contentType: 'application/rss+xml' } },
  { method: 'GET', path: '/sitemap.xml', auth: 'public', cache: 'edge', handler: sitemap, doc: { tag: 'feeds', summary: 'Sitemap of every published page; past 10,000 URLs a sitemap index of /sitemap-N.xml', contentType: 'application/xml' } },
  { method: 'GET', path: '/sitemap-:n.xml', auth: 'public', cache: 'edge', handler: sitemapSliceHandler, doc: { tag: 'feeds', summary: 'One file of a large site\'s sitemap index (N from 1; 404 beyond the index or when sitemap.xml holds everything)', contentType: 'application/xml' } },
  { method: 'GET', path: '/chuyen-muc/:slug/feed.json', auth: 'public', cache: 'edge', handler: categoryJsonFeed, doc: { statuses: [301], tag: 'feeds', summary: 'JSON Feed 1.1 of one category', contentType: 'application/feed+json' } },
  { method: 'GET', path: '/chuyen-muc/:slug/rss.xml', auth: 'public', cache: 'edge', handler: categoryRss, doc: { statuses: [301], tag: 'feeds', summary: 'RSS 2.0 of one category', contentType: 'application/rss+xml' } },
  { method: 'GET', path: '/the/:slug/feed.json', auth: 'public', cache: 'edge', handler: tagJsonFeed, doc: { statuses: [301], tag: 'feeds', summary: 'JSON Feed 1.1 of one tag', contentType: 'application/feed+json' } },
  { method: 'GET', path: '/the/:slug/rss.xml', auth: 'public', cache: 'edge', handler: tagRss, doc: { statuses: [301], tag: 'feeds', summary: 'RSS 2.0 of one tag', contentType: 'application/rss+xml' } },
  { method: 'GET', path: '/van-ban/feed.json', auth: 'public', cache: 'edge', handler: documentsJsonFeed, doc: { tag: 'feeds', summary: 'JSON Feed 1.1 of the newest published documents', contentType: 'application/feed+json' } },
  { method: 'GET', path: '/van-ban/rss.xml', auth: 'public', cache: 'edge', handler: documentsRss, doc: { tag: 'feeds', summary: 'RSS 2.0 of the newest published documents', contentType: 'application/rss+xml' } },
  { method: 'GET', path: '/van-ban/loai/:slug/feed.json', auth: 'public', cache: 'edge', handler: documentTypeJsonFeed, doc: { tag: 'feeds', summary: 'JSON Feed 1.1 of the newest published documents of one type', contentType: 'application/feed+json' } },
  { method: 'GET', path: '/van-ban/loai/:slug/rss.xml', auth: 'public', cache: 'edge', handler: documentTypeRss, doc: { tag: 'feeds', summary: 'RSS 2.0 of the newest published documents of one type', contentType: 'application/rss+xml' } },
  { method: 'GET', path: '/tin-tu-co-so/feed.json', auth: 'public', cache: 'edge', handler: rollupJsonFeed, doc: { tag: 'feeds', summary: 'JSON Feed 1.1 of a province\'s communes\' newest articles ("Tin từ cơ sở"), each linking to its commune; 404 on a site without communes', contentType: 'application/feed+json' } },
  { method: 'GET', path: '/tin-tu-co-so/rss.xml', auth: 'public', cache: 'edge', handler: rollupRss, doc: { tag: 'feeds', summary: 'RSS 2.0 of a province\'s communes\' newest articles, <source> naming the commune; 404 on a site without communes', contentType: 'application/rss+xml' } },
  { method: 'GET', path: '/robots.txt', auth: 'public', cache: 'edge', handler: robots, doc: { tag: 'feeds', summary: 'robots.txt with the absolute sitemap URL', contentType: 'text/plain' } },
];
