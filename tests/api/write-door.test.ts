/// <reference types="vite/client" />
// The one door for writes: nothing outside the write service moves the content generation (read from
// the source tree); every `write` row of the route table is enforced by the router (401 without a
// token, 403 with a read-only one), every `restore` row likewise (401 without the Restore-Key), and documented as such; a move that fails after the commit still
// answers success and is caught up by the retry alarm once the object works again, with no other write.
import { runDurableObjectAlarm, runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { VersionConflict, Gone, InvalidFields, NotFound, SlugTaken } from '../../functions/articles/errors.ts';
import { catchUpObject } from '../../functions/articles/generation-move.ts';
import { ContentVersion } from '../../functions/cache/content-version.ts';
import { latestChange } from '../../functions/data/content-changes.ts';
import { database } from '../../functions/data/db.ts';
import { createSite } from '../../functions/data/sites.ts';
import { createToken } from '../../functions/data/tokens.ts';
import { problemResponse } from '../../functions/http/problem.ts';
import { routes } from '../../functions/routes.ts';
import { runScheduled } from '../../functions/scheduled.ts';
import { call, expectProblem, freshCategory, jsonInit, postArticle, readToken, unique, writeToken } from '../support/api.ts';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('no caller outside the write service moves the generation', () => {
  // Every source file the Worker and the admin are built from, as text (Vite reads them at build time).
  const sources = {
    ...import.meta.glob('../../functions/**/*.ts', { query: '?raw', import: 'default', eager: true }),
    ...import.meta.glob('../../site/**/*.{ts,astro}', { query: '?raw', import: 'default', eager: true }),
    ...import.meta.glob('../../scripts/**/*.ts', { query: '?raw', import: 'default', eager: true }),
  } as Record<string, string>;
  const MOVES = /\bbumpVersion\s*\(|\bmoveRollup\s*\(|\.advance(?:Rollup)?\s*\(|\.rebase(?:Rollup)?\s*\(|\.catchUpTo\s*\(|\.bump\s*\(|\bcatchUpReplicas\s*\(|\bmoveGeneration\s*\(/;
  const ALLOWED = new Set([
    '../../functions/articles/service.ts', // the door
    '../../functions/articles/generation-move.ts', // its move and retry
    '../../functions/cache/generation.ts', // bumpVersion's definition
    '../../functions/cache/content-version.ts', // advance's definition and the retry alarm
  ]);

  it('reads the whole tree (the check would pass on an empty one)', () => {
    expect(Object.keys(sources).length).toBeGreaterThan(50);
    expect(Object.keys(sources)).toContain('../../site/admin/article-editor.ts');
    // Documents write through their own service, which commits through this door (commitSiteChange).
    expect(Object.keys(sources)).toContain('../../functions/documents/service.ts');
    expect(sources['../../functions/documents/service.ts']).toMatch(/\bcommitSiteChange\(/);
    // So do pages (issue 12).
    expect(Object.keys(sources)).toContain('../../functions/site-pages/service.ts');
    expect(sources['../../functions/site-pages/service.ts']).toMatch(/\bcommitSiteChange\(/);
  });

  it('finds calls that move it only in the service and the generation modules', () => {
    const offenders = Object.entries(sources)
      .filter(([path, text]) => !ALLOWED.has(path) && MOVES.test(text))
      .map(([path, text]) => `${path}: ${text.split('\n').find((l) => MOVES.test(l))?.trim()}`);
    expect(offenders).toEqual([]);
  });

  it('would catch one (the pattern matches the forms a caller would write)', () => {
    for (const line of [
      'await bumpVersion(env, db, now, 2);', 'await replica(env, 2, 0).advance(3, null)', 'stub.bump(next)',
      'await moveRollup(env, rollup)', 'stub.advanceRollup(4, null)', 'stub.catchUpTo(1, null, 0, null)', 'stub.rebaseRollup(5, 1, null)',
    ]) {
      expect(MOVES.test(line), line).toBe(true);
    }
  });
});

describe('the route table is enforced', () => {
  const writeRoutes = routes.filter((r) => r.auth === 'write');
  const pathOf = (path: string) => path.replace(/:(\w+)/g, 'khong-co-bai-nay');

  it('has write routes to check, the documents\' among them', () => {
    expect(writeRoutes.length).toBeGreaterThanOrEqual(6);
    expect(writeRoutes.map((r) => `${r.method} ${r.path}`)).toEqual(expect.arrayContaining(['POST /api/v1/documents', 'PATCH /api/v1/documents/:slug', 'DELETE /api/v1/documents/:slug']));
  });

  it('refuses every write route without a token (401) and with a read-only token (403), before the handler', async () => {
    const reader = await readToken();
    for (const route of writeRoutes) {
      const label = `${route.method} ${route.path}`;
      // A body the handler would refuse otherwise (no If-Match, unknown slug): only auth can answer first.
      const none = await expectProblem(await call(pathOf(route.path), jsonInit(route.method, null, {})), 401);
      expect(none.type, label).toMatch(/\/unauthenticated$/);
      const readOnly = await expectProblem(await call(pathOf(route.path), jsonInit(route.method, reader, {})), 403);
      expect(readOnly.type, label).toMatch(/\/insufficient-scope$/);
    }
  });

  it('refuses every import route without a token (401) and with a read and write token (403), before the handler', async () => {
    const importRoutes = routes.filter((r) => r.auth === 'import');
    expect(importRoutes.length).toBeGreaterThanOrEqual(6);
    const writer = await writeToken();
    const init = (method: string, token: string | null): RequestInit =>
      method === 'GET' ? { headers: token ? { Authorization: `Bearer ${token}` } : {} } : jsonInit(method, token, {});
    for (const route of importRoutes) {
      const label = `${route.method} ${route.path}`;
      expect((await expectProblem(await call(pathOf(route.path), init(route.method, null)), 401)).type, label).toMatch(/\/unauthenticated$/);
      expect((await expectProblem(await call(pathOf(route.path), init(route.method, writer)), 403)).type, label).toMatch(/\/insufficient-scope$/);
    }
  });

  it('refuses every admin route without a token (401), with a read, write and import token (403, an all-sites one too) and with another site\'s admin token (401), before the handler', async () => {
    const adminRoutes = routes.filter((r) => r.auth === 'admin');
    expect(adminRoutes.map((r) => `${r.method} ${r.path}`)).toEqual(expect.arrayContaining(['GET /api/v1/webhooks', 'POST /api/v1/webhooks', 'DELETE /api/v1/webhooks/:id']));
    const db = database(env.DB);
    const lesser = (await createToken(db, 1, unique('not-admin'), ['read', 'write', 'import'], null, { allSites: true })).token;
    const other = await createSite(db, { name: unique('Trang khác'), hosts: [`${unique('khac')}.test`] });
    const elsewhere = (await createToken(db, other.id, unique('admin-other'), ['admin'])).token;
    const init = (method: string, token: string | null): RequestInit =>
      method === 'GET' ? { headers: token ? { Authorization: `Bearer ${token}` } : {} } : jsonInit(method, token, {});
    for (const route of adminRoutes) {
      const label = `${route.method} ${route.path}`;
      // Ids no webhook has and empty bodies: the handler would answer 404 or 422, so only auth answers these.
      const path = route.path.replace(/:(\w+)/g, '999999999');
      expect((await expectProblem(await call(path, init(route.method, null)), 401)).type, label).toMatch(/\/unauthenticated$/);
      expect((await expectProblem(await call(path, init(route.method, lesser)), 403)).type, label).toMatch(/\/insufficient-scope$/);
      expect((await expectProblem(await call(path, init(route.method, elsewhere)), 401)).type, label).toMatch(/\/invalid-token$/);
    }
  });

  it('refuses every restore route without the Restore-Key of a restore in progress (401), before the handler', async () => {
    const restoreRoutes = routes.filter((r) => r.auth === 'restore');
    expect(restoreRoutes.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /api/v1/restore/tables/:name', 'POST /api/v1/restore/media', 'POST /api/v1/restore/finish']);
    const importer = (await createToken(database(env.DB), 1, unique('restore'), ['import'], null, { allSites: true })).token;
    for (const route of restoreRoutes) {
      const label = `${route.method} ${route.path}`;
      // Bodies and names each handler would refuse (unknown table 404, no site-id 400, empty finish 422): only the key check answers 401.
      const attempts: Record<string, string>[] = [{}, { 'Restore-Key': `rk_${'0'.repeat(64)}` }, { 'Restore-Key': 'rk_nope' }, { Authorization: `Bearer ${importer}` }];
      for (const headers of attempts) {
        const res = await call(pathOf(route.path), { method: route.method, headers: { 'Content-Type': 'application/json', ...headers }, body: '{}' });
        expect((await expectProblem(res, 401)).type, `${label} ${JSON.stringify(headers)}`).toMatch(/\/no-restore-session$/);
      }
    }
  });

  it('documents each route as it enforces it: bearer security exactly on write, import and admin routes, the Restore-Key on restore routes', async () => {
    const doc = (await (await call('/api/v1/openapi.json')).json()) as { paths: Record<string, Record<string, { security?: unknown }>> };
    for (const route of routes.filter((r) => r.path.startsWith('/api/'))) {
      const op = doc.paths[route.path.replace(/:(\w+)/g, '{$1}')]?.[route.method.toLowerCase()];
      expect(op, `${route.method} ${route.path}`).toBeDefined();
      // A public read that checks a token it is given (its 401) takes one optionally; other public routes none.
      const publicSecurity = route.doc?.statuses?.includes(401) ? [{}, { bearer: [] }] : [];
      expect(op!.security ?? [], `${route.method} ${route.path}`).toEqual(route.auth === 'public' ? publicSecurity : route.auth === 'restore' ? [{ restoreKey: [] }] : [{ bearer: [] }]);
    }
  });
});

describe('domain errors', () => {
  it('map once to the API statuses and problem types clients switch on', async () => {
    const cases: [Error, number, string][] = [
      [new NotFound('x'), 404, 'not-found'],
      [new VersionConflict(), 412, 'version-conflict'],
      [new SlugTaken('a', 'x'), 409, 'slug-taken'],
      [new InvalidFields([{ field: 'publishAt', message: 'm' }]), 422, 'validation-failed'],
      [new Gone('trash-expired', 'x'), 410, 'trash-expired'],
    ];
    for (const [error, status, type] of cases) {
      const problem = await expectProblem(problemResponse(error), status);
      expect(problem.type).toBe(`https://bientap.dev/problems/${type}`);
    }
    const invalid = await expectProblem(problemResponse(new InvalidFields([{ field: 'publishAt', message: 'm' }])), 422);
    expect(invalid.errors).toEqual([{ field: 'publishAt', message: 'm' }]);
  });
});

describe('a generation move that fails after the commit', () => {
  const replica0 = () => env.CONTENT_VERSION.getByName('replica-0');
  const generationOf = (stub: ReturnType<typeof replica0>) =>
    runInDurableObject(stub, (_: ContentVersion, state) =>
      state.storage.sql.exec<{ generation: number; seq: number }>('SELECT generation, seq FROM version').one());
  // A real failing object: every move of replica 0 is refused by its own SQLite, reads still work
  // (the worst case: readers of this replica would keep being served entries from before the write).
  const breakMoves = () => runInDurableObject(replica0(), (_: ContentVersion, state) =>
    state.storage.sql.exec(`CREATE TRIGGER refuse_moves BEFORE UPDATE ON version BEGIN SELECT RAISE(ABORT, 'replica out of order'); END`));
  const mendMoves = () => runInDurableObject(replica0(), (_: ContentVersion, state) => state.storage.sql.exec('DROP TRIGGER refuse_moves'));

  it('still answers 201, and the retry alarm moves the replica once it works, with no other write', async () => {
    const token = await writeToken();
    const category = await freshCategory();
    const before = await generationOf(replica0());
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    await breakMoves();
    try {
      const res = await call('/api/v1/articles', jsonInit('POST', token, { title: 'Lưu dù bộ đếm hỏng', category, status: 'published' }));
      expect(res.status).toBe(201);
      const slug = ((await res.json()) as { slug: string }).slug;
      expect((await call(`/api/v1/articles/${slug}`)).status).toBe(200); // the content is saved
      expect(await generationOf(replica0())).toEqual(before); // not moved
      expect(logged.mock.calls.some((c) => String(c[0]).includes('not moved on replicas 0'))).toBe(true);
      // The change is on record, ahead of the replica.
      expect((await latestChange(database(env.DB), 1))!.seq).toBeGreaterThan(before.seq);

      // The retry runs (time is the test's: the alarm is run now) while the object still fails: it stays
      // behind and the alarm is set again.
      expect(await runDurableObjectAlarm(catchUpObject(env))).toBe(true);
      expect(await generationOf(replica0())).toEqual(before);
      expect(await runInDurableObject(catchUpObject(env), (_: ContentVersion, state) => state.storage.getAlarm())).not.toBeNull();
    } finally {
      await mendMoves();
    }
    // Mended: the next retry catches it up; no write in between.
    expect(await runDurableObjectAlarm(catchUpObject(env))).toBe(true);
    const after = await generationOf(replica0());
    expect(after.generation).toBe(before.generation + 1);
    expect(after.seq).toBe((await latestChange(database(env.DB), 1))!.seq);
    expect(await runInDurableObject(catchUpObject(env), (_: ContentVersion, state) => state.storage.getAlarm())).toBeNull();
    // Caught up means caught up: running the catch-up again moves nothing.
    await runScheduled(env, new Date());
    expect((await generationOf(replica0())).generation).toBe(after.generation);
  });

  it('is caught up by the cron too, if the retry object itself was out of reach', async () => {
    const token = await writeToken();
    const category = await freshCategory();
    vi.spyOn(console, 'error').mockImplementation(() => {});
    await breakMoves();
    let before: { generation: number; seq: number };
    try {
      await postArticle(token, { title: 'Cron bắt kịp', category });
      before = await generationOf(replica0());
      // The alarm never ran (as if the retry object failed too): drop it.
      await runInDurableObject(catchUpObject(env), (_: ContentVersion, state) => state.storage.deleteAlarm());
    } finally {
      await mendMoves();
    }
    await runScheduled(env, new Date());
    expect((await generationOf(replica0())).generation).toBe(before.generation + 1);
  });
});

describe('a database that went back (a Time Travel restore, a wiped local D1)', () => {
  const replica0 = () => env.CONTENT_VERSION.getByName('replica-0');
  const versionOf = () => runInDurableObject(replica0(), (_: ContentVersion, state) =>
    state.storage.sql.exec<{ generation: number; seq: number }>('SELECT generation, seq FROM version').one());

  it('leaves no replica ahead of the change record: the catch-up rebases it, and writes move it again', async () => {
    const token = await writeToken();
    const category = await freshCategory();
    await postArticle(token, { title: 'Trước khi khôi phục', category });
    // The replica remembers changes the restored database no longer has.
    await runInDurableObject(replica0(), (_: ContentVersion, state) => state.storage.sql.exec('UPDATE version SET seq = seq + 1000'));
    const ahead = await versionOf();
    // A write now is ignored by that replica (its seq is below the replica's): readers would be served old entries.
    await postArticle(token, { title: 'Sau khi khôi phục', category });
    expect(await versionOf()).toEqual(ahead);
    const warned = vi.spyOn(console, 'warn').mockImplementation(() => {});
    await runScheduled(env, new Date());
    const rebased = await versionOf();
    expect(rebased.generation).toBe(ahead.generation + 1);
    expect(rebased.seq).toBe((await latestChange(database(env.DB), 1))!.seq);
    expect(warned.mock.calls.some((c) => String(c[0]).includes('rebased'))).toBe(true);
    // From here every write moves it as before, and a second catch-up changes nothing.
    await postArticle(token, { title: 'Viết tiếp', category });
    expect((await versionOf()).generation).toBe(rebased.generation + 1);
    const moved = await versionOf();
    await runScheduled(env, new Date());
    expect(await versionOf()).toEqual(moved);
  });
});

describe('ContentVersion objects made before the change record', () => {
  it('get its column on their next start, behind every change, keeping their generation', async () => {
    const stub = env.CONTENT_VERSION.getByName(unique('legacy'));
    await runInDurableObject(stub, (_: ContentVersion, state) => {
      state.storage.sql.exec(`DROP TABLE version;
        CREATE TABLE version (id INTEGER PRIMARY KEY CHECK (id = 1), generation INTEGER NOT NULL, next_scheduled_at INTEGER);
        INSERT INTO version VALUES (1, 7, NULL);`);
      const restarted = new ContentVersion(state, env); // the constructor runs again on the old storage
      expect(restarted.current().generation).toBe(7);
      expect(restarted.advance(1, null).generation).toBe(8);
      expect(restarted.advance(1, null).generation).toBe(8); // the same change again moves nothing
    });
  });
});
