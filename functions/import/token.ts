// DELETE /api/v1/import/token: the presenting token revokes itself. The import and export CLIs mint an
// all-sites token per run and end the run with this, so no such token outlives the run that needed it.
import { database } from '../data/db.ts';
import { revokeToken } from '../data/token-admin.ts';
import type { ImportHandler } from '../http/auth.ts';
import { sendWrite } from '../http/respond.ts';

export const revokeOwnToken: ImportHandler = async (_request, env, _ctx, caller) => {
  // The router found the token live a moment ago; a concurrent revoke makes this a no-op, still 204.
  await revokeToken(database(env.DB), caller.siteId, caller.id, new Date());
  return sendWrite(null, 204);
};
