// Red-team probe of issue 10, built Worker: a change of a site in the admin (archive, name, parent) shows
// on that site's cached pages and feeds, and on its former and new province's roll-up, at once (the bound is 0
// in the tests; in production "a new or changed site is live everywhere within about a second").
// Its own file: it archives and moves sites.
import { env } from 'cloudflare:workers';
import { beforeAll, expect, it } from 'vitest';
import { database } from '../../functions/data/db.ts';
import { createSite } from '../../functions/data/sites.ts';
import { ROLLUP_PATH } from '../../functions/sites/rollup.ts';
import { adminPost, at, create, PAGE, sessionFor, tokenOf, U, type AdminSession } from '../support/cross-site.ts';

let platform: AdminSession;
const site = { province: { id: 0, origin: '' }, commune: { id: 0, origin: '', token: '', slug: '' }, other: { id: 0, origin: '' } };

beforeAll(async () => {
  const db = database(env.DB);
  platform = await sessionFor([[1, 'admin']], 1, true);
  const province = await createSite(db, { name: `Tỉnh đổi ${U}`, hosts: [`tinh-doi-${U}.test`] });
  const commune = await createSite(db, { name: `Xã đổi ${U}`, hosts: [`xa-doi-${U}.test`], parentId: province.id });
  site.province = { id: province.id, origin: `http://${province.hosts[0]}` };
  const token = await tokenOf(commune.id, 'read write');
  site.commune = { id: commune.id, origin: `http://${commune.hosts[0]}`, token, slug: '' };
  site.commune.slug = (await create(site.commune, { title: `Bài của xã đổi ${U}`, body: 'x', status: 'published' })).slug;
  // The province keeps a commune of its own; another province has one too (their roll-ups stay).
  const sibling = await createSite(db, { name: `Xã ở lại ${U}`, hosts: [`xa-o-lai-${U}.test`], parentId: province.id });
  await create({ origin: `http://${sibling.hosts[0]}`, token: await tokenOf(sibling.id, 'read write') }, { title: `Bài xã ở lại ${U}`, body: 'x', status: 'published' });
  const other = await createSite(db, { name: `Tỉnh khác ${U}`, hosts: [`tinh-khac-${U}.test`] });
  const otherCommune = await createSite(db, { name: `Xã tỉnh khác ${U}`, hosts: [`xa-tinh-khac-${U}.test`], parentId: other.id });
  await create({ origin: `http://${otherCommune.hosts[0]}`, token: await tokenOf(otherCommune.id, 'read write') }, { title: `Bài xã tỉnh khác ${U}`, body: 'x', status: 'published' });
  site.other = { id: other.id, origin: `http://${other.hosts[0]}` };
});

/** The edit form of a site as the admin's sites page posts it. */
function saveSite(id: number, fields: { name: string; hosts: string; parentId: string }) {
  return adminPost(platform, `/admin/cac-trang/${id}`, { action: 'save', subtitle: '', visitOffset: '0', primaryColor: '', ...fields });
}

it('renaming a site shows the new name on its cached home page and feed at once', async () => {
  const { commune } = site;
  for (const path of ['/', '/feed.json', '/rss.xml']) {
    await (await at(commune.origin + path, { headers: PAGE })).text();
    expect(await (await at(commune.origin + path, { headers: PAGE })).text(), path).toContain(`Xã đổi ${U}`);
  }
  const res = await saveSite(commune.id, { name: `Xã mới tên ${U}`, hosts: `xa-doi-${U}.test`, parentId: String(site.province.id) });
  expect(res.status, (await res.text()).slice(0, 200)).toBeLessThan(400);
  // Uncached (an Authorization header bypasses the edge cache), the page has the new name...
  expect(await (await at(`${commune.origin}/`, { headers: { ...PAGE, Authorization: 'Bearer x' } })).text()).toContain(`Xã mới tên ${U}`);
  // ...and so must what readers are served from the cache.
  for (const path of ['/', '/feed.json', '/rss.xml']) {
    const text = await (await at(commune.origin + path, { headers: PAGE })).text();
    expect(text, path).toContain(`Xã mới tên ${U}`);
    expect(text, path).not.toContain(`Xã đổi ${U}`);
  }
});

it('a commune moved to another province leaves the first one\'s cached roll-up and joins the other\'s at once', async () => {
  const { province, commune, other } = site;
  const paths = ['/', ROLLUP_PATH, `${ROLLUP_PATH}/feed.json`];
  for (const path of paths) {
    await (await at(province.origin + path, { headers: PAGE })).text();
    expect(await (await at(province.origin + path, { headers: PAGE })).text(), path).toContain(commune.slug);
    await (await at(other.origin + path, { headers: PAGE })).text();
    expect(await (await at(other.origin + path, { headers: PAGE })).text(), path).not.toContain(commune.slug);
  }
  const res = await saveSite(commune.id, { name: `Xã mới tên ${U}`, hosts: `xa-doi-${U}.test`, parentId: String(other.id) });
  expect(res.status, (await res.text()).slice(0, 200)).toBeLessThan(400);
  expect((await env.DB.prepare('SELECT parent_id FROM sites WHERE id = ?').bind(commune.id).first<{ parent_id: number | null }>())!.parent_id).toBe(other.id);
  for (const path of paths) {
    expect(await (await at(province.origin + path, { headers: PAGE })).text(), `former province ${path}`).not.toContain(commune.slug);
    expect(await (await at(other.origin + path, { headers: PAGE })).text(), `new province ${path}`).toContain(commune.slug);
  }
});

it('archiving a site shows "Trang lưu trữ" on its cached pages at once, and its token can no longer write', async () => {
  const { commune } = site;
  const pages = ['/', `/bai-viet/${commune.slug}`];
  for (const path of pages) {
    await (await at(commune.origin + path, { headers: PAGE })).text();
    expect(await (await at(commune.origin + path, { headers: PAGE })).text(), path).not.toContain('Trang lưu trữ');
  }
  const res = await adminPost(platform, `/admin/cac-trang/${commune.id}`, { action: 'archive' });
  expect(res.status, (await res.text()).slice(0, 200)).toBeLessThan(400);
  expect(await (await at(`${commune.origin}/`, { headers: { ...PAGE, Authorization: 'Bearer x' } })).text(), 'uncached').toContain('Trang lưu trữ');
  for (const path of pages) expect(await (await at(commune.origin + path, { headers: PAGE })).text(), path).toContain('Trang lưu trữ');
  const write = await at(`${commune.origin}/api/v1/articles`, {
    method: 'POST', headers: { Authorization: `Bearer ${commune.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ title: `Sau lưu trữ ${U}`, category: 'tin-tuc-su-kien', body: 'x' }),
  });
  expect(write.status).toBe(409);
});
