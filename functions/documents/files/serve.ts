// GET /van-ban/tep/{id}/{name}: a document's file from R2. The id decides (the name in the URL is for
// people and saved links); anonymous readers get only files of this site's published, live documents,
// anything else is 404 unless a token of this site or an editor's session that may work on it asks.
// Served as an attachment with the original Vietnamese name, or inline (?xem=1, PDFs only) for the
// browser's viewer, whose range requests get 206. A full download (GET 200) to a reader is counted.
import { currentSession } from '../../auth/current.ts';
import { countDownload, isPublicFile, readServedFile, type ServedFile } from '../../data/document-files.ts';
import { database } from '../../data/db.ts';
import { callerOf } from '../../http/auth.ts';
import { siteOf } from '../../http/origin.ts';
import { HttpError, notFound } from '../../http/problem.ts';
import type { Handler } from '../../http/request.ts';
import { isCountedReader } from '../../stats/reader.ts';
import { contentDisposition } from './disposition.ts';
import { parseRange } from './range.ts';

/** A key never changes content (a new upload gets a new key): a year, immutable. */
export const FILE_CACHE_CONTROL = 'public, max-age=31536000, immutable';
const PRIVATE = 'private, no-store';

const ID = /^[1-9]\d{0,15}$/;

/** May this request see a file no reader may: a token of the site, or a session with a role on it. */
async function privileged(request: Request, env: Env, siteId: number, now: Date): Promise<boolean> {
  if (await callerOf(request, env, now)) return true;
  const session = await currentSession(request, env, now);
  return session !== null && (session.user.platformAdmin || session.roles.some((r) => r.siteId === siteId));
}

/** A download worth counting: a reader's whole-file GET of a public file as an attachment. */
export function isCountedDownload(request: Request, inline: boolean, status: number): boolean {
  return request.method === 'GET' && status === 200 && !inline && !request.headers.has('Range') && isCountedReader(request);
}

function headersOf(served: ServedFile, object: R2Object, inline: boolean, isPublic: boolean): Headers {
  const { file } = served;
  const headers = new Headers({
    'Content-Type': file.contentType,
    'Content-Disposition': contentDisposition(inline ? 'inline' : 'attachment', file.name),
    'Cache-Control': isPublic ? FILE_CACHE_CONTROL : PRIVATE,
    ETag: object.httpEtag,
    'Last-Modified': object.uploaded.toUTCString(),
    'Accept-Ranges': 'bytes',
    'X-Content-Type-Options': 'nosniff',
  });
  // Downloads never render here; a PDF shown inline keeps no CSP, which would stop the browser's viewer.
  if (!inline) headers.set('Content-Security-Policy', "default-src 'none'; sandbox");
  return headers;
}

export const serveDocumentFile: Handler = async (request, env, ctx) => {
  const now = new Date();
  const id = request.params['id'] ?? '';
  if (!ID.test(id)) throw notFound('No such file.');
  const site = siteOf(request, env);
  const db = database(env.DB);
  const served = await readServedFile(db, site.id, Number(id));
  if (!served) throw notFound('No such file.');
  const isPublic = isPublicFile(served, now);
  if (!isPublic && !(await privileged(request, env, site.id, now))) throw notFound('No such file.');
  const inline = new URL(request.url).searchParams.get('xem') === '1' && served.file.contentType === 'application/pdf';

  if (request.method === 'HEAD') {
    const object = await env.MEDIA.head(served.file.key);
    if (!object) throw notFound('No such file.');
    const headers = headersOf(served, object, inline, isPublic);
    headers.set('Content-Length', String(object.size));
    return new Response(null, { status: 200, headers });
  }

  const ifNoneMatch = request.headers.get('If-None-Match');
  const size = served.file.size;
  const range = parseRange(request.headers.get('Range'), size);
  if (range.kind === 'unsatisfiable') {
    throw new HttpError(416, 'range-not-satisfiable', `The file has ${size} bytes.`, { headers: { 'Content-Range': `bytes */${size}` } });
  }
  const get = (part: boolean) => env.MEDIA.get(served.file.key, {
    ...(part && range.kind === 'range' ? { range: { offset: range.offset, length: range.length } } : {}),
    ...(ifNoneMatch ? { onlyIf: new Headers({ 'If-None-Match': ifNoneMatch }) } : {}),
  });
  let object = await get(true);
  // If-Range naming another version than the stored one (a key's content never changes, so only a
  // confused client): the whole file, as RFC 9110 says.
  const ifRange = request.headers.get('If-Range');
  const partial = range.kind === 'range' && (ifRange === null || ifRange === object?.httpEtag || !ifRange.includes('"'));
  if (range.kind === 'range' && !partial) object = await get(false);
  if (!object) throw notFound('No such file.');
  const headers = headersOf(served, object, inline, isPublic);
  if (!('body' in object)) return new Response(null, { status: 304, headers });
  const body = (object as R2ObjectBody).body;
  if (partial && range.kind === 'range') {
    headers.set('Content-Range', `bytes ${range.offset}-${range.offset + range.length - 1}/${object.size}`);
    headers.set('Content-Length', String(range.length));
    return new Response(body, { status: 206, headers });
  }
  headers.set('Content-Length', String(object.size));
  if (isPublic && isCountedDownload(request, inline, 200)) {
    // After the answer; a lost count is logged, never shown to the reader.
    ctx.waitUntil(countDownload(db, served.file.id).catch((error: unknown) => console.error('download not counted:', (error as Error).message)));
  }
  return new Response(body, { status: 200, headers });
};
