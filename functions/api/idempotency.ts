// The Idempotency-Key header of POST /api/v1/articles (draft-ietf-httpapi-idempotency-key-header,
// as Stripe does it): a client that retries a create after a timeout gets the first answer again
// instead of a second article. Keys belong to the token that sent them and live 24 hours.
import { IdempotencyClaimLost } from '../articles/errors.ts';
import type { AlsoInBatch, EditorArticle } from '../articles/service.ts';
import { database } from '../data/db.ts';
import { claimInBatch, claimKey, releaseKey, storeAnswer, type StoredAnswer } from '../data/idempotency-keys.ts';
import { HttpError } from '../http/problem.ts';

/** The header's key: a string of 1-255 visible ASCII characters, quoted (a structured-field string) or not. */
export function idempotencyKeyOf(request: Request): string | null {
  const raw = request.headers.get('Idempotency-Key');
  if (raw === null) return null;
  const key = /^"(.*)"$/.exec(raw.trim())?.[1] ?? raw.trim();
  if (!/^[\x21-\x7e]{1,255}$/.test(key)) {
    throw new HttpError(400, 'invalid-idempotency-key', 'Idempotency-Key must be 1 to 255 visible ASCII characters, e.g. a UUID.');
  }
  return key;
}

/** JSON with object keys sorted and no spacing: equal for equal values, however they were written. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * The request's fingerprint: SHA-256 of the body's JSON value (key order, spacing and escapes do not
 * count: a client that serialises the same request again gets the same answer), or of its bytes if
 * it is no JSON (such a body is refused before it is hashed anyway).
 */
export async function bodyHash(bytes: ArrayBuffer): Promise<string> {
  let data: BufferSource = bytes;
  try {
    data = new TextEncoder().encode(canonicalJson(JSON.parse(new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes))));
  } catch {
    // Not UTF-8 JSON: hash the bytes as they are.
  }
  const digest = await crypto.subtle.digest('SHA-256', data);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

const REPLAYED = { 'Idempotent-Replayed': 'true' };

const inProgress = () =>
  new HttpError(409, 'idempotency-request-in-progress', 'A request with this Idempotency-Key is still being processed. Retry in a moment.', {
    headers: { 'Retry-After': '1' },
  });

/**
 * Runs a create once per (token, key): the first request creates and stores its answer; a repeat with
 * the same body gets that answer; another body 422; while the first is still running, 409.
 */
export async function createOnce<Created = EditorArticle>(
  env: Env, tokenId: number, key: string, requestHash: string, now: Date,
  create: (also: AlsoInBatch) => Promise<Created>,
  answerOf: (article: Created) => Promise<StoredAnswer>,
  committedArticle: (id: number) => Promise<Created>,
): Promise<Response> {
  const db = database(env.DB);
  const claim = await claimKey(db, tokenId, key, requestHash, now);
  switch (claim.kind) {
    case 'mismatch':
      throw new HttpError(422, 'idempotency-key-reused', 'This Idempotency-Key was used with another request body. Use a new key for a new request.');
    case 'in-progress':
      throw inProgress();
    case 'replay':
      return send(claim.answer, REPLAYED);
    case 'committed':
      return send(await answerOf(await committedArticle(claim.articleId)), REPLAYED);
    case 'claimed':
      break;
  }
  let article: Created;
  try {
    article = await create(claimInBatch(db, tokenId, key, now));
  } catch (error) {
    // Nothing was committed: the key is free for a corrected retry (unless a retry already took it over).
    await releaseKey(db, tokenId, key, now);
    if (error instanceof IdempotencyClaimLost) throw inProgress();
    throw error;
  }
  const answer = await answerOf(article);
  // The article is committed and the key tied to it: a failure to store the answer must not turn this
  // 201 into a 500 (a retry would then answer from the article anyway).
  await storeAnswer(db, tokenId, key, answer).catch((error: unknown) =>
    console.error('Idempotency-Key: answer not stored; a retry answers from the committed article', error));
  return send(answer);
}

function send(answer: StoredAnswer, extra: Record<string, string> = {}): Response {
  return new Response(answer.body, {
    status: answer.status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'private, no-store', ...answer.headers, ...extra },
  });
}
