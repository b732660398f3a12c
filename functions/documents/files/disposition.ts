// Content-Disposition with the original Vietnamese file name (RFC 6266): `filename*` carries it in
// UTF-8 (RFC 8187), `filename` an ASCII fallback for clients that know only that (diacritics dropped,
// đ -> d, anything else outside printable ASCII, quotes and backslashes as "_").

/** RFC 8187 attr-char: everything else is percent-encoded from UTF-8. */
const ATTR_CHAR = /[A-Za-z0-9!#$&+\-.^_`|~]/;

export function encodeRfc8187(value: string): string {
  let out = '';
  for (const char of value) {
    if (ATTR_CHAR.test(char)) out += char;
    else for (const byte of new TextEncoder().encode(char)) out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

export function asciiFallback(name: string): string {
  return name.normalize('NFD').replace(/\p{M}+/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D')
    .replace(/[^\x20-\x7e]|["\\]/g, '_');
}

/** `attachment` (a download) or `inline` (a PDF shown in the browser's viewer), with both names. */
export function contentDisposition(type: 'attachment' | 'inline', name: string): string {
  const normalized = name.normalize('NFC');
  return `${type}; filename="${asciiFallback(normalized)}"; filename*=UTF-8''${encodeRfc8187(normalized)}`;
}
