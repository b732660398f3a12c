// A province's roll-up against real local D1 and the Worker from source: its communes' published
// articles only (no draft, scheduled, deleted, its own, another province's), newest first with keyset
// pages both ways, served by indexes; featured references that follow their origin and refuse what the
// province does not roll up; featuring through the write service moves the province's generation (its
// cached home and feeds are fresh at once), an archived province refuses it; the roll-up feeds stay
// fresh under the edge cache when a commune writes.
import { env, exports } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { articles, contentChanges } from '../../schema/tables.ts';
import { NotFound, SiteArchived } from '../../functions/articles/errors.ts';
import { setFeatured } from '../../functions/articles/service.ts';
import { decodeCursor } from '../../functions/data/cursor.ts';
import { database } from '../../functions/data/db.ts';
import { featuredIds, listFeatured, listRollup, planFeature, rollupPreviousCursor } from '../../functions/data/rollup.ts';
import { archiveSite, createSite } from '../../functions/data/sites.ts';
import { createToken } from '../../functions/data/tokens.ts';

const U = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
const db = () => database(env.DB);
const at = (url: string, init: RequestInit = {}) => exports.default.fetch(new Request(url, { redirect: 'manual', ...init }));

interface Fixture { id: number; origin: string; token: string }
interface Posted { id: number; slug: string; title: string; etag: string }

async function site(name: string, parentId: number | null = null): Promise<Fixture> {
  const s = await createSite(db(), { name: `${name} ${U}`, hosts: [`${name.toLowerCase().replaceAll(' ', '-')}-${U}.test`], parentId });
  return { id: s.id, origin: `http://${s.hosts[0]}`, token: (await createToken(db(), s.id, `t-${U}`, ['read', 'write'])).token };
}

async function post(s: Fixture, body: Record<string, unknown>): Promise<Posted> {
  const res = await at(`${s.origin}/api/v1/articles`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${s.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ category: 'tin-tuc-su-kien', body: 'Nội dung.', status: 'published', ...body }),
  });
  const text = await res.text();
  if (res.status !== 201) throw new Error(`POST ${res.status}: ${text.slice(0, 300)}`);
  const a = JSON.parse(text) as Posted;
  return { ...a, etag: res.headers.get('ETag')! };
}

let province: Fixture;
let a: Fixture;
let b: Fixture;
let otherProvince: Fixture;
let stranger: Fixture;
const p = {} as Record<'a1' | 'b1' | 'a2' | 'aDraft' | 'aLater' | 'aDeleted' | 'own' | 'stranger', Posted>;

beforeAll(async () => {
  province = await site('Tinh');
  a = await site('Xa A', province.id);
  b = await site('Xa B', province.id);
  otherProvince = await site('Tinh khac');
  stranger = await site('Xa la', otherProvince.id);
  p.a1 = await post(a, { title: `A một ${U}` });
  p.b1 = await post(b, { title: `B một ${U}` });
  p.a2 = await post(a, { title: `A hai ${U}` });
  p.aDraft = await post(a, { title: `A nháp ${U}`, status: 'draft' });
  p.aLater = await post(a, { title: `A hẹn giờ ${U}`, status: 'scheduled', publishAt: new Date(Date.now() + 3_600_000).toISOString() });
  p.aDeleted = await post(a, { title: `A đã xóa ${U}` });
  const del = await at(`${a.origin}/api/v1/articles/${p.aDeleted.slug}`, { method: 'DELETE', headers: { Authorization: `Bearer ${a.token}`, 'If-Match': p.aDeleted.etag } });
  expect(del.status).toBe(204);
  p.own = await post(province, { title: `Tỉnh ${U}` });
  p.stranger = await post(stranger, { title: `Xã lạ ${U}` });
});

describe('listRollup', () => {
  it('the communes\' published articles only, newest first, each with its site', async () => {
    const page = await listRollup(db(), province.id, { limit: 50, now: new Date() });
    expect(page.items.map((i) => i.title)).toEqual([p.a2.title, p.b1.title, p.a1.title]);
    expect(page.items.map((i) => i.siteId)).toEqual([a.id, b.id, a.id]);
    expect(page.nextCursor).toBeNull();
    expect(page.items[0]!.bodyHtml).toBeUndefined();
    const withBody = await listRollup(db(), province.id, { limit: 1, now: new Date(), withBody: true });
    expect(withBody.items[0]!.bodyHtml).toContain('Nội dung.');
    // A site with no communes, and a commune, roll up nothing.
    expect((await listRollup(db(), a.id, { limit: 10, now: new Date() })).items).toEqual([]);
  });

  it('a scheduled article joins at its time', async () => {
    const later = new Date(Date.now() + 3_600_000 + 1000);
    expect((await listRollup(db(), province.id, { limit: 50, now: later })).items[0]!.title).toBe(p.aLater.title);
  });

  it('keyset pages both ways', async () => {
    const now = new Date();
    const first = await listRollup(db(), province.id, { limit: 2, now });
    expect(first.items.map((i) => i.title)).toEqual([p.a2.title, p.b1.title]);
    const second = await listRollup(db(), province.id, { limit: 2, now, cursor: decodeCursor(first.nextCursor!) });
    expect(second.items.map((i) => i.title)).toEqual([p.a1.title]);
    expect(second.nextCursor).toBeNull();
    expect(await rollupPreviousCursor(db(), province.id, second.items[0]!, 2, now)).toEqual({});
    expect(await rollupPreviousCursor(db(), province.id, first.items[0]!, 2, now)).toBeNull();
    const third = await rollupPreviousCursor(db(), province.id, second.items[0]!, 1, now);
    expect((await listRollup(db(), province.id, { limit: 1, now, cursor: decodeCursor(third!.cursor!) })).items[0]!.title).toBe(p.b1.title);
  });

  it('is served by an index (no full scan of articles)', async () => {
    const recorded: { sql: string; params: unknown[] }[] = [];
    const recording = {
      prepare: (sql: string) => ({ bind: (...params: unknown[]) => { recorded.push({ sql, params }); return env.DB.prepare(sql).bind(...params); } }),
      batch: (s: D1PreparedStatement[]) => env.DB.batch(s),
    } as unknown as D1Database;
    await listRollup(database(recording), province.id, { limit: 12, now: new Date() });
    await listFeatured(database(recording), province.id, new Date());
    expect(recorded.length).toBe(2);
    for (const { sql, params } of recorded) {
      const plan = (await env.DB.prepare(`EXPLAIN QUERY PLAN ${sql}`).bind(...params).all<{ detail: string }>()).results.map((r) => r.detail);
      expect(plan.filter((d) => /^SCAN (articles|featured_articles)\b(?!.*USING)/.test(d)), plan.join('\n')).toEqual([]);
      expect(plan.some((d) => /articles.*USING (COVERING )?INDEX/.test(d)), plan.join('\n')).toBe(true);
    }
  });
});

