// One collection's incremental sync: the list walked with each page's kept ETag (a 304 page keeps its
// entries without reading them), changed or new items fetched by their own URL (again with If-None-Match),
// missing ones removed. Nothing is written to the store until every request has succeeded, so a failed
// build leaves the previous content and validators as they were.
import { BientapLoaderError, getJson } from './http.js';

/** Item reads at once: enough to hide latency, few enough not to look like a flood to the CMS. */
const CONCURRENCY = 4;
/**
 * What is kept between builds, in the collection's MetaStore (one JSON value): each list page's URL, ETag,
 * next page and items; each item's ETag; the digest of each item's list summary (the entry's own digest is
 * of its data, so that Astro's store takes a changed entry).
 */
const STATE_KEY = 'bientap-sync';

function readState(meta) {
  try {
    const state = JSON.parse(meta.get(STATE_KEY) ?? '');
    if (state && Array.isArray(state.pages) && state.etags && typeof state.etags === 'object' && state.digests && typeof state.digests === 'object') return state;
  } catch {
    // none yet, or from another version: start over
  }
  return { pages: [], etags: {}, digests: {} };
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
 * @param {{ listUrl: string, timeoutMs?: number, itemUrl: (summary: object) => string, summaryDigest: (summary: object) => object,
 *   entryData: (item: object) => object, relatedIds?: (data: object) => string[] }} kind
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

  const present = new Set([...listed.keys(), ...kept.keys()]);
  const urlOf = new Map([...kept, ...[...listed].map(([id, summary]) => [id, kind.itemUrl(summary)])]);
  const toFetch = [];
  const digests = {};
  for (const id of present) if (state.digests[id]) digests[id] = state.digests[id];
  for (const [id, summary] of listed) {
    const digest = ctx.generateDigest(kind.summaryDigest(summary));
    if (digest !== state.digests[id] || !store.has(id)) toFetch.push(id);
    digests[id] = digest;
  }

  const etags = {};
  for (const id of present) if (state.etags[id]) etags[id] = state.etags[id];
  const read = (id) => async () => {
    const url = urlOf.get(id);
    const answer = await request(url, store.has(id) ? state.etags[id] : undefined);
    if (answer.notModified) return null;
    if (!answer.json || typeof answer.json !== 'object' || typeof answer.json.html !== 'string') {
      throw new BientapLoaderError(`GET ${url} is not a bientap-cms item (no html); is the url the CMS site's origin?`);
    }
    if (answer.etag) etags[id] = answer.etag;
    else delete etags[id];
    const data = await ctx.parseData({ id, data: kind.entryData(answer.json) });
    return { id, data, digest: ctx.generateDigest(data), rendered: { html: answer.json.html } };
  };
  const entries = (await inBatches(toFetch.map(read), CONCURRENCY)).filter(Boolean);

  // An item can show others that its own summary does not (a document lists the ones replacing it): the
  // items a changed or removed one points at, before and after, are asked again, conditionally.
  const removed = store.keys().filter((id) => !present.has(id));
  if (kind.relatedIds) {
    const related = new Set();
    const note = (data) => {
      for (const id of data ? kind.relatedIds(data) : []) related.add(id);
    };
    for (const entry of entries) {
      note(entry.data);
      note(store.get(entry.id)?.data);
    }
    for (const id of removed) note(store.get(id)?.data);
    const done = new Set(toFetch);
    const again = [...related].filter((id) => present.has(id) && !done.has(id) && store.has(id));
    entries.push(...(await inBatches(again.map(read), CONCURRENCY)).filter(Boolean));
  }

  // Everything answered: now change the store.
  for (const id of removed) store.delete(id);
  for (const entry of entries) store.set(entry);
  meta.set(STATE_KEY, JSON.stringify({ pages, etags, digests }));

  const fetched = entries.length;
  const same = present.size - fetched;
  const notModified = listed.size === 0 && pages.length > 0 ? '; list not modified' : '';
  logger.info(`${ctx.collection}: ${fetched} fetched, ${same} unchanged, ${removed.length} removed (${requests} request${requests === 1 ? '' : 's'}${notModified})`);
}
