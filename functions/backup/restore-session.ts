// A remote restore in progress: begun by an all-sites import token (whose own row the restore then
// replaces), carried on by a one-time key the begin answer gave, kept as its SHA-256 in one R2 object
// with an expiry. Nothing but the restore endpoints reads it.
import { sha256Hex } from '../data/tokens.ts';
import { HttpError } from '../http/problem.ts';

const SESSION_OBJECT = '.restore-session';
/** Long enough for a large portal's upload over a slow line; a forgotten session ends by itself. */
export const RESTORE_SESSION_MS = 12 * 60 * 60 * 1000;

interface Session {
  keyHash: string;
  expiresAt: number;
}

function randomKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return `rk_${[...bytes].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/** Starts a session (replacing any other: the deployment is being emptied anyway) and returns its key. */
export async function beginSession(bucket: R2Bucket, now: Date): Promise<{ key: string; expiresAt: string }> {
  const key = randomKey();
  const session: Session = { keyHash: await sha256Hex(key), expiresAt: now.getTime() + RESTORE_SESSION_MS };
  await bucket.put(SESSION_OBJECT, JSON.stringify(session), { httpMetadata: { contentType: 'application/json' } });
  return { key, expiresAt: new Date(session.expiresAt).toISOString() };
}

/** The request's Restore-Key names the session in progress, or 401. */
export async function requireSession(request: Request, bucket: R2Bucket, now: Date): Promise<void> {
  const key = request.headers.get('Restore-Key') ?? '';
  const stored = await bucket.get(SESSION_OBJECT);
  const session = stored ? ((await stored.json()) as Session) : null;
  // Hashes compared, so the comparison's time says nothing about the key.
  if (!session || session.expiresAt <= now.getTime() || !/^rk_[0-9a-f]{64}$/.test(key) || (await sha256Hex(key)) !== session.keyHash) {
    throw new HttpError(401, 'no-restore-session', 'No restore in progress for this Restore-Key (it ended, expired, or was never begun): POST /api/v1/restore/begin with an all-sites import token.');
  }
}

export async function endSession(bucket: R2Bucket): Promise<void> {
  await bucket.delete(SESSION_OBJECT);
}
