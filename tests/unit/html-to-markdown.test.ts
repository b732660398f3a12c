// htmlToMarkdown's rules one by one (what pasted HTML keeps, drops and rebuilds) and its bounds, in workerd.
import { describe, expect, it } from 'vitest';
import { HtmlTooComplex, HtmlTooLarge, htmlToMarkdown, MAX_HTML_CHARS, MAX_HTML_TAGS } from '../../functions/content/html-to-markdown.ts';
import { measureMarkdown } from '../../functions/content/markdown-limits.ts';
import { renderMarkdown } from '../../functions/content/markdown.ts';
import { MAX_CONTAINER_DEPTH } from '../../functions/content/paste-cleanup.ts';

const md = (html: string) => htmlToMarkdown(html).markdown;

/** A Word list paragraph as Word writes it: the marker between `<![if !supportLists]>` and `<![endif]>`. */
const wordItem = (list: string, level: number, marker: string, text: string) =>
  `<p class=MsoListParagraphCxSpMiddle style='margin-left:${36 * level}.0pt;text-indent:-18.0pt;mso-list:${list} level${level} lfo1'><![if !supportLists]><span lang=VI style='font-family:Symbol'><span style='mso-list:Ignore'>${marker}<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp;</span></span></span><![endif]><span lang=VI>${text}<o:p></o:p></span></p>\n`;

describe('headings', () => {
  it('an h1 becomes ## and every heading moves down one level, in order (h6 stays h6)', () => {
    expect(md('<h1>Một</h1><p>a</p><h2>Hai</h2><h3>Ba</h3><h6>Sáu</h6>')).toBe('## Một\n\na\n\n### Hai\n\n#### Ba\n\n###### Sáu');
  });
  it('without an h1 the levels stay', () => {
    expect(md('<h2>Hai</h2><h4>Bốn</h4>')).toBe('## Hai\n\n#### Bốn');
  });
  it('bold inside a heading is not written (the heading is bold already)', () => {
    expect(md('<h2><b>Kết quả</b></h2>')).toBe('## Kết quả');
  });
});

describe('bold and italic', () => {
  it('come from tags and from inline styles (Google Docs font-weight:700, font-style:italic)', () => {
    expect(md('<p><span style="font-weight:700">đậm</span> <span style="font-style:italic">nghiêng</span> <strong>mạnh</strong> <em>nhấn</em></p>'))
      .toBe('**đậm** *nghiêng* **mạnh** *nhấn*');
  });
  it("Google Docs' outer <b style=\"font-weight:normal\" id=\"docs-internal-guid-…\"> is not bold", () => {
    expect(md('<b style="font-weight:normal;" id="docs-internal-guid-3f1c"><p><span style="font-weight:400">thường</span></p></b>')).toBe('thường');
  });
  it("Word's <b style='mso-bidi-font-weight:normal'> is bold (mso- declarations are Word's bookkeeping)", () => {
    expect(md("<p><b style='mso-bidi-font-weight:normal'>Word đậm</b></p>")).toBe('**Word đậm**');
  });
  it('bold inside bold is written once', () => {
    expect(md('<p><strong>ngoài <span style="font-weight:bold">trong</span></strong></p>')).toBe('**ngoài trong**');
  });
  it('spaces at the edges of bold and italic go outside the marks (Docs ends a bold run with its space), never &#x20;', () => {
    expect(md('<b style="font-weight:normal" id="docs-internal-guid-1"><p><span style="font-weight:400">Xem </span><span style="font-weight:700">chi tiết tại </span>'
      + '<a href="https://thainguyen.gov.vn/a"><span style="font-weight:700">cổng tỉnh</span></a><span style="font-weight:700"> ngay</span>'
      + '<span style="font-style:italic"> (hạn 30/6)</span>.</p></b>'))
      .toBe('Xem **chi tiết tại** [**cổng tỉnh**](https://thainguyen.gov.vn/a) **ngay** *(hạn 30/6)*.');
    expect(md('<p>a<b><i> b </i></b>c<b> </b>d<s>e </s>f</p>')).toBe('a **_b_** c d~~e~~ f');
  });
});

