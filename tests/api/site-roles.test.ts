// People on many sites, against real D1: roles per site (site_roles) and the session's working site,
// the role-change log written in the same batch as each change, who may sign in when sites are archived,
// a second factor required by any site where the account publishes, and the users page's actions kept
// to the working site (a site admin of A cannot reach B's people through forged ids). Migration 0006
// drops users.role without a table rebuild (D1 enforces foreign keys).
import { env } from 'cloudflare:workers';
import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { NO_SITE, ONLY_ARCHIVED_SITES, signIn } from '../../functions/auth/sign-in.ts';
import { database } from '../../functions/data/db.ts';
import { createSession, readSession, setWorkingSite } from '../../functions/data/sessions.ts';
import { TWO_FACTOR_REQUIRED, writeSetting } from '../../functions/data/settings.ts';
import { archiveSite, createSite } from '../../functions/data/sites.ts';
import { mustEnrolTwoFactor } from '../../functions/data/two-factor.ts';
import { createUser, listRoleChanges, listUsers, readUser, setPlatformAdmin, setSiteRole } from '../../functions/data/users.ts';
import { roleChanges } from '../../schema/tables.ts';
import { usersAction } from '../../site/admin/accounts.ts';
import { attemptLogin } from '../../site/admin/login.ts';
import { unique } from '../support/api.ts';

const db = database(env.DB);
const PASSWORD = 'mat-khau-nhieu-trang';
const ip = () => `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.7`;

async function site(name = 'Xã thử'): Promise<number> {
  return (await createSite(db, { name, hosts: [`${unique('xa')}.test`] })).id;
}

async function person(roles: [number, 'admin' | 'editor' | 'contributor'][], options: { platformAdmin?: boolean } = {}) {
  const email = `${unique('nguoi')}@dongy.gov.vn`;
  const [first, ...more] = roles;
  const id = await createUser(db, {
    email, name: 'Người thử', password: PASSWORD, platformAdmin: options.platformAdmin ?? false,
    ...(first ? { role: first[1], siteId: first[0] } : {}),
  });
  for (const [siteId, role] of more) await setSiteRole(db, { actorId: null, userId: id, siteId, role, now: new Date() });
  return { id, email };
}

/** A live session of the account, as the admin reads it (its working site resolved). */
async function sessionOf(userId: number) {
  const { id } = await createSession(db, userId, new Date());
  return (await readSession(db, id, new Date()))!;
}

const form = (fields: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.append(k, v);
  return f;
};

const firstSite = async () => (await db.get<{ id: number }>(sql`select min(id) as id from sites`)).id;

describe('migration 0006', () => {
  it('users has no role column any more: roles live in site_roles only', async () => {
    const { results } = await env.DB.prepare(`select name from pragma_table_info('users')`).all<{ name: string }>();
    expect(results.map((r) => r.name)).not.toContain('role');
    expect(results.map((r) => r.name)).toContain('platform_admin');
  });

  it('is a plain DROP COLUMN that D1 runs with foreign keys enforced and rows referencing users', async () => {
    const migration = env.TEST_MIGRATIONS.find((m) => m.name.startsWith('0006'))!;
    expect(migration.queries.join('\n')).not.toMatch(/PRAGMA|CREATE TABLE|DROP TABLE/i);
    // Put the column back on a table that sessions, tokens, revisions' authors... reference, then drop it again.
    const { id } = await person([[await firstSite(), 'editor']]);
    await createSession(db, id, new Date());
    await env.DB.prepare(`alter table users add column role text not null default 'contributor'`).run();
    for (const query of migration.queries) await env.DB.prepare(query).run();
    expect((await env.DB.prepare(`select count(*) as n from pragma_foreign_key_check`).first<{ n: number }>())!.n).toBe(0);
    expect((await readUser(db, id))?.role).toBe('editor');
  });
});

