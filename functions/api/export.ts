// GET /api/v1/export/*: a site's (or, with an all-sites token, the deployment's) data for scripts/export.ts:
// the manifest, a table's rows as NDJSON pages, the R2 objects and their bytes, the visit figures.
import { listExportObjects, isSiteObjectName, objectKeyOf, type MediaCursor } from '../backup/export-media.ts';
import { manifestSites, manifestTables, schemaTag, siteVisits } from '../backup/export-manifest.ts';
import { decodeCursor, encodeCursor, exportRequestOf, inScope, tableCursorOf } from '../backup/export-scope.ts';
import { exportTable, readTablePage, rowsToNdjson, tableSkip } from '../backup/tables.ts';
import type { ImportHandler } from '../http/auth.ts';
import { HttpError } from '../http/problem.ts';
import { PRIVATE_CACHE, sendWrite } from '../http/respond.ts';
import { reloadRegistry } from '../sites/registry.ts';

/** An R2 object's bytes as stored, for credentials only (an export's object, a backup's file). */
export function privateObject(object: R2ObjectBody): Response {
  return new Response(object.body, {
    headers: {
      'Content-Type': object.httpMetadata?.contentType ?? 'application/octet-stream',
      'Content-Length': String(object.size),
      'Cache-Control': PRIVATE_CACHE,
    },
  });
}

/** Rows per page unless ?limit says fewer or more (at most MAX_PAGE_ROWS). */
const DEFAULT_ROWS = 200;
const MAX_OBJECTS = 1000;

function limitOf(request: Request, fallback: number, max: number): number {
  const text = new URL(request.url).searchParams.get('limit');
  if (text === null) return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new HttpError(400, 'invalid-limit', `limit is a whole number from 1 to ${max}.`);
  return n;
}

export const manifest: ImportHandler = async (request, env, _ctx, caller) => {
  const { scope, withSecrets } = exportRequestOf(request, caller);
  const registry = await reloadRegistry(env);
  return sendWrite({
    createdAt: new Date().toISOString(),
    schema: await schemaTag(env.DB),
    scope,
    withSecrets,
    sites: manifestSites(registry, scope, env),
    tables: manifestTables(scope, withSecrets),
  }, 200);
};

export const tableRows: ImportHandler = async (request, env, _ctx, caller) => {
  const { scope, withSecrets } = exportRequestOf(request, caller);
  const name = (request.params as Record<string, string>)['name'] ?? '';
  const table = exportTable(name);
  if (!table) throw new HttpError(404, 'not-found', `No exported table is called ${JSON.stringify(name)}.`);
  const skipped = tableSkip(table, scope, withSecrets);
  if (skipped) throw new HttpError(409, 'table-not-exported', `${table.name} is not in this export: ${skipped}.`);
  const url = new URL(request.url);
  const after = tableCursorOf(url.searchParams.get('cursor'), table.key.length);
  const page = await readTablePage(env.DB, table, scope, after, limitOf(request, DEFAULT_ROWS, 500), { withSecrets });
  return new Response(rowsToNdjson(page.rows), {
    headers: {
      'Content-Type': 'application/x-ndjson; charset=utf-8',
      'Cache-Control': PRIVATE_CACHE,
      'Export-Rows': String(page.rows.length),
      ...(page.next ? { 'Export-Next-Cursor': encodeCursor(page.next) } : {}),
    },
  });
};

export const mediaList: ImportHandler = async (request, env, _ctx, caller) => {
  const { scope } = exportRequestOf(request, caller);
  const after = decodeCursor(new URL(request.url).searchParams.get('cursor')) as MediaCursor | null;
  if (after !== null && (typeof after !== 'object' || typeof after.site !== 'number' || typeof after.prefix !== 'string')) {
    throw new HttpError(400, 'invalid-cursor', 'The cursor is not one this API gave; start again without it.');
  }
  const siteIds = scope === 'all' ? (await reloadRegistry(env)).sites.map((s) => s.id) : scope.sites;
  const page = await listExportObjects(env.MEDIA, siteIds, after, limitOf(request, MAX_OBJECTS, MAX_OBJECTS));
  return sendWrite({ objects: page.objects, next: page.next ? encodeCursor(page.next) : null }, 200);
};

export const mediaObject: ImportHandler = async (request, env, _ctx, caller) => {
  const { scope } = exportRequestOf(request, caller);
  const params = new URL(request.url).searchParams;
  const siteId = Number(params.get('site-id'));
  const key = params.get('key') ?? '';
  if (!Number.isInteger(siteId) || !inScope(scope, siteId) || !isSiteObjectName(siteId, key)) {
    throw new HttpError(404, 'not-found', 'No object of this export has that site-id and key.');
  }
  const object = await env.MEDIA.get(objectKeyOf(siteId, key));
  if (!object) throw new HttpError(404, 'not-found', 'No object of this export has that site-id and key.');
  return privateObject(object);
};

export const visits: ImportHandler = async (request, env, _ctx, caller) => {
  const { scope } = exportRequestOf(request, caller);
  return sendWrite(await siteVisits(env, await reloadRegistry(env), scope, new Date()), 200);
};
