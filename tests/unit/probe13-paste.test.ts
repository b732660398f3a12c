// Red-team findings on the paste converter (issue 13): inputs within the 2 MB and 40,000-tag bounds that must still convert in linear work.
import { expect, it } from 'vitest';
import { htmlToMarkdown } from '../../functions/content/html-to-markdown.ts';

// The trailing-space clean-up was the regex /[ \t]+$/gm, which retries from every space of a run ending in
// text: 40,000 spaces in a <pre> took 5 s, the 2 MB the endpoint takes would hold a Worker for hours.
it('a <pre> of 2 MB of spaces and tabs before a letter converts, keeping the run and trimming only line ends', () => {
  const spaces = ' '.repeat(1_999_000);
  expect(htmlToMarkdown(`<pre>${spaces}x</pre>`).markdown).toBe(`\`\`\`\n${spaces}x\n\`\`\``);
  const mixed = ' \t'.repeat(499_000);
  expect(htmlToMarkdown(`<pre>${mixed}x \t\n${mixed}</pre>`).markdown).toBe(`\`\`\`\n${mixed}x\n\n\`\`\``);
});
