// DELETE /api/v1/import/token (functions/import/token.ts): the presenting import token revokes itself,
// whatever site it works on, and nothing else; a token without the import scope cannot.
import { env, exports } from 'cloudflare:workers';
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { apiTokens, auditLog } from '../../schema/tables.ts';
import { database } from '../../functions/data/db.ts';
import { createSite } from '../../functions/data/sites.ts';
import { createToken } from '../../functions/data/tokens.ts';
import { expectProblem } from '../support/api.ts';

const db = database(env.DB);
const U = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
const HOME = `thu-hoi-${U}.test`;
const OTHER = `khac-thu-hoi-${U}.test`;
let home = 0;

const call = (method: 'GET' | 'POST' | 'DELETE', path: string, token: string | null, host = HOME) =>
  exports.default.fetch(new Request(`http://${host}${path}`, {
    method, ...(method === 'POST' ? { body: JSON.stringify({ kind: 'article', keys: ['x'] }) } : {}),
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
  }));
const revoke = (token: string | null, host = HOME, query = '') => call('DELETE', `/api/v1/import/token${query}`, token, host);
const known = (token: string, host = HOME) => call('POST', '/api/v1/import/known', token, host);
const revokedAt = async (id: number) => (await db.select({ at: apiTokens.revokedAt }).from(apiTokens).where(eq(apiTokens.id, id)))[0]!.at;

beforeAll(async () => {
  home = (await createSite(db, { name: `Thu hồi ${U}`, hosts: [HOME] })).id;
  await createSite(db, { name: `Khác ${U}`, hosts: [OTHER] });
});

describe('DELETE /api/v1/import/token', () => {
  it('revokes the presenting token (204, refused from the next request) and no other, with an audit entry', async () => {
    const mine = await createToken(db, home, `export chạy ${U}`, ['import'], null, { allSites: true });
    const kept = await createToken(db, home, `giữ ${U}`, ['import']);
    expect((await known(mine.token)).status).toBe(200);
    const res = await revoke(mine.token);
    expect(res.status).toBe(204);
    expect(await res.text()).toBe('');
    expect(await revokedAt(mine.id)).not.toBeNull();
    await expectProblem(await known(mine.token), 401);
    await expectProblem(await revoke(mine.token), 401); // a second revoke: the token is unknown now
    expect((await known(kept.token)).status).toBe(200);
    expect(await revokedAt(kept.id)).toBeNull();
    const entries = await db.select({ actor: auditLog.actorLabel, detail: auditLog.detail }).from(auditLog)
      .where(and(eq(auditLog.action, 'token.revoked'), eq(auditLog.subject, `token:${mine.id}`)));
    expect(entries).toHaveLength(1);
    expect(entries[0]!.detail).toContain(`export chạy ${U}`);
  });

  it('an all-sites token working on another site (?site=HOST, or on its host) revokes itself, made on its own site', async () => {
    const platform = await createToken(db, home, `nền tảng ${U}`, ['import'], null, { allSites: true });
    expect((await revoke(platform.token, HOME, `?site=${OTHER}`)).status).toBe(204);
    expect(await revokedAt(platform.id)).not.toBeNull();
    const onOther = await createToken(db, home, `nền tảng 2 ${U}`, ['import'], null, { allSites: true });
    expect((await revoke(onOther.token, OTHER)).status).toBe(204);
    await expectProblem(await known(onOther.token, OTHER), 401);
  });

  it('refuses without a token (401) and a token without the import scope (403), which stays valid', async () => {
    await expectProblem(await revoke(null), 401);
    const writer = await createToken(db, home, `viết ${U}`, ['read', 'write']);
    expect((await expectProblem(await revoke(writer.token), 403)).detail).toContain('"import" scope');
    expect(await revokedAt(writer.id)).toBeNull();
  });
});
