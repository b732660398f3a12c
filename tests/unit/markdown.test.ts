// Article Markdown to HTML: GFM renders, captioned photos become figures, and nothing executable survives.
import { describe, expect, it } from 'vitest';
import { markdownToPlainText, renderMarkdown } from '../../functions/content/markdown.ts';

function tagsOf(html: string): string[] {
  return html.match(/<[a-z][^>]*>/gi) ?? [];
}

function urlsOf(html: string): string[] {
  return [...html.matchAll(/\s(?:href|src)\s*=\s*"([^"]*)"/gi)].map((m) => m[1] ?? '');
}

// What a browser would do with the attribute value before deciding on a scheme.
function effectiveScheme(url: string): string {
  const decoded = url
    .replace(/&#x([0-9a-f]+);?/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);?/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/%([0-9a-f]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16)))
    .replace(/[\u0000-\u0020]/g, '')
    .toLowerCase();
  const colon = decoded.search(/[:/?#]/);
  return colon >= 0 && decoded[colon] === ':' ? decoded.slice(0, colon) : '';
}

describe('renderMarkdown: GFM', () => {
  it('renders headings, lists, emphasis and links', async () => {
    const html = await renderMarkdown('# Tiêu đề\n\n## Mục 1\n\n- một\n- hai\n\n1. ba\n2. bốn\n\n**đậm** *nghiêng* ~~gạch~~ [Cổng thông tin](/gioi-thieu)');
    expect(html).toContain('<h1>Tiêu đề</h1>');
    expect(html).toContain('<h2>Mục 1</h2>');
    expect(html).toMatch(/<ul>\s*<li>một<\/li>\s*<li>hai<\/li>\s*<\/ul>/);
    expect(html).toMatch(/<ol>\s*<li>ba<\/li>\s*<li>bốn<\/li>\s*<\/ol>/);
    expect(html).toContain('<strong>đậm</strong>');
    expect(html).toContain('<em>nghiêng</em>');
    expect(html).toContain('<del>gạch</del>');
    expect(html).toContain('<a href="/gioi-thieu">Cổng thông tin</a>');
  });

  it('renders tables', async () => {
    const html = await renderMarkdown('| Xã | Dân số |\n|---|---:|\n| Hóa Thượng | 12.345 |\n');
    expect(html).toMatch(/<table>[\s\S]*<th>Xã<\/th>[\s\S]*<td>Hóa Thượng<\/td>[\s\S]*<\/table>/);
    expect(html).toContain('<td align="right">12.345</td>');
  });

  it('marks external links and leaves internal ones alone', async () => {
    const html = await renderMarkdown('[ngoài](https://chinhphu.vn/tin) [trong](/tin-tuc/a) [thư](mailto:ubnd@example.vn) https://baochinhphu.vn');
    expect(html).toContain('<a href="https://chinhphu.vn/tin" rel="noopener noreferrer">ngoài</a>');
    expect(html).toContain('<a href="/tin-tuc/a">trong</a>');
    expect(html).toContain('<a href="mailto:ubnd@example.vn">thư</a>');
    expect(html).toContain('<a href="https://baochinhphu.vn" rel="noopener noreferrer">https://baochinhphu.vn</a>');
  });

  it('marks protocol-relative links (//host) as external too', async () => {
    const html = await renderMarkdown('[a](//tin-gia.example/x) [b](/tin-tuc/a)');
    expect(html).toContain('<a href="//tin-gia.example/x" rel="noopener noreferrer">a</a>');
    expect(html).toContain('<a href="/tin-tuc/a">b</a>');
  });

  it('walks deep trees without recursion: 20 nested quotes, each level with a link', async () => {
    const body = Array.from({ length: 20 }, (_, i) => '> '.repeat(i + 1) + `[l${i}](https://x.example/${i})`).join('\n');
    const html = await renderMarkdown(body);
    expect(html.match(/rel="noopener noreferrer"/g)?.length).toBe(20);
  });

  it('keeps footnote links pointing at their targets', async () => {
    const html = await renderMarkdown('Theo báo cáo[^1].\n\n[^1]: Số liệu năm 2024.');
    const targets = [...html.matchAll(/href="#([^"]+)"/g)].map((m) => m[1]);
    expect(targets.length).toBe(2);
    for (const id of targets) expect(html).toContain(`id="${id}"`);
  });
});

describe('renderMarkdown: images', () => {
  it('turns a captioned image alone in a paragraph into a figure', async () => {
    const html = await renderMarkdown('![Hội nghị](/media/a.jpg "Toàn cảnh hội nghị")');
    expect(html).toBe(
      '<figure><img src="/media/a.jpg" alt="Hội nghị" loading="lazy" decoding="async"><figcaption>Toàn cảnh hội nghị</figcaption></figure>',
    );
  });

  it('lazy-loads an image without caption and keeps its alt text', async () => {
    const html = await renderMarkdown('![Trụ sở UBND](https://example.vn/tru-so.jpg)');
    expect(html).toBe('<p><img src="https://example.vn/tru-so.jpg" alt="Trụ sở UBND" loading="lazy" decoding="async"></p>');
  });

  it('leaves a captioned image inside running text as an image', async () => {
    const html = await renderMarkdown('Ảnh ![Cầu](/media/c.jpg "Cầu mới") trong bài.');
    expect(html).not.toContain('<figure>');
    expect(html).toContain('loading="lazy"');
  });

  it('escapes markup in captions', async () => {
    const html = await renderMarkdown('![a](/media/a.jpg "<b onclick=x>chú thích</b>")');
    expect(html).toContain('<figcaption>&#x3C;b onclick=x>chú thích&#x3C;/b></figcaption>');
    expect(tagsOf(html).some((t) => /\son[a-z]+\s*=/i.test(t))).toBe(false);
  });
});

describe('renderMarkdown: Vietnamese text', () => {
  const text = 'Thống kê truy cập: Đang truy cập, Tổng truy cập — Ủy ban nhân dân huyện Đồng Hỷ, tỉnh Thái Nguyên.';

  it('keeps NFC text unchanged', async () => {
    expect(await renderMarkdown(text)).toBe(`<p>${text}</p>`);
  });

  it('outputs NFC for decomposed input', async () => {
    expect(await renderMarkdown(text.normalize('NFD'))).toBe(`<p>${text}</p>`);
  });
});

const xssVectors: ReadonlyArray<readonly [name: string, markdown: string]> = [
  ['script element', '<script>alert(1)</script>'],
  ['inline script', 'Xin chào <script>alert(1)</script> bạn'],
  ['img onerror', '<img src=x onerror=alert(1)>'],
  ['iframe', '<iframe src="https://evil.example/"></iframe>'],
  ['svg onload', '<svg onload=alert(1)>'],
  ['div onmouseover', '<div onmouseover="alert(1)">di chuột</div>'],
  ['body onload', '<body onload=alert(1)>'],
  ['object data', '<object data="javascript:alert(1)"></object>'],
  ['style import', "<style>@import 'javascript:alert(1)';</style>"],
  ['math mXSS', '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>'],
  ['raw anchor javascript', '<a href="javascript:alert(1)">bấm</a>'],
  ['raw anchor entity', '<a href="&#x6A;avascript:alert(1)">bấm</a>'],
  ['link javascript', '[bấm](javascript:alert(1))'],
  ['link mixed case', '[bấm](JaVaScRiPt:alert(1))'],
  ['link with tab', '[bấm](<java\tscript:alert(1)>)'],
  ['link with encoded newline', '[bấm](java&#x0A;script:alert(1))'],
  ['link decimal entity', '[bấm](&#106;avascript:alert(1))'],
  ['link hex entity', '[bấm](&#x6A;avascript:alert(1))'],
  ['link named entity colon', '[bấm](javascript&colon;alert(1))'],
  ['link leading space', '[bấm](< javascript:alert(1)>)'],
  ['link data html', '[bấm](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)'],
  ['link vbscript', '[bấm](vbscript:msgbox(1))'],
  ['reference link javascript', '[bấm][x]\n\n[x]: javascript:alert(1)'],
  ['autolink javascript', '<javascript:alert(1)>'],
  ['image javascript', '![ảnh](javascript:alert(1))'],
  ['image data', '![ảnh](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)'],
  ['figure with data src', '![ảnh](data:image/png;base64,AAAA "chú thích")'],
  ['image vbscript', '![ảnh](vbscript:msgbox(1))'],
  ['image onerror in title', '![ảnh](/media/a.jpg "x\\" onerror=\\"alert(1)")'],
];

describe('renderMarkdown: XSS', () => {
  it.each(xssVectors)('%s', async (_name, markdown) => {
    const html = await renderMarkdown(markdown);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<(?:iframe|svg|object|embed|style|math|body)\b/i);
    for (const tag of tagsOf(html)) expect(tag).not.toMatch(/\son[a-z]+\s*=/i);
    for (const url of urlsOf(html)) expect(['', 'http', 'https', 'mailto']).toContain(effectiveScheme(url));
    expect(html).not.toMatch(/(?:href|src)\s*=\s*"\s*(?:javascript|data|vbscript):/i);
  });

  it('keeps the link text of a dropped link', async () => {
    expect(await renderMarkdown('[bấm vào đây](javascript:alert(1))')).toBe('<p><a>bấm vào đây</a></p>');
  });

  // Schemes are case-insensitive (RFC 3986) but the sanitizer compares them exactly.
  it('keeps links and images whose allowed scheme is upper-case, lower-casing it', async () => {
    const html = await renderMarkdown('[a](HTTPS://x.y) [m](MailTo:ubnd@example.vn)\n\n![b](HTTP://x.y/i.png)');
    expect(html).toContain('<a href="https://x.y" rel="noopener noreferrer">a</a>');
    expect(html).toContain('<a href="mailto:ubnd@example.vn">m</a>');
    expect(html).toContain('<img src="http://x.y/i.png" alt="b" loading="lazy" decoding="async">');
  });

  it('still drops a javascript: href in any case', async () => {
    expect(await renderMarkdown('[x](JaVaScRiPt:alert(1)) [y](JAVASCRIPT:alert(1))')).toBe('<p><a>x</a> <a>y</a></p>');
  });
});

describe('markdownToPlainText', () => {
  it('collects the words readers see, without markup or raw HTML', () => {
    const md = '# Tiêu **đề**\n\nĐoạn *một* có [liên kết](/a).\n\n- mục a\n- mục b\n\n![Ảnh hội nghị](/media/a.jpg)\n\n<script>alert(1)</script>\n\n<b>chữ</b> đậm\n\n`mã`';
    expect(markdownToPlainText(md)).toBe('Tiêu đề Đoạn một có liên kết. mục a mục b Ảnh hội nghị chữ đậm mã');
  });

  it('matches what renderMarkdown shows for inline raw HTML', async () => {
    expect(await renderMarkdown('<b>chữ</b> đậm')).toBe('<p>chữ đậm</p>');
  });

  it('outputs NFC', () => {
    expect(markdownToPlainText('Đồng Hỷ'.normalize('NFD'))).toBe('Đồng Hỷ');
  });
});
