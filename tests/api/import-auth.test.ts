// The import scope and the site an import works on (functions/http/auth.ts requireImport, enforced by the
// router for every `auth: 'import'` row): no token 401, a token without the scope 403, ?site=HOST only
// with an all-sites token (403 otherwise, 404 for a host no site has), and an all-sites token accepted on
// every site's host while a one-site token stays refused on another's.
import { env, exports } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { apiTokens } from '../../schema/tables.ts';
import { database } from '../../functions/data/db.ts';
import { createSite } from '../../functions/data/sites.ts';
import { createToken } from '../../functions/data/tokens.ts';
import { expectProblem } from '../support/api.ts';

const db = database(env.DB);
const U = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
const HOME = `nhap-${U}.test`;
const OTHER = `khac-${U}.test`;
const OTHER_ALIAS = `www.khac-${U}.test`;
let home = 0;
let other = 0;

const post = (host: string, path: string, token: string | null, body: unknown) => exports.default.fetch(new Request(`http://${host}${path}`, {
  method: 'POST', body: JSON.stringify(body),
  headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
}));
const known = (host: string, token: string | null, query = '') => post(host, `/api/v1/import/known${query}`, token, { kind: 'article', keys: ['x'] });
const token = async (siteId: number, scopes: ('read' | 'write' | 'import')[], allSites = false) =>
  (await createToken(db, siteId, `t-${U}`, scopes, null, { allSites })).token;

beforeAll(async () => {
  home = (await createSite(db, { name: `Trang nhập ${U}`, hosts: [HOME] })).id;
  other = (await createSite(db, { name: `Trang khác ${U}`, hosts: [OTHER, OTHER_ALIAS] })).id;
});

describe('the import scope', () => {
  it('refuses a request without a token (401 with a Bearer challenge) and a token without the scope (403)', async () => {
    const none = await known(HOME, null);
    expect(none.headers.get('WWW-Authenticate')).toMatch(/^Bearer /);
    expect((await expectProblem(none, 401)).detail).toContain('"import" scope');
    const writer = await known(HOME, await token(home, ['read', 'write']));
    expect((await expectProblem(writer, 403)).type).toMatch(/insufficient-scope$/);
  });

  it('accepts a token of the site with the import scope, for the host\'s site', async () => {
    const res = await known(HOME, await token(home, ['import']));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ known: {} });
  });

  it('a write token of the site does not become an import token, nor the reverse', async () => {
    const importer = await token(home, ['import']);
    const res = await post(HOME, '/api/v1/articles', importer, { title: 'x', category: 'tin-tuc-su-kien' });
    expect((await expectProblem(res, 403)).detail).toContain('"write" scope');
  });

  it('refuses another site\'s import token like an unknown one (401)', async () => {
    await expectProblem(await known(HOME, await token(other, ['import'])), 401);
  });
});

describe('?site=HOST', () => {
  it('is refused (403) to a token of one site, even for its own host', async () => {
    const importer = await token(home, ['import']);
    const problem = await expectProblem(await known(HOME, importer, `?site=${OTHER}`), 403);
    expect(problem.detail).toContain('all sites');
    await expectProblem(await known(HOME, importer, `?site=${HOME}`), 403);
  });

  it('picks the named site for an all-sites token (any of its hostnames), whatever host is asked', async () => {
    const platform = await token(home, ['import'], true);
    const key = `nguon-${U}`;
    const created = await post(HOME, `/api/v1/import/articles?site=${OTHER_ALIAS}`, platform, {
      items: [{ sourceKey: key, title: `Bài nhập ${U}`, body: 'Nội dung.', status: 'draft', publishedAt: null }],
    });
    expect(created.status).toBe(200);
    const [item] = ((await created.json()) as { items: { outcome: string; url: string }[] }).items;
    expect(item).toMatchObject({ outcome: 'created' });
    // The URL is the named site's canonical one, and the item is that site's, not the host's.
    expect(item!.url).toMatch(new RegExp(`^http://${OTHER.replaceAll('.', '\\.')}/bai-viet/`));
    const onOther = await (await post(HOME, `/api/v1/import/known?site=${OTHER}`, platform, { kind: 'article', keys: [key] })).json() as { known: Record<string, unknown> };
    expect(Object.keys(onOther.known)).toEqual([key]);
    const onHome = await (await post(HOME, '/api/v1/import/known', platform, { kind: 'article', keys: [key] })).json() as { known: Record<string, unknown> };
    expect(onHome.known).toEqual({});
  });

  it('answers 404 for a host no site has, and for junk', async () => {
    const platform = await token(home, ['import'], true);
    expect((await expectProblem(await known(HOME, platform, `?site=khong-co-${U}.test`), 404)).type).toMatch(/unknown-host$/);
    await expectProblem(await known(HOME, platform, `?site=${encodeURIComponent('a/b@c')}`), 404);
  });
});

describe('all-sites tokens', () => {
  it('are stored as such and accepted on every site\'s host; a one-site token stays refused on another host', async () => {
    const platform = await createToken(db, home, `nen-tang-${U}`, ['read', 'import'], null, { allSites: true });
    const [row] = await db.select({ allSites: apiTokens.allSites }).from(apiTokens).where(eq(apiTokens.id, platform.id));
    expect(row!.allSites).toBe(true);
    const read = (host: string, t: string) => exports.default.fetch(new Request(`http://${host}/api/v1/articles`, { headers: { Authorization: `Bearer ${t}` } }));
    expect((await read(OTHER, platform.token)).status).toBe(200);
    expect((await known(OTHER, platform.token)).status).toBe(200);
    await expectProblem(await read(OTHER, await token(home, ['read'])), 401);
  });
});
