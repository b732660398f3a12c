// A parent category lists its children's articles (its page, its JSON and RSS feeds, paging back): with
// more children than D1's 100 bound parameters a statement, the family must not be sent as an IN list.
import { env, exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { importArticle } from '../../functions/articles/service.ts';
import { categoryIdOf, createCategory } from '../../functions/data/categories.ts';
import { database } from '../../functions/data/db.ts';
import { categories } from '../../schema/tables.ts';
import { createSite } from '../../functions/data/sites.ts';
import { loadCategoryPage, type CategoryPage } from '../../site/lib/list-pages.ts';
import type { SiteContext } from '../../site/lib/site.ts';
import { unique } from '../support/api.ts';

const db = database(env.DB);

describe('a parent category with 120 children', () => {
  it('lists its own and its children\'s articles on its page and in both feeds (never a D1 parameter error)', async () => {
    const s = await createSite(db, { name: 'Xã nhiều chuyên mục', hosts: [`${unique('family')}.test`] });
    const parentSlug = unique('cha');
    const parentId = await createCategory(db, s.id, { slug: parentSlug, name: 'Cha', description: '', position: 1 });
    const children = Array.from({ length: 120 }, (_, i) => ({ siteId: s.id, slug: unique(`con${i}`), name: `Con ${i}`, description: '', position: i + 1, parentId }));
    // Ten rows an insert: seven columns each stay under the parameter limit the test is about.
    for (let i = 0; i < children.length; i += 10) await db.insert(categories).values(children.slice(i, i + 10));
    const lastChild = (await categoryIdOf(db, s.id, children.at(-1)!.slug))!;
    const write = (categoryId: number, title: string) => importArticle(env.DB, s.id,
      { title, summary: '', body: 'Nội dung.', categoryId, tags: [], byline: '', cover: null, status: 'published' },
      { id: 'import', name: 'Thử' }, new Date(Date.now() - 120_000));
    await write(parentId, 'Bài của cha');
    await write(lastChild, 'Bài của con');

    const site: SiteContext = { db, now: new Date(), id: s.id, name: s.name, origin: `http://${s.hosts[0]}`, childIds: [], site: s as unknown as SiteContext['site'] };
    const page = (await loadCategoryPage(site, parentSlug, new URL(`http://${s.hosts[0]}/chuyen-muc/${parentSlug}`))) as CategoryPage;
    expect(page.children).toHaveLength(120);
    expect(page.list.items.map((a) => a.title).sort()).toEqual(['Bài của cha', 'Bài của con']);

    const feed = await exports.default.fetch(new Request(`http://${s.hosts[0]}/chuyen-muc/${parentSlug}/feed.json`));
    expect(feed.status, await feed.clone().text()).toBe(200);
    expect(((await feed.json()) as { items: { title: string }[] }).items.map((i) => i.title).sort()).toEqual(['Bài của cha', 'Bài của con']);
    const rss = await exports.default.fetch(new Request(`http://${s.hosts[0]}/chuyen-muc/${parentSlug}/rss.xml`));
    expect(rss.status).toBe(200);
    expect(await rss.text()).toContain('Bài của con');
  });
});
