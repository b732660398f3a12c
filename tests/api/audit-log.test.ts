// The audit log (issue 12, item 10) against real D1, the real sign-in path and the Worker's own fetch:
// each recorded event (sign-in, failed sign-in without the password, sign-out, second-factor failure,
// publication/deletion/restore, role change, tokens, sites) with who, what, when, IP and User-Agent;
// what /admin/nhat-ky lists (filters, keyset pages, who may see what) and its retention setting and prune.
import { env } from 'cloudflare:workers';
import { and, desc, eq, like, type SQL } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, roleChanges } from '../../schema/tables.ts';
import { auditStatement, recordAudit } from '../../functions/audit/log.ts';
import { pruneAuditLog, readRetentionDays } from '../../functions/audit/retention.ts';
import { signIn } from '../../functions/auth/sign-in.ts';
import { completeSecondFactor } from '../../functions/auth/second-factor.ts';
import { totpCode } from '../../functions/auth/totp.ts';
import { deleteArticle, importArticle, restoreFromTrash, updateArticle } from '../../functions/articles/service.ts';
import { createPage, deletePage, restorePage, updatePage } from '../../functions/site-pages/service.ts';
import { readArticleById } from '../../functions/data/admin-articles.ts';
import { listAuditEntries } from '../../functions/data/audit-log.ts';
import { categoryIdOf } from '../../functions/data/categories.ts';
import { database } from '../../functions/data/db.ts';
import { createSession, readSession } from '../../functions/data/sessions.ts';
import { createSite, getSite } from '../../functions/data/sites.ts';
import { createUser, readUser, setPlatformAdmin, setSiteRole, type User } from '../../functions/data/users.ts';
import type { Role } from '../../schema/tables.ts';
import { tokensAction } from '../../site/admin/accounts.ts';
import { attemptLogin } from '../../site/admin/login.ts';
import { withClient } from '../../functions/audit/client.ts';
import { loadAudit, saveRetention } from '../../site/admin/audit.ts';
import { securityAction, securityView } from '../../site/admin/security.ts';
import { siteAction } from '../../site/admin/site-admin.ts';
import { FIRST_SITE_ID, freshCategory, ORIGIN, unique } from '../support/api.ts';

const db = database(env.DB);
const PASSWORD = 'mat-khau-nhat-ky-123';
const UA = 'Mozilla/5.0 (Nhat ky thu nghiem) Chrome/131';
const SITE = { id: FIRST_SITE_ID, status: 'active' as const };
let ips = 0;
const ip = () => `10.88.${Math.floor(++ips / 250)}.${ips % 250}`;

async function person(role: Role | null = 'editor', siteId = FIRST_SITE_ID, platformAdmin = false): Promise<User> {
  const id = await createUser(db, { email: `${unique(role ?? 'khong')}@dongy.gov.vn`, name: `Người ${unique('n')}`, role, siteId, password: PASSWORD, platformAdmin });
  return (await readUser(db, id, siteId))!;
}
const form = (fields: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.append(k, v);
  return f;
};
const entriesOf = (where: SQL | undefined) => db.select().from(auditLog).where(where).orderBy(desc(auditLog.id));