describe('featuring', () => {
  it('planFeature refuses a draft, a deleted, the province\'s own and another province\'s commune article', async () => {
    for (const post of [p.aDraft, p.aLater, p.aDeleted, p.own, p.stranger]) {
      await expect(planFeature(db(), province.id, post.id, true, null, new Date()), post.title).rejects.toBeInstanceOf(NotFound);
    }
    await expect(planFeature(db(), province.id, 999_999_999, true, null, new Date())).rejects.toBeInstanceOf(NotFound);
  });

  it('setFeatured records the reference and moves the province\'s generation; the list follows the origin', async () => {
    const before = (await db().select().from(contentChanges).where(eq(contentChanges.id, province.id)))[0]!.seq;
    const origin = await post(b, { title: `B nổi bật ${U}` });
    const home = `${province.origin}/`;
    await (await at(home, { headers: { Accept: 'text/html' } })).arrayBuffer(); // cached now
    await setFeatured(env, { id: province.id, status: 'active' }, origin.id, true, null, new Date());
    await setFeatured(env, { id: province.id, status: 'active' }, origin.id, true, null, new Date()); // twice: still one
    expect((await db().select().from(contentChanges).where(eq(contentChanges.id, province.id)))[0]!.seq).toBe(before + 2);
    expect([...await featuredIds(db(), province.id)]).toEqual([origin.id]);
    expect((await listFeatured(db(), province.id, new Date())).map((f) => [f.title, f.siteId])).toEqual([[origin.title, b.id]]);

    await db().update(articles).set({ title: `B nổi bật, sửa ${U}` }).where(eq(articles.id, origin.id));
    expect((await listFeatured(db(), province.id, new Date()))[0]!.title).toBe(`B nổi bật, sửa ${U}`);
    await db().update(articles).set({ deletedAt: new Date() }).where(eq(articles.id, origin.id));
    expect(await listFeatured(db(), province.id, new Date())).toEqual([]);

    await setFeatured(env, { id: province.id, status: 'active' }, origin.id, false, null, new Date());
    expect([...await featuredIds(db(), province.id)]).toEqual([]);
  });

  it('an archived province refuses featuring (from the registry, and in the batch when the registry lags)', async () => {
    const lone = await site('Tinh luu tru');
    const commune = await site('Xa cua tinh luu tru', lone.id);
    const origin = await post(commune, { title: `Xã của tỉnh lưu trữ ${U}` });
    await archiveSite(db(), lone.id);
    await expect(setFeatured(env, { id: lone.id, status: 'archived' }, origin.id, true, null, new Date())).rejects.toBeInstanceOf(SiteArchived);
    await expect(setFeatured(env, { id: lone.id, status: 'active' }, origin.id, true, null, new Date())).rejects.toBeInstanceOf(SiteArchived);
    expect([...await featuredIds(db(), lone.id)]).toEqual([]);
  });
});

describe('the roll-up feeds under the edge cache', () => {
  it('a commune\'s new article is in the province\'s feeds on the next request; a commune has none (404)', async () => {
    const feed = `${province.origin}/tin-tu-co-so/feed.json`;
    const first = (await (await at(feed)).json()) as { items: { title: string }[] };
    expect(first.items.map((i) => i.title)).not.toContain(`A mới ${U}`);
    const fresh = await post(a, { title: `A mới ${U}` });
    const second = (await (await at(feed)).json()) as { items: { title: string; url: string }[] };
    expect(second.items[0]).toMatchObject({ title: fresh.title, url: `${a.origin}/bai-viet/${fresh.slug}` });
    const rss = await (await at(`${province.origin}/tin-tu-co-so/rss.xml`)).text();
    expect(rss).toContain(`<title><![CDATA[${fresh.title}]]></title>`);
    for (const text of [JSON.stringify(second), rss]) for (const hidden of [p.aDraft, p.aDeleted, p.own, p.stranger]) expect(text).not.toContain(hidden.title);
    for (const path of ['/tin-tu-co-so/feed.json', '/tin-tu-co-so/rss.xml']) {
      const res = await at(`${a.origin}${path}`);
      expect(res.status, path).toBe(404);
      expect(res.headers.get('Content-Type')).toContain('application/problem+json');
    }
  });
});