describe('links', () => {
  it('keeps http(s), mailto and site paths; javascript:, file: and Word anchors keep their text only', () => {
    expect(md('<p><a href="javascript:alert(1)">xấu</a> <a href="mailto:a@b.vn">thư</a> <a href="/van-ban/x">trang</a> <a href="file:///C:/x.doc">tệp</a> <a href="#_Toc123">mục lục</a> <a href="//example.vn/a">ngoài</a></p>'))
      .toBe('xấu [thư](mailto:a@b.vn) [trang](/van-ban/x) tệp mục lục [ngoài](https://example.vn/a)');
  });
});

describe('lists', () => {
  it("Google Docs' <ul> directly inside <ul> nests under the item before it", () => {
    expect(md('<ul><li>a</li><ul><li>b</li><ul><li>c</li></ul></ul><li>d</li></ul>')).toBe('- a\n  - b\n    - c\n- d');
  });
  it("LibreOffice's <li><p> items stay a tight list", () => {
    expect(md('<ol><li><p>một</p><li><p>hai</p></ol>')).toBe('1. một\n2. hai');
  });
  it('an item of two paragraphs keeps the list loose', () => {
    expect(md('<ul><li><p>a</p><p>b</p></li><li><p>c</p></li></ul>')).toBe('- a\n\n  b\n\n- c');
  });
  it("Word's mso-list paragraphs become nested lists: numbers and letters ordered, ·, o, § bullets, levels nest", () => {
    const html = wordItem('l0', 1, '·', 'Một') + wordItem('l0', 2, 'o', 'Hai') + wordItem('l0', 3, '§', 'Ba') + wordItem('l0', 1, '·', 'Bốn');
    expect(md(html)).toBe('- Một\n  - Hai\n    - Ba\n- Bốn');
    const numbered = wordItem('l1', 1, '1.', 'Rà soát') + wordItem('l1', 2, 'a)', 'Cấp xã') + wordItem('l1', 2, 'iv.', 'Cấp huyện') + wordItem('l1', 1, '2.', 'Báo cáo');
    expect(md(numbered)).toBe('1. Rà soát\n   1. Cấp xã\n   2. Cấp huyện\n2. Báo cáo');
  });
  it('a new Word list id starts a new list; a paragraph between ends it', () => {
    expect(md(wordItem('l0', 1, '1.', 'A') + wordItem('l1', 1, '·', 'B'))).toBe('1. A\n\n- B');
    expect(md(wordItem('l0', 1, '·', 'A') + '<p class=MsoNormal>giữa</p>' + wordItem('l0', 1, '·', 'B'))).toBe('- A\n\ngiữa\n\n- B');
  });
  it('a deeper Word level without the one above still nests one level', () => {
    expect(md(wordItem('l0', 1, '·', 'A') + wordItem('l0', 3, '·', 'C'))).toBe('- A\n  - C');
  });
  it(`lists and quotes nested deeper than ${MAX_CONTAINER_DEPTH} keep their text at that depth, within the Markdown limits`, async () => {
    const deep = '<ul><li>x'.repeat(30) + 'đáy' + '</li></ul>'.repeat(30);
    const out = md(deep);
    expect(out).toContain('đáy');
    expect(measureMarkdown(out).excess).toBeNull();
    expect(((await renderMarkdown(out)).match(/<ul>/g) ?? []).length).toBe(MAX_CONTAINER_DEPTH);
  });
});

