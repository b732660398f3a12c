// API tokens: random secrets shown once; only their SHA-256 is stored, so a leaked table grants nothing.
import { and, eq, isNull } from 'drizzle-orm';
import { apiTokens, type TokenScope } from '../../schema/tables.ts';
import type { Db } from './db.ts';

export interface TokenIdentity {
  id: number;
  name: string;
  scopes: TokenScope[];
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
  db: Db, name: string, scopes: TokenScope[], createdBy: number | null = null,
): Promise<{ id: number; token: string }> {
  const token = randomToken();
  const [row] = await db
    .insert(apiTokens)
    .values({ name, scopes: scopes.join(' '), tokenHash: await sha256Hex(token), createdBy })
    .returning({ id: apiTokens.id });
  return { id: row!.id, token };
}

/** The identity behind a presented token, or null if it is unknown or revoked. */
export async function findToken(db: Db, token: string, now: Date): Promise<TokenIdentity | null> {
  if (!/^bt_[A-Za-z0-9_-]{43}$/.test(token)) return null;
  const [row] = await db
    .select({ id: apiTokens.id, name: apiTokens.name, scopes: apiTokens.scopes, lastUsedAt: apiTokens.lastUsedAt })
    .from(apiTokens)
    .where(and(eq(apiTokens.tokenHash, await sha256Hex(token)), isNull(apiTokens.revokedAt)));
  if (!row) return null;
  // "Last used" is for humans: minute precision spares a write on every request.
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > 60_000) {
    await db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, row.id));
  }
  return { id: row.id, name: row.name, scopes: row.scopes.split(' ').filter(Boolean) as TokenScope[] };
}
