// The four clipboard captures (tests/fixtures/clipboard/) converted to Markdown: each expected text was read and
// judged right by hand (not an auto-snapshot), and what renderMarkdown makes of it has the source's structure.
import { expect, it } from 'vitest';
import { htmlToMarkdown } from '../../functions/content/html-to-markdown.ts';
import { renderMarkdown } from '../../functions/content/markdown.ts';
import googleDocs from '../fixtures/clipboard/google-docs.html?raw';
import libreOffice from '../fixtures/clipboard/libreoffice-7.html?raw';
import webPage from '../fixtures/clipboard/web-page.html?raw';
import word from '../fixtures/clipboard/word-2016-win.html?raw';
const wordMarkdown = `## Hội nghị đánh giá kết quả công tác cải cách hành chính năm 2023

Chiều ngày 7/3, UBND huyện Đồng Hỷ tổ chức Hội nghị phân tích, đánh giá kết quả công tác **cải cách hành chính (CCHC)** năm 2023, triển khai nhiệm vụ năm 2024. Chi tiết xem tại [Cổng thông tin điện tử huyện](https://dongy.thainguyen.gov.vn/cai-cach-hanh-chinh).

Năm 2023, chỉ số CCHC huyện Đồng Hỷ đạt **73,87 điểm** (tăng 6,1 điểm so với năm 2022), xếp loại khá. Mức độ hài lòng (SIPAS) đạt *81,44%*.

### Nhiệm vụ trọng tâm năm 2024

- Nâng cao chỉ số CCHC và chỉ số hài lòng
  - Kiểm tra thường xuyên, đột xuất việc thực thi công vụ
  - Công khai thủ tục hành chính
- Chuyển đổi số trong giải quyết thủ tục

Các bước triển khai:

1. Rà soát quy trình nội bộ
   1. Cấp xã
2. Báo cáo kết quả trước ngày 15/12

**Bảng 1. Kết quả chỉ số CCHC**

| Chỉ số      | Năm 2022 | Năm 2023 |
| ----------- | -------- | -------- |
| Chỉ số CCHC | 67,77    | 73,87    |
| SIPAS       | 78,00%   | 81,44%   |

|                   |       |
| ----------------- | ----- |
| Xã Hóa Thượng     | 84,12 |
| Thị trấn Sông Cầu | 79,50 |

> “Để cải thiện các chỉ số, các phòng ban, cơ quan đơn vị tiếp tục triển khai Chương trình CCHC giai đoạn 2021 - 2025.”

Lê Nguyệt (Trung tâm Văn hóa – Thể thao và Truyền thông Đồng Hỷ)`;
const libreOfficeMarkdown = `## Hội nghị đánh giá kết quả công tác cải cách hành chính năm 2023

Chiều ngày 7/3, UBND huyện Đồng Hỷ tổ chức Hội nghị phân tích, đánh giá kết quả công tác **cải cách hành chính (CCHC)** năm 2023. Chi tiết xem tại [Cổng thông tin điện tử huyện](https://dongy.thainguyen.gov.vn/cai-cach-hanh-chinh).

Năm 2023, chỉ số CCHC huyện Đồng Hỷ đạt **73,87 điểm**, mức độ hài lòng (SIPAS) đạt *81,44%*.

### Nhiệm vụ trọng tâm năm 2024

- Nâng cao chỉ số CCHC và chỉ số hài lòng
  - Kiểm tra thường xuyên, đột xuất việc thực thi công vụ
  - Công khai thủ tục hành chính
- Chuyển đổi số trong giải quyết thủ tục

1. Rà soát quy trình nội bộ
2. Báo cáo kết quả trước ngày 15/12

| Chỉ số      | Năm 2022 | Năm 2023 |
| ----------- | -------- | -------- |
| Chỉ số CCHC | 67,77    | 73,87    |
| SIPAS       | 78,00%   | 81,44%   |

|                   |       |
| ----------------- | ----- |
| Xã Hóa Thượng     | 84,12 |
| Thị trấn Sông Cầu | 79,50 |

> “Để cải thiện các chỉ số, các phòng ban, cơ quan đơn vị tiếp tục triển khai Chương trình CCHC giai đoạn 2021 - 2025.”

Lê Nguyệt (Trung tâm Văn hóa – Thể thao và Truyền thông Đồng Hỷ)`;
const googleDocsMarkdown = `## Hội nghị đánh giá kết quả công tác cải cách hành chính năm 2023

Chiều ngày 7/3, UBND huyện Đồng Hỷ tổ chức Hội nghị phân tích, đánh giá kết quả công tác **cải cách hành chính (CCHC)** năm 2023. Chi tiết xem tại [Cổng thông tin điện tử huyện](https://dongy.thainguyen.gov.vn/cai-cach-hanh-chinh).

Năm 2023, chỉ số CCHC huyện Đồng Hỷ đạt **73,87 điểm**, mức độ hài lòng (SIPAS) đạt *81,44%*.

### Nhiệm vụ trọng tâm năm 2024

- Nâng cao chỉ số CCHC và chỉ số hài lòng
  - Kiểm tra thường xuyên, đột xuất việc thực thi công vụ
  - Công khai thủ tục hành chính
- Chuyển đổi số trong giải quyết thủ tục

1. Rà soát quy trình nội bộ
2. Báo cáo kết quả trước ngày 15/12

| Chỉ số      | Năm 2022 | Năm 2023 |
| ----------- | -------- | -------- |
| Chỉ số CCHC | 67,77    | 73,87    |
| SIPAS       | 78,00%   | 81,44%   |

![](https://lh7-rt.googleusercontent.com/docsz/AD_4nXcQ8mT1k9vZ2pLr0XyB7uFhJd3sWq5eNaGiKo4tYv6RbMcUxE1lPzDfHgSjAkQw?key=q3Zr8TyU1vB0nM6xLp2dKw)

|                   |       |
| ----------------- | ----- |
| Xã Hóa Thượng     | 84,12 |
| Thị trấn Sông Cầu | 79,50 |`;
const webPageMarkdown = `## Đồng Hỷ: Chỉ số cải cách hành chính năm 2023 đạt 73,87 điểm

**(Cổng TTĐT) - Chiều ngày 7/3, UBND huyện Đồng Hỷ tổ chức Hội nghị phân tích, đánh giá kết quả công tác cải cách hành chính (CCHC) năm 2023.**

![Quang cảnh hội nghị](https://dongy.thainguyen.gov.vn/uploads/2024/03/hoi-nghi-cchc.jpg "Đồng chí Ngô Xuân Huy, Phó Chủ tịch UBND huyện chủ trì hội nghị")

Năm 2023, chỉ số CCHC huyện Đồng Hỷ đạt **73,87 điểm** (tăng 6,1 điểm so với năm 2022), xếp loại khá. Kết quả đo lường mức độ hài lòng (SIPAS) đạt *81,44%*, tăng 3,44% so với năm 2022. Xem [Kế hoạch CCHC năm 2024](/van-ban/ke-hoach-cchc-2024) và [chuyên trang CCHC của tỉnh](https://thainguyen.gov.vn/cchc).

### Kết quả các chỉ số thành phần

| Chỉ số      | Năm 2022 | Năm 2023 |
| ----------- | -------- | -------- |
| Chỉ số CCHC | 67,77    | 73,87    |
| SIPAS       | 78,00%   | 81,44%   |

Các nhiệm vụ trọng tâm:

- Nâng cao chỉ số CCHC và chỉ số hài lòng
  - Kiểm tra thường xuyên, đột xuất việc thực thi công vụ
  - Công khai thủ tục hành chính
- Chuyển đổi số trong giải quyết thủ tục

|                   |       |
| ----------------- | ----- |
| Xã Hóa Thượng     | 84,12 |
| Thị trấn Sông Cầu | 79,50 |

> “Để cải thiện các chỉ số, các phòng ban, cơ quan đơn vị tiếp tục triển khai Chương trình CCHC giai đoạn 2021 - 2025.”

**Lê Nguyệt**\\
(Trung tâm Văn hóa – Thể thao và Truyền thông Đồng Hỷ)

Chia sẻ`;

