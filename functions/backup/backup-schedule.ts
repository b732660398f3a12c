// When the cron starts the daily backup (BACKUP_AT_UTC, "HH:MM" in UTC) and the one object that runs it.
import type { StartResult } from './backup-runner.ts';

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Whether this cron run (its scheduled minute, so deterministic) is the backup's; a malformed var is an error, said once a minute. */
export function isBackupRun(at: Date, env: Pick<Env, 'BACKUP_AT_UTC'>): boolean {
  const match = TIME.exec(env.BACKUP_AT_UTC ?? '19:00');
  if (!match) throw new RangeError(`BACKUP_AT_UTC is a UTC time "HH:MM", not ${JSON.stringify(env.BACKUP_AT_UTC)}`);
  return at.getUTCHours() === Number(match[1]) && at.getUTCMinutes() === Number(match[2]);
}

/** The deployment's one BackupRunner. */
export const backupRunner = (env: Pick<Env, 'BACKUPS'>) => env.BACKUPS.get(env.BACKUPS.idFromName('deployment'));

/** Starts the backup of this instant (nothing if one runs or it exists: a repeated cron run). */
export async function startDailyBackup(env: Env, at: Date): Promise<StartResult> {
  const result = await backupRunner(env).start(at.getTime());
  console.log(result.started ? `scheduled: backup ${result.id} started` : `scheduled: backup ${result.id} not started (${result.reason})`);
  return result;
}
