// Số ký hiệu (a document's number and symbol) as keys and search: "125/QĐ-UBND", "125 qd ubnd",
// "qd-ubnd 125" and "125/2024/QĐ-UBND" all name the same document, so both sides are folded to tokens.
import { foldVietnamese } from '../content/fold.ts';

/** Tokens a number query keeps: a number has a handful ("12 2024 qd ubnd"); more is not a number. */
const MAX_TOKENS = 8;

/**
 * The folded tokens of a number, in order, one space apart: numberKey("125/QĐ-UBND") = "125 qd ubnd".
 * Case, diacritics, đ/d and the separators (/ - . space) never matter. Unique per site, issuer and year.
 */
export function numberKey(number: string): string {
  return foldVietnamese(number);
}

/** "007" and "7" are the same number as people type it; digit tokens are also indexed without leading zeros. */
const unpadded = (token: string) => (/^0+\d/.test(token) ? token.replace(/^0+/, '') : null);

/**
 * The text of the search index's `number` column: the number's tokens, the year of issue (so
 * "125/2024/QĐ-UBND" finds 125/QĐ-UBND issued in 2024), and digit tokens without leading zeros.
 */
export function numberIndexText(number: string, issuedYear: number): string {
  const tokens = numberKey(number).split(' ').filter(Boolean);
  const extra = tokens.map(unpadded).filter((t): t is string => t !== null);
  return [...new Set([...tokens, ...extra, String(issuedYear)])].join(' ');
}

/** What a reader typed as search tokens: folded, distinct, leading zeros of digits dropped, at most 8. */
export function queryTokens(q: string): string[] {
  const tokens = foldVietnamese(q).split(' ').filter(Boolean).map((t) => unpadded(t) ?? t);
  return [...new Set(tokens)].slice(0, MAX_TOKENS);
}

/**
 * The FTS5 expression of tokens ANDed, each an FTS5 string (nothing typed is read as syntax), the last
 * one a prefix (a query cut short: "125/QĐ-UB"). Only the last: "12" must not also find 125/QĐ-UBND
 * when the whole "12/2024/QĐ-UBND" was typed. Null when there is no letter or digit.
 */
export function andedTokens(tokens: string[]): string | null {
  if (tokens.length === 0) return null;
  const quoted = tokens.map((t) => `"${t.replaceAll('"', '""')}"`);
  quoted[quoted.length - 1] += '*';
  return quoted.join(' AND ');
}

/**
 * The MATCH expression of a documents search: every token in the number (any order, with or without the
 * year), or every word in the summary, body or files' text. Null when q has no letter or digit.
 */
export function documentMatchExpression(q: string): string | null {
  const anded = andedTokens(queryTokens(q));
  if (anded === null) return null;
  return `({number} : (${anded})) OR ({summary body files} : (${anded}))`;
}
