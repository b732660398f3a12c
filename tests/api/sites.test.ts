// The sites data layer against real local D1: a new site with its hostnames, default categories and
// change record in one batch; hostnames checked (shape, port, duplicates, taken by another site); two
// tiers of parents; edits, hostname changes and archiving; the registry built from what was written.
import { env } from 'cloudflare:workers';
import { count, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { categories, contentChanges, siteHosts, sites } from '../../schema/tables.ts';
import { NotFound } from '../../functions/articles/errors.ts';
import { database } from '../../functions/data/db.ts';
import {
  archiveSite, createSite, DEFAULT_CATEGORIES, getSite, listParentCandidates, listSites, normalizeHost, reservedHosts, setHosts,
  SiteInvalid, unarchiveSite, updateSite, type SiteProblemReason, SITE_HOSTS_MAX,
} from '../../functions/data/sites.ts';
import { problemResponse } from '../../functions/http/problem.ts';
import { loadRegistry } from '../../functions/sites/registry.ts';
import { unique } from '../support/api.ts';

const db = () => database(env.DB);
const host = (prefix = 'xa') => `${unique(prefix)}.test`;

async function refusal(promise: Promise<unknown>): Promise<SiteInvalid> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(SiteInvalid);
  return error as SiteInvalid;
}
const reasons = (e: SiteInvalid): SiteProblemReason[] => e.problems.map((p) => p.reason);
const siteCount = async () => (await db().select({ n: count() }).from(sites))[0]!.n;

