// Slugs of Vietnamese titles: every tone on every vowel, đ, capitals, NFC and NFD input alike.
import { describe, expect, it } from 'vitest';
import { isValidSlug, MAX_SLUG_LENGTH, randomSuffix, slugify, withSuffix } from '../../functions/content/slug.ts';

const cases: ReadonlyArray<readonly [input: string, expected: string]> = [
  // The six tones (ngang, huyền, sắc, hỏi, ngã, nặng) on each vowel family, lower then upper case.
  ['ma mà má mả mã mạ', 'ma-ma-ma-ma-ma-ma'],
  ['MA MÀ MÁ MẢ MÃ MẠ', 'ma-ma-ma-ma-ma-ma'],
  ['căn cằn cắn cẳn cẵn cặn', 'can-can-can-can-can-can'],
  ['CĂN CẰN CẮN CẲN CẴN CẶN', 'can-can-can-can-can-can'],
  ['ân ần ấn ẩn ẫn ận', 'an-an-an-an-an-an'],
  ['ÂN ẦN ẤN ẨN ẪN ẬN', 'an-an-an-an-an-an'],
  ['me mè mé mẻ mẽ mẹ', 'me-me-me-me-me-me'],
  ['ME MÈ MÉ MẺ MẼ MẸ', 'me-me-me-me-me-me'],
  ['kê kề kế kể kễ kệ', 'ke-ke-ke-ke-ke-ke'],
  ['KÊ KỀ KẾ KỂ KỄ KỆ', 'ke-ke-ke-ke-ke-ke'],
  ['li lì lí lỉ lĩ lị', 'li-li-li-li-li-li'],
  ['LI LÌ LÍ LỈ LĨ LỊ', 'li-li-li-li-li-li'],
  ['bo bò bó bỏ bõ bọ', 'bo-bo-bo-bo-bo-bo'],
  ['BO BÒ BÓ BỎ BÕ BỌ', 'bo-bo-bo-bo-bo-bo'],
  ['tô tồ tố tổ tỗ tộ', 'to-to-to-to-to-to'],
  ['TÔ TỒ TỐ TỔ TỖ TỘ', 'to-to-to-to-to-to'],
  ['mơ mờ mớ mở mỡ mợ', 'mo-mo-mo-mo-mo-mo'],
  ['MƠ MỜ MỚ MỞ MỠ MỢ', 'mo-mo-mo-mo-mo-mo'],
  ['thu thù thú thủ thũ thụ', 'thu-thu-thu-thu-thu-thu'],
  ['THU THÙ THÚ THỦ THŨ THỤ', 'thu-thu-thu-thu-thu-thu'],
  ['tư từ tứ tử tữ tự', 'tu-tu-tu-tu-tu-tu'],
  ['TƯ TỪ TỨ TỬ TỮ TỰ', 'tu-tu-tu-tu-tu-tu'],
  ['ky kỳ ký kỷ kỹ kỵ', 'ky-ky-ky-ky-ky-ky'],
  ['KY KỲ KÝ KỶ KỸ KỴ', 'ky-ky-ky-ky-ky-ky'],
  // The letters with their own shape, alone.
  ['ă â đ ê ô ơ ư', 'a-a-d-e-o-o-u'],
  ['Ă Â Đ Ê Ô Ơ Ư', 'a-a-d-e-o-o-u'],
  // Place names.
  ['Đồng Hỷ', 'dong-hy'],
  ['ĐỒNG HỶ', 'dong-hy'],
  ['Thái Nguyên', 'thai-nguyen'],
  ['THÁI NGUYÊN', 'thai-nguyen'],
  ['Hồ Chí Minh', 'ho-chi-minh'],
  ['Thành phố Hồ Chí Minh', 'thanh-pho-ho-chi-minh'],
  ['Quảng Ngãi', 'quang-ngai'],
  ['Đắk Lắk', 'dak-lak'],
  ['Bà Rịa – Vũng Tàu', 'ba-ria-vung-tau'],
  ['Bà Rịa–Vũng Tàu', 'ba-ria-vung-tau'],
  ['Hà Nội', 'ha-noi'],
  ['Đà Nẵng', 'da-nang'],
  ['Thừa Thiên Huế', 'thua-thien-hue'],
  ['Cần Thơ', 'can-tho'],
  ['Hải Phòng', 'hai-phong'],
  ['Khánh Hòa', 'khanh-hoa'],
  ['Khánh Hoà', 'khanh-hoa'],
  ['Điện Biên Phủ', 'dien-bien-phu'],
  ['Bắc Kạn', 'bac-kan'],
  ['Lạng Sơn', 'lang-son'],
  ['Phổ Yên', 'pho-yen'],
  ['Xã Hóa Thượng, huyện Đồng Hỷ', 'xa-hoa-thuong-huyen-dong-hy'],
  ["H'Mông", 'h-mong'],
  // Sentences, punctuation, dashes, digits.
  ['Năm 2024', 'nam-2024'],
  ['Hội nghị tổng kết công tác năm 2023, triển khai nhiệm vụ năm 2024!', 'hoi-nghi-tong-ket-cong-tac-nam-2023-trien-khai-nhiem-vu-nam-2024'],
  ['Quyết định số 123/QĐ-UBND', 'quyet-dinh-so-123-qd-ubnd'],
  ['Tiếng Việt: “dấu” & (ngoặc)?', 'tieng-viet-dau-ngoac'],
  ['Người dân—chính quyền', 'nguoi-dan-chinh-quyen'],
  ['Lễ hội Đền Hùng 10/3', 'le-hoi-den-hung-10-3'],
  ['Tăng 15% so với cùng kỳ', 'tang-15-so-voi-cung-ky'],
  ['  Khoảng   trắng  ', 'khoang-trang'],
  ['...Ủy ban nhân dân...', 'uy-ban-nhan-dan'],
  ['ƯU TIÊN Ở ĐÂU?', 'uu-tien-o-dau'],
  ['Nguyễn Thị Định', 'nguyen-thi-dinh'],
  ['Đường Hoàng Văn Thụ', 'duong-hoang-van-thu'],
  ['Khuyến nông, khuyến lâm', 'khuyen-nong-khuyen-lam'],
  ['Giữ gìn vệ sinh môi trường', 'giu-gin-ve-sinh-moi-truong'],
  ['Tuyên truyền phổ biến giáo dục pháp luật', 'tuyen-truyen-pho-bien-giao-duc-phap-luat'],
];

