// @bientap/astro-loader: bientapArticles, bientapDocuments and bientapPages, Astro content loaders for one
// bientap-cms site (the site is its origin) that refetch only what changed since the last build.
import { BientapLoaderError } from './http.js';
import { articleSchema, documentSchema, pageSchema } from './schemas.js';
import { syncCollection } from './sync.js';

export { BientapLoaderError } from './http.js';
export { articleSchema, documentSchema, pageSchema } from './schemas.js';

/** The site's origin from `url`; anything but an http(s) origin is refused when the config is read. */
function originOf(options, loader) {
  const raw = options?.url;
  let url;
  try {
    url = new URL(String(raw));
  } catch {
    throw new BientapLoaderError(`${loader}: url ${JSON.stringify(raw)} is not a URL; give the CMS site's origin, e.g. "https://thainguyen.gov.vn".`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new BientapLoaderError(`${loader}: url ${JSON.stringify(raw)} is not http(s); give the CMS site's origin, e.g. "https://thainguyen.gov.vn".`);
  }
  if (url.username || url.password || url.search || url.hash || (url.pathname !== '/' && url.pathname !== '')) {
    throw new BientapLoaderError(`${loader}: url ${JSON.stringify(raw)} must be the CMS site's origin only (the site is its host), e.g. "${url.origin}".`);
  }
  return url.origin;
}

/** `timeout` in seconds (default 30) as milliseconds. */
function timeoutOf(options) {
  if (options.timeout === undefined) return undefined;
  if (typeof options.timeout !== 'number' || !(options.timeout > 0)) throw new BientapLoaderError(`timeout must be a positive number of seconds (got ${JSON.stringify(options.timeout)}).`);
  return options.timeout * 1000;
}

function listUrl(origin, path, params, limit) {
  const url = new URL(path, origin);
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') url.searchParams.set(name, String(value));
  }
  if (limit !== undefined) {
    if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw new BientapLoaderError(`limit must be a whole number from 1 to 100 (got ${JSON.stringify(limit)}).`);
    url.searchParams.set('limit', String(limit));
  }
  return url.href;
}

/** Articles and documents list their own API URL; pages are read by their Vietnamese slug. */
const apiUrlOf = (summary) => summary.apiUrl;

const without = (object, ...keys) => Object.fromEntries(Object.entries(object).filter(([key]) => !keys.includes(key)));
/** Download counts move with every download, not with an edit: neither a reason to refetch nor data to freeze. */
const withoutDownloads = (document) => ({ ...document, files: (document.files ?? []).map((file) => without(file, 'downloads')) });

/** Published articles of the site, or of one category or tag; entry id = slug. */
export function bientapArticles(options) {
  const origin = originOf(options, 'bientapArticles');
  const timeoutMs = timeoutOf(options);
  const url = listUrl(origin, '/api/v1/articles', { category: options.category, tag: options.tag }, options.limit ?? 100);
  return {
    name: '@bientap/astro-loader:articles',
    schema: articleSchema,
    load: (ctx) => syncCollection(ctx, { listUrl: url, timeoutMs, itemUrl: apiUrlOf, summaryDigest: (s) => s, entryData: (a) => without(a, 'views') }),
  };
}

/** Published documents (văn bản) of the site, optionally filtered by type, issuer, field, year; entry id = slug. */
export function bientapDocuments(options) {
  const origin = originOf(options, 'bientapDocuments');
  const timeoutMs = timeoutOf(options);
  const url = listUrl(origin, '/api/v1/documents', { type: options.type, issuer: options.issuer, field: options.field, year: options.year }, options.limit ?? 100);
  return {
    name: '@bientap/astro-loader:documents',
    schema: documentSchema,
    load: (ctx) => syncCollection(ctx, {
      listUrl: url, timeoutMs, itemUrl: apiUrlOf, summaryDigest: withoutDownloads, entryData: withoutDownloads,
      // A document shows the ones that replace, amend or guide it: a change to those changes it.
      relatedIds: (data) => (Array.isArray(data.relations) ? data.relations.map((r) => r.slug) : []),
    }),
  };
}

/** Published pages (Giới thiệu, ...) of the site, both languages; entry id = the Vietnamese slug. */
export function bientapPages(options) {
  const origin = originOf(options, 'bientapPages');
  const timeoutMs = timeoutOf(options);
  const url = listUrl(origin, '/api/v1/pages', {});
  return {
    name: '@bientap/astro-loader:pages',
    schema: pageSchema,
    load: (ctx) => syncCollection(ctx, { listUrl: url, timeoutMs, itemUrl: (p) => `${origin}/api/v1/pages/${encodeURIComponent(p.slug)}`, summaryDigest: (s) => s, entryData: (p) => p }),
  };
}
