// English pages on the BUILT Worker (issue 12 polish): the header menu in English (an item's English label,
// else a page's English title leading to its /en/ URL, else the Vietnamese label marked lang="vi") while
// the Vietnamese page keeps its Vietnamese menu; and the statistics figures written the English way on
// /en/ pages ("3,557,924") and the Vietnamese way on /trang/ pages ("3.557.924"), by the statistics step.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { database } from '../../functions/data/db.ts';
import { createSite } from '../../functions/data/sites.ts';
import { menuItems, pages } from '../../schema/tables.ts';
import { unique } from '../support/api.ts';
import { at } from '../support/cross-site.ts';

const db = database(env.DB);

/** The header menu's items as [lang attribute of the item or its link, label, href]. */
function menuOf(html: string): [string, string, string][] {
  const nav = /<nav class="menu"[\s\S]*?<\/nav>/.exec(html)?.[0] ?? '';
  return [...nav.matchAll(/<li(?: class="has-sub")?(?: lang="(\w+)")?>\s*<a href="([^"]*)"(?: aria-current="page")?(?: lang="(\w+)")?>([^<]*)<\/a>/g)]
    .map((m) => [m[1] ?? m[3] ?? '', m[4]!, m[2]!]);
}
const stat = (html: string, name: string) => new RegExp(`data-stat="${name}">([^<]*)<`).exec(html)?.[1];

describe('English pages', () => {
  it('show the menu in English (lang="vi" on what stayed Vietnamese) and the figures en-US; Vietnamese pages unchanged', async () => {
    const host = `${unique('menu-en')}.test`;
    const site = await createSite(db, { name: 'Xã thử tiếng Anh', hosts: [host], visitOffset: 3_557_000 });
    const slug = unique('co-cau');
    const slugEn = unique('structure');
    const at1 = new Date(Date.now() - 60_000);
    const [page] = await db.insert(pages).values({
      siteId: site.id, slug, title: 'Cơ cấu tổ chức', bodyHtml: '<p>Văn phòng.</p>', status: 'published', publishedAt: at1,
      slugEn, titleEn: 'Organisation structure', bodyHtmlEn: '<p>Office.</p>',
    }).returning({ id: pages.id });
    const item = (position: number, fields: Partial<typeof menuItems.$inferInsert>) =>
      ({ siteId: site.id, position, kind: 'link' as const, url: '/van-ban', createdAt: at1, updatedAt: at1, ...fields });
    await db.insert(menuItems).values([
      item(1, { kind: 'page', url: '', pageId: page!.id }),
      item(2, { label: 'Dịch vụ công', labelEn: 'Public services', url: 'https://dichvucong.gov.vn/' }),
      item(3, { label: 'Hỏi đáp' }),
    ]);

    const en = await at(`http://${host}/en/${slugEn}`);
    expect(en.status).toBe(200);
    const english = await en.text();
    expect(menuOf(english)).toEqual([
      ['', 'Home', '/'],
      ['', 'Organisation structure', `/en/${slugEn}`],
      ['', 'Public services', 'https://dichvucong.gov.vn/'],
      ['vi', 'Hỏi đáp', '/van-ban'],
      ['', 'Documents', '/van-ban'],
    ]);
    expect(stat(english, 'total')).toMatch(/^3,557,\d{3}$/);

    const vi = await at(`http://${host}/trang/${slug}`);
    expect(vi.status).toBe(200);
    const vietnamese = await vi.text();
    expect(menuOf(vietnamese)).toEqual([
      ['', 'Trang chủ', '/'],
      ['', 'Cơ cấu tổ chức', `/trang/${slug}`],
      ['', 'Dịch vụ công', 'https://dichvucong.gov.vn/'],
      ['', 'Hỏi đáp', '/van-ban'],
      ['', 'Văn bản', '/van-ban'],
    ]);
    expect(stat(vietnamese, 'total')).toMatch(/^3\.557\.\d{3}$/);
  });
});
