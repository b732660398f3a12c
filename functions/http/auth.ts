// Bearer API tokens on the content API: who is calling, and may they write. The router applies
// requireScope to every route the table declares `write` (functions/router.ts), before its handler.
// A token belongs to one site: on another site's host it is refused exactly like an unknown one.
import type { IRequest } from 'itty-router';
import type { TokenScope } from '../../schema/tables.ts';
import { database } from '../data/db.ts';
import { findToken, type TokenIdentity } from '../data/tokens.ts';
import { siteOf } from './origin.ts';
import { HttpError } from './problem.ts';

/** A handler of a `write` route: it runs only after the router checked the token, and gets its identity. */
export type WriteHandler = (request: IRequest, env: Env, ctx: ExecutionContext, caller: TokenIdentity) => Promise<Response>;

const CHALLENGE = { 'WWW-Authenticate': 'Bearer realm="bientap-cms"' };

/** The token's identity, null without an Authorization header; a bad token is an error, not anonymity. */
export async function callerOf(request: Request, env: Env, now: Date): Promise<TokenIdentity | null> {
  const header = request.headers.get('Authorization');
  if (!header) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  const identity = match ? await findToken(database(env.DB), siteOf(request, env).id, match[1]!, now) : null;
  if (!identity) {
    throw new HttpError(401, 'invalid-token', 'The API token is unknown, revoked or malformed.', { headers: CHALLENGE });
  }
  return identity;
}

export async function requireScope(request: Request, env: Env, scope: TokenScope, now: Date): Promise<TokenIdentity> {
  const identity = await callerOf(request, env, now);
  if (!identity) {
    throw new HttpError(401, 'unauthenticated', `This request needs an API token with the "${scope}" scope: Authorization: Bearer <token>.`, { headers: CHALLENGE });
  }
  if (!identity.scopes.includes(scope)) {
    throw new HttpError(403, 'insufficient-scope', `The token "${identity.name}" lacks the "${scope}" scope.`);
  }
  return identity;
}
