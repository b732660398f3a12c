// GET /api/v1/export/backups[/:id/...]: the deployment's kept daily backups and their files, streamed from
// the MEDIA bucket, so `npm run export -- --from-backup ID|latest` turns one into an archive. The whole
// deployment is in a backup: an all-sites token only.
import { BACKUP_ID, backupKey } from '../backup/backup-options.ts';
import { MEDIA_LIST_FILE } from '../backup/backup-runner.ts';
import { backupRunner } from '../backup/backup-schedule.ts';
import type { ImportCaller, ImportHandler } from '../http/auth.ts';
import { HttpError } from '../http/problem.ts';
import { sendWrite } from '../http/respond.ts';
import { privateObject } from './export.ts';

/** The files of a backup's folder besides its tables (backup-runner.ts writes them). */
const TOP_FILES = new Set(['manifest.json', 'visits.json', MEDIA_LIST_FILE]);
const TABLE_FILE = /^[a-z][a-z0-9_]{0,62}\.ndjson$/;

function requireAllSites(caller: ImportCaller): void {
  if (!caller.allSites) throw new HttpError(403, 'site-not-allowed', `The token "${caller.name}" is one site's: backups hold every site and need a token made for all sites (--all-sites).`);
}

/** The complete backups, newest first (a running or failed one has no manifest to read). */
async function completeBackups(env: Env) {
  const { backups } = await backupRunner(env).status();
  return backups.filter((b) => b.status === 'complete')
    .map((b) => ({ id: b.id, startedAt: b.startedAt, finishedAt: b.finishedAt, size: b.bytes, tables: b.tables, rows: b.rows }));
}

export const backupList: ImportHandler = async (_request, env, _ctx, caller) => {
  requireAllSites(caller);
  return sendWrite({ backups: await completeBackups(env) }, 200);
};

async function streamFile(env: Env, caller: ImportCaller, id: string, file: string): Promise<Response> {
  requireAllSites(caller);
  if (!BACKUP_ID.test(id) || !(await completeBackups(env)).some((b) => b.id === id)) {
    throw new HttpError(404, 'not-found', `No complete backup is called ${JSON.stringify(id)}: GET /api/v1/export/backups lists them.`);
  }
  const object = await env.MEDIA.get(backupKey(id, file));
  if (!object) throw new HttpError(404, 'not-found', `The backup ${id} has no file ${file}.`);
  return privateObject(object);
}

export const backupFile: ImportHandler = async (request, env, _ctx, caller) => {
  const { id = '', file = '' } = request.params as Record<string, string>;
  if (!TOP_FILES.has(file)) throw new HttpError(404, 'not-found', `A backup has manifest.json, visits.json, ${MEDIA_LIST_FILE} and tables/<table>.ndjson, not ${JSON.stringify(file)}.`);
  return streamFile(env, caller, id, file);
};

export const backupTable: ImportHandler = async (request, env, _ctx, caller) => {
  const { id = '', file = '' } = request.params as Record<string, string>;
  if (!TABLE_FILE.test(file)) throw new HttpError(404, 'not-found', `No table file is called ${JSON.stringify(file)}.`);
  return streamFile(env, caller, id, `tables/${file}`);
};
