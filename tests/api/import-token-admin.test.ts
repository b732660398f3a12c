// The admin's token page action (site/admin/accounts.ts tokensAction): the import scope can be given, and
// only a platform admin may make a token for every site (an admin of one site is refused, 403, nothing made).
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { database } from '../../functions/data/db.ts';
import { listTokens } from '../../functions/data/token-admin.ts';
import { createToken, findToken } from '../../functions/data/tokens.ts';
import { createSite } from '../../functions/data/sites.ts';
import { createUser, readUser, type User } from '../../functions/data/users.ts';
import { tokensAction } from '../../site/admin/accounts.ts';
import { unique } from '../support/api.ts';
import { firstSiteId } from '../support/people.ts';

const db = database(env.DB);

async function account(role: 'admin' | 'platform-admin'): Promise<User> {
  const email = `${unique('qt')}@dongy.gov.vn`;
  const id = role === 'admin'
    ? await createUser(db, { email, name: 'Quản trị', role: 'admin', password: 'mat-khau-quan-tri' })
    : await createUser(db, { email, name: 'Quản trị hệ thống', password: 'mat-khau-quan-tri', platformAdmin: true });
  return (await readUser(db, id))!;
}
const form = (fields: Record<string, string | string[]>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) for (const one of [v].flat()) f.append(k, one);
  return f;
};

describe('the token page and the import scope', () => {
  it('gives a token the import scope when asked', async () => {
    const site = await firstSiteId();
    const made = await tokensAction(db, await account('admin'), site, form({ action: 'create', name: unique('nhap'), scope: ['import'] }), new Date());
    if (!made.ok) throw new Error(made.message);
    expect(await findToken(db, site, made.secret!, new Date())).toMatchObject({ scopes: ['read', 'import'], allSites: false });
  });

  it('refuses an all-sites token to an admin of one site (403, nothing made), and makes it for a platform admin', async () => {
    const site = await firstSiteId();
    const name = unique('moi-trang');
    const refused = await tokensAction(db, await account('admin'), site, form({ action: 'create', name, scope: ['import'], all_sites: '1' }), new Date());
    expect(refused).toMatchObject({ ok: false, status: 403 });
    expect((await listTokens(db, site)).find((t) => t.name === name)).toBeUndefined();
    const made = await tokensAction(db, await account('platform-admin'), site, form({ action: 'create', name, scope: ['import'], all_sites: '1' }), new Date());
    if (!made.ok) throw new Error(made.message);
    const other = (await createSite(db, { name: 'Trang khác', hosts: [`${unique('khac')}.test`] })).id;
    expect(await findToken(db, other, made.secret!, new Date())).toMatchObject({ scopes: ['read', 'import'], allSites: true });
    expect((await listTokens(db, site)).find((t) => t.name === name)).toMatchObject({ allSites: true });
  });

  it('a one-site token made there stays refused on another site', async () => {
    const site = await firstSiteId();
    const { token } = await createToken(db, site, unique('mot'), ['import']);
    const other = (await createSite(db, { name: 'Trang khác nữa', hosts: [`${unique('khac')}.test`] })).id;
    expect(await findToken(db, other, token, new Date())).toBeNull();
  });
});
