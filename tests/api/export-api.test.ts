// The export endpoints through the Worker: who may export what (a site's token its site; an all-sites
// token any site, everything, secrets), table pages as NDJSON with cursors, R2 objects, visit figures.
import { env, exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { createSite } from '../../functions/data/sites.ts';
import { database } from '../../functions/data/db.ts';
import { createToken } from '../../functions/data/tokens.ts';
import { reloadRegistry } from '../../functions/sites/registry.ts';
import { FIRST_SITE_ID, call, unique, writeToken } from '../support/api.ts';

const importToken = async (siteId = FIRST_SITE_ID, allSites = false) =>
  (await createToken(database(env.DB), siteId, unique('export'), ['import'], null, { allSites })).token;
const get = (path: string, token: string | null) => call(path, token ? { headers: { Authorization: `Bearer ${token}` } } : {});
const lines = (text: string) => text.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);

async function otherSite() {
  const host = `${unique('xuat')}.test`;
  const site = await createSite(database(env.DB), { name: `Xã ${unique('x')}`, hosts: [host] });
  await reloadRegistry(env);
  return { ...site, host };
}

async function allRows(path: string, token: string): Promise<{ rows: Record<string, unknown>[]; pages: number }> {
  const rows: Record<string, unknown>[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const sep = path.includes('?') ? '&' : '?';
    const res = await get(`${path}${cursor ? `${sep}cursor=${cursor}` : ''}`, token);
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toMatch(/^application\/x-ndjson/);
    rows.push(...lines(await res.text()));
    cursor = res.headers.get('Export-Next-Cursor');
    pages += 1;
  } while (cursor);
  return { rows, pages };
}

describe('export: who may export what', () => {
  it('needs the import scope: none 401, a write token 403', async () => {
    expect((await get('/api/v1/export/manifest', null)).status).toBe(401);
    const res = await get('/api/v1/export/manifest', await writeToken());
    expect(res.status).toBe(403);
    expect(res.headers.get('Content-Type')).toMatch(/problem\+json/);
  });

  it('a site token exports its site only: no accounts, no secrets, no other site, no everything', async () => {
    const token = await importToken();
    const res = await get('/api/v1/export/manifest', token);
    expect(res.status).toBe(200);
    const manifest = await res.json() as { scope: unknown; schema: string; sites: { id: number }[]; tables: { name: string; skipped?: string; columns?: string[] }[] };
    expect(manifest.scope).toEqual({ sites: [FIRST_SITE_ID] });
    expect(manifest.schema).toMatch(/^\d{4}_\w+$/);
    expect(manifest.sites.map((s) => s.id)).toEqual([FIRST_SITE_ID]);
    expect(manifest.tables.find((t) => t.name === 'users')?.skipped).toMatch(/deployment-wide/);
    expect(manifest.tables.find((t) => t.name === 'sessions')?.skipped).toMatch(/ephemeral/);
    expect(manifest.tables.find((t) => t.name === 'articles')?.columns).toContain('body_markdown');
    for (const q of ['scope=all', 'secrets=1']) expect((await get(`/api/v1/export/manifest?${q}`, token)).status).toBe(403);
    const other = await otherSite();
    expect((await get(`/api/v1/export/manifest?site=${other.host}`, token)).status).toBe(403);
    expect((await get('/api/v1/export/tables/users', token)).status).toBe(409);
  });

  it('an all-sites token exports another site, or everything with the accounts', async () => {
    const other = await otherSite();
    const token = await importToken(FIRST_SITE_ID, true);
    const one = await (await get(`/api/v1/export/manifest?site=${other.host}`, token)).json() as { scope: unknown; sites: { id: number; hosts: string[] }[] };
    expect(one.scope).toEqual({ sites: [other.id] });
    expect(one.sites).toEqual([expect.objectContaining({ id: other.id, hosts: [other.host] })]);
    const all = await (await get('/api/v1/export/manifest?scope=all', token)).json() as { scope: unknown; sites: { id: number }[]; tables: { name: string; skipped?: string }[] };
    expect(all.scope).toBe('all');
    expect(all.sites.map((s) => s.id)).toEqual(expect.arrayContaining([FIRST_SITE_ID, other.id]));
    expect(all.tables.find((t) => t.name === 'users')?.skipped).toBeUndefined();
    expect(all.tables.find((t) => t.name === 'totp_credentials')?.skipped).toMatch(/secret/);
    expect((await get(`/api/v1/export/manifest?scope=all&site=${other.host}`, token)).status).toBe(400);
    expect((await get('/api/v1/export/manifest?scope=some', token)).status).toBe(400);
  });
});

