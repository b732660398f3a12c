// The admin's platform and category writes against real D1, R2 and the Worker: categories of the working
// site (create, rename, unique slugs per site, Vietnamese messages, forged ids of another site, archived
// sites, fresh through the edge cache), and the platform admins' sites pages (refused to site admins,
// hostnames and fields checked with Vietnamese messages, a logo stored in the site's own media and kept by
// the orphan sweep, archive, people assigned to a site with the change logged).
import { env, exports } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { database } from '../../functions/data/db.ts';
import { listCategories } from '../../functions/data/categories.ts';
import { archiveSite, createSite, getSite, type SiteDetails } from '../../functions/data/sites.ts';
import { createUser, readUser, type User } from '../../functions/data/users.ts';
import { mediaObjectKey } from '../../functions/media/object-key.ts';
import { ORPHAN_GRACE_MS, sweepOrphanMedia } from '../../functions/media/sweep.ts';
import { roleChanges } from '../../schema/tables.ts';
import { SITE_ARCHIVED } from '../../site/admin/article-errors.ts';
import { categoriesAction } from '../../site/admin/categories.ts';
import { createSiteFromForm, siteAction, updateSiteFromForm } from '../../site/admin/site-admin.ts';
import { CATEGORIES, SITES } from '../../site/admin/strings.ts';
import { unique } from '../support/api.ts';
import { firstSiteId } from '../support/people.ts';
import { bytesOf } from './media-images.ts';

const db = database(env.DB);

async function site(): Promise<SiteDetails> {
  return createSite(db, { name: 'Xã thử', hosts: [`${unique('xa')}.test`] });
}

async function person(siteId: number | null, role: 'admin' | 'editor' = 'admin', platformAdmin = false): Promise<User> {
  const id = await createUser(db, {
    email: `${unique('nguoi')}@dongy.gov.vn`, name: 'Người thử', password: 'mat-khau-nhieu-trang', platformAdmin,
    ...(siteId === null ? {} : { role, siteId }),
  });
  return (await readUser(db, id, siteId ?? undefined))!;
}

const form = (fields: Record<string, string | Blob>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.append(k, v);
  return f;
};

/** A GET through the Worker on a site's own host (the registry resolves it). */
const onHost = (host: string, path: string) => exports.default.fetch(new Request(`http://${host}${path}`, { redirect: 'manual' }));

const categoryNames = async (host: string) =>
  ((await (await onHost(host, '/api/v1/categories')).json()) as { items: { name: string; slug: string }[] }).items.map((c) => c.name);

