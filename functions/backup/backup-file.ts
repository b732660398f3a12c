// One file of a backup written across many alarms: whole parts of exactly `partSize` bytes go to an R2
// multipart upload as soon as the bytes are there, the rest waits in the object's storage (table
// `pending`) for the next chunk. A file that never fills a part is one plain put at its end. R2 does the
// work; the caller commits the returned state and pending bytes afterwards, in one storage transaction,
// so a chunk that fails midway leaves the previous state and is done again whole (re-sending a part
// number replaces that part).

export interface FileState {
  /** The R2 key. */
  key: string;
  uploadId: string | null;
  parts: R2UploadedPart[];
  /** Bytes of the file so far (sent and pending). */
  bytes: number;
  /** Bytes waiting in storage. */
  pending: number;
}

/** What the caller writes to `pending` with the state: add these bytes, or replace it all with these. */
export type PendingChange = { append: Uint8Array } | { replace: Uint8Array };

/** A stored value holds at most 2 MB: pending bytes are kept in slices of 1 MiB. */
const SLICE = 1024 * 1024;

export const newFile = (key: string): FileState => ({ key, uploadId: null, parts: [], bytes: 0, pending: 0 });

function concat(chunks: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

export function readPending(sql: SqlStorage): Uint8Array {
  return concat(sql.exec<{ data: ArrayBuffer }>('SELECT data FROM pending ORDER BY seq').toArray().map((r) => new Uint8Array(r.data)));
}

/** Applies a change to `pending` (call inside the transaction that saves the state). */
export function writePending(sql: SqlStorage, change: PendingChange): void {
  const bytes = 'append' in change ? change.append : change.replace;
  let seq = 0;
  if ('replace' in change) sql.exec('DELETE FROM pending');
  else seq = sql.exec<{ seq: number }>('SELECT coalesce(max(seq), 0) AS seq FROM pending').one().seq;
  for (let at = 0; at < bytes.length; at += SLICE) sql.exec('INSERT INTO pending (seq, data) VALUES (?, ?)', ++seq, bytes.slice(at, at + SLICE).buffer);
}

const EMPTY = new Uint8Array(0);

/**
 * Adds bytes to the file, sending every whole part there now is; with `end`, also the rest as its last
 * part and completes the upload (a file that never filled a part is one plain put).
 */
export async function writeToFile(
  bucket: R2Bucket, sql: SqlStorage, file: FileState, bytes: Uint8Array, partSize: number, end: boolean,
): Promise<{ file: FileState; pending: PendingChange }> {
  const total = file.bytes + bytes.length;
  if (!end && file.pending + bytes.length < partSize) {
    return { file: { ...file, bytes: total, pending: file.pending + bytes.length }, pending: { append: bytes } };
  }
  const ended = { file: { ...file, bytes: total, pending: 0 }, pending: { replace: EMPTY } };
  // A retry after the completion went through but its state was not saved: the upload is gone and the
  // object holds every byte.
  if (end && file.uploadId && (await bucket.head(file.key))?.size === total) return ended;
  const all = concat([file.pending > 0 ? readPending(sql) : EMPTY, bytes]);
  if (end && !file.uploadId && all.length <= partSize) {
    await bucket.put(file.key, all, { httpMetadata: { contentType: contentTypeOf(file.key) } });
    return ended;
  }
  const uploadId = file.uploadId ?? (await bucket.createMultipartUpload(file.key, { httpMetadata: { contentType: contentTypeOf(file.key) } })).uploadId;
  const upload = bucket.resumeMultipartUpload(file.key, uploadId);
  const parts = [...file.parts];
  let at = 0;
  for (; all.length - at >= partSize; at += partSize) parts.push(await upload.uploadPart(parts.length + 1, all.subarray(at, at + partSize)));
  if (!end) {
    const rest = all.slice(at);
    return { file: { ...file, uploadId, parts, bytes: total, pending: rest.length }, pending: { replace: rest } };
  }
  if (at < all.length) parts.push(await upload.uploadPart(parts.length + 1, all.subarray(at)));
  await upload.complete(parts);
  return { file: { ...ended.file, uploadId, parts }, pending: ended.pending };
}

/** Gives up the file's upload (its parts are deleted); an upload already gone is no error. */
export async function abortFile(bucket: R2Bucket, file: FileState): Promise<void> {
  if (file.uploadId) await bucket.resumeMultipartUpload(file.key, file.uploadId).abort().catch(() => undefined);
}

const contentTypeOf = (key: string): string => (key.endsWith('.ndjson') ? 'application/x-ndjson; charset=utf-8' : 'application/json; charset=utf-8');
