// POST /api/v1/import/categories (functions/import/categories.ts, data/import-categories.ts): the source's
// categories matched to the site's (same slug, else same name without diacritics) or created in order,
// two levels at most; a new category shows in the site's cached list at once.
import { env, exports } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { database } from '../../functions/data/db.ts';
import { categoryShape } from '../../functions/data/category-admin.ts';
import { createSite } from '../../functions/data/sites.ts';
import { createToken } from '../../functions/data/tokens.ts';
import { expectProblem } from '../support/api.ts';

const db = database(env.DB);
const U = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
const HOST = `cm-${U}.test`;
let siteId = 0;
let token = '';

type Answer = { items: { slug: string; id: number; created: boolean }[] };
const post = (items: unknown) => exports.default.fetch(new Request(`http://${HOST}/api/v1/import/categories`, {
  method: 'POST', body: JSON.stringify({ items }), headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
}));
async function importCategories(items: unknown): Promise<Answer['items']> {
  const res = await post(items);
  const text = await res.text();
  if (res.status !== 200) throw new Error(`${res.status}: ${text}`);
  return (JSON.parse(text) as Answer).items;
}
const shape = () => categoryShape(db, siteId);

beforeAll(async () => {
  siteId = (await createSite(db, { name: `Trang chuyên mục ${U}`, hosts: [HOST] })).id;
  token = (await createToken(db, siteId, 'cm', ['import'])).token;
});

describe('/import/categories', () => {
  it('reuses a category of the same slug, or of the same name without diacritics, and creates the others in order', async () => {
    const before = await shape();
    const out = await importCategories([
      { slug: 'thong-bao', name: 'Thông báo mới', parentSlug: null },
      { slug: null, name: 'TIN TUC - SU KIEN', parentSlug: null },
      { slug: 'hoat-dong', name: 'Hoạt động', parentSlug: null },
      { slug: null, name: 'Văn hóa cơ sở', parentSlug: 'hoat-dong' },
    ]);
    const id = (slug: string) => before.find((c) => c.slug === slug)?.id;
    expect(out.slice(0, 2)).toEqual([
      { slug: 'thong-bao', id: id('thong-bao'), created: false },
      { slug: 'tin-tuc-su-kien', id: id('tin-tuc-su-kien'), created: false },
    ]);
    expect(out.slice(2)).toEqual([
      { slug: 'hoat-dong', id: expect.any(Number), created: true },
      { slug: 'van-hoa-co-so', id: expect.any(Number), created: true },
    ]);
    const after = await shape();
    expect(after.find((c) => c.slug === 'van-hoa-co-so')).toMatchObject({ parentId: out[2]!.id, name: 'Văn hóa cơ sở' });
    expect(after.find((c) => c.slug === 'thong-bao')!.name).toBe('Thông báo'); // a reused category keeps its name
  });

  it('puts a grandchild under its grandparent (two levels), and answers the same on a rerun without creating', async () => {
    const items = [
      { slug: `cha-${U}`, name: `Cha ${U}`, parentSlug: null },
      { slug: `con-${U}`, name: `Con ${U}`, parentSlug: `cha-${U}` },
      { slug: `chau-${U}`, name: `Cháu ${U}`, parentSlug: `con-${U}` },
    ];
    const out = await importCategories(items);
    const rows = await shape();
    expect(rows.find((c) => c.slug === `chau-${U}`)!.parentId).toBe(out[0]!.id);
    const count = rows.length;
    expect(await importCategories(items)).toEqual(out.map((o) => ({ ...o, created: false })));
    expect((await shape()).length).toBe(count);
  });

  it('shows a new category in the cached list at once', async () => {
    const list = async () => ((await (await exports.default.fetch(new Request(`http://${HOST}/api/v1/categories`))).json()) as { items: { slug: string }[] }).items.map((c) => c.slug);
    expect(await list()).not.toContain(`moi-${U}`);
    await importCategories([{ slug: `moi-${U}`, name: `Mới ${U}`, parentSlug: null }]);
    expect(await list()).toContain(`moi-${U}`);
  });

  it('refuses an unknown parent (422 on its item), a bad slug, no items or more than 100, and creates nothing', async () => {
    const count = (await shape()).length;
    const problem = await expectProblem(await post([{ slug: `a-${U}`, name: 'A', parentSlug: null }, { slug: null, name: 'B', parentSlug: 'khong-co' }]), 422);
    expect(problem.errors).toEqual([{ field: 'items.1.parentSlug', message: expect.any(String) }]);
    await expectProblem(await post([{ slug: 'Không Hợp Lệ', name: 'A', parentSlug: null }]), 422);
    await expectProblem(await post([]), 422);
    await expectProblem(await post(Array.from({ length: 101 }, (_, i) => ({ slug: null, name: `C${i}`, parentSlug: null }))), 422);
    expect((await shape()).length).toBe(count);
  });
});
