// The restore endpoints' refusals, through the Worker (the whole remote restore runs in
// tests/e2e/export-restore.test.ts): who may begin, a deployment with content, a newer schema, the key,
// and what a table page or an object may be. A session is begun directly here, so nothing is emptied.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { beginSession, endSession } from '../../functions/backup/restore-session.ts';
import { database } from '../../functions/data/db.ts';
import { createToken } from '../../functions/data/tokens.ts';
import { FIRST_SITE_ID, call, freshCategory, unique } from '../support/api.ts';

const importToken = async (allSites: boolean) => (await createToken(database(env.DB), FIRST_SITE_ID, unique('restore'), ['import'], null, { allSites })).token;
const begin = (token: string, body: unknown) => call('/api/v1/restore/begin', { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

describe('POST /api/v1/restore/begin', () => {
  it('a site token 403; a deployment with content 409 naming it; a newer schema 422; a bad body 422', async () => {
    await freshCategory();
    expect((await begin(await importToken(false), { schema: '0014_import_redirects' })).status).toBe(403);
    const all = await importToken(true);
    const full = await begin(all, { schema: '0014_import_redirects' });
    expect(full.status).toBe(409);
    expect(((await full.json()) as { detail: string }).detail).toMatch(/has content already \(.*\d+ categories/);
    const newer = await begin(all, { schema: '9999_from_the_future', force: true });
    expect(newer.status).toBe(422);
    expect(((await newer.json()) as { detail: string }).detail).toMatch(/9999_from_the_future/);
    expect((await begin(all, { schema: 'nope' })).status).toBe(422);
  });
});

describe('the Restore-Key endpoints', () => {
  it('refuse without the key, with a wrong one, and after the session ended', async () => {
    const { key } = await beginSession(env.MEDIA, new Date());
    const post = (k: string) => call('/api/v1/restore/tables/redirects', { method: 'POST', headers: { 'Restore-Key': k }, body: '' });
    expect((await post(key)).status).toBe(200);
    expect((await call('/api/v1/restore/tables/redirects', { method: 'POST', body: '' })).status).toBe(401);
    expect((await post(`rk_${'0'.repeat(64)}`)).status).toBe(401);
    await endSession(env.MEDIA);
    expect((await post(key)).status).toBe(401);
  });

  it('a table page: unknown table 404, a line not JSON or not an object 400, rows the database refuses 422, good rows 200', async () => {
    const { key } = await beginSession(env.MEDIA, new Date());
    const post = (table: string, body: string) => call(`/api/v1/restore/tables/${table}`, { method: 'POST', headers: { 'Restore-Key': key, 'Content-Type': 'application/x-ndjson' }, body });
    try {
      expect((await post('nope', '{}\n')).status).toBe(404);
      const bad = await post('redirects', '{"id":1}\n{"id":\n');
      expect(bad.status).toBe(400);
      expect(((await bad.json()) as { detail: string }).detail).toBe('Line 2 is not JSON.');
      expect((await post('redirects', '[1]\n')).status).toBe(400);
      // No from_path: the database refuses the row (NOT NULL), as one 422 (never a 500).
      const refused = await post('redirects', `${JSON.stringify({ id: 990001, site_id: FIRST_SITE_ID, from_path: null, to_path: '/moi', origin: 'import', hits: 0, created_by: null, created_at: 0, updated_at: 0 })}\n`);
      expect(refused.status).toBe(422);
      const from = `/${unique('cu')}`;
      const ok = await post('redirects', `${JSON.stringify({ id: 990002, site_id: FIRST_SITE_ID, from_path: from, to_path: '/moi', origin: 'import', hits: 3, created_by: null, created_at: 0, updated_at: 0 })}\n`);
      expect(ok.status).toBe(200);
      expect(await ok.json()).toEqual({ table: 'redirects', rows: 1 });
      expect(await env.DB.prepare('SELECT to_path, hits FROM redirects WHERE from_path = ?').bind(from).first()).toEqual({ to_path: '/moi', hits: 3 });
    } finally {
      await endSession(env.MEDIA);
    }
  });

  it('an object: stored with its type and metadata; a key outside the site or bad metadata 400', async () => {
    const { key } = await beginSession(env.MEDIA, new Date());
    const put = (query: string, headers: Record<string, string> = {}) => call(`/api/v1/restore/media?${query}`, { method: 'POST', headers: { 'Restore-Key': key, 'Content-Type': 'image/png', ...headers }, body: 'png bytes' });
    try {
      const name = `2026/11/${unique('anh')}.png`;
      const stored = await put(`site-id=5&key=${name}`, { 'Object-Metadata': JSON.stringify({ width: '10', height: '20' }), 'Object-Cache-Control': 'public, max-age=31536000, immutable' });
      expect(stored.status).toBe(201);
      const object = await env.MEDIA.get(`sites/5/${name}`);
      expect(await object!.text()).toBe('png bytes');
      expect(object!.httpMetadata).toMatchObject({ contentType: 'image/png', cacheControl: 'public, max-age=31536000, immutable' });
      expect(object!.customMetadata).toEqual({ width: '10', height: '20' });
      expect((await put('site-id=5&key=../x.png')).status).toBe(400);
      expect((await put('site-id=5&key=documents/6/2026/11/x.pdf')).status).toBe(400);
      expect((await put('site-id=0&key=2026/11/x.png')).status).toBe(400);
      expect((await put(`site-id=5&key=${name}`, { 'Object-Metadata': '{"width":10}' })).status).toBe(400);
    } finally {
      await endSession(env.MEDIA);
    }
  });
});
