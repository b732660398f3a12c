// POST /api/v1/import/pages (functions/import/pages.ts): pages created through the pages' write service
// with their source row and redirects in one batch, the same policy as articles, reruns unchanged.
import { env, exports } from 'cloudflare:workers';
import { and, eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { importSources, pages } from '../../schema/tables.ts';
import { database } from '../../functions/data/db.ts';
import { redirectByFrom } from '../../functions/data/redirects.ts';
import { createSite } from '../../functions/data/sites.ts';
import { createToken } from '../../functions/data/tokens.ts';

const db = database(env.DB);
const U = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
const HOST = `trang-${U}.test`;
let siteId = 0;
let token = '';

type Outcome = { sourceKey: string; outcome: string; id?: number; slug?: string; url?: string; problem?: { status: number } };
async function importPages(items: unknown[], query = ''): Promise<Outcome[]> {
  const res = await exports.default.fetch(new Request(`http://${HOST}/api/v1/import/pages${query}`, {
    method: 'POST', body: JSON.stringify({ items }), headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
  }));
  const text = await res.text();
  if (res.status !== 200) throw new Error(`${res.status}: ${text}`);
  return (JSON.parse(text) as { items: Outcome[] }).items;
}
const page = (extra: Record<string, unknown> = {}) => ({
  sourceKey: `http://cu.example.vn/gioi-thieu-${U}`, oldPaths: [`http://cu.example.vn/gioi-thieu-${U}.html`], title: `Giới thiệu chung ${U}`,
  slug: null, body: 'Huyện Đồng Hỷ nằm ở phía đông tỉnh.', summary: '', status: 'published', publishedAt: '2018-05-02T08:00:00+07:00', ...extra,
});

beforeAll(async () => {
  siteId = (await createSite(db, { name: `Trang trang ${U}`, hosts: [HOST] })).id;
  token = (await createToken(db, siteId, 'tr', ['import'])).token;
});

it('creates a page with its date, source row and redirect; the API serves it; a rerun is unchanged', async () => {
  const [out] = await importPages([page()]);
  expect(out).toMatchObject({ outcome: 'created', slug: `gioi-thieu-chung-${U}`, url: `http://${HOST}/trang/gioi-thieu-chung-${U}` });
  const [row] = await db.select().from(pages).where(eq(pages.id, out!.id!));
  expect(row!.publishedAt!.toISOString()).toBe('2018-05-02T01:00:00.000Z');
  expect(await db.select().from(importSources).where(and(eq(importSources.siteId, siteId), eq(importSources.kind, 'page')))).toHaveLength(1);
  expect(await redirectByFrom(db, siteId, `/gioi-thieu-${U}.html`)).toMatchObject({ toPath: `/trang/${out!.slug}` });
  expect((await exports.default.fetch(new Request(`http://${HOST}/api/v1/pages/${out!.slug}`))).status).toBe(200);
  expect(await importPages([page()])).toEqual([{ sourceKey: page().sourceKey, outcome: 'unchanged', id: out!.id, slug: out!.slug, url: out!.url }]);
});

it('imports an undated published page as a draft; a taken slug fails that item only (422); a dry run writes nothing', async () => {
  const [draft, taken, fine] = await importPages([
    page({ sourceKey: `k1-${U}`, title: `Cơ cấu ${U}`, publishedAt: null }),
    page({ sourceKey: `k2-${U}`, slug: `gioi-thieu-chung-${U}` }),
    page({ sourceKey: `k3-${U}`, title: `Liên hệ ${U}` }),
  ]);
  expect((await db.select().from(pages).where(eq(pages.id, draft!.id!)))[0]!.status).toBe('draft');
  expect(taken).toMatchObject({ outcome: 'failed', problem: { status: 422 } });
  expect(fine!.outcome).toBe('created');
  const dry = await importPages([page({ sourceKey: `k4-${U}`, title: `Mới ${U}` })], '?dry-run=1');
  expect(dry.map((o) => o.outcome)).toEqual(['would-create']);
  expect(await db.select().from(importSources).where(and(eq(importSources.siteId, siteId), eq(importSources.sourceKey, `k4-${U}`)))).toEqual([]);
});