describe('what is recorded', () => {
  it('a failed sign-in with the email tried, never the password, and the client IP and User-Agent; then the sign-in', async () => {
    // The Worker entry runs every request inside withClient (functions/index.ts); the built Worker's
    // pages test checks that end to end (tests/pages/review-audit.test.ts).
    const user = await person('editor');
    const clientIp = ip();
    const secretTyped = 'sai-mat-khau-bi-mat-XYZ';
    const request = new Request(`${ORIGIN}/admin/login`, { method: 'POST', headers: { 'CF-Connecting-IP': clientIp, 'User-Agent': UA } });
    const attempt = (email: string, password: string) => withClient(request, () => attemptLogin(env, db, request, form({ email, password }), new Date()));
    expect((await attempt(user.email, secretTyped)).kind).toBe('refused');
    const stranger = `${unique('la')}@nowhere.vn`;
    expect((await attempt(stranger, secretTyped)).kind).toBe('refused');
    const [failed] = await entriesOf(and(eq(auditLog.action, 'sign-in.failed'), eq(auditLog.actorLabel, user.email)));
    expect(failed).toMatchObject({ siteId: null, actorId: user.id, clientIp, userAgent: UA, subject: '' });
    expect(JSON.parse(failed!.detail)).toEqual({ reason: 'wrong-password' });
    const [unknown] = await entriesOf(and(eq(auditLog.action, 'sign-in.failed'), eq(auditLog.actorLabel, stranger)));
    expect(unknown).toMatchObject({ actorId: null, detail: '{"reason":"unknown-email"}', clientIp });
    // The password typed is nowhere in the log.
    expect(await db.select().from(auditLog).where(like(auditLog.detail, `%${secretTyped}%`))).toEqual([]);
    expect(await db.select().from(auditLog).where(like(auditLog.actorLabel, `%${secretTyped}%`))).toEqual([]);

    expect((await attempt(user.email, PASSWORD)).kind).toBe('signed-in');
    const [signedIn] = await entriesOf(and(eq(auditLog.action, 'sign-in'), eq(auditLog.actorId, user.id)));
    expect(signedIn).toMatchObject({ actorLabel: user.email, clientIp, userAgent: UA, detail: '{"secondFactor":false}' });
    // Outside a request (the cron, a command-line tool) the client is simply empty.
    await recordAudit(db, { siteId: null, actorId: user.id, actorLabel: user.email, action: 'sign-out', at: new Date() });
    expect((await entriesOf(and(eq(auditLog.action, 'sign-out'), eq(auditLog.actorId, user.id))))[0]).toMatchObject({ clientIp: '', userAgent: '' });
  });

  it('a locked-out attempt, and a wrong second-factor code', async () => {
    const user = await person('editor');
    const now = new Date();
    for (let i = 0; i < 6; i++) await signIn(env, db, { email: user.email, password: `sai-${i}`, ip: ip() }, now);
    const reasons = (await entriesOf(and(eq(auditLog.action, 'sign-in.failed'), eq(auditLog.actorLabel, user.email)))).map((e) => JSON.parse(e.detail).reason);
    expect(reasons).toContain('locked');

    const other = await person('editor');
    const { id } = await createSession(db, other.id, now);
    const session = (await readSession(db, id, now))!;
    await securityAction(env, db, session, form({ action: 'start' }), now);
    const secret = (await securityView(env, db, session)).enrolment!.secret.replaceAll(' ', '');
    await securityAction(env, db, session, form({ action: 'confirm', code: totpCode(secret, now) }), now);
    const pending = await signIn(env, db, { email: other.email, password: PASSWORD, ip: ip() }, now);
    if (pending.ok !== 'needs-second-factor') throw new Error('expected a second step');
    const wrong = await completeSecondFactor(env, db, { pendingToken: pending.pendingToken, code: '000000' === totpCode(secret, now) ? '111111' : '000000' }, now);
    expect(wrong.ok).toBe(false);
    const [entry] = await entriesOf(and(eq(auditLog.action, 'second-factor.failed'), eq(auditLog.actorId, other.id)));
    expect(entry).toMatchObject({ actorLabel: other.email, detail: '{"reason":"wrong"}' });
  });

  it('publication, unpublication, deletion and restore of an article, in the same batch as the change', async () => {
    const editor = await person('editor');
    const actor = { id: `user:${editor.id}`, name: editor.name };
    const categoryId = (await categoryIdOf(db, FIRST_SITE_ID, await freshCategory()))!;
    const created = await importArticle(env.DB, FIRST_SITE_ID, { title: 'Bài nhật ký', summary: '', body: 'x', categoryId, tags: [], byline: '', cover: null, status: 'draft' }, actor, new Date());
    const draft = (await readArticleById(db, FIRST_SITE_ID, created.id, new Date()))!;
    const live = await updateArticle(env, SITE, draft, { status: 'published' }, actor, new Date());
    const off = await updateArticle(env, SITE, live, { status: 'draft' }, actor, new Date());
    const gone = await deleteArticle(env, SITE, off, actor, new Date());
    await restoreFromTrash(env, SITE, gone.id, gone.version, actor, new Date());
    const entries = await entriesOf(eq(auditLog.subject, `article:${created.id}`));
    expect(entries.map((e) => [e.action, e.actorId, e.siteId])).toEqual([
      ['article.restored', editor.id, FIRST_SITE_ID], ['article.deleted', editor.id, FIRST_SITE_ID],
      ['article.unpublished', editor.id, FIRST_SITE_ID], ['article.published', editor.id, FIRST_SITE_ID],
    ]);
    // A plain edit is not an audited step.
    const after = (await readArticleById(db, FIRST_SITE_ID, created.id, new Date()))!;
    await updateArticle(env, SITE, after, { summary: 'Sửa tóm tắt' }, actor, new Date());
    expect(await entriesOf(eq(auditLog.subject, `article:${created.id}`))).toHaveLength(4);
  });

  it('publication, unpublication, deletion and restore of a page (Giới thiệu...), after the write committed', async () => {
    const editor = await person('editor');
    const actor = { id: `user:${editor.id}`, name: editor.name };
    const page = await createPage(env, SITE, { title: `Giới thiệu ${unique('p')}`, summary: '', body: 'Nội dung', slugEn: null, titleEn: '', summaryEn: '', bodyEn: '', status: 'published' }, actor, new Date());
    const edited = await updatePage(env, SITE, page, { summary: 'Chỉ sửa tóm tắt' }, actor, new Date());
    const off = await updatePage(env, SITE, edited, { status: 'draft' }, actor, new Date());
    const gone = await deletePage(env, SITE, off, actor, new Date());
    await restorePage(env, SITE, gone.id, gone.version, actor, new Date());
    expect((await entriesOf(eq(auditLog.subject, `page:${page.id}`))).map((e) => [e.action, e.actorId, JSON.parse(e.detail).title])).toEqual([
      ['page.restored', editor.id, page.title], ['page.deleted', editor.id, page.title], ['page.unpublished', editor.id, page.title], ['page.published', editor.id, page.title],
    ]);
  });

  it('a role change (role_changes kept too), the platform-admin flag, tokens created and revoked, a site created and archived', async () => {
    const admin = await person('admin', FIRST_SITE_ID, true);
    const target = await person('contributor');
    await setSiteRole(db, { actorId: admin.id, userId: target.id, siteId: FIRST_SITE_ID, role: 'editor', now: new Date() });
    const [role] = await entriesOf(and(eq(auditLog.action, 'role.changed'), eq(auditLog.subject, `user:${target.id}`), eq(auditLog.siteId, FIRST_SITE_ID)));
    expect(role).toMatchObject({ actorId: admin.id, actorLabel: admin.email });
    expect(JSON.parse(role!.detail)).toEqual({ before: 'contributor', after: 'editor' });
    expect((await db.select().from(roleChanges).where(eq(roleChanges.userId, target.id))).map((r) => r.after)).toEqual(['contributor', 'editor']);
    // Unchanged: nothing recorded.
    const count = (await entriesOf(eq(auditLog.subject, `user:${target.id}`))).length;
    await setSiteRole(db, { actorId: admin.id, userId: target.id, siteId: FIRST_SITE_ID, role: 'editor', now: new Date() });
    expect(await entriesOf(eq(auditLog.subject, `user:${target.id}`))).toHaveLength(count);
    await setPlatformAdmin(db, { actorId: null, userId: target.id, on: true, now: new Date() });
    const [flag] = await entriesOf(and(eq(auditLog.subject, `user:${target.id}`), eq(auditLog.action, 'role.changed')));
    expect(flag).toMatchObject({ siteId: null, actorId: null, actorLabel: 'cli', detail: '{"before":null,"after":"platform-admin"}' });

    const created = await tokensAction(db, admin, FIRST_SITE_ID, form({ action: 'create', name: 'Ứng dụng nhật ký', scope: 'write' }), new Date());
    expect(created.ok).toBe(true);
    const [token] = await entriesOf(and(eq(auditLog.action, 'token.created'), eq(auditLog.actorId, admin.id)));
    expect(JSON.parse(token!.detail)).toEqual({ name: 'Ứng dụng nhật ký', scopes: ['read', 'write'] });
    const tokenId = token!.subject.replace('token:', '');
    expect(await tokensAction(db, admin, FIRST_SITE_ID, form({ action: 'revoke', id: tokenId }), new Date())).toMatchObject({ ok: true });
    const [revoked] = await entriesOf(and(eq(auditLog.action, 'token.revoked'), eq(auditLog.subject, `token:${tokenId}`)));
    expect(revoked).toMatchObject({ actorId: admin.id, siteId: FIRST_SITE_ID });
    // Revoking again is refused and recorded nothing.
    expect(await tokensAction(db, admin, FIRST_SITE_ID, form({ action: 'revoke', id: tokenId }), new Date())).toMatchObject({ ok: false, status: 404 });
    expect(await entriesOf(and(eq(auditLog.action, 'token.revoked'), eq(auditLog.subject, `token:${tokenId}`)))).toHaveLength(1);

    const site = await createSite(db, { name: `Xã nhật ký ${unique('x')}`, hosts: [`${unique('nk')}.test`] });
    expect(await siteAction(env, db, admin, (await getSite(db, site.id))!, FIRST_SITE_ID, form({ action: 'archive' }), new Date())).toMatchObject({ ok: true });
    const [archived] = await entriesOf(and(eq(auditLog.action, 'site.archived'), eq(auditLog.siteId, site.id)));
    expect(archived).toMatchObject({ actorId: admin.id, subject: `site:${site.id}` });
  });
});