describe('createSite', () => {
  it('creates the site, its hostnames in order, its default categories and its change record', async () => {
    const [a, b] = [host(), host()];
    const site = await createSite(db(), { name: '  Cổng thông tin xã Đại Phúc ', subtitle: 'Cơ quan chủ quản: UBND xã Đại Phúc', hosts: [a, b.toUpperCase()], primaryColor: '#1A5F2B' });
    expect(site).toMatchObject({ name: 'Cổng thông tin xã Đại Phúc', subtitle: 'Cơ quan chủ quản: UBND xã Đại Phúc', hosts: [a, b], parentId: null, status: 'active', visitOffset: 0, primaryColor: '#1a5f2b', logoKey: null });
    expect(await getSite(db(), site.id)).toEqual(site);
    const menu = await db().select({ slug: categories.slug, name: categories.name }).from(categories).where(eq(categories.siteId, site.id)).orderBy(categories.position);
    expect(menu).toEqual(DEFAULT_CATEGORIES.map(({ slug, name }) => ({ slug, name })));
    expect(menu.map((c) => c.name)).toEqual(['Tin tức - Sự kiện', 'Thông báo', 'Chỉ đạo - Điều hành', 'Cải cách hành chính', 'Văn hóa - Xã hội']);
    const [change] = await db().select().from(contentChanges).where(eq(contentChanges.id, site.id));
    expect(change).toMatchObject({ seq: 0, rollupSeq: 0, nextScheduledAt: null });
    expect((await listSites(db())).find((s) => s.id === site.id)).toEqual(site);
    const registry = await loadRegistry(db());
    expect(registry.byHost.get(a)).toMatchObject({ canonical: true, site: { id: site.id } });
    expect(registry.byHost.get(b)).toMatchObject({ canonical: false, site: { id: site.id } });
  });

  it('a commune under a province: the province lists it among its children', async () => {
    const province = await createSite(db(), { name: 'Tỉnh thử', hosts: [host('tinh')] });
    const commune = await createSite(db(), { name: 'Xã thử', hosts: [host()], parentId: province.id });
    expect(commune.parentId).toBe(province.id);
    expect((await loadRegistry(db())).byId.get(province.id)!.childIds).toEqual([commune.id]);
    expect((await listParentCandidates(db())).map((s) => s.id)).toContain(province.id);
    expect((await listParentCandidates(db())).map((s) => s.id)).not.toContain(commune.id);
  });

  it('refuses bad hostnames with a message each, and creates nothing', async () => {
    const before = await siteCount();
    const bad = ['https://xa.test', 'xa.test:8787', 'xa.test/trang', 'xa_a.test', '-xa.test', 'xa-.test', 'localhost', '127.0.0.1', 'xã.test', 'a..test', '', `${'a'.repeat(64)}.test`];
    for (const h of bad) {
      const e = await refusal(createSite(db(), { name: 'Xã lỗi', hosts: [h] }));
      expect(reasons(e), h).toEqual(['host-invalid']);
      expect(e.problems[0]!.field).toBe('hosts');
      expect(e.problems[0]!.message.length, h).toBeGreaterThan(10);
    }
    expect((await refusal(createSite(db(), { name: 'Xã lỗi', hosts: ['xa.test:8787'] }))).problems[0]!.message).toMatch(/port/);
    expect((await refusal(createSite(db(), { name: 'Xã lỗi', hosts: ['https://xa.test'] }))).problems[0]!.message).toMatch(/without scheme/);
    expect(reasons(await refusal(createSite(db(), { name: 'Xã lỗi', hosts: [] })))).toEqual(['hosts-required']);
    expect(await siteCount()).toBe(before);
  });

  it('refuses a hostname another site has, or one listed twice; nothing of the new site is written', async () => {
    const taken = host();
    const owner = await createSite(db(), { name: 'Xã có trước', hosts: [taken] });
    const before = await siteCount();
    const fresh = host();
    const e = await refusal(createSite(db(), { name: 'Xã sau', hosts: [fresh, taken.toUpperCase()] }));
    expect(e.problems).toEqual([{ field: 'hosts', reason: 'host-taken', host: taken, message: `"${taken}" already belongs to site ${owner.id}.` }]);
    expect(reasons(await refusal(createSite(db(), { name: 'Xã sau', hosts: [fresh, ` ${fresh} `] })))).toEqual(['host-duplicate']);
    expect(await siteCount()).toBe(before);
    expect(await db().select().from(siteHosts).where(eq(siteHosts.host, fresh))).toEqual([]);
  });

  it('no other site may take the first site\'s configured address (SITE_URL, SITE_HOSTS); the first site may', async () => {
    const reserved = reservedHosts({ SITE_URL: 'https://DongHy.example.vn', SITE_HOSTS: ' www.donghy.example.vn , cms.test:8080,' });
    expect(reserved).toEqual(['donghy.example.vn', 'www.donghy.example.vn', 'cms.test']);
    expect(reservedHosts({ SITE_URL: '', SITE_HOSTS: '' })).toEqual([]);
    const before = await siteCount();
    const e = await refusal(createSite(db(), { name: 'Trang chiếm', hosts: [host(), 'CMS.test'] }, { reserved }));
    expect(e.problems).toEqual([{ field: 'hosts', reason: 'host-taken', host: 'cms.test', message: '"cms.test" is the first site\'s address (SITE_URL / SITE_HOSTS).' }]);
    expect(await siteCount()).toBe(before);
    const other = await createSite(db(), { name: 'Trang thật', hosts: [host()] }, { reserved });
    expect(reasons(await refusal(setHosts(db(), other.id, [...other.hosts, 'www.donghy.example.vn'], { reserved })))).toEqual(['host-taken']);
    expect((await setHosts(db(), 1, ['donghy.example.vn'], { reserved })).hosts).toEqual(['donghy.example.vn']);
    await setHosts(db(), 1, []);
  });

  it('keeps two tiers: the parent exists, is active and top-level; a site with communes has no parent', async () => {
    const province = await createSite(db(), { name: 'Tỉnh A', hosts: [host('tinh')] });
    const commune = await createSite(db(), { name: 'Xã A', hosts: [host()], parentId: province.id });
    const archived = await createSite(db(), { name: 'Tỉnh lưu trữ', hosts: [host('tinh')] });
    await archiveSite(db(), archived.id);
    expect(reasons(await refusal(createSite(db(), { name: 'X', hosts: [host()], parentId: 999_999 })))).toEqual(['parent-unknown']);
    expect(reasons(await refusal(createSite(db(), { name: 'X', hosts: [host()], parentId: commune.id })))).toEqual(['parent-has-parent']);
    expect(reasons(await refusal(createSite(db(), { name: 'X', hosts: [host()], parentId: archived.id })))).toEqual(['parent-archived']);
    expect(reasons(await refusal(updateSite(db(), province.id, { parentId: archived.id })))).toContain('has-children');
    expect(reasons(await refusal(updateSite(db(), province.id, { parentId: province.id })))).toEqual(['parent-self']);
    const other = await createSite(db(), { name: 'Tỉnh B', hosts: [host('tinh')] });
    expect((await updateSite(db(), commune.id, { parentId: other.id })).parentId).toBe(other.id);
    expect((await updateSite(db(), commune.id, { parentId: null })).parentId).toBeNull();
  });

  it('checks name, colour, logo key and starting visit total, reporting every problem at once', async () => {
    const e = await refusal(createSite(db(), { name: '  ', hosts: ['bad host'], primaryColor: 'red', logoKey: '../logo.png', visitOffset: -1 }));
    expect(reasons(e).sort()).toEqual(['color-invalid', 'host-invalid', 'logo-invalid', 'name-required', 'visit-offset-invalid']);
    expect(reasons(await refusal(createSite(db(), { name: 'x'.repeat(201), hosts: [host()] })))).toEqual(['name-too-long']);
    // Through the API's one mapping: a 422 with one entry per field.
    const res = problemResponse(e);
    expect(res.status).toBe(422);
    expect(((await res.json()) as { errors: { field: string }[] }).errors.map((x) => x.field).sort()).toEqual(['hosts', 'logoKey', 'name', 'primaryColor', 'visitOffset']);
  });
});

