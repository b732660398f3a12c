-- Data migration: every site that existed before documents gets the default managed lists of the
-- registry (loại văn bản, cơ quan ban hành, lĩnh vực), as createSite gives a new site (the same list as
-- DEFAULT_DOCUMENT_TERMS in functions/data/document-terms.ts; tests/api/document-terms.test.ts checks that
-- they agree). A site keeps any entry it has of the same slug.
INSERT INTO `document_terms` (`site_id`, `kind`, `slug`, `name`, `abbreviation`, `position`)
SELECT `sites`.`id`, d.column1, d.column2, d.column3, d.column4, d.column5
FROM `sites` CROSS JOIN (VALUES
  ('type', 'quyet-dinh', 'Quyết định', 'QĐ', 1),
  ('type', 'nghi-quyet', 'Nghị quyết', 'NQ', 2),
  ('type', 'chi-thi', 'Chỉ thị', 'CT', 3),
  ('type', 'cong-van', 'Công văn', 'CV', 4),
  ('type', 'ke-hoach', 'Kế hoạch', 'KH', 5),
  ('type', 'thong-bao', 'Thông báo', 'TB', 6),
  ('type', 'bao-cao', 'Báo cáo', 'BC', 7),
  ('type', 'huong-dan', 'Hướng dẫn', 'HD', 8),
  ('type', 'to-trinh', 'Tờ trình', 'TTr', 9),
  ('issuer', 'ubnd', 'Ủy ban nhân dân', 'UBND', 1),
  ('issuer', 'hdnd', 'Hội đồng nhân dân', 'HĐND', 2),
  ('field', 'hanh-chinh', 'Hành chính', '', 1),
  ('field', 'dat-dai-xay-dung', 'Đất đai - Xây dựng', '', 2),
  ('field', 'tai-chinh-ngan-sach', 'Tài chính - Ngân sách', '', 3),
  ('field', 'giao-duc-dao-tao', 'Giáo dục - Đào tạo', '', 4),
  ('field', 'y-te', 'Y tế', '', 5),
  ('field', 'van-hoa-xa-hoi', 'Văn hóa - Xã hội', '', 6),
  ('field', 'nong-nghiep', 'Nông nghiệp', '', 7),
  ('field', 'tai-nguyen-moi-truong', 'Tài nguyên - Môi trường', '', 8),
  ('field', 'giao-thong', 'Giao thông', '', 9),
  ('field', 'quoc-phong-an-ninh', 'Quốc phòng - An ninh', '', 10)
) AS d
WHERE true
ON CONFLICT (`site_id`, `kind`, `slug`) DO NOTHING;
