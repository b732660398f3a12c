// Idempotency-Key records of article creates (draft-ietf-httpapi-idempotency-key-header, as Stripe):
// per token and key, the request's hash, the article the create committed (set inside the creating
// batch, so a committed create is never made twice) and the answer as sent; kept 24 hours. A claim
// whose request stopped before committing is given up after a minute, so a retry is not refused for a day.
import { and, eq, isNull, lte, sql, type SQL } from 'drizzle-orm';
import { idempotencyKeys } from '../../schema/tables.ts';
import type { Db } from './db.ts';

export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60_000;

/**
 * How long a claim with nothing committed counts as "in progress" (409). A create takes well under a
 * second; a claim older than this belongs to a request that stopped (its isolate died, or D1 failed
 * before the commit and again when freeing the key), and a retry may take it over. Should the first
 * request only have been slow, the guard in its batch (claimInBatch) makes its commit fail: one article.
 */
export const IDEMPOTENCY_ABANDONED_MS = 60_000;

export interface StoredAnswer {
  status: number;
  body: string;
  headers: Record<string, string>;
}

export type Claim =
  /** The key is ours now (claimed at the `now` given): create, with claimInBatch() in the batch. */
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
    if (row.articleId === null && row.response === null && row.createdAt.getTime() <= now.getTime() - IDEMPOTENCY_ABANDONED_MS) {
      // Abandoned before committing (whatever its body): nothing was created, so the key is free again.
      await releaseKey(db, tokenId, key, row.createdAt);
      continue;
    }
    if (row.requestHash !== requestHash) return { kind: 'mismatch' };
    if (row.response !== null) return { kind: 'replay', answer: JSON.parse(row.response) as StoredAnswer };
    if (row.articleId !== null) return { kind: 'committed', articleId: row.articleId };
    return { kind: 'in-progress' };
  }
  return { kind: 'in-progress' };
}

/**
 * The batch item that ties the key to the article being created, in the creating transaction, if the
 * claim made at `claimedAt` is still this request's. If it is not (given up as abandoned, taken by a
 * retry, or gone), the request hash it writes is NULL and the whole batch fails (NOT NULL, which
 * SQLite checks before the upsert's conflict): this create commits nothing (IdempotencyClaimLost).
 */
export const claimInBatch = (db: Db, tokenId: number, key: string, claimedAt: Date) => (articleId: number | SQL) => [
  db.insert(idempotencyKeys).values({
    tokenId, key, createdAt: claimedAt, articleId: sql`${articleId}`,
    requestHash: sql`(select ${idempotencyKeys.requestHash} from ${idempotencyKeys} where ${and(
      keyIs(tokenId, key), eq(idempotencyKeys.createdAt, claimedAt), isNull(idempotencyKeys.articleId),
    )})`,
  }).onConflictDoUpdate({ target: [idempotencyKeys.tokenId, idempotencyKeys.key], set: { articleId: sql`excluded.article_id` } }),
];

export async function storeAnswer(db: Db, tokenId: number, key: string, answer: StoredAnswer): Promise<void> {
  await db.update(idempotencyKeys).set({ response: JSON.stringify(answer) }).where(keyIs(tokenId, key));
}

/** A claim (made at `claimedAt`) that committed nothing frees its key; another request's claim stays. */
export async function releaseKey(db: Db, tokenId: number, key: string, claimedAt: Date): Promise<void> {
  await db.delete(idempotencyKeys)
    .where(and(keyIs(tokenId, key), eq(idempotencyKeys.createdAt, claimedAt), isNull(idempotencyKeys.articleId)));
}

/** The cron's pruning: keys older than 24 hours. */
export async function pruneIdempotencyKeys(db: Db, now: Date): Promise<number> {
  const gone = await db.delete(idempotencyKeys)
    .where(lte(idempotencyKeys.createdAt, new Date(now.getTime() - IDEMPOTENCY_TTL_MS)))
    .returning({ key: idempotencyKeys.key });
  return gone.length;
}
