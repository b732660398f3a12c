// The runner's pure steps (scripts/import/run.ts): requests sized by item count and by bytes (the server takes at most 1 MB of
// JSON), the body's image nodes found in both URL forms, and their rewrite to a stored copy or to the alt as plain text.
import { expect, it } from 'vitest';
import { bodyImages, imageMarkdown, plainText, requestGroups, rewriteBody } from '../../scripts/import/run.ts';

it('groups items by count and by UTF-8 bytes, and sets apart an item too big alone', () => {
  const small = Array.from({ length: 60 }, (_, i) => ({ n: i }));
  expect(requestGroups(small, 25).groups.map((g) => g.length)).toEqual([25, 25, 10]);
  // Vietnamese letters are 2-3 bytes: 300 characters of "ệ" are 900 bytes, so only a few fit under 2,000.
  const long = [{ b: 'ệ'.repeat(300) }, { b: 'ệ'.repeat(300) }, { b: 'ệ'.repeat(300) }, { b: 'ệ'.repeat(1000) }, { b: 'a' }];
  const { groups, tooBig } = requestGroups(long, 25, 2000);
  expect(groups).toEqual([[0, 1], [2, 4]]);
  expect(tooBig).toEqual([{ index: 3, bytes: 3008 }]);
  for (const g of groups) expect(new TextEncoder().encode(JSON.stringify({ items: g.map((i) => long[i]) })).length).toBeLessThanOrEqual(2000);
});

it('finds the source\'s images in the body as written or relative to the page, leaves the others, and rewrites only them', () => {
  const abs = 'https://cu.example.vn/anh/a.png';
  const markdown = `Trước ![Ảnh A](${abs} "Chú thích")\n\n[![B](/anh/b.png)](https://cu.example.vn/x)\n\n![C](https://noi-khac.vn/c.png) và ![](data:image/png;base64,AAAA)`;
  const found = bodyImages(markdown, {
    sourceUrl: 'https://cu.example.vn/tin/bai.html',
    images: [{ url: abs, alt: 'Ảnh A (nguồn)', caption: 'Chú thích' }, { url: 'https://cu.example.vn/anh/b.png', alt: 'B', caption: '' }],
  });
  expect(found.map((f) => [f.node.alt, f.meta?.url ?? null])).toEqual([
    ['Ảnh A', abs], ['B', 'https://cu.example.vn/anh/b.png'], ['C', null], ['', null],
  ]);
  expect(found[0]!.meta!.alt).toBe('Ảnh A (nguồn)');
  const out = rewriteBody(markdown, [
    { node: found[0]!.node, replacement: imageMarkdown(found[0]!.node, '/media/2026/11/a.png') },
    { node: found[1]!.node, replacement: plainText('B [cũ]') },
  ]);
  expect(out).toBe(`Trước ![Ảnh A](/media/2026/11/a.png "Chú thích")\n\n[B \\[cũ\\]](https://cu.example.vn/x)\n\n![C](https://noi-khac.vn/c.png) và ![](data:image/png;base64,AAAA)`);
});
