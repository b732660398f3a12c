// Words and reading time of a Markdown body, as the editor shows them under the body ("N từ · khoảng M
// phút đọc"). site/public/admin/body-editor.js counts the same way (a plain script cannot import this):
// tests/unit/reading-time.test.ts and the editor's Chromium test hold both to the same examples.

/** Reading speed for Vietnamese news prose, words per minute. */
export const WORDS_PER_MINUTE = 200;

/**
 * Whitespace-separated tokens of the text a reader sees: link and image URLs, list markers and tokens
 * made only of Markdown syntax (`**`, `|`, `---`, `>`, `#`) do not count; a link counts its text.
 */
export function countWords(markdown: string): number {
  const text = markdown
    .normalize('NFC')
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, ' ') // an image: its alt is not read as text
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1') // a link: its text
    .replace(/^[ \t]*(?:[-+*]|\d{1,9}[.)])[ \t]+/gm, ''); // list markers ("1." is not a word)
  return text.split(/\s+/).filter((token) => /[\p{L}\p{N}]/u.test(token)).length;
}

/** Minutes to read that many words, at least 1. */
export const readingMinutes = (words: number): number => Math.max(1, Math.ceil(words / WORDS_PER_MINUTE));