describe('export: table pages', () => {
  it('pages a site\'s articles as NDJSON with a cursor, none of another site\'s', async () => {
    const other = await otherSite();
    const category = await env.DB.prepare("INSERT INTO categories (site_id, slug, name) VALUES (?, ?, 'CM') RETURNING id").bind(other.id, unique('cm')).first<{ id: number }>();
    const slugs: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      slugs.push(unique('bv'));
      await env.DB.prepare("INSERT INTO articles (site_id, slug, title, category_id, body_markdown) VALUES (?, ?, 'Bài \"xuất\"', ?, 'Dòng một\nDòng hai')").bind(other.id, slugs[i], category!.id).run();
    }
    const token = await importToken(other.id);
    // A site's token on another site's host is refused like an unknown one: its site is its host's.
    expect((await get('/api/v1/export/tables/articles', token)).status).toBe(401);
    const onHost = await allRowsOn(other.host, '/api/v1/export/tables/articles?limit=2', token);
    expect(onHost.pages).toBe(3);
    expect(onHost.rows.map((r) => r['slug'])).toEqual(slugs);
    expect(onHost.rows[0]!['body_markdown']).toBe('Dòng một\nDòng hai');
    expect(onHost.rows.every((r) => r['site_id'] === other.id)).toBe(true);
  });

  it('hides token hashes without secrets and shows them with', async () => {
    const token = await importToken(FIRST_SITE_ID, true);
    const hidden = await allRows('/api/v1/export/tables/api_tokens?limit=500', token);
    expect(hidden.rows.length).toBeGreaterThan(0);
    expect(hidden.rows.every((r) => r['token_hash'] === null)).toBe(true);
    const shown = await allRows('/api/v1/export/tables/api_tokens?limit=500&secrets=1', token);
    expect(shown.rows.every((r) => typeof r['token_hash'] === 'string' && (r['token_hash'] as string).length === 64)).toBe(true);
  });

  it('answers an unknown table 404, a bad cursor or limit 400', async () => {
    const token = await importToken();
    expect((await get('/api/v1/export/tables/nope', token)).status).toBe(404);
    expect((await get('/api/v1/export/tables/articles?cursor=%%%', token)).status).toBe(400);
    expect((await get('/api/v1/export/tables/articles?cursor=WzEsMl0', token)).status).toBe(400); // [1,2]: the key has one column
    for (const limit of ['0', '501', 'abc']) expect((await get(`/api/v1/export/tables/articles?limit=${limit}`, token)).status).toBe(400);
  });
});

describe('export: media and visits', () => {
  it('lists a site\'s objects (media with copies, document files) a page at a time, and serves their bytes', async () => {
    const other = await otherSite();
    const keys = ['2026/11/a.jpg', '2026/11/a.jpg.w320.webp', '2026/12/b.png'];
    for (const k of keys) await env.MEDIA.put(`sites/${other.id}/${k}`, `bytes of ${k}`, { httpMetadata: { contentType: 'image/jpeg' }, customMetadata: { width: '640', widths: '320' } });
    await env.MEDIA.put(`documents/${other.id}/2026/11/c.pdf`, '%PDF-1.7 c');
    const stranger = await otherSite();
    await env.MEDIA.put(`sites/${stranger.id}/2026/11/z.jpg`, 'not theirs');
    const token = await importToken(FIRST_SITE_ID, true);
    const listed: { siteId: number; key: string; size: number }[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await get(`/api/v1/export/media?site=${other.host}&limit=2${cursor ? `&cursor=${cursor}` : ''}`, token);
      expect(res.status).toBe(200);
      const page = await res.json() as { objects: typeof listed; next: string | null };
      listed.push(...page.objects);
      cursor = page.next;
      pages += 1;
    } while (cursor);
    expect(listed.map((o) => o.key)).toEqual([`documents/${other.id}/2026/11/c.pdf`, ...keys]);
    expect(pages).toBeGreaterThanOrEqual(2);
    expect(listed.every((o) => o.siteId === other.id)).toBe(true);
    // With the metadata pages read (an image's size and copies) and the type it is served with.
    expect(listed[1]).toMatchObject({ key: keys[0], contentType: 'image/jpeg', customMetadata: { width: '640', widths: '320' } });
    const bytes = await get(`/api/v1/export/media/object?site=${other.host}&site-id=${other.id}&key=2026/11/a.jpg`, token);
    expect(bytes.status).toBe(200);
    expect(await bytes.text()).toBe('bytes of 2026/11/a.jpg');
    const doc = await get(`/api/v1/export/media/object?site=${other.host}&site-id=${other.id}&key=documents/${other.id}/2026/11/c.pdf`, token);
    expect(await doc.text()).toBe('%PDF-1.7 c');
    // Another site's object is not in this export, nor a key that tries to leave the site.
    expect((await get(`/api/v1/export/media/object?site=${other.host}&site-id=${stranger.id}&key=2026/11/z.jpg`, token)).status).toBe(404);
    expect((await get(`/api/v1/export/media/object?site=${other.host}&site-id=${other.id}&key=documents/${stranger.id}/x.pdf`, token)).status).toBe(404);
    expect((await get(`/api/v1/export/media?site=${other.host}&cursor=bm9wZQ`, token)).status).toBe(400);
  });

  it('gives each site\'s total as shown and its starting offset', async () => {
    const other = await otherSite();
    await env.DB.prepare('UPDATE sites SET visit_offset = 1234 WHERE id = ?').bind(other.id).run();
    const token = await importToken(FIRST_SITE_ID, true);
    const res = await get(`/api/v1/export/visits?site=${other.host}`, token);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ [String(other.id)]: { total: 1234, offset: 1234, days: [] } });
  });
});

async function allRowsOn(host: string, path: string, token: string) {
  const rows: Record<string, unknown>[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const res = await exports.default.fetch(new Request(`http://${host}${path}${cursor ? `&cursor=${cursor}` : ''}`, { headers: { Authorization: `Bearer ${token}` } }));
    expect(res.status).toBe(200);
    rows.push(...lines(await res.text()));
    cursor = res.headers.get('Export-Next-Cursor');
    pages += 1;
  } while (cursor);
  return { rows, pages };
}