describe('changing a site', () => {
  it('updateSite changes only the fields given', async () => {
    const site = await createSite(db(), { name: 'Xã B', subtitle: 'UBND xã B', hosts: [host()], visitOffset: 120 });
    const now = new Date('2026-07-01T01:00:00Z');
    const changed = await updateSite(db(), site.id, { primaryColor: '#0055AA', logoKey: '2026/07/logo-xa-b.png' }, now);
    expect(changed).toMatchObject({ name: 'Xã B', subtitle: 'UBND xã B', visitOffset: 120, primaryColor: '#0055aa', logoKey: '2026/07/logo-xa-b.png', updatedAt: now });
    expect(await updateSite(db(), site.id, { primaryColor: null, logoKey: '' })).toMatchObject({ primaryColor: null, logoKey: null });
    expect(reasons(await refusal(updateSite(db(), site.id, { name: '' })))).toEqual(['name-required']);
    await expect(updateSite(db(), 999_999, { name: 'Không có' })).rejects.toBeInstanceOf(NotFound);
  });

  it('the first site may keep the empty name (it shows SITE_NAME) and have no hostnames', async () => {
    const [first] = await listSites(db());
    expect(first!.id).toBe(1);
    expect((await updateSite(db(), 1, { name: '' })).name).toBe('');
    expect((await setHosts(db(), 1, [])).hosts).toEqual([]);
  });

  it('setHosts replaces the hostnames (first canonical), refuses another site\'s, and no other site may have none', async () => {
    const [a, b, c] = [host(), host(), host()];
    const site = await createSite(db(), { name: 'Xã C', hosts: [a, b] });
    expect((await setHosts(db(), site.id, [b, c, a])).hosts).toEqual([b, c, a]);
    expect((await loadRegistry(db())).byHost.get(b)).toMatchObject({ canonical: true });
    const other = await createSite(db(), { name: 'Xã D', hosts: [host()] });
    const e = await refusal(setHosts(db(), other.id, [c]));
    expect(e.problems[0]).toMatchObject({ reason: 'host-taken', host: c });
    expect(reasons(await refusal(setHosts(db(), other.id, [])))).toEqual(['hosts-required']);
    expect(reasons(await refusal(setHosts(db(), other.id, ['xa.test:80'])))).toEqual(['host-invalid']);
    expect((await getSite(db(), site.id))!.hosts).toEqual([b, c, a]);
    await expect(setHosts(db(), 999_999, [host()])).rejects.toBeInstanceOf(NotFound);
  });

  it('archive and unarchive', async () => {
    const site = await createSite(db(), { name: 'Xã E', hosts: [host()] });
    expect((await archiveSite(db(), site.id)).status).toBe('archived');
    expect((await loadRegistry(db())).byId.get(site.id)!.status).toBe('archived');
    expect((await unarchiveSite(db(), site.id)).status).toBe('active');
    await expect(archiveSite(db(), 999_999)).rejects.toBeInstanceOf(NotFound);
  });
});

describe('normalizeHost', () => {
  it('lower-cases and trims; keeps punycode and *.localhost names', () => {
    expect(normalizeHost(' XA-A.ThaiNguyen.Gov.VN ')).toEqual({ host: 'xa-a.thainguyen.gov.vn' });
    expect(normalizeHost('xn--ng-h-1ta2c.vn')).toEqual({ host: 'xn--ng-h-1ta2c.vn' });
    expect(normalizeHost('dongy.localhost')).toEqual({ host: 'dongy.localhost' });
  });
});

describe('a province-sized registry', () => {
  it('lists more sites than D1 binds parameters in one statement (100), each with its hostnames', async () => {
    const made: { id: number; host: string }[] = [];
    for (let i = 0; i < 105; i++) {
      const h = host(`xa${i}`);
      made.push({ id: (await createSite(db(), { name: `Xã thử ${i}`, hosts: [h] })).id, host: h });
    }
    const listed = new Map((await listSites(db())).map((s) => [s.id, s.hosts]));
    expect(listed.size).toBeGreaterThan(105);
    for (const m of made) expect(listed.get(m.id)).toEqual([m.host]);
  });

  it('refuses more than SITE_HOSTS_MAX hostnames for one site with a reason, before any lookup', async () => {
    const many = Array.from({ length: SITE_HOSTS_MAX + 1 }, () => host('nhieu'));
    const before = await siteCount();
    expect(reasons(await refusal(createSite(db(), { name: 'Xã nhiều tên miền', hosts: many })))).toEqual(['too-many-hosts']);
    expect(await siteCount()).toBe(before);
    const site = await createSite(db(), { name: 'Xã đủ tên miền', hosts: many.slice(0, SITE_HOSTS_MAX) });
    expect(site.hosts).toHaveLength(SITE_HOSTS_MAX);
    expect(reasons(await refusal(setHosts(db(), site.id, [...many, host('them')])))).toEqual(['too-many-hosts']);
  });
});