describe('roles per site', () => {
  it('an account holds a different role on each site; readUser answers for the site asked', async () => {
    const [a, b] = [await site(), await site()];
    const { id } = await person([[a, 'admin'], [b, 'contributor']]);
    expect((await readUser(db, id, a))?.role).toBe('admin');
    expect((await readUser(db, id, b))?.role).toBe('contributor');
    expect((await readUser(db, id, await site()))?.role).toBeNull();
    expect((await listUsers(db, b)).map((u) => [u.id, u.role])).toEqual([[id, 'contributor']]);
  });

  it('platform admins are admin on every site, with or without a role there', async () => {
    const { id } = await person([], { platformAdmin: true });
    expect((await readUser(db, id, await site()))).toMatchObject({ role: 'admin', platformAdmin: true });
  });

  it('every change is logged in the same batch with what it replaced, and an unchanged role logs nothing', async () => {
    const a = await site();
    const actor = await person([[a, 'admin']]);
    const { id, email } = await person([[a, 'contributor']]);
    const now = new Date();
    await setSiteRole(db, { actorId: actor.id, userId: id, siteId: a, role: 'editor', now });
    await setSiteRole(db, { actorId: actor.id, userId: id, siteId: a, role: 'editor', now });
    await setSiteRole(db, { actorId: actor.id, userId: id, siteId: a, role: null, now });
    await setPlatformAdmin(db, { actorId: actor.id, userId: id, on: true, now });
    const rows = await db.select().from(roleChanges).where(eq(roleChanges.userId, id)).orderBy(roleChanges.id);
    expect(rows.map((r) => [r.actorId, r.siteId, r.before, r.after])).toEqual([
      [null, a, null, 'contributor'], // createUser, from a tool
      [actor.id, a, 'contributor', 'editor'],
      [actor.id, a, 'editor', null],
      [actor.id, null, null, 'platform-admin'],
    ]);
    // The page's list: newest first, this site's only unless the platform's flag changes are asked for.
    expect((await listRoleChanges(db, a)).filter((c) => c.user === email).map((c) => c.after)).toEqual([null, 'editor', 'contributor']);
    expect((await listRoleChanges(db, a, { platform: true })).filter((c) => c.user === email).map((c) => c.after)).toEqual(['platform-admin', null, 'editor', 'contributor']);
  });

  it('a change whose write fails leaves no log row (one transaction)', async () => {
    const { id } = await person([[await site(), 'editor']]);
    const before = (await db.select().from(roleChanges).where(eq(roleChanges.userId, id))).length;
    // Site 987654 does not exist: the role's foreign key fails, and the log row in the same batch goes with it.
    await expect(setSiteRole(db, { actorId: null, userId: id, siteId: 987654, role: 'admin', now: new Date() })).rejects.toThrow();
    expect((await db.select().from(roleChanges).where(eq(roleChanges.userId, id))).length).toBe(before);
  });
});

describe('the working site of a session', () => {
  it('is the first site the account holds a role on, or the one chosen, as long as it may work there', async () => {
    const [a, b] = [await site(), await site()];
    const { id } = await person([[a, 'editor'], [b, 'contributor']]);
    const { id: sid } = await createSession(db, id, new Date());
    const first = (await readSession(db, sid, new Date()))!;
    expect([first.siteId, first.user.role]).toEqual([a, 'editor']);
    await setWorkingSite(db, first.idHash, b);
    const chosen = (await readSession(db, sid, new Date()))!;
    expect([chosen.siteId, chosen.user.role]).toEqual([b, 'contributor']);
    expect(chosen.roles).toEqual([{ siteId: a, role: 'editor' }, { siteId: b, role: 'contributor' }]);
    // The role on the chosen site is taken away: back to the site it still has.
    await setSiteRole(db, { actorId: null, userId: id, siteId: b, role: null, now: new Date() });
    expect((await readSession(db, sid, new Date()))).toMatchObject({ siteId: a, user: { role: 'editor' } });
  });

  it('platform admins work on the platform\'s first site by default, and on any site they choose', async () => {
    const { id } = await person([], { platformAdmin: true });
    const session = await sessionOf(id);
    expect([session.siteId, session.user.role]).toEqual([await firstSite(), 'admin']);
    const other = await site();
    const { id: sid } = await createSession(db, id, new Date());
    await setWorkingSite(db, (await readSession(db, sid, new Date()))!.idHash, other);
    expect((await readSession(db, sid, new Date()))).toMatchObject({ siteId: other, user: { role: 'admin' } });
  });

  it('an archived site is closed to its editors (their session ends when it was their only site) and open to its admins', async () => {
    const [a, b] = [await site(), await site()];
    const editor = await person([[a, 'editor']]);
    const both = await person([[a, 'editor'], [b, 'editor']]);
    const admin = await person([[a, 'admin']]);
    const [se, sb, sa] = await Promise.all([editor, both, admin].map(async (p) => (await createSession(db, p.id, new Date())).id));
    await archiveSite(db, a);
    expect(await readSession(db, se!, new Date())).toBeNull();
    expect(await readSession(db, sb!, new Date())).toMatchObject({ siteId: b, roles: [{ siteId: b, role: 'editor' }] });
    expect(await readSession(db, sa!, new Date())).toMatchObject({ siteId: a, user: { role: 'admin' } });
  });
});