const bothForms = cases.flatMap(([input, expected]) => [
  ['NFC', input.normalize('NFC'), expected] as const,
  ['NFD', input.normalize('NFD'), expected] as const,
]);

describe('slugify', () => {
  it('has a table that really exercises decomposed input', () => {
    expect(cases.length).toBeGreaterThanOrEqual(45);
    expect('Đồng Hỷ'.normalize('NFD')).not.toBe('Đồng Hỷ'.normalize('NFC'));
  });

  it.each(bothForms)('%s %j -> %s', (_form, input, expected) => {
    const slug = slugify(input);
    expect(slug).toBe(expected);
    expect(isValidSlug(slug)).toBe(true);
  });

  it.each(['', '   ', '!!!', '–—…', '“”‘’', '?/&%$#@', '\u0301\u0309'])('returns "" for %j', (input) => {
    expect(slugify(input)).toBe('');
  });

  it('caps the length at 80, cutting at a word boundary', () => {
    const title = 'Ủy ban nhân dân huyện Đồng Hỷ tổ chức hội nghị tổng kết công tác cải cách hành chính năm 2024 và triển khai nhiệm vụ';
    const full = 'uy-ban-nhan-dan-huyen-dong-hy-to-chuc-hoi-nghi-tong-ket-cong-tac-cai-cach-hanh-chinh-nam-2024-va-trien-khai-nhiem-vu';
    const slug = slugify(title);
    expect(slug.length).toBeLessThanOrEqual(80);
    expect(full.startsWith(slug)).toBe(true);
    expect(full[slug.length]).toBe('-');
    expect(slug).toBe('uy-ban-nhan-dan-huyen-dong-hy-to-chuc-hoi-nghi-tong-ket-cong-tac-cai-cach-hanh');
    expect(isValidSlug(slug)).toBe(true);
  });

  it('keeps a word that ends exactly at the limit', () => {
    const words = `${'a'.repeat(39)} ${'b'.repeat(40)} c`;
    expect(slugify(words)).toBe(`${'a'.repeat(39)}-${'b'.repeat(40)}`);
  });

  it('hard-cuts a single word longer than the limit', () => {
    expect(slugify('đ'.repeat(100))).toBe('d'.repeat(80));
  });
});

describe('withSuffix', () => {
  it('appends the collision counter', () => {
    expect(withSuffix('dong-hy', 2)).toBe('dong-hy-2');
    expect(isValidSlug(withSuffix('dong-hy', 12))).toBe(true);
  });

  it('cuts a long base at a word boundary to make room, staying within 80 characters', () => {
    const base = `${'abcdefghi-'.repeat(7)}abcdefghi`; // 79 characters
    expect(base.length).toBe(79);
    expect(withSuffix(base, 2)).toBe(`${'abcdefghi-'.repeat(7)}2`);
    const eighty = slugify('Ủy ban nhân dân huyện Đồng Hỷ tổ chức hội nghị tổng kết công tác cải cách hành chính năm 2024');
    for (const suffix of [2, 10, 100, 'k3x9q2']) {
      const slug = withSuffix(eighty, suffix);
      expect(slug.length, slug).toBeLessThanOrEqual(MAX_SLUG_LENGTH);
      expect(isValidSlug(slug), slug).toBe(true);
      expect(slug.endsWith(`-${suffix}`)).toBe(true);
    }
  });

  it('hard-cuts one giant word to fit the suffix', () => {
    expect(withSuffix('d'.repeat(80), 2)).toBe(`${'d'.repeat(78)}-2`);
  });
});

describe('randomSuffix', () => {
  it('is 6 base-36 characters that keep a slug valid, and differs between calls', () => {
    const drawn = new Set(Array.from({ length: 200 }, () => randomSuffix()));
    for (const s of drawn) expect(s).toMatch(/^[a-z0-9]{6}$/);
    expect(drawn.size).toBe(200);
  });
});

describe('isValidSlug', () => {
  it.each(['a', 'dong-hy', 'nam-2024', '2024', 'a'.repeat(80)])('accepts %j', (s) => {
    expect(isValidSlug(s)).toBe(true);
  });

  it.each(['', '-dong-hy', 'dong-hy-', 'dong--hy', 'Dong-hy', 'đồng-hỷ', 'dong hy', 'dong_hy', 'a'.repeat(81), 'dong-hy\n'])(
    'rejects %j',
    (s) => {
      expect(isValidSlug(s)).toBe(false);
    },
  );
});