describe('tables', () => {
  it('a table without a header row gets an empty one, so the first row stays data', async () => {
    const out = md('<table><tr><td>Xã Hóa Thượng</td><td>84,12</td></tr><tr><td>Sông Cầu</td><td>79,50</td></tr></table>');
    expect(out).toBe('|               |       |\n| ------------- | ----- |\n| Xã Hóa Thượng | 84,12 |\n| Sông Cầu      | 79,50 |');
    const html = await renderMarkdown(out);
    expect(html).toContain('<td>Xã Hóa Thượng</td>');
    expect(html).not.toMatch(/<th>[^<]/);
  });
  it('the first row is the header when it is <th>, in <thead>, or all bold (Word, Google Docs); header cells lose their **', () => {
    const expected = '| Chỉ số | 2023  |\n| ------ | ----- |\n| CCHC   | 73,87 |';
    expect(md('<table><tr><th>Chỉ số</th><th>2023</th></tr><tr><td>CCHC</td><td>73,87</td></tr></table>')).toBe(expected);
    expect(md('<table><thead><tr><td>Chỉ số</td><td>2023</td></tr></thead><tr><td>CCHC</td><td>73,87</td></tr></table>')).toBe(expected);
    expect(md("<table><tr style='mso-yfti-firstrow:yes'><td><p><b><span lang=VI>Chỉ số</span></b></p></td><td><span style=\"font-weight:700\">2023</span></td></tr><tr><td>CCHC</td><td>73,87</td></tr></table>")).toBe(expected);
  });
  it('a first row only partly bold is data', () => {
    expect(md('<table><tr><td><b>Chỉ</b> số</td><td><b>2023</b></td></tr></table>')).toBe('|            |          |\n| ---------- | -------- |\n| **Chỉ** số | **2023** |');
  });
  it('merged cells (colspan, rowspan) keep their text, the cells they covered are empty', () => {
    expect(md('<table><tr><th colspan=2>Gộp</th><th>C</th></tr><tr><td rowspan=2>Dòng</td><td>1</td><td>2</td></tr><tr><td>3</td><td>4</td></tr></table>'))
      .toBe('| Gộp  |   | C |\n| ---- | - | - |\n| Dòng | 1 | 2 |\n|      | 3 | 4 |');
  });
  it('a table inside a cell keeps its text, spaced', () => {
    expect(md('<table><thead><tr><th>A</th></tr></thead><tr><td><table><tr><td>trong</td><td>bảng</td></tr></table></td></tr></table>'))
      .toBe('| A          |\n| ---------- |\n| trong bảng |');
  });
});

describe('quotes, images, line breaks', () => {
  it('block quotes (and Word MsoQuote paragraphs) are > quotes', () => {
    expect(md('<blockquote><p>Trích</p></blockquote><p class=MsoQuote><span lang=VI>Word trích</span></p>')).toBe('> Trích\n\n> Word trích');
  });
  it('web and site images stay; data:, file:, blob: and cid: images are dropped and counted', () => {
    expect(htmlToMarkdown('<p><img src="data:image/png;base64,AAAA" alt="a"><img src="file:///C:/x.png"><img src="blob:https://x/y"><img src="cid:image001.png@01D"><img src="https://x.vn/a.jpg" alt="Ảnh"></p>'))
      .toEqual({ markdown: '![Ảnh](https://x.vn/a.jpg)', skippedImages: 4 });
  });
  it('a figure is ![alt](src "caption") alone in its paragraph; without a usable image its caption stays as text', async () => {
    const out = htmlToMarkdown('<figure><img src="/media/2024/03/a.webp" alt="Hội nghị"><figcaption>Quang cảnh <b>hội nghị</b></figcaption></figure><figure><img src="file:///C:/clip.png"><figcaption>Chú thích còn lại</figcaption></figure>');
    expect(out).toEqual({ markdown: '![Hội nghị](/media/2024/03/a.webp "Quang cảnh hội nghị")\n\nChú thích còn lại', skippedImages: 1 });
    expect(await renderMarkdown(out.markdown)).toContain('<figcaption>Quang cảnh hội nghị</figcaption>');
  });
  it('<br> is a hard line break written with a backslash (no trailing spaces)', () => {
    expect(md('<p>Lê Nguyệt<br>Trung tâm</p>')).toBe('Lê Nguyệt\\\nTrung tâm');
  });
});

describe('what is dropped', () => {
  it('style, script, meta, comments, StartFragment markers, <o:p>, <xml> islands, empty spans and paragraphs, &nbsp; indentation', () => {
    expect(md('<!--StartFragment--><style>p{color:red}</style><script>alert(1)</script><meta name=x content=y><p class=MsoNormal><span style="font-family:Arial;color:red"><o:p>&nbsp;</o:p></span></p><p>&nbsp;&nbsp;&nbsp;&nbsp;Thụt&nbsp;lề</p><p><span></span></p><xml><w:WordDocument>x</w:WordDocument></xml><v:shape id=x><v:imagedata src="clip.png"/></v:shape><!--EndFragment-->'))
      .toBe('Thụt lề');
  });
  it("Word's tracked changes keep the inserted text and drop the deleted; its comment anchors and comment list go", () => {
    expect(md('<p>Giữ <ins>thêm vào</ins><del>đã xóa</del> hết<span class=MsoCommentReference><a href="#_msocom_1" class=msocomanchor>[LN1]</a></span></p><div style="mso-element:comment-list"><div class=msocomtxt id=_com_1><p>Nhận xét</p></div></div>'))
      .toBe('Giữ thêm vào hết');
  });
});

