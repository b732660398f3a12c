// Which backups go: complete ones beyond the newest `keep`, and the objects of failed ones. Deleted a
// bounded batch per alarm (one R2 list, one delete of at most 1,000 keys); a row goes once its folder is
// empty, so an interrupted deletion is carried on by the next run.
import { BACKUP_PREFIX } from './backup-options.ts';

// A type, not an interface: SqlStorage's row type needs the index signature a type alias has.
export type BackupRow = {
  id: string;
  started_at: number;
  finished_at: number | null;
  status: 'running' | 'complete' | 'failed';
  bytes: number;
  tables: number;
  rows: number;
  error: string | null;
  purged: number;
};

/** The next backup whose objects are to be deleted, or null. */
export function nextToDelete(sql: SqlStorage, keep: number): BackupRow | null {
  const rows = sql.exec<BackupRow>(`SELECT * FROM backups WHERE status != 'running' ORDER BY started_at DESC`).toArray();
  const complete = rows.filter((r) => r.status === 'complete');
  const old = complete.slice(keep)[0];
  return old ?? rows.find((r) => r.status === 'failed' && r.purged === 0) ?? null;
}

/** Deletes one batch of a backup's objects; true once none is left (its row then goes, or is marked purged). */
export async function deleteBatch(bucket: R2Bucket, sql: SqlStorage, row: BackupRow, batch = 1000): Promise<boolean> {
  const listed = await bucket.list({ prefix: `${BACKUP_PREFIX}${row.id}/`, limit: batch });
  if (listed.objects.length > 0) await bucket.delete(listed.objects.map((o) => o.key));
  if (listed.truncated) return false;
  if (row.status === 'complete') sql.exec('DELETE FROM backups WHERE id = ?', row.id);
  else sql.exec('UPDATE backups SET purged = 1 WHERE id = ?', row.id);
  return true;
}

/** Failed backups' rows older than the oldest complete backup kept: nothing of theirs is left to see. */
export function forgetOldFailures(sql: SqlStorage, keep: number): void {
  const oldest = sql.exec<{ started_at: number }>(`SELECT started_at FROM backups WHERE status = 'complete' ORDER BY started_at DESC LIMIT 1 OFFSET ?`, keep - 1).toArray()[0];
  if (oldest) sql.exec(`DELETE FROM backups WHERE status = 'failed' AND purged = 1 AND started_at < ?`, oldest.started_at);
}
