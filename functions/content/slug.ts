// URL slugs for articles and categories: Vietnamese titles become stable lowercase ASCII paths.
import slugifyLib from 'slugify';

export const MAX_SLUG_LENGTH = 80;

const VALID_SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function slugify(text: string): string {
  // Turn punctuation into spaces before the library sees it: its charMap would otherwise spell
  // symbols out in English ("&" -> "and", "%" -> "percent"), and "Bà Rịa–Vũng Tàu" must still
  // split into words. Combining marks are kept so NFD input can recompose inside the library.
  const words = text.normalize('NFC').replace(/[^\p{L}\p{M}\p{N}\s]+/gu, ' ');
  const slug = slugifyLib(words, { locale: 'vi', lower: true, strict: true, trim: true })
    // Letters the library has no mapping for are removed by `strict`; this is the guarantee
    // that whatever comes out satisfies isValidSlug.
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return truncateAtHyphen(slug, MAX_SLUG_LENGTH);
}

function truncateAtHyphen(slug: string, max: number): string {
  if (slug.length <= max) return slug;
  const head = slug.slice(0, max);
  // A word that ends exactly at the limit is kept whole.
  if (slug[max] === '-') return head;
  const cut = head.lastIndexOf('-');
  // One giant word has no boundary to cut at; a hard cut still beats an empty slug.
  return cut > 0 ? head.slice(0, cut) : head;
}

/**
 * The slug with a collision suffix ("-2", "-k3x9q2"), still within MAX_SLUG_LENGTH: the base is cut
 * at a word boundary to make room, since a longer slug could never be asked for again (isValidSlug).
 */
export function withSuffix(slug: string, suffix: number | string): string {
  const tail = `-${suffix}`;
  return `${truncateAtHyphen(slug, MAX_SLUG_LENGTH - tail.length)}${tail}`;
}

/** A suffix no concurrent writer will pick too: 6 random base-36 characters (about 2 billion values). */
export function randomSuffix(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(6));
  return [...bytes].map((b) => (b % 36).toString(36)).join('');
}

export function isValidSlug(s: string): boolean {
  return s.length >= 1 && s.length <= MAX_SLUG_LENGTH && VALID_SLUG.test(s);
}
