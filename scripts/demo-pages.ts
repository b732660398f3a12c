// The demo's static pages, for every demo site: Giới thiệu, Cơ cấu tổ chức (with its English version,
// Decree 42/2022/NĐ-CP Art. 7: the organisation structure and officials' contacts in English), Liên hệ
// (with English) and Sơ đồ cổng thông tin (the site's sections). Written through the pages' write service
// (an offline import), published, once: a database that has any page already is left alone. Offices and
// numbers are illustrative (positions, not people), like the demo's articles.
import { asc, count, eq } from 'drizzle-orm';
import { categories, pages, siteHosts, sites } from '../schema/tables.ts';
import { database } from '../functions/data/db.ts';
import { paths } from '../functions/http/origin.ts';
import { importPage, type PageInput } from '../functions/site-pages/service.ts';

/** As the seed's other content records itself (scripts/seed.ts SEED_ACTOR). */
const ACTOR = { id: 'seed', name: 'Dữ liệu mẫu' };

/** Site 1 has no name of its own (it shows SITE_NAME): the demo's is Đồng Hỷ's. */
const FIRST_SITE_NAME = 'Cổng thông tin điện tử huyện Đồng Hỷ';

const p = (...paragraphs: string[]) => paragraphs.join('\n\n');

interface DemoPortal {
  name: string;
  /** "huyện Đồng Hỷ", "tỉnh Thái Nguyên", "xã Tân Cương". */
  place: string;
  placeEn: string;
  /** The authority: "Ủy ban nhân dân huyện Đồng Hỷ". */
  authority: string;
  authorityEn: string;
  sections: { name: string; href: string }[];
}

/** What a portal's name says about its place ("Cổng thông tin điện tử xã Tân Cương" → xã Tân Cương). */
function portalOf(name: string, sections: DemoPortal['sections']): DemoPortal {
  const place = name.replace(/^Cổng thông tin điện tử\s*/u, '') || name;
  const [kind = '', ...rest] = place.split(' ');
  const proper = rest.join(' ');
  const placeEn = `${proper} ${{ tỉnh: 'Province', huyện: 'District', xã: 'Commune', phường: 'Ward' }[kind] ?? ''}`.trim();
  return { name, place, placeEn, authority: `Ủy ban nhân dân ${place}`, authorityEn: `People's Committee of ${placeEn}`, sections };
}

