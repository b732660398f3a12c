// The cron's part in the daily backup: it starts the deployment's BackupRunner at BACKUP_AT_UTC only, a
// repeated run of that minute starts nothing, and a malformed var or option is an error that stops nothing
// else the cron does. The backup started here runs on the object's own alarms, as deployed.
import { env } from 'cloudflare:workers';
import { runDurableObjectAlarm } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { backupKey, backupOptions } from '../../functions/backup/backup-options.ts';
import { backupRunner, isBackupRun } from '../../functions/backup/backup-schedule.ts';
import { runScheduled } from '../../functions/scheduled.ts';

const AT = new Date(Date.UTC(2026, 10, 30, 19, 0, 0));
const MINUTE = 60_000;

/**
 * Runs the object's alarms until its backup is done. The cron's backup has no pause between chunks, so
 * the platform's own alarm may run a chunk too (then runDurableObjectAlarm finds none and asks again).
 */
async function untilDone(): Promise<void> {
  const runner = backupRunner(env);
  for (let asked = 1; asked <= 10_000; asked++) {
    if ((await runner.status()).running === null) return;
    await runDurableObjectAlarm(runner);
  }
  throw new Error('the backup never ended');
}

describe('the cron and the daily backup', () => {
  it('starts the backup at BACKUP_AT_UTC (19:00) only; a repeated run of that minute starts nothing', async () => {
    expect(env.BACKUP_AT_UTC).toBe('19:00');
    const first = await runScheduled(env, AT);
    expect(first.backup).toEqual({ started: true, id: '2026-11-30T19-00-00Z' });
    expect((await runScheduled(env, AT)).backup).toEqual({ started: false, id: '2026-11-30T19-00-00Z', reason: 'running' });
    expect((await runScheduled(env, new Date(AT.getTime() + MINUTE))).backup).toBeNull();
    expect((await runScheduled(env, new Date(AT.getTime() - MINUTE))).backup).toBeNull();
    await untilDone();
    const { backups } = await backupRunner(env).status();
    expect(backups[0]).toMatchObject({ id: '2026-11-30T19-00-00Z', status: 'complete' });
    expect(await env.MEDIA.head(backupKey('2026-11-30T19-00-00Z', 'manifest.json'))).not.toBeNull();
    // The same minute once more (a late duplicate of the run): that backup exists.
    expect((await runScheduled(env, AT)).backup).toEqual({ started: false, id: '2026-11-30T19-00-00Z', reason: 'exists' });
  }, 120_000);

  it('reads BACKUP_AT_UTC as a UTC time; a malformed one is logged and the rest of the run goes on', async () => {
    expect(isBackupRun(new Date(Date.UTC(2026, 10, 30, 2, 0)), { BACKUP_AT_UTC: '02:00' })).toBe(true);
    expect(isBackupRun(new Date(Date.UTC(2026, 10, 30, 2, 1)), { BACKUP_AT_UTC: '02:00' })).toBe(false);
    for (const bad of ['7:00', '24:00', '19:60', '', '19h00']) expect(() => isBackupRun(AT, { BACKUP_AT_UTC: bad }), bad).toThrow(RangeError);
    const run = await runScheduled({ ...env, BACKUP_AT_UTC: '25:00' }, AT);
    expect(run.backup).toBeNull();
    expect(run.published).toEqual([]);
    expect((await backupRunner(env).status()).running).toBeNull();
  });

  it('refuses a BACKUP_KEEP or BACKUP_WITH_SECRETS it cannot read, naming the value', () => {
    expect(backupOptions({ BACKUP_KEEP: '7', BACKUP_WITH_SECRETS: 'off' })).toMatchObject({ keep: 7, withSecrets: false });
    expect(backupOptions({ BACKUP_KEEP: '3', BACKUP_WITH_SECRETS: 'on' })).toMatchObject({ keep: 3, withSecrets: true });
    expect(() => backupOptions({ BACKUP_KEEP: '0', BACKUP_WITH_SECRETS: 'off' })).toThrow(/keep is a whole number from 1 to 366, not 0/);
    expect(() => backupOptions({ BACKUP_KEEP: 'seven', BACKUP_WITH_SECRETS: 'off' })).toThrow(/keep/);
    expect(() => backupOptions({ BACKUP_KEEP: '7', BACKUP_WITH_SECRETS: 'yes' })).toThrow(/BACKUP_WITH_SECRETS is "on" or "off", not "yes"/);
  });
});