describe('/admin/nhat-ky', () => {
  const url = (query: string) => new URL(`http://cms.test/admin/nhat-ky${query}`);

  it('shows a site admin their site\'s entries and the sign-ins of its people, never another site\'s; a platform admin everything', async () => {
    const other = await createSite(db, { name: `Xã khác ${unique('x')}`, hosts: [`${unique('nk2')}.test`] });
    const siteAdmin = await person('admin');
    const member = await person('contributor');
    const outsider = await person('editor', other.id);
    const platform = await person(null, FIRST_SITE_ID, true);
    const tag = unique('nk');
    const at = new Date();
    for (const [siteId, actor, action] of [[FIRST_SITE_ID, member, 'article.published'], [other.id, outsider, 'article.published'], [null, member, 'sign-in'], [null, outsider, 'sign-in']] as const) {
      await recordAudit(db, { siteId, actorId: actor.id, actorLabel: `${tag}-${actor.email}`, action, at });
    }
    const seen = async (user: User) => (await loadAudit(db, user, FIRST_SITE_ID, url(`?nguoi=${tag}`))).view.entries.map((e) => [e.siteId, e.actorId, e.action]);
    expect(await seen(siteAdmin)).toEqual([[null, member.id, 'sign-in'], [FIRST_SITE_ID, member.id, 'article.published']]);
    expect((await seen(platform)).length).toBe(4);
  });

  it('filters by action, person and Vietnam days, and pages by a keyset link that never repeats or skips', async () => {
    const admin = await person('admin');
    const tag = unique('loc');
    const base = Date.parse('2026-06-10T00:00:00+07:00');
    for (let i = 0; i < 7; i++) {
      await recordAudit(db, { siteId: FIRST_SITE_ID, actorId: null, actorLabel: `${tag}@x.vn`, action: i % 2 ? 'article.deleted' : 'article.published', at: new Date(base + i * 86_400_000) });
    }
    const list = async (q: string) => (await loadAudit(db, admin, FIRST_SITE_ID, url(q))).view;
    expect((await list(`?nguoi=${tag}&hanh-dong=article.deleted`)).entries.map((e) => e.action)).toEqual(['article.deleted', 'article.deleted', 'article.deleted']);
    // 11 to 12 June in Vietnam: two whole days.
    expect((await list(`?nguoi=${tag}&tu-ngay=2026-06-11&den-ngay=2026-06-12`)).entries.map((e) => e.createdAt.getTime())).toEqual([base + 2 * 86_400_000, base + 86_400_000]);
    // Pages of 3, through the next link.
    const seen: number[] = [];
    let cursor = '';
    for (let page = 0; page < 5; page++) {
      const { entries, next } = await listAuditEntries(db, { siteId: FIRST_SITE_ID, platform: false }, { person: tag, ...(cursor ? { after: { at: Number(cursor.split('.')[0]), id: Number(cursor.split('.')[1]) } } : {}) }, 3);
      seen.push(...entries.map((e) => e.createdAt.getTime()));
      if (!next) break;
      cursor = next;
    }
    expect(seen).toEqual([6, 5, 4, 3, 2, 1, 0].map((i) => base + i * 86_400_000));
  });

  it('refuses bad filters with a message at the field (400), never a 500', async () => {
    const admin = await person('admin');
    const refused = async (q: string) => {
      const { status, view } = await loadAudit(db, admin, FIRST_SITE_ID, url(q));
      expect(status).toBe(400);
      expect(view.entries).toEqual([]);
      return view.errors;
    };
    expect(await refused('?tu-ngay=2026-02-30')).toEqual({ from: 'Ngày không hợp lệ: vui lòng chọn ngày theo dạng năm-tháng-ngày.' });
    expect(await refused('?den-ngay=hom-qua')).toEqual({ to: 'Ngày không hợp lệ: vui lòng chọn ngày theo dạng năm-tháng-ngày.' });
    expect(await refused('?tu-ngay=2026-06-12&den-ngay=2026-06-11')).toEqual({ to: 'Ngày bắt đầu phải trước hoặc bằng ngày kết thúc.' });
    expect(await refused('?hanh-dong=drop-table')).toEqual({ action: 'Hành động này không có trong nhật ký.' });
    expect(await refused('?sau=abc')).toEqual({ cursor: 'Liên kết trang không hợp lệ. Vui lòng quay về trang đầu.' });
    // A person filter with LIKE's wildcards matches them literally.
    const { status, view } = await loadAudit(db, admin, FIRST_SITE_ID, url('?nguoi=%25_'));
    expect(status).toBe(200);
    expect(view.entries).toEqual([]);
  });
});