describe('signing in when sites are archived', () => {
  it('refuses editors and contributors whose every role is on archived sites, with a Vietnamese message (403 on the form)', async () => {
    const a = await site();
    const editor = await person([[a, 'editor']]);
    const contributor = await person([[a, 'contributor']]);
    const admin = await person([[a, 'admin']]);
    await archiveSite(db, a);
    for (const p of [editor, contributor]) {
      expect(await signIn(env, db, { email: p.email, password: PASSWORD, ip: ip() }, new Date())).toEqual({ ok: false, message: ONLY_ARCHIVED_SITES, noSite: true });
    }
    expect(ONLY_ARCHIVED_SITES).toContain('đã được lưu trữ');
    expect((await signIn(env, db, { email: admin.email, password: PASSWORD, ip: ip() }, new Date())).ok).toBe(true);
    const request = new Request('http://cms.test/admin/login', { method: 'POST', headers: { 'CF-Connecting-IP': ip() } });
    expect(await attemptLogin(env, db, request, form({ email: editor.email, password: PASSWORD }), new Date()))
      .toMatchObject({ kind: 'refused', status: 403, message: ONLY_ARCHIVED_SITES });
  });

  it('still lets them in while one of their sites is active, and a wrong password still gets the generic answer', async () => {
    const [a, b] = [await site(), await site()];
    const p = await person([[a, 'editor'], [b, 'contributor']]);
    await archiveSite(db, a);
    expect((await signIn(env, db, { email: p.email, password: PASSWORD, ip: ip() }, new Date())).ok).toBe(true);
    const alone = await person([[await site(), 'editor']]);
    await archiveSite(db, (await readSession(db, (await createSession(db, alone.id, new Date())).id, new Date()))!.siteId);
    expect(await signIn(env, db, { email: alone.email, password: 'sai-mat-khau-roi', ip: ip() }, new Date())).toMatchObject({ ok: false, message: 'Email hoặc mật khẩu không đúng.' });
  });

  it('refuses an account with no role anywhere, and lets a platform admin with none in', async () => {
    const nobody = await person([]);
    expect(await signIn(env, db, { email: nobody.email, password: PASSWORD, ip: ip() }, new Date())).toMatchObject({ ok: false, message: NO_SITE });
    const platform = await person([], { platformAdmin: true });
    expect((await signIn(env, db, { email: platform.email, password: PASSWORD, ip: ip() }, new Date())).ok).toBe(true);
  });
});

describe('a second factor required per site', () => {
  it('applies to an account that is admin or editor on a site requiring it, whichever site it works on', async () => {
    const [a, b] = [await site(), await site()];
    const editorOfA = await person([[a, 'editor'], [b, 'contributor']]);
    const contributorOfA = await person([[a, 'contributor'], [b, 'editor']]);
    const platform = await person([], { platformAdmin: true });
    expect(await mustEnrolTwoFactor(db, editorOfA)).toBe(false);
    await writeSetting(db, a, TWO_FACTOR_REQUIRED, 'on', platform.id, new Date());
    expect(await mustEnrolTwoFactor(db, editorOfA)).toBe(true);
    expect(await mustEnrolTwoFactor(db, contributorOfA)).toBe(false);
    // Platform admins act as admin on every site, so any site's requirement is theirs.
    expect(await mustEnrolTwoFactor(db, platform)).toBe(true);
    await writeSetting(db, a, TWO_FACTOR_REQUIRED, 'off', platform.id, new Date());
    expect(await mustEnrolTwoFactor(db, editorOfA)).toBe(false);
  });
});

