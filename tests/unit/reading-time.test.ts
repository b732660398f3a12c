// Word count and reading time of a Markdown body (functions/content/reading-time.ts); the same examples
// are checked against the editor's script in Chromium (tests/e2e/body-editor.test.ts).
import { describe, expect, it } from 'vitest';
import { countWords, readingMinutes } from '../../functions/content/reading-time.ts';
import { WORD_COUNT_EXAMPLES } from '../support/word-count-examples.ts';

describe('countWords', () => {
  for (const [markdown, words] of WORD_COUNT_EXAMPLES) {
    it(`${JSON.stringify(markdown.slice(0, 40))} has ${words} words`, () => {
      expect(countWords(markdown)).toBe(words);
    });
  }
});

describe('readingMinutes', () => {
  it('is at least one minute, 200 words a minute, rounded up', () => {
    expect(readingMinutes(0)).toBe(1);
    expect(readingMinutes(200)).toBe(1);
    expect(readingMinutes(201)).toBe(2);
    expect(readingMinutes(1000)).toBe(5);
  });
});
