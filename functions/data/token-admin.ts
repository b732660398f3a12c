// A site's API tokens as the admin page shows them (never their hashes), and revoking one. Creation is
// createToken in tokens.ts; the secret itself is shown once, then only its SHA-256 exists.
import { and, desc, eq, isNull } from 'drizzle-orm';
import { apiTokens, users, type TokenScope } from '../../schema/tables.ts';
import { auditByAccount } from '../audit/log.ts';
import type { Db } from './db.ts';

export interface TokenListing {
  id: number;
  name: string;
  scopes: TokenScope[];
  /** Accepted on every site (a platform admin's token for the whole deployment). */
  allSites: boolean;
  createdAt: Date;
  createdBy: string | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

export async function listTokens(db: Db, siteId: number): Promise<TokenListing[]> {
  const rows = await db
    .select({
      id: apiTokens.id, name: apiTokens.name, scopes: apiTokens.scopes, allSites: apiTokens.allSites, createdAt: apiTokens.createdAt,
      lastUsedAt: apiTokens.lastUsedAt, revokedAt: apiTokens.revokedAt, createdBy: users.email,
    })
    .from(apiTokens)
    .leftJoin(users, eq(users.id, apiTokens.createdBy))
    .where(eq(apiTokens.siteId, siteId))
    .orderBy(desc(apiTokens.createdAt), desc(apiTokens.id));
  return rows.map((r) => ({ ...r, scopes: r.scopes.split(' ').filter(Boolean) as TokenScope[] }));
}

/**
 * Revokes one of the site's tokens at once (findToken refuses it from the next request); true if it was
 * live. `by` (the admin; null: a command-line tool) is in the audit entry, written only if it was live.
 */
export async function revokeToken(db: Db, siteId: number, id: number, now: Date, by: number | null = null): Promise<boolean> {
  const done = await db.update(apiTokens).set({ revokedAt: now })
    .where(and(eq(apiTokens.id, id), eq(apiTokens.siteId, siteId), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id, name: apiTokens.name });
  if (done.length === 0) return false;
  await auditByAccount(db, { siteId, userId: by, action: 'token.revoked', subject: `token:${id}`, detail: { name: done[0]!.name }, at: now });
  return true;
}
