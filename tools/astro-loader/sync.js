// One collection's incremental sync: the list walked with each page's kept ETag (a 304 page keeps its
// entries without reading them), changed or new items fetched by their own URL (again with If-None-Match),
// missing ones removed. Nothing is written to the store until every request has succeeded, so a failed
// build leaves the previous content and validators as they were.
import { BientapLoaderError, getJson } from './http.js';

/** Item reads at once: enough to hide latency, few enough not to look like a flood to the CMS. */
const CONCURRENCY = 4;
/** The validators kept between builds, in the collection's MetaStore (one JSON value). */
const STATE_KEY = 'bientap-sync';

function readState(meta) {
  try {
    const state = JSON.parse(meta.get(STATE_KEY) ?? '');
    if (state && Array.isArray(state.pages) && state.etags && typeof state.etags === 'object') return state;
  } catch {
    // none yet, or from another version: start over
  }
  return { pages: [], etags: {} };
}

/**
 * Walks the list from `listUrl` following `nextUrl`. A page asked with the ETag it had last time and
 * answered 304 brings back what it held then ({ id, apiUrl } of each item), so an unchanged list costs one
 * request per page and no item read.
 */
async function walk(listUrl, itemUrl, known, request) {
  const pages = [];
  const listed = new Map(); // id -> the list's summary (200 pages only)
  const kept = new Map(); // id -> apiUrl (304 pages)
  const visited = new Set();
  for (let url = listUrl; url; ) {
    if (visited.has(url)) throw new BientapLoaderError(`the list at ${listUrl} leads back to ${url}; stopping.`);
    visited.add(url);
    const before = known.get(url);
    const answer = await request(url, before?.etag);
    if (answer.notModified) {
      pages.push(before);
      for (const [id, apiUrl] of before.items) kept.set(id, apiUrl);
      url = before.next;
      continue;
    }
    const { json } = answer;
    if (!json || !Array.isArray(json.items) || json.items.some((item) => typeof item?.slug !== 'string')) {
      throw new BientapLoaderError(`GET ${url} is not a bientap-cms list (expected { items: [{ slug, ... }] }); is the url the CMS site's origin?`);
    }
    for (const item of json.items) listed.set(item.slug, item);
    const next = typeof json.nextUrl === 'string' && json.nextUrl ? json.nextUrl : null;
    pages.push({ url, etag: answer.etag, next, items: json.items.map((item) => [item.slug, itemUrl(item)]) });
    url = next;
  }
  return { pages, listed, kept };
}

async function inBatches(work, limit) {
  const results = [];
  let next = 0;
  const run = async () => {
    while (next < work.length) {
      const index = next++;
      results[index] = await work[index]();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, work.length) }, run));
  return results;
}

/**
 * @param {import('astro/loaders').LoaderContext} ctx
 * @param {{ listUrl: string, timeoutMs?: number, itemUrl: (summary: object) => string, summaryDigest: (summary: object) => object, entryData: (item: object) => object }} kind
 */
export async function syncCollection(ctx, kind) {
  const { store, meta, logger } = ctx;
  let requests = 0;
  const request = (url, etag) => getJson(url, { etag, timeoutMs: kind.timeoutMs, count: () => requests++ });
  const state = readState(meta);

  let walked = await walk(kind.listUrl, kind.itemUrl, new Map(state.pages.map((p) => [p.url, p])), request);
  // A 304 page vouches for entries the store no longer has (a store cleared by hand): ask every page again.
  if ([...walked.kept.keys()].some((id) => !store.has(id))) walked = await walk(kind.listUrl, kind.itemUrl, new Map(), request);
  const { pages, listed, kept } = walked;

  const unchanged = new Set([...kept.keys()].filter((id) => !listed.has(id)));
  const toFetch = [];
  for (const [id, summary] of listed) {
    const digest = ctx.generateDigest(kind.summaryDigest(summary));
    const existing = store.get(id);
    if (existing?.digest === digest) unchanged.add(id);
    else toFetch.push({ id, url: kind.itemUrl(summary), digest, existing });
  }

  const etags = {};
  for (const id of unchanged) if (state.etags[id]) etags[id] = state.etags[id];
  const writes = await inBatches(toFetch.map(({ id, url, digest, existing }) => async () => {
    const answer = await request(url, existing ? state.etags[id] : undefined);
    if (answer.notModified) {
      etags[id] = state.etags[id];
      return { entry: { ...existing, digest }, fetched: false };
    }
    if (!answer.json || typeof answer.json !== 'object' || typeof answer.json.html !== 'string') {
      throw new BientapLoaderError(`GET ${url} is not a bientap-cms item (no html); is the url the CMS site's origin?`);
    }
    if (answer.etag) etags[id] = answer.etag;
    const data = await ctx.parseData({ id, data: kind.entryData(answer.json) });
    return { entry: { id, data, digest, rendered: { html: answer.json.html } }, fetched: true };
  }), CONCURRENCY);

  // Everything answered: now change the store.
  const present = new Set([...listed.keys(), ...kept.keys()]);
  const removed = store.keys().filter((id) => !present.has(id));
  for (const id of removed) store.delete(id);
  for (const { entry } of writes) store.set(entry);
  meta.set(STATE_KEY, JSON.stringify({ pages, etags }));

  const fetched = writes.filter((w) => w.fetched).length;
  const same = unchanged.size + writes.length - fetched;
  const notModified = listed.size === 0 && pages.length > 0 ? '; list not modified' : '';
  logger.info(`${ctx.collection}: ${fetched} fetched, ${same} unchanged, ${removed.length} removed (${requests} request${requests === 1 ? '' : 's'}${notModified})`);
}