describe('the users page acts on the working site only', () => {
  it('a site admin of A cannot change, remove, disable or reset B\'s people by forged ids (404), nor set the platform flag (403)', async () => {
    const [a, b] = [await site(), await site()];
    const adminA = await sessionOf((await person([[a, 'admin']])).id);
    const ofB = await person([[b, 'editor']]);
    for (const action of ['role', 'remove', 'disable', 'reset-link', 'reset-2fa']) {
      expect(await usersAction(db, adminA, a, form({ action, id: String(ofB.id), role: 'contributor' }), new Date()), action).toMatchObject({ ok: false, status: 404 });
    }
    expect((await readUser(db, ofB.id, b))).toMatchObject({ role: 'editor', disabled: false });
    const ofA = await person([[a, 'editor']]);
    expect(await usersAction(db, adminA, a, form({ action: 'platform-admin', id: String(ofA.id), value: 'on' }), new Date())).toMatchObject({ ok: false, status: 403 });
    expect((await readUser(db, ofA.id))?.platformAdmin).toBe(false);
  });

  it('a site admin may disable only accounts whose every role is on sites they administer', async () => {
    const [a, b] = [await site(), await site()];
    const adminA = await sessionOf((await person([[a, 'admin']])).id);
    const onBoth = await person([[a, 'editor'], [b, 'admin']]);
    const onlyA = await person([[a, 'editor']]);
    const refused = await usersAction(db, adminA, a, form({ action: 'disable', id: String(onBoth.id) }), new Date());
    expect(refused).toMatchObject({ ok: false, status: 403 });
    expect((await readUser(db, onBoth.id))?.disabled).toBe(false);
    expect(await usersAction(db, adminA, a, form({ action: 'disable', id: String(onlyA.id) }), new Date())).toMatchObject({ ok: true });
    const platform = await sessionOf((await person([], { platformAdmin: true })).id);
    expect(await usersAction(db, platform, a, form({ action: 'disable', id: String(onBoth.id) }), new Date())).toMatchObject({ ok: true });
  });

  it('creates, assigns and changes roles on this site only, each logged with the admin as actor', async () => {
    const [a, b] = [await site(), await site()];
    const me = await person([[a, 'admin']]);
    const adminA = await sessionOf(me.id);
    const email = `${unique('moi')}@dongy.gov.vn`;
    expect(await usersAction(db, adminA, a, form({ action: 'create', email, name: 'Mới', role: 'editor' }), new Date())).toMatchObject({ ok: true });
    const other = await person([[b, 'editor']]);
    expect(await usersAction(db, adminA, a, form({ action: 'assign', email: other.email, role: 'contributor' }), new Date())).toMatchObject({ ok: true });
    expect((await readUser(db, other.id, b))?.role).toBe('editor');
    expect((await readUser(db, other.id, a))?.role).toBe('contributor');
    expect(await usersAction(db, adminA, a, form({ action: 'create', email: other.email, role: 'editor' }), new Date())).toMatchObject({ ok: false, status: 409, field: 'email' });
    expect(await usersAction(db, adminA, a, form({ action: 'assign', email: `${unique('khong')}@dongy.gov.vn`, role: 'editor' }), new Date())).toMatchObject({ ok: false, status: 404, field: 'assign-email' });
    const log = await listRoleChanges(db, a);
    expect(log.slice(0, 2).map((c) => [c.actor, c.user, c.before, c.after])).toEqual([
      [me.email, other.email, null, 'contributor'],
      [me.email, email, null, 'editor'],
    ]);
    expect(await listRoleChanges(db, b)).not.toContainEqual(expect.objectContaining({ actor: me.email }));
  });
});

describe('query plans of the people queries', () => {
  /** A D1 binding that notes every statement bound through it and runs it on the real database. */
  function recording(into: { sql: string; params: unknown[] }[]): D1Database {
    return {
      prepare(query: string) {
        return { bind(...params: unknown[]) { into.push({ sql: query, params }); return env.DB.prepare(query).bind(...params); } };
      },
      batch: (statements: D1PreparedStatement[]) => env.DB.batch(statements),
    } as unknown as D1Database;
  }

  it('read users, roles, sessions and the role-change log through indexes (only the small settings table may be scanned)', async () => {
    const a = await site();
    const { id, email } = await person([[a, 'editor']]);
    const { id: sid } = await createSession(db, id, new Date());
    const seen: { sql: string; params: unknown[] }[] = [];
    const traced = database(recording(seen));
    await listUsers(traced, a);
    await listRoleChanges(traced, a, { platform: true });
    await readSession(traced, sid, new Date());
    await readUser(traced, id, a);
    await mustEnrolTwoFactor(traced, { id });
    await (await import('../../functions/data/users.ts')).userForSignIn(traced, email);
    expect(seen.length).toBeGreaterThanOrEqual(7);
    for (const { sql: query, params } of seen) {
      const { results } = await env.DB.prepare(`EXPLAIN QUERY PLAN ${query}`).bind(...params).all<{ detail: string }>();
      const scans = results.map((r) => r.detail).filter((d) => /^SCAN (?!.*USING (COVERING )?INDEX)/.test(d) && !/^SCAN settings/.test(d) && !/CONSTANT ROW/.test(d));
      expect(scans, query).toEqual([]);
    }
  });
});
