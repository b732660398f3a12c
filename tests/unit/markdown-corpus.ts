// Markdown bodies that make CommonMark parsers do quadratic work or blow their stack, each about
// 100 KB, and ordinary articles of any size to compare them with. Used by the tests and the benchmark.
//
// The first group is the CommonMark reference implementation's pathological tests
// (commonmark/cmark and cmark-gfm, test/pathological_tests.py), scaled to SIZE; the rest are shapes
// found against remark/micromark (issue 8) and known amplification tricks of GFM.

/** Every shape is about this many characters. */
export const SIZE = 100_000;

/** `unit` repeated until the text is about `size` characters. */
const fill = (unit: string, size = SIZE) => unit.repeat(Math.max(1, Math.floor(size / unit.length)));

/** `make(i)` for i = 0, 1, … joined until the text is about `size` characters. */
function grow(make: (i: number) => string, size = SIZE): string {
  const parts: string[] = [];
  let length = 0;
  for (let i = 0; length < size; i++) {
    const part = make(i);
    parts.push(part);
    length += part.length;
  }
  return parts.join('');
}

export interface Shape {
  name: string;
  body: string;
}

const half = (unit: string) => Math.floor(SIZE / 2 / unit.length);

export const PATHOLOGICAL: Shape[] = [
  // commonmark/cmark test/pathological_tests.py
  { name: 'nested strong emph', body: '*a **a '.repeat(half('*a **a ')) + 'b' + ' a** a*'.repeat(half(' a** a*')) },
  { name: 'many emph closers with no openers', body: fill('a_ ') },
  { name: 'many emph openers with no closers', body: fill('_a ') },
  { name: 'many link closers with no openers', body: fill('a]') },
  { name: 'many link openers with no closers', body: fill('[a') },
  { name: 'mismatched openers and closers', body: fill('*a_ ') },
  { name: 'openers and closers multiple of 3', body: 'a**b' + fill('c* ') },
  { name: 'link openers and emph closers', body: fill('[ a_') },
  { name: 'pattern [ (]( repeated', body: fill('[ (](') },
  { name: 'pattern ![[]() repeated', body: fill('![[]()') },
  { name: 'hard link/emph case', body: fill('**x [a*b**c*](d) ') },
  { name: 'nested brackets', body: '['.repeat(SIZE / 2) + 'a' + ']'.repeat(SIZE / 2) },
  { name: 'nested block quotes', body: fill('> ') + 'a' },
  { name: 'deeply nested lists', body: grow((i) => '  '.repeat(i) + '* a\n') },
  { name: 'U+0000 in input', body: fill('abc\u0000de\u0000') },
  { name: 'backticks', body: grow((i) => 'e' + '`'.repeat(i + 1)) },
  { name: 'unclosed links A', body: fill('[a](<b') },
  { name: 'unclosed links B', body: fill('[a](b') },
  { name: 'unclosed <!--', body: '</' + fill('<!--') },
  { name: 'tables (cmark-gfm)', body: fill('aaa\rbbb\n-\u000b\n') },
  { name: 'many references', body: grow((i) => `[${i + 1}]: u\n`, SIZE * 0.6) + fill('[0] ', SIZE * 0.4) },
  { name: 'reference collisions', body: grow((i) => `[x${i + 1}]: /url\n\n[x0]\n\n`) },
  // issue 8 and other shapes
  { name: 'emphasis run *a*a*a', body: fill('*a') },
  { name: 'emphasis run _a _a', body: fill('_a _') },
  { name: 'mixed **_~~ openers', body: fill('**_~~a ') },
  { name: 'mixed **_~~ closers', body: fill('a~~_** ') },
  { name: 'strikethrough closers with no openers', body: fill('a~~ ') },
  { name: 'emphasis across many lines', body: fill('a_\n') },
  { name: 'nested block quotes without spaces', body: fill('>') + 'a' },
  { name: 'nested lists on one line', body: fill('- ') + 'a' },
  { name: 'nested ordered lists', body: grow((i) => '   '.repeat(i) + '1. a\n') },
  { name: 'quotes and lists interleaved', body: fill('> - ') + 'a' },
  { name: 'nested images', body: '!['.repeat(SIZE / 4) + 'a' + '](b)'.repeat(SIZE / 8) },
  { name: 'nested links', body: '[' .repeat(SIZE / 4) + 'a' + '](b)'.repeat(SIZE / 8) },
  { name: 'CDATA openers', body: fill('<![CDATA[') },
  { name: 'processing instruction openers', body: fill('<?a ') },
  { name: 'entity flood', body: fill('&amp;&#x1F600;&#1234;&copy') },
  { name: 'autolink literal flood', body: fill('www.a.b_') },
  { name: 'email literal flood', body: fill('a@b.c_') },
  { name: 'footnote references', body: '[^a]: note\n\n' + fill('[^a] ') },
  // Output amplification: a short input that expands into a huge HTML.
  { name: 'table with many columns and rows', body: '|a'.repeat(SIZE / 8) + '|\n' + '|-'.repeat(SIZE / 8) + '|\n' + 'x\n'.repeat(SIZE / 4) },
  // Found against npm start (issue 9 probe): each underline makes micromark copy every block event
  // before it, so 5,000 one-letter headings (20 KB) took 5 s and 100 KB about 2 minutes.
  { name: 'setext headings', body: fill('a\n=\n') },
  { name: 'setext headings in a block quote', body: fill('> a\n> =\n') },
  { name: 'setext headings, blank line between', body: fill('Tiêu đề\n---\n\n') },
  // Linear but dear (issue 9 red-team probe): 30-90 µs per line or block, against about 4 µs per
  // character of prose, so 400 KB of them took 4-8 s.
  { name: 'one-line headings', body: fill('# a\n') },
  { name: 'hard line breaks', body: fill('a  \n') },
  { name: 'small tables', body: fill('|a|b|\n|-|-|\n|c|d|\n\n') },
  { name: 'one long reference used many times', body: `[r]: /${'u'.repeat(SIZE / 2)}\n\n` + fill('[r]', SIZE / 2) },
];

