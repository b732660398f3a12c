// API tokens: random secrets shown once; only their SHA-256 is stored, so a leaked table grants nothing.
// A token belongs to one site: presented on another site's host it is unknown there, unless it is an
// all-sites token (a platform administrator's, for the whole deployment), which every site accepts.
import { and, eq, isNull, or, sql } from 'drizzle-orm';
import { auditByAccount } from '../audit/log.ts';
import { apiTokens, type TokenScope } from '../../schema/tables.ts';
import type { Db } from './db.ts';

export interface TokenIdentity {
  id: number;
  /** The site the token was made on: the one site it reads and writes, unless allSites. */
  siteId: number;
  name: string;
  scopes: TokenScope[];
  /** Accepted on every site's host; the import endpoints take another site from ?site=HOST. */
  allSites: boolean;
}

export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

function randomToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return 'bt_' + btoa(bin).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

export async function createToken(
  db: Db, siteId: number, name: string, scopes: TokenScope[], createdBy: number | null = null, options: { allSites?: boolean } = {},
): Promise<{ id: number; token: string }> {
  const token = randomToken();
  const tokenHash = await sha256Hex(token);
  const allSites = options.allSites ?? false;
  const [[row]] = await db.batch([
    db.insert(apiTokens).values({ siteId, name, scopes: scopes.join(' '), tokenHash, createdBy, allSites }).returning({ id: apiTokens.id }),
    auditByAccount(db, {
      siteId, userId: createdBy, action: 'token.created', detail: { name, scopes, ...(allSites ? { allSites } : {}) },
      subject: sql`'token:' || (select ${apiTokens.id} from ${apiTokens} where ${apiTokens.tokenHash} = ${tokenHash})`, at: new Date(),
    }),
  ]);
  return { id: row!.id, token };
}

/**
 * The identity behind a token presented to this site, or null if it is unknown, revoked, or another
 * site's (indistinguishable from unknown: a site's answers reveal nothing of other sites' tokens). An
 * all-sites token is every site's.
 */
export async function findToken(db: Db, siteId: number, token: string, now: Date): Promise<TokenIdentity | null> {
  if (!/^bt_[A-Za-z0-9_-]{43}$/.test(token)) return null;
  const [row] = await db
    .select({ id: apiTokens.id, siteId: apiTokens.siteId, name: apiTokens.name, scopes: apiTokens.scopes, allSites: apiTokens.allSites, lastUsedAt: apiTokens.lastUsedAt })
    .from(apiTokens)
    .where(and(eq(apiTokens.tokenHash, await sha256Hex(token)), or(eq(apiTokens.siteId, siteId), eq(apiTokens.allSites, true)), isNull(apiTokens.revokedAt)));
  if (!row) return null;
  // "Last used" is for humans: minute precision spares a write on every request.
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > 60_000) {
    await db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, row.id));
  }
  return { id: row.id, siteId: row.siteId, name: row.name, scopes: row.scopes.split(' ').filter(Boolean) as TokenScope[], allSites: row.allSites };
}
