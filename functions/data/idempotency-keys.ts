// Idempotency-Key records of article creates (draft-ietf-httpapi-idempotency-key-header, as Stripe):
// per token and key, the request's hash, the article the create committed (set inside the creating
// batch, so a committed create is never made twice) and the answer as sent; kept 24 hours.
import { and, eq, isNull, lte, sql, type SQL } from 'drizzle-orm';
import { idempotencyKeys } from '../../schema/tables.ts';
import type { Db } from './db.ts';

export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60_000;

export interface StoredAnswer {
  status: number;
  body: string;
  headers: Record<string, string>;
}

export type Claim =
  /** The key is ours now: create, with claimInBatch() in the batch. */
  | { kind: 'claimed' }
  /** Done before with this body: send the stored answer again. */
  | { kind: 'replay'; answer: StoredAnswer }
  /** Committed before, but its answer was never stored (its worker stopped): answer from the article. */
  | { kind: 'committed'; articleId: number }
  /** The same key with another body. */
  | { kind: 'mismatch' }
  /** Another request with this key has not finished. */
  | { kind: 'in-progress' };

const keyIs = (tokenId: number, key: string) => and(eq(idempotencyKeys.tokenId, tokenId), eq(idempotencyKeys.key, key));

/** Takes the key for this request, or says what an earlier request with it did. One insert decides races. */
export async function claimKey(db: Db, tokenId: number, key: string, requestHash: string, now: Date): Promise<Claim> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const inserted = await db.insert(idempotencyKeys).values({ tokenId, key, requestHash, createdAt: now })
      .onConflictDoNothing().returning({ tokenId: idempotencyKeys.tokenId });
    if (inserted.length > 0) return { kind: 'claimed' };
    const [row] = await db.select().from(idempotencyKeys).where(keyIs(tokenId, key));
    if (!row) continue; // released or pruned meanwhile: claim again
    if (row.createdAt.getTime() <= now.getTime() - IDEMPOTENCY_TTL_MS) {
      // Expired (not pruned yet): the key is free again.
      await db.delete(idempotencyKeys).where(and(keyIs(tokenId, key), eq(idempotencyKeys.createdAt, row.createdAt)));
      continue;
    }
    if (row.requestHash !== requestHash) return { kind: 'mismatch' };
    if (row.response !== null) return { kind: 'replay', answer: JSON.parse(row.response) as StoredAnswer };
    if (row.articleId !== null) return { kind: 'committed', articleId: row.articleId };
    return { kind: 'in-progress' };
  }
  return { kind: 'in-progress' };
}

/** The batch item that ties the key to the article being created, in the creating transaction. */
export const claimInBatch = (db: Db, tokenId: number, key: string) => (articleId: number | SQL) => [
  db.update(idempotencyKeys).set({ articleId: sql`${articleId}` }).where(keyIs(tokenId, key)),
];

export async function storeAnswer(db: Db, tokenId: number, key: string, answer: StoredAnswer): Promise<void> {
  await db.update(idempotencyKeys).set({ response: JSON.stringify(answer) }).where(keyIs(tokenId, key));
}

/** A create that failed before committing frees its key, so the client can retry with it. */
export async function releaseKey(db: Db, tokenId: number, key: string): Promise<void> {
  await db.delete(idempotencyKeys).where(and(keyIs(tokenId, key), isNull(idempotencyKeys.articleId)));
}

/** The cron's pruning: keys older than 24 hours. */
export async function pruneIdempotencyKeys(db: Db, now: Date): Promise<number> {
  const gone = await db.delete(idempotencyKeys)
    .where(lte(idempotencyKeys.createdAt, new Date(now.getTime() - IDEMPOTENCY_TTL_MS)))
    .returning({ key: idempotencyKeys.key });
  return gone.length;
}
