// Markdown bodies and their word counts: the server's countWords and the editor's script must agree on each.
export const WORD_COUNT_EXAMPLES: [markdown: string, words: number][] = [
  ['', 0],
  ['   \n\n  ', 0],
  ['Tổng số điểm đạt 73,87 điểm, xếp loại Tốt', 9],
  ['## Kết quả\n\nXã **Tân Cương** đạt *81,44%* kế hoạch.', 9],
  ['- Một\n- Hai\n  - Hai chấm một\n1. Ba\n2) Bốn', 7],
  ['Xem [cổng thông tin](https://thainguyen.gov.vn/tin "Tỉnh") ngay', 5],
  ['![Cầu treo bản Mỏ](/media/2026/11/cau.jpg "Cầu treo")\n\nẢnh trên', 2],
  ['| Chỉ tiêu | Kết quả |\n| --- | --- |\n| Điểm | 73,87 |', 6],
  ['> Trích dẫn ngắn\n\n---\n\n# Tiêu đề', 5],
  ['Vie\u0302\u0323t Nam', 2],
];