it.each([
  ['Word 2016', word, wordMarkdown, 1],
  ['LibreOffice 7', libreOffice, libreOfficeMarkdown, 0],
  ['Google Docs', googleDocs, googleDocsMarkdown, 0],
  ['a web page', webPage, webPageMarkdown, 0],
] as const)('%s: the exact Markdown and the images it could not keep', (_source, html, markdown, skipped) => {
  expect(htmlToMarkdown(html)).toEqual({ markdown, skippedImages: skipped });
});

/** The element names of the rendered body in document order, and a few relations that carry the structure. */
function outline(html: string) {
  return {
    h2: (html.match(/<h2>/g) ?? []).length,
    h3: (html.match(/<h3>/g) ?? []).length,
    nestedList: /<li>[^]*?<ul>\s*<li>Kiểm tra thường xuyên/.test(html),
    headerCells: (html.match(/<th>[^<]+<\/th>/g) ?? []).map((th) => th.replace(/<\/?th>/g, '')),
    tables: (html.match(/<table>/g) ?? []).length,
    strong: html.includes('<strong>73,87 điểm</strong>'),
    link: /<a href="[^"]+"[^>]*>[^<]+<\/a>/.test(html),
    figures: html.includes('73,87') && html.includes('81,44%'),
  };
}

it.each([
  ['Word 2016', word],
  ['LibreOffice 7', libreOffice],
  ['Google Docs', googleDocs],
  ['a web page', webPage],
] as const)('%s: rendered, the Markdown has the headings, nested list, tables with their header, bold and link', async (_source, html) => {
  const rendered = outline(await renderMarkdown(htmlToMarkdown(html).markdown));
  expect(rendered).toMatchObject({ nestedList: true, tables: 2, strong: true, link: true, figures: true });
  expect(rendered.h2 + rendered.h3).toBeGreaterThanOrEqual(2);
  // The table with a header row keeps it; the one without gets an empty one, so its first row stays data.
  expect(rendered.headerCells).toEqual(['Chỉ số', 'Năm 2022', 'Năm 2023']);
});

it('the Word capture renders its numbered list as <ol> with a nested <ol>, the bullets as <ul>, and its quote as <blockquote>', async () => {
  const html = await renderMarkdown(wordMarkdown);
  expect(html).toMatch(/<ol>\s*<li>Rà soát quy trình nội bộ\s*<ol>\s*<li>Cấp xã<\/li>/);
  expect(html).toMatch(/<ul>\s*<li>Nâng cao chỉ số CCHC và chỉ số hài lòng\s*<ul>/);
  expect(html).toMatch(/<blockquote>\s*<p>“Để cải thiện/);
  expect(html).not.toMatch(/mso-|MsoNormal|o:p|clip_image|supportLists/);
});
