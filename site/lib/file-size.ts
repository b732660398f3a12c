// File sizes as Vietnamese readers write them: a decimal comma, binary units ("1,5 MB", "820 KB", "312 byte").
const UNITS = ['KB', 'MB', 'GB'] as const;
const oneDecimal = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 });

export function formatFileSize(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 1024) return `${Math.max(0, Math.trunc(bytes || 0)).toLocaleString('vi-VN')} byte`;
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  // Ten and more need no decimal: "12 MB", not "12,3 MB"; below, one decimal tells 1,2 from 1,9.
  return `${value >= 10 ? Math.round(value).toLocaleString('vi-VN') : oneDecimal.format(value)} ${UNITS[unit]}`;
}
