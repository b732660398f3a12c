// The runner's pure steps (scripts/import/run.ts, body.ts): requests sized by item count and by bytes (the server takes at most 1 MB
// of JSON), the body's image nodes found in both URL forms, their rewrite to a stored copy or to the alt as plain text, and the
// body's links to the old site made site-relative (the redirect table sends them on) while other hosts' stay.
import { expect, it } from 'vitest';
import { applyEdits, bodyImages, bodyTree, imageMarkdown, oldHostsOf, oldSiteLinkEdits, oldSiteUrl, plainText, rewriteBody } from '../../scripts/import/body.ts';
import { requestGroups } from '../../scripts/import/run.ts';

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

it('makes links to the old site (its own URL\'s host or the site address, http or https, www. or not) site-relative, nothing else', () => {
  const hosts = oldHostsOf({ sourceUrl: 'https://www.cu.example.vn/tin/bai.html', siteUrl: 'http://cong.example.vn' });
  expect([...hosts]).toEqual(['cu.example.vn', 'cong.example.vn']);
  const markdown = [
    'Xem [bài trước](http://cu.example.vn/2019/05/bai-truoc/ "Bài trước") và [trang](https://WWW.cong.example.vn/?page_id=7#muc).',
    '',
    '[![Ảnh](https://noi-khac.vn/a.png)](https://cu.example.vn/tin/anh%20lon.html?id=3)',
    '',
    'Nơi khác: [Bộ](https://chinhphu.vn/tin/x.html), [thư](mailto:a@cu.example.vn), [tương đối](/tin/y.html), [trống](https://cu.example.vn).',
    '',
    'Tự động: <https://www.cu.example.vn/lien-he/> và https://cu.example.vn/gioi-thieu/ cuối.',
  ].join('\n');
  const out = applyEdits(markdown, oldSiteLinkEdits(markdown, bodyTree(markdown), hosts));
  expect(out).toBe([
    'Xem [bài trước](/2019/05/bai-truoc/ "Bài trước") và [trang](/?page_id=7#muc).',
    '',
    '[![Ảnh](https://noi-khac.vn/a.png)](/tin/anh%20lon.html?id=3)',
    '',
    'Nơi khác: [Bộ](https://chinhphu.vn/tin/x.html), [thư](mailto:a@cu.example.vn), [tương đối](/tin/y.html), [trống](/).',
    '',
    'Tự động: [https://www.cu.example.vn/lien-he/](/lien-he/) và [https://cu.example.vn/gioi-thieu/](/gioi-thieu/) cuối.',
  ].join('\n'));
  // An item with no URL has no old site: nothing changes.
  expect(oldSiteLinkEdits(markdown, bodyTree(markdown), oldHostsOf({ sourceUrl: null }))).toEqual([]);
  expect(oldSiteUrl('//cu.example.vn/anh/b.png', hosts)).toBe('/anh/b.png');
  expect(oldSiteUrl('ftp://cu.example.vn/x', hosts)).toBe(null);
});