describe('text', () => {
  it('is NFC, without trailing spaces or runs of blank lines; Vietnamese numbers stay as written', () => {
    expect(md('<p>Vie\u0302\u0323t   Nam  </p><p></p><p></p><br><br><p>73,87 điểm và 81,44%</p>')).toBe('Việt Nam\n\n73,87 điểm và 81,44%');
  });
  it('escapes Markdown only where needed: a "1." starting a paragraph that is no list, a * or _ in text', async () => {
    const out = md('<p>1. không phải danh sách</p><p>giá * 2 và _x_ và 3,5</p>');
    expect(out).toBe('1\\. không phải danh sách\n\ngiá \\* 2 và \\_x\\_ và 3,5');
    expect(await renderMarkdown(out)).toBe('<p>1. không phải danh sách</p>\n<p>giá * 2 và _x_ và 3,5</p>');
  });
  it('empty or blank input is empty Markdown', () => {
    expect(htmlToMarkdown('')).toEqual({ markdown: '', skippedImages: 0 });
    expect(htmlToMarkdown('  <p> </p> <meta charset="utf-8">')).toEqual({ markdown: '', skippedImages: 0 });
  });
});

describe('bounds', () => {
  it(`refuses over ${MAX_HTML_CHARS.toLocaleString('en')} characters before parsing (HtmlTooLarge)`, () => {
    const html = 'a'.repeat(MAX_HTML_CHARS + 1);
    expect(() => htmlToMarkdown(html)).toThrow(HtmlTooLarge);
    expect(htmlToMarkdown('a'.repeat(MAX_HTML_CHARS)).markdown).toHaveLength(MAX_HTML_CHARS);
  });
  it(`refuses over ${MAX_HTML_TAGS.toLocaleString('en')} tags before parsing (HtmlTooComplex): a 1.9 MB table of figures`, () => {
    let rows = '';
    for (let i = 0; rows.length < 1_900_000; i++) rows += `<tr><td>Xã ${i}</td><td>${i},87</td><td>81,44%</td></tr>`;
    const error = (() => { try { htmlToMarkdown(`<table>${rows}</table>`); } catch (e) { return e; } })();
    expect(error).toBeInstanceOf(HtmlTooComplex);
    expect(error).toMatchObject({ limit: MAX_HTML_TAGS });
    expect(() => htmlToMarkdown('<b>'.repeat(MAX_HTML_TAGS))).not.toThrow();
  });
  it('39,000 nested <div>s (the unified steps overflow the stack from about 2,000) convert to their text and images; formatting below the cut is not kept', () => {
    const n = 39_000;
    expect(htmlToMarkdown('<div>'.repeat(n) + 'sâu <b>đậm</b> <img src="https://x.vn/a.jpg" alt="ảnh">' + '</div>'.repeat(n)))
      .toEqual({ markdown: 'sâu đậm ![ảnh](https://x.vn/a.jpg)', skippedImages: 0 });
  });
  it('39,000 nested quotes and 19,000 nested list items give bounded Markdown the renderer takes', () => {
    for (const html of ['<blockquote>'.repeat(39_000) + 'x', '<ul><li>'.repeat(19_000) + 'x']) {
      const out = md(html);
      expect(out.endsWith('x')).toBe(true);
      expect(measureMarkdown(out).excess).toBeNull();
    }
  });
  it('400,000 sibling paragraphs do not overflow the stack either (too many tags: refused, as a clear error)', () => {
    expect(() => htmlToMarkdown('<p>a'.repeat(400_000))).toThrow(HtmlTooComplex);
    expect(md('<p>a'.repeat(20_000)).split('\n\n')).toHaveLength(20_000);
  });
});