describe('retention', () => {
  it('is 365 days by default, 30 to 3,650 when an admin sets it (recorded), refused otherwise with the message', async () => {
    const site = await createSite(db, { name: `Xã lưu ${unique('x')}`, hosts: [`${unique('luu')}.test`] });
    const admin = await person('admin', site.id);
    const editor = await person('editor', site.id);
    expect(await readRetentionDays(db, site.id)).toBe(365);
    for (const typed of ['29', '3651', 'mot nam', '', '90.5']) {
      expect(await saveRetention(db, admin, site.id, form({ 'so-ngay': typed }), new Date())).toEqual({ ok: false, status: 422, message: 'Vui lòng nhập số ngày nguyên từ 30 đến 3.650.', typed });
    }
    expect(await saveRetention(db, editor, site.id, form({ 'so-ngay': '90' }), new Date())).toMatchObject({ ok: false, status: 403 });
    expect(await saveRetention(db, admin, site.id, form({ 'so-ngay': '30' }), new Date())).toEqual({ ok: true, message: 'Đã lưu: nhật ký được giữ 30 ngày.' });
    expect(await readRetentionDays(db, site.id)).toBe(30);
    const [entry] = await entriesOf(and(eq(auditLog.action, 'audit.retention-changed'), eq(auditLog.siteId, site.id)));
    expect(JSON.parse(entry!.detail)).toEqual({ before: 365, after: 30 });
  });

  it('the cron prunes entries older than their site\'s retention, in bounded batches, keeping the rest', async () => {
    const short = await createSite(db, { name: `Xã ngắn ${unique('x')}`, hosts: [`${unique('ng')}.test`] });
    const admin = await person('admin', short.id);
    await saveRetention(db, admin, short.id, form({ 'so-ngay': '30' }), new Date('2026-01-01T00:00:00Z'));
    const now = new Date('2030-01-01T00:00:00Z');
    const day = 86_400_000;
    const tag = unique('pr');
    const add = (siteId: number | null, daysOld: number) => db.batch([auditStatement(db, { siteId, actorId: null, actorLabel: tag, action: 'sign-in', at: new Date(now.getTime() - daysOld * day) })]);
    await add(short.id, 31);
    await add(short.id, 29);
    await add(FIRST_SITE_ID, 364);
    await add(FIRST_SITE_ID, 366);
    await add(null, 366);
    await add(null, 100);
    const left = async () => (await db.select().from(auditLog).where(eq(auditLog.actorLabel, tag))).map((e) => [e.siteId, Math.round((now.getTime() - e.createdAt.getTime()) / day)]);
    // Older rows of earlier tests go first; drain in batches of 2 and count the runs.
    let runs = 0;
    while ((await pruneAuditLog(db, now, 2)) > 0) runs++;
    expect(runs).toBeGreaterThanOrEqual(2);
    expect((await left()).sort()).toEqual([[FIRST_SITE_ID, 364], [null, 100], [short.id, 29]].sort());
  });
});
