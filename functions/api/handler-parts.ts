// What the content APIs (articles, documents) share around their own data: the next-page link, If-Match,
// the token as the writer, and a create run once per Idempotency-Key.
import type { AlsoInBatch } from '../articles/service.ts';
import type { Actor } from '../data/articles-write.ts';
import type { TokenIdentity } from '../data/tokens.ts';
import { ifMatches } from '../http/etag.ts';
import { HttpError } from '../http/problem.ts';
import { PRIVATE_CACHE, sendWrite } from '../http/respond.ts';
import { bodyHash, createOnce, idempotencyKeyOf } from './idempotency.ts';

/**
 * The next page: the list's own parameters (`names`), in the request's order, once each, with the values
 * the list used, and the cursor. Anything else the client sent is not echoed (3,000 junk parameters made
 * a 12 KB Link).
 */
export function nextPageUrl(request: Request, origin: string, query: Readonly<Record<string, unknown>>, names: readonly string[], cursor: string): string {
  const url = new URL(request.url);
  const params = new URLSearchParams();
  for (const name of url.searchParams.keys()) {
    if (params.has(name) || !names.includes(name)) continue;
    const value = query[name];
    if (value !== undefined && value !== '') params.set(name, String(value));
  }
  params.set('cursor', cursor);
  return `${origin}${url.pathname}?${params}`;
}

/** A list answer's options: the next page as a Link header, private when a token asked. */
export function pageOptions(nextUrl: string | null, privateView: boolean) {
  return {
    ...(nextUrl ? { headers: { Link: `<${nextUrl}>; rel="next"` } } : {}),
    ...(privateView ? { cacheControl: PRIVATE_CACHE } : {}),
  };
}

/** A write must echo the ETag it last read: none is a 428, another one a 412 (`noun` names the row). */
export async function assertIfMatch(request: Request, currentEtag: () => Promise<string>, noun: string): Promise<void> {
  const ifMatch = request.headers.get('If-Match');
  if (!ifMatch) {
    throw new HttpError(428, 'if-match-required', 'Send If-Match with the ETag you last read, so a concurrent change is never overwritten.');
  }
  if (!ifMatches(ifMatch, await currentEtag())) {
    throw new HttpError(412, 'version-conflict', `The ${noun} changed since you read it (If-Match does not match its current ETag). Read it again and reapply your change.`);
  }
}

export const actorOf = (token: TokenIdentity): Actor => ({ id: `token:${token.id}`, name: token.name });

/** A write's answer, built from what the write service committed. */
export interface WriteAnswer {
  status: number;
  value: unknown;
  headers: Record<string, string>;
}

export const reply = (answer: WriteAnswer) => sendWrite(answer.value, answer.status, answer.headers);

/**
 * A create: at once without an Idempotency-Key; with one, once per key and body (a replay answers as the
 * first time). The body is read by `input`, after a copy is kept for its hash.
 */
export async function createWithKey<Input, Created>(request: Request, env: Env, token: TokenIdentity, now: Date, parts: {
  input: () => Promise<Input>;
  create: (input: Input, also?: AlsoInBatch) => Promise<Created>;
  answer: (created: Created) => Promise<WriteAnswer>;
  committed: (id: number) => Promise<Created>;
}): Promise<Response> {
  const key = idempotencyKeyOf(request);
  const copy = key === null ? null : request.clone();
  const input = await parts.input();
  if (key === null || copy === null) return reply(await parts.answer(await parts.create(input)));
  return createOnce<Created>(env, token.id, key, await bodyHash(await copy.arrayBuffer()), now,
    (also) => parts.create(input, also),
    async (created) => {
      const { status, value, headers } = await parts.answer(created);
      return { status, body: JSON.stringify(value), headers };
    },
    parts.committed);
}
