// The admin-only writes (accounts, API tokens) against real D1, and the small pure parts of the admin:
// preview links (HMAC), the dashboard chart's days and bars, the revision diff.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { previewToken, PREVIEW_TTL_MS, readPreviewToken } from '../../functions/auth/preview-token.ts';
import { signIn } from '../../functions/auth/sign-in.ts';
import { database } from '../../functions/data/db.ts';
import { createSession, readSession } from '../../functions/data/sessions.ts';
import { listTokens, revokeToken } from '../../functions/data/token-admin.ts';
import { findToken } from '../../functions/data/tokens.ts';
import { createUser, readUser, type User } from '../../functions/data/users.ts';
import type { Snapshot } from '../../functions/data/revisions.ts';
import { tokensAction, usersAction } from '../../site/admin/accounts.ts';
import { bars, lastDays, niceMax } from '../../site/admin/chart.ts';
import { bodyDiff, fieldRows } from '../../site/admin/revision-diff.ts';
import { call, unique } from '../support/api.ts';
import { firstSiteId, sessionOf } from '../support/people.ts';

const db = database(env.DB);

async function admin(): Promise<User> {
  const id = await createUser(db, { email: `${unique('qt')}@dongy.gov.vn`, name: 'Quản trị', role: 'admin', password: 'mat-khau-quan-tri' });
  return (await readUser(db, id))!;
}
const form = (fields: Record<string, string | string[]>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) for (const x of [v].flat()) f.append(k, x);
  return f;
};

describe('users page', () => {
  it('creates an account on the working site whose generated password (shown once) signs in', async () => {
    const me = await admin();
    const site = await firstSiteId();
    const email = `${unique('moi')}@DongY.gov.vn`;
    const result = await usersAction(db, await sessionOf(me.id), site, form({ action: 'create', email, name: 'Biên tập mới', role: 'editor' }), new Date());
    expect(result).toMatchObject({ ok: true, message: `Đã tạo tài khoản ${email.toLowerCase()} (Biên tập viên của trang này).`, secret: expect.stringMatching(/^[A-Za-z0-9]{20}$/) });
    if (!result.ok) return;
    const signed = await signIn(env, db, { email, password: result.secret!, ip: '10.9.9.9' }, new Date());
    expect(signed.ok).toBe(true);
    if (signed.ok === true) expect((await readSession(db, signed.sessionId, new Date()))).toMatchObject({ siteId: site, user: { role: 'editor' } });
  });

  it('refuses a bad e-mail, a taken one and an unknown role, next to the field', async () => {
    const me = await admin();
    const [actor, site] = [await sessionOf(me.id), await firstSiteId()];
    expect(await usersAction(db, actor, site, form({ action: 'create', email: 'khong-phai-email', role: 'editor' }), new Date())).toMatchObject({ ok: false, status: 422, field: 'email' });
    expect(await usersAction(db, actor, site, form({ action: 'create', email: me.email.toUpperCase(), role: 'editor' }), new Date())).toMatchObject({ ok: false, status: 409, field: 'email', message: expect.stringContaining('Đã có tài khoản dùng email này.') });
    expect(await usersAction(db, actor, site, form({ action: 'create', email: `${unique('r')}@dongy.gov.vn`, role: 'superuser' }), new Date())).toMatchObject({ ok: false, status: 422, field: 'role' });
  });

  it('changes a role on the site, and disabling ends the account\'s sessions at once', async () => {
    const me = await admin();
    const [actor, site] = [await sessionOf(me.id), await firstSiteId()];
    const id = await createUser(db, { email: `${unique('ctv')}@dongy.gov.vn`, name: 'CTV', role: 'contributor', password: 'mat-khau-ctv-thu' });
    const { id: sid } = await createSession(db, id, new Date());
    expect(await usersAction(db, actor, site, form({ action: 'role', id: String(id), role: 'editor' }), new Date())).toMatchObject({ ok: true });
    expect((await readSession(db, sid, new Date()))?.user.role).toBe('editor');
    expect(await usersAction(db, actor, site, form({ action: 'disable', id: String(id) }), new Date())).toMatchObject({ ok: true });
    expect(await readSession(db, sid, new Date())).toBeNull();
    expect((await readUser(db, id))?.disabled).toBe(true);
    expect(await usersAction(db, actor, site, form({ action: 'enable', id: String(id) }), new Date())).toMatchObject({ ok: true });
    expect((await readUser(db, id))?.disabled).toBe(false);
  });

  it('never lets an admin demote or disable themself, and refuses unknown accounts, actions and non-admins', async () => {
    const me = await admin();
    const [actor, site] = [await sessionOf(me.id), await firstSiteId()];
    expect(await usersAction(db, actor, site, form({ action: 'disable', id: String(me.id) }), new Date())).toMatchObject({ ok: false, status: 422 });
    expect(await usersAction(db, actor, site, form({ action: 'role', id: String(me.id), role: 'contributor' }), new Date())).toMatchObject({ ok: false, status: 422 });
    expect((await readUser(db, me.id))).toMatchObject({ role: 'admin', disabled: false });
    expect(await usersAction(db, actor, site, form({ action: 'disable', id: '987654321' }), new Date())).toMatchObject({ ok: false, status: 404 });
    const other = await admin();
    expect(await usersAction(db, actor, site, form({ action: 'delete-everything', id: String(other.id) }), new Date())).toMatchObject({ ok: false, status: 400 });
    const editor = await createUser(db, { email: `${unique('bt')}@dongy.gov.vn`, name: 'BT', role: 'editor', password: 'mat-khau-bt-thu' });
    expect(await usersAction(db, await sessionOf(editor), site, form({ action: 'disable', id: String(other.id) }), new Date())).toMatchObject({ ok: false, status: 403 });
  });
});

