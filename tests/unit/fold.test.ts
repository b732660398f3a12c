// Search folding: what readers type without diacritics must match what editors wrote with them.
import { describe, expect, it } from 'vitest';
import { foldVietnamese } from '../../functions/content/fold.ts';

describe('foldVietnamese', () => {
  it.each(['Đồng Hỷ', 'dong hy', 'ĐỒNG HỶ', 'Dong Hy', 'Đồng Hỷ'.normalize('NFD'), 'ĐỒNG HỶ'.normalize('NFD'), '  đồng   hỷ ', 'Đồng-Hỷ'])(
    '%j folds to "dong hy"',
    (input) => {
      expect(foldVietnamese(input)).toBe('dong hy');
    },
  );

  it('maps đ and Đ to d', () => {
    expect(foldVietnamese('đường Đại Từ')).toBe('duong dai tu');
  });

  it('strips every tone and vowel shape', () => {
    expect(foldVietnamese('ă â ê ô ơ ư ạ ằ ấ ẻ ễ ị ỏ ồ ớ ủ ữ ỵ')).toBe('a a e o o u a a a e e i o o o u u y');
    expect(foldVietnamese('Ư Ơ Ặ Ễ Ỵ'.normalize('NFD'))).toBe('u o a e y');
  });

  it('turns punctuation into single spaces and keeps digits', () => {
    expect(foldVietnamese('Quyết định số 123/QĐ-UBND, ngày 08/03/2024!')).toBe('quyet dinh so 123 qd ubnd ngay 08 03 2024');
    expect(foldVietnamese('Bà Rịa – Vũng Tàu')).toBe('ba ria vung tau');
    expect(foldVietnamese('“Thống kê” (truy cập)…')).toBe('thong ke truy cap');
  });

  it('returns "" for text without letters or digits', () => {
    expect(foldVietnamese('')).toBe('');
    expect(foldVietnamese(' – ! ')).toBe('');
  });
});
