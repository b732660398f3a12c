// The platform admins' view of the daily backups (/admin/sao-luu): the backups kept and the running one,
// from the deployment's BackupRunner, and "Sao lưu ngay" (a backup of the whole deployment: platform only).
import { backupRunner } from '../../functions/backup/backup-schedule.ts';
import type { BackupStatus } from '../../functions/backup/backup-runner.ts';
import type { Session } from '../../functions/data/sessions.ts';
import type { AccountResult } from './accounts.ts';
import { isPlatformAdmin } from './permissions.ts';
import { BACKUPS, TEXT } from './strings.ts';

export const backupStatus = (env: Env): Promise<BackupStatus> => backupRunner(env).status();

/** POST of the page: `action=start` begins a backup now, unless one runs. */
export async function backupAction(env: Env, me: Session['user'], form: FormData, now: Date): Promise<AccountResult> {
  if (!isPlatformAdmin(me)) return { ok: false, status: 403, message: TEXT.forbidden };
  if (form.get('action') !== 'start') return { ok: false, status: 400, message: BACKUPS.invalid };
  const result = await backupRunner(env).start(now.getTime());
  if (result.started) {
    console.log(`backup ${result.id} started by user ${me.id}`);
    return { ok: true, message: BACKUPS.started };
  }
  return { ok: false, status: 409, message: result.reason === 'running' ? BACKUPS.busy : BACKUPS.exists };
}