describe('API tokens page', () => {
  it('creates a token of the working site shown once, with read or read+write scope, that the API accepts', async () => {
    const me = await admin();
    const site = await firstSiteId();
    const reader = await tokensAction(db, me, site, form({ action: 'create', name: 'Ứng dụng đọc' }), new Date());
    const writer = await tokensAction(db, me, site, form({ action: 'create', name: 'Cổng tỉnh', scope: ['read', 'write'] }), new Date());
    if (!reader.ok || !writer.ok) throw new Error('not created');
    expect((await findToken(db, site, reader.secret!, new Date()))?.scopes).toEqual(['read']);
    expect((await findToken(db, site, writer.secret!, new Date()))?.scopes).toEqual(['read', 'write']);
    const listed = (await listTokens(db, site)).find((t) => t.name === 'Cổng tỉnh')!;
    expect(listed).toMatchObject({ scopes: ['read', 'write'], createdBy: me.email, revokedAt: null });
    expect(listed.lastUsedAt).not.toBeNull();
    expect(JSON.stringify(await listTokens(db, site))).not.toContain(writer.secret!);
    expect(await tokensAction(db, me, site, form({ action: 'create', name: '  ' }), new Date())).toMatchObject({ ok: false, field: 'name' });
  });

  it('creates a token with the admin scope (the site\'s webhooks), which the webhooks API accepts and a write token does not get', async () => {
    const me = await admin();
    const site = await firstSiteId();
    const made = await tokensAction(db, me, site, form({ action: 'create', name: unique('webhook'), scope: ['admin'] }), new Date());
    if (!made.ok) throw new Error('not created');
    expect((await findToken(db, site, made.secret!, new Date()))?.scopes).toEqual(['read', 'admin']);
    expect((await call('/api/v1/webhooks', { headers: { Authorization: `Bearer ${made.secret}` } })).status).toBe(200);
    const writer = await tokensAction(db, me, site, form({ action: 'create', name: unique('ghi'), scope: ['write'] }), new Date());
    if (!writer.ok) throw new Error('not created');
    expect((await call('/api/v1/webhooks', { headers: { Authorization: `Bearer ${writer.secret}` } })).status).toBe(403);
  });

  it('revokes a token: the API refuses it from then on; revoking again finds nothing', async () => {
    const me = await admin();
    const site = await firstSiteId();
    const created = await tokensAction(db, me, site, form({ action: 'create', name: unique('thu-hoi') }), new Date());
    if (!created.ok) throw new Error('not created');
    const id = (await listTokens(db, site)).find((t) => t.createdBy === me.email)!.id;
    expect(await tokensAction(db, me, site, form({ action: 'revoke', id: String(id) }), new Date())).toMatchObject({ ok: true });
    expect(await findToken(db, site, created.secret!, new Date())).toBeNull();
    expect(await revokeToken(db, site, id, new Date())).toBe(false);
    expect(await tokensAction(db, me, site, form({ action: 'revoke', id: String(id) }), new Date())).toMatchObject({ ok: false, status: 404 });
  });
});