describe('categories of the working site', () => {
  it('an admin creates one at the end of the menu (slug from the Vietnamese name) and renames it; readers see both at once', async () => {
    const a = await site();
    const admin = await person(a.id);
    const host = a.hosts[0]!;
    // The list is read (and cached at the edge) before the change: the change must move the site's generation.
    expect(await categoryNames(host)).not.toContain('Đời sống - Xã hội');
    const created = await categoriesAction(env, db, a, admin, form({ action: 'create', name: 'Đời sống - Xã hội', description: 'Tin đời sống' }), new Date());
    expect(created).toEqual({ ok: true, message: CATEGORIES.created('Đời sống - Xã hội') });
    const listed = await listCategories(db, a.id, new Date());
    expect(listed.at(-1)).toMatchObject({ slug: 'doi-song-xa-hoi', name: 'Đời sống - Xã hội', description: 'Tin đời sống' });
    expect(listed.at(-1)!.position).toBeGreaterThan(listed.at(-2)!.position);
    expect(await categoryNames(host)).toContain('Đời sống - Xã hội');

    const id = listed.at(-1)!.id;
    expect(await categoriesAction(env, db, a, admin, form({ action: 'rename', id: String(id), name: 'Đời sống' }), new Date())).toMatchObject({ ok: true });
    expect((await listCategories(db, a.id, new Date())).find((c) => c.id === id)).toMatchObject({ slug: 'doi-song-xa-hoi', name: 'Đời sống' });
    expect(await categoryNames(host)).toContain('Đời sống');
  });

  it('refuses what is wrong with a Vietnamese message next to the field', async () => {
    const a = await site();
    const admin = await person(a.id);
    const now = new Date();
    expect(await categoriesAction(env, db, a, admin, form({ action: 'create', name: '  ' }), now)).toEqual({ ok: false, status: 422, field: 'name', message: CATEGORIES.nameRequired });
    expect(await categoriesAction(env, db, a, admin, form({ action: 'create', name: 'x'.repeat(101) }), now)).toMatchObject({ ok: false, status: 422, field: 'name', message: CATEGORIES.nameTooLong });
    expect(await categoriesAction(env, db, a, admin, form({ action: 'create', name: 'Tin', slug: 'Tin Tức!' }), now)).toMatchObject({ ok: false, status: 422, field: 'slug', message: CATEGORIES.slugInvalid });
    expect(await categoriesAction(env, db, a, admin, form({ action: 'create', name: 'Tin', description: 'x'.repeat(501) }), now)).toMatchObject({ ok: false, field: 'description' });
    // Taken on this site (a default category), free on another: slugs are unique per site.
    expect(await categoriesAction(env, db, a, admin, form({ action: 'create', name: 'Thông báo' }), now)).toEqual({ ok: false, status: 422, field: 'slug', message: CATEGORIES.slugTaken });
    const b = await site();
    const created = await categoriesAction(env, db, b, await person(b.id), form({ action: 'create', name: 'Chuyên đề', slug: 'chuyen-de' }), now);
    expect(created.ok).toBe(true);
    expect(await categoriesAction(env, db, a, admin, form({ action: 'create', name: 'Chuyên đề', slug: 'chuyen-de' }), now)).toMatchObject({ ok: true });
    const first = (await listCategories(db, a.id, now))[0]!;
    expect(await categoriesAction(env, db, a, admin, form({ action: 'rename', id: String(first.id), name: '' }), now)).toEqual({ ok: false, status: 422, field: 'rename', id: first.id, message: CATEGORIES.nameRequired });
  });

  it('a forged id of another site\'s category is not found, and that category keeps its name', async () => {
    const [a, b] = [await site(), await site()];
    const ofB = (await listCategories(db, b.id, new Date()))[0]!;
    const result = await categoriesAction(env, db, a, await person(a.id), form({ action: 'rename', id: String(ofB.id), name: 'Đổi trộm' }), new Date());
    expect(result).toMatchObject({ ok: false, status: 404, message: CATEGORIES.notFound });
    expect((await listCategories(db, b.id, new Date()))[0]!.name).toBe(ofB.name);
  });

  it('is for the site\'s admins and editors (issue 12; contributors: tests/api/taxonomy.test.ts), and an archived site refuses it (read-only)', async () => {
    const a = await site();
    const editor = await person(a.id, 'editor');
    expect(await categoriesAction(env, db, a, editor, form({ action: 'create', name: 'Của biên tập' }), new Date())).toMatchObject({ ok: true });
    const admin = await person(a.id);
    const archived = await archiveSite(db, a.id);
    expect(await categoriesAction(env, db, archived, admin, form({ action: 'create', name: 'Sau lưu trữ' }), new Date())).toEqual({ ok: false, status: 409, message: SITE_ARCHIVED });
    // The registry may be a second behind: a site archived meanwhile is refused by the batch itself.
    expect(await categoriesAction(env, db, { ...archived, status: 'active' }, admin, form({ action: 'create', name: 'Sau lưu trữ' }), new Date())).toMatchObject({ ok: false, status: 409 });
    expect((await listCategories(db, a.id, new Date())).map((c) => c.name)).not.toContain('Sau lưu trữ');
  });
});

