// Diacritic-insensitive search keys: "Đồng Hỷ", "ĐỒNG HỶ" and "dong hy" all fold to "dong hy".
export function foldVietnamese(text: string): string {
  return (
    text
      .normalize('NFD')
      .replace(/\p{M}+/gu, '')
      // đ/Đ carry a stroke, not a combining mark, so NFD leaves them intact.
      .replace(/đ/g, 'd')
      .replace(/Đ/g, 'D')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim()
  );
}