describe('preview links', () => {
  const now = new Date('2026-11-20T00:00:00Z');
  it('grant exactly the article and version they were made for, until they expire', async () => {
    const token = await previewToken('bi-mat', 3, { id: 42, version: 7 }, now);
    expect(token).toMatch(/^3-42-7-[0-9a-z]+-[0-9a-f]{32}$/);
    expect(await readPreviewToken('bi-mat', token, now)).toEqual({ siteId: 3, id: 42, version: 7 });
    expect(await readPreviewToken('bi-mat', token, new Date(now.getTime() + PREVIEW_TTL_MS - 1000))).toEqual({ siteId: 3, id: 42, version: 7 });
    expect(await readPreviewToken('bi-mat', token, new Date(now.getTime() + PREVIEW_TTL_MS + 1000))).toBeNull();
  });

  it('refuse forged, altered, foreign-secret and malformed tokens', async () => {
    const token = await previewToken('bi-mat', 3, { id: 42, version: 7 }, now);
    const [, , , expires, mac] = token.split('-');
    const flip = (s: string) => s.slice(0, -1) + (s.endsWith('0') ? '1' : '0');
    for (const bad of [
      `3-43-7-${expires}-${mac}`, `3-42-8-${expires}-${mac}`, `3-42-7-${expires}z-${mac}`, `3-42-7-${expires}-${flip(mac!)}`,
      // Another site, or no site (the one-site format signs no site: this MAC is not one of those).
      `4-42-7-${expires}-${mac}`, `1-42-7-${expires}-${mac}`, `42-7-${expires}-${mac}`,
      '', '42', '0-1-abc-' + '0'.repeat(32), `3-42-7-${expires}-${mac}-x`, `3-42-7-${expires}-${mac!.toUpperCase()}`,
    ]) {
      expect(await readPreviewToken('bi-mat', bad, now), bad).toBeNull();
    }
    expect(await readPreviewToken('bi-mat-khac', token, now)).toBeNull();
    expect(await readPreviewToken('', token, now)).toBeNull();
  });
});

describe('the dashboard chart', () => {
  it('covers the last 30 Vietnam days, oldest first, with missing days as zero', () => {
    const now = new Date('2026-11-30T18:00:00Z'); // 1 December, 01:00 in Vietnam
    const days = lastDays([{ day: '2026-12-01', visits: 12 }, { day: '2026-11-02', visits: 3 }, { day: '2026-11-01', visits: 99 }], now);
    expect(days).toHaveLength(30);
    expect(days[0]).toEqual({ day: '2026-11-02', visits: 3 });
    expect(days[29]).toEqual({ day: '2026-12-01', visits: 12 });
    expect(days.slice(1, 29).every((d) => d.visits === 0)).toBe(true);
  });

  it('scales bars to a round maximum and labels the days', () => {
    expect([0, 1, 3, 7, 10, 11, 180, 2_400].map(niceMax)).toEqual([1, 1, 5, 10, 10, 20, 200, 5_000]);
    const { bars: list, max } = bars([{ day: '2026-11-01', visits: 0 }, { day: '2026-11-02', visits: 50 }, { day: '2026-11-03', visits: 100 }]);
    expect(max).toBe(100);
    expect(list.map((b) => b.label)).toEqual(['01/11', '02/11', '03/11']);
    expect(list[0]!.height).toBe(0);
    expect(list[2]!.height).toBeCloseTo(list[1]!.height * 2, 0);
    expect(list[2]!.y + list[2]!.height).toBeCloseTo(list[0]!.y, 5);
  });
});

describe('the revision diff', () => {
  const snap = (fields: Partial<Snapshot>): Snapshot => ({
    title: 'Tiêu đề', slug: 'tieu-de', summary: '', body: '', categoryId: 1, tags: [], byline: '', cover: null,
    status: 'draft', publishedAt: null, ...fields,
  });

  it('marks the lines removed and added between two bodies', () => {
    expect(bodyDiff('một\nhai\nba\n', 'một\nhai sửa\nba\nbốn\n')).toEqual([
      { kind: 'same', text: 'một' },
      { kind: 'removed', text: 'hai' },
      { kind: 'added', text: 'hai sửa' },
      { kind: 'same', text: 'ba' },
      { kind: 'added', text: 'bốn' },
    ]);
    expect(bodyDiff('', '')).toEqual([]);
  });

  it('lists the fields side by side, in words editors use', () => {
    const future = new Date(Date.now() + 86_400_000).toISOString();
    const rows = fieldRows(
      snap({ title: 'Cũ', categoryId: 1, tags: ['A'], status: 'published', publishedAt: future }),
      snap({ title: 'Mới', categoryId: 2, tags: ['A'], status: 'draft', cover: { key: '2026/11/a.jpg', caption: '', alt: 'x' } }),
      (id) => (id === 1 ? 'Tin tức' : 'Kinh tế'),
      new Date(),
    );
    const byField = Object.fromEntries(rows.map((r) => [r.field, r]));
    expect(byField['title']).toMatchObject({ label: 'Tiêu đề', before: 'Cũ', after: 'Mới', changed: true });
    expect(byField['category']).toMatchObject({ before: 'Tin tức', after: 'Kinh tế', changed: true });
    expect(byField['tags']).toMatchObject({ changed: false });
    expect(byField['status']).toMatchObject({ before: 'Đã lên lịch', after: 'Nháp', changed: true });
    expect(byField['cover']).toMatchObject({ before: '', after: '2026/11/a.jpg', changed: true });
  });
});