function demoPages(site: DemoPortal, host: string): PageInput[] {
  const base = { status: 'published' as const, slugEn: null, titleEn: '', summaryEn: '', bodyEn: '' };
  const mail = (box: string) => `${box}@${host.replace(/\.localhost$/, '')}.gov.vn`;
  const offices = [
    ['Văn phòng HĐND và UBND', 'Office of the People\'s Council and People\'s Committee', 'vanphong', '0208 3820 101'],
    ['Phòng Kinh tế', 'Economic Affairs Division', 'kinhte', '0208 3820 102'],
    ['Phòng Văn hóa - Xã hội', 'Culture and Social Affairs Division', 'vanhoa', '0208 3820 103'],
    ['Trung tâm Phục vụ hành chính công', 'Public Administrative Service Centre', 'motcua', '0208 3820 104'],
  ] as const;
  const officials = [
    ['Chủ tịch UBND', 'Chairperson of the People\'s Committee', '0208 3820 111'],
    ['Phó Chủ tịch UBND (phụ trách kinh tế)', 'Vice Chairperson (economic affairs)', '0208 3820 112'],
    ['Phó Chủ tịch UBND (phụ trách văn hóa - xã hội)', 'Vice Chairperson (culture and social affairs)', '0208 3820 113'],
  ] as const;
  return [
    {
      ...base,
      title: 'Giới thiệu',
      summary: `Giới thiệu chung về ${site.place} và ${site.name}.`,
      body: p(
        `${site.name} là kênh thông tin chính thức của ${site.authority}, cung cấp tin tức, văn bản chỉ đạo, điều hành, thủ tục hành chính và thông tin phục vụ người dân, doanh nghiệp theo Nghị định số 42/2022/NĐ-CP của Chính phủ.`,
        `Cổng thông tin do Ban Biên tập ${site.name} quản lý, vận hành và cập nhật thường xuyên.`,
      ),
    },
    {
      ...base,
      title: 'Cơ cấu tổ chức',
      summary: `Lãnh đạo, các phòng, ban chuyên môn và thông tin liên hệ của ${site.authority}.`,
      body: p(
        '## Lãnh đạo',
        officials.map(([vi, , phone]) => `- **${vi}**: điện thoại ${phone}`).join('\n'),
        '## Các phòng, ban chuyên môn',
        offices.map(([vi, , box, phone]) => `- **${vi}**: điện thoại ${phone}, thư điện tử ${mail(box)}`).join('\n'),
      ),
      slugEn: 'organisation-structure',
      titleEn: 'Organisation structure',
      summaryEn: `Leadership, divisions and contacts of the ${site.authorityEn}.`,
      bodyEn: p(
        '## Leadership',
        officials.map(([, en, phone]) => `- **${en}**: telephone ${phone}`).join('\n'),
        '## Divisions',
        offices.map(([, en, box, phone]) => `- **${en}**: telephone ${phone}, email ${mail(box)}`).join('\n'),
      ),
    },
    {
      ...base,
      title: 'Liên hệ',
      summary: `Địa chỉ, điện thoại và thư điện tử của ${site.authority}.`,
      body: p(
        `**${site.authority}**`,
        `- Điện thoại: 0208 3820 101\n- Thư điện tử: ${mail('vanphong')}\n- Giờ làm việc: sáng 7 giờ 30 - 11 giờ 30, chiều 13 giờ 30 - 17 giờ, từ thứ Hai đến thứ Sáu`,
        'Phản ánh, kiến nghị về thủ tục hành chính xin gửi Trung tâm Phục vụ hành chính công hoặc qua thư điện tử trên.',
      ),
      slugEn: 'contact',
      titleEn: 'Contact',
      summaryEn: `Address, telephone and email of the ${site.authorityEn}.`,
      bodyEn: p(
        `**${site.authorityEn}**`,
        `- Telephone: +84 208 3820 101\n- Email: ${mail('vanphong')}\n- Office hours: 7:30-11:30 and 13:30-17:00, Monday to Friday`,
        'Questions about administrative procedures: please contact the Public Administrative Service Centre or write to the address above.',
      ),
    },
    {
      ...base,
      title: 'Sơ đồ cổng thông tin',
      summary: `Các chuyên mục và trang của ${site.name}.`,
      body: p(
        '## Chuyên mục',
        site.sections.map((s) => `- [${s.name}](${s.href})`).join('\n'),
        '## Thông tin',
        ['Giới thiệu', 'Cơ cấu tổ chức', 'Liên hệ'].map((t, i) => `- [${t}](${paths.page(['gioi-thieu', 'co-cau-to-chuc', 'lien-he'][i]!)})`).join('\n'),
      ),
    },
  ];
}

/** The demo pages of every site, unless the database has a page already. Returns how many were written. */
export async function seedDemoPages(DB: D1Database, now: Date): Promise<number> {
  const db = database(DB);
  const [existing] = await db.select({ n: count() }).from(pages);
  if ((existing?.n ?? 0) > 0) return 0;
  let written = 0;
  for (const site of await db.select({ id: sites.id, name: sites.name }).from(sites).where(eq(sites.status, 'active')).orderBy(asc(sites.id))) {
    const [host] = await db.select({ host: siteHosts.host }).from(siteHosts).where(eq(siteHosts.siteId, site.id)).orderBy(asc(siteHosts.position)).limit(1);
    const sections = [
      { name: 'Trang chủ', href: '/' },
      ...(await db.select({ slug: categories.slug, name: categories.name }).from(categories).where(eq(categories.siteId, site.id)).orderBy(asc(categories.position), asc(categories.id)))
        .map((c) => ({ name: c.name, href: paths.category(c.slug) })),
      { name: 'Văn bản', href: paths.documents() },
    ];
    for (const input of demoPages(portalOf(site.name || FIRST_SITE_NAME, sections), host?.host ?? 'dongy.localhost')) {
      await importPage(DB, site.id, input, ACTOR, now);
      written++;
    }
  }
  return written;
}
