// /api/v1/restore/*: an export archive into a deployment from afar (`npm run restore -- FILE --remote URL
// --token T`). Begun by an all-sites import token on an empty deployment (or with force), then tables in
// foreign-key order, the objects, and finish, each with the Restore-Key the begin answer gave (routes
// declared `auth: 'restore'`: the router checks the key before these handlers run).
import { z } from 'zod';
import { siteChanged } from '../articles/service.ts';
import { isSiteObjectName, objectKeyOf } from '../backup/export-media.ts';
import { schemaTag } from '../backup/export-manifest.ts';
import { REPLACED_IN_PLACE, columnsOf, contentFound, emptyAll, insertRows, migrationNumber, settleSites } from '../backup/restore-rows.ts';
import { beginSession, endSession } from '../backup/restore-session.ts';
import { exportTable } from '../backup/tables.ts';
import type { ImportHandler } from '../http/auth.ts';
import { readJson } from '../http/body.ts';
import { HttpError } from '../http/problem.ts';
import type { Handler } from '../http/request.ts';
import { sendWrite } from '../http/respond.ts';
import { reloadRegistry } from '../sites/registry.ts';

export const RestoreBeginIn = z.strictObject({
  schema: z.string().regex(/^\d{4}_\w+$/).meta({ description: 'The archive\'s schema tag (its manifest\'s schema)' }),
  force: z.boolean().default(false).meta({ description: 'Replace the deployment\'s content (refused otherwise when it has any)' }),
});
export const RestoreBeginOut = z.object({ key: z.string(), expiresAt: z.string() });
export const RestoreFinishIn = z.strictObject({
  sites: z.array(z.strictObject({ id: z.number().int().positive(), hosts: z.array(z.string()) })).min(1),
  visits: z.record(z.string(), z.number().int().nonnegative()).default({}),
});

/** Bodies of one request: a page of rows, or one object (document files go up to 20 MB). */
const MAX_ROWS_BYTES = 8 * 1024 * 1024;
const MAX_OBJECT_BYTES = 25 * 1024 * 1024;

async function bodyBytes(request: Request, max: number): Promise<Uint8Array> {
  const declared = Number(request.headers.get('Content-Length') ?? 0);
  if (declared > max) throw new HttpError(413, 'body-too-large', `At most ${max} bytes per request.`);
  const bytes = new Uint8Array(await request.arrayBuffer());
  if (bytes.byteLength > max) throw new HttpError(413, 'body-too-large', `At most ${max} bytes per request.`);
  return bytes;
}

export const begin: ImportHandler = async (request, env, _ctx, caller) => {
  if (!caller.allSites) throw new HttpError(403, 'site-not-allowed', `The token "${caller.name}" is one site's: a restore needs a token made for all sites.`);
  const { schema, force } = await readJson(request, RestoreBeginIn);
  const ours = await schemaTag(env.DB);
  if (migrationNumber(schema) > migrationNumber(ours)) {
    throw new HttpError(422, 'schema-newer', `The archive was exported at migration ${schema}; this deployment is at ${ours}: deploy the newer version first.`);
  }
  const found = await contentFound(env.DB, { accounts: false });
  if (found.length && !force) {
    throw new HttpError(409, 'not-empty', `The deployment has content already (${found.join(', ')}); a restore goes into an empty one, or send "force": true to replace everything.`);
  }
  // Sites and hostnames stay until replaced: every request of this restore is resolved through them.
  await emptyAll(env.DB, REPLACED_IN_PLACE);
  return sendWrite(await beginSession(env.MEDIA, new Date()), 200);
};

export const tableRows: Handler = async (request, env) => {
  const name = (request.params as Record<string, string>)['name'] ?? '';
  const table = exportTable(name);
  if (!table) throw new HttpError(404, 'not-found', `No exported table is called ${JSON.stringify(name)}.`);
  const text = new TextDecoder().decode(await bodyBytes(request, MAX_ROWS_BYTES));
  const rows: Record<string, unknown>[] = [];
  for (const [i, line] of text.split('\n').entries()) {
    if (line === '') continue;
    let row: unknown;
    try {
      row = JSON.parse(line);
    } catch {
      throw new HttpError(400, 'invalid-ndjson', `Line ${i + 1} is not JSON.`);
    }
    if (typeof row !== 'object' || row === null || Array.isArray(row)) throw new HttpError(400, 'invalid-ndjson', `Line ${i + 1} is not a JSON object.`);
    rows.push(row as Record<string, unknown>);
  }
  if (rows.length === 0) return sendWrite({ table: name, rows: 0 }, 200);
  try {
    const n = await insertRows(env.DB, table, Object.keys(rows[0]!), await columnsOf(env.DB, table), rows, { replace: REPLACED_IN_PLACE.includes(name) });
    return sendWrite({ table: name, rows: n }, 200);
  } catch (error) {
    // A row the database refuses (a duplicate key, a missing parent): the archive or the order is wrong, not the server.
    throw new HttpError(422, 'rows-refused', `${name}: the database refused these rows (${(error as Error).message}).`);
  }
};

export const mediaObject: Handler = async (request, env) => {
  const params = new URL(request.url).searchParams;
  const siteId = Number(params.get('site-id'));
  const key = params.get('key') ?? '';
  if (!Number.isInteger(siteId) || siteId < 1 || !isSiteObjectName(siteId, key)) throw new HttpError(400, 'invalid-object', 'site-id and key name no object an export holds.');
  let customMetadata: Record<string, string> = {};
  try {
    const parsed = JSON.parse(request.headers.get('Object-Metadata') ?? '{}') as unknown;
    if (typeof parsed !== 'object' || parsed === null || Object.values(parsed).some((v) => typeof v !== 'string')) throw new Error('not strings');
    customMetadata = parsed as Record<string, string>;
  } catch {
    throw new HttpError(400, 'invalid-object', 'Object-Metadata is a JSON object of strings.');
  }
  const bytes = await bodyBytes(request, MAX_OBJECT_BYTES);
  const cacheControl = request.headers.get('Object-Cache-Control');
  await env.MEDIA.put(objectKeyOf(siteId, key), bytes, {
    httpMetadata: { contentType: request.headers.get('Content-Type') ?? 'application/octet-stream', ...(cacheControl ? { cacheControl } : {}) },
    customMetadata,
  });
  return sendWrite({ siteId, key, bytes: bytes.byteLength }, 201);
};

export const finish: Handler = async (request, env) => {
  const now = new Date();
  const { sites, visits } = await readJson(request, RestoreFinishIn);
  await settleSites(env.DB, sites, visits);
  await endSession(env.MEDIA);
  await reloadRegistry(env);
  // Every cached answer of every site is from before: each site's generation moves (the write door's way).
  for (const s of sites) await siteChanged(env, s.id, now);
  return sendWrite({ sites: sites.length }, 200);
};
