// The lists of the documents registry every site starts with (loại văn bản, cơ quan ban hành, lĩnh vực),
// and the statement that gives them to a site. Apart from document-terms.ts because createSite
// (functions/data/sites.ts) needs them, and this file must not pull the slug library into every importer
// (slugify's UMD wrapper fails where a bundle loads it as an ES module: the pages test project).
import { sql, type SQL } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { documentTerms, type DocumentTermKind } from '../../schema/tables.ts';
import type { Db } from './db.ts';

export type Default = { slug: string; name: string; abbreviation?: string };

/**
 * What a new site's lists hold (Decree 42/2022 names these forms; an admin adds the rest). Migration
 * 0009 gave every site that existed before documents the same lists (tests/api/document-terms.test.ts
 * checks the two agree), so an upgraded first site has them too.
 */
export const DEFAULT_DOCUMENT_TERMS: Record<DocumentTermKind, readonly Default[]> = {
  type: [
    { slug: 'quyet-dinh', name: 'Quyết định', abbreviation: 'QĐ' },
    { slug: 'nghi-quyet', name: 'Nghị quyết', abbreviation: 'NQ' },
    { slug: 'chi-thi', name: 'Chỉ thị', abbreviation: 'CT' },
    { slug: 'cong-van', name: 'Công văn', abbreviation: 'CV' },
    { slug: 'ke-hoach', name: 'Kế hoạch', abbreviation: 'KH' },
    { slug: 'thong-bao', name: 'Thông báo', abbreviation: 'TB' },
    { slug: 'bao-cao', name: 'Báo cáo', abbreviation: 'BC' },
    { slug: 'huong-dan', name: 'Hướng dẫn', abbreviation: 'HD' },
    { slug: 'to-trinh', name: 'Tờ trình', abbreviation: 'TTr' },
  ],
  issuer: [
    { slug: 'ubnd', name: 'Ủy ban nhân dân', abbreviation: 'UBND' },
    { slug: 'hdnd', name: 'Hội đồng nhân dân', abbreviation: 'HĐND' },
  ],
  field: [
    { slug: 'hanh-chinh', name: 'Hành chính' },
    { slug: 'dat-dai-xay-dung', name: 'Đất đai - Xây dựng' },
    { slug: 'tai-chinh-ngan-sach', name: 'Tài chính - Ngân sách' },
    { slug: 'giao-duc-dao-tao', name: 'Giáo dục - Đào tạo' },
    { slug: 'y-te', name: 'Y tế' },
    { slug: 'van-hoa-xa-hoi', name: 'Văn hóa - Xã hội' },
    { slug: 'nong-nghiep', name: 'Nông nghiệp' },
    { slug: 'tai-nguyen-moi-truong', name: 'Tài nguyên - Môi trường' },
    { slug: 'giao-thong', name: 'Giao thông' },
    { slug: 'quoc-phong-an-ninh', name: 'Quốc phòng - An ninh' },
  ],
};

/** The default terms as one statement for a site (its id may be SQL: createSite's batch knows it only there). */
export function defaultDocumentTerms(db: Db, siteId: number | SQL): BatchItem<'sqlite'> {
  const rows = Object.entries(DEFAULT_DOCUMENT_TERMS).flatMap(([kind, list]) =>
    list.map((t, i) => ({ kind, slug: t.slug, name: t.name, abbreviation: t.abbreviation ?? '', position: i + 1 })));
  // One JSON parameter, not five per term: D1 allows 100 bound parameters per statement.
  return db.insert(documentTerms).select(
    db.select({
      id: sql<number>`null`.as('id'),
      siteId: sql<number>`${siteId}`.as('site_id'),
      kind: sql<DocumentTermKind>`json_extract(value, '$.kind')`.as('kind'),
      slug: sql<string>`json_extract(value, '$.slug')`.as('slug'),
      name: sql<string>`json_extract(value, '$.name')`.as('name'),
      abbreviation: sql<string>`json_extract(value, '$.abbreviation')`.as('abbreviation'),
      position: sql<number>`json_extract(value, '$.position')`.as('position'),
      createdAt: sql<Date>`(unixepoch('subsec') * 1000)`.as('created_at'),
      updatedAt: sql<Date>`(unixepoch('subsec') * 1000)`.as('updated_at'),
    }).from(sql`json_each(${JSON.stringify(rows)})`).where(sql`true`),
  ).onConflictDoNothing({ target: [documentTerms.siteId, documentTerms.kind, documentTerms.slug] });
}

/** Gives a site the default lists (kept terms of the same slug stay as they are). */
export async function createDefaultDocumentTerms(db: Db, siteId: number): Promise<void> {
  await db.batch([defaultDocumentTerms(db, siteId)]);
}