const WORDS = ('Ủy ban nhân dân huyện Đồng Hỷ tổ chức hội nghị tổng kết công tác cải cách hành chính năm ' +
  'qua với sự tham dự của đại diện các xã thị trấn phòng ban chuyên môn và người dân địa phương').split(' ');

function sentence(i: number, words: number): string {
  const out: string[] = [];
  for (let w = 0; w < words; w++) out.push(WORDS[(i * 7 + w * 3) % WORDS.length]!);
  const s = out.join(' ');
  return s.charAt(0).toUpperCase() + s.slice(1) + '.';
}

/** One section of an ordinary article: what editors really write, all of GFM they use. */
function section(i: number): string {
  return [
    `## Mục ${i + 1}: ${sentence(i, 6).slice(0, -1)}`,
    '',
    `${sentence(i, 18)} **${sentence(i + 1, 3).slice(0, -1)}** và *${sentence(i + 2, 2).slice(0, -1)}*, xem ` +
      `[văn bản số ${i}](https://dongy.example.vn/van-ban/${i}) hoặc [trang mục](/chuyen-muc/tin-tuc). ${sentence(i + 3, 25)} ` +
      `~~${sentence(i + 4, 2).slice(0, -1)}~~ \`mã ${i}\` ${sentence(i + 5, 14)}`,
    '',
    `- ${sentence(i, 8)}`,
    `- ${sentence(i + 1, 6)} **quan trọng**`,
    `  1. ${sentence(i + 2, 5)}`,
    `  2. ${sentence(i + 3, 5)}`,
    '',
    `> ${sentence(i + 6, 12)} _(trích phát biểu)_`,
    '',
    '| Xã | Dân số | Ghi chú |',
    '|---|---:|---|',
    `| Hóa Thượng | ${12_345 + i} | ${sentence(i, 4)} |`,
    `| Linh Sơn | ${9_876 + i} | **đạt** |`,
    '',
    `![Ảnh ${i}](/media/2024/03/anh-${i}.jpg "Toàn cảnh hội nghị ${i}")`,
    '',
    `${sentence(i + 7, 30)} ${sentence(i + 8, 22)}`,
    '',
  ].join('\n');
}

/** An ordinary article of about `size` characters: headings, paragraphs, emphasis, links, lists, quotes, tables, images. */
export function ordinaryArticle(size: number): string {
  return `# Báo cáo tổng kết\n\n${grow(section, size)}`;
}

/**
 * The most of `shape` that still passes `accepts`: its longest accepted prefix, repeated (blank line
 * between) while the whole stays accepted and under the shape's size. What the bounds let through.
 */
export function atTheBound(body: string, accepts: (markdown: string) => boolean): string {
  let lo = 0;
  let hi = body.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (accepts(body.slice(0, mid))) lo = mid;
    else hi = mid - 1;
  }
  const unit = body.slice(0, lo);
  if (unit.length === 0) return unit;
  let copies = 1;
  let step = Math.max(1, Math.floor(body.length / (unit.length + 2)));
  // The largest number of copies that fits and passes (the work grows with copies, so search it).
  while (step >= 1) {
    const more = copies + step;
    const text = Array(more).fill(unit).join('\n\n');
    if (text.length <= body.length && accepts(text)) copies = more;
    else step = Math.floor(step / 2);
  }
  return Array(copies).fill(unit).join('\n\n');
}