describe('the sites pages (platform admins)', () => {
  const now = new Date();
  it('refuse a site\'s admin: nothing is created, archived or assigned', async () => {
    const a = await site();
    const admin = await person(a.id);
    const host = `${unique('cam')}.test`;
    expect(await createSiteFromForm(env, db, admin, form({ name: 'Không được tạo', hosts: host }), now)).toMatchObject({ ok: false, status: 403, message: SITES.platformOnly });
    expect(await onHost(host, '/api/v1/categories').then((r) => r.status)).toBe(404);
    expect(await siteAction(env, db, admin, a, await firstSiteId(), form({ action: 'archive' }), now)).toMatchObject({ ok: false, status: 403 });
    expect(await updateSiteFromForm(env, db, admin, a.id, form({ name: 'Đổi tên', hosts: a.hosts[0]! }), now)).toMatchObject({ ok: false, status: 403 });
    expect((await getSite(db, a.id))).toMatchObject({ name: 'Xã thử', status: 'active' });
  });

  it('check hostnames and fields, each refusal in Vietnamese next to its field, and create nothing', async () => {
    const platform = await person(null, 'admin', true);
    const taken = (await site()).hosts[0]!;
    const refused = await createSiteFromForm(env, db, platform, form({
      name: '', hosts: `XA-MOI.test:8080\nhttp://xa.test/\n${taken}`, visitOffset: '-5', primaryColor: 'đỏ',
    }), now);
    expect(refused).toMatchObject({ ok: false, status: 422 });
    if (refused.ok) return;
    expect(refused.errors.visitOffset).toMatch(/số nguyên/);
    expect(refused.errors.primaryColor).toMatch(/#rrggbb/);
    // Shape first; the data layer's rules (name, hostnames) once the shape is right.
    const rules = await createSiteFromForm(env, db, platform, form({ name: '', hosts: `XA-MOI.test:8080\nhttp://xa.test/\n${taken}\n${taken}` }), now);
    if (rules.ok) throw new Error('created');
    expect(rules.errors.name).toMatch(/Vui lòng nhập tên trang/);
    expect(rules.errors.hosts).toContain('cổng');
    expect(rules.errors.hosts).toContain(`“${taken}” đã thuộc về một trang khác`);
    expect(rules.errors.hosts).toContain(`“${taken}” được nhập hai lần`);
    expect(rules.values.hosts).toContain('XA-MOI.test:8080');
    expect(await onHost('xa-moi.test', '/api/v1/categories').then((r) => r.status)).toBe(404);
  });

  it('create a site served at once on its hostname with the default categories, its logo in its own media, kept by the sweep', async () => {
    const platform = await person(null, 'admin', true);
    const host = `${unique('xa-moi')}.test`;
    const logo = new File([bytesOf('png')], 'logo.png', { type: 'image/png' });
    const result = await createSiteFromForm(env, db, platform, form({
      name: 'Cổng thông tin xã Mới', subtitle: 'UBND xã Mới', hosts: `${host.toUpperCase()}\nwww.${host}`, visitOffset: '1.234', primaryColor: '#1A5C2E', logo,
    }), now);
    if (!result.ok) throw new Error(JSON.stringify(result));
    expect(result.site).toMatchObject({ name: 'Cổng thông tin xã Mới', hosts: [host, `www.${host}`], visitOffset: 1234, primaryColor: '#1a5c2e' });
    expect(result.site.logoKey).toMatch(/^\d{4}\/\d{2}\/[0-9a-f]{32}\.png$/);
    expect(await categoryNames(host)).toContain('Tin tức - Sự kiện');
    expect((await onHost(`www.${host}`, '/api/v1/categories')).status).toBe(301);
    const logoObject = mediaObjectKey(result.site.id, result.site.logoKey!);
    expect(logoObject).toBe(`sites/${result.site.id}/${result.site.logoKey}`);
    expect(await env.MEDIA.head(logoObject)).not.toBeNull();

    // An upload of the same site that nothing references goes; the logo stays.
    const orphan = mediaObjectKey(result.site.id, `2026/11/${crypto.randomUUID().replaceAll('-', '')}.png`);
    await env.MEDIA.put(orphan, bytesOf('png'), { customMetadata: { uploadedAt: now.toISOString() } });
    const at = new Date(now.getTime() + ORPHAN_GRACE_MS + 60 * 60_000);
    for (let i = 0; i < 100 && !(await sweepOrphanMedia(env, at)).wrapped; i++);
    expect(await env.MEDIA.head(orphan)).toBeNull();
    expect(await env.MEDIA.head(logoObject)).not.toBeNull();
  });

  it('refuse a file that is not an image before creating anything', async () => {
    const platform = await person(null, 'admin', true);
    const host = `${unique('xa-anh')}.test`;
    const result = await createSiteFromForm(env, db, platform, form({ name: 'Xã Ảnh', hosts: host, logo: new File(['<svg/>'], 'logo.png') }), now);
    expect(result).toMatchObject({ ok: false, status: 422, errors: { logo: expect.stringContaining('không phải ảnh') } });
    expect((await onHost(host, '/api/v1/categories')).status).toBe(404);
  });

  it('edit hostnames (the old one stops answering), archive (never the first site) and assign people, logged', async () => {
    const platform = await person(null, 'admin', true);
    const a = await site();
    const moved = `${unique('xa-doi')}.test`;
    const saved = await updateSiteFromForm(env, db, platform, a.id, form({ name: 'Xã đã đổi', hosts: moved, visitOffset: '' }), now);
    expect(saved).toMatchObject({ ok: true, site: { name: 'Xã đã đổi', hosts: [moved], visitOffset: null } });
    expect((await onHost(a.hosts[0]!, '/api/v1/categories')).status).toBe(404);
    expect((await onHost(moved, '/api/v1/categories')).status).toBe(200);

    expect(await siteAction(env, db, platform, (await getSite(db, await firstSiteId()))!, await firstSiteId(), form({ action: 'archive' }), now))
      .toMatchObject({ ok: false, status: 422, message: SITES.firstNotArchived });
    expect(await siteAction(env, db, platform, a, await firstSiteId(), form({ action: 'archive' }), now)).toMatchObject({ ok: true });
    expect((await getSite(db, a.id))?.status).toBe('archived');

    const newAdmin = await person(await firstSiteId(), 'editor');
    expect(await siteAction(env, db, platform, a, await firstSiteId(), form({ action: 'assign', user: String(newAdmin.id), role: 'admin' }), now)).toMatchObject({ ok: true });
    expect((await readUser(db, newAdmin.id, a.id))?.role).toBe('admin');
    const logged = await db.select().from(roleChanges).where(eq(roleChanges.userId, newAdmin.id));
    expect(logged.map((r) => [r.actorId, r.siteId, r.before, r.after])).toContainEqual([platform.id, a.id, null, 'admin']);
    expect(await siteAction(env, db, platform, a, await firstSiteId(), form({ action: 'assign', user: '99999999', role: 'admin' }), now)).toMatchObject({ ok: false, field: 'user' });
  });
});
